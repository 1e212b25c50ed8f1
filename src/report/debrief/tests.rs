//! Debrief tests: every section is present in both formats, every claim matches the game's
//! record, and an unfinished game has a debrief too.

use super::*;
use crate::ai::Strategy;
use crate::engine::orders::{Assessment, Posture};
use crate::engine::score::assessment_brier;
use crate::scenario::{ScenarioFile, compile, content_hash, ron_options};

const GRID: &str = include_str!("../../../scenarios/grid-probe.ron");

fn grid() -> Arc<Scenario> {
    let file: ScenarioFile = ron_options().from_str(GRID).unwrap();
    Arc::new(compile(&file, content_hash(GRID)).unwrap())
}

/// Plays grid-probe for up to `turns` turns: Atlantis with `strategy`, recording its own beliefs
/// about Borealis as assessments (as a person would), everyone else by doctrine.
fn play(seed: u64, strategy: Strategy, turns: u32) -> Game {
    let sc = grid();
    let mut g = Game::new(Arc::clone(&sc), seed);
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    while !g.is_over() && g.state().turn < turns {
        let orders = sc
            .actor_ixs()
            .map(|a| {
                if a == atl {
                    let mut o = g.decide(a, &strategy);
                    let probs = g.view(a).belief(bor).to_vec();
                    o.assessments.push(Assessment { of: bor, probs });
                    (a, o)
                } else {
                    (a, g.decide(a, &Strategy::Doctrine))
                }
            })
            .collect();
        g.resolve(orders).unwrap();
    }
    g
}

#[test]
fn every_section_appears_in_both_formats() {
    let g = play(9, Strategy::AlwaysIntensify, 99);
    let d = Debrief::build(&g, None);
    let text = d.render(Format::Text);
    for heading in [
        "GRID PROBE \u{2014} AFTER-ACTION REVIEW",
        "\nScore\n-----",
        "\nEscalation curve\n",
        "\nPerception gap\n",
        "\nAccuracy of assessments and beliefs\n",
        "\nTurning points\n",
        "\nTimeline\n",
        "\nQuestions for the debrief\n",
        "Turn 1 \u{2014} ",
        "Recorded assessments",
    ] {
        assert!(text.contains(heading), "missing {heading:?}");
    }
    let md = d.render(Format::Markdown);
    for heading in [
        "# Grid Probe \u{2014} after-action review",
        "\n## Score\n",
        "\n## Perception gap\n",
        "\n### What the others believed about Borealis\n",
        "\n## Questions for the debrief\n",
        "| Actor | Seat | Conflict avoided |",
        "```text\n",
    ] {
        assert!(md.contains(heading), "missing {heading:?}");
    }
    for (i, q) in g.scenario().debrief_questions.iter().enumerate() {
        assert!(md.contains(&format!("{}. {q}", i + 1)));
    }
}

#[test]
fn the_header_and_scores_come_from_the_game() {
    let g = play(3, Strategy::TitForTat, 99);
    let d = Debrief::build(&g, None);
    assert_eq!(d.turns, g.state().turn);
    assert_eq!(d.outcome, g.state().outcome);
    assert_eq!(d.seed, 3);
    let sc = g.scenario();
    for s in &d.seats {
        assert_eq!(s.card, score(sc, g.state(), s.actor));
    }
    // The peak of the index as the dashboard showed it at the end of each turn: the worst
    // tension between two states.
    let states: Vec<ActorIx> = sc
        .actor_ixs()
        .filter(|a| sc.actor(*a).kind.is_state())
        .collect();
    let mut peak = 0.0_f64;
    for h in &g.state().history {
        for a in &states {
            for b in states.iter().filter(|b| a < *b) {
                peak = peak.max(h.tension[crate::engine::state::pair_ix(*a, *b)]);
            }
        }
    }
    assert_eq!(d.peak.escalation, peak);
    let text = d.render(Format::Text);
    assert!(text.contains("seed 3"));
    assert!(text.contains(&format!(
        "Turns played: {} of {}",
        g.state().turn,
        sc.turn_limit
    )));
}

