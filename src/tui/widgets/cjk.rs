//! Width-aware text helpers: every column computation in the TUI goes
//! through here, so that wide (CJK) characters never break the layout.
//!
//! Widths are display columns as `unicode-width` counts them (ratatui's own
//! measure). Truncation marks use ASCII (`..`): `…` is East-Asian-Width
//! "ambiguous" and drawn two columns wide by some Chinese-locale terminals.

use std::borrow::Cow;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Display width of a string.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Display width of a char (control characters count 0).
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Replaces line breaks and tabs by spaces and drops other control
/// characters, for text shown on one line.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .filter_map(|c| match c {
                '\n' | '\r' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect(),
    )
}

/// The longest prefix of `s` that fits in `max` columns.
pub fn prefix(s: &str, max: usize) -> &str {
    let mut w = 0;
    for (i, c) in s.char_indices() {
        let cw = char_width(c);
        if w + cw > max {
            return &s[..i];
        }
        w += cw;
    }
    s
}

/// `s` on one line, cut to `max` columns with a `..` mark when it is longer.
pub fn truncate(s: &str, max: usize) -> Cow<'_, str> {
    let s = one_line(s);
    if width(&s) <= max {
        return s;
    }
    if max < 3 {
        return Cow::Owned(prefix(&s, max).to_string());
    }
    let mut out = prefix(&s, max - 2).to_string();
    out.push_str("..");
    Cow::Owned(out)
}

/// `s` in at most `max` columns, ending in "…" when shortened.
pub fn shorten(s: &str, max: usize) -> String {
    let s = one_line(s);
    if width(&s) <= max {
        return s.into_owned();
    }
    let mut out = prefix(&s, max.saturating_sub(1)).to_string();
    out.push('…');
    out
}

/// `s` truncated and padded with spaces to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let mut out = t.into_owned();
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', w.saturating_sub(used)));
    out
}

/// `s` right-aligned in exactly `w` columns.
pub fn pad_left(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let used = width(&t);
    let mut out: String = std::iter::repeat_n(' ', w.saturating_sub(used)).collect();
    out.push_str(&t);
    out
}

/// Wraps text to lines of at most `w` columns, breaking anywhere (Chinese
/// has no spaces) but keeping explicit line breaks. Never returns an empty
/// vector.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(2);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let para = one_line(para);
        let mut line = String::new();
        let mut lw = 0;
        for c in para.chars() {
            let cw = char_width(c);
            if lw + cw > w {
                // No line starts with a closing punctuation mark: the last
                // character of the line goes down with it.
                let carried = if is_closing(c) && line.chars().count() > 1 {
                    line.pop()
                } else {
                    None
                };
                out.push(std::mem::take(&mut line));
                lw = 0;
                if let Some(p) = carried {
                    line.push(p);
                    lw = char_width(p);
                }
                if c == ' ' {
                    continue;
                }
            }
            line.push(c);
            lw += cw;
        }
        out.push(line);
    }
    out
}

/// Punctuation that must not start a line.
fn is_closing(c: char) -> bool {
    "，。、；：！？）】》」』”’…,.;:!?)".contains(c)
}

/// Formats a score or deduction: `92`, `91.5`.
pub fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// A rate as a percentage, as everywhere: [`crate::scoring::percent_text`].
pub use crate::scoring::percent_text as pct;

#[cfg(test)]
mod tests {

    #[test]
    fn no_wrapped_line_starts_with_punctuation() {
        let lines = super::wrap("一二三四，五六七八。", 8);
        assert!(
            lines.iter().all(|l| !l.starts_with(['，', '。'])),
            "{lines:?}"
        );
        assert_eq!(lines.concat(), "一二三四，五六七八。");
    }
    use super::*;

    #[test]
    fn truncate_never_exceeds() {
        let s = "潜江市市场监督管理局执法支队";
        for w in 0..30 {
            assert!(width(&truncate(s, w)) <= w, "w={w}");
            assert_eq!(width(&pad(s, w)), w);
            assert_eq!(width(&pad_left(s, w)), w);
        }
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("审查清单", 5), "审..");
    }

    #[test]
    fn wrap_by_width() {
        let lines = wrap("送达回证日期晚于决定书\n第二段", 8);
        assert_eq!(lines, vec!["送达回证", "日期晚于", "决定书", "第二段"]);
        for l in wrap("混合 text 与中文 mixed 内容", 7) {
            assert!(width(&l) <= 7);
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(num(92.0), "92");
        assert_eq!(num(91.5), "91.5");
        assert_eq!(pct(0.85), "85.0%");
    }
}
