//! Reading a scenario file for the commands that run games.

use crate::scenario::{Scenario, ScenarioFile, compile, content_hash, ron_options};
use anyhow::{Context, bail};
use std::path::Path;
use std::sync::Arc;

pub fn scenario(path: &Path) -> anyhow::Result<Arc<Scenario>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let file: ScenarioFile = match ron_options().from_str(&text) {
        Ok(f) => f,
        Err(e) => bail!("{}:{}: {}\n(run `backchannel check {}` for every problem)", path.display(), e.span.start, e.code, path.display()),
    };
    match compile(&file, content_hash(&text)) {
        Ok(s) => Ok(Arc::new(s)),
        Err(issues) => bail!(
            "{} has {} problem(s), e.g. {}: {}\n(run `backchannel check {}` for every problem)",
            path.display(),
            issues.len(),
            issues[0].path,
            issues[0].message,
            path.display()
        ),
    }
}
