//! The command line: the edge where files are read and written and reports printed. Everything
//! here calls into the pure library; no game rule lives in this module.

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::Path;
use std::process::ExitCode;

pub mod balance;
pub mod check;
pub mod debrief;
pub mod files;
pub mod fork;
mod load;
pub mod new;
pub mod play;
mod progress;
pub mod regress;
pub mod replay;
pub mod serve;
pub mod simulate;
pub mod test;
pub mod tournament;

/// Backchannel: a terminal game that trains diplomats to manage cyber crises.
#[derive(Debug, Parser)]
#[command(name = "backchannel", version, about, long_about = None)]
pub struct Cli {
    /// Without a command, the game opens its main menu.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Play a scenario now: the terminal interface, or plain text with --plain.
    Play(play::Args),
    /// Check scenario files (and test plans) and report every problem with its line and column.
    Check(check::Args),
    /// Play many games with computer seats and report how they ended.
    Simulate(simulate::SimulateArgs),
    /// Round robin of the batch strategies on a two-state scenario (Axelrod style).
    Tournament(tournament::TournamentArgs),
    /// Replay a saved game and verify that it reproduces the final state recorded in the save.
    Replay(replay::Args),
    /// Write the after-action review of a saved game, as text or Markdown.
    Debrief(debrief::Args),
    /// Replay a saved game to a turn and play on with other strategies in chosen seats: what
    /// would have happened, side by side with what did.
    Fork(fork::Args),
    /// Write a commented starter scenario, NAME.ron, that passes `check`, and its test plan.
    New(new::Args),
    /// Every strategy in every playable role against the scenario's counterparts: the table of
    /// outcomes and scores, and what in the scenario needs attention.
    Balance(balance::Args),
    /// Play reference games of a scenario and store their outcomes and per-turn hashes, for
    /// `regress` to compare against after an edit.
    Record(regress::RecordArgs),
    /// Replay the reference games `record` stored and show, game by game, what changed.
    Regress(regress::RegressArgs),
    /// Run the test plan beside each scenario (NAME.test.ron): play every case and report each
    /// expectation that failed, with its line and column.
    Test(test::Args),
    /// Run a workshop: trainees join tables over ssh with a join code, and the instructor runs
    /// the room from the facilitator's console.
    Serve(serve::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        None => play::menu(),
        Some(Command::Play(args)) => play::run(&args),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Simulate(args)) => simulate::run(&args),
        Some(Command::Tournament(args)) => tournament::run(&args),
        Some(Command::Replay(args)) => replay::run(&args),
        Some(Command::Debrief(args)) => debrief::run(&args),
        Some(Command::Fork(args)) => fork::run(&args),
        Some(Command::New(args)) => new::run(&args),
        Some(Command::Test(args)) => test::run(&args),
        Some(Command::Balance(args)) => balance::run(&args),
        Some(Command::Record(args)) => regress::record(&args),
        Some(Command::Regress(args)) => regress::regress(&args),
        Some(Command::Serve(args)) => serve::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Writes the save of `game`, played with `strategies`, to `path`, atomically.
fn record(
    game: &crate::engine::Game,
    strategies: &[crate::ai::Strategy],
    path: &Path,
) -> anyhow::Result<()> {
    let text = crate::save::Save::from_game(game)
        .with_strategies(strategies)
        .to_text()?;
    files::write_atomic(path, text.as_bytes())
        .with_context(|| format!("cannot write the save to {}", path.display()))
}

/// The time of day in UTC, `HH:MM:SS`, for lines a watching command prints.
fn clock_time() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let stamp = crate::autosave::utc_stamp(secs);
    let t = stamp.split('-').nth(1).unwrap_or("000000");
    format!("{}:{}:{}", &t[0..2], &t[2..4], &t[4..6])
}
