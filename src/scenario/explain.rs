//! Turns the RON parser's errors into sentences an instructor can act on: which field or value is
//! wrong, what was expected, and an example of what to write, with the place narrowed down by
//! the source scanner.

use super::issue::closest;
use super::source::{Entry, Kind, Node, Source, Span};
use ron::error::Error;

/// A parser error put in words, with the span it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explained {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// A stable name for the kind of mistake, e.g. `syntax-expected-comma`.
    pub code: String,
}

/// The code of a parser error: `syntax-` and the error's kind in kebab case
/// (`ExpectedComma` → `syntax-expected-comma`).
pub fn syntax_code(e: &Error) -> String {
    let debug = format!("{e:?}");
    let name = debug
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    let mut out = String::from("syntax");
    for c in name.chars() {
        if c.is_uppercase() {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// What the people writing scenarios call the file's structs and enums.
pub fn noun(type_name: &str) -> String {
    let s = match type_name {
        "ScenarioFile" => "the scenario",
        "IntentDef" => "intent",
        "IntentShift" => "intent shift",
        "ActorDef" => "actor",
        "Capabilities" => "capabilities",
        "AssetDef" => "asset",
        "RelationDef" => "relation",
        "IndicatorDef" => "indicator",
        "RungDef" => "ladder rung",
        "NormDef" => "norm",
        "ActionDef" => "action",
        "VariableDef" => "variable",
        "RuleDef" => "rule",
        "InjectDef" => "inject",
        "SettlementDef" => "settlement",
        "Payoffs" => "payoffs",
        "ModelParams" => "model",
        "ScoreWeights" => "score",
        "Doctrine" => "doctrine",
        "ActorKind" => "actor kind",
        "Layer" => "layer",
        "Protection" => "protection",
        "Channel" => "channel",
        "OpKind" => "operation kind",
        "ActionKind" => "action kind",
        "Cmp" => "comparison",
        "Condition" => "condition",
        "Happening" => "happening",
        "Effect" => "effect",
        "EndKind" => "outcome",
        "InjectKind" => "inject kind",
        // The test plan's.
        "PlanFile" => "the test plan",
        "CaseDef" => "case",
        "OrdersDef" => "orders",
        "ExpectDef" => "expectation",
        "CheckDef" => "check",
        "Strategy" => "strategy",
        "Posture" => "posture",
        "Ending" => "ending",
        "Bound" => "bound",
        // A struct variant such as `Tension(a: .., b: .., is: ..)`.
        other => return format!("`{other}(..)`"),
    };
    s.to_string()
}

fn with_article(noun: &str) -> String {
    if noun.starts_with('`') || noun.starts_with("the ") {
        noun.to_string()
    } else if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        format!("an {noun}")
    } else {
        format!("a {noun}")
    }
}

/// The struct a top-level field or nested field of that name holds (`assets` → `AssetDef`).
fn struct_of_field(field: &str, top_level: bool) -> Option<&'static str> {
    Some(match field {
        "intents" if top_level => "IntentDef",
        "actors" => "ActorDef",
        "assets" => "AssetDef",
        "relations" => "RelationDef",
        "indicators" => "IndicatorDef",
        "ladder" => "RungDef",
        "norms" => "NormDef",
        "actions" => "ActionDef",
        "variables" => "VariableDef",
        "rules" => "RuleDef",
        "injects" => "InjectDef",
        "settlements" => "SettlementDef",
        "payoffs" => "Payoffs",
        "model" => "ModelParams",
        "score" => "ScoreWeights",
        "capabilities" => "Capabilities",
        "shift" => "IntentShift",
        _ => return None,
    })
}

/// An example of every enum variant that carries data, as an author would write it.
pub const VARIANT_EXAMPLES: &[(&str, &str, &str)] = &[
    ("Condition", "Always", "Always"),
    (
        "Condition",
        "All",
        "All([TurnAtLeast(3), RungAtLeast(\"crisis\")])",
    ),
    (
        "Condition",
        "Any",
        "Any([Turn(4), RungAtLeast(\"crisis\")])",
    ),
    ("Condition", "Not", "Not(RungAtLeast(\"crisis\"))"),
    ("Condition", "TurnAtLeast", "TurnAtLeast(3)"),
    ("Condition", "Turn", "Turn(3)"),
    ("Condition", "RungAtLeast", "RungAtLeast(\"crisis\")"),
    (
        "Condition",
        "Tension",
        "Tension(a: \"atlantis\", b: \"borealis\", is: Above(2.0))",
    ),
    (
        "Condition",
        "Trust",
        "Trust(a: \"atlantis\", b: \"borealis\", is: Below(0.3))",
    ),
    (
        "Condition",
        "Fear",
        "Fear(actor: \"atlantis\", of: \"borealis\", is: Above(0.5))",
    ),
    (
        "Condition",
        "Pressure",
        "Pressure(actor: \"atlantis\", is: Above(0.7))",
    ),
    (
        "Condition",
        "Reputation",
        "Reputation(actor: \"atlantis\", is: Below(0.3))",
    ),
    (
        "Condition",
        "Variable",
        "Variable(id: \"outrage\", is: Above(2.0))",
    ),
    (
        "Condition",
        "Intent",
        "Intent(actor: \"borealis\", is: \"revisionist\")",
    ),
    (
        "Condition",
        "Agreement",
        "Agreement(a: \"atlantis\", b: \"borealis\", norm: \"no-ci-attacks\")",
    ),
    (
        "Condition",
        "ChannelOpen",
        "ChannelOpen(a: \"atlantis\", b: \"borealis\", channel: Hotline)",
    ),
    (
        "Condition",
        "Posture",
        "Posture(actor: \"borealis\", toward: \"atlantis\", is: Restrain)",
    ),
    (
        "Condition",
        "MeasureInForce",
        "MeasureInForce(a: \"atlantis\", b: \"borealis\", measure: NotifyExercises)",
    ),
    (
        "Condition",
        "Intruded",
        "Intruded(by: \"borealis\", victim: \"atlantis\")",
    ),
    ("Condition", "Chance", "Chance(0.25)"),
    (
        "Condition",
        "Happened",
        "Happened(IncidentDetected(victim: \"atlantis\"))",
    ),
    (
        "Happening",
        "IncidentDetected",
        "IncidentDetected(victim: \"atlantis\", op: Disruption, by: \"borealis\")",
    ),
    (
        "Happening",
        "OperationCompleted",
        "OperationCompleted(by: \"borealis\", op: Espionage)",
    ),
    (
        "Happening",
        "ActionTaken",
        "ActionTaken(by: \"atlantis\", kind: Demarche, target: \"borealis\")",
    ),
    (
        "Happening",
        "ProposalAccepted",
        "ProposalAccepted(by: \"borealis\", from: \"atlantis\", measure: OpenHotline)",
    ),
    (
        "Happening",
        "AgreementSigned",
        "AgreementSigned(norm: \"no-ci-attacks\")",
    ),
    (
        "Happening",
        "NormViolated",
        "NormViolated(norm: \"no-ci-attacks\")",
    ),
    ("Effect", "MoveLadder", "MoveLadder(1)"),
    ("Effect", "SetRung", "SetRung(\"crisis\")"),
    (
        "Effect",
        "AddTension",
        "AddTension(a: \"atlantis\", b: \"borealis\", by: 1.0)",
    ),
    (
        "Effect",
        "AddTrust",
        "AddTrust(a: \"atlantis\", b: \"borealis\", by: -0.1)",
    ),
    (
        "Effect",
        "AddPressure",
        "AddPressure(actor: \"atlantis\", by: 0.1)",
    ),
    (
        "Effect",
        "AddReputation",
        "AddReputation(actor: \"atlantis\", by: -0.1)",
    ),
    (
        "Effect",
        "SetVariable",
        "SetVariable(id: \"outrage\", to: 0.0)",
    ),
    (
        "Effect",
        "AddVariable",
        "AddVariable(id: \"outrage\", by: 1.0)",
    ),
    (
        "Effect",
        "ShiftIntent",
        "ShiftIntent(actor: \"borealis\", to: \"revisionist\")",
    ),
    (
        "Effect",
        "StartOperation",
        "StartOperation(by: \"borealis\", target: \"north-grid\", op: Disruption)",
    ),
    (
        "Effect",
        "OpenChannel",
        "OpenChannel(a: \"atlantis\", b: \"borealis\", channel: Hotline)",
    ),
    (
        "Effect",
        "RevealIntrusion",
        "RevealIntrusion(by: \"borealis\", target: \"north-grid\", op: PrePositioning)",
    ),
    ("Effect", "Inject", "Inject(\"blackout-news\")"),
    (
        "Effect",
        "EndGame",
        "EndGame(outcome: Failure, text: \"The crisis turned into war.\")",
    ),
    ("Cmp", "Above", "Above(0.5)"),
    ("Cmp", "Below", "Below(0.5)"),
];

fn variant_example(name: &str) -> Option<&'static str> {
    VARIANT_EXAMPLES
        .iter()
        .find(|(_, v, _)| *v == name)
        .map(|(_, _, e)| *e)
}

