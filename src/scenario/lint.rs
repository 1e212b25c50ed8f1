//! Warnings: things that are legal but almost certainly not what the author meant, such as an
//! actor nothing refers to or a rule that can never fire. They never stop a scenario from loading,
//! so they are kept few and specific.

use super::file::*;
use super::issue::{DataPath, Issue};
use crate::ids::{ActorId, IntentId};
use std::collections::BTreeSet;

/// Every warning about `f`, each at the path of the value it concerns.
pub fn lint(f: &ScenarioFile) -> Vec<Issue> {
    let mut out = Vec::new();
    let root = DataPath::root();
    unused_actors(f, &root, &mut out);
    non_state_players(f, &root, &mut out);
    dead_rules(f, &root, &mut out);
    pre_empted_settlements(f, &root, &mut out);
    unsent_injects(f, &root, &mut out);
    out
}

fn unused_actors(f: &ScenarioFile, root: &DataPath, out: &mut Vec<Issue>) {
    let mut used: BTreeSet<&str> = BTreeSet::new();
    used.extend(f.playable.iter().map(|a| a.as_str()));
    used.extend(f.assets.iter().map(|a| a.owner.as_str()));
    for r in &f.relations {
        used.insert(r.between.0.as_str());
        used.insert(r.between.1.as_str());
    }
    for a in &f.actors {
        // A surrogate and its sponsor act through each other.
        if let Some(s) = &a.sponsor {
            used.insert(s.as_str());
            used.insert(a.id.as_str());
        }
    }
    for i in &f.injects {
        used.extend(i.audience.iter().map(|a| a.as_str()));
        if let Some(c) = &i.only_if {
            cond_actors(c, &mut used);
        }
    }
    for r in &f.rules {
        cond_actors(&r.when, &mut used);
        for e in &r.then {
            effect_actors(e, &mut used);
        }
    }
    for s in &f.settlements {
        cond_actors(&s.when, &mut used);
    }
    for (i, a) in f.actors.iter().enumerate() {
        if !used.contains(a.id.as_str()) {
            out.push(
                Issue::warning("actor-unused", 
                    root.field("actors").index(i).field("id"),
                    format!("actor \"{}\" takes no part in the scenario", a.id),
                )
                .with_help(
                    "no rule, relation, asset or playable list mentions it: give it a relation or an asset, or remove it",
                ),
            );
        }
    }
}

fn cond_actors<'a>(c: &'a Condition, used: &mut BTreeSet<&'a str>) {
    match c {
        Condition::Always
        | Condition::TurnAtLeast(_)
        | Condition::Turn(_)
        | Condition::RungAtLeast(_)
        | Condition::Chance(_)
        | Condition::Variable { .. } => {}
        Condition::All(v) | Condition::Any(v) => v.iter().for_each(|c| cond_actors(c, used)),
        Condition::Not(c) => cond_actors(c, used),
        Condition::Tension { a, b, .. }
        | Condition::Trust { a, b, .. }
        | Condition::Agreement { a, b, .. }
        | Condition::ChannelOpen { a, b, .. }
        | Condition::MeasureInForce { a, b, .. }
        | Condition::Posture {
            actor: a,
            toward: b,
            ..
        }
        | Condition::Fear {
            actor: a, of: b, ..
        } => {
            used.insert(a.as_str());
            used.insert(b.as_str());
        }
        Condition::Pressure { actor, .. }
        | Condition::Reputation { actor, .. }
        | Condition::Intent { actor, .. } => {
            used.insert(actor.as_str());
        }
        Condition::Intruded { by, victim, .. } => {
            used.extend([by, victim].into_iter().flatten().map(|a| a.as_str()));
        }
        Condition::Happened(h) => {
            let who = match h {
                Happening::IncidentDetected { victim, by, .. } => [victim.as_ref(), by.as_ref()],
                Happening::OperationCompleted { by: a, .. } => [a.as_ref(), None],
                Happening::ActionTaken { by, target, .. } => [by.as_ref(), target.as_ref()],
                Happening::ProposalAccepted { by, from, .. } => [by.as_ref(), from.as_ref()],
                Happening::AgreementSigned { .. } | Happening::NormViolated { .. } => [None, None],
            };
            used.extend(who.into_iter().flatten().map(|a| a.as_str()));
        }
    }
}

