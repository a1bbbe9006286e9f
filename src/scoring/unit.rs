//! A unit's (department's) result: its files' rates, average and total
//! score, the grade of its average, and the ranking of units. Pure.

use super::{Rates, rates, round1};
use crate::checklist::{RankKey, Thresholds, UnitRule};
use crate::model::Grade;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// One file as a unit's result sees it: `None` while its review is not
/// complete, else its score and grade.
pub type FileOutcome = Option<(f64, Grade)>;

/// A unit's result over its files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitResult {
    pub unit: String,
    /// Counts and rates over the completed files.
    pub rates: Rates,
    /// The average score of the completed files (one decimal).
    pub average_score: Option<f64>,
    /// The sum of the completed files' scores.
    pub total_score: f64,
    /// The grade of the average score by the standard's thresholds.
    pub grade: Option<Grade>,
    /// 1-based; units equal on every ranking key share a rank; `None` for a
    /// unit without completed files (ranked after all others).
    pub rank: Option<usize>,
}

/// A unit's result over its files' outcomes.
pub fn unit_result(unit: &str, files: &[FileOutcome], thresholds: &Thresholds) -> UnitResult {
    let r = rates(files.iter().map(|f| f.map(|(_, g)| g)));
    let total_score: f64 = files.iter().flatten().map(|(s, _)| s).sum();
    let average_score = (r.completed > 0).then(|| round1(total_score / r.completed as f64));
    UnitResult {
        unit: unit.to_string(),
        rates: r,
        average_score,
        total_score: round1(total_score),
        grade: average_score.map(|a| thresholds.grade(a)),
        rank: None,
    }
}

fn key(u: &UnitResult, k: RankKey) -> f64 {
    match k {
        RankKey::Average => u.average_score.unwrap_or(0.0),
        RankKey::Total => u.total_score,
        RankKey::PassRate => u.rates.pass_rate,
        RankKey::ExcellentRate => u.rates.excellent_rate,
    }
}

fn compare(a: &UnitResult, b: &UnitResult, rule: &UnitRule) -> Ordering {
    rule.rank_by
        .iter()
        .map(|k| key(b, *k).total_cmp(&key(a, *k)))
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// Sorts units by the rule's keys (each high to low), units without
/// completed files last, equal units by name; sets each unit's rank (units
/// equal on every key share the rank: 1, 1, 3).
pub fn rank_units(units: &mut [UnitResult], rule: &UnitRule) {
    units.sort_by(|a, b| {
        let (ca, cb) = (a.rates.completed > 0, b.rates.completed > 0);
        cb.cmp(&ca)
            .then_with(|| compare(a, b, rule))
            .then_with(|| a.unit.cmp(&b.unit))
    });
    for i in 0..units.len() {
        if units[i].rates.completed == 0 {
            units[i].rank = None;
            continue;
        }
        let rank = if i > 0
            && units[i - 1].rank.is_some()
            && compare(&units[i - 1], &units[i], rule) == Ordering::Equal
        {
            units[i - 1].rank
        } else {
            Some(i + 1)
        };
        units[i].rank = rank;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t3() -> Thresholds {
        Thresholds {
            excellent: 90.0,
            good: None,
            pass: 60.0,
        }
    }

    #[test]
    fn average_grade_and_pending_files() {
        let files = [
            Some((95.0, Grade::Excellent)),
            Some((0.0, Grade::Fail)),
            None,
            Some((80.0, Grade::Pass)),
        ];
        let u = unit_result("甲", &files, &t3());
        // (95 + 0 + 80) / 3 = 58.33… → 58.3, below 60 → 不合格.
        assert_eq!(u.average_score, Some(58.3));
        assert_eq!(u.total_score, 175.0);
        assert_eq!(u.grade, Some(Grade::Fail));
        assert_eq!(u.rates.files, 4);
        assert_eq!(u.rates.completed, 3);
        assert!((u.rates.pass_rate - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn average_then_total_breaks_ties() {
        let t = t3();
        let mut units = vec![
            unit_result("甲", &[Some((80.0, Grade::Pass))], &t),
            unit_result(
                "乙",
                &[Some((70.0, Grade::Pass)), Some((90.0, Grade::Excellent))],
                &t,
            ),
            unit_result("丙", &[Some((85.0, Grade::Pass))], &t),
            unit_result("丁", &[None], &t),
        ];
        let rule = UnitRule {
            rank_by: vec![RankKey::Average, RankKey::Total],
        };
        rank_units(&mut units, &rule);
        let order: Vec<_> = units.iter().map(|u| (u.unit.as_str(), u.rank)).collect();
        // 丙 85; 乙 and 甲 both average 80, 乙's total 160 beats 甲's 80.
        assert_eq!(
            order,
            vec![
                ("丙", Some(1)),
                ("乙", Some(2)),
                ("甲", Some(3)),
                ("丁", None)
            ]
        );
    }

    #[test]
    fn pass_rate_first_and_shared_ranks() {
        let t = t3();
        let mut units = vec![
            unit_result(
                "甲",
                &[Some((95.0, Grade::Excellent)), Some((0.0, Grade::Fail))],
                &t,
            ),
            unit_result("乙", &[Some((61.0, Grade::Pass))], &t),
            unit_result("丙", &[Some((61.0, Grade::Pass))], &t),
        ];
        rank_units(&mut units, &UnitRule::default());
        let order: Vec<_> = units.iter().map(|u| (u.unit.as_str(), u.rank)).collect();
        // 乙 and 丙: pass rate 1, average 61 — equal, one rank (listed by
        // name, 丙 U+4E19 before 乙 U+4E59); 甲 at 50 % after.
        assert_eq!(
            order,
            vec![("丙", Some(1)), ("乙", Some(1)), ("甲", Some(3))]
        );
    }
}
