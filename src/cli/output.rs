//! Plain-text output: CJK-aware column alignment and number formats.

use unicode_width::UnicodeWidthStr;

/// Prints rows as aligned columns (display width, so Chinese lines up).
pub fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for r in rows {
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
    for r in rows {
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

/// A rate as a percentage: `87.5%`.
pub fn percent(r: f64) -> String {
    format!("{:.1}%", r * 100.0)
}

/// Prints JSON, pretty.
pub fn json<T: serde::Serialize>(v: &T) -> Result<(), crate::error::Error> {
    let s = serde_json::to_string_pretty(v).map_err(|source| crate::error::Error::Serialize {
        what: "输出",
        source,
    })?;
    println!("{s}");
    Ok(())
}
