//! What one input goes through: the checker, and for a scenario that passes, a short game played
//! by the computer in every seat, every seat's narration of it and the debrief in both formats.

use backchannel::ai::Strategy;
use backchannel::engine::{Game, TurnOrders};
use backchannel::ids::ActorIx;
use backchannel::report::{Debrief, Format, Narrator, compare};
use backchannel::scenario::load;
use std::sync::Arc;

/// Turns of the short game: enough for injects, rules and first settlements to fire.
const TURNS: u32 = 5;

/// How far an input got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reached {
    /// The checker refused it (its report was rendered).
    Refused,
    /// It loaded, and a game was played, narrated and debriefed.
    Played,
}

/// Runs `text` through the pipeline; a panic anywhere is the finding.
pub fn exercise(text: &str, seed: u64) -> Reached {
    let loaded = match load("fuzz.ron", text) {
        Ok(loaded) => loaded,
        Err(report) => {
            std::hint::black_box(report.to_string());
            return Reached::Refused;
        }
    };
    for w in &loaded.warnings {
        std::hint::black_box(w.to_string());
    }
    let sc = Arc::new(loaded.scenario);
    let n = sc.actors.len();
    let mut game = Game::new(Arc::clone(&sc), seed);
    while !game.is_over() && game.current_turn() <= TURNS {
        // Each seat plays a different strategy, so the diplomat's channels and agreements and the
        // hawk's operations are all exercised.
        let orders: TurnOrders = (0..n)
            .map(|a| {
                let seat = ActorIx::from_ix(a);
                let strategy = Strategy::ALL[(a + seed as usize) % Strategy::ALL.len()];
                (seat, game.decide(seat, &strategy))
            })
            .collect();
        game.resolve(orders)
            .expect("computer orders pass the check");
    }
    for a in 0..n {
        let seat = ActorIx::from_ix(a);
        let narrator = Narrator::for_seat(game.view(seat));
        for e in game.events_for(seat) {
            std::hint::black_box(narrator.describe(e));
        }
    }
    let truth = Narrator::omniscient(&sc, game.state());
    for e in &game.state().log {
        std::hint::black_box(truth.describe(e));
    }
    let seat = [ActorIx::from_ix(0)];
    let debrief = Debrief::build(&game, Some(&seat));
    for format in [Format::Text, Format::Markdown] {
        std::hint::black_box(debrief.render(format));
    }
    std::hint::black_box((debrief.chart(), debrief.worked_lines()));
    std::hint::black_box(compare::ending(&game));
    Reached::Played
}
