//! The local front end's host: the menu, the new-game and load screens, and a game at this
//! terminal, with one seat console per player (hot seat passes the keyboard between them). It
//! owns the table; each console sees only its seat's view. `update` is the only function that
//! changes it, one `Msg` at a time, and returns the effects that touch the disk or end the
//! program, for `host` to carry out. Knows nothing of the terminal: tests drive it directly.

use super::console::{Console, Stage};
use super::form::Form;
use super::ui::{Hit, Hits};
use crate::autosave::{self, Resume};
use crate::engine::{Orders, SeatView};
use crate::ids::*;
use crate::report::Debrief;
use crate::scenario::Scenario;
use crate::table::Table;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use super::setup::{catalogue, list_saves, role_count, role_name, seats_for};

/// Everything the user can do, whatever the input device.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    NextPanel,
    PrevPanel,
    Enter,
    Back,
    Backspace,
    Delete,
    Char(char),
    Click(u16, u16),
    Resize(u16, u16),
    /// Ctrl-C: save what is complete and leave now.
    Interrupt,
}

/// What an `update` asks its host to do. The console asks for all of them; the local host
/// carries out `Submit`, `Leave` and `Debrief` on its table and hands the rest (everything that
/// touches the disk or ends the program) to `host`.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Write the autosave (and the game's own save).
    Save,
    /// Export the debrief as Markdown.
    Export,
    /// Resume the game saved at `path`; `confirmed` once the player agreed to replace a save
    /// with more turns.
    Load {
        path: PathBuf,
        confirmed: bool,
    },
    /// Read the list of saves for the Load screen.
    ListSaves,
    /// Send these orders for the console's seat.
    Submit(Orders),
    /// Leave the game for the menu.
    Leave,
    /// The game is over and its last report read: show the debrief.
    Debrief,
    Quit,
}

/// The host's own screens; `Game` shows the console of the seat whose turn it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Menu,
    NewGame,
    Load,
    /// Hot seat: hides the last seat's screen until the next player is ready.
    Handover,
    Game,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Dialog {
    Help {
        scroll: u16,
    },
    Detail {
        title: String,
        lines: Vec<String>,
        scroll: u16,
    },
    Action(Form),
    ConfirmQuit,
    /// Loading `path` would replace a save of the same game with more turns: `text` says what.
    ConfirmLoad {
        path: PathBuf,
        text: String,
    },
    Notice {
        title: String,
        text: String,
    },
}

impl Dialog {
    /// The dialogs a key opens on any screen: `?` the help, `q` the question before quitting.
    pub fn opened_by(msg: Msg) -> Option<Dialog> {
        match msg {
            Msg::Char('?') => Some(Dialog::Help { scroll: 0 }),
            Msg::Char('q') => Some(Dialog::ConfirmQuit),
            _ => None,
        }
    }
}

/// What a key did to the dialogs every screen shares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// The key was for the top dialog (help, detail, notice, the quit question).
    Done,
    /// Leave the game for the menu (the quit question's `m`).
    Menu,
    /// The player confirmed quitting.
    Quit,
    /// The top dialog is not one of those.
    Not,
}

/// Keys on the help, a detail, a notice and the quit question, the same on every screen.
pub fn answer(dialogs: &mut Vec<Dialog>, msg: Msg, hits: &Hits) -> Answer {
    use super::ui::scroll_by;
    match dialogs.last_mut() {
        Some(Dialog::Help { scroll } | Dialog::Detail { scroll, .. }) => {
            match (msg, scroll_by(msg)) {
                (_, Some(by)) => *scroll = hits.scroll(*scroll, by),
                (Msg::Back | Msg::Enter | Msg::Char('?' | 'q') | Msg::Click(..), None) => {
                    dialogs.pop();
                }
                _ => {}
            }
        }
        Some(Dialog::Notice { .. }) => {
            if matches!(
                msg,
                Msg::Back | Msg::Enter | Msg::Char(' ') | Msg::Click(..)
            ) {
                dialogs.pop();
            }
        }
        Some(Dialog::ConfirmQuit) => match msg {
            Msg::Char('y' | 'Y' | 'q') | Msg::Enter => return Answer::Quit,
            Msg::Char('m' | 'M') => {
                dialogs.pop();
                return Answer::Menu;
            }
            Msg::Char('n' | 'N') | Msg::Back => {
                dialogs.pop();
            }
            _ => {}
        },
        _ => return Answer::Not,
    }
    Answer::Done
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    Feed,
    Counterparts,
    Actions,
    Orders,
}

