//! The engine, scenario loading and computer counterparts are pure: no terminal, files, network,
//! clock, threads, environment, printing or unordered hashing, so every front end can drive them
//! and every run repeats. This test reads their source and refuses any such dependency.

use std::path::Path;

const PURE: [&str; 3] = ["src/engine", "src/scenario", "src/ai"];

const FORBIDDEN: [&str; 16] = [
    "ratatui",
    "crossterm",
    "std::fs",
    "std::io",
    "std::net",
    "std::time",
    "std::thread",
    "std::env",
    "std::process",
    "println!",
    "eprintln!",
    "HashMap",
    "HashSet",
    "rand::rng",
    "thread_rng",
    "SystemTime",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn pure_modules_use_no_io_terminal_clock_or_hashing() {
    let mut files = Vec::new();
    PURE.iter()
        .for_each(|d| rust_files(Path::new(d), &mut files));
    assert!(files.len() > 10, "the pure modules were not found");
    let mut offences = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in FORBIDDEN {
                if code.contains(word) {
                    offences.push(format!(
                        "{}:{}: {word}: {}",
                        f.display(),
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        offences.is_empty(),
        "pure modules reach outside:\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_check_catches_what_it_should() {
    // The scanner itself must see a forbidden use, or the test above proves nothing.
    let sample = "use std::fs::read;\nlet x = 1; // std::io in a comment is fine";
    let hits: Vec<&str> = sample
        .lines()
        .filter(|l| {
            FORBIDDEN
                .iter()
                .any(|w| l.split("//").next().unwrap_or("").contains(w))
        })
        .collect();
    assert_eq!(hits, ["use std::fs::read;"]);
}
