//! Drawing: one function per screen or region, each a pure function of the `App`. Drawing also
//! records where it put each thing a click can choose (`Hits`), so a click lands on what the eye
//! sees, in scrolled lists too. Below 80×24 every screen gives way to an "enlarge the terminal"
//! message.

use super::app::{App, Dialog, Panel, Screen};
use super::console::{Console, Stage};
use super::form::Step;
use super::theme::Theme;
use crate::engine::SeatView;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub mod dashboard;
mod debrief;
mod dialogs;
pub mod fit;
mod menu;
mod screens;

pub const MIN_W: u16 = 80;
pub const MIN_H: u16 = 24;

/// Whether a terminal of this size gets only the "enlarge the terminal" message.
pub fn too_small((w, h): (u16, u16)) -> bool {
    w < MIN_W || h < MIN_H
}

/// What a click on a spot chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hit {
    /// A dashboard panel, outside its rows.
    Panel(Panel),
    /// Row `k` of a dashboard panel (an item, however many lines it takes).
    Row(Panel, usize),
    /// Line `k` of the list on a host's screen: the main menu, the scenarios, the saves.
    Menu(usize),
    /// A key of the key line, or anything else a click stands in for a key on.
    Key(super::app::Msg),
    /// The assessment's counterpart `row`, and one of its intents if the click was on one.
    Assess(usize, Option<usize>),
    /// A page of the debrief.
    Tab(usize),
    /// Field `i` of the action form, and how a click there changes it.
    Field(usize, Step),
}

/// What the last drawing tells the next update: the areas it gave to each `Hit`, most specific
/// last, and how far the text on show can scroll before its last line reaches the bottom.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hits {
    areas: Vec<(Rect, Hit)>,
    /// `None` when nothing scrollable is on show (or nothing was drawn yet).
    pub scroll_max: Option<u16>,
}

impl Hits {
    pub fn push(&mut self, area: Rect, hit: Hit) {
        self.areas.push((area, hit));
    }

    /// Adds `other`'s areas after this one's, so they take precedence where they overlap.
    pub fn extend(&mut self, other: Hits) {
        self.areas.extend(other.areas);
    }

    /// `scroll` moved by `by` lines (down when positive), never past the end the last drawing
    /// found.
    pub fn scroll(&self, scroll: u16, by: i32) -> u16 {
        let max = self.scroll_max.unwrap_or(u16::MAX);
        // From where the text shows, which after a resize may be short of `scroll`.
        let from = i32::from(scroll.min(max));
        (from + by).clamp(0, i32::from(max)) as u16
    }

    /// What lies under the point, if anything.
    pub fn at(&self, x: u16, y: u16) -> Option<Hit> {
        let p = ratatui::layout::Position { x, y };
        self.areas
            .iter()
            .rev()
            .find(|(r, _)| r.contains(p))
            .map(|(_, h)| *h)
    }
}

/// Draws the local front end and returns where clicks land: its own screens, or the console
/// of the seat whose turn it is.
pub fn draw(frame: &mut Frame<'_>, app: &App) -> Hits {
    if app.screen == Screen::Game
        && let (Some(c), Some(view)) = (app.console(), app.view())
    {
        return console(frame, c, view, app.notice.as_deref());
    }
    let area = frame.area();
    let Some([body, notice, keys]) = frame_areas(frame) else {
        return Hits::default();
    };
    let mut hits = Hits::default();
    let t = app.theme();
    match app.screen {
        Screen::Menu => menu::menu(frame, body, app, &mut hits),
        Screen::NewGame => menu::new_game(frame, body, app, &mut hits),
        Screen::Load => menu::load(frame, body, app, &mut hits),
        Screen::Handover | Screen::Game => {
            if let Some(view) = app.view() {
                screens::handover(frame, body, t, &view.scenario().actor(view.seat()).name);
            }
        }
    }
    let keys_here = screen_keys(app.screen);
    let mut key_line = bottom(
        frame,
        t,
        notice,
        keys,
        app.notice.as_deref(),
        app.dialogs.last().map(|d| {
            let under = if app.table.is_some() {
                Under::Game
            } else {
                Under::NoGame
            };
            (d, under)
        }),
        keys_here,
    );
    if let Some(d) = app.dialogs.last() {
        let cx = dialogs::Context {
            theme: t,
            keys: keys_here,
            view: None,
            draft: None,
            game: app.table.is_some(),
            unsaved: app.unsaved.is_some(),
        };
        // Behind a dialog only the dialog and its keys answer a click.
        let own = dialogs::draw(frame, area, &cx, d);
        key_line.scroll_max = own.scroll_max;
        key_line.extend(own);
        return key_line;
    }
    hits.extend(key_line);
    hits
}