impl Panel {
    pub const ALL: [Panel; 4] = [
        Panel::Feed,
        Panel::Counterparts,
        Panel::Actions,
        Panel::Orders,
    ];
    pub fn ix(self) -> usize {
        self as usize
    }
}

/// Where the front end finds and keeps things.
#[derive(Clone, Debug)]
pub struct Config {
    pub data_dir: PathBuf,
    pub scenario_dirs: Vec<PathBuf>,
    pub seed: u64,
    pub theme: super::theme::Theme,
    /// Seconds since 1970 now: a game's start time, which names its save. A function so tests
    /// can fix it.
    pub clock: fn() -> u64,
}

/// A scenario file found on disk, playable or not.
#[derive(Clone, Debug)]
pub struct Entry {
    pub path: PathBuf,
    pub scenario: Result<Arc<Scenario>, String>,
}

#[derive(Clone, Debug, Default)]
pub struct NewGame {
    pub sel: usize,
    /// Index into the scenario's playable seats; one past the end means all of them (hot seat).
    pub role: usize,
    pub seed: String,
    /// How far the chosen scenario's description is scrolled.
    pub scroll: u16,
}

#[derive(Clone, Debug)]
pub struct App {
    pub config: Config,
    pub screen: Screen,
    /// Dialogs over the host's own screens (a console has its own).
    pub dialogs: Vec<Dialog>,
    pub table: Option<Table>,
    /// One console per human seat at this terminal, in the table's seat order.
    pub consoles: Vec<Console>,
    pub size: (u16, u16),
    pub quit: bool,
    effects: Vec<Effect>,
    /// Whether the data folder holds an autosave (the host keeps it current).
    pub autosave_exists: bool,
    /// Where the last drawing put each thing a click can choose.
    pub hits: Hits,
    /// A one-line message under the screen (what just happened, or why not).
    pub notice: Option<String>,
    /// Why the last autosave failed, while the game has turns no save holds. Quitting then says
    /// so and the program exits non-zero.
    pub unsaved: Option<String>,
    pub catalogue: Vec<Entry>,
    pub menu: usize,
    pub new_game: NewGame,
    pub saves: Vec<PathBuf>,
    pub load_sel: usize,
}

pub const MENU: [&str; 5] = [
    "New game",
    "Continue the last game",
    "Load a save",
    "Help",
    "Quit",
];

impl App {
    pub fn new(config: Config) -> App {
        let catalogue = catalogue(&config.scenario_dirs);
        let sel = catalogue
            .iter()
            .position(|e| e.path.file_stem().is_some_and(|s| s == "grid-probe"))
            .unwrap_or(0);
        let seed = config.seed.to_string();
        let autosave_exists = autosave::autosave_path(&config.data_dir).is_file();
        App {
            config,
            screen: Screen::Menu,
            dialogs: Vec::new(),
            table: None,
            consoles: Vec::new(),
            size: (80, 24),
            quit: false,
            effects: Vec::new(),
            autosave_exists,
            hits: Hits::default(),
            notice: None,
            unsaved: None,
            catalogue,
            menu: 0,
            new_game: NewGame {
                sel,
                seed,
                ..NewGame::default()
            },
            saves: Vec::new(),
            load_sel: 0,
        }
    }

    pub fn theme(&self) -> super::theme::Theme {
        self.config.theme
    }

    /// Starts a game directly (the `play` command), skipping the menu.
    pub fn start(&mut self, path: &Path, seed: u64, humans: Vec<ActorIx>) -> anyhow::Result<()> {
        let sc = autosave::load_scenario(path)?;
        if humans.is_empty() {
            anyhow::bail!("no seat to play");
        }
        let t = Table::new(sc, seed, &humans)
            .with_origin(path.display().to_string(), (self.config.clock)());
        self.begin(t, Stage::Briefing);
        Ok(())
    }

