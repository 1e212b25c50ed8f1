//! The diplomat's actions and answers to proposals. Each action spends capital,
//! carries the scenario's escalation weight onto the pair it targets, and sends a signal whose
//! strength depends on how costly and how verifiable it is.

use super::event::{Audience, EventKind, Proposed, SeatMask};
use super::game::emit;
use super::orders::{Action, CoalitionAsk, Measure, NonStateAsk, Tone};
use super::resolve::{Signal, TurnCtx};
use super::state::{GameState, Operation, Proposal};
use crate::ids::*;
use crate::scenario::Scenario;
use crate::scenario::file::{Channel, OpKind};

/// Likelihood ratios of signals (benign vs hostile sender): cheap talk barely moves beliefs,
/// costly signals more (Fearon 1997; Kydd 1997).
const CHEAP_TALK: f64 = 1.1;
const CHANNEL_TALK: f64 = 1.25;
const MEETING: f64 = 1.35;
const TIED_HANDS: f64 = 1.6;
const SUNK_COST: f64 = 3.0;

fn signal(ctx: &mut TurnCtx, from: ActorIx, to: ActorIx, lr: f64, conciliatory: bool) {
    if from != to {
        ctx.signals.push(Signal {
            from,
            to,
            lr,
            conciliatory,
        });
    }
}

/// How well `receiver` can check what `sender` claims about its own services.
pub fn verifiability(state: &GameState, receiver: ActorIx, sender: ActorIx, turn: u32) -> f64 {
    let r = state.relation(receiver, sender);
    let me = &state.actors[receiver.ix()];
    let mut p = 0.15 + 0.35 * me.detection;
    if r.channels.has(Channel::CertToCert) {
        p += 0.3;
    }
    if me.meeting_until[sender.ix()] >= turn {
        p += 0.3;
    }
    p.min(1.0)
}

