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

/// The game as the player left it after the last message: written by the watcher below if the
/// event loop cannot save it itself.
pub static LAST_STATE: std::sync::Mutex<Option<(std::path::PathBuf, crate::autosave::Resume)>> =
    std::sync::Mutex::new(None);

/// A flag raised when the process is asked to end (SIGTERM, SIGHUP, SIGINT, SIGQUIT). The event
/// loop polls it, saves (the draft too) and restores the terminal. When the terminal itself has
/// gone (a hang-up), crossterm's poll can spin without returning; a watcher then saves the game
/// as last published in `LAST_STATE`, restores what it can and ends the process after a grace
/// period. So a closed terminal keeps the unsent draft as well as every turn.
pub fn termination_flag() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
        if let Ok(mut signals) =
            signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])
        {
            let raised = Arc::clone(&flag);
            std::thread::spawn(move || {
                if let Some(sig) = signals.forever().next() {
                    raised.store(true, std::sync::atomic::Ordering::SeqCst);
                    std::thread::sleep(std::time::Duration::from_millis(1500));
                    let last = LAST_STATE.lock().ok().and_then(|mut l| l.take());
                    if let Some((data, resume)) = last {
                        let _ = crate::autosave::write_autosave(&data, &resume);
                    }
                    restore();
                    std::process::exit(128 + sig);
                }
            });
        }
    }
    flag
}
