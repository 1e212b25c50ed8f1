//! `backchannel check` as an instructor runs it: every fixture under `tests/fixtures/invalid`
//! holds one kind of mistake, and the command must name it at the exact line and column.

use predicates::prelude::*;
use std::path::{Path, PathBuf};

mod common;

use common::{check, stdout};

/// Checks an invalid fixture of `tests/fixtures/invalid`.
fn fails_with(fixture: &str, at: &str, message: &str, help: Option<&str>) {
    common::fails_with(
        &format!("tests/fixtures/invalid/{fixture}.ron"),
        at,
        message,
        help,
    );
}

#[test]
fn syntax_error() {
    fails_with(
        "syntax_error",
        "61:125",
        "`)` does not match the `[` opened at line 61, column 120",
        Some("close the `[` with `]` first, or check the brackets between them"),
    );
}

#[test]
fn unknown_field() {
    fails_with(
        "unknown_field",
        "61:91",
        "unknown field `critcality` in asset",
        Some("did you mean `criticality`?"),
    );
}

#[test]
fn unknown_variant() {
    fails_with(
        "unknown_variant",
        "62:87",
        "unknown layer `Physicl`",
        Some("did you mean `Physical`?"),
    );
}

#[test]
fn missing_field() {
    fails_with(
        "missing_field",
        "62:132",
        "asset \"bor-pipeline\" has no `criticality`",
        Some("add  criticality: 0.5,"),
    );
}

#[test]
fn wrong_type() {
    fails_with(
        "wrong_type",
        "26:24",
        "`hostility` should be a number, not `\"medium\"`",
        Some("write e.g. `hostility: 0.5`"),
    );
}

#[test]
fn unknown_actor_in_a_relation() {
    fails_with(
        "unknown_actor_relation",
        "66:32",
        "unknown actor \"Borelis\"",
        Some("did you mean \"borealis\"?"),
    );
}

#[test]
fn unknown_actor_renders_with_a_caret() {
    let path = "tests/fixtures/invalid/unknown_actor_relation.ron";
    let expected = format!(
        r#"{path}:66:32: error: unknown actor "Borelis"
   |
66 |         (between: ("atlantis", "Borelis"), trust: 0.4, tension: 1.0, channels: [Embassy, CertToCert]),
   |                                ^^^^^^^^^
   = help: did you mean "borealis"?

{path}: 1 error
"#
    );
    check(&[path]).code(1).stdout(expected);
}

#[test]
fn unknown_actor_in_a_rule_condition() {
    fails_with(
        "unknown_actor_rule",
        "108:51",
        "unknown actor \"atlantys\"",
        Some("did you mean \"atlantis\"?"),
    );
}

#[test]
fn unknown_intent_in_actor_weights() {
    fails_with(
        "unknown_intent",
        "45:47",
        "unknown intent \"oportunist\"",
        Some("did you mean \"opportunist\"?"),
    );
}

#[test]
fn probability_above_one() {
    fails_with(
        "probability_above_one",
        "70:69",
        "a likelihood is 1.7, outside 0 to 1",
        Some("write a number from 0.0 to 1.0, e.g. 1.0"),
    );
}

#[test]
fn weights_not_summing_to_one() {
    fails_with(
        "weights_not_one",
        "28:25",
        "the operation probabilities add up to 0.900, not 1",
        Some("scale the numbers so they sum to exactly 1.0"),
    );
}

#[test]
fn duplicate_id() {
    fails_with(
        "duplicate_id",
        "62:14",
        "asset id \"north-grid\" is defined twice",
        Some("give each one its own id"),
    );
}

#[test]
fn thresholds_not_rising() {
    fails_with(
        "thresholds_not_rising",
        "77:65",
        "threshold 8 is not above the rung before (10)",
        Some("thresholds must rise from one rung to the next"),
    );
}

#[test]
fn newer_format_is_refused_with_one_message() {
    // The file also has a field this version does not know; only the format is reported.
    fails_with(
        "newer_format",
        "4:13",
        "this file is written for scenario format 2; this Backchannel reads format 1 — update Backchannel",
        None,
    );
}

