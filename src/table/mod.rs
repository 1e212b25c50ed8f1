//! The table: one game played by any number of human seats, whose orders arrive in any order.
//! It is the authority every front end drives (the console, plain mode, hot seat, the workshop
//! server): seats submit, replace and withdraw orders; the turn resolves when every human seat is
//! ready, or when forced; a facilitator pauses, runs a turn timer from ticks the front end
//! supplies, and intervenes. Every change that concerns a seat is an event it can read.
//!
//! Pure, like the engine: no terminal, files or clock.

pub mod draft;
mod events;

pub use events::{Notice, TableEvent};

use crate::ai::Strategy;
use crate::engine::{EngineError, Game, Intervention, OrderError, Orders};
use crate::ids::ActorIx;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::sync::Arc;

/// One human seat: its draft, whether it is ready, and whether a computer plays it for now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Seat {
    pub actor: ActorIx,
    /// The orders being prepared; when `ready`, the orders submitted.
    pub draft: Orders,
    pub ready: bool,
    /// A computer strategy playing the seat while its people are away.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stand_in: Option<Strategy>,
}

impl Seat {
    pub fn new(actor: ActorIx) -> Seat {
        Seat {
            actor,
            draft: Orders::default(),
            ready: false,
            stand_in: None,
        }
    }
}

/// What happens to human seats that are not ready when a turn is forced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Absent {
    /// They keep their postures and act not at all; their drafts wait for the next turn.
    Wait,
    /// A computer strategy gives their orders for this turn.
    Computer(Strategy),
}

/// What a submission or a forced turn led to.
#[derive(Clone, Debug, PartialEq)]
pub enum Progress {
    /// Other seats must still get ready (or the table is paused).
    Waiting,
    /// The turn resolved; the range indexes the event log.
    Resolved(Range<usize>),
}

#[derive(Debug, PartialEq, thiserror::Error)]
pub enum TableError {
    #[error("{0:?} is not a human seat at this table")]
    NotASeat(ActorIx),
    #[error(transparent)]
    Engine(#[from] EngineError),
}

impl From<OrderError> for TableError {
    fn from(e: OrderError) -> Self {
        TableError::Engine(EngineError::Orders(e))
    }
}

/// A turn timer counted in ticks (a front end's clock beat: a second, say).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timer {
    /// Ticks each turn is given.
    pub per_turn: u32,
    /// Ticks left in this turn.
    pub left: u32,
}

#[derive(Clone, Debug)]
pub struct Table {
    /// The scenario file the game was started from, as the player named it: shown, and named in
    /// the save. The save carries the text, so the game never needs the file again.
    pub scenario_file: String,
    /// When the game was started (seconds since 1970, UTC): part of its save's name, so no two
    /// games share a save. Metadata only; the game never reads it.
    pub started: u64,
    game: Game,
    seats: Vec<Seat>,
    /// Strategy per actor for the computer seats (ignored for human seats).
    pub strategies: Vec<Strategy>,
    paused: bool,
    timer: Option<Timer>,
    events: Vec<TableEvent>,
}

impl Table {
    /// A table for a new game; `humans` in the order a hot seat passes the keyboard. Computer
    /// seats play the doctrine.
    pub fn new(scenario: Arc<Scenario>, seed: u64, humans: &[ActorIx]) -> Table {
        Table::from_game(Game::with_humans(scenario, seed, humans), humans)
    }

    /// A table around a game in progress (a restored save), every seat with an empty draft.
    pub fn from_game(game: Game, humans: &[ActorIx]) -> Table {
        let n = game.scenario().actors.len();
        Table {
            scenario_file: String::new(),
            started: 0,
            game,
            seats: humans.iter().map(|&a| Seat::new(a)).collect(),
            strategies: vec![Strategy::Doctrine; n],
            paused: false,
            timer: None,
            events: Vec::new(),
        }
    }

    /// Names the file the game came from and when it began, for its save's name.
    pub fn with_origin(mut self, scenario_file: impl Into<String>, started: u64) -> Table {
        self.scenario_file = scenario_file.into();
        self.started = started;
        self
    }

    pub fn game(&self) -> &Game {
        &self.game
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        self.game.scenario()
    }

