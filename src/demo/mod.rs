//! Demo data: a seeded, deterministic generator of realistic case files for
//! one fictional city (清江市), with known defects, and a plan of reviewers'
//! work so the demo database looks mid-review.
//!
//! Determinism: every draw comes from ChaCha8 through our own sampling
//! (`rng.rs`), so a seed gives the same files on every machine and build.

mod dates;
mod defects;
mod departments;
mod generate;
mod people;
mod plan;
mod rng;
mod samples;
mod workdays;

pub use defects::Defect;
pub use departments::DEPARTMENTS;
pub use generate::GeneratedCase;
pub use people::id_check;
pub use plan::{PlannedFinding, PlannedReview, REVIEWERS, review_plan};
pub use samples::{SAMPLE_SEED, sample_files, write_samples};
pub use workdays::{add as add_workdays, between as workdays_between, is_workday};

use crate::model::CaseFile;
use rng::Rng;

/// How much to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct DemoSpec {
    pub departments: usize,
    pub files_per_department: usize,
    pub year: i32,
}

impl Default for DemoSpec {
    fn default() -> Self {
        DemoSpec {
            departments: 8,
            files_per_department: 30,
            year: 2024,
        }
    }
}

/// The demo files: per department about 80% 行政处罚, then 行政许可 and
/// 行政检查; about 45% of the 行政处罚 files clean, the rest with 1–3 defects.
pub fn generate(seed: u64, spec: &DemoSpec) -> Vec<GeneratedCase> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    for (k, dept) in DEPARTMENTS
        .iter()
        .cycle()
        .take(spec.departments)
        .enumerate()
    {
        let n = spec.files_per_department;
        let permits = n * 2 / 15;
        let inspections = n / 15;
        let penalties = n - permits - inspections;
        for i in 0..penalties {
            out.push(generate::penalty(
                &mut rng,
                k,
                dept,
                i as u32 + 1,
                spec.year,
            ));
        }
        for i in 0..permits {
            out.push(generate::permit(&mut rng, dept, i as u32 + 1, spec.year));
        }
        for i in 0..inspections {
            out.push(generate::inspection(
                &mut rng,
                k,
                dept,
                i as u32 + 1,
                spec.year,
            ));
        }
    }
    out
}

/// `n` files cheaply, over 100 departments (for benchmarks).
pub fn generate_bulk(seed: u64, n: usize) -> impl Iterator<Item = CaseFile> {
    let mut rng = Rng::new(seed);
    (0..n).map(move |i| {
        let k = i % 100;
        let dept = &DEPARTMENTS[k % DEPARTMENTS.len()];
        let mut g = generate::penalty(&mut rng, k, dept, (i / 100) as u32 + 1, 2024);
        g.case.case_no = format!("{}{}〔2024〕{}号", dept.penalty, k, i / 100 + 1);
        g.case.department = format!("{}（{k}）", dept.name);
        g.case
    })
}
