//! Balance: every strategy in every playable role against the scenario's counterparts, many
//! games each, and what the table of results says about the scenario: a strategy that beats
//! the diplomat, an ending nobody reaches, a rule that never fires, an inject never sent, an
//! action nobody takes, a role that cannot be won or cannot be lost, pressure that saturates.

use crate::ai::Strategy;
use crate::batch::game_seed;
use crate::engine::{EventKind, Game, Outcome, condition_holds};
use crate::ids::ActorIx;
use crate::scenario::Scenario;
use crate::scenario::file::ActionKind;
use serde::Serialize;
use std::sync::Arc;

/// The strategies balance plays in each role: the batch strategies, the doctrine and the
/// diplomat.
pub const STRATEGIES: [Strategy; Strategy::ALL.len()] = Strategy::ALL;

/// One role played by one strategy, over every game.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Cell {
    pub role: String,
    pub strategy: String,
    pub games: u64,
    pub failure: f64,
    pub turn_limit: f64,
    /// Share of games ending in each settlement, in the scenario's order.
    pub settlements: Vec<(String, f64)>,
    pub mean_score: f64,
    /// Half the width of the 95% confidence interval of the mean score.
    pub score_ci: f64,
    /// Mean of the highest rung reached (0 = the first).
    pub mean_peak_rung: f64,
    /// Mean of the role's domestic pressure at the end.
    pub mean_final_pressure: f64,
}

/// Something the table says needs the author's attention.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Flag {
    /// A stable code, e.g. `rule-never-fires`.
    pub code: &'static str,
    pub message: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Balance {
    pub scenario: String,
    pub games: u64,
    pub seed: u64,
    pub cells: Vec<Cell>,
    pub flags: Vec<Flag>,
}

/// What one cell's games add up to, before averaging.
#[derive(Clone, Default)]
struct Tally {
    games: u64,
    failure: u64,
    turn_limit: u64,
    settlements: Vec<u64>,
    /// Per game, by its number: the role's score and final pressure. Summed in game order at the
    /// end, so the table is the same whatever the number of threads.
    per_game: Vec<(u64, f64, f64)>,
    peak_rung: u64,
    rules: Vec<u64>,
    injects: Vec<u64>,
    /// Actions the role took, by kind.
    actions: [u64; ActionKind::ALL.len()],
    /// By settlement: games where it held at the end but another settlement ended the game,
    /// by the one that did.
    preempted: Vec<Vec<u64>>,
}

impl Tally {
    fn new(sc: &Scenario) -> Tally {
        let s = sc.settlements.len();
        Tally {
            settlements: vec![0; s],
            rules: vec![0; sc.rules.len()],
            injects: vec![0; sc.injects.len()],
            preempted: vec![vec![0; s]; s],
            ..Tally::default()
        }
    }

    fn add(&mut self, sc: &Scenario, i: u64, g: &Game, role: ActorIx) {
        let st = g.state();
        self.games += 1;
        let won = crate::batch::summarise(g).settlement;
        match st.outcome {
            Some(Outcome::Failure) => self.failure += 1,
            Some(Outcome::Settlement) => {
                if let Some(k) = won {
                    self.settlements[k] += 1;
                }
            }
            _ => self.turn_limit += 1,
        }
        let score = crate::engine::score::score(sc, st, role).total;
        self.per_game
            .push((i, score, st.actors[role.ix()].pressure));
        self.peak_rung += st.peak_rung.ix() as u64;
        for (k, fired) in st.fired.iter().enumerate() {
            self.rules[k] += u64::from(*fired);
        }
        let mut sent = vec![false; sc.injects.len()];
        for e in &st.log {
            match &e.kind {
                EventKind::Inject(i) => sent[i.ix()] = true,
                EventKind::ActionTaken { by, action } if *by == role => {
                    self.actions[action.kind().ix()] += 1;
                }
                _ => {}
            }
        }
        for (k, s) in sent.iter().enumerate() {
            self.injects[k] += u64::from(*s);
        }
        if let Some(w) = won {
            for (k, s) in sc.settlements.iter().enumerate() {
                if k != w && st.turn >= s.after_turn && condition_holds(sc, st, st.turn, &s.when) {
                    self.preempted[k][w] += 1;
                }
            }
        }
    }

