//! What a facilitator may do to a game between its turns: send one of the scenario's injects or
//! a news item of their own, or set a tension or a pressure with a reason. Each is recorded with
//! the turn it was made in, so a replay makes it at the same moment and arrives at the same game.

use super::event::{Audience, EventKind, SeatMask};
use super::game::emit;
use super::state::{GameState, pair_ix};
use crate::ids::{ActorIx, InjectIx};
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// The longest news item a facilitator may write, in characters: a screenful, not a file.
pub const MAX_NEWS: usize = 600;
/// The highest tension an override may set: well above any ladder's top rung.
pub const MAX_TENSION: f64 = 1_000.0;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Intervention {
    /// One of the scenario's injects: to its own audience when `to` is empty, else to `to`.
    Inject { inject: InjectIx, to: Vec<ActorIx> },
    /// A news item the facilitator wrote: to everyone when `to` is empty, else to `to`.
    News { text: String, to: Vec<ActorIx> },
    /// Sets the tension between two actors.
    Tension {
        a: ActorIx,
        b: ActorIx,
        value: f64,
        reason: String,
    },
    /// Sets an actor's domestic pressure (0 to 1).
    Pressure {
        actor: ActorIx,
        value: f64,
        reason: String,
    },
}

/// An intervention and the turn during which it was made (before that turn resolved).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Logged {
    pub turn: u32,
    pub what: Intervention,
}

/// What an override changed, as its event tells it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Overridden {
    Tension { a: ActorIx, b: ActorIx, from: f64 },
    Pressure { actor: ActorIx, from: f64 },
}

#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum InterventionError {
    #[error("the scenario has no inject number {0}")]
    NoSuchInject(u32),
    #[error("there is no actor number {0}")]
    NoSuchActor(u32),
    #[error("tension is set between two different actors")]
    SameActor,
    #[error("a news item needs some text")]
    EmptyNews,
    #[error("a news item is at most {MAX_NEWS} characters; this one has {0}")]
    NewsTooLong(usize),
    #[error("an override needs a reason, for the record")]
    NoReason,
    #[error("the reason is at most {MAX_NEWS} characters; this one has {0}")]
    ReasonTooLong(usize),
    #[error("{what} must be between 0 and {max}; {value} is not")]
    OutOfRange {
        what: &'static str,
        value: f64,
        max: f64,
    },
}

impl Intervention {
    /// Checks the intervention against the scenario without changing anything.
    pub fn check(&self, sc: &Scenario) -> Result<(), InterventionError> {
        let actor = |a: &ActorIx| {
            if a.ix() < sc.actors.len() {
                Ok(())
            } else {
                Err(InterventionError::NoSuchActor(u32::from(a.0)))
            }
        };
        let reason = |r: &str| match r.trim().chars().count() {
            0 => Err(InterventionError::NoReason),
            n if n > MAX_NEWS => Err(InterventionError::ReasonTooLong(n)),
            _ => Ok(()),
        };
        let range = |what, value: f64, max| {
            if value.is_finite() && (0.0..=max).contains(&value) {
                Ok(())
            } else {
                Err(InterventionError::OutOfRange { what, value, max })
            }
        };
        match self {
            Intervention::Inject { inject, to } => {
                if inject.ix() >= sc.injects.len() {
                    return Err(InterventionError::NoSuchInject(u32::from(inject.0)));
                }
                to.iter().try_for_each(actor)
            }
            Intervention::News { text, to } => {
                match text.trim().chars().count() {
                    0 => return Err(InterventionError::EmptyNews),
                    n if n > MAX_NEWS => return Err(InterventionError::NewsTooLong(n)),
                    _ => {}
                }
                to.iter().try_for_each(actor)
            }
            Intervention::Tension {
                a,
                b,
                value,
                reason: why,
            } => {
                actor(a)?;
                actor(b)?;
                if a == b {
                    return Err(InterventionError::SameActor);
                }
                range("tension", *value, MAX_TENSION)?;
                reason(why)
            }
            Intervention::Pressure {
                actor: who,
                value,
                reason: why,
            } => {
                actor(who)?;
                range("pressure", *value, 1.0)?;
                reason(why)
            }
        }
    }

    /// Makes a checked intervention during `turn`: its events are told to the seats it concerns.
    pub(crate) fn apply(&self, sc: &Scenario, state: &mut GameState, turn: u32) {
        let only =
            |to: &[ActorIx]| Audience::Only(to.iter().fold(SeatMask::NOBODY, |m, a| m.with(*a)));
        match self {
            Intervention::Inject { inject, to } if to.is_empty() => {
                super::rules::send_inject(sc, state, turn, *inject);
            }
            Intervention::Inject { inject, to } => {
                emit(state, turn, only(to), EventKind::Inject(*inject));
            }
            Intervention::News { text, to } => {
                let audience = if to.is_empty() {
                    Audience::Public
                } else {
                    only(to)
                };
                let text = text.trim().to_owned();
                emit(state, turn, audience, EventKind::News { text });
            }
            Intervention::Tension {
                a,
                b,
                value,
                reason,
            } => {
                let r = &mut state.relations[pair_ix(*a, *b)];
                let from = r.tension;
                r.tension = *value;
                let what = Overridden::Tension { a: *a, b: *b, from };
                emit(
                    state,
                    turn,
                    only(&[*a, *b]),
                    overridden(what, *value, reason),
                );
            }
            Intervention::Pressure {
                actor,
                value,
                reason,
            } => {
                let s = &mut state.actors[actor.ix()];
                let from = s.pressure;
                s.pressure = *value;
                let what = Overridden::Pressure {
                    actor: *actor,
                    from,
                };
                emit(
                    state,
                    turn,
                    only(&[*actor]),
                    overridden(what, *value, reason),
                );
            }
        }
    }
}

fn overridden(what: Overridden, to: f64, reason: &str) -> EventKind {
    EventKind::Overridden {
        what,
        to,
        reason: reason.trim().to_owned(),
    }
}
