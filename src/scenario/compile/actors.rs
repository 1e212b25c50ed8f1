//! Intents and actors: draw weights, priors, capabilities.

use super::Compiler;
use crate::ids::*;
use crate::scenario::file::*;
use crate::scenario::issue::DataPath;
use crate::scenario::model::*;
use std::collections::BTreeMap;

impl Compiler {
    pub(super) fn intent_def(&mut self, d: &IntentDef, p: DataPath) -> Intent {
        let hostility = self.unit(d.hostility, p.field("hostility"), "hostility");
        let operations = self.op_table(&d.operations, &p.field("operations"), "a probability");
        self.sums_to_one(
            operations.iter().sum(),
            p.field("operations"),
            "the operation probabilities",
        );
        let shift = d.shift.as_ref().map(|s| {
            let to = self.intent(&s.to, p.field("shift").field("to"));
            let at = self.unit(
                s.fear_above,
                p.field("shift").field("fear_above"),
                "fear_above",
            );
            (to, at)
        });
        Intent {
            id: d.id.clone(),
            name: d.name.clone(),
            description: d.description.clone(),
            hostility,
            doctrine: d.doctrine,
            operations,
            shift,
        }
    }

    /// Intent weights by id as a normalised vector; `what` names them in messages.
    fn intent_weights(
        &mut self,
        m: &BTreeMap<IntentId, f64>,
        p: DataPath,
        n_intents: usize,
        actor: &ActorId,
        what: &str,
    ) -> Vec<f64> {
        let mut out = vec![0.0; n_intents];
        // The sum is of the weights as written: an unknown intent resolves to index 0 and must not
        // overwrite the weight of the first intent, or a second, spurious error follows.
        let mut written = 0.0;
        for (id, w) in m {
            let known = self.intents.ix.contains_key(id.as_str());
            let i = self.intent(id, p.key(id.as_str()));
            let w = self.unit(*w, p.key(id.as_str()), what);
            written += w;
            if known && i.ix() < out.len() {
                out[i.ix()] = w;
            }
        }
        if m.is_empty() {
            self.err(
                "no-weights",
                p,
                format!("actor \"{actor}\" has no {what}s"),
                "write e.g. {\"security-seeker\": 0.7, \"revisionist\": 0.3}",
            );
        } else {
            self.sums_to_one(written, p, &format!("the {what}s"));
        }
        let sum: f64 = out.iter().sum();
        if sum > 0.0 {
            out.iter_mut().for_each(|x| *x /= sum);
        } else if n_intents > 0 {
            out.iter_mut().for_each(|x| *x = 1.0 / n_intents as f64);
        }
        out
    }

    pub(super) fn actor_def(&mut self, d: &ActorDef, p: DataPath, n_intents: usize) -> Actor {
        let weights = self.intent_weights(
            &d.intents,
            p.field("intents"),
            n_intents,
            &d.id,
            "intent weight",
        );
        let prior = match &d.prior {
            Some(m) => self.intent_weights(m, p.field("prior"), n_intents, &d.id, "prior weight"),
            None => weights.clone(),
        };
        let prior_by = d
            .prior_by
            .iter()
            .map(|(observer, m)| {
                let op = p.field("prior_by").key(observer.as_str());
                if observer == &d.id {
                    self.err(
                        "prior-of-itself",
                        op.clone(),
                        format!("\"{}\" is given a prior about itself", d.id),
                        "an actor knows its own intent; name another actor, or leave it out",
                    );
                }
                let o = self.actor(observer, op.clone());
                (
                    o,
                    self.intent_weights(m, op, n_intents, &d.id, "prior weight"),
                )
            })
            .collect();
        let c = d.capabilities;
        let cp = p.field("capabilities");
        let capabilities = Capabilities {
            offence: self.unit(c.offence, cp.field("offence"), "offence"),
            detection: self.unit(c.detection, cp.field("detection"), "detection"),
            attribution: self.unit(c.attribution, cp.field("attribution"), "attribution"),
            resilience: self.unit(c.resilience, cp.field("resilience"), "resilience"),
        };
        let sponsor = d.sponsor.as_ref().map(|s| {
            if s == &d.id {
                self.err(
                    "sponsors-itself",
                    p.field("sponsor"),
                    format!("\"{}\" sponsors itself", d.id),
                    "name the state that tolerates or directs this group, or leave sponsor out",
                );
            }
            self.actor(s, p.field("sponsor"))
        });
        Actor {
            id: d.id.clone(),
            name: d.name.clone(),
            kind: d.kind,
            description: d.description.clone(),
            weights,
            prior,
            prior_by,
            capabilities,
            pressure: self.unit(d.pressure, p.field("pressure"), "pressure"),
            reputation: self.unit(d.reputation, p.field("reputation"), "reputation"),
            capital: d.capital,
            sponsor,
            mandate: d
                .mandate
                .as_ref()
                .map(|m| self.intent(m, p.field("mandate"))),
        }
    }
}