    fn merge(&mut self, o: &Tally) {
        self.games += o.games;
        self.failure += o.failure;
        self.turn_limit += o.turn_limit;
        self.per_game.extend_from_slice(&o.per_game);
        self.peak_rung += o.peak_rung;
        let sum = |a: &mut Vec<u64>, b: &[u64]| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        sum(&mut self.settlements, &o.settlements);
        sum(&mut self.rules, &o.rules);
        sum(&mut self.injects, &o.injects);
        for (a, b) in self.actions.iter_mut().zip(&o.actions) {
            *a += b;
        }
        for (a, b) in self.preempted.iter_mut().zip(&o.preempted) {
            sum(a, b);
        }
    }
}

/// Plays `games` games of each role × strategy on `threads` threads. The same seeds serve every
/// cell, so the cells differ by the strategy alone.
pub fn run(sc: &Arc<Scenario>, games: u64, seed: u64, threads: usize) -> Balance {
    let mut cells = Vec::new();
    let mut totals = Tally::new(sc);
    let mut tallies = Vec::new();
    for &role in &sc.playable {
        for strategy in STRATEGIES {
            let t = play_cell(sc, role, strategy, games, seed, threads);
            totals.merge(&t);
            cells.push(cell(sc, role, strategy, &t));
            tallies.push((role, strategy, t));
        }
    }
    let flags = flags(sc, &cells, &tallies, &totals);
    Balance {
        scenario: sc.id.to_string(),
        games,
        seed,
        cells,
        flags,
    }
}

fn play_cell(
    sc: &Arc<Scenario>,
    role: ActorIx,
    strategy: Strategy,
    games: u64,
    seed: u64,
    threads: usize,
) -> Tally {
    let mut strategies = vec![Strategy::Doctrine; sc.actors.len()];
    strategies[role.ix()] = strategy;
    let threads = threads.clamp(1, games.max(1) as usize) as u64;
    let mut total = Tally::new(sc);
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|w| {
                let strategies = &strategies;
                s.spawn(move || {
                    let mut t = Tally::new(sc);
                    for i in (w..games).step_by(threads as usize) {
                        let mut g = Game::with_humans(Arc::clone(sc), game_seed(seed, i), &[role]);
                        g.play_out(strategies);
                        t.add(sc, i, &g, role);
                    }
                    t
                })
            })
            .collect();
        for w in workers {
            if let Ok(t) = w.join() {
                total.merge(&t);
            }
        }
    });
    total
}

fn cell(sc: &Scenario, role: ActorIx, strategy: Strategy, t: &Tally) -> Cell {
    let n = t.games.max(1) as f64;
    let mut per_game = t.per_game.clone();
    per_game.sort_by_key(|(i, _, _)| *i);
    let mean = per_game.iter().map(|(_, s, _)| s).sum::<f64>() / n;
    let var = per_game
        .iter()
        .map(|(_, s, _)| (s - mean).powi(2))
        .sum::<f64>()
        / (n - 1.0).max(1.0);
    let pressure = per_game.iter().map(|(_, _, p)| p).sum::<f64>();
    Cell {
        role: sc.actor(role).id.to_string(),
        strategy: strategy.name().to_owned(),
        games: t.games,
        failure: t.failure as f64 / n,
        turn_limit: t.turn_limit as f64 / n,
        settlements: sc
            .settlements
            .iter()
            .zip(&t.settlements)
            .map(|(s, k)| (s.id.to_string(), *k as f64 / n))
            .collect(),
        mean_score: mean,
        score_ci: 1.96 * (var / n).sqrt(),
        mean_peak_rung: t.peak_rung as f64 / n,
        mean_final_pressure: pressure / n,
    }
}

/// Mean final pressure above which a role's pressure is said to saturate.
const SATURATED: f64 = 0.95;

