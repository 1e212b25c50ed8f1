//! The whole truth of a game in progress. Only the engine writes it; front ends and computer
//! counterparts read it through a `SeatView`, which hides what a seat could not know.

use super::dice::Dice;
use super::event::{Event, Outcome, Proposed};
use super::orders::{Assessment, Posture};
use crate::ids::*;
use crate::scenario::Scenario;
use crate::scenario::file::OpKind;
use crate::scenario::model::{ChannelSet, NormSet};
use serde::{Deserialize, Serialize};

/// One actor's private state. Vectors indexed by another actor hold this actor's relation to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorState {
    /// The hidden intent type.
    pub intent: IntentIx,
    pub pressure: f64,
    pub reputation: f64,
    /// Diplomatic capital left this turn.
    pub capital: u32,
    pub detection: f64,
    pub resilience: f64,
    /// `beliefs[other * n_intents + i]`: this actor's probability that `other` holds intent `i`.
    pub beliefs: Vec<f64>,
    /// Fear of each actor: belief it is hostile times its perceived offensive capability.
    pub fear: Vec<f64>,
    /// Posture of this actor's services toward each actor, as executed last turn.
    pub posture: Vec<Posture>,
    /// What this actor saw each other actor do to it last turn.
    pub seen: Vec<Seen>,
    /// Turn until which a meeting with each actor lowers perception noise.
    pub meeting_until: Vec<u32>,
    /// Costs each actor imposed on this one recently (sanctions, attributions, counter-operations).
    pub costs_from: Vec<f64>,
    /// Norms this actor has publicly pledged to respect.
    pub pledges: NormSet,
    /// Turns during which capacity building is still raising detection and resilience.
    pub building: u32,
    /// Turn until which this actor's operations are suppressed (takedown, host-state action).
    pub suppressed_until: u32,
    /// Assessments this seat recorded, with the turn each was made in.
    pub assessments: Vec<(u32, Assessment)>,
    /// Running totals for the score.
    pub payoff: f64,
    pub damage: f64,
    pub gains: f64,
}

/// What one actor perceived of another's conduct toward it during the last turn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Seen {
    pub posture: Option<Posture>,
    /// Incidents attributed to it (lead suspect), weighted by confidence.
    pub hostile: f64,
    /// Conciliatory signals received from it.
    pub conciliatory: f64,
}

impl Seen {
    /// Whether the other side defected, as a reciprocating strategy judges it.
    pub fn defected(&self) -> bool {
        match self.posture {
            Some(p) => p == Posture::Intensify,
            None => self.hostile >= 0.5,
        }
    }
}

/// The relation of an unordered pair of actors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Relation {
    pub trust: f64,
    pub tension: f64,
    pub channels: ChannelSet,
    pub agreements: NormSet,
    pub broken_promises: u32,
    /// Measures in force beyond channels.
    pub exercises_notified: bool,
    pub sharing_indicators: bool,
}

