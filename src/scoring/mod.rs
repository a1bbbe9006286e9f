//! Scoring: score, caps, veto, grade, pass rates. Pure.

use crate::model::{Grade, Veto};
use serde::{Deserialize, Serialize};

/// What one category cost a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryScore {
    pub name: String,
    /// The category's points.
    pub points: f64,
    /// What was taken off (after item and category caps).
    pub deducted: f64,
}

/// A confirmed veto item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VetoHit {
    pub level: Veto,
    pub item: String,
    pub text: String,
}

/// The score of one file against one checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreResult {
    /// The checklist that graded the file.
    pub checklist: String,
    /// Full marks.
    pub total: f64,
    pub score: f64,
    pub grade: Grade,
    /// Sum of deductions after caps.
    pub deducted: f64,
    pub by_category: Vec<CategoryScore>,
    /// Confirmed veto items, `fail` first.
    pub vetoes: Vec<VetoHit>,
}

// TEMPORARY stub until the checklist branch lands.
pub fn score(
    checklist: &crate::checklist::Checklist,
    _case: &crate::model::CaseFile,
    _findings: &[crate::model::Finding],
) -> ScoreResult {
    ScoreResult {
        checklist: checklist.id.clone(),
        total: checklist.total,
        score: checklist.total,
        grade: Grade::Excellent,
        deducted: 0.0,
        by_category: vec![],
        vetoes: vec![],
    }
}
