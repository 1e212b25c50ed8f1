//! Helpers shared by the integration tests.
#![allow(dead_code)]

use backchannel::scenario::{Scenario, ScenarioFile, compile, content_hash, ron_options};
use std::sync::Arc;

/// Loads and compiles a scenario file, panicking with the problem if it is invalid.
pub fn scenario(path: &str) -> Arc<Scenario> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let file: ScenarioFile = ron_options()
        .from_str(&text)
        .unwrap_or_else(|e| panic!("{path}: {e}"));
    Arc::new(compile(&file, content_hash(&text)).unwrap_or_else(|e| panic!("{path}: {e:?}")))
}
