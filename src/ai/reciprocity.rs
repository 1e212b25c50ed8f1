//! The classic strategies of the iterated prisoner's dilemma, played with the posture of one's
//! services: restraint is cooperation, intensified collection is defection. They judge the other
//! side only by what they saw of it (its posture, when visible, or incidents attributed to it).

use super::Strategy;
use crate::engine::dice::Dice;
use crate::engine::event::EventKind;
use crate::engine::orders::{Note, Orders, Posture, Reason};
use crate::engine::view::SeatView;
use crate::ids::ActorIx;

/// The chance that generous tit-for-tat forgives a defection, from the payoffs T > R > P > S:
/// min(1 − (T−R)/(R−S), (R−P)/(T−P)) (Nowak & Sigmund 1992); a third for 5, 3, 1, 0. Payoffs
/// that are no dilemma fall back to a third.
pub fn forgiveness(p: &crate::scenario::file::Payoffs) -> f64 {
    let (t, r, pun, s) = (
        p.temptation,
        p.mutual_restraint,
        p.mutual_intensify,
        p.sucker,
    );
    if !(t > r && r > pun && pun >= s) {
        return 1.0 / 3.0;
    }
    (1.0 - (t - r) / (r - s))
        .min((r - pun) / (t - pun))
        .clamp(0.0, 1.0)
}

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
                if defected && !dice.chance(forgiveness(&view.scenario().payoffs)) {
                    Posture::Intensify
                } else {
                    Posture::Restrain
                }
            }
            Strategy::TitForTwoTats => {
                let before = view.turns_played().checked_sub(1);
                if defected && before.is_some_and(|t| defected_in(view, other, t)) {
                    Posture::Intensify
                } else {
                    Posture::Restrain
                }
            }
            Strategy::WinStayLoseShift => match (view.turns_played(), view.posture(other)) {
                (0, _) => Posture::Restrain,
                // Lose: the other side defected; shift.
                (_, Posture::Intensify) if defected => Posture::Restrain,
                (_, _) if defected => Posture::Intensify,
                // Win: stay.
                (_, Posture::Intensify) => Posture::Intensify,
                _ => Posture::Restrain,
            },
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
    view.me().seen[other.ix()].defected() || seen_defecting(view, other, None)
}

/// Whether `other` was seen defecting against this seat during turn `turn`.
fn defected_in(view: &SeatView<'_>, other: ActorIx, turn: u32) -> bool {
    seen_defecting(view, other, Some(turn))
}

/// Whether an event of `turn` (or of any turn) shows `other` defecting against this seat: its
/// intensified posture observed, or an intrusion into this seat attributed to it.
fn seen_defecting(view: &SeatView<'_>, other: ActorIx, turn: Option<u32>) -> bool {
    let me = view.seat();
    view.events()
        .filter(|e| turn.is_none_or(|t| e.turn == t))
        .any(|e| match &e.kind {
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

#[cfg(test)]
mod tests {
    use super::forgiveness;
    use crate::scenario::file::Payoffs;

    #[test]
    fn generous_tit_for_tat_forgives_as_the_payoffs_allow() {
        assert!((forgiveness(&Payoffs::default()) - 1.0 / 3.0).abs() < 1e-12);
        let p = Payoffs {
            temptation: 4.0,
            mutual_restraint: 3.0,
            mutual_intensify: 1.0,
            sucker: 0.0,
        };
        // min(1 - 1/3, 2/3) = 2/3: a small temptation allows more forgiveness.
        assert!((forgiveness(&p) - 2.0 / 3.0).abs() < 1e-12);
        let no_dilemma = Payoffs {
            temptation: 2.0,
            ..Payoffs::default()
        };
        assert!((forgiveness(&no_dilemma) - 1.0 / 3.0).abs() < 1e-12);
    }
}
