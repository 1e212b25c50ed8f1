//! The ground truths of the design brief (GAME.md §9), checked over fixed seeds and a few hundred
//! games each. They are statistical claims, so each compares two populations of games; the seeds
//! are fixed, so the comparison is the same on every run.

mod common;

use backchannel::ai::Strategy;
use backchannel::batch::{self, GameSummary};
use backchannel::engine::Outcome;
use backchannel::ids::{ActorIx, IntentIx};
use backchannel::scenario::Scenario;
use backchannel::scenario::file::{ActionKind, Channel};
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

const GAMES: u64 = 400;

fn run(
    sc: &Arc<Scenario>,
    strategies: &[Strategy],
    noise: Option<f64>,
    seed: u64,
) -> Vec<GameSummary> {
    batch::run(sc, GAMES, seed, strategies, noise, 2, &AtomicU64::new(0))
}

fn failure_rate(games: &[GameSummary]) -> f64 {
    games
        .iter()
        .filter(|g| g.outcome == Outcome::Failure)
        .count() as f64
        / games.len() as f64
}

fn mean(games: &[GameSummary], f: impl Fn(&GameSummary) -> f64) -> f64 {
    games.iter().map(f).sum::<f64>() / games.len() as f64
}

fn intent(sc: &Scenario, id: &str) -> IntentIx {
    IntentIx::from_ix(
        sc.intents
            .iter()
            .position(|i| i.id.as_str() == id)
            .unwrap_or_else(|| panic!("no intent {id}")),
    )
}

/// Makes an actor's hidden intent certain; what the others believe at the start is unchanged.
fn force_intent(sc: &mut Scenario, actor: &str, intent_id: &str) {
    let i = intent(sc, intent_id);
    let a = sc.actor_ix(actor).unwrap();
    let weights = &mut sc.actors[a.ix()].weights;
    weights
        .iter_mut()
        .enumerate()
        .for_each(|(j, p)| *p = if j == i.ix() { 1.0 } else { 0.0 });
}

fn set_channels(sc: &mut Scenario, a: &str, b: &str, channels: &[Channel]) {
    let (a, b) = (sc.actor_ix(a).unwrap(), sc.actor_ix(b).unwrap());
    let rel = sc
        .relations
        .iter_mut()
        .find(|r| (r.a, r.b) == (a, b) || (r.a, r.b) == (b, a))
        .expect("relation");
    rel.channels = Default::default();
    channels.iter().for_each(|c| rel.channels.insert(*c));
}

/// Two security-seekers, no channels, noisy attribution: the spiral happens, though neither
/// wants it; with a hotline and face-to-face meetings it happens far less often.
#[test]
fn channels_check_the_spiral_between_security_seekers() {
    let base = common::scenario("scenarios/grid-probe.ron");
    let mut without = (*base).clone();
    force_intent(&mut without, "atlantis", "security-seeker");
    force_intent(&mut without, "borealis", "security-seeker");
    let mut with = without.clone();
    set_channels(&mut without, "atlantis", "borealis", &[Channel::Embassy]);
    for k in [
        ActionKind::HotlineCall,
        ActionKind::Meeting,
        ActionKind::ProposeMeasure,
    ] {
        without.actions[k.ix()] = None;
    }
    set_channels(
        &mut with,
        "atlantis",
        "borealis",
        &[Channel::Embassy, Channel::Hotline],
    );
    let strategies = vec![Strategy::Doctrine; base.actors.len()];
    let without = run(&Arc::new(without), &strategies, None, 11);
    let with = run(&Arc::new(with), &strategies, None, 11);
    let (fw, fc) = (failure_rate(&without), failure_rate(&with));
    let (pw, pc) = (
        mean(&without, |g| g.peak_escalation),
        mean(&with, |g| g.peak_escalation),
    );
    println!(
        "no channels: failure {fw:.3}, peak {pw:.1}; hotline and meetings: failure {fc:.3}, peak {pc:.1}"
    );
    assert!(
        fw > 0.0,
        "security-seekers without channels never spiralled"
    );
    assert!(
        fc < fw * 0.7,
        "channels did not cut the spiral: {fc} vs {fw}"
    );
    assert!(
        pc < pw,
        "channels did not lower peak escalation: {pc} vs {pw}"
    );
}

