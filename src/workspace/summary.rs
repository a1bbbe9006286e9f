//! The batch summary: counts, rates, departments, common problems.

use super::Workspace;
use crate::error::Result;
use crate::model::Grade;
use crate::scoring;
use crate::store::ReviewerStats;
use serde::Serialize;
use std::collections::BTreeMap;

/// One department's line: its unit result by the standard's unit rule.
/// Rates, grades, scores and `findings` count its completed files.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentSummary {
    pub department: String,
    /// Files in the batch, completed or not.
    pub files: i64,
    /// Completed reviews.
    pub reviewed: i64,
    /// Confirmed findings in completed files.
    pub findings: i64,
    /// Confirmed findings in all its files, completed or not.
    pub findings_all_files: i64,
    pub excellent: i64,
    pub good: i64,
    pub pass: i64,
    pub fail: i64,
    pub pass_rate: f64,
    pub excellent_rate: f64,
    /// Average score of completed files (one decimal).
    pub average_score: Option<f64>,
    /// Sum of completed files' scores.
    pub total_score: f64,
    /// The grade of the average score by the standard's thresholds.
    pub grade: Option<Grade>,
    /// By the standard's `rank_by`; equal departments share a rank; none
    /// without completed files.
    pub rank: Option<usize>,
}

/// How departments are graded and ranked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRuleSummary {
    /// The standard whose thresholds and unit rule are used.
    pub checklist: Option<String>,
    pub rank_by: Vec<crate::checklist::RankKey>,
}

/// A problem and how often it was found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProblemCount {
    pub item: String,
    pub text: String,
    pub category: String,
    pub count: i64,
}

/// What a category cost over the batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryDeduction {
    pub category: String,
    pub deducted: f64,
    pub findings: i64,
}

/// `pingcha summary --json`. Grades, rates, scores and `findings` count
/// completed files only, as the documents do; `findings_all_files`,
/// `suggested` and `common_problems` count every file of the batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// What the figures count, in words.
    pub counted: String,
    pub files: i64,
    /// Completed reviews.
    pub reviewed: i64,
    /// Confirmed findings in completed files (the documents' figure).
    pub findings: i64,
    /// Confirmed findings in all files, completed or not.
    pub findings_all_files: i64,
    /// Suggestions still waiting for a reviewer.
    pub suggested: i64,
    /// Grades of completed files: every grade the standard has.
    pub grades: BTreeMap<String, i64>,
    pub pass_rate: f64,
    pub excellent_rate: f64,
    /// Average score of completed files.
    pub average_score: Option<f64>,
    pub unit_rule: UnitRuleSummary,
    /// Ranked by the standard's unit rule.
    pub departments: Vec<DepartmentSummary>,
    /// The most frequent problems over all files, most frequent first.
    pub common_problems: Vec<ProblemCount>,
    pub categories: Vec<CategoryDeduction>,
    pub reviewers: Vec<ReviewerStats>,
    /// Rectification notices still open, and of them those past due.
    pub rectification_open: usize,
    pub rectification_overdue: usize,
}

