//! One seat's console: the screens a player of that seat sees during a game (briefing,
//! dashboard, assessment, turn report, debrief), its dialogs, its draft orders and every cursor.
//! `update` takes a message and the seat's `SeatView` and returns effects (save, submit, export,
//! leave, quit) for its host to carry out: the local console, the hot seat (one console per
//! seat) and the workshop server drive the same code. It never sees the truth, and does no I/O.

use super::app::{Answer, Dialog, Effect, Msg, Panel, answer};
use super::form::{Form, Step};
use super::model;
use super::setup::{nudge, quick};
use super::theme::Theme;
use super::ui::{Hit, Hits};
use crate::engine::orders::{Assessment, Posture};
use crate::engine::{Orders, SeatView};
use crate::ids::*;
use crate::report::Debrief;
use crate::table::{Progress, draft};

/// The screens of a seat during a game.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Briefing,
    Dashboard,
    Assessment,
    TurnReport,
    Debrief,
}

#[derive(Clone, Debug)]
pub struct AssessRow {
    pub actor: ActorIx,
    pub hypotheses: Vec<IntentIx>,
    /// Probability per scenario intent, or `None` if skipped.
    pub probs: Option<Vec<f64>>,
}

#[derive(Clone, Debug)]
pub struct Console {
    pub seat: ActorIx,
    pub theme: Theme,
    pub stage: Stage,
    pub dialogs: Vec<Dialog>,
    pub draft: Orders,
    pub size: (u16, u16),
    /// A one-line message under the screen (what just happened, or why not).
    pub notice: Option<String>,
    /// The action of the draft the engine refused at the last attempt to send it, marked on screen.
    pub refused: Option<usize>,
    /// Why the last save failed, if it did: the quit dialog then says the game is not saved.
    pub unsaved: Option<String>,
    /// Where the last drawing put each thing a click can choose.
    pub hits: Hits,
    pub panel: Panel,
    pub sel: [usize; 4],
    pub assess: Vec<AssessRow>,
    pub assess_sel: (usize, usize),
    /// The turn the turn report describes (0: none yet).
    pub report_turn: u32,
    pub report_scroll: u16,
    pub briefing_scroll: u16,
    pub debrief: Option<Box<Debrief>>,
    pub debrief_tab: usize,
    pub debrief_scroll: u16,
    /// On the "What would have worked" page: the turn whose fork is shown.
    pub fork_turn: u32,
    /// How many of the table's events this console has heard.
    pub heard: usize,
    effects: Vec<Effect>,
}

pub const DEBRIEF_TABS: [&str; 5] = [
    "Outcome",
    "Charts",
    "How they saw you",
    "Turning points",
    "What worked",
];

/// The debrief page where ↑↓ pick the turn a fork starts from.
pub const WORKED_TAB: usize = 4;

impl Console {
    /// A fresh console for a seat, opening on its briefing with its draft from the table.
    pub fn new(seat: ActorIx, theme: Theme, view: SeatView<'_>, draft: Orders) -> Console {
        Console {
            seat,
            theme,
            stage: Stage::Briefing,
            dialogs: Vec::new(),
            draft,
            size: (80, 24),
            notice: None,
            refused: None,
            unsaved: None,
            hits: Hits::default(),
            panel: Panel::Feed,
            sel: [0; 4],
            assess: Vec::new(),
            assess_sel: (0, 0),
            report_turn: view.turns_played(),
            report_scroll: 0,
            briefing_scroll: 0,
            debrief: None,
            debrief_tab: 0,
            debrief_scroll: 0,
            fork_turn: 1,
            heard: 0,
            effects: Vec::new(),
        }
    }

    pub fn theme(&self) -> Theme {
        self.theme
    }

    fn ask(&mut self, e: Effect) {
        self.effects.push(e);
    }

    /// Handles one message and returns what the host must do about it.
    #[must_use = "the host must carry out the effects"]
    pub fn update(&mut self, msg: Msg, view: SeatView<'_>) -> Vec<Effect> {
        self.handle(msg, view);
        std::mem::take(&mut self.effects)
    }