fn effect_actors<'a>(e: &'a Effect, used: &mut BTreeSet<&'a str>) {
    match e {
        Effect::AddTension { a, b, .. }
        | Effect::AddTrust { a, b, .. }
        | Effect::OpenChannel { a, b, .. } => {
            used.insert(a.as_str());
            used.insert(b.as_str());
        }
        Effect::AddPressure { actor, .. }
        | Effect::AddReputation { actor, .. }
        | Effect::ShiftIntent { actor, .. }
        | Effect::StartOperation { by: actor, .. }
        | Effect::RevealIntrusion { by: actor, .. } => {
            used.insert(actor.as_str());
        }
        Effect::MoveLadder(_)
        | Effect::SetRung(_)
        | Effect::SetVariable { .. }
        | Effect::AddVariable { .. }
        | Effect::Inject(_)
        | Effect::EndGame { .. } => {}
    }
}

fn non_state_players(f: &ScenarioFile, root: &DataPath, out: &mut Vec<Issue>) {
    for (i, id) in f.playable.iter().enumerate() {
        if let Some(a) = f.actors.iter().find(|a| &a.id == id)
            && !a.kind.is_state()
        {
            out.push(
                Issue::warning("playable-not-state", 
                    root.field("playable").index(i),
                    format!("playable actor \"{id}\" is a {:?}, not a State", a.kind),
                )
                .with_help("trainees play diplomats of a state; make it a State or take it off the playable list"),
            );
        }
    }
}

/// Why `c` can never hold in a game of `f`, and the path of the part at fault.
fn never(c: &Condition, p: &DataPath, f: &ScenarioFile) -> Option<(DataPath, String)> {
    let limit = f.turn_limit;
    let unit = |what: &str, is: &Cmp| match *is {
        Cmp::Above(v) if v >= 1.0 => Some((
            p.clone(),
            format!("{what} is never above {v}: it runs from 0 to 1"),
        )),
        Cmp::Below(v) if v <= 0.0 => Some((
            p.clone(),
            format!("{what} is never below {v}: it runs from 0 to 1"),
        )),
        _ => None,
    };
    match c {
        Condition::Turn(0) => Some((
            p.clone(),
            "turns count from 1, so Turn(0) never comes".into(),
        )),
        Condition::Chance(x) if *x <= 0.0 => {
            Some((p.clone(), format!("Chance({x:?}) never comes up")))
        }
        Condition::Turn(t) | Condition::TurnAtLeast(t) if *t > limit => Some((
            p.clone(),
            format!("it waits for turn {t}, but the game ends after turn {limit}"),
        )),
        Condition::All(v) => v
            .iter()
            .enumerate()
            .find_map(|(i, c)| never(c, &p.index(i), f))
            .or_else(|| contradictory_turns(v).map(|why| (p.clone(), why))),
        Condition::Any(v) if v.is_empty() => Some((
            p.clone(),
            "Any([]) has no alternative that could hold".into(),
        )),
        Condition::Any(v) => {
            let reasons: Vec<_> = v
                .iter()
                .enumerate()
                .map(|(i, c)| never(c, &p.index(i), f))
                .collect::<Option<_>>()?;
            let (_, first) = reasons.into_iter().next()?;
            Some((
                p.clone(),
                format!("none of its alternatives can hold ({first})"),
            ))
        }
        Condition::Not(inner) if always(inner, f) => Some((
            p.clone(),
            "it is the negation of a condition that always holds".into(),
        )),
        Condition::Fear { is, .. } => unit("fear", is),
        Condition::Pressure { is, .. } => unit("domestic pressure", is),
        Condition::Trust { is, .. } => unit("trust", is),
        Condition::Reputation { is, .. } => unit("reputation", is),
        Condition::Intent { actor, is } if !can_hold(f, actor, is) => Some((
            p.clone(),
            format!(
                "\"{actor}\" can never hold the intent \"{is}\": its intents give it no weight, it is not its mandate, and no intent shifts to it"
            ),
        )),
        Condition::Happened(Happening::ActionTaken { kind, .. })
            if !f.actions.iter().any(|a| a.kind == *kind) =>
        {
            Some((
                p.clone(),
                format!(
                    "it waits for the action {kind:?}, which the scenario's actions do not offer"
                ),
            ))
        }
        _ => None,
    }
}

/// Whether `actor` can ever hold `intent`: drawn with some weight, its mandate, or reached by a
/// shift of fear or a rule's `ShiftIntent`. An unknown actor is an error of its own, so it is given the benefit of the doubt.
fn can_hold(f: &ScenarioFile, actor: &ActorId, intent: &IntentId) -> bool {
    let Some(a) = f.actors.iter().find(|a| &a.id == actor) else {
        return true;
    };
    let shifted_by_rule = f.rules.iter().flat_map(|r| &r.then).any(
        |e| matches!(e, Effect::ShiftIntent { actor: who, to } if who == actor && to == intent),
    );
    a.intents.get(intent).is_some_and(|w| *w > 0.0)
        || a.mandate.as_ref() == Some(intent)
        || shifted_by_rule
        || f.intents
            .iter()
            .any(|i| i.shift.as_ref().is_some_and(|s| &s.to == intent))
}

