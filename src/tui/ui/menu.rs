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
            let l = Line::from(format!(
                "{} {m}{extra}",
                if i == app.menu { "▶" } else { " " }
            ));
            if i == app.menu {
                l.style(t.selected())
            } else {
                l
            }
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
            "New to Backchannel? Choose New game: the briefing explains the crisis, and ? shows \
             the keys and a glossary on every screen.",
        )
        .wrap(Wrap { trim: true })
        .style(t.dim()),
        below,
    );
}

/// Rows of a list as click targets, one a line from the top of `area`.
fn list_hits(hits: &mut Hits, area: Rect, len: usize) {
    for i in 0..len.min(usize::from(area.height)) {
        let row = Rect::new(area.x, area.y + i as u16, area.width, 1);
        hits.push(row, Hit::Menu(i));
    }
}

pub fn new_game(frame: &mut Frame<'_>, body: Rect, app: &App, hits: &mut Hits) {
    let t = app.theme();
    let [left, right] =
        Layout::horizontal([Constraint::Length(28), Constraint::Min(20)]).areas(body);
    let block = Block::bordered().title(Span::styled(" Scenarios ", t.title()));
    let inner = block.inner(left);
    frame.render_widget(block, left);
    let sel = app.new_game.sel;
    let lines: Vec<Line> = app
        .catalogue
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let name = e
                .path
                .file_stem()
                .map_or(String::new(), |s| s.to_string_lossy().into_owned());
            let broken = if e.scenario.is_err() { " ✘" } else { "" };
            let l = Line::from(format!(
                "{} {name}{broken}",
                if i == sel { "▶" } else { " " }
            ));
            if i == sel { l.style(t.selected()) } else { l }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(Paragraph::new("No scenario files found."), inner);
    } else {
        list_hits(hits, inner, lines.len());
        frame.render_widget(Paragraph::new(lines), inner);
    }
    let Some(entry) = app.catalogue.get(sel) else {
        return;
    };
    match &entry.scenario {
        Err(e) => {
            let block = Block::bordered().title(" This scenario has problems ");
            frame.render_widget(
                Paragraph::new(e.as_str())
                    .block(block)
                    .wrap(Wrap { trim: false }),
                right,
            );
        }
        Ok(sc) => {
            let block = Block::bordered().title(Span::styled(format!(" {} ", sc.title), t.title()));
            let mut lines = vec![
                Line::from(format!(
                    "{} turns of {} days each · by {}",
                    sc.turn_limit, sc.days_per_turn, sc.author
                )),
                Line::from(""),
                Line::from(vec![
                    Span::styled("Role:  ", t.key()),
                    Span::raw(format!("◀ {} ▶", role_name(sc, app.new_game.role))),
                    Span::styled("  (←→)", t.dim()),
                ]),
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
            frame.render_widget(
                Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
                right,
            );
        }
    }
}

pub fn load(frame: &mut Frame<'_>, body: Rect, app: &App, hits: &mut Hits) {
    let t = app.theme();
    let block = Block::bordered().title(Span::styled(" Load a save ", t.title()));
    let inner = block.inner(body);
    frame.render_widget(block, body);
    if app.saves.is_empty() {
        frame.render_widget(
            Paragraph::new("No saves yet. Games are saved after every turn.").style(t.dim()),
            inner,
        );
        return;
    }
    let lines: Vec<Line> = app
        .saves
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let name = p
                .file_name()
                .map_or(String::new(), |s| s.to_string_lossy().into_owned());
            let name = if name == "autosave.ron" {
                "the last game (autosave)".to_owned()
            } else {
                name
            };
            let l = Line::from(format!(
                "{} {name}",
                if i == app.load_sel { "▶" } else { " " }
            ));
            if i == app.load_sel {
                l.style(t.selected())
            } else {
                l
            }
        })
        .collect();
    list_hits(hits, inner, lines.len());
    frame.render_widget(Paragraph::new(lines), inner);
}
