//! A workshop on disk: one folder in the data folder's `workshops/`, holding the workshop's
//! manifest (scenario, seed, tables, every join code), one autosave per table, the codes sheet
//! for the instructor to print, and the debriefs exported from it. Every name in it is made
//! here, never taken from a peer. Writes go through one writer thread, so a slow disk never
//! holds up a screen, and each file is replaced atomically.

use super::codes::{Code, Codes, Role};
use crate::autosave::Resume;
use crate::table::Table;
use anyhow::{Context, anyhow, bail};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};

pub const MANIFEST: &str = "workshop.ron";
pub const CODES: &str = "codes.txt";
pub const FORMAT: u32 = 1;

/// A seat's code, as the manifest keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeatCode {
    /// From 1, as the instructor counts.
    pub table: usize,
    pub actor: String,
    pub code: Code,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub format: u32,
    pub scenario_file: String,
    pub seed: u64,
    pub tables: usize,
    /// Seconds each turn is given, if there is a turn timer.
    pub turn_timer: Option<u32>,
    pub started: u64,
    pub facilitator: Code,
    pub seats: Vec<SeatCode>,
}

impl Manifest {
    /// The codes it lists, checked against the scenario's actors.
    pub fn codes(&self, table: &Table) -> anyhow::Result<Codes> {
        let mut codes = Codes::default();
        codes
            .insert(self.facilitator.clone(), Role::Facilitator)
            .map_err(|e| anyhow!(e))?;
        for s in &self.seats {
            let actor = table
                .scenario()
                .actor_ix(&s.actor)
                .ok_or_else(|| anyhow!("the workshop names an unknown seat \"{}\"", s.actor))?;
            if s.table == 0 || s.table > self.tables {
                bail!("the workshop names table {}, of {}", s.table, self.tables);
            }
            codes
                .insert(
                    s.code.clone(),
                    Role::Seat {
                        table: s.table - 1,
                        actor,
                    },
                )
                .map_err(|e| anyhow!(e))?;
        }
        Ok(codes)
    }
}

/// The file of table `k` (from 0).
pub fn table_file(k: usize) -> String {
    format!("table-{}.ron", k + 1)
}

/// Whether `name` is a plain file name this module would make: letters, digits, `-` and `.`,
/// no path. Anything else is refused before it reaches the file system.
fn plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

/// Reads a workshop from its folder (or its manifest): the manifest and every table, each
/// replayed and verified.
pub fn load(path: &Path) -> anyhow::Result<(PathBuf, Manifest, Vec<Table>)> {
    let folder = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let manifest_path = folder.join(MANIFEST);
    let text = crate::cli::files::read_text(&manifest_path)
        .with_context(|| format!("{} is not a workshop's folder", folder.display()))?;
    let manifest: Manifest = ron::Options::default()
        .from_str(&text)
        .with_context(|| format!("{} is not a workshop manifest", manifest_path.display()))?;
    if manifest.format != FORMAT {
        bail!(
            "{} was written by another version of Backchannel (workshop format {}, this one reads {FORMAT})",
            manifest_path.display(),
            manifest.format
        );
    }
    let mut tables = Vec::new();
    for k in 0..manifest.tables {
        let file = folder.join(table_file(k));
        let t = crate::autosave::read_resume(&file)?
            .restore()
            .with_context(|| format!("cannot resume {}", file.display()))?;
        tables.push(t);
    }
    Ok((folder, manifest, tables))
}

/// A file to write: its name inside the workshop's folder, and its text.
pub struct Write {
    pub name: String,
    pub text: String,
}

/// The workshop's folder and the thread that writes into it.
pub struct Store {
    pub folder: PathBuf,
    tx: mpsc::Sender<Job>,
    /// Files whose last write failed, with why: the seats of such a table are told their game
    /// is not saved, rather than trusting a write that never happened.
    failed: Arc<Mutex<BTreeMap<String, String>>>,
}

enum Job {
    Write(Write),
    /// Answered once every write sent before it is done.
    Flush(mpsc::Sender<()>),
}

