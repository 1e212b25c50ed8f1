//! `play --plain`: the same game as plain lines on standard input and output, with numbered
//! menus and no boxes or colours, for screen readers and scripted play. Drives the same table, draft
//! model, narrator and screens' models as the console; the end of input saves and leaves.
//!
//! Every submenu lists "0. Back": it returns to the turn menu and leaves the draft as it was.
//! Every change of the draft is confirmed by one line saying what changed.

mod assess;
mod menu;

use crate::autosave::{self, Resume};
use crate::engine::{Orders, SeatView};
use crate::ids::ActorIx;
use crate::report::words::rung_name;
use crate::report::{Debrief, Format, Narrator};
use crate::table::{Progress, Table, draft};
use crate::tui::model::{self, pc};
use menu::{Exit, turn_menu};
use std::io::{BufRead, Read, Write};
use std::path::Path;

struct Plain<R, W> {
    input: R,
    out: W,
}

/// Why a submenu returned without finishing: the player chose Back, or the input ended. Carried
/// by `?` out of nested prompts, so leaving never half-changes the draft.
enum Stop {
    Back,
    End,
    Io(std::io::Error),
}

impl From<std::io::Error> for Stop {
    fn from(e: std::io::Error) -> Stop {
        Stop::Io(e)
    }
}

/// The longest line plain mode reads; the longest answer it asks for is a sentence.
const MAX_LINE: usize = 4096;

impl<R: BufRead, W: Write> Plain<R, W> {
    fn say(&mut self, s: &str) -> std::io::Result<()> {
        writeln!(self.out, "{s}")
    }

    /// One line of input, or `None` at its end. A line is cut at `MAX_LINE` bytes (the rest is
    /// skipped) and bytes that are not UTF-8 become U+FFFD, so no input ends the game.
    fn ask(&mut self, prompt: &str) -> std::io::Result<Option<String>> {
        write!(self.out, "{prompt} ")?;
        self.out.flush()?;
        let mut line = Vec::new();
        let n = (&mut self.input)
            .take(MAX_LINE as u64)
            .read_until(b'\n', &mut line)?;
        if n == 0 {
            writeln!(self.out)?;
            return Ok(None);
        }
        if n == MAX_LINE && line.last() != Some(&b'\n') {
            self.input.skip_until(b'\n')?;
        }
        Ok(Some(String::from_utf8_lossy(&line).trim().to_owned()))
    }

    /// A line in a submenu: the end of input stops the submenu.
    fn line(&mut self, prompt: &str) -> Result<String, Stop> {
        self.ask(prompt)?.ok_or(Stop::End)
    }

    /// A numbered choice; `None` at the end of input. An empty or invalid answer asks again.
    fn choose(&mut self, title: &str, items: &[String]) -> std::io::Result<Option<usize>> {
        self.say(title)?;
        self.list(items)?;
        loop {
            let Some(a) = self.ask(&format!("Choose 1-{}:", items.len()))? else {
                return Ok(None);
            };
            match a.parse::<usize>() {
                Ok(n) if n >= 1 && n <= items.len() => return Ok(Some(n - 1)),
                _ => self.say("Please type one of the numbers.")?,
            }
        }
    }

    /// A numbered choice in a submenu, with "0. Back" first. An empty or invalid answer asks
    /// again; 0, the end of input and an empty list stop the submenu.
    fn pick(&mut self, title: &str, items: &[String]) -> Result<usize, Stop> {
        self.say(title)?;
        if items.is_empty() {
            self.say("There is nothing to choose here.")?;
            return Err(Stop::Back);
        }
        self.say(BACK_ITEM)?;
        self.list(items)?;
        loop {
            let a = self.line(&pick_prompt(items.len()))?;
            match a.parse::<usize>() {
                Ok(0) => return Err(Stop::Back),
                Ok(n) if n <= items.len() => return Ok(n - 1),
                _ => self.say("Please type one of the numbers, or 0 to go back.")?,
            }
        }
    }

    fn list(&mut self, items: &[String]) -> std::io::Result<()> {
        for (i, it) in items.iter().enumerate() {
            self.say(&format!("  {}. {it}", i + 1))?;
        }
        Ok(())
    }
}

/// The first line of every submenu.
const BACK_ITEM: &str = "  0. Back to the turn menu, changing nothing";

/// The prompt of a submenu of `n` items.
fn pick_prompt(n: usize) -> String {
    match n {
        1 => "Choose 1, or 0 to go back:".to_owned(),
        _ => format!("Choose 1-{n}, or 0 to go back:"),
    }
}

