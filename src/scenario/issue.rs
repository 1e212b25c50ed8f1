//! Problems found in a scenario after it parsed: what is wrong, where in the data it sits (a path
//! such as `rules[3].when[1].a`), and what to write instead. The checker turns paths into line and
//! column; the compiler only has to say which value is at fault.

use std::fmt;

/// One step into the data of a scenario file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    /// A named field of a struct or struct variant.
    Field(&'static str),
    /// An element of a list or tuple. A path reaching a one-element named tuple such as
    /// `All([..])` or `Not(..)` steps into its content without a segment of its own.
    Index(usize),
    /// The key of a map entry (`{"security-seeker": 0.6}`), pointing at the key itself.
    Key(String),
}

/// Where a value sits inside a scenario file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DataPath(pub Vec<Seg>);

impl DataPath {
    pub fn root() -> Self {
        DataPath(Vec::new())
    }
    pub fn field(&self, name: &'static str) -> Self {
        self.with(Seg::Field(name))
    }
    pub fn index(&self, i: usize) -> Self {
        self.with(Seg::Index(i))
    }
    pub fn key(&self, k: impl Into<String>) -> Self {
        self.with(Seg::Key(k.into()))
    }
    fn with(&self, s: Seg) -> Self {
        let mut v = self.0.clone();
        v.push(s);
        DataPath(v)
    }
}

impl fmt::Display for DataPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, s) in self.0.iter().enumerate() {
            match s {
                Seg::Field(n) if i == 0 => write!(f, "{n}")?,
                Seg::Field(n) => write!(f, ".{n}")?,
                Seg::Index(ix) => write!(f, "[{ix}]")?,
                Seg::Key(k) => write!(f, "[{k:?}]")?,
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem with a scenario's content.
#[derive(Clone, Debug, PartialEq)]
pub struct Issue {
    /// A stable name for the kind of problem, e.g. `unknown-id`.
    pub code: &'static str,
    pub severity: Severity,
    pub path: DataPath,
    pub message: String,
    /// What to write instead, e.g. `did you mean "borealis"?`.
    pub help: Option<String>,
}

impl Issue {
    pub fn error(code: &'static str, path: DataPath, message: impl Into<String>) -> Self {
        Issue {
            code,
            severity: Severity::Error,
            path,
            message: message.into(),
            help: None,
        }
    }
    pub fn warning(code: &'static str, path: DataPath, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Warning,
            ..Issue::error(code, path, message)
        }
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The closest of `candidates` to `wrong`, if one is close enough to be a likely typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let lower = wrong.to_lowercase();
    let length = lower.chars().count();
    let limit = (length / 3).max(2);
    let near = candidates
        .iter()
        // Lengths further apart than the limit are further apart in edits too: a pasted
        // paragraph costs nothing to rule out.
        .filter(|c| c.chars().count().abs_diff(length) <= limit)
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c);
    near.or_else(|| same_stem(&lower, &candidates))
}

/// The one candidate that shares a long beginning with `wrong` (`Agreed` for `Agreement`,
/// `Sanction` for `Sanctions`): at least five characters and most of `wrong`.
fn same_stem<'a>(wrong: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let prefix = |c: &str| {
        wrong
            .chars()
            .zip(c.to_lowercase().chars())
            .take_while(|(a, b)| a == b)
            .count()
    };
    let need = 5.max(wrong.chars().count().div_ceil(2));
    let mut best: Vec<(usize, &'a str)> = candidates
        .iter()
        .map(|c| (prefix(c), *c))
        .filter(|(n, _)| *n >= need)
        .collect();
    best.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
    match best.as_slice() {
        [(n, c), rest @ ..] if rest.first().is_none_or(|(m, _)| m < n) => Some(*c),
        _ => None,
    }
}

/// Levenshtein distance.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_ids_only() {
        assert_eq!(
            closest("Borelis", ["borealis", "atlantis"]),
            Some("borealis")
        );
        assert_eq!(closest("zzz", ["borealis", "atlantis"]), None);
    }

    #[test]
    fn suggests_a_word_with_the_same_stem() {
        assert_eq!(
            closest("Agreed", ["Agreement", "Always", "All"]),
            Some("Agreement")
        );
        assert_eq!(
            closest("ChannelIsOpen", ["ChannelOpen", "Channel"]),
            Some("ChannelOpen")
        );
        // Too short a stem, or two candidates equally near: no guess.
        assert_eq!(same_stem("agr", &["Agreement"]), None);
        assert_eq!(same_stem("protectorate", &["ProtectA", "ProtectB"]), None);
        assert_eq!(
            same_stem("protectorate", &["ProtectA", "Protector"]),
            Some("Protector")
        );
    }

    #[test]
    fn paths_print_like_the_file() {
        let p = DataPath::root()
            .field("rules")
            .index(3)
            .field("when")
            .key("x");
        assert_eq!(p.to_string(), "rules[3].when[\"x\"]");
    }
}
