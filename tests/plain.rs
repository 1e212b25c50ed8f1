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
