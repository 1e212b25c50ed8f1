//! The compiled scenario the engine runs: every id resolved to an index, every table laid out as a
//! dense array. Built only by `compile`, so an engine holding a `Scenario` never meets a dangling
//! reference.

use super::file::{
    ActionKind, ActorKind, Capabilities, Channel, Cmp, Doctrine, EndKind, InjectKind, Layer,
    ModelParams, OpKind, Payoffs, Protection, ScoreWeights,
};
use crate::ids::*;
use serde::{Deserialize, Serialize};

pub const OP_KINDS: usize = OpKind::ALL.len();

#[derive(Clone, Debug)]
pub struct Scenario {
    pub id: ScenarioId,
    pub title: String,
    pub author: String,
    pub briefing: String,
    pub objectives: Vec<String>,
    pub debrief_questions: Vec<String>,
    pub turn_limit: u32,
    pub days_per_turn: u32,
    pub playable: Vec<ActorIx>,
    pub intents: Vec<Intent>,
    pub actors: Vec<Actor>,
    pub assets: Vec<Asset>,
    pub relations: Vec<RelationInit>,
    pub indicators: Vec<Indicator>,
    pub ladder: Vec<Rung>,
    pub norms: Vec<Norm>,
    /// Indexed by `ActionKind::ix`; `None` where the scenario does not offer the action.
    pub actions: [Option<ActionCost>; ActionKind::ALL.len()],
    pub variables: Vec<Variable>,
    pub rules: Vec<Rule>,
    pub injects: Vec<Inject>,
    pub settlements: Vec<Settlement>,
    pub payoffs: Payoffs,
    pub model: ModelParams,
    pub score: ScoreWeights,
    /// Hash of the scenario's source text; saves carry it so a changed scenario is noticed.
    pub content_hash: u64,
    /// The source text itself, when the scenario was loaded from one: saves carry it so a game
    /// replays without its file.
    pub source: Option<std::sync::Arc<str>>,
}

impl Scenario {
    pub fn actor_ix(&self, id: &str) -> Option<ActorIx> {
        self.actors
            .iter()
            .position(|a| a.id.as_str() == id)
            .map(ActorIx::from_ix)
    }

    pub fn actor(&self, a: ActorIx) -> &Actor {
        &self.actors[a.ix()]
    }

    pub fn action(&self, kind: ActionKind) -> Option<ActionCost> {
        self.actions[kind.ix()]
    }

    pub fn top_rung(&self) -> RungIx {
        RungIx::from_ix(self.ladder.len() - 1)
    }

    /// Whether `a` and `b` are one side: the same actor, a sponsor and the actors it sponsors (its
    /// own CERT, the criminals it shelters), or two actors of one sponsor.
    pub fn same_side(&self, a: ActorIx, b: ActorIx) -> bool {
        let (sa, sb) = (self.actors[a.ix()].sponsor, self.actors[b.ix()].sponsor);
        a == b || sa == Some(b) || sb == Some(a) || (sa.is_some() && sa == sb)
    }

    pub fn actor_ixs(&self) -> impl Iterator<Item = ActorIx> + use<> {
        (0..self.actors.len()).map(ActorIx::from_ix)
    }
}

#[derive(Clone, Debug)]
pub struct Intent {
    pub id: IntentId,
    pub name: String,
    pub description: String,
    pub hostility: f64,
    pub doctrine: Doctrine,
    /// P(operation kind | intent), indexed by `OpKind::ix`.
    pub operations: [f64; OP_KINDS],
    pub shift: Option<(IntentIx, f64)>,
}

#[derive(Clone, Debug)]
pub struct Actor {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    pub description: String,
    /// Normalised weights of the hidden intent draw, indexed by `IntentIx`.
    pub weights: Vec<f64>,
    /// Normalised public prior about this actor's intent, indexed by `IntentIx`.
    pub prior: Vec<f64>,
    /// Observers whose prior differs from the public one, each with its own normalised prior.
    pub prior_by: Vec<(ActorIx, Vec<f64>)>,
    pub capabilities: Capabilities,
    pub pressure: f64,
    pub reputation: f64,
    pub capital: u32,
    pub sponsor: Option<ActorIx>,
    /// The intent people playing this seat are given, if the scenario fixes it.
    pub mandate: Option<IntentIx>,
}

impl Actor {
    /// What `observer` believes about this actor's intent at the start.
    pub fn prior_of(&self, observer: ActorIx) -> &[f64] {
        self.prior_by
            .iter()
            .find(|(o, _)| *o == observer)
            .map_or(&self.prior, |(_, p)| p)
    }

    /// Whether some observer's prior gives this actor intent `i`.
    pub fn conceivably(&self, i: IntentIx) -> bool {
        std::iter::once(&self.prior)
            .chain(self.prior_by.iter().map(|(_, p)| p))
            .any(|p| p.get(i.ix()).is_some_and(|w| *w > 0.0))
    }
}

#[derive(Clone, Debug)]
pub struct Asset {
    pub id: AssetId,
    pub owner: ActorIx,
    pub name: String,
    pub layer: Layer,
    pub criticality: f64,
    pub protected: Vec<Protection>,
}

#[derive(Clone, Debug)]
pub struct RelationInit {
    pub a: ActorIx,
    pub b: ActorIx,
    pub trust: f64,
    pub tension: f64,
    pub channels: ChannelSet,
    pub agreements: NormSet,
}

#[derive(Clone, Debug)]
pub struct Indicator {
    pub id: IndicatorId,
    pub name: String,
    pub description: String,
    pub forensic: bool,
    /// P(indicator shows | operation kind), indexed by `OpKind::ix`.
    pub likelihood: [f64; OP_KINDS],
}

