//! Reports read from a game: plain-English narration of events (`narrate`), the after-action
//! review (`debrief`), the words both use for things (`words`), and the small text/Markdown
//! writer they share (`doc`).
//!
//! Pure: takes a `Game` or its parts, returns strings. No terminal, files or clock, so the
//! command line and the terminal front end can both use it.

pub mod class;
pub mod compare;
pub mod debrief;
pub mod doc;
pub mod narrate;
pub mod words;

pub use debrief::Debrief;
pub use doc::Format;
pub use narrate::Narrator;
