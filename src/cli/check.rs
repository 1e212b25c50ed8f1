//! `backchannel check`: reads scenario files (and test plans) and prints every error and warning
//! in them, each with its line and column, then one summary line per file; as JSON for tools,
//! and again on every save with `--watch`.

use crate::scenario::{Diagnostic, Severity, load};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario files (or test plans, NAME.test.ron) to check.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// How to print the diagnostics: `text`, or `json` (each with its code, severity, file,
    /// line, column, message and help).
    #[arg(long, default_value = "text", value_parser = ["text", "json"])]
    pub format: String,
    /// Check again whenever a file changes, until Ctrl-C.
    #[arg(long)]
    pub watch: bool,
}

/// Checks the files; succeeds (exit code 0) when every one of them loads.
pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if args.watch {
        return watch(args);
    }
    let checked: Vec<(String, Vec<Diagnostic>)> = args
        .files
        .iter()
        .map(|p| (p.display().to_string(), diagnostics(p)))
        .collect();
    let mut out = std::io::stdout().lock();
    if args.format == "json" {
        writeln!(out, "{}", serde_json::to_string_pretty(&json(&checked))?)?;
    } else {
        for (name, diagnostics) in &checked {
            for d in diagnostics {
                writeln!(out, "{d}\n")?;
            }
            writeln!(out, "{name}: {}", verdict(diagnostics))?;
        }
    }
    let ok = checked.iter().all(|(_, d)| d.iter().all(|d| !d.is_error()));
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Every diagnostic of one file: a scenario's, or a plan's against the scenario beside it.
pub fn diagnostics(path: &Path) -> Vec<Diagnostic> {
    let name = path.display().to_string();
    match super::files::read_text(path) {
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
    }
}

/// A test plan is checked against the scenario beside it: every id it names must be the
/// scenario's.
fn check_plan(path: &Path, name: &str, text: &str) -> Vec<Diagnostic> {
    match super::load::scenario(&crate::plan::scenario_path(path)) {
        Ok(sc) => crate::plan::load(name, text, &sc).err().unwrap_or_default(),
        Err(e) => vec![
            Diagnostic::whole_file(
                name,
                Severity::Error,
                format!("its scenario cannot be read, so the plan cannot be checked: {e:#}"),
            )
            .with_code("plan-scenario-unreadable"),
        ],
    }
}

fn json(checked: &[(String, Vec<Diagnostic>)]) -> serde_json::Value {
    let files: Vec<serde_json::Value> = checked
        .iter()
        .map(|(name, ds)| {
            let errors = ds.iter().filter(|d| d.is_error()).count();
            serde_json::json!({
                "file": name,
                "ok": errors == 0,
                "errors": errors,
                "warnings": ds.len() - errors,
                "diagnostics": ds.iter().map(|d| serde_json::json!({
                    "code": d.code,
                    "severity": d.severity.to_string(),
                    "file": d.file,
                    "line": d.line,
                    "column": d.col,
                    "message": d.message,
                    "help": d.help,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({ "files": files })
}

/// How often `--watch` looks at the files.
const POLL: Duration = Duration::from_millis(300);

/// Checks the files each time one of them is saved: a one-line verdict per file, then its
/// errors, until interrupted.
fn watch(args: &Args) -> anyhow::Result<ExitCode> {
    let stamp = |p: &PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    // A plan is checked against its scenario: an edit to either checks it again.
    let mut watched = args.files.clone();
    for f in &args.files {
        if crate::plan::is_plan_path(f) {
            watched.push(crate::plan::scenario_path(f));
        }
    }
    let mut seen: Vec<Option<SystemTime>> = vec![None; watched.len()];
    let mut first = true;
    let mut out = std::io::stdout();
    writeln!(out, "watching {} file(s); Ctrl-C stops", args.files.len())?;
    loop {
        let now: Vec<Option<SystemTime>> = watched.iter().map(stamp).collect();
        if first || now != seen {
            seen = now;
            first = false;
            let clock = super::clock_time();
            for path in &args.files {
                let ds = diagnostics(path);
                writeln!(out, "[{clock}] {}: {}", path.display(), verdict(&ds))?;
                for d in ds.iter().filter(|d| d.is_error()) {
                    writeln!(out, "{d}\n")?;
                }
            }
            out.flush()?;
        }
        std::thread::sleep(POLL);
    }
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

fn verdict(ds: &[Diagnostic]) -> String {
    let errors = ds.iter().filter(|d| d.is_error()).count();
    summary(errors, ds.len() - errors)
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
