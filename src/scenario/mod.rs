//! Scenario files: the format instructors write (`file`), the checks that turn it into the
//! engine's indexed `Scenario` (`compile`), and the problems found on the way (`issue`). `load`
//! puts it together for a file's text: every error and warning with its line and column
//! (`diagnostic`), found with the help of a scan of the text's structure (`source`).
//! Pure: takes text, returns values; reading files is the caller's job.

pub mod compile;
pub mod diagnostic;
pub mod explain;
pub mod file;
pub mod issue;
pub mod limits;
pub mod lint;
pub mod load;
pub mod model;
pub mod source;

pub use compile::{MAX_ID_LEN, compile, slugify};
pub use diagnostic::Diagnostic;
pub use file::ScenarioFile;
pub use issue::{DataPath, Issue, Severity};
pub use load::{Loaded, Report, load};
pub use model::Scenario;

/// A stable 64-bit FNV-1a hash of a scenario's text, so saves notice a changed scenario.
pub fn content_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `text` with a leading byte-order mark, as some editors write, turned into a space: the parser
/// rejects the mark, and one character for another keeps every line and column in place.
pub fn unmark(text: &str) -> std::borrow::Cow<'_, str> {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => std::borrow::Cow::Owned(format!(" {rest}")),
        None => std::borrow::Cow::Borrowed(text),
    }
}

/// The RON options scenario files are read with: `Option` fields take a bare value
/// (`sponsor: "borealis"`), so authors never need to write `Some(..)`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}
