//! Scoring: score, caps, veto, grade, pass rates. Pure.
//!
//! The rules (documented for reviewers in `checklists/README.md`):
//! - only confirmed findings count ([`Finding::counts`]); a finding on an item
//!   the checklist does not have, or that does not apply to the file, costs
//!   nothing and vetoes nothing;
//! - a finding's deduction is taken as given (negative or non-finite → 0);
//!   the sum on one item stops at the item's points, the sum on one category
//!   at the category's points ("扣完为止，不计负分");
//! - score = total − deducted, never below 0, rounded to one decimal; the grade
//!   is read from the rounded score;
//! - a confirmed `fail` veto → 不合格 whatever the score (issue 2: "a
//!   confirmed `fail` veto grades the file 不合格 whatever its score"); the
//!   score itself stays total − deducted, so a reader sees both the veto and
//!   what the points came to;
//! - a confirmed `not_excellent` veto caps the grade at 良好 when the
//!   thresholds have it, else at 合格.

mod rates;

pub use rates::{Rates, rates};

use crate::checklist::Checklist;
use crate::model::{CaseFile, Finding, Grade, Veto};
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
    /// total − deducted, floored at 0, whatever the vetoes.
    pub score: f64,
    pub grade: Grade,
    /// Sum of deductions after caps.
    pub deducted: f64,
    pub by_category: Vec<CategoryScore>,
    /// Confirmed veto items, `fail` first.
    pub vetoes: Vec<VetoHit>,
}

impl ScoreResult {
    /// Was the file failed by a `fail` veto?
    pub fn vetoed(&self) -> bool {
        self.vetoes.iter().any(|v| v.level == Veto::Fail)
    }
}

/// Rounds to one decimal, so sums of halves never show as 89.99999.
pub fn round1(x: f64) -> f64 {
    let r = (x * 10.0).round() / 10.0;
    if r == 0.0 { 0.0 } else { r } // no "-0"
}

/// Scores a file against a checklist. See the module docs for the rules.
pub fn score(checklist: &Checklist, case: &CaseFile, findings: &[Finding]) -> ScoreResult {
    // Sum of confirmed deductions per applicable item, in checklist order.
    let mut per_item: Vec<f64> = vec![0.0; checklist.items.len()];
    let mut vetoes: Vec<VetoHit> = Vec::new();
    for f in findings.iter().filter(|f| f.counts()) {
        let Some(idx) = checklist.items.iter().position(|i| i.id == f.item) else {
            continue;
        };
        let item = &checklist.items[idx];
        if !item.applies(case) {
            continue;
        }
        if f.deduction.is_finite() && f.deduction > 0.0 {
            per_item[idx] += f.deduction;
        }
        if let Some(level) = item.veto
            && !vetoes.iter().any(|v| v.item == item.id)
        {
            vetoes.push(VetoHit {
                level,
                item: item.id.clone(),
                text: item.text.clone(),
            });
        }
    }
    // `fail` first, then checklist order (the sort is stable).
    vetoes.sort_by_key(|v| v.level != Veto::Fail);

    let by_category: Vec<CategoryScore> = checklist
        .categories
        .iter()
        .map(|c| {
            let sum: f64 = checklist
                .items
                .iter()
                .zip(&per_item)
                .filter(|(i, _)| i.category == c.name)
                .map(|(i, d)| d.min(i.points.max(0.0)))
                .sum();
            CategoryScore {
                name: c.name.clone(),
                points: c.points,
                deducted: round1(sum.min(c.points.max(0.0))),
            }
        })
        .collect();

    let total = checklist.total;
    let deducted = round1(
        by_category
            .iter()
            .map(|c| c.deducted)
            .sum::<f64>()
            .min(total.max(0.0)),
    );
    let score = round1((total - deducted).max(0.0));
    let failed = vetoes.iter().any(|v| v.level == Veto::Fail);
    let mut grade = checklist.thresholds.grade(score);
    if failed {
        grade = Grade::Fail;
    } else if vetoes.iter().any(|v| v.level == Veto::NotExcellent) {
        let cap = if checklist.thresholds.good.is_some() {
            Grade::Good
        } else {
            Grade::Pass
        };
        grade = grade.min(cap);
    }
    ScoreResult {
        checklist: checklist.id.clone(),
        total,
        score,
        grade,
        deducted,
        by_category,
        vetoes,
    }
}
