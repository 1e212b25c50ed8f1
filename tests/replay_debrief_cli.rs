//! `backchannel replay` and `backchannel debrief` run as a user runs them: on a save written by
//! a played game, on a damaged save, and against an edited copy of the scenario.

use assert_cmd::Command;
use backchannel::ai::Strategy;
use backchannel::engine::Game;
use backchannel::engine::orders::Assessment;
use backchannel::save::Save;
use backchannel::scenario::{Scenario, ScenarioFile, compile, content_hash, ron_options};
use predicates::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn scenario_text() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("scenarios/grid-probe.ron")).unwrap()
}

fn grid() -> Arc<Scenario> {
    let text = scenario_text();
    let file: ScenarioFile = ron_options().from_str(&text).unwrap();
    Arc::new(compile(&file, content_hash(&text)).unwrap())
}

/// Plays a whole game of grid-probe with computer seats and writes its save into `dir`.
fn make_save(dir: &Path, seed: u64) -> (PathBuf, Game) {
    let sc = grid();
    let game = backchannel::batch::play(&sc, seed, &vec![Strategy::Doctrine; sc.actors.len()]);
    let path = dir.join("game.save.ron");
    std::fs::write(&path, Save::from_game(&game).to_text().unwrap()).unwrap();
    (path, game)
}

/// A game in which Atlantis records an assessment of Borealis every turn, as a person would.
fn make_save_with_assessments(dir: &Path, seed: u64) -> PathBuf {
    let sc = grid();
    let (atl, bor) = (
        sc.actor_ix("atlantis").unwrap(),
        sc.actor_ix("borealis").unwrap(),
    );
    let mut g = Game::new(Arc::clone(&sc), seed);
    while !g.is_over() {
        let orders = sc
            .actor_ixs()
            .map(|a| {
                let mut o = g.decide(a, &Strategy::Doctrine);
                if a == atl {
                    o.notes.clear();
                    let probs = g.view(a).belief(bor).to_vec();
                    o.assessments.push(Assessment { of: bor, probs });
                }
                (a, o)
            })
            .collect();
        g.resolve(orders).unwrap();
    }
    let path = dir.join("human.save.ron");
    std::fs::write(&path, Save::from_game(&g).to_text().unwrap()).unwrap();
    path
}

fn bin() -> Command {
    let mut c = Command::cargo_bin("backchannel").unwrap();
    // Scenarios are found by id under the current directory, as a user would run it.
    c.current_dir(ROOT);
    c
}

#[test]
fn replay_verifies_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let (save, game) = make_save(dir.path(), 11);
    bin()
        .arg("replay")
        .arg(&save)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "scenario:   Grid Probe (grid-probe)",
        ))
        .stdout(predicate::str::contains("seed:       11"))
        .stdout(predicate::str::contains(format!(
            "turns:      {} of 16",
            game.state().turn
        )))
        .stdout(predicate::str::contains(format!(
            "final hash: {:016x}",
            game.state().hash()
        )))
        .stdout(predicate::str::contains("outcome:    "))
        .stdout(predicate::str::ends_with("verified\n"));
}

#[test]
fn debrief_prints_text_and_writes_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let (save, _) = make_save(dir.path(), 11);
    let question = grid().debrief_questions[0].clone();
    bin()
        .arg("debrief")
        .arg(&save)
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "GRID PROBE \u{2014} AFTER-ACTION REVIEW\n",
        ))
        .stdout(predicate::str::contains(
            "Scenario: Grid Probe (\u{201c}grid-probe\u{201d}), seed 11",
        ))
        .stdout(predicate::str::contains("Human seats: none (all computer)"))
        .stdout(predicate::str::contains("\nPerception gap\n"))
        .stdout(predicate::str::contains("Turn 1 \u{2014} "))
        .stdout(predicate::str::contains("Why: "))
        .stdout(predicate::str::contains("Questions for the debrief"));

    let out = dir.path().join("debrief.md");
    bin()
        .args(["debrief", "--format", "markdown", "-o"])
        .arg(&out)
        .arg(&save)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wrote the debrief to"));
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.starts_with("# Grid Probe \u{2014} after-action review\n"),
        "{}",
        &md[..80]
    );
    assert!(md.contains("\n## Score\n\n| Actor | Seat | Conflict avoided |"));
    assert!(md.contains("\n## Escalation curve\n\n```text\n"));
    assert!(md.contains(&format!("1. {question}")));
}

