//! Reading a scenario file for the commands that run games.

use crate::scenario::{Scenario, load};
use anyhow::bail;
use std::path::Path;
use std::sync::Arc;

/// Loads and checks a scenario; on any error, the whole checker report.
pub fn scenario(path: &Path) -> anyhow::Result<Arc<Scenario>> {
    let text = super::files::read_text(path)?;
    match load(&path.display().to_string(), &text) {
        Ok(loaded) => Ok(Arc::new(loaded.scenario)),
        Err(report) => bail!("{} cannot be played:\n\n{report}", path.display()),
    }
}
