//! The score of each actor at the end of a game: conflict avoided, national
//! interest, norms built, reputation, and the accuracy of assessments (Brier score), weighted as
//! the scenario says.

use super::event::Outcome;
use super::state::GameState;
use crate::ids::*;
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};

/// Each part lies in [0, 1]; `total` in [0, 100]: the weighted parts, banded so that a game lost
/// on the top rung always scores below one that avoided it (see `FAILURE_BAND`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreCard {
    pub conflict_avoided: f64,
    pub interest: f64,
    pub norms: f64,
    pub reputation: f64,
    /// 1 − mean Brier score / 2; `None` if the seat recorded no assessment.
    pub assessment: Option<f64>,
    /// Mean Brier score (0 perfect, 2 worst) of the recorded assessments.
    pub brier: Option<f64>,
    pub total: f64,
}

/// Multi-class Brier score of a forecast against the true class: Σ (p_i − o_i)², from 0 to 2.
pub fn brier(probs: &[f64], truth: IntentIx) -> f64 {
    probs
        .iter()
        .enumerate()
        .map(|(i, p)| (p - if i == truth.ix() { 1.0 } else { 0.0 }).powi(2))
        .sum()
}

/// The true intent of `actor` during turn `turn` (1-based).
pub fn intent_during(state: &GameState, actor: ActorIx, turn: u32) -> IntentIx {
    let i = (turn.saturating_sub(1) as usize).min(state.history.len().saturating_sub(1));
    state
        .history
        .get(i)
        .map_or(state.actors[actor.ix()].intent, |h| h.intents[actor.ix()])
}

/// Mean Brier score of `seat`'s recorded assessments, if any.
pub fn assessment_brier(state: &GameState, seat: ActorIx) -> Option<f64> {
    let a = &state.actors[seat.ix()].assessments;
    if a.is_empty() {
        return None;
    }
    let sum: f64 = a
        .iter()
        .map(|(t, x)| brier(&x.probs, intent_during(state, x.of, *t)))
        .sum();
    Some(sum / a.len() as f64)
}

/// Mean Brier score of `seat`'s own beliefs about every other actor, turn by turn: how well a
/// computer counterpart read the others.
pub fn belief_brier(sc: &Scenario, state: &GameState, seat: ActorIx) -> f64 {
    let k = sc.intents.len();
    let n = sc.actors.len();
    let (mut sum, mut count) = (0.0, 0usize);
    for h in &state.history {
        for b in (0..n).filter(|b| *b != seat.ix()) {
            let start = seat.ix() * n * k + b * k;
            sum += brier(&h.beliefs[start..start + k], h.intents[b]);
            count += 1;
        }
    }
    if count == 0 { 0.0 } else { sum / count as f64 }
}

/// The top of the band of totals for a game that ended on the top rung.
pub const FAILURE_BAND: f64 = 25.0;

pub fn score(sc: &Scenario, state: &GameState, seat: ActorIx) -> ScoreCard {
    let me = &state.actors[seat.ix()];
    let top = sc.ladder.len().saturating_sub(1).max(1) as f64;
    let conflict_avoided = match state.outcome {
        Some(Outcome::Failure) => 0.0,
        _ => 1.0 - state.peak_rung.ix() as f64 / top,
    };
    let states = sc
        .actors
        .iter()
        .enumerate()
        .filter(|(i, a)| *i != seat.ix() && a.kind.is_state())
        .count();
    let turns = state.turn.max(1) as f64;
    let best = sc
        .payoffs
        .temptation
        .max(sc.payoffs.mutual_restraint)
        .max(1e-9);
    let payoff = if states == 0 || !sc.actors[seat.ix()].kind.is_state() {
        0.5
    } else {
        (me.payoff / (turns * states as f64 * best)).clamp(0.0, 1.0)
    };
    let interest = (0.7 * payoff + 0.3 / (1.0 + me.damage) + 0.05 * me.gains).clamp(0.0, 1.0);
    let mut agreed = crate::scenario::model::NormSet::default();
    for other in sc.actor_ixs().filter(|o| *o != seat) {
        agreed.0 |= state.relation(seat, other).agreements.0;
    }
    let norms = if sc.norms.is_empty() {
        0.0
    } else {
        f64::from(agreed.len()) / sc.norms.len() as f64
    };
    let brier = assessment_brier(state, seat);
    let assessment = brier.map(|b| 1.0 - b / 2.0);
    let w = sc.score;
    // A seat that never assessed is scored as if it had said "I cannot tell" (uniform).
    let uniform = {
        let k = sc.intents.len().max(1) as f64;
        1.0 - ((k - 1.0) / k) / 2.0
    };
    let parts = [
        (w.conflict_avoided, conflict_avoided),
        (w.interest, interest),
        (w.norms, norms),
        (w.reputation, me.reputation),
        (w.assessment, assessment.unwrap_or(uniform)),
    ];
    let weight: f64 = parts.iter().map(|(w, _)| w).sum();
    let raw = if weight > 0.0 {
        100.0 * parts.iter().map(|(w, x)| w * x).sum::<f64>() / weight
    } else {
        0.0
    };
    // War never ties with peace: a game lost on the top rung scores in [0, FAILURE_BAND), every
    // other game in [FAILURE_BAND, 100], whatever the weights.
    let total = match state.outcome {
        Some(Outcome::Failure) => raw.clamp(0.0, 100.0) / 100.0 * FAILURE_BAND * 0.999,
        _ => FAILURE_BAND + raw.clamp(0.0, 100.0) / 100.0 * (100.0 - FAILURE_BAND),
    };
    ScoreCard {
        conflict_avoided,
        interest,
        norms,
        reputation: me.reputation,
        assessment,
        brier,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brier_is_zero_when_certain_and_right_and_two_when_certain_and_wrong() {
        assert_eq!(brier(&[1.0, 0.0], IntentIx(0)), 0.0);
        assert_eq!(brier(&[1.0, 0.0], IntentIx(1)), 2.0);
        assert!((brier(&[0.5, 0.5], IntentIx(0)) - 0.5).abs() < 1e-12);
    }
}
