//! `play --plain`: the same game as plain lines on standard input and output, with numbered
//! menus and no boxes or colours, for screen readers and scripted play. Reuses the session, the
//! narrator and the screens' models; the end of input saves and leaves.

use super::form::Form;
use super::model;
use crate::engine::Orders;
use crate::engine::orders::{Assessment, Posture, Response};
use crate::report::words::rung_name;
use crate::report::{Debrief, Format, Narrator};
use crate::session::{self, Session, Submitted};
use crate::tui::model::pc;
use std::io::{BufRead, Write};
use std::path::Path;

struct Plain<R, W> {
    input: R,
    out: W,
}

impl<R: BufRead, W: Write> Plain<R, W> {
    fn say(&mut self, s: &str) -> std::io::Result<()> {
        writeln!(self.out, "{s}")
    }

    /// One line of input, or `None` at its end.
    fn ask(&mut self, prompt: &str) -> std::io::Result<Option<String>> {
        write!(self.out, "{prompt} ")?;
        self.out.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            writeln!(self.out)?;
            return Ok(None);
        }
        Ok(Some(line.trim().to_owned()))
    }

    /// A numbered choice; `None` at the end of input. An empty or invalid answer asks again.
    fn choose(&mut self, title: &str, items: &[String]) -> std::io::Result<Option<usize>> {
        self.say(title)?;
        for (i, it) in items.iter().enumerate() {
            self.say(&format!("  {}. {it}", i + 1))?;
        }
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
}

/// Plays `s` on `input`/`output`, starting from `draft`, until the game ends or input runs out;
/// autosaves after each turn into `data`.
pub fn run(
    s: &mut Session,
    data: &Path,
    mut draft: Orders,
    input: impl BufRead,
    output: impl Write,
) -> anyhow::Result<()> {
    let mut p = Plain { input, out: output };
    let sc = std::sync::Arc::clone(s.scenario());
    p.say(&format!("BACKCHANNEL: {}", sc.title))?;
    p.say("")?;
    p.say(&sc.briefing)?;
    p.say("")?;
    p.say("Objectives:")?;
    for o in &sc.objectives {
        p.say(&format!("- {o}"))?;
    }
    for &h in &s.humans {
        if let Some(m) = s.game.view(h).mandate() {
            p.say("")?;
            p.say(&format!(
                "{}'s mandate (what your government wants; it does not change): {}: {}",
                sc.actor(h).name,
                m.name,
                m.description
            ))?;
        }
    }
    let mut last_seen = vec![0u32; sc.actors.len()];
    while !s.game.is_over() {
        let seat = s.seat();
        if s.is_hot_seat() {
            p.say("")?;
            p.say(&format!(
                "Pass the keyboard to the player of {}. Press Enter when ready.",
                sc.actor(seat).name
            ))?;
            if p.ask("")?.is_none() {
                break;
            }
        }
        status(&mut p, s, &draft)?;
        news(&mut p, s, &mut last_seen[seat.ix()])?;
        let done = turn_menu(&mut p, s, &mut draft)?;
        match done {
            None => break,
            Some(false) => continue,
            Some(true) => {}
        }
        // The draft stays until the orders are accepted, as in the console.
        match s.submit(draft.clone()) {
            Err(e) => p.say(&format!(
                "These orders cannot go: {e}. Your draft is kept; change it and end the turn again."
            ))?,
            Ok(Submitted::NextSeat(_)) => draft = Orders::default(),
            Ok(Submitted::Resolved(_)) => {
                draft = Orders::default();
                session::write_autosave(data, &s.resume(None))?;
                if !s.is_hot_seat() {
                    report(&mut p, s)?;
                }
            }
        }
    }
    if s.game.is_over() {
        p.say("")?;
        p.say("THE GAME IS OVER. DEBRIEF:")?;
        p.say(&Debrief::build(&s.game, Some(&s.humans)).render(Format::Text))?;
    } else {
        session::write_autosave(data, &s.resume(Some(&draft)))?;
        p.say("Game saved. Run backchannel again and choose Continue to resume.")?;
    }
    Ok(())
}