/// Under noise, two tit-for-tat players fall into mutual retaliation; two generous ones far less.
#[test]
fn generosity_survives_noise_better_than_tit_for_tat() {
    let sc = common::scenario("scenarios/classroom-dilemma.ron");
    let n = sc.actors.len();
    let tft = run(&sc, &vec![Strategy::TitForTat; n], Some(0.05), 21);
    let gtft = run(&sc, &vec![Strategy::GenerousTitForTat; n], Some(0.05), 21);
    let (ft, fg) = (failure_rate(&tft), failure_rate(&gtft));
    let (pt, pg) = (
        mean(&tft, |g| g.peak_rung.ix() as f64),
        mean(&gtft, |g| g.peak_rung.ix() as f64),
    );
    println!(
        "tit-for-tat: failure {ft:.3}, peak rung {pt:.2}; generous: failure {fg:.3}, peak rung {pg:.2}"
    );
    assert!(
        ft > fg,
        "tit-for-tat should end in conflict more often: {ft} vs {fg}"
    );
    assert!(pt > pg);
    // And in points, as in the tournament literature.
    let a = ActorIx(0);
    let pts_t = mean(&tft, |g| g.scores[a.ix()].interest);
    let pts_g = mean(&gtft, |g| g.scores[a.ix()].interest);
    assert!(
        pts_g > pts_t,
        "generous players should earn more together: {pts_g} vs {pts_t}"
    );
}

/// A revisionist exploits unconditional restraint: it gains more against always-restrain than
/// against tit-for-tat.
#[test]
fn a_revisionist_exploits_unconditional_restraint() {
    let mut sc = (*common::scenario("scenarios/grid-probe.ron")).clone();
    force_intent(&mut sc, "borealis", "revisionist");
    let sc = Arc::new(sc);
    let atlantis = sc.actor_ix("atlantis").unwrap();
    let borealis = sc.actor_ix("borealis").unwrap();
    let mut strategies = vec![Strategy::Doctrine; sc.actors.len()];
    strategies[atlantis.ix()] = Strategy::AlwaysRestrain;
    let appeased = run(&sc, &strategies, None, 31);
    strategies[atlantis.ix()] = Strategy::TitForTat;
    let reciprocated = run(&sc, &strategies, None, 31);
    let gain_a = mean(&appeased, |g| g.scores[borealis.ix()].interest);
    let gain_t = mean(&reciprocated, |g| g.scores[borealis.ix()].interest);
    println!(
        "revisionist's interest: against always-restrain {gain_a:.3}, against tit-for-tat {gain_t:.3}"
    );
    assert!(gain_a > gain_t);
}

/// Good diplomacy wins the flagship more often than either naïve extreme.
#[test]
fn the_flagship_rewards_diplomacy_over_both_extremes() {
    let sc = common::scenario("scenarios/grid-probe.ron");
    let atlantis = sc.actor_ix("atlantis").unwrap();
    let score = |s: Strategy| {
        let mut strategies = vec![Strategy::Doctrine; sc.actors.len()];
        strategies[atlantis.ix()] = s;
        let games = run(&sc, &strategies, None, 41);
        (
            mean(&games, |g| g.scores[atlantis.ix()].total),
            failure_rate(&games),
        )
    };
    let (diplomat, fd) = score(Strategy::Diplomat);
    let (hawk, fh) = score(Strategy::AlwaysIntensify);
    let (dove, _) = score(Strategy::AlwaysRestrain);
    println!(
        "atlantis score: diplomat {diplomat:.1} (failure {fd:.3}), always-intensify {hawk:.1} (failure {fh:.3}), always-restrain {dove:.1}"
    );
    assert!(diplomat > hawk + 10.0 && diplomat > dove + 10.0);
    // The hawk's services collect and pre-position but disrupt only on an explicit
    // counter-operation order, which always-intensify never gives: it spirals into conflict
    // less often than when intensify let units disrupt on their own (then above 10%).
    assert!(fh > 0.05 && fd < fh / 4.0);
}

/// War never ties with peace: in every shipped scenario and role, every game that ended on the
/// top rung scores below every game of that role that avoided it.
#[test]
fn a_failure_scores_below_every_game_that_avoided_it() {
    use backchannel::engine::Outcome;
    for path in common::SHIPPED {
        let sc = common::scenario(path);
        for &role in &sc.playable {
            let (mut worst_peace, mut best_war) = (f64::INFINITY, f64::NEG_INFINITY);
            for strategy in [
                Strategy::AlwaysIntensify,
                Strategy::AlwaysRestrain,
                Strategy::Diplomat,
            ] {
                let mut strategies = vec![Strategy::Doctrine; sc.actors.len()];
                strategies[role.ix()] = strategy;
                for seed in 0..40 {
                    let g = backchannel::batch::play(&sc, seed, &strategies);
                    let total = backchannel::engine::score::score(&sc, g.state(), role).total;
                    if g.state().outcome == Some(Outcome::Failure) {
                        best_war = best_war.max(total);
                    } else {
                        worst_peace = worst_peace.min(total);
                    }
                }
            }
            assert!(
                best_war < worst_peace,
                "{path} {role:?}: war {best_war:.1} vs peace {worst_peace:.1}"
            );
        }
    }
}
