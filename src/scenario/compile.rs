//! Turns a parsed `ScenarioFile` into the engine's `Scenario`: resolves every id, checks every
//! range and sum, and collects *all* problems with the path of the value at fault rather than
//! stopping at the first.

use super::file::*;
use super::issue::{DataPath, Issue, closest};
use super::model::*;
use crate::ids::*;
use std::collections::BTreeMap;

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

    fn intent_def(&mut self, d: &IntentDef, p: DataPath) -> Intent {
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

    fn actor_def(&mut self, d: &ActorDef, p: DataPath, n_intents: usize) -> Actor {
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

    fn cmp(&mut self, c: Cmp, p: DataPath) -> Cmp {
        match c {
            Cmp::Above(x) => Cmp::Above(self.finite(x, p, "the comparison")),
            Cmp::Below(x) => Cmp::Below(self.finite(x, p, "the comparison")),
        }
    }

    fn cond(&mut self, c: &Condition, p: DataPath) -> Cond {
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
            Happening::AgreementSigned { norm } => Happen::AgreementSigned {
                norm: norm.as_ref().map(|n| self.norm(n, p.field("norm"))),
            },
            Happening::NormViolated { norm } => Happen::NormViolated {
                norm: norm.as_ref().map(|n| self.norm(n, p.field("norm"))),
            },
        }
    }

    fn effect(&mut self, e: &Effect, p: DataPath) -> Eff {
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
            Effect::Inject(i) => Eff::Inject(self.inject(i, p)),
            Effect::EndGame { outcome, text } => Eff::EndGame(*outcome, text.clone()),
        }
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
