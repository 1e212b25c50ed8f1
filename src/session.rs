//! A game in progress as a front end plays it: the engine's `Game`, which seats people play,
//! the strategy of every computer seat, the scenario file it came from, and the orders already
//! submitted this turn. Submitting the last human seat's orders runs the computer seats and
//! resolves the turn. Also owns the autosave: where it lives and how it is written and read.
//!
//! Used by the terminal interface and the plain-text driver alike; holds no terminal code.

use crate::ai::Strategy;
use crate::engine::{EngineError, Game, OrderError, Orders};
use crate::ids::ActorIx;
use crate::save::Save;
use crate::scenario::Scenario;
use anyhow::{Context, anyhow};
use serde::{Deserialize, Serialize};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A game being played by one or more people at this terminal.
#[derive(Clone, Debug)]
pub struct Session {
    pub game: Game,
    /// The scenario file the game was started from (shown, and used by older autosaves).
    pub scenario_file: PathBuf,
    /// The scenario's text, when known: the autosave carries it, so a game resumes from any
    /// folder after the file has moved or changed.
    pub scenario_text: Option<Arc<str>>,
    /// Human seats in the order they take their turn.
    pub humans: Vec<ActorIx>,
    /// Strategy per actor (ignored for human seats).
    pub strategies: Vec<Strategy>,
    /// Orders already submitted this turn by human seats.
    submitted: Vec<(ActorIx, Orders)>,
    /// When the game was started (seconds since 1970, UTC): part of its save's name, so no two
    /// games share a save. Metadata only; the game never reads it.
    pub started: u64,
}

/// What happened when a seat submitted its orders.
#[derive(Clone, Debug, PartialEq)]
pub enum Submitted {
    /// Another human seat must still give its orders.
    NextSeat(ActorIx),
    /// Every seat has given its orders; the turn resolved. The range indexes the event log.
    Resolved(Range<usize>),
}

impl Session {
    /// Starts a new game. `humans` must be non-empty; computer seats play the doctrine.
    pub fn new(
        scenario: Arc<Scenario>,
        scenario_file: PathBuf,
        seed: u64,
        humans: Vec<ActorIx>,
    ) -> Session {
        // The text is kept only if it is the very text the scenario was compiled from.
        let text = std::fs::read_to_string(&scenario_file)
            .ok()
            .filter(|t| crate::scenario::content_hash(t) == scenario.content_hash);
        let game = Game::with_humans(scenario, seed, &humans);
        let mut s = Session::from_game(game, scenario_file, humans);
        s.scenario_text = text.map(Arc::from);
        s.started = now();
        s
    }

    pub fn from_game(game: Game, scenario_file: PathBuf, humans: Vec<ActorIx>) -> Session {
        let n = game.scenario().actors.len();
        Session {
            game,
            scenario_file,
            scenario_text: None,
            humans,
            strategies: vec![Strategy::Doctrine; n],
            submitted: Vec::new(),
            started: 0,
        }
    }

    pub fn scenario(&self) -> &Arc<Scenario> {
        self.game.scenario()
    }

    /// The human seat whose orders are awaited now.
    pub fn seat(&self) -> ActorIx {
        self.humans
            .iter()
            .copied()
            .find(|h| !self.submitted.iter().any(|(a, _)| a == h))
            .unwrap_or(self.humans[0])
    }

    pub fn is_hot_seat(&self) -> bool {
        self.humans.len() > 1
    }

    /// Checks and records `orders` for the current seat; resolves the turn once every human
    /// seat has submitted. On a refusal nothing changes.
    pub fn submit(&mut self, orders: Orders) -> Result<Submitted, EngineError> {
        let seat = self.seat();
        self.game.check(seat, &orders)?;
        self.submitted.push((seat, orders));
        if self.submitted.len() < self.humans.len() {
            return Ok(Submitted::NextSeat(self.seat()));
        }
        let mut all = std::mem::take(&mut self.submitted);
        for a in self.game.scenario().actor_ixs() {
            if !self.humans.contains(&a) {
                let strategy = self.strategies[a.ix()];
                let o = self.game.decide(a, &strategy);
                all.push((a, o));
            }
        }
        match self.game.resolve(all.clone()) {
            Ok(r) => Ok(Submitted::Resolved(r)),
            Err(e) => {
                // A computer seat's orders failed the check (should not happen): play the turn
                // with the human orders only rather than lose it.
                let humans: Vec<_> = all
                    .into_iter()
                    .filter(|(a, _)| self.humans.contains(a))
                    .collect();
                match self.game.resolve(humans) {
                    Ok(r) => Ok(Submitted::Resolved(r)),
                    Err(_) => Err(e),
                }
            }
        }
    }

    /// Checks orders for the current seat without recording them.
    pub fn check(&self, orders: &Orders) -> Result<(), OrderError> {
        self.game.check(self.seat(), orders)
    }

