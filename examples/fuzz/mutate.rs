//! Mutations of scenario text, of the kinds that break files by hand and by tool: a flipped
//! character, a line lost or doubled, a number pushed to an extreme, a string grown huge, brackets
//! nested deep, a chunk cut out, a token dropped in, a line from another scenario.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Numbers at the edges of every type a scenario holds.
const EXTREMES: &[&str] = &[
    "0",
    "-0",
    "-1",
    "1",
    "0.5",
    "1e308",
    "-1e308",
    "1e-320",
    "NaN",
    "inf",
    "-inf",
    "255",
    "256",
    "65535",
    "65536",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "999999999999999999999999",
    "0x7f",
    "1_000",
];

/// Tokens that are half a construct on their own.
const TOKENS: &[&str] = &[
    ",",
    ",,",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    "\"",
    "'",
    "Some(",
    "None",
    "true",
    "//",
    "/*",
    "*/",
    "r#\"",
    "#",
    "#![enable(implicit_some)]",
    "()",
    "[]",
    "\"\"",
    "\\",
    "\u{201c}",
    "\u{201d}",
    "\u{feff}",
    "\u{0}",
    "\u{202e}",
    "e\u{301}",
    "🛰",
    "\t",
    "\r",
    "\n\n",
    "..",
    "-",
];

/// Characters a byte flip may not give, swapped in whole so the text stays UTF-8.
const ODD_CHARS: &[char] = &[
    '\u{0}',
    '\u{7}',
    '\u{1b}',
    '\u{7f}',
    '\u{a0}',
    '\u{ad}',
    '\u{200b}',
    '\u{2028}',
    '\u{feff}',
    '\u{fffd}',
    'ß',
    'İ',
    'ﬃ',
    '\u{10ffff}',
    '“',
    '”',
    '‘',
    '’',
    '«',
    '»',
];

pub struct Mutator {
    rng: ChaCha8Rng,
}

impl Mutator {
    pub fn new(seed: u64) -> Self {
        Mutator {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// One to four mutations of a scenario from `corpus`.
    pub fn next(&mut self, corpus: &[String]) -> String {
        let mut text = corpus[self.rng.random_range(0..corpus.len())].clone();
        for _ in 0..self.rng.random_range(1..=4) {
            text = self.mutate(text, corpus);
        }
        text
    }

    fn mutate(&mut self, text: String, corpus: &[String]) -> String {
        if text.is_empty() {
            return self.pick(TOKENS).to_owned();
        }
        match self.rng.random_range(0..10) {
            0 => self.flip(text),
            1 => self.lines(text, |l, i, _| {
                l.remove(i);
            }),
            2 => self.lines(text, |l, i, _| {
                let line = l[i].clone();
                l.insert(i, line);
            }),
            3 => self.lines(text, |l, i, j| l.swap(i, j)),
            4 => self.number(text),
            5 => self.long_string(text),
            6 => self.nest(text),
            7 => self.cut(text),
            8 => {
                let at = self.boundary(&text);
                let token = self.pick(TOKENS);
                splice(&text, at, at, token)
            }
            _ => {
                let other = &corpus[self.rng.random_range(0..corpus.len())];
                let lines: Vec<&str> = other.lines().collect();
                let line = lines[self.rng.random_range(0..lines.len())];
                let at = self.boundary(&text);
                splice(&text, at, at, &format!("{line}\n"))
            }
        }
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.rng.random_range(0..from.len())]
    }

    /// A random char boundary of `text`.
    fn boundary(&mut self, text: &str) -> usize {
        let mut at = self.rng.random_range(0..=text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// One ASCII character with a bit flipped, or one character swapped for an odd one.
    fn flip(&mut self, text: String) -> String {
        let at = self.boundary(&text).min(text.len() - 1);
        let at = (0..=at)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let old = text[at..]
            .chars()
            .next()
            .expect("a character at a boundary");
        let new = if old.is_ascii() && self.rng.random_bool(0.7) {
            char::from((old as u8) ^ (1 << self.rng.random_range(0..7)))
        } else {
            self.pick(ODD_CHARS)
        };
        splice(&text, at, at + old.len_utf8(), new.encode_utf8(&mut [0; 4]))
    }

    /// Applies `edit` to the lines, with two random line numbers.
    fn lines(&mut self, text: String, edit: impl Fn(&mut Vec<String>, usize, usize)) -> String {
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        if lines.is_empty() {
            return text;
        }
        let i = self.rng.random_range(0..lines.len());
        let j = self.rng.random_range(0..lines.len());
        edit(&mut lines, i, j);
        lines.join("\n")
    }

    /// One number of the text replaced by an extreme.
    fn number(&mut self, text: String) -> String {
        let numbers = spans(
            &text,
            |b| b.is_ascii_digit(),
            |b| b.is_ascii_digit() || b == b'.' || b == b'e' || b == b'-' || b == b'_',
        );
        if numbers.is_empty() {
            return text;
        }
        let (a, b) = numbers[self.rng.random_range(0..numbers.len())];
        let new = self.pick(EXTREMES);
        splice(&text, a, b, new)
    }

    /// The content of one string literal replaced by a long run of one character, around the
    /// sizes where formatting widths and buffers overflow.
    fn long_string(&mut self, text: String) -> String {
        let quotes: Vec<usize> = text.match_indices('"').map(|(i, _)| i).collect();
        if quotes.len() < 2 {
            return text;
        }
        let k = self.rng.random_range(0..quotes.len() / 2) * 2;
        let (a, b) = (quotes[k] + 1, quotes[k + 1]);
        let n = self.pick(&[81, 2_001, 8_001, 65_535, 65_536, 70_000, 250_000]);
        let c = self.pick(&['x', 'é', '界', ' ', '\n', '{']);
        splice(&text, a, b, &c.to_string().repeat(n))
    }

    /// Brackets nested deep at one place, closed or not.
    fn nest(&mut self, text: String) -> String {
        let at = self.boundary(&text);
        let n = self.pick(&[64, 127, 128, 129, 1_000, 100_000]);
        let (open, close) = self.pick(&[("[", "]"), ("(", ")"), ("{", "}"), ("Some(", ")")]);
        let mut deep = open.repeat(n);
        if self.rng.random_bool(0.5) {
            deep.push_str(&close.repeat(n));
        }
        splice(&text, at, at, &deep)
    }

    /// A random chunk of up to a few hundred bytes removed.
    fn cut(&mut self, text: String) -> String {
        let a = self.boundary(&text);
        let len = self.rng.random_range(1..=400);
        let mut b = (a + len).min(text.len());
        while !text.is_char_boundary(b) {
            b += 1;
        }
        splice(&text, a, b, "")
    }
}

/// `text` with `a..b` replaced by `with`.
fn splice(text: &str, a: usize, b: usize, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..a]);
    out.push_str(with);
    out.push_str(&text[b..]);
    out
}

/// Byte ranges that start with a byte for which `first` holds and go on while `rest` holds.
fn spans(text: &str, first: impl Fn(u8) -> bool, rest: impl Fn(u8) -> bool) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if first(bytes[i]) && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            let start = i;
            while i < bytes.len() && rest(bytes[i]) {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}
