//! The simulation: a pure, deterministic, turn-based model of the cybersecurity dilemma.
//! No terminal, files, clock or threads; time is a turn counter and every draw comes from `Dice`.
//!
//! `Game` is the entry point: `Game::new`, then `resolve` once per turn with every seat's
//! `Orders`. A front end reads the game through `Game::view`, a `SeatView` holding only what
//! that seat could know; every change is also an `Event` tagged with who may see it.
//!
//! Determinism across machines: iteration is over vectors and B-trees only, and exponentials and
//! powers come from the pure-Rust `libm` rather than the platform's maths library, whose last
//! bits may differ from one system to another.

mod actions;
pub mod beliefs;
pub mod check;
pub mod dice;
pub mod event;
pub mod game;
pub mod intervention;
mod operations;
pub mod orders;
mod perception;
mod resolve;
mod rules;
pub mod score;
pub mod state;
pub mod view;

pub use check::OrderError;
pub use event::{Audience, Event, EventKind, Outcome};
pub use game::{EngineError, Game, TurnOrders};
pub use intervention::{Intervention, InterventionError};
pub use operations::permits;
pub use orders::{Action, Orders, Posture};
pub use resolve::escalation_of;
pub use rules::holds as condition_holds;
pub use score::ScoreCard;
pub use view::SeatView;
