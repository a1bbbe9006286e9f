//! The reviewer roster, assignment with recusal, and disagreements between
//! two reviewers of the same file (for 复核).

use super::Workspace;
use crate::batch::assign::{self, AssignError, Assigned, Reviewer};
use crate::error::{Error, Result};
use crate::model::FindingStatus;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where two reviewers of one file disagree on an item.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    pub case_no: String,
    pub item: String,
    /// Each reviewer's confirmed deduction on the item (0 when none).
    pub deductions: Vec<(String, f64)>,
}

/// One file of the batch and a reviewer it is assigned to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assignment {
    pub case_no: String,
    pub department: String,
    pub reviewer: String,
}

impl Workspace {
    /// Adds (or updates) a reviewer; name and department are stored
    /// normalised (trimmed, NFC, invisible characters removed).
    /// Adds (or updates) a reviewer; returns the row as stored (names
    /// normalised).
    pub fn add_reviewer(&mut self, mut r: Reviewer) -> Result<Reviewer> {
        r.name = crate::model::normalise_name(&r.name);
        r.department = crate::model::normalise_name(&r.department);
        if r.name.is_empty() || r.department.is_empty() {
            return Err(Error::EmptyReviewer);
        }
        super::review::plain_text("评查人员姓名", Some(&r.name), false)?;
        super::review::plain_text("评查人员所在单位", Some(&r.department), false)?;
        let tx = self.store.tx()?;
        tx.db().upsert_reviewer(&r)?;
        tx.commit()?;
        Ok(r)
    }

    pub fn reviewers(&self) -> Result<Vec<Reviewer>> {
        Ok(self.store.db().reviewers()?)
    }

    /// The public key registered for a reviewer (hex), if any.
    pub fn reviewer_public_key(&self, name: &str) -> Result<Option<String>> {
        Ok(self
            .store
            .db()
            .reviewer_record(name)?
            .and_then(|(_, key)| key))
    }

    /// Assigns every file of the batch anew; returns (case number, reviewer).
    pub fn assign(&mut self, per_file: usize, cross: bool) -> Result<Vec<Assigned>> {
        let roster = self.reviewers()?;
        if roster.is_empty() {
            return Err(Error::EmptyRoster);
        }
        let rows = self.store.db().case_rows(self.batch, None)?;
        let files: Vec<(String, String)> = rows
            .iter()
            .map(|r| (r.case_no.clone(), r.department.clone()))
            .collect();
        let plan = assign::assign(&files, &roster, per_file, cross).map_err(|e| match e {
            AssignError::NoEligible {
                case_no,
                department,
            } => Error::NoEligibleReviewer {
                case_no,
                department,
            },
        })?;
        let ids: BTreeMap<&str, i64> = rows.iter().map(|r| (r.case_no.as_str(), r.id)).collect();
        let tx = self.store.tx()?;
        tx.db().clear_assignments(self.batch)?;
        for a in &plan {
            if let Some(id) = ids.get(a.case_no.as_str()) {
                tx.db().insert_assignment(self.batch, *id, &a.reviewer)?;
            }
        }
        tx.commit()?;
        Ok(plan)
    }

    /// Who reviews which file of the batch.
    pub fn assignments(&self) -> Result<Vec<Assignment>> {
        Ok(self
            .store
            .db()
            .assignments(self.batch)?
            .into_iter()
            .map(|(case_no, department, reviewer)| Assignment {
                case_no,
                department,
                reviewer,
            })
            .collect())
    }

    /// Items on which the reviewers assigned to a file disagree.
    pub fn disagreements(&self) -> Result<Vec<Disagreement>> {
        let mut by_case: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for a in self.assignments()? {
            by_case.entry(a.case_no).or_default().push(a.reviewer);
        }
        let mut out = Vec::new();
        for (no, reviewers) in by_case.into_iter().filter(|(_, r)| r.len() > 1) {
            let Some(id) = self.store.db().case_id(&no)? else {
                continue;
            };
            let findings = self.store.db().findings(self.batch, Some(id))?;
            let mut items: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
            for f in findings
                .iter()
                .filter(|f| f.status == FindingStatus::Confirmed)
            {
                let who = f.reviewer.clone().unwrap_or_default();
                if reviewers.contains(&who) {
                    *items
                        .entry(f.item.clone())
                        .or_default()
                        .entry(who)
                        .or_default() += f.deduction;
                }
            }
            for (item, per) in items {
                let deductions: Vec<(String, f64)> = reviewers
                    .iter()
                    .map(|r| (r.clone(), per.get(r).copied().unwrap_or(0.0)))
                    .collect();
                if deductions.windows(2).any(|w| w[0].1 != w[1].1) {
                    out.push(Disagreement {
                        case_no: no.clone(),
                        item,
                        deductions,
                    });
                }
            }
        }
        Ok(out)
    }
}
