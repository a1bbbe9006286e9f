//! Completed files aggregated into departments, totals, problems and
//! categories. Pure.

use super::*;
use crate::model::Grade;
use crate::scoring::round1;
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
        findings: 0,
        deducted: 0.0,
        file_indices: Vec::new(),
    }
}

fn rate(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        ((n as f64 / of as f64) * 10000.0).round() / 10000.0
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
        let mut score_sum = 0.0;
        for (i, f) in files.iter().enumerate() {
            let at = match departments.iter().position(|d| d.name == f.department) {
                Some(at) => at,
                None => {
                    departments.push(DepartmentReport {
                        name: f.department.clone(),
                        files: 1,
                        ..departments_template()
                    });
                    totals.departments += 1;
                    totals.files += 1;
                    departments.len() - 1
                }
            };
            let d = &mut departments[at];
            d.file_indices.push(i);
            d.reviewed += 1;
            let grade = Grade::parse(&f.grade);
            match grade {
                Some(Grade::Excellent) => {
                    d.excellent += 1;
                    totals.excellent += 1
                }
                Some(Grade::Good) => {
                    d.good += 1;
                    totals.good += 1
                }
                Some(Grade::Pass) => {
                    d.pass += 1;
                    totals.pass += 1
                }
                Some(Grade::Fail) | None => {
                    d.fail += 1;
                    totals.fail += 1
                }
            }
            if f.passed {
                d.passed += 1;
                totals.passed += 1;
            }
            let ded: f64 = f.total - f.score;
            d.findings += f.findings.len();
            d.deducted += ded;
            d.average_score = Some(d.average_score.unwrap_or(0.0) + f.score);
            totals.findings += f.findings.len();
            totals.deducted += ded;
            score_sum += f.score;
        }
        totals.reviewed = files.len();
        for d in &mut departments {
            d.pass_rate = rate(d.passed, d.reviewed);
            d.excellent_rate = rate(d.excellent, d.reviewed);
            d.average_score = d.average_score.map(|s| round1(s / d.reviewed as f64));
            d.deducted = round1(d.deducted);
        }
        totals.pass_rate = rate(totals.passed, totals.reviewed);
        totals.excellent_rate = rate(totals.excellent, totals.reviewed);
        totals.average_score =
            (totals.reviewed > 0).then(|| round1(score_sum / totals.reviewed as f64));
        totals.deducted = round1(totals.deducted);
        departments.sort_by(|a, b| {
            (b.reviewed > 0)
                .cmp(&(a.reviewed > 0))
                .then(b.pass_rate.total_cmp(&a.pass_rate))
                .then(
                    b.average_score
                        .unwrap_or(0.0)
                        .total_cmp(&a.average_score.unwrap_or(0.0)),
                )
                .then(a.name.cmp(&b.name))
        });
        for (i, d) in departments.iter_mut().enumerate() {
            d.rank = i + 1;
        }

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
            scope: Scope::default(),
            people: Vec::new(),
        }
    }
}
