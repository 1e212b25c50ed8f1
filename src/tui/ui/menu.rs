//! The main menu, the new-game screen (scenario list with title, length and objectives; role;
//! seed) and the list of saves.
//!
//! ```text
//! ┌ Backchannel ───────────────────────────┐   ┌ Scenarios ─┬ Grid Probe ────────────┐
//! │ tagline                                │   │ ▶ grid-probe│ 16 turns of 7 days    │
//! │ ▶ New game                             │   │   classroom │ Role: ◀ Atlantis ▶    │
//! │   Continue …                           │   │             │ Seed: 42              │
//! └────────────────────────────────────────┘   └─────────────┴ objectives ───────────┘
//! ```

use super::{Hit, Hits};
use crate::tui::app::{App, MENU, role_name};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

const TAGLINE: &str = "A probe made only to learn the other side's intentions looks exactly like \
preparation for an attack. Read intentions, signal restraint the other side can believe, and keep \
the crisis below open conflict.";

/// Where the menu's lines are.
fn menu_list_area(body: Rect) -> Rect {
    let inner = Block::bordered().inner(body);
    let [_, list, _] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Length(MENU.len() as u16),
        Constraint::Min(0),
    ])
    .areas(inner);
    list
}

pub fn menu(frame: &mut Frame<'_>, body: Rect, app: &App, hits: &mut Hits) {
    let t = app.theme();
    let block = Block::bordered().title(Span::styled(" Backchannel ", t.title()));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    let [tag, _, below] = Layout::vertical([
        Constraint::Length(5),
        Constraint::Length(MENU.len() as u16),
        Constraint::Min(0),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(TAGLINE)
            .wrap(Wrap { trim: true })
            .style(t.dim()),
        tag,
    );
    let list = menu_list_area(body);
    let lines: Vec<Line> = MENU
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let extra = if i == 1 && !app.autosave_exists {
                " (no saved game yet)"
            } else {
                ""
            };
            row(format!("{m}{extra}"), i == app.menu, t)
        })
        .collect();
    for i in 0..MENU.len() {
        let row = Rect {
            y: list.y + i as u16,
            height: 1,
            ..list
        };
        hits.push(row.intersection(list), Hit::Menu(i));
    }
    frame.render_widget(Paragraph::new(lines), list);
    frame.render_widget(
        Paragraph::new(
            "New to Backchannel? Choose New game and pick tutorial, a short guided crisis. Each \
             briefing explains its crisis, and ? shows the keys and a glossary on every screen.",
        )
        .wrap(Wrap { trim: true })
        .style(t.dim()),
        below,
    );
}

/// A list of `texts` in `block` over `area`, scrolled so row `sel` shows, each shown row a
/// click target for its line.
fn list(
    frame: &mut Frame<'_>,
    area: Rect,
    block: Block<'_>,
    texts: Vec<String>,
    sel: usize,
    t: Theme,
    hits: &mut Hits,
) {
    let inner = block.inner(area);
    let lines: Vec<Line> = texts
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let room = usize::from(inner.width).saturating_sub(2);
            row(super::fit::clip(s, room), i == sel, t)
        })
        .collect();
    let height = usize::from(inner.height);
    let first = super::offset(sel, height);
    let shown = lines.len().saturating_sub(first).min(height);
    for i in 0..shown {
        let row = Rect::new(inner.x, inner.y + i as u16, inner.width, 1);
        hits.push(row, Hit::Menu(first + i));
    }
    let block = super::with_more(block, t, first, shown, lines.len());
    let lines: Vec<Line> = lines.into_iter().skip(first).collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// A list row: marked and highlighted when chosen. Lists are drawn without wrapping, so a row
/// wider than its list ends in `…`.
fn row(text: String, chosen: bool, t: Theme) -> Line<'static> {
    let l = Line::from(format!("{} {text}", if chosen { "▶" } else { " " }));
    if chosen { l.style(t.selected()) } else { l }
}