/// Plays the table on `input`/`output` until the game ends or input runs out, each seat
/// starting from its draft at the table; autosaves after each turn into `data`, and on leaving
/// with every seat's draft.
pub fn run(
    t: &mut Table,
    data: &Path,
    input: impl BufRead,
    output: impl Write,
) -> anyhow::Result<()> {
    let mut p = Plain { input, out: output };
    let sc = std::sync::Arc::clone(t.scenario());
    intro(&mut p, t, &t.humans())?;
    let mut last_seen = vec![0u32; sc.actors.len()];
    let mut reported = vec![t.game().state().turn; sc.actors.len()];
    while !t.game().is_over() {
        let seat = t.next_local();
        if t.is_hot_seat() {
            p.say("")?;
            p.say(&format!(
                "Pass the keyboard to the player of {}. Press Enter when ready.",
                sc.actor(seat).name
            ))?;
            if p.ask("")?.is_none() {
                break;
            }
            // Each seat reads its own report of the turn it has not seen yet.
            if reported[seat.ix()] < t.game().state().turn {
                report(&mut p, t, seat)?;
            }
        }
        reported[seat.ix()] = t.game().state().turn;
        let mut orders = t.seat(seat).map(|s| s.draft.clone()).unwrap_or_default();
        status(&mut p, t, seat, &orders)?;
        news(&mut p, t, seat, &mut last_seen[seat.ix()])?;
        let done = turn_menu(&mut p, t, seat, &mut orders)?;
        t.set_draft(seat, orders.clone())?;
        if done == Exit::Leave {
            break;
        }
        // The draft stays until the orders are accepted, as in the console.
        match t.submit(seat, orders.clone()) {
            Err(e) => {
                p.say(&refused(t.game().view(seat), &orders, &e))?;
            }
            Ok(Progress::Waiting) => {}
            Ok(Progress::Resolved(_)) => {
                autosave::write_autosave(data, &Resume::of(t))?;
                if !t.is_hot_seat() {
                    report(&mut p, t, seat)?;
                    reported[seat.ix()] = t.game().state().turn;
                }
            }
        }
    }
    if t.game().is_over() {
        p.say("")?;
        p.say("THE GAME IS OVER. DEBRIEF:")?;
        let humans = t.humans();
        p.say(&Debrief::build(t.game(), Some(&humans)).render(Format::Text))?;
    } else {
        autosave::write_autosave(data, &Resume::of(t))?;
        p.say("Game saved. To resume, run `backchannel play --continue --plain`, or choose Continue in the menu.")?;
    }
    Ok(())
}

/// Why orders were refused, naming the action at fault so the trainee can fix the draft.
fn refused(view: SeatView<'_>, orders: &Orders, e: &dyn std::fmt::Display) -> String {
    let which = draft::refused_action(view, orders)
        .map(|k| format!(" (action {} of your orders)", k + 1))
        .unwrap_or_default();
    format!(
        "These orders cannot go: {e}{which}. Your draft is kept; change it and end the turn again."
    )
}

/// The scenario's briefing, its objectives and each seat's mandate.
fn intro<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    t: &Table,
    seats: &[ActorIx],
) -> std::io::Result<()> {
    let sc = t.scenario();
    p.say(&format!("BACKCHANNEL: {}", sc.title))?;
    p.say("")?;
    p.say(&sc.briefing)?;
    p.say("")?;
    p.say("Objectives:")?;
    for o in &sc.objectives {
        p.say(&format!("- {o}"))?;
    }
    for &h in seats {
        if let Some(m) = t.game().view(h).mandate() {
            p.say("")?;
            p.say(&format!(
                "{}'s mandate (what your government wants; it does not change): {}: {}",
                sc.actor(h).name,
                m.name,
                m.description
            ))?;
        }
    }
    Ok(())
}

/// What plain mode needs of a table it shares with seats played elsewhere (the workshop
/// server's clients without a terminal): a fresh copy to read, and a way to give the seat's
/// draft and orders for a turn.
pub trait SharedSeat {
    /// The table as it is now.
    fn table(&mut self) -> Table;
    fn set_draft(&mut self, turn: u32, orders: Orders);
    fn submit(&mut self, turn: u32, orders: Orders) -> Result<Progress, NotTaken>;
    /// Waits until a turn later than `turn` begins or the game ends; `false` if it never will
    /// (the server is stopping, or the client left).
    fn wait(&mut self, turn: u32) -> bool;
}

