//! The room: every table of a workshop, the console each seat's trainees share, and the
//! facilitator's console. Connections send it messages and draw from it; it changes nothing but
//! its tables and consoles, and says which tables changed and must be saved. No network, files
//! or clock: the server around it does those, so tests drive it directly.

use super::codes::{Codes, Role};
use super::facilitator::Facilitator;
use crate::autosave::Resume;
use crate::engine::SeatView;
use crate::ids::ActorIx;
use crate::report::{Debrief, Format};
use crate::table::{Progress, Table};
use crate::tui::app::{Effect, Msg};
use crate::tui::console::{Console, Stage};
use crate::tui::plain::NotTaken;
use crate::tui::theme::Theme;
use crate::tui::ui::{self, Hits};
use ratatui::Frame;
use std::collections::BTreeSet;

/// One table of the room: its game, and the one console each seat's trainees share (so a team
/// sees one live screen and one draft).
#[derive(Clone, Debug)]
pub struct Desk {
    pub table: Table,
    pub consoles: Vec<Console>,
    /// How many connections each seat has now, by seat.
    pub present: Vec<u32>,
}

impl Desk {
    pub fn new(table: Table, theme: Theme, stage: Stage) -> Desk {
        let consoles = table
            .seats()
            .iter()
            .map(|s| {
                // A ready seat's draft is the orders it sent: its console starts a fresh draft
                // after them, as it did when they were sent.
                let draft = if s.ready {
                    crate::engine::Orders::default()
                } else {
                    s.draft.clone()
                };
                let mut c = Console::new(s.actor, theme, table.game().view(s.actor), draft);
                c.stage = stage;
                c.heard = table.event_count();
                c
            })
            .collect();
        let present = vec![0; table.seats().len()];
        let mut desk = Desk {
            table,
            consoles,
            present,
        };
        if desk.table.game().is_over() {
            desk.show_debriefs();
        }
        desk
    }

    fn seat_ix(&self, actor: ActorIx) -> Option<usize> {
        self.consoles.iter().position(|c| c.seat == actor)
    }

    pub fn console(&self, actor: ActorIx) -> Option<&Console> {
        self.consoles.iter().find(|c| c.seat == actor)
    }

    pub fn present(&self, actor: ActorIx) -> u32 {
        self.seat_ix(actor).map_or(0, |k| self.present[k])
    }

    /// The table's autosave record, with each console's unsent draft.
    pub fn record(&self) -> Resume {
        Resume::of(&self.table)
    }

    /// Every console hears what happened at the table since it last heard.
    fn tell_all(&mut self) {
        let count = self.table.event_count();
        for c in &mut self.consoles {
            let notices = self.table.notices_since(c.seat, c.heard);
            c.hear(&notices, count);
        }
    }

    /// After a change the facilitator made: if it resolved the turn, every seat sees it.
    pub fn settle(&mut self, resolved: bool) {
        if resolved {
            self.after_turn();
        }
    }

    /// A turn resolved: every seat opens its own report of it, or the debrief at the end.
    fn after_turn(&mut self) {
        if self.table.game().is_over() {
            self.show_debriefs();
            return;
        }
        for c in &mut self.consoles {
            c.arrive(self.table.game().view(c.seat));
        }
    }

    fn show_debriefs(&mut self) {
        let d = Debrief::build(self.table.game(), Some(&self.table.humans()));
        for c in &mut self.consoles {
            c.show_debrief(d.clone());
        }
    }

    /// Gives a seat's orders to the table; its console learns what became of them, and every
    /// seat sees the turn if it resolved.
    fn submit(
        &mut self,
        actor: ActorIx,
        orders: crate::engine::Orders,
    ) -> Result<Progress, String> {
        let result = self.table.submit(actor, orders).map_err(|e| e.to_string());
        if let Some(k) = self.seat_ix(actor) {
            let view = self.table.game().view(actor);
            self.consoles[k].submitted(result.clone(), view);
        }
        if matches!(result, Ok(Progress::Resolved(_))) {
            self.after_turn();
        }
        result
    }

    /// Keeps the table's copy of a seat's draft equal to its console's, so a save holds it and
    /// a reconnecting trainee finds it. Says whether it changed.
    fn sync_draft(&mut self, actor: ActorIx) -> bool {
        let (Some(seat), Some(c)) = (self.table.seat(actor), self.console(actor)) else {
            return false;
        };
        if seat.ready || seat.draft == c.draft {
            return false;
        }
        let draft = c.draft.clone();
        self.table.set_draft(actor, draft).is_ok()
    }

