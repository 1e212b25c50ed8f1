//! `simulate` and `tournament` through the binary: reports repeat exactly for a seed whatever the
//! thread count, a recorded game replays, and bad arguments are refused with a useful message.

use assert_cmd::Command;
use predicates::prelude::*;

fn backchannel() -> Command {
    Command::cargo_bin("backchannel").expect("the binary builds")
}

/// The report without its throughput line, which carries wall-clock time.
fn report(args: &[&str]) -> String {
    let out = backchannel().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .lines()
        .filter(|l| !l.starts_with("throughput:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn simulate_repeats_for_a_seed_whatever_the_threads() {
    let args = [
        "simulate",
        "scenarios/grid-probe.ron",
        "--games",
        "60",
        "--seed",
        "9",
    ];
    let one = report(&[&args[..], &["--threads", "1"]].concat());
    let two = report(&[&args[..], &["--threads", "2"]].concat());
    assert_eq!(one, two);
    assert_eq!(one, report(&[&args[..], &["--threads", "2"]].concat()));
    for part in [
        "how games ended",
        "failure",
        "settlement",
        "turn limit",
        "final rung",
        "mean length",
        "mean peak escalation",
        "atlantis",
    ] {
        assert!(one.contains(part), "missing {part:?} in\n{one}");
    }
    let other = report(&[
        "simulate",
        "scenarios/grid-probe.ron",
        "--games",
        "60",
        "--seed",
        "10",
    ]);
    assert_ne!(one, other, "a different seed should give a different batch");
}

#[test]
fn simulate_prints_throughput_and_json() {
    backchannel()
        .args([
            "simulate",
            "scenarios/classroom-dilemma.ron",
            "--games",
            "20",
            "--seat",
            "arden=tit-for-tat",
        ])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("arden=tit-for-tat")
                .and(predicate::str::contains("throughput: 20 games")),
        );
    let out = backchannel()
        .args([
            "simulate",
            "scenarios/classroom-dilemma.ron",
            "--games",
            "20",
            "--json",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["games"], 20);
    let shares = v["failure"].as_f64().unwrap()
        + v["settlement"].as_f64().unwrap()
        + v["turn_limit"].as_f64().unwrap();
    assert!((shares - 1.0).abs() < 1e-9);
    assert!(v["throughput"]["turns_per_second"].as_f64().unwrap() > 0.0);
}

#[test]
fn a_recorded_game_replays() {
    let dir = tempfile::tempdir().unwrap();
    let save = dir.path().join("first.ron");
    backchannel()
        .args([
            "simulate",
            "scenarios/grid-probe.ron",
            "--games",
            "3",
            "--seed",
            "4",
            "--record",
        ])
        .arg(&save)
        .assert()
        .success();
    backchannel()
        .arg("replay")
        .arg(&save)
        .assert()
        .success()
        .stdout(predicate::str::contains("verified"));
}

#[test]
fn bad_seats_and_noise_are_explained() {
    backchannel()
        .args([
            "simulate",
            "scenarios/grid-probe.ron",
            "--seat",
            "atlantys=doctrine",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("no actor \"atlantys\"")
                .and(predicate::str::contains("did you mean \"atlantis\"?")),
        );
    backchannel()
        .args([
            "simulate",
            "scenarios/grid-probe.ron",
            "--seat",
            "atlantis=nice",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("unknown strategy \"nice\"")
                .and(predicate::str::contains("tit-for-tat")),
        );
    backchannel()
        .args(["simulate", "scenarios/grid-probe.ron", "--seat", "atlantis"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("write ACTOR=STRATEGY"));
    backchannel()
        .args(["simulate", "scenarios/grid-probe.ron", "--noise", "1.5"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("from 0 to 1"));
}

#[test]
fn an_invalid_scenario_is_refused_with_the_checker_report() {
    backchannel()
        .args([
            "simulate",
            "tests/fixtures/invalid/unknown_actor_relation.ron",
        ])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("cannot be played")
                .and(predicate::str::contains("did you mean")),
        );
}

#[test]
fn tournament_ranks_every_batch_strategy_and_repeats() {
    let args = [
        "tournament",
        "scenarios/classroom-dilemma.ron",
        "--turns",
        "50",
        "--repetitions",
        "2",
        "--seed",
        "3",
        "--noise",
        "0.05",
    ];
    let a = report(&args);
    assert_eq!(a, report(&args));
    for s in [
        "always-restrain",
        "always-intensify",
        "tit-for-tat",
        "generous-tit-for-tat",
        "tit-for-two-tats",
        "win-stay-lose-shift",
        "grudger",
        "random",
    ] {
        assert!(a.contains(s), "{s} missing from\n{a}");
    }
    assert!(a.contains("ranking without self-play"));
    let out = backchannel().args(args).arg("--json").output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ranking"].as_array().unwrap().len(), 8);
    assert_eq!(v["ranking_without_self_play"].as_array().unwrap().len(), 8);
    assert_eq!(
        v["matches"].as_array().unwrap().len(),
        36,
        "eight strategies, each pair once and each against itself"
    );
    // Without self-play, each strategy's mean counts only its seven matches with the others.
    let matches = v["matches"].as_array().unwrap();
    let tft = |m: &serde_json::Value, side: &str| m[side] == "tit-for-tat";
    let against_others: f64 = matches
        .iter()
        .filter(|m| m["a"] != m["b"])
        .map(|m| {
            if tft(m, "a") {
                m["total_a"].as_f64().unwrap()
            } else if tft(m, "b") {
                m["total_b"].as_f64().unwrap()
            } else {
                0.0
            }
        })
        .sum();
    let standing = v["ranking_without_self_play"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["strategy"] == "tit-for-tat")
        .unwrap();
    assert!((standing["total"].as_f64().unwrap() - against_others).abs() < 1e-6);
}

#[test]
fn every_command_has_help() {
    for cmd in ["check", "simulate", "tournament", "replay", "debrief"] {
        backchannel()
            .args([cmd, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage:"));
    }
}

/// `--per-game` writes one CSV row per game with each actor's strategy, score and parts, and
/// `--json` counts the operations each actor's services started, by kind and posture in force;
/// with no noise, none under restrain.
#[test]
fn per_game_csv_and_operations_started() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("games.csv");
    let out = assert_cmd::Command::cargo_bin("backchannel")
        .unwrap()
        .args([
            "simulate",
            "scenarios/grid-probe.ron",
            "--games",
            "40",
            "--seed",
            "3",
            "--noise",
            "0",
            "--seat",
            "atlantis=always-restrain",
            "--json",
            "--per-game",
        ])
        .arg(&csv)
        .assert()
        .success();
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        &header[..5],
        ["seed", "outcome", "settlement", "turns", "peak_rung"]
    );
    assert!(header.contains(&"atlantis_score") && header.contains(&"borealis_interest"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 40);
    let strategy = header
        .iter()
        .position(|h| *h == "atlantis_strategy")
        .unwrap();
    assert!(
        rows.iter()
            .all(|r| r.len() == header.len() && r[strategy] == "always-restrain")
    );
    assert!(
        rows.iter()
            .all(|r| ["failure", "settlement", "turn-limit"].contains(&r[1]))
    );
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let actors = json["actors"].as_array().unwrap();
    let ops = |id: &str| {
        actors.iter().find(|a| a["actor"] == id).unwrap()["operations_started"]
            .as_array()
            .unwrap()
            .clone()
    };
    assert!(ops("atlantis").iter().all(|o| o["posture"] != "restrain"));
    assert!(ops("borealis").iter().any(|o| o["kind"] == "espionage"));
    // Nothing is replaced unasked.
    assert_cmd::Command::cargo_bin("backchannel")
        .unwrap()
        .args([
            "simulate",
            "scenarios/grid-probe.ron",
            "--games",
            "2",
            "--per-game",
        ])
        .arg(&csv)
        .assert()
        .failure()
        .stderr(predicate::str::contains("Add --force"));
}
