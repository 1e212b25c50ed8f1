//! Files at the edge: reading saves and the scenarios they name, and writing reports atomically,
//! so an interrupted write never leaves a half-written file where a good one stood.

use crate::save::Save;
use crate::scenario::Scenario;
use anyhow::{Context, anyhow};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `contents` to `path` atomically: into a temporary file in the same directory, flushed
/// to disk, then renamed over `path`. If anything fails, `path` keeps its old contents (or stays
/// absent) and the temporary file is removed.
pub fn write_atomic(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(contents))
}

/// Removes the temporary files `write_atomic` leaves in `dir` when a process dies mid-write
/// (killed with `kill -9`, say): those of processes no longer running, or, where that cannot be
/// told, older than an hour. Another live process's file is never touched.
pub fn sweep_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = temporary_pid(&name.to_string_lossy()) else {
            continue;
        };
        if pid == std::process::id() {
            continue;
        }
        let gone = if cfg!(target_os = "linux") {
            !Path::new("/proc").join(pid.to_string()).exists()
        } else {
            e.metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3_600)
        };
        if gone {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// The process id in a temporary file's name `.NAME.PID-N.tmp`.
fn temporary_pid(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tail) = rest.rsplit_once('.')?;
    let (pid, n) = tail.split_once('-')?;
    n.parse::<u64>().ok()?;
    pid.parse().ok()
}

/// As `write_atomic`, with the contents produced by `fill` writing into the temporary file.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"))?;
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(
        ".{}.{}-{n}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        if let Ok(meta) = fs::metadata(path) {
            // Keep the permissions of the file being replaced.
            f.set_permissions(meta.permissions())?;
        }
        fill(&mut f)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
        return result;
    }
    // Make the rename itself durable where the platform allows syncing a directory.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Refuses an output path that would lose something: an existing file unless `force`, and never
/// a symbolic link, FIFO, device or folder (replacing one could write where the user did not
/// mean, or block for ever).
pub fn check_output(path: &Path, force: bool) -> anyhow::Result<()> {
    let Ok(meta) = fs::symlink_metadata(path) else {
        return Ok(());
    };
    let kind = meta.file_type();
    if kind.is_symlink() {
        return Err(anyhow!(
            "{} is a symbolic link; refusing to replace it: write to another path",
            path.display()
        ));
    }
    if !kind.is_file() {
        return Err(anyhow!(
            "{} is not a regular file ({}); refusing to replace it: write to another path",
            path.display(),
            describe(&meta)
        ));
    }
    if !force {
        return Err(anyhow!(
            "{} already exists; nothing was written. Add --force to replace it, or write to another path",
            path.display()
        ));
    }
    Ok(())
}

/// Refuses an input that is not a regular file: reading a FIFO or a device can block for ever
/// or never end.
pub fn check_input(path: &Path) -> anyhow::Result<()> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => Err(anyhow!(
            "{} is not a regular file ({}); give the path of a file",
            path.display(),
            describe(&meta)
        )),
        _ => Ok(()),
    }
}

/// Reads a text input, refusing FIFOs and devices first (see `check_input`).
pub fn read_text(path: &Path) -> anyhow::Result<String> {
    check_input(path)?;
    let bytes = fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    String::from_utf8(bytes).map_err(|e| not_text(path, e.as_bytes(), e.utf8_error().valid_up_to()))
}

/// Why `bytes` are no text: a binary file, or the first byte that is not UTF-8, by line and
/// column, so an author can find it.
fn not_text(path: &Path, bytes: &[u8], at: usize) -> anyhow::Error {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return anyhow::anyhow!(
            "{} is a binary file, not text: Backchannel reads scenarios, plans and saves written as text",
            path.display()
        );
    }
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    anyhow::anyhow!(
        "{}:{line}:{col}: the byte 0x{:02X} is not UTF-8 text\n  = help: save the file as UTF-8 in your editor (it may have been saved as Latin-1 or Windows-1252)",
        path.display(),
        bytes[at]
    )
}

fn describe(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Prints a refusal and gives exit code 1: the input was read but cannot be used.
pub fn refuse(e: &anyhow::Error) -> ExitCode {
    eprintln!("error: {e:#}");
    ExitCode::FAILURE
}

/// Writes a report to standard output; a reader that stops early (a pager, `head`) is no error.
pub fn print(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        r => r,
    }
}

