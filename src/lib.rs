//! Backchannel: a turn-based game of the cybersecurity dilemma for training diplomats.
//!
//! `engine`, `scenario` and `ai` are pure (no terminal, files, clock or threads); the command
//! line in `cli` is the edge that reads files and prints.

pub mod ai;
pub mod autosave;
pub mod balance;
pub mod batch;
pub mod cli;
pub mod engine;
pub mod fork;
pub mod golden;
pub mod ids;
pub mod plan;
pub mod report;
pub mod save;
pub mod scenario;
pub mod serve;
pub mod table;
pub mod tournament;
pub mod tui;
