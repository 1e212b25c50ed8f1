//! A state's posture binds its services: restrain starts nothing but misfires (told to the seat at
//! once), routine only collects, intensify also pre-positions, and disruption comes only from an
//! explicit counter-operation order.

mod common;

use backchannel::ai::Strategy;
use backchannel::engine::{EventKind, Posture};
use backchannel::report::narrate::posture_during;
use backchannel::scenario::Scenario;
use backchannel::scenario::file::OpKind;
use std::sync::Arc;

fn with_noise(path: &str, noise: f64) -> Arc<Scenario> {
    let mut sc = (*common::scenario(path)).clone();
    sc.model.implementation_noise = noise;
    Arc::new(sc)
}

/// Every operation a state's services started, checked against the posture in force.
/// Returns (operations started under restrain, misfires reported).
fn audit(sc: &Scenario, strategy: Strategy, seeds: std::ops::Range<u64>) -> (usize, usize) {
    let (mut restrained, mut misfires) = (0, 0);
    for seed in seeds {
        let g = backchannel::batch::play(
            &Arc::new(sc.clone()),
            seed,
            &vec![strategy; sc.actors.len()],
        );
        let log = &g.state().log;
        for e in log {
            match e.kind {
                EventKind::OperationStarted {
                    op,
                    by,
                    target,
                    kind,
                    ..
                } if sc.actors[by.ix()].kind.is_state() => {
                    let toward = sc.assets[target.ix()].owner;
                    let countered = log.iter().any(|x| {
                        x.turn == e.turn
                            && matches!(x.kind, EventKind::ActionTaken { by: b, action: backchannel::engine::Action::CounterOperation { target: t, .. } } if b == by && t == toward)
                    });
                    if countered && kind == OpKind::Disruption {
                        continue;
                    }
                    let misfire = log.iter().any(|x| {
                        matches!(x.kind, EventKind::OperationMisfired { op: o, .. } if o == op)
                            && x.audience.sees(by)
                    });
                    match posture_during(g.state(), by, toward, e.turn) {
                        Posture::Restrain => {
                            restrained += 1;
                            assert!(
                                misfire,
                                "seed {seed}: an operation under restrain was not told as a misfire"
                            );
                            assert!(matches!(kind, OpKind::Reconnaissance | OpKind::Espionage));
                        }
                        Posture::Routine => assert!(
                            matches!(kind, OpKind::Reconnaissance | OpKind::Espionage),
                            "seed {seed}: routine started {kind:?}"
                        ),
                        Posture::Intensify => assert!(
                            matches!(
                                kind,
                                OpKind::Reconnaissance | OpKind::Espionage | OpKind::PrePositioning
                            ),
                            "seed {seed}: intensify started {kind:?}"
                        ),
                    }
                }
                EventKind::OperationMisfired { .. } => misfires += 1,
                _ => {}
            }
        }
    }
    (restrained, misfires)
}

#[test]
fn with_no_noise_a_restrained_state_starts_nothing() {
    for path in common::SHIPPED {
        let sc = with_noise(path, 0.0);
        let (restrained, misfires) = audit(&sc, Strategy::AlwaysRestrain, 0..40);
        assert_eq!((restrained, misfires), (0, 0), "{path}");
    }
}

#[test]
fn every_posture_permits_only_its_kinds_and_misfires_are_told() {
    for path in common::SHIPPED {
        for strategy in [
            Strategy::Doctrine,
            Strategy::AlwaysIntensify,
            Strategy::TitForTat,
        ] {
            audit(&with_noise(path, 0.05), strategy, 0..20);
        }
    }
    // With noise, restrained units do sometimes exceed their orders, and each time it is told.
    let (restrained, misfires) = audit(
        &with_noise("scenarios/grid-probe.ron", 0.1),
        Strategy::AlwaysRestrain,
        0..40,
    );
    assert!(restrained > 0, "no misfire in 40 noisy games");
    assert_eq!(restrained, misfires);
}

