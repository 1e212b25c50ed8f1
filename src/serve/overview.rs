//! Draws the facilitator's console: every table in one list (turn, rung, who is ready, the
//! timer), the chosen table's seats against the truth (intents, what each side believes of the
//! other, their last assessment), the intervention form, the class debrief and the help.

use super::facilitator::{Facilitator, Page};
use super::room::Desk;
use crate::report::Format;
use crate::report::words::{intent_name, pct, rung_name};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

const KEYS: &[(&str, &str)] = &[
    ("↑↓", "table"),
    ("←→", "seat"),
    ("p/P", "pause"),
    ("f/F", "force"),
    ("m/M", "+1 min"),
    ("c", "computer seat"),
    ("i", "intervene"),
    ("v", "watch"),
    ("d", "class debrief"),
    ("?", "help"),
];

/// The facilitator's help: every key, lower case for the chosen table, upper case for all.
pub const HELP: &[&str] = &[
    "The facilitator's console: every table of the workshop, and the truth the trainees cannot see.",
    "",
    "↑ ↓      choose a table          ← → / Tab   choose a seat of that table",
    "p  P     pause or resume this table / every table",
    "f  F     force the turn now at this table / every table (seats not ready keep their postures)",
    "m  M     one more minute on the turn timer, this table / every table",
    "c        hand the chosen seat to the computer (its trainees left), or back to its people",
    "v        watch the chosen seat's own screen, live, as its trainees see it (any key returns)",
    "i        intervene: an inject, a news item, or a tension or pressure override with a reason",
    "d        the class debrief: every table side by side; e exports it as Markdown",
    "q        leave the facilitator's console (the workshop goes on; join again with your code)",
    "",
    "Every intervention is recorded in the table's save, so a replay of the game stays exact.",
    "",
    "Any key closes this help.",
];

pub fn draw(frame: &mut Frame<'_>, f: &Facilitator, desks: &[Desk], t: Theme) {
    if f.page == Page::Watch
        && let Some(d) = desks.get(f.table)
        && let Some(seat) = d.table.seats().get(f.seat)
        && let Some(c) = d.console(seat.actor)
    {
        crate::tui::ui::console(
            frame,
            c,
            d.table.game().view(seat.actor),
            Some(&d.status(seat.actor)),
        );
        let area = frame.area();
        let label = format!(
            " WATCHING {} at table {} · any key returns ",
            d.table.scenario().actor(seat.actor).name,
            f.table + 1
        );
        let w = (label.chars().count() as u16).min(area.width);
        let r = Rect::new(area.right() - w, area.y, w, 1);
        frame.render_widget(Paragraph::new(Span::styled(label, t.selected())), r);
        return;
    }
    let area = frame.area();
    let [body, notice, keys] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match f.page {
        Page::Overview | Page::Watch => overview(frame, body, f, desks, t),
        Page::ClassDebrief => {
            let text = super::facilitator::class_debrief(desks, Format::Text);
            let p = Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .scroll((f.scroll, 0))
                .block(block(
                    t,
                    "Class debrief  (↑↓ scroll · e export as Markdown · any other key: back)",
                ));
            frame.render_widget(p, body);
        }
        Page::Help => {
            let lines: Vec<Line> = HELP.iter().map(|l| Line::raw(*l)).collect();
            frame.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .block(block(t, "Help")),
                body,
            );
        }
    }
    if let Some(n) = &f.notice {
        frame.render_widget(Paragraph::new(Span::styled(n.as_str(), t.warn())), notice);
    }
    let mut spans = Vec::new();
    for (k, v) in KEYS {
        spans.push(Span::styled(format!(" {k}"), t.key()));
        spans.push(Span::raw(format!(" {v} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), keys);
    if let (Some(form), Some(desk)) = (&f.form, desks.get(f.table)) {
        draw_form(frame, area, form, desk, t);
    }
    if f.confirm_leave {
        let r = centred(area, 56, 5);
        frame.render_widget(Clear, r);
        frame.render_widget(
            Paragraph::new("Leave the facilitator's console? The workshop goes on.\n\n y leave   any other key: stay")
                .block(block(t, "Leave")),
            r,
        );
    }
}

fn block(t: Theme, title: &str) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_style(t.border(true))
        .title(Span::styled(format!(" {title} "), t.title()))
}

fn overview(frame: &mut Frame<'_>, area: Rect, f: &Facilitator, desks: &[Desk], t: Theme) {
    let list_h = (desks.len() as u16 + 2).min(area.height / 2).max(3);
    let [list, detail] =
        Layout::vertical([Constraint::Length(list_h), Constraint::Min(1)]).areas(area);
    let title = desks.first().map_or_else(String::new, |d| {
        format!(
            "Workshop: {} · seed {} · {} table{}",
            d.table.scenario().title,
            d.table.game().seed(),
            desks.len(),
            if desks.len() == 1 { "" } else { "s" }
        )
    });
    let rows: Vec<Line> = desks
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let line = table_row(k, d);
            if k == f.table {
                Line::styled(format!("▶ {line}"), t.selected())
            } else {
                Line::raw(format!("  {line}"))
            }
        })
        .collect();
    let skip = crate::tui::ui::offset(f.table, list_h.saturating_sub(2) as usize) as u16;
    frame.render_widget(
        Paragraph::new(rows)
            .scroll((skip, 0))
            .block(block(t, &title)),
        list,
    );
    if let Some(d) = desks.get(f.table) {
        let lines = truth_lines(d, f.seat, t);
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(block(
                    t,
                    &format!("Table {}: seats and the truth", f.table + 1),
                )),
            detail,
        );
    }
}

