//! A tolerant scanner of RON structure. It knows nothing of the scenario's types: it finds the
//! groups (`Name(field: v)`, `(a, b)`), lists, maps and scalars of a text with their byte spans, so
//! that a problem found in the data (a `DataPath`) or by the RON parser (a line and column) can be
//! shown at the right place in the file. It fails only where the structure itself is broken: an
//! unclosed or mismatched bracket, an unterminated string or comment.

use super::issue::{DataPath, Seg};
use std::fmt;

/// A range of bytes in the source text, `start` inclusive, `end` exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// Whether `offset` lies inside, the end excluded.
    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
}

/// Start of every line, for turning byte offsets into 1-based lines and columns (columns count
/// characters, not bytes) and back.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end or inside a
    /// character are clamped.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        (line, text[start..offset].chars().count() + 1)
    }

    /// Byte offset of a 1-based line and column; a column past the end of its line gives the
    /// line's end, a line past the end gives the end of the text.
    pub fn offset(&self, text: &str, line: usize, col: usize) -> usize {
        if line == 0 || line > self.starts.len() {
            return text.len();
        }
        let start = self.starts[line - 1];
        let line_text = &text[start..self.line_end(text, line)];
        start
            + line_text
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(line_text.len(), |(i, _)| i)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line<'t>(&self, text: &'t str, line: usize) -> &'t str {
        if line == 0 || line > self.starts.len() {
            return "";
        }
        &text[self.starts[line - 1]..self.line_end(text, line)]
    }

    fn line_end(&self, text: &str, line: usize) -> usize {
        let end = self.starts.get(line).map_or(text.len(), |&s| s - 1);
        if end > self.starts[line - 1] && text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A value in the source and what it is made of.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// From the first character of the value (its name, if it has one) to after its closing bracket.
    pub span: Span,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `Name(...)` or `(...)`: a struct when its entries have keys (`field: value`), a tuple or
    /// tuple variant otherwise.
    Group {
        name: Option<Span>,
        entries: Vec<Entry>,
    },
    /// `[a, b]`.
    List(Vec<Entry>),
    /// `{key: value}`.
    Map(Vec<Entry>),
    /// A string literal, with its escapes resolved.
    Str(String),
    /// Anything else: a number, identifier, unit variant, char, boolean.
    Scalar,
}

/// One element of a group, list or map.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The field name of a struct (a `Scalar`) or the key of a map entry.
    pub key: Option<Node>,
    pub value: Node,
    /// Where the comma after this entry is, if there is one.
    pub comma: Option<usize>,
}

impl Entry {
    /// From the key (or the value when there is none) to the end of the value.
    pub fn span(&self) -> Span {
        let start = self
            .key
            .as_ref()
            .map_or(self.value.span.start, |k| k.span.start);
        Span::new(start, self.value.span.end)
    }
}

impl Node {
    pub fn entries(&self) -> &[Entry] {
        match &self.kind {
            Kind::Group { entries, .. } | Kind::List(entries) | Kind::Map(entries) => entries,
            Kind::Str(_) | Kind::Scalar => &[],
        }
    }

    pub fn is_leaf(&self) -> bool {
        matches!(self.kind, Kind::Str(_) | Kind::Scalar)
    }

    /// The content of a named one-element tuple such as `Not(..)`, `Inject("x")` or `Some(..)`.
    pub fn newtype_content(&self) -> Option<&Node> {
        match &self.kind {
            Kind::Group {
                name: Some(_),
                entries,
            } if entries.len() == 1 && entries[0].key.is_none() => Some(&entries[0].value),
            _ => None,
        }
    }

    /// Whether this is a struct (a group whose entries are `field: value`).
    pub fn is_struct(&self) -> bool {
        matches!(&self.kind, Kind::Group { entries, .. } if entries.iter().any(|e| e.key.is_some()))
    }
}

/// Why the structure of a text could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanError {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ScanError {}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Open(char),
    Close(char),
    Comma,
    Colon,
    Hash,
    Bang,
    /// An identifier or a number.
    Word,
    Str,
    /// A character literal.
    Char,
    /// A character RON has no use for; left for the parser to complain about.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub tok: Tok,
    pub span: Span,
}