    pub fn seats(&self) -> &[Seat] {
        &self.seats
    }

    /// The human seats' actors, in hot-seat order.
    pub fn humans(&self) -> Vec<ActorIx> {
        self.seats.iter().map(|s| s.actor).collect()
    }

    pub fn is_hot_seat(&self) -> bool {
        self.seats.len() > 1
    }

    pub fn seat(&self, actor: ActorIx) -> Option<&Seat> {
        self.seats.iter().find(|s| s.actor == actor)
    }

    fn seat_mut(&mut self, actor: ActorIx) -> Result<&mut Seat, TableError> {
        self.seats
            .iter_mut()
            .find(|s| s.actor == actor)
            .ok_or(TableError::NotASeat(actor))
    }

    /// The seat a local keyboard serves now: the first one not yet ready (hot seat), else the
    /// first.
    pub fn next_local(&self) -> ActorIx {
        self.seats
            .iter()
            .find(|s| !s.ready && s.stand_in.is_none())
            .or(self.seats.first())
            .map_or(ActorIx(0), |s| s.actor)
    }

    pub fn is_paused(&self) -> bool {
        self.paused
    }

    pub fn timer(&self) -> Option<Timer> {
        self.timer
    }

    // ----- orders -----

    /// Replaces a seat's draft without making it ready (a seat that was ready is no longer).
    pub fn set_draft(&mut self, actor: ActorIx, draft: Orders) -> Result<(), TableError> {
        let seat = self.seat_mut(actor)?;
        let was_ready = std::mem::replace(&mut seat.ready, false);
        seat.draft = draft;
        if was_ready {
            self.tell(TableEvent::Ready {
                actor,
                ready: false,
            });
        }
        Ok(())
    }

    /// Checks `orders` for the seat, records them as its orders and marks it ready; the turn
    /// resolves if that was the last seat (and the table is not paused). On a refusal nothing
    /// changes.
    pub fn submit(&mut self, actor: ActorIx, orders: Orders) -> Result<Progress, TableError> {
        self.seat_mut(actor)?;
        if self.game.is_over() {
            return Err(EngineError::GameOver.into());
        }
        self.game.check(actor, &orders)?;
        let seat = self.seat_mut(actor)?;
        seat.draft = orders;
        seat.ready = true;
        self.tell(TableEvent::Ready { actor, ready: true });
        self.resolve_if_ready()
    }

    /// Takes back a seat's submission: its orders become its draft again.
    pub fn withdraw(&mut self, actor: ActorIx) -> Result<(), TableError> {
        let seat = self.seat_mut(actor)?;
        if std::mem::replace(&mut seat.ready, false) {
            self.tell(TableEvent::Ready {
                actor,
                ready: false,
            });
        }
        Ok(())
    }

    /// Checks orders for a seat without recording them.
    pub fn check(&self, actor: ActorIx, orders: &Orders) -> Result<(), OrderError> {
        self.game.check(actor, orders)
    }

    /// Hands a seat to a computer strategy while its people are away, or back to them (`None`).
    pub fn stand_in(
        &mut self,
        actor: ActorIx,
        strategy: Option<Strategy>,
    ) -> Result<Progress, TableError> {
        self.seat_mut(actor)?.stand_in = strategy;
        self.tell(TableEvent::StandIn { actor, strategy });
        self.resolve_if_ready()
    }

    fn all_ready(&self) -> bool {
        self.seats.iter().all(|s| s.ready || s.stand_in.is_some())
    }

    fn resolve_if_ready(&mut self) -> Result<Progress, TableError> {
        if self.paused || !self.all_ready() {
            return Ok(Progress::Waiting);
        }
        self.resolve(Absent::Wait)
    }

    /// Resolves the turn now, whoever is ready (the facilitator's force, or the timer).
    pub fn force(&mut self, absent: Absent) -> Result<Progress, TableError> {
        self.resolve(absent)
    }

