//! The conditions and happenings rules can test, on a game played as a test plan plays it: the
//! posture a seat holds, a measure in force, who truly made an intrusion, whom an action aimed at.

use backchannel::engine::condition_holds;
use backchannel::engine::orders::Measure;
use backchannel::engine::{EventKind, Posture};
use backchannel::scenario::file::ActionKind;
use backchannel::scenario::model::{Cond, Happen};

mod common;

#[test]
fn postures_measures_authors_and_targets_are_read_from_the_game() {
    let (sc, r) = restraint_case();
    let st = r.table.game().state();
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    let t = st.turn;
    assert!(condition_holds(
        &sc,
        st,
        t,
        &Cond::Posture(atl, bor, Posture::Restrain)
    ));
    assert!(!condition_holds(
        &sc,
        st,
        t,
        &Cond::Posture(atl, bor, Posture::Intensify)
    ));
    assert!(condition_holds(
        &sc,
        st,
        t,
        &Cond::MeasureInForce(atl, bor, Measure::OpenHotline)
    ));
    assert!(!condition_holds(
        &sc,
        st,
        t,
        &Cond::MeasureInForce(atl, bor, Measure::ShareIndicators)
    ));

    // On the turn Atlantis proposed the hotline, the action was aimed at Borealis, not at itself.
    let proposed = |target| {
        Cond::Happened(Happen::ActionTaken {
            by: Some(atl),
            kind: ActionKind::ProposeMeasure,
            target,
        })
    };
    assert!(condition_holds(&sc, st, 1, &proposed(Some(bor))));
    assert!(condition_holds(&sc, st, 1, &proposed(None)));
    assert!(!condition_holds(&sc, st, 1, &proposed(Some(atl))));

    // An intrusion found this game: its true author matches, anyone else does not.
    let (turn, victim, author) = st
        .log
        .iter()
        .find_map(|e| match &e.kind {
            EventKind::IncidentDetected {
                incident, victim, ..
            } => Some((e.turn, *victim, st.incidents[incident.ix()].true_author)),
            _ => None,
        })
        .expect("an intrusion is found in four turns of grid-probe");
    let found = |by| {
        Cond::Happened(Happen::IncidentDetected {
            victim: Some(victim),
            op: None,
            by,
        })
    };
    assert!(condition_holds(&sc, st, turn, &found(Some(author))));
    let someone_else = sc.actor_ixs().find(|a| *a != author).unwrap();
    assert!(!condition_holds(&sc, st, turn, &found(Some(someone_else))));
}

#[test]
fn accepted_proposals_and_true_authors_so_far_are_read_from_the_game() {
    let (sc, r) = restraint_case();
    let st = r.table.game().state();
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    let accepted = |by, from, measure| {
        Cond::Happened(Happen::ProposalAccepted {
            by: Some(by),
            from: Some(from),
            measure,
        })
    };
    let turn = st
        .log
        .iter()
        .find_map(|e| match e.kind {
            EventKind::ProposalAnswered { accepted: true, .. } => Some(e.turn),
            _ => None,
        })
        .expect("Borealis accepts the hotline");
    assert!(condition_holds(&sc, st, turn, &accepted(bor, atl, None)));
    let hotline = Some(Measure::OpenHotline);
    assert!(condition_holds(&sc, st, turn, &accepted(bor, atl, hotline)));
    let sharing = Some(Measure::ShareIndicators);
    assert!(!condition_holds(
        &sc,
        st,
        turn,
        &accepted(bor, atl, sharing)
    ));
    assert!(!condition_holds(&sc, st, turn, &accepted(atl, bor, None)));
    assert!(!condition_holds(
        &sc,
        st,
        turn + 1,
        &accepted(bor, atl, None)
    ));

    // `Intruded` looks at every incident so far and its true author.
    let truth = &st.incidents[0];
    let intruded = |by| Cond::Intruded {
        by: Some(by),
        victim: Some(truth.victim),
        op: None,
    };
    assert!(condition_holds(
        &sc,
        st,
        st.turn,
        &intruded(truth.true_author)
    ));
    let innocent = sc
        .actor_ixs()
        .find(|a| !st.incidents.iter().any(|i| i.true_author == *a))
        .unwrap();
    assert!(!condition_holds(&sc, st, st.turn, &intruded(innocent)));
}

/// grid-probe's plan case in which Atlantis restrains toward Borealis and proposes a hotline,
/// which Borealis accepts on turn 2.
fn restraint_case() -> (
    std::sync::Arc<backchannel::scenario::Scenario>,
    backchannel::plan::CaseResult,
) {
    let sc = common::scenario("scenarios/grid-probe.ron");
    let plan_text = std::fs::read_to_string("scenarios/grid-probe.test.ron").unwrap();
    let plan = backchannel::plan::load("grid-probe.test.ron", &plan_text, &sc).unwrap();
    let case = plan
        .cases
        .iter()
        .find(|c| c.name.starts_with("Atlantis restrains"))
        .unwrap();
    let r = backchannel::plan::run_case(&sc, case);
    (sc, r)
}