pub fn apply(
    sc: &Scenario,
    state: &mut GameState,
    ctx: &mut TurnCtx,
    by: ActorIx,
    action: &Action,
) {
    let Some(cost) = sc.action(action.kind()) else {
        return;
    };
    if state.actors[by.ix()].capital < cost.cost {
        return;
    }
    state.actors[by.ix()].capital -= cost.cost;
    let t = ctx.turn;
    if let Some(target) = action.target() {
        ctx.add_weight(by, target, cost.weight);
    }
    let private = |other: ActorIx| Audience::Only(SeatMask::two(by, other));
    let audience = match *action {
        Action::Message { to, tone, evidence } => {
            match tone {
                Tone::Reassure => signal(ctx, by, to, CHEAP_TALK, true),
                Tone::Warn => {
                    let backed = evidence
                        .is_some_and(|i| state.incident(i).is_some_and(|i| i.true_author == to));
                    state.actors[to.ix()].costs_from[by.ix()] += if backed { 0.4 } else { 0.15 };
                    signal(ctx, by, to, CHEAP_TALK, false);
                }
            }
            private(to)
        }
        Action::Demarche { to, incident } => {
            let backed = incident
                .and_then(|i| state.incident(i))
                .is_some_and(|i| i.true_author == to);
            state.actors[to.ix()].costs_from[by.ix()] += if backed { 0.5 } else { 0.25 };
            ctx.pressure[by.ix()] -= 0.03;
            signal(ctx, by, to, CHEAP_TALK, false);
            private(to)
        }
        Action::HotlineCall { to, incident } => {
            hotline(state, ctx, by, to, incident);
            signal(ctx, by, to, CHANNEL_TALK, true);
            signal(ctx, to, by, CHANNEL_TALK, true);
            ctx.add_trust(by, to, 0.03);
            private(to)
        }
        Action::Meeting { with } => {
            state.actors[by.ix()].meeting_until[with.ix()] = t + 3;
            state.actors[with.ix()].meeting_until[by.ix()] = t + 3;
            signal(ctx, by, with, MEETING, true);
            signal(ctx, with, by, CHEAP_TALK, true);
            ctx.add_trust(by, with, 0.05);
            Audience::Public
        }
        Action::ProposeMeasure { to, measure } => {
            propose(state, t, by, to, Proposed::Measure(measure));
            signal(ctx, by, to, CHEAP_TALK, true);
            private(to)
        }
        Action::ProposeAgreement { to, norm } => {
            propose(state, t, by, to, Proposed::Agreement(norm));
            signal(ctx, by, to, CHEAP_TALK, true);
            private(to)
        }
        Action::PublicPledge { norm } => {
            let me = &mut state.actors[by.ix()];
            me.pledges.insert(norm);
            me.reputation = (me.reputation + 0.02).min(1.0);
            for other in sc.actor_ixs() {
                signal(ctx, by, other, TIED_HANDS, true);
            }
            Audience::Public
        }
        Action::RemoveImplants { target } => {
            let owned = |o: &Operation| o.by == by && sc.assets[o.target.ix()].owner == target;
            let removed = state.operations.iter().filter(|o| owned(o)).count()
                + state
                    .implants
                    .iter()
                    .filter(|i| i.by == by && sc.assets[i.asset.ix()].owner == target)
                    .count();
            state.operations.retain(|o| !owned(o));
            state
                .implants
                .retain(|i| !(i.by == by && sc.assets[i.asset.ix()].owner == target));
            // Giving up access is the cost; with nothing to give up the gesture is cheap talk.
            state.actors[by.ix()].gains -= 0.3 * removed as f64;
            let lr = if removed > 0 { SUNK_COST } else { CHANNEL_TALK };
            let lr = super::beliefs::effective_lr(lr, verifiability(state, target, by, t));
            signal(ctx, by, target, lr, true);
            ctx.add_trust(by, target, 0.05);
            private(target)
        }
        Action::PublicAttribution {
            incident,
            accused,
            norm,
        } => {
            attribute(sc, state, ctx, by, incident, accused, norm);
            Audience::Public
        }
        Action::Coalition {
            partner,
            against,
            ask,
        } => coalition(state, ctx, by, partner, against, ask),
        Action::Sanctions { target } => {
            state.actors[target.ix()].costs_from[by.ix()] += 0.8;
            state.actors[target.ix()].damage += 0.3;
            state.actors[by.ix()].damage += 0.1;
            ctx.pressure[target.ix()] += 0.05;
            ctx.pressure[by.ix()] -= 0.1;
            ctx.add_trust(by, target, -0.1);
            signal(ctx, by, target, 1.3, false);
            Audience::Public
        }
        Action::Indictment { target } => {
            state.actors[target.ix()].costs_from[by.ix()] += 0.4;
            let r = &mut state.actors[target.ix()].reputation;
            *r = (*r - 0.03).max(0.0);
            ctx.pressure[by.ix()] -= 0.05;
            signal(ctx, by, target, 1.1, false);
            Audience::Public
        }
        Action::CounterOperation { target, asset } => {
            counter_operation(sc, state, t, by, target, asset);
            ctx.pressure[by.ix()] -= 0.1;
            Audience::Only(SeatMask::one(by))
        }
        Action::CapacityBuilding => {
            state.actors[by.ix()].building += 3;
            Audience::Only(SeatMask::one(by))
        }
        Action::EngageNonState { actor, ask, about } => engage(sc, state, t, by, actor, ask, about),
        Action::Forum { norm, against } => {
            let me = &mut state.actors[by.ix()];
            me.reputation = (me.reputation + 0.02).min(1.0);
            if let Some(c) = against {
                let violated = state.log.iter().any(|e| matches!(e.kind, EventKind::NormViolated { by: v, norm: n, .. } if v == c && n == norm));
                let r = &mut state.actors[c.ix()].reputation;
                *r = (*r - if violated { 0.08 } else { 0.03 }).max(0.0);
                state.actors[c.ix()].costs_from[by.ix()] += 0.2;
            }
            Audience::Public
        }
        Action::Wait => Audience::Only(SeatMask::one(by)),
    };
    emit(
        state,
        t,
        audience,
        EventKind::ActionTaken {
            by,
            action: action.clone(),
        },
    );
}

fn propose(state: &mut GameState, t: u32, by: ActorIx, to: ActorIx, what: Proposed) {
    let id = ProposalId(state.next_proposal);
    state.next_proposal += 1;
    state.proposals.push(Proposal {
        id,
        by,
        to,
        what,
        made: t,
    });
    emit(
        state,
        t,
        Audience::Only(SeatMask::two(by, to)),
        EventKind::ProposalMade {
            proposal: id,
            by,
            to,
            what,
        },
    );
}

