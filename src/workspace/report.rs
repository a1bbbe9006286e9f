//! Everything the documents need, gathered in one read: the batch, each
//! completed file with its checklist, findings and score, the departments and
//! the bulletin's numbers. Pure data; `crate::report` turns it into files.

use super::Workspace;
use crate::error::{Error, Result};
use crate::model::{FindingStatus, Grade, PartyType, ReviewStatus};
use crate::scoring::{self, round1};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

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
    #[serde(skip)]
    pub id: uuid::Uuid,
    /// 整改主体: who must fix it (the department unless the reviewer named another).
    pub rectifier: String,
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
    /// Confirmed veto items, as "CF-01 text（一票否决（不合格））".
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

/// A sort key that orders the numbers inside a string by value.
pub fn natural_key(s: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut text = String::new();
    let mut num: Option<u64> = None;
    for c in s.chars() {
        match (c.to_digit(10), num) {
            (Some(d), Some(n)) => num = Some(n.saturating_mul(10).saturating_add(d as u64)),
            (Some(d), None) => num = Some(d as u64),
            (None, Some(n)) => {
                key.push((std::mem::take(&mut text), n));
                num = None;
                text.push(c);
            }
            (None, None) => text.push(c),
        }
    }
    key.push((text, num.unwrap_or(0)));
    key
}

fn departments_template() -> DepartmentReport {
    DepartmentReport {
        name: String::new(),
        rank: 0,
        files: 0,
        reviewed: 0,
        excellent: 0,
        good: 0,
        pass: 0,
        fail: 0,
        passed: 0,
        pass_rate: 0.0,
        excellent_rate: 0.0,
        average_score: None,
        total_score: 0.0,
        grade: None,
        unit_rank: None,
        findings: 0,
        deducted: 0.0,
        file_indices: Vec::new(),
    }
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

fn date(s: &Option<String>) -> Option<NaiveDate> {
    let s = s.as_deref()?;
    chrono::DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|d| d.with_timezone(&chrono::Local).date_naive())
        .or_else(|| s.get(..10).and_then(|d| d.parse().ok()))
}

impl Workspace {
    /// Gathers the documents' data for the current batch. Only completed
    /// reviews count; findings are the confirmed ones.
    pub fn report_data(&self) -> Result<ReportData> {
        let db = self.store.db();
        let row = self
            .batches()?
            .into_iter()
            .find(|b| b.id == self.batch)
            .ok_or(Error::UnknownBatch(self.batch))?;
        let reviews = db.report_reviews(self.batch)?;
        let rectifiers: HashMap<uuid::Uuid, String> =
            db.rectifiers(self.batch)?.into_iter().collect();
        let mut by_case: HashMap<String, Vec<crate::model::Finding>> = HashMap::new();
        for f in db.findings(self.batch, None)? {
            if f.status == FindingStatus::Confirmed {
                by_case.entry(f.case_no.clone()).or_default().push(f);
            }
        }
        let batch = BatchInfo {
            id: row.id,
            name: row.name,
            kind: row.kind,
            period_from: row.period_from.and_then(|d| d.parse().ok()),
            period_to: row.period_to.and_then(|d| d.parse().ok()),
        };

        let mut files = Vec::new();
        let mut pending = Vec::new();
        let mut dept_files: BTreeMap<String, usize> = BTreeMap::new();
        for r in reviews {
            *dept_files.entry(r.case.department.clone()).or_default() += 1;
            if r.status != ReviewStatus::Completed {
                pending.push(r.case.case_no.clone());
                continue;
            }
            let findings = by_case.remove(&r.case.case_no).unwrap_or_default();
            let team = db.review_team(self.batch, r.case_id)?;
            let reviewers = db.file_reviewers(self.batch, r.case_id)?;
            let mut f = self.file_report(r, &findings);
            for rv in reviewers {
                if !f.reviewers.contains(&rv) && team.approved_by.as_ref() != Some(&rv) {
                    f.reviewers.push(rv);
                }
            }
            for fd in &mut f.findings {
                if let Some(who) = rectifiers.get(&fd.id) {
                    fd.rectifier = who.clone();
                }
            }
            f.remark = team.remark;
            f.approved_on = date(&team.approved_at);
            f.approved_by = team.approved_by;
            files.push(f);
        }
        // 清交执罚〔2024〕8号 before 〔2024〕12号.
        files.sort_by_cached_key(|f| (f.department.clone(), natural_key(&f.case_no)));
        let unit = self
            .unit_checklist()
            .map(UnitStandard::of)
            .unwrap_or_default();
        let mut data = ReportData::assemble_by(batch, files, pending, &dept_files, unit);
        data.people = db
            .parties()?
            .into_iter()
            .filter(|p| {
                crate::report::mask::is_natural_person(
                    &p.name,
                    p.party_type.map(|t| t == PartyType::NaturalPerson),
                    p.id_no.as_deref(),
                )
            })
            .map(|p| p.name)
            .collect();
        Ok(data)
    }
}

