//! Reference games for regression: the outcome, length, scores and per-turn state hashes of a
//! range of seeds, recorded once, so that after an edit to a scenario (or to the engine) every
//! game that now plays differently is found, with the first turn that differs and what changed
//! in it. Pure: games in, records and differences out.

use crate::ai::Strategy;
use crate::batch::summarise;
use crate::engine::{EventKind, Game, Outcome};
use crate::ids::{ActorId, InjectId, RuleId, RungId, ScenarioId, SettlementId};
use crate::scenario::Scenario;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

pub const GOLDEN_FORMAT: u32 = 1;

/// A file of reference games.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Golden")]
pub struct Golden {
    pub format: u32,
    pub scenario: ScenarioId,
    /// The content hash of the scenario's text when the games were recorded.
    pub scenario_hash: u64,
    /// Each actor's strategy, by id.
    pub strategies: Vec<(ActorId, Strategy)>,
    pub games: Vec<Reference>,
}

/// One recorded game.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Game")]
pub struct Reference {
    pub seed: u64,
    pub outcome: Outcome,
    pub settlement: Option<SettlementId>,
    pub turns: u32,
    /// Each actor's total score, in the order of `strategies`.
    pub scores: Vec<f64>,
    /// The state hash after each turn.
    pub hashes: Vec<u64>,
    /// What each turn did, to say what differs where a hash does.
    pub summary: Vec<TurnSummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Turn")]
pub struct TurnSummary {
    pub rung: RungId,
    pub escalation: f64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fired: Vec<RuleId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub injects: Vec<InjectId>,
}

/// Plays `seed` with `strategies` (by actor) and records it.
pub fn reference(sc: &Arc<Scenario>, seed: u64, strategies: &[Strategy]) -> Reference {
    let g = crate::batch::play(sc, seed, strategies);
    of_game(&g)
}

fn of_game(g: &Game) -> Reference {
    let sc = g.scenario();
    let st = g.state();
    let s = summarise(g);
    let summary = st
        .history
        .iter()
        .filter(|h| h.turn > 0)
        .map(|h| {
            let mut t = TurnSummary {
                rung: sc.ladder[h.rung.ix()].id.clone(),
                escalation: h.escalation,
                fired: Vec::new(),
                injects: Vec::new(),
            };
            for e in st.log.iter().filter(|e| e.turn == h.turn) {
                match &e.kind {
                    EventKind::RuleFired { rule } => t.fired.push(sc.rules[rule.ix()].id.clone()),
                    EventKind::Inject(i) => t.injects.push(sc.injects[i.ix()].id.clone()),
                    _ => {}
                }
            }
            t
        })
        .collect();
    Reference {
        seed: g.seed(),
        outcome: s.outcome,
        settlement: s.settlement.map(|k| sc.settlements[k].id.clone()),
        turns: s.turns,
        scores: s.scores.iter().map(|c| c.total).collect(),
        hashes: g.turn_hashes(),
        summary,
    }
}

/// Records `seeds` of `sc` played with `strategies`.
pub fn record(
    sc: &Arc<Scenario>,
    seeds: impl Iterator<Item = u64>,
    strategies: &[Strategy],
) -> Golden {
    Golden {
        format: GOLDEN_FORMAT,
        scenario: sc.id.clone(),
        scenario_hash: sc.content_hash,
        strategies: sc
            .actors
            .iter()
            .zip(strategies)
            .map(|(a, s)| (a.id.clone(), *s))
            .collect(),
        games: seeds.map(|seed| reference(sc, seed, strategies)).collect(),
    }
}

/// What changed in one game, in words; empty when nothing did. `before` holds scores in the order
/// of `names_before` (the recorded actors), `now` in the order of `names_now` (the scenario's
/// actors now): scores are compared actor by actor, by id.
pub fn compare(
    names_before: &[ActorId],
    names_now: &[ActorId],
    before: &Reference,
    now: &Reference,
) -> Vec<String> {
    let mut out = Vec::new();
    let ending = |r: &Reference| match (&r.outcome, &r.settlement) {
        (Outcome::Settlement, Some(s)) => format!("settlement \"{s}\""),
        (Outcome::Settlement, None) => "settlement".into(),
        (Outcome::Failure, _) => "failure".into(),
        (Outcome::TurnLimit, _) => "turn limit".into(),
    };
    if (before.outcome, &before.settlement) != (now.outcome, &now.settlement) {
        out.push(format!("outcome {} → {}", ending(before), ending(now)));
    }
    if before.turns != now.turns {
        out.push(format!("length {} → {} turns", before.turns, now.turns));
    }
    for (k, name) in names_before.iter().enumerate() {
        let b = before.scores.get(k);
        let n = names_now
            .iter()
            .position(|x| x == name)
            .and_then(|j| now.scores.get(j));
        match (b, n) {
            (Some(b), Some(n)) if (b - n).abs() > 1e-9 => {
                out.push(format!("{name}'s score {b:.2} → {n:.2}"));
            }
            (Some(_), None) => out.push(format!("{name} is no longer in the scenario")),
            _ => {}
        }
    }
    let first = before
        .hashes
        .iter()
        .zip(&now.hashes)
        .position(|(a, b)| a != b)
        .or_else(|| {
            (before.hashes.len() != now.hashes.len())
                .then(|| before.hashes.len().min(now.hashes.len()))
        });
    if let Some(t) = first {
        let what = match (before.summary.get(t), now.summary.get(t)) {
            (Some(b), Some(n)) => turn_changes(b, n),
            (Some(_), None) => "the game no longer reaches it".into(),
            (None, Some(_)) => "the game used to end before it".into(),
            (None, None) => String::new(),
        };
        out.push(format!("first differs at turn {}: {what}", t + 1));
    }
    out
}

/// What differs between two records of one turn.
fn turn_changes(b: &TurnSummary, n: &TurnSummary) -> String {
    let mut parts = Vec::new();
    if b.rung != n.rung {
        parts.push(format!("rung \"{}\" → \"{}\"", b.rung, n.rung));
    }
    if (b.escalation - n.escalation).abs() > 1e-9 {
        parts.push(format!(
            "escalation {:.2} → {:.2}",
            b.escalation, n.escalation
        ));
    }
    for r in n.fired.iter().filter(|r| !b.fired.contains(r)) {
        parts.push(format!("rule \"{r}\" fired (before: not)"));
    }
    for r in b.fired.iter().filter(|r| !n.fired.contains(r)) {
        parts.push(format!("rule \"{r}\" no longer fired"));
    }
    for i in n.injects.iter().filter(|i| !b.injects.contains(i)) {
        parts.push(format!("inject \"{i}\" sent (before: not)"));
    }
    for i in b.injects.iter().filter(|i| !n.injects.contains(i)) {
        parts.push(format!("inject \"{i}\" no longer sent"));
    }
    if parts.is_empty() {
        "the rung, escalation, rules and injects are the same; the state differs in its detail (operations, beliefs, fear)".into()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Arc<Scenario> {
        crate::autosave::load_scenario(std::path::Path::new("scenarios/grid-probe.ron")).unwrap()
    }

    #[test]
    fn the_same_scenario_replays_its_reference_games_unchanged() {
        let sc = grid();
        let strategies = vec![Strategy::Doctrine; sc.actors.len()];
        let g = record(&sc, 1..4, &strategies);
        let text = ron::ser::to_string(&g).unwrap();
        let back: Golden = ron::from_str(&text).unwrap();
        assert_eq!(back, g, "a golden file reads back as written");
        let names: Vec<ActorId> = g.strategies.iter().map(|(a, _)| a.clone()).collect();
        for r in &g.games {
            let now = reference(&sc, r.seed, &strategies);
            assert!(compare(&names, &names, r, &now).is_empty());
        }
    }

    #[test]
    fn a_changed_game_says_what_changed_and_where() {
        let sc = grid();
        let doctrine = vec![Strategy::Doctrine; sc.actors.len()];
        let before = reference(&sc, 3, &doctrine);
        let hawks = vec![Strategy::AlwaysIntensify; sc.actors.len()];
        let now = reference(&sc, 3, &hawks);
        let names: Vec<ActorId> = sc.actors.iter().map(|a| a.id.clone()).collect();
        let d = compare(&names, &names, &before, &now);
        assert!(
            d.iter()
                .any(|l| l.starts_with("outcome settlement \"grid-accord\" → ")),
            "{d:?}"
        );
        assert!(d.iter().any(|l| l.starts_with("length 10 → ")), "{d:?}");
        assert!(
            d.iter().any(|l| l.starts_with("first differs at turn 1: ")),
            "{d:?}"
        );
    }

    #[test]
    fn scores_are_compared_actor_by_actor_whatever_the_order() {
        let sc = grid();
        let doctrine = vec![Strategy::Doctrine; sc.actors.len()];
        let r = reference(&sc, 2, &doctrine);
        let names: Vec<ActorId> = sc.actors.iter().map(|a| a.id.clone()).collect();
        // The same game, with the scenario's actors listed the other way round.
        let mut now = r.clone();
        now.scores.reverse();
        let reversed: Vec<ActorId> = names.iter().rev().cloned().collect();
        assert!(compare(&names, &reversed, &r, &now).is_empty());
        let gone = &names[1..];
        let mut without_first = r.clone();
        without_first.scores.remove(0);
        let d = compare(&names, gone, &r, &without_first);
        assert_eq!(d, [format!("{} is no longer in the scenario", names[0])]);
    }
}
