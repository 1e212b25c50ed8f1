//! Plain English for the event log: one line per `Event`, as a given seat would read it, or as the
//! omniscient debrief tells it (with the hidden truth added: true authors, misread postures, wrong
//! intelligence, intent shifts). Names come from the scenario; numbers are rounded for reading.
//!
//! Pure and free of terminal code: the debrief and the terminal front end both use it. A seat's
//! narrator is built from its `SeatView`, so it cannot reveal what that seat could not know.

use super::words::*;
use crate::engine::event::{Event, EventKind, Proposed};
use crate::engine::intervention::Overridden;
use crate::engine::orders::{Action, CoalitionAsk, NonStateAsk, Note, Posture, Reason, Tone};
use crate::engine::score::intent_during;
use crate::engine::state::GameState;
use crate::engine::view::SeatView;
use crate::ids::*;
use crate::scenario::Scenario;
use crate::scenario::file::{ActorKind, OpKind};

/// Turns events into sentences for one reader.
#[derive(Clone, Copy)]
pub struct Narrator<'a> {
    sc: &'a Scenario,
    source: Source<'a>,
}

#[derive(Clone, Copy)]
enum Source<'a> {
    /// What one seat knows.
    Seat(SeatView<'a>),
    /// The whole truth, for the debrief.
    Truth(&'a GameState),
}

/// An incident as far as the reader knows it.
struct Known<'a> {
    victim: ActorIx,
    asset: AssetIx,
    indicators: &'a [IndicatorIx],
    /// True author and operation kind, for the omniscient reader only.
    truth: Option<(ActorIx, OpKind)>,
}

impl<'a> Narrator<'a> {
    /// The narrator of one seat: only what that seat may know.
    pub fn for_seat(view: SeatView<'a>) -> Self {
        Narrator {
            sc: view.scenario(),
            source: Source::Seat(view),
        }
    }

    /// The omniscient narrator of the debrief: adds the hidden truth to what the seats saw.
    pub fn omniscient(sc: &'a Scenario, state: &'a GameState) -> Self {
        Narrator {
            sc,
            source: Source::Truth(state),
        }
    }

