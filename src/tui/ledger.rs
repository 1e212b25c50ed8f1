//! The ledger: every channel, measure and agreement in force with each counterpart, and every
//! proposal the seat made or received, with its status: pending, accepted, refused or lapsed.

use crate::engine::Orders;
use crate::engine::event::EventKind;
use crate::engine::orders::{Action, Measure, NonStateAsk};
use crate::engine::view::SeatView;
use crate::report::Narrator;
use crate::tui::ui::dashboard::proposal_text;

/// The ledger's lines; `draft` is this turn's orders, whose proposals are not sent yet.
pub fn lines(view: SeatView<'_>, draft: &Orders) -> Vec<String> {
    let sc = view.scenario();
    let me = view.seat();
    let n = Narrator::for_seat(view);
    let mut out = vec!["In force with each counterpart".to_owned()];
    let counterparts = crate::tui::model::counterparts(view);
    for other in view.others() {
        let r = view.relation(other);
        let mut ties: Vec<String> = counterparts
            .iter()
            .find(|c| c.actor == other)
            .map(|c| c.channels.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default();
        for (m, word) in [
            (Measure::NotifyExercises, "exercises notified"),
            (Measure::ShareIndicators, "indicators shared"),
        ] {
            if r.in_force(m) {
                ties.push(word.to_owned());
            }
        }
        for (i, norm) in sc.norms.iter().enumerate() {
            if r.agreements.has(crate::ids::NormIx::from_ix(i)) {
                ties.push(format!("agreement “{}”", norm.name));
            }
        }
        let ties = if ties.is_empty() {
            "nothing".to_owned()
        } else {
            ties.join(", ")
        };
        out.push(format!("  {}: {ties}", sc.actor(other).name));
    }
    out.push(String::new());
    out.push("Proposals (a proposal is answered in the turn after it is made, or lapses)".into());
    let mut any = false;
    for e in view.events() {
        let EventKind::ProposalMade {
            proposal,
            by,
            to,
            what,
        } = e.kind
        else {
            continue;
        };
        if by != me && to != me {
            continue;
        }
        any = true;
        let answer = view.events().find_map(|a| match a.kind {
            EventKind::ProposalAnswered {
                proposal: p,
                accepted,
                ..
            } if p == proposal => Some((a.turn, accepted)),
            _ => None,
        });
        let status = match answer {
            Some((t, true)) => format!("accepted on turn {t}"),
            Some((t, false)) => format!("refused on turn {t}"),
            None if e.turn + 1 == view.turn() && to == me => {
                "pending: yours to answer this turn".to_owned()
            }
            None if e.turn + 1 == view.turn() => "pending: they answer this turn".to_owned(),
            None => "lapsed unanswered".to_owned(),
        };
        let who = if by == me {
            format!("you → {}", n.actor(to))
        } else {
            format!("{} → you", n.actor(by))
        };
        out.push(format!(
            "  T{} {who}: {} — {status}",
            e.turn,
            proposal_text(view, &what)
        ));
    }
    for a in &draft.actions {
        // The orders that put a proposal to someone.
        if matches!(
            a,
            Action::ProposeMeasure { .. }
                | Action::ProposeAgreement { .. }
                | Action::EngageNonState {
                    ask: NonStateAsk::ActAgainst,
                    about: Some(_),
                    ..
                }
        ) {
            any = true;
            out.push(format!(
                "  this turn: {} — in your orders, sent when you end the turn",
                n.action(me, a)
            ));
        }
    }
    if !any {
        out.push("  none yet".to_owned());
    }
    out
}
