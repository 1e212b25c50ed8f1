//! The timeline, turn by turn, and the turning points: which moves each side made, the reasons the
//! counterparts gave, what happened as the turn resolved and who could see it.

use super::gap::{belief_at, hostility};
use super::{CurvePoint, SideMoves, TurnLog, TurningPoint, principal};
use crate::engine::Action;
use crate::engine::event::{Audience, Event, EventKind};
use crate::engine::orders::Posture;
use crate::engine::score::intent_during;
use crate::engine::state::{GameState, TurnRecord};
use crate::ids::*;
use crate::report::narrate::{Narrator, posture_during};
use crate::report::words::*;
use crate::scenario::Scenario;

pub(super) fn turning_points(sc: &Scenario, state: &GameState) -> Vec<TurningPoint> {
    let n = Narrator::omniscient(sc, state);
    let mut out = Vec::new();
    for e in &state.log {
        let text = match &e.kind {
            EventKind::LadderMoved { from, to } => {
                let index = state
                    .history
                    .get(e.turn as usize)
                    .map_or(state.escalation, |h| h.escalation);
                let mut s = format!(
                    "{} (escalation index {index:.1} when the ladder was judged).",
                    n.describe(e).trim_end_matches('.'),
                );
                let drivers = drivers(sc, state, e.turn, to > from);
                if !drivers.is_empty() {
                    s.push_str(&format!(" That turn: {}.", drivers.join("; ")));
                }
                s
            }
            EventKind::IntentShifted { actor, from, .. } => {
                let mut s = n.describe(e);
                let fear = state
                    .history
                    .get(e.turn as usize)
                    .and_then(|h| worst_fear(sc, h, *actor));
                match (sc.intents.get(from.ix()).and_then(|i| i.shift), fear) {
                    (Some((_, at)), Some((of, f))) if f > at => {
                        // Enough digits to show the fear is past the threshold.
                        let digits = if f - at < 0.01 { 3 } else { 2 };
                        s.push_str(&format!(
                            " Its fear of {} had reached {f:.digits$}, past its threshold of {at:.2}.",
                            actor_name(sc, of)
                        ));
                    }
                    _ => s.push_str(" A scenario rule moved it."),
                }
                s
            }
            EventKind::AgreementSigned { .. } if repeats_agreement(sc, state, e) => continue,
            EventKind::AgreementSigned { .. }
            | EventKind::ChannelOpened { .. }
            | EventKind::NormViolated { .. }
            | EventKind::WrongAttribution { .. }
            | EventKind::GameEnded { .. } => n.describe(e),
            _ => continue,
        };
        out.push(TurningPoint { turn: e.turn, text });
    }
    out
}

/// The actor `a` fears most at a turn record, and how much.
pub(super) fn worst_fear(sc: &Scenario, h: &TurnRecord, a: ActorIx) -> Option<(ActorIx, f64)> {
    sc.actor_ixs()
        .filter(|b| *b != a)
        .map(|b| {
            (
                b,
                hostility(sc, belief_at(sc, h, a, b)) * sc.actors[b.ix()].capabilities.offence,
            )
        })
        .fold(None, |best: Option<(ActorIx, f64)>, x| match best {
            Some(b) if b.1 >= x.1 => Some(b),
            _ => Some(x),
        })
}

