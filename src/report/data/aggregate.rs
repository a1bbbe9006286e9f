//! Completed files aggregated into departments, totals, problems and
//! categories, units graded and ranked by the standard's unit rule. Pure.

use super::*;
use crate::scoring::{self, round1};
use std::collections::BTreeMap;

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
            d.passed = u.rates.passed();
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
        totals.passed = overall.rates.passed();
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
            scope: Scope::default(),
            people: Vec::new(),
        }
    }
}
