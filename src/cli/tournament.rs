//! `backchannel tournament`: the batch strategies in an Axelrod-style round robin.

use super::{load, progress};
use crate::ai::Strategy;
use crate::tournament::{self, TournamentReport};
use anyhow::bail;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicU64;

#[derive(Debug, clap::Args)]
pub struct TournamentArgs {
    /// A scenario with (at least) two states; the first two play.
    pub file: PathBuf,
    /// Turns per game.
    #[arg(long, default_value_t = 200)]
    pub turns: u32,
    /// Games per pair of strategies.
    #[arg(long, default_value_t = 5)]
    pub repetitions: u32,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Chance that a chosen posture is flipped (Axelrod's noise).
    #[arg(long, default_value_t = 0.0, value_name = "P")]
    pub noise: f64,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: &TournamentArgs) -> anyhow::Result<ExitCode> {
    let sc = load::scenario(&args.file)?;
    if !(0.0..=1.0).contains(&args.noise) {
        bail!(
            "--noise {}: write a probability from 0 to 1, e.g. --noise 0.05",
            args.noise
        );
    }
    if args.turns == 0 || args.repetitions == 0 {
        bail!("--turns and --repetitions must be at least 1");
    }
    let n = Strategy::BATCH.len() as u64;
    let total = n * (n + 1) / 2 * u64::from(args.repetitions);
    let counter = AtomicU64::new(0);
    let report = progress::with_bar(total, "tournament", &counter, || {
        tournament::run(
            &sc,
            args.turns,
            args.repetitions,
            args.seed,
            args.noise,
            &counter,
        )
    })?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", render(&report));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn render(r: &TournamentReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "Round robin on {}: {} turns x {} repetitions per pair, seed {}, noise {}",
        r.scenario, r.turns, r.repetitions, r.seed, r.noise
    );
    let _ = writeln!(s, "\nmatches (total points, mean per turn)");
    for m in &r.matches {
        let _ = writeln!(
            s,
            "  {:<21} vs {:<21} {:>9.0} {:>9.0}   {:>5.2} {:>5.2}",
            m.a, m.b, m.total_a, m.total_b, m.mean_a, m.mean_b
        );
    }
    for (title, ranking) in [
        (
            "ranking (mean points per turn over all matches)",
            &r.ranking,
        ),
        (
            "ranking without self-play (matches against the other strategies only)",
            &r.ranking_without_self_play,
        ),
    ] {
        let _ = writeln!(s, "\n{title}");
        for (i, st) in ranking.iter().enumerate() {
            let _ = writeln!(
                s,
                "  {}. {:<21} {:>5.3}",
                i + 1,
                st.strategy,
                st.mean_per_turn
            );
        }
    }
    s
}
