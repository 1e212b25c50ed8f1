//! A bounded mutation fuzzer for scenario files. Each input is a shipped scenario with a few
//! mutations; it goes through the checker and, when it loads, a short game, every seat's
//! narration and the debrief. A panic anywhere is caught and its input written out so it can be
//! replayed; an input that runs for more than a minute is written out as a hang.
//!
//! ```text
//! cargo run --release --example fuzz -- --seconds 60 [--seed S] [--threads N] [--out DIR]
//! cargo run --release --example fuzz -- --inputs 100000
//! cargo run --release --example fuzz -- --replay target/fuzz-findings/panic-….ron
//! ```
//!
//! It exits 1 when it found anything, so a CI run fails on a new panic.

mod mutate;
mod pipeline;

use pipeline::{Reached, exercise};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// An input slower than this is reported as a hang and the run stops.
const HANG: Duration = Duration::from_secs(60);

struct Options {
    seconds: Option<u64>,
    inputs: Option<u64>,
    seed: u64,
    threads: usize,
    out: PathBuf,
    corpus: PathBuf,
    replay: Vec<PathBuf>,
}

fn usage() -> ! {
    eprintln!(
        "usage: fuzz [--seconds N] [--inputs N] [--seed S] [--threads N] [--out DIR] \
         [--corpus DIR]\n       fuzz --replay FILE..."
    );
    std::process::exit(2)
}

fn options() -> Options {
    let mut o = Options {
        seconds: None,
        inputs: None,
        seed: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
        threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
        out: PathBuf::from("target/fuzz-findings"),
        corpus: PathBuf::from("scenarios"),
        replay: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        let number = |s: String| s.parse::<u64>().unwrap_or_else(|_| usage());
        match a.as_str() {
            "--seconds" => o.seconds = Some(number(value())),
            "--inputs" => o.inputs = Some(number(value())),
            "--seed" => o.seed = number(value()),
            "--threads" => o.threads = number(value()).max(1) as usize,
            "--out" => o.out = value().into(),
            "--corpus" => o.corpus = value().into(),
            "--replay" => {
                o.replay.push(value().into());
                o.replay.extend(args.by_ref().map(PathBuf::from));
            }
            _ => usage(),
        }
    }
    if o.seconds.is_none() && o.inputs.is_none() {
        o.seconds = Some(60);
    }
    o
}

thread_local! {
    /// The message and place of the last panic on this thread, kept by the hook.
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs one input, turning a panic into its message.
fn run(text: &str, seed: u64) -> Result<Reached, String> {
    std::panic::catch_unwind(|| exercise(text, seed)).map_err(|_| {
        PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "a panic without a message".to_owned())
    })
}

fn main() {
    let o = options();
    std::panic::set_hook(Box::new(|info| {
        let place = info
            .location()
            .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        PANIC.with(|p| *p.borrow_mut() = Some(format!("{place}: {message}")));
    }));
    if !o.replay.is_empty() {
        std::process::exit(replay(&o.replay));
    }
    let corpus = read_corpus(&o.corpus);
    std::process::exit(fuzz(&o, corpus));
}

fn read_corpus(dir: &Path) -> Vec<String> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| {
            eprintln!("cannot read the corpus folder {}: {e}", dir.display());
            std::process::exit(2)
        })
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".ron") && !name.ends_with(".test.ron")
        })
        .collect();
    files.sort();
    let corpus: Vec<String> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect();
    if corpus.is_empty() {
        eprintln!("no scenario files in {}", dir.display());
        std::process::exit(2)
    }
    corpus
}

fn replay(files: &[PathBuf]) -> i32 {
    let mut code = 0;
    for f in files {
        let text = match std::fs::read(f) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("{}: cannot read: {e}", f.display());
                code = 2;
                continue;
            }
        };
        match run(&text, 0) {
            Ok(r) => println!("{}: no panic ({r:?})", f.display()),
            Err(m) => {
                println!("{}: PANIC at {m}", f.display());
                code = 1;
            }
        }
    }
    code
}

/// Counters shared by the workers.
#[derive(Default)]
struct Tally {
    inputs: AtomicU64,
    played: AtomicU64,
    panics: AtomicU64,
    stop: AtomicBool,
    /// The first input found for each place that panicked, by place.
    found: Mutex<BTreeMap<String, PathBuf>>,
}

/// What a worker is running now, for the watchdog.
struct Current {
    since: Mutex<(Instant, String)>,
}