impl ReportData {
    /// Aggregates completed files into departments, totals, problems and
    /// categories. `dept_files`: every department's number of files in the
    /// batch (completed or not). Pure.
    pub fn assemble(
        batch: BatchInfo,
        files: Vec<FileReport>,
        pending: Vec<String>,
        dept_files: &BTreeMap<String, usize>,
    ) -> ReportData {
        Self::assemble_by(batch, files, pending, dept_files, UnitStandard::default())
    }

    /// As [`ReportData::assemble`], grading and ranking units by `unit`.
    pub fn assemble_by(
        batch: BatchInfo,
        files: Vec<FileReport>,
        pending: Vec<String>,
        dept_files: &BTreeMap<String, usize>,
        unit: UnitStandard,
    ) -> ReportData {
        // Departments.
        let mut departments: Vec<DepartmentReport> = dept_files
            .iter()
            .map(|(name, &n)| DepartmentReport {
                name: name.clone(),
                files: n,
                ..departments_template()
            })
            .collect();
        let mut totals = Totals {
            departments: departments.len(),
            files: dept_files.values().sum(),
            ..Totals::default()
        };
        let mut outcomes: Vec<Vec<scoring::FileOutcome>> = vec![Vec::new(); departments.len()];
        for (i, f) in files.iter().enumerate() {
            let at = match departments.iter().position(|d| d.name == f.department) {
                Some(at) => at,
                None => {
                    departments.push(DepartmentReport {
                        name: f.department.clone(),
                        files: 1,
                        ..departments_template()
                    });
                    outcomes.push(Vec::new());
                    totals.departments += 1;
                    totals.files += 1;
                    departments.len() - 1
                }
            };
            let d = &mut departments[at];
            d.file_indices.push(i);
            d.findings += f.findings.len();
            d.deducted += f.deducted;
            totals.findings += f.findings.len();
            totals.deducted += f.deducted;
            outcomes[at].push(Some((
                f.score,
                Grade::parse(&f.grade).unwrap_or(Grade::Fail),
            )));
        }
        // Files not completed count in each unit's files, not in its rates.
        for (d, o) in departments.iter().zip(outcomes.iter_mut()) {
            o.resize(o.len().max(d.files), None);
        }
        let mut units: Vec<scoring::UnitResult> = departments
            .iter()
            .zip(&outcomes)
            .map(|(d, o)| scoring::unit_result(&d.name, o, &unit.thresholds))
            .collect();
        scoring::rank_units(&mut units, &unit.rule);
        let all: Vec<scoring::FileOutcome> = outcomes.iter().flatten().copied().collect();
        let overall = scoring::unit_result("", &all, &unit.thresholds);
        let mut ranked = Vec::with_capacity(departments.len());
        for (pos, u) in units.iter().enumerate() {
            let Some(at) = departments.iter().position(|d| d.name == u.unit) else {
                continue;
            };
            let mut d = departments.swap_remove(at);
            d.rank = u.rank.unwrap_or(pos + 1);
            d.unit_rank = u.rank;
            d.reviewed = u.rates.completed;
            d.excellent = u.rates.excellent;
            d.good = u.rates.good;
            d.pass = u.rates.pass;
            d.fail = u.rates.fail;
            d.passed = u.rates.excellent + u.rates.good + u.rates.pass;
            d.pass_rate = u.rates.pass_rate;
            d.excellent_rate = u.rates.excellent_rate;
            d.average_score = u.average_score;
            d.total_score = u.total_score;
            d.grade = u.grade.map(|g| g.label().to_string());
            d.deducted = round1(d.deducted);
            ranked.push(d);
        }
        let mut departments = ranked;
        totals.reviewed = overall.rates.completed;
        totals.excellent = overall.rates.excellent;
        totals.good = overall.rates.good;
        totals.pass = overall.rates.pass;
        totals.fail = overall.rates.fail;
        totals.passed = overall.rates.excellent + overall.rates.good + overall.rates.pass;
        totals.pass_rate = overall.rates.pass_rate;
        totals.excellent_rate = overall.rates.excellent_rate;
        totals.average_score = overall.average_score;
        totals.deducted = round1(totals.deducted);
        departments.shrink_to_fit();

        // Problems and categories.
        let mut problems: Vec<ProblemStat> = Vec::new();
        let mut categories: Vec<CategoryStat> = Vec::new();
        for f in &files {
            let mut seen: Vec<&str> = Vec::new();
            for fd in &f.findings {
                let p = match problems.iter_mut().position(|p| p.item == fd.item) {
                    Some(i) => &mut problems[i],
                    None => {
                        problems.push(ProblemStat {
                            rank: 0,
                            item: fd.item.clone(),
                            text: fd.item_text.clone(),
                            category: fd.category.clone(),
                            count: 0,
                            files: 0,
                            deducted: 0.0,
                            examples: Vec::new(),
                        });
                        problems.last_mut().expect("just pushed")
                    }
                };
                p.count += 1;
                p.deducted += fd.deduction.max(0.0);
                if !seen.contains(&fd.item.as_str()) {
                    seen.push(&fd.item);
                    p.files += 1;
                    if p.examples.len() < 3 {
                        p.examples.push(f.case_no.clone());
                    }
                }
            }
            for c in &f.categories {
                let n = c.items.iter().map(|i| i.findings.len()).sum::<usize>();
                if n == 0 && c.deducted == 0.0 {
                    continue;
                }
                match categories.iter_mut().find(|x| x.name == c.name) {
                    Some(x) => {
                        x.findings += n;
                        x.deducted += c.deducted;
                    }
                    None => categories.push(CategoryStat {
                        name: c.name.clone(),
                        findings: n,
                        deducted: c.deducted,
                    }),
                }
            }
        }
        problems.sort_by(|a, b| b.count.cmp(&a.count).then(a.item.cmp(&b.item)));
        for (i, p) in problems.iter_mut().enumerate() {
            p.rank = i + 1;
            p.deducted = round1(p.deducted);
        }
        for c in &mut categories {
            c.deducted = round1(c.deducted);
        }
        categories.sort_by(|a, b| {
            b.deducted
                .total_cmp(&a.deducted)
                .then(b.findings.cmp(&a.findings))
        });
        ReportData {
            batch,
            files,
            pending,
            departments,
            totals,
            problems,
            categories,
            unit,
            people: Vec::new(),
        }
    }
}

