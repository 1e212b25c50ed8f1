//! The debrief screen, in five pages: the outcome and score with its parts; the charts (the
//! escalation curve, and per counterpart your assessments against the truth); how each
//! counterpart saw you; the turning points with the counterparts' reasons; and what a scripted
//! diplomat in your seat would have done from a turn you pick.
//!
//! ```text
//! ┌ Debrief ─ Outcome │ Charts │ How they saw you │ Turning points │ What worked ┐
//! │ page                                                                        │
//! └─────────────────────────────────────────────────────────────────────────────┘
//! ```

use crate::engine::SeatView;
use crate::ids::ActorIx;
use crate::report::Debrief;
use crate::report::words::{f2, outcome_name};
use crate::tui::console::{Console, DEBRIEF_TABS};
use crate::tui::model::pc;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Block, Chart, Dataset, GraphType, Paragraph, Tabs, Wrap};

pub fn draw(
    frame: &mut Frame<'_>,
    body: Rect,
    console: &Console,
    view: SeatView<'_>,
    hits: &mut super::Hits,
) {
    let Some(d) = &console.debrief else {
        return;
    };
    let t = console.theme();
    let me = view.seat();
    let block = Block::bordered().title(Span::styled(" Debrief — m exports Markdown ", t.title()));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let [tabs, page] = Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(inner);
    // Each tab as the widget lays it out: a space either side of its name, then the divider.
    let mut x = tabs.x;
    for (i, name) in DEBRIEF_TABS.iter().enumerate() {
        let w = name.chars().count() as u16 + 2;
        let r = Rect::new(x, tabs.y, w, 1).intersection(tabs);
        hits.push(r, super::Hit::Tab(i));
        x = x.saturating_add(w + 3);
    }
    frame.render_widget(
        Tabs::new(DEBRIEF_TABS.iter().map(|x| x.to_string()))
            .select(console.debrief_tab)
            .highlight_style(t.selected())
            .divider(" │ "),
        tabs,
    );
    let scroll_max = match console.debrief_tab {
        0 => outcome(frame, page, console, d, me),
        1 => {
            charts(frame, page, d, me, t);
            0
        }
        2 => seen(frame, page, console, d, me),
        3 => turning(frame, page, console, d),
        _ => worked(frame, page, console, d),
    };
    hits.scroll_max = Some(scroll_max);
}

/// The diplomat's forks: the fork from the turn the player picks with ↑↓, then the summary.
fn worked(frame: &mut Frame<'_>, area: Rect, console: &Console, d: &Debrief) -> u16 {
    let t = console.theme();
    let sc = d.scenario();
    let mut lines = vec![Line::from(Span::styled(
        "What would have worked",
        t.title(),
    ))];
    let Some(w) = &d.worked else {
        lines.push(Line::from(
            "Only for a seat people played: computer seats have nothing to compare.",
        ));
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), area);
        return 0;
    };
    if let Some(a) = w.from(console.fork_turn) {
        lines.push(Line::from(vec![
            Span::raw("The diplomat in your seat from turn "),
            Span::styled(format!("{}", a.from), t.selected()),
            Span::raw(format!(" of {} (↑↓ to pick):", d.turns)),
        ]));
        lines.push(Line::from(format!(
            "  {}; peak rung {}; score {:.1} against your {:.1}.",
            a.ending,
            crate::report::words::rung_name(sc, a.peak),
            a.score,
            w.played_score
        )));
        lines.push(Line::from(Span::styled(
            format!("  {}", a.divergence),
            t.dim(),
        )));
        let (yours, theirs) = &a.orders;
        lines.push(Line::from(format!("  Turn {}, you: {yours}.", a.from)));
        lines.push(Line::from(format!(
            "  Turn {}, the diplomat: {theirs}.",
            a.from
        )));
        lines.push(Line::from(""));
    }
    for l in d.worked_lines() {
        lines.push(Line::from(l));
        lines.push(Line::from(""));
    }
    let p = Paragraph::new(lines).wrap(Wrap { trim: true });
    super::scrolled(
        frame,
        area,
        p,
        Block::default(),
        console.debrief_scroll,
        super::more_below(console.theme()),
    )
}

