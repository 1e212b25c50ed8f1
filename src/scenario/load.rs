//! Reading a scenario: its text in, a compiled `Scenario` with its warnings out, or every problem
//! found, each with its line and column. When the RON parser stops at a first error, each
//! top-level field and each element of the top-level lists is parsed on its own, so that every
//! broken actor, asset or rule is reported in one run.

use super::compile::compile;
use super::diagnostic::Diagnostic;
use super::explain::{Explained, explain};
use super::file::*;
use super::issue::{Issue, Severity, closest};
use super::lint::lint;
use super::model::Scenario;
use super::source::{Kind, LineIndex, Node, ScanError, Source, Span, Tok, tokenize};
use super::{content_hash, ron_options};
use crate::ids::{ActorId, ScenarioId};
use ron::error::{Error, SpannedError};
use serde::de::DeserializeOwned;
use std::fmt;

/// A scenario that passed every check, with the warnings about it.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub scenario: Scenario,
    pub warnings: Vec<Diagnostic>,
}

/// Why a scenario could not be loaded: its errors, and the warnings found on the way, errors
/// first, each group in the order of the file.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                f.write_str("\n\n")?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

/// Checks and compiles the scenario `text`, read from the file `file_name` (used in messages
/// only).
pub fn load(file_name: &str, text: &str) -> Result<Loaded, Report> {
    let hash = content_hash(text);
    let original = text;
    let unmarked = super::unmark(text);
    let text = unmarked.as_ref();
    let lines = LineIndex::new(text);
    let diag = |code: &str, span: Span, severity, message: String, help: Option<String>| {
        Diagnostic::at(file_name, text, &lines, span, severity, message, help).with_code(code)
    };

    // Typographic quotes where straight ones belong: one error for each quoted text, then the
    // rest of the file checked as if they were straight (a character for a character, so every
    // line and column stays).
    let curly = curly_quotes(text);
    if !curly.is_empty() {
        let mut diagnostics: Vec<Diagnostic> = curly
            .iter()
            .map(|(span, inner)| {
                let help = match inner {
                    Some(inner) => format!("write straight double quotes: \"{inner}\""),
                    None => "write straight double quotes `\"` around the text".into(),
                };
                let message = "typographic quotes are not quotes in a scenario file".to_owned();
                diag(
                    "syntax-typographic-quotes",
                    *span,
                    Severity::Error,
                    message,
                    Some(help),
                )
            })
            .collect();
        // Only the quotes become straight: the first and the last character of each span.
        let is_quote = |i: usize| {
            curly.iter().any(|(s, _)| {
                s.start == i
                    || text[..s.end]
                        .char_indices()
                        .next_back()
                        .is_some_and(|(j, _)| j == i)
            })
        };
        let straight: String = text
            .char_indices()
            .map(|(i, c)| {
                if CURLY.contains(&c) && is_quote(i) {
                    '"'
                } else {
                    c
                }
            })
            .collect();
        match load(file_name, &straight) {
            Ok(loaded) => diagnostics.extend(loaded.warnings),
            Err(report) => diagnostics.extend(report.diagnostics),
        }
        return Err(Report {
            diagnostics: tidy(diagnostics),
        });
    }

    let scanned = Source::scan(text);

    // Another Backchannel file given as a scenario: one error that says what it is.
    if let Some((what, help, span)) = other_kind(text) {
        let message = format!("this is {what}, not a scenario");
        return Err(Report {
            diagnostics: vec![diag(
                "file-other-kind",
                span,
                Severity::Error,
                message,
                Some(help.into()),
            )],
        });
    }

    // A newer format may mean anything: refuse it before reading further.
    if let Some((version, span)) = declared_format(text)
        && version > u64::from(FORMAT_VERSION)
    {
        let message = format!(
            "this file is written for scenario format {version}; this Backchannel reads format {FORMAT_VERSION} — update Backchannel"
        );
        return Err(Report {
            diagnostics: vec![diag("format-too-new", span, Severity::Error, message, None)],
        });
    }

    let file = match ron_options().from_str::<ScenarioFile>(text) {
        Ok(file) => file,
        Err(first) => {
            let problems = match &scanned {
                Ok(src) => Reparser::new(text, src, &lines).problems(&first),
                Err(broken) => broken_structure(text, &lines, &first, broken),
            };
            let diagnostics = problems
                .into_iter()
                .map(|p| diag(&p.code, p.span, Severity::Error, p.message, p.help))
                .collect();
            return Err(Report {
                diagnostics: tidy(diagnostics),
            });
        }
    };

    let src = scanned.ok();
    let to_diag = |issue: Issue| {
        let span = src
            .as_ref()
            .and_then(|s| s.locate(&issue.path))
            .unwrap_or_default();
        diag(issue.code, span, issue.severity, issue.message, issue.help)
    };
    let mut issues = lint(&file);
    issues.extend(name_matches_id(file_name, &file));
    let warnings = tidy(issues.into_iter().map(to_diag).collect());
    match compile(&file, hash) {
        Ok(mut scenario) => {
            // The text as given (byte-order mark and all): it is what the content hash covers.
            scenario.source = Some(std::sync::Arc::from(original));
            Ok(Loaded { scenario, warnings })
        }
        Err(issues) => {
            let mut diagnostics: Vec<Diagnostic> = issues.into_iter().map(to_diag).collect();
            diagnostics.extend(warnings);
            Err(Report {
                diagnostics: tidy(diagnostics),
            })
        }
    }
}

