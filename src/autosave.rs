//! The autosave: what a local front end writes after every turn and every draft change, so a
//! game resumes exactly where the players were, from any folder. Also where the user's data
//! lives, and how a game's own save is named.

use crate::engine::Orders;
use crate::ids::ActorIx;
use crate::save::Save;
use crate::scenario::Scenario;
use crate::table::{Seat, Table, Timer};
use anyhow::{Context, anyhow};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the autosave holds: the save proper (which carries the scenario's text), plus what a
/// table needs to carry on exactly where its players were.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Resume {
    pub format: u32,
    pub scenario_file: String,
    pub humans: Vec<String>,
    /// Every human seat's draft, readiness and stand-in.
    #[serde(default)]
    pub seats: Vec<Seat>,
    #[serde(default)]
    pub paused: bool,
    #[serde(default)]
    pub timer: Option<Timer>,
    /// When the game began (see `Table::started`).
    #[serde(default)]
    pub started: u64,
    pub save: Save,
    /// Format 2 kept the text here, and the orders of one seat; read, never written.
    #[serde(default, skip_serializing)]
    scenario_text: Option<String>,
    #[serde(default, skip_serializing)]
    submitted: Vec<(ActorIx, Orders)>,
    #[serde(default, skip_serializing)]
    draft: Option<Orders>,
}

impl Resume {
    /// The autosave record of a table.
    pub fn of(table: &Table) -> Resume {
        let sc = table.scenario();
        Resume {
            format: crate::save::SAVE_FORMAT,
            scenario_file: table.scenario_file.clone(),
            humans: table
                .humans()
                .iter()
                .map(|h| sc.actor(*h).id.to_string())
                .collect(),
            seats: table.seats().to_vec(),
            paused: table.is_paused(),
            timer: table.timer(),
            started: table.started,
            save: Save::from_game(table.game()),
            scenario_text: None,
            submitted: Vec::new(),
            draft: None,
        }
    }

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
pub fn utc_stamp(secs: u64) -> String {
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

    /// Rebuilds the table (replaying and verifying the save), with every seat's draft.
    pub fn restore(self) -> anyhow::Result<Table> {
        let text = self
            .save
            .scenario_text
            .as_ref()
            .or(self.scenario_text.as_ref());
        let scenario = match text {
            Some(text) => match crate::scenario::load(&self.scenario_file, text) {
                Ok(loaded) => Arc::new(loaded.scenario),
                Err(report) => {
                    return Err(anyhow!(
                        "the scenario saved with this game cannot be played:\n\n{report}"
                    ));
                }
            },
            None => load_scenario(Path::new(&self.scenario_file))?,
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
        let mut table = Table::from_game(game, &humans);
        table.scenario_file = self.scenario_file;
        table.started = self.started;
        let mut seats = self.seats;
        // A format 2 autosave: the seats that had submitted, and the next seat's draft.
        for (actor, draft) in self.submitted {
            seats.push(Seat {
                actor,
                draft,
                ready: true,
                stand_in: None,
            });
        }
        if let Some(draft) = self.draft {
            let actor = table.next_local();
            if !seats.iter().any(|s| s.actor == actor) {
                seats.push(Seat {
                    draft,
                    ..Seat::new(actor)
                });
            }
        }
        table.restore_seats(seats, self.paused, self.timer);
        Ok(table)
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
    for dir in [data, saves.as_path()] {
        crate::cli::files::sweep_temporaries(dir);
    }
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

    fn table(seed: u64, humans: &[&str]) -> Table {
        let sc = load_scenario(Path::new("scenarios/grid-probe.ron")).unwrap();
        let humans: Vec<ActorIx> = humans.iter().map(|h| sc.actor_ix(h).unwrap()).collect();
        let mut t = Table::new(sc, seed, &humans);
        t.scenario_file = "scenarios/grid-probe.ron".into();
        t
    }

    #[test]
    fn the_autosave_round_trips_with_every_seats_draft() {
        let mut t = table(9, &["atlantis", "borealis"]);
        let [a, b] = [t.humans()[0], t.humans()[1]];
        t.submit(a, Orders::default()).unwrap();
        t.submit(b, Orders::default()).unwrap();
        let mut draft = Orders::default();
        crate::table::draft::set_posture(&mut draft, b, crate::engine::Posture::Restrain);
        t.submit(a, draft.clone()).unwrap();
        let mut other = Orders::default();
        crate::table::draft::set_posture(&mut other, a, crate::engine::Posture::Intensify);
        t.set_draft(b, other.clone()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        write_autosave(dir.path(), &Resume::of(&t)).unwrap();
        let back = read_resume(&autosave_path(dir.path()))
            .unwrap()
            .restore()
            .unwrap();
        assert_eq!(back.game().hash(), t.game().hash());
        assert_eq!(back.seats(), t.seats());
        assert!(back.seat(a).unwrap().ready);
        assert_eq!(back.seat(b).unwrap().draft, other);
        assert_eq!(back.started, t.started);
    }

    #[test]
    fn the_autosave_resumes_after_the_scenario_file_has_gone() {
        let mut t = table(9, &["atlantis"]);
        t.scenario_file = "no/such/folder/grid-probe.ron".into();
        t.submit(t.humans()[0], Orders::default()).unwrap();
        let back = Resume::parse(&Resume::of(&t).to_text().unwrap())
            .unwrap()
            .restore()
            .unwrap();
        assert_eq!(back.game().hash(), t.game().hash());
    }

    #[test]
    fn an_autosave_of_another_format_is_refused() {
        let t = table(9, &["atlantis"]);
        let text = Resume::of(&t).to_text().unwrap();
        let newer = text.replacen("format: 3,", "format: 4,", 1);
        let err = Resume::parse(&newer).unwrap_err().to_string();
        assert!(err.contains("newer version"), "{err}");
        let older = text.replacen("format: 3,", "format: 1,", 1);
        let err = Resume::parse(&older).unwrap_err().to_string();
        assert!(err.contains("earlier version"), "{err}");
        assert!(Resume::parse(&text).is_ok());
    }

    #[test]
    fn every_game_has_its_own_save() {
        let dir = tempfile::tempdir().unwrap();
        let mut names = std::collections::BTreeSet::new();
        for (humans, seed, started) in [
            (["atlantis"], 9, 1_000),
            (["borealis"], 9, 1_000),
            (["atlantis"], 10, 1_000),
            (["atlantis"], 9, 1_001),
        ] {
            let mut t = table(seed, &humans);
            t.started = started;
            let r = Resume::of(&t);
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