/// Draws one seat's console from its state and its seat's view, and nothing else: it cannot
/// show what the seat may not know. `extra` is a host's notice, shown when the console has none.
pub fn console(
    frame: &mut Frame<'_>,
    c: &Console,
    view: SeatView<'_>,
    extra: Option<&str>,
) -> Hits {
    let area = frame.area();
    let Some([body, notice, keys]) = frame_areas(frame) else {
        return Hits::default();
    };
    let mut hits = Hits::default();
    match c.stage {
        Stage::Briefing => hits.scroll_max = Some(screens::briefing(frame, body, c, view)),
        Stage::Dashboard => dashboard::draw(frame, body, c, view, &mut hits),
        Stage::Assessment => screens::assessment(frame, body, c, view, &mut hits),
        Stage::TurnReport => hits.scroll_max = Some(screens::turn_report(frame, body, c, view)),
        Stage::Debrief => debrief::draw(frame, body, c, view, &mut hits),
    }
    let keys_here = stage_keys(c.stage, c.panel);
    let shown = c.notice.as_deref().or(extra);
    let mut key_line = bottom(
        frame,
        c.theme,
        notice,
        keys,
        shown,
        c.dialogs.last().map(|d| (d, Under::Console)),
        keys_here,
    );
    if let Some(d) = c.dialogs.last() {
        let cx = dialogs::Context {
            theme: c.theme,
            keys: keys_here,
            view: Some(view),
            draft: Some(&c.draft),
            game: true,
            unsaved: c.unsaved.is_some(),
        };
        let own = dialogs::draw(frame, area, &cx, d);
        key_line.scroll_max = own.scroll_max;
        key_line.extend(own);
        return key_line;
    }
    hits.extend(key_line);
    hits
}

/// How many lines a key scrolls text by (down when positive), if it scrolls.
pub fn scroll_by(msg: super::app::Msg) -> Option<i32> {
    use super::app::Msg;
    match msg {
        Msg::Up | Msg::Char('k') => Some(-1),
        Msg::Down | Msg::Char('j') => Some(1),
        Msg::PageUp => Some(-10),
        Msg::PageDown => Some(10),
        _ => None,
    }
}

/// `p` drawn in `area` from line `scroll`, held so its last line never leaves the bottom, with
/// `more` at the bottom right while lines lie below; returns how far it can scroll.
pub fn scrolled(
    frame: &mut Frame<'_>,
    area: Rect,
    p: Paragraph<'_>,
    block: Block<'_>,
    scroll: u16,
    more: Span<'_>,
) -> u16 {
    let max = scroll_room(&p, &block, area);
    let block = if scroll < max {
        block.title_bottom(Line::from(more).right_aligned())
    } else {
        block
    };
    frame.render_widget(p.block(block).scroll((scroll.min(max), 0)), area);
    max
}

/// `block` with "↑ n more · ↓ n more" at its bottom right when the list inside it shows only
/// `shown` of its `total` rows, from row `first`.
pub fn with_more<'a>(
    block: Block<'a>,
    t: Theme,
    first: usize,
    shown: usize,
    total: usize,
) -> Block<'a> {
    match fit::more_hint(first, shown, total) {
        Some(hint) => block.title_bottom(Line::from(Span::styled(hint, t.dim())).right_aligned()),
        None => block,
    }
}

