//! The real terminal: entering and leaving raw mode and the alternate screen, mouse capture, a
//! panic hook that restores the screen before the message prints, and SIGTERM/SIGHUP turned into
//! a flag the event loop polls, so the game saves and the terminal is restored on every exit.

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use ratatui::DefaultTerminal;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Takes over the terminal. `ratatui::init` installs a panic hook that restores it; ours, on
/// top, also releases the mouse.
pub fn init() -> DefaultTerminal {
    let terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        previous(info);
    }));
    terminal
}

/// Gives the terminal back as it was.
pub fn restore() {
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
}

/// A flag raised when the process is asked to end (SIGTERM, SIGHUP, SIGINT).
pub fn termination_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
        let _ = signal_hook::flag::register(sig, Arc::clone(&flag));
    }
    flag
}
