//! `backchannel replay SAVE`: replays a saved game through the engine and verifies that it
//! arrives at the final state the save recorded.

use super::files;
use crate::report::words::outcome_name;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The save file to replay.
    pub save: PathBuf,
    /// The scenario file the game was played with [default: scenarios/<id>.ron, by the save's
    /// scenario id].
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    match replay(args) {
        Ok(text) => {
            files::print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(files::refuse(&e)),
    }
}

fn replay(args: &Args) -> anyhow::Result<String> {
    let save = files::read_save(&args.save)?;
    let scenario = files::scenario_for(&save, args.scenario.as_deref())?;
    let game = save
        .restore(scenario)
        .map_err(|e| anyhow::anyhow!("{}: {e}", args.save.display()))?;
    let sc = game.scenario();
    let state = game.state();
    let outcome = match state.outcome {
        Some(o) => {
            let how = state.log.iter().rev().find_map(|e| match &e.kind {
                crate::engine::EventKind::GameEnded { text, .. } => Some(text.as_str()),
                _ => None,
            });
            match how {
                Some(how) => format!("{}: {how}", outcome_name(o)),
                None => outcome_name(o).to_owned(),
            }
        }
        None => "unfinished (the game is still in play)".to_owned(),
    };
    Ok(format!(
        "scenario:   {} ({})\nseed:       {}\nturns:      {} of {}\noutcome:    {outcome}\nfinal hash: {:016x}\nverified\n",
        sc.title,
        sc.id,
        game.seed(),
        state.turn,
        sc.turn_limit,
        state.hash(),
    ))
}