/// A scenario can fix the mandate of a playable role: people in that seat get that intent on
/// every seed; the computer in the same seat still draws it, and nobody else's draw moves.
#[test]
fn a_fixed_mandate_is_the_players_intent_on_every_seed() {
    let text = std::fs::read_to_string("scenarios/grid-probe.ron").unwrap();
    let fixed = text.replacen(
        "id: \"atlantis\",",
        "id: \"atlantis\",\n            mandate: \"revisionist\",",
        1,
    );
    assert_ne!(fixed, text);
    let sc = Arc::new(
        backchannel::scenario::load("fixed.ron", &fixed)
            .unwrap()
            .scenario,
    );
    let plain = Arc::new(
        backchannel::scenario::load("grid.ron", &text)
            .unwrap()
            .scenario,
    );
    let atlantis = sc.actor_ix("atlantis").unwrap();
    let revisionist = backchannel::ids::IntentIx::from_ix(
        sc.intents
            .iter()
            .position(|i| i.id.as_str() == "revisionist")
            .unwrap(),
    );
    let mut drawn_otherwise = 0;
    for seed in 0..40 {
        let people = backchannel::engine::Game::with_humans(Arc::clone(&sc), seed, &[atlantis]);
        assert_eq!(people.state().actors[atlantis.ix()].intent, revisionist);
        assert_eq!(
            people.view(atlantis).mandate().map(|m| m.id.as_str()),
            Some("revisionist")
        );
        let computer = backchannel::engine::Game::new(Arc::clone(&sc), seed);
        let before = backchannel::engine::Game::with_humans(Arc::clone(&plain), seed, &[atlantis]);
        if computer.state().actors[atlantis.ix()].intent != revisionist {
            drawn_otherwise += 1;
        }
        for a in sc.actor_ixs().filter(|a| *a != atlantis) {
            assert_eq!(
                people.state().actors[a.ix()].intent,
                before.state().actors[a.ix()].intent,
                "seed {seed}: another actor's draw moved"
            );
        }
    }
    assert!(drawn_otherwise > 0, "the computer's seat is still drawn");
}

/// A seat people played is judged by its mandate and its services' acts: when it ordered
/// disruption against the other side, that side's reading of it as hostile is called correct,
/// never a misreading.
#[test]
fn reading_a_disruptive_seat_as_hostile_is_no_misreading() {
    use backchannel::engine::{Action, Game};
    use backchannel::report::{Debrief, Format};
    let sc = backchannel::autosave::load_scenario(std::path::Path::new("scenarios/grid-probe.ron"))
        .unwrap();
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    let mut judged_by_acts = 0;
    for seed in 0..30 {
        let mut g = Game::with_humans(Arc::clone(&sc), seed, &[atl]);
        while !g.is_over() {
            let orders = sc
                .actor_ixs()
                .map(|a| {
                    if a != atl {
                        return (a, g.decide(a, &Strategy::Doctrine));
                    }
                    let mut o = g.decide(a, &Strategy::AlwaysIntensify);
                    let mut with = o.clone();
                    with.actions.push(Action::CounterOperation {
                        target: bor,
                        asset: None,
                    });
                    if g.check(a, &with).is_ok() {
                        o = with;
                    }
                    (a, o)
                })
                .collect();
            g.resolve(orders).unwrap();
        }
        let text = Debrief::build(&g, Some(&[atl])).render(Format::Text);
        let about_us: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("Atlantis's government's mandate was"))
            .collect();
        if text.contains("a correct reading of what Atlantis's services did") {
            judged_by_acts += 1;
        }
        for l in about_us {
            assert!(!l.contains("In truth Atlantis"), "{l}");
        }
    }
    assert!(judged_by_acts > 0, "no game judged the reading by the acts");
}