/// Every `(LINE:COL, message)` pair must be reported, and nothing else.
fn fails_with_all(fixture: &str, expected: &[(&str, &str)], summary: &str) {
    let path = format!("tests/fixtures/invalid/{fixture}.ron");
    let out = stdout(&check(&[&path]).code(1));
    for (at, message) in expected {
        let head = format!("{path}:{at}: error: {message}\n");
        assert!(out.contains(&head), "expected\n{head}in\n{out}");
    }
    assert_eq!(out.matches(": error: ").count(), expected.len(), "{out}");
    assert!(out.ends_with(&format!("{path}: {summary}\n")), "{out}");
}

#[test]
fn several_parse_errors_are_all_reported() {
    fails_with_all(
        "several_errors",
        &[
            ("44:13", "unknown field `kin` in actor"),
            ("55:13", "unknown field `reputaton` in actor"),
            ("61:84", "unknown layer `Logik`"),
            ("94:32", "`cost` should be a whole number, not `1.5`"),
            ("113:49", "`AddVariable(..)` has no `by`"),
        ],
        "5 errors",
    );
}

#[test]
fn several_content_errors_are_all_reported() {
    fails_with_all(
        "several_compile_errors",
        &[
            ("13:40", "\"atlantis\" is listed twice as playable"),
            ("60:106", "criticality is 1.9, outside 0 to 1"),
            ("62:37", "unknown actor \"borelis\""),
            ("77:65", "threshold 25 is not above the rung before (60)"),
            ("114:24", "unknown inject \"blackout-new\""),
        ],
        "5 errors, 1 warning",
    );
}

#[test]
fn the_valid_fixture_passes() {
    check(&["tests/fixtures/valid/minimal.ron"])
        .code(0)
        .stdout("tests/fixtures/valid/minimal.ron: ok\n");
}

#[test]
fn warnings_are_shown_but_do_not_fail() {
    let path = "tests/fixtures/valid/with_warnings.ron";
    let out = stdout(&check(&[path]).code(0));
    for (at, message) in [
        (
            "13:40",
            "playable actor \"gridco\" is a Company, not a State",
        ),
        (
            "65:17",
            "actor \"shadow-crew\" takes no part in the scenario",
        ),
        (
            "120:59",
            "rule \"too-late\" can never fire: it waits for turn 12, but the game ends after turn 8",
        ),
        ("123:33", "rule \"never\" can never fire"),
        ("140:14", "inject \"lost-memo\" is never sent"),
    ] {
        let head = format!("{path}:{at}: warning: {message}");
        assert!(out.contains(&head), "expected\n{head}\nin\n{out}");
    }
    assert!(
        out.ends_with(&format!("{path}: ok (5 warnings)\n")),
        "{out}"
    );
}

#[test]
fn a_missing_file_is_an_error_not_a_crash() {
    check(&["tests/fixtures/no-such-file.ron"])
        .code(1)
        .stdout(predicate::str::starts_with(
            "tests/fixtures/no-such-file.ron: error: cannot read the file:",
        ))
        .stdout(predicate::str::ends_with(
            "tests/fixtures/no-such-file.ron: 1 error\n",
        ));
}

#[test]
fn every_file_gets_a_summary_and_one_failure_fails_the_run() {
    let out = stdout(
        &check(&[
            "tests/fixtures/valid/minimal.ron",
            "tests/fixtures/invalid/duplicate_id.ron",
        ])
        .code(1),
    );
    assert!(
        out.starts_with("tests/fixtures/valid/minimal.ron: ok\n"),
        "{out}"
    );
    assert!(
        out.ends_with("tests/fixtures/invalid/duplicate_id.ron: 1 error\n"),
        "{out}"
    );
}

fn ron_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn every_invalid_fixture_fails_and_every_valid_one_passes() {
    let root = manifest_dir().join("tests/fixtures");
    let invalid = ron_files(&root.join("invalid"));
    assert!(invalid.len() >= 15, "fixtures missing: {invalid:?}");
    for f in invalid {
        check(&[f.to_str().expect("utf-8 path")]).code(1);
    }
    for f in ron_files(&root.join("valid")) {
        check(&[f.to_str().expect("utf-8 path")]).code(0);
    }
}

