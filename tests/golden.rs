//! A fixed game must come out the same on every machine and after every dependency upgrade: a
//! change of these hashes means old saves no longer replay. Change them only on purpose, with the
//! engine change that explains it.

mod common;

use backchannel::ai::Strategy;
use backchannel::batch;

fn final_hash(path: &str, seed: u64) -> (u64, u32) {
    let sc = common::scenario(path);
    let g = batch::play(&sc, seed, &vec![Strategy::Doctrine; sc.actors.len()]);
    (g.state().hash(), g.state().turn)
}

#[test]
fn fixed_games_keep_their_final_hash() {
    let got = [
        final_hash("tests/fixtures/engine/duel.ron", 42),
        final_hash("tests/fixtures/engine/duel.ron", 7),
    ];
    assert_eq!(
        got, GOLDEN,
        "the engine's results changed; if on purpose, update GOLDEN"
    );
}

// Changed when computer states began to use the rest of the toolkit (attribution help, pledges,
// forums, coalitions, requests to host states). Saves still replay: they record every seat's
// orders, computer seats' included.
const GOLDEN: [(u64, u32); 2] = [(8105373370312022451, 12), (7982643181912525284, 12)];
