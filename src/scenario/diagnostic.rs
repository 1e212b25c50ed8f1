//! A problem as shown to the author of a scenario: file, line and column, what is wrong, the line
//! of the file with a caret under the place, and what to write instead.

use super::issue::Severity;
use super::source::{LineIndex, Span};
use std::fmt;

/// One error or warning about a scenario file, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// A stable name for the kind of problem (`unknown-id`, `syntax-expected-comma`), for tools.
    pub code: String,
    /// The file's name as the user gave it.
    pub file: String,
    /// 1-based line; 0 when the problem concerns the file as a whole (it could not be read).
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// How many characters the caret underlines (at least 1).
    pub width: usize,
    pub severity: Severity,
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
    /// The text of `line`, without its line break.
    pub source_line: String,
}

impl Diagnostic {
    /// A diagnostic at `span` of `text`: the caret spans it when it lies on one line, else marks
    /// its first character.
    pub fn at(
        file: &str,
        text: &str,
        lines: &LineIndex,
        span: Span,
        severity: Severity,
        message: impl Into<String>,
        help: Option<String>,
    ) -> Self {
        let (line, col) = lines.line_col(text, span.start);
        let (end_line, end_col) = lines.line_col(text, span.end.max(span.start));
        let source_line = lines.line(text, line).to_string();
        let room = source_line.chars().count().saturating_sub(col - 1).max(1);
        let width = if end_line == line && end_col > col {
            (end_col - col).min(room)
        } else {
            1
        };
        Diagnostic {
            code: String::new(),
            file: file.to_string(),
            line,
            col,
            width,
            severity,
            message: message.into(),
            help,
            source_line,
        }
    }

    /// A diagnostic about the file as a whole, with no place in it.
    pub fn whole_file(file: &str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code: "file-unreadable".into(),
            file: file.to_string(),
            line: 0,
            col: 0,
            width: 0,
            severity,
            message: message.into(),
            help: None,
            source_line: String::new(),
        }
    }

    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = code.into();
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

const TAB: &str = "    ";

/// The most characters of a source line echoed under a message: one screen line.
const ECHO_CHARS: usize = 110;
/// How much of a long line stays visible before the caret.
const ECHO_BEFORE: usize = 40;

/// The part of `line` to echo: all of it when it fits on one screen line, else a window around
/// the caret with an ellipsis at each cut, so a 20 KB line costs one line of output. Returns the
/// echo, and the caret's indent and width within it.
fn window(line: &[char], indent: usize, width: usize) -> (String, usize, usize) {
    if line.len() <= ECHO_CHARS {
        return (line.iter().collect(), indent, width);
    }
    let start = indent
        .saturating_sub(ECHO_BEFORE)
        .min(line.len() - ECHO_CHARS);
    let end = start + ECHO_CHARS;
    let at = indent - start;
    let width = width.min(ECHO_CHARS.saturating_sub(at)).max(1);
    let mut echo = String::new();
    if start > 0 {
        echo.push('…');
    }
    echo.extend(&line[start..end]);
    if end < line.len() {
        echo.push('…');
    }
    let indent = at + usize::from(start > 0);
    (echo, indent, width)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}: {}", self.file, self.severity, self.message)?;
            if let Some(help) = &self.help {
                write!(f, "\n  = help: {help}")?;
            }
            return Ok(());
        }
        writeln!(
            f,
            "{}:{}:{}: {}: {}",
            self.file, self.line, self.col, self.severity, self.message
        )?;
        let number = self.line.to_string();
        let pad = " ".repeat(number.len());
        let shown: Vec<char> = self
            .source_line
            .replace('\t', TAB)
            .trim_end()
            .chars()
            .collect();
        let indent: usize = self
            .source_line
            .chars()
            .take(self.col.saturating_sub(1))
            .map(|c| if c == '\t' { TAB.len() } else { 1 })
            .sum();
        let (echo, indent, width) = window(&shown, indent, self.width.max(1));
        writeln!(f, "{pad} |")?;
        writeln!(f, "{number} | {echo}")?;
        write!(f, "{pad} | {}{}", " ".repeat(indent), "^".repeat(width))?;
        if let Some(help) = &self.help {
            write!(f, "\n{pad} = help: {help}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn diag(text: &str, needle: &str, message: &str, help: Option<&str>) -> Diagnostic {
        let start = text.find(needle).expect("needle");
        Diagnostic::at(
            "scenarios/x.ron",
            text,
            &LineIndex::new(text),
            Span::new(start, start + needle.len()),
            Severity::Error,
            message,
            help.map(str::to_string),
        )
    }

    #[test]
    fn renders_a_caret_under_the_span() {
        let text = format!(
            "{}        between: (\"atlantis\", \"Borelis\"),\n",
            "\n".repeat(11)
        );
        let d = diag(
            &text,
            "\"Borelis\"",
            "unknown actor \"Borelis\"",
            Some("did you mean \"borealis\"?"),
        );
        assert_eq!((d.line, d.col, d.width), (12, 31, 9));
        let expected = r#"scenarios/x.ron:12:31: error: unknown actor "Borelis"
   |
12 |         between: ("atlantis", "Borelis"),
   |                               ^^^^^^^^^
   = help: did you mean "borealis"?"#;
        assert_eq!(d.to_string(), expected);
    }

    #[test]
    fn multi_line_spans_get_one_caret_and_tabs_line_up() {
        let text = "(\n\ta: [1,\n2],\n)";
        let d = diag(text, "[1,\n2]", "wrong", None);
        assert_eq!((d.line, d.col, d.width), (2, 5, 1));
        assert_eq!(
            d.to_string(),
            "scenarios/x.ron:2:5: error: wrong\n  |\n2 |     a: [1,\n  |        ^"
        );
    }

    #[test]
    fn columns_count_characters_and_carets_stay_on_the_line() {
        let text = "(name: \"Ærø\", x: 1)";
        let d = diag(text, "x", "bad", None);
        assert_eq!(d.col, 15);
        let d = Diagnostic::at(
            "f.ron",
            text,
            &LineIndex::new(text),
            Span::new(text.len(), text.len() + 5),
            Severity::Warning,
            "at the end",
            None,
        );
        assert_eq!((d.line, d.col, d.width), (1, 20, 1));
        assert!(d.to_string().starts_with("f.ron:1:20: warning: at the end"));
    }

    #[test]
    fn a_long_line_is_echoed_as_one_screen_line_around_the_caret() {
        let text = format!("(x: [{}], y: oops)", "1, ".repeat(7_000));
        let d = diag(&text, "oops", "bad", None);
        let shown = d.to_string();
        let echo = shown.lines().nth(2).unwrap();
        let caret = shown.lines().nth(3).unwrap();
        assert!(echo.chars().count() < 120, "{echo}");
        assert!(echo.contains("| …") && echo.ends_with("y: oops)"), "{echo}");
        let at = caret.find('^').unwrap();
        let under: String = echo.chars().skip(at).take(4).collect();
        assert_eq!(under, "oops", "{echo}\n{caret}");
        assert_eq!(caret.matches('^').count(), 4);
        // A caret early in a long line: the cut is at the end only.
        let d = diag(&text, "x", "bad", None);
        let shown = d.to_string();
        let echo = shown.lines().nth(2).unwrap();
        assert!(echo.ends_with('…') && !echo.contains("| …"), "{echo}");
    }

    #[test]
    fn whole_file_problems_have_no_snippet() {
        let d = Diagnostic::whole_file("gone.ron", Severity::Error, "cannot read the file");
        assert_eq!(d.to_string(), "gone.ron: error: cannot read the file");
    }
}
