//! The scenario's escalation rules: conditions on the state and on what happened this turn, and
//! the effects they apply. Rules see the whole truth (they are the world, not a player).

use super::dice::{Dice, Purpose};
use super::event::{Audience, EventKind, Outcome, Proposed, SeatMask};
use super::game::emit;
use super::operations;
use super::resolve::{TurnCtx, end_game, set_rung};
use super::state::GameState;
use crate::ids::*;
use crate::scenario::Scenario;
use crate::scenario::file::OpKind;
use crate::scenario::model::{Cond, Eff, Happen};

pub fn fire(sc: &Scenario, state: &mut GameState, ctx: &mut TurnCtx) {
    let t = ctx.turn;
    for (i, rule) in sc.rules.iter().enumerate() {
        if state.fired[i] && !rule.repeat {
            continue;
        }
        if !holds(sc, state, t, &rule.when) {
            continue;
        }
        state.fired[i] = true;
        emit(
            state,
            t,
            Audience::Only(SeatMask::NOBODY),
            EventKind::RuleFired {
                rule: RuleIx::from_ix(i),
            },
        );
        for e in &rule.then {
            apply(sc, state, ctx, e);
        }
    }
}

/// Whether `c` holds at the end of turn `t`.
pub fn holds(sc: &Scenario, state: &GameState, t: u32, c: &Cond) -> bool {
    match c {
        Cond::Always => true,
        Cond::All(v) => v.iter().all(|c| holds(sc, state, t, c)),
        Cond::Any(v) => v.iter().any(|c| holds(sc, state, t, c)),
        Cond::Not(c) => !holds(sc, state, t, c),
        Cond::TurnAtLeast(n) => t >= *n,
        Cond::Turn(n) => t == *n,
        Cond::RungAtLeast(r) => state.rung >= *r,
        Cond::Tension(a, b, cmp) => cmp.holds(state.relation(*a, *b).tension),
        Cond::Trust(a, b, cmp) => cmp.holds(state.relation(*a, *b).trust),
        Cond::Fear(a, b, cmp) => cmp.holds(state.actors[a.ix()].fear[b.ix()]),
        Cond::Pressure(a, cmp) => cmp.holds(state.actors[a.ix()].pressure),
        Cond::Reputation(a, cmp) => cmp.holds(state.actors[a.ix()].reputation),
        Cond::Variable(v, cmp) => cmp.holds(state.variables[v.ix()]),
        Cond::Intent(a, i) => state.actors[a.ix()].intent == *i,
        Cond::Agreement(a, b, n) => state.relation(*a, *b).agreements.has(*n),
        Cond::ChannelOpen(a, b, ch) => state.relation(*a, *b).channels.has(*ch),
        Cond::Posture(a, b, p) => state.actors[a.ix()].posture[b.ix()] == *p,
        Cond::MeasureInForce(a, b, m) => state.relation(*a, *b).in_force(*m),
        Cond::Intruded { by, victim, op } => state.incidents.iter().any(|i| {
            by.is_none_or(|b| b == i.true_author)
                && victim.is_none_or(|v| v == i.victim)
                && op.is_none_or(|k| k == i.true_kind)
        }),
        Cond::Chance(p, n) => Dice::derived(state.seed, t, *n, Purpose::Chance).chance(*p),
        Cond::Happened(h) => happened(sc, state, t, h),
    }
}

fn happened(sc: &Scenario, state: &GameState, t: u32, h: &Happen) -> bool {
    let any = |want: Option<ActorIx>, got: ActorIx| want.is_none_or(|w| w == got);
    state
        .log
        .iter()
        .rev()
        .take_while(|e| e.turn >= t)
        .filter(|e| e.turn == t)
        .any(|e| match (h, &e.kind) {
            (
                Happen::IncidentDetected { victim, op, by },
                EventKind::IncidentDetected {
                    incident,
                    victim: v,
                    ..
                },
            ) => {
                let truth = &state.incidents[incident.ix()];
                any(*victim, *v)
                    && op.is_none_or(|k| truth.true_kind == k)
                    && any(*by, truth.true_author)
            }
            (
                Happen::OperationCompleted { by, op },
                EventKind::OperationCompleted { by: b, kind, .. },
            ) => any(*by, *b) && op.is_none_or(|k| k == *kind),
            (
                Happen::ActionTaken { by, kind, target },
                EventKind::ActionTaken { by: b, action },
            ) => {
                any(*by, *b)
                    && action.kind() == *kind
                    && target.is_none_or(|t| action.target() == Some(t))
            }
            (
                Happen::ProposalAccepted { by, from, measure },
                EventKind::ProposalAnswered {
                    proposal,
                    by: b,
                    accepted: true,
                },
            ) => {
                any(*by, *b)
                    && proposal_made(state, *proposal).is_some_and(|(p, what)| {
                        any(*from, p) && measure.is_none_or(|m| what == Proposed::Measure(m))
                    })
            }
            (Happen::AgreementSigned { norm }, EventKind::AgreementSigned { norm: n, .. }) => {
                norm.is_none_or(|x| x == *n)
            }
            (Happen::NormViolated { norm }, EventKind::NormViolated { norm: n, .. }) => {
                norm.is_none_or(|x| x == *n)
            }
            _ => {
                let _ = sc;
                false
            }
        })
}