impl Workspace {
    fn file_report(
        &self,
        r: crate::store::ReportReview,
        findings: &[crate::model::Finding],
    ) -> FileReport {
        let case = &r.case;
        let checklist = self.checklist_for(case).ok();
        let result = checklist.map(|c| scoring::score(c, case, findings));
        let mut out_findings = Vec::new();
        let mut categories = Vec::new();
        if let Some(c) = checklist {
            let mut item_findings: Vec<Vec<usize>> = vec![Vec::new(); c.items.len()];
            for f in findings {
                let Some(idx) = c.items.iter().position(|i| i.id == f.item) else {
                    continue;
                };
                let it = &c.items[idx];
                item_findings[idx].push(out_findings.len());
                out_findings.push(FindingReport {
                    case_no: case.case_no.clone(),
                    department: case.department.clone(),
                    item: it.id.clone(),
                    item_text: it.text.clone(),
                    category: it.category.clone(),
                    deduction: if it.applies(case) && !it.is_bonus() {
                        let d = it.rule.finding_amount(f.deduction, f.count);
                        round1(it.cap().map_or(d, |c| d.min(c)))
                    } else {
                        0.0
                    },
                    count: f.count,
                    award: if it.applies(case) && it.is_bonus() {
                        it.rule.finding_amount(f.deduction, f.count)
                    } else {
                        0.0
                    },
                    rule: it.rule_wording(),
                    note: f.note.clone(),
                    page: f.page.clone().filter(|p| !p.trim().is_empty()),
                    basis: f
                        .basis
                        .clone()
                        .filter(|b| !b.trim().is_empty())
                        .unwrap_or_else(|| it.basis.clone()),
                    reviewer: f.reviewer.clone(),
                    rectifier: case.department.clone(),
                    id: f.id,
                });
            }
            let by_cat = result.as_ref().map(|r| &r.by_category);
            for cat in &c.categories {
                let items = c
                    .items
                    .iter()
                    .enumerate()
                    .filter(|(_, i)| i.category == cat.name)
                    .map(|(idx, it)| {
                        let applies = it.applies(case);
                        let scored = result
                            .as_ref()
                            .and_then(|r| r.items.iter().find(|s| s.item == it.id));
                        SheetItem {
                            id: it.id.clone(),
                            text: it.text.clone(),
                            points: it.points,
                            rule: it.rule_wording(),
                            bonus: it.is_bonus(),
                            awarded: scored.map_or(0.0, |s| s.awarded),
                            deducted: if applies {
                                scored.map_or(0.0, |s| s.deducted)
                            } else {
                                0.0
                            },
                            applies,
                            veto: it.veto.map(|v| v.label_zh().to_string()),
                            findings: item_findings[idx].clone(),
                        }
                    })
                    .collect();
                let deducted = by_cat
                    .and_then(|b| b.iter().find(|x| x.name == cat.name))
                    .map_or(0.0, |x| x.deducted);
                categories.push(SheetCategory {
                    name: cat.name.clone(),
                    points: cat.points.unwrap_or(0.0),
                    capped: cat.points.is_some(),
                    deducted,
                    earned: cat
                        .points
                        .filter(|p| *p > 0.0)
                        .map(|p| round1((p - deducted).max(0.0))),
                    items,
                });
            }
        }
        let mut reviewers: Vec<String> = r.reviewer.iter().cloned().collect();
        for f in findings {
            if let Some(rv) = &f.reviewer
                && !reviewers.contains(rv)
            {
                reviewers.push(rv.clone());
            }
        }
        let grade = result.as_ref().map(|r| r.grade);
        FileReport {
            case_no: case.case_no.clone(),
            department: case.department.clone(),
            kind: case.kind.to_string(),
            procedure: case.procedure.map(|p| p.to_string()),
            title: case.title.clone(),
            party: case.party_name().map(str::to_string),
            party_natural: case.party_name().is_some_and(|n| {
                crate::report::mask::is_natural_person(
                    n,
                    case.party_type().map(|t| t == PartyType::NaturalPerson),
                    case.party.as_ref().and_then(|p| p.id_no.as_deref()),
                )
            }),
            party_id: case.party.as_ref().and_then(|p| p.id_no.clone()),
            officers: case.officers.iter().map(|o| o.name.clone()).collect(),
            reviewers,
            completed: date(&r.completed_at),
            checklist: checklist.map(|c| c.name.clone()),
            total: result.as_ref().map_or(100.0, |r| r.total),
            score: result.as_ref().map_or(0.0, |r| r.score),
            deducted: result.as_ref().map_or(0.0, |r| r.deducted),
            bonus: result.as_ref().map_or(0.0, |r| r.bonus),
            vetoed: result.as_ref().is_some_and(|r| r.vetoed()),
            score_note: result.as_ref().filter(|r| r.vetoed()).map(|r| {
                if checklist.is_some_and(|c| c.veto_score == crate::checklist::VetoScore::Zero) {
                    format!(
                        "一票否决，计0分（已确认扣分{}分）",
                        crate::report::compose::num(r.deducted)
                    )
                } else {
                    format!(
                        "一票否决，评为不合格（得分按满分减扣分计{}分）",
                        crate::report::compose::num(r.score)
                    )
                }
            }),
            grade: grade.map_or("未定等次".to_string(), |g| g.label().to_string()),
            passed: grade.is_some_and(|g| g.is_pass()),
            vetoes: result
                .as_ref()
                .map(|r| {
                    r.vetoes
                        .iter()
                        .map(|v| format!("{} {}（{}）", v.item, v.text, v.level.label_zh()))
                        .collect()
                })
                .unwrap_or_default(),
            categories,
            findings: out_findings,
            remark: None,
            approved_by: None,
            approved_on: None,
        }
    }
}
