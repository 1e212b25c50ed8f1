//! What the screens show, derived from a seat's view: the intelligence feed, the counterparts'
//! rows, what each action signals and risks, the hypotheses a seat can assess, and the glossary.
//! Pure functions of the game (through `SeatView` and the narrator), shared by the drawing code,
//! the update function (to open an item's detail) and the plain-text driver.

use crate::engine::event::{Event, EventKind};
use crate::engine::orders::Posture;
use crate::engine::view::SeatView;
use crate::ids::*;
use crate::report::Narrator;
use crate::report::words::{incident_label, layer_name, pct};
use crate::scenario::Scenario;
use crate::scenario::file::{ActionKind, ActorKind, Channel};

/// A share as a percentage with its sign: 0.8 -> "80%".
pub fn pc(x: f64) -> String {
    format!("{}%", pct(x))
}

/// What kind of item the feed shows; always printed as a word, colour only doubles it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tag {
    Incident,
    Cable,
    News,
    Intel,
    Own,
}

impl Tag {
    pub fn word(self) -> &'static str {
        match self {
            Tag::Incident => "INCIDENT",
            Tag::Cable => "CABLE",
            Tag::News => "NEWS",
            Tag::Intel => "INTEL",
            Tag::Own => "OURS",
        }
    }
}

/// One line of the intelligence feed, with the detail it opens to.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedItem {
    pub turn: u32,
    pub tag: Tag,
    pub summary: String,
    pub detail: Vec<String>,
}

/// An item's one-line form for the feed's list, where every character counts: the tag in front
/// already says what kind it is, and the seat need not read its own name.
pub fn feed_row(summary: &str, me: &str) -> String {
    let s = ["Cable: ", "Intelligence: ", "News: "]
        .iter()
        .find_map(|p| summary.strip_prefix(p))
        .unwrap_or(summary);
    // Only where the seat is the sentence's subject: a verb follows, in lower case, and not
    // "and" ("Atlantis and Borealis agreed") or another actor's longer name ("Borealis National
    // CERT").
    let verb_after = |rest: &str| {
        rest.chars().next().is_some_and(char::is_lowercase) && !rest.starts_with("and ")
    };
    match (
        s.strip_prefix(&format!("{me}'s ")),
        s.strip_prefix(&format!("{me} ")),
    ) {
        (Some(rest), _) => format!("Our {rest}"),
        (_, Some(rest)) if verb_after(rest) => crate::report::words::capitalise(rest),
        _ => s.to_owned(),
    }
}

/// The seat's intelligence feed, newest first.
pub fn feed(view: SeatView<'_>) -> Vec<FeedItem> {
    let narrator = Narrator::for_seat(view);
    let seat = view.seat();
    let mut items: Vec<FeedItem> = view
        .events()
        .filter_map(|e| item(view, &narrator, seat, e))
        .collect();
    items.reverse();
    items
}

fn item(view: SeatView<'_>, n: &Narrator<'_>, seat: ActorIx, e: &Event) -> Option<FeedItem> {
    use EventKind as K;
    let sc = view.scenario();
    let tag = match &e.kind {
        K::IncidentDetected { .. }
        | K::AttributionUpdated { .. }
        | K::ForensicsComplete { .. }
        | K::Damage { .. } => Tag::Incident,
        _ if !crate::report::narrate::worth_telling(e) => return None,
        K::ActionTaken { by, .. } | K::ProposalAnswered { by, .. } => {
            if *by == seat {
                Tag::Own
            } else {
                Tag::Cable
            }
        }
        K::PostureObserved { .. } | K::IntelReport { .. } => Tag::Intel,
        K::OperationStarted { .. } | K::OperationMisfired { .. } | K::OperationCompleted { .. } => {
            Tag::Own
        }
        K::PostureSet { .. } => return None,
        // An inject is shown as what the scenario says it is: a cable, an intelligence report
        // or news.
        K::Inject(i) => match sc.injects.get(i.ix()).map(|inj| inj.kind) {
            Some(crate::scenario::file::InjectKind::Cable) => Tag::Cable,
            Some(crate::scenario::file::InjectKind::Intelligence) => Tag::Intel,
            _ => Tag::News,
        },
        _ => Tag::News,
    };
    let summary = n.describe(e);
    let mut detail = vec![summary.clone()];
    match &e.kind {
        K::Inject(i) => {
            if let Some(inj) = sc.injects.get(i.ix()) {
                detail = vec![inj.title.clone(), String::new(), inj.text.clone()];
            }
        }
        K::IncidentDetected { incident, .. }
        | K::AttributionUpdated { incident, .. }
        | K::ForensicsComplete { incident } => {
            if let Some(i) = view.incident(*incident) {
                detail.push(String::new());
                detail.extend(incident_detail(sc, n, &i));
            }
        }
        _ => {}
    }
    Some(FeedItem {
        turn: e.turn,
        tag,
        summary,
        detail,
    })
}

