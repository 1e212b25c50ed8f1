//! What each actor perceives at the end of a turn: the other side's posture (when it can be
//! verified), intelligence from intensified collection, and the signals sent to it — each read
//! through perception noise — and the fear that follows.

use super::actions::verifiability;
use super::beliefs;
use super::event::{Audience, EventKind, SeatMask};
use super::game::emit;
use super::orders::Posture;
use super::resolve::TurnCtx;
use super::state::GameState;
use crate::ids::*;
use crate::scenario::Scenario;

/// Noise with which `observer` reads `subject` this turn; a recent meeting cuts it.
fn noise(sc: &Scenario, state: &GameState, observer: ActorIx, subject: ActorIx, t: u32) -> f64 {
    let base = sc.model.perception_noise;
    if state.actors[observer.ix()].meeting_until[subject.ix()] >= t {
        base * 0.25
    } else {
        base
    }
}

pub fn observe_postures(sc: &Scenario, state: &mut GameState, ctx: &mut TurnCtx) {
    let t = ctx.turn;
    let n = sc.actors.len();
    let k = sc.intents.len();
    for o in 0..n {
        let observer = ActorIx::from_ix(o);
        for s in 0..n {
            if o == s || !sc.actors[s].kind.is_state() {
                continue;
            }
            let subject = ActorIx::from_ix(s);
            let truth = state.actors[s].posture[o];
            let intensifying = state.actors[o].posture[s] == Posture::Intensify;
            let p_obs = if sc.model.postures_visible {
                1.0
            } else {
                (verifiability(state, observer, subject, t) + if intensifying { 0.2 } else { 0.0 })
                    .min(1.0)
            };
            if state.world.chance(p_obs) {
                let misread = state.world.chance(noise(sc, state, observer, subject, t));
                let seen = if misread {
                    match truth {
                        Posture::Restrain => Posture::Routine,
                        Posture::Routine => Posture::Intensify,
                        Posture::Intensify => Posture::Routine,
                    }
                } else {
                    truth
                };
                state.actors[o].seen[s].posture = Some(seen);
                beliefs::posture(sc, seen, &mut ctx.buf);
                beliefs::update(&mut state.actors[o].beliefs[s * k..(s + 1) * k], &ctx.buf);
                let notified = state.relation(observer, subject).exercises_notified;
                match seen {
                    Posture::Intensify => {
                        ctx.add_weight(observer, subject, if notified { 1.0 } else { 2.0 })
                    }
                    Posture::Restrain => ctx.add_weight(observer, subject, -1.0),
                    Posture::Routine => {}
                }
                emit(
                    state,
                    t,
                    Audience::Only(SeatMask::one(observer)),
                    EventKind::PostureObserved {
                        observer,
                        subject,
                        posture: seen,
                    },
                );
            }
            // Intensified collection yields a report on the subject's true intent.
            if intensifying {
                let q = 0.6 + 0.3 * state.actors[o].detection;
                let truly_hostile = sc.intents[state.actors[s].intent.ix()].hostility > 0.5;
                let hostile = truly_hostile == state.world.chance(q);
                for (f, i) in ctx.buf.iter_mut().zip(&sc.intents) {
                    let h = i.hostility;
                    *f = if hostile {
                        q * h + (1.0 - q) * (1.0 - h)
                    } else {
                        q * (1.0 - h) + (1.0 - q) * h
                    };
                }
                beliefs::update(&mut state.actors[o].beliefs[s * k..(s + 1) * k], &ctx.buf);
                emit(
                    state,
                    t,
                    Audience::Only(SeatMask::one(observer)),
                    EventKind::IntelReport {
                        observer,
                        subject,
                        hostile,
                    },
                );
            }
        }
    }
}

pub fn deliver_signals(sc: &Scenario, state: &mut GameState, ctx: &mut TurnCtx) {
    let k = sc.intents.len();
    let signals = std::mem::take(&mut ctx.signals);
    for s in &signals {
        let misread = state.world.chance(noise(sc, state, s.to, s.from, ctx.turn));
        let conciliatory = s.conciliatory != misread;
        beliefs::signal(sc, s.lr, conciliatory, &mut ctx.buf);
        let start = s.from.ix() * k;
        beliefs::update(
            &mut state.actors[s.to.ix()].beliefs[start..start + k],
            &ctx.buf,
        );
        let seen = &mut state.actors[s.to.ix()].seen[s.from.ix()];
        if conciliatory {
            seen.conciliatory += 1.0;
        } else {
            seen.hostile += 0.5;
        }
    }
    ctx.signals = signals;
    ctx.signals.clear();
}

/// Fear of X = belief that X is hostile × X's offensive capability. A security-seeker whose fear
/// passes its threshold turns to pre-emption.
pub fn update_fear(sc: &Scenario, state: &mut GameState, ctx: &mut TurnCtx) {
    let n = sc.actors.len();
    let t = ctx.turn;
    for a in 0..n {
        let me = ActorIx::from_ix(a);
        let mut worst: f64 = 0.0;
        for b in 0..n {
            if a == b {
                continue;
            }
            let fear = state.fear(sc, me, ActorIx::from_ix(b));
            state.actors[a].fear[b] = fear;
            worst = worst.max(fear);
        }
        let from = state.actors[a].intent;
        if let Some((to, at)) = sc.intents[from.ix()].shift
            && !state.mandated[a]
            && worst > at
            && to != from
        {
            state.actors[a].intent = to;
            emit(
                state,
                t,
                Audience::Only(SeatMask::NOBODY),
                EventKind::IntentShifted {
                    actor: me,
                    from,
                    to,
                },
            );
        }
    }
}
