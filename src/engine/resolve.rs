//! One turn, phase by phase: orders are read, actions applied, operations run and
//! may be detected, signals and evidence perceived, beliefs and fear updated, tension and the
//! ladder moved, rules fired, end conditions checked, and the next turn's injects sent.

use super::event::{Audience, EventKind, Outcome, SeatMask};
use super::game::{TurnOrders, emit};
use super::orders::{Orders, Posture};
use super::state::{GameState, Seen, TurnRecord, pair_ix};
use super::{actions, operations, perception, rules};
use crate::ids::*;
use crate::scenario::Scenario;

/// A signal in flight from one actor to another, perceived at the end of the turn.
#[derive(Clone, Copy, Debug)]
pub struct Signal {
    pub from: ActorIx,
    pub to: ActorIx,
    pub lr: f64,
    pub conciliatory: bool,
}

/// Scratch for one turn: what accumulates before it is applied all at once.
#[derive(Clone, Debug, Default)]
pub struct TurnCtx {
    pub turn: u32,
    /// Escalation weight observed this turn, per pair.
    pub weight: Vec<f64>,
    /// Change of trust this turn, per pair.
    pub trust: Vec<f64>,
    /// Change of domestic pressure this turn, per actor.
    pub pressure: Vec<f64>,
    pub signals: Vec<Signal>,
    /// Scratch buffers of one belief's length.
    pub buf: Vec<f64>,
    pub buf2: Vec<f64>,
}

impl TurnCtx {
    pub fn add_weight(&mut self, a: ActorIx, b: ActorIx, w: f64) {
        if a != b {
            self.weight[pair_ix(a, b)] += w;
        }
    }
    pub fn add_trust(&mut self, a: ActorIx, b: ActorIx, d: f64) {
        if a != b {
            self.trust[pair_ix(a, b)] += d;
        }
    }
}

/// Sends the injects scheduled for turn 1 and records the opening state.
pub fn initialise(sc: &Scenario, state: &mut GameState) {
    send_scheduled_injects(sc, state, 1);
    state.history.push(snapshot(state));
}

pub fn resolve(sc: &Scenario, state: &mut GameState, orders: &TurnOrders) {
    let n = sc.actors.len();
    let pairs = state.relations.len();
    let t = state.turn + 1;
    // The scratch buffers live in the state between turns, so a turn allocates nothing for them.
    let mut ctx = std::mem::take(&mut state.scratch);
    ctx.turn = t;
    for (v, len) in [
        (&mut ctx.weight, pairs),
        (&mut ctx.trust, pairs),
        (&mut ctx.pressure, n),
        (&mut ctx.buf, sc.intents.len()),
        (&mut ctx.buf2, sc.intents.len()),
    ] {
        v.clear();
        v.resize(len, 0.0);
    }
    ctx.signals.clear();
    for a in &mut state.actors {
        a.seen.iter_mut().for_each(|s| *s = Seen::default());
    }

    for (seat, o) in orders {
        read_orders(sc, state, &mut ctx, *seat, o);
    }
    for (seat, o) in orders {
        for action in &o.actions {
            actions::apply(sc, state, &mut ctx, *seat, action);
        }
    }
    operations::run(sc, state, &mut ctx);
    operations::investigate(sc, state, &mut ctx);
    perception::observe_postures(sc, state, &mut ctx);
    perception::deliver_signals(sc, state, &mut ctx);
    score_postures(sc, state);
    perception::update_fear(sc, state, &mut ctx);
    update_relations(sc, state, &ctx);
    update_pressure(sc, state, &ctx);
    move_ladder(sc, state, t);
    rules::fire(sc, state, &mut ctx);
    check_end(sc, state, t);
    housekeeping(sc, state, t);
    state.turn = t;
    if state.outcome.is_none() {
        send_scheduled_injects(sc, state, t + 1);
    }
    state.history.push(snapshot(state));
    state.scratch = ctx;
}

