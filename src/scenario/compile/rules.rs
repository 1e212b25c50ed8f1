//! Conditions, happenings and effects: the parts of rules, settlements and injects that name
//! actors, rungs and the rest, resolved to indices.

use super::Compiler;
use crate::ids::*;
use crate::scenario::file::*;
use crate::scenario::issue::DataPath;
use crate::scenario::model::{Cond, Eff, Happen};

impl Compiler {
    fn cmp(&mut self, c: Cmp, p: DataPath) -> Cmp {
        match c {
            Cmp::Above(x) => Cmp::Above(self.finite(x, p, "the comparison")),
            Cmp::Below(x) => Cmp::Below(self.finite(x, p, "the comparison")),
        }
    }

    pub(super) fn cond(&mut self, c: &Condition, p: DataPath) -> Cond {
        match c {
            Condition::Always => Cond::Always,
            Condition::All(v) => Cond::All(
                v.iter()
                    .enumerate()
                    .map(|(i, c)| self.cond(c, p.index(i)))
                    .collect(),
            ),
            Condition::Any(v) => Cond::Any(
                v.iter()
                    .enumerate()
                    .map(|(i, c)| self.cond(c, p.index(i)))
                    .collect(),
            ),
            Condition::Not(c) => Cond::Not(Box::new(self.cond(c, p))),
            Condition::TurnAtLeast(t) => Cond::TurnAtLeast(*t),
            Condition::Turn(t) => Cond::Turn(*t),
            Condition::RungAtLeast(r) => Cond::RungAtLeast(self.rung(r, p)),
            Condition::Tension { a, b, is } => {
                let (a, b) = self.pair(a, b, &p, "a", "b");
                Cond::Tension(a, b, self.cmp(*is, p.field("is")))
            }
            Condition::Trust { a, b, is } => {
                let (a, b) = self.pair(a, b, &p, "a", "b");
                Cond::Trust(a, b, self.cmp(*is, p.field("is")))
            }
            Condition::Fear { actor, of, is } => {
                let (a, b) = self.pair(actor, of, &p, "actor", "of");
                Cond::Fear(a, b, self.cmp(*is, p.field("is")))
            }
            Condition::Pressure { actor, is } => Cond::Pressure(
                self.actor(actor, p.field("actor")),
                self.cmp(*is, p.field("is")),
            ),
            Condition::Reputation { actor, is } => Cond::Reputation(
                self.actor(actor, p.field("actor")),
                self.cmp(*is, p.field("is")),
            ),
            Condition::Variable { id, is } => {
                Cond::Variable(self.var(id, p.field("id")), self.cmp(*is, p.field("is")))
            }
            Condition::Intent { actor, is } => Cond::Intent(
                self.actor(actor, p.field("actor")),
                self.intent(is, p.field("is")),
            ),
            Condition::Agreement { a, b, norm } => {
                let (a, b) = self.pair(a, b, &p, "a", "b");
                Cond::Agreement(a, b, self.norm(norm, p.field("norm")))
            }
            Condition::ChannelOpen { a, b, channel } => {
                let (a, b) = self.pair(a, b, &p, "a", "b");
                Cond::ChannelOpen(a, b, *channel)
            }
            Condition::Posture { actor, toward, is } => {
                let (a, b) = self.pair(actor, toward, &p, "actor", "toward");
                Cond::Posture(a, b, *is)
            }
            Condition::MeasureInForce { a, b, measure } => {
                let (a, b) = self.pair(a, b, &p, "a", "b");
                Cond::MeasureInForce(a, b, *measure)
            }
            Condition::Intruded { by, victim, op } => Cond::Intruded {
                by: self.opt_actor(by, p.field("by")),
                victim: self.opt_actor(victim, p.field("victim")),
                op: *op,
            },
            Condition::Chance(x) => {
                let x = self.unit(*x, p, "a chance");
                self.chances += 1;
                Cond::Chance(x, self.chances - 1)
            }
            Condition::Happened(h) => Cond::Happened(self.happening(h, p)),
        }
    }

    fn opt_actor(&mut self, a: &Option<ActorId>, p: DataPath) -> Option<ActorIx> {
        a.as_ref().map(|a| self.actor(a, p))
    }