    fn handle(&mut self, msg: Msg, view: SeatView<'_>) {
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
        // Behind the "enlarge the terminal" message nothing may act unseen: only q (save and
        // quit, as the message says) and a resize.
        if super::ui::too_small(self.size) {
            if msg == Msg::Char('q') {
                self.ask(Effect::Save);
                self.ask(Effect::Quit);
            }
            return;
        }
        // A click on a key of the key line presses that key, on every screen and dialog.
        if let Msg::Click(x, y) = msg
            && let Some(Hit::Key(key)) = self.hits.at(x, y)
        {
            return self.handle(key, view);
        }
        if msg == Msg::Char('?') && matches!(self.dialogs.last(), Some(Dialog::Action(_))) {
            self.dialogs.push(Dialog::Help { scroll: 0 });
            return;
        }
        if !self.dialogs.is_empty() {
            self.update_dialog(msg, view);
            return;
        }
        if let Some(d) = Dialog::opened_by(msg) {
            self.dialogs.push(d);
            return;
        }
        if let Msg::Click(x, y) = msg {
            self.click(x, y, view);
            return;
        }
        self.notice = None;
        match self.stage {
            Stage::Briefing => self.update_briefing(msg),
            Stage::Dashboard => self.update_dashboard(msg, view),
            Stage::Assessment => self.update_assessment(msg, view),
            Stage::TurnReport => self.update_report(msg, view),
            Stage::Debrief => self.update_debrief(msg),
        }
    }

    /// The seat comes back to its console (hot seat: the keyboard is passed to it). A turn it
    /// has not seen resolve opens on its own report of that turn.
    pub fn arrive(&mut self, view: SeatView<'_>) {
        let turn = view.turns_played();
        if turn > self.report_turn && self.stage != Stage::Debrief {
            self.report_turn = turn;
            self.report_scroll = 0;
            self.stage = Stage::TurnReport;
        }
    }

    /// Tells the seat what happened at the table since it last heard (another seat got ready, the
    /// facilitator paused, news arrived), on its notice line; `count` is the table's event count.
    pub fn hear(&mut self, notices: &[crate::table::Notice], count: usize) {
        self.heard = count;
        let said: Vec<&str> = notices
            .iter()
            .filter(|n| n.resolved.is_none())
            .map(|n| n.text.as_str())
            .collect();
        if !said.is_empty() {
            self.notice = Some(said.join(" "));
        }
    }

    /// What became of the orders this console sent: refused (with the reason), waiting for other
    /// seats, or resolved. A refusal keeps the draft and marks the refused action.
    pub fn submitted(&mut self, result: Result<Progress, String>, view: SeatView<'_>) {
        match result {
            Err(why) => {
                self.refused = draft::refused_action(view, &self.draft);
                if let Some(k) = self.refused {
                    self.panel = Panel::Orders;
                    self.sel[Panel::Orders.ix()] = k;
                }
                self.stage = Stage::Dashboard;
                self.dialogs.push(Dialog::Notice {
                    title: "These orders cannot go".into(),
                    text: crate::report::words::capitalise(&why),
                });
            }
            Ok(progress) => {
                self.refused = None;
                self.draft = Orders::default();
                self.assess.clear();
                self.sel = [0; 4];
                match progress {
                    Progress::Waiting => {
                        self.stage = Stage::Dashboard;
                        self.notice =
                            Some("Orders sent: the turn resolves when every seat is ready.".into());
                    }
                    Progress::Resolved(_) => self.arrive(view),
                }
            }
        }
    }

    /// Shows the debrief the host built at the game's end.
    pub fn show_debrief(&mut self, d: Debrief) {
        self.debrief = Some(Box::new(d));
        self.debrief_tab = 0;
        self.debrief_scroll = 0;
        self.stage = Stage::Debrief;
    }

    fn update_dialog(&mut self, msg: Msg, view: SeatView<'_>) {
        match answer(&mut self.dialogs, msg, &self.hits) {
            Answer::Done => return,
            Answer::Menu => {
                self.ask(Effect::Save);
                self.ask(Effect::Leave);
                return;
            }
            Answer::Quit => {
                self.ask(Effect::Save);
                self.ask(Effect::Quit);
                return;
            }
            Answer::Not => {}
        }
        let Some(top) = self.dialogs.last_mut() else {
            return;
        };
        match top {
            Dialog::Action(form) => match msg {
                Msg::Click(x, y) => {
                    if let Some(Hit::Field(i, step)) = self.hits.at(x, y) {
                        form.sel = i.min(form.fields.len().saturating_sub(1));
                        form.step(step);
                    }
                }
                Msg::Up | Msg::Char('k') => form.sel = form.sel.saturating_sub(1),
                Msg::Down | Msg::Char('j') | Msg::NextPanel => {
                    form.sel = (form.sel + 1).min(form.fields.len().saturating_sub(1))
                }
                Msg::Left | Msg::Char('h') => form.step(Step::Back),
                Msg::Right | Msg::Char('l') | Msg::Char(' ') => form.step(Step::On),
                Msg::Back => {
                    self.dialogs.pop();
                }
                Msg::Enter => {
                    let form = form.clone();
                    self.add_action(&form, view);
                }
                _ => {}
            },
            // A host's question (loading a save) never reaches a seat's console.
            _ => {
                self.dialogs.pop();
            }
        }
    }