fn outcome(frame: &mut Frame<'_>, area: Rect, console: &Console, d: &Debrief, me: ActorIx) -> u16 {
    let t = console.theme();
    let sc = d.scenario();
    let mut lines = Vec::new();
    let word = d.outcome.map_or("unfinished", outcome_name);
    let style = match d.outcome {
        Some(crate::engine::Outcome::Failure) => t.bad(),
        Some(_) => t.good(),
        None => t.warn(),
    };
    lines.push(Line::from(vec![
        Span::raw("Outcome: "),
        Span::styled(word.to_uppercase(), style),
        Span::raw({
            let (top, turn) = d.highest_rung();
            format!(
                " after {} turns · highest rung: {} (turn {turn})",
                d.turns,
                crate::report::words::rung_name(sc, top),
            )
        }),
    ]));
    if let Some(e) = &d.ending {
        lines.push(Line::from(e.clone()));
    }
    lines.push(Line::from(""));
    for seat in d.seats.iter().filter(|x| x.human) {
        let c = &seat.card;
        lines.push(Line::from(Span::styled(
            format!(
                "Score of {}: {:.1} out of 100",
                sc.actor(seat.actor).name,
                c.total
            ),
            t.title(),
        )));
        for (name, v) in [
            ("Conflict avoided", Some(c.conflict_avoided)),
            ("National interest", Some(c.interest)),
            ("Norms and agreements", Some(c.norms)),
            ("Reputation", Some(c.reputation)),
            ("Assessment accuracy", c.assessment),
        ] {
            let bar = v.map_or("not assessed".to_owned(), |v| {
                let n = (v.clamp(0.0, 1.0) * 20.0).round() as usize;
                format!("{}{} {}", "█".repeat(n), "·".repeat(20 - n), f2(v))
            });
            lines.push(Line::from(format!("  {name:<22} {bar}")));
        }
        if let Some((_, reasons)) = d.score_reasons.iter().find(|(a, _)| *a == seat.actor) {
            for r in reasons {
                lines.push(Line::from(Span::styled(format!("  · {r}"), t.dim())));
            }
        }
    }
    if let Some(a) = d.assessments.iter().find(|a| a.seat == me) {
        lines.push(Line::from(""));
        lines.push(Line::from(format!(
            "Brier score of your {} assessments: {} (0 is perfect, 2 the worst). The public prior \
             alone would have scored {}; your analysts' reading of the evidence {}.",
            a.count,
            f2(a.brier),
            f2(a.prior_brier),
            f2(a.bayes_brier)
        )));
    } else {
        lines.push(Line::from(""));
        lines.push(Line::from(
            "You recorded no assessment, so your reading of intentions could not be scored.",
        ));
    }
    if !d.intents_at_start.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("The hidden truth", t.title())));
        for (a, i) in &d.intents_at_start {
            lines.push(Line::from(format!(
                "  {} was {} at the start.",
                sc.actor(*a).name,
                crate::report::words::article(&sc.intents[i.ix()].name)
            )));
        }
    }
    if !d.lessons.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Lessons", t.title())));
        for l in &d.lessons {
            lines.push(Line::from(format!("• {l}")));
        }
    }
    let p = Paragraph::new(lines).wrap(Wrap { trim: true });
    super::scrolled(
        frame,
        area,
        p,
        Block::default(),
        console.debrief_scroll,
        super::more_below(console.theme()),
    )
}

/// The turns along the bottom, named in the last label: an axis title would be drawn over the
/// curves, and a long first label would widen the margin the chart keeps for the other axis.
fn axis_x(turns: f64, t: Theme) -> Axis<'static> {
    let last = turns.max(1.0);
    Axis::default().style(t.dim()).bounds([0.0, last]).labels({
        let last = last as u32;
        // A middle label only where it falls on a whole turn.
        let mut labels = vec![Span::raw("0")];
        if last.is_multiple_of(2) && last > 2 {
            labels.push(Span::raw(format!("{}", last / 2)));
        }
        labels.push(Span::raw(format!("turn {last}")));
        labels
    })
}

