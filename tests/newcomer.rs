//! The mistakes a newcomer makes when writing a first scenario from the authoring guide, each in
//! a fixture under `tests/fixtures/newcomer` built from the guide's own Harbour Crisis: the
//! checker must name the spot, say what is wrong and say exactly what to write instead.

use std::path::Path;

mod common;

/// Checks a newcomer fixture of `tests/fixtures/newcomer`; every one of them carries a help line.
fn fails_with(fixture: &str, at: &str, message: &str, help: &str) {
    common::fails_with(
        &format!("tests/fixtures/newcomer/{fixture}.ron"),
        at,
        message,
        Some(help),
    );
}

#[test]
fn a_typo_in_an_id() {
    fails_with(
        "typo_in_id",
        "57:39",
        "unknown actor \"corvai\"",
        "did you mean \"corvia\"?",
    );
}

#[test]
fn a_missing_field() {
    fails_with(
        "missing_field",
        "32:9",
        "intent \"revisionist\" has no `hostility`",
        "add  hostility: 0.5,",
    );
}

#[test]
fn a_probability_above_one() {
    fails_with(
        "probability_above_one",
        "72:86",
        "a likelihood is 1.2, outside 0 to 1",
        "write a number from 0.0 to 1.0, e.g. 1.0",
    );
}

#[test]
fn a_percentage_written_for_a_probability() {
    fails_with(
        "percentage_for_probability",
        "70:47",
        "a likelihood is 55, outside 0 to 1",
        "write a number from 0.0 to 1.0; 55% is written 0.55",
    );
}

#[test]
fn a_rule_naming_an_actor_that_does_not_exist() {
    fails_with(
        "rule_unknown_actor",
        "115:100",
        "unknown actor \"dalmaria\"",
        "did you mean \"dalmar\"?",
    );
}

#[test]
fn a_missing_comma() {
    fails_with(
        "missing_comma",
        "42:27",
        "missing comma after this value",
        "write `,` after it, before `capital`",
    );
}

#[test]
fn a_settlement_with_a_misspelt_condition() {
    fails_with(
        "misspelt_condition",
        "133:17",
        "unknown condition `Agreed`",
        "did you mean `Agreement`?",
    );
}

#[test]
fn a_map_in_square_brackets() {
    fails_with(
        "map_in_square_brackets",
        "41:22",
        "`intents` should be a map in braces `{...}`, not `[\"security-seeker\": 0.7, \"revisionist\":  ...`",
        "write e.g. `intents: {\"security-seeker\": 0.7, \"revisionist\": 0.3}`",
    );
}

/// Every fixture in the directory has a test above, and each holds exactly one mistake: the
/// guide's scenario it was built from passes.
#[test]
fn every_fixture_is_covered() {
    let tested = [
        "typo_in_id",
        "missing_field",
        "probability_above_one",
        "percentage_for_probability",
        "rule_unknown_actor",
        "missing_comma",
        "misspelt_condition",
        "map_in_square_brackets",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/newcomer");
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .expect("the newcomer fixtures")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    found.sort();
    let mut tested: Vec<String> = tested.iter().map(|s| s.to_string()).collect();
    tested.sort();
    assert_eq!(
        found, tested,
        "a newcomer fixture without a test, or a test without a fixture"
    );
}
