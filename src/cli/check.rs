//! `backchannel check`: reads scenario files and prints every error and warning in them, each
//! with its line and column, then one summary line per file.

use crate::scenario::{Diagnostic, Severity, load};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Checks `files`; succeeds (exit code 0) when every one of them loads.
pub fn run(files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut all_ok = true;
    for path in files {
        let name = path.display().to_string();
        let diagnostics = match super::files::read_text(path) {
            Ok(text) if crate::plan::is_plan_path(path) => check_plan(path, &name, &text),
            Ok(text) => match load(&name, &text) {
                Ok(loaded) => loaded.warnings,
                Err(report) => report.diagnostics,
            },
            Err(e) => vec![Diagnostic::whole_file(
                &name,
                Severity::Error,
                format!("cannot read the file: {e:#}"),
            )],
        };
        for d in &diagnostics {
            writeln!(out, "{d}\n")?;
        }
        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
        let warnings = diagnostics.len() - errors;
        writeln!(out, "{name}: {}", summary(errors, warnings))?;
        all_ok &= errors == 0;
    }
    Ok(if all_ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A test plan is checked against the scenario beside it: every id it names must be the
/// scenario's.
fn check_plan(path: &Path, name: &str, text: &str) -> Vec<Diagnostic> {
    let stem = name.strip_suffix(".test.ron").unwrap_or(name);
    let scenario_path = path.with_file_name(
        Path::new(&format!("{stem}.ron"))
            .file_name()
            .unwrap_or_default(),
    );
    match super::load::scenario(&scenario_path) {
        Ok(sc) => crate::plan::load(name, text, &sc).err().unwrap_or_default(),
        Err(e) => vec![Diagnostic::whole_file(
            name,
            Severity::Error,
            format!("its scenario cannot be read, so the plan cannot be checked: {e:#}"),
        )],
    }
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// `ok`, `ok (2 warnings)` or `3 errors, 1 warning`.
fn summary(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => "ok".to_string(),
        (0, w) => format!("ok ({})", count(w, "warning")),
        (e, 0) => count(e, "error"),
        (e, w) => format!("{}, {}", count(e, "error"), count(w, "warning")),
    }
}

#[cfg(test)]
mod tests {
    use super::summary;

    #[test]
    fn summaries() {
        assert_eq!(summary(0, 0), "ok");
        assert_eq!(summary(0, 1), "ok (1 warning)");
        assert_eq!(summary(0, 2), "ok (2 warnings)");
        assert_eq!(summary(1, 0), "1 error");
        assert_eq!(summary(3, 1), "3 errors, 1 warning");
    }
}