#[derive(Clone, Debug)]
pub struct Rung {
    pub id: RungId,
    pub name: String,
    pub description: String,
    pub threshold: f64,
}

#[derive(Clone, Debug)]
pub struct Norm {
    pub id: NormId,
    pub name: String,
    pub text: String,
    pub forbids: Vec<OpKind>,
    pub protects: Vec<Protection>,
}

impl Norm {
    /// Whether an operation of `op` against `asset` breaks this norm.
    pub fn violated_by(&self, op: OpKind, asset: &Asset) -> bool {
        self.forbids.contains(&op)
            && (self.protects.is_empty()
                || self.protects.iter().any(|p| asset.protected.contains(p)))
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ActionCost {
    pub cost: u32,
    pub weight: f64,
}

#[derive(Clone, Debug)]
pub struct Variable {
    pub id: VariableId,
    pub start: f64,
    pub description: String,
}

#[derive(Clone, Debug)]
pub struct Rule {
    pub id: RuleId,
    pub description: String,
    pub when: Cond,
    pub then: Vec<Eff>,
    pub repeat: bool,
}

/// Compiled `Condition`.
#[derive(Clone, Debug)]
pub enum Cond {
    Always,
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    TurnAtLeast(u32),
    Turn(u32),
    RungAtLeast(RungIx),
    Tension(ActorIx, ActorIx, Cmp),
    Trust(ActorIx, ActorIx, Cmp),
    Fear(ActorIx, ActorIx, Cmp),
    Pressure(ActorIx, Cmp),
    Reputation(ActorIx, Cmp),
    Variable(VariableIx, Cmp),
    Intent(ActorIx, IntentIx),
    Agreement(ActorIx, ActorIx, NormIx),
    ChannelOpen(ActorIx, ActorIx, Channel),
    Posture(ActorIx, ActorIx, crate::engine::Posture),
    MeasureInForce(ActorIx, ActorIx, crate::engine::orders::Measure),
    Intruded {
        by: Option<ActorIx>,
        victim: Option<ActorIx>,
        op: Option<OpKind>,
    },
    /// A probability and the condition's own number, which keys its dice.
    Chance(f64, u32),
    Happened(Happen),
}

/// Compiled `Happening`.
#[derive(Clone, Debug)]
pub enum Happen {
    IncidentDetected {
        victim: Option<ActorIx>,
        op: Option<OpKind>,
        by: Option<ActorIx>,
    },
    OperationCompleted {
        by: Option<ActorIx>,
        op: Option<OpKind>,
    },
    ActionTaken {
        by: Option<ActorIx>,
        kind: ActionKind,
        target: Option<ActorIx>,
    },
    ProposalAccepted {
        by: Option<ActorIx>,
        from: Option<ActorIx>,
        measure: Option<crate::engine::orders::Measure>,
    },
    AgreementSigned {
        norm: Option<NormIx>,
    },
    NormViolated {
        norm: Option<NormIx>,
    },
}

/// Compiled `Effect`.
#[derive(Clone, Debug)]
pub enum Eff {
    MoveLadder(i32),
    SetRung(RungIx),
    AddTension(ActorIx, ActorIx, f64),
    AddTrust(ActorIx, ActorIx, f64),
    AddPressure(ActorIx, f64),
    AddReputation(ActorIx, f64),
    SetVariable(VariableIx, f64),
    AddVariable(VariableIx, f64),
    ShiftIntent(ActorIx, IntentIx),
    StartOperation(ActorIx, AssetIx, OpKind),
    OpenChannel(ActorIx, ActorIx, Channel),
    RevealIntrusion(ActorIx, AssetIx, OpKind),
    Inject(InjectIx),
    EndGame(EndKind, String),
}

#[derive(Clone, Debug)]
pub struct Inject {
    pub id: InjectId,
    pub kind: InjectKind,
    pub title: String,
    pub text: String,
    pub at_turn: Option<u32>,
    /// Empty means everyone.
    pub audience: Vec<ActorIx>,
    pub only_if: Option<Cond>,
}

#[derive(Clone, Debug)]
pub struct Settlement {
    pub id: SettlementId,
    pub name: String,
    pub text: String,
    pub when: Cond,
    pub after_turn: u32,
}

/// A set of channels, as bits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ChannelSet(pub u8);

impl ChannelSet {
    pub fn bit(c: Channel) -> u8 {
        1 << (c as u8)
    }
    pub fn has(self, c: Channel) -> bool {
        self.0 & Self::bit(c) != 0
    }
    pub fn insert(&mut self, c: Channel) {
        self.0 |= Self::bit(c);
    }
    pub fn iter(self) -> impl Iterator<Item = Channel> {
        [
            Channel::Embassy,
            Channel::Hotline,
            Channel::CertToCert,
            Channel::BackChannel,
        ]
        .into_iter()
        .filter(move |c| self.has(*c))
    }
}

/// A set of norms, as bits (a scenario has at most 64 norms).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NormSet(pub u64);

impl NormSet {
    pub fn has(self, n: NormIx) -> bool {
        self.0 & (1 << n.0) != 0
    }
    pub fn insert(&mut self, n: NormIx) {
        self.0 |= 1 << n.0;
    }
    pub fn remove(&mut self, n: NormIx) {
        self.0 &= !(1 << n.0);
    }
    pub fn len(self) -> u32 {
        self.0.count_ones()
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn iter(self) -> impl Iterator<Item = NormIx> {
        (0..64u8)
            .filter(move |i| self.0 & (1 << i) != 0)
            .map(NormIx)
    }
}