/// The debrief explains the score of each seat people played: every part, its weight in the
/// scenario, and why.
#[test]
fn the_debrief_explains_each_part_of_the_score() {
    use backchannel::report::{Debrief, Format};
    let sc = backchannel::autosave::load_scenario(std::path::Path::new("scenarios/grid-probe.ron"))
        .unwrap();
    let atl = sc.actor_ix("atlantis").unwrap();
    let mut g = backchannel::engine::Game::with_humans(Arc::clone(&sc), 4, &[atl]);
    g.play_out(&vec![Strategy::Diplomat; sc.actors.len()]);
    let d = Debrief::build(&g, Some(&[atl]));
    let (_, reasons) = d.score_reasons.iter().find(|(a, _)| *a == atl).unwrap();
    assert_eq!(reasons.len(), 5);
    for (r, part) in reasons.iter().zip([
        "Conflict avoided",
        "National interest",
        "Norms and agreements",
        "Reputation",
        "Assessment",
    ]) {
        assert!(
            r.starts_with(part) && r.contains("weighing") && r.contains(": "),
            "{r}"
        );
    }
    assert!(d.render(Format::Markdown).contains("Why Atlantis scored"));
}

/// The seat sees its own running operations (where, what, since when, whether it was told they
/// were found), and the counterpart's detail lists them with what the posture permits.
#[test]
fn a_seat_sees_its_own_operations() {
    use backchannel::engine::Game;
    let sc = backchannel::autosave::load_scenario(std::path::Path::new("scenarios/grid-probe.ron"))
        .unwrap();
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    let mut seen_any = false;
    for seed in 0..10 {
        let mut g = Game::with_humans(Arc::clone(&sc), seed, &[atl]);
        let mut strategies = vec![Strategy::Doctrine; sc.actors.len()];
        strategies[atl.ix()] = Strategy::AlwaysIntensify;
        for _ in 0..4 {
            if g.is_over() {
                break;
            }
            let orders = sc
                .actor_ixs()
                .map(|a| (a, g.decide(a, &strategies[a.ix()])))
                .collect();
            g.resolve(orders).unwrap();
        }
        let view = g.view(atl);
        let ours: Vec<_> = view.own_operations().collect();
        let truth = g.state().operations.iter().filter(|o| o.by == atl).count();
        assert_eq!(ours.len(), truth);
        for o in &ours {
            assert_ne!(o.owner, atl);
            assert!(o.since >= 1 && o.since <= g.state().turn);
        }
        if let Some(c) = backchannel::tui::model::counterparts(view)
            .into_iter()
            .find(|c| c.actor == bor)
            && ours.iter().any(|o| o.owner == bor)
        {
            seen_any = true;
            let lines = backchannel::tui::ui::dashboard::counterpart_detail(view, &c);
            assert!(
                lines
                    .iter()
                    .any(|l| l == "Your services' operations in its networks:")
            );
            assert!(
                lines
                    .iter()
                    .any(|l| l.contains("collect more and pre-position"))
            );
        }
    }
    assert!(
        seen_any,
        "an intensifying seat runs operations against Borealis"
    );
}

/// Computer states use the whole toolkit, each move with its reason: public pledges, forums,
/// coalitions, and requests to companies and host states.
#[test]
fn computer_states_use_the_whole_toolkit() {
    use backchannel::engine::{Action, EventKind};
    use backchannel::scenario::file::ActionKind as K;
    let mut used = std::collections::BTreeSet::new();
    for path in ["scenarios/grid-probe.ron", "scenarios/ransomware-proxy.ron"] {
        let sc = backchannel::autosave::load_scenario(std::path::Path::new(path)).unwrap();
        for seed in 0..40 {
            let g = backchannel::batch::play(&sc, seed, &vec![Strategy::Doctrine; sc.actors.len()]);
            for (turn, orders) in g.orders().iter().enumerate() {
                for (seat, o) in orders {
                    if !sc.actor(*seat).kind.is_state() {
                        continue;
                    }
                    for a in &o.actions {
                        if matches!(
                            a,
                            Action::PublicPledge { .. }
                                | Action::Forum { .. }
                                | Action::Coalition { .. }
                                | Action::EngageNonState { .. }
                        ) {
                            used.insert(format!("{:?}", a.kind()));
                            assert!(!o.notes.is_empty(), "{path} turn {}: no reason", turn + 1);
                        }
                    }
                }
            }
            assert!(
                g.state()
                    .log
                    .iter()
                    .all(|e| !matches!(e.kind, EventKind::GameEnded { .. }) || g.is_over())
            );
        }
    }
    for k in [K::PublicPledge, K::Forum, K::Coalition, K::EngageNonState] {
        assert!(
            used.contains(&format!("{k:?}")),
            "{k:?} never used: {used:?}"
        );
    }
}

