//! The automatic procedure checks: the deadlines and records that 行政处罚法,
//! 行政许可法, 行政强制法 and 国办发〔2018〕118号 require and a machine can check.
//!
//! One small pure function per row of the table, grouped by concern; each
//! returns zero or more [`Suggestion`]s (rule id, checklist item, citation,
//! one sentence with the dates and counts). The counting conventions are
//! written down in `src/rules/README.md`, exactly as implemented here.
//!
//! | rule | file |
//! |---|---|
//! | `officers` | `people.rs` |
//! | `notice`, `hearing_right`, `hearing_timing` | `rights.rs` |
//! | `collective_discussion`, `legal_review`, `legal_review_time`, `decision_period`, `simple_procedure` | `deciding.rs` |
//! | `service`, `payment`, `disclosure` | `after.rs` |
//! | `recording`, `order_of_steps` | `records.rs` |
//! | `criminal_referral` | `referral.rs` |
//!
//! `deadline.rs` compares an act's date with a period's last day and words
//! the dates and the calendar facts for the messages.

mod after;
mod deadline;
mod deciding;
mod people;
mod profile;
mod records;
mod referral;
mod rights;

pub use after::{disclosure, payment, service};
pub use deciding::{
    collective_discussion, decision_period, legal_review, legal_review_time, simple_procedure,
};
pub use people::officers;
pub use profile::*;
pub use records::{order_of_steps, recording};
pub use referral::criminal_referral;
pub use rights::{hearing_right, hearing_timing, notice};

use crate::calendar::Calendar;
use crate::model::{CaseFile, CaseKind, Discretion, KnownStage, Measure, Procedure, Suggestion};
use chrono::NaiveDate;

/// A check: a pure function over one file.
pub type Rule = fn(&CaseFile, &Calendar, &Profile) -> Vec<Suggestion>;

/// Every rule, by id, in the order `run_all` runs them.
pub const RULES: &[(&str, Rule)] = &[
    ("officers", officers),
    ("notice", notice),
    ("hearing_right", hearing_right),
    ("hearing_timing", hearing_timing),
    ("collective_discussion", collective_discussion),
    ("legal_review", legal_review),
    ("legal_review_time", legal_review_time),
    ("decision_period", decision_period),
    ("service", service),
    ("simple_procedure", simple_procedure),
    ("recording", recording),
    ("disclosure", disclosure),
    ("payment", payment),
    ("order_of_steps", order_of_steps),
    ("criminal_referral", criminal_referral),
];

/// The rules that read only what a ledger row (台账) carries: its dates, its
/// amounts and its procedure. The others look for records (告知, 公示, 缴款,
/// 法制审核, 执法证号 …) that a spreadsheet never holds, so on a ledger file
/// their silence would be noise turned into false alarms.
pub const LEDGER_RULES: &[&str] = &[
    "hearing_right",
    "decision_period",
    "service",
    "simple_procedure",
    "order_of_steps",
    "criminal_referral",
];

/// Runs every check on one file (on a ledger file, only [`LEDGER_RULES`]).
pub fn run_all(case: &CaseFile, cal: &Calendar, profile: &Profile) -> Vec<Suggestion> {
    let ledger = case.from_ledger();
    let mut out = Vec::new();
    for (id, rule) in RULES {
        if ledger && !LEDGER_RULES.contains(id) {
            continue;
        }
        out.extend(rule(case, cal, profile));
    }
    out
}

/// The item of a special checklist (GS 公示, JL 全过程记录, SH 法制审核) that
/// a suggestion corresponds to, for a 专项评查 batch graded by that checklist.
pub fn special_item(s: &Suggestion, checklist: &str, kind: CaseKind) -> Option<&'static str> {
    match (checklist, s.rule.as_str()) {
        ("GS", "disclosure") => Some(match kind {
            CaseKind::Penalty => "GS-07",
            CaseKind::Licensing => "GS-08",
            _ => "GS-09",
        }),
        ("JL", "recording") => Some(match s.item.as_str() {
            // A stage with no document: service, or another stage's record.
            "CF-27" => "JL-04",
            "CF-37" => "JL-02",
            // An on-site activity without audio-video recording.
            _ => "JL-06",
        }),
        ("SH", "legal_review") => Some(if s.message.contains("其后未再经审核") {
            "SH-03"
        } else {
            "SH-02"
        }),
        ("SH", "legal_review_time") => Some("SH-08"),
        ("SH", "collective_discussion") => Some("SH-11"),
        _ => None,
    }
}

// ── citations ──

pub(crate) const CF: &str = "《中华人民共和国行政处罚法》";
pub(crate) const XK: &str = "《中华人民共和国行政许可法》";
pub(crate) const QZ: &str = "《中华人民共和国行政强制法》";
pub(crate) const GB118: &str = "《国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见》（国办发〔2018〕118号）";

/// The law that governs a kind of file, for the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Law {
    /// 行政处罚法 (CF checklist).
    Penalty,
    /// 行政许可法 (XK): all its periods are working days (第八十二条).
    Licensing,
    /// 行政强制法 (QZ): periods of ten days or less are working days (第六十九条).
    Enforcement,
    /// Other kinds (TY checklist).
    General,
}

impl Law {
    pub(crate) fn of(case: &CaseFile) -> Law {
        match case.kind {
            CaseKind::Penalty => Law::Penalty,
            CaseKind::Licensing => Law::Licensing,
            CaseKind::Enforcement => Law::Enforcement,
            _ => Law::General,
        }
    }
}

/// A 行政处罚 file under 普通程序 (the table's default scope).
pub(crate) fn ordinary_penalty(case: &CaseFile) -> bool {
    case.kind == CaseKind::Penalty && case.effective_procedure() == Procedure::Ordinary
}

/// A decision that imposes a penalty (not only 不予处罚).
pub(crate) fn imposes_penalty(case: &CaseFile) -> bool {
    let m = case.measures();
    let exempt = case
        .decision
        .as_ref()
        .is_some_and(|d| d.discretion == Some(Discretion::Exempt));
    if m.is_empty() {
        return !exempt;
    }
    m.iter().any(|x| *x != Measure::NoPenalty)
}

pub(crate) fn sug(rule: &str, item: &str, basis: String, message: String) -> Suggestion {
    Suggestion {
        rule: rule.into(),
        item: item.into(),
        basis,
        message,
        prompt_only: false,
    }
}

/// The prompt for a count the calendar cannot make.
pub(crate) fn no_data(rule: &str, item: &str, basis: String, year: i32, what: &str) -> Suggestion {
    Suggestion {
        rule: rule.into(),
        item: item.into(),
        basis,
        message: format!("无 {year} 年节假日数据，无法计算{what}，请人工核对"),
        prompt_only: true,
    }
}

/// The earliest event of a stage on or after `d`.
pub(crate) fn first_on_or_after(case: &CaseFile, s: KnownStage, d: NaiveDate) -> Option<NaiveDate> {
    case.events_of(s).map(|e| e.date).filter(|x| *x >= d).min()
}

pub(crate) fn first_date(case: &CaseFile, s: KnownStage) -> Option<NaiveDate> {
    case.first_event(s).map(|e| e.date)
}

pub(crate) fn has_stage(case: &CaseFile, s: KnownStage) -> bool {
    case.events.iter().any(|e| e.stage.is(s))
}

/// Money as a reviewer writes it: `200000` or `1280.50`.
pub(crate) fn yuan(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}
