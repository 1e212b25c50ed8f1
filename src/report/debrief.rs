//! The after-action review of a game, built from a finished or unfinished `Game` and rendered
//! as plain text or Markdown: the score and its parts, the escalation curve, the perception gap
//! (what each side believed about the other against the truth), the accuracy of assessments and
//! beliefs, the turning points, the timeline with every side's moves and the counterparts'
//! reasons, and the scenario's questions for the instructor.
//!
//! Every claim is derived from the game's record; nothing here is hard-coded to a scenario.
//! Pure: reads the game, returns a `Debrief` value and strings.

use super::doc::{Align, Doc, Format};
use super::words::*;
use crate::engine::Game;
use crate::engine::event::{EventKind, Outcome};
use crate::engine::score::{ScoreCard, score};
use crate::ids::*;
use crate::scenario::Scenario;
use std::sync::Arc;

mod gap;
mod score;
mod timeline;
pub mod worked;

use gap::{assessment_score, belief_score, intent_story, verdict};
use score::{score_reasons, share};

/// The after-action review of one game.
#[derive(Clone, Debug)]
pub struct Debrief {
    sc: Arc<Scenario>,
    pub seed: u64,
    pub outcome: Option<Outcome>,
    /// How the game ended, in the engine's words.
    pub ending: Option<String>,
    /// Turns played.
    pub turns: u32,
    pub peak: CurvePoint,
    /// Hidden intents at the start, for actors whose intent was uncertain.
    pub intents_at_start: Vec<(ActorIx, IntentIx)>,
    pub seats: Vec<SeatScore>,
    pub curve: Vec<CurvePoint>,
    /// Teaching sentences derived from the perception gap, one per pair of actors.
    pub lessons: Vec<String>,
    pub gaps: Vec<Gap>,
    pub assessments: Vec<AssessmentScore>,
    pub beliefs: Vec<BeliefScore>,
    pub turning_points: Vec<TurningPoint>,
    pub timeline: Vec<TurnLog>,
    /// The same seed with the diplomat in the (first) human seat, when people played.
    pub worked: Option<worked::WhatWorked>,
    /// For each seat people played: one sentence per part of its score, saying why it got it.
    pub score_reasons: Vec<(ActorIx, Vec<String>)>,
}

/// One seat's score.
#[derive(Clone, Debug)]
pub struct SeatScore {
    pub actor: ActorIx,
    pub human: bool,
    pub card: ScoreCard,
    /// Domestic pressure at the end, 0 to 1.
    pub pressure: f64,
}

/// The escalation index and rung at the end of a turn (turn 0: the opening position).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurvePoint {
    pub turn: u32,
    pub escalation: f64,
    pub rung: RungIx,
}

/// What the others believed about one actor, turn by turn, against its true intent.
#[derive(Clone, Debug)]
pub struct Gap {
    pub subject: ActorIx,
    /// True intent at the end of each turn, from turn 0.
    pub truth: Vec<IntentIx>,
    pub readings: Vec<Reading>,
}

/// One observer's reading of a subject, turn by turn from turn 0.
#[derive(Clone, Debug)]
pub struct Reading {
    pub observer: ActorIx,
    /// Probability the observer put on the subject's true intent.
    pub p_truth: Vec<f64>,
    /// The intent the observer thought most likely, and its probability.
    pub likeliest: Vec<(IntentIx, f64)>,
    /// The observer's belief that the subject is hostile (probability-weighted hostility).
    pub hostile: Vec<f64>,
    /// What the observer's seat recorded, if it ever assessed the subject: per turn, the
    /// assessment made during that turn, if any.
    pub assessed: Option<Vec<Option<Assessed>>>,
}

/// One recorded assessment, read against the truth of the turn it was made in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Assessed {
    pub p_truth: f64,
    pub likeliest: (IntentIx, f64),
    pub hostile: f64,
}

/// The accuracy of one seat's recorded assessments.
#[derive(Clone, Debug)]
pub struct AssessmentScore {
    pub seat: ActorIx,
    pub count: usize,
    /// Mean Brier score (0 perfect, 2 worst).
    pub brier: f64,
    /// What the scenario's public prior would have scored on the same questions.
    pub prior_brier: f64,
    /// What a Bayesian reading of the evidence the seat had seen (the engine's own beliefs for
    /// that seat at the time) would have scored.
    pub bayes_brier: f64,
}

