//! The local host: carries out the effects the console's `update` asks for, on this machine's
//! data folder. Saving never claims success it did not have; loading an older copy of a game
//! asks before it can replace a save with more turns.

use super::app::{App, Dialog, Effect, Msg};
use crate::autosave::{self, Resume};
use std::path::Path;

/// Handles one message: the console's update, then its effects.
pub fn step(app: &mut App, msg: Msg) {
    let effects = app.update(msg);
    carry_out(app, effects);
}

pub fn carry_out(app: &mut App, effects: Vec<Effect>) {
    for e in effects {
        match e {
            Effect::Save => save(app),
            Effect::Export => export(app),
            Effect::Load { path, confirmed } => load(app, &path, confirmed),
            Effect::ListSaves => app.saves = super::setup::list_saves(&app.config.data_dir),
            Effect::Quit => app.quit = true,
            // The app carries these out on its table before they reach the host.
            Effect::Submit(_) | Effect::Leave | Effect::Debrief => {}
        }
    }
}

/// Writes the autosave. A failure is never a crash and never reported as saved: the game is
/// written to a rescue folder instead (and the notice names it), and if that fails too the game
/// is marked unsaved.
pub fn save(app: &mut App) {
    let Some(resume) = app.record() else { return };
    let data = app.config.data_dir.clone();
    match autosave::write_autosave(&data, &resume) {
        Ok(_) => {
            app.set_unsaved(None);
            app.autosave_exists = true;
        }
        Err(e) => {
            let rescue = autosave::rescue_dir();
            match autosave::write_autosave(&rescue, &resume) {
                Ok(_) => {
                    app.set_unsaved(None);
                    app.notice = Some(format!(
                        "Could not save in {} ({e:#}). Saved instead in {}: set BACKCHANNEL_DATA to that folder to continue it.",
                        data.display(),
                        rescue.display()
                    ));
                }
                Err(e2) => {
                    let why = format!("{e:#}; the rescue folder failed too: {e2:#}");
                    app.notice = Some(format!(
                        "NOT SAVED: {why}. Set BACKCHANNEL_DATA to a writable folder."
                    ));
                    app.set_unsaved(Some(why));
                }
            }
        }
    }
}

/// Resumes a save. If the data folder already holds this game's own save with more turns,
/// playing on would replace it: the player is asked first, told how many turns would go.
pub fn load(app: &mut App, path: &Path, confirmed: bool) {
    let refused = |app: &mut App, e: anyhow::Error| {
        app.dialogs.push(Dialog::Notice {
            title: "Cannot load this save".into(),
            text: format!("{e:#}"),
        });
    };
    let resume = match autosave::read_resume(path) {
        Ok(r) => r,
        Err(e) => return refused(app, e),
    };
    if !confirmed && let Some(text) = would_lose(&app.config.data_dir, path, &resume) {
        app.dialogs.push(Dialog::ConfirmLoad {
            path: path.to_path_buf(),
            text,
        });
        return;
    }
    match resume.restore() {
        Ok(t) => app.resume(t),
        Err(e) => refused(app, e),
    }
}

/// What resuming `resume` would cost: the turns of this game's own save that it lacks.
fn would_lose(data: &Path, path: &Path, resume: &Resume) -> Option<String> {
    let own = data.join("saves").join(resume.file_name());
    if own == path {
        return None;
    }
    let newer = autosave::read_resume(&own).ok()?;
    let (have, had) = (resume.save.turns.len(), newer.save.turns.len());
    (had > have).then(|| {
        format!(
            "This is an older copy of a game whose save ({}) has {had} turns played; this copy has {have}. Playing on from here replaces that save, and turns {} to {had} are lost.",
            own.display(),
            have + 1
        )
    })
}

/// Writes the debrief as Markdown into the data folder, named like the game's save, never over
/// another game's export.
pub fn export(app: &mut App) {
    let (Some(d), Some(resume)) = (
        app.console().and_then(|c| c.debrief.as_deref()),
        app.record(),
    ) else {
        return;
    };
    let text = d.render(crate::report::Format::Markdown);
    let dir = app.config.data_dir.join("debriefs");
    let name = resume.file_name().replace(".ron", ".md");
    let path = dir.join(&name);
    let result = std::fs::create_dir_all(&dir)
        .and_then(|()| crate::cli::files::write_atomic(&path, text.as_bytes()));
    // A dialog, not the notice line: a path is often wider than the screen.
    let (title, text) = match result {
        Ok(()) => (
            "Debrief exported",
            format!("Written as Markdown to\n{}", path.display()),
        ),
        Err(e) => ("Could not export the debrief", e.to_string()),
    };
    if let Some(c) = app.console_mut() {
        c.dialogs.push(super::app::Dialog::Notice {
            title: title.into(),
            text,
        });
    }
}