fn read_orders(sc: &Scenario, state: &mut GameState, ctx: &mut TurnCtx, seat: ActorIx, o: &Orders) {
    let t = ctx.turn;
    for a in &o.assessments {
        state.actors[seat.ix()].assessments.push((t, a.clone()));
    }
    for note in &o.notes {
        emit(
            state,
            t,
            Audience::Only(SeatMask::one(seat)),
            EventKind::Decision {
                by: seat,
                note: note.clone(),
            },
        );
    }
    for r in &o.responses {
        actions::answer(state, ctx, seat, r.proposal, r.accept);
    }
    let noise = sc.model.implementation_noise;
    for &(toward, chosen) in &o.postures {
        let mut posture = chosen;
        let misfired = state.world.chance(noise);
        if misfired {
            // The services do something other than what was ordered (Axelrod's noise).
            posture = match chosen {
                Posture::Intensify => Posture::Restrain,
                Posture::Restrain | Posture::Routine => Posture::Intensify,
            };
        }
        state.actors[seat.ix()].posture[toward.ix()] = posture;
        emit(
            state,
            t,
            Audience::Only(SeatMask::one(seat)),
            EventKind::PostureSet {
                by: seat,
                toward,
                posture,
                misfired,
            },
        );
    }
}

/// Cooperation level of a posture for the payoff table.
fn cooperation(p: Posture) -> f64 {
    match p {
        Posture::Restrain => 1.0,
        Posture::Routine => 0.5,
        Posture::Intensify => 0.0,
    }
}

/// Prisoner's-dilemma points for every pair of states, from the postures they held.
fn score_postures(sc: &Scenario, state: &mut GameState) {
    let p = sc.payoffs;
    let n = sc.actors.len();
    for a in 0..n {
        if !sc.actors[a].kind.is_state() {
            continue;
        }
        for b in 0..n {
            if a == b || !sc.actors[b].kind.is_state() {
                continue;
            }
            let ca = cooperation(state.actors[a].posture[b]);
            let cb = cooperation(state.actors[b].posture[a]);
            let points = ca * cb * p.mutual_restraint
                + ca * (1.0 - cb) * p.sucker
                + (1.0 - ca) * cb * p.temptation
                + (1.0 - ca) * (1.0 - cb) * p.mutual_intensify;
            state.actors[a].payoff += points;
        }
    }
}

fn update_relations(sc: &Scenario, state: &mut GameState, ctx: &TurnCtx) {
    let decay = sc.model.tension_decay;
    for (i, r) in state.relations.iter_mut().enumerate() {
        r.tension = (decay * r.tension + ctx.weight[i]).max(0.0);
        r.trust = (r.trust + ctx.trust[i]).clamp(0.0, 1.0);
    }
}

fn update_pressure(sc: &Scenario, state: &mut GameState, ctx: &TurnCtx) {
    let n = sc.actors.len();
    for a in 0..n {
        let worst = (0..n)
            .filter(|&b| b != a)
            .map(|b| state.relations[pair_ix(ActorIx::from_ix(a), ActorIx::from_ix(b))].tension)
            .fold(0.0, f64::max);
        let base = sc.actors[a].pressure;
        let s = &mut state.actors[a];
        s.pressure =
            (0.8 * s.pressure + 0.2 * base + ctx.pressure[a] + 0.002 * worst).clamp(0.0, 1.0);
    }
}

/// The escalation index: the worst tension between two states, or between any two actors in a
/// scenario without two states.
pub fn escalation_index(sc: &Scenario, state: &GameState) -> f64 {
    escalation_of(sc, |p| state.relations[p].tension)
}

/// The escalation index from the tension of each pair, by `pair_ix`.
pub fn escalation_of(sc: &Scenario, tension: impl Fn(usize) -> f64) -> f64 {
    let n = sc.actors.len();
    let mut states = 0.0_f64;
    let mut any_states = false;
    let mut all = 0.0_f64;
    for a in 0..n {
        for b in a + 1..n {
            let t = tension(pair_ix(ActorIx::from_ix(a), ActorIx::from_ix(b)));
            all = all.max(t);
            if sc.actors[a].kind.is_state() && sc.actors[b].kind.is_state() {
                any_states = true;
                states = states.max(t);
            }
        }
    }
    if any_states { states } else { all }
}

