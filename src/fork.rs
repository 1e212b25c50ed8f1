//! What would have worked: a game replayed exactly to the start of a chosen turn, then played on
//! with chosen strategies in chosen seats. The computer seats' dice are derived from the seed,
//! the turn and the seat, so a fork that changes nothing is the original game, and every
//! difference between the two is the choice that was changed.
//!
//! Seats not named play on as they would: a computer seat by its own strategy; a seat people
//! played by its recorded orders for as long as the engine still accepts them, then by holding
//! its postures (it never acts out of character).

use crate::ai::Strategy;
use crate::engine::{Game, Orders, TurnOrders};
use crate::ids::ActorIx;
use std::sync::Arc;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ForkError {
    #[error("the game has {played} turns: a fork starts at a turn from 1 to {last}")]
    NoSuchTurn { played: u32, last: u32 },
    #[error("the recorded game no longer replays at turn {0}")]
    Replay(u32),
}

/// Replays `original` to the start of turn `from` (its interventions included), then plays
/// on to the end with `seats` given their strategies. `strategies` gives every actor's strategy
/// in the original (ignored for the seats people played).
pub fn fork(
    original: &Game,
    strategies: &[Strategy],
    from: u32,
    seats: &[(ActorIx, Strategy)],
) -> Result<Game, ForkError> {
    let played = original.orders().len() as u32;
    let last = played.max(1);
    if from == 0 || from > last {
        return Err(ForkError::NoSuchTurn { played, last });
    }
    let sc = Arc::clone(original.scenario());
    let humans = original.humans();
    let before: u32 = from - 1;
    // The facilitator's interventions happen in the fork too, each in its turn: those up to
    // turn `from` with the replay, the later ones as the fork reaches them.
    let kept: Vec<_> = original
        .interventions()
        .iter()
        .filter(|l| l.turn <= from)
        .cloned()
        .collect();
    let mut g = Game::replay(
        Arc::clone(&sc),
        original.seed(),
        &humans,
        &original.orders()[..before as usize],
        &kept,
    )
    .map_err(|(t, _)| ForkError::Replay(t))?;
    while !g.is_over() {
        let turn = g.current_turn();
        if turn > from {
            for l in original.interventions().iter().filter(|l| l.turn == turn) {
                // One that no longer fits the forked game (it checked an actor's state that
                // differs now) is left out rather than stopping the fork.
                let _ = g.intervene(l.what.clone());
            }
        }
        let recorded: Option<&TurnOrders> = original.orders().get(turn as usize - 1);
        let orders: TurnOrders = sc
            .actor_ixs()
            .map(|a| {
                let o = match seats.iter().find(|(s, _)| *s == a) {
                    Some((_, strategy)) => g.decide(a, strategy),
                    None if humans.contains(&a) => recorded
                        .and_then(|t| t.iter().find(|(s, _)| *s == a))
                        .map(|(_, o)| o.clone())
                        .filter(|o| g.check(a, o).is_ok())
                        .unwrap_or_default(),
                    None => g.decide(a, &strategies[a.ix()]),
                };
                (a, o)
            })
            .collect();
        if g.resolve(orders).is_err() {
            // A strategy's orders always pass the check; should one not, hold every posture.
            let empty = sc.actor_ixs().map(|a| (a, Orders::default())).collect();
            g.resolve(empty).map_err(|_| ForkError::Replay(turn))?;
        }
    }
    Ok(g)
}

