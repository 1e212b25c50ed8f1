//! Fitting text into panels: nothing is cut without a mark. A list row too long for its panel
//! ends in `…` and the focused item's detail shows it whole, wrapped to the lines it needs.

use unicode_width::UnicodeWidthStr;

/// `s` in at most `width` columns, ending in `…` when it had to be shortened.
pub fn clip(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `s` clipped, then padded with spaces to exactly `width` columns.
pub fn cell(s: &str, width: usize) -> String {
    let c = clip(s, width);
    let pad = width.saturating_sub(c.width());
    format!("{c}{}", " ".repeat(pad))
}

/// How many lines prose `s` takes when wrapped at word boundaries into `width` columns, as a
/// `Paragraph` with trimmed wrapping lays it out (at least one). Runs of spaces count as one, so
/// text padded into columns is measured short: draw such text on lines of its own.
pub fn lines(s: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut total = 0usize;
    for para in s.split('\n') {
        let mut line = 0usize;
        let mut count = 1usize;
        for word in para.split_whitespace() {
            let w = word.width();
            if line == 0 {
                line = w;
            } else if line + 1 + w <= width {
                line += 1 + w;
            } else {
                count += 1;
                line = w;
            }
            // A word longer than the line is broken across lines.
            while line > width {
                count += 1;
                line -= width;
            }
        }
        total += count;
    }
    u16::try_from(total.max(1)).unwrap_or(u16::MAX)
}

/// "↑ 2 more · ↓ 1 more" when a list of `total` rows shows only `shown` of them from `first`.
pub fn more_hint(first: usize, shown: usize, total: usize) -> Option<String> {
    let below = total.saturating_sub(first + shown);
    let parts: Vec<String> = [(first, "↑"), (below, "↓")]
        .iter()
        .filter(|(k, _)| *k > 0)
        .map(|(k, arrow)| format!("{arrow} {k} more"))
        .collect();
    (!parts.is_empty()).then(|| format!(" {} ", parts.join(" · ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clipped_text_is_marked_and_fits() {
        assert_eq!(clip("Borealis", 10), "Borealis");
        assert_eq!(clip("Council on Cyber Stability", 12), "Council on …");
        assert_eq!(clip("Council on Cyber Stability", 12).width(), 12);
        assert_eq!(cell("CERT", 6), "CERT  ");
        assert_eq!(clip("abc", 0), "");
    }

    #[test]
    fn wrapped_lines_are_counted_as_a_paragraph_lays_them_out() {
        assert_eq!(lines("", 10), 1);
        assert_eq!(lines("one two three", 7), 2);
        assert_eq!(lines("one two three", 13), 1);
        assert_eq!(lines("a\nb", 10), 2);
        assert_eq!(lines("abcdefghijkl", 5), 3);
    }

    #[test]
    fn a_list_shown_in_part_says_how_much_is_hidden_each_way() {
        assert_eq!(more_hint(0, 5, 5), None);
        assert_eq!(more_hint(0, 3, 5).as_deref(), Some(" ↓ 2 more "));
        assert_eq!(more_hint(2, 2, 5).as_deref(), Some(" ↑ 2 more · ↓ 1 more "));
        assert_eq!(more_hint(3, 2, 5).as_deref(), Some(" ↑ 3 more "));
    }
}
