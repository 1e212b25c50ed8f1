//! Styles of the interface in one place. Colour always doubles a symbol or a word, never carries
//! meaning alone; with `NO_COLOR` set (or colour switched off) every style keeps only its
//! modifiers (bold, reversed), so the screen reads the same in monochrome.

use ratatui::style::{Color, Modifier, Style};

/// The palette, or none of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub colour: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty (https://no-color.org).
    pub fn from_env() -> Theme {
        let no = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { colour: !no }
    }

    fn fg(self, c: Color) -> Style {
        if self.colour {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn dim(self) -> Style {
        if self.colour {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new()
        }
    }
    pub fn key(self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }
    /// The selected row of the focused list.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }
    pub fn border(self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }
    pub fn good(self) -> Style {
        self.fg(Color::Green)
    }
    pub fn warn(self) -> Style {
        self.fg(Color::Yellow)
    }
    pub fn bad(self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    /// A rung of the ladder: green at the bottom, red at the top (always shown with its name).
    pub fn rung(self, rung: usize, rungs: usize) -> Style {
        let top = rungs.saturating_sub(1).max(1);
        match rung * 3 / top {
            0 => self.good(),
            1 => self.warn(),
            _ => self.bad(),
        }
    }
    pub fn error(self) -> Style {
        self.bad()
    }
}
