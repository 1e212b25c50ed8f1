//! Identifiers. Scenario files name things with string ids (`ActorId`); the engine works with
//! dense indices (`ActorIx`) so a turn resolves without hashing or allocating. Both are newtypes so
//! the compiler keeps an actor id from being passed where an asset id belongs.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    )*};
}

string_id! {
    /// A scenario's own id, e.g. `grid-probe`.
    ScenarioId;
    /// An actor as named in a scenario file.
    ActorId;
    /// An intent type as named in a scenario file.
    IntentId;
    /// An asset as named in a scenario file.
    AssetId;
    /// An indicator of compromise as named in a scenario file.
    IndicatorId;
    /// A rung of the escalation ladder.
    RungId;
    /// A norm of responsible behaviour.
    NormId;
    /// An escalation rule.
    RuleId;
    /// A news item, cable or intelligence report the scenario can send.
    InjectId;
    /// A named scenario variable that rules read and write.
    VariableId;
    /// A settlement (a good-enough end of the crisis).
    SettlementId;
}

macro_rules! index {
    ($($(#[$doc:meta])* $name:ident($int:ty);)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub $int);

        impl $name {
            #[inline]
            pub fn ix(self) -> usize {
                self.0 as usize
            }
            #[inline]
            pub fn from_ix(i: usize) -> Self {
                Self(i as $int)
            }
        }
    )*};
}

index! {
    /// Position of an actor in `Scenario::actors`.
    ActorIx(u16);
    /// Position of an intent type in `Scenario::intents`.
    IntentIx(u8);
    /// Position of an asset in `Scenario::assets`.
    AssetIx(u16);
    /// Position of an indicator in `Scenario::indicators`.
    IndicatorIx(u16);
    /// Position of a rung in `Scenario::ladder`.
    RungIx(u8);
    /// Position of a norm in `Scenario::norms`.
    NormIx(u8);
    /// Position of an inject in `Scenario::injects`.
    InjectIx(u16);
    /// Position of a variable in `Scenario::variables`.
    VariableIx(u16);
    /// Position of a rule in `Scenario::rules`.
    RuleIx(u16);
    /// An incident, numbered in the order incidents are detected in a game.
    IncidentId(u32);
    /// An operation, numbered in the order operations start in a game.
    OperationId(u32);
    /// A proposal (measure or agreement) awaiting an answer.
    ProposalId(u32);
}
