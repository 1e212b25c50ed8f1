//! Drawing: one function per screen or region, each a pure function of the `App`. Drawing also
//! records where it put each thing a click can choose (`Hits`), so a click lands on what the eye
//! sees, in scrolled lists too. Below 80×24 every screen gives way to an "enlarge the terminal"
//! message.

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

/// What a click on a spot chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A dashboard panel, outside its rows.
    Panel(Panel),
    /// Row `k` of a dashboard panel (an item, however many lines it takes).
    Row(Panel, usize),
    /// A line of the main menu.
    Menu(usize),
}

/// The areas the last drawing gave to each `Hit`, most specific last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hits(Vec<(Rect, Hit)>);

impl Hits {
    pub fn push(&mut self, area: Rect, hit: Hit) {
        self.0.push((area, hit));
    }

    /// What lies under the point, if anything.
    pub fn at(&self, x: u16, y: u16) -> Option<Hit> {
        let p = ratatui::layout::Position { x, y };
        self.0
            .iter()
            .rev()
            .find(|(r, _)| r.contains(p))
            .map(|(_, h)| *h)
    }
}

/// Draws the whole interface and returns where clicks land.
pub fn draw(frame: &mut Frame<'_>, app: &App) -> Hits {
    let mut hits = Hits::default();
    let area = frame.area();
    if area.width < MIN_W || area.height < MIN_H {
        too_small(frame, area);
        return hits;
    }
    let [body, notice, keys] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    match app.screen {
        Screen::Menu => menu::menu(frame, body, app, &mut hits),
        Screen::NewGame => menu::new_game(frame, body, app),
        Screen::Load => menu::load(frame, body, app),
        Screen::Briefing => screens::briefing(frame, body, app),
        Screen::Dashboard => dashboard::draw(frame, body, app, &mut hits),
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
        // A dialog covers the screen: nothing under it can be clicked.
        hits = Hits::default();
        dialogs::draw(frame, area, app, d);
    }
    hits
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
            Some(Dialog::ConfirmLoad { .. }) => &[("y", "load and replace"), ("n", "keep")],
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

impl Panel {
    pub fn ix_pub(self) -> usize {
        self as usize
    }
}