/// Why the turn conditions of an `All` cannot all hold on one turn, if they cannot.
fn contradictory_turns(v: &[Condition]) -> Option<String> {
    let mut exact: Option<u32> = None;
    let mut from = 1u32;
    let mut before = u32::MAX;
    for c in v {
        match c {
            Condition::Turn(t) => {
                if exact.is_some_and(|e| e != *t) {
                    return Some(format!(
                        "it needs the turn to be both {} and {t}",
                        exact.unwrap_or_default()
                    ));
                }
                exact = Some(*t);
            }
            Condition::TurnAtLeast(t) => from = from.max(*t),
            Condition::Not(inner) => {
                if let Condition::TurnAtLeast(t) = **inner {
                    before = before.min(t);
                }
            }
            _ => {}
        }
    }
    // The turns left: from `from` to the one before `before`, and only `exact` if it is set.
    let lo = exact.map_or(from, |e| e.max(from));
    let hi = exact.map_or(before.saturating_sub(1), |e| {
        e.min(before.saturating_sub(1))
    });
    (lo > hi)
        .then(|| "its turn conditions contradict each other: no turn satisfies them all".to_owned())
}

/// Whether `c` holds on every turn of a game of `f` whatever happens.
fn always(c: &Condition, f: &ScenarioFile) -> bool {
    match c {
        Condition::Always | Condition::TurnAtLeast(0 | 1) => true,
        Condition::Chance(x) => *x >= 1.0,
        Condition::All(v) => v.iter().all(|c| always(c, f)),
        Condition::Any(v) => v.iter().any(|c| always(c, f)),
        Condition::Not(c) => never(c, &DataPath::root(), f).is_some(),
        _ => false,
    }
}

fn dead_rules(f: &ScenarioFile, root: &DataPath, out: &mut Vec<Issue>) {
    let limit = f.turn_limit;
    if limit == 0 {
        return; // An error of its own; every rule would be reported.
    }
    for (i, r) in f.rules.iter().enumerate() {
        if let Some((path, why)) = never(&r.when, &root.field("rules").index(i).field("when"), f) {
            out.push(
                Issue::warning(
                    "rule-never-fires",
                    path,
                    format!("rule \"{}\" can never fire: {why}", r.id),
                )
                .with_help(dead_help(limit, &why)),
            );
        }
    }
    for (i, s) in f.settlements.iter().enumerate() {
        let p = root.field("settlements").index(i);
        if s.after_turn >= limit {
            out.push(
                Issue::warning("settlement-unreachable", 
                    p.field("after_turn"),
                    format!(
                        "settlement \"{}\" can never be reached: it is checked after turn {}, but the game ends after turn {limit}",
                        s.id, s.after_turn
                    ),
                )
                .with_help(format!("write an after_turn below {limit}")),
            );
        } else if let Some((path, why)) = never(&s.when, &p.field("when"), f) {
            out.push(
                Issue::warning(
                    "settlement-unreachable",
                    path,
                    format!("settlement \"{}\" can never be reached: {why}", s.id),
                )
                .with_help(dead_help(limit, &why)),
            );
        }
    }
}

/// Settlements checked before another from no later a turn, whose condition follows from the
/// other's: whenever the later one could end the game, the earlier one already has.
fn pre_empted_settlements(f: &ScenarioFile, root: &DataPath, out: &mut Vec<Issue>) {
    for (j, later) in f.settlements.iter().enumerate() {
        let first = f.settlements[..j]
            .iter()
            .find(|s| s.after_turn <= later.after_turn && implies(&later.when, &s.when));
        if let Some(first) = first {
            out.push(
                Issue::warning(
                    "settlement-pre-empted",
                    root.field("settlements").index(j).field("when"),
                    format!(
                        "settlement \"{}\" is always pre-empted: whenever it holds, settlement \"{}\" holds too and is checked first",
                        later.id, first.id
                    ),
                )
                .with_help(format!(
                    "ask for something \"{}\" does not, or move it before \"{}\" in the list",
                    first.id, later.id
                )),
            );
        }
    }
}