/// One table in the list: number, turn, rung, every seat's state, the timer.
fn table_row(k: usize, d: &Desk) -> String {
    let tb = &d.table;
    let sc = tb.scenario();
    let g = tb.game();
    let turn = if g.is_over() {
        format!("over after {}", g.state().turn)
    } else {
        format!("turn {}/{}", g.current_turn(), sc.turn_limit)
    };
    let seats: Vec<String> = tb
        .seats()
        .iter()
        .map(|s| {
            let state = if s.stand_in.is_some() {
                "computer"
            } else if s.ready {
                "ready"
            } else {
                "deciding"
            };
            format!(
                "{} {state} ({} here)",
                sc.actor(s.actor).name,
                d.present(s.actor)
            )
        })
        .collect();
    let clock = if tb.is_paused() {
        "PAUSED".to_owned()
    } else {
        tb.timer().map_or_else(
            || "no timer".into(),
            |t| format!("{}:{:02}", t.left / 60, t.left % 60),
        )
    };
    format!(
        "Table {}  {turn}  {}  {}  {clock}",
        k + 1,
        rung_name(sc, g.state().rung),
        seats.join(" · ")
    )
}

/// Every actor of a table: who plays it, its true intent, and what it believes of each other
/// actor against the truth (with the seat's last recorded assessment).
fn truth_lines(d: &Desk, seat: usize, t: Theme) -> Vec<Line<'static>> {
    let tb = &d.table;
    let sc = tb.scenario();
    let st = tb.game().state();
    let chosen = tb.seats().get(seat).map(|s| s.actor);
    let mut out = vec![Line::raw(format!(
        "Rung {} of {}: {}.",
        st.rung.ix() + 1,
        sc.ladder.len(),
        rung_name(sc, st.rung)
    ))];
    for a in sc.actor_ixs() {
        let me = &st.actors[a.ix()];
        let who = match tb.seat(a) {
            Some(s) if s.stand_in.is_some() => "trainees away, the computer plays".to_owned(),
            Some(s) => format!(
                "trainees, {} here, {}",
                d.present(a),
                if s.ready { "ready" } else { "deciding" }
            ),
            None => "computer".to_owned(),
        };
        let mark = if Some(a) == chosen { "▶ " } else { "  " };
        out.push(Line::styled(
            format!(
                "{mark}{} ({who}): truly {}; pressure {:.2}",
                sc.actor(a).name,
                intent_name(sc, me.intent),
                me.pressure
            ),
            if Some(a) == chosen {
                t.selected()
            } else {
                t.title()
            },
        ));
        // The beliefs that matter to the lesson: each playable role's about the others.
        if !sc.playable.contains(&a) {
            continue;
        }
        for b in sc.playable.iter().copied().filter(|&b| b != a) {
            let belief = st.belief(sc, a, b);
            let (likeliest, p) =
                belief.iter().enumerate().fold(
                    (0, 0.0),
                    |best, (i, &p)| if p > best.1 { (i, p) } else { best },
                );
            let truth = st.actors[b.ix()].intent;
            let right = likeliest == truth.ix();
            let mut line = format!(
                "      thinks {} is {} ({}%); truly {} ({}% on it){}; tension {:.1}",
                sc.actor(b).name,
                intent_name(sc, crate::ids::IntentIx::from_ix(likeliest)),
                pct(p),
                intent_name(sc, truth),
                pct(belief.get(truth.ix()).copied().unwrap_or(0.0)),
                if right { "" } else { " ✘" },
                st.relation(a, b).tension
            );
            if let Some((turn, assessment)) = me.assessments.iter().rev().find(|(_, x)| x.of == b) {
                let (i, q) = assessment
                    .probs
                    .iter()
                    .enumerate()
                    .fold(
                        (0, 0.0),
                        |best, (i, &p)| if p > best.1 { (i, p) } else { best },
                    );
                line.push_str(&format!(
                    "; assessed turn {turn}: {} {}%",
                    intent_name(sc, crate::ids::IntentIx::from_ix(i)),
                    pct(q)
                ));
            }
            out.push(Line::styled(line, if right { t.dim() } else { t.warn() }));
        }
    }
    out
}

fn draw_form(
    frame: &mut Frame<'_>,
    area: Rect,
    form: &super::facilitator::InterveneForm,
    desk: &Desk,
    t: Theme,
) {
    let sc = desk.table.scenario();
    let fields = form.fields();
    let h = (fields.len() as u16 + 5).min(area.height);
    let r = centred(area, 76, h);
    frame.render_widget(Clear, r);
    let mut lines: Vec<Line> = fields
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let value = form.shown(*f, sc);
            let text = if f.typed() {
                format!(
                    "{:>13}: {value}{}",
                    f.label(),
                    if k == form.sel { "▏" } else { "" }
                )
            } else {
                format!("{:>13}: ◀ {value} ▶", f.label())
            };
            if k == form.sel {
                Line::styled(text, t.selected())
            } else {
                Line::raw(text)
            }
        })
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "↑↓ field · ←→ change · type into text fields · Enter send · Esc cancel",
        t.dim(),
    ));
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(block(t, "Intervene")),
        r,
    );
}

fn centred(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}
