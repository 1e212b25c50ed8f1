//! The command line: the edge where files are read and written and reports printed. Everything
//! here calls into the pure library; no game rule lives in this module.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

pub mod check;
pub mod debrief;
pub mod files;
pub mod replay;

/// Backchannel: a terminal game that trains diplomats to manage cyber crises.
#[derive(Debug, Parser)]
#[command(name = "backchannel", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario files and report every problem with its line and column.
    Check {
        /// Scenario files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Replay a saved game and verify that it reproduces the final state recorded in the save.
    Replay(replay::Args),
    /// Write the after-action review of a saved game, as text or Markdown.
    Debrief(debrief::Args),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check { files } => check::run(&files),
        Command::Replay(args) => replay::run(&args),
        Command::Debrief(args) => debrief::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
