//! The scenario file as written by an instructor: a serde mirror of the RON text, strict about
//! unknown fields and variants. Nothing here is resolved or range-checked; `compile` does that and
//! turns this into the engine's indexed `Scenario`. Every enum with struct variants carries
//! `deny_unknown_fields` too, or ron reports a misspelt field as a missing one.

use crate::ids::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The newest scenario format this build understands.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Scenario")]
pub struct ScenarioFile {
    /// Format version; a newer one than `FORMAT_VERSION` is refused.
    pub format: u32,
    pub id: ScenarioId,
    pub title: String,
    pub author: String,
    /// The background every player reads before the first turn.
    pub briefing: String,
    #[serde(default)]
    pub objectives: Vec<String>,
    /// Questions the instructor can put to the room after the game.
    #[serde(default)]
    pub debrief_questions: Vec<String>,
    pub turn_limit: u32,
    /// Length of a turn in days; detection odds depend on it.
    #[serde(default = "default_days_per_turn")]
    pub days_per_turn: u32,
    /// Actors a human may play.
    pub playable: Vec<ActorId>,
    pub intents: Vec<IntentDef>,
    pub actors: Vec<ActorDef>,
    pub assets: Vec<AssetDef>,
    #[serde(default)]
    pub relations: Vec<RelationDef>,
    pub indicators: Vec<IndicatorDef>,
    pub ladder: Vec<RungDef>,
    #[serde(default)]
    pub norms: Vec<NormDef>,
    pub actions: Vec<ActionDef>,
    #[serde(default)]
    pub variables: Vec<VariableDef>,
    #[serde(default)]
    pub rules: Vec<RuleDef>,
    #[serde(default)]
    pub injects: Vec<InjectDef>,
    #[serde(default)]
    pub settlements: Vec<SettlementDef>,
    #[serde(default)]
    pub payoffs: Payoffs,
    #[serde(default)]
    pub model: ModelParams,
    pub score: ScoreWeights,
}

fn default_days_per_turn() -> u32 {
    7
}

/// A hidden intent type, e.g. security-seeker.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Intent")]
pub struct IntentDef {
    pub id: IntentId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// How hostile this intent is, 0 (benign) to 1 (hostile); fear is built on it.
    pub hostility: f64,
    /// Which behaviour family drives computer counterparts holding this intent.
    pub doctrine: Doctrine,
    /// What an actor with this intent does when its services launch an operation:
    /// a probability per operation kind, summing to 1.
    pub operations: BTreeMap<OpKind, f64>,
    /// Turns to this intent once fear of any actor passes `fear_above`.
    #[serde(default)]
    pub shift: Option<IntentShift>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IntentShift {
    pub to: IntentId,
    pub fear_above: f64,
}

/// Behaviour families of computer counterparts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Doctrine {
    /// Probes to learn, stands down when reassured.
    SecuritySeeker,
    /// Steals data and intellectual property, avoids disruption unless provoked.
    Opportunist,
    /// Pre-positions for disruption, exploits weakness, deterred by credible cost.
    Revisionist,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum ActorKind {
    State,
    CriminalGroup,
    Company,
    Cert,
    Hacktivist,
    Forum,
}

impl ActorKind {
    pub fn is_state(self) -> bool {
        matches!(self, ActorKind::State)
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Actor")]
pub struct ActorDef {
    pub id: ActorId,
    pub name: String,
    pub kind: ActorKind,
    /// What everyone knows about this actor.
    #[serde(default)]
    pub description: String,
    /// Weights of the hidden intent draw; also everyone's prior about this actor unless `prior`
    /// says otherwise.
    pub intents: BTreeMap<IntentId, f64>,
    /// What the other actors believe about this actor's intent at the start, if it differs from
    /// the draw (e.g. a reputation worse than the truth, or an intent only reachable by a shift).
    #[serde(default)]
    pub prior: Option<BTreeMap<IntentId, f64>>,
    /// What particular actors believe about this actor's intent at the start, where it differs
    /// from `prior`: e.g. `{"borealis": {"revisionist": 0.8, "security-seeker": 0.2}}`.
    #[serde(default)]
    pub prior_by: BTreeMap<ActorId, BTreeMap<IntentId, f64>>,
    pub capabilities: Capabilities,
    /// Domestic pressure at the start, 0 to 1.
    #[serde(default)]
    pub pressure: f64,
    /// Standing in the international community at the start, 0 to 1.
    #[serde(default = "half")]
    pub reputation: f64,
    /// Diplomatic capital granted each turn.
    #[serde(default = "default_capital")]
    pub capital: u32,
    /// The state that hosts, tolerates or directs this actor: a criminal surrogate's patron, a
    /// national CERT's government. Its services never target the actors it sponsors, and
    /// attribution of a surrogate's operations may point at the sponsor.
    #[serde(default)]
    pub sponsor: Option<ActorId>,
    /// The intent of this actor's government when people play it: their briefing tells them it,
    /// and it never shifts. Left out, a played seat's intent is drawn from `intents`, as for a
    /// computer seat.
    #[serde(default)]
    pub mandate: Option<IntentId>,
}

fn half() -> f64 {
    0.5
}

fn default_capital() -> u32 {
    3
}

/// Each 0 to 1.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Capabilities {
    pub offence: f64,
    pub detection: f64,
    pub attribution: f64,
    pub resilience: f64,
}

/// The four layers of cyberspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Layer {
    Physical,
    Logic,
    Data,
    Social,
}

/// Kinds of target that norms can protect.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Protection {
    CriticalInfrastructure,
    Cert,
    Health,
    Elections,
    IntellectualProperty,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Asset")]
pub struct AssetDef {
    pub id: AssetId,
    pub owner: ActorId,
    pub name: String,
    pub layer: Layer,
    /// 0 to 1; scales the escalation weight of an intrusion found in it.
    pub criticality: f64,
    #[serde(default)]
    pub protected: Vec<Protection>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum Channel {
    Embassy,
    Hotline,
    CertToCert,
    BackChannel,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Relation")]
pub struct RelationDef {
    pub between: (ActorId, ActorId),
    /// 0 to 1.
    #[serde(default = "half")]
    pub trust: f64,
    #[serde(default)]
    pub tension: f64,
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Norms both sides have already agreed to.
    #[serde(default)]
    pub agreements: Vec<NormId>,
}

/// Operation kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum OpKind {
    Reconnaissance,
    Espionage,
    PrePositioning,
    Disruption,
    Degeneration,
    Disinformation,
}

impl OpKind {
    /// Disruption, destruction and disinformation: the kinds that only an explicit order starts,
    /// and whose author was hostile in fact.
    pub fn is_disruptive(self) -> bool {
        matches!(
            self,
            OpKind::Disruption | OpKind::Degeneration | OpKind::Disinformation
        )
    }

