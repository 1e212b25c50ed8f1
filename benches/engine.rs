//! Speed of the engine: one turn of `grid-probe`, and whole games of it, with computer seats.
//! Run with `cargo bench`; criterion prints the time per iteration.

use backchannel::ai::Strategy;
use backchannel::batch;
use backchannel::engine::{Game, TurnOrders};
use backchannel::ids::ActorIx;
use backchannel::scenario::{Scenario, ScenarioFile, compile, content_hash, ron_options};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::sync::Arc;

fn grid_probe() -> Arc<Scenario> {
    let text =
        std::fs::read_to_string("scenarios/grid-probe.ron").expect("run from the package root");
    let file: ScenarioFile = ron_options().from_str(&text).expect("grid-probe parses");
    Arc::new(compile(&file, content_hash(&text)).expect("grid-probe compiles"))
}

/// A game advanced to `turn`, with the orders its computer seats give next.
fn mid_game(sc: &Arc<Scenario>, seed: u64, turn: u32) -> (Game, TurnOrders) {
    let strategies = vec![Strategy::Doctrine; sc.actors.len()];
    let mut g = Game::new(Arc::clone(sc), seed);
    let decide = |g: &mut Game| -> TurnOrders {
        (0..sc.actors.len())
            .map(|a| {
                (
                    ActorIx::from_ix(a),
                    g.decide(ActorIx::from_ix(a), &strategies[a]),
                )
            })
            .collect()
    };
    while g.current_turn() < turn && !g.is_over() {
        let o = decide(&mut g);
        g.resolve(o).expect("computer orders are legal");
    }
    let o = decide(&mut g);
    (g, o)
}

fn benches(c: &mut Criterion) {
    let sc = grid_probe();
    let strategies = vec![Strategy::Doctrine; sc.actors.len()];

    let mut group = c.benchmark_group("turn");
    group.throughput(Throughput::Elements(1));
    group.bench_function("resolve (grid-probe, turn 8)", |b| {
        b.iter_batched(
            || mid_game(&sc, 7, 8),
            |(mut g, o)| black_box(g.resolve(o)).is_ok(),
            BatchSize::SmallInput,
        )
    });
    group.bench_function("decide + resolve (grid-probe, turn 8)", |b| {
        b.iter_batched_ref(
            || mid_game(&sc, 7, 8).0,
            |g| {
                let o: TurnOrders = (0..sc.actors.len())
                    .map(|a| {
                        (
                            ActorIx::from_ix(a),
                            g.decide(ActorIx::from_ix(a), &strategies[a]),
                        )
                    })
                    .collect();
                black_box(g.resolve(o)).is_ok()
            },
            BatchSize::SmallInput,
        )
    });
    group.finish();

    let mut group = c.benchmark_group("game");
    let mut seed = 0;
    group.bench_function("whole game (grid-probe, doctrine seats)", |b| {
        b.iter(|| {
            seed += 1;
            black_box(batch::play(&sc, seed, &strategies).state().turn)
        })
    });
    group.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