#[test]
fn human_seats_are_inferred_from_assessments_or_given() {
    let g = play(4, Strategy::Doctrine, 5);
    let sc = g.scenario();
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    let d = Debrief::build(&g, None);
    let human = |d: &Debrief, a| d.seats.iter().find(|s| s.actor == a).unwrap().human;
    assert!(human(&d, atl) && !human(&d, bor));
    assert_eq!(d.assessments.len(), 1);
    assert_eq!(d.assessments[0].count, 5);
    assert_eq!(
        Some(d.assessments[0].brier),
        assessment_brier(g.state(), atl)
    );
    // The helper assesses with the seat's own beliefs, so it reads exactly as Bayes would.
    assert!((d.assessments[0].bayes_brier - d.assessments[0].brier).abs() < 1e-12);
    let gap = d.gaps.iter().find(|g| g.subject == bor).unwrap();
    let reading = gap.readings.iter().find(|r| r.observer == atl).unwrap();
    let said = reading
        .assessed
        .as_ref()
        .expect("Atlantis assessed Borealis");
    assert!(said[0].is_none() && said[1..].iter().all(Option::is_some));
    assert!(
        d.render(Format::Text)
            .contains("Atlantis assessed: P(true)")
    );
    let d = Debrief::build(&g, Some(&[bor]));
    assert!(!human(&d, atl) && human(&d, bor));
}

#[test]
fn the_perception_gap_follows_the_recorded_beliefs() {
    let g = play(5, Strategy::Doctrine, 99);
    let sc = g.scenario();
    let st = g.state();
    let d = Debrief::build(&g, None);
    // Atlantis, Borealis and the Saltmarsh crew have uncertain intents; CERTs do not.
    let subjects: Vec<&str> = d
        .gaps
        .iter()
        .map(|g| sc.actors[g.subject.ix()].id.as_str())
        .collect();
    assert_eq!(subjects, ["atlantis", "borealis", "saltmarsh"]);
    for gap in &d.gaps {
        assert_eq!(gap.truth.len(), st.history.len());
        for r in &gap.readings {
            assert_ne!(r.observer, gap.subject);
            for (t, h) in st.history.iter().enumerate() {
                let k = sc.intents.len();
                let start = r.observer.ix() * sc.actors.len() * k + gap.subject.ix() * k;
                let belief = &h.beliefs[start..start + k];
                assert_eq!(r.p_truth[t], belief[h.intents[gap.subject.ix()].ix()]);
                assert!(belief.iter().all(|p| *p <= r.likeliest[t].1));
            }
        }
    }
}

#[test]
fn lessons_state_what_the_record_shows() {
    let g = play(2, Strategy::AlwaysRestrain, 99);
    let sc = g.scenario();
    let st = g.state();
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    // Count Atlantis's restrained turns toward Borealis straight from the log.
    let mut posture = Posture::Routine;
    let mut restrained = 0;
    for t in 1..=st.turn {
        for e in st.log.iter().filter(|e| e.turn == t) {
            if let EventKind::PostureSet {
                by,
                toward,
                posture: p,
                ..
            } = e.kind
                && by == atl
                && toward == bor
            {
                posture = p;
            }
        }
        restrained += usize::from(posture == Posture::Restrain);
    }
    assert!(
        restrained > st.turn as usize / 2,
        "always-restrain restrained only {restrained} turns"
    );
    let d = Debrief::build(&g, None);
    let lesson = d
        .lessons
        .iter()
        .find(|l| l.starts_with("Atlantis's services restrained toward Borealis"))
        .expect("a lesson about Atlantis's restraint toward Borealis");
    assert!(
        lesson.contains(&format!("for {restrained} of {} turns", st.turn)),
        "{lesson}"
    );
    let hostile = |h: &crate::engine::state::TurnRecord| {
        let k = sc.intents.len();
        let start = bor.ix() * sc.actors.len() * k + atl.ix() * k;
        h.beliefs[start..start + k]
            .iter()
            .zip(&sc.intents)
            .map(|(p, i)| p * i.hostility)
            .sum::<f64>()
    };
    let (h0, h1) = (hostile(&st.history[0]), hostile(st.history.last().unwrap()));
    assert!(
        lesson.contains(&format!("{h0:.2}")) && lesson.contains(&format!("{h1:.2}")),
        "{lesson}"
    );
    let joint = if h1 > h0 + 0.05 { ", yet " } else { ", and " };
    assert!(lesson.contains(joint), "{lesson}");
}

