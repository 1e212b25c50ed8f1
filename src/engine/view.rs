//! A seat's view of the game: only what that actor could know. Front ends and computer
//! counterparts read the game through this type alone, so nothing they show or decide can come
//! from the hidden truth (other actors' intents, undetected operations, true authors).

use super::event::{Event, Outcome};
use super::orders::Posture;
use super::state::{ActorState, GameState, Incident, Proposal, Relation, Suspect};
use crate::ids::*;
use crate::scenario::Scenario;
use crate::scenario::file::ActionKind;
use crate::scenario::model::ActionCost;

/// One of the seat's own running operations, as the seat knows it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OwnOperation {
    pub target: AssetIx,
    pub owner: ActorIx,
    pub kind: crate::scenario::file::OpKind,
    /// The turn it began.
    pub since: u32,
    /// Whether the seat has been told the victim found it (a démarche, a call or message citing
    /// it, a public attribution or a norm violation).
    pub found: bool,
}

/// Whether an event tells its audience that incident `id` was found.
fn tells_found(kind: &super::event::EventKind, id: IncidentId) -> bool {
    use super::event::EventKind as K;
    use super::orders::Action as A;
    match kind {
        K::NormViolated { incident, .. } | K::WrongAttribution { incident, .. } => *incident == id,
        K::ActionTaken { action, .. } => match action {
            A::Demarche { incident, .. } | A::HotlineCall { incident, .. } => *incident == Some(id),
            A::Message { evidence, .. } => *evidence == Some(id),
            A::PublicAttribution { incident, .. } => *incident == id,
            _ => false,
        },
        _ => false,
    }
}

#[derive(Clone, Copy)]
pub struct SeatView<'a> {
    sc: &'a Scenario,
    state: &'a GameState,
    seat: ActorIx,
}

/// An incident as its victim (or those it shared it with) knows it.
#[derive(Clone, Copy, Debug)]
pub struct IncidentView<'a> {
    pub id: IncidentId,
    pub detected: u32,
    pub victim: ActorIx,
    pub asset: AssetIx,
    pub indicators: &'a [IndicatorIx],
    pub forensics_done: bool,
    pub lead: Suspect,
    pub publicly_attributed: bool,
}

impl<'a> IncidentView<'a> {
    fn of(i: &'a Incident, turn: u32) -> Self {
        IncidentView {
            id: i.id,
            detected: i.detected,
            victim: i.victim,
            asset: i.asset,
            indicators: &i.indicators,
            forensics_done: turn > i.forensic_due
                || (turn == i.forensic_due && i.forensic.is_empty()),
            lead: i.lead,
            publicly_attributed: i.publicly_attributed,
        }
    }
}

impl<'a> SeatView<'a> {
    pub fn new(sc: &'a Scenario, state: &'a GameState, seat: ActorIx) -> Self {
        SeatView { sc, state, seat }
    }

