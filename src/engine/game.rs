//! A game: the scenario, the state, and the orders of every turn so far
//! (which is all a save needs). `Game::resolve` is the only way the state moves.

use super::check::{OrderError, check_orders};
use super::dice::{Dice, Purpose};
use super::event::{Audience, Event, EventKind};
use super::intervention::{Intervention, InterventionError, Logged};
use super::orders::{Orders, Posture};
use super::state::{ActorState, Fnv, GameState, Relation, Seen, pair_count, pair_ix};
use super::view::SeatView;
use crate::ai::Strategy;
use crate::ids::*;
use crate::scenario::Scenario;
use crate::scenario::model::{ChannelSet, NormSet};
use std::sync::Arc;

/// Stream id of the world dice; fixed forever, saves depend on it.
const WORLD_STREAM: u64 = 0;

/// The orders of one turn, seat by seat in actor order.
pub type TurnOrders = Vec<(ActorIx, Orders)>;

#[derive(Clone, Debug)]
pub struct Game {
    scenario: Arc<Scenario>,
    state: GameState,
    orders: Vec<TurnOrders>,
    /// Every facilitator intervention, in the order made.
    interventions: Vec<Logged>,
    /// `GameState::hash` after each resolved turn; `turn_hashes` folds in the turn's orders and
    /// interventions when asked (only saves and comparisons need them, not batch runs).
    state_hashes: Vec<u64>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum EngineError {
    #[error("the game is over")]
    GameOver,
    #[error("orders for {0:?} were given twice in one turn")]
    DuplicateSeat(ActorIx),
    #[error("there is no actor {0:?}")]
    NoSuchActor(ActorIx),
    #[error("an intervention is recorded out of turn order, or after the last turn")]
    OutOfTurn,
    #[error(transparent)]
    Orders(#[from] OrderError),
    #[error(transparent)]
    Intervention(#[from] InterventionError),
}

impl Game {
    /// Starts a game with computer seats only: draws every actor's hidden intent and sends the
    /// first turn's injects.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        Game::with_humans(scenario, seed, &[])
    }

    /// Starts a game in which `humans` are played by people: their governments' intents are
    /// mandates, told to them and never shifted by fear.
    pub fn with_humans(scenario: Arc<Scenario>, seed: u64, humans: &[ActorIx]) -> Self {
        let sc = &*scenario;
        let mut world = Dice::new(seed, WORLD_STREAM);
        let n = sc.actors.len();
        let k = sc.intents.len();
        let actors = sc
            .actors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                // Drawn for every seat, so a fixed mandate leaves every later draw in place.
                let drawn = IntentIx::from_ix(world.weighted(&a.weights));
                let intent = match a.mandate {
                    Some(m) if humans.contains(&ActorIx::from_ix(i)) => m,
                    _ => drawn,
                };
                let beliefs = sc
                    .actors
                    .iter()
                    .flat_map(|b| b.prior_of(ActorIx::from_ix(i)).iter().copied())
                    .collect();
                debug_assert_eq!(
                    k * n,
                    sc.actors.iter().map(|b| b.prior.len()).sum::<usize>()
                );
                ActorState {
                    intent,
                    pressure: a.pressure,
                    reputation: a.reputation,
                    capital: a.capital,
                    detection: a.capabilities.detection,
                    resilience: a.capabilities.resilience,
                    beliefs,
                    fear: vec![0.0; n],
                    posture: vec![Posture::Routine; n],
                    seen: vec![Seen::default(); n],
                    meeting_until: vec![0; n],
                    costs_from: vec![0.0; n],
                    pledges: NormSet::default(),
                    building: 0,
                    suppressed_until: 0,
                    assessments: Vec::new(),
                    payoff: 0.0,
                    damage: 0.0,
                    gains: 0.0,
                }
            })
            .collect();
        let mut relations = vec![
            Relation {
                trust: 0.5,
                tension: 0.0,
                channels: ChannelSet::default(),
                agreements: NormSet::default(),
                broken_promises: 0,
                exercises_notified: false,
                sharing_indicators: false,
            };
            pair_count(n)
        ];
        for r in &sc.relations {
            let rel = &mut relations[pair_ix(r.a, r.b)];
            rel.trust = r.trust;
            rel.tension = r.tension;
            rel.channels = r.channels;
            rel.agreements = r.agreements;
        }
        let mut state = GameState {
            turn: 0,
            seed,
            actors,
            relations,
            operations: Vec::new(),
            implants: Vec::new(),
            incidents: Vec::new(),
            proposals: Vec::new(),
            rung: RungIx(0),
            peak_rung: RungIx(0),
            escalation: 0.0,
            variables: sc.variables.iter().map(|v| v.start).collect(),
            fired: vec![false; sc.rules.len()],
            outcome: None,
            log: Vec::new(),
            history: Vec::new(),
            next_op: 0,
            next_proposal: 0,
            world,
            scratch: Default::default(),
            intrusion_rate: {
                let mut r = vec![0.0; k];
                super::beliefs::intrusion_rate(sc, &mut r);
                r
            },
            mandated: (0..n)
                .map(|a| humans.contains(&ActorIx::from_ix(a)))
                .collect(),
        };
        super::resolve::initialise(sc, &mut state);
        Game {
            scenario,
            state,
            orders: Vec::new(),
            interventions: Vec::new(),
            state_hashes: Vec::new(),
        }
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// The whole truth: for the debrief, replays and tests, never for a player's screen.
    pub fn state(&self) -> &GameState {
        &self.state
    }

    pub fn seed(&self) -> u64 {
        self.state.seed
    }

    /// Orders of every turn resolved so far.
    pub fn orders(&self) -> &[TurnOrders] {
        &self.orders
    }

    /// The turn now being played (1-based).
    pub fn current_turn(&self) -> u32 {
        self.state.turn + 1
    }

    pub fn is_over(&self) -> bool {
        self.state.is_over()
    }

    /// What `seat` may know.
    pub fn view(&self, seat: ActorIx) -> SeatView<'_> {
        SeatView::new(&self.scenario, &self.state, seat)
    }