/// Splits `text` into tokens, skipping whitespace and comments. Stops at an unterminated string
/// or block comment, returning the tokens before it and the error.
pub fn tokenize(text: &str) -> (Vec<Token>, Option<ScanError>) {
    let b = text.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let start = i;
        let tok = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = text[i..].find('\n').map_or(b.len(), |n| i + n);
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                match block_comment_end(b, i) {
                    Some(end) => i = end,
                    None => {
                        return (
                            toks,
                            Some(ScanError {
                                span: Span::new(start, start + 2),
                                message: "this comment is never closed".into(),
                                help: Some("end it with `*/`".into()),
                            }),
                        );
                    }
                }
                continue;
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                Tok::Open(c as char)
            }
            b')' | b']' | b'}' => {
                i += 1;
                Tok::Close(c as char)
            }
            b',' => {
                i += 1;
                Tok::Comma
            }
            b':' => {
                i += 1;
                Tok::Colon
            }
            b'#' => {
                i += 1;
                Tok::Hash
            }
            b'!' => {
                i += 1;
                Tok::Bang
            }
            b'"' => match string_end(b, i + 1) {
                Some(end) => {
                    i = end;
                    Tok::Str
                }
                None => return (toks, Some(unterminated(start))),
            },
            b'\'' => match char_end(b, i + 1) {
                Some(end) => {
                    i = end;
                    Tok::Char
                }
                None => {
                    i += 1;
                    Tok::Other
                }
            },
            b'r' | b'b' if literal_prefix(b, i).is_some() => {
                let (after_prefix, raw) = literal_prefix(b, i).unwrap_or((i, false));
                if b[after_prefix] == b'\'' {
                    match char_end(b, after_prefix + 1) {
                        Some(end) => {
                            i = end;
                            Tok::Char
                        }
                        None => {
                            i = after_prefix + 1;
                            Tok::Other
                        }
                    }
                } else {
                    let end = if raw {
                        raw_string_end(b, after_prefix)
                    } else {
                        string_end(b, after_prefix + 1)
                    };
                    match end {
                        Some(end) => {
                            i = end;
                            Tok::Str
                        }
                        None => return (toks, Some(unterminated(start))),
                    }
                }
            }
            _ if is_word_char(text, i) => {
                i = word_end(text, i);
                Tok::Word
            }
            _ => {
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                Tok::Other
            }
        };
        toks.push(Token {
            tok,
            span: Span::new(start, i),
        });
    }
    (toks, None)
}

fn unterminated(start: usize) -> ScanError {
    ScanError {
        span: Span::new(start, start + 1),
        message: "this string is never closed".into(),
        help: Some("end it with a `\"`".into()),
    }
}

/// For a string or char literal with a prefix (`r"`, `r#"`, `b"`, `br"`, `b'`): where the quote
/// or first `#` starts, and whether it is raw.
fn literal_prefix(b: &[u8], i: usize) -> Option<(usize, bool)> {
    let mut j = i;
    let mut raw = false;
    if b[j] == b'b' {
        j += 1;
        if b.get(j) == Some(&b'\'') {
            return Some((j, false));
        }
    }
    if b.get(j) == Some(&b'r') {
        raw = true;
        j += 1;
    }
    if j == i {
        return None;
    }
    match b.get(j) {
        Some(b'"') => Some((j, raw)),
        Some(b'#') if raw => {
            let mut k = j;
            while b.get(k) == Some(&b'#') {
                k += 1;
            }
            (b.get(k) == Some(&b'"')).then_some((j, true))
        }
        _ => None,
    }
}