fn status<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    s: &Session,
    draft: &Orders,
) -> std::io::Result<()> {
    let view = s.game.view(s.seat());
    let sc = view.scenario();
    let spent: u32 = draft
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
    s: &Session,
    seen: &mut u32,
) -> std::io::Result<()> {
    let view = s.game.view(s.seat());
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

/// The orders menu: `Some(true)` when the seat ends its turn, `Some(false)` to show the status
/// again, `None` at the end of input or on quitting.
fn turn_menu<R: BufRead, W: Write>(
    p: &mut Plain<R, W>,
    s: &Session,
    draft: &mut Orders,
) -> anyhow::Result<Option<bool>> {
    let seat = s.seat();
    let view = s.game.view(seat);
    let sc = view.scenario();
    let n = Narrator::for_seat(view);
    loop {
        let items: Vec<String> = [
            "Read an item of the feed in full",
            "Set the posture of your services toward a counterpart",
            "Add an action",
            "Review or withdraw this turn's orders",
            "Answer proposals",
            "End the turn",
            "Glossary",
            "Save and quit",
        ]
        .iter()
        .map(|x| x.to_string())
        .collect();
        let Some(c) = p.choose("What now?", &items)? else {
            return Ok(None);
        };
        match c {
            0 => {
                let feed = model::feed(view);
                let names: Vec<String> = feed
                    .iter()
                    .map(|i| format!("turn {} [{}] {}", i.turn, i.tag.word(), i.summary))
                    .collect();
                if names.is_empty() {
                    p.say("Nothing reported yet.")?;
                    continue;
                }
                let Some(k) = p.choose("Which item?", &names)? else {
                    return Ok(None);
                };
                for l in &feed[k].detail {
                    p.say(l)?;
                }
            }
            1 => {
                let others: Vec<_> = view.others().collect();
                let names: Vec<String> = others
                    .iter()
                    .map(|a| {
                        let now = draft
                            .postures
                            .iter()
                            .find(|(t, _)| t == a)
                            .map_or(view.posture(*a), |x| x.1);
                        format!("{} (now {})", sc.actor(*a).name, model::posture_symbol(now))
                    })
                    .collect();
                let Some(k) = p.choose("Toward whom?", &names)? else {
                    return Ok(None);
                };
                let ps: Vec<String> = Posture::ALL
                    .iter()
                    .map(|x| model::posture_symbol(*x).to_owned())
                    .collect();
                let Some(j) = p.choose("Posture:", &ps)? else {
                    return Ok(None);
                };
                draft.postures.retain(|(t, _)| *t != others[k]);
                draft.postures.push((others[k], Posture::ALL[j]));
            }
            2 => {
                let acts: Vec<_> = view.actions().collect();
                let names: Vec<String> = acts
                    .iter()
                    .map(|(k, c)| {
                        let (name, vis, what) = model::action_info(*k);
                        format!("{name} (cost {}, seen by: {vis}): {what}", c.cost)
                    })
                    .collect();
                let Some(k) = p.choose("Which action?", &names)? else {
                    return Ok(None);
                };
                let mut form = Form::new(view, acts[k].0);
                for f in &mut form.fields {
                    let names: Vec<String> = f.choices.iter().map(|c| c.0.clone()).collect();
                    if names.is_empty() {
                        break;
                    }
                    let Some(j) = p.choose(&format!("{}:", f.label), &names)? else {
                        return Ok(None);
                    };
                    f.at = j;
                }
                let Some(action) = form.action() else {
                    p.say("This action is not possible now.")?;
                    continue;
                };
                let mut cand = draft.clone();
                cand.actions.push(action.clone());
                match s.check(&cand) {
                    Ok(()) => {
                        p.say(&format!("Added: {}.", n.action(seat, &action)))?;
                        *draft = cand;
                    }
                    Err(e) => p.say(&format!("Not possible: {e}."))?,
                }
            }
            3 => {
                if draft.actions.is_empty() {
                    p.say("No actions ordered yet.")?;
                    continue;
                }
                let mut names: Vec<String> = draft
                    .actions
                    .iter()
                    .map(|a| format!("withdraw: {}", n.action(seat, a)))
                    .collect();
                names.push("keep them all".into());
                let Some(k) = p.choose("Your orders:", &names)? else {
                    return Ok(None);
                };
                if k < draft.actions.len() {
                    draft.actions.remove(k);
                    p.say("Withdrawn.")?;
                }
            }
            4 => {
                let props: Vec<_> = view.proposals_to_me().collect();
                if props.is_empty() {
                    p.say("No proposal awaits your answer.")?;
                    continue;
                }
                for pr in props {
                    let q = format!(
                        "{} proposes: {}.",
                        sc.actor(pr.by).name,
                        super::ui::dashboard::proposal_text(view, &pr.what)
                    );
                    let Some(j) = p.choose(
                        &q,
                        &["accept".into(), "refuse".into(), "decide later".into()],
                    )?
                    else {
                        return Ok(None);
                    };
                    draft.responses.retain(|r| r.proposal != pr.id);
                    if j < 2 {
                        draft.responses.push(Response {
                            proposal: pr.id,
                            accept: j == 0,
                        });
                    }
                }
            }
            5 => {
                let Some(j) = p.choose(
                    "Record what you believe each counterpart intends? The debrief scores it.",
                    &["record assessments".into(), "skip".into()],
                )?
                else {
                    return Ok(None);
                };
                draft.assessments.clear();
                if j == 0 {
                    for a in model::assessable(view) {
                        let hyp = model::hypotheses(sc, a);
                        let mut names: Vec<String> = hyp
                            .iter()
                            .map(|h| sc.intents[h.ix()].name.clone())
                            .collect();
                        names.push("skip".into());
                        let Some(k) = p.choose(
                            &format!("What does {} most likely intend?", sc.actor(a).name),
                            &names,
                        )?
                        else {
                            return Ok(None);
                        };
                        if k < hyp.len() {
                            let mut probs = vec![0.0; sc.intents.len()];
                            let rest = if hyp.len() > 1 {
                                0.3 / (hyp.len() - 1) as f64
                            } else {
                                0.0
                            };
                            for (i, h) in hyp.iter().enumerate() {
                                probs[h.ix()] = if i == k {
                                    1.0 - rest * (hyp.len() - 1) as f64
                                } else {
                                    rest
                                };
                            }
                            draft.assessments.push(Assessment { of: a, probs });
                        }
                    }
                }
                return Ok(Some(true));
            }
            6 => {
                for t in model::glossary(model::GLOSSARY) {
                    p.say(&format!("{}: {}", t.name, t.text))?;
                }
            }
            _ => return Ok(None),
        }
    }
}

fn report<R: BufRead, W: Write>(p: &mut Plain<R, W>, s: &Session) -> std::io::Result<()> {
    let view = s.game.view(s.humans[0]);
    let n = Narrator::for_seat(view);
    let turn = s.game.state().turn;
    p.say("")?;
    p.say(&format!("-- Turn {turn} report --"))?;
    for e in view.events_of(turn) {
        if !crate::report::narrate::worth_telling(e) {
            continue;
        }
        p.say(&format!("- {}", n.describe(e)))?;
    }
    Ok(())
}
