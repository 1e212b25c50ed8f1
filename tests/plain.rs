//! `play --plain` plays a whole game of grid-probe from piped answers, and saves a game left
//! part-way when its input runs out.

use assert_cmd::Command;
use predicates::str::contains;

#[test]
fn a_whole_game_in_plain_text() {
    let dir = tempfile::tempdir().unwrap();
    // Each turn: set a posture (2, toward the first counterpart, restrain), then end the turn
    // recording a guess for every counterpart (6, 1, then intent 1 for each).
    let turn = "2\n1\n1\n6\n1\n1\n1\n";
    Command::cargo_bin("backchannel")
        .unwrap()
        .args(["play", "--plain", "--seed", "5"])
        .env("BACKCHANNEL_DATA", dir.path())
        .env("NO_COLOR", "1")
        .write_stdin(turn.repeat(20))
        .assert()
        .success()
        .stdout(contains("BACKCHANNEL: Grid Probe"))
        .stdout(contains("-- Turn 1 report --"))
        .stdout(contains("THE GAME IS OVER. DEBRIEF:"));
    assert!(dir.path().join("autosave.ron").is_file());
}

#[test]
fn running_out_of_input_saves_the_game() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("backchannel")
        .unwrap()
        .args(["play", "--plain", "--seed", "5", "--role", "borealis"])
        .env("BACKCHANNEL_DATA", dir.path())
        .write_stdin("6\n2\n")
        .assert()
        .success()
        .stdout(contains("Borealis, turn 2 of 16"))
        .stdout(contains("Game saved."));
    let text = std::fs::read_to_string(dir.path().join("autosave.ron")).unwrap();
    assert!(text.contains("borealis"));
}

/// Save and quit asks first: Back returns to the turn menu, yes saves and leaves.
#[test]
fn save_and_quit_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::cargo_bin("backchannel")
        .unwrap()
        .args(["play", "--plain", "--seed", "5"])
        .env("BACKCHANNEL_DATA", dir.path())
        .write_stdin("8\n0\n8\n1\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(out.matches("Save and quit? ").count(), 2, "{out}");
    assert!(out.contains("Back at the turn menu"), "{out}");
    assert!(out.contains("Game saved."), "{out}");
    assert!(dir.path().join("autosave.ron").is_file());
}

#[test]
fn an_unknown_role_is_refused_with_the_actors_named() {
    Command::cargo_bin("backchannel")
        .unwrap()
        .args(["play", "--plain", "--role", "atlantys"])
        .assert()
        .failure()
        .stderr(contains("there is no actor \"atlantys\""))
        .stderr(contains("atlantis"));
}

/// A data folder that cannot be written: the turn is never claimed saved, and the exit is not 0.
#[test]
fn an_unwritable_data_folder_is_an_error_not_a_saved_game() {
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("not-a-folder");
    std::fs::write(&blocked, "a file where the data folder should be").unwrap();
    let out = Command::cargo_bin("backchannel")
        .unwrap()
        .args(["play", "--plain", "--seed", "5"])
        .env("BACKCHANNEL_DATA", &blocked)
        .env("NO_COLOR", "1")
        .write_stdin("2\n1\n1\n6\n1\n1\n1\n")
        .assert()
        .failure()
        .stderr(contains("cannot create"));
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_lowercase();
    assert!(!stdout.contains("saved"), "{stdout}");
}

/// Without a terminal the console does not start (nor panic): it says to use plain mode.
#[test]
fn the_console_without_a_terminal_points_to_plain_mode() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("backchannel")
        .unwrap()
        .args(["play", "--seed", "5"])
        .env("BACKCHANNEL_DATA", dir.path())
        .write_stdin("")
        .assert()
        .failure()
        .stderr(contains("needs a terminal"))
        .stderr(contains("--plain"));
}

