//! Findings (问题 / 评查发现) and the review state of a file.

use super::enums::*;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One logged problem against one checklist item of one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub id: Uuid,
    pub case_no: String,
    /// The checklist item, e.g. `CF-PR-07`.
    pub item: String,
    /// Points taken off by this finding, as its item's rule gives them (for a
    /// per-occurrence item `each × count`; for a bonus item the points awarded).
    pub deduction: f64,
    /// Occurrences (处数) for a per-occurrence item; absent otherwise.
    #[serde(default)]
    pub count: Option<u32>,
    #[serde(default)]
    pub note: String,
    /// Page reference in the file, e.g. `12-13`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewer: Option<String>,
    pub status: FindingStatus,
    pub source: FindingSource,
    /// For automatic findings: the rule that raised it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// For automatic findings: the legal citation of the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The short form of a finding's id that `show` prints and every command
/// accepts: its last 12 hex digits (random in both UUID v4 and v7, whose
/// leading digits are a timestamp shared by findings made together).
pub fn short_id(id: &Uuid) -> String {
    let s = id.simple().to_string();
    s[s.len() - 12..].to_string()
}

impl Finding {
    /// Counts in the score: only confirmed findings do.
    pub fn counts(&self) -> bool {
        self.status == FindingStatus::Confirmed
    }
}

/// A suggestion raised by an automatic procedure check (see `rules`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    /// Rule id, e.g. `service`.
    pub rule: String,
    /// The checklist item it maps to.
    pub item: String,
    /// `《中华人民共和国行政处罚法》第六十一条`.
    pub basis: String,
    /// One sentence with the concrete dates and counts.
    pub message: String,
    /// A prompt for the reviewer, never a deduction or a veto (criminal
    /// referral; a count the calendar cannot make for want of data).
    #[serde(default)]
    pub prompt_only: bool,
}