    fn resolve(&mut self, absent: Absent) -> Result<Progress, TableError> {
        if self.game.is_over() {
            return Err(EngineError::GameOver.into());
        }
        let mut all = Vec::with_capacity(self.scenario().actors.len());
        for a in self.scenario().actor_ixs() {
            let orders = match self.seat(a) {
                Some(s) if s.ready => s.draft.clone(),
                Some(s) => match (s.stand_in, absent) {
                    (Some(strategy), _) | (None, Absent::Computer(strategy)) => {
                        self.game.decide(a, &strategy)
                    }
                    (None, Absent::Wait) => continue,
                },
                None => self.game.decide(a, &self.strategies[a.ix()]),
            };
            all.push((a, orders));
        }
        let range = self.game.resolve(all)?;
        for s in &mut self.seats {
            if s.ready {
                s.ready = false;
                s.draft = Orders::default();
            }
        }
        if let Some(t) = &mut self.timer {
            t.left = t.per_turn;
        }
        let turn = self.game.state().turn;
        self.tell(TableEvent::Resolved {
            turn,
            events: range.clone(),
        });
        Ok(Progress::Resolved(range))
    }

    // ----- pacing -----

    /// Pauses or resumes the table. Resuming resolves the turn if every seat is ready.
    pub fn pause(&mut self, paused: bool) -> Result<Progress, TableError> {
        if self.paused == paused {
            return Ok(Progress::Waiting);
        }
        self.paused = paused;
        self.tell(TableEvent::Paused(paused));
        if paused {
            Ok(Progress::Waiting)
        } else {
            self.resolve_if_ready()
        }
    }

    /// Sets a turn timer of `per_turn` ticks, starting now, or removes it (`None`, or 0 ticks,
    /// which would resolve a turn on every tick).
    pub fn set_timer(&mut self, per_turn: Option<u32>) {
        self.timer = per_turn.filter(|n| *n > 0).map(|per_turn| Timer {
            per_turn,
            left: per_turn,
        });
        self.tell(TableEvent::Timer(self.timer));
    }

    /// Gives the current turn `ticks` more.
    pub fn extend(&mut self, ticks: u32) {
        if let Some(t) = &mut self.timer {
            t.left = t.left.saturating_add(ticks);
            self.tell(TableEvent::Timer(self.timer));
        }
    }

    /// One beat of the front end's clock. When the timer runs out, the turn resolves and seats
    /// that are not ready wait (keeping their postures and their drafts).
    pub fn tick(&mut self) -> Result<Progress, TableError> {
        if self.paused || self.game.is_over() {
            return Ok(Progress::Waiting);
        }
        let Some(t) = &mut self.timer else {
            return Ok(Progress::Waiting);
        };
        t.left = t.left.saturating_sub(1);
        if t.left > 0 {
            return Ok(Progress::Waiting);
        }
        self.tell(TableEvent::TimeUp);
        self.resolve(Absent::Wait)
    }

    // ----- the facilitator -----

    /// Makes an intervention; it is recorded in the game, so the save replays it exactly.
    pub fn intervene(&mut self, what: Intervention) -> Result<Range<usize>, TableError> {
        let range = self.game.intervene(what)?;
        self.tell(TableEvent::Intervened {
            events: range.clone(),
        });
        Ok(range)
    }

    // ----- events -----

    fn tell(&mut self, e: TableEvent) {
        self.events.push(e);
    }

    /// How many table events there have been: a front end keeps it as its cursor.
    pub fn event_count(&self) -> usize {
        self.events.len()
    }

    /// What `actor`'s seat should hear of since `cursor`, oldest first, as sentences to show.
    pub fn notices_since(&self, actor: ActorIx, cursor: usize) -> Vec<Notice> {
        self.events
            .get(cursor..)
            .unwrap_or_default()
            .iter()
            .filter_map(|e| e.notice(&self.game, actor))
            .collect()
    }

    /// Puts seats back as a save recorded them (drafts, readiness, stand-ins, pause, timer).
    pub fn restore_seats(&mut self, seats: Vec<Seat>, paused: bool, timer: Option<Timer>) {
        for saved in seats {
            if let Some(s) = self.seats.iter_mut().find(|s| s.actor == saved.actor) {
                *s = saved;
            }
        }
        self.paused = paused;
        self.timer = timer;
    }
}

#[cfg(test)]
mod tests;