pub fn new_game(frame: &mut Frame<'_>, body: Rect, app: &App, hits: &mut Hits) {
    let t = app.theme();
    let [left, right] =
        Layout::horizontal([Constraint::Length(28), Constraint::Min(20)]).areas(body);
    let block = Block::bordered().title(Span::styled(" Scenarios ", t.title()));
    let sel = app.new_game.sel;
    let lines: Vec<String> = app
        .catalogue
        .iter()
        .map(|e| {
            let name = e
                .path
                .file_stem()
                .map_or(String::new(), |s| s.to_string_lossy().into_owned());
            // The mark first, so a long name cannot hide it.
            let broken = if e.scenario.is_err() { "✘ " } else { "" };
            format!("{broken}{name}")
        })
        .collect();
    if lines.is_empty() {
        let inner = block.inner(left);
        frame.render_widget(block, left);
        frame.render_widget(Paragraph::new("No scenario files found."), inner);
    } else {
        list(frame, left, block, lines, sel, t, hits);
    }
    let Some(entry) = app.catalogue.get(sel) else {
        return;
    };
    match &entry.scenario {
        Err(e) => {
            let block = Block::bordered().title(" This scenario has problems ");
            let p = Paragraph::new(e.as_str()).wrap(Wrap { trim: false });
            description(frame, right, p, block, app.new_game.scroll, t, hits);
        }
        Ok(sc) => {
            // The title, and the file name that the list shows and `play` takes.
            let stem = entry
                .path
                .file_stem()
                .map_or(String::new(), |s| s.to_string_lossy().into_owned());
            let block = Block::bordered()
                .title(Span::styled(format!(" {} ({stem}) ", sc.title), t.title()));
            let mut lines = vec![
                Line::from(format!(
                    "{} turns of {} days each · by {}",
                    sc.turn_limit, sc.days_per_turn, sc.author
                )),
                Line::from(""),
                if crate::tui::setup::role_count(sc) > 1 {
                    Line::from(vec![
                        Span::styled("Role:  ", t.key()),
                        Span::raw(format!("◀ {} ▶", role_name(sc, app.new_game.role))),
                        Span::styled("  (←→)", t.dim()),
                    ])
                } else {
                    Line::from(vec![
                        Span::styled("Role:  ", t.key()),
                        Span::raw(role_name(sc, app.new_game.role)),
                        Span::styled("  (the only role)", t.dim()),
                    ])
                },
                Line::from(vec![
                    Span::styled("Seed:  ", t.key()),
                    Span::raw(format!("{}▏", app.new_game.seed)),
                    Span::styled(
                        "  (type digits; the same seed gives the same game)",
                        t.dim(),
                    ),
                ]),
                Line::from(""),
                Line::from(Span::styled("What you will learn", t.title())),
            ];
            for o in &sc.objectives {
                lines.push(Line::from(format!("• {o}")));
            }
            lines.push(Line::from(""));
            lines.push(Line::from(Span::styled(
                "Press Enter to read the briefing and start.",
                t.key(),
            )));
            let p = Paragraph::new(lines).wrap(Wrap { trim: true });
            description(frame, right, p, block, app.new_game.scroll, t, hits);
        }
    }
}

/// The chosen scenario's description, scrolled by PgUp and PgDn, with a hint at its bottom
/// while more lies below.
fn description(
    frame: &mut Frame<'_>,
    area: Rect,
    p: Paragraph<'_>,
    block: Block<'_>,
    scroll: u16,
    t: Theme,
    hits: &mut Hits,
) {
    let more = Span::styled(" PgDn reads on ", t.dim());
    hits.scroll_max = Some(super::scrolled(frame, area, p, block, scroll, more));
}

pub fn load(frame: &mut Frame<'_>, body: Rect, app: &App, hits: &mut Hits) {
    let t = app.theme();
    let block = Block::bordered().title(Span::styled(" Load a save ", t.title()));
    if app.saves.is_empty() {
        let inner = block.inner(body);
        frame.render_widget(block, body);
        frame.render_widget(
            Paragraph::new("No saves yet. Games are saved after every turn.").style(t.dim()),
            inner,
        );
        return;
    }
    let lines: Vec<String> = app
        .saves
        .iter()
        .map(|p| {
            let name = p
                .file_name()
                .map_or(String::new(), |s| s.to_string_lossy().into_owned());
            if name == "autosave.ron" {
                "the last game (autosave)".to_owned()
            } else {
                name
            }
        })
        .collect();
    list(frame, body, block, lines, app.load_sel, t, hits);
}