/// The usual mark that text goes on below what shows.
pub fn more_below(t: Theme) -> Span<'static> {
    Span::styled(" ↓ more ", t.dim())
}

/// How many lines `p`, drawn in `block` over `area`, can scroll before its last line reaches
/// the bottom.
pub fn scroll_room(p: &Paragraph<'_>, block: &Block<'_>, area: Rect) -> u16 {
    let inner = block.inner(area);
    let total = u16::try_from(p.line_count(inner.width)).unwrap_or(u16::MAX);
    total.saturating_sub(inner.height)
}

/// The body, notice line and key line, or `None` (after drawing the "enlarge" message) when
/// the terminal is too small.
fn frame_areas(frame: &mut Frame<'_>) -> Option<[Rect; 3]> {
    let area = frame.area();
    if too_small((area.width, area.height)) {
        enlarge(frame, area);
        return None;
    }
    Some(
        Layout::vertical([
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area),
    )
}

/// The notice and key lines at the bottom; returns where each key on the key line is, so a
/// click on it presses it.
fn bottom(
    frame: &mut Frame<'_>,
    t: Theme,
    notice_area: Rect,
    keys_area: Rect,
    notice: Option<&str>,
    dialog: Option<(&Dialog, Under)>,
    keys: &'static [(&'static str, &'static str)],
) -> Hits {
    if let Some(n) = notice {
        let n = fit::clip(n, usize::from(notice_area.width));
        frame.render_widget(Paragraph::new(Span::styled(n, t.warn())), notice_area);
    }
    let line = hints(t, dialog, keys, keys_area.width);
    let mut hits = Hits::default();
    let mut x = keys_area.x;
    for pair in line.spans.chunks(2) {
        let w: u16 = pair.iter().map(|s| s.width() as u16).sum();
        if let Some(msg) = key_msg(pair[0].content.trim()) {
            hits.push(
                Rect::new(x, keys_area.y, w, 1).intersection(keys_area),
                Hit::Key(msg),
            );
        }
        x = x.saturating_add(w);
    }
    frame.render_widget(Paragraph::new(line), keys_area);
    hits
}

/// The key a key-line label names, when it names one key.
fn key_msg(label: &str) -> Option<super::app::Msg> {
    use super::app::Msg;
    Some(match label {
        "Enter" | "←→ Enter" => Msg::Enter,
        "Esc" => Msg::Back,
        "Tab" => Msg::NextPanel,
        _ => {
            let mut chars = label.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if c.is_ascii_graphic() => Msg::Char(c),
                _ => return None,
            }
        }
    })
}

