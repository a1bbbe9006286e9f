//! Profiles: the settings that differ by province or department
//! (`data/profiles/*.toml`; the national default is built in).

use crate::calendar::line_col;
use crate::model::PartyType;
use serde::Deserialize;
use std::fmt;
use std::path::Path;

const BUILTIN: &[(&str, &str)] = &[
    (
        "national",
        include_str!("../../data/profiles/national.toml"),
    ),
    (
        "example-7wd",
        include_str!("../../data/profiles/example-7wd.toml"),
    ),
    (
        "example-10wd",
        include_str!("../../data/profiles/example-10wd.toml"),
    ),
];

/// 较大数额 for the right to a hearing (行政处罚法 第六十三条), in yuan, by party type:
/// a fine (or confiscation) at or over the figure is a 较大数额.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HearingThresholds {
    pub fine_natural_person: f64,
    pub fine_legal_person: f64,
    pub fine_organization: f64,
    pub confiscation_natural_person: f64,
    pub confiscation_legal_person: f64,
    pub confiscation_organization: f64,
    /// Where the figures come from.
    #[serde(default)]
    pub source: String,
}

impl HearingThresholds {
    /// (fine, confiscation) thresholds for a party type; the larger ones when
    /// the type is unknown (never a guessed defect).
    pub fn for_party(&self, t: Option<PartyType>) -> (f64, f64) {
        match t {
            Some(PartyType::NaturalPerson) => {
                (self.fine_natural_person, self.confiscation_natural_person)
            }
            Some(PartyType::LegalPerson) => {
                (self.fine_legal_person, self.confiscation_legal_person)
            }
            Some(PartyType::Organization) => {
                (self.fine_organization, self.confiscation_organization)
            }
            None => (
                self.fine_natural_person
                    .max(self.fine_legal_person)
                    .max(self.fine_organization),
                self.confiscation_natural_person
                    .max(self.confiscation_legal_person)
                    .max(self.confiscation_organization),
            ),
        }
    }
}

/// 法制审核 time limit, in working days from receipt to opinion.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalReviewLimit {
    pub days: i64,
    /// Working days the limit may be extended by (the check allows
    /// `days + extension_days`: the file does not record the approval).
    #[serde(default)]
    pub extension_days: i64,
    /// The citation for the limit.
    pub basis: String,
}

/// Which decisions must be made public.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DisclosureScope {
    /// Every 行政处罚 (普通程序) and 准予许可 decision.
    All,
    /// Only decisions on 法人 and 非法人组织.
    Organizations,
    /// Not checked.
    None,
}

/// 公示 periods, in working days from the decision.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisclosureRule {
    /// 行政处罚、行政许可 decisions.
    pub days: i64,
    /// Other decisions.
    #[serde(default = "twenty")]
    pub other_days: i64,
    pub scope: DisclosureScope,
}

fn twenty() -> i64 {
    20
}

/// A criminal-referral threshold for one case type, recognised by keywords
/// in the file's title.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralType {
    pub name: String,
    pub keywords: Vec<String>,
    pub threshold_yuan: f64,
    #[serde(default)]
    pub source: String,
}

/// 两法衔接 thresholds.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriminalReferral {
    /// For files whose title matches no type; none = only typed files prompt.
    #[serde(default)]
    pub default_threshold_yuan: Option<f64>,
    #[serde(default)]
    pub types: Vec<ReferralType>,
}

impl CriminalReferral {
    /// (type name, threshold) for a file title.
    pub fn threshold_for(&self, title: &str) -> Option<(&str, f64)> {
        self.types
            .iter()
            .find(|t| t.keywords.iter().any(|k| title.contains(k.as_str())))
            .map(|t| (t.name.as_str(), t.threshold_yuan))
            .or_else(|| self.default_threshold_yuan.map(|v| ("一般", v)))
    }
}