/// The incident as its victim knows it now: asset, layer, indicators, suspect.
pub fn incident_detail(
    sc: &Scenario,
    n: &Narrator<'_>,
    i: &crate::engine::view::IncidentView<'_>,
) -> Vec<String> {
    let mut out = Vec::new();
    let label = incident_label(i.id);
    let mut head = label.clone();
    if let Some(first) = head.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    out.push(format!("{head}, detected in turn {}", i.detected));
    if let Some(a) = sc.assets.get(i.asset.ix()) {
        out.push(format!(
            "Asset: {} ({} layer), owned by {}",
            a.name,
            layer_name(a.layer),
            n.actor(a.owner)
        ));
    }
    out.push(format!(
        "Lead suspect: {} ({} confidence{})",
        n.actor(i.lead.actor),
        pc(i.lead.confidence),
        if i.publicly_attributed {
            ", attributed publicly"
        } else {
            ""
        }
    ));
    out.push(format!(
        "Forensics: {}",
        if i.forensics_done {
            "complete"
        } else {
            "under way"
        }
    ));
    out.push("Indicators:".to_owned());
    if i.indicators.is_empty() {
        out.push(
            if i.forensics_done {
                "  none: the intruder left no trace the investigators could read, which says \
                 nothing about its purpose"
            } else {
                "  none yet: forensics may still find some"
            }
            .to_owned(),
        );
    }
    for ix in i.indicators {
        if let Some(ind) = sc.indicators.get(ix.ix()) {
            let diag = if ind.forensic { " [forensic]" } else { "" };
            out.push(format!("  • {}{diag}: {}", ind.name, ind.description));
        }
    }
    out
}

/// One counterpart as the seat sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Counterpart {
    pub actor: ActorIx,
    pub name: String,
    pub kind: &'static str,
    pub posture: Posture,
    /// The seat's last recorded assessment: the likeliest intent and its probability.
    pub assessed: Option<(String, f64)>,
    pub trust: f64,
    pub tension: f64,
    pub channels: Vec<&'static str>,
    pub agreements: Vec<String>,
    /// Its last signal the seat saw (public or private), narrated.
    pub last_signal: Option<String>,
}

pub fn kind_name(k: ActorKind) -> &'static str {
    match k {
        ActorKind::State => "state",
        ActorKind::CriminalGroup => "criminal group",
        ActorKind::Company => "company",
        ActorKind::Cert => "CERT",
        ActorKind::Hacktivist => "hacktivists",
        ActorKind::Forum => "forum",
    }
}

pub fn channel_name(c: Channel) -> &'static str {
    match c {
        Channel::Embassy => "embassy",
        Channel::Hotline => "hotline",
        Channel::CertToCert => "CERT-to-CERT",
        Channel::BackChannel => "back channel",
    }
}

pub fn posture_symbol(p: Posture) -> &'static str {
    match p {
        Posture::Restrain => "▼ restrain",
        Posture::Routine => "● routine",
        Posture::Intensify => "▲ intensify",
    }
}

