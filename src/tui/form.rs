//! The short form that turns a chosen action kind into a complete `Action`: target, norm named,
//! evidence attached, tone of the message. Each field is a list of choices cycled with ←/→; the
//! form builds the action from the current choices. Pure state, no drawing.

use crate::engine::orders::{Action, CoalitionAsk, Measure, NonStateAsk, Tone};
use crate::engine::view::SeatView;
use crate::ids::*;
use crate::report::words::incident_label;
use crate::scenario::file::{ActionKind, ActorKind, Channel};
use crate::tui::model::pc;

/// A value a field can take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value {
    Actor(ActorIx),
    NoActor,
    Incident(IncidentId),
    NoIncident,
    Norm(NormIx),
    /// An asset to disrupt, and its owner.
    Asset(AssetIx, ActorIx),
    Tone(Tone),
    Measure(Measure),
    Coalition(CoalitionAsk),
    NonState(NonStateAsk),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub label: &'static str,
    pub choices: Vec<(String, Value)>,
    pub at: usize,
    /// What the field shows when there is nothing to choose: why, and what to do first.
    pub none: &'static str,
}

impl Field {
    fn new(label: &'static str, choices: Vec<(String, Value)>) -> Field {
        Field {
            label,
            choices,
            at: 0,
            none: "none available",
        }
    }

    fn none_because(self, why: &'static str) -> Field {
        Field { none: why, ..self }
    }
    pub fn value(&self) -> Option<Value> {
        self.choices.get(self.at).map(|c| c.1)
    }
    pub fn shown(&self) -> &str {
        self.choices.get(self.at).map_or(self.none, |c| &c.0)
    }
    pub fn step(&mut self, forward: bool) {
        let n = self.choices.len();
        if n > 0 {
            self.at = if forward {
                (self.at + 1) % n
            } else {
                (self.at + n - 1) % n
            };
        }
    }
}

/// How a form's field changes: a click on its label only chooses it, one on its ◀ or ▶ (or a
/// key) steps to the choice before or after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Stay,
    Back,
    On,
}

/// The form for one action.
#[derive(Clone, Debug, PartialEq)]
pub struct Form {
    pub kind: ActionKind,
    pub fields: Vec<Field>,
    pub sel: usize,
    pub error: Option<String>,
    /// Each known incident's lead suspect: an accusation starts from the one the investigators
    /// name, and follows the incident chosen.
    leads: Vec<(IncidentId, ActorIx)>,
}

