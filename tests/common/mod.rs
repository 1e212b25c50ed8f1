//! Helpers shared by the integration tests.
#![allow(dead_code)]

use backchannel::scenario::{Scenario, ScenarioFile, compile, content_hash, ron_options};
use std::sync::Arc;

/// Every shipped scenario.
pub const SHIPPED: [&str; 7] = [
    "scenarios/classroom-dilemma.ron",
    "scenarios/election-shadow.ron",
    "scenarios/grid-probe.ron",
    "scenarios/norms-summit.ron",
    "scenarios/ransomware-proxy.ron",
    "scenarios/trade-secrets-accord.ron",
    "scenarios/tutorial.ron",
];

/// Loads and compiles a scenario file, panicking with the problem if it is invalid.
pub fn scenario(path: &str) -> Arc<Scenario> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let file: ScenarioFile = ron_options()
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    Arc::new(compile(&file, content_hash(&text)).unwrap_or_else(|e| panic!("{path}: {e:?}")))
}

/// Runs `backchannel check` on `paths`.
pub fn check(paths: &[&str]) -> assert_cmd::assert::Assert {
    assert_cmd::Command::cargo_bin("backchannel")
        .expect("the backchannel binary")
        .arg("check")
        .args(paths)
        .assert()
}

pub fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

/// Checks an invalid scenario file: exit code 1, exactly one error, at `at` (`LINE:COL`), with
/// `message` and, if given, `help`.
pub fn fails_with(path: &str, at: &str, message: &str, help: Option<&str>) {
    let a = check(&[path]).code(1);
    let out = stdout(&a);
    let head = format!("{path}:{at}: error: {message}\n");
    assert!(out.contains(&head), "expected\n{head}in\n{out}");
    if let Some(help) = help {
        let line = format!("= help: {help}\n");
        assert!(out.contains(&line), "expected\n{line}in\n{out}");
    }
    assert_eq!(
        out.matches(": error: ").count(),
        1,
        "expected exactly one error in\n{out}"
    );
    assert!(
        out.ends_with(&format!("{path}: 1 error\n")),
        "summary missing in\n{out}"
    );
}
