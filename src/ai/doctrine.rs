//! The intent-driven counterpart: rule-based and explainable. It decides from its
//! hidden intent's doctrine, its beliefs about each actor, its fear, the costs others imposed on
//! it and its domestic pressure — never from the truth — and says why for every move.
//!
//! - A security-seeker probes to learn and stands down when reassured; it reaches for hotlines,
//!   meetings and agreements when tension rises, and answers provocation with measured steps.
//! - An opportunist steals quietly, avoids disruption, and gives way to sustained costs.
//! - A revisionist exploits restraint and is deterred only by credible, timely costs.

use crate::engine::dice::Dice;
use crate::engine::orders::{
    Action, CoalitionAsk, Measure, NonStateAsk, Note, Orders, Posture, Reason, Response,
};
use crate::engine::view::SeatView;
use crate::ids::*;
use crate::scenario::file::{ActionKind, ActorKind, Channel, Doctrine};

/// Orders under construction, with the capital still to spend.
struct Plan<'v, 'a> {
    view: &'v SeatView<'a>,
    orders: Orders,
    capital: u32,
}

impl Plan<'_, '_> {
    /// Adds an action if the scenario offers it and capital allows; says whether it did.
    fn act(&mut self, action: Action, about: Option<ActorIx>, reason: Reason) -> bool {
        let Some(cost) = self.view.scenario().action(action.kind()) else {
            return false;
        };
        if cost.cost > self.capital
            || self
                .orders
                .actions
                .iter()
                .any(|a| a.kind() == action.kind() && a.target() == action.target())
        {
            return false;
        }
        self.capital -= cost.cost;
        self.orders.actions.push(action);
        self.orders.notes.push(Note { about, reason });
        true
    }

    fn posture(&mut self, toward: ActorIx, posture: Posture, reason: Reason) {
        self.orders.postures.push((toward, posture));
        if posture != self.view.posture(toward) {
            self.orders.notes.push(Note {
                about: Some(toward),
                reason,
            });
        }
    }
}

pub fn decide(view: &SeatView<'_>, dice: &mut Dice) -> Orders {
    let sc = view.scenario();
    let me = view.me();
    let doctrine = sc.intents[me.intent.ix()].doctrine;
    let mut plan = Plan {
        view,
        orders: Orders::default(),
        capital: view.capital(),
    };
    let operates = matches!(
        sc.actor(view.seat()).kind,
        ActorKind::State | ActorKind::CriminalGroup | ActorKind::Hacktivist
    );

    answer_proposals(&mut plan, doctrine);
    if operates {
        for other in view.others() {
            if !matches!(
                sc.actor(other).kind,
                ActorKind::State | ActorKind::CriminalGroup
            ) {
                continue;
            }
            let (posture, reason) = choose_posture(view, other, doctrine, dice);
            plan.posture(other, posture, reason);
        }
    }
    if sc.actor(view.seat()).kind.is_state() {
        diplomacy(&mut plan, doctrine, dice);
    }
    plan.orders
}

fn choose_posture(
    view: &SeatView<'_>,
    other: ActorIx,
    doctrine: Doctrine,
    dice: &mut Dice,
) -> (Posture, Reason) {
    let me = view.me();
    let fear = view.fear(other);
    let hostile = view.hostile_belief(other);
    let costs = me.costs_from[other.ix()];
    let seen = me.seen[other.ix()];
    let trust = view.relation(other).trust;
    match doctrine {
        Doctrine::SecuritySeeker => {
            if fear > 0.45 {
                (
                    Posture::Intensify,
                    Reason::Fear {
                        posture: Posture::Intensify,
                        fear,
                    },
                )
            } else if (seen.posture == Some(Posture::Restrain) && fear < 0.35)
                || (hostile < 0.3 && trust >= 0.45)
            {
                (Posture::Restrain, Reason::Reassured { hostile })
            } else {
                (
                    Posture::Routine,
                    Reason::Fear {
                        posture: Posture::Routine,
                        fear,
                    },
                )
            }
        }
        Doctrine::Opportunist => {
            if costs > 0.6 {
                (Posture::Restrain, Reason::Deterred { costs })
            } else if costs < 0.2 && view.reputation(other) > 0.3 && dice.chance(0.3) {
                (Posture::Intensify, Reason::ExploitRestraint)
            } else {
                (Posture::Routine, Reason::Deterred { costs })
            }
        }
        Doctrine::Revisionist => {
            if costs > 1.0 {
                (Posture::Restrain, Reason::Deterred { costs })
            } else if costs > 0.5 {
                (Posture::Routine, Reason::Deterred { costs })
            } else if seen.posture == Some(Posture::Restrain) || seen.hostile == 0.0 {
                (Posture::Intensify, Reason::ExploitRestraint)
            } else {
                (
                    Posture::Intensify,
                    Reason::Fear {
                        posture: Posture::Intensify,
                        fear,
                    },
                )
            }
        }
    }
}