/// An example value for `field` of the struct or struct variant `owner`, as written in a file.
pub fn field_example(owner: Option<&str>, field: &str) -> Option<&'static str> {
    let owner = owner.unwrap_or("");
    Some(match (owner, field) {
        ("ScenarioFile", "format") => "1",
        ("ScenarioFile", "id") => "\"grid-probe\"",
        ("ScenarioFile", "title") => "\"Grid probe\"",
        ("ScenarioFile", "author") => "\"Your name\"",
        ("ScenarioFile", "briefing") => "\"What every player reads before the first turn.\"",
        ("ScenarioFile", "objectives") => "[\"Keep the crisis below armed conflict\"]",
        ("ScenarioFile", "debrief_questions") => "[\"What did the other side believe?\"]",
        ("ScenarioFile", "turn_limit") => "12",
        ("ScenarioFile", "days_per_turn") => "7",
        ("ScenarioFile", "playable") => "[\"atlantis\"]",
        ("ScenarioFile", "intents") => {
            "[(id: \"security-seeker\", name: \"Security seeker\", hostility: 0.2, doctrine: SecuritySeeker, operations: {Reconnaissance: 1.0})]"
        }
        ("ScenarioFile", "actors") => {
            "[(id: \"atlantis\", name: \"Atlantis\", kind: State, intents: {\"security-seeker\": 1.0}, capabilities: (offence: 0.5, detection: 0.5, attribution: 0.5, resilience: 0.5))]"
        }
        ("ScenarioFile", "assets") => {
            "[(id: \"north-grid\", owner: \"atlantis\", name: \"Northern grid\", layer: Physical, criticality: 0.8)]"
        }
        ("ScenarioFile", "relations") => "[(between: (\"atlantis\", \"borealis\"))]",
        ("ScenarioFile", "indicators") => {
            "[(id: \"scan-traffic\", name: \"Scanning traffic\", likelihood: {Reconnaissance: 0.7})]"
        }
        ("ScenarioFile", "ladder") => {
            "[(id: \"competition\", name: \"Stable competition\", threshold: 0.0), (id: \"crisis\", name: \"Crisis\", threshold: 10.0)]"
        }
        ("ScenarioFile", "norms") => {
            "[(id: \"no-ci-attacks\", name: \"No attacks on critical infrastructure\", forbids: [Disruption])]"
        }
        ("ScenarioFile", "actions") => "[(kind: Message, cost: 0, weight: 0.0)]",
        ("ScenarioFile", "variables") => "[(id: \"outrage\")]",
        ("ScenarioFile", "rules") => {
            "[(id: \"escalate\", when: TurnAtLeast(3), then: [MoveLadder(1)])]"
        }
        ("ScenarioFile", "injects") => {
            "[(id: \"opening\", kind: Cable, title: \"Implants found\", text: \"...\", at_turn: 1)]"
        }
        ("ScenarioFile", "settlements") => {
            "[(id: \"pact\", name: \"Pact\", text: \"...\", when: Agreement(a: \"atlantis\", b: \"borealis\", norm: \"no-ci-attacks\"))]"
        }
        ("ScenarioFile", "payoffs") => {
            "(mutual_restraint: 3.0, mutual_intensify: 1.0, temptation: 5.0, sucker: 0.0)"
        }
        ("ScenarioFile", "model") => "(tension_decay: 0.8)",
        ("ScenarioFile", "score") => {
            "(conflict_avoided: 0.4, interest: 0.2, norms: 0.2, reputation: 0.1, assessment: 0.1)"
        }
        ("IntentDef", "id") => "\"security-seeker\"",
        ("ActorDef", "id") | ("ActorDef", "sponsor") => "\"atlantis\"",
        ("AssetDef", "id") => "\"north-grid\"",
        ("IndicatorDef", "id") => "\"scan-traffic\"",
        ("RungDef", "id") => "\"crisis\"",
        ("NormDef", "id") => "\"no-ci-attacks\"",
        ("VariableDef", "id")
        | ("Variable", "id")
        | ("SetVariable", "id")
        | ("AddVariable", "id") => "\"outrage\"",
        ("RuleDef", "id") => "\"escalate\"",
        ("InjectDef", "id") => "\"blackout-news\"",
        ("SettlementDef", "id") => "\"pact\"",
        (_, "id") => "\"short-id\"",
        (_, "name") => "\"A name\"",
        (_, "title") => "\"A title\"",
        (_, "description") | (_, "text") => "\"Some text.\"",
        ("ActionDef", "kind") => "Demarche",
        ("ActionTaken", "kind") => "Demarche",
        ("InjectDef", "kind") => "News",
        (_, "kind") => "State",
        ("ActorDef", "intents") => "{\"security-seeker\": 0.7, \"revisionist\": 0.3}",
        (_, "hostility") => "0.5",
        (_, "doctrine") => "SecuritySeeker",
        (_, "operations") => "{Reconnaissance: 0.6, Espionage: 0.4}",
        (_, "shift") => "(to: \"revisionist\", fear_above: 0.7)",
        ("IntentShift", "to") | ("ShiftIntent", "to") => "\"revisionist\"",
        ("SetVariable", "to") => "0.0",
        (_, "fear_above") => "0.7",
        (_, "capabilities") => "(offence: 0.5, detection: 0.5, attribution: 0.5, resilience: 0.5)",
        (_, "offence" | "detection" | "attribution" | "resilience") => "0.5",
        (_, "pressure") => "0.2",
        (_, "reputation") => "0.5",
        (_, "capital") => "3",
        (_, "owner") => "\"atlantis\"",
        (_, "layer") => "Physical",
        (_, "criticality") => "0.5",
        (_, "protected" | "protects") => "[CriticalInfrastructure]",
        (_, "between") => "(\"atlantis\", \"borealis\")",
        (_, "trust") => "0.5",
        (_, "tension") => "0.0",
        (_, "channels") => "[Embassy, Hotline]",
        (_, "agreements") => "[\"no-ci-attacks\"]",
        (_, "forensic") => "false",
        (_, "likelihood") => "{Reconnaissance: 0.7, PrePositioning: 0.3}",
        (_, "threshold") => "10.0",
        (_, "forbids") => "[Disruption, Degeneration]",
        (_, "cost") => "1",
        (_, "weight") => "0.0",
        (_, "start") => "0.0",
        (_, "when") => "TurnAtLeast(3)",
        (_, "then") => "[MoveLadder(1)]",
        (_, "repeat") => "false",
        (_, "at_turn") => "3",
        (_, "audience") => "[\"atlantis\"]",
        (_, "after_turn") => "0",
        (_, "only_if") => "Intruded(by: \"borealis\", victim: \"atlantis\")",
        (_, "prior_by") => "{\"borealis\": {\"revisionist\": 0.8, \"security-seeker\": 0.2}}",
        (_, "from") => "\"atlantis\"",
        ("Intent", "is") => "\"revisionist\"",
        ("Posture", "is") => "Restrain",
        (_, "is") => "Above(0.5)",
        (_, "a" | "actor" | "victim") => "\"atlantis\"",
        (_, "b" | "of" | "toward") => "\"borealis\"",
        (
            "OperationCompleted" | "ActionTaken" | "StartOperation" | "RevealIntrusion"
            | "IncidentDetected" | "Intruded" | "ProposalAccepted",
            "by",
        ) => "\"borealis\"",
        ("ActionTaken", "target") => "\"borealis\"",
        (_, "measure") => "NotifyExercises",
        (_, "by") => "0.1",
        (_, "norm") => "\"no-ci-attacks\"",
        (_, "channel") => "Hotline",
        (_, "op") => "Espionage",
        (_, "target") => "\"north-grid\"",
        (_, "outcome") => "Failure",
        (_, "mutual_restraint") => "3.0",
        (_, "mutual_intensify") => "1.0",
        (_, "temptation") => "5.0",
        (_, "sucker") => "0.0",
        (_, "postures_visible") => "false",
        ("ModelParams", "stealthy_dwell_days" | "noisy_dwell_days" | "attribution_tau") => "14.0",
        ("ModelParams", _) => "0.5",
        (_, "conflict_avoided" | "interest" | "norms" | "assessment") => "0.2",
        _ => return None,
    })
}