    /// Checks one seat's orders against the current state without changing anything.
    pub fn check(&self, seat: ActorIx, orders: &Orders) -> Result<(), OrderError> {
        check_orders(&self.scenario, &self.state, seat, orders)
    }

    /// Orders for `seat` from a computer strategy. Its dice are derived from (seed, turn, seat),
    /// so the choice is the same whenever and however the game reached this turn, and whoever
    /// plays the other seats.
    pub fn decide(&self, seat: ActorIx, strategy: &Strategy) -> Orders {
        let view = SeatView::new(&self.scenario, &self.state, seat);
        let mut dice = Dice::derived(
            self.state.seed,
            self.current_turn(),
            seat.ix() as u32,
            Purpose::Decision,
        );
        crate::ai::decide(strategy, &view, &mut dice)
    }

    /// Resolves one turn from every seat's orders (seats left out keep their postures and act
    /// not at all). All orders are checked first; on any error nothing changes.
    pub fn resolve(
        &mut self,
        mut orders: TurnOrders,
    ) -> Result<std::ops::Range<usize>, EngineError> {
        if self.is_over() {
            return Err(EngineError::GameOver);
        }
        orders.sort_by_key(|(a, _)| *a);
        for w in orders.windows(2) {
            if w[0].0 == w[1].0 {
                return Err(EngineError::DuplicateSeat(w[0].0));
            }
        }
        for (seat, o) in &orders {
            if seat.ix() >= self.scenario.actors.len() {
                return Err(EngineError::NoSuchActor(*seat));
            }
            self.check(*seat, o)?;
        }
        let start = self.state.log.len();
        super::resolve::resolve(&self.scenario, &mut self.state, &orders);
        self.state_hashes.push(self.state.turn_hash());
        self.orders.push(orders);
        Ok(start..self.state.log.len())
    }

    /// Makes a facilitator's intervention during the current turn and records it. On an error
    /// nothing changes.
    pub fn intervene(&mut self, what: Intervention) -> Result<std::ops::Range<usize>, EngineError> {
        if self.is_over() {
            return Err(EngineError::GameOver);
        }
        what.check(&self.scenario)?;
        let start = self.state.log.len();
        let turn = self.current_turn();
        what.apply(&self.scenario, &mut self.state, turn);
        self.interventions.push(Logged { turn, what });
        Ok(start..self.state.log.len())
    }

    /// Every intervention so far, oldest first.
    pub fn interventions(&self) -> &[Logged] {
        &self.interventions
    }

    fn made_during(&self, turn: u32) -> impl Iterator<Item = &Logged> {
        self.interventions.iter().filter(move |l| l.turn == turn)
    }

