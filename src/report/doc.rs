//! A tiny document writer with two outputs: plain text for a terminal or a printout, and Markdown
//! for the instructor's notes. Reports describe their structure once (headings, paragraphs,
//! lists, tables, preformatted blocks) and get both formats.

/// Output format of a report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    Text,
    Markdown,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "text" => Ok(Format::Text),
            "markdown" | "md" => Ok(Format::Markdown),
            _ => Err(format!("unknown format \"{s}\"; choose text or markdown")),
        }
    }
}

/// Column alignment in a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Width at which plain-text paragraphs are wrapped.
const WIDTH: usize = 100;

pub struct Doc {
    format: Format,
    out: String,
}

impl Doc {
    pub fn new(format: Format) -> Self {
        Doc {
            format,
            out: String::new(),
        }
    }

    pub fn finish(mut self) -> String {
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }

    fn md(&self) -> bool {
        self.format == Format::Markdown
    }

    pub fn title(&mut self, s: &str) {
        if self.md() {
            self.out.push_str(&format!("# {s}\n\n"));
        } else {
            let upper = s.to_uppercase();
            let line = "=".repeat(upper.chars().count());
            self.out.push_str(&format!("{upper}\n{line}\n\n"));
        }
    }

    pub fn heading(&mut self, s: &str) {
        if self.md() {
            self.out.push_str(&format!("## {s}\n\n"));
        } else {
            let line = "-".repeat(s.chars().count());
            self.out.push_str(&format!("{s}\n{line}\n\n"));
        }
    }

    pub fn subheading(&mut self, s: &str) {
        if self.md() {
            self.out.push_str(&format!("### {s}\n\n"));
        } else {
            self.out.push_str(&format!("{s}\n\n"));
        }
    }

    pub fn para(&mut self, s: &str) {
        if self.md() {
            self.out.push_str(s);
        } else {
            self.out.push_str(&wrap(s, "", ""));
        }
        self.out.push_str("\n\n");
    }

    /// A list item at `depth` (0 or more); end a list with `end_list`.
    pub fn item(&mut self, depth: usize, s: &str) {
        let indent = "  ".repeat(depth);
        if self.md() {
            self.out.push_str(&format!("{indent}- {s}\n"));
        } else {
            let first = format!("{indent}  - ");
            let rest = format!("{indent}    ");
            self.out.push_str(&wrap(s, &first, &rest));
            self.out.push('\n');
        }
    }

    /// A numbered list item.
    pub fn numbered(&mut self, n: usize, s: &str) {
        if self.md() {
            self.out.push_str(&format!("{n}. {s}\n"));
        } else {
            let first = format!("  {n:>2}. ");
            self.out.push_str(&wrap(s, &first, "      "));
            self.out.push('\n');
        }
    }

    pub fn end_list(&mut self) {
        self.out.push('\n');
    }

    /// A line of plain text that is not wrapped (text) or a paragraph line (Markdown).
    pub fn line(&mut self, s: &str) {
        self.out.push_str(s);
        self.out.push('\n');
    }

    pub fn table(&mut self, header: &[&str], align: &[Align], rows: &[Vec<String>]) {
        if self.md() {
            let esc = |s: &str| s.replace('|', "\\|");
            let head: Vec<String> = header.iter().map(|h| esc(h)).collect();
            self.out.push_str(&format!("| {} |\n", head.join(" | ")));
            let rule: Vec<&str> = (0..header.len())
                .map(|i| {
                    if align.get(i) == Some(&Align::Right) {
                        "---:"
                    } else {
                        "---"
                    }
                })
                .collect();
            self.out.push_str(&format!("| {} |\n", rule.join(" | ")));
            for r in rows {
                let cells: Vec<String> = r.iter().map(|c| esc(c)).collect();
                self.out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        } else {
            let mut width: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
            for r in rows {
                for (i, c) in r.iter().enumerate() {
                    if i < width.len() {
                        width[i] = width[i].max(c.chars().count());
                    }
                }
            }
            let fmt_row = |cells: &[String]| {
                let parts: Vec<String> = cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let w = width.get(i).copied().unwrap_or(0);
                        let pad = " ".repeat(w.saturating_sub(c.chars().count()));
                        if align.get(i) == Some(&Align::Right) {
                            format!("{pad}{c}")
                        } else {
                            format!("{c}{pad}")
                        }
                    })
                    .collect();
                format!("  {}", parts.join("  ").trim_end())
            };
            let head: Vec<String> = header.iter().map(|h| h.to_string()).collect();
            self.out.push_str(&fmt_row(&head));
            self.out.push('\n');
            let rule: Vec<String> = width.iter().map(|w| "-".repeat(*w)).collect();
            self.out.push_str(&format!("  {}\n", rule.join("  ")));
            for r in rows {
                self.out.push_str(&fmt_row(r));
                self.out.push('\n');
            }
        }
        self.out.push('\n');
    }

    /// Lines shown exactly as given (a chart).
    pub fn pre(&mut self, lines: &[String]) {
        if self.md() {
            self.out.push_str("```text\n");
            for l in lines {
                self.out.push_str(l);
                self.out.push('\n');
            }
            self.out.push_str("```\n\n");
        } else {
            for l in lines {
                self.out.push_str(&format!("  {l}\n"));
            }
            self.out.push('\n');
        }
    }
}

/// Word-wraps `s` to `WIDTH` columns, starting with `first` and continuing with `rest`.
fn wrap(s: &str, first: &str, rest: &str) -> String {
    let mut out = String::new();
    let mut line = first.to_owned();
    let mut empty = true;
    for word in s.split_whitespace() {
        let len = line.chars().count();
        if !empty && len + 1 + word.chars().count() > WIDTH {
            out.push_str(&line);
            out.push('\n');
            line = rest.to_owned();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(&line);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_wraps_and_markdown_does_not() {
        let long = "word ".repeat(40);
        let mut t = Doc::new(Format::Text);
        t.item(0, &long);
        let t = t.finish();
        assert!(
            t.lines().count() > 1 && t.lines().all(|l| l.chars().count() <= WIDTH),
            "{t}"
        );
        assert!(t.lines().nth(1).unwrap().starts_with("    word"));
        let mut m = Doc::new(Format::Markdown);
        m.item(0, &long);
        assert_eq!(m.finish().lines().count(), 1);
    }

    #[test]
    fn tables_align_in_text_and_escape_in_markdown() {
        let rows = vec![
            vec!["a|b".to_owned(), "1.5".to_owned()],
            vec!["long name".to_owned(), "10.25".to_owned()],
        ];
        let mut t = Doc::new(Format::Text);
        t.table(&["Who", "Score"], &[Align::Left, Align::Right], &rows);
        assert_eq!(
            t.finish(),
            "  Who        Score\n  ---------  -----\n  a|b          1.5\n  long name  10.25\n"
        );
        let mut m = Doc::new(Format::Markdown);
        m.table(&["Who", "Score"], &[Align::Left, Align::Right], &rows);
        assert_eq!(
            m.finish(),
            "| Who | Score |\n| --- | ---: |\n| a\\|b | 1.5 |\n| long name | 10.25 |\n"
        );
    }

    #[test]
    fn formats_parse() {
        assert_eq!("markdown".parse::<Format>(), Ok(Format::Markdown));
        assert_eq!("text".parse::<Format>(), Ok(Format::Text));
        assert!("html".parse::<Format>().is_err());
    }
}