/// End (after the closing quote) of a string whose content starts at `i`.
fn string_end(b: &[u8], mut i: usize) -> Option<usize> {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// End of a raw string whose `#`s or opening quote start at `i`.
fn raw_string_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut hashes = 0;
    while b.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    i += 1; // the opening quote
    while i < b.len() {
        if b[i] == b'"'
            && b[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&c| c == b'#')
                .count()
                == hashes
        {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    None
}

/// End of a char literal whose content starts at `i`, if it closes on the same line.
fn char_end(b: &[u8], mut i: usize) -> Option<usize> {
    while i < b.len() && b[i] != b'\n' {
        match b[i] {
            b'\\' => i += 2,
            b'\'' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

fn block_comment_end(b: &[u8], mut i: usize) -> Option<usize> {
    let mut depth = 0;
    while i + 1 < b.len() {
        if b[i] == b'/' && b[i + 1] == b'*' {
            depth += 1;
            i += 2;
        } else if b[i] == b'*' && b[i + 1] == b'/' {
            depth -= 1;
            i += 2;
            if depth == 0 {
                return Some(i);
            }
        } else {
            i += 1;
        }
    }
    None
}

fn is_word_char(text: &str, i: usize) -> bool {
    text[i..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '.'))
}

fn word_end(text: &str, start: usize) -> usize {
    let mut prev = '\0';
    let numeric = text[start..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '+' | '.'));
    if text[start..].starts_with("r#") {
        // A raw identifier.
        return start
            + 2
            + text[start + 2..]
                .find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '+')))
                .unwrap_or(text.len() - start - 2);
    }
    for (k, c) in text[start..].char_indices() {
        let ok = c.is_alphanumeric()
            || c == '_'
            || c == '.'
            || (k == 0 && matches!(c, '-' | '+'))
            || (numeric && matches!(c, '-' | '+') && matches!(prev, 'e' | 'E'))
            // Not RON, but an id written without quotes (`security-seeker`) reads as one word.
            || (!numeric && c == '-' && prev.is_alphanumeric());
        if !ok {
            return start + k;
        }
        prev = c;
    }
    text.len()
}