fn fuzz(o: &Options, corpus: Vec<String>) -> i32 {
    let corpus = Arc::new(corpus);
    let tally = Arc::new(Tally::default());
    let deadline = o.seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let per_worker = o.inputs.map(|n| n.div_ceil(o.threads as u64));
    println!(
        "fuzzing {} scenarios with seed {} on {} threads for {}",
        corpus.len(),
        o.seed,
        o.threads,
        match (o.seconds, o.inputs) {
            (Some(s), _) => format!("{s} s"),
            (None, Some(n)) => format!("{n} inputs"),
            (None, None) => unreachable!("a budget is always set"),
        }
    );
    let start = Instant::now();
    let mut currents = Vec::new();
    let workers: Vec<_> = (0..o.threads)
        .map(|w| {
            let current = Arc::new(Current {
                since: Mutex::new((Instant::now(), String::new())),
            });
            currents.push(Arc::clone(&current));
            let (corpus, tally, out) = (Arc::clone(&corpus), Arc::clone(&tally), o.out.clone());
            let seed = o.seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ w as u64;
            std::thread::Builder::new()
                .stack_size(64 << 20)
                .spawn(move || {
                    let mut m = mutate::Mutator::new(seed);
                    let mut done = 0u64;
                    while !tally.stop.load(Ordering::Relaxed)
                        && deadline.is_none_or(|d| Instant::now() < d)
                        && per_worker.is_none_or(|n| done < n)
                    {
                        let text = m.next(&corpus);
                        *current.since.lock().unwrap() = (Instant::now(), text.clone());
                        let game_seed = seed ^ done;
                        match run(&text, game_seed) {
                            Ok(Reached::Played) => {
                                tally.played.fetch_add(1, Ordering::Relaxed);
                            }
                            Ok(Reached::Refused) => {}
                            Err(message) => record(&tally, &out, &text, &message),
                        }
                        done += 1;
                        tally.inputs.fetch_add(1, Ordering::Relaxed);
                    }
                })
                .expect("a worker thread")
        })
        .collect();
    let mut last_report = Instant::now();
    while workers.iter().any(|w| !w.is_finished()) {
        std::thread::sleep(Duration::from_millis(200));
        for c in &currents {
            let (since, text) = &*c.since.lock().unwrap();
            if since.elapsed() > HANG {
                let path = write_finding(&o.out, "hang", text, "ran for more than a minute");
                println!(
                    "HANG: an input ran for more than a minute; written to {}",
                    path.display()
                );
                std::process::exit(1);
            }
        }
        if last_report.elapsed() > Duration::from_secs(10) {
            last_report = Instant::now();
            progress(&tally, start);
        }
    }
    progress(&tally, start);
    let found = tally.found.lock().unwrap();
    for (place, path) in found.iter() {
        println!(
            "PANIC at {place}\n  reproduce: cargo run --example fuzz -- --replay {}",
            path.display()
        );
    }
    i32::from(!found.is_empty())
}

fn progress(t: &Tally, start: Instant) {
    let n = t.inputs.load(Ordering::Relaxed);
    let s = start.elapsed().as_secs_f64();
    println!(
        "{n} inputs in {s:.0} s ({:.0}/s): {} loaded and played, {} panics",
        n as f64 / s.max(1e-9),
        t.played.load(Ordering::Relaxed),
        t.panics.load(Ordering::Relaxed),
    );
}

/// Counts a panic and writes its input out, once per place that panicked.
fn record(t: &Tally, out: &Path, text: &str, message: &str) {
    t.panics.fetch_add(1, Ordering::Relaxed);
    let place = message.split(": ").next().unwrap_or(message).to_owned();
    let mut found = t.found.lock().unwrap();
    if let std::collections::btree_map::Entry::Vacant(slot) = found.entry(place) {
        let path = write_finding(out, "panic", text, message);
        println!("PANIC at {message}\n  input written to {}", path.display());
        slot.insert(path);
    }
}

/// Writes `text` to `out/KIND-HASH.ron` and the message beside it; returns the input's path.
fn write_finding(out: &Path, kind: &str, text: &str, message: &str) -> PathBuf {
    let hash = backchannel::scenario::content_hash(text);
    let path = out.join(format!("{kind}-{hash:016x}.ron"));
    let written = std::fs::create_dir_all(out)
        .and_then(|()| std::fs::write(&path, text))
        .and_then(|()| std::fs::write(path.with_extension("txt"), format!("{message}\n")));
    if let Err(e) = written {
        eprintln!("cannot write the finding to {}: {e}", path.display());
    }
    path
}