    pub fn scenario(&self) -> &'a Scenario {
        self.sc
    }

    fn truth(&self) -> Option<&'a GameState> {
        match self.source {
            Source::Truth(s) => Some(s),
            Source::Seat(_) => None,
        }
    }

    /// Events this reader may know, oldest first.
    fn events(&self) -> Box<dyn Iterator<Item = &'a Event> + 'a> {
        match self.source {
            Source::Seat(v) => Box::new(v.events()),
            Source::Truth(s) => Box::new(s.log.iter()),
        }
    }

    fn incident(&self, id: IncidentId) -> Option<Known<'a>> {
        match self.source {
            Source::Seat(v) => v.incident(id).map(|i| Known {
                victim: i.victim,
                asset: i.asset,
                indicators: i.indicators,
                truth: None,
            }),
            Source::Truth(s) => s.incident(id).map(|i| Known {
                victim: i.victim,
                asset: i.asset,
                indicators: &i.indicators,
                truth: Some((i.true_author, i.true_kind)),
            }),
        }
    }

    // ----- names -----

    pub fn actor(&self, a: ActorIx) -> &'a str {
        actor_name(self.sc, a)
    }

    fn norm(&self, n: NormIx) -> String {
        self.sc.norms.get(n.ix()).map_or_else(
            || format!("norm {}", n.0),
            |x| format!("\u{201c}{}\u{201d}", x.name),
        )
    }

    fn rung(&self, r: RungIx) -> &'a str {
        rung_name(self.sc, r)
    }

    fn intent(&self, i: IntentIx) -> &'a str {
        intent_name(self.sc, i)
    }

    /// "Harrow Ridge substation (Atlantis, physical layer)".
    pub fn asset(&self, a: AssetIx) -> String {
        match self.sc.assets.get(a.ix()) {
            Some(x) => format!(
                "{} ({}, {} layer)",
                x.name,
                self.actor(x.owner),
                layer_name(x.layer)
            ),
            None => format!("asset {}", a.0),
        }
    }

    fn about(&self, about: Option<ActorIx>) -> String {
        about.map_or_else(|| "everyone".to_owned(), |a| self.actor(a).to_owned())
    }

    // ----- sentences -----

    /// One line of plain English for `e`.
    pub fn describe(&self, e: &Event) -> String {
        use EventKind as K;
        match &e.kind {
            K::Inject(i) => match self.sc.injects.get(i.ix()) {
                Some(inj) => format!("{}: {}. {}", inject_kind(inj.kind), inj.title, inj.text),
                None => format!("Inject {}.", i.0),
            },
            K::PostureSet {
                by,
                toward,
                posture,
                misfired,
            } => {
                if *misfired {
                    format!(
                        "{}'s services {} {} against orders: the order misfired.",
                        self.actor(*by),
                        posture_past(*posture),
                        self.actor(*toward)
                    )
                } else {
                    format!(
                        "{} {} {}.",
                        self.actor(*by),
                        posture_order(*posture),
                        self.actor(*toward)
                    )
                }
            }
            K::PostureObserved {
                observer,
                subject,
                posture,
            } => {
                let mut s = format!(
                    "{} saw {}'s services {} toward it.",
                    self.actor(*observer),
                    self.actor(*subject),
                    posture_verb(*posture)
                );
                if let Some(state) = self.truth() {
                    let actual = posture_during(state, *subject, *observer, e.turn);
                    if actual != *posture {
                        s.push_str(&format!(
                            " It misread them: in truth they were {}.",
                            posture_state(actual)
                        ));
                    }
                }
                s
            }
            K::IntelReport {
                observer,
                subject,
                hostile,
            } => {
                let mut s = format!(
                    "{}'s intensified collection on {} reports {}.",
                    self.actor(*observer),
                    self.actor(*subject),
                    if *hostile {
                        "hostile intent"
                    } else {
                        "no hostile intent"
                    }
                );
                if let Some(state) = self.truth() {
                    let truly = intent_during(state, *subject, e.turn);
                    let truly_hostile = self
                        .sc
                        .intents
                        .get(truly.ix())
                        .is_some_and(|i| i.hostility > 0.5);
                    s.push_str(&format!(
                        " {}: {} is {}.",
                        if truly_hostile == *hostile {
                            "Right"
                        } else {
                            "Wrong"
                        },
                        self.actor(*subject),
                        article(self.intent(truly))
                    ));
                }
                s
            }
            K::OperationStarted {
                by, target, kind, ..
            } => {
                format!(
                    "{}'s services began {} in {}.",
                    self.actor(*by),
                    op_name(*kind),
                    self.asset(*target)
                )
            }
            K::OperationMisfired {
                by, toward, kind, ..
            } => format!(
                "Misfire: a unit of {}'s services exceeded its orders and began {} against {}, \
                 though the posture ordered toward {} is restrain.",
                self.actor(*by),
                op_name(*kind),
                self.actor(*toward),
                self.actor(*toward),
            ),
            K::OperationCompleted {
                by,
                target,
                kind,
                detected,
                ..
            } => format!(
                "{}'s {} in {} ended, {}.",
                self.actor(*by),
                op_name(*kind),
                self.asset(*target),
                if *detected {
                    "after being detected"
                } else {
                    "undetected"
                }
            ),
            K::Damage {
                asset,
                kind,
                severity,
            } => {
                format!(
                    "{} was hit by {}: damage {:.2}.",
                    capitalise(&self.asset(*asset)),
                    op_name(*kind),
                    severity
                )
            }
            K::IncidentDetected {
                incident,
                victim,
                asset,
                ..
            } => self.detected(e, *incident, *victim, *asset),
            K::ForensicsComplete { incident } => self.forensics(*incident),
            K::AttributionUpdated {
                incident,
                lead,
                confidence,
            } => {
                let victim = self.incident(*incident).map_or(*lead, |i| i.victim);
                let mut s = format!(
                    "{}'s investigators name {} behind {}, confidence {:.2}.",
                    self.actor(victim),
                    self.actor(*lead),
                    incident_label(*incident),
                    confidence
                );
                if let Some((author, _)) = self.incident(*incident).and_then(|i| i.truth)
                    && author != *lead
                {
                    s.push_str(&format!(" Wrongly: it was {}.", self.actor(author)));
                }
                s
            }
            K::ActionTaken { by, action } => format!("{}.", self.action(*by, action)),
            K::Decision { by, note } => self.reason(*by, note),
            K::ProposalMade { by, to, what, .. } => {
                format!(
                    "{} proposed to {}: {}.",
                    self.actor(*by),
                    self.actor(*to),
                    self.proposed(*what)
                )
            }
            K::ProposalAnswered {
                proposal,
                by,
                accepted,
            } => {
                let verb = if *accepted { "accepted" } else { "refused" };
                match self.proposal(*proposal) {
                    Some((from, what)) => {
                        format!(
                            "{} {} {}'s proposal: {}.",
                            self.actor(*by),
                            verb,
                            self.actor(from),
                            self.proposed(what)
                        )
                    }
                    None => format!("{} {} a proposal.", self.actor(*by), verb),
                }
            }
            K::ChannelOpened { a, b, channel } => format!(
                "{} is now open between {} and {}.",
                capitalise(&article_channel(*channel)),
                self.actor(*a),
                self.actor(*b)
            ),
            K::AgreementSigned { a, b, norm } => {
                format!(
                    "{} and {} agreed: {}.",
                    self.actor(*a),
                    self.actor(*b),
                    self.norm(*norm)
                )
            }
            K::NormViolated {
                by,
                victim,
                norm,
                incident,
            } => {
                let target = self
                    .incident(*incident)
                    .map_or_else(String::new, |i| format!(" in {}", self.asset(i.asset)));
                format!(
                    "{} broke its commitment {}: {} against {}{}.",
                    self.actor(*by),
                    self.norm(*norm),
                    incident_label(*incident),
                    self.actor(*victim),
                    target
                )
            }
            K::WrongAttribution {
                by,
                accused,
                incident,
            } => {
                let mut s = format!(
                    "{} publicly blamed {} for {}, wrongly; its reputation suffers and the accused resents it.",
                    self.actor(*by),
                    self.actor(*accused),
                    incident_label(*incident)
                );
                if let Some((author, _)) = self.incident(*incident).and_then(|i| i.truth) {
                    s.push_str(&format!(" The author was {}.", self.actor(author)));
                }
                s
            }
            K::IntentShifted { actor, from, to } => format!(
                "{}'s intent shifted from {} to {}.",
                self.actor(*actor),
                self.intent(*from),
                self.intent(*to)
            ),
            K::RuleFired { rule } => match self.sc.rules.get(rule.ix()) {
                Some(r) if !r.description.is_empty() => {
                    format!("Scenario rule \u{201c}{}\u{201d}: {}", r.id, r.description)
                }
                Some(r) => format!("Scenario rule \u{201c}{}\u{201d} fired.", r.id),
                None => format!("Scenario rule {} fired.", rule.0),
            },
            K::LadderMoved { from, to } => {
                let verb = if to > from { "climbed" } else { "eased" };
                format!(
                    "The crisis {verb} from {} to {}.",
                    self.rung(*from),
                    self.rung(*to)
                )
            }
            K::GameEnded { outcome, text } => {
                format!("The game is over ({}): {}", outcome_name(*outcome), text)
            }
            K::News { text } => format!("News: {text}"),
            K::Overridden { what, to, reason } => match what {
                Overridden::Tension { a, b, from } => format!(
                    "Exercise control set the tension between {} and {} from {from:.1} to {to:.1}: {reason}",
                    self.actor(*a),
                    self.actor(*b)
                ),
                Overridden::Pressure { actor, from } => format!(
                    "Exercise control set the domestic pressure on {} from {}% to {}%: {reason}",
                    self.actor(*actor),
                    pct(*from),
                    pct(*to)
                ),
            },
        }
    }

    fn detected(&self, e: &Event, id: IncidentId, victim: ActorIx, asset: AssetIx) -> String {
        let mut s = format!(
            "{} detected {}, an intrusion in {}",
            self.actor(victim),
            incident_label(id),
            self.asset(asset)
        );
        let Some(known) = self.incident(id) else {
            s.push('.');
            return s;
        };
        let shown: Vec<&str> = known
            .indicators
            .iter()
            .filter_map(|j| self.sc.indicators.get(j.ix()))
            .filter(|ind| !ind.forensic)
            .map(|ind| ind.name.as_str())
            .collect();
        if shown.is_empty() {
            s.push_str("; no clear indicators");
        } else {
            s.push_str(&format!("; indicators: {}", shown.join("; ")));
        }
        if let Some((lead, c)) = self.first_suspect(id, e.turn) {
            s.push_str(&format!(
                "; first suspect: {} (confidence {c:.2})",
                self.actor(lead)
            ));
        }
        s.push('.');
        if let Some((author, kind)) = known.truth {
            s.push_str(&format!(
                " In truth: {}'s {}.",
                self.actor(author),
                op_name(kind)
            ));
        }
        s
    }

    /// Whom the victim first suspected for an incident detected in `turn`, and how confidently.
    pub fn first_suspect(&self, id: IncidentId, turn: u32) -> Option<(ActorIx, f64)> {
        self.events().find_map(|x| match x.kind {
            EventKind::IncidentDetected {
                incident,
                lead,
                confidence,
                ..
            } if incident == id && x.turn == turn => Some((lead, confidence)),
            _ => None,
        })
    }

    fn forensics(&self, id: IncidentId) -> String {
        let found: Vec<&str> = self
            .incident(id)
            .map(|k| {
                k.indicators
                    .iter()
                    .filter_map(|j| self.sc.indicators.get(j.ix()))
                    .filter(|ind| ind.forensic)
                    .map(|ind| ind.name.as_str())
                    .collect()
            })
            .unwrap_or_default();
        if found.is_empty() {
            format!(
                "Forensics on {} are complete: nothing diagnostic was found.",
                incident_label(id)
            )
        } else {
            format!(
                "Forensics on {} are complete: {}.",
                incident_label(id),
                found.join("; ")
            )
        }
    }

    fn proposal(&self, id: ProposalId) -> Option<(ActorIx, Proposed)> {
        self.events().find_map(|e| match e.kind {
            EventKind::ProposalMade {
                proposal, by, what, ..
            } if proposal == id => Some((by, what)),
            _ => None,
        })
    }

    fn proposed(&self, what: Proposed) -> String {
        match what {
            Proposed::Measure(m) => measure_phrase(m).to_owned(),
            Proposed::Agreement(n) => format!("an agreement, {}", self.norm(n)),
            Proposed::ActAgainst(g) => format!("act against {}", self.actor(g)),
        }
    }

    fn forum(&self) -> String {
        self.sc
            .actors
            .iter()
            .find(|a| a.kind == ActorKind::Forum)
            .map_or_else(
                || "a multilateral forum".to_owned(),
                |a| format!("the {}", a.name),
            )
    }

    /// A diplomatic action as a clause without the final full stop: "Atlantis called Borealis on
    /// the hotline about incident #2".
    pub fn action(&self, by: ActorIx, action: &Action) -> String {
        let me = self.actor(by);
        // An incident the reader has no report of is not named by a number it cannot look up.
        let on = |i: Option<IncidentId>, word: &str| match i {
            Some(i) if self.incident(i).is_some() => format!(" {word} {}", incident_label(i)),
            Some(_) => format!(" {word} an incident you have no report of"),
            None => String::new(),
        };
        match *action {
            Action::Message { to, tone, evidence } => match tone {
                Tone::Reassure => {
                    format!(
                        "{me} sent {} a private message of reassurance{}",
                        self.actor(to),
                        on(evidence, "citing")
                    )
                }
                Tone::Warn => format!(
                    "{me} sent {} a private warning{}",
                    self.actor(to),
                    on(evidence, "citing")
                ),
            },
            Action::Demarche { to, incident } => {
                format!(
                    "{me} delivered a d\u{e9}marche to {}{}",
                    self.actor(to),
                    on(incident, "over")
                )
            }
            Action::HotlineCall { to, incident } => {
                format!(
                    "{me} called {} on the hotline{}",
                    self.actor(to),
                    on(incident, "about")
                )
            }
            Action::Meeting { with } => format!("{me} met {} face to face", self.actor(with)),
            Action::ProposeMeasure { to, measure } => {
                format!(
                    "{me} proposed to {}: {}",
                    self.actor(to),
                    measure_phrase(measure)
                )
            }
            Action::ProposeAgreement { to, norm } => {
                format!(
                    "{me} proposed to {} an agreement, {}",
                    self.actor(to),
                    self.norm(norm)
                )
            }
            Action::PublicPledge { norm } => {
                format!("{me} pledged in public to respect {}", self.norm(norm))
            }
            Action::RemoveImplants { target } => {
                format!(
                    "{me} disclosed and removed its implants in {}'s networks",
                    self.actor(target)
                )
            }
            Action::PublicAttribution {
                incident,
                accused,
                norm,
            } => format!(
                "{me} publicly attributed {} to {}, naming the norm {}",
                incident_label(incident),
                self.actor(accused),
                self.norm(norm)
            ),
            Action::Coalition {
                partner,
                against,
                ask,
            } => {
                let what = match ask {
                    CoalitionAsk::JointAttribution => "join in attributing incidents to",
                    CoalitionAsk::Assistance => "help defend against",
                    CoalitionAsk::JointCosts => "impose joint costs on",
                };
                format!(
                    "{me} asked {} to {what} {}",
                    self.actor(partner),
                    self.actor(against)
                )
            }
            Action::Sanctions { target } => {
                format!("{me} imposed sanctions on {}", self.actor(target))
            }
            Action::Indictment { target } => {
                format!("{me} indicted operators working for {}", self.actor(target))
            }
            Action::CounterOperation { target, asset } => match asset {
                // The asset's own description already names its owner.
                Some(a) => format!("{me} ordered its services to disrupt {}", self.asset(a)),
                None => format!(
                    "{me} authorised its services to strike back at {}",
                    self.actor(target)
                ),
            },
            Action::CapacityBuilding => {
                format!("{me} invested in its own detection and resilience")
            }
            Action::EngageNonState { actor, ask, about } => {
                let who = self.actor(actor);
                match (ask, about) {
                    (NonStateAsk::Attribution, _) => {
                        format!("{me} asked {who} for help attributing its incidents")
                    }
                    (NonStateAsk::Takedown, Some(g)) => {
                        format!(
                            "{me} asked {who} to take down {}'s infrastructure",
                            self.actor(g)
                        )
                    }
                    (NonStateAsk::Takedown, None) => format!("{me} asked {who} for a takedown"),
                    (NonStateAsk::ActAgainst, Some(g)) => {
                        format!("{me} asked {who} to act against {}", self.actor(g))
                    }
                    (NonStateAsk::ActAgainst, None) => {
                        format!("{me} asked {who} to act against a group it shelters")
                    }
                }
            }
            Action::Forum { norm, against } => {
                let naming =
                    against.map_or_else(String::new, |a| format!(", naming {}", self.actor(a)));
                format!(
                    "{me} raised {} in {}{naming}",
                    self.norm(norm),
                    self.forum()
                )
            }
            Action::Wait => format!("{me} waited"),
        }
    }
}