    fn happening(&mut self, h: &Happening, p: DataPath) -> Happen {
        match h {
            Happening::IncidentDetected { victim, op, by } => Happen::IncidentDetected {
                victim: self.opt_actor(victim, p.field("victim")),
                op: *op,
                by: self.opt_actor(by, p.field("by")),
            },
            Happening::OperationCompleted { by, op } => Happen::OperationCompleted {
                by: self.opt_actor(by, p.field("by")),
                op: *op,
            },
            Happening::ActionTaken { by, kind, target } => Happen::ActionTaken {
                by: self.opt_actor(by, p.field("by")),
                kind: *kind,
                target: self.opt_actor(target, p.field("target")),
            },
            Happening::ProposalAccepted { by, from, measure } => Happen::ProposalAccepted {
                by: self.opt_actor(by, p.field("by")),
                from: self.opt_actor(from, p.field("from")),
                measure: *measure,
            },
            Happening::AgreementSigned { norm } => Happen::AgreementSigned {
                norm: norm.as_ref().map(|n| self.norm(n, p.field("norm"))),
            },
            Happening::NormViolated { norm } => Happen::NormViolated {
                norm: norm.as_ref().map(|n| self.norm(n, p.field("norm"))),
            },
        }
    }

    pub(super) fn effect(&mut self, e: &Effect, p: DataPath) -> Eff {
        match e {
            Effect::MoveLadder(n) => Eff::MoveLadder(*n),
            Effect::SetRung(r) => Eff::SetRung(self.rung(r, p)),
            Effect::AddTension { a, b, by } => {
                let (a, b) = self.pair(a, b, &p, "a", "b");
                Eff::AddTension(a, b, self.finite(*by, p.field("by"), "by"))
            }
            Effect::AddTrust { a, b, by } => {
                let (a, b) = self.pair(a, b, &p, "a", "b");
                Eff::AddTrust(a, b, self.finite(*by, p.field("by"), "by"))
            }
            Effect::AddPressure { actor, by } => Eff::AddPressure(
                self.actor(actor, p.field("actor")),
                self.finite(*by, p.field("by"), "by"),
            ),
            Effect::AddReputation { actor, by } => Eff::AddReputation(
                self.actor(actor, p.field("actor")),
                self.finite(*by, p.field("by"), "by"),
            ),
            Effect::SetVariable { id, to } => Eff::SetVariable(
                self.var(id, p.field("id")),
                self.finite(*to, p.field("to"), "to"),
            ),
            Effect::AddVariable { id, by } => Eff::AddVariable(
                self.var(id, p.field("id")),
                self.finite(*by, p.field("by"), "by"),
            ),
            Effect::ShiftIntent { actor, to } => Eff::ShiftIntent(
                self.actor(actor, p.field("actor")),
                self.intent(to, p.field("to")),
            ),
            Effect::StartOperation { by, target, op } => {
                let by_ix = self.actor(by, p.field("by"));
                Eff::StartOperation(by_ix, self.asset(target, p.field("target")), *op)
            }
            Effect::OpenChannel { a, b, channel } => {
                let (a, b) = self.pair(a, b, &p, "a", "b");
                Eff::OpenChannel(a, b, *channel)
            }
            Effect::RevealIntrusion { by, target, op } => Eff::RevealIntrusion(
                self.actor(by, p.field("by")),
                self.asset(target, p.field("target")),
                *op,
            ),
            Effect::Inject(i) => Eff::Inject(self.inject(i, p)),
            Effect::EndGame { outcome, text } => Eff::EndGame(*outcome, text.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::scenario::file::*;
    use crate::scenario::model::Cond;

    fn minimal() -> ScenarioFile {
        let text = include_str!("../../../tests/fixtures/valid/minimal.ron");
        crate::scenario::ron_options().from_str(text).unwrap()
    }

    fn codes(f: &ScenarioFile) -> Vec<&'static str> {
        match crate::scenario::compile(f, 0) {
            Ok(_) => vec![],
            Err(issues) => issues.into_iter().map(|i| i.code).collect(),
        }
    }

    #[test]
    fn each_chance_gets_its_own_dice_and_a_probability() {
        let mut f = minimal();
        f.settlements[0].when =
            Condition::All(vec![Condition::Chance(0.5), Condition::Chance(0.5)]);
        f.rules[0].when = Condition::Chance(0.25);
        let sc = crate::scenario::compile(&f, 0).unwrap();
        assert!(matches!(sc.rules[0].when, Cond::Chance(p, 0) if p == 0.25));
        let Cond::All(v) = &sc.settlements[0].when else {
            panic!()
        };
        assert!(matches!(v[..], [Cond::Chance(_, 1), Cond::Chance(_, 2)]));
        f.rules[0].when = Condition::Chance(30.0);
        assert_eq!(codes(&f), ["out-of-range"]);
    }

    #[test]
    fn an_actor_is_not_given_a_prior_about_itself() {
        let mut f = minimal();
        let (me, other) = (f.actors[0].id.clone(), f.actors[1].id.clone());
        let weights = f.actors[0].intents.clone();
        f.actors[0].prior_by.insert(other, weights.clone());
        assert_eq!(codes(&f), Vec::<&str>::new());
        f.actors[0].prior_by.insert(me, weights);
        assert_eq!(codes(&f), ["prior-of-itself"]);
    }
}
