//! Computer counterparts. Every strategy reads the game through a `SeatView` (its own beliefs,
//! never the truth) and returns `Orders` exactly as a human seat would, with a `Note` giving the
//! reason for every move. Pure: the only randomness is the `Dice` handed in.

mod diplomat;
mod doctrine;
mod reciprocity;

use crate::engine::dice::Dice;
use crate::engine::orders::Orders;
use crate::engine::view::SeatView;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How a computer seat plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Strategy {
    /// Restrain toward everyone, whatever happens (the naïve appeaser).
    AlwaysRestrain,
    /// Intensify toward everyone, whatever happens (the naïve hawk).
    AlwaysIntensify,
    /// Restrain first, then do what the other side was last seen doing.
    TitForTat,
    /// Tit-for-tat that forgives a defection with the probability the scenario's payoffs allow:
    /// min(1 − (T−R)/(R−S), (R−P)/(T−P)) (Nowak & Sigmund 1992), a third for the classic payoffs.
    GenerousTitForTat,
    /// Intensifies only after two defections in a row: slow to anger, so noise does not start a
    /// feud.
    TitForTwoTats,
    /// Win-stay, lose-shift (Pavlov): keeps its posture while the other side restrains, and
    /// switches when the other side defects.
    WinStayLoseShift,
    /// Restrain until the other side defects once, then intensify for ever.
    Grudger,
    /// A fair coin each turn.
    Random,
    /// The intent-driven counterpart: decides from its hidden intent, beliefs, fear and pressure.
    Doctrine,
    /// The scripted good diplomat: verifiable restraint, channels, agreements, measured costs.
    Diplomat,
}

impl Strategy {
    pub const ALL: [Strategy; 10] = [
        Strategy::AlwaysRestrain,
        Strategy::AlwaysIntensify,
        Strategy::TitForTat,
        Strategy::GenerousTitForTat,
        Strategy::TitForTwoTats,
        Strategy::WinStayLoseShift,
        Strategy::Grudger,
        Strategy::Random,
        Strategy::Doctrine,
        Strategy::Diplomat,
    ];

    /// The batch strategies of an Axelrod-style tournament (all but `doctrine` and `diplomat`).
    pub const BATCH: [Strategy; 8] = [
        Strategy::AlwaysRestrain,
        Strategy::AlwaysIntensify,
        Strategy::TitForTat,
        Strategy::GenerousTitForTat,
        Strategy::TitForTwoTats,
        Strategy::WinStayLoseShift,
        Strategy::Grudger,
        Strategy::Random,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Strategy::AlwaysRestrain => "always-restrain",
            Strategy::AlwaysIntensify => "always-intensify",
            Strategy::TitForTat => "tit-for-tat",
            Strategy::GenerousTitForTat => "generous-tit-for-tat",
            Strategy::TitForTwoTats => "tit-for-two-tats",
            Strategy::WinStayLoseShift => "win-stay-lose-shift",
            Strategy::Grudger => "grudger",
            Strategy::Random => "random",
            Strategy::Doctrine => "doctrine",
            Strategy::Diplomat => "diplomat",
        }
    }
}

impl fmt::Display for Strategy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, thiserror::Error)]
#[error(
    "unknown strategy \"{0}\"; choose one of: always-restrain, always-intensify, tit-for-tat, generous-tit-for-tat, grudger, random, doctrine, diplomat"
)]
pub struct UnknownStrategy(pub String);

impl FromStr for Strategy {
    type Err = UnknownStrategy;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Strategy::ALL
            .into_iter()
            .find(|x| x.name() == s)
            .ok_or_else(|| UnknownStrategy(s.to_owned()))
    }
}

/// The orders `strategy` gives for the seat of `view` this turn.
pub fn decide(strategy: &Strategy, view: &SeatView<'_>, dice: &mut Dice) -> Orders {
    match strategy {
        Strategy::Doctrine => doctrine::decide(view, dice),
        Strategy::Diplomat => diplomat::decide(view, dice),
        s => reciprocity::decide(*s, view, dice),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in Strategy::ALL {
            assert_eq!(s.name().parse::<Strategy>().unwrap(), s);
        }
        assert!("tit-for-three-tats".parse::<Strategy>().is_err());
    }
}
