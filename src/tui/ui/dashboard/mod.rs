//! The dashboard: the status lines, the intelligence feed, the counterparts (with the posture of
//! your services toward each), the actions on offer, and this turn's orders.
//!
//! ```text
//! 80×24 and up                           120 columns and up
//! ┌ status: turn, pressure, capital ┐    ┌ status ─────────────────────────────────┐
//! │ ladder gauge with the rung named│    │ ladder gauge                            │
//! ├ Feed ──────────┬ Counterparts ──┤    ├ Feed ────────┬ Counterparts ─┬ Actions ─┤
//! │                │                │    │              │               │          │
//! │                ├ Actions ───────┤    │              ├ Orders ───────┤          │
//! ├ Orders ────────┤                │    │              │               │          │
//! └────────────────┴────────────────┘    └──────────────┴───────────────┴──────────┘
//! ```

mod counterparts;
mod orders;

pub use counterparts::counterpart_detail;
pub use orders::proposal_text;

use super::{Hit, Hits, fit, offset};
use crate::engine::view::SeatView;
use crate::report::words::rung_name;
use crate::tui::app::Panel;
use crate::tui::console::Console;
use crate::tui::model::pc;
use crate::tui::model::{self, Tag};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Wrap};

pub struct DashLayout {
    pub status: Rect,
    pub ladder: Rect,
    /// Feed, Counterparts, Actions, Orders (the order of `Panel::ALL`).
    pub panels: [Rect; 4],
}

pub fn layout(body: Rect) -> DashLayout {
    let [status, ladder, main] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(body);
    if body.width >= 120 {
        let [feed, mid, actions] = Layout::horizontal([
            Constraint::Percentage(40),
            Constraint::Percentage(32),
            Constraint::Percentage(28),
        ])
        .areas(main);
        let [cps, orders] =
            Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(mid);
        DashLayout {
            status,
            ladder,
            panels: [feed, cps, actions, orders],
        }
    } else {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(main);
        let [feed, orders] =
            Layout::vertical([Constraint::Percentage(62), Constraint::Percentage(38)]).areas(left);
        let [cps, actions] =
            Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(right);
        DashLayout {
            status,
            ladder,
            panels: [feed, cps, actions, orders],
        }
    }
}

/// Records rows of a list as click targets: item `first + i` at `rows` lines each from the top
/// of `area`, as many as are drawn.
pub(super) fn rows(
    hits: &mut Hits,
    area: Rect,
    panel: Panel,
    first: usize,
    shown: usize,
    rows: usize,
) {
    for i in 0..shown {
        let y = area.y + (i * rows) as u16;
        let r = Rect::new(area.x, y, area.width, rows as u16).intersection(area);
        hits.push(r, Hit::Row(panel, first + i));
    }
}

pub fn draw(
    frame: &mut Frame<'_>,
    body: Rect,
    console: &Console,
    view: SeatView<'_>,
    hits: &mut Hits,
) {
    let t = console.theme();
    let l = layout(body);
    status(frame, l.status, view, console);
    ladder(frame, l.ladder, view, t);
    for (p, r) in Panel::ALL.iter().zip(l.panels) {
        hits.push(r, Hit::Panel(*p));
    }
    feed(frame, l.panels[0], view, console, hits);
    counterparts::draw(frame, l.panels[1], view, console, hits);
    orders::actions(frame, l.panels[2], view, console, hits);
    orders::orders(frame, l.panels[3], view, console, hits);
}

pub(super) fn panel_block<'a>(title: &'a str, key: char, focused: bool, t: Theme) -> Block<'a> {
    let mark = if focused { "▶ " } else { "" };
    Block::bordered()
        .title(Line::from(vec![
            Span::styled(format!("{mark}{title} "), t.border(focused)),
            Span::styled(format!("[{key}]"), t.dim()),
        ]))
        .border_style(t.border(focused))
}