pub fn counterparts(view: SeatView<'_>) -> Vec<Counterpart> {
    let sc = view.scenario();
    let n = Narrator::for_seat(view);
    let me = view.me();
    view.others()
        .map(|a| {
            let r = view.relation(a);
            let assessed = me
                .assessments
                .iter()
                .rev()
                .find(|(_, x)| x.of == a)
                .and_then(|(_, x)| {
                    x.probs
                        .iter()
                        .enumerate()
                        .max_by(|l, r| l.1.total_cmp(r.1))
                        .map(|(i, p)| (sc.intents[i].name.clone(), *p))
                });
            let last_signal = view.events_since(0).find_map(|e| match &e.kind {
                EventKind::ActionTaken { by, .. } | EventKind::ProposalMade { by, .. }
                    if *by == a =>
                {
                    Some(format!("turn {}: {}", e.turn, n.describe(e)))
                }
                _ => None,
            });
            Counterpart {
                actor: a,
                name: sc.actor(a).name.clone(),
                kind: kind_name(sc.actor(a).kind),
                posture: view.posture(a),
                assessed,
                trust: r.trust,
                tension: r.tension,
                channels: r.channels.iter().map(channel_name).collect(),
                agreements: r
                    .agreements
                    .iter()
                    .filter_map(|x| sc.norms.get(x.ix()).map(|m| m.name.clone()))
                    .collect(),
                last_signal,
            }
        })
        .collect()
}

/// What an action of escalation `weight` does to the crisis, as a sentence to add to its
/// description (empty when neither).
pub fn escalation_note(weight: f64) -> &'static str {
    if weight > 0.0 {
        " Escalates (↑)."
    } else if weight < 0.0 {
        " De-escalates (↓)."
    } else {
        ""
    }
}

/// How an action is seen and what it signals and risks, in one line each.
pub fn action_info(kind: ActionKind) -> (&'static str, &'static str, &'static str) {
    use ActionKind as A;
    match kind {
        A::Message => (
            "Private message",
            "private",
            "Reassure or warn, optionally citing an incident. Cheap talk: easy to discount.",
        ),
        A::Demarche => (
            "Démarche",
            "private",
            "A formal protest. Shows you noticed; mildly escalatory.",
        ),
        A::HotlineCall => (
            "Hotline call",
            "private",
            "Clarify an incident before it escalates. Needs an open hotline.",
        ),
        A::Meeting => (
            "Envoy meeting",
            "private",
            "For some turns both sides read each other with less noise.",
        ),
        A::ProposeMeasure => (
            "Propose a CBM",
            "private",
            "Hotline, CERT contact, exercise notice or shared indicators, if accepted.",
        ),
        A::ProposeAgreement => (
            "Propose a norm",
            "private",
            "An agreement on a norm; a detected violation then costs reputation.",
        ),
        A::PublicPledge => (
            "Public pledge",
            "public",
            "Tie your hands to a norm in public: costly only if you break it.",
        ),
        A::RemoveImplants => (
            "Remove implants",
            "private",
            "Disclose and remove your own implants: a costly, verifiable signal.",
        ),
        A::PublicAttribution => (
            "Public attribution",
            "public",
            "Name the culprit and the norm broken. Wrong attribution costs reputation.",
        ),
        A::Coalition => (
            "Coalition",
            "group",
            "Ask a third party to join an attribution, assist, or share costs.",
        ),
        A::Sanctions => (
            "Sanctions",
            "public",
            "Impose costs: deters if credible and timely, escalates otherwise.",
        ),
        A::Indictment => (
            "Indictment",
            "public",
            "Name individuals in court: a measured cost, still escalatory.",
        ),
        A::CounterOperation => (
            "Counter-operation",
            "hidden",
            "Authorise a hack-back. Strongly escalatory if detected.",
        ),
        A::CapacityBuilding => (
            "Capacity building",
            "own",
            "Raise your detection and resilience over the next turns.",
        ),
        A::EngageNonState => (
            "Engage non-state",
            "private",
            "Ask a company for attribution or takedown, or a host state to act.",
        ),
        A::Forum => (
            "Raise in forum",
            "public",
            "Build a norm in a multilateral forum, optionally naming a violator.",
        ),
        A::Wait => (
            "Wait",
            "none",
            "Do nothing this turn and keep your capital.",
        ),
    }
}