/// Where an error sits in the structure: the value at the error, the entry holding it, and the
/// group holding that entry with the type it stands for.
struct Context<'s> {
    node: Option<&'s Node>,
    /// The entry whose value (or key) is `node`.
    entry: Option<&'s Entry>,
    /// The group, list or map that holds `entry`.
    parent: Option<&'s Node>,
    /// The struct or variant `parent` stands for, when known (`AssetDef`, `Tension`).
    owner: Option<String>,
    /// Whether `node` is the key of `entry` rather than its value.
    on_key: bool,
}

fn context<'s>(src: &'s Source<'_>, offset: usize) -> Context<'s> {
    let trail = src.trail(offset);
    let mut owner: Option<String> = None;
    let mut owners = Vec::new();
    for (i, (entry, node)) in trail.iter().enumerate() {
        // The type this node stands for, from its name or the field holding it.
        if i == 0 {
            owner = Some("ScenarioFile".into());
        } else if let Some(name) = src.name_of(node) {
            owner = Some(name.to_string());
        } else if let Some(key) = entry.and_then(|e| e.key.as_ref()) {
            owner = struct_of_field(&src.key_text(key), i == 1).map(str::to_string);
        } else if !matches!(trail[i - 1].1.kind, Kind::List(_)) {
            owner = None;
        }
        // List elements keep the type of the field holding the list.
        owners.push(owner.clone());
    }
    let n = trail.len();
    let (entry, node) = trail.last().map_or((None, None), |(e, n)| (*e, Some(*n)));
    let on_key = match (entry, node) {
        (Some(e), Some(n)) => e.key.as_ref().is_some_and(|k| std::ptr::eq(k, n)),
        _ => false,
    };
    Context {
        node,
        entry,
        parent: (n >= 2).then(|| trail[n - 2].1),
        owner: if n >= 2 { owners[n - 2].clone() } else { None },
        on_key,
    }
}

