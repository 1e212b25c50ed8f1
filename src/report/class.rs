//! The class debrief of a workshop: every table of the same scenario and seed side by side, how
//! each table's seats read the others against the truth, how well their recorded assessments
//! scored, and where the tables' choices parted. The instructor reads it with the class.

use super::compare;
use super::debrief::Debrief;
use super::doc::{Align, Doc, Format};
use super::words::{intent_name, pct};
use crate::engine::Game;
use crate::ids::ActorIx;

/// The whole class debrief of `games` (one per table, in table order), whose people played
/// `humans`.
pub fn render(format: Format, games: &[&Game], humans: &[ActorIx]) -> String {
    let mut doc = Doc::new(format);
    let Some(first) = games.first() else {
        doc.para("No table has played yet.");
        return doc.finish();
    };
    let sc = first.scenario();
    let names: Vec<&str> = humans.iter().map(|a| sc.actor(*a).name.as_str()).collect();
    doc.title(&format!("Class debrief: {}", sc.title));
    doc.para(&format!(
        "{} tables played the same scenario from the same seed ({}); people played {}. The differences between tables come from their choices alone.",
        games.len(),
        first.seed(),
        names.join(" and ")
    ));
    let titles: Vec<String> = (1..=games.len()).map(|k| format!("Table {k}")).collect();
    let columns: Vec<(&str, &Game)> = titles
        .iter()
        .map(String::as_str)
        .zip(games.iter().copied())
        .collect();
    compare::table(&mut doc, &columns, humans);

    let debriefs: Vec<Debrief> = games
        .iter()
        .map(|g| Debrief::build(g, Some(humans)))
        .collect();
    doc.heading("How each table read the others");
    doc.para("At the end of the game: what each seat's analysts thought the other side most likely wanted, against what it really wanted.");
    for (k, d) in debriefs.iter().enumerate() {
        for gap in &d.gaps {
            let truth = gap.truth.last().copied();
            for r in gap.readings.iter().filter(|r| humans.contains(&r.observer)) {
                let (Some((likeliest, p)), Some(truth), Some(p_truth)) =
                    (r.likeliest.last(), truth, r.p_truth.last())
                else {
                    continue;
                };
                let verdict = if *likeliest == truth {
                    "right"
                } else {
                    "wrong"
                };
                doc.item(
                    0,
                    &format!(
                        "Table {}: {} read {} as {} ({}%), truly {} ({}% on it): {verdict}.",
                        k + 1,
                        sc.actor(r.observer).name,
                        sc.actor(gap.subject).name,
                        intent_name(sc, *likeliest),
                        pct(*p),
                        intent_name(sc, truth),
                        pct(*p_truth),
                    ),
                );
            }
        }
    }
    doc.end_list();

    doc.heading("The trainees' assessments");
    doc.para("Brier score of the assessments each seat recorded: 0 is perfect, 2 the worst; the prior is what the scenario's public starting odds would have scored.");
    let mut rows = Vec::new();
    for (k, d) in debriefs.iter().enumerate() {
        for &h in humans {
            let row = match d.assessments.iter().find(|a| a.seat == h) {
                Some(a) if a.count > 0 => vec![
                    format!("Table {}", k + 1),
                    sc.actor(h).name.clone(),
                    a.count.to_string(),
                    format!("{:.2}", a.brier),
                    format!("{:.2}", a.prior_brier),
                ],
                _ => vec![
                    format!("Table {}", k + 1),
                    sc.actor(h).name.clone(),
                    "0".into(),
                    "—".into(),
                    "—".into(),
                ],
            };
            rows.push(row);
        }
    }
    doc.table(
        &["table", "seat", "assessments", "Brier", "prior"],
        &[
            Align::Left,
            Align::Left,
            Align::Right,
            Align::Right,
            Align::Right,
        ],
        &rows,
    );

    if games.len() > 1 {
        doc.heading("Where the tables parted");
        for (k, g) in games.iter().enumerate().skip(1) {
            let other = format!("table {}", k + 1);
            doc.item(
                0,
                &format!(
                    "Table 1 and {other}: {}",
                    compare::divergence(first, g, ("table 1", &other))
                ),
            );
            let Some((turn, who)) = crate::fork::first_difference(first, g) else {
                continue;
            };
            for a in who {
                for (label, d) in [(1, &debriefs[0]), (k + 1, &debriefs[k])] {
                    let moves = moves_of(d, turn, a);
                    doc.item(
                        1,
                        &format!("Turn {turn}, table {label}, {}: {moves}", sc.actor(a).name),
                    );
                }
            }
        }
        doc.end_list();
    }
    doc.finish()
}

/// What `actor` did in `turn`, as the debrief's timeline tells it.
fn moves_of(d: &Debrief, turn: u32, actor: ActorIx) -> String {
    d.timeline
        .iter()
        .find(|t| t.turn == turn)
        .and_then(|t| t.sides.iter().find(|s| s.actor == actor))
        .map_or_else(
            || "no orders".to_owned(),
            |s| {
                if s.moves.is_empty() {
                    "held its postures".to_owned()
                } else {
                    s.moves.join("; ")
                }
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Orders;
    use crate::engine::orders::Posture;
    use std::sync::Arc;

    fn game(posture: Posture) -> Game {
        let text = std::fs::read_to_string("scenarios/grid-probe.ron").unwrap();
        let sc = Arc::new(
            crate::scenario::load("grid-probe.ron", &text)
                .unwrap()
                .scenario,
        );
        let a = sc.actor_ix("atlantis").unwrap();
        let b = sc.actor_ix("borealis").unwrap();
        let mut g = Game::with_humans(sc, 7, &[a]);
        for _ in 0..3 {
            let mut o = Orders::default();
            crate::table::draft::set_posture(&mut o, b, posture);
            let theirs = g.decide(b, &crate::ai::Strategy::Doctrine);
            g.resolve(vec![(a, o), (b, theirs)]).unwrap();
        }
        g
    }

    #[test]
    fn the_class_debrief_puts_tables_side_by_side_and_finds_where_they_parted() {
        let (calm, hard) = (game(Posture::Restrain), game(Posture::Intensify));
        let a = calm.scenario().actor_ix("atlantis").unwrap();
        let md = render(Format::Markdown, &[&calm, &hard], &[a]);
        assert!(md.contains("| Table 1 | Table 2 |"), "{md}");
        assert!(
            md.contains("Table 1 and table 2: They first differ at turn 1"),
            "{md}"
        );
        assert!(md.contains("Turn 1, table 2, Atlantis:"), "{md}");
        assert!(md.contains("Brier"), "{md}");
        let same = render(Format::Text, &[&calm, &calm.clone()], &[a]);
        assert!(same.contains("The two games are the same"), "{same}");
    }
}