/// The first turn at which two games of the same scenario and seed differ, if they do, and
/// which actors' orders differed in it (empty when only the dice of a different past did).
pub fn first_difference(a: &Game, b: &Game) -> Option<(u32, Vec<ActorIx>)> {
    let (ha, hb) = (a.turn_hashes(), b.turn_hashes());
    let (ha, hb) = (ha.as_slice(), hb.as_slice());
    let t = (0..ha.len().max(hb.len())).find(|&i| ha.get(i) != hb.get(i))?;
    let (oa, ob) = (a.orders().get(t), b.orders().get(t));
    let differ = a
        .scenario()
        .actor_ixs()
        .filter(|x| {
            let of = |o: Option<&TurnOrders>| {
                o.and_then(|t| t.iter().find(|(s, _)| s == x).map(|(_, o)| o.clone()))
            };
            of(oa) != of(ob)
        })
        .collect();
    Some((t as u32 + 1, differ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::autosave::load_scenario;
    use std::path::Path;

    fn played(seed: u64) -> (Game, Vec<Strategy>) {
        let sc = load_scenario(Path::new("scenarios/grid-probe.ron")).unwrap();
        let strategies = vec![Strategy::Doctrine; sc.actors.len()];
        let human = sc.playable[0];
        let mut g = Game::with_humans(Arc::clone(&sc), seed, &[human]);
        while !g.is_over() {
            let orders = sc
                .actor_ixs()
                .map(|a| {
                    let s = if a == human {
                        Strategy::AlwaysIntensify
                    } else {
                        Strategy::Doctrine
                    };
                    (a, g.decide(a, &s))
                })
                .collect();
            g.resolve(orders).unwrap();
        }
        (g, strategies)
    }

    #[test]
    fn a_fork_that_changes_nothing_is_the_original_game() {
        let (g, strategies) = played(3);
        let human = g.humans()[0];
        for from in [1, 4, g.orders().len() as u32] {
            let same = fork(&g, &strategies, from, &[(human, Strategy::AlwaysIntensify)]).unwrap();
            assert_eq!(same.turn_hashes(), g.turn_hashes(), "from turn {from}");
            assert_eq!(first_difference(&g, &same), None);
        }
    }

    #[test]
    fn a_fork_differs_first_at_its_turn_and_names_the_seat() {
        let (g, strategies) = played(3);
        let human = g.humans()[0];
        let other = fork(&g, &strategies, 3, &[(human, Strategy::Diplomat)]).unwrap();
        assert_eq!(&other.turn_hashes()[..2], &g.turn_hashes()[..2]);
        let (turn, who) = first_difference(&g, &other).unwrap();
        assert_eq!(turn, 3);
        assert_eq!(who, vec![human]);
    }

    /// The facilitator's interventions happen in the fork as they did in the game.
    #[test]
    fn a_fork_keeps_the_interventions() {
        let sc = load_scenario(Path::new("scenarios/grid-probe.ron")).unwrap();
        let strategies = vec![Strategy::Doctrine; sc.actors.len()];
        let bor = sc.actor_ix("borealis").unwrap();
        let mut g = Game::new(Arc::clone(&sc), 5);
        while !g.is_over() {
            let turn = g.current_turn();
            if (2..=4).contains(&turn) {
                g.intervene(crate::engine::Intervention::Pressure {
                    actor: bor,
                    value: 0.2 * f64::from(turn),
                    reason: "a press campaign".into(),
                })
                .unwrap();
            }
            let orders = sc
                .actor_ixs()
                .map(|a| (a, g.decide(a, &Strategy::Doctrine)))
                .collect();
            g.resolve(orders).unwrap();
        }
        for from in 1..=5 {
            let same = fork(&g, &strategies, from, &[(bor, Strategy::Doctrine)]).unwrap();
            assert_eq!(same.turn_hashes(), g.turn_hashes(), "from turn {from}");
            assert_eq!(same.interventions(), g.interventions());
        }
    }

    #[test]
    fn a_turn_outside_the_game_is_refused() {
        let (g, strategies) = played(3);
        let n = g.orders().len() as u32;
        assert_eq!(
            fork(&g, &strategies, 0, &[]).unwrap_err(),
            ForkError::NoSuchTurn { played: n, last: n }
        );
        assert!(fork(&g, &strategies, n + 1, &[]).is_err());
    }
}
