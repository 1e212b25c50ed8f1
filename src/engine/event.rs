//! Events: everything that happens in a game, each tagged with who may see it. Seat views, the
//! turn report, rules ("happened this turn") and the debrief are all read from the event log.

use super::orders::{Action, Measure, Note, Posture};
use crate::ids::*;
use crate::scenario::file::{Channel, EndKind, OpKind};
use serde::{Deserialize, Serialize};

/// A set of seats, as bits (a scenario has at most 64 actors).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SeatMask(pub u64);

impl SeatMask {
    pub const NOBODY: SeatMask = SeatMask(0);
    pub fn one(a: ActorIx) -> Self {
        SeatMask(1 << a.0)
    }
    pub fn two(a: ActorIx, b: ActorIx) -> Self {
        SeatMask((1 << a.0) | (1 << b.0))
    }
    pub fn with(self, a: ActorIx) -> Self {
        SeatMask(self.0 | (1 << a.0))
    }
    pub fn has(self, a: ActorIx) -> bool {
        self.0 & (1 << a.0) != 0
    }
}

/// Who may see an event. `Only(NOBODY)` events are the hidden truth, for the debrief alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Audience {
    Public,
    Only(SeatMask),
}

impl Audience {
    pub fn sees(self, seat: ActorIx) -> bool {
        match self {
            Audience::Public => true,
            Audience::Only(m) => m.has(seat),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The turn during which it happened (injects: the turn whose briefing shows them).
    pub turn: u32,
    pub audience: Audience,
    pub kind: EventKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// The ladder reached its top rung, or a rule ended the game badly.
    Failure,
    /// A settlement's condition held, or a rule ended the game well.
    Settlement,
    /// The turn limit was reached with the crisis still managed.
    TurnLimit,
}

impl From<EndKind> for Outcome {
    fn from(k: EndKind) -> Self {
        match k {
            EndKind::Failure => Outcome::Failure,
            EndKind::Settlement => Outcome::Settlement,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum EventKind {
    Inject(InjectIx),
    /// A seat chose this posture (seen by itself; by others only if observed).
    PostureSet {
        by: ActorIx,
        toward: ActorIx,
        posture: Posture,
        misfired: bool,
    },
    /// `observer` learnt `subject`'s posture toward it (perhaps misread).
    PostureObserved {
        observer: ActorIx,
        subject: ActorIx,
        posture: Posture,
    },
    /// What intensified collection on `subject` told `observer`.
    IntelReport {
        observer: ActorIx,
        subject: ActorIx,
        hostile: bool,
    },
    OperationStarted {
        op: OperationId,
        by: ActorIx,
        target: AssetIx,
        kind: OpKind,
    },
    /// A unit started an operation its seat's restrain posture forbade (implementation noise).
    /// Told to that seat at once; the debrief counts it as a misfire.
    OperationMisfired {
        op: OperationId,
        by: ActorIx,
        toward: ActorIx,
        kind: OpKind,
    },
    OperationCompleted {
        op: OperationId,
        by: ActorIx,
        target: AssetIx,
        kind: OpKind,
        detected: bool,
    },
    /// Visible effects of a disruptive operation (an outage, a leak), seen by the victim or all.
    Damage {
        asset: AssetIx,
        kind: OpKind,
        severity: f64,
    },
    /// The victim found an operation; `lead` is its investigators' first suspect.
    IncidentDetected {
        incident: IncidentId,
        victim: ActorIx,
        asset: AssetIx,
        lead: ActorIx,
        confidence: f64,
    },
    ForensicsComplete {
        incident: IncidentId,
    },
    AttributionUpdated {
        incident: IncidentId,
        lead: ActorIx,
        confidence: f64,
    },
    ActionTaken {
        by: ActorIx,
        action: Action,
    },
    /// A computer counterpart's reason for a decision.
    Decision {
        by: ActorIx,
        note: Note,
    },
    ProposalMade {
        proposal: ProposalId,
        by: ActorIx,
        to: ActorIx,
        what: Proposed,
    },
    ProposalAnswered {
        proposal: ProposalId,
        by: ActorIx,
        accepted: bool,
    },
    ChannelOpened {
        a: ActorIx,
        b: ActorIx,
        channel: Channel,
    },
    AgreementSigned {
        a: ActorIx,
        b: ActorIx,
        norm: NormIx,
    },
    /// A detected operation broke a norm its author had agreed to or pledged.
    NormViolated {
        by: ActorIx,
        victim: ActorIx,
        norm: NormIx,
        incident: IncidentId,
    },
    /// A public attribution named the wrong actor.
    WrongAttribution {
        by: ActorIx,
        accused: ActorIx,
        incident: IncidentId,
    },
    IntentShifted {
        actor: ActorIx,
        from: IntentIx,
        to: IntentIx,
    },
    RuleFired {
        rule: RuleIx,
    },
    LadderMoved {
        from: RungIx,
        to: RungIx,
    },
    GameEnded {
        outcome: Outcome,
        text: String,
    },
    /// A news item the facilitator sent.
    News {
        text: String,
    },
    /// The facilitator set a tension or a pressure, with a reason.
    Overridden {
        what: super::intervention::Overridden,
        to: f64,
        reason: String,
    },
}

/// What a proposal offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Proposed {
    Measure(Measure),
    Agreement(NormIx),
    /// A host state is asked to act against a group on its territory.
    ActAgainst(ActorIx),
}
