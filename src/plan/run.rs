//! Playing a case on a table, as a front end would, and checking each expectation when its turn
//! has resolved.

use super::file::{Bound, Ending, Order};
use super::{Case, Check, Expect, Place};
use crate::engine::orders::Response;
use crate::engine::state::{GameState, pair_ix};
use crate::engine::{EventKind, Orders, Outcome};
use crate::ids::ActorIx;
use crate::scenario::Scenario;
use crate::table::{Absent, Table};
use std::sync::Arc;

/// An expectation that did not hold.
#[derive(Clone, Debug, PartialEq)]
pub struct Failure {
    pub at: Place,
    /// The turn after which it was checked; `None` at the end of the case.
    pub after_turn: Option<u32>,
    pub message: String,
}

/// How a case went.
#[derive(Clone, Debug)]
pub struct CaseResult {
    pub name: String,
    pub at: Place,
    /// Turns played.
    pub turns: u32,
    pub outcome: Option<Outcome>,
    pub failures: Vec<Failure>,
    /// The game as it ended, for a trace or a debrief.
    pub table: Table,
}

impl CaseResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Plays `case` of a plan for `sc` and checks its expectations.
pub fn run_case(sc: &Arc<Scenario>, case: &Case) -> CaseResult {
    let mut table = Table::new(Arc::clone(sc), case.seed, &case.humans);
    for (a, s) in case.strategies.iter().enumerate() {
        if let Some(s) = s
            && !case.humans.contains(&ActorIx::from_ix(a))
        {
            table.strategies[a] = *s;
        }
    }
    let mut failures = Vec::new();
    let mut checked = vec![false; case.expects.len()];
    loop {
        let done = table.game().state().turn;
        for (e, seen) in case.expects.iter().zip(&mut checked) {
            if e.after_turn == Some(done) && done > 0 {
                *seen = true;
                failures.extend(check(sc, table.game().state(), e));
            }
        }
        if table.game().is_over() || case.until.is_some_and(|u| done >= u) {
            break;
        }
        if let Err(f) = play_turn(&mut table, case, done) {
            failures.push(f);
            break;
        }
    }
    let state = table.game().state();
    for (e, seen) in case.expects.iter().zip(&checked) {
        match e.after_turn {
            None => failures.extend(check(sc, state, e)),
            Some(t) if !seen => failures.push(Failure {
                at: e.at,
                after_turn: Some(t),
                message: format!(
                    "this was to be checked after turn {t}, but the case stopped after turn {}{}",
                    state.turn,
                    match state.outcome {
                        Some(o) => format!(" (the game ended: {})", outcome_words(o)),
                        None => String::new(),
                    }
                ),
            }),
            Some(_) => {}
        }
    }
    failures.sort_by_key(|f| (f.at.line, f.at.col));
    CaseResult {
        name: case.name.clone(),
        at: case.at,
        turns: state.turn,
        outcome: state.outcome,
        failures,
        table,
    }
}

/// One turn: each human seat's orders from the plan, else from its strategy; seats with
/// neither wait (they hold their postures), and the turn is resolved.
fn play_turn(table: &mut Table, case: &Case, done: u32) -> Result<(), Failure> {
    let given = case.turns.get(done as usize);
    for &seat in &case.humans {
        let orders = match given.and_then(|g| g.iter().find(|(a, _, _)| *a == seat)) {
            Some((_, orders, accept)) => with_answers(table.game().state(), seat, orders, accept),
            None => match case.strategies[seat.ix()] {
                Some(s) => table.game().decide(seat, &s),
                None => continue,
            },
        };
        table.submit(seat, orders).map_err(|e| Failure {
            at: case.at,
            after_turn: None,
            message: format!(
                "the orders of {} for turn {} were refused: {e}",
                table.scenario().actor(seat).id,
                done + 1
            ),
        })?;
    }
    if table.game().state().turn == done && !table.game().is_over() {
        table.force(Absent::Wait).map_err(|e| Failure {
            at: case.at,
            after_turn: None,
            message: format!("turn {} could not be played: {e}", done + 1),
        })?;
    }
    Ok(())
}

/// `orders` with an acceptance of every open proposal to `seat` from the actors in `accept`.
fn with_answers(state: &GameState, seat: ActorIx, orders: &Orders, accept: &[ActorIx]) -> Orders {
    let mut orders = orders.clone();
    orders.responses.extend(
        state
            .proposals
            .iter()
            .filter(|p| p.to == seat && accept.contains(&p.by))
            .map(|p| Response {
                proposal: p.id,
                accept: true,
            }),
    );
    orders
}

fn outcome_words(o: Outcome) -> &'static str {
    match o {
        Outcome::Failure => "failure",
        Outcome::Settlement => "settlement",
        Outcome::TurnLimit => "turn limit",
    }
}