fn answer_proposals(plan: &mut Plan<'_, '_>, doctrine: Doctrine) {
    let view = plan.view;
    let me = view.me();
    for p in view.proposals_to_me() {
        let hostile = view.hostile_belief(p.by);
        let costs = me.costs_from[p.by.ix()];
        let accept = match (doctrine, p.what) {
            (Doctrine::SecuritySeeker, _) => hostile < 0.6,
            (Doctrine::Opportunist, crate::engine::event::Proposed::Measure(_)) => true,
            (Doctrine::Opportunist, _) => costs > 0.4 || hostile < 0.3,
            (
                Doctrine::Revisionist,
                crate::engine::event::Proposed::Measure(Measure::OpenHotline),
            ) => true,
            (Doctrine::Revisionist, _) => costs > 0.8,
        };
        plan.orders.responses.push(Response {
            proposal: p.id,
            accept,
        });
        let reason = if accept {
            Reason::Stabilise
        } else {
            Reason::Distrust { hostile }
        };
        plan.orders.notes.push(Note {
            about: Some(p.by),
            reason,
        });
    }
}

fn diplomacy(plan: &mut Plan<'_, '_>, doctrine: Doctrine, dice: &mut Dice) {
    let view = plan.view;
    let sc = view.scenario();
    let me = view.me();
    let turn = view.turn();
    // Most recent incident against this seat, per suspect, with the confidence reached.
    let latest = |other: ActorIx| {
        view.incidents()
            .find(|i| i.victim == view.seat() && i.lead.actor == other && i.detected + 2 >= turn)
    };
    let mut others: Vec<ActorIx> = view
        .others()
        .filter(|o| sc.actor(*o).kind.is_state())
        .collect();
    // Attend first to the relation under most strain.
    others.sort_by(|a, b| {
        view.relation(*b)
            .tension
            .total_cmp(&view.relation(*a).tension)
    });
    for other in others {
        let rel = view.relation(other);
        let tension = rel.tension;
        let hostile = view.hostile_belief(other);
        let incident = latest(other);
        let pending = view.events_since(turn.saturating_sub(1)).any(|e| matches!(e.kind, crate::engine::event::EventKind::ProposalMade { by, to, .. } if by == view.seat() && to == other));
        match doctrine {
            Doctrine::SecuritySeeker => {
                if tension > 12.0 && rel.channels.has(Channel::Hotline) {
                    plan.act(
                        Action::HotlineCall {
                            to: other,
                            incident: incident.map(|i| i.id),
                        },
                        Some(other),
                        Reason::Deescalate { tension },
                    );
                } else if tension > 8.0 && !rel.channels.has(Channel::Hotline) && !pending {
                    plan.act(
                        Action::ProposeMeasure {
                            to: other,
                            measure: Measure::OpenHotline,
                        },
                        Some(other),
                        Reason::Stabilise,
                    );
                }
                if tension > 20.0 {
                    plan.act(
                        Action::Meeting { with: other },
                        Some(other),
                        Reason::Deescalate { tension },
                    );
                }
                if rel.trust > 0.55
                    && !pending
                    && let Some(norm) = (0..sc.norms.len())
                        .map(NormIx::from_ix)
                        .find(|n| !rel.agreements.has(*n))
                {
                    plan.act(
                        Action::ProposeAgreement { to: other, norm },
                        Some(other),
                        Reason::Stabilise,
                    );
                }
                if let Some(i) = incident
                    && me.pressure > 0.6
                    && i.lead.confidence > 0.6
                {
                    plan.act(
                        Action::Demarche {
                            to: other,
                            incident: Some(i.id),
                        },
                        Some(other),
                        Reason::Pressure {
                            pressure: me.pressure,
                        },
                    );
                }
            }
            Doctrine::Opportunist => {
                if me.costs_from[other.ix()] > 0.5
                    && !pending
                    && !rel.channels.has(Channel::Hotline)
                {
                    plan.act(
                        Action::ProposeMeasure {
                            to: other,
                            measure: Measure::OpenHotline,
                        },
                        Some(other),
                        Reason::Deterred {
                            costs: me.costs_from[other.ix()],
                        },
                    );
                }
                if let Some(i) = incident
                    && i.lead.confidence > 0.7
                    && me.pressure > 0.5
                {
                    plan.act(
                        Action::Demarche {
                            to: other,
                            incident: Some(i.id),
                        },
                        Some(other),
                        Reason::Retaliate {
                            confidence: i.lead.confidence,
                        },
                    );
                }
            }
            Doctrine::Revisionist => {
                if let Some(i) = incident
                    && i.lead.confidence > 0.6
                {
                    let firebreak = sc.model.firebreak;
                    if me.pressure > 0.6 && dice.chance(firebreak * 0.5) {
                        plan.act(
                            Action::CounterOperation {
                                target: other,
                                asset: None,
                            },
                            Some(other),
                            Reason::Retaliate {
                                confidence: i.lead.confidence,
                            },
                        );
                    } else {
                        plan.act(
                            Action::Sanctions { target: other },
                            Some(other),
                            Reason::Retaliate {
                                confidence: i.lead.confidence,
                            },
                        );
                    }
                } else if hostile > 0.7 && me.pressure > 0.5 {
                    plan.act(
                        Action::Indictment { target: other },
                        Some(other),
                        Reason::Pressure {
                            pressure: me.pressure,
                        },
                    );
                }
                if tension > 40.0 && rel.channels.has(Channel::Hotline) {
                    plan.act(
                        Action::HotlineCall {
                            to: other,
                            incident: None,
                        },
                        Some(other),
                        Reason::Deescalate { tension },
                    );
                }
            }
        }
    }
    toolkit(plan, doctrine);
    if plan.capital >= 2
        && doctrine == Doctrine::SecuritySeeker
        && me.building == 0
        && sc.action(ActionKind::CapacityBuilding).is_some()
    {
        plan.act(Action::CapacityBuilding, None, Reason::Stabilise);
    }
}

