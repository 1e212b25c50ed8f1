//! `backchannel test`: runs the test plan beside each scenario (`NAME.test.ron`) and reports
//! every expectation that failed as `PLAN:LINE:COL`, with the case, the turn, what was expected
//! and what the game held.

use crate::engine::EventKind;
use crate::plan::{self, CaseResult};
use crate::report::Narrator;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Scenario files (or their plans, NAME.test.ron).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Print each case's game turn by turn: the rung, the rules that fired, the injects sent.
    #[arg(long)]
    pub trace: bool,
}

/// The scenario and the plan a path names.
fn pair(path: &Path) -> (PathBuf, PathBuf) {
    if plan::is_plan_path(path) {
        (plan::scenario_path(path), path.to_path_buf())
    } else {
        (path.to_path_buf(), plan::plan_path(path))
    }
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let mut all_passed = true;
    // `scenarios/*.ron` names each scenario and its plan: test each pair once.
    let mut pairs: Vec<(PathBuf, PathBuf)> = Vec::new();
    for path in &args.files {
        let p = pair(path);
        if !pairs.contains(&p) {
            pairs.push(p);
        }
    }
    for (scenario, plan) in &pairs {
        let (report, passed) = test_pair(scenario, plan, args.trace);
        write!(out, "{report}")?;
        all_passed &= passed;
    }
    Ok(if all_passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Runs the plan of the scenario `path` names: the report to print, and whether every case
/// passed.
pub fn test_file(path: &Path, trace: bool) -> (String, bool) {
    let (scenario, plan) = pair(path);
    test_pair(&scenario, &plan, trace)
}

fn test_pair(scenario_path: &Path, plan_path: &Path, trace: bool) -> (String, bool) {
    let mut out = String::new();
    let scenario = match super::load::scenario(scenario_path) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(out, "{e:#}\n{}: not tested", scenario_path.display());
            return (out, false);
        }
    };
    let plan_name = plan_path.display().to_string();
    let text = match super::files::read_text(plan_path) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(
                out,
                "{plan_name}: error: no test plan for {}: {e:#}\n  = help: write one beside the scenario (the scenario authoring guide shows how), or start from the one `backchannel new` writes",
                scenario_path.display()
            );
            return (out, false);
        }
    };
    let plan = match plan::load(&plan_name, &text, &scenario) {
        Ok(p) => p,
        Err(diagnostics) => {
            for d in &diagnostics {
                let _ = writeln!(out, "{d}\n");
            }
            let _ = writeln!(out, "{plan_name}: the plan could not be read");
            return (out, false);
        }
    };
    let mut passed = 0;
    for case in &plan.cases {
        let r = plan::run_case(&scenario, case);
        if trace {
            out.push_str(&trace_of(&r));
        }
        if r.passed() {
            passed += 1;
            let _ = writeln!(
                out,
                "{plan_name}:{}:{}: ok: case \"{}\" (seed {}), {}",
                r.at.line,
                r.at.col,
                r.name,
                case.seed,
                ending(&r)
            );
        }
        for f in &r.failures {
            let when = match f.after_turn {
                Some(t) => format!("after turn {t}"),
                None => "at the end".to_owned(),
            };
            let _ = writeln!(
                out,
                "{plan_name}:{}:{}: FAILED: case \"{}\" (seed {}), {when}: {}",
                f.at.line, f.at.col, r.name, case.seed, f.message
            );
        }
    }
    let total = plan.cases.len();
    let _ = writeln!(out, "{plan_name}: {passed} of {total} cases passed");
    (out, passed == total)
}

fn ending(r: &CaseResult) -> String {
    let how = match r.outcome {
        Some(crate::engine::Outcome::Failure) => "ended in failure",
        Some(crate::engine::Outcome::Settlement) => "ended in a settlement",
        Some(crate::engine::Outcome::TurnLimit) => "reached the turn limit",
        None => "still running",
    };
    format!("{how} after {} turns", r.turns)
}

/// The case's game turn by turn, as an author tuning a scenario needs it.
fn trace_of(r: &CaseResult) -> String {
    let g = r.table.game();
    let sc = g.scenario();
    let st = g.state();
    let narrator = Narrator::omniscient(sc, st);
    let mut out = format!("case \"{}\":\n", r.name);
    for h in &st.history {
        let mut notes = Vec::new();
        for e in st.log.iter().filter(|e| e.turn == h.turn) {
            match &e.kind {
                EventKind::RuleFired { rule } => {
                    notes.push(format!("rule \"{}\" fired", sc.rules[rule.ix()].id));
                }
                EventKind::Inject(i) => {
                    notes.push(format!("inject \"{}\" sent", sc.injects[i.ix()].id));
                }
                EventKind::GameEnded { .. } => notes.push(narrator.describe(e)),
                _ => {}
            }
        }
        let _ = writeln!(
            out,
            "  turn {:>2}: rung \"{}\", escalation {:.1}{}{}",
            h.turn,
            sc.ladder[h.rung.ix()].id,
            h.escalation,
            if notes.is_empty() { "" } else { "; " },
            notes.join("; ")
        );
    }
    out
}