/// Short phrases for what pushed the ladder up (or eased it) during `turn`. The escalation
/// index is the tension between states, so only what passed between states counts.
pub(super) fn drivers(sc: &Scenario, state: &GameState, turn: u32, up: bool) -> Vec<String> {
    let n = Narrator::omniscient(sc, state);
    let is_state = |a: ActorIx| sc.actors.get(a.ix()).is_some_and(|x| x.kind.is_state());
    let asset_name = |a: AssetIx| {
        sc.assets
            .get(a.ix())
            .map_or("an asset", |x| x.name.as_str())
    };
    let mut out = Vec::new();
    for e in state.log.iter().filter(|e| e.turn == turn) {
        let phrase = match &e.kind {
            EventKind::IncidentDetected {
                incident,
                victim,
                asset,
                ..
            } if up && is_state(*victim) => {
                let found = format!(
                    "{} found {} in {}",
                    actor_name(sc, *victim),
                    incident_label(*incident),
                    asset_name(*asset)
                );
                match n.first_suspect(*incident, e.turn) {
                    Some((lead, _)) if is_state(lead) => {
                        Some(format!("{found} and suspected {}", actor_name(sc, lead)))
                    }
                    Some(_) => None,
                    None => Some(found),
                }
            }
            EventKind::Damage { asset, kind, .. } if up => {
                let owner = sc.assets.get(asset.ix()).map(|a| a.owner);
                owner
                    .filter(|o| is_state(*o))
                    .map(|_| format!("{} hit {}", op_name(*kind), asset_name(*asset)))
            }
            EventKind::WrongAttribution { by, accused, .. } if up => Some(format!(
                "{} wrongly blamed {}",
                actor_name(sc, *by),
                actor_name(sc, *accused)
            )),
            EventKind::PostureObserved {
                observer,
                subject,
                posture,
            } if is_state(*observer) && is_state(*subject) => {
                let counts = if up {
                    *posture == Posture::Intensify
                } else {
                    *posture == Posture::Restrain
                };
                counts.then(|| {
                    format!(
                        "{} saw {} {}",
                        actor_name(sc, *observer),
                        actor_name(sc, *subject),
                        if up { "intensify" } else { "restrain" }
                    )
                })
            }
            EventKind::ActionTaken { by, action } => {
                let w = sc.action(action.kind()).map_or(0.0, |c| c.weight);
                let toward_state = action.target().is_some_and(is_state);
                let counts = toward_state && if up { w > 0.0 } else { w < 0.0 };
                counts.then(|| n.action(*by, action))
            }
            _ => None,
        };
        if let Some(p) = phrase
            && !out.contains(&p)
        {
            out.push(p);
        }
    }
    const MAX: usize = 5;
    if out.len() > MAX {
        let more = out.len() - MAX;
        out.truncate(MAX);
        out.push(format!("and {more} more"));
    }
    out
}

/// Who could see an event, as a tag for the timeline.
pub(super) fn seen_by(sc: &Scenario, a: Audience) -> String {
    match a {
        Audience::Public => String::new(),
        Audience::Only(m) if m.0 == 0 => " [hidden from every seat]".to_owned(),
        Audience::Only(m) => {
            let names: Vec<&str> = sc
                .actor_ixs()
                .filter(|x| m.has(*x))
                .map(|x| actor_name(sc, x))
                .collect();
            format!(" [seen by {}]", names.join(" and "))
        }
    }
}

/// The sentence without its leading actor name, for a list headed by that actor.
pub(super) fn without_subject(name: &str, s: String) -> String {
    match s.strip_prefix(name).and_then(|r| r.strip_prefix(' ')) {
        Some(rest) => rest.to_owned(),
        None => s,
    }
}

pub(super) fn timeline(sc: &Scenario, state: &GameState, curve: &[CurvePoint]) -> Vec<TurnLog> {
    let n = Narrator::omniscient(sc, state);
    let mut last_update: Vec<Option<(ActorIx, f64)>> = vec![None; state.incidents.len()];
    let mut rule_fired_at: Vec<Option<u32>> = vec![None; sc.rules.len()];
    let mut out = Vec::new();
    for t in 1..=state.turn {
        let point = curve.get(t as usize).copied().unwrap_or(CurvePoint {
            turn: t,
            escalation: 0.0,
            rung: RungIx(0),
        });
        let mut log = TurnLog {
            turn: t,
            point,
            briefing: Vec::new(),
            sides: Vec::new(),
            events: Vec::new(),
        };
        for e in state.log.iter().filter(|e| e.turn == t) {
            timeline_event(
                sc,
                state,
                &n,
                e,
                &mut log,
                &mut last_update,
                &mut rule_fired_at,
            );
        }
        log.sides.sort_by_key(|s| s.actor);
        out.push(log);
    }
    out
}

pub(super) fn side(log: &mut TurnLog, actor: ActorIx) -> &mut SideMoves {
    let i = match log.sides.iter().position(|s| s.actor == actor) {
        Some(i) => i,
        None => {
            log.sides.push(SideMoves {
                actor,
                moves: Vec::new(),
                operations: Vec::new(),
                reasons: Vec::new(),
            });
            log.sides.len() - 1
        }
    };
    &mut log.sides[i]
}