fn charts(frame: &mut Frame<'_>, area: Rect, d: &Debrief, me: ActorIx, t: Theme) {
    let sc = d.scenario();
    let [top, bottom] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    let turns = d.turns as f64;
    let curve: Vec<(f64, f64)> = d
        .curve
        .iter()
        .map(|p| (f64::from(p.turn), p.escalation))
        .collect();
    let ymax = curve
        .iter()
        .map(|p| p.1)
        .chain(sc.ladder.iter().map(|r| r.threshold))
        .fold(1.0_f64, f64::max);
    // Each rung's threshold as a dotted line across the chart, named in the line below it.
    let thresholds: Vec<Vec<(f64, f64)>> = sc
        .ladder
        .iter()
        .skip(1)
        .map(|r| {
            (0..=d.turns.max(1))
                .map(|i| (f64::from(i), r.threshold))
                .collect()
        })
        .collect();
    let mut sets: Vec<Dataset> = thresholds
        .iter()
        .map(|line| {
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(t.dim())
                .data(line)
        })
        .collect();
    sets.push(
        Dataset::default()
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(t.warn())
            .data(&curve),
    );
    let names: Vec<String> = sc
        .ladder
        .iter()
        .map(|r| format!("{} {:.0}", r.name, r.threshold))
        .collect();
    let thresholds_text = format!("Rung thresholds: {}", names.join(" · "));
    // The thresholds in words only where the chart keeps room to draw them: they are dotted in
    // it too.
    let need = if top.height >= 12 {
        super::fit::lines(&thresholds_text, top.width).min(3)
    } else {
        0
    };
    let [top, rungs] = Layout::vertical([Constraint::Min(3), Constraint::Length(need)]).areas(top);
    let chart =
        Chart::new(sets)
            .legend_position(None)
            .block(
                Block::bordered().title(
                    " Escalation index, turn by turn (⣿ the index, • the rungs' thresholds) ",
                ),
            )
            .x_axis(axis_x(turns, t))
            .y_axis(Axis::default().style(t.dim()).bounds([0.0, ymax]).labels(
                if top.height >= 8 {
                    vec![
                        Span::raw("0"),
                        Span::raw(format!("{:.0}", ymax / 2.0)),
                        Span::raw(format!("{ymax:.0}")),
                    ]
                } else {
                    vec![Span::raw("0"), Span::raw(format!("{ymax:.0}"))]
                },
            ));
    frame.render_widget(chart, top);
    frame.render_widget(
        Paragraph::new(thresholds_text)
            .style(t.dim())
            .wrap(Wrap { trim: true }),
        rungs,
    );

    // Per counterpart: your recorded assessment (points) and your analysts' belief (line), each
    // as the probability put on the true intent.
    let gaps: Vec<_> = d
        .gaps
        .iter()
        .filter(|g| g.subject != me)
        .filter_map(|g| {
            g.readings
                .iter()
                .find(|r| r.observer == me)
                .map(|r| (g.subject, r))
        })
        .filter(|(_, r)| r.assessed.is_some())
        // As many side by side as keep their titles whole.
        .take(usize::from(bottom.width / 40).clamp(1, 3))
        .collect();
    if gaps.is_empty() {
        frame.render_widget(
            Paragraph::new(
                "You recorded no assessment, so there is no chart of your reading against the truth.",
            )
            .block(Block::bordered().title(" Your assessments against the truth "))
            .wrap(Wrap { trim: true }),
            bottom,
        );
        return;
    }
    let cells = Layout::horizontal(vec![Constraint::Fill(1); gaps.len()]).split(bottom);
    for ((subject, r), cell) in gaps.into_iter().zip(cells.iter()) {
        let analysts: Vec<(f64, f64)> = r
            .p_truth
            .iter()
            .enumerate()
            .map(|(i, p)| (i as f64, *p))
            .collect();
        let mine: Vec<(f64, f64)> = r
            .assessed
            .iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, a)| a.map(|a| (i as f64, a.p_truth)))
            .collect();
        let chart = Chart::new(vec![
            Dataset::default()
                .marker(Marker::Dot)
                .graph_type(GraphType::Scatter)
                .style(t.good())
                .data(&mine),
            Dataset::default()
                .marker(Marker::Braille)
                .graph_type(GraphType::Line)
                .style(t.dim())
                .data(&analysts),
        ])
        .legend_position(None)
        .block(Block::bordered().title(format!(
            " {}: P(true intent) · • you ⣿ analysts ",
            sc.actor(subject).name
        )))
        .x_axis(axis_x(turns, t))
        .y_axis(
            Axis::default()
                .style(t.dim())
                .bounds([0.0, 1.0])
                .labels(vec![Span::raw("0"), Span::raw("1")]),
        );
        frame.render_widget(chart, *cell);
    }
}

