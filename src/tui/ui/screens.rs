//! The text screens: the briefing, the assessment, the turn report and the hot-seat hand-over.
//!
//! ```text
//! ┌ Briefing: title ─────────────┐  ┌ Assessment ─ what do you believe each intends? ┐
//! │ background, role, objectives │  │ Borealis  [1] Sec 70%  [2] Opp 15% [3] Rev 15% │
//! │ the other actors, the keys   │  │ …                                              │
//! └──────────────────────────────┘  └────────────────────────────────────────────────┘
//! ```

use crate::engine::SeatView;
use crate::report::Narrator;
use crate::report::words::rung_name;
use crate::tui::console::Console;
use crate::tui::model;
use crate::tui::model::pc;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// Returns how far the briefing can scroll.
pub fn briefing(frame: &mut Frame<'_>, body: Rect, console: &Console, view: SeatView<'_>) -> u16 {
    let t = console.theme();
    let seat = view.seat();
    let sc = view.scenario();
    let mut lines: Vec<Line> = Vec::new();
    let head = |lines: &mut Vec<Line>, h: &str| {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(h.to_owned(), t.title())));
    };
    lines.push(Line::from(vec![
        Span::styled("You play ", t.dim()),
        Span::styled(sc.actor(seat).name.clone(), t.key()),
        Span::styled(
            format!(
                ": {}. The crisis lasts up to {} turns of {} days.",
                sc.actor(seat).description.trim_end_matches('.'),
                sc.turn_limit,
                sc.days_per_turn
            ),
            t.dim(),
        ),
    ]));
    if let Some(m) = view.mandate() {
        head(&mut lines, "Your government's mandate");
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", m.name), t.key()),
            Span::raw(m.description.clone()),
        ]));
        lines.push(Line::from(Span::styled(
            "This is what your government wants; it does not change during the game. The others \
             cannot see it: they read it from what your services and your diplomacy do.",
            t.dim(),
        )));
    }
    head(&mut lines, "The situation");
    for para in sc.briefing.split("\n\n") {
        lines.push(Line::from(para.trim().to_owned()));
        lines.push(Line::from(""));
    }
    head(&mut lines, "Your objectives");
    for o in &sc.objectives {
        lines.push(Line::from(format!("• {o}")));
    }
    head(&mut lines, "The other actors, as far as you know");
    for a in view.others() {
        let x = sc.actor(a);
        lines.push(Line::from(vec![
            Span::styled(format!("{} ", x.name), t.title()),
            Span::styled(format!("({}) ", model::kind_name(x.kind)), t.dim()),
            Span::raw(x.description.clone()),
        ]));
    }
    head(&mut lines, "How a turn works");
    for l in [
        "1. Read the intelligence feed: incidents, cables, news. Enter opens an item.",
        "2. Set the posture of your services toward each counterpart (Counterparts panel, ←→).",
        "3. Choose actions (Actions panel, Enter); review or withdraw them under Orders.",
        "4. Press e to end the turn: record what you believe each counterpart intends, then send.",
        "5. Read the turn report; the ladder shows how far the crisis has gone.",
        "Tab moves between panels, ? shows help and a glossary, q saves and quits.",
    ] {
        lines.push(Line::from(l));
    }
    // Before the first turn Enter begins the game; later it only returns to it.
    let enter = if view.turns_played() == 0 {
        "Enter to begin"
    } else {
        "Enter returns"
    };
    let block = Block::bordered().title(Span::styled(
        format!(" Briefing: {} — {enter} ", sc.title),
        t.title(),
    ));
    let p = Paragraph::new(lines).wrap(Wrap { trim: true });
    super::scrolled(
        frame,
        body,
        p,
        block,
        console.briefing_scroll,
        super::more_below(t),
    )
}