impl Relation {
    /// Whether a confidence-building measure is in force: its channel open, or its practice kept.
    pub fn in_force(&self, m: super::orders::Measure) -> bool {
        use super::orders::Measure;
        use crate::scenario::file::Channel;
        match m {
            Measure::OpenHotline => self.channels.has(Channel::Hotline),
            Measure::CertToCert => self.channels.has(Channel::CertToCert),
            Measure::NotifyExercises => self.exercises_notified,
            Measure::ShareIndicators => self.sharing_indicators,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Operation {
    pub id: OperationId,
    pub by: ActorIx,
    pub target: AssetIx,
    pub kind: OpKind,
    pub started: u32,
    pub turns_left: u32,
    /// Noisy operations are found fast; stealthy ones dwell for months.
    pub noisy: bool,
    /// The actor the operation is dressed up to look like (a false flag), if any.
    pub false_flag: Option<ActorIx>,
    pub incident: Option<IncidentId>,
    /// Put on the table by a scenario rule: found in the next turn, whatever the detection.
    #[serde(default)]
    pub revealed: bool,
}

/// A pre-positioned implant left in place after an operation ended.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Implant {
    pub by: ActorIx,
    pub asset: AssetIx,
    pub since: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suspect {
    pub actor: ActorIx,
    pub confidence: f64,
}

/// A detected operation as its victim knows it, plus the hidden truth the debrief reveals.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    pub id: IncidentId,
    pub detected: u32,
    pub victim: ActorIx,
    pub asset: AssetIx,
    /// Indicators the victim has seen so far (perhaps misread).
    pub indicators: Vec<IndicatorIx>,
    /// Forensic indicators the investigation will reveal, and when.
    pub forensic: Vec<IndicatorIx>,
    pub forensic_due: u32,
    /// The victim's lead suspect; attribution can be wrong.
    pub lead: Suspect,
    /// Other actors who share the incident (indicator sharing, coalitions).
    pub shared_with: u64,
    /// Extra attribution effort (companies, partners) speeds up confidence.
    pub effort: f64,
    pub publicly_attributed: bool,
    /// The belief factor already applied to the lead suspect, per intent, so later evidence can
    /// replace rather than double-count it.
    pub applied: Vec<f64>,
    pub applied_to: ActorIx,
    /// Hidden truth.
    pub true_author: ActorIx,
    pub true_kind: OpKind,
    pub op: OperationId,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Proposal {
    pub id: ProposalId,
    pub by: ActorIx,
    pub to: ActorIx,
    pub what: Proposed,
    pub made: u32,
}

/// A snapshot taken at the end of every turn, for the debrief's curves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TurnRecord {
    pub turn: u32,
    pub rung: RungIx,
    pub escalation: f64,
    /// Tension per pair, in `pair_ix` order.
    pub tension: Vec<f64>,
    /// Every actor's beliefs, laid out as `ActorState::beliefs`, actor after actor.
    pub beliefs: Vec<f64>,
    /// Every actor's true intent.
    pub intents: Vec<IntentIx>,
}

#[derive(Clone, Debug)]
pub struct GameState {
    /// Turns completed; the turn being played is `turn + 1`.
    pub turn: u32,
    pub seed: u64,
    pub actors: Vec<ActorState>,
    /// Indexed by `pair_ix`.
    pub relations: Vec<Relation>,
    pub operations: Vec<Operation>,
    pub implants: Vec<Implant>,
    pub incidents: Vec<Incident>,
    pub proposals: Vec<Proposal>,
    pub rung: RungIx,
    pub peak_rung: RungIx,
    pub escalation: f64,
    pub variables: Vec<f64>,
    pub fired: Vec<bool>,
    pub outcome: Option<Outcome>,
    pub log: Vec<Event>,
    pub history: Vec<TurnRecord>,
    pub next_op: u32,
    pub next_proposal: u32,
    pub world: Dice,
    /// `beliefs::intrusion_rate` of the scenario, computed once per game.
    pub intrusion_rate: Vec<f64>,
    /// Per actor: played by a person, whose government's intent is its mandate. It is told to the
    /// player and never shifts by fear.
    pub mandated: Vec<bool>,
    /// Buffers reused from turn to turn; they carry nothing from one turn to the next.
    pub scratch: super::resolve::TurnCtx,
}

/// Position of the unordered pair {a, b} in `GameState::relations`.
#[inline]
pub fn pair_ix(a: ActorIx, b: ActorIx) -> usize {
    let (lo, hi) = if a.0 < b.0 {
        (a.ix(), b.ix())
    } else {
        (b.ix(), a.ix())
    };
    hi * (hi - 1) / 2 + lo
}

/// Number of unordered pairs among `n` actors.
pub fn pair_count(n: usize) -> usize {
    n * n.saturating_sub(1) / 2
}

impl GameState {
    pub fn n_actors(&self) -> usize {
        self.actors.len()
    }

    pub fn relation(&self, a: ActorIx, b: ActorIx) -> &Relation {
        &self.relations[pair_ix(a, b)]
    }

    pub fn relation_mut(&mut self, a: ActorIx, b: ActorIx) -> &mut Relation {
        &mut self.relations[pair_ix(a, b)]
    }

    /// `who`'s belief distribution over `about`'s intent types.
    pub fn belief(&self, sc: &Scenario, who: ActorIx, about: ActorIx) -> &[f64] {
        let k = sc.intents.len();
        let start = about.ix() * k;
        &self.actors[who.ix()].beliefs[start..start + k]
    }

    /// Probability `who` puts on `about` being hostile (intent hostility weighted by belief).
    pub fn hostile_belief(&self, sc: &Scenario, who: ActorIx, about: ActorIx) -> f64 {
        self.belief(sc, who, about)
            .iter()
            .zip(&sc.intents)
            .map(|(p, i)| p * i.hostility)
            .sum()
    }

    /// How much `who` fears `of` from the beliefs it holds: its belief that `of` is hostile times
    /// `of`'s offensive capability.
    pub fn fear(&self, sc: &Scenario, who: ActorIx, of: ActorIx) -> f64 {
        self.hostile_belief(sc, who, of) * sc.actors[of.ix()].capabilities.offence
    }

    pub fn incident(&self, id: IncidentId) -> Option<&Incident> {
        self.incidents.get(id.ix())
    }

    pub fn is_over(&self) -> bool {
        self.outcome.is_some()
    }

    /// A stable hash of everything that matters in the state, for replay checks.
    pub fn hash(&self) -> u64 {
        let mut h = Fnv::default();
        self.mix_into(&mut h);
        h.0
    }

    /// The same fields as `hash`, mixed a word at a time: several times faster, for the hash
    /// every turn records (the byte-wise `hash` stays as saves of format 2 recorded it).
    pub fn turn_hash(&self) -> u64 {
        let mut h = Words(0x243f_6a88_85a3_08d3);
        self.mix_into(&mut h);
        h.0
    }

    fn mix_into(&self, h: &mut impl Mix) {
        h.u64(u64::from(self.turn));
        h.u64(self.seed);
        for a in &self.actors {
            h.u64(u64::from(a.intent.0));
            for x in [
                a.pressure,
                a.reputation,
                a.detection,
                a.resilience,
                a.payoff,
                a.damage,
                a.gains,
            ] {
                h.f(x);
            }
            h.u64(u64::from(a.capital));
            a.beliefs
                .iter()
                .chain(&a.fear)
                .chain(&a.costs_from)
                .for_each(|x| h.f(*x));
            a.posture.iter().for_each(|p| h.u64(*p as u64));
            h.u64(a.assessments.len() as u64);
        }
        self.mandated.iter().for_each(|m| h.u64(u64::from(*m)));
        for r in &self.relations {
            h.f(r.trust);
            h.f(r.tension);
            h.u64(u64::from(r.channels.0));
            h.u64(r.agreements.0);
            h.u64(u64::from(r.broken_promises));
        }
        h.u64(self.operations.len() as u64);
        h.u64(self.incidents.len() as u64);
        for i in &self.incidents {
            h.u64(u64::from(i.lead.actor.0));
            h.f(i.lead.confidence);
        }
        h.u64(u64::from(self.rung.0));
        h.f(self.escalation);
        self.variables.iter().for_each(|x| h.f(*x));
        h.u64(self.log.len() as u64);
        h.u64(self.outcome.map_or(0, |o| o as u64 + 1));
    }
}

/// FNV-1a over 64-bit words: stable across platforms and Rust versions, unlike `DefaultHasher`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(pub(crate) u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

/// What a state hash is fed: words and floats (by their bits).
trait Mix {
    fn u64(&mut self, x: u64);
    fn f(&mut self, x: f64) {
        self.u64(x.to_bits());
    }
}

impl Mix for Fnv {
    fn u64(&mut self, x: u64) {
        Fnv::u64(self, x);
    }
}

/// A word-at-a-time mix (multiply, then fold the high bits down).
struct Words(u64);

impl Mix for Words {
    fn u64(&mut self, x: u64) {
        let h = (self.0 ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 29);
    }
}

impl Fnv {
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    pub(crate) fn u64(&mut self, x: u64) {
        for b in x.to_le_bytes() {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_are_dense_and_symmetric() {
        let n = 5;
        let mut seen = vec![false; pair_count(n)];
        for a in 0..n {
            for b in 0..n {
                if a != b {
                    let p = pair_ix(ActorIx::from_ix(a), ActorIx::from_ix(b));
                    assert_eq!(p, pair_ix(ActorIx::from_ix(b), ActorIx::from_ix(a)));
                    seen[p] = true;
                }
            }
        }
        assert!(seen.iter().all(|s| *s));
    }
}