/// Grid-probe with `rule` added to its rules and `inject` to its injects.
fn grid_probe_with(rule: &str, inject: &str) -> std::sync::Arc<backchannel::scenario::Scenario> {
    let text = std::fs::read_to_string("scenarios/grid-probe.ron")
        .unwrap()
        .replacen("    rules: [\n", &format!("    rules: [\n{rule}\n"), 1)
        .replacen(
            "    injects: [\n",
            &format!("    injects: [\n{inject}\n"),
            1,
        );
    let file = backchannel::scenario::ron_options()
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{e}"));
    let sc = backchannel::scenario::compile(&file, 0).unwrap_or_else(|e| panic!("{e:?}"));
    std::sync::Arc::new(sc)
}

fn play(
    sc: &std::sync::Arc<backchannel::scenario::Scenario>,
    seed: u64,
) -> backchannel::engine::Game {
    let mut g = backchannel::engine::Game::new(sc.clone(), seed);
    g.play_out(&vec![backchannel::ai::Strategy::Doctrine; sc.actors.len()]);
    g
}

fn asset(sc: &backchannel::scenario::Scenario, id: &str) -> backchannel::ids::AssetIx {
    let i = sc.assets.iter().position(|a| a.id.as_str() == id).unwrap();
    backchannel::ids::AssetIx::from_ix(i)
}

fn fired_on(g: &backchannel::engine::Game, rule: &str) -> Vec<u32> {
    let sc = g.scenario();
    g.state()
        .log
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::RuleFired { rule: r } if sc.rules[r.ix()].id.as_str() == rule => {
                Some(e.turn)
            }
            _ => None,
        })
        .collect()
}

#[test]
fn chance_is_drawn_from_the_seed_and_the_turn_alone() {
    let rule = r#"(id: "coin", description: "A coin.", when: Chance(0.5), then: [AddVariable(id: "cert-cooperation", by: 0.0)], repeat: true),"#;
    let sc = grid_probe_with(rule, "");
    let (a, b) = (play(&sc, 7), play(&sc, 7));
    assert_eq!(fired_on(&a, "coin"), fired_on(&b, "coin"));
    assert_eq!(a.hash(), b.hash());
    // About half the turns of many games, and not the same turns in every game.
    let (mut fired, mut turns) = (0, 0);
    let mut patterns = std::collections::BTreeSet::new();
    for seed in 0..40 {
        let g = play(&sc, seed);
        let on = fired_on(&g, "coin");
        fired += on.len();
        turns += g.state().turn as usize;
        patterns.insert(on);
    }
    let rate = fired as f64 / turns as f64;
    assert!((0.4..0.6).contains(&rate), "fired on {rate:.2} of turns");
    assert!(
        patterns.len() > 30,
        "{} patterns in 40 games",
        patterns.len()
    );
    let never = grid_probe_with(&rule.replace("Chance(0.5)", "Chance(0.0)"), "");
    assert!(fired_on(&play(&never, 7), "coin").is_empty());
}

#[test]
fn a_revealed_intrusion_is_found_the_next_turn_and_an_inject_can_depend_on_the_truth() {
    let rule = r#"(id: "leak", description: "A crew's implant surfaces.", when: Turn(2), then: [RevealIntrusion(by: "saltmarsh", target: "atl-hospital", op: PrePositioning)]),"#;
    let injects = r#"
        (id: "truth-crew", kind: News, title: "It was the crew", text: "Leaked logs point to Saltmarsh.", at_turn: 5, only_if: Intruded(by: "saltmarsh", victim: "atlantis")),
        (id: "truth-none", kind: News, title: "No crew", text: "Nothing points to Saltmarsh.", at_turn: 5, only_if: Not(Intruded(by: "saltmarsh", victim: "atlantis"))),"#;
    let sc = grid_probe_with(rule, injects);
    let g = play(&sc, 3);
    let st = g.state();
    let hospital = asset(&sc, "atl-hospital");
    let found = st
        .log
        .iter()
        .find(|e| matches!(e.kind, EventKind::IncidentDetected { asset, .. } if asset == hospital))
        .expect("the revealed intrusion is found");
    assert_eq!(found.turn, 3);
    let sent: Vec<&str> = st
        .log
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Inject(i) => Some(sc.injects[i.ix()].id.as_str()),
            _ => None,
        })
        .collect();
    assert!(sent.contains(&"truth-crew"), "{sent:?}");
    assert!(!sent.contains(&"truth-none"), "{sent:?}");

    // Without the rule, the other inject is sent.
    let quiet = grid_probe_with("", injects);
    let g = play(&quiet, 3);
    // Sent at the start of turn 5, so decided on what was found by the end of turn 4.
    let intruded = g.state().incidents.iter().any(|i| {
        i.detected <= 4
            && sc.actors[i.true_author.ix()].id.as_str() == "saltmarsh"
            && sc.actors[i.victim.ix()].id.as_str() == "atlantis"
    });
    let sent = |id: &str| {
        g.state().log.iter().any(
            |e| matches!(e.kind, EventKind::Inject(i) if quiet.injects[i.ix()].id.as_str() == id),
        )
    };
    assert_eq!(sent("truth-crew"), intruded);
    assert_eq!(sent("truth-none"), !intruded);
}