/// A hotline call lets the other side explain an incident before it escalates: if it was not
/// theirs, the suspicion weakens; in any case part of the incident's weight is taken back.
fn hotline(
    state: &mut GameState,
    ctx: &TurnCtx,
    by: ActorIx,
    to: ActorIx,
    incident: Option<IncidentId>,
) {
    let Some(id) = incident else { return };
    let t = ctx.turn;
    let Some(inc) = state.incidents.get_mut(id.ix()) else {
        return;
    };
    if inc.lead.actor == to && inc.true_author != to {
        inc.lead.confidence *= 0.5;
        let conf = inc.lead.confidence;
        emit(
            state,
            t,
            Audience::Only(SeatMask::one(by)),
            EventKind::AttributionUpdated {
                incident: id,
                lead: to,
                confidence: conf,
            },
        );
    }
}

fn attribute(
    sc: &Scenario,
    state: &mut GameState,
    ctx: &mut TurnCtx,
    by: ActorIx,
    incident: IncidentId,
    accused: ActorIx,
    norm: NormIx,
) {
    let t = ctx.turn;
    let Some(inc) = state.incidents.get_mut(incident.ix()) else {
        return;
    };
    inc.publicly_attributed = true;
    let right = inc.true_author == accused;
    let confidence = if inc.lead.actor == accused {
        inc.lead.confidence
    } else {
        0.1
    };
    let norm_broken = sc.norms[norm.ix()].violated_by(inc.true_kind, &sc.assets[inc.asset.ix()]);
    if right {
        // Attribution on weak evidence convinces few and stiffens the accused.
        let strength = if confidence >= 0.6 { 1.0 } else { 0.3 };
        let hit = if norm_broken { 0.12 } else { 0.06 };
        let acc = &mut state.actors[accused.ix()];
        acc.reputation = (acc.reputation - hit * strength).max(0.0);
        acc.costs_from[by.ix()] += 0.6 * strength;
        let me = &mut state.actors[by.ix()];
        me.reputation =
            (me.reputation + if confidence >= 0.6 { 0.03 } else { -0.05 }).clamp(0.0, 1.0);
        ctx.pressure[by.ix()] -= 0.1;
        signal(ctx, by, accused, 1.2, false);
    } else {
        let me = &mut state.actors[by.ix()];
        me.reputation = (me.reputation - 0.15).max(0.0);
        ctx.add_weight(by, accused, 6.0);
        ctx.add_trust(by, accused, -0.15);
        signal(ctx, by, accused, 1.6, false);
        // Only the accused knows for certain that it was not the author.
        emit(
            state,
            t,
            Audience::Only(SeatMask::one(accused)),
            EventKind::WrongAttribution {
                by,
                accused,
                incident,
            },
        );
    }
}

fn coalition(
    state: &mut GameState,
    ctx: &mut TurnCtx,
    by: ActorIx,
    partner: ActorIx,
    against: ActorIx,
    ask: CoalitionAsk,
) -> Audience {
    // A partner joins if it trusts the asker and fears the accused.
    let trust = state.relation(by, partner).trust;
    let fear = state.actors[partner.ix()].fear[against.ix()];
    let joins = state.world.chance(0.2 + 0.5 * trust + 0.4 * fear);
    if !joins {
        return Audience::Only(SeatMask::two(by, partner));
    }
    ctx.add_trust(by, partner, 0.05);
    match ask {
        CoalitionAsk::JointAttribution => {
            for inc in state
                .incidents
                .iter_mut()
                .filter(|i| i.victim == by && i.lead.actor == against)
            {
                inc.effort += 0.3;
                inc.shared_with |= 1 << partner.0;
            }
            Audience::Only(SeatMask::two(by, partner))
        }
        CoalitionAsk::Assistance => {
            let me = &mut state.actors[by.ix()];
            me.detection = (me.detection + 0.05).min(0.95);
            me.resilience = (me.resilience + 0.05).min(0.95);
            Audience::Only(SeatMask::two(by, partner))
        }
        CoalitionAsk::JointCosts => {
            let c = &mut state.actors[against.ix()];
            c.costs_from[by.ix()] += 0.5;
            c.costs_from[partner.ix()] += 0.3;
            c.reputation = (c.reputation - 0.03).max(0.0);
            ctx.add_weight(partner, against, 2.0);
            signal(ctx, by, against, 1.2, false);
            Audience::Public
        }
    }
}

