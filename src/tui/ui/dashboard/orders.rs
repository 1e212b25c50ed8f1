//! The actions on offer (with what each costs and does) and this turn's orders: postures,
//! actions, and the proposals waiting for the seat's answer.

use super::{list_then_detail, panel_block, rows};
use crate::engine::view::SeatView;
use crate::ids::ActorIx;
use crate::report::Narrator;
use crate::tui::app::Panel;
use crate::tui::console::Console;
use crate::tui::model;
use crate::tui::ui::{Hit, Hits, fit, offset};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub(super) fn actions(
    frame: &mut Frame<'_>,
    area: Rect,
    view: SeatView<'_>,
    console: &Console,
    hits: &mut Hits,
) {
    let t = console.theme();
    let focused = console.panel == Panel::Actions;
    let mut block = panel_block("Actions · cost · seen by", '3', focused, t);
    let inner = block.inner(area);
    let sel = console.sel[Panel::Actions.ix_pub()];
    let acts: Vec<_> = view.actions().collect();
    // The focused action's description whole, right under the list; the list keeps four rows.
    let about = acts.get(sel).map(|(kind, cost)| {
        let (_, _, what) = model::action_info(*kind);
        format!("{what}{}", model::escalation_note(cost.weight))
    });
    let keep = acts.len().min(4) as u16;
    let need = about.as_deref().map_or(0, |a| {
        fit::lines(a, inner.width).min(inner.height.saturating_sub(keep))
    });
    let [list, info] = list_then_detail(inner, acts.len(), need);
    let h = usize::from(list.height);
    let first = offset(sel, h);
    let shown = acts.len().saturating_sub(first).min(h);
    block = crate::tui::ui::with_more(block, t, first, shown, acts.len());
    frame.render_widget(block, area);
    rows(hits, list, Panel::Actions, first, shown, 1);
    let lines: Vec<Line> = acts
        .iter()
        .enumerate()
        .skip(first)
        .take(h)
        .map(|(i, (kind, cost))| {
            let (name, vis, _) = model::action_info(*kind);
            let esc = if cost.weight > 0.0 {
                "↑"
            } else if cost.weight < 0.0 {
                "↓"
            } else {
                " "
            };
            let mut l = Line::from(vec![
                Span::raw(format!("{name:<19}")),
                Span::styled(format!("{:>2}◆ ", cost.cost), t.key()),
                Span::raw(format!("{vis:<8}")),
                Span::styled(esc, if cost.weight > 0.0 { t.bad() } else { t.good() }),
            ]);
            if focused && i == sel {
                l = l.style(t.selected());
            }
            l
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    if let Some(about) = about {
        frame.render_widget(
            Paragraph::new(about)
                .style(t.dim())
                .wrap(Wrap { trim: true }),
            info,
        );
    }
}

pub(super) fn orders(
    frame: &mut Frame<'_>,
    area: Rect,
    view: SeatView<'_>,
    console: &Console,
    hits: &mut Hits,
) {
    let t = console.theme();
    let focused = console.panel == Panel::Orders;
    let title = if area.width >= 42 {
        "This turn's orders (e: end turn)"
    } else {
        "Orders (e: end turn)"
    };
    let block = panel_block(title, '4', focused, t);
    let inner = block.inner(area);
    // What the services will do toward each counterpart under the postures now ordered.
    let others: Vec<_> = view.others().collect();
    let posture_of = |a: ActorIx| console.draft_posture(a).unwrap_or(view.posture(a));
    let mut groups: Vec<(crate::engine::Posture, Vec<ActorIx>)> = Vec::new();
    for p in crate::engine::Posture::ALL {
        let who: Vec<_> = others
            .iter()
            .copied()
            .filter(|a| posture_of(*a) == p)
            .collect();
        if !who.is_empty() {
            groups.push((p, who));
        }
    }
    // The largest group is "the others", so the line stays short with many counterparts; only
    // one group can be, so a tie names everyone.
    let biggest = groups.iter().map(|(_, w)| w.len()).max().unwrap_or(0);
    let one_biggest = groups.iter().filter(|(_, w)| w.len() == biggest).count() == 1;
    let plans: Vec<String> = groups
        .iter()
        .map(|(p, who)| {
            let names = if who.len() == biggest && one_biggest && groups.len() > 1 {
                "the others".to_owned()
            } else if who.len() == others.len() {
                "everyone".to_owned()
            } else {
                who.iter()
                    .map(|a| view.scenario().actor(*a).name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let does = match p {
                crate::engine::Posture::Restrain => "start nothing",
                crate::engine::Posture::Routine => "collect",
                crate::engine::Posture::Intensify => "collect, pre-position",
            };
            format!("{does} toward {names}")
        })
        .collect();
    let services = format!("Services: {}.", plans.join("; "));
    let need = fit::lines(&services, inner.width).min(inner.height / 2);
    let [inner, will] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(need)]).areas(inner);
    frame.render_widget(
        Paragraph::new(services)
            .style(t.dim())
            .wrap(Wrap { trim: true }),
        will,
    );
    let n = Narrator::for_seat(view);
    let seat = view.seat();
    let sel = console.sel[Panel::Orders.ix_pub()];
    let mut lines: Vec<Line> = console
        .draft
        .actions
        .iter()
        .enumerate()
        .map(|(k, a)| {
            if console.refused == Some(k) {
                Line::from(vec![
                    Span::styled("✘ REFUSED: ", t.bad()),
                    Span::raw(n.action(seat, a)),
                ])
            } else {
                Line::from(format!("✚ {}", n.action(seat, a)))
            }
        })
        .collect();
    for p in view.proposals_to_me() {
        let answer = console
            .draft
            .responses
            .iter()
            .find(|r| r.proposal == p.id)
            .map(|r| r.accept);
        let (word, style) = match answer {
            None => ("? undecided", t.warn()),
            Some(true) => ("✔ accept", t.good()),
            Some(false) => ("✘ refuse", t.bad()),
        };
        // The answer first, so a narrow panel still shows it.
        lines.push(Line::from(vec![
            Span::styled(format!("◀ {word} ▶ "), style),
            Span::raw(format!(
                "{} proposes: {}",
                n.actor(p.by),
                proposal_text(view, &p.what)
            )),
        ]));
    }
    if lines.is_empty() {
        frame.render_widget(block, area);
        frame.render_widget(
            Paragraph::new(
                "No actions yet: choose one in Actions [3], set postures in Counterparts [2], then press e.",
            )
            .style(t.dim())
            .wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    // Each order wrapped to the lines it needs; the list scrolls to keep the focused one in view.
    let heights: Vec<u16> = lines
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
            fit::lines(&text, inner.width)
        })
        .collect();
    let sel = sel.min(lines.len() - 1);
    let mut first = 0;
    while first < sel && heights[first..=sel].iter().sum::<u16>() > inner.height {
        first += 1;
    }
    let mut y = inner.y;
    let mut shown = 0;
    for (i, l) in lines.into_iter().enumerate().skip(first) {
        let room = inner.bottom().saturating_sub(y);
        // An order is shown whole or not at all, unless it is alone and taller than the panel.
        if room == 0 || (heights[i] > room && shown > 0) {
            break;
        }
        let r = Rect::new(inner.x, y, inner.width, heights[i].min(room));
        let l = if focused && i == sel {
            l.style(t.selected())
        } else {
            l
        };
        frame.render_widget(Paragraph::new(l).wrap(Wrap { trim: true }), r);
        hits.push(r, Hit::Row(Panel::Orders, i));
        y += r.height;
        shown += 1;
    }
    let block = crate::tui::ui::with_more(block, t, first, shown, heights.len());
    frame.render_widget(block, area);
}

pub fn proposal_text(view: SeatView<'_>, what: &crate::engine::event::Proposed) -> String {
    use crate::engine::event::Proposed;
    let sc = view.scenario();
    match what {
        Proposed::Measure(m) => crate::report::words::measure_phrase(*m).to_owned(),
        Proposed::Agreement(x) => sc
            .norms
            .get(x.ix())
            .map_or("an agreement".into(), |n| format!("agree “{}”", n.name)),
        Proposed::ActAgainst(a) => format!("act against {}", sc.actor(*a).name),
    }
}