#[test]
fn debrief_shows_recorded_assessments_and_human_seats() {
    let dir = tempfile::tempdir().unwrap();
    let save = make_save_with_assessments(dir.path(), 5);
    bin()
        .arg("debrief")
        .arg(&save)
        .assert()
        .success()
        .stdout(predicate::str::contains("Human seats: Atlantis\n"))
        .stdout(predicate::str::contains("Recorded assessments"))
        .stdout(predicate::str::is_match(r"Atlantis\s+human\s+\d+").unwrap());
    bin()
        .args(["debrief", "--human", "borealis"])
        .arg(&save)
        .assert()
        .success()
        .stdout(predicate::str::contains("Human seats: Borealis\n"));
    bin()
        .args(["debrief", "--human", "narnia"])
        .arg(&save)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("has no actor \"narnia\""));
}

#[test]
fn a_damaged_save_is_refused_and_nothing_is_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (save, _) = make_save(dir.path(), 11);
    let text = std::fs::read_to_string(&save).unwrap();
    let damaged = &text[..text.len() * 2 / 3];
    std::fs::write(&save, damaged).unwrap();
    let report = dir.path().join("report.md");
    std::fs::write(&report, "an earlier report").unwrap();

    bin()
        .arg("replay")
        .arg(&save)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("error: "))
        .stderr(predicate::str::contains("the save is not readable: line"))
        .stderr(predicate::str::contains("panicked").not());
    bin()
        .args(["debrief", "--force", "-o"])
        .arg(&report)
        .arg(&save)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the save is not readable: line"));
    assert_eq!(
        std::fs::read_to_string(&save).unwrap(),
        damaged,
        "the save was not touched"
    );
    assert_eq!(
        std::fs::read_to_string(&report).unwrap(),
        "an earlier report"
    );
    let stray: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn tampered_orders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (save, _) = make_save(dir.path(), 11);
    let text = std::fs::read_to_string(&save).unwrap();
    // Every seat's first posture order flipped: still well-formed, but a different game.
    let tampered = text.replacen("Routine)", "Intensify)", 3);
    assert_ne!(tampered, text);
    std::fs::write(&save, &tampered).unwrap();
    bin()
        .arg("replay")
        .arg(&save)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("the save is damaged: "));
}

#[test]
fn a_newer_save_format_is_refused_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let (save, _) = make_save(dir.path(), 11);
    let text = std::fs::read_to_string(&save).unwrap();
    std::fs::write(&save, text.replacen("format: 3,", "format: 7,", 1)).unwrap();
    bin()
        .arg("replay")
        .arg(&save)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "written by a newer version of Backchannel",
        ));
}

#[test]
fn an_edited_scenario_is_refused_and_the_unedited_one_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let (save, _) = make_save(dir.path(), 11);
    let edited = dir.path().join("grid-probe.ron");
    let text = scenario_text().replace("turn_limit: 16", "turn_limit: 17");
    std::fs::write(&edited, text).unwrap();
    for cmd in ["replay", "debrief"] {
        bin()
            .arg(cmd)
            .arg("--scenario")
            .arg(&edited)
            .arg(&save)
            .assert()
            .code(1)
            .stderr(predicate::str::contains(
                "this save was made with a different version of scenario \"grid-probe\"",
            ));
    }
    // The unedited file, named explicitly, is accepted.
    bin()
        .arg("replay")
        .arg("--scenario")
        .arg(Path::new(ROOT).join("scenarios/grid-probe.ron"))
        .arg(&save)
        .assert()
        .success();
}

