//! The second input port: raw terminal bytes, as a remote client sends them, become the same
//! messages as crossterm's events do locally. Escape sequences may arrive split across reads or
//! several in one, as they do over a network: the decoder keeps what is incomplete until the rest
//! comes. A lone Esc is only known to be a key when nothing follows it, so the host calls
//! `idle` after a short quiet spell.

use super::app::Msg;

/// Longest escape sequence kept while waiting for its end; anything longer is noise.
const MAX_SEQUENCE: usize = 32;

#[derive(Clone, Debug, Default)]
pub struct Decoder {
    pending: Vec<u8>,
}

impl Decoder {
    /// Decodes `bytes`, keeping an incomplete sequence or character for the next call.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Msg> {
        self.pending.extend_from_slice(bytes);
        let mut out = Vec::new();
        let mut at = 0;
        while at < self.pending.len() {
            match decode(&self.pending[at..]) {
                Step::Done(used, msg) => {
                    out.extend(msg);
                    at += used;
                }
                Step::Incomplete if self.pending.len() - at > MAX_SEQUENCE => at += 1,
                Step::Incomplete => break,
            }
        }
        self.pending.drain(..at);
        out
    }

    /// Nothing more arrived: a held Esc was the key itself, and a held partial sequence was an
    /// Esc followed by keys.
    pub fn idle(&mut self) -> Vec<Msg> {
        if self.pending.first() != Some(&0x1b) {
            // Half a character that never got its rest: it was noise, not a key.
            self.pending.clear();
            return Vec::new();
        }
        let rest = self.pending.split_off(1);
        self.pending.clear();
        let mut out = vec![Msg::Back];
        out.extend(self.feed(&rest));
        out
    }

    /// Whether bytes are held waiting for the rest of a sequence.
    pub fn is_waiting(&self) -> bool {
        !self.pending.is_empty()
    }
}

enum Step {
    /// Bytes used, and the message they make (if any).
    Done(usize, Option<Msg>),
    Incomplete,
}

fn decode(b: &[u8]) -> Step {
    let msg = |m| Step::Done(1, Some(m));
    match b[0] {
        0x1b => escape(b),
        b'\r' | b'\n' => msg(Msg::Enter),
        b'\t' => msg(Msg::NextPanel),
        0x7f | 0x08 => msg(Msg::Backspace),
        0x03 => msg(Msg::Interrupt),
        c if c < 0x20 => Step::Done(1, None),
        c if c < 0x80 => msg(Msg::Char(char::from(c))),
        _ => utf8(b),
    }
}

fn utf8(b: &[u8]) -> Step {
    let len = match b[0] {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf7 => 4,
        _ => return Step::Done(1, None),
    };
    if b.len() < len {
        return Step::Incomplete;
    }
    match std::str::from_utf8(&b[..len])
        .ok()
        .and_then(|s| s.chars().next())
    {
        Some(c) => Step::Done(len, Some(Msg::Char(c))),
        None => Step::Done(1, None),
    }
}

fn escape(b: &[u8]) -> Step {
    match b.get(1) {
        None => Step::Incomplete,
        Some(b'[') => csi(b),
        Some(b'O') => match b.get(2) {
            None => Step::Incomplete,
            Some(c) => Step::Done(3, arrow(*c)),
        },
        // Esc then Esc: the first was a key of its own.
        Some(0x1b) => Step::Done(1, Some(Msg::Back)),
        // Alt and a key: the key (the Esc is dropped, the next byte decodes as itself).
        Some(_) => Step::Done(1, None),
    }
}

fn arrow(c: u8) -> Option<Msg> {
    Some(match c {
        b'A' => Msg::Up,
        b'B' => Msg::Down,
        b'C' => Msg::Right,
        b'D' => Msg::Left,
        _ => return None,
    })
}

/// `ESC [ params final`: cursor keys, page keys, Delete, Shift-Tab and SGR mouse reports.
fn csi(b: &[u8]) -> Step {
    let Some(end) = b[2..].iter().position(|c| (0x40..=0x7e).contains(c)) else {
        return Step::Incomplete;
    };
    let end = end + 2;
    let params = &b[2..end];
    let fin = b[end];
    let used = end + 1;
    let msg = match fin {
        b'A'..=b'D' => arrow(fin),
        b'Z' => Some(Msg::PrevPanel),
        b'~' => match params.split(|c| *c == b';').next() {
            Some(b"5") => Some(Msg::PageUp),
            Some(b"6") => Some(Msg::PageDown),
            Some(b"3") => Some(Msg::Delete),
            _ => None,
        },
        b'M' | b'm' if params.first() == Some(&b'<') => mouse(&params[1..], fin == b'M'),
        _ => None,
    };
    Step::Done(used, msg)
}

