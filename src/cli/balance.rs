//! `backchannel balance`: every strategy in every playable role, and what the table says.

use crate::balance::{self, Balance};
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The scenario file.
    pub file: PathBuf,
    /// Games per role and strategy.
    #[arg(long, default_value_t = 500, value_parser = clap::value_parser!(u64).range(1..=100_000))]
    pub games: u64,
    /// Seed of the batch; the same seed gives the same table.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Exit 1 when anything is flagged.
    #[arg(long)]
    pub strict: bool,
    /// Print the table and the flags as JSON.
    #[arg(long)]
    pub json: bool,
    /// Worker threads (default: every core).
    #[arg(long)]
    pub threads: Option<usize>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    let sc = super::load::scenario(&args.file)?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let start = std::time::Instant::now();
    let b = balance::run(&sc, args.games, args.seed, threads);
    let took = start.elapsed();
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&b)?)?;
    } else {
        write!(out, "{}", table(&b))?;
        let games = b.cells.len() as u64 * b.games;
        writeln!(out, "{games} games in {:.2} s", took.as_secs_f64())?;
    }
    Ok(if args.strict && !b.flags.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The role × strategy table, then the flags.
pub fn table(b: &Balance) -> String {
    let mut s = format!(
        "balance of {}: {} games per role and strategy, seed {}; the other seats play the doctrine\n\n",
        b.scenario, b.games, b.seed
    );
    let settlements = |c: &crate::balance::Cell| -> String {
        c.settlements
            .iter()
            .filter(|(_, x)| *x > 0.0)
            .map(|(id, x)| format!("{id} {}", pct(*x)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // The settlements column as wide as its widest entry, so the columns after it line up.
    let sw = b
        .cells
        .iter()
        .map(|c| settlements(c).chars().count())
        .max()
        .unwrap_or(0)
        .max("settlements".len());
    let _ = writeln!(
        s,
        "{:<14} {:<21} {:>6} {:>6} {:>6}  {:<sw$} {:>14} {:>6} {:>8}",
        "role",
        "strategy",
        "fail",
        "settle",
        "limit",
        "settlements",
        "score (95% CI)",
        "peak",
        "pressure"
    );
    for c in &b.cells {
        let settled: f64 = c.settlements.iter().map(|(_, x)| x).sum();
        let _ = writeln!(
            s,
            "{:<14} {:<21} {:>6} {:>6} {:>6}  {:<sw$} {:>7.1} ± {:<4.1} {:>6.2} {:>8.2}",
            c.role,
            c.strategy,
            pct(c.failure),
            pct(settled),
            pct(c.turn_limit),
            settlements(c),
            c.mean_score,
            c.score_ci,
            c.mean_peak_rung,
            c.mean_final_pressure
        );
    }
    let _ = writeln!(
        s,
        "\n(peak: the mean highest rung, 0 the first; pressure: the role's domestic pressure at the end, 0 to 1)"
    );
    if b.flags.is_empty() {
        let _ = writeln!(s, "\nnothing flagged");
    } else {
        let _ = writeln!(s, "\n{} flagged:", b.flags.len());
        for f in &b.flags {
            let _ = writeln!(s, "  [{}] {}", f.code, f.message);
        }
    }
    s
}
