//! `backchannel new` as an instructor runs it: the starter it writes passes `check` with no
//! errors and no warnings, it never overwrites a file, and a name that cannot be an id is refused
//! with the slug to use instead.

use assert_cmd::Command;
use predicates::prelude::*;

fn backchannel() -> Command {
    Command::cargo_bin("backchannel").expect("the backchannel binary")
}

#[test]
fn the_starter_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    backchannel()
        .current_dir(dir.path())
        .args(["new", "harbour-crisis"])
        .assert()
        .success()
        .stdout(predicate::str::contains("wrote harbour-crisis.ron"));
    let path = dir.path().join("harbour-crisis.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("id: \"harbour-crisis\""));
    assert!(text.contains("title: \"Harbour Crisis\""));
    backchannel()
        .current_dir(dir.path())
        .args(["check", "harbour-crisis.ron"])
        .assert()
        .success()
        .stdout("harbour-crisis.ron: ok\n");
}

#[test]
fn the_starter_explains_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("elsewhere.ron");
    backchannel()
        .args(["new", "port-strike", "-o"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    for section in [
        "format:",
        "briefing:",
        "objectives:",
        "debrief_questions:",
        "turn_limit:",
        "playable:",
        "intents:",
        "actors:",
        "assets:",
        "relations:",
        "indicators:",
        "ladder:",
        "norms:",
        "actions:",
        "variables:",
        "rules:",
        "injects:",
        "settlements:",
        "payoffs:",
        "model:",
        "score:",
    ] {
        let at = text
            .find(&format!("    {section}"))
            .unwrap_or_else(|| panic!("the starter has no `{section}`"));
        let before = &text[..at];
        let comment = before.trim_end().lines().last().unwrap_or("");
        assert!(
            comment.trim_start().starts_with("//") || section == "format:",
            "`{section}` has no comment above it"
        );
    }
    backchannel().arg("check").arg(&out).assert().success();
}

#[test]
fn refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.ron");
    std::fs::write(&path, "my own work").unwrap();
    backchannel()
        .args(["new", "mine", "-o"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "already exists; nothing was written",
        ))
        .stderr(predicate::str::contains(
            "choose another name, or write elsewhere with  -o FILE",
        ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own work");

    backchannel()
        .current_dir(dir.path())
        .args(["new", "mine"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "mine.ron already exists; nothing was written",
        ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own work");
}

#[test]
fn a_bad_name_gets_a_slug() {
    let dir = tempfile::tempdir().unwrap();
    for (bad, slug) in [
        ("Harbour Crisis", "harbour-crisis"),
        ("harbour crisis", "harbour-crisis"),
        ("GridProbe", "gridprobe"),
        ("port_strike", "port-strike"),
    ] {
        backchannel()
            .current_dir(dir.path())
            .args(["new", bad])
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!(
                "\"{bad}\" cannot be a scenario id: use lower case letters, digits and single hyphens"
            )))
            .stderr(predicate::str::contains(format!(
                "help: try  backchannel new {slug}"
            )));
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}
