//! Plays many games of a scenario on one thread; for profiling the engine.
//! `cargo run --release --example profile_games -- scenarios/grid-probe.ron 2000`
fn main() {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "scenarios/grid-probe.ron".into());
    let games: u64 = args.next().and_then(|s| s.parse().ok()).unwrap_or(2000);
    let text = std::fs::read_to_string(&path).expect("scenario file");
    let file: backchannel::scenario::ScenarioFile = backchannel::scenario::ron_options()
        .from_str(&text)
        .expect("parses");
    let sc = std::sync::Arc::new(backchannel::scenario::compile(&file, 0).expect("compiles"));
    let strategies = vec![backchannel::ai::Strategy::Doctrine; sc.actors.len()];
    let start = std::time::Instant::now();
    let mut turns = 0u64;
    for seed in 0..games {
        turns += u64::from(
            backchannel::batch::play(&sc, seed, &strategies)
                .state()
                .turn,
        );
    }
    let s = start.elapsed().as_secs_f64();
    println!(
        "{games} games, {turns} turns, {s:.3} s, {:.0} turns/s",
        turns as f64 / s
    );
}