/// Why a shared table did not take a seat's orders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotTaken {
    /// The orders break a rule of the game: the check's reason.
    Refused(String),
    /// The turn they were made for ended while the trainee was choosing (the timer ran out, or
    /// the facilitator forced it).
    Stale,
    /// The server is stopping.
    Closed,
}

/// Plays one seat of a shared table in plain lines until the game ends or input runs out. The
/// table is the authority: its copy is read afresh before every menu.
pub fn play_seat(
    port: &mut impl SharedSeat,
    seat: ActorIx,
    input: impl BufRead,
    output: impl Write,
) -> anyhow::Result<()> {
    let mut p = Plain { input, out: output };
    let t = port.table();
    intro(&mut p, &t, &[seat])?;
    let mut seen = 0;
    let mut reported = t.game().state().turn;
    loop {
        let t = port.table();
        if t.game().is_over() {
            p.say("")?;
            p.say("THE GAME IS OVER. DEBRIEF:")?;
            p.say(&Debrief::build(t.game(), Some(&t.humans())).render(Format::Text))?;
            return Ok(());
        }
        if reported < t.game().state().turn {
            report(&mut p, &t, seat)?;
            reported = t.game().state().turn;
        }
        let mut orders = t.seat(seat).map(|s| s.draft.clone()).unwrap_or_default();
        status(&mut p, &t, seat, &orders)?;
        news(&mut p, &t, seat, &mut seen)?;
        let done = turn_menu(&mut p, &t, seat, &mut orders)?;
        let turn = t.game().state().turn;
        port.set_draft(turn, orders.clone());
        if done == Exit::Leave {
            p.say("Your draft is kept at the table: join again to carry on.")?;
            return Ok(());
        }
        match port.submit(turn, orders.clone()) {
            Err(NotTaken::Refused(e)) => p.say(&refused(t.game().view(seat), &orders, &e))?,
            Err(NotTaken::Stale) => p.say(
                "The turn ended while you were choosing (the timer ran out or the facilitator moved on), so these orders were not sent. Here is the new turn.",
            )?,
            Err(NotTaken::Closed) => {
                p.say("The workshop server is stopping; your seat is saved. Join again when your instructor restarts it.")?;
                return Ok(());
            }
            Ok(Progress::Resolved(_)) => {}
            Ok(Progress::Waiting) => {
                p.say("Orders sent. Waiting for the other seats (or the facilitator)...")?;
                if !port.wait(turn) {
                    p.say("The workshop server has stopped; your seat is saved.")?;
                    return Ok(());
                }
            }
        }
    }
}

fn status<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    t: &Table,
    seat: ActorIx,
    orders: &Orders,
) -> std::io::Result<()> {
    let view = t.game().view(seat);
    let sc = view.scenario();
    let spent: u32 = orders
        .actions
        .iter()
        .filter_map(|a| sc.action(a.kind()).map(|c| c.cost))
        .sum();
    p.say("")?;
    p.say(&format!(
        "== {}, turn {} of {} == Ladder: rung {} of {}, {}. Pressure {}. Capital {} of {} left.",
        sc.actor(view.seat()).name,
        view.turn(),
        sc.turn_limit,
        view.rung().ix() + 1,
        sc.ladder.len(),
        rung_name(sc, view.rung()),
        pc(view.me().pressure),
        view.capital().saturating_sub(spent),
        view.capital()
    ))
}

fn news<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    t: &Table,
    seat: ActorIx,
    seen: &mut u32,
) -> std::io::Result<()> {
    let view = t.game().view(seat);
    let items: Vec<_> = model::feed(view)
        .into_iter()
        .filter(|i| i.turn >= *seen)
        .collect();
    *seen = view.turn() + 1;
    if !items.is_empty() {
        p.say("New in your feed:")?;
        for i in items.iter().rev() {
            p.say(&format!("- [{}] {}", i.tag.word(), i.summary))?;
        }
    }
    Ok(())
}

fn report<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    t: &Table,
    seat: ActorIx,
) -> std::io::Result<()> {
    let view = t.game().view(seat);
    let n = Narrator::for_seat(view);
    let turn = t.game().state().turn;
    p.say("")?;
    p.say(&format!("-- Turn {turn} report --"))?;
    for line in n.report_lines(view.events_of(turn)) {
        p.say(&format!("- {line}"))?;
    }
    Ok(())
}
