use backchannel::ai::Strategy;
use backchannel::batch;
use backchannel::scenario::{ScenarioFile, compile, content_hash, ron_options};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

#[test]
fn explore() {
    let path = std::env::var("SCN").unwrap_or("tests/fixtures/engine/duel.ron".into());
    let text = std::fs::read_to_string(&path).unwrap();
    let f: ScenarioFile = ron_options().from_str(&text).unwrap();
    let sc = Arc::new(compile(&f, content_hash(&text)).unwrap());
    for strat in [
        Strategy::Doctrine,
        Strategy::AlwaysRestrain,
        Strategy::AlwaysIntensify,
        Strategy::TitForTat,
    ] {
        let mut strategies = vec![Strategy::Doctrine; sc.actors.len()];
        strategies[0] = strat;
        let p = AtomicU64::new(0);
        let r = batch::run(&sc, 300, 1, &strategies, None, 2, &p);
        let fail = r
            .iter()
            .filter(|g| g.outcome == backchannel::engine::Outcome::Failure)
            .count();
        let settle = r
            .iter()
            .filter(|g| g.outcome == backchannel::engine::Outcome::Settlement)
            .count();
        let turns: f64 = r.iter().map(|g| g.turns as f64).sum::<f64>() / r.len() as f64;
        let peak: f64 = r.iter().map(|g| g.peak_escalation).sum::<f64>() / r.len() as f64;
        let s0: f64 = r.iter().map(|g| g.scores[0].total).sum::<f64>() / r.len() as f64;
        let s1: f64 = r.iter().map(|g| g.scores[1].total).sum::<f64>() / r.len() as f64;
        println!(
            "{strat}: fail {fail} settle {settle} turns {turns:.1} peak {peak:.1} score north {s0:.1} south {s1:.1}"
        );
    }
}

#[test]
fn trace() {
    let path = std::env::var("SCN").unwrap_or("tests/fixtures/engine/duel.ron".into());
    let text = std::fs::read_to_string(&path).unwrap();
    let f: ScenarioFile = ron_options().from_str(&text).unwrap();
    let sc = Arc::new(compile(&f, content_hash(&text)).unwrap());
    let seed: u64 = std::env::var("SEED")
        .map(|s| s.parse().unwrap())
        .unwrap_or(1);
    let a0: Strategy = std::env::var("S0")
        .map(|s| s.parse().unwrap())
        .unwrap_or(Strategy::Doctrine);
    let mut strategies = vec![Strategy::Doctrine; sc.actors.len()];
    strategies[0] = a0;
    let mut g = backchannel::engine::Game::new(sc.clone(), seed);
    let st = g.state();
    println!(
        "intents: {:?}",
        st.actors
            .iter()
            .map(|a| sc.intents[a.intent.ix()].id.to_string())
            .collect::<Vec<_>>()
    );
    while !g.is_over() {
        let orders: Vec<_> = (0..sc.actors.len())
            .map(|a| {
                let a = backchannel::ids::ActorIx::from_ix(a);
                (a, g.decide(a, &strategies[a.ix()]))
            })
            .collect();
        let acts: Vec<String> = orders
            .iter()
            .flat_map(|(a, o)| {
                o.actions
                    .iter()
                    .map(move |x| format!("{}:{:?}", a.0, x.kind()))
            })
            .collect();
        let range = g.resolve(orders).unwrap();
        let st = g.state();
        let r = st.relation(backchannel::ids::ActorIx(0), backchannel::ids::ActorIx(1));
        let inc = st.log[range]
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    backchannel::engine::EventKind::IncidentDetected { .. }
                )
            })
            .count();
        println!(
            "t{:2} rung {} T {:5.1} trust {:.2} fear01 {:.2} fear10 {:.2} post {:?}/{:?} int {}/{} inc {} P {:.2}/{:.2} {}",
            st.turn,
            st.rung.0,
            r.tension,
            r.trust,
            st.actors[0].fear[1],
            st.actors[1].fear[0],
            st.actors[0].posture[1],
            st.actors[1].posture[0],
            sc.intents[st.actors[0].intent.ix()].id,
            sc.intents[st.actors[1].intent.ix()].id,
            inc,
            st.actors[0].pressure,
            st.actors[1].pressure,
            acts.join(" ")
        );
    }
    println!("{:?}", g.state().outcome);
}