/// The rest of the toolkit, each move with its reason: help to attribute an incident it cannot
/// yet pin down, a request to the state that shelters a criminal group, support from a partner
/// or a forum against an actor it believes hostile, and (for a security-seeker under strain) a
/// public pledge that ties its own hands.
fn toolkit(plan: &mut Plan<'_, '_>, doctrine: Doctrine) {
    let view = plan.view;
    let sc = view.scenario();
    let turn = view.turn();
    let seat = view.seat();
    let recent = view
        .incidents()
        .filter(|i| i.victim == seat && i.detected + 1 >= turn)
        .last();
    if let Some(i) = recent {
        let suspect = i.lead.actor;
        let suspect_kind = sc.actor(suspect).kind;
        if i.lead.confidence < 0.5
            && let Some(firm) = view.others().find(|a| {
                matches!(sc.actor(*a).kind, ActorKind::Company | ActorKind::Cert)
                    && sc.actor(*a).sponsor.is_none_or(|s| s == seat)
            })
        {
            plan.act(
                Action::EngageNonState {
                    actor: firm,
                    ask: NonStateAsk::Attribution,
                    about: Some(suspect),
                },
                Some(suspect),
                Reason::SeekAttribution {
                    confidence: i.lead.confidence,
                },
            );
        }
        if suspect_kind == ActorKind::CriminalGroup
            && i.lead.confidence > 0.5
            && let Some(host) = sc.actor(suspect).sponsor.filter(|h| *h != seat)
        {
            plan.act(
                Action::EngageNonState {
                    actor: host,
                    ask: NonStateAsk::ActAgainst,
                    about: Some(suspect),
                },
                Some(suspect),
                Reason::AskHost,
            );
        }
    }
    // Support against the suspect of an incident it is fairly sure of.
    let sure = view
        .incidents()
        .filter(|i| i.victim == seat && i.detected + 3 >= turn && i.lead.confidence > 0.6)
        .last();
    if let Some(i) = sure {
        let suspect = i.lead.actor;
        let hostile = view.hostile_belief(suspect);
        if doctrine != Doctrine::Revisionist && hostile > 0.5 {
            let partner = view
                .others()
                .filter(|p| *p != suspect && sc.actor(*p).kind.is_state())
                .find(|p| view.relation(*p).trust > 0.6);
            if let Some(partner) = partner {
                plan.act(
                    Action::Coalition {
                        partner,
                        against: suspect,
                        ask: CoalitionAsk::JointAttribution,
                    },
                    Some(suspect),
                    Reason::RallySupport { hostile },
                );
            } else if !sc.norms.is_empty() {
                plan.act(
                    Action::Forum {
                        norm: NormIx(0),
                        against: Some(suspect),
                    },
                    Some(suspect),
                    Reason::RallySupport { hostile },
                );
            }
        }
    }
    if doctrine == Doctrine::SecuritySeeker {
        let tension = view
            .others()
            .filter(|o| sc.actor(*o).kind.is_state())
            .map(|o| view.relation(o).tension)
            .fold(0.0, f64::max);
        let unpledged = (0..sc.norms.len())
            .map(NormIx::from_ix)
            .find(|n| !view.me().pledges.has(*n));
        if tension > 15.0
            && let Some(norm) = unpledged
        {
            plan.act(
                Action::PublicPledge { norm },
                None,
                Reason::TieHands { tension },
            );
        }
    }
}
