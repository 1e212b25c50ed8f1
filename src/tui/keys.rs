//! The one place where terminal input becomes messages. Only key *press* events count (a
//! terminal that reports releases and repeats would otherwise act twice); mouse clicks and
//! wheel turns carry their cell; a resize carries the new size.

use super::app::Msg;
use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// Maps one terminal event to a message, or nothing.
pub fn map(event: &Event) -> Option<Msg> {
    match event {
        Event::Key(k) => key(k),
        Event::Mouse(m) => mouse(m),
        Event::Resize(w, h) => Some(Msg::Resize(*w, *h)),
        _ => None,
    }
}

fn key(k: &KeyEvent) -> Option<Msg> {
    if k.kind != KeyEventKind::Press {
        return None;
    }
    if k.modifiers.contains(KeyModifiers::CONTROL) {
        return match k.code {
            KeyCode::Char('c') => Some(Msg::Interrupt),
            _ => None,
        };
    }
    Some(match k.code {
        KeyCode::Up => Msg::Up,
        KeyCode::Down => Msg::Down,
        KeyCode::Left => Msg::Left,
        KeyCode::Right => Msg::Right,
        KeyCode::PageUp => Msg::PageUp,
        KeyCode::PageDown => Msg::PageDown,
        KeyCode::Tab => Msg::NextPanel,
        KeyCode::BackTab => Msg::PrevPanel,
        KeyCode::Enter => Msg::Enter,
        KeyCode::Esc => Msg::Back,
        KeyCode::Backspace => Msg::Backspace,
        KeyCode::Delete => Msg::Delete,
        KeyCode::Char(c) => Msg::Char(c),
        _ => return None,
    })
}

fn mouse(m: &MouseEvent) -> Option<Msg> {
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Msg::Click(m.column, m.row)),
        MouseEventKind::ScrollUp => Some(Msg::Up),
        MouseEventKind::ScrollDown => Some(Msg::Down),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEventState;

    fn ev(code: KeyCode, kind: KeyEventKind, modifiers: KeyModifiers) -> Event {
        Event::Key(KeyEvent {
            code,
            modifiers,
            kind,
            state: KeyEventState::NONE,
        })
    }

    #[test]
    fn only_presses_count() {
        let none = KeyModifiers::NONE;
        assert_eq!(
            map(&ev(KeyCode::Enter, KeyEventKind::Press, none)),
            Some(Msg::Enter)
        );
        assert_eq!(map(&ev(KeyCode::Enter, KeyEventKind::Release, none)), None);
        assert_eq!(map(&ev(KeyCode::Enter, KeyEventKind::Repeat, none)), None);
    }

    #[test]
    fn control_c_interrupts_and_letters_pass_through() {
        assert_eq!(
            map(&ev(
                KeyCode::Char('c'),
                KeyEventKind::Press,
                KeyModifiers::CONTROL
            )),
            Some(Msg::Interrupt)
        );
        assert_eq!(
            map(&ev(
                KeyCode::Char('q'),
                KeyEventKind::Press,
                KeyModifiers::NONE
            )),
            Some(Msg::Char('q'))
        );
        assert_eq!(
            map(&ev(KeyCode::Tab, KeyEventKind::Press, KeyModifiers::NONE)),
            Some(Msg::NextPanel)
        );
    }

    #[test]
    fn clicks_and_resizes() {
        let click = Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column: 3,
            row: 4,
            modifiers: KeyModifiers::NONE,
        });
        assert_eq!(map(&click), Some(Msg::Click(3, 4)));
        assert_eq!(map(&Event::Resize(80, 24)), Some(Msg::Resize(80, 24)));
    }
}
