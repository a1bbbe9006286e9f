//! The documents' input: everything the documents of a batch are made
//! from, as plain data. The workspace builds it from the store; the
//! writers read nothing else.

mod aggregate;

use crate::model::Grade;
use chrono::NaiveDate;
use serde::Serialize;

/// The batch the documents belong to.
#[derive(Debug, Clone, Serialize)]
pub struct BatchInfo {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
}

/// One checklist item as the score sheet prints it.
#[derive(Debug, Clone, Serialize)]
pub struct SheetItem {
    pub id: String,
    pub text: String,
    pub points: f64,
    /// The 扣分标准 as the standard words it.
    pub rule: String,
    /// A 加分项: `deducted` is 0 and `awarded` what it added.
    pub bonus: bool,
    pub awarded: f64,
    /// Points taken off this item (after the item's cap).
    pub deducted: f64,
    pub applies: bool,
    pub veto: Option<String>,
    /// Indexes into [`FileReport::findings`].
    pub findings: Vec<usize>,
}

/// One category of the score sheet.
#[derive(Debug, Clone, Serialize)]
pub struct SheetCategory {
    pub name: String,
    /// The category's points; 0 when it has no cap (`capped` false).
    pub points: f64,
    pub capped: bool,
    /// After the category's cap.
    pub deducted: f64,
    /// 实得分: points − deducted, for a capped category with points.
    pub earned: Option<f64>,
    pub items: Vec<SheetItem>,
}

/// A confirmed finding as the documents print it.
#[derive(Debug, Clone, Serialize)]
pub struct FindingReport {
    pub case_no: String,
    pub department: String,
    pub item: String,
    pub item_text: String,
    pub category: String,
    /// What the finding costs by its item's rule (0 for a bonus item).
    pub deduction: f64,
    /// Occurrences, for a per-occurrence item.
    pub count: Option<u32>,
    /// Points awarded, for a bonus item.
    pub award: f64,
    /// The item's 扣分标准 as the standard words it.
    pub rule: String,
    pub note: String,
    pub page: Option<String>,
    /// The finding's own citation, else the item's.
    pub basis: String,
    pub reviewer: Option<String>,
    /// The item is a veto item (一票否决 or 不得评为优秀).
    pub veto: bool,
    /// The item's position in its checklist (category order, then item order).
    pub order: usize,
    #[serde(skip)]
    pub id: uuid::Uuid,
    /// 整改主体: who must fix it (the department unless the reviewer named another).
    pub rectifier: String,
    /// The automatic check that raised it (none for a reviewer's finding).
    #[serde(skip)]
    pub check: Option<String>,
}

/// A completed file.
#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub case_no: String,
    pub department: String,
    pub kind: String,
    pub procedure: Option<String>,
    pub title: Option<String>,
    pub party: Option<String>,
    /// The party is a natural person: the name is personal data.
    pub party_natural: bool,
    pub party_id: Option<String>,
    pub officers: Vec<String>,
    pub reviewers: Vec<String>,
    pub completed: Option<NaiveDate>,
    pub checklist: Option<String>,
    pub total: f64,
    /// The score as the standard defines it (0 for a vetoed file under
    /// `veto_score = "zero"`).
    pub score: f64,
    /// Sum of deductions after caps.
    pub deducted: f64,
    /// Bonus points added.
    pub bonus: f64,
    /// Failed by a `fail` veto.
    pub vetoed: bool,
    /// How a vetoed file's score is set, e.g. "一票否决，计0分".
    pub score_note: Option<String>,
    pub grade: String,
    pub passed: bool,
    /// The party's role in the file: 申请人 for 行政许可, else 当事人.
    pub party_role: String,
    /// Confirmed veto items, as "text（一票否决（不合格））".
    pub vetoes: Vec<String>,
    pub categories: Vec<SheetCategory>,
    pub findings: Vec<FindingReport>,
    /// 评查意见: the reviewer's overall remark on the file.
    pub remark: Option<String>,
    /// The leader who approved the file (复核), when the batch has leaders.
    pub approved_by: Option<String>,
    pub approved_on: Option<NaiveDate>,
}

