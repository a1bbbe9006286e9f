//! Everything a reviewer sees of one file.

use super::Workspace;
use crate::error::{Error, Result};
use crate::model::{CaseFile, Finding, FindingStatus, ItemMark, ReviewStatus, Veto};
use crate::scoring::ScoreResult;
use serde::Serialize;

/// One checklist item as it stands for one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemView {
    pub id: String,
    pub category: String,
    pub text: String,
    pub points: f64,
    pub veto: Option<Veto>,
    pub basis: String,
    /// The item applies to this file (by its applies-when condition).
    pub applies: bool,
    /// 未查 / 符合 / 有问题 / 不适用.
    pub state: ItemMark,
    /// Indexes into [`CaseView::findings`] of this item's findings.
    pub findings: Vec<usize>,
}

/// A file, its review and its score.
#[derive(Debug, Clone, Serialize)]
pub struct CaseView {
    #[serde(flatten)]
    pub case: CaseFile,
    pub status: ReviewStatus,
    pub reviewer: Option<String>,
    /// The checklist that graded the file, if any applies to its kind.
    pub checklist: Option<String>,
    pub checklist_name: Option<String>,
    #[serde(flatten)]
    pub result: Option<ScoreResult>,
    pub findings: Vec<Finding>,
    #[serde(skip)]
    pub items: Vec<ItemView>,
    /// 评查意见, the leader's return remark, who submitted and approved.
    #[serde(flatten)]
    pub team: crate::store::ReviewTeamRow,
    /// Everyone who worked on the file.
    pub reviewers: Vec<String>,
    /// Ids of confirmed automatic findings recorded against an earlier
    /// version of the file that the checks no longer raise (the file was
    /// corrected since): kept, to be looked at again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub basis_changed: Vec<String>,
}

impl CaseView {
    pub fn suggested(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .filter(|f| f.status == FindingStatus::Suggested)
    }
}

impl Workspace {
    /// The whole file with its review in the current batch.
    pub fn case_view(&self, case_no: &str) -> Result<CaseView> {
        let db = self.store.db();
        let (id, case, hash) = db
            .load_case(case_no)?
            .ok_or_else(|| Error::UnknownCase(case_no.to_string()))?;
        let basis_changed = db
            .stale_confirmed(self.batch, id, &hash)?
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        let (status, reviewer) =
            db.review_status(self.batch, id)?
                .ok_or_else(|| Error::NotInBatch {
                    case_no: case_no.to_string(),
                })?;
        let findings = db.findings(self.batch, Some(id))?;
        let marks = db.marks(self.batch, id)?;
        let checklist = self.checklist_for(&case).ok();
        let result = checklist.map(|c| crate::scoring::score(c, &case, &findings));
        let items = checklist
            .map(|c| item_views(c, &case, &findings, &marks))
            .unwrap_or_default();
        let team = db.review_team(self.batch, id)?;
        let reviewers = db.file_reviewers(self.batch, id)?;
        Ok(CaseView {
            basis_changed,
            team,
            reviewers,
            status,
            reviewer,
            checklist: checklist.map(|c| c.id.clone()),
            checklist_name: checklist.map(|c| c.name.clone()),
            result,
            findings,
            items,
            case,
        })
    }
}

fn item_views(
    c: &crate::checklist::Checklist,
    case: &CaseFile,
    findings: &[Finding],
    marks: &[(String, ItemMark)],
) -> Vec<ItemView> {
    c.items
        .iter()
        .map(|it| {
            let applies = it.applies(case);
            let mine: Vec<usize> = findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.item == it.id && f.status != FindingStatus::Dismissed)
                .map(|(i, _)| i)
                .collect();
            let confirmed = mine
                .iter()
                .any(|&i| findings[i].status == FindingStatus::Confirmed);
            let mark = marks.iter().find(|(i, _)| *i == it.id).map(|(_, m)| *m);
            let state = if confirmed {
                ItemMark::Problem
            } else if !applies {
                ItemMark::NotApplicable
            } else {
                mark.unwrap_or(ItemMark::Unchecked)
            };
            ItemView {
                id: it.id.clone(),
                category: it.category.clone(),
                text: it.text.clone(),
                points: it.points,
                veto: it.veto,
                basis: it.basis.clone(),
                applies,
                state,
                findings: mine,
            }
        })
        .collect()
}
