//! `kill -9` of `play --plain` at random moments never loses a completed turn: every turn whose
//! report was printed is in the autosave, the autosave always verifies, and the temporary files a
//! killed write leaves are swept by the next save. Bounded: a few rounds, each well under a second.

#![cfg(unix)]

use backchannel::autosave::{Resume, read_resume};
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

fn temporaries(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for d in [dir.to_path_buf(), dir.join("saves")] {
        if let Ok(entries) = std::fs::read_dir(d) {
            found.extend(
                entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| n.ends_with(".tmp")),
            );
        }
    }
    found
}

#[test]
fn kill_9_never_loses_a_completed_turn() {
    let bin = env!("CARGO_BIN_EXE_backchannel");
    // Moments to kill at, in milliseconds after the start: spread from the first turn to the end.
    for (round, delay) in [5u64, 30, 60, 90, 140, 220].into_iter().enumerate() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = Command::new(bin)
            .args(["play", "--plain", "--seed", &round.to_string()])
            .env("BACKCHANNEL_DATA", dir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // End every turn, skipping the assessment, as fast as the game reads.
        std::thread::spawn(move || {
            while stdin.write_all(b"6\n2\n").is_ok() {
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        let reports = Arc::new(AtomicUsize::new(0));
        let seen = Arc::clone(&reports);
        let stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if line.starts_with("-- Turn ") && line.ends_with(" report --") {
                    seen.fetch_add(1, Ordering::SeqCst);
                }
            }
        });
        std::thread::sleep(Duration::from_millis(delay));
        // Read what was printed before the kill: everything after it cannot have happened.
        let before = reports.load(Ordering::SeqCst);
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        reader.join().unwrap();
        let path = dir.path().join("autosave.ron");
        if before == 0 && !path.exists() {
            continue;
        }
        let saved = read_resume(&path).expect("the autosave is whole");
        let turns = saved.save.turns.len();
        assert!(
            turns >= before,
            "round {round}: {before} turns reported, {turns} saved"
        );
        saved.restore().expect("the autosave verifies");

        // The next save sweeps whatever the killed write left behind.
        let out = Command::new(bin)
            .args(["play", "--continue", "--plain"])
            .env("BACKCHANNEL_DATA", dir.path())
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            temporaries(dir.path()).is_empty(),
            "{:?}",
            temporaries(dir.path())
        );
        let again = Resume::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(again.save.turns.len(), turns);
    }
}
