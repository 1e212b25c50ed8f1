use super::*;
use crate::engine::Posture;
use crate::save::Save;
use std::path::Path;

fn grid(humans: &[&str]) -> Table {
    let sc = crate::autosave::load_scenario(Path::new("scenarios/grid-probe.ron")).unwrap();
    let humans: Vec<ActorIx> = humans.iter().map(|h| sc.actor_ix(h).unwrap()).collect();
    Table::new(sc, 11, &humans)
}

fn restrain(toward: ActorIx) -> Orders {
    let mut o = Orders::default();
    draft::set_posture(&mut o, toward, Posture::Restrain);
    o
}

#[test]
fn the_turn_waits_for_every_human_seat_in_any_order() {
    let mut t = grid(&["atlantis", "borealis"]);
    let [a, b] = [t.humans()[0], t.humans()[1]];
    assert_eq!(t.submit(b, restrain(a)).unwrap(), Progress::Waiting);
    assert_eq!(t.next_local(), a);
    assert!(matches!(
        t.submit(a, restrain(b)).unwrap(),
        Progress::Resolved(_)
    ));
    assert_eq!(t.game().current_turn(), 2);
    assert!(
        t.seats()
            .iter()
            .all(|s| !s.ready && s.draft == Orders::default())
    );
}

#[test]
fn a_withdrawn_seat_holds_the_turn_and_keeps_its_orders_as_draft() {
    let mut t = grid(&["atlantis", "borealis"]);
    let [a, b] = [t.humans()[0], t.humans()[1]];
    t.submit(a, restrain(b)).unwrap();
    t.withdraw(a).unwrap();
    assert_eq!(t.seat(a).unwrap().draft, restrain(b));
    assert_eq!(t.submit(b, Orders::default()).unwrap(), Progress::Waiting);
    assert_eq!(t.game().current_turn(), 1);
    let heard = t.notices_since(b, 0);
    assert!(
        heard
            .iter()
            .any(|n| n.text == "Atlantis took its orders back."),
        "{heard:?}"
    );
}

#[test]
fn refused_orders_change_nothing() {
    let mut t = grid(&["atlantis"]);
    let a = t.humans()[0];
    let mut bad = Orders::default();
    bad.actions
        .push(crate::engine::Action::Sanctions { target: a });
    assert!(t.submit(a, bad).is_err());
    assert!(!t.seat(a).unwrap().ready);
    assert_eq!(t.event_count(), 0);
}

#[test]
fn forcing_lets_absent_seats_wait_or_gives_them_to_the_computer() {
    let mut wait = grid(&["atlantis", "borealis"]);
    let [a, b] = [wait.humans()[0], wait.humans()[1]];
    wait.set_draft(b, restrain(a)).unwrap();
    wait.force(Absent::Wait).unwrap();
    let orders = &wait.game().orders()[0];
    assert!(orders.iter().all(|(s, _)| *s != a && *s != b), "{orders:?}");
    assert_eq!(
        wait.seat(b).unwrap().draft,
        restrain(a),
        "an absent seat's draft waits for it"
    );

    let mut computer = grid(&["atlantis", "borealis"]);
    computer
        .force(Absent::Computer(Strategy::Doctrine))
        .unwrap();
    let all = Game::new(Arc::clone(computer.scenario()), 11);
    let expected = all.decide(b, &Strategy::Doctrine);
    let got = &computer.game().orders()[0];
    assert!(got.iter().any(|(s, o)| *s == b && *o == expected));
}

#[test]
fn the_timer_resolves_when_it_runs_out_and_not_while_paused() {
    let mut t = grid(&["atlantis", "borealis"]);
    t.set_timer(Some(3));
    t.tick().unwrap();
    t.pause(true).unwrap();
    for _ in 0..10 {
        assert_eq!(t.tick().unwrap(), Progress::Waiting);
    }
    t.pause(false).unwrap();
    assert_eq!(t.tick().unwrap(), Progress::Waiting);
    assert!(matches!(t.tick().unwrap(), Progress::Resolved(_)));
    assert_eq!(
        t.timer().unwrap().left,
        3,
        "the next turn gets the whole timer"
    );
    t.extend(5);
    assert_eq!(t.timer().unwrap().left, 8);
    // A timer of no time at all would resolve a turn on every tick: it is no timer.
    t.set_timer(Some(0));
    assert_eq!(t.timer(), None);
}

