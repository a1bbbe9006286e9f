//! The batch summary: counts, rates, departments, common problems.

use super::Workspace;
use crate::error::Result;
use crate::model::Grade;
use crate::store::ReviewerStats;
use serde::Serialize;
use std::collections::BTreeMap;

/// One department's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentSummary {
    pub department: String,
    pub files: i64,
    pub reviewed: i64,
    pub findings: i64,
    pub pass_rate: f64,
    pub excellent_rate: f64,
    pub average_score: Option<f64>,
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

/// `pingcha summary --json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub files: i64,
    /// Completed reviews.
    pub reviewed: i64,
    /// Confirmed findings.
    pub findings: i64,
    /// Suggestions still waiting for a reviewer.
    pub suggested: i64,
    /// Grades of completed files, every grade present.
    pub grades: BTreeMap<String, i64>,
    pub pass_rate: f64,
    pub excellent_rate: f64,
    pub departments: Vec<DepartmentSummary>,
    /// The most frequent problems, most frequent first.
    pub common_problems: Vec<ProblemCount>,
    pub categories: Vec<CategoryDeduction>,
    pub reviewers: Vec<ReviewerStats>,
    /// Rectification notices still open, and of them those past due.
    pub rectification_open: usize,
    pub rectification_overdue: usize,
}

fn rate(n: i64, of: i64) -> f64 {
    if of == 0 {
        0.0
    } else {
        ((n as f64 / of as f64) * 10000.0).round() / 10000.0
    }
}

impl Workspace {
    /// Rows written through this workspace so far (changes when anything is
    /// written; the TUI recomputes its summary in the background then).
    pub fn changes(&self) -> u64 {
        self.store.changes()
    }

    pub fn summary(&self) -> Result<Summary> {
        let s = self.store.db().summary(self.batch)?;
        let mut grades = BTreeMap::new();
        for g in [Grade::Excellent, Grade::Good, Grade::Pass, Grade::Fail] {
            grades.insert(g.label().to_string(), *s.grades.get(&g).unwrap_or(&0));
        }
        let passed: i64 = s
            .grades
            .iter()
            .filter(|(g, _)| g.is_pass())
            .map(|(_, n)| n)
            .sum();
        let excellent = *s.grades.get(&Grade::Excellent).unwrap_or(&0);
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
            files: s.files,
            reviewed: s.reviewed,
            findings: s.findings,
            suggested: s.suggested,
            grades,
            pass_rate: rate(passed, s.reviewed),
            excellent_rate: rate(excellent, s.reviewed),
            departments: s
                .departments
                .iter()
                .map(|d| DepartmentSummary {
                    department: d.department.clone(),
                    files: d.files,
                    reviewed: d.reviewed,
                    findings: d.findings,
                    pass_rate: rate(d.passed, d.reviewed),
                    excellent_rate: rate(d.excellent, d.reviewed),
                    average_score: d.average_score.map(|a| (a * 10.0).round() / 10.0),
                })
                .collect(),
            common_problems: common,
            categories,
            reviewers: s.reviewers,
            rectification_open: open.len(),
            rectification_overdue: overdue.len(),
        })
    }
}
