//! The documents' settings (`data/report.toml`): issuing body, document
//! numbers, rectification terms, fonts, suggestions. A user's file only
//! needs the keys it changes; the rest come from the built-in defaults.

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in settings (also the documented example).
pub const DEFAULT_SETTINGS: &str = include_str!("../../data/report.toml");

/// The numeric settings and the values they may take: checked at load so a
/// document never counts a date or a number past what it can hold.
const RANGES: [(&str, std::ops::RangeInclusive<i64>, &str); 2] = [
    ("rectification_days", 1..=365, "整改期限（天）"),
    ("first_seq", 1..=99_999, "文号起始序号"),
];

/// `key` in `table`, when present, is an integer within `range`.
fn check_range(
    table: &toml::Table,
    name: &str,
    key: &str,
    range: &std::ops::RangeInclusive<i64>,
    what: &str,
) -> Result<(), String> {
    let Some(v) = table.get(key) else {
        return Ok(());
    };
    let ok = v.as_integer().is_some_and(|n| range.contains(&n));
    if ok {
        return Ok(());
    }
    Err(format!(
        "设置文件 {name}：{key}（{what}）为 {v}，应为 {} 至 {} 之间的整数；请改正后重试",
        range.start(),
        range.end()
    ))
}

/// Font names, written into the documents (never embedded).
#[derive(Debug, Clone, Deserialize)]
pub struct Fonts {
    pub title: String,
    pub body: String,
    pub heading1: String,
    pub heading2: String,
    pub page_number: String,
    pub latin: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Settings {
    pub issuing_body: String,
    pub letterhead: String,
    pub printing_body: String,
    pub cc: String,
    pub date: String,
    pub suggestion_doc_no: String,
    pub notice_doc_no: String,
    pub bulletin_doc_no: String,
    pub first_seq: u32,
    pub rectification_days: i64,
    pub reply_form: String,
    pub reply_to: String,
    pub reply_address: String,
    pub contact: String,
    pub phone: String,
    pub review_basis: String,
    pub sheet_signatures: Vec<String>,
    pub fonts: Fonts,
    pub suggestions: BTreeMap<String, String>,
    /// Where user templates are looked for (`templates/` beside the file).
    #[serde(skip)]
    pub template_dir: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        let mut s: Settings =
            toml::from_str(DEFAULT_SETTINGS).expect("built-in report.toml is valid");
        s.fill_in();
        s
    }
}

fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

impl Settings {
    /// `{issuing_body}` in the other texts becomes the issuing body.
    fn fill_in(&mut self) {
        let body = self.issuing_body.clone();
        for t in [
            &mut self.letterhead,
            &mut self.printing_body,
            &mut self.cc,
            &mut self.reply_to,
            &mut self.reply_address,
            &mut self.review_basis,
        ] {
            if t.contains("{issuing_body}") {
                *t = t.replace("{issuing_body}", &body);
            }
        }
    }

    /// Parses a user's settings over the defaults.
    pub fn parse(source: &str, name: &str) -> Result<Settings, String> {
        let mut base: toml::Table = toml::from_str(DEFAULT_SETTINGS).expect("built-in valid");
        let user: toml::Table =
            toml::from_str(source).map_err(|e| format!("设置文件 {name} 有误：{e}"))?;
        merge(&mut base, user);
        for (key, range, what) in RANGES {
            check_range(&base, name, key, &range, what)?;
        }
        let mut s: Settings = toml::Value::Table(base).try_into().map_err(|e| {
            format!(
                "设置文件 {name} 有误：{e}；请对照内置的 data/report.toml 改正该项（键名、类型、引号）"
            )
        })?;
        s.fill_in();
        if !s.date.trim().is_empty() && s.date.trim().parse::<NaiveDate>().is_err() {
            return Err(format!(
                "设置文件 {name}：date“{}”应形如 2024-07-18",
                s.date
            ));
        }
        Ok(s)
    }

    /// `explicit` if given; else `<data_dir>/report.toml` if it exists; else
    /// the defaults. Templates are looked for in `templates/` beside it.
    pub fn load(explicit: Option<&Path>, data_dir: Option<&Path>) -> Result<Settings, String> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => data_dir
                .map(|d| d.join("report.toml"))
                .filter(|p| p.is_file()),
        };
        let mut s = match &path {
            Some(p) => {
                let src = std::fs::read_to_string(p)
                    .map_err(|e| format!("无法读取设置文件 {}：{e}", p.display()))?;
                Settings::parse(&src, &p.display().to_string())?
            }
            None => Settings::default(),
        };
        let dir = path
            .as_deref()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .or_else(|| data_dir.map(Path::to_path_buf));
        s.template_dir = dir.map(|d| d.join("templates")).filter(|d| d.is_dir());
        Ok(s)
    }

    /// The date of the documents (成文日期).
    pub fn doc_date(&self, today: NaiveDate) -> NaiveDate {
        self.date.trim().parse().unwrap_or(today)
    }

    /// A document number from a pattern.
    pub fn doc_no(pattern: &str, year: i32, seq: u32) -> String {
        pattern
            .replace("{year}", &year.to_string())
            .replace("{seq}", &seq.to_string())
    }

    /// The suggestion for a category.
    pub fn suggestion(&self, category: &str) -> &str {
        self.suggestions
            .get(category)
            .or_else(|| self.suggestions.get("默认"))
            .map(String::as_str)
            .unwrap_or("")
    }
}

/// 2024年7月18日 (no leading zeros, as GB/T 9704 wants).
pub fn cn_date(d: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_partial_override() {
        let d = Settings::default();
        assert_eq!(d.rectification_days, 30);
        assert_eq!(d.fonts.body, "仿宋_GB2312");
        let s = Settings::parse(
            "issuing_body = \"荆州市司法局\"\n[fonts]\nbody = \"仿宋\"",
            "t",
        )
        .unwrap();
        assert_eq!(s.issuing_body, "荆州市司法局");
        assert_eq!(s.fonts.body, "仿宋");
        assert_eq!(s.fonts.title, "方正小标宋简体");
        assert_eq!(s.rectification_days, 30);
        assert!(Settings::parse("rectification_days = 0", "t").is_err());
        let e = Settings::parse("rectification_days = 99999999999", "t").unwrap_err();
        assert!(
            e.contains("rectification_days") && e.contains("1 至 365"),
            "{e}"
        );
        let e = Settings::parse("first_seq = 4294967295", "t").unwrap_err();
        assert!(e.contains("first_seq") && e.contains("99999"), "{e}");
        let e = Settings::parse("first_seq = \"一\"", "t").unwrap_err();
        assert!(e.contains("first_seq"), "{e}");
        assert!(Settings::parse("first_seq = 12\nrectification_days = 60", "t").is_ok());
        assert_eq!(
            Settings::doc_no("清司评建〔{year}〕{seq}号", 2024, 3),
            "清司评建〔2024〕3号"
        );
        assert_eq!(
            cn_date(NaiveDate::from_ymd_opt(2024, 7, 8).unwrap()),
            "2024年7月8日"
        );
    }
}
