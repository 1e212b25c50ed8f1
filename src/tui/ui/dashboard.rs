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

use super::{Hit, Hits, fit, offset};
use crate::engine::view::SeatView;
use crate::ids::ActorIx;
use crate::report::Narrator;
use crate::report::words::rung_name;
use crate::tui::app::Panel;
use crate::tui::console::Console;
use crate::tui::model::pc;
use crate::tui::model::{self, Counterpart, Tag};
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
fn rows(hits: &mut Hits, area: Rect, panel: Panel, first: usize, shown: usize, rows: usize) {
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
    counterparts(frame, l.panels[1], view, console, hits);
    actions(frame, l.panels[2], view, console, hits);
    orders(frame, l.panels[3], view, console, hits);
}

fn panel_block<'a>(title: &'a str, key: char, focused: bool, t: Theme) -> Block<'a> {
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
            " │ Capital {left}/{} left │ Reputation {}",
            me.capital,
            pc(me.reputation)
        ),
    ];
    let short = [
        format!(" {} ", fit::clip(name, 16)),
        format!("│ T{}/{} wk{week} │ Press. ", view.turn(), sc.turn_limit),
        format!(
            " │ Capital {left}/{} │ Rep. {}",
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
    let long = format!(" Ladder {}/{n} {} · {trend} ", r.ix() + 1, rung_name(sc, r));
    let text = if long.chars().count() + 10 <= usize::from(area.width) {
        long
    } else {
        format!(" Ladder {}/{n} {} · {short} ", r.ix() + 1, rung_name(sc, r))
    };
    let [label, gauge] = Layout::horizontal([
        Constraint::Length(text.chars().count() as u16),
        Constraint::Min(0),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(text).style(t.title()), label);
    let ratio = ((r.ix() + 1) as f64 / n as f64).clamp(0.0, 1.0);
    frame.render_widget(
        Gauge::default()
            .ratio(ratio)
            .label("")
            .gauge_style(t.rung(r.ix(), n))
            .use_unicode(true),
        gauge,
    );
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
                Span::raw(fit::clip(&it.summary, room)),
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

fn counterparts(
    frame: &mut Frame<'_>,
    area: Rect,
    view: SeatView<'_>,
    console: &Console,
    hits: &mut Hits,
) {
    let t = console.theme();
    let focused = console.panel == Panel::Counterparts;
    let sel = console.sel[Panel::Counterparts.ix_pub()];
    let all = model::counterparts(view);
    let inner = Block::bordered().inner(area);
    let width = usize::from(inner.width);
    // One row a counterpart, then what the seat knows of the focused one.
    let detail = all
        .get(sel)
        .map(|c| counterpart_summary(view, c, width))
        .unwrap_or_default();
    let n = all.len() as u16;
    let room = inner.height.saturating_sub(n).max(2);
    let mut detail_lines: Vec<String> = Vec::new();
    let mut used = 0;
    for d in &detail {
        let h = fit::lines(d, inner.width);
        if used + h > room {
            if let Some(last) = detail_lines.last_mut() {
                let marked = format!("{last} …");
                *last = if fit::lines(&marked, inner.width) == fit::lines(last, inner.width) {
                    marked
                } else {
                    format!("{} …", fit::clip(last, width.saturating_sub(2)))
                };
            }
            break;
        }
        used += h;
        detail_lines.push(d.clone());
    }
    let [list, info] = list_then_detail(inner, all.len(), used);
    let per = usize::from(list.height);
    let first = offset(sel, per);
    let shown = all.len().saturating_sub(first).min(per);
    let title = if width >= 40 {
        "Counterparts · your services' posture"
    } else {
        "Counterparts · posture"
    };
    let mut block = panel_block(title, '2', focused, t);
    if let Some(hint) = more_hint(first, shown, all.len()) {
        block = block.title_bottom(Line::from(Span::styled(hint, t.dim())).right_aligned());
    }
    frame.render_widget(block, area);
    rows(hits, list, Panel::Counterparts, first, shown, 1);
    // The name takes what the posture and the tension leave, up to 22 columns.
    let name_w = width.saturating_sub(19).clamp(4, 22);
    let lines: Vec<Line> = all
        .iter()
        .enumerate()
        .skip(first)
        .take(per)
        .map(|(i, c)| {
            let posture = console.draft_posture(c.actor).unwrap_or(c.posture);
            let changed = console
                .draft_posture(c.actor)
                .is_some_and(|p| p != c.posture);
            let mut head = Line::from(vec![
                Span::styled(fit::cell(&c.name, name_w), t.title()),
                Span::raw("◀"),
                Span::styled(
                    format!("{:<11}", model::posture_symbol(posture)),
                    posture_style(posture, t),
                ),
                Span::raw(if changed { "▶*" } else { "▶ " }),
                Span::styled(format!(" {:>4.1}", c.tension), t.dim()),
            ]);
            if focused && i == sel {
                head = head.style(t.selected());
            }
            head
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(
        Paragraph::new(detail_lines.join("\n"))
            .style(t.dim())
            .wrap(Wrap { trim: true }),
        info,
    );
}

/// A list of `len` rows with the focused item's detail (`detail` lines) right under it; the list
/// gives way to the detail, and scrolls, when both do not fit.
fn list_then_detail(area: Rect, len: usize, detail: u16) -> [Rect; 2] {
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

/// "↑ 2 more · ↓ 1 more" when a list shows only part of itself.
fn more_hint(first: usize, shown: usize, total: usize) -> Option<String> {
    let below = total.saturating_sub(first + shown);
    let parts: Vec<String> = [(first, "↑"), (below, "↓")]
        .iter()
        .filter(|(k, _)| *k > 0)
        .map(|(k, arrow)| format!("{arrow} {k} more"))
        .collect();
    (!parts.is_empty()).then(|| format!(" {} ", parts.join(" · ")))
}

/// The focused counterpart in a few short lines, most important first: the panel shows as many
/// as fit, and Enter opens them all.
fn counterpart_summary(view: SeatView<'_>, c: &Counterpart, width: usize) -> Vec<String> {
    let sc = view.scenario();
    let mut out = Vec::new();
    if c.name.chars().count() > width.saturating_sub(19).clamp(4, 22) {
        out.push(format!("▸ {}", c.name));
    }
    let state = sc.actor(c.actor).kind.is_state() && sc.actor(view.seat()).kind.is_state();
    out.push(format!(
        "trust {} · tension {:.1}{}",
        pc(c.trust),
        c.tension,
        if state {
            ""
        } else {
            " (not state to state: the ladder ignores it)"
        }
    ));
    out.push(match &c.assessed {
        Some((intent, p)) => format!("you think: {intent} {}", pc(*p)),
        None => "you think: not assessed yet".to_owned(),
    });
    let mut ties = vec![if c.channels.is_empty() {
        "no channel".to_owned()
    } else {
        c.channels.join(", ")
    }];
    if !c.agreements.is_empty() {
        ties.push(format!("{} agreement(s)", c.agreements.len()));
    }
    let ours = view.own_operations().filter(|o| o.owner == c.actor).count();
    if ours > 0 {
        ties.push(format!("our ops in its networks: {ours}"));
    }
    out.push(ties.join(" · "));
    out
}

fn posture_style(p: crate::engine::Posture, t: Theme) -> Style {
    match p {
        crate::engine::Posture::Restrain => t.good(),
        crate::engine::Posture::Routine => Style::new(),
        crate::engine::Posture::Intensify => t.bad(),
    }
}

fn actions(
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
        let esc = if cost.weight > 0.0 {
            " Escalates (↑)."
        } else if cost.weight < 0.0 {
            " De-escalates (↓)."
        } else {
            ""
        };
        format!("{what}{esc}")
    });
    let keep = acts.len().min(4) as u16;
    let need = about.as_deref().map_or(0, |a| {
        fit::lines(a, inner.width).min(inner.height.saturating_sub(keep))
    });
    let [list, info] = list_then_detail(inner, acts.len(), need);
    let h = usize::from(list.height);
    let first = offset(sel, h);
    if let Some(hint) = more_hint(first, acts.len().saturating_sub(first).min(h), acts.len()) {
        block = block.title_bottom(Line::from(Span::styled(hint, t.dim())).right_aligned());
    }
    frame.render_widget(block, area);
    rows(
        hits,
        list,
        Panel::Actions,
        first,
        acts.len().saturating_sub(first).min(h),
        1,
    );
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

fn orders(
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
    frame.render_widget(block, area);
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
        if room == 0 {
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
    if let Some(hint) = more_hint(first, shown, heights.len()) {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(hint, t.dim())).right_aligned()),
            Rect::new(area.x, area.bottom().saturating_sub(1), area.width, 1),
        );
    }
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

/// What the seat knows of one counterpart, for its detail window.
pub fn counterpart_detail(view: SeatView<'_>, c: &Counterpart) -> Vec<String> {
    let sc = view.scenario();
    let mut out = vec![
        format!("{} ({})", c.name, c.kind),
        sc.actor(c.actor).description.clone(),
        String::new(),
        format!(
            "Your services toward it: {}: they {} (disruption only on your explicit order)",
            model::posture_symbol(c.posture),
            model::permitted(c.posture)
        ),
        format!(
            "Trust {} · tension {:.1} (the ladder's rungs are on the same scale)",
            pc(c.trust),
            c.tension
        ),
        format!(
            "Channels: {}",
            if c.channels.is_empty() {
                "none".to_owned()
            } else {
                c.channels.join(", ")
            }
        ),
        format!(
            "Agreements: {}",
            if c.agreements.is_empty() {
                "none".to_owned()
            } else {
                c.agreements.join("; ")
            }
        ),
        format!("Public reputation: {}", pc(view.reputation(c.actor))),
        String::new(),
    ];
    let ops: Vec<_> = view
        .own_operations()
        .filter(|o| o.owner == c.actor)
        .collect();
    if ops.is_empty() {
        out.push("Your services run no operation in its networks.".to_owned());
    } else {
        out.push("Your services' operations in its networks:".to_owned());
        for o in ops {
            out.push(format!(
                "  {} in {} since turn {}{}",
                crate::report::words::op_name(o.kind),
                sc.assets[o.target.ix()].name,
                o.since,
                if o.found {
                    " — they have found it"
                } else {
                    " — not known to be found"
                }
            ));
        }
    }
    out.extend([
        String::new(),
        "Your analysts' reading of its intent (from the evidence you have seen):".to_owned(),
    ]);
    for (i, p) in view.belief(c.actor).iter().enumerate() {
        if *p >= 0.005 {
            out.push(format!("  {:<16} {}", sc.intents[i].name, pc(*p)));
        }
    }
    out.push(format!("Your fear of it: {}", pc(view.fear(c.actor))));
    if let Some(s) = &c.last_signal {
        out.push(String::new());
        out.push(format!("Last signal: {s}"));
    }
    out
}