fn enlarge(frame: &mut Frame<'_>, area: Rect) {
    let text = format!(
        "Enlarge the terminal: Backchannel needs at least {MIN_W}×{MIN_H} (now {}×{}). q quits.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}

/// What a dialog is over, which decides what quitting does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Under {
    /// A host screen with no game to save.
    NoGame,
    /// A host screen while a game is under way (the hand-over, or the menu after one).
    Game,
    /// A seat's console: quitting saves, and `m` leaves for the menu.
    Console,
}

/// The key line at the bottom: the keys of this screen or of the dialog over it, most useful
/// first, as many as fit in `width`; when some do not, it ends with `? more` (the help lists
/// them all).
fn hints(
    t: Theme,
    dialog: Option<(&Dialog, Under)>,
    keys: &'static [(&'static str, &'static str)],
    width: u16,
) -> Line<'static> {
    let pairs: &[(&str, &str)] = if let Some((dialog, under)) = dialog {
        match (dialog, under) {
            (Dialog::Action(_), _) => &[
                ("↑↓", "field"),
                ("←→", "change"),
                ("Enter", "add to orders"),
                ("Esc", "cancel"),
            ],
            (Dialog::ConfirmQuit, Under::Console) => {
                &[("y", "save and quit"), ("m", "menu"), ("n", "stay")]
            }
            (Dialog::ConfirmQuit, Under::Game) => &[("y", "save and quit"), ("n", "stay")],
            (Dialog::ConfirmQuit, Under::NoGame) => &[("y", "quit"), ("n", "stay")],
            (Dialog::ConfirmLoad { .. }, _) => &[("y", "load and replace"), ("n", "keep")],
            (Dialog::Notice { .. }, _) => &[("Enter", "close")],
            _ => &[("↑↓", "scroll"), ("Esc", "close")],
        }
    } else {
        keys
    };
    let cell = |(k, v): &(&str, &str)| (format!(" {k}"), format!(" {v} "));
    let len = |(k, v): &(String, String)| k.chars().count() + v.chars().count();
    let all: Vec<(String, String)> = pairs.iter().map(cell).collect();
    let more = cell(&("?", "more"));
    let fits_all = all.iter().map(len).sum::<usize>() <= usize::from(width);
    let room = if fits_all {
        usize::from(width)
    } else {
        usize::from(width).saturating_sub(len(&more))
    };
    let mut used = 0;
    let mut shown: Vec<(String, String)> = Vec::new();
    for c in all {
        // `?` would only repeat the `? more` that ends a shortened line.
        if !fits_all && c.0 == " ?" {
            continue;
        }
        if used + len(&c) > room {
            break;
        }
        used += len(&c);
        shown.push(c);
    }
    if !fits_all {
        shown.push(more);
    }
    let spans: Vec<Span> = shown
        .into_iter()
        .flat_map(|(k, v)| [Span::styled(k, t.key()), Span::raw(v)])
        .collect();
    Line::from(spans)
}

/// The keys of the host's screens, for the key line and the help.
pub fn screen_keys(screen: Screen) -> &'static [(&'static str, &'static str)] {
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
            ("PgUp PgDn", "read on"),
        ],
        Screen::Load => &[("↑↓", "choose"), ("Enter", "load"), ("Esc", "back")],
        Screen::Handover => &[("Enter", "I am the next player"), ("q", "quit")],
        Screen::Game => &[],
    }
}

/// The keys of each console screen, for the key line and the help.
pub fn stage_keys(stage: Stage, panel: Panel) -> &'static [(&'static str, &'static str)] {
    match stage {
        Stage::Briefing => &[
            ("↑↓", "scroll"),
            ("Enter", "to the dashboard"),
            ("?", "help"),
        ],
        Stage::Dashboard => match panel {
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
                ("←→ Enter", "answer a proposal"),
                ("e", "end turn"),
                ("?", "help"),
            ],
            Panel::Feed => &[
                ("Tab", "panel"),
                ("↑↓", "choose"),
                ("Enter", "read"),
                ("e", "end turn"),
                ("b", "briefing"),
                ("p", "proposals, ledger"),
                ("?", "help"),
            ],
        },
        Stage::Assessment => &[
            ("1-9", "likeliest"),
            ("+-", "probability"),
            ("←→", "intent"),
            ("↑↓", "counterpart"),
            ("Enter", "send"),
            ("0", "skip"),
            ("Esc", "back"),
        ],
        Stage::TurnReport => &[("↑↓", "scroll"), ("Enter", "continue"), ("?", "help")],
        Stage::Debrief => &[
            ("Tab", "page"),
            ("↑↓", "scroll, or pick the turn"),
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

#[cfg(test)]
mod hint_tests {
    use super::*;

    fn text(l: &Line<'_>) -> String {
        l.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn the_key_line_fits_and_says_when_keys_are_left_out() {
        let keys = stage_keys(Stage::Assessment, Panel::Feed);
        let t = Theme { colour: false };
        let wide = text(&hints(t, None, keys, 200));
        assert!(
            wide.contains("Esc back") && !wide.contains("? more"),
            "{wide}"
        );
        for width in [30, 50, 80] {
            let narrow = text(&hints(t, None, keys, width));
            assert!(narrow.chars().count() <= usize::from(width), "{narrow}");
            assert!(narrow.ends_with("? more "), "{narrow}");
            assert!(narrow.starts_with(" 1-9 likeliest"), "{narrow}");
        }
    }
}