/// The accuracy of one actor's beliefs about another over the game.
#[derive(Clone, Debug)]
pub struct BeliefScore {
    pub observer: ActorIx,
    pub subject: ActorIx,
    pub human: bool,
    pub brier: f64,
    pub prior_brier: f64,
}

#[derive(Clone, Debug)]
pub struct TurningPoint {
    pub turn: u32,
    pub text: String,
}

/// One turn of the timeline.
#[derive(Clone, Debug)]
pub struct TurnLog {
    pub turn: u32,
    pub point: CurvePoint,
    /// Injects read at the start of the turn.
    pub briefing: Vec<String>,
    pub sides: Vec<SideMoves>,
    /// What happened as the turn resolved, with who could see it.
    pub events: Vec<String>,
}

/// One side's moves in a turn and the reasons it gave.
#[derive(Clone, Debug)]
pub struct SideMoves {
    pub actor: ActorIx,
    pub moves: Vec<String>,
    /// Operations its services began this turn, unseen by the others unless detected.
    pub operations: Vec<String>,
    pub reasons: Vec<String>,
}

impl Debrief {
    /// The highest rung the crisis reached and the first turn it stood there. The ladder climbs
    /// a rung a turn, so this may come after the turn of the peak escalation index.
    pub fn highest_rung(&self) -> (RungIx, u32) {
        let top = self.curve.iter().map(|p| p.rung).max().unwrap_or(RungIx(0));
        let turn = self
            .curve
            .iter()
            .find(|p| p.rung == top)
            .map_or(0, |p| p.turn);
        (top, turn)
    }

    /// Builds the review. `human` lists the seats people played; without it, a seat that
    /// recorded assessments is taken to be human (computer counterparts record none).
    pub fn build(game: &Game, human: Option<&[ActorIx]>) -> Debrief {
        let sc = Arc::clone(game.scenario());
        let state = game.state();
        let is_human = |a: ActorIx| match human {
            Some(h) => h.contains(&a),
            None => !state.actors[a.ix()].assessments.is_empty(),
        };
        let curve: Vec<CurvePoint> = state
            .history
            .iter()
            // From the tensions at the end of the turn, as the dashboard shows the index (the
            // ladder itself moved on the index before the turn's rules).
            .map(|h| CurvePoint {
                turn: h.turn,
                escalation: crate::engine::escalation_of(&sc, |p| {
                    h.tension.get(p).copied().unwrap_or(0.0)
                }),
                rung: h.rung,
            })
            .collect();
        let peak = curve
            .iter()
            .copied()
            .fold(None::<CurvePoint>, |best, p| match best {
                Some(b) if b.escalation >= p.escalation => Some(b),
                _ => Some(p),
            })
            .unwrap_or(CurvePoint {
                turn: 0,
                escalation: state.escalation,
                rung: state.rung,
            });
        let ending = state.log.iter().rev().find_map(|e| match &e.kind {
            EventKind::GameEnded { text, .. } => Some(text.clone()),
            _ => None,
        });
        let seats = seat_actors(&sc)
            .map(|a| SeatScore {
                actor: a,
                human: is_human(a),
                card: score(&sc, state, a),
                pressure: state.actors[a.ix()].pressure,
            })
            .collect();
        let intents_at_start = subjects(&sc)
            .filter(|a| uncertain(&sc, *a))
            .map(|a| {
                (
                    a,
                    state
                        .history
                        .first()
                        .map_or(state.actors[a.ix()].intent, |h| h.intents[a.ix()]),
                )
            })
            .collect();
        let gaps: Vec<Gap> = subjects(&sc).map(|s| gap::gap(&sc, state, s)).collect();
        let lessons = gaps
            .iter()
            .flat_map(|g| gap::lessons(&sc, state, g))
            .collect();
        let assessments = seat_actors(&sc)
            .filter_map(|a| assessment_score(&sc, state, a))
            .collect();
        let mut beliefs = Vec::new();
        for g in &gaps {
            for r in &g.readings {
                let (b, p) = belief_score(&sc, state, r.observer, g.subject);
                beliefs.push(BeliefScore {
                    observer: r.observer,
                    subject: g.subject,
                    human: is_human(r.observer),
                    brier: b,
                    prior_brier: p,
                });
            }
        }
        let turning_points = timeline::turning_points(&sc, state);
        let timeline = timeline::timeline(&sc, state, &curve);
        let worked = human
            .and_then(|h| h.first())
            .and_then(|seat| worked::WhatWorked::build(game, *seat));
        let score_reasons = seat_actors(&sc)
            .filter(|a| is_human(*a))
            .map(|a| (a, score_reasons(&sc, state, a)))
            .collect();
        Debrief {
            sc,
            seed: game.seed(),
            outcome: state.outcome,
            ending,
            turns: state.turn,
            peak,
            intents_at_start,
            seats,
            curve,
            lessons,
            gaps,
            assessments,
            beliefs,
            turning_points,
            timeline,
            worked,
            score_reasons,
        }
    }