/// An SGR mouse report `button;column;row` (1-based): a left press clicks, the wheel scrolls.
fn mouse(params: &[u8], press: bool) -> Option<Msg> {
    let nums: Vec<u16> = std::str::from_utf8(params)
        .ok()?
        .split(';')
        .map(|n| n.parse().ok())
        .collect::<Option<_>>()?;
    let [button, x, y] = nums[..] else {
        return None;
    };
    match (button, press) {
        (0, true) => Some(Msg::Click(x.saturating_sub(1), y.saturating_sub(1))),
        (64, _) => Some(Msg::Up),
        (65, _) => Some(Msg::Down),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(chunks: &[&[u8]]) -> Vec<Msg> {
        let mut d = Decoder::default();
        let mut out: Vec<Msg> = chunks.iter().flat_map(|c| d.feed(c)).collect();
        out.extend(d.idle());
        out
    }

    #[test]
    fn keys_and_characters() {
        assert_eq!(
            all(&[b"ab\r\t\x7f\x03"]),
            [
                Msg::Char('a'),
                Msg::Char('b'),
                Msg::Enter,
                Msg::NextPanel,
                Msg::Backspace,
                Msg::Interrupt
            ]
        );
        assert_eq!(all(&["é→".as_bytes()]), [Msg::Char('é'), Msg::Char('→')]);
    }

    #[test]
    fn sequences_split_anywhere_decode_the_same() {
        let stream: &[u8] = b"\x1b[A\x1b[B\x1bOC\x1b[5~\x1b[<0;12;7M\x1b[<0;12;7m\x1b[Zx\xc3\xa9";
        let whole = all(&[stream]);
        assert_eq!(
            whole,
            [
                Msg::Up,
                Msg::Down,
                Msg::Right,
                Msg::PageUp,
                Msg::Click(11, 6),
                Msg::PrevPanel,
                Msg::Char('x'),
                Msg::Char('é')
            ]
        );
        for cut in 1..stream.len() {
            let (a, b) = stream.split_at(cut);
            assert_eq!(all(&[a, b]), whole, "cut at byte {cut}");
        }
        let bytes: Vec<&[u8]> = stream.chunks(1).collect();
        assert_eq!(all(&bytes), whole, "one byte at a time");
    }

    #[test]
    fn a_lone_escape_is_the_key_once_nothing_follows() {
        let mut d = Decoder::default();
        assert!(d.feed(b"\x1b").is_empty());
        assert!(d.is_waiting());
        assert_eq!(d.idle(), [Msg::Back]);
        assert!(!d.is_waiting());
        assert_eq!(all(&[b"\x1b\x1b[A"]), [Msg::Back, Msg::Up]);
        // Alt and a key is the key: never a stray Esc that would leave the screen.
        assert_eq!(all(&[b"\x1bx"]), [Msg::Char('x')]);
    }

    #[test]
    fn noise_never_grows_the_buffer_or_panics() {
        let mut d = Decoder::default();
        let mut junk = b"\x1b[".to_vec();
        junk.extend(std::iter::repeat_n(b'1', 100));
        d.feed(&junk);
        assert!(d.pending.len() <= MAX_SEQUENCE + 1);
        for b in 0..=255u8 {
            d.feed(&[b, 0x1b, b'[', b]);
        }
        d.idle();
        assert_eq!(all(&[b"\x1b[<0;99999999;1M"]), []);
        assert_eq!(all(&[b"\x1b[<64;1;1M\x1b[<65;1;1M"]), [Msg::Up, Msg::Down]);
    }

    #[test]
    fn half_a_character_is_dropped_when_nothing_follows() {
        let mut d = Decoder::default();
        d.feed(&[0xe0]);
        assert!(d.is_waiting());
        assert_eq!(d.idle(), []);
        assert!(!d.is_waiting(), "a waiting decoder would redraw forever");
    }
}