#[test]
fn a_ready_table_waits_while_paused_and_resolves_on_resume() {
    let mut t = grid(&["atlantis"]);
    let a = t.humans()[0];
    t.pause(true).unwrap();
    assert_eq!(t.submit(a, Orders::default()).unwrap(), Progress::Waiting);
    assert!(matches!(t.pause(false).unwrap(), Progress::Resolved(_)));
}

#[test]
fn a_stand_in_plays_the_seat_and_hands_it_back() {
    let mut t = grid(&["atlantis", "borealis"]);
    let [a, b] = [t.humans()[0], t.humans()[1]];
    t.stand_in(b, Some(Strategy::TitForTat)).unwrap();
    assert!(matches!(
        t.submit(a, Orders::default()).unwrap(),
        Progress::Resolved(_)
    ));
    t.stand_in(b, None).unwrap();
    assert_eq!(t.submit(a, Orders::default()).unwrap(), Progress::Waiting);
    assert!(
        t.notices_since(a, 0)
            .iter()
            .any(|n| n.text == "People play Borealis again.")
    );
}

#[test]
fn interventions_reach_the_seats_they_name_and_are_refused_when_absurd() {
    let mut t = grid(&["atlantis", "borealis"]);
    let [a, b] = [t.humans()[0], t.humans()[1]];
    let cursor = t.event_count();
    t.intervene(Intervention::News {
        text: "A cable leaks to the press.".into(),
        to: vec![a],
    })
    .unwrap();
    assert!(
        t.notices_since(a, cursor)
            .iter()
            .any(|n| n.text == "News: A cable leaks to the press.")
    );
    assert!(t.notices_since(b, cursor).is_empty());
    let bad = [
        Intervention::News {
            text: " ".into(),
            to: vec![],
        },
        Intervention::Pressure {
            actor: a,
            value: 2.0,
            reason: "test".into(),
        },
        Intervention::Tension {
            a,
            b: a,
            value: 10.0,
            reason: "test".into(),
        },
        Intervention::Tension {
            a,
            b,
            value: f64::NAN,
            reason: "test".into(),
        },
        Intervention::Pressure {
            actor: a,
            value: 0.5,
            reason: String::new(),
        },
    ];
    for what in bad {
        assert!(t.intervene(what.clone()).is_err(), "{what:?}");
    }
    assert_eq!(t.game().interventions().len(), 1);
}

/// A table played with submissions in random order, withdrawals, timer expiry, injects and
/// overrides replays exactly from its save, turn hash by turn hash.
#[test]
fn a_busy_table_replays_exactly_from_its_save() {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(5);
    let mut t = grid(&["atlantis", "borealis"]);
    let [a, b] = [t.humans()[0], t.humans()[1]];
    t.set_timer(Some(4));
    let inject = crate::ids::InjectIx(0);
    while !t.game().is_over() {
        match rng.random_range(0..7) {
            0 => {
                let _ = t.submit(a, restrain(b));
            }
            1 => {
                let _ = t.submit(b, Orders::default());
            }
            2 => t.withdraw(a).unwrap(),
            3 => {
                let _ = t.tick();
            }
            4 => {
                t.intervene(Intervention::Inject {
                    inject,
                    to: vec![b],
                })
                .unwrap();
            }
            5 => {
                let value = rng.random_range(0.0..60.0);
                t.intervene(Intervention::Tension {
                    a,
                    b,
                    value,
                    reason: "exercise control".into(),
                })
                .unwrap();
            }
            _ => {
                let value = rng.random_range(0.0..1.0);
                t.intervene(Intervention::Pressure {
                    actor: b,
                    value,
                    reason: "a press campaign".into(),
                })
                .unwrap();
            }
        }
    }
    assert!(!t.game().interventions().is_empty());
    let save = Save::parse(&Save::from_game(t.game()).to_text().unwrap()).unwrap();
    let back = save.restore(Arc::clone(t.scenario())).unwrap();
    assert_eq!(back.turn_hashes(), t.game().turn_hashes());
    assert_eq!(back.hash(), t.game().hash());

    // An edited intervention is caught at its turn.
    let mut edited = save.clone();
    let k = edited
        .interventions
        .iter()
        .position(|l| matches!(l.what, Intervention::Pressure { .. }))
        .unwrap();
    let turn = edited.interventions[k].turn;
    if let Intervention::Pressure { reason, .. } = &mut edited.interventions[k].what {
        reason.push('!');
    }
    let err = edited.restore(Arc::clone(t.scenario())).unwrap_err();
    assert!(
        matches!(err, crate::save::SaveError::TurnDiffers { turn: at } if at == turn)
            || matches!(err, crate::save::SaveError::FinalStateDiffers { .. }),
        "{err:?}"
    );
}
