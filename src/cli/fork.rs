//! `backchannel fork SAVE --turn N --seat ACTOR=STRATEGY ...`: what would have happened had those
//! seats played otherwise from turn N. Prints both games side by side; `-o` writes the fork as
//! a save that `replay` verifies.

use super::files;
use crate::report::Format;
use anyhow::anyhow;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The save (or autosave) of the game to fork.
    pub save: PathBuf,
    /// The turn the fork starts at: turns before it are replayed as they were played.
    #[arg(long, value_name = "N")]
    pub turn: u32,
    /// A seat and the strategy it plays from turn N, as ACTOR=STRATEGY (repeatable). Other seats
    /// play on as they would: computer seats by their strategy, people's seats by their recorded
    /// orders while those still fit.
    #[arg(long = "seat", value_name = "ACTOR=STRATEGY", required = true)]
    pub seats: Vec<String>,
    /// Write the fork as a save to FILE.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the -o file if it exists (never a symbolic link, FIFO or device).
    #[arg(long)]
    pub force: bool,
    /// Print Markdown rather than plain text.
    #[arg(long)]
    pub markdown: bool,
    /// The scenario file the game was played with [default: the text the save carries].
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    match fork(args) {
        Ok(text) => {
            files::print(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => Ok(files::refuse(&e)),
    }
}

fn fork(args: &Args) -> anyhow::Result<String> {
    if let Some(path) = &args.output {
        files::check_output(path, args.force)?;
    }
    let save = files::read_save(&args.save)?;
    let scenario = files::scenario_for(&save, args.scenario.as_deref())?;
    let game = save
        .restore(std::sync::Arc::clone(&scenario))
        .map_err(|e| anyhow!("{}: {e}", args.save.display()))?;
    let chosen = super::simulate::seat_strategies(&scenario, &args.seats)?;
    let seats: Vec<_> = scenario
        .actor_ixs()
        .filter(|a| {
            args.seats.iter().any(|s| {
                s.split_once('=')
                    .is_some_and(|(id, _)| id.trim() == scenario.actor(*a).id.as_str())
            })
        })
        .map(|a| (a, chosen[a.ix()]))
        .collect();
    let strategies = save.strategy_of_each(scenario.actors.len());
    let forked = crate::fork::fork(&game, &strategies, args.turn, &seats)
        .map_err(|e| anyhow!("--turn {}: {e}", args.turn))?;
    if let Some(path) = &args.output {
        let mut all = strategies.clone();
        for (a, s) in &seats {
            all[a.ix()] = *s;
        }
        let text = crate::save::Save::from_game(&forked)
            .with_strategies(&all)
            .to_text()?;
        files::write_atomic(path, text.as_bytes())
            .map_err(|e| anyhow!("cannot write the fork to {}: {e}", path.display()))?;
    }
    let mut shown: Vec<_> = seats.iter().map(|(a, _)| *a).collect();
    for h in game.humans() {
        if !shown.contains(&h) {
            shown.push(h);
        }
    }
    let named: Vec<String> = args.seats.iter().map(|s| s.trim().to_owned()).collect();
    let title = format!(
        "Fork of {} (seed {}) from turn {}: {}",
        scenario.id,
        game.seed(),
        args.turn,
        named.join(", ")
    );
    let format = if args.markdown {
        Format::Markdown
    } else {
        Format::Text
    };
    Ok(crate::report::compare::render(
        format,
        &title,
        &[("the game played", &game), ("the fork", &forked)],
        &shown,
    ))
}
