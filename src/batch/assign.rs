//! Assigning files to reviewers: balanced load, recusal (回避) never broken,
//! optional cross review (交叉评查) and two reviewers per file.

use crate::model::name_key;
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
    // Departments compared as normalised names: a trailing or zero-width
    // space never makes a reviewer's own department look like another.
    let units: Vec<String> = roster.iter().map(|r| name_key(&r.department)).collect();
    let mut depts: Vec<&str> = units.iter().map(String::as_str).collect();
    depts.sort();
    depts.dedup();
    let mut out = Vec::new();
    for (case_no, dept) in files {
        let unit = name_key(dept);
        let partner = if cross {
            cross_partner(&depts, &unit)
        } else {
            None
        };
        let mut chosen: Vec<usize> = Vec::new();
        for _ in 0..per_file.max(1) {
            let pick = (0..roster.len())
                .filter(|&i| units[i] != unit && !chosen.contains(&i))
                .filter(|&i| partner.is_none_or(|p| units[i] == p))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn reviewer(name: &str, department: &str) -> Reviewer {
        Reviewer {
            name: name.into(),
            department: department.into(),
            expertise: None,
        }
    }

    /// A trailing, ideographic or zero-width space in a reviewer's
    /// department never lets them review their own department's files.
    #[test]
    fn recusal_compares_normalised_departments() {
        let roster = [
            reviewer("王芳", "清江市交通运输局 "),
            reviewer("李强", "清江市交通\u{200B}运输局"),
            reviewer("赵敏", "\u{3000}清江市交通运输局\u{FEFF}"),
            reviewer("陈静", "清江市司法局"),
        ];
        let files: Vec<FileRef> = (1..=6)
            .map(|i| {
                (
                    format!("清交执罚〔2024〕{i}号"),
                    "清江市交通运输局".to_string(),
                )
            })
            .collect();
        let out = assign(&files, &roster, 1, false).unwrap();
        assert!(out.iter().all(|a| a.reviewer == "陈静"), "{out:?}");
        assert!(matches!(
            assign(&files, &roster, 2, false),
            Err(AssignError::NoEligible { .. })
        ));
    }
}
