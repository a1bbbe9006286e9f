//! Assigning files to reviewers: balanced load, recusal (回避) never broken,
//! optional cross review (交叉评查) and two reviewers per file.

use serde::Serialize;

/// A reviewer on the roster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reviewer {
    pub name: String,
    pub department: String,
    pub expertise: Option<String>,
}

/// A file to assign: (case number, its department).
pub type FileRef = (String, String);

/// One file given to one reviewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assigned {
    pub case_no: String,
    pub reviewer: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AssignError {
    /// No eligible reviewer for this file (all are of its department, or
    /// fewer eligible reviewers than asked per file).
    NoEligible { case_no: String, department: String },
}

/// Cross review: the departments that have reviewers form a ring in name
/// order, and each department's files go to the next department's reviewers.
fn cross_partner<'a>(depts: &'a [&'a str], of: &str) -> Option<&'a str> {
    let i = depts.iter().position(|d| *d == of)?;
    (depts.len() > 1).then(|| depts[(i + 1) % depts.len()])
}

/// Assigns each file to `per_file` distinct reviewers. A reviewer never gets
/// a file of their own department. Among eligible reviewers the least loaded
/// is chosen (ties by roster order), so loads differ by at most one where
/// eligibility allows. With `cross`, a department's files go to the
/// reviewers of its partner department in the ring (files of departments
/// without reviewers go to anyone eligible).
pub fn assign(
    files: &[FileRef],
    roster: &[Reviewer],
    per_file: usize,
    cross: bool,
) -> Result<Vec<Assigned>, AssignError> {
    let mut load = vec![0usize; roster.len()];
    let mut depts: Vec<&str> = roster.iter().map(|r| r.department.as_str()).collect();
    depts.sort();
    depts.dedup();
    let mut out = Vec::new();
    for (case_no, dept) in files {
        let partner = if cross {
            cross_partner(&depts, dept)
        } else {
            None
        };
        let mut chosen: Vec<usize> = Vec::new();
        for _ in 0..per_file.max(1) {
            let pick = (0..roster.len())
                .filter(|&i| roster[i].department != *dept && !chosen.contains(&i))
                .filter(|&i| partner.is_none_or(|p| roster[i].department == p))
                .min_by_key(|&i| (load[i], i));
            let Some(i) = pick else {
                return Err(AssignError::NoEligible {
                    case_no: case_no.clone(),
                    department: dept.clone(),
                });
            };
            load[i] += 1;
            chosen.push(i);
            out.push(Assigned {
                case_no: case_no.clone(),
                reviewer: roster[i].name.clone(),
            });
        }
    }
    Ok(out)
}