    fn add_action(&mut self, form: &Form, view: SeatView<'_>) {
        let Some(action) = form.action() else {
            self.set_form_error(&form.why_not());
            return;
        };
        let line = crate::report::Narrator::for_seat(view).action(view.seat(), &action);
        match draft::add_action(view, &mut self.draft, action) {
            Ok(()) => {
                self.dialogs.pop();
                self.notice = Some(format!("Added to this turn's orders: {line}."));
            }
            Err(e) => self.set_form_error(&crate::report::words::capitalise(&e.to_string())),
        }
    }

    fn set_form_error(&mut self, text: &str) {
        if let Some(Dialog::Action(f)) = self.dialogs.last_mut() {
            f.error = Some(format!("{}.", text.trim_end_matches('.')));
        }
    }

    /// A click chooses what the last drawing put under the pointer: a panel, an item (a second
    /// click on the selected item opens it) or a menu line.
    fn click(&mut self, x: u16, y: u16, view: SeatView<'_>) {
        match self.hits.at(x, y) {
            Some(Hit::Panel(p)) => self.panel = p,
            Some(Hit::Row(p, k)) => {
                let again = self.panel == p && self.sel[p.ix()] == k;
                self.panel = p;
                self.sel[p.ix()] = k;
                if again {
                    self.handle(Msg::Enter, view);
                }
            }
            Some(Hit::Assess(r, c)) if self.stage == Stage::Assessment => {
                self.assess_sel = (r, c.unwrap_or(self.assess_sel.1));
            }
            Some(Hit::Tab(i)) if self.stage == Stage::Debrief => {
                self.debrief_tab = i;
                self.debrief_scroll = 0;
            }
            Some(Hit::Menu(_) | Hit::Key(_) | Hit::Assess(..) | Hit::Tab(_) | Hit::Field(..))
            | None => {}
        }
    }

    fn update_briefing(&mut self, msg: Msg) {
        if let Some(by) = super::ui::scroll_by(msg) {
            self.briefing_scroll = self.hits.scroll(self.briefing_scroll, by);
            return;
        }
        match msg {
            Msg::Enter | Msg::Back | Msg::Char(' ') => self.stage = Stage::Dashboard,
            _ => {}
        }
    }

    // ----- dashboard -----

    /// Number of rows in a dashboard panel.
    pub fn panel_len(&self, p: Panel, view: SeatView<'_>) -> usize {
        match p {
            Panel::Feed => model::feed(view).len(),
            Panel::Counterparts => view.others().count(),
            Panel::Actions => view.actions().count(),
            Panel::Orders => self.draft.actions.len() + view.proposals_to_me().count(),
        }
    }