#[test]
fn a_missing_scenario_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let (save, _) = make_save(dir.path(), 11);
    Command::cargo_bin("backchannel")
        .unwrap()
        .current_dir(dir.path())
        .arg("replay")
        .arg(&save)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cannot find the scenario \"grid-probe\" this save was played with",
        ))
        .stderr(predicate::str::contains("--scenario FILE"));
    bin()
        .arg("replay")
        .arg(dir.path().join("no-such.save"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read the save"));
}

#[test]
fn help_describes_both_commands() {
    bin()
        .args(["replay", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("verify"))
        .stdout(predicate::str::contains("--scenario <FILE>"));
    bin()
        .args(["debrief", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--format <FORMAT>"))
        .stdout(predicate::str::contains(
            "[possible values: text, markdown]",
        ))
        .stdout(predicate::str::contains("-o, --output <FILE>"));
}

/// The console's own autosave wraps a save; replay and debrief read it too, and the debrief knows
/// which seats people played without being told.
#[test]
fn the_games_own_saves_replay_and_name_their_human_seats() {
    let dir = tempfile::tempdir().unwrap();
    let (_, game) = make_save(dir.path(), 5);
    let sc = game.scenario();
    let atlantis = sc.actor_ix("atlantis").unwrap();
    let table = backchannel::table::Table::from_game(game.clone(), &[atlantis]);
    let path = dir.path().join("autosave.ron");
    let resume = backchannel::autosave::Resume::of(&table);
    std::fs::write(&path, resume.to_text().unwrap()).unwrap();
    bin()
        .arg("replay")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("verified"));
    bin()
        .arg("debrief")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("Human seats: Atlantis"));
}

/// `-o` and `--record` never replace a file unasked, and never a symbolic link or FIFO; a FIFO is
/// refused as an input too (reading one could block for ever).
#[cfg(unix)]
#[test]
fn outputs_are_never_replaced_unasked_and_special_files_never() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("game.ron");
    bin()
        .args([
            "simulate",
            "scenarios/grid-probe.ron",
            "--games",
            "1",
            "--record",
        ])
        .arg(&save)
        .assert()
        .success();
    let before = std::fs::read_to_string(&save).unwrap();
    bin()
        .args([
            "simulate",
            "scenarios/grid-probe.ron",
            "--games",
            "1",
            "--seed",
            "9",
            "--record",
        ])
        .arg(&save)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "already exists; nothing was written. Add --force",
        ));
    assert_eq!(std::fs::read_to_string(&save).unwrap(), before);

    let report = dir.path().join("report.txt");
    std::fs::write(&report, "kept").unwrap();
    bin()
        .args(["debrief", "-o"])
        .arg(&report)
        .arg(&save)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "kept");
    bin()
        .args(["debrief", "--force", "-o"])
        .arg(&report)
        .arg(&save)
        .assert()
        .success();
    assert_ne!(std::fs::read_to_string(&report).unwrap(), "kept");

    let link = dir.path().join("link.txt");
    std::os::unix::fs::symlink(&report, &link).unwrap();
    bin()
        .args(["debrief", "--force", "-o"])
        .arg(&link)
        .arg(&save)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is a symbolic link; refusing to replace it",
        ));

    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        bin()
            .args(["debrief", "--force", "-o"])
            .arg(&fifo)
            .arg(&save)
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is not a regular file (a FIFO)"));
        bin()
            .arg("replay")
            .arg(&fifo)
            .assert()
            .failure()
            .stderr(predicate::str::contains("is not a regular file (a FIFO)"));
        bin()
            .arg("check")
            .arg(&fifo)
            .assert()
            .code(1)
            .stdout(predicate::str::contains("is not a regular file (a FIFO)"));
    }
}

