//! Turns a parsed `ScenarioFile` into the engine's `Scenario`: resolves every id, checks every
//! range and sum, and collects *all* problems with the path of the value at fault rather than
//! stopping at the first.

use super::file::*;
use super::issue::{DataPath, Issue, closest};
use super::model::*;
use crate::ids::*;
use std::collections::BTreeMap;

mod actors;
mod rules;

const SUM_TOLERANCE: f64 = 1e-6;

/// Compiles `file`, or returns every error found (warnings are the checker's business).
pub fn compile(file: &ScenarioFile, content_hash: u64) -> Result<Scenario, Vec<Issue>> {
    let mut c = Compiler::new(file);
    c.issues.extend(super::limits::check(file));
    let scenario = c.build(file, content_hash);
    if c.issues.is_empty() {
        Ok(scenario)
    } else {
        Err(c.issues)
    }
}

/// The longest game a scenario may define: a game's log and save grow with every turn.
pub const MAX_TURNS: u32 = 1_000;

/// The longest id a scenario may use: ids name saves and exports, so they stay short.
pub const MAX_ID_LEN: usize = 48;

/// Ids are slugs (lower-case letters, digits and hyphens, at most `MAX_ID_LEN` characters),
/// because they reach file names; anything else is refused with the slug to write instead.
fn slug_issue(what: &str, id: &str, path: DataPath) -> Option<Issue> {
    let ok = id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        return None;
    }
    let why = if id.chars().count() > MAX_ID_LEN {
        format!("is longer than {MAX_ID_LEN} characters")
    } else {
        "may hold only lower-case letters, digits and hyphens".to_owned()
    };
    let shown: String = id.chars().take(MAX_ID_LEN + 12).collect();
    let ellipsis = if shown.len() < id.len() { "…" } else { "" };
    let issue = Issue::error(
        "id-not-slug",
        path,
        format!("{what} id \"{shown}{ellipsis}\" {why}"),
    );
    let slug = slugify(id);
    Some(if slug.is_empty() {
        issue.with_help("write a short lower-case id such as \"north-grid\"")
    } else {
        issue.with_help(format!("write \"{slug}\""))
    })
}

/// The slug closest to `text`: lower-cased, every run of other characters made one hyphen,
/// trimmed, and cut to `MAX_ID_LEN`.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= MAX_ID_LEN {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Name tables for one kind of id: position by id, and the path of each definition.
struct Names {
    what: &'static str,
    ix: BTreeMap<String, usize>,
}

