//! Operations of the actors' services: launched according to posture and hidden intent, run over
//! turns, detected according to dwell time, and turned into incidents whose indicators and
//! attribution the victim reads — ambiguously, and sometimes wrongly.

use super::beliefs;
use super::event::{Audience, EventKind, SeatMask};
use super::game::emit;
use super::orders::Posture;
use super::resolve::TurnCtx;
use super::state::{GameState, Implant, Incident, Operation, Suspect};
use crate::ids::*;
use crate::scenario::Scenario;
use crate::scenario::file::{ActorKind, Layer, OpKind};

/// Whether an actor of this kind runs operations at all.
fn operates(kind: ActorKind) -> bool {
    matches!(
        kind,
        ActorKind::State | ActorKind::CriminalGroup | ActorKind::Hacktivist
    )
}

/// Turns an operation of each kind runs before it completes.
fn duration(kind: OpKind) -> (u32, u32) {
    match kind {
        OpKind::Reconnaissance => (1, 2),
        OpKind::Espionage => (2, 4),
        OpKind::PrePositioning => (3, 5),
        OpKind::Disruption => (1, 2),
        OpKind::Degeneration => (2, 3),
        OpKind::Disinformation => (2, 3),
    }
}

/// How much each kind of operation prefers each layer (physical, logic, data, social).
fn affinity(kind: OpKind, layer: Layer) -> f64 {
    use Layer::*;
    use OpKind::*;
    match (kind, layer) {
        (Disinformation, Social) => 1.0,
        (Disinformation, _) => 0.0,
        (Reconnaissance, _) => 1.0,
        (Espionage, Data) => 3.0,
        (Espionage, Social) => 0.5,
        (Espionage, _) => 1.0,
        (PrePositioning | Disruption | Degeneration, Physical | Logic) => 3.0,
        (PrePositioning | Disruption | Degeneration, Data) => 1.0,
        (PrePositioning | Disruption | Degeneration, Social) => 0.2,
    }
}

/// Escalation weight of an intrusion its victim finds: 4 to 12 by the asset's criticality
///; destructive effects weigh far more.
pub fn intrusion_weight(criticality: f64) -> f64 {
    4.0 + 8.0 * criticality
}

pub fn start(
    state: &mut GameState,
    t: u32,
    by: ActorIx,
    target: AssetIx,
    kind: OpKind,
    noisy: bool,
    false_flag: Option<ActorIx>,
) {
    let (lo, hi) = duration(kind);
    let turns_left = state.world.between(lo, hi);
    let id = OperationId(state.next_op);
    state.next_op += 1;
    state.operations.push(Operation {
        id,
        by,
        target,
        kind,
        started: t,
        turns_left,
        noisy,
        false_flag,
        incident: None,
        revealed: false,
    });
    emit(
        state,
        t,
        Audience::Only(SeatMask::one(by)),
        EventKind::OperationStarted {
            op: id,
            by,
            target,
            kind,
        },
    );
}

pub fn run(sc: &Scenario, state: &mut GameState, ctx: &mut TurnCtx) {
    launch(sc, state, ctx.turn);
    progress(sc, state, ctx);
}