impl Form {
    pub fn new(view: SeatView<'_>, kind: ActionKind) -> Form {
        let sc = view.scenario();
        let seat = view.seat();
        let actors = |keep: &dyn Fn(ActorIx) -> bool| -> Vec<(String, Value)> {
            view.others()
                .filter(|a| keep(*a))
                .map(|a| (sc.actor(a).name.clone(), Value::Actor(a)))
                .collect()
        };
        let states = |a: ActorIx| sc.actor(a).kind == ActorKind::State;
        let any = |_: ActorIx| true;
        let outside = |a: ActorIx| !sc.same_side(a, seat);
        let incidents = |optional: bool| -> Vec<(String, Value)> {
            let mut v: Vec<(String, Value)> = Vec::new();
            if optional {
                v.push(("no evidence".into(), Value::NoIncident));
            }
            v.extend(view.incidents().map(|i| {
                let asset = sc.assets.get(i.asset.ix()).map_or("", |x| x.name.as_str());
                (
                    format!(
                        "{} ({asset}; lead {} {})",
                        incident_label(i.id),
                        sc.actor(i.lead.actor).name,
                        pc(i.lead.confidence)
                    ),
                    Value::Incident(i.id),
                )
            }));
            v
        };
        let norms: Vec<(String, Value)> = sc
            .norms
            .iter()
            .enumerate()
            .map(|(i, n)| (n.name.clone(), Value::Norm(NormIx::from_ix(i))))
            .collect();
        let hotline = |a: ActorIx| view.relation(a).channels.has(Channel::Hotline);
        let f = Field::new;
        let fields = match kind {
            ActionKind::Message => vec![
                f("To", actors(&states)),
                f(
                    "Tone",
                    vec![
                        (
                            "reassure: we mean you no harm".into(),
                            Value::Tone(Tone::Reassure),
                        ),
                        (
                            "warn: stop, or there will be consequences".into(),
                            Value::Tone(Tone::Warn),
                        ),
                    ],
                ),
                f("Evidence", incidents(true)),
            ],
            ActionKind::Demarche => vec![f("To", actors(&states)), f("Evidence", incidents(true))],
            ActionKind::HotlineCall => vec![
                f("To", actors(&hotline))
                    .none_because("no hotline is open; propose one first with Propose a CBM"),
                f("About", incidents(true)),
            ],
            ActionKind::Meeting => vec![f("With", actors(&states))],
            ActionKind::ProposeMeasure => vec![
                f("To", actors(&states)),
                f(
                    "Measure",
                    [
                        ("open a hotline", Measure::OpenHotline),
                        ("CERT-to-CERT channel", Measure::CertToCert),
                        ("notify exercises", Measure::NotifyExercises),
                        ("share indicators of compromise", Measure::ShareIndicators),
                    ]
                    .into_iter()
                    .map(|(s, m)| (s.to_owned(), Value::Measure(m)))
                    .collect(),
                ),
            ],
            ActionKind::ProposeAgreement => vec![f("To", actors(&states)), f("Norm", norms)],
            ActionKind::PublicPledge => vec![f("Norm", norms)],
            ActionKind::RemoveImplants | ActionKind::Sanctions | ActionKind::Indictment => {
                vec![f("Target", actors(&any))]
            }
            ActionKind::CounterOperation => vec![f("Disrupt", disruptable(view))],
            ActionKind::PublicAttribution => vec![
                f("Incident", incidents(false)),
                f("Accused", actors(&any)),
                f("Norm broken", norms),
            ],
            ActionKind::Coalition => vec![
                f("Partner", actors(&outside)),
                // The second choice, so the form never starts with a partner against itself.
                Field {
                    at: 1.min(actors(&outside).len().saturating_sub(1)),
                    ..f("Against", actors(&outside))
                },
                f(
                    "Ask",
                    [
                        ("joint attribution", CoalitionAsk::JointAttribution),
                        ("assistance", CoalitionAsk::Assistance),
                        ("joint costs", CoalitionAsk::JointCosts),
                    ]
                    .into_iter()
                    .map(|(s, m)| (s.to_owned(), Value::Coalition(m)))
                    .collect(),
                ),
            ],
            ActionKind::EngageNonState => {
                let mut about = vec![("nobody in particular".to_owned(), Value::NoActor)];
                about.extend(actors(&any));
                vec![
                    f(
                        "Ask",
                        [
                            ("attribution support", NonStateAsk::Attribution),
                            ("takedown of a group", NonStateAsk::Takedown),
                            ("host state to act", NonStateAsk::ActAgainst),
                        ]
                        .into_iter()
                        .map(|(s, m)| (s.to_owned(), Value::NonState(m)))
                        .collect(),
                    ),
                    f("Whom", actors(&any)),
                    f("About", about),
                ]
            }
            ActionKind::Forum => {
                let mut against = vec![("naming nobody".to_owned(), Value::NoActor)];
                against.extend(actors(&any));
                vec![f("Norm", norms), f("Naming", against)]
            }
            ActionKind::CapacityBuilding | ActionKind::Wait => vec![],
        };
        let mut form = Form {
            kind,
            fields,
            sel: 0,
            error: None,
            leads: view.incidents().map(|i| (i.id, i.lead.actor)).collect(),
        };
        form.accuse_the_lead();
        form
    }