fn seen(frame: &mut Frame<'_>, area: Rect, console: &Console, d: &Debrief, me: ActorIx) -> u16 {
    let t = console.theme();
    let sc = d.scenario();
    let Some(g) = d.gaps.iter().find(|g| g.subject == me) else {
        frame.render_widget(Paragraph::new("Nobody formed a view of you."), area);
        return 0;
    };
    let [chart_area, text] =
        Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(area);
    let styles = [t.bad(), t.warn(), t.title(), t.good(), Style::new()];
    // Each observer its own marker as well as its colour, named beside the chart.
    let markers = [
        (Marker::Braille, "⣿"),
        (Marker::Dot, "•"),
        (Marker::Block, "█"),
        (Marker::Bar, "▄"),
        (Marker::HalfBlock, "▀"),
    ];
    let series: Vec<(String, Vec<(f64, f64)>)> = g
        .readings
        .iter()
        .map(|r| {
            (
                sc.actor(r.observer).name.clone(),
                r.hostile
                    .iter()
                    .enumerate()
                    .map(|(i, h)| (i as f64, *h))
                    .collect(),
            )
        })
        .collect();
    let datasets = series
        .iter()
        .enumerate()
        .map(|(i, (_, data))| {
            Dataset::default()
                .marker(markers[i % markers.len()].0)
                .graph_type(GraphType::Line)
                .style(styles[i % styles.len()])
                .data(data)
        })
        .collect();
    let legend: Vec<Span> = series
        .iter()
        .enumerate()
        .flat_map(|(i, (name, _))| {
            [
                Span::styled(
                    format!(" {} {name}", markers[i % markers.len()].1),
                    styles[i % styles.len()],
                ),
                Span::raw(" "),
            ]
        })
        .collect();
    let [chart_area, key] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(1)]).areas(chart_area);
    frame.render_widget(Paragraph::new(Line::from(legend)), key);
    let chart = Chart::new(datasets)
        .legend_position(None)
        .block(Block::bordered().title(format!(
            " How hostile each believed {} to be (0 to 1) ",
            sc.actor(me).name
        )))
        .x_axis(axis_x(d.turns as f64, t))
        .y_axis(
            Axis::default()
                .style(t.dim())
                .bounds([0.0, 1.0])
                .labels(vec![Span::raw("0"), Span::raw("1")]),
        );
    frame.render_widget(chart, chart_area);
    let truth = g
        .truth
        .last()
        .map_or("unknown", |i| sc.intents[i.ix()].name.as_str());
    let mut lines = vec![Line::from(format!("Your true intent: {truth}."))];
    for r in &g.readings {
        if let Some((i, p)) = r.likeliest.last() {
            lines.push(Line::from(format!(
                "• {} ended the game thinking you most likely {} ({}), hostility {}.",
                sc.actor(r.observer).name,
                sc.intents[i.ix()].name,
                pc(*p),
                pc(r.hostile.last().copied().unwrap_or(0.0))
            )));
        }
    }
    let p = Paragraph::new(lines).wrap(Wrap { trim: true });
    super::scrolled(
        frame,
        text,
        p,
        Block::default(),
        console.debrief_scroll,
        super::more_below(console.theme()),
    )
}

fn turning(frame: &mut Frame<'_>, area: Rect, console: &Console, d: &Debrief) -> u16 {
    let t = console.theme();
    let sc = d.scenario();
    let mut lines = vec![Line::from(Span::styled("Turning points", t.title()))];
    if d.turning_points.is_empty() {
        lines.push(Line::from("None: the crisis never moved."));
    }
    for p in &d.turning_points {
        lines.push(Line::from(format!("Turn {:>2}: {}", p.turn, p.text)));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "The counterparts' reasons, turn by turn",
        t.title(),
    )));
    for turn in &d.timeline {
        for side in &turn.sides {
            for r in &side.reasons {
                lines.push(Line::from(format!(
                    "Turn {:>2}, {}: {r}",
                    turn.turn,
                    sc.actor(side.actor).name
                )));
            }
        }
    }
    if !sc.debrief_questions.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled("Questions to discuss", t.title())));
        for q in &sc.debrief_questions {
            lines.push(Line::from(format!("• {q}")));
        }
    }
    let p = Paragraph::new(lines).wrap(Wrap { trim: true });
    super::scrolled(
        frame,
        area,
        p,
        Block::default(),
        console.debrief_scroll,
        super::more_below(console.theme()),
    )
}
