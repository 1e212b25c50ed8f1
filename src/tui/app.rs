//! The application state of the terminal front end: which screen is showing (a closed enum),
//! the dialogs stacked over it, the game session, the current seat's draft orders, and every
//! screen's cursor. `update` is the only function that changes it, one `Msg` at a time; drawing
//! reads it and never changes it. Knows nothing of the terminal: tests drive it directly.

use super::form::Form;
use super::model;
use super::ui::Hit;
use crate::autosave::{self, Resume};
use crate::engine::Orders;
use crate::engine::orders::{Assessment, Posture};
use crate::ids::*;
use crate::report::Debrief;
use crate::scenario::Scenario;
use crate::table::{Progress, Table, draft};
use std::path::{Path, PathBuf};

pub use super::setup::{catalogue, list_saves, role_count, role_name, seats_for};
use super::setup::{nudge, quick};
use std::sync::Arc;

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

/// What `update` asks its host to do: everything that touches the disk or ends the program.
/// `update` itself never does I/O, so the same console runs under any host.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    Quit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    Menu,
    NewGame,
    Load,
    Briefing,
    Dashboard,
    Assessment,
    TurnReport,
    /// Hot seat: hides the last seat's information until the next player is ready.
    Handover,
    Debrief,
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
    fn ix(self) -> usize {
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
}

#[derive(Clone, Debug)]
pub struct AssessRow {
    pub actor: ActorIx,
    pub hypotheses: Vec<IntentIx>,
    /// Probability per scenario intent, or `None` if skipped.
    pub probs: Option<Vec<f64>>,
}

