//! The terminal front end: the menu, briefing, dashboard, assessment, turn report, debrief and
//! help screens, plus a plain line-by-line mode for screen readers and scripts.
//!
//! Data flows one way: terminal input → `keys::map` → `Msg` → `App::update` → state →
//! `ui::draw`. The engine stays pure; this module owns the terminal and the files of the user's
//! data folder (through `autosave`).

pub mod app;
pub mod console;
pub mod form;
pub mod host;
pub mod input;
pub mod keys;
pub mod ledger;
pub mod model;
pub mod plain;
mod setup;
pub mod terminal;
pub mod theme;
pub mod ui;

use app::{App, Config, Msg};
use ratatui::Terminal;
use ratatui::backend::Backend;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The default configuration: the data folder, `scenarios/` here and in the data folder, a
/// seed from the clock, colours unless `NO_COLOR`.
pub fn config() -> Config {
    let data_dir = crate::autosave::data_dir();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs() % 100_000);
    Config {
        scenario_dirs: vec![PathBuf::from("scenarios"), data_dir.join("scenarios")],
        data_dir,
        seed,
        theme: theme::Theme::from_env(),
        clock: crate::autosave::now,
    }
}

/// Runs the interface on the real terminal until the player quits.
/// Refuses to start without a terminal (the console would fail inside it), pointing to plain
/// mode; exits with an error when the player quit with turns no save holds.
pub fn run(mut app: App) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        anyhow::bail!(
            "the console needs a terminal, and this program's input or output is not one; \
             for numbered text menus on standard input and output, run `backchannel play --plain`"
        );
    }
    let stop = terminal::termination_flag();
    let mut term = terminal::init();
    let result = event_loop(&mut term, &mut app, &stop);
    terminal::restore();
    result?;
    match app.unsaved {
        Some(why) => Err(anyhow::anyhow!("quit with turns that are not saved: {why}")),
        None => Ok(()),
    }
}

/// Hands the game as it now stands (with the draft) to the signal watcher, which saves it if the
/// terminal goes away while this loop is stuck.
fn publish(app: &App) {
    let state = app.record().map(|r| (app.config.data_dir.clone(), r));
    if let Ok(mut last) = terminal::LAST_STATE.lock() {
        *last = state;
    }
}

fn event_loop<B: Backend>(
    term: &mut Terminal<B>,
    app: &mut App,
    stop: &AtomicBool,
) -> anyhow::Result<()>
where
    B::Error: Send + Sync + 'static,
{
    if let Ok(size) = term.size() {
        host::step(app, Msg::Resize(size.width, size.height));
    }
    // The screen is drawn when something changed, not on a clock: the poll's timeout only
    // lets the loop notice a request to stop.
    let mut changed = true;
    loop {
        if changed {
            let mut hits = ui::Hits::default();
            term.draw(|f| hits = ui::draw(f, app))?;
            app.set_hits(hits);
            changed = false;
        }
        if app.quit {
            return Ok(());
        }
        if stop.load(Ordering::Relaxed) {
            host::step(app, Msg::Interrupt);
            continue;
        }
        if crossterm::event::poll(Duration::from_millis(250))? {
            let ev = crossterm::event::read()?;
            if let Some(msg) = keys::map(&ev) {
                host::step(app, msg);
                publish(app);
                changed = true;
            }
        }
    }
}