impl Store {
    /// Creates the folder if needed and starts the writer. Write errors are printed on the
    /// server's terminal, where the instructor sees them.
    pub fn open(folder: PathBuf) -> anyhow::Result<Store> {
        std::fs::create_dir_all(&folder)
            .with_context(|| format!("cannot create {}", folder.display()))?;
        crate::cli::files::sweep_temporaries(&folder);
        let (tx, rx) = mpsc::channel::<Job>();
        let dir = folder.clone();
        let failed = Arc::new(Mutex::new(BTreeMap::new()));
        let failures = Arc::clone(&failed);
        std::thread::spawn(move || {
            while let Ok(job) = rx.recv() {
                // Of several writes of one file waiting, only the last matters.
                let mut batch = vec![job];
                batch.extend(rx.try_iter());
                let mut flushes = Vec::new();
                let mut writes: Vec<Write> = Vec::new();
                for j in batch {
                    match j {
                        Job::Write(w) => {
                            writes.retain(|x| x.name != w.name);
                            writes.push(w);
                        }
                        Job::Flush(done) => flushes.push(done),
                    }
                }
                for w in writes {
                    let result = write_now(&dir, &w);
                    let mut failures = failures.lock().unwrap_or_else(|p| p.into_inner());
                    match result {
                        Ok(()) => {
                            failures.remove(&w.name);
                        }
                        Err(e) => {
                            eprintln!("backchannel serve: NOT SAVED {}: {e:#}", w.name);
                            failures.insert(w.name, format!("{e:#}"));
                        }
                    }
                }
                for f in flushes {
                    let _ = f.send(());
                }
            }
        });
        Ok(Store { folder, tx, failed })
    }

    /// Why the last write of `name` failed, if it did.
    pub fn failure(&self, name: &str) -> Option<String> {
        let failed = self.failed.lock().unwrap_or_else(|p| p.into_inner());
        failed.get(name).cloned()
    }

    pub fn write(&self, name: String, text: String) {
        let _ = self.tx.send(Job::Write(Write { name, text }));
    }

    /// Waits until everything sent so far is on disk.
    pub fn flush(&self) {
        let (done, wait) = mpsc::channel();
        if self.tx.send(Job::Flush(done)).is_ok() {
            let _ = wait.recv();
        }
    }

    /// Writes now, on this thread: the manifest and codes at start, every table at the end.
    pub fn write_now(&self, name: &str, text: &str) -> anyhow::Result<()> {
        let result = write_now(
            &self.folder,
            &Write {
                name: name.into(),
                text: text.into(),
            },
        );
        let mut failed = self.failed.lock().unwrap_or_else(|p| p.into_inner());
        match &result {
            Ok(()) => failed.remove(name),
            Err(e) => failed.insert(name.to_owned(), format!("{e:#}")),
        };
        result
    }
}

fn write_now(dir: &Path, w: &Write) -> anyhow::Result<()> {
    if !plain_name(&w.name) {
        bail!("refusing to write a file named {:?}", w.name);
    }
    let path = dir.join(&w.name);
    crate::cli::files::write_atomic(&path, w.text.as_bytes())
        .with_context(|| format!("cannot write {}", path.display()))
}

/// A table's autosave text.
pub fn table_text(t: &Table) -> String {
    Resume::of(t)
        .to_text()
        .unwrap_or_else(|e| format!("// could not write this table: {e}\n"))
}

pub fn manifest_text(m: &Manifest) -> anyhow::Result<String> {
    let pretty = ron::ser::PrettyConfig::new().struct_names(true);
    Ok(format!(
        "// A Backchannel workshop: `backchannel serve --resume` this folder to carry it on.\n{}\n",
        ron::ser::to_string_pretty(m, pretty)?
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_names_reach_the_disk() {
        for ok in [
            "table-1.ron",
            "class-debrief.md",
            "debrief-table-2-atlantis.md",
        ] {
            assert!(plain_name(ok), "{ok}");
        }
        for bad in ["", "../x", "a/b", ".hidden", "x y", "c:\\w"] {
            assert!(!plain_name(bad), "{bad}");
        }
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().to_path_buf()).unwrap();
        assert!(store.write_now("../escape", "x").is_err());
        store.write("table-1.ron".into(), "one".into());
        store.write("table-1.ron".into(), "two".into());
        store.flush();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("table-1.ron")).unwrap(),
            "two"
        );
        assert!(!dir.path().parent().unwrap().join("escape").exists());
    }
}
