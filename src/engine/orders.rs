//! What a seat submits each turn: the posture of its services toward each actor, the diplomatic
//! actions it pays for, its assessments of the others' intents, and its answers to proposals.
//! Human and computer seats submit the same type; saves record it verbatim.

use crate::ids::*;
use crate::scenario::file::ActionKind;
use serde::{Deserialize, Serialize};

/// The posture of a seat's own intelligence services toward one actor.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Posture {
    Restrain,
    #[default]
    Routine,
    Intensify,
}

impl Posture {
    pub const ALL: [Posture; 3] = [Posture::Restrain, Posture::Routine, Posture::Intensify];
}

/// Tone of a private message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tone {
    /// "We mean you no harm": cheap talk unless backed by something costly.
    Reassure,
    /// "Stop, or there will be consequences."
    Warn,
}

/// Confidence-building measures that can be proposed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Measure {
    OpenHotline,
    CertToCert,
    NotifyExercises,
    ShareIndicators,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CoalitionAsk {
    JointAttribution,
    Assistance,
    JointCosts,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NonStateAsk {
    /// Ask a company or CERT for help attributing an incident.
    Attribution,
    /// Ask a company to take down a criminal group's infrastructure.
    Takedown,
    /// Ask a host state to act against a criminal group it shelters.
    ActAgainst,
}

/// One diplomatic action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Action {
    Message {
        to: ActorIx,
        tone: Tone,
        evidence: Option<IncidentId>,
    },
    Demarche {
        to: ActorIx,
        incident: Option<IncidentId>,
    },
    HotlineCall {
        to: ActorIx,
        incident: Option<IncidentId>,
    },
    Meeting {
        with: ActorIx,
    },
    ProposeMeasure {
        to: ActorIx,
        measure: Measure,
    },
    ProposeAgreement {
        to: ActorIx,
        norm: NormIx,
    },
    /// A public pledge to respect a norm: tied hands, costly only if broken.
    PublicPledge {
        norm: NormIx,
    },
    /// Disclose and remove one's own implants in the target's networks: a sunk-cost signal.
    RemoveImplants {
        target: ActorIx,
    },
    PublicAttribution {
        incident: IncidentId,
        accused: ActorIx,
        norm: NormIx,
    },
    Coalition {
        partner: ActorIx,
        against: ActorIx,
        ask: CoalitionAsk,
    },
    Sanctions {
        target: ActorIx,
    },
    Indictment {
        target: ActorIx,
    },
    /// Disruption of one of `target`'s assets (its most critical one when `asset` is left
    /// out): the only way a seat's services disrupt anything.
    CounterOperation {
        target: ActorIx,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        asset: Option<AssetIx>,
    },
    CapacityBuilding,
    EngageNonState {
        actor: ActorIx,
        ask: NonStateAsk,
        about: Option<ActorIx>,
    },
    Forum {
        norm: NormIx,
        against: Option<ActorIx>,
    },
    Wait,
}

impl Action {
    pub fn kind(&self) -> ActionKind {
        match self {
            Action::Message { .. } => ActionKind::Message,
            Action::Demarche { .. } => ActionKind::Demarche,
            Action::HotlineCall { .. } => ActionKind::HotlineCall,
            Action::Meeting { .. } => ActionKind::Meeting,
            Action::ProposeMeasure { .. } => ActionKind::ProposeMeasure,
            Action::ProposeAgreement { .. } => ActionKind::ProposeAgreement,
            Action::PublicPledge { .. } => ActionKind::PublicPledge,
            Action::RemoveImplants { .. } => ActionKind::RemoveImplants,
            Action::PublicAttribution { .. } => ActionKind::PublicAttribution,
            Action::Coalition { .. } => ActionKind::Coalition,
            Action::Sanctions { .. } => ActionKind::Sanctions,
            Action::Indictment { .. } => ActionKind::Indictment,
            Action::CounterOperation { .. } => ActionKind::CounterOperation,
            Action::CapacityBuilding => ActionKind::CapacityBuilding,
            Action::EngageNonState { .. } => ActionKind::EngageNonState,
            Action::Forum { .. } => ActionKind::Forum,
            Action::Wait => ActionKind::Wait,
        }
    }

    /// The actor the action is aimed at, if any (escalation weight falls on this pair).
    pub fn target(&self) -> Option<ActorIx> {
        match *self {
            Action::Message { to, .. }
            | Action::Demarche { to, .. }
            | Action::HotlineCall { to, .. }
            | Action::ProposeMeasure { to, .. }
            | Action::ProposeAgreement { to, .. } => Some(to),
            Action::Meeting { with } => Some(with),
            Action::RemoveImplants { target }
            | Action::Sanctions { target }
            | Action::Indictment { target }
            | Action::CounterOperation { target, .. } => Some(target),
            Action::PublicAttribution { accused, .. } => Some(accused),
            Action::Coalition { against, .. } => Some(against),
            Action::EngageNonState { about, .. } => about,
            Action::Forum { against, .. } => against,
            Action::PublicPledge { .. } | Action::CapacityBuilding | Action::Wait => None,
        }
    }
}

/// A seat's recorded belief about one counterpart's intent: a probability per intent type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub of: ActorIx,
    pub probs: Vec<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub proposal: ProposalId,
    pub accept: bool,
}

/// Why a computer counterpart did something; stored with its orders and turned into a line of
/// text only when someone reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub about: Option<ActorIx>,
    pub reason: Reason,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Reason {
    /// Fear of `about` stands at the value; posture chosen accordingly.
    Fear { posture: Posture, fear: f64 },
    /// Reassured: belief that `about` is hostile fell to the value.
    Reassured { hostile: f64 },
    /// Exploits `about`'s observed restraint.
    ExploitRestraint,
    /// Deterred by the costs `about` imposed.
    Deterred { costs: f64 },
    /// Retaliates for an incident attributed to `about` with this confidence.
    Retaliate { confidence: f64 },
    /// Domestic pressure forces a visible response.
    Pressure { pressure: f64 },
    /// Seeks to lower tension with `about`.
    Deescalate { tension: f64 },
    /// Proposes or accepts a channel or norm to stabilise the relation.
    Stabilise,
    /// Refused a proposal from `about`; its belief that `about` is hostile stands at the value.
    Distrust { hostile: f64 },
    /// Asked for help to attribute an incident it can pin on `about` only with this confidence.
    SeekAttribution { confidence: f64 },
    /// Tied its own hands in public, so that restraint can be believed; tension stands at the
    /// value.
    TieHands { tension: f64 },
    /// Sought others' support against `about`, believed hostile with this probability.
    RallySupport { hostile: f64 },
    /// Asked the state that shelters `about` (a criminal group) to act against it.
    AskHost,
    /// A batch strategy played its fixed rule.
    Strategy {
        strategy: crate::ai::Strategy,
        posture: Posture,
    },
}

/// Everything one seat orders for one turn.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Orders {
    /// Postures toward actors; an actor left out keeps the posture of the last turn.
    #[serde(default)]
    pub postures: Vec<(ActorIx, Posture)>,
    #[serde(default)]
    pub actions: Vec<Action>,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    #[serde(default)]
    pub responses: Vec<Response>,
    #[serde(default)]
    pub notes: Vec<Note>,
}
