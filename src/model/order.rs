//! Natural order of case numbers: `〔2024〕7号` before `〔2024〕15号`.

use std::cmp::Ordering;

/// Compares two case numbers with digit runs taken as numbers.
pub fn natural(a: &str, b: &str) -> Ordering {
    natural_key(a).cmp(&natural_key(b)).then_with(|| a.cmp(b))
}

/// A key whose plain (byte) order is the natural order: every run of ASCII
/// digits, leading zeros dropped, is left-padded to 8 digits. Stored with
/// each file (`case_files.sort_key`) so SQLite lists files in this order
/// from an index.
pub fn natural_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 24);
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        if digits.is_empty() {
            return;
        }
        let d = digits.trim_start_matches('0');
        for _ in d.len()..8 {
            out.push('0');
        }
        out.push_str(d);
        digits.clear();
    };
    for c in s.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_runs_compare_as_numbers() {
        assert_eq!(natural("罚〔2024〕7号", "罚〔2024〕15号"), Ordering::Less);
        assert_eq!(natural("a10", "a9"), Ordering::Greater);
        assert_eq!(natural("a", "a"), Ordering::Equal);
        assert_eq!(
            natural("a07", "a7"),
            Ordering::Less,
            "ties broken by the text"
        );
        let mut v = [
            "清罚〔2024〕10号",
            "清罚〔2024〕1号",
            "清罚〔2023〕99号",
            "清罚〔2024〕2号",
        ];
        v.sort_by_key(|s| natural_key(s));
        assert_eq!(
            v,
            [
                "清罚〔2023〕99号",
                "清罚〔2024〕1号",
                "清罚〔2024〕2号",
                "清罚〔2024〕10号"
            ]
        );
    }
}