fn counter_operation(
    sc: &Scenario,
    state: &mut GameState,
    t: u32,
    by: ActorIx,
    target: ActorIx,
    asset: Option<AssetIx>,
) {
    let best = asset.or_else(|| {
        sc.assets
            .iter()
            .enumerate()
            .filter(|(_, a)| a.owner == target)
            .max_by(|x, y| x.1.criticality.total_cmp(&y.1.criticality))
            .map(|(i, _)| AssetIx::from_ix(i))
    });
    if let Some(asset) = best {
        super::operations::start(state, t, by, asset, OpKind::Disruption, true, None);
    }
}

fn engage(
    sc: &Scenario,
    state: &mut GameState,
    t: u32,
    by: ActorIx,
    actor: ActorIx,
    ask: NonStateAsk,
    about: Option<ActorIx>,
) -> Audience {
    let helper = &sc.actors[actor.ix()];
    match ask {
        NonStateAsk::Attribution => {
            let boost = 0.2 + 0.4 * helper.capabilities.attribution;
            for inc in state
                .incidents
                .iter_mut()
                .filter(|i| i.victim == by && t <= i.detected + 6)
            {
                inc.effort += boost;
            }
        }
        NonStateAsk::Takedown => {
            if let Some(group) = about
                && state.world.chance(0.3 + 0.5 * helper.capabilities.offence)
            {
                state.actors[group.ix()].suppressed_until = t + 3;
            }
        }
        NonStateAsk::ActAgainst => {
            if let Some(group) = about {
                propose(state, t, by, actor, Proposed::ActAgainst(group));
            }
        }
    }
    Audience::Only(SeatMask::two(by, actor))
}

/// `seat` answers a proposal addressed to it.
pub fn answer(
    state: &mut GameState,
    ctx: &mut TurnCtx,
    seat: ActorIx,
    id: ProposalId,
    accept: bool,
) {
    let Some(pos) = state
        .proposals
        .iter()
        .position(|p| p.id == id && p.to == seat)
    else {
        return;
    };
    let p = state.proposals.remove(pos);
    let t = ctx.turn;
    emit(
        state,
        t,
        Audience::Only(SeatMask::two(p.by, p.to)),
        EventKind::ProposalAnswered {
            proposal: id,
            by: seat,
            accepted: accept,
        },
    );
    if !accept {
        signal(ctx, seat, p.by, CHEAP_TALK, false);
        return;
    }
    signal(ctx, seat, p.by, CHANNEL_TALK, true);
    ctx.add_trust(p.by, p.to, 0.08);
    match p.what {
        Proposed::Measure(m) => {
            let rel = state.relation_mut(p.by, p.to);
            let channel = match m {
                Measure::OpenHotline => Some(Channel::Hotline),
                Measure::CertToCert => Some(Channel::CertToCert),
                Measure::NotifyExercises => {
                    rel.exercises_notified = true;
                    None
                }
                Measure::ShareIndicators => {
                    rel.sharing_indicators = true;
                    None
                }
            };
            if let Some(c) = channel
                && !rel.channels.has(c)
            {
                rel.channels.insert(c);
                emit(
                    state,
                    t,
                    Audience::Only(SeatMask::two(p.by, p.to)),
                    EventKind::ChannelOpened {
                        a: p.by,
                        b: p.to,
                        channel: c,
                    },
                );
            }
        }
        Proposed::Agreement(norm) => {
            // Both sides may propose the same norm in one turn: it is signed once.
            if state.relation(p.by, p.to).agreements.has(norm) {
                return;
            }
            state.relation_mut(p.by, p.to).agreements.insert(norm);
            for a in [p.by, p.to] {
                let r = &mut state.actors[a.ix()].reputation;
                *r = (*r + 0.03).min(1.0);
            }
            emit(
                state,
                t,
                Audience::Public,
                EventKind::AgreementSigned {
                    a: p.by,
                    b: p.to,
                    norm,
                },
            );
        }
        Proposed::ActAgainst(group) => {
            state.actors[group.ix()].suppressed_until = t + 4;
            let r = &mut state.actors[seat.ix()].reputation;
            *r = (*r + 0.04).min(1.0);
        }
    }
}