    /// In a public attribution, points "Accused" at the chosen incident's lead suspect.
    fn accuse_the_lead(&mut self) {
        if self.kind != ActionKind::PublicAttribution {
            return;
        }
        let Some(Value::Incident(id)) = self.get("Incident") else {
            return;
        };
        let Some(&(_, lead)) = self.leads.iter().find(|(i, _)| *i == id) else {
            return;
        };
        if let Some(f) = self.fields.iter_mut().find(|f| f.label == "Accused")
            && let Some(at) = f.choices.iter().position(|c| c.1 == Value::Actor(lead))
        {
            f.at = at;
        }
    }

    fn get(&self, label: &str) -> Option<Value> {
        self.fields
            .iter()
            .find(|f| f.label == label)
            .and_then(Field::value)
    }

    fn actor(&self, label: &str) -> Option<ActorIx> {
        match self.get(label)? {
            Value::Actor(a) => Some(a),
            _ => None,
        }
    }

    fn opt_actor(&self, label: &str) -> Option<Option<ActorIx>> {
        match self.get(label)? {
            Value::Actor(a) => Some(Some(a)),
            Value::NoActor => Some(None),
            _ => None,
        }
    }

    fn opt_incident(&self, label: &str) -> Option<Option<IncidentId>> {
        match self.get(label)? {
            Value::Incident(i) => Some(Some(i)),
            Value::NoIncident => Some(None),
            _ => None,
        }
    }

    fn norm(&self, label: &str) -> Option<NormIx> {
        match self.get(label)? {
            Value::Norm(n) => Some(n),
            _ => None,
        }
    }

    /// Changes the chosen field as `step` says; a change clears the last refusal.
    pub fn step(&mut self, step: Step) {
        let forward = match step {
            Step::Stay => return,
            Step::Back => false,
            Step::On => true,
        };
        if let Some(f) = self.fields.get_mut(self.sel) {
            f.step(forward);
            if f.label == "Incident" {
                self.accuse_the_lead();
            }
        }
        self.error = None;
    }

    /// Why the form makes no action: the first field with nothing to choose, and what to do.
    pub fn why_not(&self) -> String {
        match self.fields.iter().find(|f| f.choices.is_empty()) {
            Some(f) => format!("“{}” has nothing to choose from ({})", f.label, f.none),
            None => "This action is not possible now".to_owned(),
        }
    }