    /// Seats the players at `t`, each with a fresh console opening on `stage`.
    fn begin(&mut self, t: Table, stage: Stage) {
        let theme = self.theme();
        self.consoles = t
            .seats()
            .iter()
            .map(|s| {
                let mut c = Console::new(s.actor, theme, t.game().view(s.actor), s.draft.clone());
                c.stage = stage;
                c.size = self.size;
                c
            })
            .collect();
        self.table = Some(t);
        self.screen = Screen::Game;
    }

    /// Carries on with a restored table, on the screen where its players left it.
    pub fn resume(&mut self, t: Table) {
        let over = t.game().is_over();
        let hot = t.is_hot_seat();
        self.begin(t, Stage::Dashboard);
        if over {
            self.effect(Effect::Debrief);
        } else if hot {
            self.screen = Screen::Handover;
        }
    }

    /// The console of the seat whose turn it is at this terminal.
    pub fn console(&self) -> Option<&Console> {
        let seat = self.table.as_ref()?.next_local();
        self.consoles.iter().find(|c| c.seat == seat)
    }

    pub fn console_mut(&mut self) -> Option<&mut Console> {
        let seat = self.table.as_ref()?.next_local();
        self.consoles.iter_mut().find(|c| c.seat == seat)
    }

    /// Keeps where the last drawing put things, for the next click: the console's during a game.
    pub fn set_hits(&mut self, hits: Hits) {
        match self.screen {
            Screen::Game => {
                if let Some(c) = self.console_mut() {
                    c.hits = hits;
                }
            }
            _ => self.hits = hits,
        }
    }

    /// The console's screen, when a game is showing.
    pub fn stage(&self) -> Option<Stage> {
        (self.screen == Screen::Game)
            .then(|| self.console().map(|c| c.stage))
            .flatten()
    }

