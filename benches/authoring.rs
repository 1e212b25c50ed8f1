//! What an instructor waits for: the checker on a large scenario (grid-probe with 4,000 more
//! assets: as it is, with one comma too many, with a wrong value in every tenth asset), and
//! `balance` with its default number of games on every shipped scenario.
//! `cargo bench --bench authoring`
use backchannel::scenario::load;
use std::time::{Duration, Instant};

fn big(extra: usize) -> String {
    let text = std::fs::read_to_string("scenarios/grid-probe.ron").expect("grid-probe");
    let at = text.find("assets: [").expect("assets") + "assets: [".len();
    let line = "\n        (id: \"bulk-N\", owner: \"atlantis\", name: \"A substation\", layer: Physical, criticality: 0.5),";
    let assets: String = (0..extra)
        .map(|k| line.replace("bulk-N", &format!("bulk-{k}")))
        .collect();
    format!("{}{assets}{}", &text[..at], &text[at..])
}

fn time(name: &str, text: &str) {
    let mut best = Duration::MAX;
    let mut diagnostics = 0;
    for _ in 0..5 {
        let start = Instant::now();
        diagnostics = match load("grid-probe.ron", text) {
            Ok(l) => l.warnings.len(),
            Err(r) => r.diagnostics.len(),
        };
        best = best.min(start.elapsed());
    }
    println!(
        "  {name:<34} {:>8.1} ms  ({diagnostics} diagnostics, {} KB)",
        best.as_secs_f64() * 1e3,
        text.len() / 1024
    );
}

fn main() {
    let ok = big(4_000);
    let at = ok.find("\"bulk-2000\"").expect("asset 2000");
    let comma = at + ok[at..].find("),").expect("its end") + 2;
    let extra_comma = format!("{},{}", &ok[..comma], &ok[comma..]);
    let mut k = 0;
    let wrong: String = ok
        .split_inclusive('\n')
        .map(|l| {
            if l.contains("\"bulk-") {
                k += 1;
                if k % 10 == 0 {
                    return l.replace("criticality: 0.5", "criticality: \"high\"");
                }
            }
            l.to_owned()
        })
        .collect();
    println!("check, best of 5, grid-probe with 4,000 more assets:");
    time("valid", &ok);
    time("one comma too many", &extra_comma);
    time("a wrong value in every tenth asset", &wrong);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("balance, 500 games per role and strategy, {threads} threads:");
    let mut files: Vec<_> = std::fs::read_dir("scenarios")
        .expect("scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "ron") && !backchannel::plan::is_plan_path(p)
        })
        .collect();
    files.sort();
    for f in files {
        let sc = backchannel::autosave::load_scenario(&f).expect("a shipped scenario");
        let start = Instant::now();
        let b = backchannel::balance::run(&sc, 500, 1, threads);
        println!(
            "  {:<34} {:>8.2} s  ({} games, {} flags)",
            sc.id.as_str(),
            start.elapsed().as_secs_f64(),
            b.cells.len() * 500,
            b.flags.len()
        );
    }
}
