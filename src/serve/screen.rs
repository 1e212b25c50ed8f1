//! A remote terminal: ratatui draws into a buffer of escape sequences that the server sends down
//! an ssh channel. Its size is the one the client's pty announced, never asked of a terminal:
//! the server has none. Only the cells that changed since the last frame are sent.

use crossterm::cursor::{Hide, Show};
use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::queue;
use crossterm::terminal::{Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Frame, Terminal, TerminalOptions, Viewport};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// The largest screen a client may announce: a peer's pty size must not make the server
/// allocate without bound.
pub const MAX_COLS: u16 = 400;
pub const MAX_ROWS: u16 = 200;

/// A client's announced size, kept within what the server will draw. A client that does not
/// know its size announces 0 (an `ssh -tt` from a script): it gets the classic 80×24.
pub fn clamp(cols: u32, rows: u32) -> (u16, u16) {
    if cols == 0 || rows == 0 {
        return (80, 24);
    }
    let c = cols.clamp(1, u32::from(MAX_COLS)) as u16;
    let r = rows.clamp(1, u32::from(MAX_ROWS)) as u16;
    (c, r)
}

/// What the backend writes after every frame, even one that changed no cell: colour resets
/// and hiding the (already hidden) cursor.
const IDLE: [&[u8]; 5] = [
    b"\x1b[39m",
    b"\x1b[49m",
    b"\x1b[59m",
    b"\x1b[0m",
    b"\x1b[?25l",
];

/// Whether a frame's bytes change nothing on the client's screen: such a frame is not sent.
fn idle(mut b: &[u8]) -> bool {
    while let Some(rest) = IDLE.iter().find_map(|p| b.strip_prefix(*p)) {
        b = rest;
    }
    b.is_empty()
}

pub struct Screen {
    term: Terminal<CrosstermBackend<Sink>>,
    out: Arc<Mutex<Vec<u8>>>,
}

/// Where the backend writes: bytes kept until the frame is sent.
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        lock(&self.0).extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn lock(b: &Mutex<Vec<u8>>) -> std::sync::MutexGuard<'_, Vec<u8>> {
    b.lock().unwrap_or_else(|p| p.into_inner())
}

impl Screen {
    pub fn new((w, h): (u16, u16)) -> Screen {
        let options = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        };
        let out = Arc::new(Mutex::new(Vec::new()));
        let term = Terminal::with_options(CrosstermBackend::new(Sink(Arc::clone(&out))), options)
            .expect("drawing into memory cannot fail");
        Screen { term, out }
    }

    /// Takes the client's new size; the next frame is drawn whole.
    pub fn resize(&mut self, (w, h): (u16, u16)) {
        let _ = self.term.resize(Rect::new(0, 0, w, h));
        let mut out = lock(&self.out);
        out.clear();
        let _ = queue!(*out, Clear(ClearType::All));
    }

    /// Draws a frame and returns the bytes that bring the client's screen up to it, with what
    /// `draw` returned.
    pub fn draw<T>(&mut self, draw: impl FnOnce(&mut Frame<'_>) -> T) -> (Vec<u8>, T) {
        let mut out = None;
        let _ = self.term.draw(|f| out = Some(draw(f)));
        let mut bytes = std::mem::take(&mut *lock(&self.out));
        if idle(&bytes) {
            bytes.clear();
        }
        (bytes, out.expect("ratatui calls the draw function once"))
    }

    /// Takes over the client's screen: the alternate screen, no cursor, mouse reports on.
    pub fn enter() -> Vec<u8> {
        let mut b = Vec::new();
        let _ = queue!(
            b,
            EnterAlternateScreen,
            Hide,
            EnableMouseCapture,
            Clear(ClearType::All)
        );
        b
    }

    /// Gives the client's screen back as it was, and says a last line on it.
    pub fn leave(farewell: &str) -> Vec<u8> {
        let mut b = Vec::new();
        let _ = queue!(b, DisableMouseCapture, Show, LeaveAlternateScreen);
        b.extend_from_slice(farewell.as_bytes());
        b.extend_from_slice(b"\r\n");
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::Paragraph;

    fn emulator(rows: u16, cols: u16) -> vt100::Parser {
        let n = |x| std::num::NonZeroU16::new(x).unwrap();
        vt100::Parser::new(n(rows), n(cols), 0)
    }

    #[test]
    fn a_frame_becomes_bytes_a_terminal_emulator_shows() {
        let mut s = Screen::new((20, 3));
        let mut parser = emulator(3, 20);
        parser.process(&Screen::enter());
        let (bytes, ()) = s.draw(|f| f.render_widget(Paragraph::new("Table 1"), f.area()));
        parser.process(&bytes);
        assert!(parser.screen().contents().starts_with("Table 1"));
        // Nothing changed: almost nothing is sent.
        let (again, ()) = s.draw(|f| f.render_widget(Paragraph::new("Table 1"), f.area()));
        assert!(again.is_empty(), "{again:?}");
        s.resize((30, 4));
        let (bytes, ()) = s.draw(|f| f.render_widget(Paragraph::new("wider"), f.area()));
        let mut wide = emulator(4, 30);
        wide.process(&bytes);
        assert!(wide.screen().contents().starts_with("wider"));
    }

    #[test]
    fn a_peer_cannot_announce_a_screen_without_bound() {
        assert_eq!(clamp(u32::MAX, 1), (MAX_COLS, 1));
        assert_eq!(clamp(0, 0), (80, 24));
        assert_eq!(clamp(120, 40), (120, 40));
    }
}
