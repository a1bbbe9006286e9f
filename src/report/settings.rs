//! The documents' settings (`data/report.toml`): issuing body, document
//! numbers, rectification terms, fonts, suggestions. A user's file only
//! needs the keys it changes; the rest come from the built-in defaults.

use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in settings (also the documented example).
pub const DEFAULT_SETTINGS: &str = include_str!("../../data/report.toml");

/// A settings file that cannot be used, worded for the user.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("设置文件 {file} 有误：{message}。请对照 data/report.toml 中的说明修改")]
    Invalid { file: String, message: String },
    #[error("无法读取设置文件 {file}：{}", crate::error::io_reason(source))]
    Read {
        file: String,
        source: std::io::Error,
    },
}

impl SettingsError {
    fn invalid(file: &str, message: String) -> SettingsError {
        SettingsError::Invalid {
            file: file.to_string(),
            message,
        }
    }
}

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
    /// How the issuer refers to itself (本局、我办、本机关); empty: from
    /// the issuing body's name.
    #[serde(default)]
    pub self_reference: String,
    /// How the bulletin circulates (在全市范围内予以通报); empty: from the
    /// issuing body's name.
    #[serde(default)]
    pub circulation: String,
    /// The documents the review issues: `sheet`, `letter`, `notice`, `bulletin`.
    #[serde(default = "default_instruments")]
    pub instruments: Vec<String>,
    /// The letter's and the notice's titles.
    #[serde(default = "default_letter_title")]
    pub letter_title: String,
    #[serde(default = "default_notice_title")]
    pub notice_title: String,
    /// `calendar` (自然日) or `working` (工作日) for `rectification_days`.
    #[serde(default = "default_day_kind")]
    pub rectification_day_kind: String,
    /// How natural persons' names are masked: `某` (李某、李某某) or `*`.
    #[serde(default = "default_mask_style")]
    pub mask_style: String,
    pub sheet_signatures: Vec<String>,
    pub fonts: Fonts,
    /// The 版头's layout: 文件格式 or 信函格式, the 标志's distance.
    #[serde(default)]
    pub page: crate::report::docx::PageLayout,
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

fn default_instruments() -> Vec<String> {
    ["sheet", "letter", "bulletin"].map(String::from).to_vec()
}
fn default_letter_title() -> String {
    "行政执法案卷评查建议书".into()
}
fn default_notice_title() -> String {
    "行政执法案卷评查整改通知书".into()
}
fn default_day_kind() -> String {
    "calendar".into()
}
fn default_mask_style() -> String {
    "某".into()
}

/// The issuer's self-reference from its name: …局 → 本局, …办 / …办公室 →
/// 本办, …委 / …委员会 → 本委, …院 → 本院, else 本机关.
pub fn self_reference_of(body: &str) -> String {
    let b = body.trim();
    if b.ends_with('局') {
        "本局"
    } else if b.ends_with('办') || b.ends_with("办公室") {
        "本办"
    } else if b.ends_with('委') || b.ends_with("委员会") {
        "本委"
    } else if b.ends_with("厅") {
        "本厅"
    } else {
        "本机关"
    }
    .to_string()
}

