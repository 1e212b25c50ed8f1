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
    pub severity: Severity,
    pub path: DataPath,
    pub message: String,
    /// What to write instead, e.g. `did you mean "borealis"?`.
    pub help: Option<String>,
}

impl Issue {
    pub fn error(path: DataPath, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Error,
            path,
            message: message.into(),
            help: None,
        }
    }
    pub fn warning(path: DataPath, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Warning,
            ..Issue::error(path, message)
        }
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// The closest of `candidates` to `wrong`, if one is close enough to be a likely typo.
pub fn closest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (wrong.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&wrong.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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
    fn paths_print_like_the_file() {
        let p = DataPath::root()
            .field("rules")
            .index(3)
            .field("when")
            .key("x");
        assert_eq!(p.to_string(), "rules[3].when[\"x\"]");
    }
}