    pub fn scenario(&self) -> &'a Scenario {
        self.sc
    }

    pub fn seat(&self) -> ActorIx {
        self.seat
    }

    /// The seat's own government's intent, if a person plays it: its mandate, which the player
    /// is told (and which never shifts by fear). A computer seat's intent stays hidden here too.
    pub fn mandate(&self) -> Option<&'a crate::scenario::model::Intent> {
        let me = self.seat.ix();
        self.state.mandated[me].then(|| &self.sc.intents[self.state.actors[me].intent.ix()])
    }

    /// The turn being played (1-based).
    pub fn turn(&self) -> u32 {
        self.state.turn + 1
    }

    /// Turns completed.
    pub fn turns_played(&self) -> u32 {
        self.state.turn
    }

    pub fn outcome(&self) -> Option<Outcome> {
        self.state.outcome
    }

    /// The ladder is public: everyone sees how far the crisis has gone.
    pub fn rung(&self) -> RungIx {
        self.state.rung
    }

    /// Whether the engine would accept these orders from this seat now, and if not why.
    pub fn check(&self, orders: &super::orders::Orders) -> Result<(), super::check::OrderError> {
        super::check::check_orders(self.sc, self.state, self.seat, orders)
    }

    /// The ladder's rung as it stood after `turn` (0: at the start); public, like the ladder.
    pub fn rung_at(&self, turn: u32) -> Option<RungIx> {
        self.state.history.get(turn as usize).map(|h| h.rung)
    }

    pub fn escalation(&self) -> f64 {
        // Computed from the tensions shown, so it agrees with them before the first turn too.
        super::resolve::escalation_index(self.scenario(), self.state)
    }

    /// The seat's own state: its intent, pressure, capital, beliefs and postures.
    pub fn me(&self) -> &'a ActorState {
        &self.state.actors[self.seat.ix()]
    }

    pub fn others(&self) -> impl Iterator<Item = ActorIx> + use<'a> {
        let seat = self.seat;
        self.sc.actor_ixs().filter(move |a| *a != seat)
    }

    /// This seat's belief over `about`'s intent types.
    pub fn belief(&self, about: ActorIx) -> &'a [f64] {
        self.state.belief(self.sc, self.seat, about)
    }

    pub fn hostile_belief(&self, about: ActorIx) -> f64 {
        self.state.hostile_belief(self.sc, self.seat, about)
    }

    /// The fear the seat's government acted on at the last turn's end (none before the first).
    pub fn fear(&self, of: ActorIx) -> f64 {
        self.me().fear[of.ix()]
    }

    /// The seat's fear of `of` from the beliefs it holds now, by the rule the turn's end applies
    /// to the beliefs it then holds. What the screens show, so that the first turn's fear is not
    /// a blank zero.
    pub fn fear_now(&self, of: ActorIx) -> f64 {
        self.state.fear(self.sc, self.seat, of)
    }

    pub fn posture(&self, toward: ActorIx) -> Posture {
        self.me().posture[toward.ix()]
    }

    /// The seat's relation with `other` (trust, tension, channels, agreements).
    pub fn relation(&self, other: ActorIx) -> &'a Relation {
        self.state.relation(self.seat, other)
    }

    /// Public standing of any actor.
    pub fn reputation(&self, of: ActorIx) -> f64 {
        self.state.actors[of.ix()].reputation
    }

    pub fn incident(&self, id: IncidentId) -> Option<IncidentView<'a>> {
        let i = self.state.incidents.get(id.ix())?;
        self.knows(i).then(|| IncidentView::of(i, self.turn()))
    }

    /// Incidents this seat knows of, newest first.
    pub fn incidents(&self) -> impl Iterator<Item = IncidentView<'a>> + use<'a> {
        let me = *self;
        let turn = self.turn();
        self.state
            .incidents
            .iter()
            .rev()
            .filter(move |i| me.knows(i))
            .map(move |i| IncidentView::of(i, turn))
    }

    fn knows(&self, i: &Incident) -> bool {
        i.victim == self.seat || i.shared_with & (1 << self.seat.0) != 0
    }

    /// Events this seat may see, oldest first.
    pub fn events(&self) -> impl Iterator<Item = &'a Event> + use<'a> {
        let seat = self.seat;
        self.state.log.iter().filter(move |e| e.audience.sees(seat))
    }

    /// Events this seat may see from `turn` on, newest first (cheap: reads the log from its end).
    pub fn events_since(&self, turn: u32) -> impl Iterator<Item = &'a Event> + use<'a> {
        let seat = self.seat;
        self.state
            .log
            .iter()
            .rev()
            .take_while(move |e| e.turn >= turn)
            .filter(move |e| e.audience.sees(seat))
    }

    /// Events of one turn this seat may see.
    pub fn events_of(&self, turn: u32) -> impl Iterator<Item = &'a Event> + use<'a> {
        self.events().filter(move |e| e.turn == turn)
    }

    /// Proposals awaiting this seat's answer.
    pub fn proposals_to_me(&self) -> impl Iterator<Item = &'a Proposal> + use<'a> {
        let seat = self.seat;
        self.state.proposals.iter().filter(move |p| p.to == seat)
    }

    /// Norms the seat has bound itself to toward `other`: agreed with it, pledged in public, or
    /// proposed to it and still pending.
    pub fn norms_bound_toward(&self, other: ActorIx) -> Vec<NormIx> {
        let me = self.me();
        let agreed = self.relation(other).agreements;
        (0..self.sc.norms.len())
            .map(NormIx::from_ix)
            .filter(|n| {
                agreed.has(*n)
                    || me.pledges.has(*n)
                    || self.state.proposals.iter().any(|p| {
                        p.by == self.seat
                            && p.to == other
                            && p.what == super::event::Proposed::Agreement(*n)
                    })
            })
            .collect()
    }

    /// Actions the scenario offers, with their cost and escalation weight.
    pub fn actions(&self) -> impl Iterator<Item = (ActionKind, ActionCost)> + use<'a> {
        let sc = self.sc;
        ActionKind::ALL
            .into_iter()
            .filter_map(move |k| sc.action(k).map(|c| (k, c)))
    }

    pub fn capital(&self) -> u32 {
        self.me().capital
    }

    /// The seat's own operations still running, with whether it has been told one was found.
    pub fn own_operations(&self) -> impl Iterator<Item = OwnOperation> + use<'a> {
        let (sc, state, seat) = (self.sc, self.state, self.seat);
        state
            .operations
            .iter()
            .filter(move |op| op.by == seat)
            .map(move |op| OwnOperation {
                target: op.target,
                owner: sc.assets[op.target.ix()].owner,
                kind: op.kind,
                since: op.started,
                found: op.incident.is_some_and(|id| {
                    state
                        .log
                        .iter()
                        .any(|e| e.audience.sees(seat) && tells_found(&e.kind, id))
                }),
            })
    }

    /// The whole-game belief history of this seat about `about`, one entry per turn played.
    pub fn belief_history(&self, about: ActorIx) -> impl Iterator<Item = &'a [f64]> + use<'a> {
        let k = self.sc.intents.len();
        let n = self.sc.actors.len();
        let start = self.seat.ix() * n * k + about.ix() * k;
        self.state
            .history
            .iter()
            .map(move |h| &h.beliefs[start..start + k])
    }
}
