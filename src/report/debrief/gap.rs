//! The perception gap: what each observer believed about each subject turn by turn, the
//! teaching sentences drawn from it, and how accurate the recorded assessments and the beliefs
//! were (Brier scores against the truth and against the public prior).

use super::{Assessed, AssessmentScore, Gap, Reading, seat_actors};
use crate::engine::event::EventKind;
use crate::engine::orders::Posture;
use crate::engine::score::{assessment_brier, brier, intent_during};
use crate::engine::state::{GameState, TurnRecord};
use crate::ids::*;
use crate::report::narrate::posture_during;
use crate::report::words::*;
use crate::scenario::Scenario;

pub(super) fn belief_at<'s>(
    sc: &Scenario,
    h: &'s TurnRecord,
    observer: ActorIx,
    subject: ActorIx,
) -> &'s [f64] {
    let k = sc.intents.len();
    let n = sc.actors.len();
    let start = observer.ix() * n * k + subject.ix() * k;
    &h.beliefs[start..start + k]
}

pub(super) fn hostility(sc: &Scenario, belief: &[f64]) -> f64 {
    belief
        .iter()
        .zip(&sc.intents)
        .map(|(p, i)| p * i.hostility)
        .sum()
}

pub(super) fn gap(sc: &Scenario, state: &GameState, subject: ActorIx) -> Gap {
    let truth: Vec<IntentIx> = state
        .history
        .iter()
        .map(|h| h.intents[subject.ix()])
        .collect();
    let readings = seat_actors(sc)
        .filter(|o| *o != subject)
        .map(|observer| {
            let mut r = Reading {
                observer,
                p_truth: Vec::new(),
                likeliest: Vec::new(),
                hostile: Vec::new(),
                assessed: assessed(sc, state, observer, subject),
            };
            for h in &state.history {
                let b = belief_at(sc, h, observer, subject);
                let true_i = h.intents[subject.ix()];
                r.p_truth.push(b.get(true_i.ix()).copied().unwrap_or(0.0));
                r.likeliest.push(likeliest(b));
                r.hostile.push(hostility(sc, b));
            }
            r
        })
        .collect();
    Gap {
        subject,
        truth,
        readings,
    }
}

/// The intent a belief puts first, and its probability.
fn likeliest(belief: &[f64]) -> (IntentIx, f64) {
    let (i, p) =
        belief.iter().enumerate().fold(
            (0, f64::MIN),
            |best, (i, p)| if *p > best.1 { (i, *p) } else { best },
        );
    (IntentIx::from_ix(i), p)
}

/// The assessments `observer`'s seat recorded of `subject`, by the turn they were made in (the
/// last one if a turn has several); `None` if it never assessed the subject.
fn assessed(
    sc: &Scenario,
    state: &GameState,
    observer: ActorIx,
    subject: ActorIx,
) -> Option<Vec<Option<Assessed>>> {
    let mut out = vec![None; state.history.len()];
    let mut any = false;
    for (t, a) in &state.actors[observer.ix()].assessments {
        if a.of != subject || a.probs.len() != sc.intents.len() {
            continue;
        }
        let truth = intent_during(state, subject, *t);
        if let Some(slot) = out.get_mut(*t as usize) {
            *slot = Some(Assessed {
                p_truth: a.probs[truth.ix()],
                likeliest: likeliest(&a.probs),
                hostile: hostility(sc, &a.probs),
            });
            any = true;
        }
    }
    any.then_some(out)
}

/// "a Security-seeker throughout" or "a Security-seeker, then from turn 6 a Pre-emptor".
pub(super) fn intent_story(sc: &Scenario, truth: &[IntentIx]) -> String {
    let Some(first) = truth.first() else {
        return "unknown".to_owned();
    };
    let mut s = article(intent_name(sc, *first));
    let mut shifted = false;
    for t in 1..truth.len() {
        if truth[t] != truth[t - 1] {
            s.push_str(&format!(
                ", then from turn {} {}",
                t,
                article(intent_name(sc, truth[t]))
            ));
            shifted = true;
        }
    }
    if !shifted {
        s.push_str(" throughout");
    }
    s
}

