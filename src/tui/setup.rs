//! Choosing a game and filling in an assessment: the roles a scenario offers, the scenario files
//! and saves found on disk, and the arithmetic of the assessment keys (a quick pick, a nudge that
//! keeps the probabilities summing to one). Pure helpers of `app`, no drawing.

use super::app::Entry;
use super::console::AssessRow;
use crate::autosave;
use crate::ids::*;
use crate::scenario::Scenario;
use std::path::{Path, PathBuf};

/// Roles offered for a scenario: each playable seat, plus all of them together when there are
/// several (hot seat).
pub fn role_count(sc: &Scenario) -> usize {
    let n = sc.playable.len().max(1);
    if n > 1 { n + 1 } else { n }
}

pub fn role_name(sc: &Scenario, role: usize) -> String {
    match sc.playable.get(role) {
        Some(a) => sc.actor(*a).name.clone(),
        None if sc.playable.len() > 1 => format!(
            "hot seat: {}",
            sc.playable
                .iter()
                .map(|a| sc.actor(*a).name.as_str())
                .collect::<Vec<_>>()
                .join(" and ")
        ),
        None => sc.actors.first().map_or(String::new(), |a| a.name.clone()),
    }
}

pub fn seats_for(sc: &Scenario, role: usize) -> Vec<ActorIx> {
    match sc.playable.get(role) {
        Some(a) => vec![*a],
        None if !sc.playable.is_empty() => sc.playable.clone(),
        None => vec![ActorIx(0)],
    }
}

/// Puts most weight on hypothesis `i`, spreading the rest over the other hypotheses.
pub(super) fn quick(row: &AssessRow, k: usize, i: usize) -> Vec<f64> {
    let mut p = vec![0.0; k];
    let n = row.hypotheses.len();
    let main = if n == 1 { 1.0 } else { 0.7 };
    for (j, h) in row.hypotheses.iter().enumerate() {
        p[h.ix()] = if j == i {
            main
        } else {
            (1.0 - main) / (n - 1) as f64
        };
    }
    p
}

/// Moves hypothesis `c`'s probability by `by`, rescaling the others so the sum stays one.
pub(super) fn nudge(row: &mut AssessRow, k: usize, c: usize, by: f64) {
    let n = row.hypotheses.len();
    let probs = row.probs.get_or_insert_with(|| {
        let mut p = vec![0.0; k];
        for h in &row.hypotheses {
            p[h.ix()] = 1.0 / n as f64;
        }
        p
    });
    let Some(target) = row.hypotheses.get(c).map(|h| h.ix()) else {
        return;
    };
    let new = ((probs[target] + by) * 20.0).round() / 20.0;
    let new = new.clamp(0.0, 1.0);
    let rest: f64 = row
        .hypotheses
        .iter()
        .filter(|h| h.ix() != target)
        .map(|h| probs[h.ix()])
        .sum();
    let others = n.saturating_sub(1).max(1) as f64;
    for h in &row.hypotheses {
        let j = h.ix();
        if j != target {
            probs[j] = if rest > 1e-9 {
                probs[j] / rest * (1.0 - new)
            } else {
                (1.0 - new) / others
            };
        }
    }
    probs[target] = if n == 1 { 1.0 } else { new };
    // Guard the check's tolerance against rounding.
    let sum: f64 = probs.iter().sum();
    if sum > 0.0 {
        probs.iter_mut().for_each(|p| *p /= sum);
    }
}

/// Scenario files in the given folders, sorted by file name.
pub fn catalogue(dirs: &[PathBuf]) -> Vec<Entry> {
    let mut paths: Vec<PathBuf> = dirs
        .iter()
        .filter_map(|d| std::fs::read_dir(d).ok())
        .flat_map(|rd| rd.filter_map(Result::ok).map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron") && !crate::plan::is_plan_path(p))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let scenario = autosave::load_scenario(&path).map_err(|e| format!("{e:#}"));
            Entry { path, scenario }
        })
        .collect()
}

/// Saves in the data folder: the autosave first, then the named saves.
pub fn list_saves(data: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let auto = autosave::autosave_path(data);
    if auto.is_file() {
        out.push(auto);
    }
    if let Ok(rd) = std::fs::read_dir(data.join("saves")) {
        let mut v: Vec<PathBuf> = rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .collect();
        v.sort();
        out.extend(v);
    }
    out
}