impl Narrator<'_> {
    /// A turn's events as a player's report tells them, one line each, except that the updates of
    /// attribution come as one line per victim, every incident with its lead and confidence: an
    /// investigation that goes on for weeks would otherwise fill the report.
    pub fn report_lines<'e>(&self, events: impl IntoIterator<Item = &'e Event>) -> Vec<String> {
        let mut out = Vec::new();
        // Victim, then each incident's latest update (lead, confidence, wrongly), in order: an
        // incident updated twice in the turn is told once, as it now stands.
        let mut updates: Vec<(ActorIx, Vec<(IncidentId, String)>)> = Vec::new();
        for e in events {
            if !worth_telling(e) {
                continue;
            }
            let EventKind::AttributionUpdated {
                incident,
                lead,
                confidence,
            } = e.kind
            else {
                out.push(self.describe(e));
                continue;
            };
            let known = self.incident(incident);
            let victim = known.as_ref().map_or(lead, |i| i.victim);
            let wrong = known
                .and_then(|i| i.truth)
                .filter(|(author, _)| *author != lead)
                .map_or(String::new(), |(author, _)| {
                    format!(", wrongly: it was {}", self.actor(author))
                });
            let item = format!(
                "{} → {} ({confidence:.2}{wrong})",
                incident_label(incident),
                self.actor(lead)
            );
            match updates.iter_mut().find(|(v, _)| *v == victim) {
                Some((_, items)) => match items.iter_mut().find(|(i, _)| *i == incident) {
                    Some(told) => told.1 = item,
                    None => items.push((incident, item)),
                },
                None => updates.push((victim, vec![(incident, item)])),
            }
        }
        for (victim, items) in updates {
            let items: Vec<String> = items.into_iter().map(|(_, item)| item).collect();
            out.push(format!(
                "{}'s investigators now name, with their confidence: {}.",
                self.actor(victim),
                items.join("; ")
            ));
        }
        out
    }
}

/// Whether a player's report should tell this event. Computer reasons and rule firings are for
/// the debrief; a proposal is already told by the action that made it.
pub fn worth_telling(e: &Event) -> bool {
    !matches!(
        e.kind,
        EventKind::Decision { .. } | EventKind::RuleFired { .. } | EventKind::ProposalMade { .. }
    )
}

/// The posture `subject`'s services held toward `observer` during `turn`: the last one set.
pub fn posture_during(
    state: &GameState,
    subject: ActorIx,
    observer: ActorIx,
    turn: u32,
) -> Posture {
    state
        .log
        .iter()
        .take_while(|e| e.turn <= turn)
        .filter_map(|e| match e.kind {
            EventKind::PostureSet {
                by,
                toward,
                posture,
                ..
            } if by == subject && toward == observer => Some(posture),
            _ => None,
        })
        .last()
        .unwrap_or_default()
}

mod reasons;
#[cfg(test)]
mod tests;