/// Teaching sentences for each reading of `g`: what the subject's services did toward the
/// observer, how the observer's belief moved, and whether it read the truth in the end.
pub(super) fn lessons(sc: &Scenario, state: &GameState, g: &Gap) -> Vec<String> {
    let turns = state.turn;
    if turns == 0 {
        return Vec::new();
    }
    let s = g.subject;
    let sn = actor_name(sc, s);
    let mut out = Vec::new();
    for r in &g.readings {
        let o = r.observer;
        let on = actor_name(sc, o);
        // A seat that recorded assessments is judged by what it said; otherwise by its beliefs.
        let said: Vec<(usize, Assessed)> = r
            .assessed
            .iter()
            .flatten()
            .enumerate()
            .filter_map(|(t, a)| a.map(|a| (t, a)))
            .collect();
        let (whose, h0, h1, last) = match (said.first(), said.last()) {
            (Some((t0, a0)), Some((t1, a1))) => (
                format!("{on}'s assessed chance that {sn} was hostile (turns {t0} to {t1})"),
                a0.hostile,
                a1.hostile,
                (a1.likeliest, "in its last assessment"),
            ),
            _ => (
                format!("{on}'s belief that {sn} was hostile"),
                r.hostile[0],
                *r.hostile.last().unwrap_or(&r.hostile[0]),
                (
                    *r.likeliest.last().unwrap_or(&(IntentIx(0), 0.0)),
                    "at the end",
                ),
            ),
        };
        let sets_posture = state
            .log
            .iter()
            .any(|e| matches!(e.kind, EventKind::PostureSet { by, toward, .. } if by == s && toward == o));
        let postures: Vec<Posture> = (1..=turns)
            .map(|t| posture_during(state, s, o, t))
            .collect();
        let restrained = postures.iter().filter(|p| **p == Posture::Restrain).count();
        let intensified = postures
            .iter()
            .filter(|p| **p == Posture::Intensify)
            .count();
        let moved = if h1 > h0 + 0.05 {
            Some(true)
        } else if h1 < h0 - 0.05 {
            Some(false)
        } else {
            None
        };
        let belief = match moved {
            Some(true) => format!("{whose} rose from {h0:.2} to {h1:.2}"),
            Some(false) => format!("{whose} fell from {h0:.2} to {h1:.2}"),
            None => format!("{whose} stayed near {h0:.2} (ending at {h1:.2})"),
        };
        let mut sentence = if !sets_posture {
            format!("{}.", capitalise(&belief))
        } else if restrained == 0 && intensified == 0 {
            format!("{sn}'s services kept to routine toward {on} all {turns} turns, and {belief}.")
        } else if restrained >= intensified {
            let joint = if moved == Some(true) { "yet" } else { "and" };
            let also = if intensified > 0 {
                format!(" (intensifying for {intensified})")
            } else {
                String::new()
            };
            format!(
                "{sn}'s services restrained toward {on} for {restrained} of {turns} turns{also}, {joint} {belief}."
            )
        } else {
            let joint = if moved == Some(false) { "yet" } else { "and" };
            let also = if restrained > 0 {
                format!(" (restraining for {restrained})")
            } else {
                String::new()
            };
            format!(
                "{sn}'s services intensified toward {on} for {intensified} of {turns} turns{also}, {joint} {belief}."
            )
        };
        let truth = *g.truth.last().unwrap_or(&IntentIx(0));
        let ((li, lp), when) = last;
        let truth_hostility = sc.intents.get(truth.ix()).map_or(0.0, |i| i.hostility);
        // A seat people played is judged by its mandate and by what its services did: one that
        // ran disruptive operations against the observer was hostile in fact, and reading it so
        // is no misreading.
        let mandated = state.mandated.get(s.ix()).copied().unwrap_or(false);
        let hostile_acts = state
            .log
            .iter()
            .filter(|e| {
                matches!(e.kind, EventKind::OperationStarted { by, target, kind, .. }
                    if by == s && sc.assets[target.ix()].owner == o && kind.is_disruptive())
            })
            .count();
        let read_hostile = sc.intents.get(li.ix()).is_some_and(|i| i.hostility >= 0.5);
        let judged = if li == truth {
            "a correct reading".to_owned()
        } else if hostile_acts > 0 && read_hostile {
            format!(
                "a correct reading of what {sn}'s services did ({hostile_acts} disruptive operation{} against {on}), though not of {}",
                if hostile_acts == 1 { "" } else { "s" },
                if mandated {
                    "its government's mandate"
                } else {
                    "its intent"
                }
            )
        } else {
            "a misreading".to_owned()
        };
        let in_truth = if mandated {
            format!("{sn}'s government's mandate was")
        } else {
            format!("In truth {sn} was")
        };
        sentence.push_str(&format!(
            " {in_truth} {} (hostility {:.2}); {when} {on} thought it most likely {} ({lp:.2}), {judged}.",
            intent_story(sc, &g.truth),
            truth_hostility,
            article(intent_name(sc, li)),
        ));
        // Incidents the observer suffered: how many were the subject's, and how many it pinned
        // on the subject that were someone else's (proxies, false flags, plain error).
        let theirs = state
            .incidents
            .iter()
            .filter(|i| i.victim == o && i.true_author == s)
            .count();
        let blamed_wrongly = state
            .incidents
            .iter()
            .filter(|i| i.victim == o && i.lead.actor == s && i.true_author != s)
            .count();
        let pinned_elsewhere = state
            .incidents
            .iter()
            .filter(|i| i.victim == o && i.true_author == s && i.lead.actor != s)
            .count();
        let plural = |n: usize| if n == 1 { "" } else { "s" };
        if theirs > 0 {
            sentence.push_str(&format!(
                " {on} found {theirs} intrusion{} by {sn}",
                plural(theirs)
            ));
            if pinned_elsewhere > 0 {
                sentence.push_str(&format!(" ({pinned_elsewhere} blamed on someone else)"));
            }
            if blamed_wrongly > 0 {
                sentence.push_str(&format!(
                    " and blamed {sn} for {blamed_wrongly} that {} not {sn}'s",
                    if blamed_wrongly == 1 { "was" } else { "were" }
                ));
            }
            sentence.push('.');
        } else if blamed_wrongly > 0 {
            sentence.push_str(&format!(
                " {on} blamed {sn} for {blamed_wrongly} intrusion{} that {} not {sn}'s.",
                plural(blamed_wrongly),
                if blamed_wrongly == 1 { "was" } else { "were" }
            ));
        }
        out.push(sentence);
    }
    out
}

