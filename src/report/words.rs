//! Words and names for reports: how actors, rungs, intents, postures, operations, channels and
//! incidents are called in plain English. Shared by the narrator and the debrief so the same
//! thing is always said the same way. Pure, no terminal code.

use crate::engine::event::Outcome;
use crate::engine::orders::{Measure, Posture};
use crate::ids::*;
use crate::scenario::Scenario;
use crate::scenario::file::{Channel, InjectKind, Layer, OpKind};

/// How incidents are labelled for people: numbered from 1 in the order they were detected.
pub fn incident_label(id: IncidentId) -> String {
    format!("incident #{}", id.0 + 1)
}

pub fn actor_name(sc: &Scenario, a: ActorIx) -> &str {
    sc.actors
        .get(a.ix())
        .map_or("an unknown actor", |x| x.name.as_str())
}

pub fn rung_name(sc: &Scenario, r: RungIx) -> &str {
    sc.ladder
        .get(r.ix())
        .map_or("an unknown rung", |x| x.name.as_str())
}

pub fn intent_name(sc: &Scenario, i: IntentIx) -> &str {
    sc.intents
        .get(i.ix())
        .map_or("an unknown intent", |x| x.name.as_str())
}

pub fn outcome_name(o: Outcome) -> &'static str {
    match o {
        Outcome::Failure => "failure",
        Outcome::Settlement => "settlement",
        Outcome::TurnLimit => "turn limit",
    }
}

pub fn op_name(k: OpKind) -> &'static str {
    match k {
        OpKind::Reconnaissance => "reconnaissance",
        OpKind::Espionage => "espionage",
        OpKind::PrePositioning => "pre-positioning",
        OpKind::Disruption => "disruption",
        OpKind::Degeneration => "destruction",
        OpKind::Disinformation => "disinformation",
    }
}

pub fn layer_name(l: Layer) -> &'static str {
    match l {
        Layer::Physical => "physical",
        Layer::Logic => "logic",
        Layer::Data => "data",
        Layer::Social => "social",
    }
}

/// "restrain", "routine", "intensify".
pub fn posture_name(p: Posture) -> &'static str {
    match p {
        Posture::Restrain => "restrain",
        Posture::Routine => "routine",
        Posture::Intensify => "intensify",
    }
}

/// "restrained its services toward".
pub fn posture_order(p: Posture) -> &'static str {
    match p {
        Posture::Restrain => "restrained its services toward",
        Posture::Routine => "put its services on routine toward",
        Posture::Intensify => "intensified its services toward",
    }
}

/// "restrained toward".
pub fn posture_past(p: Posture) -> &'static str {
    match p {
        Posture::Restrain => "restrained toward",
        Posture::Routine => "went on routine toward",
        Posture::Intensify => "intensified toward",
    }
}

/// "saw its services intensify".
pub fn posture_verb(p: Posture) -> &'static str {
    match p {
        Posture::Restrain => "restrain",
        Posture::Routine => "keep to routine",
        Posture::Intensify => "intensify",
    }
}

/// "in truth they were restrained".
pub fn posture_state(p: Posture) -> &'static str {
    match p {
        Posture::Restrain => "restrained",
        Posture::Routine => "on routine",
        Posture::Intensify => "intensified",
    }
}

pub fn measure_phrase(m: Measure) -> &'static str {
    match m {
        Measure::OpenHotline => "open a hotline",
        Measure::CertToCert => "open a CERT-to-CERT channel",
        Measure::NotifyExercises => "notify each other of military exercises",
        Measure::ShareIndicators => "share indicators of compromise",
    }
}

pub fn article_channel(c: Channel) -> String {
    match c {
        Channel::Embassy => "an embassy channel",
        Channel::Hotline => "a hotline",
        Channel::CertToCert => "a CERT-to-CERT channel",
        Channel::BackChannel => "a back channel",
    }
    .to_owned()
}

pub fn inject_kind(k: InjectKind) -> &'static str {
    match k {
        InjectKind::News => "News",
        InjectKind::Cable => "Cable",
        InjectKind::Intelligence => "Intelligence",
    }
}

/// "a Security-seeker", "an Opportunist".
pub fn article(name: &str) -> String {
    let vowel = name
        .chars()
        .next()
        .is_some_and(|c| "AEIOUaeiou".contains(c));
    format!("{} {name}", if vowel { "an" } else { "a" })
}

pub fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A share as a whole percentage out of 100, e.g. 0.8 -> "80".
pub fn pct(x: f64) -> String {
    format!("{:.0}", 100.0 * x)
}

/// Two decimals, the precision used for probabilities and scores.
pub fn f2(x: f64) -> String {
    format!("{x:.2}")
}

/// A threshold as written by an author: "12", "12.5".
pub fn trim_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}