    pub fn move_sel(&mut self, down: bool, by: usize, view: SeatView<'_>) {
        let len = self.panel_len(self.panel, view);
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

    fn update_dashboard(&mut self, msg: Msg, view: SeatView<'_>) {
        match msg {
            Msg::Up | Msg::Char('k') => self.move_sel(false, 1, view),
            Msg::Down | Msg::Char('j') => self.move_sel(true, 1, view),
            Msg::PageUp => self.move_sel(false, 10, view),
            Msg::PageDown => self.move_sel(true, 10, view),
            Msg::NextPanel => self.cycle_panel(true),
            Msg::PrevPanel => self.cycle_panel(false),
            Msg::Left | Msg::Char('h') => self.sideways(false, view),
            Msg::Right | Msg::Char('l') => self.sideways(true, view),
            Msg::Enter => self.activate(view),
            Msg::Delete | Msg::Backspace | Msg::Char('x') if self.panel == Panel::Orders => {
                self.withdraw(view)
            }
            Msg::Char('e') => self.end_turn(view),
            Msg::Char('p') => self.dialogs.push(Dialog::Detail {
                title: "Ledger: measures, agreements and proposals".into(),
                lines: super::ledger::lines(view, &self.draft),
                scroll: 0,
            }),
            Msg::Char('b') => {
                self.briefing_scroll = 0;
                self.stage = Stage::Briefing;
            }
            Msg::Char('r') if self.report_turn > 0 => {
                self.report_scroll = 0;
                self.stage = Stage::TurnReport;
            }
            Msg::Char('1') => self.panel = Panel::Feed,
            Msg::Char('2') => self.panel = Panel::Counterparts,
            Msg::Char('3') => self.panel = Panel::Actions,
            Msg::Char('4') => self.panel = Panel::Orders,
            // Esc asks, as q does: leaving the dashboard is never a stray key away.
            Msg::Back => self.dialogs.push(Dialog::ConfirmQuit),
            _ => {}
        }
    }

    /// ←/→: the posture toward the selected counterpart or the answer to a proposal; nothing
    /// elsewhere (panels change only with Tab or 1-4, so a stray arrow never changes a posture).
    fn sideways(&mut self, forward: bool, view: SeatView<'_>) {
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

    fn activate(&mut self, view: SeatView<'_>) {
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
                        self.add_action(&form, view);
                    } else {
                        self.dialogs.push(Dialog::Action(form));
                    }
                }
            }
            // Enter changes an answer; withdrawing an order takes x, never a stray Enter.
            Panel::Orders => {
                if k >= self.draft.actions.len() {
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

    fn withdraw(&mut self, view: SeatView<'_>) {
        let k = self.sel[Panel::Orders.ix()];
        if draft::withdraw(&mut self.draft, k) {
            self.refused = None;
            self.notice = Some("Action withdrawn.".into());
            let len = self.panel_len(Panel::Orders, view);
            self.sel[Panel::Orders.ix()] = k.min(len.saturating_sub(1));
        }
    }

    /// Opens the assessment of every counterpart before the orders go.
    fn end_turn(&mut self, view: SeatView<'_>) {
        let sc = view.scenario();
        self.assess = model::assessable(view)
            .into_iter()
            .map(|a| AssessRow {
                actor: a,
                hypotheses: model::hypotheses(sc, a),
                // This turn's draft, else the last assessment recorded: a belief carries over
                // from turn to turn unless the player changes it.
                probs: self
                    .draft
                    .assessments
                    .iter()
                    .find(|x| x.of == a)
                    .or_else(|| {
                        view.me()
                            .assessments
                            .iter()
                            .rev()
                            .map(|(_, x)| x)
                            .find(|x| x.of == a)
                    })
                    .map(|x| x.probs.clone()),
            })
            .collect();
        self.assess_sel = (0, 0);
        if self.assess.is_empty() {
            self.submit();
        } else {
            self.stage = Stage::Assessment;
        }
    }

    fn update_assessment(&mut self, msg: Msg, view: SeatView<'_>) {
        let k = view.scenario().intents.len();
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
            Msg::Back => self.stage = Stage::Dashboard,
            Msg::Enter => self.submit(),
            _ => {}
        }
    }

    fn update_report(&mut self, msg: Msg, view: SeatView<'_>) {
        if let Some(by) = super::ui::scroll_by(msg) {
            self.report_scroll = self.hits.scroll(self.report_scroll, by);
            return;
        }
        match msg {
            Msg::Enter | Msg::Back | Msg::Char(' ') => {
                if view.outcome().is_some() {
                    self.ask(Effect::Debrief);
                } else {
                    self.stage = Stage::Dashboard;
                }
            }
            _ => {}
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
            Msg::Up | Msg::Char('k') if self.debrief_tab == WORKED_TAB => {
                self.fork_turn = self.fork_turn.saturating_sub(1).max(1)
            }
            Msg::Down | Msg::Char('j') if self.debrief_tab == WORKED_TAB => {
                let last = self.debrief.as_ref().map_or(1, |d| d.turns.max(1));
                self.fork_turn = (self.fork_turn + 1).min(last);
            }
            Msg::Char('m') => self.ask(Effect::Export),
            Msg::Back | Msg::Enter => self.ask(Effect::Leave),
            _ => {
                if let Some(by) = super::ui::scroll_by(msg) {
                    self.debrief_scroll = self.hits.scroll(self.debrief_scroll, by);
                }
            }
        }
    }

    /// Sends the seat's orders, with its assessments, to the host. The draft stays until the
    /// host says they were accepted: a refusal must not cost the player it.
    fn submit(&mut self) {
        self.draft.assessments = self
            .assess
            .iter()
            .filter_map(|r| {
                r.probs
                    .clone()
                    .map(|probs| Assessment { of: r.actor, probs })
            })
            .collect();
        self.ask(Effect::Submit(self.draft.clone()));
    }
}