/// Whether `a` holding means `b` holds, as far as their shape shows (false when unsure).
fn implies(a: &Condition, b: &Condition) -> bool {
    match (a, b) {
        (_, Condition::Always) => true,
        (_, Condition::All(w)) => w.iter().all(|b| implies(a, b)),
        (Condition::Any(v), _) => v.iter().all(|a| implies(a, b)),
        (Condition::All(v), _) if v.iter().any(|a| implies(a, b)) => true,
        (_, Condition::Any(w)) => w.iter().any(|b| implies(a, b)),
        (Condition::TurnAtLeast(x) | Condition::Turn(x), Condition::TurnAtLeast(y)) => x >= y,
        // Two `Chance`s alike in shape still draw different dice.
        _ if draws(a) || draws(b) => false,
        // The file's own types carry no equality; their RON text is a faithful stand-in.
        _ => ron::to_string(a)
            .ok()
            .is_some_and(|x| ron::to_string(b).ok() == Some(x)),
    }
}

fn draws(c: &Condition) -> bool {
    match c {
        Condition::Chance(_) => true,
        Condition::All(v) | Condition::Any(v) => v.iter().any(draws),
        Condition::Not(c) => draws(c),
        _ => false,
    }
}

fn dead_help(limit: u32, why: &str) -> String {
    if why.contains("game ends") {
        format!("use a turn from 1 to {limit}, or raise turn_limit")
    } else {
        "change the condition, or remove it".to_string()
    }
}

