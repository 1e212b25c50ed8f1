//! `backchannel` with no command (the main menu) and `backchannel play`: start the terminal
//! interface, or the plain-text game with `--plain`.

use crate::autosave;
use crate::ids::ActorIx;
use crate::table::Table;
use crate::tui::app::App;
use anyhow::{anyhow, bail};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The scenario file to play.
    #[arg(default_value = "scenarios/grid-probe.ron")]
    pub file: PathBuf,
    /// The seed of the game: the same seed gives the same game.
    #[arg(long)]
    pub seed: Option<u64>,
    /// The actor you play (its id in the scenario); the first playable one if left out.
    #[arg(long, conflicts_with = "seats")]
    pub role: Option<String>,
    /// Several actors, comma-separated, played in turn at this terminal (hot seat).
    #[arg(long, value_delimiter = ',')]
    pub seats: Vec<String>,
    /// Plain text on standard input and output: numbered menus, no boxes or colours.
    #[arg(long)]
    pub plain: bool,
    /// Resume the last game (the autosave in the data folder), from any folder.
    #[arg(long = "continue", conflicts_with_all = ["load", "seed", "role", "seats"])]
    pub resume_last: bool,
    /// Resume the game in SAVE (one of the data folder's `saves/`), from any folder.
    #[arg(long, value_name = "SAVE", conflicts_with_all = ["seed", "role", "seats"])]
    pub load: Option<PathBuf>,
}

/// The main menu.
pub fn menu() -> anyhow::Result<ExitCode> {
    crate::tui::run(App::new(crate::tui::config()))?;
    Ok(ExitCode::SUCCESS)
}

/// Resumes a saved game in the console or in plain mode.
fn resume(path: &std::path::Path, plain: bool) -> anyhow::Result<ExitCode> {
    let config = crate::tui::config();
    if !path.exists() {
        bail!(
            "there is no saved game at {}; start one with `backchannel play`",
            path.display()
        );
    }
    if plain {
        let mut t = autosave::read_resume(path)?.restore()?;
        let stdin = std::io::stdin();
        crate::tui::plain::run(&mut t, &config.data_dir, stdin.lock(), std::io::stdout())?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut app = App::new(config);
    app.resume(autosave::read_resume(path)?.restore()?);
    crate::tui::run(app)?;
    Ok(ExitCode::SUCCESS)
}

pub fn run(args: &Args) -> anyhow::Result<ExitCode> {
    if args.resume_last {
        return resume(&autosave::autosave_path(&autosave::data_dir()), args.plain);
    }
    if let Some(save) = &args.load {
        return resume(save, args.plain);
    }
    let sc = autosave::load_scenario(&args.file)?;
    let names: Vec<String> = match (&args.role, args.seats.is_empty()) {
        (Some(r), _) => vec![r.clone()],
        (None, false) => args.seats.clone(),
        (None, true) => Vec::new(),
    };
    let mut humans: Vec<ActorIx> = names
        .iter()
        .map(|n| {
            sc.actor_ix(n.trim()).ok_or_else(|| {
                anyhow!(
                    "there is no actor \"{n}\" in {}; the actors are: {}",
                    args.file.display(),
                    sc.actors
                        .iter()
                        .map(|a| a.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
        })
        .collect::<anyhow::Result<_>>()?;
    if humans.is_empty() {
        humans.push(sc.playable.first().copied().unwrap_or(ActorIx(0)));
    }
    let mut seen = humans.clone();
    seen.sort();
    seen.dedup();
    if seen.len() != humans.len() {
        bail!("an actor is named twice in --seats");
    }
    let mut config = crate::tui::config();
    let seed = args.seed.unwrap_or(config.seed);
    config.seed = seed;
    if args.plain {
        let mut t = Table::new(sc, seed, &humans)
            .with_origin(args.file.display().to_string(), (config.clock)());
        std::fs::create_dir_all(&config.data_dir).ok();
        let stdin = std::io::stdin();
        crate::tui::plain::run(&mut t, &config.data_dir, stdin.lock(), std::io::stdout())?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut app = App::new(config);
    app.start(&args.file, seed, humans)?;
    crate::tui::run(app)?;
    Ok(ExitCode::SUCCESS)
}