/// One department's line, ranked.
#[derive(Debug, Clone, Serialize)]
pub struct DepartmentReport {
    pub name: String,
    pub rank: usize,
    /// Files of the department in the batch.
    pub files: usize,
    /// Of them, completed reviews (the only ones counted in the rates).
    pub reviewed: usize,
    pub excellent: usize,
    pub good: usize,
    pub pass: usize,
    pub fail: usize,
    pub passed: usize,
    pub pass_rate: f64,
    pub excellent_rate: f64,
    pub average_score: Option<f64>,
    /// Sum of the completed files' scores (a ranking key).
    pub total_score: f64,
    /// The grade of the average score, by the standard's thresholds.
    pub grade: Option<String>,
    /// The rank by the standard's unit rule (equal units share it); `None`
    /// for a department without completed files.
    pub unit_rank: Option<usize>,
    pub findings: usize,
    pub deducted: f64,
    /// Indexes into [`ReportData::files`].
    pub file_indices: Vec<usize>,
}

/// The overall numbers.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub departments: usize,
    pub files: usize,
    pub reviewed: usize,
    pub excellent: usize,
    pub good: usize,
    pub pass: usize,
    pub fail: usize,
    pub passed: usize,
    pub pass_rate: f64,
    pub excellent_rate: f64,
    pub average_score: Option<f64>,
    pub findings: usize,
    pub deducted: f64,
}

/// A problem (checklist item) and how often it was found.
#[derive(Debug, Clone, Serialize)]
pub struct ProblemStat {
    pub rank: usize,
    pub item: String,
    pub text: String,
    pub category: String,
    pub count: usize,
    /// Files it was found in.
    pub files: usize,
    pub deducted: f64,
    /// A few case numbers, as typical examples.
    pub examples: Vec<String>,
}

/// What a category cost over the batch.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryStat {
    pub name: String,
    pub findings: usize,
    pub deducted: f64,
}

/// Everything the documents of a batch are made from.
#[derive(Debug, Clone, Serialize)]
pub struct ReportData {
    pub batch: BatchInfo,
    /// Completed files, by department then case number.
    pub files: Vec<FileReport>,
    /// Files of the batch whose review is not complete (not in the documents).
    pub pending: Vec<String>,
    /// Ranked by the standard's unit rule (default: pass rate, then average
    /// score), then name.
    pub departments: Vec<DepartmentReport>,
    pub totals: Totals,
    /// Most frequent first.
    pub problems: Vec<ProblemStat>,
    /// Most deducted first.
    pub categories: Vec<CategoryStat>,
    /// How units are graded and ranked, and the grades the standard has.
    pub unit: UnitStandard,
    /// What the documents say about the review's reach.
    pub scope: Scope,
    /// Every natural person named as a party in any file of the database
    /// (completed or not, in this batch or not): masked wherever they appear.
    pub people: Vec<String>,
}

impl ReportData {
    pub fn department(&self, name: &str) -> Option<&DepartmentReport> {
        self.departments.iter().find(|d| d.name == name)
    }

    /// The department's completed files.
    pub fn files_of<'a>(&'a self, d: &'a DepartmentReport) -> impl Iterator<Item = &'a FileReport> {
        d.file_indices.iter().map(|&i| &self.files[i])
    }
}

/// The review's reach and state, as the bulletin reports it.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Scope {
    /// The batch drew a sample (抽查) rather than taking every file.
    pub sampled: bool,
    /// Files the sample was drawn from (the 评查面 is files / pool).
    pub pool: Option<usize>,
    /// Units known to the database with no file in the batch.
    pub idle_units: Vec<String>,
    /// Automatic suggestions not yet confirmed or dismissed.
    pub suggestions_pending: usize,
    /// Words that must not reach a circulated document (profile names,
    /// checklist ids, item ids).
    pub internal_terms: Vec<String>,
}

/// How units are graded and ranked: the thresholds and rule of the standard
/// that grades the batch.
#[derive(Debug, Clone, Serialize)]
pub struct UnitStandard {
    pub thresholds: crate::checklist::Thresholds,
    pub rule: crate::checklist::UnitRule,
    /// The grades the standard has, best first.
    pub grades: Vec<Grade>,
}

impl Default for UnitStandard {
    fn default() -> Self {
        UnitStandard {
            thresholds: crate::checklist::Thresholds {
                excellent: 90.0,
                good: None,
                pass: 60.0,
            },
            rule: crate::checklist::UnitRule::default(),
            grades: vec![Grade::Excellent, Grade::Pass, Grade::Fail],
        }
    }
}

impl UnitStandard {
    pub fn of(c: &crate::checklist::Checklist) -> UnitStandard {
        let mut grades = vec![Grade::Excellent];
        if c.thresholds.good.is_some() {
            grades.push(Grade::Good);
        }
        grades.extend([Grade::Pass, Grade::Fail]);
        UnitStandard {
            thresholds: c.thresholds.clone(),
            rule: c.unit.clone(),
            grades,
        }
    }
}