impl Context<'_> {
    /// The struct field whose value is at the error.
    fn field(&self, src: &Source<'_>) -> Option<String> {
        if self.on_key
            || !self
                .parent
                .is_some_and(|p| matches!(p.kind, Kind::Group { .. }))
        {
            return None;
        }
        self.entry?.key.as_ref().map(|k| src.key_text(k))
    }
}

/// A short quote of a value for a message: its first line, cut at 40 characters.
fn quote(src: &Source<'_>, node: &Node) -> String {
    let text = src.slice(node.span);
    let line = text.lines().next().unwrap_or("");
    let mut q: String = line.chars().take(40).collect();
    if q.len() < text.len() {
        q.push_str(" ...");
    }
    q
}

fn one_of(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Explains a RON error reported at `start..end` (byte offsets) of the scanned source `src`, or
/// of `text` alone when its structure could not be scanned.
/// The file names structs as authors write them (`Asset(..)`); the tables here use the Rust
/// type names (`AssetDef`), so the parser's names are mapped back first.
fn rust_names(code: &Error) -> Error {
    fn map(name: &str) -> Option<&'static str> {
        Some(match name {
            "Scenario" => "ScenarioFile",
            "Intent" => "IntentDef",
            "Actor" => "ActorDef",
            "Asset" => "AssetDef",
            "Relation" => "RelationDef",
            "Indicator" => "IndicatorDef",
            "Rung" => "RungDef",
            "Norm" => "NormDef",
            "Action" => "ActionDef",
            "Variable" => "VariableDef",
            "Rule" => "RuleDef",
            "Inject" => "InjectDef",
            "Settlement" => "SettlementDef",
            _ => return None,
        })
    }
    let outer = |o: &Option<String>| {
        o.as_deref()
            .map(|n| map(n).map_or_else(|| n.to_owned(), str::to_owned))
    };
    match code {
        Error::NoSuchStructField {
            expected,
            found,
            outer: o,
        } => Error::NoSuchStructField {
            expected,
            found: found.clone(),
            outer: outer(o),
        },
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer: o,
        } => Error::NoSuchEnumVariant {
            expected,
            found: found.clone(),
            outer: outer(o),
        },
        Error::MissingStructField { field, outer: o } => Error::MissingStructField {
            field,
            outer: outer(o),
        },
        Error::DuplicateStructField { field, outer: o } => Error::DuplicateStructField {
            field,
            outer: outer(o),
        },
        Error::ExpectedDifferentStructName { expected, found } => {
            Error::ExpectedDifferentStructName {
                expected: map(expected).unwrap_or(expected),
                found: found.clone(),
            }
        }
        other => other.clone(),
    }
}