/// Absurd sizes are refused with the limit, not attempted.
#[test]
fn absurd_sizes_are_refused_with_the_limit() {
    for games in ["18446744073709551615", "1000000000"] {
        bin()
            .args(["simulate", "scenarios/grid-probe.ron", "--games", games])
            .assert()
            .failure()
            .stderr(predicate::str::contains("at most 1000000 games"));
    }
    let dir = tempfile::tempdir().unwrap();
    let long = dir.path().join("long.ron");
    let text = std::fs::read_to_string("tests/fixtures/valid/minimal.ron").unwrap();
    let edited = regex_free_replace(&text, "turn_limit: ", "1000000");
    std::fs::write(&long, edited).unwrap();
    bin()
        .arg("check")
        .arg(&long)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "turn_limit 1000000 is above the most a game may last, 1000 turns",
        ));
}

/// `text` with the number after the first `key` replaced by `value`.
fn regex_free_replace(text: &str, key: &str, value: &str) -> String {
    let at = text.find(key).expect("the key") + key.len();
    let end = at + text[at..].find(|c: char| !c.is_ascii_digit()).unwrap();
    format!("{}{value}{}", &text[..at], &text[end..])
}

/// `fork` replays a save to a turn, plays on with the named strategy, prints both games side by
/// side with their first difference, and writes a save of the fork that `replay` verifies; it
/// also runs without the scenario file, from the text the save carries.
#[test]
fn a_fork_is_shown_beside_the_game_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let text = scenario_text();
    let sc = Arc::new(
        backchannel::scenario::load("grid-probe.ron", &text)
            .unwrap()
            .scenario,
    );
    let game = backchannel::batch::play(&sc, 8, &vec![Strategy::Doctrine; sc.actors.len()]);
    let save = dir.path().join("game.ron");
    std::fs::write(&save, Save::from_game(&game).to_text().unwrap()).unwrap();
    let out = dir.path().join("fork.ron");
    bin()
        .current_dir(dir.path())
        .args(["fork"])
        .arg(&save)
        .args(["--turn", "2", "--seat", "atlantis=always-intensify", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("the game played"))
        .stdout(predicate::str::contains("the fork"))
        .stdout(predicate::str::contains("Atlantis: score"))
        .stdout(predicate::str::contains(
            "They first differ at turn 2 (Atlantis",
        ));
    bin()
        .current_dir(dir.path())
        .arg("replay")
        .arg(&out)
        .assert()
        .success()
        .stdout(predicate::str::contains("verified"));
    // Forking with what was played changes nothing.
    bin()
        .current_dir(dir.path())
        .arg("fork")
        .arg(&save)
        .args(["--turn", "1", "--seat", "borealis=doctrine"])
        .assert()
        .success()
        .stdout(predicate::str::contains("The two games are the same"));
    bin()
        .current_dir(dir.path())
        .arg("fork")
        .arg(&save)
        .args(["--turn", "99", "--seat", "atlantis=diplomat"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "a fork starts at a turn from 1 to",
        ));
    // -o never replaces a file unasked.
    bin()
        .current_dir(dir.path())
        .arg("fork")
        .arg(&save)
        .args(["--turn", "2", "--seat", "atlantis=diplomat", "-o"])
        .arg(&out)
        .assert()
        .code(1);
}

/// A batch game's debrief calls every seat a computer, even a diplomat that recorded
/// assessments, and reports each government's final pressure.
#[test]
fn a_batch_games_debrief_names_no_seat_human_and_shows_pressure() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("game.ron");
    assert_cmd::Command::cargo_bin("backchannel")
        .unwrap()
        .args([
            "simulate",
            "scenarios/grid-probe.ron",
            "--games",
            "1",
            "--seed",
            "7",
        ])
        .args(["--seat", "atlantis=diplomat", "--record"])
        .arg(&save)
        .assert()
        .success();
    let out = assert_cmd::Command::cargo_bin("backchannel")
        .unwrap()
        .arg("debrief")
        .arg(&save)
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    let row = text
        .lines()
        .find(|l| {
            l.trim_start().starts_with("Atlantis ")
                && (l.contains("computer") || l.contains("human"))
        })
        .unwrap_or_else(|| panic!("{text}"));
    assert!(row.contains("computer") && !row.contains("human"), "{row}");
    assert!(text.contains("Pressure"), "{text}");
}
