//! The turn menu and its submenus: the feed, postures, actions, the orders so far, answers to
//! proposals, the counterparts and the ledger. Each submenu changes the draft only through
//! `table::draft`, only once its last question is answered, and says what it changed.

use super::{Plain, Stop, assess};
use crate::engine::event::Proposed;
use crate::engine::orders::Posture;
use crate::engine::{Orders, SeatView};
use crate::ids::ActorIx;
use crate::report::Narrator;
use crate::report::words::{capitalise, posture_verb};
use crate::table::{Table, draft};
use crate::tui::form::Form;
use crate::tui::model::{self, Counterpart, pc};
use crate::tui::ui::dashboard::{counterpart_detail, proposal_text};
use std::io::{BufRead, Write};

/// How the turn menu ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Exit {
    /// The seat's orders are ready to go.
    EndTurn,
    /// The input ended, or the player chose to save and quit.
    Leave,
}

/// The turn menu's entries. The numbers are what scripts type, so new entries go at the end.
const ENTRIES: [&str; 10] = [
    "Read an item of the feed in full",
    "Set the posture of your services toward a counterpart",
    "Add an action",
    "Review or withdraw this turn's orders",
    "Answer proposals",
    "End the turn",
    "Glossary",
    "Save and quit",
    "Counterparts: trust, tension and your analysts' reading",
    "Ledger: measures, agreements and proposals",
];

/// The orders menu, until the seat ends its turn or leaves.
pub(super) fn turn_menu<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    t: &Table,
    seat: ActorIx,
    orders: &mut Orders,
) -> std::io::Result<Exit> {
    let view = t.game().view(seat);
    let items: Vec<String> = ENTRIES.iter().map(|x| x.to_string()).collect();
    loop {
        let Some(c) = p.choose("What now?", &items)? else {
            return Ok(Exit::Leave);
        };
        let done = match c {
            0 => read_feed(p, view),
            1 => set_posture(p, view, orders),
            2 => add_action(p, view, orders),
            3 => review(p, view, orders),
            4 => answer(p, view, orders),
            5 => match assess::end_turn(p, view, orders) {
                Ok(()) => return Ok(Exit::EndTurn),
                Err(stop) => Err(stop),
            },
            6 => glossary(p),
            8 => counterparts(p, view, orders),
            9 => ledger(p, view, orders),
            // 7: save and quit, once confirmed (the end of input confirms).
            _ => match p.pick(
                "Save and quit? Your orders so far are kept for when you resume.",
                &["Yes, save and quit".to_owned()],
            ) {
                Ok(_) | Err(Stop::End) => return Ok(Exit::Leave),
                Err(stop) => Err(stop),
            },
        };
        match done {
            Ok(()) => {}
            Err(Stop::Back) => p.say("Back at the turn menu; your orders are unchanged.")?,
            Err(Stop::End) => return Ok(Exit::Leave),
            Err(Stop::Io(e)) => return Err(e),
        }
    }
}

fn read_feed<R: BufRead, W: Write>(p: &mut Plain<R, W>, view: SeatView<'_>) -> Result<(), Stop> {
    let feed = model::feed(view);
    if feed.is_empty() {
        p.say("Nothing reported yet.")?;
        return Ok(());
    }
    let names: Vec<String> = feed
        .iter()
        .map(|i| format!("turn {} [{}] {}", i.turn, i.tag.word(), i.summary))
        .collect();
    let k = p.pick("Which item?", &names)?;
    for l in &feed[k].detail {
        p.say(l)?;
    }
    Ok(())
}

/// The posture the seat's services will hold toward `a` next turn: the draft's, else today's.
fn planned(view: SeatView<'_>, orders: &Orders, a: ActorIx) -> Posture {
    draft::posture(orders, a).unwrap_or(view.posture(a))
}

fn set_posture<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    view: SeatView<'_>,
    orders: &mut Orders,
) -> Result<(), Stop> {
    let sc = view.scenario();
    let others: Vec<_> = view.others().collect();
    let names: Vec<String> = others
        .iter()
        .map(|a| {
            let now = model::posture_symbol(planned(view, orders, *a));
            format!("{} (now {now})", sc.actor(*a).name)
        })
        .collect();
    let k = p.pick("Toward whom?", &names)?;
    let ps: Vec<String> = Posture::ALL
        .iter()
        .map(|x| model::posture_symbol(*x).to_owned())
        .collect();
    let j = p.pick("Posture:", &ps)?;
    let (toward, posture) = (others[k], Posture::ALL[j]);
    draft::set_posture(orders, toward, posture);
    p.say(&format!(
        "Posture set: your services will {} toward {}, so they {}.",
        posture_verb(posture),
        sc.actor(toward).name,
        model::permitted(posture)
    ))?;
    Ok(())
}

fn add_action<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    view: SeatView<'_>,
    orders: &mut Orders,
) -> Result<(), Stop> {
    let acts: Vec<_> = view.actions().collect();
    let names: Vec<String> = acts
        .iter()
        .map(|(k, c)| {
            let (name, vis, what) = model::action_info(*k);
            let esc = model::escalation_note(c.weight);
            format!("{name} (cost {}, seen by: {vis}): {what}{esc}", c.cost)
        })
        .collect();
    let k = p.pick("Which action?", &names)?;
    let mut form = Form::new(view, acts[k].0);
    for f in &mut form.fields {
        let names: Vec<String> = f.choices.iter().map(|c| c.0.clone()).collect();
        if names.is_empty() {
            break;
        }
        f.at = p.pick(&format!("{}:", f.label), &names)?;
    }
    let Some(action) = form.action() else {
        p.say(&format!("{}. Nothing was added.", form.why_not()))?;
        return Ok(());
    };
    let line = Narrator::for_seat(view).action(view.seat(), &action);
    match draft::add_action(view, orders, action) {
        Ok(()) => p.say(&format!("Added to this turn's orders: {line}."))?,
        Err(e) => p.say(&format!(
            "{}. Nothing was added.",
            capitalise(&e.to_string())
        ))?,
    }
    Ok(())
}

