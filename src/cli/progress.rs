//! A progress bar on stderr for long batch runs, shown only when stderr is a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Runs `work` on a worker thread while a bar follows `counter` up to `total`.
pub fn with_bar<T: Send>(
    total: u64,
    what: &str,
    counter: &AtomicU64,
    work: impl FnOnce() -> T + Send,
) -> T {
    if !std::io::stderr().is_terminal() || total < 2 {
        return work();
    }
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(what.to_owned());
    let result = std::thread::scope(|s| {
        let handle = s.spawn(work);
        while !handle.is_finished() {
            bar.set_position(counter.load(Ordering::Relaxed));
            std::thread::sleep(Duration::from_millis(50));
        }
        handle.join()
    });
    bar.finish_and_clear();
    match result {
        Ok(v) => v,
        Err(p) => std::panic::resume_unwind(p),
    }
}