/// A scenario's id names its saves and its plan's file: a file named otherwise is a sign of a
/// copy whose id was not changed, or of a typo.
fn name_matches_id(file_name: &str, file: &ScenarioFile) -> Option<Issue> {
    let stem = std::path::Path::new(file_name)
        .file_name()?
        .to_str()?
        .strip_suffix(".ron")?;
    let id = file.id.as_str();
    // An id that is no slug has its own error; a file's name with underscores is its slug.
    let slug_id = crate::scenario::slugify(id) == id;
    (slug_id && stem != id && stem.replace('_', "-") != id).then(|| {
        Issue::warning(
            "id-not-file-name",
            crate::scenario::DataPath::root().field("id"),
            format!("the id \"{id}\" is not the file's name, \"{stem}\""),
        )
        .with_help(if crate::scenario::slugify(stem) == id {
            format!("rename the file {id}.ron")
        } else {
            format!(
                "rename the file {id}.ron, or write id: \"{}\" if the file's name is right",
                crate::scenario::slugify(stem)
            )
        })
    })
}

/// Errors before warnings, each in file order, without repeats.
fn tidy(mut d: Vec<Diagnostic>) -> Vec<Diagnostic> {
    d.sort_by_key(|d| (d.severity, d.line, d.col));
    d.dedup_by(|a, b| {
        (a.severity, a.line, a.col, &a.message) == (b.severity, b.line, b.col, &b.message)
    });
    d
}

/// The `format` the file declares, read from its tokens so that it is found even in a file this
/// version cannot parse.
fn declared_format(text: &str) -> Option<(u64, Span)> {
    let (toks, _) = tokenize(text);
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate() {
        match t.tok {
            Tok::Open(_) => depth += 1,
            Tok::Close(_) => depth = depth.saturating_sub(1),
            Tok::Word if depth == 1 && &text[t.span.start..t.span.end] == "format" => {
                if let [colon, value, ..] = &toks[i + 1..]
                    && colon.tok == Tok::Colon
                    && value.tok == Tok::Word
                {
                    let v = text[value.span.start..value.span.end].replace('_', "");
                    return v.parse().ok().map(|v| (v, value.span));
                }
            }
            _ => {}
        }
    }
    None
}

/// What a file is when its value is named as another Backchannel file (`TestPlan(`, `Save(`):
/// what to call it, what to do with it, and where its name is.
fn other_kind(text: &str) -> Option<(&'static str, &'static str, Span)> {
    let (toks, _) = tokenize(text);
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate() {
        match t.tok {
            Tok::Open(_) => depth += 1,
            Tok::Close(_) => depth = depth.saturating_sub(1),
            Tok::Word if depth == 0 => {
                if !matches!(toks.get(i + 1).map(|n| n.tok), Some(Tok::Open('('))) {
                    return None;
                }
                let found = match &text[t.span.start..t.span.end] {
                    "TestPlan" => (
                        "a test plan",
                        "run it with `backchannel test` on its scenario; a plan is named NAME.test.ron beside NAME.ron",
                    ),
                    "Save" => (
                        "a saved game",
                        "resume it with `backchannel play --load FILE`, or review it with `backchannel debrief FILE`",
                    ),
                    "Resume" => (
                        "an autosave",
                        "resume it with `backchannel play --continue`",
                    ),
                    "Manifest" => (
                        "a workshop's record",
                        "carry the workshop on with `backchannel serve --resume FOLDER`",
                    ),
                    _ => return None,
                };
                return Some((found.0, found.1, t.span));
            }
            _ => {}
        }
    }
    None
}

/// The problem to report when the brackets, quotes or comments of a file do not pair up: the
/// parser's first error, which is usually at the slip, with a hint from the scanner about the
/// structure; or, when the parser stopped at something unrelated (a misspelt field before the
/// slip), both.
fn broken_structure(
    text: &str,
    lines: &LineIndex,
    first: &SpannedError,
    broken: &ScanError,
) -> Vec<Explained> {
    if let Some(stray) = stray_close(text, broken) {
        return vec![stray];
    }
    let (start, end) = offsets(text, lines, first);
    let mut e = explain(&first.code, start, end, text, None);
    let scanned = Explained {
        code: "syntax-brackets".into(),
        span: broken.span,
        message: broken.message.clone(),
        help: broken.help.clone(),
    };
    // Both stop at one place: the scanner words a bracket mismatch better.
    if broken.span.start == e.span.start {
        return vec![scanned];
    }
    let punctuation = matches!(
        first.code,
        Error::ExpectedComma
            | Error::ExpectedIdentifier
            | Error::ExpectedString
            | Error::ExpectedStringEnd
            | Error::ExpectedMapColon
            | Error::ExpectedStructLike
            | Error::ExpectedStructLikeEnd
            | Error::ExpectedArray
            | Error::ExpectedArrayEnd
            | Error::ExpectedMap
            | Error::ExpectedMapEnd
            | Error::Eof
            | Error::TrailingCharacters
            | Error::UnexpectedChar(_)
    );
    if !punctuation {
        return vec![e, scanned];
    }
    let (l, c) = lines.line_col(text, broken.span.start);
    e.help = Some(
        if let Some(line) = runaway_string(text, lines, e.span.start) {
            format!(
                "the text in quotes from line {line} runs on to here: is its closing `\"` missing?"
            )
        } else if broken.message.contains("string") {
            format!("the quotes do not pair up: the `\"` at line {l}, column {c} is never closed")
        } else if broken.message.contains("comment") {
            format!("the comment opened at line {l}, column {c} is never closed")
        } else {
            format!(
                "check the brackets: at line {l}, column {c}, {}",
                broken.message
            )
        },
    );
    vec![e]
}

