//! `backchannel simulate`: many games with computer seats, and what they came to.

use super::{load, progress};
use crate::ai::Strategy;
use crate::batch::{self, BatchReport};
use crate::scenario::Scenario;
use crate::scenario::issue::closest;
use anyhow::{Context, bail};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::AtomicU64;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct SimulateArgs {
    /// Scenario file.
    pub file: PathBuf,
    /// Number of games.
    #[arg(long, default_value_t = 1000)]
    pub games: u64,
    /// Seed of the batch; the same seed gives the same report.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Strategy of one seat, as ACTOR=STRATEGY (repeatable); other seats play `doctrine`.
    /// Strategies: always-restrain, always-intensify, tit-for-tat, generous-tit-for-tat,
    /// grudger, random, doctrine, diplomat.
    #[arg(long = "seat", value_name = "ACTOR=STRATEGY")]
    pub seats: Vec<String>,
    /// Chance that a posture order misfires (implementation noise), overriding the scenario.
    #[arg(long, value_name = "P")]
    pub noise: Option<f64>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Write the save of the first game to this file.
    #[arg(long, value_name = "FILE")]
    pub record: Option<PathBuf>,
    /// Write one CSV row per game to this file: seed, outcome, settlement, turns, peak rung, and
    /// each actor's strategy, score and score parts (columns such as `atlantis_score`).
    #[arg(long, value_name = "FILE")]
    pub per_game: Option<PathBuf>,
    /// Replace the --record or --per-game file if it exists (never a symbolic link, FIFO or
    /// device).
    #[arg(long)]
    pub force: bool,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Strategies per actor from `ACTOR=STRATEGY` arguments; `doctrine` elsewhere.
pub fn seat_strategies(sc: &Scenario, seats: &[String]) -> anyhow::Result<Vec<Strategy>> {
    let mut out = vec![Strategy::Doctrine; sc.actors.len()];
    for s in seats {
        let Some((actor, strategy)) = s.split_once('=') else {
            bail!("--seat {s}: write ACTOR=STRATEGY, e.g. --seat atlantis=tit-for-tat");
        };
        let Some(a) = sc.actor_ix(actor) else {
            let ids: Vec<&str> = sc.actors.iter().map(|a| a.id.as_str()).collect();
            let hint = closest(actor, ids.iter().copied()).map_or_else(
                || format!("actors: {}", ids.join(", ")),
                |c| format!("did you mean \"{c}\"?"),
            );
            bail!("--seat {s}: no actor \"{actor}\" in {}; {hint}", sc.id);
        };
        out[a.ix()] = strategy.parse().with_context(|| format!("--seat {s}"))?;
    }
    Ok(out)
}

/// The most games one batch plays: its summaries are kept in memory (tens of megabytes).
pub const MAX_GAMES: u64 = 1_000_000;

pub fn run(args: &SimulateArgs) -> anyhow::Result<ExitCode> {
    let sc = load::scenario(&args.file)?;
    if let Some(p) = args.noise
        && !(0.0..=1.0).contains(&p)
    {
        bail!("--noise {p}: write a probability from 0 to 1, e.g. --noise 0.05");
    }
    if args.games == 0 {
        bail!("--games 0: play at least one game");
    }
    if args.games > MAX_GAMES {
        bail!(
            "--games {}: at most {MAX_GAMES} games in one batch (each game's summary is kept in memory); run several batches with different --seed values",
            args.games
        );
    }
    for path in [&args.record, &args.per_game].into_iter().flatten() {
        super::files::check_output(path, args.force)?;
    }
    let strategies = seat_strategies(&sc, &args.seats)?;
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let counter = AtomicU64::new(0);
    let started = Instant::now();
    let (games, operations) = progress::with_bar(args.games, "simulating", &counter, || {
        batch::run_counting(
            &sc,
            args.games,
            args.seed,
            &strategies,
            args.noise,
            threads,
            &counter,
        )
    });
    let seconds = started.elapsed().as_secs_f64();
    let report = BatchReport::new(&sc, args.seed, &strategies, args.noise, &games)
        .with_operations(&operations);
    if let Some(path) = &args.per_game {
        super::files::write_atomic(path, per_game_csv(&sc, &strategies, &games).as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let turns: u64 = games.iter().map(|g| u64::from(g.turns)).sum();
    if let Some(path) = &args.record {
        let g = batch::play(&sc, batch::game_seed(args.seed, 0), &strategies);
        super::record(&g, &strategies, path)?;
    }
    if args.json {
        let mut v = serde_json::to_value(&report)?;
        v["throughput"] = serde_json::json!({ "games": args.games, "turns": turns, "seconds": seconds, "turns_per_second": turns as f64 / seconds });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        print!("{}", render(&sc, &report));
        println!(
            "throughput: {} games, {turns} turns in {seconds:.3} s ({:.0} turns/s)",
            args.games,
            turns as f64 / seconds.max(1e-9)
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// One row per game, for a spreadsheet or a statistics package.
fn per_game_csv(sc: &Scenario, strategies: &[Strategy], games: &[batch::GameSummary]) -> String {
    use crate::engine::Outcome;
    let mut out = String::from("seed,outcome,settlement,turns,peak_rung");
    for a in &sc.actors {
        for part in [
            "strategy",
            "score",
            "conflict_avoided",
            "interest",
            "norms",
            "reputation",
        ] {
            let _ = write!(out, ",{}_{part}", a.id);
        }
    }
    out.push('\n');
    for g in games {
        let outcome = match g.outcome {
            Outcome::Failure => "failure",
            Outcome::Settlement => "settlement",
            Outcome::TurnLimit => "turn-limit",
        };
        let settlement = g
            .settlement
            .and_then(|i| sc.settlements.get(i))
            .map_or("", |s| s.id.as_str());
        let _ = write!(
            out,
            "{},{outcome},{settlement},{},{}",
            g.seed,
            g.turns,
            sc.ladder[g.peak_rung.ix()].id
        );
        for (c, s) in g.scores.iter().zip(strategies) {
            let _ = write!(
                out,
                ",{s},{:.3},{:.4},{:.4},{:.4},{:.4}",
                c.total, c.conflict_avoided, c.interest, c.norms, c.reputation
            );
        }
        out.push('\n');
    }
    out
}

fn pct(x: f64) -> String {
    format!("{:5.1}%", 100.0 * x)
}

pub fn render(sc: &Scenario, r: &BatchReport) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} ({}): {} games, seed {}",
        sc.title, r.scenario, r.games, r.seed
    );
    let seats: Vec<String> = r.seats.iter().map(|(a, st)| format!("{a}={st}")).collect();
    let _ = writeln!(s, "seats: {}", seats.join(" "));
    if let Some(p) = r.noise {
        let _ = writeln!(s, "noise: {p}");
    }
    let _ = writeln!(s, "\nhow games ended");
    let _ = writeln!(s, "  failure (top rung or rule)  {}", pct(r.failure));
    let _ = writeln!(s, "  settlement                  {}", pct(r.settlement));
    for ((id, x), st) in r.settlements.iter().zip(&sc.settlements) {
        let _ = writeln!(s, "    {:<25} {}  {}", id, pct(*x), st.name);
    }
    let _ = writeln!(s, "  turn limit                  {}", pct(r.turn_limit));
    let _ = writeln!(s, "\nfinal rung");
    for ((id, x), rung) in r.final_rungs.iter().zip(&sc.ladder) {
        let _ = writeln!(s, "  {:<27} {}  {}", id, pct(*x), rung.name);
    }
    let _ = writeln!(
        s,
        "\nmean length {:.2} turns; mean peak escalation {:.1} (rung {:.2})",
        r.mean_turns, r.mean_peak_escalation, r.mean_peak_rung
    );
    let _ = writeln!(
        s,
        "\nmean score per actor (0-100; parts 0-1; pressure: domestic pressure at the end, 0-1)"
    );
    let _ = writeln!(
        s,
        "  {:<20} {:<21} {:>6} {:>9} {:>9} {:>6} {:>11} {:>9}",
        "actor", "strategy", "score", "conflict", "interest", "norms", "reputation", "pressure"
    );
    for a in &r.actors {
        let _ = writeln!(
            s,
            "  {:<20} {:<21} {:>6.1} {:>9.2} {:>9.2} {:>6.2} {:>11.2} {:>9.2}",
            a.actor,
            a.strategy,
            a.score,
            a.conflict_avoided,
            a.interest,
            a.norms,
            a.reputation,
            a.final_pressure
        );
    }
    s
}
