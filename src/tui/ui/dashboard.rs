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

use super::{Hit, Hits, offset};
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
    let line = Line::from(vec![
        Span::styled(format!(" {} ", sc.actor(view.seat()).name), t.title()),
        Span::raw(format!(
            "│ Turn {}/{} · week {week} │ Pressure ",
            view.turn(),
            sc.turn_limit
        )),
        Span::styled(pc(me.pressure), pressure_style(me.pressure, t)),
        Span::raw(format!(
            " │ Capital {}/{} left │ Reputation {}",
            me.capital.saturating_sub(spent),
            me.capital,
            pc(me.reputation)
        )),
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

fn ladder(frame: &mut Frame<'_>, area: Rect, view: SeatView<'_>, t: Theme) {
    let sc = view.scenario();
    let r = view.rung();
    let n = sc.ladder.len().max(1);
    let label = format!(
        "Ladder: rung {} of {} · {}",
        r.ix() + 1,
        n,
        rung_name(sc, r)
    );
    let ratio = ((r.ix() + 1) as f64 / n as f64).clamp(0.0, 1.0);
    frame.render_widget(
        Gauge::default()
            .ratio(ratio)
            .label(label)
            .gauge_style(t.rung(r.ix(), n))
            .use_unicode(true),
        area,
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
    let [inner, preview] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(3)]).areas(inner);
    if let Some(it) = items.get(sel) {
        frame.render_widget(
            Paragraph::new(format!("▸ {}", it.summary))
                .style(t.dim())
                .wrap(Wrap { trim: true }),
            preview,
        );
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
            let mut l = Line::from(vec![
                Span::styled(format!("T{:<2} ", it.turn), t.dim()),
                Span::styled(format!("{:<8} ", it.tag.word()), tag_style(it.tag, t)),
                Span::raw(it.summary.clone()),
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
    let block = panel_block("Counterparts · your services' posture", '2', focused, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let sel = console.sel[Panel::Counterparts.ix_pub()];
    let all = model::counterparts(view);
    // Three lines a counterpart where there is room, so nothing is cut; two where there is not.
    let lines_each = if usize::from(inner.height) >= 3 * all.len() {
        3
    } else {
        2
    };
    let per = usize::from(inner.height) / lines_each;
    let first = offset(sel, per);
    let shown = all.len().saturating_sub(first).min(per);
    rows(hits, inner, Panel::Counterparts, first, shown, lines_each);
    let mut lines = Vec::new();
    for (i, c) in all.iter().enumerate().skip(first).take(per) {
        let posture = console.draft_posture(c.actor).unwrap_or(c.posture);
        let changed = console
            .draft_posture(c.actor)
            .is_some_and(|p| p != c.posture);
        let width = usize::from(inner.width);
        let name: String = c.name.chars().take(width.saturating_sub(16)).collect();
        let pad = width.saturating_sub(16).min(22);
        let mut head = Line::from(vec![
            Span::styled(format!("{name:<pad$}"), t.title()),
            Span::raw("◀"),
            Span::styled(
                format!("{:<11}", model::posture_symbol(posture)),
                posture_style(posture, t),
            ),
            Span::raw(if changed { "▶*" } else { "▶" }),
        ]);
        let assessed = c
            .assessed
            .as_ref()
            .map_or("not assessed".to_owned(), |(n, p)| {
                format!("{n} {}", pc(*p))
            });
        let chans = if c.channels.is_empty() {
            "no channel".to_owned()
        } else {
            c.channels.join(", ")
        };
        let agr = if c.agreements.is_empty() {
            String::new()
        } else {
            format!(" · {} agreement(s)", c.agreements.len())
        };
        let ours = view.own_operations().filter(|o| o.owner == c.actor).count();
        let ops = if ours > 0 {
            format!(" · our ops {ours}")
        } else {
            String::new()
        };
        let facts = format!("  trust {} tension {:.1}{ops}", pc(c.trust), c.tension);
        let reading = format!("you think: {assessed} · {chans}{agr}");
        if focused && i == sel {
            head = head.style(t.selected());
        }
        lines.push(head);
        if lines_each == 3 {
            lines.push(Line::from(Span::styled(
                format!("{facts} · {chans}{agr}"),
                t.dim(),
            )));
            lines.push(Line::from(Span::styled(
                format!("  you think: {assessed}"),
                t.dim(),
            )));
        } else {
            lines.push(Line::from(Span::styled(
                format!("{facts} · {reading}"),
                t.dim(),
            )));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
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
    let block = panel_block("Actions · cost · seen by", '3', focused, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [list, info] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
    let sel = console.sel[Panel::Actions.ix_pub()];
    let h = usize::from(list.height);
    let first = offset(sel, h);
    let acts: Vec<_> = view.actions().collect();
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
    if let Some((kind, cost)) = acts.get(sel) {
        let (_, _, what) = model::action_info(*kind);
        let esc = if cost.weight > 0.0 {
            " Escalates."
        } else if cost.weight < 0.0 {
            " De-escalates."
        } else {
            ""
        };
        frame.render_widget(
            Paragraph::new(format!("{what}{esc}"))
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
    let block = panel_block("This turn's orders (e: end turn)", '4', focused, t);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    // What the services will do toward each counterpart under the postures now ordered.
    let [inner, will] = Layout::vertical([Constraint::Min(1), Constraint::Length(2)]).areas(inner);
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
    // The largest group is "everyone else", so the line stays short with many counterparts.
    let biggest = groups.iter().map(|(_, w)| w.len()).max().unwrap_or(0);
    let plans: Vec<String> = groups
        .iter()
        .map(|(p, who)| {
            let names = if who.len() == biggest && groups.len() > 1 {
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
    frame.render_widget(
        Paragraph::new(format!("Services: {}.", plans.join("; ")))
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
    let h = usize::from(inner.height);
    let first = offset(sel, h);
    rows(
        hits,
        inner,
        Panel::Orders,
        first,
        lines.len().saturating_sub(first).min(h),
        1,
    );
    let lines: Vec<Line> = lines
        .into_iter()
        .enumerate()
        .skip(first)
        .take(h)
        .map(|(i, l)| {
            if focused && i == sel {
                l.style(t.selected())
            } else {
                l
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
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