/// Quotes word processors write, which RON does not read as quotes.
const CURLY: &[char] = &['“', '”', '„', '‟', '«', '»', '‘', '’'];

/// Typographic quotes outside strings: each pair on a line, with the text between, or a lone one.
/// Double quotes (“ ” „ ‟ « ») pair with double ones and single quotes (‘ ’) with single ones; a
/// ’ between letters is an apostrophe, not a quote.
fn curly_quotes(text: &str) -> Vec<(Span, Option<String>)> {
    let (toks, _) = tokenize(text);
    let double = |c: char| "“”„‟«»".contains(c);
    let quotes: Vec<(Span, bool)> = toks
        .iter()
        .filter_map(|t| {
            let c = text[t.span.start..].chars().next()?;
            if t.tok != Tok::Other || !CURLY.contains(&c) {
                return None;
            }
            let end = t.span.start + c.len_utf8();
            let before = text[..t.span.start].chars().next_back();
            let after = text[end..].chars().next();
            let apostrophe = before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric);
            (double(c) || !apostrophe).then_some((Span::new(t.span.start, end), double(c)))
        })
        .collect();
    let mut out = Vec::new();
    let mut used = vec![false; quotes.len()];
    for i in 0..quotes.len() {
        if used[i] {
            continue;
        }
        let (open, kind) = quotes[i];
        let close = (i + 1..quotes.len()).find(|&j| {
            !used[j] && quotes[j].1 == kind && !text[open.end..quotes[j].0.start].contains('\n')
        });
        match close {
            Some(j) => {
                used[j] = true;
                let c = quotes[j].0;
                let inner = text[open.end..c.start].to_owned();
                out.push((Span::new(open.start, c.end), Some(inner)));
            }
            None => out.push((open, None)),
        }
    }
    out
}

/// Most closing brackets tried as the stray one.
const MAX_STRAY_TRIES: usize = 48;

/// When a closing bracket matches the wrong opening one, the slip is often an extra closing
/// bracket of that kind earlier on: the one whose deletion makes the file read (a scenario that
/// parses), if there is one. Its fix is to delete it, not to close anything.
fn stray_close(text: &str, broken: &ScanError) -> Option<Explained> {
    let c = text.get(broken.span.start..)?.chars().next()?;
    if !matches!(c, ')' | ']' | '}') || !broken.message.contains("does not match") {
        return None;
    }
    let (toks, _) = tokenize(text);
    // The nearest brackets before the mismatch first: the stray one is usually close by, and
    // each try reads the whole file.
    toks.iter()
        .rev()
        .filter(|t| t.tok == Tok::Close(c) && t.span.end <= broken.span.start)
        .take(MAX_STRAY_TRIES)
        .find(|t| {
            let without = format!("{} {}", &text[..t.span.start], &text[t.span.end..]);
            Source::scan(&without).is_ok()
                && ron_options().from_str::<ScenarioFile>(&without).is_ok()
        })
        .map(|t| Explained {
            code: "syntax-stray-bracket".into(),
            span: t.span,
            message: format!("one `{c}` too many: it closes a bracket that is already closed"),
            help: Some(format!("delete this `{c}`")),
        })
}

/// The line where a string starts that spans several lines and ends right before `offset`: the
/// sign of a missing closing quote.
fn runaway_string(text: &str, lines: &LineIndex, offset: usize) -> Option<usize> {
    let (toks, _) = tokenize(text);
    let before = toks.iter().take_while(|t| t.span.end <= offset).last()?;
    let (first, _) = lines.line_col(text, before.span.start);
    let (last, _) = lines.line_col(text, before.span.end);
    (before.tok == Tok::Str && last > first).then_some(first)
}

/// Byte offsets of a parser error's start and end.
fn offsets(text: &str, lines: &LineIndex, e: &SpannedError) -> (usize, usize) {
    let start = lines.offset(text, e.span.start.line, e.span.start.col);
    let end = lines.offset(text, e.span.end.line, e.span.end.col);
    (start, end.max(start))
}

/// Fields of `ScenarioFile` in order, and whether each must be written.
const TOP_FIELDS: &[&str] = &[
    "format",
    "id",
    "title",
    "author",
    "briefing",
    "objectives",
    "debrief_questions",
    "turn_limit",
    "days_per_turn",
    "playable",
    "intents",
    "actors",
    "assets",
    "relations",
    "indicators",
    "ladder",
    "norms",
    "actions",
    "variables",
    "rules",
    "injects",
    "settlements",
    "payoffs",
    "model",
    "score",
];

const OPTIONAL_TOP_FIELDS: &[&str] = &[
    "objectives",
    "debrief_questions",
    "days_per_turn",
    "relations",
    "norms",
    "variables",
    "rules",
    "injects",
    "settlements",
    "payoffs",
    "model",
];

/// Most rounds of repair spent on one value before giving up on finding more in it.
const MAX_ROUNDS: usize = 32;

/// Parses the parts of a file one by one, each in a copy of the text where everything else is
/// blanked out, so the parser's line and column stay those of the file.
struct Reparser<'s, 'a> {
    text: &'a str,
    src: &'s Source<'a>,
    lines: &'s LineIndex,
}

