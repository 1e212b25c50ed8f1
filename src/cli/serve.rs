//! `backchannel serve`: the workshop server's command line.

use crate::serve::codes::Code;
use crate::serve::{self, Options};
use std::net::IpAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The scenario every table plays (not needed with --resume).
    #[arg(required_unless_present = "resume")]
    pub scenario: Option<PathBuf>,
    /// The address to listen on: 127.0.0.1 lets only this machine in; 0.0.0.0 opens the
    /// workshop to the classroom network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    #[arg(long, default_value_t = 2222)]
    pub port: u16,
    /// A seat's join code, as ACTOR=CODE; give it once per table (the first is table 1's).
    /// Seats without one get a generated code. Naming seats makes only those human; the
    /// computer plays the rest.
    #[arg(long = "seat", value_name = "ACTOR=CODE", value_parser = seat_code)]
    pub seats: Vec<(String, Code)>,
    /// The facilitator's join code (generated if left out).
    #[arg(long, value_name = "CODE")]
    pub facilitator: Option<Code>,
    /// How many tables play the scenario side by side, each with its own seats and codes.
    #[arg(long, default_value_t = 1)]
    pub tables: usize,
    /// The seed every table plays (from the clock if left out).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Time for each turn, such as 5m, 90s or 2m30s; when it runs out the turn resolves and
    /// seats not ready keep their postures.
    #[arg(long, value_name = "DURATION", value_parser = duration)]
    pub turn_timer: Option<u32>,
    /// Carry on a workshop from its folder (printed at start), after a stop or a crash.
    #[arg(long, value_name = "FOLDER", conflicts_with_all = ["scenario", "seats", "facilitator", "tables", "seed", "turn_timer"])]
    pub resume: Option<PathBuf>,
}

fn seat_code(s: &str) -> Result<(String, Code), String> {
    let (actor, code) = s.split_once('=').ok_or_else(|| {
        format!("write a seat as ACTOR=CODE, for example atlantis=kavo-mire; \"{s}\" has no =")
    })?;
    Ok((actor.trim().to_owned(), code.trim().parse()?))
}

/// `5m`, `90s`, `2m30s`, `1h` or a number of seconds.
pub fn duration(s: &str) -> Result<u32, String> {
    let bad = || format!("write a duration such as 5m, 90s or 2m30s; \"{s}\" is not one");
    let mut total: u64 = 0;
    let mut num = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600,
            'm' => 60,
            's' => 1,
            _ => return Err(bad()),
        };
        let n: u64 = num.parse().map_err(|_| bad())?;
        total += n * unit;
        num.clear();
    }
    if !num.is_empty() {
        total += num.parse::<u64>().map_err(|_| bad())?;
    }
    if total == 0 || total > 24 * 3600 {
        return Err(format!("a turn timer is 1 s to 24 h; \"{s}\" is not"));
    }
    Ok(total as u32)
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let started = crate::autosave::now();
    serve::run(Options {
        scenario: args.scenario,
        bind: args.bind,
        port: args.port,
        seats: args.seats,
        facilitator: args.facilitator,
        tables: args.tables,
        seed: args.seed.unwrap_or(started % 100_000),
        turn_timer: args.turn_timer,
        resume: args.resume,
        data: crate::autosave::data_dir(),
        started,
    })?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_a_person_writes_them() {
        assert_eq!(duration("5m"), Ok(300));
        assert_eq!(duration("90s"), Ok(90));
        assert_eq!(duration("2m30s"), Ok(150));
        assert_eq!(duration("45"), Ok(45));
        assert!(duration("5 minutes").unwrap_err().contains("5m"));
        assert!(duration("0s").is_err());
        assert!(seat_code("atlantis").unwrap_err().contains("ACTOR=CODE"));
        assert_eq!(seat_code("atlantis=kavo").unwrap().0, "atlantis");
    }
}
