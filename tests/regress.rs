//! `record` and `regress` as an instructor uses them: reference games stored, the scenario
//! edited, and every game that now plays differently shown with the first turn that differs.
//! `test` on a plan that fails: the failures at their line and column, exit 1.

use assert_cmd::Command;

fn backchannel() -> Command {
    Command::cargo_bin("backchannel").expect("the backchannel binary")
}

#[test]
fn an_edit_that_changes_games_is_found_game_by_game() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("grid-probe.ron");
    std::fs::copy("scenarios/grid-probe.ron", &scenario).unwrap();
    let golden = dir.path().join("golden.ron");
    backchannel()
        .arg("record")
        .arg(&scenario)
        .args(["--seeds", "1..12", "-o"])
        .arg(&golden)
        .assert()
        .success();
    let unchanged = backchannel()
        .arg("regress")
        .arg(&scenario)
        .arg(&golden)
        .assert()
        .success();
    let out = String::from_utf8_lossy(&unchanged.get_output().stdout).into_owned();
    assert!(out.contains("12 of 12 reference games unchanged"), "{out}");
    // A lower crisis threshold: some games climb sooner.
    let text = std::fs::read_to_string(&scenario).unwrap();
    std::fs::write(
        &scenario,
        text.replace("threshold: 20.0,", "threshold: 17.0,"),
    )
    .unwrap();
    let changed = backchannel()
        .arg("regress")
        .arg(&scenario)
        .arg(&golden)
        .assert()
        .code(1);
    let out = String::from_utf8_lossy(&changed.get_output().stdout).into_owned();
    assert!(
        out.contains("has changed since the games were recorded"),
        "{out}"
    );
    assert!(out.contains(": rung \"tension\" → \"crisis\""), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("seed ") && l.contains("first differs at turn")),
        "{out}"
    );
    // Recording again over the file needs --force.
    backchannel()
        .arg("record")
        .arg(&scenario)
        .args(["--seeds", "1", "-o"])
        .arg(&golden)
        .assert()
        .code(2);
}

#[test]
fn a_failing_plan_reports_each_failure_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("grid-probe.ron");
    std::fs::copy("scenarios/grid-probe.ron", &scenario).unwrap();
    let plan = std::fs::read_to_string("scenarios/grid-probe.test.ron").unwrap();
    let broken = plan.replacen(
        "settlement: \"grid-accord\", turn: AtMost(10)",
        "settlement: \"managed-rivalry\", turn: AtMost(10)",
        1,
    );
    assert_ne!(plan, broken);
    std::fs::write(dir.path().join("grid-probe.test.ron"), broken).unwrap();
    let a = backchannel().arg("test").arg(&scenario).assert().code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    let line = out
        .lines()
        .find(|l| l.contains("FAILED"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("grid-probe.test.ron:23:17: FAILED: case \"two diplomats reach the Grid Accord\" (seed 1), at the end: expected the game to end in the settlement \"managed-rivalry\", but it ended in the settlement \"grid-accord\" after turn 8"), "{line}");
    assert!(out.contains("2 of 3 cases passed"), "{out}");
}

#[test]
fn balance_prints_the_table_and_strict_fails_on_flags() {
    let a = backchannel()
        .args([
            "balance",
            "scenarios/grid-probe.ron",
            "--games",
            "40",
            "--strict",
        ])
        .assert()
        .code(1);
    let out = String::from_utf8_lossy(&a.get_output().stdout).into_owned();
    assert!(out.contains("atlantis       diplomat"), "{out}");
    assert!(
        out.contains("[rule-never-fires] the rule \"blackout-in-atlantis\" never fires"),
        "{out}"
    );
    let a = backchannel()
        .args([
            "balance",
            "scenarios/grid-probe.ron",
            "--games",
            "40",
            "--json",
        ])
        .assert()
        .success();
    let v: serde_json::Value = serde_json::from_slice(&a.get_output().stdout).unwrap();
    assert_eq!(v["cells"].as_array().unwrap().len(), 20);
    assert!(
        v["flags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "inject-never-sent")
    );
}