impl<'s, 'a> Reparser<'s, 'a> {
    fn new(text: &'a str, src: &'s Source<'a>, lines: &'s LineIndex) -> Self {
        Reparser { text, src, lines }
    }

    fn explain(&self, e: &SpannedError) -> Explained {
        let (start, end) = offsets(self.text, self.lines, e);
        explain(&e.code, start, end, self.text, Some(self.src))
    }

    /// Every problem the parser finds in the file, given the first one it reported.
    fn problems(&self, first: &SpannedError) -> Vec<Explained> {
        let mut out = vec![self.explain(first)];
        let Some(root) = self.src.root.as_ref() else {
            return out;
        };
        if !matches!(root.kind, Kind::Group { .. }) {
            return out;
        }
        let mut seen: Vec<String> = Vec::new();
        // Fields a misspelling stands for: their absence is the same mistake, told once.
        let mut misspelt: Vec<&str> = Vec::new();
        for entry in root.entries() {
            let Some(key) = &entry.key else { continue };
            let name = self.src.key_text(key);
            let Some(field) = TOP_FIELDS.iter().find(|f| **f == name) else {
                misspelt.extend(closest(&name, TOP_FIELDS.iter().copied()));
                let code = Error::NoSuchStructField {
                    expected: TOP_FIELDS,
                    found: name,
                    outer: Some("ScenarioFile".into()),
                };
                out.push(explain(
                    &code,
                    key.span.start,
                    key.span.end,
                    self.text,
                    Some(self.src),
                ));
                continue;
            };
            if seen.contains(&name) {
                let code = Error::DuplicateStructField {
                    field,
                    outer: Some("ScenarioFile".into()),
                };
                out.push(explain(
                    &code,
                    key.span.start,
                    key.span.end,
                    self.text,
                    Some(self.src),
                ));
                continue;
            }
            seen.push(name);
            out.extend(self.field(field, &entry.value));
        }
        let close = root.span.end.saturating_sub(1);
        for field in TOP_FIELDS {
            if !OPTIONAL_TOP_FIELDS.contains(field)
                && !seen.iter().any(|s| s == field)
                && !misspelt.contains(field)
            {
                let code = Error::MissingStructField {
                    field,
                    outer: Some("ScenarioFile".into()),
                };
                out.push(explain(&code, close, close, self.text, Some(self.src)));
            }
        }
        out
    }

    /// The problems in the value of the top-level field `name`.
    fn field(&self, name: &str, value: &Node) -> Vec<Explained> {
        match name {
            "format" | "turn_limit" | "days_per_turn" => self.value::<u32>(value),
            "id" => self.value::<ScenarioId>(value),
            "title" | "author" | "briefing" => self.value::<String>(value),
            "objectives" | "debrief_questions" => self.list::<String>(value),
            "playable" => self.list::<ActorId>(value),
            "intents" => self.list::<IntentDef>(value),
            "actors" => self.list::<ActorDef>(value),
            "assets" => self.list::<AssetDef>(value),
            "relations" => self.list::<RelationDef>(value),
            "indicators" => self.list::<IndicatorDef>(value),
            "ladder" => self.list::<RungDef>(value),
            "norms" => self.list::<NormDef>(value),
            "actions" => self.list::<ActionDef>(value),
            "variables" => self.list::<VariableDef>(value),
            "rules" => self.list::<RuleDef>(value),
            "injects" => self.list::<InjectDef>(value),
            "settlements" => self.list::<SettlementDef>(value),
            "payoffs" => self.value::<Payoffs>(value),
            "model" => self.value::<ModelParams>(value),
            "score" => self.value::<ScoreWeights>(value),
            _ => Vec::new(),
        }
    }

    fn list<T: DeserializeOwned>(&self, node: &Node) -> Vec<Explained> {
        match &node.kind {
            Kind::List(entries) => entries
                .iter()
                .flat_map(|e| self.value::<T>(&e.value))
                .collect(),
            _ => self.value::<Vec<T>>(node),
        }
    }

    /// Parses `node` alone as a `T`. After each error, removes the field, list item or map entry
    /// at fault and parses again, to find the errors after it; a missing field that stems from a
    /// removed one is not reported again. Only the node's own text is parsed (after the file's
    /// attributes), and the parser's positions moved back to the file's, so checking a file
    /// costs time in proportion to its length, however many values it holds.
    fn value<T: DeserializeOwned>(&self, node: &Node) -> Vec<Explained> {
        let head: String = self
            .src
            .attributes
            .iter()
            .map(|a| format!("{} ", &self.text[a.start..a.end]))
            .collect();
        let head = if head.is_empty() { head } else { head + "\n" };
        let at = self.lines.line_col(self.text, node.span.start);
        let mut removed: Vec<Span> = Vec::new();
        // (closing bracket of a struct, field) pairs whose absence is already explained.
        let mut explained_absent: Vec<(usize, String)> = Vec::new();
        let mut out = Vec::new();
        for _ in 0..MAX_ROUNDS {
            let doc = head.clone() + &blank(self.text, node.span, &removed);
            let Err(mut e) = ron_options().from_str::<T>(&doc) else {
                break;
            };
            // The attributes may span lines of their own.
            let skip = head.matches('\n').count();
            for p in [&mut e.span.start, &mut e.span.end] {
                (p.line, p.col) = in_file(at, skip, (p.line, p.col));
            }
            let (start, _) = offsets(self.text, self.lines, &e);
            let absent_already = match &e.code {
                Error::MissingStructField { field, .. } => explained_absent
                    .iter()
                    .any(|(close, f)| *close == start && f == field),
                _ => false,
            };
            let ex = self.explain(&e);
            let at = ex.span.start;
            if !absent_already {
                out.push(ex);
            }
            let Some(cut) = self.removable(node, at) else {
                break;
            };
            if removed.contains(&cut.span) {
                break;
            }
            removed.push(cut.span);
            if let Some((close, field)) = cut.field {
                if let Error::NoSuchStructField {
                    expected, found, ..
                } = &e.code
                    && let Some(near) = closest(found, expected.iter().copied())
                {
                    explained_absent.push((close, near.to_string()));
                }
                explained_absent.push((close, field));
            }
        }
        out
    }