pub fn assessment(
    frame: &mut Frame<'_>,
    body: Rect,
    console: &Console,
    view: SeatView<'_>,
    hits: &mut super::Hits,
) {
    let t = console.theme();
    let sc = view.scenario();
    let block = Block::bordered().title(Span::styled(
        format!(
            " Assessment, turn {}: what does each counterpart intend? ",
            view.turn()
        ),
        t.title(),
    ));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    // The intent under the cursor explained in full, so moving along the row explains each.
    let legend_text = console.assess.get(console.assess_sel.0).map(|row| {
        let names: Vec<String> = row
            .hypotheses
            .iter()
            .enumerate()
            .map(|(c, h)| format!("{} {}", c + 1, sc.intents[h.ix()].name))
            .collect();
        let focus = row
            .hypotheses
            .get(console.assess_sel.1)
            .map(|h| &sc.intents[h.ix()])
            .map_or(String::new(), |i| {
                format!(
                    "\n▸ {} (hostility {:.1} of 1): {}",
                    i.name, i.hostility, i.description
                )
            });
        format!("The intent types: {}.{focus}", names.join(" · "))
    });
    let need = legend_text.as_deref().map_or(0, |l| {
        super::fit::lines(l, inner.width).min(inner.height / 2)
    });
    let [intro, rows, legend] = Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(need),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(
            "Press a number for the intent you think likeliest (it gets 70%); ←→ move between the \
             intents and + - change the one chosen; 0 skips. The debrief scores these against the \
             truth. Enter sends your orders.",
        )
        .wrap(Wrap { trim: true })
        .style(t.dim()),
        intro,
    );
    let mut lines = Vec::new();
    // What each line stands for, for clicks: its counterpart, and its intent if it is one.
    let mut targets = Vec::new();
    let mut sel_line = 0;
    for (r, row) in console.assess.iter().enumerate() {
        let here = r == console.assess_sel.0;
        if here {
            sel_line = lines.len();
        }
        targets.push(super::Hit::Assess(r, None));
        let mut head = vec![Span::styled(
            format!(
                "{} {}",
                if here { "▶" } else { " " },
                sc.actor(row.actor).name
            ),
            if here { t.selected() } else { t.title() },
        )];
        if row.probs.is_none() {
            head.push(Span::styled("  not assessed (skipped)", t.dim()));
        }
        lines.push(Line::from(head));
        if let Some(p) = &row.probs {
            for (c, h) in row.hypotheses.iter().enumerate() {
                let v = p[h.ix()];
                let bar = "█".repeat((v * 20.0).round() as usize);
                let style = if here && c == console.assess_sel.1 {
                    t.selected()
                } else {
                    ratatui::style::Style::new()
                };
                targets.push(super::Hit::Assess(r, Some(c)));
                lines.push(Line::from(vec![
                    Span::styled(
                        format!("    {} {:<16}", c + 1, sc.intents[h.ix()].name),
                        style,
                    ),
                    Span::raw(format!(" {:>4} ", pc(v))),
                    Span::styled(bar, t.good()),
                ]));
            }
        }
    }
    let skip = sel_line.saturating_sub(usize::from(rows.height).saturating_sub(6));
    let lines: Vec<Line> = lines.into_iter().skip(skip).collect();
    for (i, hit) in targets
        .into_iter()
        .skip(skip)
        .take(usize::from(rows.height))
        .enumerate()
    {
        hits.push(Rect::new(rows.x, rows.y + i as u16, rows.width, 1), hit);
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), rows);
    if let Some(text) = legend_text {
        frame.render_widget(
            Paragraph::new(text)
                .style(t.dim())
                .wrap(Wrap { trim: true }),
            legend,
        );
    }
}

/// Returns how far the report can scroll.
pub fn turn_report(
    frame: &mut Frame<'_>,
    body: Rect,
    console: &Console,
    view: SeatView<'_>,
) -> u16 {
    let t = console.theme();
    let seat = view.seat();
    let sc = view.scenario();
    let n = Narrator::for_seat(view);
    let turn = console.report_turn;
    let before = view.rung_at(turn.saturating_sub(1)).unwrap_or(view.rung());
    let after = view.rung_at(turn).unwrap_or(view.rung());
    let (arrow, style) = match after.cmp(&before) {
        std::cmp::Ordering::Greater => ("▲ up", t.bad()),
        std::cmp::Ordering::Less => ("▼ down", t.good()),
        std::cmp::Ordering::Equal => ("= unchanged", t.dim()),
    };
    let mut lines = vec![
        Line::from(vec![
            Span::raw("The ladder: "),
            Span::raw(rung_name(sc, before).to_owned()),
            Span::raw(" → "),
            Span::styled(
                rung_name(sc, after).to_owned(),
                t.rung(after.ix(), sc.ladder.len()),
            ),
            Span::raw("  "),
            Span::styled(arrow, style),
        ]),
        Line::from(format!(
            "Pressure at home {} · reputation {} · capital next turn {}",
            pc(view.me().pressure),
            pc(view.me().reputation),
            view.capital()
        )),
        Line::from(""),
        Line::from(Span::styled(
            "What happened, as far as you can know",
            t.title(),
        )),
    ];
    for l in n.report_lines(view.events_of(turn)) {
        lines.push(Line::from(format!("• {l}")));
    }
    if let Some(o) = view.outcome() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!(
                "The game is over: {}. Press Enter for the debrief.",
                crate::report::words::outcome_name(o)
            ),
            t.key(),
        )));
    } else {
        let next: Vec<_> = view.events_of(turn + 1).collect();
        if !next.is_empty() {
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                "Coming in next turn's briefing",
                t.title(),
            )));
            for e in next {
                lines.push(Line::from(format!("• {}", n.describe(e))));
            }
        }
    }
    let block = Block::bordered().title(Span::styled(
        format!(
            " Turn {turn} report, {} — Enter to continue ",
            sc.actor(seat).name
        ),
        t.title(),
    ));
    let p = Paragraph::new(lines).wrap(Wrap { trim: true });
    super::scrolled(
        frame,
        body,
        p,
        block,
        console.report_scroll,
        super::more_below(t),
    )
}

/// The hot seat's hand-over: only the next seat's name shows.
pub fn handover(frame: &mut Frame<'_>, body: Rect, t: crate::tui::theme::Theme, name: &str) {
    let block = Block::bordered().title(Span::styled(" Hand over ", t.title()));
    let text = vec![
        Line::from(""),
        Line::from(Span::styled(
            format!("Pass the keyboard to the player of {name}."),
            t.key(),
        )),
        Line::from(""),
        Line::from("Everything the last player saw is hidden."),
        Line::from(format!("{name}'s player: press Enter when you are ready.")),
    ];
    frame.render_widget(
        Paragraph::new(text)
            .block(block)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(Wrap { trim: true }),
        body,
    );
}