fn unsent_injects(f: &ScenarioFile, root: &DataPath, out: &mut Vec<Issue>) {
    let sent: BTreeSet<&str> = f
        .rules
        .iter()
        .flat_map(|r| &r.then)
        .filter_map(|e| match e {
            Effect::Inject(id) => Some(id.as_str()),
            _ => None,
        })
        .collect();
    for (i, inj) in f.injects.iter().enumerate() {
        if inj.at_turn.is_none() && !sent.contains(inj.id.as_str()) {
            out.push(
                Issue::warning(
                    "inject-never-sent",
                    root.field("injects").index(i).field("id"),
                    format!("inject \"{}\" is never sent", inj.id),
                )
                .with_help(format!(
                    "give it an at_turn, or send it from a rule with Inject(\"{}\")",
                    inj.id
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::issue::Seg;

    fn p() -> DataPath {
        DataPath::root().field("when")
    }

    fn minimal() -> ScenarioFile {
        let text = include_str!("../../tests/fixtures/valid/minimal.ron");
        crate::scenario::ron_options().from_str(text).unwrap()
    }

    fn ten_turns() -> ScenarioFile {
        let mut f = minimal();
        f.turn_limit = 10;
        f
    }

    #[test]
    fn finds_dead_conditions_from_the_scenario_itself() {
        let f = ten_turns();
        let why = |c: Condition| never(&c, &p(), &f).map(|(_, why)| why);
        let both = Condition::All(vec![Condition::Turn(3), Condition::TurnAtLeast(5)]);
        assert!(why(both).unwrap().contains("contradict"));
        let window = Condition::All(vec![
            Condition::TurnAtLeast(5),
            Condition::Not(Box::new(Condition::TurnAtLeast(5))),
        ]);
        assert!(why(window).is_some());
        let fine = Condition::All(vec![
            Condition::TurnAtLeast(3),
            Condition::Not(Box::new(Condition::TurnAtLeast(6))),
        ]);
        assert_eq!(why(fine), None);
        let fear = Condition::Fear {
            actor: "atlantis".into(),
            of: "borealis".into(),
            is: Cmp::Above(1.0),
        };
        assert!(why(fear).unwrap().contains("fear is never above 1"));
        let intent = f.intents[0].id.clone();
        let holder = f
            .actors
            .iter()
            .find(|a| a.intents.contains_key(&intent))
            .unwrap();
        let stranger = f
            .actors
            .iter()
            .find(|a| !a.intents.contains_key(&intent) && a.mandate.is_none());
        assert_eq!(
            why(Condition::Intent {
                actor: holder.id.clone(),
                is: intent.clone()
            }),
            None
        );
        if let Some(s) = stranger
            && !f
                .intents
                .iter()
                .any(|i| i.shift.as_ref().is_some_and(|x| x.to == intent))
        {
            assert!(
                why(Condition::Intent {
                    actor: s.id.clone(),
                    is: intent
                })
                .is_some()
            );
        }
        // A rule's ShiftIntent makes the intent reachable.
        if let Some(s) = stranger {
            let mut g = f.clone();
            g.rules[0].then.push(Effect::ShiftIntent {
                actor: s.id.clone(),
                to: f.intents[0].id.clone(),
            });
            let why = never(
                &Condition::Intent {
                    actor: s.id.clone(),
                    is: f.intents[0].id.clone(),
                },
                &p(),
                &g,
            );
            assert_eq!(why, None);
        }
        let offered: Vec<ActionKind> = f.actions.iter().map(|a| a.kind).collect();
        let missing = ActionKind::ALL
            .into_iter()
            .find(|k| !offered.contains(k))
            .unwrap();
        let waits = Condition::Happened(Happening::ActionTaken {
            by: None,
            kind: missing,
            target: None,
        });
        assert!(why(waits).unwrap().contains("do not offer"));
    }

    #[test]
    fn finds_conditions_that_never_hold() {
        let f = ten_turns();
        let never = |c: Condition| never(&c, &p(), &f).map(|(path, _)| path);
        assert_eq!(never(Condition::Turn(11)), Some(p()));
        assert_eq!(never(Condition::Turn(0)), Some(p()));
        assert_eq!(never(Condition::Turn(10)), None);
        assert_eq!(never(Condition::TurnAtLeast(12)), Some(p()));
        assert_eq!(
            never(Condition::Not(Box::new(Condition::Always))),
            Some(p())
        );
        assert_eq!(
            never(Condition::Not(Box::new(Condition::TurnAtLeast(1)))),
            Some(p())
        );
        assert_eq!(
            never(Condition::All(vec![Condition::Always, Condition::Turn(40)])),
            Some(p().index(1))
        );
        assert_eq!(
            never(Condition::Any(vec![Condition::Always, Condition::Turn(40)])),
            None
        );
        assert_eq!(
            never(Condition::Any(vec![
                Condition::Turn(30),
                Condition::Turn(40)
            ])),
            Some(p())
        );
        assert_eq!(never(Condition::Any(vec![])), Some(p()));
        assert_eq!(
            never(Condition::Not(Box::new(Condition::Not(Box::new(
                Condition::Turn(50)
            ))))),
            Some(p())
        );
        assert_eq!(never(Condition::Not(Box::new(Condition::Turn(5)))), None);
        assert_eq!(never(Condition::All(vec![])), None);
        assert!(p().index(1).0.ends_with(&[Seg::Index(1)]));
    }

    #[test]
    fn a_settlement_whose_condition_implies_an_earlier_one_is_pre_empted() {
        let mut f = ten_turns();
        let pact = f.settlements[0].clone();
        let calm = Condition::Tension {
            a: "atlantis".into(),
            b: "borealis".into(),
            is: Cmp::Below(5.0),
        };
        let mut stricter = pact.clone();
        stricter.id = "pact-and-calm".into();
        stricter.when = Condition::All(vec![calm.clone(), pact.when.clone()]);
        f.settlements.push(stricter.clone());
        let codes = |f: &ScenarioFile| -> Vec<(&'static str, DataPath)> {
            lint(f)
                .into_iter()
                .filter(|i| i.code == "settlement-pre-empted")
                .map(|i| (i.code, i.path))
                .collect()
        };
        let at = DataPath::root().field("settlements").index(1).field("when");
        assert_eq!(codes(&f), vec![("settlement-pre-empted", at)]);
        // Checked earlier than the pact, the stricter one can be reached first.
        f.settlements[1].after_turn = 1;
        assert!(codes(&f).is_empty());
        // Put first, it is reached; the pact, which asks for less, still is too.
        f.settlements.swap(0, 1);
        f.settlements[0].after_turn = pact.after_turn;
        assert!(codes(&f).is_empty());
        // Either of two conditions, one of them the pact's, does not imply the pact.
        let mut g = ten_turns();
        let mut either = pact.clone();
        either.id = "pact-or-calm".into();
        either.when = Condition::Any(vec![calm, pact.when.clone()]);
        g.settlements.push(either);
        assert!(codes(&g).is_empty());
        // Two chances alike in shape draw different dice.
        let mut h = ten_turns();
        h.settlements[0].when = Condition::Chance(0.5);
        let mut coin = h.settlements[0].clone();
        coin.id = "coin".into();
        h.settlements.push(coin);
        assert!(codes(&h).is_empty());
    }

    #[test]
    fn a_chance_of_nothing_never_comes_up_and_a_certain_one_always_does() {
        let f = ten_turns();
        assert!(never(&Condition::Chance(0.0), &p(), &f).is_some());
        assert!(never(&Condition::Chance(0.2), &p(), &f).is_none());
        assert!(always(&Condition::Chance(1.0), &f));
        assert!(!always(&Condition::Chance(0.99), &f));
    }
}
