//! The score's parts in words: each with its value, its weight in the scenario and why the seat
//! got it.

use super::*;

/// One sentence per part of `seat`'s score: its value, its weight in this scenario, and why.
pub(super) fn score_reasons(
    sc: &Scenario,
    state: &crate::engine::state::GameState,
    seat: ActorIx,
) -> Vec<String> {
    let c = score(sc, state, seat);
    let w = &sc.score;
    let me = &state.actors[seat.ix()];
    let top = sc.ladder.len();
    let conflict = match state.outcome {
        Some(Outcome::Failure) => "the crisis reached open conflict, so nothing was avoided; a game lost this way always scores below one that avoided it".to_owned(),
        _ => format!(
            "the crisis peaked at rung {} of {top} ({}); the lower the peak, the higher this part",
            state.peak_rung.ix() + 1,
            rung_name(sc, state.peak_rung)
        ),
    };
    let mut agreed = crate::scenario::model::NormSet::default();
    for other in sc.actor_ixs().filter(|o| *o != seat) {
        agreed.0 |= state.relation(seat, other).agreements.0;
    }
    let norms = if sc.norms.is_empty() {
        "this scenario has no norms to agree".to_owned()
    } else {
        format!(
            "{} of the scenario's {} norms were agreed with you",
            agreed.len(),
            sc.norms.len()
        )
    };
    let start = sc.actor(seat).reputation;
    let reputation = format!(
        "your standing at the end, {}% (it began at {}%): broken promises and blame on weak evidence lower it, kept agreements raise it",
        pct(me.reputation),
        pct(start)
    );
    let interest = format!(
        "what the exchange with the other states brought you, less the damage you suffered ({:.2}) plus what your operations gained ({:.2})",
        me.damage, me.gains
    );
    let assessment = match c.brier {
        Some(b) => format!(
            "your {} recorded assessment(s) had a mean Brier score of {b:.2} (0 is perfect, 2 the worst)",
            me.assessments.len()
        ),
        None => "you recorded no assessment, so you are scored as if you had said \u{201c}I cannot tell\u{201d}".to_owned(),
    };
    [
        (
            "Conflict avoided",
            c.conflict_avoided,
            w.conflict_avoided,
            conflict,
        ),
        ("National interest", c.interest, w.interest, interest),
        ("Norms and agreements", c.norms, w.norms, norms),
        ("Reputation", c.reputation, w.reputation, reputation),
        (
            "Assessment",
            c.assessment.unwrap_or(f64::NAN),
            w.assessment,
            assessment,
        ),
    ]
    .into_iter()
    .map(|(part, value, weight, why)| {
        let value = if value.is_nan() {
            "\u{2014}".to_owned()
        } else {
            format!("{}%", pct(value))
        };
        format!(
            "{part} {value}, weighing {} of the total: {why}.",
            share(weight, w)
        )
    })
    .collect()
}

pub(super) fn share(w: f64, all: &crate::scenario::file::ScoreWeights) -> String {
    let total = all.conflict_avoided + all.interest + all.norms + all.reputation + all.assessment;
    if total > 0.0 {
        format!("{:.0}%", 100.0 * w / total)
    } else {
        "0%".to_owned()
    }
}