/// The name of an event's kind, as `Happened` counts it.
fn kind_name(k: &EventKind) -> String {
    let debug = format!("{k:?}");
    debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// Checks one expectation against the state; the failure, if any.
fn check(sc: &Scenario, st: &GameState, e: &Expect) -> Option<Failure> {
    let number = |what: String, x: f64, b: Bound| {
        (!b.holds(x)).then(|| format!("expected {what} to be {b}, but it is {x:.4}"))
    };
    let rung = |what: &str, actual: usize, o: Order, wanted: usize| {
        (!o.holds(actual, wanted)).then(|| {
            format!(
                "expected {what} to be {}\"{}\", but it is \"{}\"",
                o.words(),
                sc.ladder[wanted].id,
                sc.ladder[actual].id
            )
        })
    };
    let id = |a: ActorIx| sc.actor(a).id.as_str();
    let k = sc.intents.len();
    let message = match &e.check {
        Check::Rung(o, r) => rung("the rung", st.rung.ix(), *o, r.ix()),
        Check::PeakRung(o, r) => rung("the highest rung", st.peak_rung.ix(), *o, r.ix()),
        Check::Escalation(b) => number("the escalation index".into(), st.escalation, *b),
        Check::Fear(by, of, b) => number(
            format!("{}'s fear of {}", id(*by), id(*of)),
            st.actors[by.ix()].fear[of.ix()],
            *b,
        ),
        Check::Belief(by, about, intent, b) => number(
            format!(
                "{}'s belief that {} is \"{}\"",
                id(*by),
                id(*about),
                sc.intents[intent.ix()].id
            ),
            st.actors[by.ix()].beliefs[about.ix() * k + intent.ix()],
            *b,
        ),
        Check::Tension(a, b2, b) => number(
            format!("the tension between {} and {}", id(*a), id(*b2)),
            st.relations[pair_ix(*a, *b2)].tension,
            *b,
        ),
        Check::Trust(a, b2, b) => number(
            format!("the trust between {} and {}", id(*a), id(*b2)),
            st.relations[pair_ix(*a, *b2)].trust,
            *b,
        ),
        Check::Pressure(a, b) => number(
            format!("{}'s domestic pressure", id(*a)),
            st.actors[a.ix()].pressure,
            *b,
        ),
        Check::Variable(v, b) => number(
            format!("the variable \"{}\"", sc.variables[v.ix()].id),
            st.variables[v.ix()],
            *b,
        ),
        Check::InjectSent(i, want) => {
            let sent = st
                .log
                .iter()
                .any(|ev| matches!(ev.kind, EventKind::Inject(x) if x == *i));
            (sent != *want).then(|| {
                let name = &sc.injects[i.ix()].id;
                if *want {
                    format!("expected the inject \"{name}\" to have been sent, but it was not")
                } else {
                    format!("expected the inject \"{name}\" not to have been sent, but it was")
                }
            })
        }
        Check::RuleFired(r, want) => {
            let fired = st.fired.get(r.ix()).copied().unwrap_or(false);
            (fired != *want).then(|| {
                let name = &sc.rules[r.ix()].id;
                if *want {
                    format!("expected the rule \"{name}\" to have fired, but it has not")
                } else {
                    format!("expected the rule \"{name}\" not to have fired, but it has")
                }
            })
        }
        Check::Happened(name, b) => {
            let n = st
                .log
                .iter()
                .filter(|ev| kind_name(&ev.kind) == *name)
                .count();
            number(format!("the number of {name} events"), n as f64, *b)
        }
        Check::Running => st.outcome.map(|o| {
            format!(
                "expected the game to be running, but it ended after turn {}: {}",
                st.turn,
                outcome_words(o)
            )
        }),
        Check::Ended(want, s, turn) => ended(sc, st, *want, *s, *turn),
    };
    message.map(|message| Failure {
        at: e.at,
        after_turn: e.after_turn,
        message,
    })
}

fn ended(
    sc: &Scenario,
    st: &GameState,
    want: Ending,
    s: Option<usize>,
    turn: Option<Bound>,
) -> Option<String> {
    let wanted = match want {
        Ending::Failure => Outcome::Failure,
        Ending::Settlement => Outcome::Settlement,
        Ending::TurnLimit => Outcome::TurnLimit,
    };
    let what = match s {
        Some(s) => format!("the settlement \"{}\"", sc.settlements[s].id),
        None => outcome_words(wanted).to_owned(),
    };
    let Some(o) = st.outcome else {
        return Some(format!(
            "expected the game to end in {what}, but it was still running after turn {}",
            st.turn
        ));
    };
    let got = crate::batch::settlement(sc, st);
    if o != wanted || (s.is_some() && got != s) {
        let actual = match got {
            Some(g) if o == Outcome::Settlement => {
                format!("the settlement \"{}\"", sc.settlements[g].id)
            }
            _ => outcome_words(o).to_owned(),
        };
        return Some(format!(
            "expected the game to end in {what}, but it ended in {actual} after turn {}",
            st.turn
        ));
    }
    match turn {
        Some(b) if !b.holds(f64::from(st.turn)) => Some(format!(
            "expected the game to end in {what} with its last turn {b}, but it ended after turn {}",
            st.turn
        )),
        _ => None,
    }
}
