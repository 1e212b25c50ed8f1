//! Checking a seat's orders before the turn resolves, so a front end can explain a refusal and
//! the engine never applies an order that makes no sense.

use super::orders::{Action, NonStateAsk, Orders};
use super::state::GameState;
use super::view::SeatView;
use crate::ids::*;
use crate::scenario::Scenario;
use crate::scenario::file::ActorKind;
use crate::scenario::file::{ActionKind, Channel};

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OrderError {
    #[error("a counter-operation is aimed at an asset of the actor it targets")]
    NotTheirAsset,
    #[error("this scenario does not offer the action {0:?}")]
    NotOffered(ActionKind),
    #[error("this turn's actions cost {needed} capital in all, and you have {available} this turn")]
    NotEnoughCapital { needed: u64, available: u32 },
    #[error("there is no actor {0:?}")]
    NoSuchActor(ActorIx),
    #[error("an action cannot be aimed at yourself")]
    SelfTarget,
    #[error("there is no hotline with that actor; propose one first")]
    NoHotline,
    #[error("you know of no incident {0:?}")]
    UnknownIncident(IncidentId),
    #[error("there is no norm {0:?}")]
    NoSuchNorm(NormIx),
    #[error("no proposal {0:?} awaits your answer")]
    NoSuchProposal(ProposalId),
    #[error(
        "an assessment must give one probability per intent type, each from 0 to 1, summing to 1"
    )]
    BadAssessment,
    #[error("a posture toward yourself makes no sense")]
    SelfPosture,
    #[error("{name} cannot be asked for that: {needs}")]
    CannotEngage { name: String, needs: &'static str },
    #[error("a takedown or a request to a host state must name a criminal group")]
    NotAGroup,
    #[error("a coalition partner cannot also be its target")]
    PartnerIsTarget,
    #[error("proposal {0:?} is answered twice")]
    AnsweredTwice(ProposalId),
    #[error(
        "that measure is already in force with them: proposing it again costs capital for nothing"
    )]
    MeasureInForce,
    #[error(
        "that agreement is already in force with them: proposing it again costs capital for nothing"
    )]
    AgreementInForce,
    #[error("this turn's orders already hold that proposal")]
    AlreadyOrdered,
    #[error("that is your own side: a coalition is made with others, against others")]
    OwnSide,
    #[error("an actor cannot be asked to act against itself")]
    AgainstItself,
}