fn status(frame: &mut Frame<'_>, area: Rect, view: SeatView<'_>, console: &Console) {
    let sc = view.scenario();
    let t = console.theme();
    let me = view.me();
    let spent: u32 = console
        .draft
        .actions
        .iter()
        .filter_map(|a| sc.action(a.kind()).map(|c| c.cost))
        .sum();
    let week = (view.turn() - 1) * sc.days_per_turn / 7 + 1;
    let name = sc.actor(view.seat()).name.as_str();
    let left = me.capital.saturating_sub(spent);
    // The long form where it fits, else a short one: nothing is cut, least of all a unit.
    let long = [
        format!(" {name} "),
        format!(
            "│ Turn {}/{} · week {week} │ Pressure ",
            view.turn(),
            sc.turn_limit
        ),
        format!(
            " │ Capital {left} of {} left │ Reputation {}",
            me.capital,
            pc(me.reputation)
        ),
    ];
    let short = [
        format!(" {} ", fit::clip(name, 16)),
        format!("│ T{}/{} wk{week} │ Press. ", view.turn(), sc.turn_limit),
        format!(
            " │ Capital {left} of {} │ Rep. {}",
            me.capital,
            pc(me.reputation)
        ),
    ];
    let width = |p: &[String; 3]| p.iter().map(|s| s.chars().count()).sum::<usize>() + 4;
    let [a, b, c] = if width(&long) <= usize::from(area.width) {
        long
    } else {
        short
    };
    let line = Line::from(vec![
        Span::styled(a, t.title()),
        Span::raw(b),
        Span::styled(pc(me.pressure), pressure_style(me.pressure, t)),
        Span::raw(c),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

fn pressure_style(p: f64, t: Theme) -> Style {
    if p >= 0.7 {
        t.bad()
    } else if p >= 0.45 {
        t.warn()
    } else {
        t.good()
    }
}

/// The rung in words, the escalation index that moves it and the next threshold, then a gauge of
/// the climb: the same index the debrief charts, so the dashboard and the ladder always agree.
fn ladder(frame: &mut Frame<'_>, area: Rect, view: SeatView<'_>, t: Theme) {
    let sc = view.scenario();
    let r = view.rung();
    let n = sc.ladder.len().max(1);
    let index = view.escalation();
    let here = sc.ladder.get(r.ix()).map_or(0.0, |x| x.threshold);
    let next = sc.ladder.get(r.ix() + 1).map(|x| x.threshold);
    // The ladder follows the index a rung a turn, at the end of the turn: say where it is going.
    let trend = match next {
        Some(x) if index >= x => {
            format!("index {index:.1}, past the next rung's {x:.0}: climbs at turn end if it stays")
        }
        _ if r.ix() > 0 && index < here => {
            format!("index {index:.1}, under this rung's {here:.0}: eases at turn end if it stays")
        }
        Some(x) => format!("index {index:.1}, next rung at {x:.0}"),
        None => format!("index {index:.1}"),
    };
    let short = match next {
        Some(x) if index >= x => format!("index {index:.1} ≥ {x:.0} ▲"),
        _ if r.ix() > 0 && index < here => format!("index {index:.1} < {here:.0} ▼"),
        _ => format!("index {index:.1}"),
    };
    // The gauge keeps one width whatever the text beside it says, so its fill compares from
    // turn to turn.
    let gauge_w = (area.width / 5).clamp(10, 30);
    let [label, gauge] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(gauge_w)]).areas(area);
    let long = format!(" Ladder {}/{n} {} · {trend} ", r.ix() + 1, rung_name(sc, r));
    let text = if long.chars().count() <= usize::from(label.width) {
        long
    } else {
        let short = format!(" Ladder {}/{n} {} · {short} ", r.ix() + 1, rung_name(sc, r));
        fit::clip(&short, usize::from(label.width))
    };
    frame.render_widget(Paragraph::new(text).style(t.title()), label);
    let thresholds: Vec<f64> = sc.ladder.iter().map(|x| x.threshold).collect();
    let ratio = climb(&thresholds, index);
    // Between brackets, so the empty part of the climb shows too.
    let [open, bar, close] = Layout::horizontal([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(gauge);
    frame.render_widget(Paragraph::new("[").style(t.dim()), open);
    frame.render_widget(Paragraph::new("]").style(t.dim()), close);
    frame.render_widget(
        Gauge::default()
            .ratio(ratio)
            .label("")
            .gauge_style(t.rung(r.ix(), n))
            .use_unicode(true),
        bar,
    );
}

/// How far up the ladder `index` stands, from 0 to 1: each rung an equal share of the gauge,
/// filled in proportion to the way from its threshold to the next; the top rung fills as the
/// index goes as far again past its threshold as the step below it.
fn climb(thresholds: &[f64], index: f64) -> f64 {
    let n = thresholds.len();
    if n == 0 {
        return 0.0;
    }
    let k = thresholds.iter().rposition(|t| index >= *t).unwrap_or(0);
    let here = thresholds[k];
    let step = match (thresholds.get(k + 1), k.checked_sub(1)) {
        (Some(next), _) => next - here,
        (None, Some(below)) => here - thresholds[below],
        (None, None) => 1.0,
    };
    let within = if step > 0.0 {
        ((index - here) / step).clamp(0.0, 1.0)
    } else {
        1.0
    };
    ((k as f64 + within) / n as f64).clamp(0.0, 1.0)
}

fn tag_style(tag: Tag, t: Theme) -> Style {
    match tag {
        Tag::Incident => t.bad(),
        Tag::Cable => t.title(),
        Tag::Intel => t.warn(),
        Tag::News => t.good(),
        Tag::Own => t.dim(),
    }
}

fn feed(frame: &mut Frame<'_>, area: Rect, view: SeatView<'_>, console: &Console, hits: &mut Hits) {
    let t = console.theme();
    let focused = console.panel == Panel::Feed;
    let items = model::feed(view);
    let block = panel_block("Intelligence feed (newest first)", '1', focused, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let sel = console.sel[Panel::Feed.ix_pub()];
    let me = view.scenario().actor(view.seat()).name.as_str();
    // The focused item whole, in as many lines as it needs: up to half the panel, or all the
    // list leaves free.
    let whole = items.get(sel).map(|it| format!("▸ {}", it.summary));
    let free = inner.height.saturating_sub(items.len() as u16);
    let need = whole.as_deref().map_or(0, |w| {
        fit::lines(w, inner.width)
            .min((inner.height / 2).max(free))
            .max(2)
    });
    let [inner, preview] = list_then_detail(inner, items.len(), need);
    if let Some(whole) = whole {
        // Longer than its room: the last line says where the rest is.
        let cut = fit::lines(&whole, preview.width) > preview.height && preview.height > 1;
        let [text, rest] = Layout::vertical([
            Constraint::Length(preview.height - u16::from(cut)),
            Constraint::Length(u16::from(cut)),
        ])
        .areas(preview);
        frame.render_widget(
            Paragraph::new(whole)
                .style(t.dim())
                .wrap(Wrap { trim: true }),
            text,
        );
        if cut {
            frame.render_widget(
                Paragraph::new(
                    Line::from(Span::styled("… Enter reads it all", t.key())).right_aligned(),
                ),
                rest,
            );
        }
    }
    let h = usize::from(inner.height);
    let first = offset(sel, h);
    rows(
        hits,
        inner,
        Panel::Feed,
        first,
        items.len().saturating_sub(first).min(h),
        1,
    );
    let lines: Vec<Line> = items
        .iter()
        .enumerate()
        .skip(first)
        .take(h)
        .map(|(i, it)| {
            let room = usize::from(inner.width).saturating_sub(13);
            let mut l = Line::from(vec![
                Span::styled(format!("T{:<2} ", it.turn), t.dim()),
                Span::styled(format!("{:<8} ", it.tag.word()), tag_style(it.tag, t)),
                Span::raw(fit::clip(&model::feed_row(&it.summary, me), room)),
            ]);
            if focused && i == sel {
                l = l.style(t.selected());
            }
            l
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new("Nothing reported yet.").style(t.dim()),
            inner,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// A list of `len` rows with the focused item's detail (`detail` lines) right under it; the list
/// gives way to the detail, and scrolls, when both do not fit.
pub(super) fn list_then_detail(area: Rect, len: usize, detail: u16) -> [Rect; 2] {
    let rows = u16::try_from(len)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(detail))
        .max(1);
    let [list, info, _] = Layout::vertical([
        Constraint::Length(rows),
        Constraint::Length(detail),
        Constraint::Min(0),
    ])
    .areas(area);
    [list, info]
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_gauge_follows_the_index_rung_by_rung() {
        let ladder = [0.0, 10.0, 20.0, 40.0];
        let at = |x| super::climb(&ladder, x);
        assert_eq!(at(0.0), 0.0);
        assert_eq!(at(5.0), 0.125);
        assert_eq!(at(10.0), 0.25);
        assert_eq!(at(30.0), 0.625);
        assert_eq!(at(50.0), 0.875);
        assert_eq!(at(60.0), 1.0);
        assert_eq!(at(1e9), 1.0);
        assert!(at(2.5) < at(6.0) && at(6.0) < at(7.4));
        assert_eq!(super::climb(&[], 3.0), 0.0);
    }
}