/// Who made a proposal, and what it offered.
fn proposal_made(state: &GameState, id: ProposalId) -> Option<(ActorIx, Proposed)> {
    state.log.iter().rev().find_map(|e| match e.kind {
        EventKind::ProposalMade {
            proposal, by, what, ..
        } if proposal == id => Some((by, what)),
        _ => None,
    })
}

fn apply(sc: &Scenario, state: &mut GameState, ctx: &mut TurnCtx, e: &Eff) {
    let t = ctx.turn;
    match e {
        Eff::MoveLadder(n) => {
            let to = (state.rung.ix() as i64 + i64::from(*n)).max(0) as usize;
            set_rung(sc, state, t, to);
        }
        Eff::SetRung(r) => set_rung(sc, state, t, r.ix()),
        Eff::AddTension(a, b, by) => {
            let r = state.relation_mut(*a, *b);
            r.tension = (r.tension + by).max(0.0);
        }
        Eff::AddTrust(a, b, by) => {
            let r = state.relation_mut(*a, *b);
            r.trust = (r.trust + by).clamp(0.0, 1.0);
        }
        Eff::AddPressure(a, by) => {
            let p = &mut state.actors[a.ix()].pressure;
            *p = (*p + by).clamp(0.0, 1.0);
        }
        Eff::AddReputation(a, by) => {
            let p = &mut state.actors[a.ix()].reputation;
            *p = (*p + by).clamp(0.0, 1.0);
        }
        Eff::SetVariable(v, x) => state.variables[v.ix()] = *x,
        Eff::AddVariable(v, x) => state.variables[v.ix()] += *x,
        Eff::ShiftIntent(a, to) => {
            let from = state.actors[a.ix()].intent;
            if from != *to {
                state.actors[a.ix()].intent = *to;
                emit(
                    state,
                    t,
                    Audience::Only(SeatMask::NOBODY),
                    EventKind::IntentShifted {
                        actor: *a,
                        from,
                        to: *to,
                    },
                );
            }
        }
        Eff::StartOperation(by, asset, op) => prompt(sc, state, t, *by, *asset, *op, false),
        Eff::OpenChannel(a, b, ch) => {
            let r = state.relation_mut(*a, *b);
            if !r.channels.has(*ch) {
                r.channels.insert(*ch);
                emit(
                    state,
                    t,
                    Audience::Public,
                    EventKind::ChannelOpened {
                        a: *a,
                        b: *b,
                        channel: *ch,
                    },
                );
            }
        }
        Eff::RevealIntrusion(by, asset, op) => prompt(sc, state, t, *by, *asset, *op, true),
        Eff::Inject(i) => send_inject(sc, state, t + 1, *i),
        Eff::EndGame(kind, text) => end_game(state, t, Outcome::from(*kind), text.clone()),
    }
}

/// An operation the scenario prompts, `revealed` if its owner is to find it next turn. A state's
/// services obey its posture even then: what the posture forbids does not happen. An intrusion
/// to reveal that is already there is the one found (restraint starts nothing new, and does not
/// hide what is in place), and one already found is not found twice.
fn prompt(
    sc: &Scenario,
    state: &mut GameState,
    t: u32,
    by: ActorIx,
    asset: AssetIx,
    op: OpKind,
    revealed: bool,
) {
    if revealed {
        if let Some(running) = state
            .operations
            .iter_mut()
            .find(|o| o.by == by && o.target == asset && o.incident.is_none())
        {
            running.revealed = true;
            return;
        }
        if state
            .incidents
            .iter()
            .any(|i| i.true_author == by && i.asset == asset)
        {
            return;
        }
    }
    let owner = sc.assets[asset.ix()].owner;
    let posture = state.actors[by.ix()].posture[owner.ix()];
    if sc.actors[by.ix()].kind.is_state() && !operations::permits(posture, op) {
        return;
    }
    operations::start(state, t, by, asset, op, true, None);
    if let Some(started) = state.operations.last_mut() {
        started.revealed = revealed;
    }
}

/// Sends an inject to its audience, to be read in the briefing of `turn`, if its condition holds
/// at the end of the turn before.
pub fn send_inject(sc: &Scenario, state: &mut GameState, turn: u32, i: InjectIx) {
    let inj = &sc.injects[i.ix()];
    if let Some(c) = &inj.only_if
        && !holds(sc, state, turn.saturating_sub(1), c)
    {
        return;
    }
    let audience = if inj.audience.is_empty() {
        Audience::Public
    } else {
        Audience::Only(
            inj.audience
                .iter()
                .fold(SeatMask::NOBODY, |m, a| m.with(*a)),
        )
    };
    emit(state, turn, audience, EventKind::Inject(i));
}