impl Names {
    fn new<'a>(
        what: &'static str,
        list: &'static str,
        ids: impl Iterator<Item = &'a str>,
        issues: &mut Vec<Issue>,
    ) -> Self {
        let mut ix = BTreeMap::new();
        for (i, id) in ids.enumerate() {
            let path = DataPath::root().field(list).index(i).field("id");
            if id.is_empty() {
                issues.push(
                    Issue::error("id-empty", path, format!("{what} id is empty"))
                        .with_help("write a short lowercase id such as \"north-grid\"".to_string()),
                );
            } else if let Some(issue) = slug_issue(what, id, path.clone()) {
                issues.push(issue);
            } else if ix.insert(id.to_owned(), i).is_some() {
                issues.push(
                    Issue::error(
                        "id-duplicate",
                        path,
                        format!("{what} id \"{id}\" is defined twice"),
                    )
                    .with_help("give each one its own id"),
                );
            }
        }
        Names { what, ix }
    }

    fn unknown(&self, id: &str, path: DataPath) -> Issue {
        let issue = Issue::error(
            "unknown-id",
            path,
            format!("unknown {} \"{id}\"", self.what),
        );
        match closest(id, self.ix.keys().map(String::as_str)) {
            Some(near) => issue.with_help(format!("did you mean \"{near}\"?")),
            None => issue.with_help(format!(
                "known {}s: {}",
                self.what,
                self.ix
                    .keys()
                    .map(|k| format!("\"{k}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

struct Compiler {
    issues: Vec<Issue>,
    actors: Names,
    intents: Names,
    assets: Names,
    rungs: Names,
    norms: Names,
    vars: Names,
    injects: Names,
    /// `Chance` conditions numbered so far; each number keys its own dice.
    chances: u32,
}

impl Compiler {
    fn new(f: &ScenarioFile) -> Self {
        let mut issues = Vec::new();
        if f.id.as_str().is_empty() {
            issues.push(
                Issue::error(
                    "id-empty",
                    DataPath::root().field("id"),
                    "the scenario id is empty",
                )
                .with_help("write the file's name without .ron, such as \"grid-probe\""),
            );
        } else if let Some(issue) =
            slug_issue("scenario", f.id.as_str(), DataPath::root().field("id"))
        {
            issues.push(issue);
        }
        let actors = Names::new(
            "actor",
            "actors",
            f.actors.iter().map(|a| a.id.as_str()),
            &mut issues,
        );
        let intents = Names::new(
            "intent",
            "intents",
            f.intents.iter().map(|a| a.id.as_str()),
            &mut issues,
        );
        let assets = Names::new(
            "asset",
            "assets",
            f.assets.iter().map(|a| a.id.as_str()),
            &mut issues,
        );
        let rungs = Names::new(
            "rung",
            "ladder",
            f.ladder.iter().map(|a| a.id.as_str()),
            &mut issues,
        );
        let norms = Names::new(
            "norm",
            "norms",
            f.norms.iter().map(|a| a.id.as_str()),
            &mut issues,
        );
        let vars = Names::new(
            "variable",
            "variables",
            f.variables.iter().map(|a| a.id.as_str()),
            &mut issues,
        );
        let injects = Names::new(
            "inject",
            "injects",
            f.injects.iter().map(|a| a.id.as_str()),
            &mut issues,
        );
        // Indicators, rules and settlements are never referenced, but duplicates still confuse.
        Names::new(
            "indicator",
            "indicators",
            f.indicators.iter().map(|a| a.id.as_str()),
            &mut issues,
        );
        Names::new(
            "rule",
            "rules",
            f.rules.iter().map(|a| a.id.as_str()),
            &mut issues,
        );
        Names::new(
            "settlement",
            "settlements",
            f.settlements.iter().map(|a| a.id.as_str()),
            &mut issues,
        );
        Compiler {
            issues,
            actors,
            intents,
            assets,
            rungs,
            norms,
            vars,
            injects,
            chances: 0,
        }
    }

    fn err(
        &mut self,
        code: &'static str,
        path: DataPath,
        msg: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.issues
            .push(Issue::error(code, path, msg).with_help(help));
    }

    fn resolve(names: &Names, issues: &mut Vec<Issue>, id: &str, path: DataPath) -> usize {
        match names.ix.get(id) {
            Some(&i) => i,
            None => {
                issues.push(names.unknown(id, path));
                0
            }
        }
    }

    fn actor(&mut self, id: &ActorId, path: DataPath) -> ActorIx {
        ActorIx::from_ix(Self::resolve(
            &self.actors,
            &mut self.issues,
            id.as_str(),
            path,
        ))
    }
    fn intent(&mut self, id: &IntentId, path: DataPath) -> IntentIx {
        IntentIx::from_ix(Self::resolve(
            &self.intents,
            &mut self.issues,
            id.as_str(),
            path,
        ))
    }
    fn asset(&mut self, id: &AssetId, path: DataPath) -> AssetIx {
        AssetIx::from_ix(Self::resolve(
            &self.assets,
            &mut self.issues,
            id.as_str(),
            path,
        ))
    }
    fn rung(&mut self, id: &RungId, path: DataPath) -> RungIx {
        RungIx::from_ix(Self::resolve(
            &self.rungs,
            &mut self.issues,
            id.as_str(),
            path,
        ))
    }
    fn norm(&mut self, id: &NormId, path: DataPath) -> NormIx {
        NormIx::from_ix(Self::resolve(
            &self.norms,
            &mut self.issues,
            id.as_str(),
            path,
        ))
    }
    fn var(&mut self, id: &VariableId, path: DataPath) -> VariableIx {
        VariableIx::from_ix(Self::resolve(
            &self.vars,
            &mut self.issues,
            id.as_str(),
            path,
        ))
    }
    fn inject(&mut self, id: &InjectId, path: DataPath) -> InjectIx {
        InjectIx::from_ix(Self::resolve(
            &self.injects,
            &mut self.issues,
            id.as_str(),
            path,
        ))
    }

    /// A value that must lie in [0, 1].
    fn unit(&mut self, x: f64, path: DataPath, what: &str) -> f64 {
        if !(0.0..=1.0).contains(&x) || x.is_nan() {
            self.err(
                "out-of-range",
                path,
                format!("{what} is {x}, outside 0 to 1"),
                if (2.0..=100.0).contains(&x) && x.fract() == 0.0 {
                    // A whole number from 2 to 100 is most likely a percentage.
                    format!(
                        "write a number from 0.0 to 1.0; {x}% is written {:?}",
                        x / 100.0
                    )
                } else {
                    format!(
                        "write a number from 0.0 to 1.0, e.g. {:?}",
                        x.clamp(0.0, 1.0)
                    )
                },
            );
        }
        x.clamp(0.0, 1.0)
    }

    fn finite(&mut self, x: f64, path: DataPath, what: &str) -> f64 {
        if !x.is_finite() {
            self.err(
                "not-finite",
                path,
                format!("{what} is not a finite number"),
                "write a plain number such as 2.5",
            );
            return 0.0;
        }
        x
    }

    /// Probabilities keyed by operation kind, each in [0, 1].
    fn op_table(
        &mut self,
        m: &BTreeMap<OpKind, f64>,
        path: &DataPath,
        what: &str,
    ) -> [f64; OP_KINDS] {
        let mut out = [0.0; OP_KINDS];
        for (op, p) in m {
            out[op.ix()] = self.unit(*p, path.key(format!("{op:?}")), what);
        }
        out
    }

    fn sums_to_one(&mut self, sum: f64, path: DataPath, what: &str) {
        if (sum - 1.0).abs() > SUM_TOLERANCE {
            self.err(
                "sum-not-one",
                path,
                format!("{what} add up to {sum:.3}, not 1"),
                "scale the numbers so they sum to exactly 1.0",
            );
        }
    }

    fn pair(
        &mut self,
        a: &ActorId,
        b: &ActorId,
        path: &DataPath,
        fa: &'static str,
        fb: &'static str,
    ) -> (ActorIx, ActorIx) {
        let x = self.actor(a, path.field(fa));
        let y = self.actor(b, path.field(fb));
        if a == b {
            self.err(
                "paired-with-itself",
                path.field(fb),
                format!("\"{a}\" is paired with itself"),
                "name two different actors",
            );
        }
        (x, y)
    }

    fn build(&mut self, f: &ScenarioFile, content_hash: u64) -> Scenario {
        let root = DataPath::root();
        if f.format > FORMAT_VERSION {
            self.err("format-too-new", 
                root.field("format"),
                format!("this file is written for scenario format {}; this Backchannel reads format {FORMAT_VERSION} — update Backchannel", f.format),
                "update Backchannel, or write the file in the older format",
            );
        } else if f.format == 0 {
            self.err(
                "format-zero",
                root.field("format"),
                "format 0 does not exist",
                format!("write format: {FORMAT_VERSION}"),
            );
        }
        if f.turn_limit == 0 {
            self.err(
                "turn-limit-zero",
                root.field("turn_limit"),
                "turn_limit is 0, so the game could not start",
                "write a limit of at least 1, e.g. 12",
            );
        } else if f.turn_limit > MAX_TURNS {
            self.err(
                "turn-limit-too-high",
                root.field("turn_limit"),
                format!(
                    "turn_limit {} is above the most a game may last, {MAX_TURNS} turns",
                    f.turn_limit
                ),
                format!("write a limit from 1 to {MAX_TURNS}; workshop games last 8 to 24 turns"),
            );
        }
        if f.days_per_turn == 0 {
            self.err(
                "days-per-turn-zero",
                root.field("days_per_turn"),
                "days_per_turn is 0",
                "write 7 for week-long turns",
            );
        }
        if f.intents.is_empty() {
            self.err(
                "no-intents",
                root.field("intents"),
                "no intent types are defined",
                "define at least one, e.g. a security-seeker",
            );
        }
        if f.actors.len() < 2 {
            self.err(
                "too-few-actors",
                root.field("actors"),
                "a crisis needs at least two actors",
                "add the other side",
            );
        }
        if f.actors.len() > 64 {
            self.err(
                "too-many-actors",
                root.field("actors"),
                "more than 64 actors",
                "split the scenario",
            );
        }
        if f.norms.len() > 64 {
            self.err(
                "too-many-norms",
                root.field("norms"),
                "more than 64 norms",
                "keep the norms that matter to the crisis",
            );
        }
        if f.ladder.len() < 2 {
            self.err(
                "too-few-rungs",
                root.field("ladder"),
                "the ladder needs at least two rungs",
                "add rungs from stable competition to conflict",
            );
        }

        let intents = f
            .intents
            .iter()
            .enumerate()
            .map(|(i, d)| self.intent_def(d, root.field("intents").index(i)))
            .collect();
        let actors: Vec<Actor> = f
            .actors
            .iter()
            .enumerate()
            .map(|(i, d)| self.actor_def(d, root.field("actors").index(i), f.intents.len()))
            .collect();
        let playable = f
            .playable
            .iter()
            .enumerate()
            .map(|(i, id)| self.actor(id, root.field("playable").index(i)))
            .collect::<Vec<_>>();
        for (i, id) in f.playable.iter().enumerate() {
            if f.playable[..i].contains(id) {
                self.err(
                    "playable-twice",
                    root.field("playable").index(i),
                    format!("\"{id}\" is listed twice as playable"),
                    "list each playable actor once",
                );
            }
        }
        if f.playable.is_empty() {
            self.err(
                "no-playable",
                root.field("playable"),
                "no playable role",
                "list the actors a trainee may play, e.g. [\"atlantis\"]",
            );
        }
        let assets = f
            .assets
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let p = root.field("assets").index(i);
                Asset {
                    id: d.id.clone(),
                    owner: self.actor(&d.owner, p.field("owner")),
                    name: d.name.clone(),
                    layer: d.layer,
                    criticality: self.unit(d.criticality, p.field("criticality"), "criticality"),
                    protected: d.protected.clone(),
                }
            })
            .collect();
        let relations = self.relations(f, &root);
        let indicators = f
            .indicators
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let p = root.field("indicators").index(i);
                Indicator {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    description: d.description.clone(),
                    forensic: d.forensic,
                    likelihood: self.op_table(
                        &d.likelihood,
                        &p.field("likelihood"),
                        "a likelihood",
                    ),
                }
            })
            .collect();
        let ladder = self.ladder(f, &root);
        let norms =
            f.norms
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    if d.forbids.is_empty() {
                        self.err("norm-forbids-nothing", 
                        root.field("norms").index(i).field("forbids"),
                        format!("norm \"{}\" forbids nothing", d.id),
                        "list the operation kinds it rules out, e.g. [Disruption, Degeneration]",
                    );
                    }
                    Norm {
                        id: d.id.clone(),
                        name: d.name.clone(),
                        text: d.text.clone(),
                        forbids: d.forbids.clone(),
                        protects: d.protects.clone(),
                    }
                })
                .collect();
        let mut actions = [None; ActionKind::ALL.len()];
        for (i, d) in f.actions.iter().enumerate() {
            let p = root.field("actions").index(i);
            if actions[d.kind.ix()].is_some() {
                self.err(
                    "action-twice",
                    p.field("kind"),
                    format!("action {:?} is listed twice", d.kind),
                    "keep one entry per action kind",
                );
            }
            let weight = self.finite(d.weight, p.field("weight"), "weight");
            actions[d.kind.ix()] = Some(ActionCost {
                cost: d.cost,
                weight,
            });
        }
        let variables = f
            .variables
            .iter()
            .map(|v| Variable {
                id: v.id.clone(),
                start: v.start,
                description: v.description.clone(),
            })
            .collect();
        let rules = f
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let p = root.field("rules").index(i);
                Rule {
                    id: r.id.clone(),
                    description: r.description.clone(),
                    when: self.cond(&r.when, p.field("when")),
                    then: r
                        .then
                        .iter()
                        .enumerate()
                        .map(|(j, e)| self.effect(e, p.field("then").index(j)))
                        .collect(),
                    repeat: r.repeat,
                }
            })
            .collect();
        let injects = f.injects.iter().enumerate().map(|(i, d)| {
            let p = root.field("injects").index(i);
            if let Some(t) = d.at_turn && (t == 0 || t > f.turn_limit) {
                self.err("inject-turn-out-of-range", p.field("at_turn"), format!("at_turn {t} is outside the game's turns 1 to {}", f.turn_limit), "pick a turn within the turn limit, or leave at_turn out for an inject only rules send");
            }
            Inject {
                id: d.id.clone(),
                kind: d.kind,
                title: d.title.clone(),
                text: d.text.clone(),
                at_turn: d.at_turn,
                audience: d.audience.iter().enumerate().map(|(j, a)| self.actor(a, p.field("audience").index(j))).collect(),
                only_if: d.only_if.as_ref().map(|c| self.cond(c, p.field("only_if"))),
            }
        }).collect();
        let settlements = f
            .settlements
            .iter()
            .enumerate()
            .map(|(i, s)| Settlement {
                id: s.id.clone(),
                name: s.name.clone(),
                text: s.text.clone(),
                when: self.cond(&s.when, root.field("settlements").index(i).field("when")),
                after_turn: s.after_turn,
            })
            .collect();
        let model = self.model(&f.model, root.field("model"));
        let score = f.score;
        for (name, w) in [
            ("conflict_avoided", score.conflict_avoided),
            ("interest", score.interest),
            ("norms", score.norms),
            ("reputation", score.reputation),
            ("assessment", score.assessment),
        ] {
            if w < 0.0 || !w.is_finite() {
                self.err(
                    "negative-weight",
                    root.field("score").field(name),
                    format!("score weight {name} is {w}"),
                    "weights are 0 or more",
                );
            }
        }
        if score.conflict_avoided
            + score.interest
            + score.norms
            + score.reputation
            + score.assessment
            <= 0.0
        {
            self.err(
                "zero-weights",
                root.field("score"),
                "all score weights are 0",
                "give at least one part of the score a positive weight",
            );
        }

        Scenario {
            id: f.id.clone(),
            title: f.title.clone(),
            author: f.author.clone(),
            briefing: f.briefing.clone(),
            objectives: f.objectives.clone(),
            debrief_questions: f.debrief_questions.clone(),
            turn_limit: f.turn_limit,
            days_per_turn: f.days_per_turn,
            playable,
            intents,
            actors,
            assets,
            relations,
            indicators,
            ladder,
            norms,
            actions,
            variables,
            rules,
            injects,
            settlements,
            payoffs: f.payoffs,
            model,
            score,
            content_hash,
            source: None,
        }
    }

    fn relations(&mut self, f: &ScenarioFile, root: &DataPath) -> Vec<RelationInit> {
        let mut seen = BTreeMap::new();
        let mut out = Vec::new();
        for (i, r) in f.relations.iter().enumerate() {
            let p = root.field("relations").index(i);
            let bp = p.field("between");
            let a = self.actor(&r.between.0, bp.index(0));
            let b = self.actor(&r.between.1, bp.index(1));
            if r.between.0 == r.between.1 {
                self.err(
                    "paired-with-itself",
                    bp.index(1),
                    format!("\"{}\" is paired with itself", r.between.0),
                    "a relation joins two different actors",
                );
            }
            let key = (a.min(b), a.max(b));
            // Unknown actors resolve to index 0; only pairs of known actors can repeat.
            let known = self.actors.ix.contains_key(r.between.0.as_str())
                && self.actors.ix.contains_key(r.between.1.as_str());
            if known && seen.insert(key, i).is_some() {
                self.err(
                    "relation-twice",
                    bp,
                    format!(
                        "the relation between \"{}\" and \"{}\" is defined twice",
                        r.between.0, r.between.1
                    ),
                    "merge the two entries",
                );
            }
            let mut channels = ChannelSet::default();
            r.channels.iter().for_each(|c| channels.insert(*c));
            let mut agreements = NormSet::default();
            for (j, n) in r.agreements.iter().enumerate() {
                let n = self.norm(n, p.field("agreements").index(j));
                agreements.insert(n);
            }
            out.push(RelationInit {
                a,
                b,
                trust: self.unit(r.trust, p.field("trust"), "trust"),
                tension: self
                    .finite(r.tension, p.field("tension"), "tension")
                    .max(0.0),
                channels,
                agreements,
            });
        }
        out
    }

    fn ladder(&mut self, f: &ScenarioFile, root: &DataPath) -> Vec<Rung> {
        let mut last = f64::NEG_INFINITY;
        f.ladder
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let p = root.field("ladder").index(i).field("threshold");
                if i == 0 && r.threshold != 0.0 {
                    self.err(
                        "first-threshold-not-zero",
                        p.clone(),
                        format!("the first rung's threshold is {}, not 0", r.threshold),
                        "write threshold: 0.0 for the first rung",
                    );
                }
                if r.threshold <= last {
                    self.err(
                        "thresholds-not-rising",
                        p.clone(),
                        format!(
                            "threshold {} is not above the rung before ({last})",
                            r.threshold
                        ),
                        "thresholds must rise from one rung to the next",
                    );
                }
                last = r.threshold;
                Rung {
                    id: r.id.clone(),
                    name: r.name.clone(),
                    description: r.description.clone(),
                    threshold: r.threshold,
                }
            })
            .collect()
    }

    fn model(&mut self, m: &ModelParams, p: DataPath) -> ModelParams {
        let mut m = m.clone();
        for (name, x) in [
            ("tension_decay", &mut m.tension_decay),
            ("perception_noise", &mut m.perception_noise),
            ("implementation_noise", &mut m.implementation_noise),
            ("noisy_share", &mut m.noisy_share),
            ("launch_restrain", &mut m.launch_restrain),
            ("launch_routine", &mut m.launch_routine),
            ("launch_intensify", &mut m.launch_intensify),
            ("attribution_max", &mut m.attribution_max),
            ("firebreak", &mut m.firebreak),
        ] {
            *x = self.unit(*x, p.field(name), name);
        }
        for (name, x) in [
            ("stealthy_dwell_days", &mut m.stealthy_dwell_days),
            ("noisy_dwell_days", &mut m.noisy_dwell_days),
            ("attribution_tau", &mut m.attribution_tau),
        ] {
            if !(*x > 0.0 && x.is_finite()) {
                self.err(
                    "not-positive",
                    p.field(name),
                    format!("{name} is {x}"),
                    "write a positive number of days or turns",
                );
                *x = 1.0;
            }
        }
        m
    }
}

#[cfg(test)]
mod slug_tests {
    use super::*;

    #[test]
    fn slugs_pass_and_anything_else_gets_its_slug() {
        assert!(slug_issue("actor", "north-grid-2", DataPath::root()).is_none());
        assert_eq!(slugify("North Grid (HQ)"), "north-grid-hq");
        assert_eq!(slugify("../../escaped"), "escaped");
        let long = "a".repeat(MAX_ID_LEN + 1);
        let issue = slug_issue("actor", &long, DataPath::root()).expect("too long");
        assert!(
            issue.message.contains("longer than 48"),
            "{}",
            issue.message
        );
        assert_eq!(slugify(&long).len(), MAX_ID_LEN);
        assert!(slug_issue("actor", "Atlantis", DataPath::root()).is_some());
    }
}
