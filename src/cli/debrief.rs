//! `backchannel debrief SAVE`: writes the after-action review of a saved game, as text or
//! Markdown, to standard output or (atomically) to a file.

use super::files;
use crate::ids::ActorIx;
use crate::report::{Debrief, Format};
use anyhow::anyhow;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The save file of the game to review.
    pub save: PathBuf,
    /// Output format: plain text, or Markdown for the instructor's notes.
    #[arg(long, value_enum, default_value_t = DebriefFormat::Text)]
    pub format: DebriefFormat,
    /// Write the review to FILE (replacing it safely) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the -o file if it exists (never a symbolic link, FIFO or device).
    #[arg(long)]
    pub force: bool,
    /// The scenario file the game was played with [default: scenarios/<id>.ron, by the save's
    /// scenario id].
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// An actor (by scenario id) played by a person; repeat for several. By default a seat that
    /// recorded assessments is taken to be human.
    #[arg(long = "human", value_name = "ACTOR")]
    pub human: Vec<String>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum DebriefFormat {
    Text,
    Markdown,
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    match debrief(args) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) => Ok(files::refuse(&e)),
    }
}

fn debrief(args: &Args) -> anyhow::Result<()> {
    if let Some(path) = &args.output {
        files::check_output(path, args.force)?;
    }
    let (save, played) = files::read_save_and_humans(&args.save)?;
    let scenario = files::scenario_for(&save, args.scenario.as_deref())?;
    let game = save
        .restore(scenario)
        .map_err(|e| anyhow!("{}: {e}", args.save.display()))?;
    let sc = game.scenario();
    // Seats named on the command line, else those the game's own save says people played.
    let named = if args.human.is_empty() {
        &played
    } else {
        &args.human
    };
    let human: Option<Vec<ActorIx>> = if named.is_empty() {
        // A batch game's save names the strategies its computer seats played: nobody in it was
        // a person, whatever the seats did (a diplomat records assessments too).
        (!save.humans.is_empty() || !save.strategies.is_empty()).then(|| save.humans.clone())
    } else {
        let ids: Result<Vec<ActorIx>, _> = named
            .iter()
            .map(|id| {
                sc.actor_ix(id).ok_or_else(|| {
                    let known: Vec<&str> = sc.actors.iter().map(|a| a.id.as_str()).collect();
                    anyhow!(
                        "--human {id}: scenario \"{}\" has no actor \"{id}\"; its actors are {}",
                        sc.id,
                        known.join(", ")
                    )
                })
            })
            .collect();
        Some(ids?)
    };
    let format = match args.format {
        DebriefFormat::Text => Format::Text,
        DebriefFormat::Markdown => Format::Markdown,
    };
    let mut text = Debrief::build(&game, human.as_deref()).render(format);
    text.push('\n');
    match &args.output {
        Some(path) => {
            files::write_atomic(path, text.as_bytes())
                .map_err(|e| anyhow!("cannot write {}: {e}", path.display()))?;
            println!("Wrote the debrief to {}.", path.display());
        }
        None => files::print(&text)?,
    }
    Ok(())
}