    /// The innermost field, list item or map entry inside `node` (not `node` itself) that holds
    /// `offset`, with the comma after it.
    fn removable(&self, node: &Node, offset: usize) -> Option<Cut> {
        let mut best = None;
        let mut n = node;
        loop {
            let removable = match &n.kind {
                Kind::Group { .. } => n.is_struct(),
                Kind::List(_) | Kind::Map(_) => true,
                Kind::Str(_) | Kind::Scalar => false,
            };
            let Some(e) = n.entries().iter().find(|e| e.span().contains(offset)) else {
                break;
            };
            if removable {
                let span = Span::new(e.span().start, e.comma.map_or(e.span().end, |c| c + 1));
                let field = match (&n.kind, &e.key) {
                    (Kind::Group { .. }, Some(k)) => Some((n.span.end - 1, self.src.key_text(k))),
                    _ => None,
                };
                best = Some(Cut { span, field });
            }
            if !e.value.span.contains(offset) {
                break;
            }
            n = &e.value;
        }
        best
    }
}

/// A part of a value to leave out when parsing again.
struct Cut {
    span: Span,
    /// For a struct field: the struct's closing bracket and the field's name.
    field: Option<(usize, String)>,
}

/// The text of `span`, with every character inside `removed` turned into a space (line breaks
/// and other whitespace left alone, so lines and columns do not move).
fn blank(text: &str, span: Span, removed: &[Span]) -> String {
    let part = &text[span.start..span.end];
    if removed.is_empty() {
        return part.to_owned();
    }
    part.char_indices()
        .map(|(i, c)| {
            let gone = removed.iter().any(|s| s.contains(span.start + i));
            if gone && !c.is_ascii_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A parser position in a value parsed alone (after `skip` lines of attributes) as a position in
/// the file, where the value starts at `at` (line and column).
fn in_file(at: (usize, usize), skip: usize, (line, col): (usize, usize)) -> (usize, usize) {
    let line = line.saturating_sub(skip).max(1);
    if line == 1 {
        (at.0, at.1 + col.saturating_sub(1))
    } else {
        (at.0 + line - 1, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = include_str!("../../tests/fixtures/valid/minimal.ron");

    fn errors(text: &str) -> Vec<Diagnostic> {
        match load("t.ron", text) {
            Ok(l) => panic!("loaded, with warnings {:?}", l.warnings),
            Err(r) => r.diagnostics.into_iter().filter(|d| d.is_error()).collect(),
        }
    }

    fn replace(from: &str, to: &str) -> String {
        assert!(VALID.contains(from), "{from}");
        VALID.replacen(from, to, 1)
    }

    /// The valid fixture with `n` more assets, each on a line of its own.
    fn with_assets(n: usize) -> String {
        let line = "        (id: \"north-grid\", owner: \"atlantis\", name: \"Northern power grid\", layer: Physical, criticality: 0.9, protected: [CriticalInfrastructure]),\n";
        let extra: String = (0..n)
            .map(|k| line.replace("north-grid", &format!("bulk-{k}")))
            .collect();
        replace("    assets: [\n", &format!("    assets: [\n{extra}"))
    }

    #[test]
    fn a_comma_too_many_among_thousands_of_values_is_found_and_its_fix_loads() {
        let text = with_assets(4_000);
        let at = text.find("(id: \"bulk-2000\"").unwrap();
        let comma = at + text[at..].find("),").unwrap() + 2;
        let broken = format!("{},{}", &text[..comma], &text[comma..]);
        let e = errors(&broken);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].message, "one comma too many");
        assert_eq!(e[0].help.as_deref(), Some("delete this comma"));
        // Doing what the help says gives a scenario that loads.
        let lines = LineIndex::new(&broken);
        let offset = lines.offset(&broken, e[0].line, e[0].col);
        assert_eq!(&broken[offset..=offset], ",");
        let fixed = format!("{}{}", &broken[..offset], &broken[offset + 1..]);
        load("t.ron", &fixed).unwrap_or_else(|r| panic!("{r}"));
    }

    #[test]
    fn errors_deep_in_a_long_file_keep_their_line_and_column() {
        let text = with_assets(500).replacen("criticality: 0.9", "criticality: \"high\"", 301);
        let e = errors(&text);
        assert_eq!(e.len(), 301, "one error per broken asset");
        let last = e.last().unwrap();
        let source = LineIndex::new(&text);
        let offset = source.offset(&text, last.line, last.col);
        assert!(text[offset..].starts_with("\"high\""), "{last:?}");
    }

    /// Carries out what a diagnostic's help says, when it is a plain edit at its caret.
    fn apply_fix(text: &str, d: &Diagnostic) -> Option<String> {
        let lines = LineIndex::new(text);
        let start = lines.offset(text, d.line, d.col);
        let end = text[start..]
            .char_indices()
            .nth(d.width)
            .map_or(text.len(), |(i, _)| start + i);
        let help = d.help.as_deref()?;
        // `Inject(id: "x")`: the caret is on the name, and the value stays.
        let with = if help.starts_with("delete this") || d.code == "syntax-named-value" {
            String::new()
        } else if let Some(rest) = help.strip_prefix("write straight double quotes: ") {
            rest.to_owned()
        } else if let Some(rest) = help.strip_prefix("did you mean ") {
            let word = rest.trim_end_matches('?').trim_matches('`');
            if text[start..].starts_with('"') {
                word.to_owned()
            } else {
                word.trim_matches('"').to_owned()
            }
        } else {
            return None;
        };
        Some(format!("{}{with}{}", &text[..start], &text[end..]))
    }

    #[test]
    fn every_suggested_fix_is_a_correct_edit() {
        let asset = "(id: \"north-grid\", owner: \"atlantis\", name: \"Northern power grid\", layer: Physical,";
        let mistakes = [
            (
                "a comma too many",
                replace(
                    asset,
                    &asset.replace("layer: Physical,", "layer: Physical,,"),
                ),
            ),
            (
                "a stray bracket",
                replace("    assets: [\n", "    assets: [ ]\n"),
            ),
            (
                "typographic quotes",
                replace(
                    "name: \"Northern power grid\"",
                    "name: \u{201c}Northern power grid\u{201d}",
                ),
            ),
            (
                "a misspelt field",
                replace(
                    "layer: Physical, criticality: 0.9",
                    "layer: Physical, critcality: 0.9",
                ),
            ),
            (
                "a misspelt actor",
                replace(
                    "owner: \"atlantis\", name: \"Northern",
                    "owner: \"atlantsi\", name: \"Northern",
                ),
            ),
            (
                "a misspelt variant",
                replace(
                    "layer: Physical, criticality: 0.9",
                    "layer: Physicl, criticality: 0.9",
                ),
            ),
        ];
        for (what, broken) in mistakes {
            let e = errors(&broken);
            assert_eq!(e.len(), 1, "{what}: one mistake, one error: {e:?}");
            let fixed = apply_fix(&broken, &e[0]).unwrap_or_else(|| panic!("{what}: {:?}", e[0]));
            if let Err(r) = load("t.ron", &fixed) {
                panic!(
                    "{what}: after the fix {:?}, the file still fails:\n{r}",
                    e[0].help
                );
            }
        }
    }

    /// Byte offsets in `VALID` outside strings and comments where `pred` holds for the byte.
    fn code_offsets(pred: impl Fn(&[u8], usize) -> bool) -> Vec<usize> {
        let b = VALID.as_bytes();
        let (mut out, mut i, mut in_str) = (Vec::new(), 0, false);
        while i < b.len() {
            match b[i] {
                b'"' => in_str = !in_str,
                b'\\' if in_str => i += 1,
                b'/' if !in_str && b.get(i + 1) == Some(&b'/') => {
                    while i < b.len() && b[i] != b'\n' {
                        i += 1;
                    }
                }
                _ if !in_str && pred(b, i) => out.push(i),
                _ => {}
            }
            i += 1;
        }
        out
    }

    fn line_of(offset: usize) -> usize {
        VALID[..offset].matches('\n').count() + 1
    }

    /// Every field of the fixture misspelt in turn, and every number given as text in turn: each
    /// is one mistake, and gets one error on its own line.
    #[test]
    fn every_misspelt_field_and_every_mistyped_number_is_one_error_on_its_line() {
        let word = |b: &[u8], i: usize| b[i].is_ascii_lowercase() || b[i] == b'_';
        // The first letter of a field name: a word that starts here and is followed by `:`.
        let fields = code_offsets(|b, i| {
            let starts =
                word(b, i) && (i == 0 || !(word(b, i - 1) || b[i - 1].is_ascii_alphanumeric()));
            let mut j = i;
            while j < b.len() && word(b, j) {
                j += 1;
            }
            starts && b.get(j) == Some(&b':') && b.get(j + 1) != Some(&b':')
        });
        let numbers = code_offsets(|b, i| {
            b[i].is_ascii_digit()
                && !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'.' || b[i - 1] == b'-')
        });
        assert!(
            fields.len() > 60 && numbers.len() > 40,
            "{} {}",
            fields.len(),
            numbers.len()
        );
        let mut wrong = Vec::new();
        for &at in &fields {
            let broken = format!("{}x{}", &VALID[..at + 1], &VALID[at + 1..]);
            let e = errors(&broken);
            if e.len() != 1 || e[0].line != line_of(at) {
                wrong.push(format!("misspelt field at line {}: {e:?}", line_of(at)));
            }
        }
        for &at in &numbers {
            let len = VALID[at..]
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(0);
            let broken = format!("{}\"x\"{}", &VALID[..at], &VALID[at + len..]);
            let e = errors(&broken);
            if e.len() != 1 || e[0].line != line_of(at) {
                wrong.push(format!("number as text at line {}: {e:?}", line_of(at)));
            }
        }
        assert!(
            wrong.is_empty(),
            "{} of {} mistakes:\n{}",
            wrong.len(),
            fields.len() + numbers.len(),
            wrong.join("\n")
        );

        // A mistyped number hides no later mistake: pairs of one of each, the number first.
        for (k, &n) in numbers.iter().enumerate().step_by(5) {
            let Some(&f) = fields.iter().find(|f| line_of(**f) > line_of(n) + k % 7) else {
                continue;
            };
            let len = VALID[n..]
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(0);
            let broken = format!(
                "{}\"x\"{}x{}",
                &VALID[..n],
                &VALID[n + len..f + 1],
                &VALID[f + 1..]
            );
            let lines: Vec<usize> = errors(&broken).iter().map(|e| e.line).collect();
            assert_eq!(
                lines,
                [line_of(n), line_of(f)],
                "lines {} and {}",
                line_of(n),
                line_of(f)
            );
        }
    }

    #[test]
    fn attributes_over_several_lines_keep_every_line_and_column() {
        let text = VALID
            .replacen(
                "#![enable(implicit_some)]",
                "#![enable(\n    implicit_some,\n)]",
                1,
            )
            .replacen("criticality: 0.9", "criticality: \"high\"", 1);
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{e:?}");
        let lines = LineIndex::new(&text);
        let at = lines.offset(&text, e[0].line, e[0].col);
        assert!(text[at..].starts_with("\"high\""), "{:?}", e[0]);
    }

    #[test]
    fn an_apostrophe_inside_typographic_quotes_is_kept() {
        let text = replace(
            "name: \"Northern power grid\"",
            "name: \u{201c}The minister\u{2019}s grid\u{201d}",
        );
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            e[0].help.as_deref(),
            Some("write straight double quotes: \"The minister\u{2019}s grid\"")
        );
    }

    #[test]
    fn other_backchannel_files_are_named_for_what_they_are() {
        for (text, what) in [
            (
                "// a plan\nTestPlan(format: 1, cases: [])",
                "this is a test plan, not a scenario",
            ),
            (
                "// Backchannel save\nSave(format: 2, turns: [(x: 1)])",
                "this is a saved game, not a scenario",
            ),
            (
                "#![enable(implicit_some)]\nResume(save: ())",
                "this is an autosave, not a scenario",
            ),
        ] {
            let e = errors(text);
            assert_eq!(e.len(), 1, "{e:?}");
            assert_eq!(e[0].message, what);
        }
        // A scenario that names itself is still read as one.
        assert!(load("t.ron", &VALID.replacen("\n(\n", "\nScenario(\n", 1)).is_ok());
    }

    #[test]
    fn the_valid_fixture_loads_without_warnings() {
        let loaded = load("minimal.ron", VALID).unwrap_or_else(|r| panic!("{r}"));
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        assert_eq!(loaded.scenario.actors.len(), 2);
    }

    #[test]
    fn top_field_tables_match_the_file_format() {
        // The unknown-field error lists the real fields; leaving out each one tells which are required.
        let e = ron_options()
            .from_str::<ScenarioFile>("(zzz: 1)")
            .unwrap_err();
        let Error::NoSuchStructField { expected, .. } = e.code else {
            panic!("{e}")
        };
        assert_eq!(expected, TOP_FIELDS);
        let src = Source::scan(VALID).unwrap();
        let root = src.root.as_ref().unwrap();
        for entry in root.entries() {
            let name = src.key_text(entry.key.as_ref().unwrap());
            let span = Span::new(entry.span().start, entry.comma.unwrap() + 1);
            let text = blank(VALID, Span::new(0, VALID.len()), &[span]);
            let optional = ron_options().from_str::<ScenarioFile>(&text).is_ok();
            assert_eq!(
                optional,
                OPTIONAL_TOP_FIELDS.contains(&name.as_str()),
                "{name}"
            );
        }
    }

    #[test]
    fn newer_formats_are_refused_alone() {
        let text =
            replace("format: 1,", "format: 2,\n    new_thing: 3,").replace("actors", "people");
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(
            e[0].message,
            "this file is written for scenario format 2; this Backchannel reads format 1 — update Backchannel"
        );
        assert_eq!((e[0].line, e[0].col), (4, 13));
    }

    #[test]
    fn finds_one_error_per_broken_element() {
        let text = replace(
            "kind: State,\n            intents: {\"security-seeker\": 0.7",
            "knd: State,\n            intents: {\"security-seeker\": 0.7",
        )
        .replacen("layer: Logic", "layer: Logik", 1)
        .replacen(
            "(kind: Wait, cost: 0, weight: 0.0)",
            "(kind: Wait, cost: 0.5, weight: 0.0)",
            1,
        )
        .replacen("turn_limit: 8", "turn_limit: \"8\"", 1);
        let e = errors(&text);
        let messages: Vec<_> = e.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`turn_limit` should be a whole number, not `\"8\"`",
                "unknown field `knd` in actor",
                "unknown layer `Logik`",
                "`cost` should be a whole number, not `0.5`",
            ],
            "{e:#?}"
        );
    }

    #[test]
    fn keeps_looking_inside_an_element_after_an_error() {
        let text = replace(
            "capabilities: (offence: 0.6, detection: 0.7, attribution: 0.6, resilience: 0.5),\n            pressure: 0.2,",
            "capabilities: (ofense: 0.6, detection: 0.7, attribution: 0.6, resilience: 0.5),\n            presure: 0.2,",
        );
        let e = errors(&text);
        let messages: Vec<_> = e.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown field `ofense` in capabilities",
                "unknown field `presure` in actor"
            ],
            "{e:#?}"
        );
    }

    #[test]
    fn reports_top_level_problems() {
        let text = replace(
            "    author: \"Backchannel test suite\",\n",
            "    autor: \"x\",\n    title: \"again\",\n",
        );
        let e = errors(&text);
        let messages: Vec<_> = e.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown field `autor` in the scenario",
                "`title` is written twice in the scenario",
            ],
            "{e:#?}"
        );
        // The misspelling is the one mistake: the `author` it stands for is not also missing.
        assert_eq!(e[0].help.as_deref(), Some("did you mean `author`?"));
        // A field truly left out is still reported, with what to add.
        let text = replace("    author: \"Backchannel test suite\",\n", "");
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].message, "the scenario has no `author`");
        assert_eq!(e[0].help.as_deref(), Some("add  author: \"Your name\","));
    }

    #[test]
    fn broken_brackets_end_the_run_with_one_error() {
        let text = replace("protected: [Cert]),", "protected: [Cert),");
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(
            e[0].message.contains("does not match the `[`"),
            "{}",
            e[0].message
        );
    }

    #[test]
    fn a_typo_before_a_broken_bracket_is_reported_too() {
        let text = replace(
            "kind: State,\n            intents: {\"security-seeker\": 0.7",
            "kinf: State,\n            intents: {\"security-seeker\": 0.7",
        )
        .replacen("protected: [Cert]),", "protected: [Cert),", 1);
        let e = errors(&text);
        let messages: Vec<_> = e.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{e:#?}");
        assert_eq!(messages[0], "unknown field `kinf` in actor");
        assert!(messages[1].contains("does not match the `[`"), "{e:#?}");
    }

    #[test]
    fn compile_errors_are_placed_by_their_path() {
        let text = replace(
            "between: (\"atlantis\", \"borealis\")",
            "between: (\"atlantis\", \"Borelis\")",
        );
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].message, "unknown actor \"Borelis\"");
        assert_eq!(e[0].help.as_deref(), Some("did you mean \"borealis\"?"));
        assert_eq!(
            e[0].source_line.trim(),
            "(between: (\"atlantis\", \"Borelis\"), trust: 0.4, tension: 1.0, channels: [Embassy, CertToCert]),"
        );
        assert_eq!(e[0].width, "\"Borelis\"".len());
    }

    #[test]
    fn byte_order_marks_and_crlf_line_ends_are_read() {
        let text = format!("\u{feff}{}", VALID.replace('\n', "\r\n"));
        load("t.ron", &text).unwrap_or_else(|r| panic!("{r}"));
        let text = text.replace("critic", "critc");
        let e = errors(&text);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert_eq!((e[0].line, e[0].col), (60, 93));
        assert!(!e[0].source_line.ends_with('\r'));
    }

    #[test]
    fn an_id_that_is_not_the_file_name_is_a_warning() {
        let loaded = load("scenarios/Minimal copy.ron", VALID).unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(loaded.warnings.len(), 1, "{:?}", loaded.warnings);
        let w = &loaded.warnings[0];
        assert_eq!(
            w.message,
            "the id \"minimal\" is not the file's name, \"Minimal copy\""
        );
        assert_eq!(
            w.help.as_deref(),
            Some(
                "rename the file minimal.ron, or write id: \"minimal-copy\" if the file's name is right"
            )
        );
        assert_eq!(w.line, 5);
        assert!(load("minimal.ron", VALID).unwrap().warnings.is_empty());
    }

    #[test]
    fn warnings_do_not_fail_a_scenario() {
        let text = replace("TurnAtLeast(2),", "TurnAtLeast(20),");
        let loaded = load("scenarios/minimal.ron", &text).unwrap_or_else(|r| panic!("{r}"));
        assert_eq!(loaded.warnings.len(), 1);
        let w = &loaded.warnings[0];
        assert_eq!(
            w.message,
            "rule \"blackout-outrage\" can never fire: it waits for turn 20, but the game ends after turn 8"
        );
        assert_eq!(&w.source_line[w.col - 1..w.col - 1 + w.width], "20");
    }

    mod mutations {
        use super::*;
        use proptest::prelude::*;

        const PIECES: &[&str] = &[
            "(", ")", "[", "]", "{", "}", ",", ":", "\"", "x", "1.5", "-", "/*", "r#\"",
        ];

        fn mutate(cut_at: usize, cut_len: usize, insert: usize) -> String {
            let mut at = (cut_at % VALID.len()).min(VALID.len());
            while !VALID.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut_len).min(VALID.len());
            while !VALID.is_char_boundary(end) {
                end -= 1;
            }
            format!(
                "{}{}{}",
                &VALID[..at],
                PIECES[insert % PIECES.len()],
                &VALID[end..]
            )
        }

        proptest! {
            #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

            /// Whatever is cut or inserted, loading does not panic, a failure carries at least
            /// one error, and every place named lies in the file.
            #[test]
            fn broken_files_get_errors_at_real_places(cut_at in 0usize..10_000, cut_len in 0usize..40, insert in 0usize..100) {
                let text = mutate(cut_at, cut_len, insert);
                let lines = LineIndex::new(&text);
                let diagnostics = match load("m.ron", &text) {
                    Ok(l) => l.warnings,
                    Err(r) => {
                        prop_assert!(r.errors() >= 1, "no error in {r:?}");
                        r.diagnostics
                    }
                };
                for d in diagnostics {
                    prop_assert!(d.line >= 1 && d.line <= lines.line_count(), "{d:?}");
                    prop_assert!(d.col >= 1 && d.col <= d.source_line.chars().count() + 1, "{d:?}");
                    prop_assert!(d.width >= 1);
                }
            }
        }
    }
}