/// The local settings the checks read.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Key, e.g. `national` (what a batch stores).
    pub id: String,
    /// Display name, e.g. `全国默认`: shown wherever results are shown.
    pub name: String,
    #[serde(default)]
    pub source: String,
    pub hearing: HearingThresholds,
    pub legal_review: LegalReviewLimit,
    pub disclosure: DisclosureRule,
    #[serde(default)]
    pub criminal_referral: CriminalReferral,
}

impl Default for Profile {
    fn default() -> Self {
        Profile::national()
    }
}

/// A profile file that cannot be used: `file:line:col: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
    }
}

impl std::error::Error for ProfileError {}

impl Profile {
    /// 全国默认.
    pub fn national() -> Self {
        Profile::builtin("national").expect("embedded national profile")
    }

    /// The names (ids) of the built-in profiles.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(n, _)| *n).collect()
    }

    /// A built-in profile by id (`national`, `example-7wd`, `example-10wd`).
    pub fn builtin(name: &str) -> Option<Self> {
        BUILTIN.iter().find(|(n, _)| *n == name).map(|(n, t)| {
            Profile::from_toml(&format!("data/profiles/{n}.toml"), t)
                .unwrap_or_else(|e| panic!("embedded profile: {e}"))
        })
    }

    /// Reads a profile file.
    pub fn load(path: &Path) -> Result<Self, ProfileError> {
        let file = path.display().to_string();
        let text = crate::textfile::read_small(path).map_err(|e| ProfileError {
            file: file.clone(),
            line: 0,
            col: 0,
            message: format!("无法读取：{e}"),
        })?;
        Profile::from_toml(&file, text.trim_start_matches('\u{feff}'))
    }

    /// Parses a profile; `file` names it in errors.
    pub fn from_toml(file: &str, text: &str) -> Result<Self, ProfileError> {
        let at = |offset: usize, message: String| {
            let (line, col) = line_col(text, offset);
            ProfileError {
                file: file.to_string(),
                line,
                col,
                message,
            }
        };
        let p: Profile = toml::from_str(text).map_err(|e| {
            at(
                e.span().map(|s| s.start).unwrap_or(0),
                crate::error::toml_what(&e),
            )
        })?;
        let find = |key: &str| text.find(key).unwrap_or(0);
        if p.id.trim().is_empty() || p.name.trim().is_empty() {
            return Err(at(find("id"), "id 和 name 不能为空".into()));
        }
        if p.legal_review.days <= 0 || p.legal_review.extension_days < 0 {
            return Err(at(
                find("[legal_review]"),
                "legal_review.days 应为正整数，extension_days 不小于 0".into(),
            ));
        }
        if p.disclosure.days <= 0 || p.disclosure.other_days <= 0 {
            return Err(at(
                find("[disclosure]"),
                "disclosure.days、other_days 应为正整数".into(),
            ));
        }
        let h = &p.hearing;
        if [
            h.fine_natural_person,
            h.fine_legal_person,
            h.fine_organization,
            h.confiscation_natural_person,
            h.confiscation_legal_person,
            h.confiscation_organization,
        ]
        .iter()
        .any(|v| !v.is_finite() || *v <= 0.0)
        {
            return Err(at(find("[hearing]"), "hearing 各数额应为正数（元）".into()));
        }
        Ok(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load() {
        for n in Profile::builtin_names() {
            let p = Profile::builtin(n).unwrap();
            assert_eq!(p.id, n);
        }
        assert_eq!(Profile::national().name, "全国默认");
    }

    #[test]
    fn errors_name_line_and_column() {
        let text = include_str!("../../data/profiles/national.toml")
            .replace("days = 5\n", "days = \"five\"\n");
        let e = Profile::from_toml("p.toml", &text).unwrap_err();
        let line = text
            .lines()
            .position(|l| l.starts_with("days = \"five\""))
            .unwrap()
            + 1;
        assert_eq!((e.line, e.col), (line, 8), "{e}");
        assert!(e.to_string().starts_with(&format!("p.toml:{line}:8: ")));
    }
}
