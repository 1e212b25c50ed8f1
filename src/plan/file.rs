//! The test plan format, as instructors write it beside a scenario (`NAME.test.ron`): cases of a
//! seed, the human seats' orders turn by turn, and what must hold at chosen turns. Everything is
//! named by the scenario's own ids.

use crate::ai::Strategy;
use crate::engine::Posture;
use crate::engine::orders::{CoalitionAsk, Measure, NonStateAsk, Tone};
use crate::ids::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The plan format this version reads.
pub const PLAN_FORMAT: u32 = 1;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "TestPlan")]
pub struct PlanFile {
    pub format: u32,
    pub cases: Vec<CaseDef>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Case")]
pub struct CaseDef {
    pub name: String,
    pub seed: u64,
    /// The seats people play; the others are computer counterparts. Empty: the scenario's
    /// playable roles.
    #[serde(default)]
    pub humans: Vec<ActorId>,
    /// A strategy for a seat: a computer seat plays it instead of the doctrine; a human seat plays
    /// it on the turns `turns` gives it no orders.
    #[serde(default)]
    pub strategies: BTreeMap<ActorId, Strategy>,
    /// Orders for turn 1, 2, …: for each human seat, what it does. A human seat with no orders
    /// for a turn (and no strategy) holds its postures and does nothing.
    #[serde(default)]
    pub turns: Vec<BTreeMap<ActorId, OrdersDef>>,
    /// Play at most this many turns; without it, to the end of the game.
    #[serde(default)]
    pub until: Option<u32>,
    pub expect: Vec<ExpectDef>,
}

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Orders")]
pub struct OrdersDef {
    #[serde(default)]
    pub postures: BTreeMap<ActorId, Posture>,
    #[serde(default)]
    pub actions: Vec<ActionDef>,
    /// Proposals to accept, by who made them: every pending proposal from that actor.
    #[serde(default)]
    pub accept: Vec<ActorId>,
}

/// An action, as the console offers it, with ids for the actors, norms and assets it names.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub enum ActionDef {
    Message {
        to: ActorId,
        tone: Tone,
    },
    Demarche {
        to: ActorId,
    },
    HotlineCall {
        to: ActorId,
    },
    Meeting {
        with: ActorId,
    },
    ProposeMeasure {
        to: ActorId,
        measure: Measure,
    },
    ProposeAgreement {
        to: ActorId,
        norm: NormId,
    },
    PublicPledge {
        norm: NormId,
    },
    RemoveImplants {
        target: ActorId,
    },
    Coalition {
        partner: ActorId,
        against: ActorId,
        ask: CoalitionAsk,
    },
    Sanctions {
        target: ActorId,
    },
    Indictment {
        target: ActorId,
    },
    CounterOperation {
        target: ActorId,
    },
    CapacityBuilding,
    EngageNonState {
        actor: ActorId,
        ask: NonStateAsk,
        #[serde(default)]
        about: Option<ActorId>,
    },
    Forum {
        norm: NormId,
        #[serde(default)]
        against: Option<ActorId>,
    },
    Wait,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Expect")]
pub struct ExpectDef {
    /// Checked once this turn has resolved; without it, at the end of the case.
    #[serde(default)]
    pub after_turn: Option<u32>,
    pub that: CheckDef,
}

/// Something the game state holds.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub enum CheckDef {
    /// The ladder's rung, compared by its place on the ladder.
    Rung(Order, RungId),
    /// The highest rung reached so far.
    PeakRung(Order, RungId),
    /// The escalation index (the ladder's thresholds are on its scale).
    Escalation(Bound),
    /// How much `by` fears `of`, 0 to 1.
    Fear { by: ActorId, of: ActorId, is: Bound },
    /// The probability `by` gives to `about` holding `intent`.
    Belief {
        by: ActorId,
        about: ActorId,
        intent: IntentId,
        is: Bound,
    },
    /// Tension between two actors.
    Tension {
        between: (ActorId, ActorId),
        is: Bound,
    },
    /// Trust between two actors.
    Trust {
        between: (ActorId, ActorId),
        is: Bound,
    },
    /// An actor's domestic pressure, 0 to 1.
    Pressure { of: ActorId, is: Bound },
    /// A scenario variable.
    Variable { id: VariableId, is: Bound },
    /// Whether an inject was sent (by its schedule, a rule or the facilitator).
    InjectSent(InjectId, bool),
    /// Whether a rule fired.
    RuleFired(RuleId, bool),
    /// How many events of a kind happened, e.g. `Happened("ChannelOpened", AtLeast(1))`.
    Happened(String, Bound),
    /// The game is still going.
    Running,
    /// The game ended this way; a settlement may be named, and the turn bounded.
    Ended {
        outcome: Ending,
        #[serde(default)]
        settlement: Option<SettlementId>,
        #[serde(default)]
        turn: Option<Bound>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum Ending {
    Failure,
    Settlement,
    TurnLimit,
}

/// A comparison of places on the ladder.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum Order {
    Is,
    AtLeast,
    AtMost,
    Below,
    Above,
}

/// A bound on a number.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize, Serialize)]
pub enum Bound {
    Is(f64),
    AtLeast(f64),
    AtMost(f64),
    Below(f64),
    Above(f64),
    Between(f64, f64),
}

impl Bound {
    /// Equality allows for floating-point rounding: plans are written in decimals.
    pub fn holds(self, x: f64) -> bool {
        const EPS: f64 = 1e-9;
        match self {
            Bound::Is(v) => (x - v).abs() <= EPS,
            Bound::AtLeast(v) => x >= v - EPS,
            Bound::AtMost(v) => x <= v + EPS,
            Bound::Below(v) => x < v,
            Bound::Above(v) => x > v,
            Bound::Between(a, b) => x >= a - EPS && x <= b + EPS,
        }
    }
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Bound::Is(v) => write!(f, "{v}"),
            Bound::AtLeast(v) => write!(f, "at least {v}"),
            Bound::AtMost(v) => write!(f, "at most {v}"),
            Bound::Below(v) => write!(f, "below {v}"),
            Bound::Above(v) => write!(f, "above {v}"),
            Bound::Between(a, b) => write!(f, "between {a} and {b}"),
        }
    }
}

impl Order {
    pub fn holds(self, actual: usize, wanted: usize) -> bool {
        match self {
            Order::Is => actual == wanted,
            Order::AtLeast => actual >= wanted,
            Order::AtMost => actual <= wanted,
            Order::Below => actual < wanted,
            Order::Above => actual > wanted,
        }
    }

    pub fn words(self) -> &'static str {
        match self {
            Order::Is => "",
            Order::AtLeast => "at least ",
            Order::AtMost => "at most ",
            Order::Below => "below ",
            Order::Above => "above ",
        }
    }
}