impl Workspace {
    pub fn summary(&self) -> Result<Summary> {
        let s = self.store.db().summary(self.batch)?;
        let unit = self
            .unit_checklist()
            .map(super::UnitStandard::of)
            .unwrap_or_default();
        // Per department: outcomes and finding counts, in department order.
        let mut depts: Vec<(String, Vec<scoring::FileOutcome>, i64, i64)> = Vec::new();
        let mut suggested = 0;
        for f in self.store.db().file_outcomes(self.batch)? {
            if depts.last().is_none_or(|d| d.0 != f.department) {
                depts.push((f.department.clone(), Vec::new(), 0, 0));
            }
            let d = depts.last_mut().expect("pushed above");
            let outcome = match (f.completed, f.score, f.grade) {
                (true, Some(score), Some(grade)) => Some((score, grade)),
                _ => None,
            };
            d.1.push(outcome);
            if outcome.is_some() {
                d.2 += f.findings;
            }
            d.3 += f.findings;
            suggested += f.suggested;
        }
        let mut units: Vec<scoring::UnitResult> = depts
            .iter()
            .map(|(name, o, _, _)| scoring::unit_result(name, o, &unit.thresholds))
            .collect();
        scoring::rank_units(&mut units, &unit.rule);
        let all: Vec<scoring::FileOutcome> =
            depts.iter().flat_map(|d| d.1.iter().copied()).collect();
        let overall = scoring::unit_result("", &all, &unit.thresholds);
        let mut grades = BTreeMap::new();
        for g in [Grade::Excellent, Grade::Good, Grade::Pass, Grade::Fail] {
            let n = match g {
                Grade::Excellent => overall.rates.excellent,
                Grade::Good => overall.rates.good,
                Grade::Pass => overall.rates.pass,
                Grade::Fail => overall.rates.fail,
            };
            if unit.grades.contains(&g) || n > 0 {
                grades.insert(g.label().to_string(), n as i64);
            }
        }
        let departments: Vec<DepartmentSummary> = units
            .iter()
            .map(|u| {
                let (_, _, findings, all) = depts
                    .iter()
                    .find(|d| d.0 == u.unit)
                    .cloned()
                    .unwrap_or_default();
                DepartmentSummary {
                    department: u.unit.clone(),
                    files: u.rates.files as i64,
                    reviewed: u.rates.completed as i64,
                    findings,
                    findings_all_files: all,
                    excellent: u.rates.excellent as i64,
                    good: u.rates.good as i64,
                    pass: u.rates.pass as i64,
                    fail: u.rates.fail as i64,
                    pass_rate: u.rates.pass_rate,
                    excellent_rate: u.rates.excellent_rate,
                    average_score: u.average_score,
                    total_score: u.total_score,
                    grade: u.grade,
                    rank: u.rank,
                }
            })
            .collect();
        let mut categories: Vec<CategoryDeduction> = Vec::new();
        let mut common = Vec::new();
        for ic in &s.items {
            let (text, category) = match self.find_item(None, &ic.item) {
                Some((_, it)) => (it.text.clone(), it.category.clone()),
                None => (String::new(), "其他".to_string()),
            };
            match categories.iter_mut().find(|c| c.category == category) {
                Some(c) => {
                    c.deducted += ic.deducted;
                    c.findings += ic.count;
                }
                None => categories.push(CategoryDeduction {
                    category: category.clone(),
                    deducted: ic.deducted,
                    findings: ic.count,
                }),
            }
            common.push(ProblemCount {
                item: ic.item.clone(),
                text,
                category,
                count: ic.count,
            });
        }
        categories.sort_by(|a, b| b.deducted.total_cmp(&a.deducted));
        let (open, overdue) = self.open_rectifications(chrono::Local::now().date_naive())?;
        Ok(Summary {
            counted: "等次、合格率、优秀率、平均分、排名和问题数（findings）按已完成评查的案卷计；findings_all_files、suggested 和常见问题含尚在评查中的案卷".into(),
            files: overall.rates.files as i64,
            reviewed: overall.rates.completed as i64,
            findings: depts.iter().map(|d| d.2).sum(),
            findings_all_files: depts.iter().map(|d| d.3).sum(),
            suggested,
            grades,
            pass_rate: overall.rates.pass_rate,
            excellent_rate: overall.rates.excellent_rate,
            average_score: overall.average_score,
            unit_rule: UnitRuleSummary {
                checklist: self.unit_checklist().map(|c| c.id.clone()),
                rank_by: unit.rule.rank_by.clone(),
            },
            departments,
            common_problems: common,
            categories,
            reviewers: s.reviewers,
            rectification_open: open.len(),
            rectification_overdue: overdue.len(),
        })
    }
}