pub(super) fn timeline_event(
    sc: &Scenario,
    state: &GameState,
    n: &Narrator<'_>,
    e: &Event,
    log: &mut TurnLog,
    last_update: &mut [Option<(ActorIx, f64)>],
    rule_fired_at: &mut [Option<u32>],
) {
    let t = e.turn;
    let name = |a: ActorIx| actor_name(sc, a);
    match &e.kind {
        EventKind::Inject(i) => {
            if let Some(inj) = sc.injects.get(i.ix()) {
                let who = match e.audience {
                    Audience::Public => "everyone".to_owned(),
                    Audience::Only(m) => {
                        let names: Vec<&str> =
                            sc.actor_ixs().filter(|x| m.has(*x)).map(name).collect();
                        format!("{} only", names.join(" and "))
                    }
                };
                log.briefing
                    .push(format!("{} to {who}: {}", inject_kind(inj.kind), inj.title));
            }
        }
        EventKind::Decision { by, note } => {
            // Two decisions can give one reason (a posture and an action, both deterred): told once.
            let why = n.reason(*by, note);
            let reasons = &mut side(log, *by).reasons;
            if !reasons.contains(&why) {
                reasons.push(why);
            }
        }
        EventKind::PostureSet {
            by,
            toward,
            posture,
            misfired,
        } => {
            let before = if t > 1 {
                posture_during(state, *by, *toward, t - 1)
            } else {
                Posture::default()
            };
            if *misfired || *posture != before {
                side(log, *by)
                    .moves
                    .push(without_subject(name(*by), n.describe(e)));
            }
        }
        EventKind::ActionTaken { by, action } => {
            if !matches!(action, Action::Wait) {
                side(log, *by)
                    .moves
                    .push(without_subject(name(*by), n.describe(e)));
            }
        }
        EventKind::ProposalAnswered { by, .. } => side(log, *by)
            .moves
            .push(without_subject(name(*by), n.describe(e))),
        EventKind::OperationStarted {
            by, target, kind, ..
        } => {
            let asset = n.asset(*target);
            side(log, *by)
                .operations
                .push(format!("{} in {asset}", op_name(*kind)));
        }
        EventKind::OperationMisfired { by, .. } => side(log, *by).moves.push(n.describe(e)),
        // The proposal is told by the action that made it; an operation's end by its incident.
        EventKind::ProposalMade { .. } | EventKind::OperationCompleted { .. } => {}
        EventKind::PostureObserved {
            observer,
            subject,
            posture,
        } => {
            // Correct readings are routine; misreadings are what the debrief is for.
            if principal(sc, *observer) && posture_during(state, *subject, *observer, t) != *posture
            {
                log.events
                    .push(format!("{}{}", n.describe(e), seen_by(sc, e.audience)));
            }
        }
        EventKind::IntelReport {
            observer,
            subject,
            hostile,
        } => {
            let truly = intent_during(state, *subject, t);
            let truly_hostile = sc
                .intents
                .get(truly.ix())
                .is_some_and(|i| i.hostility > 0.5);
            if principal(sc, *observer) && truly_hostile != *hostile {
                log.events
                    .push(format!("{}{}", n.describe(e), seen_by(sc, e.audience)));
            }
        }
        EventKind::AttributionUpdated {
            incident,
            lead,
            confidence,
        } => {
            let Some(slot) = last_update.get_mut(incident.ix()) else {
                return;
            };
            let news = match *slot {
                None => true,
                Some((l, c)) => l != *lead || *confidence < c - 1e-9,
            };
            *slot = Some((*lead, *confidence));
            if news {
                log.events
                    .push(format!("{}{}", n.describe(e), seen_by(sc, e.audience)));
            }
        }
        EventKind::RuleFired { rule } => {
            let Some(slot) = rule_fired_at.get_mut(rule.ix()) else {
                return;
            };
            let again = *slot == Some(t.saturating_sub(1));
            *slot = Some(t);
            if !again {
                log.events
                    .push(format!("{}{}", n.describe(e), seen_by(sc, e.audience)));
            }
        }
        EventKind::AgreementSigned { .. } if repeats_agreement(sc, state, e) => {}
        _ => log
            .events
            .push(format!("{}{}", n.describe(e), seen_by(sc, e.audience))),
    }
}

/// Whether `e` signs an agreement already in force (both sides proposed the same norm in one
/// turn, or it held from the start): agreements are never withdrawn, so it changes nothing.
fn repeats_agreement(sc: &Scenario, state: &GameState, e: &Event) -> bool {
    let EventKind::AgreementSigned { a, b, norm } = e.kind else {
        return false;
    };
    let same = |x: ActorIx, y: ActorIx| (x, y) == (a, b) || (x, y) == (b, a);
    let from_start = sc
        .relations
        .iter()
        .any(|r| same(r.a, r.b) && r.agreements.has(norm));
    from_start
        || state
            .log
            .iter()
            .take_while(|x| !std::ptr::eq(*x, e))
            .any(|x| matches!(x.kind, EventKind::AgreementSigned { a: p, b: q, norm: m } if m == norm && same(p, q)))
}
