//! "What would have worked": the same seed played again with the scripted diplomat in the
//! player's seat, from the first turn, from the turn the crisis first climbed, and from every
//! turn (the console lets the player pick one), each compared with what the player did.

use crate::ai::Strategy;
use crate::engine::score::score;
use crate::engine::{EventKind, Game};
use crate::ids::{ActorIx, IntentIx, RungIx};
use crate::report::compare;

/// What `seat` ordered at `turn` of `game`, in one sentence of the report's words.
fn orders_at(game: &Game, seat: ActorIx, turn: u32) -> String {
    let sc = game.scenario();
    let n = crate::report::Narrator::omniscient(sc, game.state());
    let Some(o) = game
        .orders()
        .get(turn.saturating_sub(1) as usize)
        .and_then(|t| t.iter().find(|(s, _)| *s == seat).map(|(_, o)| o))
    else {
        return "no orders".to_owned();
    };
    let mut parts: Vec<String> = o
        .postures
        .iter()
        .map(|(toward, p)| {
            format!(
                "{} {}",
                crate::report::words::posture_past(*p),
                sc.actor(*toward).name
            )
        })
        .collect();
    parts.extend(o.actions.iter().map(|a| {
        let line = n.action(seat, a);
        // The seat is the subject of the whole sentence: drop its name from each action.
        line.strip_prefix(&format!("{} ", sc.actor(seat).name))
            .map_or(line.clone(), str::to_owned)
    }));
    if parts.is_empty() {
        "kept the postures as they were and took no action".to_owned()
    } else {
        parts.join("; ")
    }
}

/// One fork: the diplomat in the seat from turn `from`.
#[derive(Clone, Debug)]
pub struct Alternative {
    pub from: u32,
    pub ending: String,
    pub turns: u32,
    pub peak: RungIx,
    pub score: f64,
    /// Where it parts from the game as played.
    pub divergence: String,
    /// The seat's orders at turn `from`: the player's, then the diplomat's.
    pub orders: (String, String),
}

#[derive(Clone, Debug)]
pub struct WhatWorked {
    pub seat: ActorIx,
    pub played_score: f64,
    /// The counterparts' true intents at the start (states only).
    pub truth: Vec<(ActorIx, IntentIx)>,
    /// The turn the crisis first climbed a rung, if it did.
    pub climbed: Option<u32>,
    /// One fork from each turn played, in order.
    pub every_turn: Vec<Alternative>,
}

impl WhatWorked {
    /// The forks for `seat` in `game`; the other computer seats play the doctrine, as in the
    /// console. `None` when the game is not over.
    pub fn build(game: &Game, seat: ActorIx) -> Option<WhatWorked> {
        let st = game.state();
        st.outcome?;
        let sc = game.scenario();
        let strategies = vec![Strategy::Doctrine; sc.actors.len()];
        let every_turn = (1..=st.turn)
            .filter_map(|from| {
                let f = crate::fork::fork(game, &strategies, from, &[(seat, Strategy::Diplomat)])
                    .ok()?;
                Some(Alternative {
                    from,
                    ending: compare::ending(&f),
                    turns: f.state().turn,
                    peak: f.state().peak_rung,
                    score: score(sc, f.state(), seat).total,
                    divergence: compare::divergence(game, &f, ("your game", "the diplomat's")),
                    orders: (orders_at(game, seat, from), orders_at(&f, seat, from)),
                })
            })
            .collect();
        let climbed = st.log.iter().find_map(|e| match e.kind {
            EventKind::LadderMoved { from, to } if to > from => Some(e.turn),
            _ => None,
        });
        let truth = sc
            .actor_ixs()
            .filter(|a| *a != seat && sc.actor(*a).kind.is_state())
            .map(|a| {
                let at_start = st
                    .history
                    .first()
                    .map_or(st.actors[a.ix()].intent, |h| h.intents[a.ix()]);
                (a, at_start)
            })
            .collect();
        Some(WhatWorked {
            seat,
            played_score: score(sc, st, seat).total,
            truth,
            climbed,
            every_turn,
        })
    }

    /// The fork from turn `from`.
    pub fn from(&self, from: u32) -> Option<&Alternative> {
        self.every_turn.iter().find(|a| a.from == from)
    }
}