/// Reads and parses a save file.
/// A save, or the game's own autosave (which wraps a save with what the console needs to resume).
pub fn read_save(path: &Path) -> anyhow::Result<Save> {
    read_save_and_humans(path).map(|(save, _)| save)
}

/// A save and, when it is the game's own autosave, the ids of the seats people played.
pub fn read_save_and_humans(path: &Path) -> anyhow::Result<(Save, Vec<String>)> {
    check_input(path)?;
    let text = fs::read_to_string(path)
        .with_context(|| format!("cannot read the save {}", path.display()))?;
    match Save::parse(&text) {
        Ok(save) => Ok((save, Vec::new())),
        Err(e) => match crate::autosave::Resume::parse(&text) {
            Ok(resume) => Ok((resume.save, resume.humans)),
            Err(_) => Err(anyhow!("{}: {e}", path.display())),
        },
    }
}

/// The scenario a save was played with: `explicit` if given, else the text the save carries,
/// else (saves written before they carried it) `scenarios/<id>.ron` under the current directory.
pub fn scenario_for(save: &Save, explicit: Option<&Path>) -> anyhow::Result<Arc<Scenario>> {
    let path = match (explicit, &save.scenario_text) {
        (Some(p), _) => p.to_path_buf(),
        (None, Some(text)) => {
            let name = format!("the scenario saved with this game ({})", save.scenario_id);
            return match crate::scenario::load(&name, text) {
                Ok(loaded) => Ok(Arc::new(loaded.scenario)),
                Err(report) => Err(anyhow!("{name} cannot be played:\n\n{report}")),
            };
        }
        (None, None) => {
            let p = Path::new("scenarios").join(format!("{}.ron", save.scenario_id));
            if !p.is_file() {
                return Err(anyhow!(
                    "cannot find the scenario \"{}\" this save was played with: looked for {}; give its file with --scenario FILE",
                    save.scenario_id,
                    p.display()
                ));
            }
            p
        }
    };
    super::load::scenario(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn a_file_that_is_not_utf8_names_the_byte_and_a_binary_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let latin = dir.path().join("latin.ron");
        fs::write(&latin, b"(format: 1,\n  title: \"Caf\xe9\",\n)").unwrap();
        let e = format!("{:#}", read_text(&latin).unwrap_err());
        assert!(
            e.contains("latin.ron:2:14: the byte 0xE9 is not UTF-8 text"),
            "{e}"
        );
        let binary = dir.path().join("game.ron");
        fs::write(&binary, b"\x7fELF\x02\x01\x00\x00\xff").unwrap();
        let e = format!("{:#}", read_text(&binary).unwrap_err());
        assert!(e.contains("is a binary file, not text"), "{e}");
    }

    #[test]
    fn temporaries_of_dead_processes_are_swept_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        // No process has this id on Linux (ids stop well below it).
        let dead = dir.path().join(".autosave.ron.4000000000-0.tmp");
        let mine = dir
            .path()
            .join(format!(".autosave.ron.{}-3.tmp", std::process::id()));
        let other = dir.path().join("notes.tmp");
        for f in [&dead, &mine, &other] {
            fs::write(f, "x").unwrap();
        }
        sweep_temporaries(dir.path());
        assert_eq!(dead.exists(), !cfg!(target_os = "linux"));
        assert!(mine.exists() && other.exists());
        assert_eq!(temporary_pid(".a.b.ron.12-7.tmp"), Some(12));
        assert_eq!(temporary_pid(".a.ron.x-7.tmp"), None);
    }

    #[test]
    fn writes_a_new_file_and_replaces_an_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("game.save");
        write_atomic(&path, b"first").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"first");
        write_atomic(&path, b"second, longer").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second, longer");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("game.save");
        fs::write(&path, b"the good save").unwrap();
        let err = write_atomic_with(&path, |f| {
            f.write_all(b"half a sa")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read(&path).unwrap(), b"the good save");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_rename_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        // A non-empty directory cannot be replaced by a file.
        let path = dir.path().join("occupied");
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), b"x").unwrap();
        assert!(write_atomic(&path, b"data").is_err());
        assert!(path.join("inside").is_file());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_directory_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no-such-dir").join("game.save");
        assert!(write_atomic(&path, b"data").is_err());
        assert!(!path.exists());
    }
}
