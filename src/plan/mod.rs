//! Scenario test plans: a file beside a scenario (`NAME.test.ron`) of cases, each a seed, the
//! human seats' orders turn by turn and what must hold at chosen turns. `load` checks a plan
//! against its scenario (every id resolved, every mistake with its line and column); `run` plays
//! each case on a table, as the console would, and reports every expectation that failed, with
//! where it is written, what was expected and what the game held. Pure: text in, results out.

pub mod file;
mod resolve;
mod run;

pub use file::PLAN_FORMAT;
pub use resolve::{Case, Check, Expect, Plan};
pub use run::{CaseResult, Failure, run_case};

use crate::scenario::source::{LineIndex, Span};
use crate::scenario::{Diagnostic, Scenario, Severity};

/// Where a plan's cases and expectations are written, as line and column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub col: usize,
}

/// The file name a scenario's plan has: `grid-probe.ron` → `grid-probe.test.ron`.
pub fn plan_path(scenario: &std::path::Path) -> std::path::PathBuf {
    let stem = scenario
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    scenario.with_file_name(format!("{stem}.test.ron"))
}

/// The scenario a plan (`NAME.test.ron`) is for: `NAME.ron` beside it.
pub fn scenario_path(plan: &std::path::Path) -> std::path::PathBuf {
    let name = plan.to_string_lossy();
    let stem = name.strip_suffix(".test.ron").unwrap_or(&name);
    std::path::PathBuf::from(format!("{stem}.ron"))
}

/// Whether `path` names a test plan (`NAME.test.ron`) rather than a scenario.
pub fn is_plan_path(path: &std::path::Path) -> bool {
    path.to_string_lossy().ends_with(".test.ron")
}

/// Reads the plan `text` (named `file_name` in messages) for `scenario`.
pub fn load(file_name: &str, text: &str, scenario: &Scenario) -> Result<Plan, Vec<Diagnostic>> {
    let unmarked = crate::scenario::unmark(text);
    let text = unmarked.as_ref();
    let lines = LineIndex::new(text);
    let file: file::PlanFile = match crate::scenario::ron_options().from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let start = lines.offset(text, e.span.start.line, e.span.start.col);
            let end = lines.offset(text, e.span.end.line, e.span.end.col);
            let ex = crate::scenario::explain::explain(&e.code, start, end.max(start), text, None);
            let d = Diagnostic::at(
                file_name,
                text,
                &lines,
                ex.span,
                Severity::Error,
                format!("in this test plan: {}", ex.message),
                ex.help,
            );
            return Err(vec![d.with_code(ex.code)]);
        }
    };
    resolve::resolve(file_name, text, &lines, &file, scenario)
}

/// A diagnostic at `span` of a plan's text.
fn diagnostic(
    file_name: &str,
    text: &str,
    lines: &LineIndex,
    span: Span,
    message: String,
    help: Option<String>,
) -> Diagnostic {
    Diagnostic::at(file_name, text, lines, span, Severity::Error, message, help)
}

#[cfg(test)]
mod tests;