    /// The autosave record of this session, with the current seat's unsent orders.
    pub fn resume(&self, draft: Option<&Orders>) -> Resume {
        let sc = self.game.scenario();
        Resume {
            format: crate::save::SAVE_FORMAT,
            scenario_file: self.scenario_file.display().to_string(),
            scenario_text: self.scenario_text.as_deref().map(str::to_owned),
            humans: self
                .humans
                .iter()
                .map(|h| sc.actor(*h).id.to_string())
                .collect(),
            submitted: self.submitted.clone(),
            draft: draft.cloned(),
            started: self.started,
            save: Save::from_game(&self.game),
        }
    }
}

/// What the autosave holds: the save proper, plus what a front end needs to carry on exactly
/// where the player was.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resume {
    pub format: u32,
    pub scenario_file: String,
    /// The scenario's text, so the game resumes without its file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario_text: Option<String>,
    pub humans: Vec<String>,
    #[serde(default)]
    pub submitted: Vec<(ActorIx, Orders)>,
    #[serde(default)]
    pub draft: Option<Orders>,
    /// When the game began (see `Session::started`); 0 in saves written before it was recorded.
    #[serde(default)]
    pub started: u64,
    pub save: Save,
}

impl Resume {
    /// The file name of this game's own save: scenario, human roles, seed and start time, each
    /// made a slug, so another role, seed or retry never shares it and no name from a file
    /// reaches the file system unsanitised.
    pub fn file_name(&self) -> String {
        let slug = crate::scenario::slugify;
        let roles: Vec<String> = self.humans.iter().map(|h| slug(h)).collect();
        format!(
            "{}-{}-{}-{}.ron",
            slug(self.save.scenario_id.as_str()),
            roles.join("+"),
            self.save.seed,
            utc_stamp(self.started)
        )
    }
}

/// Seconds since 1970 by the system clock (0 if it is set before 1970).
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// `YYYYMMDD-HHMMSS` in UTC for seconds since 1970 (civil-from-days, proleptic Gregorian).
fn utc_stamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}{month:02}{day:02}-{:02}{:02}{:02}",
        rem / 3_600,
        rem / 60 % 60,
        rem % 60
    )
}

impl Resume {
    pub fn to_text(&self) -> anyhow::Result<String> {
        let pretty = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .depth_limit(3);
        Ok(format!(
            "// Backchannel autosave\n{}\n",
            ron::ser::to_string_pretty(self, pretty)?
        ))
    }

    /// Reads an autosave. Its format is checked first, as for a save, so an autosave from an
    /// earlier or a newer version is refused with the way on, not loaded.
    pub fn parse(text: &str) -> anyhow::Result<Resume> {
        #[derive(Deserialize)]
        #[serde(rename = "Resume")]
        struct Header {
            format: u32,
        }
        let header: Header = ron::Options::default().from_str(text)?;
        crate::save::check_format(header.format)?;
        Ok(ron::Options::default().from_str(text)?)
    }