fn flags(
    sc: &Scenario,
    cells: &[Cell],
    tallies: &[(ActorIx, Strategy, Tally)],
    totals: &Tally,
) -> Vec<Flag> {
    let mut out = Vec::new();
    let mut flag = |code, message: String| out.push(Flag { code, message });
    for &role in &sc.playable {
        let id = &sc.actor(role).id;
        let row: Vec<&Cell> = cells.iter().filter(|c| c.role == id.as_str()).collect();
        let Some(diplomat) = row.iter().find(|c| c.strategy == Strategy::Diplomat.name()) else {
            continue;
        };
        for c in &row {
            let above = c.mean_score - c.score_ci > diplomat.mean_score + diplomat.score_ci;
            if c.strategy != diplomat.strategy && above && c.failure <= diplomat.failure {
                flag(
                    "dominates-diplomat",
                    format!(
                        "{id}: {} scores {:.1} ± {:.1}, above the diplomat's {:.1} ± {:.1}, and fails no more often",
                        c.strategy,
                        c.mean_score,
                        c.score_ci,
                        diplomat.mean_score,
                        diplomat.score_ci
                    ),
                );
            }
            if c.mean_final_pressure >= SATURATED {
                flag(
                    "pressure-saturates",
                    format!(
                        "{id} under {}: domestic pressure ends at {:.2} on average (of 1)",
                        c.strategy, c.mean_final_pressure
                    ),
                );
            }
        }
        let best_survival = row.iter().map(|c| 1.0 - c.failure).fold(0.0, f64::max);
        if best_survival < 0.2 {
            flag(
                "role-unwinnable",
                format!(
                    "{id}: every strategy fails in at least {:.0}% of games",
                    (1.0 - best_survival) * 100.0
                ),
            );
        }
        if row.iter().all(|c| c.failure == 0.0) {
            let spread = row.iter().map(|c| c.mean_score).fold(f64::MIN, f64::max)
                - row.iter().map(|c| c.mean_score).fold(f64::MAX, f64::min);
            flag(
                "role-trivial",
                format!(
                    "{id}: no strategy ever fails, not even always-intensify (scores spread over {spread:.1} points)"
                ),
            );
        }
        let taken: Vec<u64> = (0..ActionKind::ALL.len())
            .map(|k| {
                tallies
                    .iter()
                    .filter(|(r, _, _)| *r == role)
                    .map(|(_, _, t)| t.actions[k])
                    .sum()
            })
            .collect();
        for kind in ActionKind::ALL {
            if kind != ActionKind::Wait && sc.action(kind).is_some() && taken[kind.ix()] == 0 {
                flag(
                    "action-never-taken",
                    format!(
                        "{id}: the action {kind:?} is offered, but no strategy ever takes it, so nothing shows it is worth taking"
                    ),
                );
            }
        }
    }
    if totals.failure == 0 {
        flag(
            "ending-never-reached",
            "no game in any role ends in failure".into(),
        );
    }
    for (k, s) in sc.settlements.iter().enumerate() {
        if totals.settlements[k] > 0 {
            continue;
        }
        let held = &totals.preempted[k];
        match (0..held.len())
            .max_by_key(|&w| held[w])
            .filter(|&w| held[w] > 0)
        {
            Some(w) => flag(
                "ending-pre-empted",
                format!(
                    "the settlement \"{}\" is never reached: it held at the end of {} games, but \"{}\" came first",
                    s.id, held[w], sc.settlements[w].id
                ),
            ),
            None => flag(
                "ending-never-reached",
                format!("the settlement \"{}\" is never reached", s.id),
            ),
        }
    }
    for (k, r) in sc.rules.iter().enumerate() {
        if totals.rules[k] == 0 {
            flag(
                "rule-never-fires",
                format!("the rule \"{}\" never fires", r.id),
            );
        }
    }
    for (k, i) in sc.injects.iter().enumerate() {
        if totals.injects[k] == 0 {
            flag(
                "inject-never-sent",
                format!("the inject \"{}\" is never sent", i.id),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_and_strategy_is_played_and_the_same_seed_gives_the_same_table() {
        let sc =
            crate::autosave::load_scenario(std::path::Path::new("scenarios/tutorial.ron")).unwrap();
        let a = run(&sc, 20, 1, 2);
        assert_eq!(a.cells.len(), sc.playable.len() * STRATEGIES.len());
        assert!(a.cells.iter().all(|c| c.games == 20));
        for c in &a.cells {
            let settled: f64 = c.settlements.iter().map(|(_, s)| s).sum();
            assert!(
                (c.failure + c.turn_limit + settled - 1.0).abs() < 1e-9,
                "{c:?}"
            );
        }
        let b = run(&sc, 20, 1, 1);
        let scores = |x: &Balance| x.cells.iter().map(|c| c.mean_score).collect::<Vec<_>>();
        assert_eq!(scores(&a), scores(&b), "threads change nothing");
        assert_eq!(a.flags, b.flags);
    }

    #[test]
    fn dead_content_is_flagged() {
        let mut sc =
            (*crate::autosave::load_scenario(std::path::Path::new("scenarios/tutorial.ron"))
                .unwrap())
            .clone();
        // A rule that can never fire, and an inject only it sends.
        let r = sc.rules.len() - 1;
        sc.rules[r].when =
            crate::scenario::model::Cond::Not(Box::new(crate::scenario::model::Cond::Always));
        let b = run(&Arc::new(sc.clone()), 10, 1, 2);
        let rule = format!("the rule \"{}\" never fires", sc.rules[r].id);
        assert!(
            b.flags
                .iter()
                .any(|f| f.code == "rule-never-fires" && f.message == rule),
            "{:?}",
            b.flags
        );
    }
}