/// The circulation phrase from the issuing body's name: the last 省 / 市 /
/// 州 / 盟 / 县 / 区 / 旗 before the organ's own name names the area
/// (清江市司法局 → 在全市范围内予以通报).
pub fn circulation_of(body: &str) -> String {
    // 湖北省荆州市司法局 → 市, 某县人民政府办公室 → 县; never the 市 of 市场.
    let region = ["人民政府", "政府", "司法", "党委", "委员会"]
        .iter()
        .filter_map(|organ| body.find(organ))
        .min()
        .map_or(body, |at| &body[..at])
        .replace("市场", "");
    match region.chars().rev().find(|c| "省市州盟县区旗".contains(*c)) {
        Some(c) => format!("在全{c}范围内予以通报"),
        None => "予以通报".to_string(),
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
        // An office prints its own documents: "…办公室办公室" is the office.
        for suffix in ["办公室", "办"] {
            let doubled = format!("{body}办公室");
            if body.ends_with(suffix) && self.printing_body == doubled {
                self.printing_body = body.clone();
            }
        }
        // The issuer is not copied on its own document.
        if !self.cc.is_empty() {
            let kept: Vec<&str> = self
                .cc
                .split(['，', '、', ','])
                .map(str::trim)
                .filter(|c| !c.is_empty() && !body.ends_with(c))
                .collect();
            self.cc = kept.join("，");
        }
    }

    /// Parses a user's settings over the defaults.
    pub fn parse(source: &str, name: &str) -> Result<Settings, SettingsError> {
        let mut base: toml::Table = toml::from_str(DEFAULT_SETTINGS).expect("built-in valid");
        let user: toml::Table = toml::from_str(source)
            .map_err(|e| SettingsError::invalid(name, crate::error::toml_reason(source, &e)))?;
        merge(&mut base, user);
        for (key, range, what) in RANGES {
            check_range(&base, name, key, &range, what)
                .map_err(|m| SettingsError::invalid(name, m))?;
        }
        let mut s: Settings = toml::Value::Table(base).try_into().map_err(|e| {
            SettingsError::invalid(
                name,
                format!("{e}；请对照内置的 data/report.toml 改正该项（键名、类型、引号）"),
            )
        })?;
        s.fill_in();
        s.page
            .check()
            .map_err(|m| SettingsError::invalid(name, m))?;
        if !(1..=3650).contains(&s.rectification_days) {
            return Err(SettingsError::invalid(
                name,
                format!(
                    "rectification_days 应在 1 到 3650 之间（现为 {}）",
                    s.rectification_days
                ),
            ));
        }
        if !(1..=100_000).contains(&s.first_seq) {
            return Err(SettingsError::invalid(
                name,
                format!("first_seq 应在 1 到 100000 之间（现为 {}）", s.first_seq),
            ));
        }
        if !["calendar", "working"].contains(&s.rectification_day_kind.as_str()) {
            return Err(SettingsError::invalid(
                name,
                format!(
                    "rectification_day_kind 应为 calendar（自然日）或 working（工作日），现为“{}”",
                    s.rectification_day_kind
                ),
            ));
        }
        if !["某", "*"].contains(&s.mask_style.as_str()) {
            return Err(SettingsError::invalid(
                name,
                format!(
                    "mask_style 应为 某（李某、李某某）或 *（李*、李**），现为“{}”",
                    s.mask_style
                ),
            ));
        }
        for i in &s.instruments {
            if !["sheet", "letter", "notice", "bulletin"].contains(&i.as_str()) {
                return Err(SettingsError::invalid(
                    name,
                    format!(
                        "instruments 中的“{i}”不认识；可选 sheet（评查表）、letter（评查建议书）、notice（整改通知书）、bulletin（评查情况通报）"
                    ),
                ));
            }
        }
        let in_range = |d: NaiveDate| (1900..=2100).contains(&chrono::Datelike::year(&d));
        if !s.date.trim().is_empty()
            && !crate::model::date::parse_iso_date(s.date.trim()).is_some_and(in_range)
        {
            return Err(SettingsError::invalid(
                name,
                format!(
                    "date“{}”应形如 2024-07-18，年份在 1900 至 2100 之间",
                    s.date
                ),
            ));
        }
        Ok(s)
    }

    /// `explicit` if given; else `<data_dir>/report.toml` if it exists; else
    /// the defaults. Templates are looked for in `templates/` beside it.
    pub fn load(
        explicit: Option<&Path>,
        data_dir: Option<&Path>,
    ) -> Result<Settings, SettingsError> {
        let path = match explicit {
            Some(p) => Some(p.to_path_buf()),
            None => data_dir
                .map(|d| d.join("report.toml"))
                .filter(|p| p.is_file()),
        };
        let mut s = match &path {
            Some(p) => {
                let src = crate::textfile::read_small(p).map_err(|source| SettingsError::Read {
                    file: p.display().to_string(),
                    source,
                })?;
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

    /// Does the review issue this instrument?
    pub fn issues(&self, instrument: &str) -> bool {
        self.instruments.iter().any(|i| i == instrument)
    }

    /// The self-reference, from the setting or the issuing body's name.
    pub fn self_ref(&self) -> String {
        if self.self_reference.trim().is_empty() {
            self_reference_of(&self.issuing_body)
        } else {
            self.self_reference.trim().to_string()
        }
    }

    /// The circulation phrase, from the setting or the issuing body's name.
    pub fn circulation_phrase(&self) -> String {
        if self.circulation.trim().is_empty() {
            circulation_of(&self.issuing_body)
        } else {
            self.circulation.trim().to_string()
        }
    }

    /// The rectification reply's due date for documents dated `issued`:
    /// `rectification_days` calendar or working days later; a day off moves
    /// to the next working day by the holiday calendar (weekends only for
    /// years the calendar has no notice for).
    pub fn due(&self, cal: &crate::calendar::Calendar, issued: NaiveDate) -> NaiveDate {
        use chrono::Datelike;
        let days = self.rectification_days.clamp(1, 3650);
        let found = if self.rectification_day_kind == "working" {
            cal.add_workdays(issued, days)
        } else {
            cal.period_end(issued, days)
        };
        found.unwrap_or_else(|| {
            let mut d = issued + chrono::Duration::days(days);
            while matches!(d.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun) {
                d += chrono::Duration::days(1);
            }
            d
        })
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
    fn the_circulation_is_the_issuers_own_region() {
        for (body, phrase) in [
            ("清江市司法局", "在全市范围内予以通报"),
            ("湖北省荆州市司法局", "在全市范围内予以通报"),
            ("某市人民政府办公室", "在全市范围内予以通报"),
            ("某县人民政府办公室", "在全县范围内予以通报"),
            ("荆州市沙市区司法局", "在全区范围内予以通报"),
            ("湖北省司法厅", "在全省范围内予以通报"),
            ("清江市市场监督管理局", "在全市范围内予以通报"),
        ] {
            assert_eq!(circulation_of(body), phrase, "{body}");
        }
    }

    #[test]
    fn an_office_prints_its_own_and_is_not_copied() {
        let s = Settings::parse("issuing_body = \"清江市人民政府办公室\"", "t").unwrap();
        assert_eq!(s.printing_body, "清江市人民政府办公室");
        assert_eq!(s.cc, "市人民政府法制督察室");
        assert_eq!(s.self_ref(), "本办");
        let d = Settings::default();
        assert_eq!(d.printing_body, "清江市司法局办公室");
        assert_eq!(d.cc, "市人民政府办公室，市人民政府法制督察室");
    }

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
        let e = Settings::parse("rectification_days = 99999999999", "t")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("rectification_days") && e.contains("1 至 365"),
            "{e}"
        );
        let e = Settings::parse("first_seq = 4294967295", "t")
            .unwrap_err()
            .to_string();
        assert!(e.contains("first_seq") && e.contains("99999"), "{e}");
        let e = Settings::parse("first_seq = \"一\"", "t")
            .unwrap_err()
            .to_string();
        assert!(e.contains("first_seq"), "{e}");
        assert!(Settings::parse("first_seq = 12\nrectification_days = 60", "t").is_ok());
        assert!(Settings::parse("instruments = [\"memo\"]", "t").is_err());
        assert_eq!(d.self_ref(), "本局");
        assert_eq!(
            self_reference_of("清江市人民政府行政执法监督办公室"),
            "本办"
        );
        assert_eq!(self_reference_of("某县综合行政执法委员会"), "本委");
        assert_eq!(self_reference_of("清江市人民政府"), "本机关");
        assert_eq!(d.circulation_phrase(), "在全市范围内予以通报");
        assert_eq!(circulation_of("安远县司法局"), "在全县范围内予以通报");
        assert!(d.issues("letter") && !d.issues("notice"));
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
