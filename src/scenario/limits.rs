//! How long a scenario's words may be. Names sit in headers, tables and aligned columns, and
//! texts are wrapped on screens and written into debriefs: a name of thousands of characters
//! breaks every one of them, so the checker refuses it with the cut to make.

use super::file::{Effect, ScenarioFile};
use super::issue::{DataPath, Issue};

/// The longest name or title: a header line, a table cell, a ladder rung.
pub const MAX_NAME_CHARS: usize = 80;
/// The longest description, message or inject text: a few paragraphs.
pub const MAX_TEXT_CHARS: usize = 2_000;
/// The longest briefing: a page or two of background.
pub const MAX_BRIEFING_CHARS: usize = 8_000;

/// Every name and text in `f` that is longer than its limit.
pub fn check(f: &ScenarioFile) -> Vec<Issue> {
    let mut c = Checker::default();
    let root = DataPath::root();
    c.name(&f.title, root.field("title"));
    c.name(&f.author, root.field("author"));
    c.limit(
        &f.briefing,
        root.field("briefing"),
        MAX_BRIEFING_CHARS,
        "briefing",
    );
    for (i, s) in f.objectives.iter().enumerate() {
        c.text(s, root.field("objectives").index(i));
    }
    for (i, s) in f.debrief_questions.iter().enumerate() {
        c.text(s, root.field("debrief_questions").index(i));
    }
    let named = |c: &mut Checker, list: &'static str, i: usize, name: &str, text: &str, key| {
        let p = root.field(list).index(i);
        c.name(name, p.field("name"));
        c.text(text, p.field(key));
    };
    for (i, d) in f.intents.iter().enumerate() {
        named(&mut c, "intents", i, &d.name, &d.description, "description");
    }
    for (i, d) in f.actors.iter().enumerate() {
        named(&mut c, "actors", i, &d.name, &d.description, "description");
    }
    for (i, d) in f.assets.iter().enumerate() {
        c.name(&d.name, root.field("assets").index(i).field("name"));
    }
    for (i, d) in f.indicators.iter().enumerate() {
        named(
            &mut c,
            "indicators",
            i,
            &d.name,
            &d.description,
            "description",
        );
    }
    for (i, d) in f.ladder.iter().enumerate() {
        named(&mut c, "ladder", i, &d.name, &d.description, "description");
    }
    for (i, d) in f.norms.iter().enumerate() {
        named(&mut c, "norms", i, &d.name, &d.text, "text");
    }
    for (i, d) in f.variables.iter().enumerate() {
        let p = root.field("variables").index(i).field("description");
        c.text(&d.description, p);
    }
    for (i, d) in f.rules.iter().enumerate() {
        let p = root.field("rules").index(i);
        c.text(&d.description, p.field("description"));
        for (j, e) in d.then.iter().enumerate() {
            if let Effect::EndGame { text, .. } = e {
                c.text(text, p.field("then").index(j).field("text"));
            }
        }
    }
    for (i, d) in f.injects.iter().enumerate() {
        let p = root.field("injects").index(i);
        c.name(&d.title, p.field("title"));
        c.text(&d.text, p.field("text"));
    }
    for (i, d) in f.settlements.iter().enumerate() {
        named(&mut c, "settlements", i, &d.name, &d.text, "text");
    }
    c.issues
}

#[derive(Default)]
struct Checker {
    issues: Vec<Issue>,
}

impl Checker {
    fn name(&mut self, s: &str, p: DataPath) {
        self.limit(s, p, MAX_NAME_CHARS, "name");
    }

    fn text(&mut self, s: &str, p: DataPath) {
        self.limit(s, p, MAX_TEXT_CHARS, "text");
    }

    fn limit(&mut self, s: &str, p: DataPath, max: usize, what: &str) {
        // Counting stops past the limit, so a megabyte string costs no more than a short one.
        let n = s.chars().take(max + 1).count();
        if n <= max {
            return;
        }
        let total = s.chars().count();
        let help = if what == "name" {
            format!("shorten it to {max} characters or fewer; put the detail in a description")
        } else {
            format!("shorten it to {max} characters or fewer; split it if it says several things")
        };
        self.issues.push(
            Issue::error(
                "text-too-long",
                p,
                format!("this {what} is {total} characters long, more than the {max} allowed"),
            )
            .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid_probe() -> ScenarioFile {
        let text = include_str!("../../scenarios/grid-probe.ron");
        super::super::ron_options().from_str(text).unwrap()
    }

    #[test]
    fn the_shipped_words_fit() {
        assert!(check(&grid_probe()).is_empty());
    }

    #[test]
    fn a_long_rung_name_and_a_long_end_text_are_refused_where_they_are() {
        let mut f = grid_probe();
        f.ladder[1].name = "x".repeat(65_536);
        let end = f.rules.len() - 1;
        f.rules[end].then.push(Effect::EndGame {
            outcome: super::super::file::EndKind::Failure,
            text: "y".repeat(MAX_TEXT_CHARS + 1),
        });
        let issues = check(&f);
        let paths: Vec<String> = issues.iter().map(|i| i.path.to_string()).collect();
        assert_eq!(paths.len(), 2, "{paths:?}");
        assert_eq!(paths[0], "ladder[1].name");
        assert!(
            paths[1].starts_with(&format!("rules[{end}].then[")),
            "{paths:?}"
        );
        assert!(
            issues[0].message.contains("65536 characters"),
            "{}",
            issues[0].message
        );
    }
}
