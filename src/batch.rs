//! Batch runs: many games with computer seats, summarised. Games are independent, so they are
//! spread over threads; each game's seed comes from the batch seed and its number, and results
//! are combined in game order, so the report is the same whatever the thread count.

use crate::ai::Strategy;
use crate::engine::Game;
use crate::engine::event::{EventKind, Outcome};
use crate::engine::score::{ScoreCard, score};
use crate::ids::*;
use crate::scenario::Scenario;
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

pub fn summarise(g: &Game) -> GameSummary {
    let sc = g.scenario();
    let st = g.state();
    let settlement = st.log.iter().rev().find_map(|e| match &e.kind {
        EventKind::GameEnded {
            outcome: Outcome::Settlement,
            text,
        } => sc
            .settlements
            .iter()
            .position(|s| text.starts_with(&s.name)),
        _ => None,
    });
    GameSummary {
        seed: g.seed(),
        outcome: st.outcome.unwrap_or(Outcome::TurnLimit),
        settlement,
        final_rung: st.rung,
        peak_rung: st.peak_rung,
        peak_escalation: st.history.iter().map(|h| h.escalation).fold(0.0, f64::max),
        turns: st.turn,
        scores: sc.actor_ixs().map(|a| score(sc, st, a)).collect(),
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
    std::thread::scope(|s| {
        for (c, slot) in out.chunks_mut(chunk).enumerate() {
            let scenario = &scenario;
            s.spawn(move || {
                for (j, cell) in slot.iter_mut().enumerate() {
                    let i = (c * chunk + j) as u64;
                    let g = play(scenario, game_seed(seed, i), strategies);
                    *cell = Some(summarise(&g));
                    progress.fetch_add(1, Ordering::Relaxed);
                }
            });
        }
    });
    out.into_iter().flatten().collect()
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
}

impl BatchReport {
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
                })
                .collect(),
        }
    }
}