pub fn explain(
    code: &Error,
    start: usize,
    end: usize,
    text: &str,
    src: Option<&Source<'_>>,
) -> Explained {
    let code = &rust_names(code);
    // The parser often reports the position before the whitespace it was about to skip.
    let start = skip_trivia(text, start);
    let end = end.max(start);
    let default_span = if end > start && !text[start..end.min(text.len())].contains('\n') {
        Span::new(start, end)
    } else {
        let len = text[start.min(text.len())..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        Span::new(start, start + len)
    };
    let plain = |message: String, help: Option<String>| Explained {
        code: syntax_code(code),
        span: default_span,
        message,
        help,
    };
    let ctx = src.map(|s| (s, context(s, start)));

    // A comma right after another, or right after an opening bracket: whatever the parser
    // expected there, the fix is to delete it.
    if text[start.min(text.len())..].starts_with(',') {
        let before = text[..start].trim_end_matches(|c: char| c.is_whitespace());
        let what = match before.chars().last() {
            Some(',') => Some("one comma too many"),
            Some('(' | '[' | '{') => Some("a comma with nothing before it"),
            _ => None,
        };
        if let Some(what) = what {
            return Explained {
                code: "syntax-comma-too-many".into(),
                ..plain(what.into(), Some("delete this comma".into()))
            };
        }
    }

    match code {
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let noun = outer.as_deref().map_or("this group".to_string(), noun);
            let help = match closest(found, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!(
                    "the fields of {} are {}",
                    with_article(&noun),
                    one_of(expected)
                ),
            };
            return plain(format!("unknown field `{found}` in {noun}"), Some(help));
        }
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let noun = outer.as_deref().map_or("variant".to_string(), noun);
            let help = match closest(found, expected.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("write one of {}", one_of(expected)),
            };
            return plain(format!("unknown {noun} `{found}`"), Some(help));
        }
        Error::MissingStructField { field, outer } => {
            let owner = outer.as_deref();
            let noun = owner.map_or("this group".to_string(), noun);
            let mut what = noun.clone();
            if let Some(src) = src
                && owner.is_some_and(|o| o.ends_with("Def"))
                && let Some(group) = src.group_closed_at(start)
                && let Some(id) = src.field(group, "id")
                && let Kind::Str(id) = &id.value.kind
            {
                what = format!("{noun} \"{id}\"");
            }
            let example = field_example(owner, field).unwrap_or("...");
            let message = if owner == Some("ScenarioFile") {
                format!("the scenario has no `{field}`")
            } else {
                format!("{what} has no `{field}`")
            };
            return plain(message, Some(format!("add  {field}: {example},")));
        }
        Error::DuplicateStructField { field, outer } => {
            let noun = outer.as_deref().map_or("this group".to_string(), noun);
            return plain(
                format!("`{field}` is written twice in {noun}"),
                Some("keep only one of them".into()),
            );
        }
        Error::ExpectedDifferentStructName { expected, found } => {
            let noun = noun(expected);
            return plain(
                format!("`{found}` is not the name of {}", with_article(&noun)),
                Some(format!(
                    "leave the name out and start with `(`, or write `{expected}(`"
                )),
            );
        }
        _ => {}
    }

    // Errors that name no field: look at what is written where the parser stopped.
    if let Some((src, ctx)) = &ctx
        && let Some(found) = explain_value(code, start, src, ctx)
    {
        return found;
    }

    let (message, help): (String, Option<&str>) = match code {
        Error::ExpectedComma => (
            "expected a comma".into(),
            Some("separate fields and list items with `,`"),
        ),
        Error::ExpectedIdentifier => match text[start.min(text.len())..].chars().next() {
            Some(c) if !c.is_alphanumeric() => (
                format!("expected a field name, found `{c}`"),
                Some("write `name: value`"),
            ),
            _ => ("expected a field name".into(), Some("write `name: value`")),
        },
        Error::ExpectedMapColon => (
            "expected `:`".into(),
            Some("write `:` between a field name or key and its value"),
        ),
        Error::ExpectedStructLikeEnd => (
            "expected `)`".into(),
            Some("close the parentheses, or put a comma between values"),
        ),
        Error::ExpectedArrayEnd => (
            "expected `]`".into(),
            Some("close the list, or put a comma between items"),
        ),
        Error::ExpectedMapEnd => (
            "expected `}`".into(),
            Some("close the map, or put a comma between entries"),
        ),
        Error::ExpectedStringEnd => (
            "this string is never closed".into(),
            Some("end it with a `\"`"),
        ),
        Error::UnclosedBlockComment => (
            "this comment is never closed".into(),
            Some("end it with `*/`"),
        ),
        Error::Eof => (
            "the file ends too early".into(),
            Some("close the brackets and strings opened above"),
        ),
        Error::TrailingCharacters => (
            "there is more text after the end of the scenario".into(),
            Some(
                "the scenario ends at the `)` that closes its first `(`: remove what follows, or check the brackets above",
            ),
        ),
        Error::ExpectedNamedStructLike(_)
            if text.trim().is_empty() || src.is_some_and(|s| s.root.is_none()) =>
        {
            (
                "the file is empty".into(),
                Some("a scenario starts with `(format: 1,` and ends with `)`"),
            )
        }
        Error::ExpectedNamedStructLike(_) => (
            "expected `(`".into(),
            Some("a scenario is one group in parentheses: `(format: 1, ...)`"),
        ),
        Error::UnexpectedChar('=') => (
            "unexpected `=`".into(),
            Some("write `:` between a field name and its value"),
        ),
        Error::UnexpectedChar(';') => ("unexpected `;`".into(), Some("separate values with `,`")),
        Error::UnexpectedChar(c) => (format!("unexpected character `{c}`"), None),
        Error::InvalidEscape(what) => (
            format!("{} in a string", what.to_lowercase()),
            Some("write `\\\\` for a backslash, `\\\"` for a quote, `\\n` for a new line"),
        ),
        Error::IntegerOutOfBounds => ("this number is out of range".into(), None),
        Error::SuggestRawIdentifier(name) | Error::InvalidIdentifier(name) => {
            let message = format!("`{name}` is not a valid name");
            let fixed = name.replace('-', "_");
            let help = if fixed != *name && !fixed.starts_with(|c: char| c.is_ascii_digit()) {
                format!("names use letters, digits and `_`: did you mean `{fixed}`?")
            } else {
                "names use letters, digits and `_`, and start with a letter".to_string()
            };
            return plain(message, Some(help));
        }
        Error::ExceededRecursionLimit => ("the values are nested too deeply".into(), None),
        other => (lower_first(&other.to_string()), None),
    };
    plain(message, help.map(str::to_string))
}

/// The first offset from `i` on that is not whitespace or a comment.
fn skip_trivia(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
        } else if text[i..].starts_with("//") {
            i = text[i..].find('\n').map_or(b.len(), |n| i + n);
        } else if text[i..].starts_with("/*") {
            i = text[i..].find("*/").map_or(b.len(), |n| i + n + 2);
        } else {
            break;
        }
    }
    i
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if !s.starts_with("RON") => f.to_lowercase().chain(c).collect(),
        _ => s.to_string(),
    }
}

/// What kind of value an error says was expected, in words.
fn expected_phrase(code: &Error) -> Option<String> {
    Some(
        match code {
            Error::ExpectedFloat => "a number",
            Error::ExpectedInteger | Error::IntegerOutOfBounds => "a whole number",
            Error::ExpectedString => "text in double quotes",
            Error::ExpectedBoolean => "`true` or `false`",
            Error::ExpectedArray => "a list in square brackets `[...]`",
            Error::ExpectedMap => "a map in braces `{...}`",
            Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_) => {
                "a group in parentheses `(...)`"
            }
            Error::ExpectedChar => "a character in single quotes",
            Error::ExpectedUnit => "`()`",
            Error::ExpectedIdentifier | Error::SuggestRawIdentifier(_) => {
                "one of its named choices (a name without quotes)"
            }
            Error::InvalidValueForType { expected, .. } => {
                return Some(
                    match expected.as_str() {
                        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" => {
                            "a whole number"
                        }
                        "f32" | "f64" => "a number",
                        "a string" | "string" => "text in double quotes",
                        "a sequence" => "a list in square brackets `[...]`",
                        "a map" => "a map in braces `{...}`",
                        "a boolean" => "`true` or `false`",
                        other => return Some(other.to_string()),
                    }
                    .to_string(),
                );
            }
            Error::ExpectedDifferentLength { expected, .. } => return Some(expected.clone()),
            _ => return None,
        }
        .to_string(),
    )
}

fn is_number(s: &str) -> bool {
    let s = s.trim_start_matches(['-', '+']);
    s.starts_with(|c: char| c.is_ascii_digit() || c == '.') && s.parse::<f64>().is_ok()
}