// ----- accuracy -----

pub(super) fn assessment_score(
    sc: &Scenario,
    state: &GameState,
    seat: ActorIx,
) -> Option<AssessmentScore> {
    let recorded = &state.actors[seat.ix()].assessments;
    let b = assessment_brier(state, seat)?;
    let prior: f64 = recorded
        .iter()
        .map(|(t, a)| {
            let prior = sc.actors[a.of.ix()].prior_of(seat);
            brier(prior, intent_during(state, a.of, *t))
        })
        .sum::<f64>()
        / recorded.len() as f64;
    // The seat's own beliefs at the start of the turn the assessment was made in.
    let bayes: f64 = recorded
        .iter()
        .map(|(t, a)| {
            let start = (*t as usize)
                .saturating_sub(1)
                .min(state.history.len().saturating_sub(1));
            let belief = belief_at(sc, &state.history[start], seat, a.of);
            brier(belief, intent_during(state, a.of, *t))
        })
        .sum::<f64>()
        / recorded.len() as f64;
    Some(AssessmentScore {
        seat,
        count: recorded.len(),
        brier: b,
        prior_brier: prior,
        bayes_brier: bayes,
    })
}

/// Mean Brier score of `observer`'s beliefs about `subject` over the turns played, and of the
/// public prior over the same turns.
pub(super) fn belief_score(
    sc: &Scenario,
    state: &GameState,
    observer: ActorIx,
    subject: ActorIx,
) -> (f64, f64) {
    let records: &[TurnRecord] = if state.history.len() > 1 {
        &state.history[1..]
    } else {
        &state.history
    };
    let prior = sc.actors[subject.ix()].prior_of(observer);
    let (mut b, mut p) = (0.0, 0.0);
    for h in records {
        let truth = h.intents[subject.ix()];
        b += brier(belief_at(sc, h, observer, subject), truth);
        p += brier(prior, truth);
    }
    let n = records.len().max(1) as f64;
    (b / n, p / n)
}

pub(super) fn verdict(b: f64, prior: f64) -> String {
    if b < prior - 0.02 {
        "better than the prior"
    } else if b > prior + 0.02 {
        "worse than the prior"
    } else {
        "no better than the prior"
    }
    .to_owned()
}