/// Resolves the escapes of a string token (quotes included) for comparing it with an id.
pub fn unescape(token: &str) -> String {
    let t = token.strip_prefix('b').unwrap_or(token);
    if let Some(raw) = t.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let inner = &raw[hashes..raw.len().saturating_sub(hashes).max(hashes)];
        return inner
            .strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .unwrap_or(inner)
            .to_string();
    }
    let inner = t
        .strip_prefix('"')
        .map(|s| s.strip_suffix('"').unwrap_or(s))
        .unwrap_or(t);
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some('u') => {
                let rest = chars.as_str();
                if let Some(body) = rest.strip_prefix('{')
                    && let Some(close) = body.find('}')
                {
                    if let Some(ch) = u32::from_str_radix(&body[..close], 16)
                        .ok()
                        .and_then(char::from_u32)
                    {
                        out.push(ch);
                    }
                    chars = body[close + 1..].chars();
                }
            }
            Some('x') => {
                let rest = chars.as_str();
                if let Some(ch) = rest
                    .get(..2)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .map(char::from)
                {
                    out.push(ch);
                    chars = rest[2..].chars();
                }
            }
            // Line continuation: a backslash before a line break skips the break and indentation.
            Some('\n') => {
                let rest = chars.as_str().trim_start();
                chars = rest.chars();
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Deepest bracket nesting the scanner accepts; real scenarios stay far below it.
const MAX_DEPTH: usize = 128;

struct Parser<'a> {
    text: &'a str,
    toks: Vec<Token>,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<Token> {
        self.toks.get(self.pos).copied()
    }
    fn peek_at(&self, k: usize) -> Option<Token> {
        self.toks.get(self.pos + k).copied()
    }
    fn bump(&mut self) -> Option<Token> {
        let t = self.peek();
        self.pos += 1;
        t
    }

    fn value(&mut self) -> Result<Node, ScanError> {
        let Some(t) = self.peek() else {
            let end = self.text.len();
            return Err(ScanError {
                span: Span::new(end, end),
                message: "the file ends where a value should be".into(),
                help: Some("finish the value, or close the brackets opened above".into()),
            });
        };
        match t.tok {
            Tok::Open(c) => {
                self.bump();
                self.group(t, c, None)
            }
            Tok::Word
                if matches!(
                    self.peek_at(1),
                    Some(Token {
                        tok: Tok::Open('('),
                        ..
                    })
                ) =>
            {
                self.bump();
                let open = self.bump().unwrap_or(t);
                self.group(open, '(', Some(t.span))
            }
            Tok::Str => {
                self.bump();
                Ok(Node {
                    span: t.span,
                    kind: Kind::Str(unescape(&self.text[t.span.start..t.span.end])),
                })
            }
            Tok::Word | Tok::Char | Tok::Other | Tok::Hash | Tok::Bang => {
                self.bump();
                Ok(Node {
                    span: t.span,
                    kind: Kind::Scalar,
                })
            }
            // A missing value (`a: ,`): an empty scalar, leaving the separator in place.
            Tok::Comma | Tok::Colon => Ok(Node {
                span: Span::new(t.span.start, t.span.start),
                kind: Kind::Scalar,
            }),
            Tok::Close(c) => Err(ScanError {
                span: t.span,
                message: format!("unexpected `{c}`: there is no opening bracket for it"),
                help: Some("remove it, or open the bracket it closes".into()),
            }),
        }
    }

    /// The entries of a bracketed group after its opening bracket `open`.
    fn group(&mut self, open: Token, c: char, name: Option<Span>) -> Result<Node, ScanError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ScanError {
                span: open.span,
                message: format!("brackets are nested more than {MAX_DEPTH} deep"),
                help: None,
            });
        }
        let close = match c {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        let mut entries: Vec<Entry> = Vec::new();
        let end = loop {
            let Some(t) = self.peek() else {
                return Err(unclosed(self.text, open, c, close, None));
            };
            match t.tok {
                Tok::Close(k) if k == close => {
                    self.bump();
                    break t.span.end;
                }
                Tok::Close(_) => return Err(unclosed(self.text, open, c, close, Some(t))),
                // A stray `:` (the parser reports it); skipping it keeps every round moving.
                Tok::Colon => {
                    self.bump();
                    continue;
                }
                Tok::Comma => {
                    self.bump();
                    if let Some(last) = entries.last_mut()
                        && last.comma.is_none()
                    {
                        last.comma = Some(t.span.start);
                    }
                    continue;
                }
                _ => {}
            }
            let key = match c {
                '(' if t.tok == Tok::Word
                    && matches!(
                        self.peek_at(1),
                        Some(Token {
                            tok: Tok::Colon,
                            ..
                        })
                    ) =>
                {
                    self.bump();
                    self.bump();
                    Some(Node {
                        span: t.span,
                        kind: Kind::Scalar,
                    })
                }
                '{' => {
                    let k = self.value()?;
                    if matches!(
                        self.peek(),
                        Some(Token {
                            tok: Tok::Colon,
                            ..
                        })
                    ) {
                        self.bump();
                        Some(k)
                    } else {
                        entries.push(Entry {
                            key: None,
                            value: k,
                            comma: None,
                        });
                        continue;
                    }
                }
                _ => None,
            };
            let value = self.value()?;
            entries.push(Entry {
                key,
                value,
                comma: None,
            });
        };
        self.depth -= 1;
        let start = name.map_or(open.span.start, |n| n.start);
        let kind = match c {
            '(' => Kind::Group { name, entries },
            '[' => Kind::List(entries),
            _ => Kind::Map(entries),
        };
        Ok(Node {
            span: Span::new(start, end),
            kind,
        })
    }
}

fn unclosed(text: &str, open: Token, c: char, close: char, found: Option<Token>) -> ScanError {
    let lines = LineIndex::new(text);
    let (l, col) = lines.line_col(text, open.span.start);
    match found {
        Some(t) => ScanError {
            span: t.span,
            message: format!(
                "`{}` does not match the `{c}` opened at line {l}, column {col}",
                &text[t.span.start..t.span.end]
            ),
            help: Some(format!(
                "close the `{c}` with `{close}` first, or check the brackets between them"
            )),
        },
        None => ScanError {
            span: open.span,
            message: format!("this `{c}` is never closed"),
            help: Some(format!("add the matching `{close}`")),
        },
    }
}

/// The scanned structure of a scenario text.
#[derive(Clone, Debug)]
pub struct Source<'a> {
    text: &'a str,
    lines: LineIndex,
    /// `#![enable(...)]` attributes before the value.
    pub attributes: Vec<Span>,
    /// The top-level value; `None` for a file with nothing but comments.
    pub root: Option<Node>,
}

