//! Dates as a clerk types them from a paper dossier.
//!
//! Full forms: `2024-03-05`, `2024.3.5`, `2024/3/5`, `2024年3月5日`,
//! `20240305`. Short forms inside the file's year: `0305`, `3.5`, `3-5`,
//! `3/5`, `3月5日`. Full-width digits and separators are read too.

use chrono::NaiveDate;

/// Half-width digits and separators for their full-width forms.
fn normalise(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '—' | '–' => '-',
            '．' | '。' => '.',
            '／' => '/',
            _ => c,
        })
        .collect()
}

/// Splits `s` into its numbers; `None` when something other than digits
/// and the accepted separators is in it.
fn numbers(s: &str) -> Option<Vec<&str>> {
    let body = s.strip_suffix('日').unwrap_or(s);
    let parts: Vec<&str> = body.split(['-', '.', '/', '年', '月']).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    Some(parts)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The date `s` stands for; `year` completes the short forms. `None` when
/// it is not a date (an impossible one such as 2024-02-30 included).
pub fn parse_date(s: &str, year: Option<i32>) -> Option<NaiveDate> {
    let s = normalise(s);
    let parts = numbers(&s)?;
    let y = || year.map(|y| y.to_string());
    match parts.as_slice() {
        [all] if all.len() == 8 => ymd(&all[..4], &all[4..6], &all[6..]),
        [all] if all.len() == 4 => ymd(&y()?, &all[..2], &all[2..]),
        [yy, m, d] if yy.len() == 4 => ymd(yy, m, d),
        [m, d] if m.len() <= 2 && d.len() <= 2 => ymd(&y()?, m, d),
        _ => None,
    }
}

/// The year of a case number (`潜市监罚〔2024〕15号` → 2024), written with
/// 〔〕, [] or ().
pub fn case_no_year(case_no: &str) -> Option<i32> {
    let open = case_no.find(['〔', '[', '(', '（', '【'])?;
    let rest = &case_no[open..];
    let digits: String = rest
        .chars()
        .skip(1)
        .take_while(|c| c.is_ascii_digit())
        .collect();
    (digits.len() == 4).then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn full_forms() {
        for s in [
            "2024-03-05",
            "2024.3.5",
            "2024/3/5",
            "2024年3月5日",
            "20240305",
            " 2024-3-5 ",
            "２０２４．３．５",
        ] {
            assert_eq!(parse_date(s, None), d(2024, 3, 5), "{s}");
        }
    }

    #[test]
    fn short_forms_take_the_files_year() {
        for s in ["0305", "3.5", "3-5", "3/5", "3月5日", "03.05"] {
            assert_eq!(parse_date(s, Some(2024)), d(2024, 3, 5), "{s}");
            assert_eq!(parse_date(s, None), None, "{s} needs a year");
        }
        assert_eq!(parse_date("2024.3.5", Some(2023)), d(2024, 3, 5));
    }

    #[test]
    fn impossible_and_garbage_refused() {
        for s in [
            "2024-02-30",
            "1332",
            "3.",
            "abc",
            "2024-3",
            "",
            "12345",
            "3.5.6.7",
        ] {
            assert_eq!(parse_date(s, Some(2024)), None, "{s}");
        }
        assert_eq!(parse_date("0229", Some(2024)), d(2024, 2, 29));
        assert_eq!(parse_date("0229", Some(2023)), None);
    }

    #[test]
    fn case_number_year() {
        assert_eq!(case_no_year("潜市监罚〔2024〕15号"), Some(2024));
        assert_eq!(case_no_year("清交罚[2025]3号"), Some(2025));
        assert_eq!(case_no_year("无年份"), None);
    }
}
