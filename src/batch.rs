//! Batch runs: many games with computer seats, summarised. Games are independent, so they are
//! spread over threads; each game's seed comes from the batch seed and its number, and results
//! are combined in game order, so the report is the same whatever the thread count.

use crate::ai::Strategy;
use crate::engine::Game;
use crate::engine::event::{EventKind, Outcome};
use crate::engine::score::{ScoreCard, score};
use crate::ids::*;
use crate::scenario::Scenario;
use crate::scenario::file::OpKind;
use serde::Serialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What one game came to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GameSummary {
    pub seed: u64,
    pub outcome: Outcome,
    /// The settlement reached, if the game ended in one.
    pub settlement: Option<usize>,
    pub final_rung: RungIx,
    pub peak_rung: RungIx,
    pub peak_escalation: f64,
    pub turns: u32,
    pub scores: Vec<ScoreCard>,
    /// Each actor's domestic pressure at the end, 0 to 1.
    pub final_pressure: Vec<f64>,
}

/// Seed of game `i` of a batch.
pub fn game_seed(batch_seed: u64, i: u64) -> u64 {
    // SplitMix64, so neighbouring games do not share low bits of their seeds.
    let mut z = batch_seed.wrapping_add(i.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Plays one game to the end with the given strategies (indexed by actor).
pub fn play(scenario: &Arc<Scenario>, seed: u64, strategies: &[Strategy]) -> Game {
    let mut g = Game::new(Arc::clone(scenario), seed);
    g.play_out(strategies);
    g
}

/// The settlement a game ended in, by index, if it ended in one.
pub fn settlement(sc: &Scenario, st: &crate::engine::state::GameState) -> Option<usize> {
    st.log.iter().rev().find_map(|e| match &e.kind {
        EventKind::GameEnded {
            outcome: Outcome::Settlement,
            text,
        } => sc
            .settlements
            .iter()
            .position(|s| text.starts_with(&s.name)),
        _ => None,
    })
}

pub fn summarise(g: &Game) -> GameSummary {
    let sc = g.scenario();
    let st = g.state();
    let settlement = settlement(sc, st);
    GameSummary {
        seed: g.seed(),
        outcome: st.outcome.unwrap_or(Outcome::TurnLimit),
        settlement,
        final_rung: st.rung,
        peak_rung: st.peak_rung,
        peak_escalation: st.history.iter().map(|h| h.escalation).fold(0.0, f64::max),
        turns: st.turn,
        scores: sc.actor_ixs().map(|a| score(sc, st, a)).collect(),
        final_pressure: st.actors.iter().map(|a| a.pressure).collect(),
    }
}

/// Operations started in a batch, per actor, by kind and by the posture its seat held toward the
/// target's owner when it started (under restrain, every one is a misfire).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Operations {
    /// Per actor: counts indexed by `kind * 3 + posture`.
    pub per_actor: Vec<[u64; OpKind::ALL.len() * 3]>,
}

impl Operations {
    fn new(actors: usize) -> Self {
        Operations {
            per_actor: vec![[0; OpKind::ALL.len() * 3]; actors],
        }
    }

    /// One pass over the log, following each seat's posture toward each actor as it is set.
    fn count(&mut self, g: &Game) {
        let sc = g.scenario();
        let n = sc.actors.len();
        let mut posture = vec![crate::engine::Posture::default(); n * n];
        for e in &g.state().log {
            match e.kind {
                EventKind::PostureSet {
                    by,
                    toward,
                    posture: p,
                    ..
                } => posture[by.ix() * n + toward.ix()] = p,
                EventKind::OperationStarted {
                    by, target, kind, ..
                } => {
                    let owner = sc.assets[target.ix()].owner;
                    let p = posture[by.ix() * n + owner.ix()];
                    self.per_actor[by.ix()][kind as usize * 3 + p as usize] += 1;
                }
                _ => {}
            }
        }
    }

    fn add(&mut self, other: &Operations) {
        for (a, b) in self.per_actor.iter_mut().zip(&other.per_actor) {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass count agrees with reading each operation's posture back from the log.
    #[test]
    fn operations_are_counted_under_the_posture_in_force() {
        let sc = crate::autosave::load_scenario(std::path::Path::new("scenarios/grid-probe.ron"))
            .unwrap();
        let strategies = vec![Strategy::Doctrine; sc.actors.len()];
        for seed in 0..20 {
            let g = play(&sc, seed, &strategies);
            let mut fast = Operations::new(sc.actors.len());
            fast.count(&g);
            let mut slow = Operations::new(sc.actors.len());
            for e in &g.state().log {
                if let EventKind::OperationStarted {
                    by, target, kind, ..
                } = e.kind
                {
                    let owner = sc.assets[target.ix()].owner;
                    let p = crate::report::narrate::posture_during(g.state(), by, owner, e.turn);
                    slow.per_actor[by.ix()][kind as usize * 3 + p as usize] += 1;
                }
            }
            assert_eq!(fast, slow, "seed {seed}");
            assert!(fast.per_actor.iter().flatten().sum::<u64>() > 0);
        }
    }
}

/// Plays `games` games on `threads` threads; `progress` is bumped after each game.
pub fn run(
    scenario: &Arc<Scenario>,
    games: u64,
    seed: u64,
    strategies: &[Strategy],
    noise: Option<f64>,
    threads: usize,
    progress: &AtomicU64,
) -> Vec<GameSummary> {
    run_counting(scenario, games, seed, strategies, noise, threads, progress).0
}

/// As `run`, also counting the operations every actor's services started.
pub fn run_counting(
    scenario: &Arc<Scenario>,
    games: u64,
    seed: u64,
    strategies: &[Strategy],
    noise: Option<f64>,
    threads: usize,
    progress: &AtomicU64,
) -> (Vec<GameSummary>, Operations) {
    let scenario = match noise {
        Some(p) => {
            let mut s = (**scenario).clone();
            s.model.implementation_noise = p;
            Arc::new(s)
        }
        None => Arc::clone(scenario),
    };
    let threads = threads.max(1).min(games.max(1) as usize);
    let mut out: Vec<Option<GameSummary>> = vec![None; games as usize];
    let chunk = (games as usize).div_ceil(threads).max(1);
    let actors = scenario.actors.len();
    let mut ops = Operations::new(actors);
    std::thread::scope(|s| {
        let workers: Vec<_> = out
            .chunks_mut(chunk)
            .enumerate()
            .map(|(c, slot)| {
                let scenario = &scenario;
                s.spawn(move || {
                    let mut ops = Operations::new(actors);
                    for (j, cell) in slot.iter_mut().enumerate() {
                        let i = (c * chunk + j) as u64;
                        let g = play(scenario, game_seed(seed, i), strategies);
                        ops.count(&g);
                        *cell = Some(summarise(&g));
                        progress.fetch_add(1, Ordering::Relaxed);
                    }
                    ops
                })
            })
            .collect();
        for w in workers {
            if let Ok(o) = w.join() {
                ops.add(&o);
            }
        }
    });
    (out.into_iter().flatten().collect(), ops)
}

/// Summary of a batch: how games ended and how each actor fared, averaged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BatchReport {
    pub scenario: String,
    pub games: u64,
    pub seed: u64,
    pub seats: Vec<(String, String)>,
    pub noise: Option<f64>,
    /// Share of games ending in failure, in a settlement, and at the turn limit.
    pub failure: f64,
    pub settlement: f64,
    pub turn_limit: f64,
    /// Share of games ending in each settlement, by settlement id.
    pub settlements: Vec<(String, f64)>,
    /// Share of games ending on each rung, by rung id.
    pub final_rungs: Vec<(String, f64)>,
    pub mean_turns: f64,
    /// Mean over games of the highest escalation index reached.
    pub mean_peak_escalation: f64,
    /// Mean over games of the highest rung reached (0 = the first).
    pub mean_peak_rung: f64,
    pub actors: Vec<ActorReport>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorReport {
    pub actor: String,
    pub strategy: String,
    pub score: f64,
    pub conflict_avoided: f64,
    pub interest: f64,
    pub norms: f64,
    pub reputation: f64,
    /// Mean domestic pressure at the end of a game, 0 to 1.
    pub final_pressure: f64,
    /// Operations its services started, per game, by kind and by the posture in force.
    pub operations_started: Vec<OperationsStarted>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OperationsStarted {
    pub kind: String,
    pub posture: String,
    pub per_game: f64,
}

impl BatchReport {
    /// Adds what each actor's services started (from `run_counting`).
    pub fn with_operations(mut self, ops: &Operations) -> Self {
        let n = self.games.max(1) as f64;
        for (a, counts) in self.actors.iter_mut().zip(&ops.per_actor) {
            a.operations_started = OpKind::ALL
                .iter()
                .flat_map(|k| crate::engine::Posture::ALL.iter().map(move |p| (*k, *p)))
                .filter_map(|(k, p)| {
                    let c = counts[k as usize * 3 + p as usize];
                    (c > 0).then(|| OperationsStarted {
                        kind: crate::report::words::op_name(k).to_owned(),
                        posture: crate::report::words::posture_name(p).to_owned(),
                        per_game: c as f64 / n,
                    })
                })
                .collect();
        }
        self
    }

    pub fn new(
        sc: &Scenario,
        seed: u64,
        strategies: &[Strategy],
        noise: Option<f64>,
        games: &[GameSummary],
    ) -> Self {
        let n = games.len().max(1) as f64;
        let share =
            |f: &dyn Fn(&GameSummary) -> bool| games.iter().filter(|g| f(g)).count() as f64 / n;
        let mean = |f: &dyn Fn(&GameSummary) -> f64| games.iter().map(f).sum::<f64>() / n;
        BatchReport {
            scenario: sc.id.to_string(),
            games: games.len() as u64,
            seed,
            seats: sc
                .actors
                .iter()
                .zip(strategies)
                .map(|(a, s)| (a.id.to_string(), s.to_string()))
                .collect(),
            noise,
            failure: share(&|g| g.outcome == Outcome::Failure),
            settlement: share(&|g| g.outcome == Outcome::Settlement),
            turn_limit: share(&|g| g.outcome == Outcome::TurnLimit),
            settlements: sc
                .settlements
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.to_string(), share(&|g| g.settlement == Some(i))))
                .collect(),
            final_rungs: sc
                .ladder
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.to_string(), share(&|g| g.final_rung.ix() == i)))
                .collect(),
            mean_turns: mean(&|g| f64::from(g.turns)),
            mean_peak_escalation: mean(&|g| g.peak_escalation),
            mean_peak_rung: mean(&|g| g.peak_rung.ix() as f64),
            actors: sc
                .actors
                .iter()
                .enumerate()
                .map(|(i, a)| ActorReport {
                    actor: a.id.to_string(),
                    strategy: strategies[i].to_string(),
                    score: mean(&|g| g.scores[i].total),
                    conflict_avoided: mean(&|g| g.scores[i].conflict_avoided),
                    interest: mean(&|g| g.scores[i].interest),
                    norms: mean(&|g| g.scores[i].norms),
                    reputation: mean(&|g| g.scores[i].reputation),
                    final_pressure: mean(&|g| g.final_pressure[i]),
                    operations_started: Vec::new(),
                })
                .collect(),
        }
    }
}
