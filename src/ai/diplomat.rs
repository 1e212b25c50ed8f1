//! The scripted good diplomat: what the game teaches, played as a strategy so that batch runs
//! can show a scenario is winnable by good diplomacy. It restrains its own services and makes the
//! restraint verifiable, opens channels early, clarifies incidents over the hotline before they
//! escalate, works toward agreements, separates a state from the criminals it tolerates, and
//! imposes measured, well-founded costs on an actor it has good reason to think hostile.

use crate::engine::dice::Dice;
use crate::engine::event::{EventKind, Proposed};
use crate::engine::orders::{
    Action, Assessment, CoalitionAsk, Measure, NonStateAsk, Note, Orders, Posture, Reason, Response,
};
use crate::engine::view::SeatView;
use crate::ids::*;
use crate::scenario::file::{ActionKind, ActorKind, Channel};

/// Belief that an actor is hostile above which the diplomat imposes costs.
const HOSTILE: f64 = 0.6;
/// Attribution confidence below which it will not accuse anyone in public.
const PUBLIC_CONFIDENCE: f64 = 0.75;

pub fn decide(view: &SeatView<'_>, _dice: &mut Dice) -> Orders {
    let sc = view.scenario();
    let me = view.seat();
    // A security firm that can help with attribution and takedowns, if the scenario has one.
    let firm = view
        .others()
        .find(|o| sc.actor(*o).kind == ActorKind::Company);
    let mut orders = Orders::default();
    let mut capital = view.capital();
    let mut act = |orders: &mut Orders, action: Action, about: Option<ActorIx>, reason: Reason| {
        let Some(cost) = sc.action(action.kind()) else {
            return false;
        };
        if cost.cost > capital {
            return false;
        }
        capital -= cost.cost;
        orders.actions.push(action);
        orders.notes.push(Note { about, reason });
        true
    };
    for p in view.proposals_to_me() {
        orders.responses.push(Response {
            proposal: p.id,
            accept: true,
        });
        orders.notes.push(Note {
            about: Some(p.by),
            reason: Reason::Stabilise,
        });
    }
    let states: Vec<ActorIx> = view
        .others()
        .filter(|o| sc.actor(*o).kind.is_state())
        .collect();
    let proposed = |to: ActorIx, what: Proposed| {
        view.events().any(|e| matches!(e.kind, EventKind::ProposalMade { by, to: t, what: w, .. } if by == me && t == to && w == what))
    };
    for &other in &states {
        let hostile = view.hostile_belief(other);
        let rel = view.relation(other);
        let posture = if hostile > 0.85 {
            Posture::Routine
        } else {
            Posture::Restrain
        };
        orders.postures.push((other, posture));
        if posture != view.posture(other) || view.turns_played() == 0 {
            orders.notes.push(Note {
                about: Some(other),
                reason: Reason::Reassured { hostile },
            });
        }
        orders.assessments.push(Assessment {
            of: other,
            probs: view.belief(other).to_vec(),
        });
        let fresh = view
            .incidents()
            .find(|i| i.victim == me && i.lead.actor == other && i.detected + 1 >= view.turn());
        if rel.channels.has(Channel::Hotline) {
            if fresh.is_some() || rel.tension > 15.0 {
                act(
                    &mut orders,
                    Action::HotlineCall {
                        to: other,
                        incident: fresh.map(|i| i.id),
                    },
                    Some(other),
                    Reason::Deescalate {
                        tension: rel.tension,
                    },
                );
            }
        } else if !proposed(other, Proposed::Measure(Measure::OpenHotline))
            || view.turn().is_multiple_of(3)
        {
            act(
                &mut orders,
                Action::ProposeMeasure {
                    to: other,
                    measure: Measure::OpenHotline,
                },
                Some(other),
                Reason::Stabilise,
            );
        }
        if view.turns_played() == 0 || rel.tension > 25.0 {
            act(
                &mut orders,
                Action::Meeting { with: other },
                Some(other),
                Reason::Deescalate {
                    tension: rel.tension,
                },
            );
        }
        for m in [Measure::CertToCert, Measure::NotifyExercises] {
            let done = match m {
                Measure::CertToCert => rel.channels.has(Channel::CertToCert),
                _ => rel.exercises_notified,
            };
            if !done
                && !proposed(other, Proposed::Measure(m))
                && act(
                    &mut orders,
                    Action::ProposeMeasure {
                        to: other,
                        measure: m,
                    },
                    Some(other),
                    Reason::Stabilise,
                )
            {
                break;
            }
        }
        if let Some(norm) = (0..sc.norms.len())
            .map(NormIx::from_ix)
            .find(|n| !rel.agreements.has(*n))
            && (!proposed(other, Proposed::Agreement(norm)) || view.turn().is_multiple_of(2))
        {
            act(
                &mut orders,
                Action::ProposeAgreement { to: other, norm },
                Some(other),
                Reason::Stabilise,
            );
        }
        // Costs only on good evidence: a hostile reading and a well-attributed incident.
        if hostile > HOSTILE
            && let Some(i) = view.incidents().find(|i| {
                i.victim == me && i.lead.actor == other && i.lead.confidence >= PUBLIC_CONFIDENCE
            })
        {
            let broken = (0..sc.norms.len()).map(NormIx::from_ix).find(|n| {
                let norm = &sc.norms[n.ix()];
                norm.forbids.iter().any(|_| true)
                    && norm
                        .protects
                        .iter()
                        .any(|p| sc.assets[i.asset.ix()].protected.contains(p))
            });
            if !i.publicly_attributed
                && let Some(norm) = broken
            {
                act(
                    &mut orders,
                    Action::PublicAttribution {
                        incident: i.id,
                        accused: other,
                        norm,
                    },
                    Some(other),
                    Reason::Retaliate {
                        confidence: i.lead.confidence,
                    },
                );
            }
            let partner = view.others().find(|o| {
                *o != other && matches!(sc.actor(*o).kind, ActorKind::State | ActorKind::Forum)
            });
            if let Some(partner) = partner {
                act(
                    &mut orders,
                    Action::Coalition {
                        partner,
                        against: other,
                        ask: CoalitionAsk::JointCosts,
                    },
                    Some(other),
                    Reason::Retaliate {
                        confidence: i.lead.confidence,
                    },
                );
            } else {
                act(
                    &mut orders,
                    Action::Sanctions { target: other },
                    Some(other),
                    Reason::Retaliate {
                        confidence: i.lead.confidence,
                    },
                );
            }
        }
    }
    // A criminal group behind incidents: ask its host to act, and a company to help attribute.
    for group in view
        .others()
        .filter(|o| sc.actor(*o).kind == ActorKind::CriminalGroup)
    {
        let hit = view
            .incidents()
            .any(|i| i.victim == me && i.lead.actor == group);
        if !hit {
            continue;
        }
        if let Some(host) = sc.actor(group).sponsor
            && host != me
        {
            act(
                &mut orders,
                Action::EngageNonState {
                    actor: host,
                    ask: NonStateAsk::ActAgainst,
                    about: Some(group),
                },
                Some(host),
                Reason::Stabilise,
            );
        }
        if let Some(firm) = firm {
            act(
                &mut orders,
                Action::EngageNonState {
                    actor: firm,
                    ask: NonStateAsk::Takedown,
                    about: Some(group),
                },
                Some(group),
                Reason::Stabilise,
            );
        }
    }
    if view
        .incidents()
        .any(|i| i.victim == me && !i.forensics_done)
        && let Some(firm) = firm
    {
        act(
            &mut orders,
            Action::EngageNonState {
                actor: firm,
                ask: NonStateAsk::Attribution,
                about: None,
            },
            None,
            Reason::Stabilise,
        );
    }
    if view.turns_played() == 0
        && let Some(norm) = (0..sc.norms.len()).map(NormIx::from_ix).next()
    {
        act(
            &mut orders,
            Action::PublicPledge { norm },
            None,
            Reason::Stabilise,
        );
    }
    if view.me().building == 0 && sc.action(ActionKind::CapacityBuilding).is_some() {
        act(
            &mut orders,
            Action::CapacityBuilding,
            None,
            Reason::Stabilise,
        );
    }
    orders
}