/// The ladder climbs or falls one rung per turn toward the highest rung whose threshold the
/// escalation index has passed.
fn move_ladder(sc: &Scenario, state: &mut GameState, t: u32) {
    let index = escalation_index(sc, state);
    state.escalation = index;
    let target = sc
        .ladder
        .iter()
        .rposition(|r| index >= r.threshold)
        .unwrap_or(0);
    let current = state.rung.ix();
    let next = match target.cmp(&current) {
        std::cmp::Ordering::Greater => current + 1,
        std::cmp::Ordering::Less => current - 1,
        std::cmp::Ordering::Equal => current,
    };
    set_rung(sc, state, t, next);
}

pub fn set_rung(sc: &Scenario, state: &mut GameState, t: u32, to: usize) {
    let to = RungIx::from_ix(to.min(sc.ladder.len() - 1));
    if to != state.rung {
        emit(
            state,
            t,
            Audience::Public,
            EventKind::LadderMoved {
                from: state.rung,
                to,
            },
        );
        state.rung = to;
        state.peak_rung = state.peak_rung.max(to);
    }
}

pub fn end_game(state: &mut GameState, t: u32, outcome: Outcome, text: String) {
    if state.outcome.is_none() {
        state.outcome = Some(outcome);
        emit(
            state,
            t,
            Audience::Public,
            EventKind::GameEnded { outcome, text },
        );
    }
}

fn check_end(sc: &Scenario, state: &mut GameState, t: u32) {
    if state.outcome.is_some() {
        return;
    }
    if state.rung == sc.top_rung() {
        let rung = &sc.ladder[state.rung.ix()];
        end_game(
            state,
            t,
            Outcome::Failure,
            format!("The crisis reached the top of the ladder: {}.", rung.name),
        );
        return;
    }
    for s in &sc.settlements {
        if t >= s.after_turn && rules::holds(sc, state, t, &s.when) {
            end_game(
                state,
                t,
                Outcome::Settlement,
                format!("{}: {}", s.name, s.text),
            );
            return;
        }
    }
    if t >= sc.turn_limit {
        end_game(
            state,
            t,
            Outcome::TurnLimit,
            "The turn limit was reached with the crisis still managed.".into(),
        );
    }
}

fn housekeeping(sc: &Scenario, state: &mut GameState, t: u32) {
    for (a, s) in state.actors.iter_mut().enumerate() {
        let base = sc.actors[a].capital;
        // Unspent capital carries over, up to one turn's worth; saturating, as a scenario may
        // grant a capital near `u32::MAX`.
        s.capital = base.saturating_add(s.capital.min(base));
        s.costs_from.iter_mut().for_each(|c| *c *= 0.7);
        if s.building > 0 {
            s.building -= 1;
            s.detection = (s.detection + 0.03).min(0.95);
            s.resilience = (s.resilience + 0.03).min(0.95);
        }
    }
    // An unanswered proposal lapses after the turn in which it could have been answered.
    state.proposals.retain(|p| p.made + 1 > t);
}

fn send_scheduled_injects(sc: &Scenario, state: &mut GameState, turn: u32) {
    for (i, inj) in sc.injects.iter().enumerate() {
        if inj.at_turn == Some(turn) {
            rules::send_inject(sc, state, turn, InjectIx::from_ix(i));
        }
    }
}

fn snapshot(state: &GameState) -> TurnRecord {
    TurnRecord {
        turn: state.turn,
        rung: state.rung,
        escalation: state.escalation,
        tension: state.relations.iter().map(|r| r.tension).collect(),
        beliefs: state
            .actors
            .iter()
            .flat_map(|a| a.beliefs.iter().copied())
            .collect(),
        intents: state.actors.iter().map(|a| a.intent).collect(),
    }
}
