//! Scoring: score, caps, veto, bonus, grade, pass rates, unit results. Pure.
//!
//! The rules (documented for reviewers in `checklists/README.md`):
//! - only confirmed findings count ([`Finding::counts`]); a finding on an item
//!   the checklist does not have, or that does not apply to the file, costs
//!   nothing and vetoes nothing;
//! - a finding costs what its item's rule says ([`DeductRule::finding_amount`]):
//!   `each × count`, the fixed amount, or the amount given within the range;
//!   a fixed item costs its amount once however many findings it has;
//! - the sum on one item stops at the item's cap ([`Item::cap`]), the sum on
//!   one category at the category's points when it has them; the total
//!   deduction stops at `total` ("扣完为止，不计负分");
//! - bonus items add what was awarded, each up to its `bonus`, all together up
//!   to `bonus_cap`; the score never exceeds `max_score`;
//! - score = total − deducted + bonus, rounded to one decimal; the grade is
//!   read from the rounded score;
//! - a confirmed `fail` veto grades the file 不合格; its score is 0 under
//!   `veto_score = "zero"`, total − deducted under `"keep"`; bonus never
//!   lifts a vetoed file;
//! - a confirmed `not_excellent` veto caps the grade at 良好 when the
//!   thresholds have it, else at 合格.

mod rates;
mod unit;

pub use rates::{Rates, percent_text, rates};
pub use unit::{FileOutcome, UnitResult, rank_units, unit_result};

use crate::checklist::{Checklist, DeductRule, VetoScore};
use crate::model::{CaseFile, Finding, Grade, Veto};
use serde::{Deserialize, Serialize};

/// What one category cost a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryScore {
    pub name: String,
    /// The category's points (its cap); absent: no cap.
    pub points: Option<f64>,
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

/// What one item cost (or, for a bonus item, added to) a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ItemScore {
    pub item: String,
    /// After the item's cap; 0 for a bonus item.
    pub deducted: f64,
    /// Points a bonus item added (before `bonus_cap`).
    pub awarded: f64,
    /// Confirmed findings counted on the item.
    pub findings: usize,
}

/// The score of one file against one checklist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoreResult {
    /// The checklist that graded the file.
    pub checklist: String,
    /// Full marks.
    pub total: f64,
    /// The score as the standard defines it: 0 for a file failed by a veto
    /// under `veto_score = "zero"`, else total − deducted + bonus.
    pub score: f64,
    pub grade: Grade,
    /// Sum of deductions after caps.
    pub deducted: f64,
    /// Bonus points added (after `bonus_cap`; 0 for a vetoed file).
    pub bonus: f64,
    /// total − deducted + bonus before any veto, within 0..=max_score.
    pub computed: f64,
    pub by_category: Vec<CategoryScore>,
    /// Items with confirmed findings, in checklist order.
    pub items: Vec<ItemScore>,
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
    // Per applicable item, in checklist order: (sum, findings).
    let mut per_item: Vec<(f64, usize)> = vec![(0.0, 0); checklist.items.len()];
    let mut vetoes: Vec<VetoHit> = Vec::new();
    for f in findings.iter().filter(|f| f.counts()) {
        let Some(idx) = checklist.items.iter().position(|i| i.id == f.item) else {
            continue;
        };
        let item = &checklist.items[idx];
        if !item.applies(case) {
            continue;
        }
        let amount = item.rule.finding_amount(f.deduction, f.count);
        let slot = &mut per_item[idx];
        slot.0 = match item.rule {
            DeductRule::Fixed { amount } => amount,
            _ => slot.0 + amount,
        };
        slot.1 += 1;
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

    let items: Vec<ItemScore> = checklist
        .items
        .iter()
        .zip(&per_item)
        .filter(|(_, (_, n))| *n > 0)
        .map(|(i, (sum, n))| {
            let (deducted, awarded) = if i.is_bonus() {
                (0.0, round1(*sum))
            } else {
                (round1(i.cap().map_or(*sum, |c| sum.min(c))), 0.0)
            };
            ItemScore {
                item: i.id.clone(),
                deducted,
                awarded,
                findings: *n,
            }
        })
        .collect();
    let deducted_of = |id: &str| {
        items
            .iter()
            .find(|s| s.item == id)
            .map_or(0.0, |s| s.deducted)
    };
    let by_category: Vec<CategoryScore> = checklist
        .categories
        .iter()
        .map(|c| {
            let sum: f64 = checklist
                .items_in(&c.name)
                .map(|i| deducted_of(&i.id))
                .sum();
            let capped = c.points.map_or(sum, |p| sum.min(p.max(0.0)));
            CategoryScore {
                name: c.name.clone(),
                points: c.points,
                deducted: round1(capped),
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
    let failed = vetoes.iter().any(|v| v.level == Veto::Fail);
    let awarded: f64 = items.iter().map(|s| s.awarded).sum();
    let bonus = if failed {
        0.0
    } else {
        round1(checklist.bonus_cap.map_or(awarded, |c| awarded.min(c)))
    };
    let computed = round1(((total - deducted).max(0.0) + bonus).min(checklist.max_score));
    let score = match (failed, checklist.veto_score) {
        (true, VetoScore::Zero) => 0.0,
        _ => computed,
    };
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
        bonus,
        computed,
        by_category,
        items,
        vetoes,
    }
}
