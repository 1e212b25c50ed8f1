//! A parsed plan turned into the engine's indices, with the place of every case and
//! expectation. Every unknown id is reported, with the closest known one.

use super::file::*;
use super::{Place, diagnostic};
use crate::ai::Strategy;
use crate::engine::orders::{Action, Orders};
use crate::ids::*;
use crate::scenario::issue::closest;
use crate::scenario::source::{LineIndex, Source, Span};
use crate::scenario::{DataPath, Diagnostic, Scenario};

/// A plan ready to run.
#[derive(Clone, Debug)]
pub struct Plan {
    pub file: String,
    pub cases: Vec<Case>,
}

#[derive(Clone, Debug)]
pub struct Case {
    pub name: String,
    pub at: Place,
    pub seed: u64,
    pub humans: Vec<ActorIx>,
    /// By actor: the strategy a seat plays (computer seats default to the doctrine).
    pub strategies: Vec<Option<Strategy>>,
    /// Turn by turn, each human seat's orders and whose proposals it accepts.
    pub turns: Vec<Vec<(ActorIx, Orders, Vec<ActorIx>)>>,
    pub until: Option<u32>,
    pub expects: Vec<Expect>,
}

#[derive(Clone, Debug)]
pub struct Expect {
    pub at: Place,
    pub after_turn: Option<u32>,
    pub check: Check,
}

/// What an expectation reads, in indices.
#[derive(Clone, Debug)]
pub enum Check {
    Rung(Order, RungIx),
    PeakRung(Order, RungIx),
    Escalation(Bound),
    Fear(ActorIx, ActorIx, Bound),
    Belief(ActorIx, ActorIx, IntentIx, Bound),
    Tension(ActorIx, ActorIx, Bound),
    Trust(ActorIx, ActorIx, Bound),
    Pressure(ActorIx, Bound),
    Variable(VariableIx, Bound),
    InjectSent(InjectIx, bool),
    RuleFired(RuleIx, bool),
    Happened(&'static str, Bound),
    Running,
    Ended(Ending, Option<usize>, Option<Bound>),
}

/// The kinds of event `Happened` can count, as the engine names them.
pub const EVENTS: &[&str] = &[
    "Inject",
    "PostureSet",
    "PostureObserved",
    "IntelReport",
    "OperationStarted",
    "OperationMisfired",
    "OperationCompleted",
    "Damage",
    "IncidentDetected",
    "ForensicsComplete",
    "AttributionUpdated",
    "ActionTaken",
    "Decision",
    "ProposalMade",
    "ProposalAnswered",
    "ChannelOpened",
    "AgreementSigned",
    "NormViolated",
    "WrongAttribution",
    "IntentShifted",
    "RuleFired",
    "LadderMoved",
    "GameEnded",
    "News",
    "Overridden",
];

/// The bound a check compares with, if it has one.
fn bound_of(c: &CheckDef) -> Option<Bound> {
    match c {
        CheckDef::Escalation(b)
        | CheckDef::Fear { is: b, .. }
        | CheckDef::Belief { is: b, .. }
        | CheckDef::Tension { is: b, .. }
        | CheckDef::Trust { is: b, .. }
        | CheckDef::Pressure { is: b, .. }
        | CheckDef::Variable { is: b, .. }
        | CheckDef::Happened(_, b)
        | CheckDef::Ended { turn: Some(b), .. } => Some(*b),
        _ => None,
    }
}

struct Resolver<'a> {
    file: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
    src: Option<Source<'a>>,
    sc: &'a Scenario,
    errors: Vec<Diagnostic>,
}