    /// The status line of a seat: the table, the turn, the timer, and who is still deciding.
    pub fn status(&self, actor: ActorIx) -> String {
        let t = &self.table;
        let sc = t.scenario();
        if t.game().is_over() {
            return "The game is over: read the debrief. The facilitator runs the class debrief."
                .into();
        }
        let mut parts = vec![format!(
            "Turn {} of {}",
            t.game().current_turn(),
            sc.turn_limit
        )];
        if t.is_paused() {
            parts.push("paused by the facilitator".into());
        } else if let Some(timer) = t.timer() {
            parts.push(format!("{}:{:02} left", timer.left / 60, timer.left % 60));
        }
        let waiting: Vec<&str> = t
            .seats()
            .iter()
            .filter(|s| s.actor != actor && !s.ready && s.stand_in.is_none())
            .map(|s| sc.actor(s.actor).name.as_str())
            .collect();
        match t.seat(actor) {
            Some(s) if s.ready && waiting.is_empty() => {}
            Some(s) if s.ready => parts.push(format!(
                "your orders are in; waiting for {}",
                waiting.join(", ")
            )),
            _ if waiting.is_empty() => parts.push("the others are ready".into()),
            _ => parts.push(format!("also deciding: {}", waiting.join(", "))),
        }
        parts.join(" · ")
    }
}

/// What a message to the room changed, for the server to carry out.
#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    /// Tables whose screens changed (their seats and the facilitator redraw).
    pub changed: BTreeSet<usize>,
    /// Tables to save now.
    pub save: BTreeSet<usize>,
    /// Files to write into the workshop's folder: a name the room made, and its text.
    pub export: Vec<(String, String)>,
    /// The sender's connection should close (it asked to leave).
    pub close: bool,
}

impl Outcome {
    fn touch(&mut self, table: usize, save: bool) {
        self.changed.insert(table);
        if save {
            self.save.insert(table);
        }
    }

    pub fn merge(&mut self, other: Outcome) {
        self.changed.extend(other.changed);
        self.save.extend(other.save);
        self.export.extend(other.export);
        self.close |= other.close;
    }
}

/// Where a connection is, for drawing and for clicks: its own size and hit areas.
#[derive(Clone, Debug, Default)]
pub struct Viewer {
    pub size: (u16, u16),
    pub hits: Hits,
}

#[derive(Clone, Debug)]
pub struct Room {
    pub desks: Vec<Desk>,
    pub codes: Codes,
    pub facilitator: Facilitator,
    pub theme: Theme,
    /// The server is stopping: the room takes no more orders, so the last saves hold everything.
    pub closed: bool,
}

impl Room {
    pub fn new(desks: Vec<Desk>, codes: Codes, theme: Theme) -> Room {
        Room {
            desks,
            codes,
            facilitator: Facilitator::default(),
            theme,
            closed: false,
        }
    }

    /// Marks the consoles of tables whose save failed, so none of them claims its game is saved.
    pub fn mark_unsaved(&mut self, why: impl Fn(usize) -> Option<String>) -> Outcome {
        let mut out = Outcome::default();
        for (k, desk) in self.desks.iter_mut().enumerate() {
            let why = why(k);
            for c in &mut desk.consoles {
                if c.unsaved != why {
                    c.unsaved.clone_from(&why);
                    out.touch(k, false);
                }
            }
        }
        out
    }

    /// The desk of `table` if it takes orders for `turn` now.
    fn open_desk(&mut self, table: usize, turn: u32) -> Result<&mut Desk, NotTaken> {
        if self.closed {
            return Err(NotTaken::Closed);
        }
        let desk = self
            .desks
            .get_mut(table)
            .ok_or_else(|| NotTaken::Refused("there is no such table".into()))?;
        if desk.table.game().state().turn != turn {
            return Err(NotTaken::Stale);
        }
        Ok(desk)
    }

    /// The role a join code admits, if any.
    pub fn admit(&self, user: &str) -> Option<Role> {
        self.codes.role(user)
    }

    /// A connection of `role` arrived (`true`) or left.
    pub fn presence(&mut self, role: Role, here: bool) -> Outcome {
        let mut out = Outcome::default();
        if let Role::Seat { table, actor } = role
            && let Some(desk) = self.desks.get_mut(table)
            && let Some(k) = desk.seat_ix(actor)
        {
            let n = &mut desk.present[k];
            *n = if here { *n + 1 } else { n.saturating_sub(1) };
            out.touch(table, false);
        }
        out
    }

    /// Handles one message from a connection of `role`.
    pub fn input(&mut self, role: Role, viewer: &Viewer, msg: Msg) -> Outcome {
        if self.closed {
            return Outcome::default();
        }
        match role {
            Role::Facilitator => {
                let mut out = Outcome::default();
                let mut fac = std::mem::take(&mut self.facilitator);
                fac.size = viewer.size;
                fac.update(msg, &mut self.desks, &mut out);
                self.facilitator = fac;
                for &k in &out.changed {
                    if let Some(d) = self.desks.get_mut(k) {
                        d.tell_all();
                    }
                }
                out
            }
            Role::Seat { table, actor } => self.seat_input(table, actor, viewer, msg),
        }
    }

