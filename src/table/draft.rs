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
    let mut candidate = draft.clone();
    candidate.actions.push(action);
    view.check(&candidate)?;
    *draft = candidate;
    Ok(())
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
