//! `backchannel record` and `backchannel regress`: reference games of a scenario stored once,
//! then replayed after an edit, game by game, to show what changed.

use crate::golden::{self, GOLDEN_FORMAT, Golden};
use crate::ids::ActorId;
use anyhow::{Context, bail};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// The most games one golden file holds.
const MAX_GAMES: u64 = 100_000;

#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    /// The scenario file.
    pub file: PathBuf,
    /// The seeds to record: A..B (from A to B, both included), or one seed.
    #[arg(long, value_name = "A..B", value_parser = seeds)]
    pub seeds: (u64, u64),
    /// Strategy of one seat, as ACTOR=STRATEGY (repeatable); other seats play `doctrine`.
    #[arg(long = "seat", value_name = "ACTOR=STRATEGY")]
    pub seats: Vec<String>,
    /// Where to write the reference games.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct RegressArgs {
    /// The scenario file, as it is now.
    pub file: PathBuf,
    /// The reference games `record` wrote.
    pub golden: PathBuf,
}

fn seeds(s: &str) -> Result<(u64, u64), String> {
    let number = |t: &str| {
        t.trim()
            .parse::<u64>()
            .map_err(|_| format!("\"{t}\" is not a seed: write A..B, e.g. 1..100, or one seed"))
    };
    let (a, b) = match s.split_once("..") {
        Some((a, b)) => (number(a)?, number(b.trim_start_matches('='))?),
        None => (number(s)?, number(s)?),
    };
    if b < a {
        return Err(format!("{s}: the range runs backwards; write {b}..{a}"));
    }
    if b - a >= MAX_GAMES {
        return Err(format!("{s}: at most {MAX_GAMES} games"));
    }
    Ok((a, b))
}

pub fn record(args: &RecordArgs) -> anyhow::Result<ExitCode> {
    let sc = super::load::scenario(&args.file)?;
    let strategies = super::simulate::seat_strategies(&sc, &args.seats)?;
    if args.output.exists() && !args.force {
        bail!(
            "{} already exists; nothing was written (--force replaces it)",
            args.output.display()
        );
    }
    let (a, b) = args.seeds;
    let g = golden::record(&sc, a..=b, &strategies);
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .depth_limit(3);
    let text = format!(
        "// Reference games of {}: `backchannel regress {} {}` replays them.\n{}\n",
        sc.id,
        args.file.display(),
        args.output.display(),
        ron::ser::to_string_pretty(&g, pretty)?
    );
    super::files::write_atomic(&args.output, text.as_bytes())
        .with_context(|| format!("cannot write {}", args.output.display()))?;
    println!(
        "recorded {} games of {} (seeds {a} to {b}) in {}",
        g.games.len(),
        sc.id,
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn regress(args: &RegressArgs) -> anyhow::Result<ExitCode> {
    let sc = super::load::scenario(&args.file)?;
    let text = super::files::read_text(&args.golden)?;
    let g: Golden = ron::Options::default().from_str(&text).with_context(|| {
        format!(
            "{} is not a file of reference games (`backchannel record` writes them)",
            args.golden.display()
        )
    })?;
    if g.format != GOLDEN_FORMAT {
        bail!(
            "{} is format {}; this Backchannel reads format {GOLDEN_FORMAT}: record it again",
            args.golden.display(),
            g.format
        );
    }
    if g.scenario != sc.id {
        bail!(
            "{} holds games of \"{}\", not of \"{}\"",
            args.golden.display(),
            g.scenario,
            sc.id
        );
    }
    let mut strategies = vec![crate::ai::Strategy::Doctrine; sc.actors.len()];
    for (id, s) in &g.strategies {
        match sc.actor_ix(id.as_str()) {
            Some(a) => strategies[a.ix()] = *s,
            None => bail!(
                "the reference games have a seat \"{id}\" the scenario no longer has: record them again"
            ),
        }
    }
    let names: Vec<ActorId> = g.strategies.iter().map(|(a, _)| a.clone()).collect();
    let names_now: Vec<ActorId> = sc.actors.iter().map(|a| a.id.clone()).collect();
    let mut out = std::io::stdout().lock();
    if g.scenario_hash != sc.content_hash {
        writeln!(
            out,
            "{} has changed since the games were recorded",
            args.file.display()
        )?;
    }
    let mut changed = 0;
    for r in &g.games {
        let now = golden::reference(&sc, r.seed, &strategies);
        let d = golden::compare(&names, &names_now, r, &now);
        if !d.is_empty() {
            changed += 1;
            writeln!(out, "seed {}: {}", r.seed, d.join("; "))?;
        }
    }
    let total = g.games.len();
    writeln!(
        out,
        "{} of {total} reference games unchanged{}",
        total - changed,
        if changed == 0 {
            ""
        } else {
            "; the lines above say what changed"
        }
    )?;
    Ok(if changed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

#[cfg(test)]
mod tests {
    use super::seeds;

    #[test]
    fn seed_ranges() {
        assert_eq!(seeds("1..100"), Ok((1, 100)));
        assert_eq!(seeds("7"), Ok((7, 7)));
        assert_eq!(seeds("3..=5"), Ok((3, 5)));
        assert!(seeds("9..2").unwrap_err().contains("write 2..9"));
        assert!(seeds("a..b").is_err());
        assert!(seeds("0..200000").is_err());
    }
}