    /// One hash per resolved turn, covering the state after it, every seat's orders with their
    /// reasons, and the interventions made during it: a save keeps them, so a replay that
    /// differs names the first turn where it does.
    pub fn turn_hashes(&self) -> Vec<u64> {
        self.state_hashes
            .iter()
            .zip(&self.orders)
            .enumerate()
            .map(|(i, (h, o))| digest(*h, o, self.made_during(i as u32 + 1)))
            .collect()
    }

    /// The state's hash, and the interventions made in the turn now being played if there are
    /// any: what a save's final hash records.
    pub fn hash(&self) -> u64 {
        let state = self.state.hash();
        let mut pending = self.made_during(self.current_turn()).peekable();
        if pending.peek().is_none() {
            state
        } else {
            digest(state, &[], pending)
        }
    }

    /// Plays every seat with `strategies` (indexed by actor) until the game ends. Used by batch
    /// runs.
    pub fn play_out(&mut self, strategies: &[Strategy]) {
        while !self.is_over() {
            if !self.play_turn(strategies) {
                return;
            }
        }
    }

    /// Plays one turn with every seat on its strategy (indexed by actor); false if the turn
    /// could not be played (the game is over).
    pub fn play_turn(&mut self, strategies: &[Strategy]) -> bool {
        let orders: TurnOrders = (0..self.scenario.actors.len())
            .map(|a| {
                let a = ActorIx::from_ix(a);
                (a, self.decide(a, &strategies[a.ix()]))
            })
            .collect();
        // Computer orders are built from the seat's own view and always pass the check; should
        // one ever fail, the turn is played with no orders rather than lost.
        self.resolve(orders).is_ok() || {
            let empty = (0..self.scenario.actors.len())
                .map(|a| (ActorIx::from_ix(a), Orders::default()))
                .collect();
            self.resolve(empty).is_ok()
        }
    }

    /// Events `seat` may see, oldest first.
    pub fn events_for(&self, seat: ActorIx) -> impl Iterator<Item = &Event> {
        self.state.log.iter().filter(move |e| e.audience.sees(seat))
    }

    /// The seats played by people.
    pub fn humans(&self) -> Vec<ActorIx> {
        (0..self.state.mandated.len())
            .filter(|a| self.state.mandated[*a])
            .map(ActorIx::from_ix)
            .collect()
    }

    /// Rebuilds a game from its seed, its human seats, recorded orders and interventions, each
    /// intervention made during its turn before that turn resolves. Fails, naming the turn, if
    /// anything recorded no longer fits (the scenario changed, or the record was edited).
    pub fn replay(
        scenario: Arc<Scenario>,
        seed: u64,
        humans: &[ActorIx],
        turns: &[TurnOrders],
        interventions: &[Logged],
    ) -> Result<Self, (u32, EngineError)> {
        let mut g = Game::with_humans(scenario, seed, humans);
        let mut pending = interventions.iter().peekable();
        for (i, t) in turns
            .iter()
            .map(Some)
            .chain(std::iter::once(None))
            .enumerate()
        {
            let turn = i as u32 + 1;
            while let Some(l) = pending.next_if(|l| l.turn <= turn) {
                if l.turn < turn {
                    return Err((l.turn, EngineError::OutOfTurn));
                }
                g.intervene(l.what.clone()).map_err(|e| (turn, e))?;
            }
            if let Some(t) = t {
                g.resolve(t.clone()).map_err(|e| (turn, e))?;
            }
        }
        if let Some(l) = pending.next() {
            return Err((l.turn, EngineError::OutOfTurn));
        }
        Ok(g)
    }
}

/// Folds a turn's orders and interventions into a state hash. Their RON text is hashed: it is
/// exact for every value (floats round-trip) and stable for a save format.
fn digest<'a>(
    state: u64,
    orders: &[(ActorIx, Orders)],
    interventions: impl Iterator<Item = &'a Logged>,
) -> u64 {
    let mut h = Fnv(state);
    h.bytes(ron::to_string(orders).unwrap_or_default().as_bytes());
    for l in interventions {
        h.bytes(ron::to_string(&l.what).unwrap_or_default().as_bytes());
    }
    h.0
}

/// Appends an event to the log.
pub(crate) fn emit(state: &mut GameState, turn: u32, audience: Audience, kind: EventKind) {
    state.log.push(Event {
        turn,
        audience,
        kind,
    });
}