    /// What the current seat may know.
    pub fn view(&self) -> Option<SeatView<'_>> {
        let t = self.table.as_ref()?;
        Some(t.game().view(t.next_local()))
    }

    /// The autosave record of the game, with every console's draft.
    pub fn record(&self) -> Option<Resume> {
        let mut t = self.table.clone()?;
        for c in &self.consoles {
            if t.seat(c.seat).is_some_and(|s| !s.ready) {
                t.set_draft(c.seat, c.draft.clone()).ok()?;
            }
        }
        Some(Resume::of(&t))
    }

    /// Handles one message and returns the effects for the host (disk and exit).
    #[must_use = "the host must carry out the effects"]
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        self.handle(msg);
        std::mem::take(&mut self.effects)
    }

    fn handle(&mut self, msg: Msg) {
        if let Msg::Resize(w, h) = msg {
            self.size = (w, h);
            self.consoles.iter_mut().for_each(|c| c.size = (w, h));
            return;
        }
        if self.screen == Screen::Game {
            let (Some(t), Some(c)) = (
                self.table.as_ref(),
                self.table
                    .as_ref()
                    .map(Table::next_local)
                    .and_then(|s| self.consoles.iter_mut().find(|c| c.seat == s)),
            ) else {
                self.screen = Screen::Menu;
                return;
            };
            self.notice = None;
            let effects = c.update(msg, t.game().view(c.seat));
            for e in effects {
                self.effect(e);
            }
            return;
        }
        if msg == Msg::Interrupt {
            self.effects.extend([Effect::Save, Effect::Quit]);
            return;
        }
        if super::ui::too_small(self.size) {
            if msg == Msg::Char('q') {
                self.effects.extend([Effect::Save, Effect::Quit]);
            }
            return;
        }
        if let Msg::Click(x, y) = msg
            && let Some(Hit::Key(key)) = self.hits.at(x, y)
        {
            return self.handle(key);
        }
        if !self.dialogs.is_empty() {
            self.update_dialog(msg);
            return;
        }
        if let Some(d) = Dialog::opened_by(msg) {
            self.dialogs.push(d);
            return;
        }
        if let Msg::Click(x, y) = msg {
            if let Some(Hit::Menu(k)) = self.hits.at(x, y) {
                self.click_list(k);
            }
            return;
        }
        self.notice = None;
        match self.screen {
            Screen::Menu => self.update_menu(msg),
            Screen::NewGame => self.update_new_game(msg),
            Screen::Load => self.update_load(msg),
            Screen::Handover => {
                if matches!(msg, Msg::Enter | Msg::Char(' ')) {
                    self.screen = Screen::Game;
                    if let (Some(t), Some(c)) = (self.table.clone(), self.console_mut()) {
                        c.arrive(t.game().view(c.seat));
                        c.hear(&t.notices_since(c.seat, c.heard), t.event_count());
                    }
                }
            }
            Screen::Game => {}
        }
    }

    /// Carries out a console's effect on the table, or passes it on to the host.
    fn effect(&mut self, e: Effect) {
        match e {
            Effect::Submit(orders) => self.submit(orders),
            Effect::Leave => self.screen = Screen::Menu,
            Effect::Debrief => {
                let Some(t) = &self.table else { return };
                let d = Debrief::build(t.game(), Some(&t.humans()));
                if let Some(c) = self.console_mut() {
                    c.show_debrief(d);
                }
            }
            other => self.effects.push(other),
        }
    }

    fn submit(&mut self, orders: Orders) {
        let Some(t) = &mut self.table else { return };
        let seat = t.next_local();
        let result = t.submit(seat, orders).map_err(|e| e.to_string());
        let accepted = result.is_ok();
        let t = &*t;
        if let Some(c) = self.consoles.iter_mut().find(|c| c.seat == seat) {
            c.submitted(result, t.game().view(seat));
        }
        if accepted {
            self.effects.push(Effect::Save);
            if t.is_hot_seat() {
                self.screen = Screen::Handover;
            }
        }
    }

    /// Shows why a save failed (or that it worked again) on every console too.
    pub fn set_unsaved(&mut self, why: Option<String>) {
        for c in &mut self.consoles {
            c.unsaved.clone_from(&why);
        }
        self.unsaved = why;
    }

    fn update_dialog(&mut self, msg: Msg) {
        match answer(&mut self.dialogs, msg, &self.hits) {
            Answer::Done | Answer::Menu => return,
            Answer::Quit => {
                self.effects.extend([Effect::Save, Effect::Quit]);
                return;
            }
            Answer::Not => {}
        }
        let Some(top) = self.dialogs.last_mut() else {
            return;
        };
        match top {
            Dialog::ConfirmLoad { path, .. } => match msg {
                Msg::Char('y' | 'Y') => {
                    let path = path.clone();
                    self.dialogs.pop();
                    self.effects.push(Effect::Load {
                        path,
                        confirmed: true,
                    });
                }
                Msg::Char('n' | 'N') | Msg::Back | Msg::Enter => {
                    self.dialogs.pop();
                }
                _ => {}
            },
            // The host opens no action form; close one should it appear.
            _ => {
                self.dialogs.pop();
            }
        }
    }

    // ----- menu -----

    fn update_menu(&mut self, msg: Msg) {
        match msg {
            Msg::Up | Msg::Char('k') => self.menu = self.menu.saturating_sub(1),
            Msg::Down | Msg::Char('j') => self.menu = (self.menu + 1).min(MENU.len() - 1),
            Msg::Enter => self.choose_menu(),
            Msg::Char('n') => {
                self.menu = 0;
                self.choose_menu();
            }
            Msg::Char('c') => {
                self.menu = 1;
                self.choose_menu();
            }
            Msg::Back => self.dialogs.push(Dialog::ConfirmQuit),
            _ => {}
        }
    }

    pub fn choose_menu(&mut self) {
        match self.menu {
            0 => self.screen = Screen::NewGame,
            1 => {
                if self.autosave_exists {
                    let path = autosave::autosave_path(&self.config.data_dir);
                    self.effects.push(Effect::Load {
                        path,
                        confirmed: false,
                    });
                } else {
                    self.notice = Some("There is no saved game yet: start a new one.".into());
                }
            }
            2 => {
                self.effects.push(Effect::ListSaves);
                self.load_sel = 0;
                self.screen = Screen::Load;
            }
            3 => self.dialogs.push(Dialog::Help { scroll: 0 }),
            _ => self.dialogs.push(Dialog::ConfirmQuit),
        }
    }

    fn update_new_game(&mut self, msg: Msg) {
        let n = self.catalogue.len();
        let ng = &mut self.new_game;
        match msg {
            Msg::Up | Msg::Char('k') | Msg::Down | Msg::Char('j') => {
                let down = matches!(msg, Msg::Down | Msg::Char('j'));
                let sel = if down {
                    (ng.sel + 1).min(n.saturating_sub(1))
                } else {
                    ng.sel.saturating_sub(1)
                };
                if sel != ng.sel {
                    *ng = NewGame {
                        sel,
                        seed: std::mem::take(&mut ng.seed),
                        ..NewGame::default()
                    };
                }
            }
            Msg::PageUp | Msg::PageDown => {
                let by = super::ui::scroll_by(msg).unwrap_or(0);
                ng.scroll = self.hits.scroll(ng.scroll, by);
            }
            Msg::Left | Msg::Right | Msg::Char('h' | 'l') => {
                let roles = self
                    .catalogue
                    .get(ng.sel)
                    .and_then(|e| e.scenario.as_ref().ok())
                    .map_or(1, |s| role_count(s));
                let fwd = matches!(msg, Msg::Right | Msg::Char('l'));
                ng.role = if fwd {
                    (ng.role + 1) % roles
                } else {
                    (ng.role + roles - 1) % roles
                };
                // Back to the top, where the role shows.
                ng.scroll = 0;
            }
            Msg::Char(c) if c.is_ascii_digit() && ng.seed.len() < 19 => {
                ng.seed.push(c);
                ng.scroll = 0;
            }
            Msg::Backspace | Msg::Delete => {
                ng.seed.pop();
                ng.scroll = 0;
            }
            Msg::Back => self.screen = Screen::Menu,
            Msg::Enter => self.start_new_game(),
            _ => {}
        }
    }

    fn start_new_game(&mut self) {
        let Some(entry) = self.catalogue.get(self.new_game.sel) else {
            self.notice = Some("No scenario found in the scenarios folder.".into());
            return;
        };
        let sc = match &entry.scenario {
            Ok(s) => Arc::clone(s),
            Err(e) => {
                self.dialogs.push(Dialog::Notice {
                    title: "This scenario cannot be played".into(),
                    text: e.clone(),
                });
                return;
            }
        };
        let seed = self.new_game.seed.parse::<u64>().unwrap_or(0);
        let humans = seats_for(&sc, self.new_game.role);
        let t = Table::new(sc, seed, &humans)
            .with_origin(entry.path.display().to_string(), (self.config.clock)());
        self.begin(t, Stage::Briefing);
        self.effects.push(Effect::Save);
    }

    /// A click on line `k` of the list on show: the menu acts at once; a scenario or a save is
    /// chosen, and opened by a second click.
    fn click_list(&mut self, k: usize) {
        match self.screen {
            Screen::Menu => {
                self.menu = k;
                self.choose_menu();
            }
            Screen::NewGame if self.new_game.sel == k => self.handle(Msg::Enter),
            Screen::NewGame => {
                let steps = k.abs_diff(self.new_game.sel);
                let way = if k > self.new_game.sel {
                    Msg::Down
                } else {
                    Msg::Up
                };
                (0..steps).for_each(|_| self.handle(way));
            }
            Screen::Load if self.load_sel == k => self.handle(Msg::Enter),
            Screen::Load => self.load_sel = k.min(self.saves.len().saturating_sub(1)),
            Screen::Handover | Screen::Game => {}
        }
    }

    fn update_load(&mut self, msg: Msg) {
        match msg {
            Msg::Up | Msg::Char('k') => self.load_sel = self.load_sel.saturating_sub(1),
            Msg::Down | Msg::Char('j') => {
                self.load_sel = (self.load_sel + 1).min(self.saves.len().saturating_sub(1))
            }
            Msg::Back => self.screen = Screen::Menu,
            Msg::Enter => {
                if let Some(path) = self.saves.get(self.load_sel).cloned() {
                    self.effects.push(Effect::Load {
                        path,
                        confirmed: false,
                    });
                }
            }
            _ => {}
        }
    }
}