#[test]
fn turning_points_cover_every_ladder_move_shift_and_agreement() {
    let sc = grid();
    let doctrine = vec![Strategy::Doctrine; sc.actors.len()];
    // Escalating games, and peaceful ones that end in agreements (some signed twice over).
    let games = [9, 12]
        .map(|seed| play(seed, Strategy::AlwaysIntensify, 99))
        .into_iter()
        .chain([13, 19, 29].map(|seed| crate::batch::play(&sc, seed, &doctrine)));
    let mut agreements = 0;
    for g in games {
        let d = Debrief::build(&g, None);
        let count =
            |f: &dyn Fn(&EventKind) -> bool| g.state().log.iter().filter(|e| f(&e.kind)).count();
        let moves = count(&|k| matches!(k, EventKind::LadderMoved { .. }));
        let shifts = count(&|k| matches!(k, EventKind::IntentShifted { .. }));
        let mut signed = 0;
        let mut norms = std::collections::BTreeSet::new();
        for e in &g.state().log {
            if let EventKind::AgreementSigned { a, b, norm } = e.kind {
                signed += usize::from(norms.insert((a.min(b), a.max(b), norm)));
            }
        }
        let tp = |s: &str| {
            d.turning_points
                .iter()
                .filter(|t| t.text.contains(s))
                .count()
        };
        assert_eq!(
            tp("The crisis climbed from ") + tp("The crisis eased from "),
            moves
        );
        assert_eq!(tp("'s intent shifted"), shifts);
        assert_eq!(tp(" agreed: "), signed);
        assert!(d.turning_points.windows(2).all(|w| w[0].turn <= w[1].turn));
        agreements += signed;
    }
    assert!(
        agreements > 0,
        "no game signed an agreement; the test proves little"
    );
}

#[test]
fn the_chart_has_a_bar_per_turn() {
    let g = play(9, Strategy::AlwaysIntensify, 99);
    let d = Debrief::build(&g, None);
    let chart = d.chart();
    assert_eq!(chart.len(), g.state().history.len() + 1);
    let width = chart[1].chars().count();
    assert!(
        chart[1..]
            .iter()
            .all(|l| l.chars().count() == width && l.ends_with(']'))
    );
    let peak = &chart[1 + d.peak.turn as usize];
    let bars = |l: &String| l.chars().filter(|c| *c == '#').count();
    assert!(chart[1..].iter().all(|l| bars(l) <= bars(peak)));
}

#[test]
fn the_timeline_tells_each_side_and_its_reasons() {
    let g = play(1, Strategy::Doctrine, 99);
    let d = Debrief::build(&g, None);
    assert_eq!(d.timeline.len(), g.state().turn as usize);
    // Every counterpart's reason is told, once a turn however many decisions gave it.
    let n = crate::report::Narrator::omniscient(g.scenario(), g.state());
    let mut told = std::collections::BTreeSet::new();
    for e in &g.state().log {
        if let EventKind::Decision { by, note } = &e.kind {
            told.insert((e.turn, *by, n.reason(*by, note)));
        }
    }
    let reasons: Vec<_> = d
        .timeline
        .iter()
        .flat_map(|t| t.sides.iter().map(move |s| (t.turn, s)))
        .flat_map(|(turn, s)| s.reasons.iter().map(move |r| (turn, s.actor, r.clone())))
        .collect();
    assert_eq!(reasons.len(), told.len(), "a reason told twice in a turn");
    assert_eq!(
        reasons
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>(),
        told
    );
    let text = d.render(Format::Text);
    assert!(text.contains("Why: "));
    assert!(text.contains("Briefing: Intelligence to Atlantis only: Implant at Harrow Ridge"));
}

#[test]
fn an_unfinished_game_has_a_debrief() {
    let g = Game::new(grid(), 1);
    let text = Debrief::build(&g, None).render(Format::Text);
    assert!(text.contains("Unfinished: the game is still in play."));
    assert!(text.contains("Turns played: 0 of 16"));
    let g = play(1, Strategy::Doctrine, 3);
    let d = Debrief::build(&g, None);
    assert_eq!(d.timeline.len(), 3);
    assert!(d.render(Format::Markdown).contains("Unfinished"));
}
