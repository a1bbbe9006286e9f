//! Plain-text output: CJK-aware column alignment and number formats.

use unicode_width::UnicodeWidthStr;

/// Prints rows as aligned columns (display width, so Chinese lines up),
/// every cell [`safe`].
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| safe(c).into_owned()).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.width());
            }
        }
    }
    let line = |cells: Vec<&str>| {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            s.push_str(c);
            if i + 1 < cells.len() {
                s.push_str(&" ".repeat(widths[i].saturating_sub(c.width()) + 2));
            }
        }
        println!("{}", s.trim_end());
    };
    line(header.to_vec());
    for r in &rows {
        line(r.iter().map(String::as_str).collect());
    }
}

/// A score as a reviewer writes it: `92.5`, `100`.
pub fn score(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// A rate as a percentage, as everywhere: [`crate::scoring::percent_text`].
pub use crate::scoring::percent_text as percent;

/// Prints JSON, pretty.
pub fn json<T: serde::Serialize>(v: &T) -> Result<(), crate::error::Error> {
    let s = serde_json::to_string_pretty(v).map_err(|source| crate::error::Error::Serialize {
        what: "输出",
        source,
    })?;
    println!("{s}");
    Ok(())
}

/// Is `c` a character that must not reach a terminal raw: C0/C1 controls
/// and DEL (escape sequences, bells, carriage returns), and the
/// bidirectional overrides that reorder what is shown.
fn unsafe_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A value as the terminal may show it: every control character written
/// as an escape (`\x1b`, `\n`, `\u{202e}`), so data can neither move the
/// cursor, retitle the window nor fake a line.
pub fn safe(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if unsafe_char(c) && (c as u32) < 0x100 => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if unsafe_char(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A whole output line made safe: leading line breaks (blank lines the
/// program prints before a heading) stay, everything else is [`safe`].
pub fn safe_line(s: &str) -> String {
    let body = s.trim_start_matches('\n');
    let lead = &s[..s.len() - body.len()];
    format!("{lead}{}", safe(body))
}

/// A multi-line message made safe line by line (an error listing several
/// problems keeps its lines).
pub fn safe_lines(s: &str) -> String {
    s.split('\n')
        .map(|l| safe(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `println!` for lines holding data: control characters escaped.
macro_rules! say {
    () => {
        println!()
    };
    ($($t:tt)*) => {
        println!("{}", $crate::cli::output::safe_line(&format!($($t)*)))
    };
}
pub(crate) use say;
