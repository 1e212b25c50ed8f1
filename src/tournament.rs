//! An Axelrod-style round robin of the batch strategies on a two-state scenario: every pair of
//! strategies (and each against itself) plays `repetitions` games of exactly `turns` turns, ranked
//! with and without the games against itself, scored
//! by the scenario's prisoner's-dilemma payoffs alone. The ladder, rules and settlements are set
//! aside so that every game runs its full length and results compare with the literature.

use crate::ai::Strategy;
use crate::batch::game_seed;
use crate::engine::Game;
use crate::ids::ActorIx;
use crate::scenario::Scenario;
use serde::Serialize;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Match {
    pub a: String,
    pub b: String,
    /// Total points of each side over all repetitions.
    pub total_a: f64,
    pub total_b: f64,
    /// Mean points per turn of each side.
    pub mean_a: f64,
    pub mean_b: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Standing {
    pub strategy: String,
    /// Mean points per turn over all its matches.
    pub mean_per_turn: f64,
    pub total: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TournamentReport {
    pub scenario: String,
    pub turns: u32,
    pub repetitions: u32,
    pub seed: u64,
    pub noise: f64,
    pub matches: Vec<Match>,
    /// Over every match, each strategy's game against itself included (as in Axelrod's first
    /// tournament report).
    pub ranking: Vec<Standing>,
    /// Over the matches against the other strategies only: how the literature usually ranks.
    pub ranking_without_self_play: Vec<Standing>,
}

#[derive(Debug, thiserror::Error)]
pub enum TournamentError {
    #[error("a tournament needs a scenario with at least two states; {0} has {1}")]
    NotTwoStates(String, usize),
}

/// The two states that play, and the scenario adapted for fixed-length games.
pub fn prepare(
    sc: &Scenario,
    turns: u32,
    noise: f64,
) -> Result<(Arc<Scenario>, ActorIx, ActorIx), TournamentError> {
    let states: Vec<ActorIx> = sc
        .actor_ixs()
        .filter(|a| sc.actor(*a).kind.is_state())
        .collect();
    if states.len() < 2 {
        return Err(TournamentError::NotTwoStates(
            sc.id.to_string(),
            states.len(),
        ));
    }
    let mut s = sc.clone();
    s.turn_limit = turns.max(1);
    s.settlements.clear();
    s.rules.clear();
    if let Some(top) = s.ladder.last_mut() {
        top.threshold = f64::INFINITY;
    }
    s.model.implementation_noise = noise;
    Ok((Arc::new(s), states[0], states[1]))
}

/// Points of `a` and `b` after one game.
pub fn play(
    sc: &Arc<Scenario>,
    a: ActorIx,
    b: ActorIx,
    sa: Strategy,
    sb: Strategy,
    seed: u64,
) -> (f64, f64) {
    let mut strategies = vec![Strategy::AlwaysRestrain; sc.actors.len()];
    strategies[a.ix()] = sa;
    strategies[b.ix()] = sb;
    let mut g = Game::new(Arc::clone(sc), seed);
    g.play_out(&strategies);
    (
        g.state().actors[a.ix()].payoff,
        g.state().actors[b.ix()].payoff,
    )
}

pub fn run(
    sc: &Scenario,
    turns: u32,
    repetitions: u32,
    seed: u64,
    noise: f64,
    progress: &AtomicU64,
) -> Result<TournamentReport, TournamentError> {
    let (adapted, a, b) = prepare(sc, turns, noise)?;
    let strategies = Strategy::BATCH;
    let mut pairs = Vec::new();
    for i in 0..strategies.len() {
        for j in i..strategies.len() {
            pairs.push((i, j));
        }
    }
    // Each pair of strategies on its own thread slot; results are collected in pair order.
    let results: Vec<(f64, f64)> = std::thread::scope(|s| {
        let handles: Vec<_> = pairs
            .iter()
            .enumerate()
            .map(|(p, &(i, j))| {
                let adapted = &adapted;
                s.spawn(move || {
                    let mut totals = (0.0, 0.0);
                    for r in 0..repetitions {
                        let g = game_seed(seed, (p as u64) << 32 | u64::from(r));
                        let (x, y) = play(adapted, a, b, strategies[i], strategies[j], g);
                        totals.0 += x;
                        totals.1 += y;
                        progress.fetch_add(1, Ordering::Relaxed);
                    }
                    totals
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or((0.0, 0.0)))
            .collect()
    });
    let per = f64::from(turns.max(1)) * f64::from(repetitions.max(1));
    let mut with_self = vec![(0.0, 0u32); strategies.len()];
    let mut others = vec![(0.0, 0u32); strategies.len()];
    let mut matches = Vec::new();
    for (&(i, j), &(x, y)) in pairs.iter().zip(&results) {
        matches.push(Match {
            a: strategies[i].to_string(),
            b: strategies[j].to_string(),
            total_a: x,
            total_b: y,
            mean_a: x / per,
            mean_b: y / per,
        });
        let mut add = |k: usize, points: f64| {
            with_self[k].0 += points;
            with_self[k].1 += 1;
            if i != j {
                others[k].0 += points;
                others[k].1 += 1;
            }
        };
        add(i, x);
        if i != j {
            add(j, y);
        }
    }
    let rank = |sum: &[(f64, u32)]| {
        let mut ranking: Vec<Standing> = strategies
            .iter()
            .zip(sum)
            .map(|(s, (total, n))| Standing {
                strategy: s.to_string(),
                total: *total,
                mean_per_turn: total / (per * f64::from((*n).max(1))),
            })
            .collect();
        ranking.sort_by(|x, y| {
            y.mean_per_turn
                .total_cmp(&x.mean_per_turn)
                .then_with(|| x.strategy.cmp(&y.strategy))
        });
        ranking
    };
    let ranking = rank(&with_self);
    let ranking_without_self_play = rank(&others);
    Ok(TournamentReport {
        scenario: sc.id.to_string(),
        turns,
        repetitions,
        seed,
        noise,
        matches,
        ranking,
        ranking_without_self_play,
    })
}
