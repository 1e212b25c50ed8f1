//! What happens at a table, and how each seat hears of it. The table keeps one list; every
//! front end keeps a cursor into it and asks for what its own seat should hear since.

use crate::ai::Strategy;
use crate::engine::Game;
use crate::ids::ActorIx;
use crate::report::Narrator;
use std::ops::Range;

use super::Timer;

#[derive(Clone, Debug, PartialEq)]
pub enum TableEvent {
    /// A seat submitted its orders, or took them back.
    Ready {
        actor: ActorIx,
        ready: bool,
    },
    /// A seat was handed to a computer strategy, or back to its people.
    StandIn {
        actor: ActorIx,
        strategy: Option<Strategy>,
    },
    /// A turn resolved: `turn` is the turn just played; `events` indexes the game's log.
    Resolved {
        turn: u32,
        events: Range<usize>,
    },
    /// A facilitator's intervention; `events` indexes the game's log.
    Intervened {
        events: Range<usize>,
    },
    Paused(bool),
    Timer(Option<Timer>),
    /// The turn timer ran out.
    TimeUp,
}

/// A sentence for one seat's screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    /// A turn resolved: the seat should see its turn report.
    pub resolved: Option<u32>,
}

impl Notice {
    fn say(text: String) -> Option<Notice> {
        Some(Notice {
            text,
            resolved: None,
        })
    }
}

impl TableEvent {
    /// What `seat` hears of this event, if it concerns it.
    pub fn notice(&self, game: &Game, seat: ActorIx) -> Option<Notice> {
        let name = |a: ActorIx| game.scenario().actor(a).name.clone();
        match self {
            TableEvent::Ready { actor, .. } if *actor == seat => None,
            TableEvent::Ready { actor, ready: true } => {
                Notice::say(format!("{} has given its orders.", name(*actor)))
            }
            TableEvent::Ready {
                actor,
                ready: false,
            } => Notice::say(format!("{} took its orders back.", name(*actor))),
            TableEvent::StandIn {
                actor,
                strategy: Some(s),
            } => Notice::say(format!(
                "The computer ({}) now plays {}.",
                s.name(),
                name(*actor)
            )),
            TableEvent::StandIn {
                actor,
                strategy: None,
            } => Notice::say(format!("People play {} again.", name(*actor))),
            TableEvent::Resolved { turn, .. } => Some(Notice {
                text: format!("Turn {turn} is resolved."),
                resolved: Some(*turn),
            }),
            TableEvent::Intervened { events } => {
                let n = Narrator::for_seat(game.view(seat));
                let lines: Vec<String> = game
                    .state()
                    .log
                    .get(events.clone())?
                    .iter()
                    .filter(|e| e.audience.sees(seat))
                    .map(|e| n.describe(e))
                    .collect();
                if lines.is_empty() {
                    None
                } else {
                    Notice::say(lines.join(" "))
                }
            }
            TableEvent::Paused(true) => Notice::say("The facilitator paused the game.".into()),
            TableEvent::Paused(false) => Notice::say("The game goes on.".into()),
            TableEvent::Timer(Some(t)) => {
                Notice::say(format!("Turn timer: {} left this turn.", ticks(t.left)))
            }
            TableEvent::Timer(None) => Notice::say("The turn timer is off.".into()),
            TableEvent::TimeUp => Notice::say(
                "Time is up: the turn resolves; seats not ready keep their postures.".into(),
            ),
        }
    }
}

/// Ticks as a reader sees them: front ends tick once a second.
fn ticks(n: u32) -> String {
    match (n / 60, n % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}
