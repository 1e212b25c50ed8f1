//! Drawing: one function per screen or region, each a pure function of the `App`. Also the
//! screen geometry (shared with mouse handling, so a click lands where the eye sees it) and the
//! "enlarge the terminal" message that replaces every screen below 80×24.

use super::app::{App, Dialog, Panel, Screen};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

pub mod dashboard;
mod debrief;
mod dialogs;
mod menu;
mod screens;

pub const MIN_W: u16 = 80;
pub const MIN_H: u16 = 24;

/// Draws the whole interface.
pub fn draw(frame: &mut Frame<'_>, app: &App) {
    let area = frame.area();
    if area.width < MIN_W || area.height < MIN_H {
        too_small(frame, area);
        return;
    }
    let [body, notice, keys] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match app.screen {
        Screen::Menu => menu::menu(frame, body, app),
        Screen::NewGame => menu::new_game(frame, body, app),
        Screen::Load => menu::load(frame, body, app),
        Screen::Briefing => screens::briefing(frame, body, app),
        Screen::Dashboard => dashboard::draw(frame, body, app),
        Screen::Assessment => screens::assessment(frame, body, app),
        Screen::TurnReport => screens::turn_report(frame, body, app),
        Screen::Handover => screens::handover(frame, body, app),
        Screen::Debrief => debrief::draw(frame, body, app),
    }
    let t = app.theme();
    if let Some(n) = &app.notice {
        frame.render_widget(Paragraph::new(Span::styled(n.as_str(), t.warn())), notice);
    }
    frame.render_widget(Paragraph::new(hints(app)), keys);
    if let Some(d) = app.dialogs.last() {
        dialogs::draw(frame, area, app, d);
    }
}

fn too_small(frame: &mut Frame<'_>, area: Rect) {
    let text = format!(
        "Enlarge the terminal: Backchannel needs at least {MIN_W}×{MIN_H} (now {}×{}). q quits.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// The key line at the bottom: the keys of this screen, most useful first.
fn hints(app: &App) -> Line<'static> {
    let t = app.theme();
    let pairs: &[(&str, &str)] = if !app.dialogs.is_empty() {
        match app.dialogs.last() {
            Some(Dialog::Action(_)) => &[
                ("↑↓", "field"),
                ("←→", "change"),
                ("Enter", "add to orders"),
                ("Esc", "cancel"),
            ],
            Some(Dialog::ConfirmQuit) => &[("y", "save and quit"), ("n", "stay")],
            _ => &[("↑↓", "scroll"), ("Esc", "close")],
        }
    } else {
        screen_keys(app.screen, app.panel)
    };
    let mut spans = Vec::new();
    for (k, v) in pairs {
        spans.push(Span::styled(format!(" {k}"), t.key()));
        spans.push(Span::raw(format!(" {v} ")));
    }
    Line::from(spans)
}

/// The keys of each screen, for the key line and the help.
pub fn screen_keys(screen: Screen, panel: Panel) -> &'static [(&'static str, &'static str)] {
    match screen {
        Screen::Menu => &[
            ("↑↓", "choose"),
            ("Enter", "open"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Screen::NewGame => &[
            ("↑↓", "scenario"),
            ("←→", "role"),
            ("0-9 ⌫", "seed"),
            ("Enter", "start"),
            ("Esc", "back"),
        ],
        Screen::Load => &[("↑↓", "choose"), ("Enter", "load"), ("Esc", "back")],
        Screen::Briefing => &[
            ("↑↓", "scroll"),
            ("Enter", "to the dashboard"),
            ("?", "help"),
        ],
        Screen::Dashboard => match panel {
            Panel::Counterparts => &[
                ("Tab", "panel"),
                ("↑↓", "choose"),
                ("←→", "posture"),
                ("Enter", "details"),
                ("e", "end turn"),
                ("?", "help"),
            ],
            Panel::Actions => &[
                ("Tab", "panel"),
                ("↑↓", "choose"),
                ("Enter", "order it"),
                ("e", "end turn"),
                ("?", "help"),
            ],
            Panel::Orders => &[
                ("Tab", "panel"),
                ("x", "withdraw"),
                ("←→", "answer a proposal"),
                ("e", "end turn"),
                ("?", "help"),
            ],
            Panel::Feed => &[
                ("Tab", "panel"),
                ("↑↓", "choose"),
                ("Enter", "read"),
                ("e", "end turn"),
                ("b", "briefing"),
                ("?", "help"),
            ],
        },
        Screen::Assessment => &[
            ("↑↓", "counterpart"),
            ("1-9", "likeliest intent"),
            ("←→ +-", "probability"),
            ("0", "skip"),
            ("Enter", "send orders"),
            ("Esc", "back"),
        ],
        Screen::TurnReport => &[("↑↓", "scroll"), ("Enter", "continue"), ("?", "help")],
        Screen::Handover => &[("Enter", "I am the next player"), ("q", "quit")],
        Screen::Debrief => &[
            ("Tab", "page"),
            ("↑↓", "scroll"),
            ("m", "export Markdown"),
            ("Esc", "menu"),
        ],
    }
}

/// The first row shown of a list of `len` rows, `height` tall, so `sel` stays visible.
pub fn offset(sel: usize, height: usize) -> usize {
    if height == 0 {
        0
    } else {
        sel.saturating_sub(height - 1)
    }
}

/// The body area (above the notice and key lines) for a terminal size.
pub fn body_area(w: u16, h: u16) -> Rect {
    Rect::new(0, 0, w, h.saturating_sub(2))
}

/// A click: focus the panel under it and select the row, or pick a menu line.
pub fn click(app: &mut App, x: u16, y: u16) {
    let (w, h) = app.size;
    if w < MIN_W || h < MIN_H {
        return;
    }
    let body = body_area(w, h);
    let inside = |r: Rect| x >= r.x && x < r.right() && y >= r.y && y < r.bottom();
    match app.screen {
        Screen::Dashboard => {
            let l = dashboard::layout(body);
            for (p, r) in Panel::ALL.iter().zip(l.panels) {
                if inside(r) {
                    let was = app.panel == *p;
                    app.panel = *p;
                    let inner_top = r.y + 1;
                    if y >= inner_top && y + 1 < r.bottom() {
                        let height = usize::from(r.height.saturating_sub(2));
                        let rows = dashboard::rows_per_item(*p);
                        let first = offset(app.sel[p.ix_pub()], height / rows);
                        let k = first + usize::from(y - inner_top) / rows;
                        if k < app.panel_len(*p) {
                            let again = was && app.sel[p.ix_pub()] == k;
                            app.sel[p.ix_pub()] = k;
                            if again {
                                app.update(super::app::Msg::Enter);
                            }
                        }
                    }
                }
            }
        }
        Screen::Menu => {
            let r = menu::menu_list_area(body);
            if inside(r) {
                let k = usize::from(y - r.y);
                if k < super::app::MENU.len() {
                    app.menu = k;
                    app.choose_menu();
                }
            }
        }
        _ => {}
    }
}

impl Panel {
    pub fn ix_pub(self) -> usize {
        self as usize
    }
}
