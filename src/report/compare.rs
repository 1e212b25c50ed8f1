//! Two games of the same scenario and seed side by side: how each ended, its length and peak
//! rung, each named seat's score and its parts, and the first turn where they differ. Used by
//! `fork` and by the debrief's "What would have worked".

use super::doc::{Align, Doc, Format};
use super::words::{f2, outcome_name, rung_name};
use crate::engine::score::score;
use crate::engine::{EventKind, Game};
use crate::ids::ActorIx;

/// How a game ended, in a few words: the outcome, and the name a settlement or a rule gave the
/// ending (its text up to the first colon) when it has one.
pub fn ending(g: &Game) -> String {
    let st = g.state();
    match st.outcome {
        None => "not over".to_owned(),
        Some(o) => {
            let how = st.log.iter().rev().find_map(|e| match &e.kind {
                EventKind::GameEnded { text, .. } => Some(text.as_str()),
                _ => None,
            });
            match how.and_then(|h| h.split_once(':')) {
                Some((name, _)) if name.chars().count() <= 40 => {
                    format!("{} ({}), turn {}", outcome_name(o), name.trim(), st.turn)
                }
                _ => format!("{}, turn {}", outcome_name(o), st.turn),
            }
        }
    }
}

/// The side-by-side table of `games` (each with its column title) for `seats`.
pub fn table(doc: &mut Doc, games: &[(&str, &Game)], seats: &[ActorIx]) {
    let Some((_, first)) = games.first() else {
        return;
    };
    let sc = first.scenario();
    let mut header = vec![""];
    header.extend(games.iter().map(|(t, _)| *t));
    let mut align = vec![Align::Left];
    align.extend(games.iter().map(|_| Align::Left));
    let row = |label: String, f: &dyn Fn(&Game) -> String| {
        let mut r = vec![label];
        r.extend(games.iter().map(|(_, g)| f(g)));
        r
    };
    let mut rows = vec![
        row("outcome".into(), &ending),
        row("turns".into(), &|g| g.state().turn.to_string()),
        row("peak rung".into(), &|g| {
            let p = g.state().peak_rung;
            format!("{} {}", p.ix() + 1, rung_name(sc, p))
        }),
    ];
    for &s in seats {
        let name = &sc.actor(s).name;
        let card = |g: &Game| score(sc, g.state(), s);
        rows.push(row(format!("{name}: score"), &|g| {
            format!("{:.1}", card(g).total)
        }));
        rows.push(row("  conflict avoided".into(), &|g| {
            f2(card(g).conflict_avoided)
        }));
        rows.push(row("  national interest".into(), &|g| f2(card(g).interest)));
        rows.push(row("  norms".into(), &|g| f2(card(g).norms)));
        rows.push(row("  reputation".into(), &|g| f2(card(g).reputation)));
    }
    doc.table(&header, &align, &rows);
}

/// One sentence on where `b` first parts from `a`, or that they never do; `names` say which game
/// is which ("your game", "table 2").
pub fn divergence(a: &Game, b: &Game, names: (&str, &str)) -> String {
    let sc = a.scenario();
    match crate::fork::first_difference(a, b) {
        None => "The two games are the same, turn for turn.".to_owned(),
        Some((turn, who)) => {
            let rung = |g: &Game| {
                g.state()
                    .history
                    .get(turn as usize)
                    .map_or("—", |h| rung_name(sc, h.rung))
            };
            let actors: Vec<&str> = who.iter().map(|a| sc.actor(*a).name.as_str()).collect();
            let whose = if actors.is_empty() {
                "the same orders, on a different past".to_owned()
            } else {
                format!("{}'s orders", actors.join(" and "))
            };
            let (ra, rb) = (rung(a), rung(b));
            if ra == rb {
                format!(
                    "They first differ at turn {turn} ({whose}); after it the crisis stood at {ra} in both."
                )
            } else {
                format!(
                    "They first differ at turn {turn} ({whose}); after it the crisis stood at {ra} in {} and {rb} in {}.",
                    names.0, names.1
                )
            }
        }
    }
}

/// The whole comparison as text or Markdown.
pub fn render(format: Format, title: &str, games: &[(&str, &Game)], seats: &[ActorIx]) -> String {
    let mut doc = Doc::new(format);
    doc.title(title);
    table(&mut doc, games, seats);
    if let [(la, a), (lb, b), ..] = games {
        doc.para(&divergence(a, b, (la, lb)));
    }
    doc.finish()
}