fn launch(sc: &Scenario, state: &mut GameState, t: u32) {
    let m = &sc.model;
    let n = sc.actors.len();
    let mut weights = Vec::with_capacity(sc.assets.len());
    let mut kind_weights = Vec::with_capacity(OpKind::ALL.len());
    for a in 0..n {
        let actor = &sc.actors[a];
        if !operates(actor.kind) {
            continue;
        }
        let by = ActorIx::from_ix(a);
        let intent = &sc.intents[state.actors[a].intent.ix()];
        let suppressed = state.actors[a].suppressed_until >= t;
        for b in 0..n {
            let target = ActorIx::from_ix(b);
            // Nobody runs operations against its own side.
            if sc.same_side(by, target) {
                continue;
            }
            let mut posture = state.actors[a].posture[b];
            // A surrogate follows its sponsor's lead against the sponsor's rivals.
            if let Some(s) = actor.sponsor
                && state.actors[s.ix()].posture[b] == Posture::Intensify
            {
                posture = Posture::Intensify;
            }
            // A state's posture binds its services: restrain starts nothing (but for a unit that
            // exceeds its orders, at the scenario's implementation noise), routine collects,
            // intensify also pre-positions. Disruptive kinds come only from an explicit
            // counter-operation order. Non-state actors follow their own intent.
            let bound = actor.kind.is_state();
            let mut misfire = false;
            let mut p = match posture {
                Posture::Restrain if bound => {
                    misfire = true;
                    m.implementation_noise
                }
                Posture::Restrain => m.launch_restrain,
                Posture::Routine => m.launch_routine,
                Posture::Intensify => m.launch_intensify,
            };
            if suppressed {
                p *= 0.2;
            }
            if !state.world.chance(p) {
                continue;
            }
            kind_weights.clear();
            kind_weights.extend(OpKind::ALL.iter().zip(&intent.operations).map(|(k, w)| {
                if !bound || permits(posture, *k) || (misfire && permits(Posture::Routine, *k)) {
                    *w
                } else {
                    0.0
                }
            }));
            if kind_weights.iter().all(|w| *w <= 0.0) {
                continue;
            }
            let kind = OpKind::ALL[state.world.weighted(&kind_weights)];
            weights.clear();
            weights.extend(sc.assets.iter().map(|asset| {
                if asset.owner == target {
                    affinity(kind, asset.layer) * (0.3 + asset.criticality)
                } else {
                    0.0
                }
            }));
            if weights.iter().all(|w| *w <= 0.0) {
                continue;
            }
            let asset = AssetIx::from_ix(state.world.weighted(&weights));
            let noisy_share = if actor.kind == ActorKind::CriminalGroup {
                0.8
            } else {
                m.noisy_share
            };
            let noisy = state.world.chance(noisy_share);
            // States sometimes dress an operation up as the work of a criminal group.
            let false_flag = if actor.kind.is_state() && state.world.chance(0.25 * intent.hostility)
            {
                sc.actors
                    .iter()
                    .position(|g| g.kind == ActorKind::CriminalGroup && g.sponsor != Some(target))
                    .map(ActorIx::from_ix)
                    .filter(|g| *g != by)
            } else {
                None
            };
            start(state, t, by, asset, kind, noisy, false_flag);
            if misfire {
                let op = OperationId(state.next_op - 1);
                emit(
                    state,
                    t,
                    Audience::Only(SeatMask::one(by)),
                    EventKind::OperationMisfired {
                        op,
                        by,
                        toward: target,
                        kind,
                    },
                );
            }
        }
    }
}

/// Whether a posture lets a state's services start an operation of this kind on their own.
pub fn permits(posture: Posture, kind: OpKind) -> bool {
    match posture {
        Posture::Restrain => false,
        Posture::Routine => matches!(kind, OpKind::Reconnaissance | OpKind::Espionage),
        Posture::Intensify => matches!(
            kind,
            OpKind::Reconnaissance | OpKind::Espionage | OpKind::PrePositioning
        ),
    }
}

fn progress(sc: &Scenario, state: &mut GameState, ctx: &mut TurnCtx) {
    let days = f64::from(sc.days_per_turn);
    let mut i = 0;
    while i < state.operations.len() {
        let op = state.operations[i].clone();
        let asset = &sc.assets[op.target.ix()];
        let victim = asset.owner;
        let mut evicted = false;
        if op.incident.is_none() {
            let dwell = if op.noisy {
                sc.model.noisy_dwell_days
            } else {
                sc.model.stealthy_dwell_days
            };
            let offence = sc.actors[op.by.ix()].capabilities.offence;
            let detection = state.actors[victim.ix()].detection;
            let median = dwell * (0.5 + offence) / (0.5 + detection);
            let p = 1.0 - libm::exp2(-days / median);
            if op.revealed || state.world.chance(p) {
                let id = detect(sc, state, ctx, &op);
                state.operations[i].incident = Some(id);
                // Espionage and implants found are cleaned out; a disruption already under way runs.
                evicted = !matches!(
                    op.kind,
                    OpKind::Disruption | OpKind::Degeneration | OpKind::Disinformation
                );
            }
        }
        if evicted {
            state.operations.remove(i);
            continue;
        }
        state.operations[i].turns_left -= 1;
        if state.operations[i].turns_left == 0 {
            let op = state.operations.remove(i);
            complete(sc, state, ctx, op);
            continue;
        }
        i += 1;
    }
}

