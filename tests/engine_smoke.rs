use backchannel::ai::Strategy;
use backchannel::batch;
use backchannel::scenario::{compile, content_hash, ron_options, ScenarioFile};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

#[test]
fn explore() {
    let path = std::env::var("SCN").unwrap_or("tests/fixtures/engine/duel.ron".into());
    let text = std::fs::read_to_string(&path).unwrap();
    let f: ScenarioFile = ron_options().from_str(&text).unwrap();
    let sc = Arc::new(compile(&f, content_hash(&text)).unwrap());
    for strat in [Strategy::Doctrine, Strategy::AlwaysRestrain, Strategy::AlwaysIntensify, Strategy::TitForTat] {
        let mut strategies = vec![Strategy::Doctrine; sc.actors.len()];
        strategies[0] = strat;
        let p = AtomicU64::new(0);
        let r = batch::run(&sc, 300, 1, &strategies, None, 2, &p);
        let fail = r.iter().filter(|g| g.outcome == backchannel::engine::Outcome::Failure).count();
        let settle = r.iter().filter(|g| g.outcome == backchannel::engine::Outcome::Settlement).count();
        let turns: f64 = r.iter().map(|g| g.turns as f64).sum::<f64>() / r.len() as f64;
        let peak: f64 = r.iter().map(|g| g.peak_escalation).sum::<f64>() / r.len() as f64;
        let s0: f64 = r.iter().map(|g| g.scores[0].total).sum::<f64>() / r.len() as f64;
        let s1: f64 = r.iter().map(|g| g.scores[1].total).sum::<f64>() / r.len() as f64;
        println!("{strat}: fail {fail} settle {settle} turns {turns:.1} peak {peak:.1} score north {s0:.1} south {s1:.1}");
    }
}
