//! The same game however it is played: straight through, or stopped after any turn, saved,
//! restored and continued. And a computer taking over a seat mid-game changes nobody else's draws.

mod common;

use backchannel::ai::Strategy;
use backchannel::autosave::Resume;
use backchannel::engine::Orders;
use backchannel::ids::ActorIx;
use backchannel::table::Table;
use proptest::prelude::*;

/// The human's orders: what the scripted diplomat would give, so they follow the game.
fn human_orders(t: &Table, seat: ActorIx) -> Orders {
    t.game().decide(seat, &Strategy::Diplomat)
}

/// Plays `seat` as the only human until the end, stopping after turn `cut` (if any) to save the
/// game as text, read it back and continue from the restored copy. Returns the final hash.
fn play(path: &str, seed: u64, cut: Option<u32>) -> u64 {
    let sc = common::scenario(path);
    let seat = sc.playable[0];
    let mut t = Table::new(sc, seed, &[seat]).with_origin(path, 0);
    while !t.game().is_over() {
        if Some(t.game().state().turn) == cut {
            let text = Resume::of(&t).to_text().expect("the autosave encodes");
            let back = Resume::parse(&text)
                .expect("the autosave parses")
                .restore()
                .expect("the autosave restores");
            assert_eq!(back.game().hash(), t.game().hash());
            assert_eq!(back.game().turn_hashes(), t.game().turn_hashes());
            t = back;
        }
        let o = human_orders(&t, seat);
        t.submit(seat, o).expect("the diplomat's orders are legal");
    }
    t.game().hash()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Stopping at a random turn and continuing gives the same final state as playing straight.
    #[test]
    fn stop_and_continue_equals_straight_play(
        which in 0..common::SHIPPED.len(),
        seed in 0u64..1_000,
        cut in 1u32..16,
    ) {
        let path = common::SHIPPED[which];
        prop_assert_eq!(play(path, seed, Some(cut)), play(path, seed, None));
    }
}

/// Seat `other`'s orders, turn by turn, when `taken` is played by a person (giving the orders the
/// computer would) until `handover` and by a computer stand-in after it.
fn others_orders(
    path: &str,
    seed: u64,
    taken: ActorIx,
    other: ActorIx,
    handover: u32,
) -> Vec<Orders> {
    let sc = common::scenario(path);
    let mut t = Table::new(sc, seed, &[taken]);
    while !t.game().is_over() {
        if t.game().current_turn() == handover {
            // The person leaves; the computer takes the seat, and the turn goes on without them.
            t.stand_in(taken, Some(Strategy::Doctrine)).unwrap();
        } else if t.seat(taken).unwrap().stand_in.is_none() {
            let o = t.game().decide(taken, &Strategy::Doctrine);
            t.submit(taken, o).expect("doctrine orders are legal");
        } else {
            t.force(backchannel::table::Absent::Wait).unwrap();
        }
    }
    t.game()
        .orders()
        .iter()
        .map(|turn| turn.iter().find(|(a, _)| *a == other).unwrap().1.clone())
        .collect()
}

#[test]
fn a_computer_taking_over_a_seat_leaves_the_others_decisions_unchanged() {
    for path in common::SHIPPED {
        let sc = common::scenario(path);
        let (taken, other) = (
            sc.playable[0],
            sc.playable.get(1).copied().unwrap_or(ActorIx(1)),
        );
        if taken == other {
            continue;
        }
        let never = others_orders(path, 5, taken, other, u32::MAX);
        for handover in [2, 5, 9] {
            assert_eq!(
                others_orders(path, 5, taken, other, handover),
                never,
                "{path}: the hand-over at turn {handover} changed another seat's orders"
            );
        }
    }
}

/// A person's seat has a mandate: told in its view, and never shifted by fear, whatever happens;
/// a computer seat's intent stays hidden from its own view and may shift as before.
#[test]
fn a_human_seat_knows_its_mandate_and_it_never_shifts() {
    use backchannel::engine::{EventKind, Game};
    let mut shifted_when_computer = 0;
    for path in common::SHIPPED {
        let sc = common::scenario(path);
        for &seat in &sc.playable {
            for seed in 0..30 {
                let mut g = Game::with_humans(std::sync::Arc::clone(&sc), seed, &[seat]);
                let start = g.state().actors[seat.ix()].intent;
                let told = g.view(seat).mandate().map(|m| m.id.clone());
                assert_eq!(told, Some(sc.intents[start.ix()].id.clone()), "{path}");
                g.play_out(&vec![Strategy::AlwaysIntensify; sc.actors.len()]);
                assert_eq!(
                    g.state().actors[seat.ix()].intent,
                    start,
                    "{path} seed {seed}"
                );
                assert!(!g.state().log.iter().any(|e| matches!(e.kind,
                    EventKind::IntentShifted { actor, .. } if actor == seat)));

                let mut c = Game::new(std::sync::Arc::clone(&sc), seed);
                assert!(c.view(seat).mandate().is_none());
                c.play_out(&vec![Strategy::AlwaysIntensify; sc.actors.len()]);
                if c.state().actors[seat.ix()].intent != start {
                    shifted_when_computer += 1;
                }
            }
        }
    }
    // The rule being switched off for people is real: computer seats do shift in these games.
    assert!(shifted_when_computer > 0);
}