/// `play --continue` and `play --load` resume from any folder: the autosave carries the
/// scenario's text, so the relative scenario path it was started with is not needed.
#[test]
fn continue_and_load_resume_from_another_folder() {
    let data = tempfile::tempdir().unwrap();
    Command::cargo_bin("backchannel")
        .unwrap()
        .args(["play", "--plain", "--seed", "5", "--role", "borealis"])
        .env("BACKCHANNEL_DATA", data.path())
        .write_stdin("6\n2\n")
        .assert()
        .success()
        .stdout(contains("Borealis, turn 2 of 16"));
    let elsewhere = tempfile::tempdir().unwrap();
    Command::cargo_bin("backchannel")
        .unwrap()
        .args(["play", "--continue", "--plain"])
        .current_dir(elsewhere.path())
        .env("BACKCHANNEL_DATA", data.path())
        .write_stdin("6\n2\n")
        .assert()
        .success()
        .stdout(contains("Borealis, turn 2 of 16"))
        .stdout(contains("Borealis, turn 3 of 16"));
    let save = std::fs::read_dir(data.path().join("saves"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    Command::cargo_bin("backchannel")
        .unwrap()
        .args(["play", "--plain", "--load"])
        .arg(&save)
        .current_dir(elsewhere.path())
        .env("BACKCHANNEL_DATA", data.path())
        .write_stdin("6\n2\n")
        .assert()
        .success()
        .stdout(contains("Borealis, turn 4 of 16"));
    Command::cargo_bin("backchannel")
        .unwrap()
        .args(["play", "--continue", "--plain"])
        .env("BACKCHANNEL_DATA", elsewhere.path())
        .write_stdin("")
        .assert()
        .failure()
        .stderr(contains("there is no saved game"));
}

/// The console and plain mode share one draft model: the same choices, made in a different
/// order of counterparts, give the very same orders in both.
#[test]
fn the_same_choices_give_the_same_orders_in_plain_mode_and_the_console() {
    use backchannel::autosave::read_resume;
    use backchannel::tui::app::{App, Config, Msg};
    use backchannel::tui::host;
    let plain = tempfile::tempdir().unwrap();
    // The second counterpart restrained, then the first intensified; end the turn, no guesses.
    Command::cargo_bin("backchannel")
        .unwrap()
        .args(["play", "--plain", "--seed", "5"])
        .env("BACKCHANNEL_DATA", plain.path())
        .write_stdin("2\n2\n1\n2\n1\n3\n6\n2\n")
        .assert()
        .success();
    let console = tempfile::tempdir().unwrap();
    let mut app = App::new(Config {
        data_dir: console.path().to_path_buf(),
        scenario_dirs: vec!["scenarios".into()],
        seed: 5,
        theme: backchannel::tui::theme::Theme { colour: false },
        clock: || 1_796_212_800,
    });
    app.start(
        std::path::Path::new("scenarios/grid-probe.ron"),
        5,
        vec![backchannel::ids::ActorIx(0)],
    )
    .unwrap();
    for m in [
        Msg::Enter,
        Msg::Char('2'),
        Msg::Down,
        Msg::Left,
        Msg::Up,
        Msg::Right,
        Msg::Char('e'),
        Msg::Enter,
        Msg::Interrupt,
    ] {
        host::step(&mut app, m);
    }
    let turn = |dir: &std::path::Path| {
        let saved = read_resume(&dir.join("autosave.ron")).unwrap();
        saved.save.turns[0].clone()
    };
    let (p, c) = (turn(plain.path()), turn(console.path()));
    let ours = |t: &backchannel::engine::TurnOrders| t[0].1.clone();
    assert_eq!(ours(&p).postures.len(), 2, "{p:?}");
    assert_eq!(ours(&p), ours(&c));
    assert_eq!(p, c, "the whole turn is the same");
}

// ----- parity with the console: counterparts, ledger, Back, probabilities, confirmations -----

use backchannel::engine::orders::{Action, Assessment, Tone};
use backchannel::ids::ActorIx;
use backchannel::table::Table;
use std::path::Path;

/// A fresh grid-probe table, seed 5, with `seats` played by people (hot seat if several).
fn table(seats: &[&str]) -> Table {
    let sc = backchannel::autosave::load_scenario(Path::new("scenarios/grid-probe.ron")).unwrap();
    let humans: Vec<ActorIx> = seats.iter().map(|s| sc.actor_ix(s).unwrap()).collect();
    Table::new(sc, 5, &humans)
}

/// Plays `input` at the table in plain mode until it runs out; returns what was printed.
fn play(t: &mut Table, input: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut out = Vec::new();
    backchannel::tui::plain::run(t, dir.path(), input, &mut out).unwrap();
    assert!(
        dir.path().join("autosave.ron").is_file(),
        "saved on leaving"
    );
    String::from_utf8(out).unwrap()
}

fn actor(t: &Table, id: &str) -> ActorIx {
    t.scenario().actor_ix(id).unwrap()
}

/// The probability an assessment gives the intent `id`.
fn prob(t: &Table, x: &Assessment, id: &str) -> f64 {
    let i = t
        .scenario()
        .intents
        .iter()
        .position(|i| i.id.as_str() == id)
        .unwrap();
    x.probs[i]
}

#[test]
fn the_counterparts_view_shows_trust_tension_and_the_readings() {
    use backchannel::tui::model::{counterparts, pc};
    let mut t = table(&["atlantis"]);
    let (atl, bor) = (actor(&t, "atlantis"), actor(&t, "borealis"));
    let before = t.game().view(atl);
    let c = counterparts(before)
        .into_iter()
        .find(|c| c.actor == bor)
        .unwrap();
    let (trust, tension) = (pc(c.trust), format!("{:.1}", c.tension));
    let reading: Vec<(String, String)> = before
        .belief(bor)
        .iter()
        .enumerate()
        .filter(|(_, p)| **p >= 0.005)
        .map(|(i, p)| (t.scenario().intents[i].name.clone(), pc(*p)))
        .collect();
    // Turn 1: the counterparts, Borealis in full, the ledger. Turn 2 after an assessment: the
    // list again, with what the player thinks.
    let out = play(&mut t, b"9\n1\n10\n6\n1\n60 30 10 0\n3\n9\n0\n");
    let row = format!(
        "Borealis (state): your services ● routine; trust {trust}, tension {tension}; you think: not assessed yet; analysts: "
    );
    assert!(out.contains(&row), "{out}");
    assert!(
        out.contains(&format!("Trust {trust} · tension {tension}")),
        "{out}"
    );
    assert!(
        out.contains("Your analysts' reading of its intent"),
        "{out}"
    );
    for (intent, p) in &reading {
        assert!(
            out.lines()
                .any(|l| l.contains(intent.as_str()) && l.ends_with(p.as_str())),
            "no line reads {intent} {p}:\n{out}"
        );
    }
    assert!(out.contains("Your fear of it: "), "{out}");
    assert!(out.contains("In force with each counterpart"), "{out}");
    assert!(out.contains("Proposals (a proposal is answered"), "{out}");
    assert!(out.contains("you think: Security-seeker 60%"), "{out}");
}

#[test]
fn back_from_every_submenu_leaves_the_draft_unchanged() {
    // A draft with a posture and an action, then left.
    let made = "2\n1\n1\n3\n1\n1\n1\n1\n";
    let mut plain = table(&["atlantis"]);
    play(&mut plain, made.as_bytes());
    let atl = actor(&plain, "atlantis");
    let draft = plain.seat(atl).unwrap().draft.clone();
    assert_eq!(
        (draft.postures.len(), draft.actions.len()),
        (1, 1),
        "{draft:?}"
    );
    // The same, then 0 at every question of every submenu in turn.
    let backs = [
        "1\n0\n",          // the feed's items
        "2\n0\n",          // toward whom
        "2\n1\n0\n",       // which posture
        "3\n0\n",          // which action
        "3\n1\n0\n",       // the message's addressee
        "3\n1\n1\n0\n",    // its tone
        "3\n1\n1\n1\n0\n", // its evidence
        "4\n0\n",          // which action to withdraw
        "6\n0\n",          // whether to assess
        "6\n1\n0\n",       // the first counterpart's intent
        "6\n1\n1\n0\n",    // the second's, the first answered
        "9\n0\n",          // the counterparts
    ];
    let mut t = table(&["atlantis"]);
    let out = play(&mut t, format!("{made}{}", backs.concat()).as_bytes());
    assert_eq!(
        out.matches("Back at the turn menu; your orders are unchanged.")
            .count(),
        backs.len(),
        "{out}"
    );
    assert_eq!(
        t.game().state().turn,
        plain.game().state().turn,
        "Back never ends the turn"
    );
    assert_eq!(t.seat(atl).unwrap().draft, draft);
    assert!(out.contains("0. Back to the turn menu, changing nothing"));
    assert!(out.contains("Choose 1-3, or 0 to go back:"), "{out}");
}

#[test]
fn the_end_of_input_inside_a_submenu_saves_and_keeps_the_draft_as_it_was() {
    let mut t = table(&["atlantis"]);
    // A posture set, then the input ends in the middle of a message's form.
    let out = play(&mut t, b"2\n1\n1\n3\n1\n1\n");
    assert!(out.contains("Game saved."), "{out}");
    let draft = &t.seat(actor(&t, "atlantis")).unwrap().draft;
    assert_eq!(
        (draft.postures.len(), draft.actions.len()),
        (1, 0),
        "{draft:?}"
    );
}

/// Hot seat: Atlantis proposes a hotline in turn 1; Borealis answers it in turn 2.
const PROPOSED: &str = "\n3\n5\n1\n1\n6\n2\n\n6\n2\n\n6\n2\n\n";

#[test]
fn an_answer_is_confirmed_and_back_leaves_it_undecided() {
    let mut t = table(&["atlantis", "borealis"]);
    let out = play(&mut t, format!("{PROPOSED}5\n0\n").as_bytes());
    assert!(
        out.contains("Atlantis proposes: open a hotline. Your answer now: not decided."),
        "{out}"
    );
    let bor = actor(&t, "borealis");
    assert!(t.seat(bor).unwrap().draft.responses.is_empty());

    let mut t = table(&["atlantis", "borealis"]);
    let out = play(&mut t, format!("{PROPOSED}5\n1\n5\n0\n4\n").as_bytes());
    assert!(
        out.contains("Answer recorded: you accept Atlantis's proposal to open a hotline."),
        "{out}"
    );
    assert!(out.contains("Your answer now: accept."), "{out}");
    assert!(
        out.contains("You accept Atlantis's proposal to open a hotline."),
        "{out}"
    );
    let responses = &t.seat(bor).unwrap().draft.responses;
    assert_eq!(responses.len(), 1, "{responses:?}");
    assert!(responses[0].accept);
}

#[test]
fn a_probability_assessment_is_recorded_as_given() {
    let mut t = table(&["atlantis"]);
    let start = t.game().state().turn;
    // Borealis in percentages (Security-seeker, Opportunist, Revisionist, Pre-emptor); the crew
    // by its likeliest intent (Revisionist, Extortionist).
    let out = play(&mut t, b"6\n1\n60 30 10 0\n2\n");
    let (atl, bor, crew) = (
        actor(&t, "atlantis"),
        actor(&t, "borealis"),
        actor(&t, "saltmarsh"),
    );
    assert_eq!(t.game().state().turn, start + 1, "the turn ended");
    let recorded = &t.game().state().actors[atl.ix()].assessments;
    let of = |a: ActorIx| {
        recorded
            .iter()
            .find(|(turn, x)| *turn == start + 1 && x.of == a)
            .map(|(_, x)| x.clone())
            .unwrap_or_else(|| panic!("no assessment of {a:?}: {recorded:?}"))
    };
    let b = of(bor);
    for (id, p) in [
        ("security-seeker", 0.6),
        ("opportunist", 0.3),
        ("revisionist", 0.1),
        ("pre-emptor", 0.0),
        ("guardian", 0.0),
    ] {
        assert!((prob(&t, &b, id) - p).abs() < 1e-9, "{id}: {b:?}");
    }
    let c = of(crew);
    assert!((prob(&t, &c, "extortionist") - 0.7).abs() < 1e-9, "{c:?}");
    assert!((prob(&t, &c, "revisionist") - 0.3).abs() < 1e-9, "{c:?}");
    assert!(
        out.contains("Assessment recorded: Borealis: Security-seeker 60%, Opportunist 30%, Revisionist 10%, Pre-emptor 0%."),
        "{out}"
    );
    assert!(
        out.contains("Assessment recorded: Saltmarsh crew: Revisionist 30%, Extortionist 70%."),
        "{out}"
    );
}

#[test]
fn an_invalid_probability_list_is_refused_with_the_reason_and_asked_again() {
    let mut t = table(&["atlantis"]);
    let out = play(
        &mut t,
        b"6\n1\n60 30\n50 30 10 0\nsixty 30 10 0\n120 -10 -10 0\n34 33 33 0\n3\n",
    );
    for why in [
        "You gave 2 numbers for 4 intents",
        "These add up to 90, not 100.",
        "“sixty” is not a percentage.",
        "“120” is not between 0 and 100.",
    ] {
        assert!(out.contains(why), "no {why:?} in:\n{out}");
    }
    assert_eq!(out.matches("Please try again.").count(), 4, "{out}");
    assert_eq!(
        out.matches("Choose 1-5, or type 4 percentages, or 0 to go back:")
            .count(),
        5,
        "asked again after each refusal"
    );
    let (atl, bor) = (actor(&t, "atlantis"), actor(&t, "borealis"));
    let recorded = &t.game().state().actors[atl.ix()].assessments;
    assert_eq!(recorded.len(), 1, "the crew was skipped: {recorded:?}");
    let (_, x) = &recorded[0];
    assert_eq!(x.of, bor);
    assert!(
        (prob(&t, x, "security-seeker") - 0.34).abs() < 1e-9,
        "{x:?}"
    );
    assert!((x.probs.iter().sum::<f64>() - 1.0).abs() < 1e-9);
}

#[test]
fn each_change_of_the_draft_prints_what_changed() {
    use backchannel::report::Narrator;
    let mut t = table(&["atlantis"]);
    let (atl, bor) = (actor(&t, "atlantis"), actor(&t, "borealis"));
    let message = Narrator::for_seat(t.game().view(atl)).action(
        atl,
        &Action::Message {
            to: bor,
            tone: Tone::Reassure,
            evidence: None,
        },
    );
    // A posture, a message, a hotline proposed twice, the message withdrawn, an assessment.
    let out = play(
        &mut t,
        b"2\n1\n3\n3\n1\n1\n1\n1\n3\n5\n1\n1\n3\n5\n1\n1\n4\n1\n6\n1\n1\n3\n",
    );
    for said in [
        "Posture set: your services will intensify toward Borealis, so they collect more and pre-position.".to_owned(),
        format!("Added to this turn's orders: {message}."),
        "Added to this turn's orders: Atlantis proposed to Borealis: open a hotline.".to_owned(),
        "This turn's orders already hold that proposal. Nothing was added.".to_owned(),
        format!("Withdrawn from this turn's orders: {message}."),
        "Assessment recorded: Borealis: Security-seeker 70%, Opportunist 10%, Revisionist 10%, Pre-emptor 10%.".to_owned(),
    ] {
        assert!(out.contains(&said), "no {said:?} in:\n{out}");
    }
}

/// Any input, however wrong, is answered or ignored: plain mode never panics, and the end of
/// input still saves.
#[test]
fn no_input_makes_plain_mode_panic() {
    let pool: [&[u8]; 24] = [
        b"0",
        b"1",
        b"2",
        b"3",
        b"4",
        b"5",
        b"6",
        b"7",
        b"9",
        b"10",
        b"11",
        b"17",
        b"",
        b"b",
        b"-1",
        b"99999999999999999999999",
        b"60 30 10 0",
        b"50 50",
        b"nan nan nan nan",
        b"inf 0 0 0",
        b"0.5 0.5",
        b"\xff\xfe\xfd",
        "💥 , ;".as_bytes(),
        b"1e308 1e308",
    ];
    for seats in [&["borealis"][..], &["atlantis", "borealis"]] {
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut input = Vec::new();
        for _ in 0..1500 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Save and quit (8) is left out so that the script plays on.
            input.extend_from_slice(pool[(state % pool.len() as u64) as usize]);
            input.push(b'\n');
        }
        input.extend(std::iter::repeat_n(b'x', 5000));
        let mut t = table(seats);
        let out = play(&mut t, &input);
        assert!(
            out.contains("Game saved.") || out.contains("THE GAME IS OVER"),
            "{out}"
        );
        assert!(t.game().state().turn > 2, "the script played on: {out}");
    }
}