fn complete(sc: &Scenario, state: &mut GameState, ctx: &mut TurnCtx, op: Operation) {
    let t = ctx.turn;
    let asset = &sc.assets[op.target.ix()];
    let victim = asset.owner;
    let crit = asset.criticality;
    let hurt = crit * (1.0 - state.actors[victim.ix()].resilience);
    let by = op.by.ix();
    let mut found = op.incident;
    let visible = match op.kind {
        OpKind::Reconnaissance => {
            state.actors[by].gains += 0.1 * crit;
            false
        }
        OpKind::Espionage => {
            state.actors[by].gains += 0.5 * crit;
            state.actors[victim.ix()].damage += 0.3 * crit;
            false
        }
        OpKind::PrePositioning => {
            state.actors[by].gains += 0.2 * crit;
            state.implants.push(Implant {
                by: op.by,
                asset: op.target,
                since: t,
            });
            false
        }
        OpKind::Disruption => {
            state.actors[victim.ix()].damage += hurt;
            ctx.pressure[victim.ix()] += 0.15 * crit;
            true
        }
        OpKind::Degeneration => {
            state.actors[victim.ix()].damage += 2.0 * hurt;
            ctx.pressure[victim.ix()] += 0.25 * crit;
            true
        }
        OpKind::Disinformation => {
            ctx.pressure[victim.ix()] += 0.08;
            let r = &mut state.actors[victim.ix()].reputation;
            *r = (*r - 0.02).max(0.0);
            true
        }
    };
    if visible {
        let severity = if op.kind == OpKind::Degeneration {
            2.0 * hurt
        } else {
            hurt
        };
        emit(
            state,
            t,
            Audience::Public,
            EventKind::Damage {
                asset: op.target,
                kind: op.kind,
                severity,
            },
        );
        // Destructive effects cannot be missed: an undetected author is now investigated.
        let incident = match op.incident {
            Some(i) => i,
            None => detect(sc, state, ctx, &op),
        };
        found = Some(incident);
        let lead = state.incidents[incident.ix()].lead;
        let weight = match op.kind {
            OpKind::Degeneration => 28.0,
            OpKind::Disruption => 12.0 + 8.0 * crit,
            _ => 4.0,
        };
        ctx.add_weight(victim, lead.actor, weight * lead.confidence.max(0.5));
    }
    let detected = found.is_some();
    emit(
        state,
        t,
        Audience::Only(SeatMask::one(op.by)),
        EventKind::OperationCompleted {
            op: op.id,
            by: op.by,
            target: op.target,
            kind: op.kind,
            detected,
        },
    );
}

/// The victim finds the operation: indicators are drawn from the scenario's tables and read
/// through perception noise, a lead suspect is named (rightly or not), and beliefs move.
fn detect(sc: &Scenario, state: &mut GameState, ctx: &mut TurnCtx, op: &Operation) -> IncidentId {
    let t = ctx.turn;
    let asset = &sc.assets[op.target.ix()];
    let victim = asset.owner;
    let v = &state.actors[victim.ix()];
    let noise = sc.model.perception_noise * (1.0 - 0.5 * v.detection);
    let attribution = sc.actors[victim.ix()].capabilities.attribution;
    let mut indicators = Vec::new();
    let mut forensic = Vec::new();
    for (j, ind) in sc.indicators.iter().enumerate() {
        let shows = state.world.chance(ind.likelihood[op.kind.ix()]);
        let seen = shows != state.world.chance(noise);
        if seen {
            let j = IndicatorIx::from_ix(j);
            if ind.forensic {
                forensic.push(j)
            } else {
                indicators.push(j)
            }
        }
    }
    let lead_actor = suspect(sc, state, op, victim, attribution);
    let c_max = sc.model.attribution_max * (0.7 + 0.3 * attribution);
    let confidence = c_max * (1.0 - libm::exp(-1.0 / sc.model.attribution_tau));
    let id = IncidentId(state.incidents.len() as u32);
    let shared = {
        let rel_share = sc
            .actor_ixs()
            .filter(|&o| o != victim && state.relation(victim, o).sharing_indicators);
        rel_share.fold(0u64, |m, o| m | (1 << o.0))
    };
    state.incidents.push(Incident {
        id,
        detected: t,
        victim,
        asset: op.target,
        indicators,
        forensic,
        forensic_due: t + if attribution >= 0.5 { 1 } else { 2 },
        lead: Suspect {
            actor: lead_actor,
            confidence,
        },
        shared_with: shared,
        effort: 0.0,
        publicly_attributed: false,
        applied: vec![1.0; sc.intents.len()],
        applied_to: lead_actor,
        true_author: op.by,
        true_kind: op.kind,
        op: op.id,
    });
    let audience = Audience::Only(SeatMask(shared).with(victim));
    emit(
        state,
        t,
        audience,
        EventKind::IncidentDetected {
            incident: id,
            victim,
            asset: op.target,
            lead: lead_actor,
            confidence,
        },
    );
    reweigh(sc, state, ctx, id, false);
    state.actors[victim.ix()].seen[lead_actor.ix()].hostile += confidence;
    ctx.add_weight(
        victim,
        lead_actor,
        intrusion_weight(asset.criticality) * confidence.max(0.6),
    );
    ctx.add_trust(victim, lead_actor, -0.05);
    ctx.pressure[victim.ix()] += 0.01 + 0.03 * asset.criticality;
    check_norms(sc, state, t, id);
    id
}