    fn seat_input(&mut self, table: usize, actor: ActorIx, viewer: &Viewer, msg: Msg) -> Outcome {
        let mut out = Outcome::default();
        let Some(desk) = self.desks.get_mut(table) else {
            return out;
        };
        let Some(k) = desk.seat_ix(actor) else {
            return out;
        };
        let c = &mut desk.consoles[k];
        c.size = viewer.size;
        c.hits = viewer.hits.clone();
        let effects = c.update(msg, desk.table.game().view(actor));
        out.touch(table, false);
        for e in effects {
            match e {
                Effect::Submit(orders) => {
                    if desk.submit(actor, orders).is_ok() {
                        out.save.insert(table);
                    }
                }
                Effect::Save => {
                    out.save.insert(table);
                }
                Effect::Export => {
                    if let Some(d) = &desk.consoles[k].debrief {
                        let id = &desk.table.scenario().actor(actor).id;
                        out.export.push((
                            format!(
                                "debrief-table-{}-{}.md",
                                table + 1,
                                crate::scenario::slugify(id.as_str())
                            ),
                            d.render(Format::Markdown),
                        ));
                        desk.consoles[k].notice = Some(
                            "Debrief exported on the facilitator's machine, in the workshop's folder."
                                .into(),
                        );
                    }
                }
                Effect::Debrief => {
                    let d = Debrief::build(desk.table.game(), Some(&desk.table.humans()));
                    desk.consoles[k].show_debrief(d);
                }
                Effect::Leave | Effect::Quit => {
                    out.save.insert(table);
                    out.close = true;
                }
                Effect::Load { .. } | Effect::ListSaves => {}
            }
        }
        if desk.sync_draft(actor) {
            out.save.insert(table);
        }
        desk.tell_all();
        out
    }

    /// A seat's draft for `turn`, given from elsewhere than its console (plain mode); the
    /// console shows it too, so a team sees one draft. A draft for a turn that is over is
    /// dropped, so it never becomes the next turn's.
    pub fn set_draft(
        &mut self,
        table: usize,
        actor: ActorIx,
        turn: u32,
        orders: crate::engine::Orders,
    ) -> Outcome {
        let mut out = Outcome::default();
        let Ok(desk) = self.open_desk(table, turn) else {
            return out;
        };
        if let Some(k) = desk.seat_ix(actor) {
            desk.consoles[k].draft = orders;
            if desk.sync_draft(actor) {
                out.touch(table, true);
            }
        }
        out
    }

    /// A seat's orders for `turn`, given from elsewhere than its console (plain mode).
    pub fn submit(
        &mut self,
        table: usize,
        actor: ActorIx,
        turn: u32,
        orders: crate::engine::Orders,
    ) -> (Result<Progress, NotTaken>, Outcome) {
        let mut out = Outcome::default();
        let desk = match self.open_desk(table, turn) {
            Ok(desk) => desk,
            Err(e) => return (Err(e), out),
        };
        let result = desk.submit(actor, orders).map_err(NotTaken::Refused);
        out.touch(table, result.is_ok());
        desk.tell_all();
        (result, out)
    }

    /// One second of the server's clock: every table's turn timer runs.
    pub fn tick(&mut self) -> Outcome {
        let mut out = Outcome::default();
        if self.closed {
            return out;
        }
        for (k, desk) in self.desks.iter_mut().enumerate() {
            if desk.table.timer().is_none() || desk.table.is_paused() || desk.table.game().is_over()
            {
                continue;
            }
            let resolved = matches!(desk.table.tick(), Ok(Progress::Resolved(_)));
            out.touch(k, resolved);
            if resolved {
                desk.after_turn();
            }
            desk.tell_all();
        }
        out
    }

    /// Draws what a connection of `role` sees, at its own size; returns where things are for
    /// its clicks.
    pub fn draw(&self, role: Role, frame: &mut Frame<'_>) -> Hits {
        match role {
            Role::Facilitator => {
                super::facilitator::draw(frame, &self.facilitator, &self.desks, self.theme);
                Hits::default()
            }
            Role::Seat { table, actor } => {
                let Some(desk) = self.desks.get(table) else {
                    return Hits::default();
                };
                let Some(c) = desk.console(actor) else {
                    return Hits::default();
                };
                let view: SeatView<'_> = desk.table.game().view(actor);
                ui::console(frame, c, view, Some(&desk.status(actor)))
            }
        }
    }
}

#[cfg(test)]
mod tests;