    /// The action the form describes, or `None` while a field has nothing to choose from.
    pub fn action(&self) -> Option<Action> {
        Some(match self.kind {
            ActionKind::Message => Action::Message {
                to: self.actor("To")?,
                tone: match self.get("Tone")? {
                    Value::Tone(t) => t,
                    _ => return None,
                },
                evidence: self.opt_incident("Evidence")?,
            },
            ActionKind::Demarche => Action::Demarche {
                to: self.actor("To")?,
                incident: self.opt_incident("Evidence")?,
            },
            ActionKind::HotlineCall => Action::HotlineCall {
                to: self.actor("To")?,
                incident: self.opt_incident("About")?,
            },
            ActionKind::Meeting => Action::Meeting {
                with: self.actor("With")?,
            },
            ActionKind::ProposeMeasure => Action::ProposeMeasure {
                to: self.actor("To")?,
                measure: match self.get("Measure")? {
                    Value::Measure(m) => m,
                    _ => return None,
                },
            },
            ActionKind::ProposeAgreement => Action::ProposeAgreement {
                to: self.actor("To")?,
                norm: self.norm("Norm")?,
            },
            ActionKind::PublicPledge => Action::PublicPledge {
                norm: self.norm("Norm")?,
            },
            ActionKind::RemoveImplants => Action::RemoveImplants {
                target: self.actor("Target")?,
            },
            ActionKind::Sanctions => Action::Sanctions {
                target: self.actor("Target")?,
            },
            ActionKind::Indictment => Action::Indictment {
                target: self.actor("Target")?,
            },
            ActionKind::CounterOperation => match self.get("Disrupt")? {
                Value::Asset(a, owner) => Action::CounterOperation {
                    target: owner,
                    asset: Some(a),
                },
                _ => return None,
            },
            ActionKind::PublicAttribution => Action::PublicAttribution {
                incident: self.opt_incident("Incident")??,
                accused: self.actor("Accused")?,
                norm: self.norm("Norm broken")?,
            },
            ActionKind::Coalition => Action::Coalition {
                partner: self.actor("Partner")?,
                against: self.actor("Against")?,
                ask: match self.get("Ask")? {
                    Value::Coalition(c) => c,
                    _ => return None,
                },
            },
            ActionKind::EngageNonState => Action::EngageNonState {
                actor: self.actor("Whom")?,
                ask: match self.get("Ask")? {
                    Value::NonState(c) => c,
                    _ => return None,
                },
                about: self.opt_actor("About")?,
            },
            ActionKind::Forum => Action::Forum {
                norm: self.norm("Norm")?,
                against: self.opt_actor("Naming")?,
            },
            ActionKind::CapacityBuilding => Action::CapacityBuilding,
            ActionKind::Wait => Action::Wait,
        })
    }
}
/// The assets a counter-operation may aim at: every other actor's, most critical first, each
/// with a warning when disrupting it would break a norm the seat agreed to, pledged or proposed.
fn disruptable(view: SeatView<'_>) -> Vec<(String, Value)> {
    let sc = view.scenario();
    let mut assets: Vec<_> = sc
        .assets
        .iter()
        .enumerate()
        .filter(|(_, a)| a.owner != view.seat())
        .collect();
    assets.sort_by(|x, y| {
        x.1.owner
            .cmp(&y.1.owner)
            .then(y.1.criticality.total_cmp(&x.1.criticality))
    });
    assets
        .into_iter()
        .map(|(i, a)| {
            let broken: Vec<&str> = view
                .norms_bound_toward(a.owner)
                .into_iter()
                .filter(|n| {
                    sc.norms[n.ix()].violated_by(crate::scenario::file::OpKind::Disruption, a)
                })
                .map(|n| sc.norms[n.ix()].name.as_str())
                .collect();
            let warning = if broken.is_empty() {
                String::new()
            } else {
                format!(" ⚠ breaks your commitment: {}", broken.join(", "))
            };
            (
                format!(
                    "{}: {} ({} layer){warning}",
                    sc.actor(a.owner).name,
                    a.name,
                    crate::report::words::layer_name(a.layer)
                ),
                Value::Asset(AssetIx::from_ix(i), a.owner),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ai::Strategy;

    /// A public attribution accuses whom the investigators name for the incident chosen, and
    /// follows the incident as the player changes it.
    #[test]
    fn an_accusation_starts_from_the_incidents_lead_suspect() {
        let sc = crate::autosave::load_scenario(std::path::Path::new("scenarios/grid-probe.ron"))
            .unwrap();
        let atl = sc.actor_ix("atlantis").unwrap();
        let mut checked = 0;
        for seed in 1..20 {
            let mut g = crate::engine::Game::new(sc.clone(), seed);
            let strategies = vec![Strategy::Doctrine; sc.actors.len()];
            for _ in 0..6 {
                if !g.play_turn(&strategies) {
                    break;
                }
            }
            let view = g.view(atl);
            let mut form = Form::new(view, ActionKind::PublicAttribution);
            let incidents = form.fields[0].choices.len();
            for _ in 0..incidents {
                let Some(Value::Incident(id)) = form.get("Incident") else {
                    panic!("no incident chosen");
                };
                let lead = view.incidents().find(|i| i.id == id).unwrap().lead.actor;
                assert_eq!(form.get("Accused"), Some(Value::Actor(lead)), "seed {seed}");
                checked += 1;
                form.sel = 0;
                form.step(Step::On);
            }
        }
        assert!(checked > 20, "only {checked} incidents looked at");
    }
}