/// Who the victim's investigators first blame: the author, its sponsor, the group a false flag
/// points at, or some other actor that runs operations.
fn suspect(
    sc: &Scenario,
    state: &mut GameState,
    op: &Operation,
    victim: ActorIx,
    attribution: f64,
) -> ActorIx {
    if let Some(flag) = op.false_flag
        && !sc.same_side(flag, victim)
        && state.world.chance(0.7 - 0.4 * attribution)
    {
        return flag;
    }
    if let Some(sponsor) = sc.actors[op.by.ix()].sponsor
        && !sc.same_side(sponsor, victim)
        && state.world.chance(0.35)
    {
        return sponsor;
    }
    // An author of the victim's own side (only a scenario's rule can make one) is not suspected
    // first: investigators look outward.
    let outside = !sc.same_side(op.by, victim);
    if outside && state.world.chance(0.55 + 0.4 * attribution) {
        return op.by;
    }
    let others: Vec<f64> = sc
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let i = ActorIx::from_ix(i);
            if !sc.same_side(i, victim) && i != op.by && operates(a.kind) {
                1.0
            } else {
                0.0
            }
        })
        .collect();
    if others.iter().all(|w| *w == 0.0) {
        return op.by;
    }
    ActorIx::from_ix(state.world.weighted(&others))
}

/// Investigations continue after detection: confidence grows, a wrong lead may be corrected,
/// and forensic indicators come in.
pub fn investigate(sc: &Scenario, state: &mut GameState, ctx: &mut TurnCtx) {
    let t = ctx.turn;
    for i in 0..state.incidents.len() {
        let inc = &state.incidents[i];
        if inc.detected == t || t > inc.detected + 6 {
            continue;
        }
        let id = inc.id;
        let victim = inc.victim;
        let attribution = sc.actors[victim.ix()].capabilities.attribution;
        let age = f64::from(t - inc.detected + 1);
        let c_max = sc.model.attribution_max * (0.7 + 0.3 * attribution);
        let mut changed = false;
        if inc.lead.actor != inc.true_author
            && state
                .world
                .chance((0.1 + 0.2 * attribution + 0.3 * inc.effort).min(0.9))
        {
            let inc = &mut state.incidents[i];
            inc.lead = Suspect {
                actor: inc.true_author,
                confidence: c_max * (1.0 - libm::exp(-1.0 / sc.model.attribution_tau)),
            };
            changed = true;
        } else {
            let inc = &mut state.incidents[i];
            inc.lead.confidence =
                c_max * (1.0 - libm::exp(-age * (1.0 + inc.effort) / sc.model.attribution_tau));
        }
        let forensics = state.incidents[i].forensic_due == t;
        if forensics {
            let inc = &mut state.incidents[i];
            let f = std::mem::take(&mut inc.forensic);
            inc.indicators.extend(f);
            emit(
                state,
                t,
                Audience::Only(SeatMask::one(victim)),
                EventKind::ForensicsComplete { incident: id },
            );
        }
        let inc = &state.incidents[i];
        let (lead, confidence) = (inc.lead.actor, inc.lead.confidence);
        emit(
            state,
            t,
            Audience::Only(SeatMask::one(victim)),
            EventKind::AttributionUpdated {
                incident: id,
                lead,
                confidence,
            },
        );
        if changed || forensics {
            reweigh(sc, state, ctx, id, forensics);
        }
        if changed {
            check_norms(sc, state, t, id);
        }
    }
}