#[test]
fn a_revealed_intrusion_by_a_restrained_state_does_not_happen() {
    // A rule that reveals a Borealis intrusion every turn is overruled by a restraining seat.
    let rule = r#"(id: "frame", description: "The world tries to frame Borealis.", when: TurnAtLeast(1), then: [RevealIntrusion(by: "borealis", target: "atl-hospital", op: Espionage)], repeat: true),"#;
    let sc = grid_probe_with(rule, "");
    let bor = sc.actor_ix("borealis").unwrap();
    let hospital = asset(&sc, "atl-hospital");
    let framed = |borealis| {
        let mut g = backchannel::engine::Game::new(sc.clone(), 5);
        let mut strategies = vec![backchannel::ai::Strategy::Doctrine; sc.actors.len()];
        strategies[bor.ix()] = borealis;
        g.play_out(&strategies);
        g.state()
            .incidents
            .iter()
            .any(|i| i.asset == hospital && i.true_author == bor)
    };
    assert!(framed(backchannel::ai::Strategy::AlwaysIntensify));
    assert!(
        !framed(backchannel::ai::Strategy::AlwaysRestrain),
        "a restrained state's services made the intrusion"
    );
}

#[test]
fn an_observer_can_start_from_a_prior_of_its_own() {
    let text = std::fs::read_to_string("scenarios/grid-probe.ron").unwrap().replacen(
        r#"intents: {"security-seeker": 0.45, "opportunist": 0.3, "revisionist": 0.25},"#,
        r#"intents: {"security-seeker": 0.45, "opportunist": 0.3, "revisionist": 0.25},
            prior_by: {"atlantis": {"security-seeker": 0.1, "opportunist": 0.1, "revisionist": 0.8}},"#,
        1,
    );
    let file = backchannel::scenario::ron_options()
        .from_str(&text)
        .unwrap();
    let sc = std::sync::Arc::new(backchannel::scenario::compile(&file, 0).unwrap());
    let g = backchannel::engine::Game::new(sc.clone(), 1);
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    let rev = sc
        .intents
        .iter()
        .position(|i| i.id.as_str() == "revisionist")
        .unwrap();
    let of = |observer| g.view(observer).belief(bor)[rev];
    assert!((of(atl) - 0.8).abs() < 1e-9, "{}", of(atl));
    let saltmarsh = sc.actor_ix("saltmarsh").unwrap();
    assert!((of(saltmarsh) - 0.25).abs() < 1e-9, "{}", of(saltmarsh));
}

/// Revealing an intrusion that is already in place finds that one, even if its owner has since
/// restrained its services (restraint starts nothing new; it does not hide what is there), and
/// never finds the same access twice.
#[test]
fn a_revealed_intrusion_already_in_place_is_the_one_found() {
    use backchannel::engine::Orders;
    let rule = r#"(id: "sweep", description: "Borealis sweeps its dispatch network.", when: Turn(2), then: [RevealIntrusion(by: "atlantis", target: "bor-dispatch", op: Reconnaissance)]),"#;
    let sc = grid_probe_with(rule, "");
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    let dispatch = asset(&sc, "bor-dispatch");
    let mut checked = 0;
    for seed in 0..30 {
        let mut g = backchannel::engine::Game::new(sc.clone(), seed);
        let doctrine = backchannel::ai::Strategy::Doctrine;
        for turn in 1..=3 {
            // Atlantis keeps to routine in week one, so the opening foothold goes in, then
            // restrains toward Borealis.
            let orders = sc
                .actor_ixs()
                .map(|a| match a {
                    a if a == atl && turn >= 2 => (
                        a,
                        Orders {
                            postures: vec![(bor, Posture::Restrain)],
                            ..Orders::default()
                        },
                    ),
                    a if a == atl => (a, Orders::default()),
                    a => (a, g.decide(a, &doctrine)),
                })
                .collect();
            g.resolve(orders).unwrap();
        }
        let found: Vec<u32> = g
            .state()
            .incidents
            .iter()
            .filter(|i| i.true_author == atl && i.asset == dispatch)
            .map(|i| i.detected)
            .collect();
        // Never twice; and found by week three unless the foothold had already run its course.
        assert!(found.len() <= 1, "seed {seed}: found {found:?}");
        assert!(
            found.iter().all(|t| *t <= 3),
            "seed {seed}: found {found:?}"
        );
        checked += found.len();
    }
    assert!(checked >= 20, "found in only {checked} of 30 games");
}