#[test]
fn every_shipped_scenario_passes() {
    let files = ron_files(&manifest_dir().join("scenarios"));
    if files.is_empty() {
        eprintln!("no scenarios/*.ron yet; nothing to check");
        return;
    }
    let args: Vec<&str> = files
        .iter()
        .map(|f| f.to_str().expect("utf-8 path"))
        .collect();
    let a = check(&args);
    let out = stdout(&a);
    assert!(
        a.get_output().status.success(),
        "scenarios fail the check:\n{out}"
    );
}

/// Ids reach file names (saves, exports), so only slugs pass, and the help gives the slug.
#[test]
fn id_not_a_slug() {
    fails_with(
        "id_not_a_slug",
        "5:9",
        "scenario id \"../../escaped\" may hold only lower-case letters, digits and hyphens",
        Some("write \"escaped\""),
    );
}

/// Every code the checker can give is in the format reference, and `--format json` gives each
/// diagnostic its code, place, message and help.
#[test]
fn json_diagnostics_carry_documented_codes() {
    let doc = std::fs::read_to_string(manifest_dir().join("docs/scenario-format.md")).unwrap();
    let mut sources = String::new();
    for f in [
        "compile/mod.rs",
        "compile/actors.rs",
        "compile/rules.rs",
        "lint.rs",
        "limits.rs",
        "load.rs",
        "explain.rs",
    ] {
        sources += &std::fs::read_to_string(manifest_dir().join("src/scenario").join(f)).unwrap();
    }
    sources += &std::fs::read_to_string(manifest_dir().join("src/plan/resolve.rs")).unwrap();
    // A code is the first argument of these calls, or a `code:` field.
    let sites = [
        "Issue::error(",
        "Issue::warning(",
        "self.err(",
        "self.error(",
        "r.error(",
        "diag(",
        "with_code(",
        "code: ",
    ];
    let mut codes = std::collections::BTreeSet::new();
    for site in sites {
        for part in sources.split(site).skip(1) {
            let rest = part.trim_start();
            if let Some(quoted) = rest.strip_prefix('"') {
                let code = quoted.split('"').next().unwrap();
                if code.chars().all(|c| c.is_ascii_lowercase() || c == '-') && !code.is_empty() {
                    codes.insert(code.to_owned());
                }
            }
        }
    }
    assert!(codes.len() > 40, "{codes:?}");
    for code in &codes {
        assert!(
            doc.contains(&format!("`{code}`")),
            "the code {code} is not in the format reference"
        );
    }
    let files: Vec<PathBuf> = ron_files(&manifest_dir().join("tests/fixtures/invalid"));
    let args: Vec<&str> = files.iter().map(|f| f.to_str().unwrap()).collect();
    let out = assert_cmd::Command::cargo_bin("backchannel")
        .unwrap()
        .args(["check", "--format", "json"])
        .args(&args)
        .assert()
        .code(1);
    let v: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), args.len());
    for f in files {
        assert_eq!(f["ok"], false, "{f}");
        for d in f["diagnostics"].as_array().unwrap() {
            let code = d["code"].as_str().unwrap();
            let documented = doc.contains(&format!("`{code}`")) || code.starts_with("syntax-");
            assert!(documented, "{d}");
            assert!(
                d["line"].as_u64().unwrap() > 0 && d["column"].as_u64().unwrap() > 0,
                "{d}"
            );
            assert!(!d["message"].as_str().unwrap().is_empty());
        }
    }
}

/// `check --watch` checks again when the file is saved.
#[test]
fn watch_checks_again_on_every_save() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("grid-probe.ron");
    let good = std::fs::read_to_string(manifest_dir().join("scenarios/grid-probe.ron")).unwrap();
    std::fs::write(&file, good.replacen("turn_limit: 16", "turn_limit: 0", 1)).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_backchannel"))
        .args(["check", "--watch"])
        .arg(&file)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut next_verdict = || loop {
        let line = lines.next().expect("a line").unwrap();
        if line.starts_with('[') {
            return line;
        }
    };
    let first = next_verdict();
    assert!(
        first.contains("grid-probe.ron: ") && first.contains(" error"),
        "{first}"
    );
    // Saved again, fixed (a second later, so the file's time changes on any file system).
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(&file, &good).unwrap();
    let second = next_verdict();
    child.kill().unwrap();
    let _ = child.wait();
    assert!(second.ends_with("grid-probe.ron: ok"), "{second}");
}
