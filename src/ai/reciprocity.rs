//! The classic strategies of the iterated prisoner's dilemma, played with the posture of one's
//! services: restraint is cooperation, intensified collection is defection. They judge the other
//! side only by what they saw of it (its posture, when visible, or incidents attributed to it).

use super::Strategy;
use crate::engine::dice::Dice;
use crate::engine::event::EventKind;
use crate::engine::orders::{Note, Orders, Posture, Reason};
use crate::engine::view::SeatView;
use crate::ids::ActorIx;

/// Chance that generous tit-for-tat forgives a defection (Nowak & Sigmund 1992).
const FORGIVENESS: f64 = 1.0 / 3.0;

pub fn decide(strategy: Strategy, view: &SeatView<'_>, dice: &mut Dice) -> Orders {
    let mut orders = Orders::default();
    let me = view.me();
    for other in view.others() {
        if !view.scenario().actor(other).kind.is_state() {
            continue;
        }
        let defected = me.seen[other.ix()].defected();
        let posture = match strategy {
            Strategy::AlwaysRestrain => Posture::Restrain,
            Strategy::AlwaysIntensify => Posture::Intensify,
            Strategy::TitForTat => {
                if defected {
                    Posture::Intensify
                } else {
                    Posture::Restrain
                }
            }
            Strategy::GenerousTitForTat => {
                if defected && !dice.chance(FORGIVENESS) {
                    Posture::Intensify
                } else {
                    Posture::Restrain
                }
            }
            Strategy::Grudger => {
                if ever_defected(view, other) {
                    Posture::Intensify
                } else {
                    Posture::Restrain
                }
            }
            Strategy::Random => {
                if dice.chance(0.5) {
                    Posture::Intensify
                } else {
                    Posture::Restrain
                }
            }
            // `ai::decide` sends these two to their own modules; never reached.
            Strategy::Doctrine | Strategy::Diplomat => Posture::Routine,
        };
        orders.postures.push((other, posture));
        if posture != view.posture(other) || view.turns_played() == 0 {
            orders.notes.push(Note {
                about: Some(other),
                reason: Reason::Strategy { strategy, posture },
            });
        }
    }
    // Reciprocators answer proposals in kind: the appeaser accepts all, the hawk none, the others
    // accept from a side that has not defected.
    for p in view.proposals_to_me() {
        let accept = match strategy {
            Strategy::AlwaysRestrain => true,
            Strategy::AlwaysIntensify => false,
            Strategy::Random => dice.chance(0.5),
            Strategy::Grudger => !ever_defected(view, p.by),
            _ => !me.seen[p.by.ix()].defected(),
        };
        orders.responses.push(crate::engine::orders::Response {
            proposal: p.id,
            accept,
        });
    }
    orders
}

/// Whether `other` was ever seen defecting against this seat.
fn ever_defected(view: &SeatView<'_>, other: ActorIx) -> bool {
    if view.me().seen[other.ix()].defected() {
        return true;
    }
    let me = view.seat();
    view.events().any(|e| match &e.kind {
        EventKind::PostureObserved {
            observer,
            subject,
            posture,
        } => *observer == me && *subject == other && *posture == Posture::Intensify,
        EventKind::AttributionUpdated {
            incident,
            lead,
            confidence,
        } => {
            *lead == other
                && *confidence >= 0.5
                && view.incident(*incident).is_some_and(|i| i.victim == me)
        }
        _ => false,
    })
}