pub fn resolve(
    file_name: &str,
    text: &str,
    lines: &LineIndex,
    f: &PlanFile,
    sc: &Scenario,
) -> Result<Plan, Vec<Diagnostic>> {
    let mut r = Resolver {
        file: file_name,
        text,
        lines,
        src: Source::scan(text).ok(),
        sc,
        errors: Vec::new(),
    };
    let root = DataPath::root();
    if f.format != PLAN_FORMAT {
        r.error(
            "plan-format",
            &root.field("format"),
            format!(
                "this test plan is format {}; this Backchannel reads format {PLAN_FORMAT}",
                f.format
            ),
            Some(format!("write format: {PLAN_FORMAT}")),
        );
    }
    if f.cases.is_empty() {
        r.error(
            "plan-no-cases",
            &root.field("cases"),
            "the plan has no cases".into(),
            Some("add a case: (name: \"...\", seed: 1, expect: [...])".into()),
        );
    }
    let cases = f
        .cases
        .iter()
        .enumerate()
        .map(|(i, c)| r.case(c, &root.field("cases").index(i)))
        .collect();
    if r.errors.is_empty() {
        Ok(Plan {
            file: file_name.to_owned(),
            cases,
        })
    } else {
        Err(r.errors)
    }
}

impl Resolver<'_> {
    fn span(&self, path: &DataPath) -> Span {
        self.src
            .as_ref()
            .and_then(|s| s.locate(path))
            .unwrap_or_default()
    }

    fn place(&self, path: &DataPath) -> Place {
        let (line, col) = self.lines.line_col(self.text, self.span(path).start);
        Place { line, col }
    }

    fn error(&mut self, code: &str, path: &DataPath, message: String, help: Option<String>) {
        let span = self.span(path);
        let d = diagnostic(self.file, self.text, self.lines, span, message, help);
        self.errors.push(d.with_code(code));
    }

    /// Looks `id` up among `known` (the scenario's ids of one kind, in order).
    fn find<'k>(
        &mut self,
        what: &str,
        id: &str,
        known: impl Iterator<Item = &'k str> + Clone,
        path: &DataPath,
    ) -> Option<usize> {
        if let Some(i) = known.clone().position(|k| k == id) {
            return Some(i);
        }
        let help = match closest(id, known.clone()) {
            Some(near) => format!("did you mean \"{near}\"?"),
            None => format!(
                "the scenario's {what}s are {}",
                known
                    .map(|k| format!("\"{k}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        self.error(
            "plan-unknown-id",
            path,
            format!("no {what} is called \"{id}\""),
            Some(help),
        );
        None
    }

    fn actor(&mut self, id: &ActorId, path: &DataPath) -> ActorIx {
        let known = self.sc.actors.iter().map(|a| a.id.as_str());
        let i = self.find("actor", id.as_str(), known, path);
        ActorIx::from_ix(i.unwrap_or(0))
    }

    /// Two different actors, as a tension or trust names them.
    fn pair(&mut self, between: &(ActorId, ActorId), p: &DataPath) -> (ActorIx, ActorIx) {
        let (a, b) = (self.actor(&between.0, p), self.actor(&between.1, p));
        if between.0 == between.1 {
            self.error(
                "plan-paired-with-itself",
                p,
                format!("\"{}\" is paired with itself", between.0),
                Some("name two different actors".into()),
            );
            // Any two different actors, so the case still runs if this were ever let through.
            return (ActorIx::from_ix(0), ActorIx::from_ix(1));
        }
        (a, b)
    }

    fn norm(&mut self, id: &NormId, path: &DataPath) -> NormIx {
        let known = self.sc.norms.iter().map(|n| n.id.as_str());
        let i = self.find("norm", id.as_str(), known, path);
        NormIx::from_ix(i.unwrap_or(0))
    }

    fn case(&mut self, c: &CaseDef, p: &DataPath) -> Case {
        let n = self.sc.actors.len();
        let humans: Vec<ActorIx> = if c.humans.is_empty() {
            self.sc.playable.clone()
        } else {
            c.humans
                .iter()
                .enumerate()
                .map(|(i, a)| self.actor(a, &p.field("humans").index(i)))
                .collect()
        };
        let mut strategies = vec![None; n];
        for (a, s) in &c.strategies {
            let ix = self.actor(a, &p.field("strategies").key(a.as_str()));
            strategies[ix.ix()] = Some(*s);
        }
        let turns = c
            .turns
            .iter()
            .enumerate()
            .map(|(t, seats)| {
                let tp = p.field("turns").index(t);
                seats
                    .iter()
                    .map(|(a, o)| {
                        let sp = tp.key(a.as_str());
                        let seat = self.actor(a, &sp);
                        let known = self.sc.actor_ix(a.as_str()).is_some();
                        if known && !humans.contains(&seat) {
                            let name = a.as_str();
                            self.error(
                                "plan-orders-for-a-computer-seat",
                                &sp,
                                format!("\"{name}\" is not a human seat in this case, so it takes no orders"),
                                Some(format!("add \"{name}\" to the case's humans")),
                            );
                        }
                        let (orders, accept) = self.orders(o, &p.field("turns").index(t));
                        (seat, orders, accept)
                    })
                    .collect()
            })
            .collect();
        let expects = c
            .expect
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let ep = p.field("expect").index(i);
                if e.after_turn == Some(0) {
                    self.error(
                        "plan-turn-zero",
                        &ep.field("after_turn"),
                        "turns count from 1, so nothing is checked after turn 0".into(),
                        Some("write after_turn: 1 for the end of the first turn".into()),
                    );
                }
                if let Some(Bound::Between(lo, hi)) = bound_of(&e.that)
                    && lo > hi
                {
                    self.error(
                        "plan-empty-range",
                        &ep.field("that"),
                        format!("Between({lo}, {hi}) holds for no number: its ends are the wrong way round"),
                        Some(format!("write Between({hi}, {lo})")),
                    );
                }
                Expect {
                    at: self.place(&ep),
                    after_turn: e.after_turn,
                    check: self.check(&e.that, &ep.field("that")),
                }
            })
            .collect();
        Case {
            name: c.name.clone(),
            at: self.place(p),
            seed: c.seed,
            humans,
            strategies,
            turns,
            until: c.until,
            expects,
        }
    }

    fn orders(&mut self, o: &OrdersDef, p: &DataPath) -> (Orders, Vec<ActorIx>) {
        let postures = o
            .postures
            .iter()
            .map(|(a, posture)| (self.actor(a, p), *posture))
            .collect();
        let actions = o.actions.iter().map(|a| self.action(a, p)).collect();
        let accept = o.accept.iter().map(|a| self.actor(a, p)).collect();
        let orders = Orders {
            postures,
            actions,
            ..Orders::default()
        };
        (orders, accept)
    }

    fn action(&mut self, a: &ActionDef, p: &DataPath) -> Action {
        let actor = |r: &mut Self, id: &ActorId| r.actor(id, p);
        match a {
            ActionDef::Message { to, tone } => Action::Message {
                to: actor(self, to),
                tone: *tone,
                evidence: None,
            },
            ActionDef::Demarche { to } => Action::Demarche {
                to: actor(self, to),
                incident: None,
            },
            ActionDef::HotlineCall { to } => Action::HotlineCall {
                to: actor(self, to),
                incident: None,
            },
            ActionDef::Meeting { with } => Action::Meeting {
                with: actor(self, with),
            },
            ActionDef::ProposeMeasure { to, measure } => Action::ProposeMeasure {
                to: actor(self, to),
                measure: *measure,
            },
            ActionDef::ProposeAgreement { to, norm } => Action::ProposeAgreement {
                to: actor(self, to),
                norm: self.norm(norm, p),
            },
            ActionDef::PublicPledge { norm } => Action::PublicPledge {
                norm: self.norm(norm, p),
            },
            ActionDef::RemoveImplants { target } => Action::RemoveImplants {
                target: actor(self, target),
            },
            ActionDef::Coalition {
                partner,
                against,
                ask,
            } => Action::Coalition {
                partner: actor(self, partner),
                against: actor(self, against),
                ask: *ask,
            },
            ActionDef::Sanctions { target } => Action::Sanctions {
                target: actor(self, target),
            },
            ActionDef::Indictment { target } => Action::Indictment {
                target: actor(self, target),
            },
            ActionDef::CounterOperation { target } => Action::CounterOperation {
                target: actor(self, target),
                asset: None,
            },
            ActionDef::CapacityBuilding => Action::CapacityBuilding,
            ActionDef::EngageNonState {
                actor: who,
                ask,
                about,
            } => Action::EngageNonState {
                actor: actor(self, who),
                ask: *ask,
                about: about.as_ref().map(|a| actor(self, a)),
            },
            ActionDef::Forum { norm, against } => Action::Forum {
                norm: self.norm(norm, p),
                against: against.as_ref().map(|a| actor(self, a)),
            },
            ActionDef::Wait => Action::Wait,
        }
    }

    fn check(&mut self, c: &CheckDef, p: &DataPath) -> Check {
        let sc = self.sc;
        let rung = |r: &mut Self, id: &RungId| {
            let known = sc.ladder.iter().map(|x| x.id.as_str());
            RungIx::from_ix(r.find("rung", id.as_str(), known, p).unwrap_or(0))
        };
        match c {
            CheckDef::Rung(o, id) => Check::Rung(*o, rung(self, id)),
            CheckDef::PeakRung(o, id) => Check::PeakRung(*o, rung(self, id)),
            CheckDef::Escalation(b) => Check::Escalation(*b),
            CheckDef::Fear { by, of, is } => Check::Fear(self.actor(by, p), self.actor(of, p), *is),
            CheckDef::Belief {
                by,
                about,
                intent,
                is,
            } => {
                let known = sc.intents.iter().map(|x| x.id.as_str());
                let k = self.find("intent", intent.as_str(), known, p).unwrap_or(0);
                Check::Belief(
                    self.actor(by, p),
                    self.actor(about, p),
                    IntentIx::from_ix(k),
                    *is,
                )
            }
            CheckDef::Tension { between, is } => {
                let (a, b) = self.pair(between, p);
                Check::Tension(a, b, *is)
            }
            CheckDef::Trust { between, is } => {
                let (a, b) = self.pair(between, p);
                Check::Trust(a, b, *is)
            }
            CheckDef::Pressure { of, is } => Check::Pressure(self.actor(of, p), *is),
            CheckDef::Variable { id, is } => {
                let known = sc.variables.iter().map(|x| x.id.as_str());
                let v = self.find("variable", id.as_str(), known, p).unwrap_or(0);
                Check::Variable(VariableIx::from_ix(v), *is)
            }
            CheckDef::InjectSent(id, sent) => {
                let known = sc.injects.iter().map(|x| x.id.as_str());
                let i = self.find("inject", id.as_str(), known, p).unwrap_or(0);
                Check::InjectSent(InjectIx::from_ix(i), *sent)
            }
            CheckDef::RuleFired(id, fired) => {
                let known = sc.rules.iter().map(|x| x.id.as_str());
                let i = self.find("rule", id.as_str(), known, p).unwrap_or(0);
                Check::RuleFired(RuleIx::from_ix(i), *fired)
            }
            CheckDef::Happened(name, b) => {
                let i = self.find("kind of event", name, EVENTS.iter().copied(), p);
                Check::Happened(EVENTS[i.unwrap_or(0)], *b)
            }
            CheckDef::Running => Check::Running,
            CheckDef::Ended {
                outcome,
                settlement,
                turn,
            } => {
                let s = settlement.as_ref().map(|id| {
                    let known = sc.settlements.iter().map(|x| x.id.as_str());
                    self.find("settlement", id.as_str(), known, p).unwrap_or(0)
                });
                if s.is_some() && *outcome != Ending::Settlement {
                    self.error(
                        "plan-settlement-without-settlement",
                        p,
                        "only a settlement ending names a settlement".into(),
                        Some("write outcome: Settlement, or leave the settlement out".into()),
                    );
                }
                Check::Ended(*outcome, s, *turn)
            }
        }
    }
}