    pub const ALL: [OpKind; 6] = [
        OpKind::Reconnaissance,
        OpKind::Espionage,
        OpKind::PrePositioning,
        OpKind::Disruption,
        OpKind::Degeneration,
        OpKind::Disinformation,
    ];

    pub fn ix(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Indicator")]
pub struct IndicatorDef {
    pub id: IndicatorId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Seen only after forensic work (a turn or more after detection).
    #[serde(default)]
    pub forensic: bool,
    /// Probability of this indicator showing, per operation kind; kinds left out are 0.
    pub likelihood: BTreeMap<OpKind, f64>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Rung")]
pub struct RungDef {
    pub id: RungId,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Escalation index at which the ladder climbs to this rung; the first rung's is 0.
    pub threshold: f64,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Norm")]
pub struct NormDef {
    pub id: NormId,
    pub name: String,
    #[serde(default)]
    pub text: String,
    /// Operation kinds the norm rules out.
    pub forbids: Vec<OpKind>,
    /// Targets it covers; empty means every target.
    #[serde(default)]
    pub protects: Vec<Protection>,
}

/// The diplomat's catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
pub enum ActionKind {
    Message,
    Demarche,
    HotlineCall,
    Meeting,
    ProposeMeasure,
    ProposeAgreement,
    PublicPledge,
    RemoveImplants,
    PublicAttribution,
    Coalition,
    Sanctions,
    Indictment,
    CounterOperation,
    CapacityBuilding,
    EngageNonState,
    Forum,
    Wait,
}

impl ActionKind {
    pub const ALL: [ActionKind; 17] = [
        ActionKind::Message,
        ActionKind::Demarche,
        ActionKind::HotlineCall,
        ActionKind::Meeting,
        ActionKind::ProposeMeasure,
        ActionKind::ProposeAgreement,
        ActionKind::PublicPledge,
        ActionKind::RemoveImplants,
        ActionKind::PublicAttribution,
        ActionKind::Coalition,
        ActionKind::Sanctions,
        ActionKind::Indictment,
        ActionKind::CounterOperation,
        ActionKind::CapacityBuilding,
        ActionKind::EngageNonState,
        ActionKind::Forum,
        ActionKind::Wait,
    ];

    pub fn ix(self) -> usize {
        self as usize
    }
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Action")]
pub struct ActionDef {
    pub kind: ActionKind,
    /// Diplomatic capital spent.
    pub cost: u32,
    /// Escalation weight: de-escalation -2, status quo 0, posturing 4, non-violent escalation 12.
    pub weight: f64,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Variable")]
pub struct VariableDef {
    pub id: VariableId,
    #[serde(default)]
    pub start: f64,
    #[serde(default)]
    pub description: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Rule")]
pub struct RuleDef {
    pub id: RuleId,
    #[serde(default)]
    pub description: String,
    pub when: Condition,
    pub then: Vec<Effect>,
    /// Fire every turn the condition holds, not only the first time.
    #[serde(default)]
    pub repeat: bool,
}

/// A comparison against a number.
#[derive(Clone, Copy, Debug, PartialEq, Deserialize, Serialize)]
pub enum Cmp {
    Above(f64),
    Below(f64),
}

impl Cmp {
    pub fn holds(self, x: f64) -> bool {
        match self {
            Cmp::Above(v) => x > v,
            Cmp::Below(v) => x < v,
        }
    }
}

/// A condition on the state of the game, checked at the end of each turn.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Condition {
    Always,
    All(Vec<Condition>),
    Any(Vec<Condition>),
    Not(Box<Condition>),
    /// The turn just resolved is at least this one (turns count from 1).
    TurnAtLeast(u32),
    /// The turn just resolved is exactly this one.
    Turn(u32),
    /// The ladder stands on this rung or higher.
    RungAtLeast(RungId),
    Tension {
        a: ActorId,
        b: ActorId,
        is: Cmp,
    },
    Trust {
        a: ActorId,
        b: ActorId,
        is: Cmp,
    },
    /// How much `actor` fears `of` (its belief that `of` is hostile times `of`'s capability).
    Fear {
        actor: ActorId,
        of: ActorId,
        is: Cmp,
    },
    Pressure {
        actor: ActorId,
        is: Cmp,
    },
    Reputation {
        actor: ActorId,
        is: Cmp,
    },
    Variable {
        id: VariableId,
        is: Cmp,
    },
    /// The actor's true, hidden intent.
    Intent {
        actor: ActorId,
        is: IntentId,
    },
    Agreement {
        a: ActorId,
        b: ActorId,
        norm: NormId,
    },
    ChannelOpen {
        a: ActorId,
        b: ActorId,
        channel: Channel,
    },
    /// The posture `actor`'s services hold toward `toward`.
    Posture {
        actor: ActorId,
        toward: ActorId,
        is: crate::engine::Posture,
    },
    /// A confidence-building measure in force between `a` and `b`: a hotline or CERT-to-CERT
    /// channel open, exercises notified, indicators shared.
    MeasureInForce {
        a: ActorId,
        b: ActorId,
        measure: crate::engine::orders::Measure,
    },
    /// An intrusion found so far was truly made by `by` (whatever the attribution says)
    /// against `victim`, with operation `op`. `None` fields match anything.
    Intruded {
        #[serde(default)]
        by: Option<ActorId>,
        #[serde(default)]
        victim: Option<ActorId>,
        #[serde(default)]
        op: Option<OpKind>,
    },
    /// True with this probability, drawn afresh each turn from dice derived from the game's
    /// seed, the turn and the condition's place in the file: the same game draws the same way
    /// however it is played.
    Chance(f64),
    /// Something happened during the turn just resolved.
    Happened(Happening),
}

/// Things that can happen in a turn, as rules see them. `None` fields match anything.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Happening {
    IncidentDetected {
        #[serde(default)]
        victim: Option<ActorId>,
        #[serde(default)]
        op: Option<OpKind>,
        /// Who truly made the intrusion (the truth, whatever the attribution says).
        #[serde(default)]
        by: Option<ActorId>,
    },
    OperationCompleted {
        #[serde(default)]
        by: Option<ActorId>,
        #[serde(default)]
        op: Option<OpKind>,
    },
    ActionTaken {
        #[serde(default)]
        by: Option<ActorId>,
        kind: ActionKind,
        /// Whom the action was aimed at (its recipient, target or partner).
        #[serde(default)]
        target: Option<ActorId>,
    },
    /// `by` accepted a proposal `from` made; with `measure`, only a proposal of that measure.
    ProposalAccepted {
        #[serde(default)]
        by: Option<ActorId>,
        #[serde(default)]
        from: Option<ActorId>,
        #[serde(default)]
        measure: Option<crate::engine::orders::Measure>,
    },
    AgreementSigned {
        #[serde(default)]
        norm: Option<NormId>,
    },
    NormViolated {
        #[serde(default)]
        norm: Option<NormId>,
    },
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Effect {
    /// Move the ladder up (positive) or down (negative) this many rungs.
    MoveLadder(i32),
    SetRung(RungId),
    AddTension {
        a: ActorId,
        b: ActorId,
        by: f64,
    },
    AddTrust {
        a: ActorId,
        b: ActorId,
        by: f64,
    },
    AddPressure {
        actor: ActorId,
        by: f64,
    },
    AddReputation {
        actor: ActorId,
        by: f64,
    },
    SetVariable {
        id: VariableId,
        to: f64,
    },
    AddVariable {
        id: VariableId,
        by: f64,
    },
    ShiftIntent {
        actor: ActorId,
        to: IntentId,
    },
    StartOperation {
        by: ActorId,
        target: AssetId,
        op: OpKind,
    },
    OpenChannel {
        a: ActorId,
        b: ActorId,
        channel: Channel,
    },
    /// An intrusion by `by` into `target` that its owner finds in the next turn, whatever its
    /// detection: the scenario's way to put an incident on the table. A state's services still
    /// obey the posture its seat holds; what that posture forbids does not happen.
    RevealIntrusion {
        by: ActorId,
        target: AssetId,
        op: OpKind,
    },
    Inject(InjectId),
    EndGame {
        outcome: EndKind,
        text: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum EndKind {
    Failure,
    Settlement,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum InjectKind {
    News,
    Cable,
    Intelligence,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Inject")]
pub struct InjectDef {
    pub id: InjectId,
    pub kind: InjectKind,
    pub title: String,
    pub text: String,
    /// Sent at the start of this turn; leave out for injects that only rules send.
    #[serde(default)]
    pub at_turn: Option<u32>,
    /// Who receives it; empty means everyone.
    #[serde(default)]
    pub audience: Vec<ActorId>,
    /// Sent only if this holds when it is due (at the end of the turn before, for a scheduled
    /// inject): an inject can depend on the truth, such as who really made an intrusion.
    #[serde(default)]
    pub only_if: Option<Condition>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename = "Settlement")]
pub struct SettlementDef {
    pub id: SettlementId,
    pub name: String,
    pub text: String,
    /// Checked from `after_turn` on; the game ends in this settlement when it holds.
    pub when: Condition,
    #[serde(default)]
    pub after_turn: u32,
}

/// Points per turn and pair from the postures the two sides held, as in the prisoner's dilemma.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Payoffs {
    pub mutual_restraint: f64,
    pub mutual_intensify: f64,
    pub temptation: f64,
    pub sucker: f64,
}

impl Default for Payoffs {
    fn default() -> Self {
        Payoffs {
            mutual_restraint: 3.0,
            mutual_intensify: 1.0,
            temptation: 5.0,
            sucker: 0.0,
        }
    }
}

/// Tuning of the model; every field has a default grounded in the literature (see the scenario format reference).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ModelParams {
    /// Tension kept from one turn to the next (λ).
    pub tension_decay: f64,
    /// Chance that an observer misreads an indicator or a signal.
    pub perception_noise: f64,
    /// Chance that a posture order misfires into another posture.
    pub implementation_noise: f64,
    /// Median dwell time in days of a stealthy operation against an average defender.
    pub stealthy_dwell_days: f64,
    /// Median dwell time in days of a noisy operation.
    pub noisy_dwell_days: f64,
    /// Share of operations that are noisy.
    pub noisy_share: f64,
    /// Chance per turn that services with this posture launch an operation against an actor.
    pub launch_restrain: f64,
    pub launch_routine: f64,
    pub launch_intensify: f64,
    /// Highest attribution confidence an investigation reaches.
    pub attribution_max: f64,
    /// Turns for attribution confidence to reach 63% of its maximum.
    pub attribution_tau: f64,
    /// How readily a state answers a cyberattack compared to an equal kinetic one.
    pub firebreak: f64,
    /// The two sides see each other's postures at the end of every turn (the classroom dilemma).
    pub postures_visible: bool,
}

impl Default for ModelParams {
    fn default() -> Self {
        ModelParams {
            tension_decay: 0.8,
            perception_noise: 0.05,
            implementation_noise: 0.02,
            stealthy_dwell_days: 100.0,
            noisy_dwell_days: 14.0,
            noisy_share: 0.4,
            launch_restrain: 0.05,
            launch_routine: 0.3,
            launch_intensify: 0.7,
            attribution_max: 0.85,
            attribution_tau: 2.0,
            firebreak: 0.6,
            postures_visible: false,
        }
    }
}

/// How the parts of an actor's score are weighted; need not sum to one.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ScoreWeights {
    pub conflict_avoided: f64,
    pub interest: f64,
    pub norms: f64,
    pub reputation: f64,
    pub assessment: f64,
}