#[derive(Clone, Debug)]
pub struct App {
    pub config: Config,
    pub screen: Screen,
    pub dialogs: Vec<Dialog>,
    pub table: Option<Table>,
    pub draft: Orders,
    pub size: (u16, u16),
    pub quit: bool,
    /// Effects asked for by the message being handled; `update` hands them to the host.
    effects: Vec<Effect>,
    /// Whether the data folder holds an autosave (the host keeps it current).
    pub autosave_exists: bool,
    /// Where the last drawing put each thing a click can choose.
    pub hits: super::ui::Hits,
    /// A one-line message under the screen (what just happened, or why not).
    pub notice: Option<String>,
    /// The action of the draft the engine refused at the last attempt to send it, marked on screen.
    pub refused: Option<usize>,
    /// Why the last autosave failed, while the game has turns no save holds. Quitting then says
    /// so and the program exits non-zero.
    pub unsaved: Option<String>,
    pub catalogue: Vec<Entry>,
    pub menu: usize,
    pub new_game: NewGame,
    pub saves: Vec<PathBuf>,
    pub load_sel: usize,
    pub panel: Panel,
    pub sel: [usize; 4],
    pub assess: Vec<AssessRow>,
    pub assess_sel: (usize, usize),
    /// The turn the turn report describes.
    pub report_turn: u32,
    pub report_scroll: u16,
    pub briefing_scroll: u16,
    /// Where the hand-over screen leads.
    pub after_handover: Screen,
    pub debrief: Option<Box<Debrief>>,
    pub debrief_tab: usize,
    pub debrief_scroll: u16,
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
            draft: Orders::default(),
            size: (80, 24),
            quit: false,
            effects: Vec::new(),
            autosave_exists,
            hits: super::ui::Hits::default(),
            notice: None,
            unsaved: None,
            refused: None,
            catalogue,
            menu: 0,
            new_game: NewGame { sel, role: 0, seed },
            saves: Vec::new(),
            load_sel: 0,
            panel: Panel::Feed,
            sel: [0; 4],
            assess: Vec::new(),
            assess_sel: (0, 0),
            report_turn: 0,
            report_scroll: 0,
            briefing_scroll: 0,
            after_handover: Screen::Dashboard,
            debrief: None,
            debrief_tab: 0,
            debrief_scroll: 0,
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
        self.begin(t);
        self.screen = Screen::Briefing;
        Ok(())
    }

    fn begin(&mut self, t: Table) {
        self.draft = t
            .seat(t.next_local())
            .map(|s| s.draft.clone())
            .unwrap_or_default();
        self.table = Some(t);
        self.panel = Panel::Feed;
        self.sel = [0; 4];
        self.briefing_scroll = 0;
        self.debrief = None;
        self.debrief_tab = 0;
        self.debrief_scroll = 0;
        self.report_turn = self.table.as_ref().map_or(0, |t| t.game().state().turn);
    }

    /// Carries on with a restored table, on the screen where its players left it.
    pub fn resume(&mut self, t: Table) {
        let over = t.game().is_over();
        let hot = t.is_hot_seat();
        self.begin(t);
        self.screen = if over {
            self.open_debrief();
            Screen::Debrief
        } else if hot {
            self.after_handover = Screen::Dashboard;
            Screen::Handover
        } else {
            Screen::Dashboard
        };
    }

    fn ask(&mut self, e: Effect) {
        self.effects.push(e);
    }

    /// The autosave record of the game, with the draft being edited.
    pub fn record(&self) -> Option<Resume> {
        let t = self.table.as_ref()?;
        let mut t = t.clone();
        let seat = t.next_local();
        if t.seat(seat).is_some_and(|s| !s.ready) {
            t.set_draft(seat, self.draft.clone()).ok()?;
        }
        Some(Resume::of(&t))
    }

    /// The seat this console serves now (in hot seat, the next player's).
    pub fn seat(&self) -> Option<ActorIx> {
        self.table.as_ref().map(Table::next_local)
    }

    /// What the seat may know: everything a seat's screen draws comes from here.
    pub fn view(&self) -> Option<crate::engine::SeatView<'_>> {
        let t = self.table.as_ref()?;
        Some(t.game().view(t.next_local()))
    }

    /// Handles one message and returns what the host must do about it.
    #[must_use = "the host must carry out the effects"]
    pub fn update(&mut self, msg: Msg) -> Vec<Effect> {
        self.handle(msg);
        std::mem::take(&mut self.effects)
    }

    fn handle(&mut self, msg: Msg) {
        match msg {
            Msg::Resize(w, h) => {
                self.size = (w, h);
                return;
            }
            Msg::Interrupt => {
                self.ask(Effect::Save);
                self.ask(Effect::Quit);
                return;
            }
            _ => {}
        }
        if !self.dialogs.is_empty() {
            self.update_dialog(msg);
            return;
        }
        match msg {
            Msg::Char('?') => {
                self.dialogs.push(Dialog::Help { scroll: 0 });
                return;
            }
            Msg::Char('q') => {
                self.dialogs.push(Dialog::ConfirmQuit);
                return;
            }
            _ => {}
        }
        if let Msg::Click(x, y) = msg {
            self.click(x, y);
            return;
        }
        self.notice = None;
        match self.screen {
            Screen::Menu => self.update_menu(msg),
            Screen::NewGame => self.update_new_game(msg),
            Screen::Load => self.update_load(msg),
            Screen::Briefing => self.update_briefing(msg),
            Screen::Dashboard => self.update_dashboard(msg),
            Screen::Assessment => self.update_assessment(msg),
            Screen::TurnReport => self.update_report(msg),
            Screen::Handover => {
                if matches!(msg, Msg::Enter | Msg::Char(' ')) {
                    self.screen = self.after_handover;
                }
            }
            Screen::Debrief => self.update_debrief(msg),
        }
    }

    fn update_dialog(&mut self, msg: Msg) {
        let Some(top) = self.dialogs.last_mut() else {
            return;
        };
        match top {
            Dialog::Help { scroll } | Dialog::Detail { scroll, .. } => match msg {
                Msg::Up | Msg::Char('k') => *scroll = scroll.saturating_sub(1),
                Msg::Down | Msg::Char('j') => *scroll = scroll.saturating_add(1),
                Msg::PageUp => *scroll = scroll.saturating_sub(10),
                Msg::PageDown => *scroll = scroll.saturating_add(10),
                Msg::Back | Msg::Enter | Msg::Char('?' | 'q') | Msg::Click(..) => {
                    self.dialogs.pop();
                }
                _ => {}
            },
            Dialog::Notice { .. } => {
                if matches!(
                    msg,
                    Msg::Back | Msg::Enter | Msg::Char(' ') | Msg::Click(..)
                ) {
                    self.dialogs.pop();
                }
            }
            Dialog::ConfirmQuit => match msg {
                Msg::Char('y' | 'Y' | 'q') | Msg::Enter => {
                    self.ask(Effect::Save);
                    self.ask(Effect::Quit);
                }
                Msg::Char('n' | 'N') | Msg::Back => {
                    self.dialogs.pop();
                }
                _ => {}
            },
            Dialog::ConfirmLoad { path, .. } => match msg {
                Msg::Char('y' | 'Y') => {
                    let path = path.clone();
                    self.dialogs.pop();
                    self.ask(Effect::Load {
                        path,
                        confirmed: true,
                    });
                }
                Msg::Char('n' | 'N') | Msg::Back | Msg::Enter => {
                    self.dialogs.pop();
                }
                _ => {}
            },
            Dialog::Action(form) => match msg {
                Msg::Up | Msg::Char('k') => form.sel = form.sel.saturating_sub(1),
                Msg::Down | Msg::Char('j') | Msg::NextPanel => {
                    form.sel = (form.sel + 1).min(form.fields.len().saturating_sub(1))
                }
                Msg::Left | Msg::Char('h') => {
                    if let Some(f) = form.fields.get_mut(form.sel) {
                        f.step(false);
                    }
                    form.error = None;
                }
                Msg::Right | Msg::Char('l') | Msg::Char(' ') => {
                    if let Some(f) = form.fields.get_mut(form.sel) {
                        f.step(true);
                    }
                    form.error = None;
                }
                Msg::Back => {
                    self.dialogs.pop();
                }
                Msg::Enter => {
                    let form = form.clone();
                    self.add_action(&form);
                }
                _ => {}
            },
        }
    }

    fn add_action(&mut self, form: &Form) {
        let Some(t) = &self.table else { return };
        let Some(action) = form.action() else {
            self.set_form_error("Nothing to choose for a field: this action is not possible now.");
            return;
        };
        let seat = t.next_local();
        let line = crate::report::Narrator::for_seat(t.game().view(seat)).action(seat, &action);
        match draft::add_action(t.game(), seat, &mut self.draft, action) {
            Ok(()) => {
                self.dialogs.pop();
                self.notice = Some(format!("Added to this turn's orders: {line}."));
            }
            Err(e) => self.set_form_error(&crate::report::words::capitalise(&e.to_string())),
        }
    }

    fn set_form_error(&mut self, text: &str) {
        if let Some(Dialog::Action(f)) = self.dialogs.last_mut() {
            f.error = Some(format!("{text}."));
        }
    }

    /// A click chooses what the last drawing put under the pointer: a panel, an item (a second
    /// click on the selected item opens it) or a menu line.
    fn click(&mut self, x: u16, y: u16) {
        match self.hits.at(x, y) {
            Some(Hit::Panel(p)) => self.panel = p,
            Some(Hit::Row(p, k)) => {
                let again = self.panel == p && self.sel[p.ix()] == k;
                self.panel = p;
                self.sel[p.ix()] = k;
                if again {
                    self.handle(Msg::Enter);
                }
            }
            Some(Hit::Menu(k)) => {
                self.menu = k;
                self.choose_menu();
            }
            None => {}
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
                    self.ask(Effect::Load {
                        path,
                        confirmed: false,
                    });
                } else {
                    self.notice = Some("There is no saved game yet: start a new one.".into());
                }
            }
            2 => {
                self.ask(Effect::ListSaves);
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
            Msg::Up | Msg::Char('k') => {
                ng.sel = ng.sel.saturating_sub(1);
                ng.role = 0;
            }
            Msg::Down | Msg::Char('j') => {
                ng.sel = (ng.sel + 1).min(n.saturating_sub(1));
                ng.role = 0;
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
            }
            Msg::Char(c) if c.is_ascii_digit() && ng.seed.len() < 19 => ng.seed.push(c),
            Msg::Backspace | Msg::Delete => {
                ng.seed.pop();
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
        self.begin(t);
        self.screen = Screen::Briefing;
        self.ask(Effect::Save);
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
                    self.ask(Effect::Load {
                        path,
                        confirmed: false,
                    });
                }
            }
            _ => {}
        }
    }

    fn update_briefing(&mut self, msg: Msg) {
        match msg {
            Msg::Up | Msg::Char('k') => {
                self.briefing_scroll = self.briefing_scroll.saturating_sub(1)
            }
            Msg::Down | Msg::Char('j') => {
                self.briefing_scroll = self.briefing_scroll.saturating_add(1)
            }
            Msg::PageUp => self.briefing_scroll = self.briefing_scroll.saturating_sub(10),
            Msg::PageDown => self.briefing_scroll = self.briefing_scroll.saturating_add(10),
            Msg::Enter | Msg::Back | Msg::Char(' ') => self.screen = Screen::Dashboard,
            _ => {}
        }
    }

    // ----- dashboard -----

    /// Number of rows in a dashboard panel.
    pub fn panel_len(&self, p: Panel) -> usize {
        let Some(view) = self.view() else { return 0 };
        match p {
            Panel::Feed => model::feed(view).len(),
            Panel::Counterparts => view.others().count(),
            Panel::Actions => view.actions().count(),
            Panel::Orders => self.draft.actions.len() + view.proposals_to_me().count(),
        }
    }

    pub fn move_sel(&mut self, down: bool, by: usize) {
        let len = self.panel_len(self.panel);
        let s = &mut self.sel[self.panel.ix()];
        *s = if down {
            (*s + by).min(len.saturating_sub(1))
        } else {
            s.saturating_sub(by)
        };
    }

    fn cycle_panel(&mut self, forward: bool) {
        let i = self.panel.ix();
        let n = Panel::ALL.len();
        self.panel = Panel::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }];
    }

    fn update_dashboard(&mut self, msg: Msg) {
        match msg {
            Msg::Up | Msg::Char('k') => self.move_sel(false, 1),
            Msg::Down | Msg::Char('j') => self.move_sel(true, 1),
            Msg::PageUp => self.move_sel(false, 10),
            Msg::PageDown => self.move_sel(true, 10),
            Msg::NextPanel => self.cycle_panel(true),
            Msg::PrevPanel => self.cycle_panel(false),
            Msg::Left | Msg::Char('h') => self.sideways(false),
            Msg::Right | Msg::Char('l') => self.sideways(true),
            Msg::Enter => self.activate(),
            Msg::Delete | Msg::Backspace | Msg::Char('x') if self.panel == Panel::Orders => {
                self.withdraw()
            }
            Msg::Char('e') => self.end_turn(),
            Msg::Char('b') => {
                self.briefing_scroll = 0;
                self.screen = Screen::Briefing;
            }
            Msg::Char('r') if self.report_turn > 0 => {
                self.report_scroll = 0;
                self.screen = Screen::TurnReport;
            }
            Msg::Char('1') => self.panel = Panel::Feed,
            Msg::Char('2') => self.panel = Panel::Counterparts,
            Msg::Char('3') => self.panel = Panel::Actions,
            Msg::Char('4') => self.panel = Panel::Orders,
            Msg::Back => {
                self.ask(Effect::Save);
                self.screen = Screen::Menu;
            }
            _ => {}
        }
    }

    /// ←/→: the posture toward the selected counterpart or the answer to a proposal; nothing
    /// elsewhere (panels change only with Tab or 1-4, so a stray arrow never changes a posture).
    fn sideways(&mut self, forward: bool) {
        let Some(view) = self.view() else { return };
        match self.panel {
            Panel::Counterparts => {
                let target = view
                    .others()
                    .nth(self.sel[Panel::Counterparts.ix()])
                    .map(|a| (a, view.posture(a)));
                if let Some((a, standing)) = target {
                    let now = self.draft_posture(a).unwrap_or(standing);
                    let i = Posture::ALL.iter().position(|p| *p == now).unwrap_or(1);
                    let next = if forward {
                        (i + 1).min(2)
                    } else {
                        i.saturating_sub(1)
                    };
                    self.set_posture(a, Posture::ALL[next]);
                }
            }
            Panel::Orders => {
                let k = self.sel[Panel::Orders.ix()];
                let n = self.draft.actions.len();
                if k >= n {
                    let id = view.proposals_to_me().nth(k - n).map(|p| p.id);
                    if let Some(id) = id {
                        self.toggle_response(id, forward);
                    }
                }
            }
            _ => {}
        }
    }

    pub fn set_posture(&mut self, toward: ActorIx, p: Posture) {
        draft::set_posture(&mut self.draft, toward, p);
    }

    /// The posture the draft sets toward `a`, if it sets one.
    pub fn draft_posture(&self, a: ActorIx) -> Option<Posture> {
        draft::posture(&self.draft, a)
    }

    fn toggle_response(&mut self, id: ProposalId, forward: bool) {
        draft::cycle_answer(&mut self.draft, id, forward);
    }

    fn activate(&mut self) {
        let Some(view) = self.view() else { return };
        let k = self.sel[self.panel.ix()];
        match self.panel {
            Panel::Feed => {
                if let Some(item) = model::feed(view).into_iter().nth(k) {
                    self.dialogs.push(Dialog::Detail {
                        title: format!("{} · turn {}", item.tag.word(), item.turn),
                        lines: item.detail,
                        scroll: 0,
                    });
                }
            }
            Panel::Counterparts => {
                if let Some(c) = model::counterparts(view).into_iter().nth(k) {
                    let lines = super::ui::dashboard::counterpart_detail(view, &c);
                    self.dialogs.push(Dialog::Detail {
                        title: c.name.clone(),
                        lines,
                        scroll: 0,
                    });
                }
            }
            Panel::Actions => {
                let kind = view.actions().nth(k).map(|x| x.0);
                if let Some(kind) = kind {
                    let form = Form::new(view, kind);
                    if form.fields.is_empty() {
                        self.add_action(&form);
                    } else {
                        self.dialogs.push(Dialog::Action(form));
                    }
                }
            }
            Panel::Orders => {
                if k < self.draft.actions.len() {
                    self.withdraw();
                } else {
                    let id = view
                        .proposals_to_me()
                        .nth(k - self.draft.actions.len())
                        .map(|p| p.id);
                    if let Some(id) = id {
                        self.toggle_response(id, true);
                    }
                }
            }
        }
    }

    fn withdraw(&mut self) {
        let k = self.sel[Panel::Orders.ix()];
        if draft::withdraw(&mut self.draft, k) {
            self.refused = None;
            self.notice = Some("Action withdrawn.".into());
            let len = self.panel_len(Panel::Orders);
            self.sel[Panel::Orders.ix()] = k.min(len.saturating_sub(1));
        }
    }

    /// Opens the assessment of every counterpart before the orders go.
    fn end_turn(&mut self) {
        let Some(view) = self.view() else { return };
        let sc = view.scenario();
        self.assess = model::assessable(view)
            .into_iter()
            .map(|a| AssessRow {
                actor: a,
                hypotheses: model::hypotheses(sc, a),
                probs: self
                    .draft
                    .assessments
                    .iter()
                    .find(|x| x.of == a)
                    .map(|x| x.probs.clone()),
            })
            .collect();
        self.assess_sel = (0, 0);
        if self.assess.is_empty() {
            self.submit();
        } else {
            self.screen = Screen::Assessment;
        }
    }

    fn update_assessment(&mut self, msg: Msg) {
        let k = self
            .table
            .as_ref()
            .map_or(0, |t| t.scenario().intents.len());
        let (r, c) = self.assess_sel;
        let rows = self.assess.len();
        let Some(row) = self.assess.get_mut(r) else {
            if msg == Msg::Enter {
                self.submit();
            }
            return;
        };
        let cols = row.hypotheses.len();
        match msg {
            Msg::Up | Msg::Char('k') => self.assess_sel.0 = r.saturating_sub(1),
            Msg::Down | Msg::Char('j') => self.assess_sel.0 = (r + 1).min(rows - 1),
            Msg::Left | Msg::Char('h') => self.assess_sel.1 = c.saturating_sub(1),
            Msg::Right | Msg::Char('l') => self.assess_sel.1 = (c + 1).min(cols - 1),
            Msg::Char(d @ '1'..='9') => {
                let i = d as usize - '1' as usize;
                if i < cols {
                    row.probs = Some(quick(row, k, i));
                    self.assess_sel.1 = i;
                }
            }
            Msg::Char('+' | '=') => nudge(row, k, c, 0.1),
            Msg::Char('-') => nudge(row, k, c, -0.1),
            Msg::Char('0') | Msg::Delete | Msg::Backspace => row.probs = None,
            Msg::Back => self.screen = Screen::Dashboard,
            Msg::Enter => self.submit(),
            _ => {}
        }
    }

    /// Sends the current seat's orders (with its assessments) to the session.
    pub fn submit(&mut self) {
        self.draft.assessments = self
            .assess
            .iter()
            .filter_map(|r| {
                r.probs
                    .clone()
                    .map(|probs| Assessment { of: r.actor, probs })
            })
            .collect();
        let Some(t) = &mut self.table else { return };
        let seat = t.next_local();
        // The draft stays until the orders are accepted: a refusal must not cost the player it.
        match t.submit(seat, self.draft.clone()) {
            Err(e) => {
                self.refused = draft::refused_action(t.game(), seat, &self.draft);
                if let Some(k) = self.refused {
                    self.panel = Panel::Orders;
                    self.sel[Panel::Orders.ix()] = k;
                }
                self.screen = Screen::Dashboard;
                self.dialogs.push(Dialog::Notice {
                    title: "These orders cannot go".into(),
                    text: crate::report::words::capitalise(&e.to_string()),
                });
            }
            Ok(Progress::Waiting) => {
                self.refused = None;
                self.draft = t
                    .seat(t.next_local())
                    .map(|s| s.draft.clone())
                    .unwrap_or_default();
                self.after_handover = Screen::Dashboard;
                self.screen = Screen::Handover;
                self.assess.clear();
                self.ask(Effect::Save);
            }
            Ok(Progress::Resolved(_)) => {
                self.refused = None;
                self.draft = t
                    .seat(t.next_local())
                    .map(|s| s.draft.clone())
                    .unwrap_or_default();
                self.report_turn = t.game().state().turn;
                self.report_scroll = 0;
                let hot = t.is_hot_seat();
                self.assess.clear();
                self.sel = [0; 4];
                self.ask(Effect::Save);
                if hot {
                    self.after_handover = Screen::TurnReport;
                    self.screen = Screen::Handover;
                } else {
                    self.screen = Screen::TurnReport;
                }
            }
        }
    }

    fn update_report(&mut self, msg: Msg) {
        match msg {
            Msg::Up | Msg::Char('k') => self.report_scroll = self.report_scroll.saturating_sub(1),
            Msg::Down | Msg::Char('j') => self.report_scroll = self.report_scroll.saturating_add(1),
            Msg::PageUp => self.report_scroll = self.report_scroll.saturating_sub(10),
            Msg::PageDown => self.report_scroll = self.report_scroll.saturating_add(10),
            Msg::Enter | Msg::Back | Msg::Char(' ') => {
                let over = self.table.as_ref().is_some_and(|t| t.game().is_over());
                if over {
                    self.open_debrief();
                    self.screen = Screen::Debrief;
                } else {
                    self.screen = Screen::Dashboard;
                }
            }
            _ => {}
        }
    }

    // ----- debrief -----

    pub fn open_debrief(&mut self) {
        if let Some(t) = &self.table {
            self.debrief = Some(Box::new(Debrief::build(t.game(), Some(&t.humans()))));
            self.debrief_tab = 0;
            self.debrief_scroll = 0;
        }
    }

    fn update_debrief(&mut self, msg: Msg) {
        match msg {
            Msg::NextPanel | Msg::Right | Msg::Char('l') => {
                self.debrief_tab = (self.debrief_tab + 1) % DEBRIEF_TABS.len();
                self.debrief_scroll = 0;
            }
            Msg::PrevPanel | Msg::Left | Msg::Char('h') => {
                self.debrief_tab = (self.debrief_tab + DEBRIEF_TABS.len() - 1) % DEBRIEF_TABS.len();
                self.debrief_scroll = 0;
            }
            Msg::Up | Msg::Char('k') => self.debrief_scroll = self.debrief_scroll.saturating_sub(1),
            Msg::Down | Msg::Char('j') => {
                self.debrief_scroll = self.debrief_scroll.saturating_add(1)
            }
            Msg::PageUp => self.debrief_scroll = self.debrief_scroll.saturating_sub(10),
            Msg::PageDown => self.debrief_scroll = self.debrief_scroll.saturating_add(10),
            Msg::Char('m') => self.ask(Effect::Export),
            Msg::Back | Msg::Enter => {
                self.screen = Screen::Menu;
            }
            _ => {}
        }
    }
}

pub const DEBRIEF_TABS: [&str; 4] = ["Outcome", "Charts", "How they saw you", "Turning points"];