    pub fn scenario(&self) -> &Scenario {
        &self.sc
    }

    /// The sentences of "What would have worked" (also shown by the console).
    pub fn worked_lines(&self) -> Vec<String> {
        let Some(w) = &self.worked else {
            return Vec::new();
        };
        let sc = &*self.sc;
        let name = actor_name(sc, w.seat);
        let truths: Vec<String> = w
            .truth
            .iter()
            .map(|(a, i)| {
                format!(
                    "{} was in truth {}",
                    actor_name(sc, *a),
                    article(&sc.intents[i.ix()].name)
                )
            })
            .collect();
        let mut lines = vec![format!(
            "The same seed played again with the scripted diplomat in {name}'s seat (verifiable restraint, channels, agreements, measured costs), the other seats as the computer plays them. {}.",
            if truths.is_empty() {
                "No counterpart's intent was hidden".to_owned()
            } else {
                truths.join("; ")
            }
        )];
        let mut line = |label: String, a: &worked::Alternative| {
            lines.push(format!(
                "{label}: {}, peak rung {}, score {:.1} against your {:.1}. {}",
                a.ending,
                rung_name(sc, a.peak),
                a.score,
                w.played_score,
                a.divergence
            ));
        };
        if let Some(a) = w.from(1) {
            line("From turn 1".to_owned(), a);
        }
        if let Some(t) = w.climbed.filter(|t| *t > 1)
            && let Some(a) = w.from(t)
        {
            line(format!("From turn {t}, when the crisis first climbed"), a);
        }
        lines
    }

    fn render_worked(&self, d: &mut Doc) {
        let lines = self.worked_lines();
        if lines.is_empty() {
            return;
        }
        d.heading("What would have worked");
        for l in &lines {
            d.para(l);
        }
    }