impl<'a> Source<'a> {
    /// Scans `text`, failing only on broken structure (unbalanced brackets, unterminated strings).
    pub fn scan(text: &'a str) -> Result<Self, ScanError> {
        let (toks, err) = tokenize(text);
        if let Some(e) = err {
            return Err(e);
        }
        let mut p = Parser {
            text,
            toks,
            pos: 0,
            depth: 0,
        };
        let mut attributes = Vec::new();
        while let Some(hash) = p.peek().filter(|t| t.tok == Tok::Hash) {
            p.bump();
            if matches!(p.peek(), Some(Token { tok: Tok::Bang, .. })) {
                p.bump();
            }
            let node = p.value()?;
            attributes.push(Span::new(hash.span.start, node.span.end));
        }
        let root = if p.peek().is_some() {
            Some(p.value()?)
        } else {
            None
        };
        Ok(Source {
            text,
            lines: LineIndex::new(text),
            attributes,
            root,
        })
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start.min(self.text.len())..span.end.min(self.text.len())]
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.lines.line_col(self.text, offset)
    }

    /// The name a key stands for: a field name (raw identifiers unwrapped) or a map key with its
    /// quotes and escapes resolved.
    pub fn key_text(&self, key: &Node) -> String {
        match &key.kind {
            Kind::Str(s) => s.clone(),
            _ => {
                let t = self.slice(key.span);
                t.strip_prefix("r#").unwrap_or(t).to_string()
            }
        }
    }

    /// The entry of struct `node` whose field is `name`.
    pub fn field<'n>(&self, node: &'n Node, name: &str) -> Option<&'n Entry> {
        match &node.kind {
            Kind::Group { entries, .. } => entries
                .iter()
                .find(|e| e.key.as_ref().is_some_and(|k| self.key_text(k) == name)),
            _ => None,
        }
    }

    /// The name of a named group (`Tension` in `Tension(a: ..)`).
    pub fn name_of(&self, node: &Node) -> Option<&'a str> {
        match &node.kind {
            Kind::Group { name: Some(n), .. } => Some(self.slice(*n)),
            _ => None,
        }
    }

    /// Where the value at `path` is written. Follows fields, indices and map keys, stepping into
    /// one-element named tuples (`All([..])`, `Not(..)`, `Inject("x")`, `Some(..)`) that the path
    /// does not name. When the path leads to something not written in the file, falls back to the
    /// deepest value reached, so a problem always has a place. `None` only for an empty file.
    pub fn locate(&self, path: &DataPath) -> Option<Span> {
        let mut node = self.root.as_ref()?;
        'segs: for seg in &path.0 {
            loop {
                let next = match (seg, &node.kind) {
                    (Seg::Field(f), Kind::Group { .. }) => self.field(node, f).map(|e| &e.value),
                    (Seg::Index(i), Kind::List(entries)) => entries.get(*i).map(|e| &e.value),
                    (Seg::Index(i), Kind::Group { entries, .. })
                        if node.newtype_content().is_none() =>
                    {
                        entries.get(*i).map(|e| &e.value)
                    }
                    (Seg::Key(k), Kind::Map(entries)) => entries
                        .iter()
                        .filter_map(|e| e.key.as_ref())
                        .find(|key| self.key_text(key) == *k),
                    _ => None,
                };
                if let Some(next) = next {
                    node = next;
                    continue 'segs;
                }
                match node.newtype_content() {
                    Some(inner) => node = inner,
                    None => return Some(node.span),
                }
            }
        }
        while let Some(inner) = node.newtype_content().filter(|n| n.is_leaf()) {
            node = inner;
        }
        Some(node.span)
    }

    /// The chain of values from the root down to the deepest one at `offset`, each with the entry
    /// that holds it (`None` for the root). A value ending right at `offset` counts as holding it
    /// when no value contains it, since the RON parser often reports just after what it read.
    pub fn trail(&self, offset: usize) -> Vec<(Option<&Entry>, &Node)> {
        let mut out = Vec::new();
        let Some(mut node) = self.root.as_ref() else {
            return out;
        };
        if !node.span.contains(offset) && node.span.end != offset {
            return out;
        }
        out.push((None, node));
        loop {
            let entries = node.entries();
            let inside = entries
                .iter()
                .find(|e| e.span().contains(offset))
                .or_else(|| entries.iter().find(|e| e.span().end == offset));
            let Some(e) = inside else { break };
            if let Some(k) = &e.key
                && k.span.contains(offset)
            {
                out.push((Some(e), k));
                break;
            }
            out.push((Some(e), &e.value));
            node = &e.value;
        }
        out
    }

    /// The innermost group whose closing bracket is at `offset`.
    pub fn group_closed_at(&self, offset: usize) -> Option<&Node> {
        fn walk(n: &Node, offset: usize) -> Option<&Node> {
            if !n.span.contains(offset) {
                return None;
            }
            n.entries()
                .iter()
                .find_map(|e| walk(&e.value, offset))
                .or_else(|| (n.span.end == offset + 1 && !n.is_leaf()).then_some(n))
        }
        walk(self.root.as_ref()?, offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Source<'_> {
        Source::scan(text).unwrap_or_else(|e| panic!("scan failed: {e:?}"))
    }

    fn at<'t>(src: &Source<'t>, path: &DataPath) -> &'t str {
        src.slice(src.locate(path).expect("located"))
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "ab\n\"é€\" x\r\nlast";
        let l = LineIndex::new(text);
        assert_eq!(l.line_col(text, 0), (1, 1));
        assert_eq!(l.line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(l.line_col(text, x), (2, 6));
        assert_eq!(l.offset(text, 2, 6), x);
        assert_eq!(l.line(text, 2), "\"é€\" x");
        assert_eq!(l.line_col(text, text.len()), (3, 5));
        assert_eq!(l.offset(text, 3, 99), text.len());
        assert_eq!(l.offset(text, 9, 1), text.len());
    }

    #[test]
    fn scans_structs_tuples_lists_maps() {
        let src = scan(
            r##"#![enable(implicit_some)]
            // a comment with ( unbalanced [ brackets
            Scenario(
                name: "a \"quoted\" (paren",
                pair: ("x", r#"raw ) "# ),
                list: [1, -2.5e-3, 'c', /* nested /* block */ comment */ Foo],
                map: {"k": 1, Bar: 2},
                unit: (),
            )"##,
        );
        assert_eq!(src.attributes.len(), 1);
        let root = src.root.as_ref().unwrap();
        assert_eq!(src.name_of(root), Some("Scenario"));
        assert!(root.is_struct());
        assert_eq!(root.entries().len(), 5);
        let name = src.field(root, "name").unwrap();
        assert_eq!(name.value.kind, Kind::Str("a \"quoted\" (paren".into()));
        let pair = &src.field(root, "pair").unwrap().value;
        assert_eq!(pair.entries().len(), 2);
        assert_eq!(pair.entries()[1].value.kind, Kind::Str("raw ) ".into()));
        let list = &src.field(root, "list").unwrap().value;
        let items: Vec<_> = list
            .entries()
            .iter()
            .map(|e| src.slice(e.value.span))
            .collect();
        assert_eq!(items, ["1", "-2.5e-3", "'c'", "Foo"]);
        assert!(list.entries()[0].comma.is_some());
        assert!(list.entries()[3].comma.is_none());
        let map = &src.field(root, "map").unwrap().value;
        assert_eq!(src.key_text(map.entries()[0].key.as_ref().unwrap()), "k");
        assert_eq!(src.key_text(map.entries()[1].key.as_ref().unwrap()), "Bar");
    }

    #[test]
    fn unescapes_strings() {
        assert_eq!(unescape(r#""a\nb\u{e9}\x41\\""#), "a\nb\u{e9}A\\");
        assert_eq!(unescape(r###"r#"x"y"#"###), "x\"y");
        assert_eq!(unescape("\"one \\\n    two\""), "one two");
    }

    #[test]
    fn reports_broken_structure() {
        let e = Source::scan("(a: [1, 2)").unwrap_err();
        assert_eq!(e.span, Span::new(9, 10));
        assert!(
            e.message.contains("does not match the `[`"),
            "{}",
            e.message
        );
        let e = Source::scan("(a: [1, 2]").unwrap_err();
        assert_eq!(e.span, Span::new(0, 1));
        assert!(e.message.contains("never closed"));
        let e = Source::scan("(a: \"open)").unwrap_err();
        assert_eq!(e.span.start, 4);
        assert!(Source::scan("(a: 1 /* open").is_err());
        assert!(Source::scan(&"[".repeat(1000)).is_err());
    }

    #[test]
    fn stray_separators_do_not_stall_the_scan() {
        for text in ["(: a)", "(a: : 1)", "{: 1}", "[:, :]", "#![enable(:x)] ()"] {
            Source::scan(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        }
    }

    #[test]
    fn tolerates_what_the_parser_reports_better() {
        // Missing commas, stray characters and empty values keep the structure readable.
        let src = scan("(a: 1 b: @, c: , d: [x y])");
        let root = src.root.as_ref().unwrap();
        assert_eq!(root.entries().len(), 4);
    }

    #[test]
    fn locates_paths_through_newtypes() {
        let src = scan(
            r#"(
                actors: [(id: "a"), (id: "b", intents: {"x": 0.5, "y": 0.5})],
                relations: [(between: ("a", "Borelis"))],
                rules: [(
                    when: All([Always, Not(Tension(a: "a", b: "zz", is: Above(1.0)))]),
                    then: [Inject("news"), AddPressure(actor: "q", by: 1.0)],
                )],
                sponsor: Some("a"),
                ops: {Espionage: 2.0},
            )"#,
        );
        let p = DataPath::root();
        assert_eq!(at(&src, &p.field("actors").index(1).field("id")), "\"b\"");
        assert_eq!(
            at(&src, &p.field("actors").index(1).field("intents").key("y")),
            "\"y\""
        );
        assert_eq!(
            at(
                &src,
                &p.field("relations").index(0).field("between").index(1)
            ),
            "\"Borelis\""
        );
        let when = p.field("rules").index(0).field("when");
        assert_eq!(at(&src, &when.index(1).field("b")), "\"zz\"");
        assert_eq!(at(&src, &when.index(1).field("is")), "1.0");
        assert_eq!(at(&src, &when.index(0)), "Always");
        let then = p.field("rules").index(0).field("then");
        assert_eq!(at(&src, &then.index(0)), "\"news\"");
        assert_eq!(at(&src, &then.index(1).field("actor")), "\"q\"");
        assert_eq!(at(&src, &p.field("sponsor")), "\"a\"");
        assert_eq!(at(&src, &p.field("ops").key("Espionage")), "Espionage");
    }

    #[test]
    fn locate_falls_back_to_the_deepest_value_reached() {
        let src = scan("(actors: [(id: \"a\")], x: 1)");
        let p = DataPath::root().field("actors");
        assert_eq!(at(&src, &p.index(0).field("reputation")), "(id: \"a\")");
        assert_eq!(at(&src, &p.index(7).field("id")), "[(id: \"a\")]");
        assert_eq!(at(&src, &DataPath::root().field("missing")), src.text());
        assert_eq!(Source::scan("// nothing").unwrap().locate(&p), None);
    }

    #[test]
    fn trail_finds_the_value_at_an_offset() {
        let text = "(a: (b: 1.5, c: \"x\"), d: Not)";
        let src = scan(text);
        let off = text.find("1.5").unwrap() + 1;
        let trail = src.trail(off);
        let (entry, node) = trail.last().unwrap();
        assert_eq!(src.slice(node.span), "1.5");
        assert_eq!(src.key_text(entry.unwrap().key.as_ref().unwrap()), "b");
        // Just after a value counts as at it.
        let off = text.find("Not").unwrap() + 3;
        assert_eq!(src.slice(src.trail(off).last().unwrap().1.span), "Not");
        // On a field name: the trail ends at the key.
        let off = text.find("c:").unwrap();
        assert_eq!(src.slice(src.trail(off).last().unwrap().1.span), "c");
    }
}