/// The intent types worth asking about for `about`: those some observer's prior allows, and
/// those they can shift into.
pub fn hypotheses(sc: &Scenario, about: ActorIx) -> Vec<IntentIx> {
    let actor = sc.actor(about);
    let mut out: Vec<IntentIx> = (0..sc.intents.len())
        .map(IntentIx::from_ix)
        .filter(|i| actor.conceivably(*i))
        .collect();
    let shifts: Vec<IntentIx> = out
        .iter()
        .filter_map(|i| sc.intents[i.ix()].shift.map(|(to, _)| to))
        .collect();
    for s in shifts {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    if out.is_empty() {
        out = (0..sc.intents.len()).map(IntentIx::from_ix).collect();
    }
    out
}

/// Counterparts a seat is asked to assess: every other actor that can hold a hostile intent.
pub fn assessable(view: SeatView<'_>) -> Vec<ActorIx> {
    let sc = view.scenario();
    view.others()
        .filter(|a| {
            hypotheses(sc, *a)
                .iter()
                .any(|i| sc.intents[i.ix()].hostility > 0.0)
        })
        .collect()
}

/// One glossary entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub name: &'static str,
    pub text: String,
}

/// The shipped glossary.
pub const GLOSSARY: &str = include_str!("../../assets/glossary.md");

/// Parses the glossary: each entry is a `## Name` heading followed by its paragraph.
pub fn glossary(text: &'static str) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("## ") {
            out.push(Term {
                name: name.trim(),
                text: String::new(),
            });
        } else if let Some(t) = out.last_mut() {
            let l = line.trim();
            if !l.is_empty() {
                if !t.text.is_empty() {
                    t.text.push(' ');
                }
                t.text.push_str(l);
            }
        }
    }
    out
}

/// What a posture lets the seat's services do on their own, in a few words.
pub fn permitted(p: Posture) -> &'static str {
    match p {
        Posture::Restrain => "start nothing new",
        Posture::Routine => "collect (reconnaissance, espionage)",
        Posture::Intensify => "collect more and pre-position",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_glossary_parses_and_defines_the_key_terms() {
        let g = glossary(GLOSSARY);
        assert!(g.len() >= 20);
        assert!(g.iter().all(|t| !t.text.is_empty()), "an entry is empty");
        for must in [
            "Cybersecurity dilemma",
            "CBM",
            "Norm",
            "Attribution",
            "Physical layer",
            "Logic layer",
            "Data layer",
            "Social layer",
        ] {
            assert!(g.iter().any(|t| t.name == must), "missing {must}");
        }
    }
}

#[cfg(test)]
mod feed_row_tests {
    use super::feed_row;

    #[test]
    fn a_feed_row_drops_what_its_tag_and_its_reader_already_say() {
        assert_eq!(
            feed_row(
                "Intelligence: Implant at Harrow Ridge. The grid…",
                "Atlantis"
            ),
            "Implant at Harrow Ridge. The grid…"
        );
        assert_eq!(
            feed_row("Atlantis detected incident #3, an intrusion", "Atlantis"),
            "Detected incident #3, an intrusion"
        );
        assert_eq!(
            feed_row("Atlantis's investigators now name Borealis", "Atlantis"),
            "Our investigators now name Borealis"
        );
        assert_eq!(
            feed_row("Borealis sent Atlantis a message", "Atlantis"),
            "Borealis sent Atlantis a message"
        );
        assert_eq!(feed_row("Atlantisia rose", "Atlantis"), "Atlantisia rose");
        assert_eq!(
            feed_row("Kestria and Morvane agreed: no attacks", "Kestria"),
            "Kestria and Morvane agreed: no attacks"
        );
        assert_eq!(
            feed_row("Borealis National CERT shared indicators", "Borealis"),
            "Borealis National CERT shared indicators"
        );
    }
}