    /// Rebuilds the session (replaying and verifying the save) and returns the unsent orders.
    pub fn restore(self) -> anyhow::Result<(Session, Option<Orders>)> {
        let path = PathBuf::from(&self.scenario_file);
        let scenario = match &self.scenario_text {
            Some(text) => match crate::scenario::load(&self.scenario_file, text) {
                Ok(loaded) => Arc::new(loaded.scenario),
                Err(report) => {
                    return Err(anyhow!(
                        "the scenario saved with this game cannot be played:\n\n{report}"
                    ));
                }
            },
            None => load_scenario(&path)?,
        };
        let game = self
            .save
            .restore(Arc::clone(&scenario))
            .map_err(|e| anyhow!("{e}"))?;
        let humans = self
            .humans
            .iter()
            .map(|h| {
                scenario
                    .actor_ix(h)
                    .ok_or_else(|| anyhow!("the save names an unknown seat \"{h}\""))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        if humans.is_empty() {
            return Err(anyhow!("the save names no human seat"));
        }
        let mut s = Session::from_game(game, path, humans);
        s.scenario_text = self.scenario_text.map(Arc::from);
        s.submitted = self.submitted;
        s.started = self.started;
        Ok((s, self.draft))
    }
}

/// Loads and checks a scenario file.
pub fn load_scenario(path: &Path) -> anyhow::Result<Arc<Scenario>> {
    let text = crate::cli::files::read_text(path)?;
    match crate::scenario::load(&path.display().to_string(), &text) {
        Ok(loaded) => Ok(Arc::new(loaded.scenario)),
        Err(report) => Err(anyhow!("{} cannot be played:\n\n{report}", path.display())),
    }
}

/// The user's data folder: `$BACKCHANNEL_DATA`, else `$XDG_DATA_HOME/backchannel`, else
/// `~/.local/share/backchannel`.
pub fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("BACKCHANNEL_DATA").filter(|d| !d.is_empty()) {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return PathBuf::from(d).join("backchannel");
    }
    let home = std::env::var_os("HOME").map_or_else(|| PathBuf::from("."), PathBuf::from);
    home.join(".local").join("share").join("backchannel")
}

/// Where the console saves when the data folder cannot be written: a folder of its own in the
/// system's temporary directory.
pub fn rescue_dir() -> PathBuf {
    std::env::temp_dir().join("backchannel-rescue")
}

/// Where the autosave lives inside a data folder.
pub fn autosave_path(data: &Path) -> PathBuf {
    data.join("autosave.ron")
}

/// Writes the autosave (atomically) and a copy under `saves/` named after the game (see
/// `Resume::file_name`).
pub fn write_autosave(data: &Path, resume: &Resume) -> anyhow::Result<PathBuf> {
    let text = resume.to_text()?;
    let saves = data.join("saves");
    std::fs::create_dir_all(&saves)
        .with_context(|| format!("cannot create {}", saves.display()))?;
    let named = saves.join(resume.file_name());
    crate::cli::files::write_atomic(&named, text.as_bytes())
        .with_context(|| format!("cannot write {}", named.display()))?;
    let path = autosave_path(data);
    crate::cli::files::write_atomic(&path, text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Reads a saved session from a file.
pub fn read_resume(path: &Path) -> anyhow::Result<Resume> {
    let text = crate::cli::files::read_text(path)?;
    Resume::parse(&text).with_context(|| format!("{} is not a Backchannel save", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> (Arc<Scenario>, PathBuf) {
        let p = PathBuf::from("scenarios/grid-probe.ron");
        (load_scenario(&p).unwrap(), p)
    }

    #[test]
    fn a_solo_turn_resolves_on_submit() {
        let (sc, p) = grid();
        let a = sc.actor_ix("atlantis").unwrap();
        let mut s = Session::new(sc, p, 7, vec![a]);
        assert!(matches!(
            s.submit(Orders::default()),
            Ok(Submitted::Resolved(_))
        ));
        assert_eq!(s.game.current_turn(), 2);
    }

    #[test]
    fn hot_seat_waits_for_every_human() {
        let (sc, p) = grid();
        let a = sc.actor_ix("atlantis").unwrap();
        let b = sc.actor_ix("borealis").unwrap();
        let mut s = Session::new(sc, p, 7, vec![a, b]);
        assert_eq!(s.submit(Orders::default()).unwrap(), Submitted::NextSeat(b));
        assert_eq!(s.seat(), b);
        assert!(matches!(
            s.submit(Orders::default()),
            Ok(Submitted::Resolved(_))
        ));
        assert_eq!(s.seat(), a);
    }

    #[test]
    fn the_autosave_round_trips() {
        let (sc, p) = grid();
        let a = sc.actor_ix("atlantis").unwrap();
        let mut s = Session::new(sc, p, 9, vec![a]);
        s.submit(Orders::default()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        write_autosave(dir.path(), &s.resume(None)).unwrap();
        let (back, draft) = read_resume(&autosave_path(dir.path()))
            .unwrap()
            .restore()
            .unwrap();
        assert!(draft.is_none());
        assert_eq!(back.game.state().hash(), s.game.state().hash());
        assert_eq!(back.humans, vec![a]);
        assert_eq!(back.started, s.started);
    }

    #[test]
    fn an_autosave_of_another_format_is_refused() {
        let (sc, p) = grid();
        let a = sc.actor_ix("atlantis").unwrap();
        let s = Session::new(sc, p, 9, vec![a]);
        let text = s.resume(None).to_text().unwrap();
        let newer = text.replacen("format: 2,", "format: 3,", 1);
        let err = Resume::parse(&newer).unwrap_err().to_string();
        assert!(err.contains("newer version"), "{err}");
        let older = text.replacen("format: 2,", "format: 1,", 1);
        let err = Resume::parse(&older).unwrap_err().to_string();
        assert!(err.contains("earlier version"), "{err}");
        assert!(Resume::parse(&text).is_ok());
    }

    #[test]
    fn every_game_has_its_own_save() {
        let (sc, p) = grid();
        let a = sc.actor_ix("atlantis").unwrap();
        let b = sc.actor_ix("borealis").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut names = std::collections::BTreeSet::new();
        for (humans, seed, started) in [
            (vec![a], 9, 1_000),
            (vec![b], 9, 1_000),
            (vec![a], 10, 1_000),
            (vec![a], 9, 1_001),
        ] {
            let mut s = Session::new(Arc::clone(&sc), p.clone(), seed, humans);
            s.started = started;
            let r = s.resume(None);
            names.insert(r.file_name());
            write_autosave(dir.path(), &r).unwrap();
        }
        assert_eq!(names.len(), 4, "{names:?}");
        let on_disk = std::fs::read_dir(dir.path().join("saves")).unwrap().count();
        assert_eq!(on_disk, 4);
        assert!(
            names.contains("grid-probe-borealis-9-19700101-001640.ron"),
            "{names:?}"
        );
    }

    #[test]
    fn the_stamp_is_the_utc_date_and_time() {
        assert_eq!(utc_stamp(0), "19700101-000000");
        assert_eq!(utc_stamp(951_782_400), "20000229-000000");
        assert_eq!(utc_stamp(1_796_212_801), "20261202-120001");
    }
}