/// Disruption happens only on an explicit order that names the asset; the form lists every
/// other actor's assets and warns when one is protected by a norm the seat has bound itself to,
/// and the engine aims at the asset named.
#[test]
fn a_counter_operation_names_its_asset_and_the_form_warns() {
    use backchannel::engine::{Action, EventKind, Game, Orders};
    use backchannel::ids::NormIx;
    use backchannel::scenario::file::ActionKind;
    use backchannel::tui::form::Form;
    let sc = backchannel::autosave::load_scenario(std::path::Path::new("scenarios/grid-probe.ron"))
        .unwrap();
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    let mut g = Game::with_humans(Arc::clone(&sc), 2, &[atl]);
    let before = Form::new(g.view(atl), ActionKind::CounterOperation);
    assert!(
        before.fields[0]
            .choices
            .iter()
            .all(|(l, _)| !l.contains('⚠'))
    );
    // Pledge every norm in public, then look again.
    let turn = |g: &mut Game, mine: Orders| {
        let orders = sc
            .actor_ixs()
            .map(|a| {
                if a == atl {
                    (a, mine.clone())
                } else {
                    (a, g.decide(a, &Strategy::Doctrine))
                }
            })
            .collect();
        g.resolve(orders).unwrap();
    };
    for n in 0..sc.norms.len() {
        let mut o = Orders::default();
        o.actions.push(Action::PublicPledge {
            norm: NormIx::from_ix(n),
        });
        turn(&mut g, o);
    }
    let form = Form::new(g.view(atl), ActionKind::CounterOperation);
    let warned: Vec<&String> = form.fields[0]
        .choices
        .iter()
        .map(|(l, _)| l)
        .filter(|l| l.contains("⚠ breaks your commitment"))
        .collect();
    assert!(!warned.is_empty(), "{:?}", form.fields[0].choices);
    // The least critical Borealis asset, chosen by name, is the one disrupted.
    let k = form.fields[0]
        .choices
        .iter()
        .rposition(|(l, _)| l.starts_with("Borealis: "))
        .unwrap();
    let mut form = form;
    form.fields[0].at = k;
    let action = form.action().unwrap();
    let Action::CounterOperation {
        target,
        asset: Some(asset),
    } = action.clone()
    else {
        panic!("{action:?}")
    };
    assert_eq!(target, bor);
    let mut o = Orders::default();
    o.actions.push(action);
    let start = g.state().log.len();
    turn(&mut g, o);
    assert!(g.state().log[start..].iter().any(|e| matches!(e.kind,
        EventKind::OperationStarted { by, target: t, .. } if by == atl && t == asset)));
    // An asset of another actor is refused.
    let elsewhere = (0..sc.assets.len())
        .map(backchannel::ids::AssetIx::from_ix)
        .find(|a| sc.assets[a.ix()].owner != bor && sc.assets[a.ix()].owner != atl)
        .unwrap();
    let mut bad = Orders::default();
    bad.actions.push(Action::CounterOperation {
        target: bor,
        asset: Some(elsewhere),
    });
    assert!(g.check(atl, &bad).is_err());
}