    /// The review as text or Markdown.
    pub fn render(&self, format: Format) -> String {
        let sc = &*self.sc;
        let name = |a: ActorIx| actor_name(sc, a);
        let mut d = Doc::new(format);
        d.title(&format!("{} \u{2014} after-action review", sc.title));
        self.render_header(&mut d);

        d.heading("Score");
        let rows: Vec<Vec<String>> = self
            .seats
            .iter()
            .map(|s| {
                let c = &s.card;
                vec![
                    name(s.actor).to_owned(),
                    if s.human { "human" } else { "computer" }.to_owned(),
                    pct(c.conflict_avoided),
                    pct(c.interest),
                    pct(c.norms),
                    pct(c.reputation),
                    c.assessment.map_or_else(|| "\u{2014}".to_owned(), pct),
                    format!("{:.1}", c.total),
                    format!("{:.2}", s.pressure),
                ]
            })
            .collect();
        let right = Align::Right;
        d.table(
            &[
                "Actor",
                "Seat",
                "Conflict avoided",
                "Interest",
                "Norms",
                "Reputation",
                "Assessment",
                "Total",
                "Pressure",
            ],
            &[
                Align::Left,
                Align::Left,
                right,
                right,
                right,
                right,
                right,
                right,
                right,
            ],
            &rows,
        );
        let w = sc.score;
        d.para(&format!(
            "Parts are out of 100; the total weighs them {} conflict avoided, {} national interest, {} norms and agreements, {} reputation, {} assessment. A seat that recorded no assessment (\u{2014}) is scored as if it had said \u{201c}I cannot tell\u{201d}. Pressure is each government's domestic pressure at the end, from 0 (calm) to 1 (it demands action).",
            share(w.conflict_avoided, &w),
            share(w.interest, &w),
            share(w.norms, &w),
            share(w.reputation, &w),
            share(w.assessment, &w),
        ));

        self.render_worked(&mut d);

        for (a, reasons) in &self.score_reasons {
            d.subheading(&format!(
                "Why {} scored {:.1}",
                name(*a),
                self.seats
                    .iter()
                    .find(|s| s.actor == *a)
                    .map_or(0.0, |s| s.card.total)
            ));
            for r in reasons {
                d.item(0, r);
            }
            d.end_list();
        }

        d.heading("Escalation curve");
        d.pre(&self.chart());
        let ticks: Vec<String> = sc
            .ladder
            .iter()
            .skip(1)
            .map(|r| format!("{} {}", r.name, trim_num(r.threshold)))
            .collect();
        d.para(&format!(
            "The escalation index is the worst tension between two states; each | marks the threshold of a rung ({}). The ladder moves at most one rung a turn toward the index.",
            ticks.join(", ")
        ));

        d.heading("Perception gap");
        d.para("What each side believed about the others' intentions, against the truth. The spiral is driven by misperception: each side's own probing looks like preparation for attack to the other.");
        for l in &self.lessons {
            d.item(0, l);
        }
        if !self.lessons.is_empty() {
            d.end_list();
        }
        if self
            .gaps
            .iter()
            .flat_map(|g| &g.readings)
            .any(|r| r.assessed.is_some())
        {
            d.para("Where a seat recorded assessments, its table shows what the seat said during each turn beside what Bayes' rule made of the evidence it had at that moment.");
        }
        for g in &self.gaps {
            self.render_gap(&mut d, g);
        }

        d.heading("Accuracy of assessments and beliefs");
        d.para("Brier scores: 0 is a perfect forecast, 2 a certain and wrong one. \u{201c}Prior\u{201d} is what the scenario's public starting belief would have scored on the same questions; doing better than the prior means reading the evidence well. \u{201c}Bayes\u{201d} is what a strict Bayesian reading of the same evidence would have scored.");
        if self.assessments.is_empty() {
            d.para("No seat recorded assessments in this game.");
        } else {
            let rows: Vec<Vec<String>> = self
                .assessments
                .iter()
                .map(|a| {
                    vec![
                        name(a.seat).to_owned(),
                        a.count.to_string(),
                        f2(a.brier),
                        f2(a.prior_brier),
                        f2(a.bayes_brier),
                        verdict(a.brier, a.prior_brier),
                    ]
                })
                .collect();
            d.subheading("Recorded assessments");
            d.table(
                &["Seat", "Assessments", "Brier", "Prior", "Bayes", "Reading"],
                &[Align::Left, right, right, right, right, Align::Left],
                &rows,
            );
        }
        let computers: Vec<&BeliefScore> = self.beliefs.iter().filter(|b| !b.human).collect();
        if !computers.is_empty() {
            let rows: Vec<Vec<String>> = computers
                .iter()
                .map(|b| {
                    vec![
                        name(b.observer).to_owned(),
                        name(b.subject).to_owned(),
                        f2(b.brier),
                        f2(b.prior_brier),
                        verdict(b.brier, b.prior_brier),
                    ]
                })
                .collect();
            d.subheading("Computer seats' beliefs, turn by turn");
            d.table(
                &["Believer", "About", "Brier", "Prior", "Reading"],
                &[Align::Left, Align::Left, right, right, Align::Left],
                &rows,
            );
        }

        d.heading("Turning points");
        if self.turning_points.is_empty() {
            d.para("None: the ladder never moved, no intent shifted, and no agreement, channel, violation or wrong attribution marked the game.");
        } else {
            for t in &self.turning_points {
                d.item(0, &format!("Turn {}: {}", t.turn, t.text));
            }
            d.end_list();
        }

        d.heading("Timeline");
        for t in &self.timeline {
            self.render_turn(&mut d, t);
        }

        if !sc.debrief_questions.is_empty() {
            d.heading("Questions for the debrief");
            for (i, q) in sc.debrief_questions.iter().enumerate() {
                d.numbered(i + 1, q);
            }
            d.end_list();
        }
        d.finish()
    }

