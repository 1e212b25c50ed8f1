//! Editing a seat's draft orders: the one model the console and plain mode share, so the same
//! choices give the same orders, byte for byte, whichever front end made them.

use crate::engine::orders::{Action, Posture, Response};
use crate::engine::{OrderError, Orders, SeatView};
use crate::ids::{ActorIx, ProposalId};

/// Sets the posture toward `toward`, keeping postures in actor order.
pub fn set_posture(draft: &mut Orders, toward: ActorIx, p: Posture) {
    draft.postures.retain(|(t, _)| *t != toward);
    draft.postures.push((toward, p));
    draft.postures.sort_by_key(|(t, _)| *t);
}

/// The posture the draft sets toward `a`, if it sets one.
pub fn posture(draft: &Orders, a: ActorIx) -> Option<Posture> {
    draft
        .postures
        .iter()
        .find(|(t, _)| *t == a)
        .map(|(_, p)| *p)
}

/// The draft's answer to a proposal: accept, refuse, or undecided (`None`).
pub fn answer(draft: &Orders, id: ProposalId) -> Option<bool> {
    draft
        .responses
        .iter()
        .find(|r| r.proposal == id)
        .map(|r| r.accept)
}

/// Sets the answer to a proposal, keeping answers in proposal order.
pub fn set_answer(draft: &mut Orders, id: ProposalId, accept: Option<bool>) {
    draft.responses.retain(|r| r.proposal != id);
    if let Some(accept) = accept {
        draft.responses.push(Response {
            proposal: id,
            accept,
        });
        draft.responses.sort_by_key(|r| r.proposal);
    }
}

/// Cycles the answer: undecided → accept → refuse → undecided (backwards the other way).
pub fn cycle_answer(draft: &mut Orders, id: ProposalId, forward: bool) {
    let order = [None, Some(true), Some(false)];
    let i = order
        .iter()
        .position(|x| *x == answer(draft, id))
        .unwrap_or(0);
    let next = order[if forward { (i + 1) % 3 } else { (i + 2) % 3 }];
    set_answer(draft, id, next);
}

/// Adds an action if the orders with it still pass the engine's check; otherwise the draft is
/// unchanged and the reason returned.
pub fn add_action(
    view: SeatView<'_>,
    draft: &mut Orders,
    action: Action,
) -> Result<(), OrderError> {
    check_addition(view, draft, &action)?;
    draft.actions.push(action);
    Ok(())
}

/// Whether `action` may join `draft`, and if not why: the engine's check of the orders with it
/// (what names no one, the seat itself, or costs more than the turn's capital), then what the
/// engine would carry out but buys nothing. Forms show it before the player presses Enter.
pub fn check_addition(
    view: SeatView<'_>,
    draft: &Orders,
    action: &Action,
) -> Result<(), OrderError> {
    let mut candidate = draft.clone();
    candidate.actions.push(action.clone());
    view.check(&candidate)?;
    pointless(view, draft, action).map_or(Ok(()), Err)
}

/// Why an order the engine would carry out buys nothing, if it does not: the forms refuse it, with
/// the reason, before it costs capital.
fn pointless(view: SeatView<'_>, draft: &Orders, action: &Action) -> Option<OrderError> {
    let twice = matches!(
        action,
        Action::ProposeMeasure { .. } | Action::ProposeAgreement { .. }
    ) && draft.actions.contains(action);
    match *action {
        _ if twice => Some(OrderError::AlreadyOrdered),
        Action::ProposeMeasure { to, measure } if view.relation(to).in_force(measure) => {
            Some(OrderError::MeasureInForce)
        }
        Action::ProposeAgreement { to, norm } if view.relation(to).agreements.has(norm) => {
            Some(OrderError::AgreementInForce)
        }
        Action::Coalition {
            partner, against, ..
        } if [partner, against]
            .iter()
            .any(|a| view.scenario().same_side(*a, view.seat())) =>
        {
            Some(OrderError::OwnSide)
        }
        Action::EngageNonState {
            actor,
            about: Some(about),
            ..
        } if actor == about => Some(OrderError::AgainstItself),
        _ => None,
    }
}

/// Removes the `k`th action; false if there is none.
pub fn withdraw(draft: &mut Orders, k: usize) -> bool {
    if k < draft.actions.len() {
        draft.actions.remove(k);
        true
    } else {
        false
    }
}

/// Which action of refused orders is the one refused: the first whose addition makes the orders
/// fail the check. `None` when the refusal is not about an action (an assessment, say).
pub fn refused_action(view: SeatView<'_>, orders: &Orders) -> Option<usize> {
    let mut prefix = Orders {
        actions: Vec::new(),
        ..orders.clone()
    };
    if view.check(&prefix).is_err() {
        return None;
    }
    orders.actions.iter().position(|a| {
        prefix.actions.push(a.clone());
        view.check(&prefix).is_err()
    })
}

#[cfg(test)]
mod sense_tests {
    use super::*;
    use crate::engine::Game;
    use crate::engine::orders::Measure;

    #[test]
    fn a_proposal_already_ordered_or_in_force_is_refused_with_the_reason() {
        let text = include_str!("../../scenarios/grid-probe.ron");
        let sc = std::sync::Arc::new(
            crate::scenario::load("grid-probe.ron", text)
                .unwrap()
                .scenario,
        );
        let game = Game::new(sc.clone(), 1);
        let (atl, bor) = (
            sc.actor_ix("atlantis").unwrap(),
            sc.actor_ix("borealis").unwrap(),
        );
        let view = game.view(atl);
        let measure = [
            Measure::OpenHotline,
            Measure::CertToCert,
            Measure::NotifyExercises,
        ]
        .into_iter()
        .find(|m| !view.relation(bor).in_force(*m))
        .expect("a measure not yet in force");
        let propose = Action::ProposeMeasure { to: bor, measure };
        let mut draft = Orders::default();
        assert_eq!(add_action(view, &mut draft, propose.clone()), Ok(()));
        assert_eq!(
            add_action(view, &mut draft, propose),
            Err(OrderError::AlreadyOrdered)
        );
        assert_eq!(draft.actions.len(), 1);
        let channels = view.relation(bor).channels;
        for (m, ch) in [
            (
                Measure::OpenHotline,
                crate::scenario::file::Channel::Hotline,
            ),
            (
                Measure::CertToCert,
                crate::scenario::file::Channel::CertToCert,
            ),
        ] {
            assert_eq!(view.relation(bor).in_force(m), channels.has(ch));
        }
    }
}