/// The orders so far, then the choice of an action to withdraw.
fn review<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    view: SeatView<'_>,
    orders: &mut Orders,
) -> Result<(), Stop> {
    let sc = view.scenario();
    for &(toward, posture) in &orders.postures {
        p.say(&format!(
            "Your services will {} toward {}.",
            posture_verb(posture),
            sc.actor(toward).name
        ))?;
    }
    for pr in view.proposals_to_me() {
        if let Some(accept) = draft::answer(orders, pr.id) {
            let clause = answer_clause(view, pr.by, &pr.what, Some(accept));
            p.say(&format!("{}.", capitalise(&clause)))?;
        }
    }
    if orders.actions.is_empty() {
        p.say("No actions ordered yet.")?;
        return Ok(());
    }
    let n = Narrator::for_seat(view);
    let names: Vec<String> = orders
        .actions
        .iter()
        .map(|a| format!("withdraw: {}", n.action(view.seat(), a)))
        .collect();
    let k = p.pick("Your actions (choose one to withdraw it):", &names)?;
    let line = n.action(view.seat(), &orders.actions[k]);
    if draft::withdraw(orders, k) {
        p.say(&format!("Withdrawn from this turn's orders: {line}."))?;
    }
    Ok(())
}

/// Asks for an answer to every proposal awaiting one; the answers go into the draft only once
/// all are given, so Back leaves every answer as it was.
fn answer<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    view: SeatView<'_>,
    orders: &mut Orders,
) -> Result<(), Stop> {
    let sc = view.scenario();
    let props: Vec<_> = view.proposals_to_me().collect();
    if props.is_empty() {
        p.say("No proposal awaits your answer.")?;
        return Ok(());
    }
    let choices = ["accept".to_owned(), "refuse".into(), "decide later".into()];
    let mut given = Vec::new();
    for pr in &props {
        let now = match draft::answer(orders, pr.id) {
            Some(true) => "accept",
            Some(false) => "refuse",
            None => "not decided",
        };
        let q = format!(
            "{} proposes: {}. Your answer now: {now}.",
            sc.actor(pr.by).name,
            proposal_text(view, &pr.what)
        );
        let j = p.pick(&q, &choices)?;
        given.push([Some(true), Some(false), None][j]);
    }
    for (pr, accept) in props.iter().zip(given) {
        draft::set_answer(orders, pr.id, accept);
        let clause = answer_clause(view, pr.by, &pr.what, accept);
        p.say(&format!("Answer recorded: {clause}."))?;
    }
    Ok(())
}

/// What the draft says to a proposal: "you accept Borealis's proposal to open a hotline".
fn answer_clause(view: SeatView<'_>, by: ActorIx, what: &Proposed, accept: Option<bool>) -> String {
    let theirs = format!(
        "{}'s proposal to {}",
        view.scenario().actor(by).name,
        proposal_text(view, what)
    );
    match accept {
        Some(true) => format!("you accept {theirs}"),
        Some(false) => format!("you refuse {theirs}"),
        None => format!("you leave {theirs} undecided: unanswered this turn, it lapses"),
    }
}

/// Every counterpart in one line (posture, trust, tension, your reading and your analysts'),
/// then all the seat knows of the one chosen, as the console's detail window shows it.
fn counterparts<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    view: SeatView<'_>,
    orders: &Orders,
) -> Result<(), Stop> {
    let all = model::counterparts(view);
    let rows: Vec<String> = all.iter().map(|c| summary(view, orders, c)).collect();
    let k = p.pick(
        "Counterparts (choose one to read all you know of it):",
        &rows,
    )?;
    let c = &all[k];
    for l in counterpart_detail(view, c) {
        p.say(&l)?;
    }
    let next = planned(view, orders, c.actor);
    if next != c.posture {
        p.say(&format!(
            "This turn's orders change it: your services will {} toward {}.",
            posture_verb(next),
            c.name
        ))?;
    }
    Ok(())
}

/// One counterpart in a line, the posture as this turn's orders leave it.
fn summary(view: SeatView<'_>, orders: &Orders, c: &Counterpart) -> String {
    let sc = view.scenario();
    let you = match &c.assessed {
        Some((intent, p)) => format!("{intent} {}", pc(*p)),
        None => "not assessed yet".to_owned(),
    };
    let analysts = view
        .belief(c.actor)
        .iter()
        .enumerate()
        .max_by(|l, r| l.1.total_cmp(r.1))
        .map_or_else(String::new, |(i, b)| {
            format!("; analysts: {} {}", sc.intents[i].name, pc(*b))
        });
    format!(
        "{} ({}): your services {}; trust {}, tension {:.1}; you think: {you}{analysts}",
        c.name,
        c.kind,
        model::posture_symbol(planned(view, orders, c.actor)),
        pc(c.trust),
        c.tension
    )
}

fn ledger<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    view: SeatView<'_>,
    orders: &Orders,
) -> Result<(), Stop> {
    for l in crate::tui::ledger::lines(view, orders) {
        p.say(&l)?;
    }
    Ok(())
}

fn glossary<R: BufRead, W: Write>(p: &mut Plain<R, W>) -> Result<(), Stop> {
    for t in model::glossary(model::GLOSSARY) {
        p.say(&format!("{}: {}", t.name, t.text))?;
    }
    Ok(())
}