    fn render_header(&self, d: &mut Doc) {
        let sc = &*self.sc;
        let outcome = match (self.outcome, &self.ending) {
            (Some(o), Some(text)) => format!("{}. {}", capitalise(outcome_name(o)), text),
            (Some(o), None) => capitalise(outcome_name(o)),
            (None, _) => "Unfinished: the game is still in play.".to_owned(),
        };
        let humans: Vec<&str> = self
            .seats
            .iter()
            .filter(|s| s.human)
            .map(|s| actor_name(sc, s.actor))
            .collect();
        let intents: Vec<String> = self
            .intents_at_start
            .iter()
            .map(|(a, i)| format!("{}, {}", actor_name(sc, *a), article(intent_name(sc, *i))))
            .collect();
        d.item(
            0,
            &format!(
                "Scenario: {} (\u{201c}{}\u{201d}), seed {}",
                sc.title, sc.id, self.seed
            ),
        );
        d.item(0, &format!("Outcome: {outcome}"));
        d.item(
            0,
            &format!("Turns played: {} of {}", self.turns, sc.turn_limit),
        );
        let (top, top_turn) = self.highest_rung();
        d.item(
            0,
            &format!(
                "Highest rung: {} (from turn {top_turn}); peak escalation index {:.1} at turn {}",
                rung_name(sc, top),
                self.peak.escalation,
                self.peak.turn
            ),
        );
        d.item(
            0,
            &format!(
                "Human seats: {}",
                if humans.is_empty() {
                    "none (all computer)".to_owned()
                } else {
                    humans.join(", ")
                }
            ),
        );
        if !intents.is_empty() {
            d.item(
                0,
                &format!("Hidden intents at the start: {}", intents.join("; ")),
            );
        }
        d.end_list();
    }

    /// The escalation curve as a bar per turn, with the rung thresholds marked.
    pub fn chart(&self) -> Vec<String> {
        const W: usize = 50;
        let sc = &*self.sc;
        let top = sc.ladder.last().map_or(1.0, |r| r.threshold);
        let scale = top.max(self.peak.escalation).max(1.0);
        let col = |x: f64| ((x / scale * W as f64).round() as usize).min(W);
        let ticks: Vec<usize> = sc
            .ladder
            .iter()
            .skip(1)
            .map(|r| col(r.threshold).min(W - 1))
            .collect();
        let rung_w = sc
            .ladder
            .iter()
            .map(|r| r.name.chars().count())
            .max()
            .unwrap_or(4);
        let scale_label = trim_num(scale);
        let gap = W.saturating_sub(1 + scale_label.len());
        let mut lines = vec![format!(
            "turn  index  {:<rung_w$}   0{}{scale_label}",
            "rung",
            " ".repeat(gap)
        )];
        for p in &self.curve {
            let filled = col(p.escalation.max(0.0));
            let bar: String = (0..W)
                .map(|c| {
                    if c < filled {
                        '#'
                    } else if ticks.contains(&c) {
                        '|'
                    } else {
                        ' '
                    }
                })
                .collect();
            lines.push(format!(
                "{:>4}  {:>5.1}  {:<rung_w$}  [{}]",
                p.turn,
                p.escalation,
                rung_name(sc, p.rung),
                bar
            ));
        }
        lines
    }