pub fn check_orders(
    sc: &Scenario,
    state: &GameState,
    seat: ActorIx,
    o: &Orders,
) -> Result<(), OrderError> {
    let n = sc.actors.len();
    let actor = |a: ActorIx| {
        if a.ix() < n {
            Ok(a)
        } else {
            Err(OrderError::NoSuchActor(a))
        }
    };
    // The seat itself first: everything below reads its state.
    actor(seat)?;
    let other = |a: ActorIx| {
        actor(a).and_then(|a| {
            if a == seat {
                Err(OrderError::SelfTarget)
            } else {
                Ok(a)
            }
        })
    };
    let norm = |x: NormIx| {
        if x.ix() < sc.norms.len() {
            Ok(x)
        } else {
            Err(OrderError::NoSuchNorm(x))
        }
    };
    let view = SeatView::new(sc, state, seat);
    let incident = |i: IncidentId| {
        if view.incident(i).is_some() {
            Ok(i)
        } else {
            Err(OrderError::UnknownIncident(i))
        }
    };

    for (toward, _) in &o.postures {
        actor(*toward)?;
        if *toward == seat {
            return Err(OrderError::SelfPosture);
        }
    }
    // Summed in 64 bits: a scenario may price actions near `u32::MAX`.
    let mut needed: u64 = 0;
    for a in &o.actions {
        let cost = sc
            .action(a.kind())
            .ok_or(OrderError::NotOffered(a.kind()))?;
        needed += u64::from(cost.cost);
        match *a {
            Action::Message { to, evidence, .. } => {
                other(to)?;
                evidence.map(incident).transpose()?;
            }
            Action::Demarche { to, incident: i } => {
                other(to)?;
                i.map(incident).transpose()?;
            }
            Action::HotlineCall { to, incident: i } => {
                other(to)?;
                i.map(incident).transpose()?;
                if !state.relation(seat, to).channels.has(Channel::Hotline) {
                    return Err(OrderError::NoHotline);
                }
            }
            Action::Meeting { with } => {
                other(with)?;
            }
            Action::ProposeMeasure { to, .. } => {
                other(to)?;
            }
            Action::ProposeAgreement { to, norm: x } => {
                other(to)?;
                norm(x)?;
            }
            Action::PublicPledge { norm: x } => {
                norm(x)?;
            }
            Action::RemoveImplants { target }
            | Action::Sanctions { target }
            | Action::Indictment { target } => {
                other(target)?;
            }
            Action::CounterOperation { target, asset } => {
                other(target)?;
                if let Some(a) = asset {
                    match sc.assets.get(a.ix()) {
                        Some(x) if x.owner == target => {}
                        _ => return Err(OrderError::NotTheirAsset),
                    }
                }
            }
            Action::PublicAttribution {
                incident: i,
                accused,
                norm: x,
            } => {
                incident(i)?;
                other(accused)?;
                norm(x)?;
            }
            Action::Coalition {
                partner, against, ..
            } => {
                other(partner)?;
                other(against)?;
                if partner == against {
                    return Err(OrderError::PartnerIsTarget);
                }
            }
            Action::EngageNonState {
                actor: who,
                ask,
                about,
            } => {
                other(who)?;
                about.map(other).transpose()?;
                let kind = sc.actors[who.ix()].kind;
                let (fits, needs) = match ask {
                    NonStateAsk::Attribution => (
                        matches!(
                            kind,
                            ActorKind::Company | ActorKind::Cert | ActorKind::State
                        ),
                        "help with attribution comes from a company, a CERT or a state",
                    ),
                    NonStateAsk::Takedown => (
                        matches!(kind, ActorKind::Company | ActorKind::Cert),
                        "a takedown is asked of a company or a CERT",
                    ),
                    NonStateAsk::ActAgainst => (
                        kind == ActorKind::State,
                        "only a state can be asked to act against a group it shelters",
                    ),
                };
                if !fits {
                    return Err(OrderError::CannotEngage {
                        name: sc.actors[who.ix()].name.clone(),
                        needs,
                    });
                }
                let names_group =
                    about.is_some_and(|g| sc.actors[g.ix()].kind == ActorKind::CriminalGroup);
                if matches!(ask, NonStateAsk::Takedown | NonStateAsk::ActAgainst) && !names_group {
                    return Err(OrderError::NotAGroup);
                }
            }
            Action::Forum { norm: x, against } => {
                norm(x)?;
                against.map(other).transpose()?;
            }
            Action::CapacityBuilding | Action::Wait => {}
        }
    }
    let available = state.actors[seat.ix()].capital;
    if needed > u64::from(available) {
        return Err(OrderError::NotEnoughCapital { needed, available });
    }
    for (i, r) in o.responses.iter().enumerate() {
        if o.responses[..i].iter().any(|x| x.proposal == r.proposal) {
            return Err(OrderError::AnsweredTwice(r.proposal));
        }
        if !state
            .proposals
            .iter()
            .any(|p| p.id == r.proposal && p.to == seat)
        {
            return Err(OrderError::NoSuchProposal(r.proposal));
        }
    }
    let k = sc.intents.len();
    for a in &o.assessments {
        other(a.of)?;
        let sum: f64 = a.probs.iter().sum();
        if a.probs.len() != k
            || a.probs.iter().any(|p| !(0.0..=1.0).contains(p))
            || (sum - 1.0).abs() > 1e-6
        {
            return Err(OrderError::BadAssessment);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Game;

    /// A refusal names the actor as the player knows it, and says who could be asked.
    #[test]
    fn asking_the_wrong_kind_of_actor_names_it_and_says_who_can_help() {
        let sc = crate::autosave::load_scenario(std::path::Path::new("scenarios/grid-probe.ron"))
            .unwrap();
        let g = Game::new(sc.clone(), 1);
        let atl = sc.actor_ix("atlantis").unwrap();
        let crew = sc.actor_ix("saltmarsh").unwrap();
        let orders = Orders {
            actions: vec![Action::EngageNonState {
                actor: crew,
                ask: NonStateAsk::Attribution,
                about: None,
            }],
            ..Orders::default()
        };
        let e = check_orders(&sc, g.state(), atl, &orders).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Saltmarsh crew cannot be asked for that: help with attribution comes from a company, \
             a CERT or a state"
        );
    }
}