fn explain_value(
    code: &Error,
    start: usize,
    src: &Source<'_>,
    ctx: &Context<'_>,
) -> Option<Explained> {
    // A tuple of the wrong length: the parser stops at its closing bracket.
    if let Error::ExpectedDifferentLength { expected, found } = code
        && let Some(group) = src.group_closed_at(start)
        && group.span.start != start
    {
        let ctx = context(src, group.span.start);
        let field = ctx.field(src);
        let want = expected
            .strip_prefix("a tuple of size ")
            .map_or(expected.clone(), |n| format!("{n} values"));
        let message = match &field {
            Some(f) => format!("`{f}` should have {want}, but has {found}"),
            None => format!("expected {want} here, but there are {found}"),
        };
        let help = field.as_deref().and_then(|f| {
            field_example(ctx.owner.as_deref(), f).map(|ex| format!("write e.g. `{f}: {ex}`"))
        });
        return Some(Explained {
            code: syntax_code(code),
            span: group.span,
            message,
            help,
        });
    }
    let node = ctx.node?;
    let text = src.slice(node.span);
    let field = ctx.field(src);
    let example = field
        .as_deref()
        .and_then(|f| field_example(ctx.owner.as_deref(), f));
    let syntax = matches!(
        code,
        Error::ExpectedComma
            | Error::ExpectedStructLikeEnd
            | Error::ExpectedArrayEnd
            | Error::ExpectedMapEnd
            | Error::TrailingCharacters
    );

    // A decimal comma: `0,5` read as `0` and a field named `5`.
    if let Error::SuggestRawIdentifier(s) | Error::InvalidIdentifier(s) = code
        && s.chars().all(|c| c.is_ascii_digit())
        && let Some(before) = src.text()[..start].strip_suffix(',')
        && before.ends_with(|c: char| c.is_ascii_digit())
    {
        let whole: String = before
            .chars()
            .rev()
            .take_while(char::is_ascii_digit)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Some(Explained {
            code: syntax_code(code),
            span: Span::new(start - 1 - whole.len(), node.span.end),
            message: format!("`{whole},{s}`: numbers take a decimal point, not a comma"),
            help: Some(format!("write {whole}.{s}")),
        });
    }

    // The parser read the start of a number and stopped: `1.5` where a whole number belongs.
    if syntax
        && node.is_leaf()
        && node.span.start < start
        && start < node.span.end
        && is_number(text)
    {
        let what = field.map_or("this value".to_string(), |f| format!("`{f}`"));
        return Some(Explained {
            code: syntax_code(code),
            span: node.span,
            message: format!("{what} should be a whole number, not `{text}`"),
            help: Some(format!(
                "write a whole number such as {}",
                text.parse::<f64>().map_or(1.0, f64::round)
            )),
        });
    }

    // `Always()`: a unit variant written with parentheses.
    if syntax
        && let Some(name) = src.name_of(node)
        && node.entries().is_empty()
        && start > node.span.start
        && start < node.span.end
    {
        return Some(Explained {
            code: syntax_code(code),
            span: node.span,
            message: format!("`{name}` takes nothing in parentheses"),
            help: Some(format!("write just `{name}`")),
        });
    }

    // `Not` or `Above` without the parentheses their content needs.
    if matches!(
        code,
        Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_)
    ) && matches!(node.kind, Kind::Scalar)
        && let Some(ex) = variant_example(text).filter(|e| e.contains('('))
    {
        return Some(Explained {
            code: syntax_code(code),
            span: node.span,
            message: format!("`{text}` needs its content in parentheses"),
            help: Some(format!("write e.g. `{ex}`")),
        });
    }

    // `Tension("a", "b")`: a struct variant written as a tuple.
    if matches!(code, Error::ExpectedIdentifier)
        && !ctx.on_key
        && ctx.entry.is_some_and(|e| e.key.is_none())
        && let Some(parent) = ctx.parent
        && let Some(name) = src.name_of(parent)
    {
        let help = variant_example(name).map_or_else(
            || format!("write `{name}(field: value, ...)`"),
            |ex| format!("write e.g. `{ex}`"),
        );
        return Some(Explained {
            code: syntax_code(code),
            span: node.span,
            message: format!("`{name}` needs named fields"),
            help: Some(help),
        });
    }

    // A comma missing between two entries: point after the value before it.
    if matches!(code, Error::ExpectedComma) && node.span.start == start {
        let prev = ctx.parent.and_then(|p| {
            let entries = p.entries();
            let i = entries.iter().position(|e| e.span().contains(start))?;
            i.checked_sub(1).map(|j| &entries[j])
        });
        if let Some(prev) = prev.filter(|p| p.comma.is_none()) {
            return Some(Explained {
                code: syntax_code(code),
                span: prev.value.span,
                message: "missing comma after this value".into(),
                help: Some(format!("write `,` after it, before `{}`", quote(src, node))),
            });
        }
    }

    // An opening bracket where a field name belongs: often a `)` missing before it.
    if matches!(code, Error::ExpectedIdentifier)
        && matches!(node.kind, Kind::Group { name: None, .. })
    {
        return Some(Explained {
            code: syntax_code(code),
            span: Span::new(node.span.start, node.span.start + 1),
            message: "expected a field name, found `(`".into(),
            help: Some("is a `)` missing before it?".into()),
        });
    }

    // A value where a struct needs a field name.
    if matches!(
        code,
        Error::ExpectedIdentifier | Error::SuggestRawIdentifier(_)
    ) && node.span.start == start
        && ctx.entry.is_some_and(|e| e.key.is_none())
        && ctx.parent.is_some_and(Node::is_struct)
    {
        return Some(Explained {
            code: syntax_code(code),
            span: node.span,
            message: format!("expected a field name, found `{}`", quote(src, node)),
            help: Some("write `name: value`".into()),
        });
    }

    // A value of the wrong kind.
    let phrase = expected_phrase(code)?;
    if node.span.start != start
        && !(node.is_leaf() && node.span.start <= start && start <= node.span.end)
    {
        return None;
    }
    if ctx.on_key {
        // A name written where a variant takes its value alone, as in `Inject(id: "x")`: the
        // fix is to drop the name, not to quote it.
        if let (Some(parent), Some(entry)) = (ctx.parent, ctx.entry)
            && let Kind::Group {
                name: Some(name),
                entries,
            } = &parent.kind
            && entries.len() == 1
            && matches!(code, Error::ExpectedString)
        {
            let variant = src.slice(*name);
            let value = src.slice(entry.value.span);
            return Some(Explained {
                code: "syntax-named-value".into(),
                span: Span::new(node.span.start, entry.value.span.start),
                message: format!("`{variant}` takes its value alone, without a name"),
                help: Some(format!("write {variant}({value})")),
            });
        }
        if matches!(code, Error::ExpectedString) {
            return Some(Explained {
                code: syntax_code(code),
                span: node.span,
                message: format!("this key should be text in double quotes, not `{text}`"),
                help: Some(format!("write \"{text}\"")),
            });
        }
        return None;
    }
    let found = quote(src, node);
    let message = match (&field, code) {
        (Some(f), Error::IntegerOutOfBounds) if text.starts_with('-') => {
            format!("`{f}` cannot be negative")
        }
        (None, Error::IntegerOutOfBounds) if text.starts_with('-') => {
            "this number cannot be negative".to_string()
        }
        (Some(f), Error::IntegerOutOfBounds) => format!("`{f}` is too large: `{found}`"),
        (Some(f), Error::ExpectedDifferentLength { found: n, .. }) => {
            format!("`{f}` should be {phrase}, but has {n}")
        }
        (Some(f), _) => format!("`{f}` should be {phrase}, not `{found}`"),
        (None, _) => format!("expected {phrase} here, not `{found}`"),
    };
    let unquoted = match &node.kind {
        Kind::Str(s) => Some(s.as_str()),
        _ => None,
    };
    let help = match (unquoted, code) {
        (Some(s), Error::ExpectedFloat | Error::ExpectedInteger) if is_number(s) => {
            format!("write the number without quotes: {s}")
        }
        (Some(s), Error::ExpectedIdentifier | Error::SuggestRawIdentifier(_))
            if s.chars().all(|c| c.is_alphanumeric()) && !s.is_empty() =>
        {
            format!("write it without quotes: {s}")
        }
        (None, Error::ExpectedString)
            if matches!(node.kind, Kind::Scalar) && !is_number(text) && !text.is_empty() =>
        {
            format!("put it in double quotes: \"{text}\"")
        }
        _ => match (&field, example) {
            (Some(f), Some(ex)) => format!("write e.g. `{f}: {ex}`"),
            _ => match code {
                Error::ExpectedFloat => "write a number such as 0.5".into(),
                Error::ExpectedInteger => "write a whole number such as 3".into(),
                Error::ExpectedString => "write text in double quotes, such as \"atlantis\"".into(),
                Error::ExpectedBoolean => "write true or false".into(),
                _ => {
                    return Some(Explained {
                        code: syntax_code(code),
                        span: node.span,
                        message,
                        help: None,
                    });
                }
            },
        },
    };
    Some(Explained {
        code: syntax_code(code),
        span: node.span,
        message,
        help: Some(help),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::file::*;
    use crate::scenario::ron_options;
    use serde::de::DeserializeOwned;

    /// Parses `text` as `T`, expecting an error, and explains it.
    fn explain_as<T: DeserializeOwned>(text: &str) -> Explained {
        let err = ron_options().from_str::<T>(text).err().expect("an error");
        let lines = super::super::source::LineIndex::new(text);
        let start = lines.offset(text, err.span.start.line, err.span.start.col);
        let end = lines.offset(text, err.span.end.line, err.span.end.col);
        let src = Source::scan(text).ok();
        explain(&err.code, start, end, text, src.as_ref())
    }

    fn spanned<'t>(text: &'t str, e: &Explained) -> &'t str {
        &text[e.span.start..e.span.end]
    }

    const ASSET: &str = "(id: \"grid\", owner: \"atlantis\", name: \"Grid\", layer: Physical";

    #[test]
    fn unknown_fields_suggest_the_near_one() {
        let text = format!("{ASSET}, critcality: 0.5)");
        let e = explain_as::<AssetDef>(&text);
        assert_eq!(e.message, "unknown field `critcality` in asset");
        assert_eq!(e.help.as_deref(), Some("did you mean `criticality`?"));
        assert_eq!(spanned(&text, &e), "critcality");
        let text = format!("{ASSET}, colour: 0.5)");
        let e = explain_as::<AssetDef>(&text);
        assert!(
            e.help
                .unwrap()
                .starts_with("the fields of an asset are `id`, `owner`")
        );
    }

    #[test]
    fn unknown_variants_suggest_the_near_one() {
        let text = "(id: \"r\", when: Tensoin(a: \"x\", b: \"y\", is: Above(2.0)), then: [])";
        let e = explain_as::<RuleDef>(text);
        assert_eq!(e.message, "unknown condition `Tensoin`");
        assert_eq!(e.help.as_deref(), Some("did you mean `Tension`?"));
        assert_eq!(spanned(text, &e), "Tensoin");
    }

    #[test]
    fn missing_fields_say_what_to_add() {
        let text = format!("{ASSET})");
        let e = explain_as::<AssetDef>(&text);
        assert_eq!(e.message, "asset \"grid\" has no `criticality`");
        assert_eq!(e.help.as_deref(), Some("add  criticality: 0.5,"));
        assert_eq!(spanned(&text, &e), ")");
        let e = explain_as::<RuleDef>("(id: \"r\", when: Tension(a: \"x\", b: \"y\"), then: [])");
        assert_eq!(e.message, "`Tension(..)` has no `is`");
        assert_eq!(e.help.as_deref(), Some("add  is: Above(0.5),"));
    }

    #[test]
    fn wrong_types_say_what_was_expected() {
        let text = format!("{ASSET}, criticality: \"high\")");
        let e = explain_as::<AssetDef>(&text);
        assert_eq!(
            e.message,
            "`criticality` should be a number, not `\"high\"`"
        );
        assert_eq!(e.help.as_deref(), Some("write e.g. `criticality: 0.5`"));
        assert_eq!(spanned(&text, &e), "\"high\"");

        let text = format!("{ASSET}, criticality: \"0.5\")");
        let e = explain_as::<AssetDef>(&text);
        assert_eq!(
            e.help.as_deref(),
            Some("write the number without quotes: 0.5")
        );

        let text = "(kind: Message, cost: 1.5, weight: 0.0)";
        let e = explain_as::<ActionDef>(text);
        assert_eq!(e.message, "`cost` should be a whole number, not `1.5`");
        assert_eq!(spanned(text, &e), "1.5");

        let text = "(kind: Message, cost: -1, weight: 0.0)";
        let e = explain_as::<ActionDef>(text);
        assert_eq!(e.message, "`cost` cannot be negative");

        let text = format!(
            "{}, layer: \"Physical\", criticality: 0.5)",
            &ASSET[..ASSET.len() - 17]
        );
        let e = explain_as::<AssetDef>(&text);
        assert_eq!(
            e.message,
            "`layer` should be one of its named choices (a name without quotes), not `\"Physical\"`"
        );
        assert_eq!(e.help.as_deref(), Some("write it without quotes: Physical"));

        let e = explain_as::<RelationDef>("(between: \"atlantis\")");
        assert_eq!(
            e.help.as_deref(),
            Some("write e.g. `between: (\"atlantis\", \"borealis\")`")
        );

        let e = explain_as::<InjectDef>("(id: x, kind: News, title: \"t\", text: \"t\")");
        assert_eq!(e.message, "`id` should be text in double quotes, not `x`");
        assert_eq!(e.help.as_deref(), Some("put it in double quotes: \"x\""));
    }

    #[test]
    fn variants_written_the_wrong_way() {
        let e = explain_as::<RuleDef>("(id: \"r\", when: Not, then: [])");
        assert_eq!(e.message, "`Not` needs its content in parentheses");
        let e = explain_as::<RuleDef>("(id: \"r\", when: Always(), then: [])");
        assert_eq!(e.message, "`Always` takes nothing in parentheses");
        let e = explain_as::<RuleDef>("(id: \"r\", when: Tension(\"a\", \"b\"), then: [])");
        assert_eq!(e.message, "`Tension` needs named fields");
        assert!(e.help.unwrap().contains("Tension(a: \"atlantis\""));
    }

    #[test]
    fn syntax_slips() {
        let text = "(kind: Message, cost: 1, weight: 0,5)";
        let e = explain_as::<ActionDef>(text);
        assert_eq!(
            e.message,
            "`0,5`: numbers take a decimal point, not a comma"
        );
        assert_eq!(spanned(text, &e), "0,5");
        let text = "(kind: Message\n cost: 1, weight: 0.5)";
        let e = explain_as::<ActionDef>(text);
        assert_eq!(e.message, "missing comma after this value");
        assert_eq!(spanned(text, &e), "Message");
        let e = explain_as::<ActionDef>("(kind = Message, cost: 1, weight: 0.5)");
        assert_eq!(e.message, "expected `:`");
    }

    /// The fields of struct `T`, as the parser lists them for an unknown one.
    fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
        match ron_options()
            .from_str::<T>("(no_such_field_: 0)")
            .map_err(|e| e.code)
        {
            Err(Error::NoSuchStructField { expected, .. }) => expected,
            other => panic!("no field list: {:?}", other.err()),
        }
    }

    /// `T` written with the example of every field that has one; it must parse, so every example
    /// is of the right type and every required field has one.
    fn from_examples<T: DeserializeOwned>(owner: &str) {
        let body: Vec<String> = fields_of::<T>()
            .iter()
            .filter_map(|f| field_example(Some(owner), f).map(|ex| format!("{f}: {ex}")))
            .collect();
        let text = format!("({})", body.join(", "));
        if let Err(e) = ron_options().from_str::<T>(&text) {
            panic!("{owner} from examples: {e}\n{text}");
        }
    }

    #[test]
    fn every_field_example_parses() {
        from_examples::<ScenarioFile>("ScenarioFile");
        from_examples::<IntentDef>("IntentDef");
        from_examples::<IntentShift>("IntentShift");
        from_examples::<ActorDef>("ActorDef");
        from_examples::<Capabilities>("Capabilities");
        from_examples::<AssetDef>("AssetDef");
        from_examples::<RelationDef>("RelationDef");
        from_examples::<IndicatorDef>("IndicatorDef");
        from_examples::<RungDef>("RungDef");
        from_examples::<NormDef>("NormDef");
        from_examples::<ActionDef>("ActionDef");
        from_examples::<VariableDef>("VariableDef");
        from_examples::<RuleDef>("RuleDef");
        from_examples::<InjectDef>("InjectDef");
        from_examples::<SettlementDef>("SettlementDef");
        from_examples::<Payoffs>("Payoffs");
        from_examples::<ModelParams>("ModelParams");
        from_examples::<ScoreWeights>("ScoreWeights");
        // Fields of struct variants, each on its own.
        for (ty, variant, ex) in VARIANT_EXAMPLES {
            let src = Source::scan(ex).expect("example scans");
            let root = src.root.as_ref().expect("example has a value");
            if !root.is_struct() {
                continue;
            }
            let fields: Vec<String> = root
                .entries()
                .iter()
                .filter_map(|e| e.key.as_ref().map(|k| src.key_text(k)))
                .collect();
            let body: Vec<String> = fields
                .iter()
                .map(|f| {
                    let v = field_example(Some(variant), f)
                        .unwrap_or_else(|| panic!("no example for {variant}.{f}"));
                    format!("{f}: {v}")
                })
                .collect();
            let text = format!("{variant}({})", body.join(", "));
            let ok = match *ty {
                "Condition" => ron_options().from_str::<Condition>(&text).is_ok(),
                "Happening" => ron_options().from_str::<Happening>(&text).is_ok(),
                "Effect" => ron_options().from_str::<Effect>(&text).is_ok(),
                _ => true,
            };
            assert!(ok, "field examples of {ty}::{variant} do not parse: {text}");
        }
    }

    #[test]
    fn names_with_dashes() {
        let e = explain_as::<ActionDef>("(kind: Message, co-st: 1, weight: 0.5)");
        assert_eq!(e.message, "`co-st` is not a valid name");
        assert_eq!(
            e.help.as_deref(),
            Some("names use letters, digits and `_`: did you mean `co_st`?")
        );
        let e = explain_as::<ActionDef>("(kind: Message, 1.5 cost: 1, weight: 0.5)");
        assert_eq!(e.message, "expected a field name, found `1.5`");
    }

    #[test]
    fn every_variant_example_parses() {
        for (ty, variant, ex) in VARIANT_EXAMPLES {
            let ok = match *ty {
                "Condition" => ron_options().from_str::<Condition>(ex).is_ok(),
                "Happening" => ron_options().from_str::<Happening>(ex).is_ok(),
                "Effect" => ron_options().from_str::<Effect>(ex).is_ok(),
                "Cmp" => ron_options().from_str::<Cmp>(ex).is_ok(),
                _ => false,
            };
            assert!(ok, "example of {ty}::{variant} does not parse: {ex}");
        }
    }
}