    fn render_gap(&self, d: &mut Doc, g: &Gap) {
        let sc = &*self.sc;
        let truth = intent_story(sc, &g.truth);
        d.subheading(&format!(
            "What the others believed about {}",
            actor_name(sc, g.subject)
        ));
        d.para(&format!(
            "In truth {} was {}.",
            actor_name(sc, g.subject),
            truth
        ));
        let mut header = vec!["Turn".to_owned(), "True intent".to_owned()];
        let mut align = vec![Align::Right, Align::Left];
        for r in &g.readings {
            let who = actor_name(sc, r.observer);
            if r.assessed.is_some() {
                header.push(format!("{who} assessed: P(true)"));
                header.push(format!("{who} assessed: likeliest"));
                header.push(format!("Bayes for {who}: P(true)"));
                align.extend([Align::Right, Align::Left, Align::Right]);
            } else {
                header.push(format!("{who}: P(true)"));
                header.push(format!("{who}: likeliest"));
                align.extend([Align::Right, Align::Left]);
            }
        }
        let likeliest = |(li, lp): (IntentIx, f64), truth: IntentIx| {
            let mark = if li == truth { "" } else { " \u{2717}" };
            format!("{} {}{}", intent_name(sc, li), f2(lp), mark)
        };
        let rows: Vec<Vec<String>> = g
            .truth
            .iter()
            .enumerate()
            .map(|(t, i)| {
                let shifted = t > 0 && g.truth[t - 1] != *i;
                let mut row = vec![
                    t.to_string(),
                    format!(
                        "{}{}",
                        intent_name(sc, *i),
                        if shifted { " (shift)" } else { "" }
                    ),
                ];
                for r in &g.readings {
                    match &r.assessed {
                        Some(a) => {
                            // An assessment is made during a turn, before it resolves.
                            let during = g.truth[t.saturating_sub(1)];
                            match a[t] {
                                Some(x) => {
                                    row.push(f2(x.p_truth));
                                    row.push(likeliest(x.likeliest, during));
                                }
                                None => row.extend(["\u{2014}".to_owned(), "\u{2014}".to_owned()]),
                            }
                            // What Bayes' rule made of the same evidence when the seat assessed.
                            row.push(f2(r.p_truth[t.saturating_sub(1)]));
                        }
                        None => {
                            row.push(f2(r.p_truth[t]));
                            row.push(likeliest(r.likeliest[t], *i));
                        }
                    }
                }
                row
            })
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        d.table(&header, &align, &rows);
    }

    fn render_turn(&self, d: &mut Doc, t: &TurnLog) {
        let sc = &*self.sc;
        d.subheading(&format!(
            "Turn {} \u{2014} {} (escalation {:.1})",
            t.turn,
            rung_name(sc, t.point.rung),
            t.point.escalation
        ));
        for b in &t.briefing {
            d.item(0, &format!("Briefing: {b}"));
        }
        for s in &t.sides {
            d.item(0, &format!("{}:", actor_name(sc, s.actor)));
            for m in &s.moves {
                d.item(1, m);
            }
            if !s.operations.is_empty() {
                d.item(
                    1,
                    &format!("Covert operations begun: {}.", s.operations.join("; ")),
                );
            }
            for r in &s.reasons {
                d.item(1, &format!("Why: {r}"));
            }
        }
        if !t.events.is_empty() {
            d.item(0, "What happened:");
            for e in &t.events {
                d.item(1, e);
            }
        }
        d.end_list();
    }
}

/// Convenience: builds and renders in one call.
pub fn debrief(game: &Game, human: Option<&[ActorIx]>, format: Format) -> String {
    Debrief::build(game, human).render(format)
}

// ----- who is covered -----

fn uncertain(sc: &Scenario, a: ActorIx) -> bool {
    let actor = &sc.actors[a.ix()];
    (0..sc.intents.len())
        .filter(|i| actor.conceivably(IntentIx::from_ix(*i)))
        .count()
        > 1
}

/// Seats whose score matters: the states and the playable actors.
fn seat_actors(sc: &Scenario) -> impl Iterator<Item = ActorIx> + '_ {
    sc.actor_ixs()
        .filter(|a| sc.actors[a.ix()].kind.is_state() || sc.playable.contains(a))
}

/// Actors whose intent others had to read: uncertain ones, and every playable seat.
fn subjects(sc: &Scenario) -> impl Iterator<Item = ActorIx> + '_ {
    sc.actor_ixs()
        .filter(|a| uncertain(sc, *a) || sc.playable.contains(a))
}

/// Actors whose perceptions the timeline follows: seats and subjects.
fn principal(sc: &Scenario, a: ActorIx) -> bool {
    sc.actors[a.ix()].kind.is_state() || sc.playable.contains(&a) || uncertain(sc, a)
}

#[cfg(test)]
mod tests;