/// Replaces the belief factor an incident contributed about its lead suspect with one built from
/// all the evidence now in hand (clearing a suspect who is no longer the lead).
fn reweigh(
    sc: &Scenario,
    state: &mut GameState,
    ctx: &mut TurnCtx,
    id: IncidentId,
    forensics_in: bool,
) {
    let k = sc.intents.len();
    let GameState {
        actors,
        incidents,
        intrusion_rate,
        ..
    } = state;
    let inc = &incidents[id.ix()];
    let victim = inc.victim;
    let noise = sc.model.perception_noise * (1.0 - 0.5 * actors[victim.ix()].detection);
    let e = beliefs::evidence(sc, &inc.indicators, ctx.turn >= inc.forensic_due, noise);
    beliefs::over_intents(sc, &e, &mut ctx.buf);
    ctx.buf
        .iter_mut()
        .zip(intrusion_rate.iter())
        .for_each(|(l, r)| *l *= r);
    let lead = inc.lead;
    let start = lead.actor.ix() * k;
    let os = inc.applied_to.ix() * k;
    let beliefs_of_victim = &mut actors[victim.ix()].beliefs;
    beliefs::attributed(
        &ctx.buf,
        &beliefs_of_victim[start..start + k],
        lead.confidence,
        &mut ctx.buf2,
    );
    beliefs::withdraw(&mut beliefs_of_victim[os..os + k], &inc.applied);
    beliefs::update(&mut beliefs_of_victim[start..start + k], &ctx.buf2);
    let inc = &mut state.incidents[id.ix()];
    inc.applied.copy_from_slice(&ctx.buf2);
    inc.applied_to = lead.actor;
    // Diagnostic evidence of attack preparation weighs more than a mere intrusion.
    if forensics_in {
        let prep = e[OpKind::PrePositioning.ix()]
            .max(e[OpKind::Disruption.ix()])
            .max(e[OpKind::Degeneration.ix()]);
        let spy = e[OpKind::Espionage.ix()]
            .max(e[OpKind::Reconnaissance.ix()])
            .max(1e-12);
        if prep / spy > 2.0 {
            ctx.add_weight(victim, lead.actor, 4.0 * lead.confidence);
        }
    }
}

/// A detected operation that breaks a norm its author agreed to with the victim, or pledged,
/// is a broken promise once the victim's investigators name the right author.
fn check_norms(sc: &Scenario, state: &mut GameState, t: u32, id: IncidentId) {
    let inc = &state.incidents[id.ix()];
    if inc.lead.actor != inc.true_author {
        return;
    }
    let (by, victim) = (inc.true_author, inc.victim);
    let asset = &sc.assets[inc.asset.ix()];
    let kind = inc.true_kind;
    let promised = state.relation(by, victim).agreements.0 | state.actors[by.ix()].pledges.0;
    for (n, norm) in sc.norms.iter().enumerate() {
        let norm_ix = NormIx::from_ix(n);
        if promised & (1 << n) != 0 && norm.violated_by(kind, asset) {
            let already = state.log.iter().any(|e| matches!(e.kind, EventKind::NormViolated { incident, norm: m, .. } if incident == id && m == norm_ix));
            if already {
                continue;
            }
            let rel = state.relation_mut(by, victim);
            rel.broken_promises += 1;
            rel.trust = (rel.trust - 0.2).max(0.0);
            let r = &mut state.actors[by.ix()].reputation;
            *r = (*r - 0.05).max(0.0);
            emit(
                state,
                t,
                Audience::Only(SeatMask::one(victim)),
                EventKind::NormViolated {
                    by,
                    victim,
                    norm: norm_ix,
                    incident: id,
                },
            );
        }
    }
}
