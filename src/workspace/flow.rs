//! The team's review through the workspace: submit, approve, return,
//! reopen; the batch's leaders; the 评查意见; who must fix a problem; the
//! quality checks on a review before it is submitted.

use super::{CaseView, Workspace, rescore};
use crate::error::{Error, Result};
use crate::model::workflow::{self, ReviewAction, ReviewState, Team};
use crate::model::{FindingStatus, ItemMark, ReviewStatus};
use crate::store::{NewStep, ReviewTeamRow};
use serde::Serialize;
use uuid::Uuid;

/// One thing the quality check found on a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReviewWarning {
    /// `no_note`, `no_page`, `pending_suggestions`, `unchecked_items`, `veto_no_note`.
    pub code: &'static str,
    pub item: Option<String>,
    pub message: String,
}

/// The quality check of one file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewCheck {
    pub case_no: String,
    pub status: ReviewStatus,
    pub warnings: Vec<ReviewWarning>,
}

/// What a step did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepOutcome {
    pub case_no: String,
    pub status: ReviewStatus,
    /// The warnings overridden (with the reason given) on submit.
    pub warnings: Vec<ReviewWarning>,
}

/// The checks on a review itself: a deduction with no note, a confirmed
/// problem with no page, suggestions still unhandled, items left 未查 (with
/// how many), a veto confirmed without a note.
pub fn quality_warnings(v: &CaseView) -> Vec<ReviewWarning> {
    let mut out = Vec::new();
    let veto_item = |item: &str| v.items.iter().any(|it| it.id == item && it.veto.is_some());
    for f in v
        .findings
        .iter()
        .filter(|f| f.status == FindingStatus::Confirmed)
    {
        let blank = f.note.trim().is_empty();
        if blank && veto_item(&f.item) {
            out.push(ReviewWarning {
                code: "veto_no_note",
                item: Some(f.item.clone()),
                message: format!("{}：确认了否决项，但没有写问题描述", f.item),
            });
        } else if blank && f.deduction > 0.0 {
            out.push(ReviewWarning {
                code: "no_note",
                item: Some(f.item.clone()),
                message: format!(
                    "{}：扣 {} 分，但没有写问题描述",
                    f.item,
                    points(f.deduction)
                ),
            });
        }
        if f.page.as_deref().is_none_or(|p| p.trim().is_empty()) {
            out.push(ReviewWarning {
                code: "no_page",
                item: Some(f.item.clone()),
                message: format!("{}：确认的问题没有注明页码", f.item),
            });
        }
    }
    let pending = v.suggested().count();
    if pending > 0 {
        out.push(ReviewWarning {
            code: "pending_suggestions",
            item: None,
            message: format!("尚有 {pending} 条建议问题未处理（确认或驳回）"),
        });
    }
    let unchecked: Vec<&str> = v
        .items
        .iter()
        .filter(|it| it.applies && it.state == ItemMark::Unchecked)
        .map(|it| it.id.as_str())
        .collect();
    if !unchecked.is_empty() {
        let mut list = unchecked
            .iter()
            .take(5)
            .copied()
            .collect::<Vec<_>>()
            .join("、");
        if unchecked.len() > 5 {
            list.push_str(" 等");
        }
        out.push(ReviewWarning {
            code: "unchecked_items",
            item: None,
            message: format!("尚有 {} 个项目未查（{list}）", unchecked.len()),
        });
    }
    out
}

fn points(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn clean(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

impl Workspace {
    /// The batch's leaders and whether they may approve their own files.
    pub fn team(&self) -> Result<Team> {
        let (leaders, allow_self_approval) = self.store.db().batch_team(self.batch)?;
        Ok(Team {
            leaders,
            allow_self_approval,
        })
    }

    /// Names the batch's leaders (an empty list turns 复核 off) and whether
    /// self-approval is allowed; `None` leaves a part as it is.
    pub fn set_team(&mut self, leaders: Option<&[String]>, allow: Option<bool>) -> Result<()> {
        let tx = self.store.tx()?;
        tx.db().set_batch_team(self.batch, leaders, allow)?;
        tx.commit()?;
        Ok(())
    }

    /// The quality check of one file of the batch.
    pub fn review_check(&self, case_no: &str) -> Result<ReviewCheck> {
        let v = self.case_view(case_no)?;
        Ok(ReviewCheck {
            case_no: v.case.case_no.clone(),
            status: v.status,
            warnings: quality_warnings(&v),
        })
    }

    /// The quality check of every file of the batch being reviewed or
    /// waiting for 复核 (what `review-check` without a case shows).
    pub fn review_checks(&self) -> Result<Vec<ReviewCheck>> {
        let rows = self.store.db().case_rows(self.batch, None)?;
        let mut out = Vec::new();
        for r in rows.iter().filter(|r| {
            matches!(
                r.status,
                ReviewStatus::InProgress | ReviewStatus::PendingReview
            )
        }) {
            let c = self.review_check(&r.case_no)?;
            if !c.warnings.is_empty() {
                out.push(c);
            }
        }
        Ok(out)
    }

    fn review_state(&self, case_id: i64, status: ReviewStatus) -> Result<ReviewState> {
        Ok(ReviewState {
            status,
            reviewers: self.store.db().file_reviewers(self.batch, case_id)?,
        })
    }

    /// The reviewer hands the file in: to 待复核 when the batch has leaders,
    /// else straight to 已完成. The quality warnings refuse it unless
    /// `override_reason` says why they stand (or `gate` is off: the plain
    /// `complete` of a batch without 复核, as scripts have always used it).
    pub fn submit(
        &mut self,
        case_no: &str,
        reviewer: Option<&str>,
        override_reason: Option<&str>,
    ) -> Result<StepOutcome> {
        self.submit_gated(case_no, reviewer, override_reason, true)
    }

    pub(super) fn submit_gated(
        &mut self,
        case_no: &str,
        reviewer: Option<&str>,
        override_reason: Option<&str>,
        gate: bool,
    ) -> Result<StepOutcome> {
        let reviewer = clean(reviewer);
        let override_reason = clean(override_reason);
        let (id, case, status) = self.batch_case(case_no)?;
        let team = self.team()?;
        let state = self.review_state(id, status)?;
        let to = workflow::transition(&state, &ReviewAction::Submit, reviewer, &team)
            .map_err(|r| Error::Refused(r.to_string()))?;
        let warnings = quality_warnings(&self.case_view(case_no)?);
        if gate && !warnings.is_empty() && override_reason.is_none() {
            return Err(Error::ReviewWarnings {
                case_no: case.case_no.clone(),
                warnings: warnings.iter().map(|w| w.message.clone()).collect(),
            });
        }
        self.act_as(reviewer);
        let mut t = self.store.db().review_team(self.batch, id)?;
        t.submitted_by = reviewer.map(str::to_string).or(t.submitted_by);
        if to == ReviewStatus::Completed {
            t.approved_by = None;
            t.approved_at = None;
        }
        let tx = self.store.tx()?;
        tx.db().set_review_status(self.batch, id, to, reviewer)?;
        tx.db().set_review_team(self.batch, id, &t)?;
        tx.db().insert_review_step(
            self.batch,
            id,
            &NewStep {
                action: ReviewAction::Submit.label(),
                actor: reviewer,
                remark: None,
                override_reason: override_reason.filter(|_| !warnings.is_empty()),
                status: to,
            },
        )?;
        rescore(&self.grading, self.batch, tx.db(), id, &case)?;
        tx.commit()?;
        // Completing or reopening scores the file by the current version.
        self.pinned.remove(&case.case_no);
        Ok(StepOutcome {
            case_no: case.case_no,
            status: to,
            warnings,
        })
    }

    /// The leader approves a file waiting for 复核: it is 已完成 and counts.
    pub fn approve(
        &mut self,
        case_no: &str,
        by: &str,
        remark: Option<&str>,
    ) -> Result<StepOutcome> {
        let remark = clean(remark).map(str::to_string);
        self.leader_step(case_no, by, ReviewAction::Approve { remark })
    }

    /// The leader returns a file to 评查中 with what to correct.
    pub fn return_file(&mut self, case_no: &str, by: &str, remark: &str) -> Result<StepOutcome> {
        super::review::plain_text("退回意见", Some(remark), true)?;
        self.leader_step(
            case_no,
            by,
            ReviewAction::Return {
                remark: remark.trim().to_string(),
            },
        )
    }

    fn leader_step(
        &mut self,
        case_no: &str,
        by: &str,
        action: ReviewAction,
    ) -> Result<StepOutcome> {
        let by = by.trim();
        let (id, case, status) = self.batch_case(case_no)?;
        let team = self.team()?;
        let state = self.review_state(id, status)?;
        let to = workflow::transition(&state, &action, Some(by), &team)
            .map_err(|r| Error::Refused(r.to_string()))?;
        self.act_as(Some(by));
        let mut t = self.store.db().review_team(self.batch, id)?;
        let remark = match &action {
            ReviewAction::Approve { remark } => {
                t.approved_by = Some(by.to_string());
                t.approved_at = Some(crate::store::now_rfc3339());
                t.return_remark = None;
                remark.clone()
            }
            ReviewAction::Return { remark } => {
                t.return_remark = Some(remark.clone());
                Some(remark.clone())
            }
            _ => None,
        };
        let tx = self.store.tx()?;
        tx.db().set_review_status(self.batch, id, to, None)?;
        tx.db().set_review_team(self.batch, id, &t)?;
        tx.db().insert_review_step(
            self.batch,
            id,
            &NewStep {
                action: action.label(),
                actor: Some(by),
                remark: remark.as_deref(),
                override_reason: None,
                status: to,
            },
        )?;
        tx.commit()?;
        Ok(StepOutcome {
            case_no: case.case_no,
            status: to,
            warnings: Vec::new(),
        })
    }

    /// Back to 评查中 from 已完成 or 待复核; the approval is withdrawn.
    pub(super) fn reopen(&mut self, case_no: &str, reviewer: Option<&str>) -> Result<ReviewStatus> {
        let reviewer = clean(reviewer);
        let (id, case, status) = self.batch_case(case_no)?;
        let state = self.review_state(id, status)?;
        let to = workflow::transition(&state, &ReviewAction::Reopen, reviewer, &self.team()?)
            .map_err(|r| Error::Refused(r.to_string()))?;
        self.act_as(reviewer);
        let mut t = self.store.db().review_team(self.batch, id)?;
        t.approved_by = None;
        t.approved_at = None;
        let tx = self.store.tx()?;
        tx.db().set_review_status(self.batch, id, to, reviewer)?;
        tx.db().set_review_team(self.batch, id, &t)?;
        tx.db().insert_review_step(
            self.batch,
            id,
            &NewStep {
                action: ReviewAction::Reopen.label(),
                actor: reviewer,
                remark: None,
                override_reason: None,
                status: to,
            },
        )?;
        rescore(&self.grading, self.batch, tx.db(), id, &case)?;
        tx.commit()?;
        // Completing or reopening scores the file by the current version.
        self.pinned.remove(&case.case_no);
        Ok(to)
    }

    /// Marks several items at once, in one transaction.
    pub fn set_marks(
        &mut self,
        case_no: &str,
        items: &[String],
        mark: ItemMark,
        reviewer: Option<&str>,
    ) -> Result<()> {
        let (id, case) = self.editable_case(case_no)?;
        let reviewer = clean(reviewer);
        self.act_as(reviewer);
        for item in items {
            self.find_item(Some(&case), item)
                .ok_or_else(|| Error::UnknownItem(item.to_string()))?;
        }
        let tx = self.store.tx()?;
        for item in items {
            tx.db().set_mark(self.batch, id, item, mark, reviewer)?;
        }
        tx.db().touch_review(self.batch, id, reviewer)?;
        tx.commit()?;
        Ok(())
    }

    /// Sets the file's 评查意见 (empty clears it).
    pub fn set_remark(
        &mut self,
        case_no: &str,
        remark: &str,
        reviewer: Option<&str>,
    ) -> Result<()> {
        super::review::plain_text("评查意见", Some(remark), true)?;
        let (id, _) = self.editable_case(case_no)?;
        self.act_as(clean(reviewer));
        let tx = self.store.tx()?;
        tx.db()
            .set_review_remark(self.batch, id, clean(Some(remark)))?;
        tx.db().touch_review(self.batch, id, clean(reviewer))?;
        // The step records the remark in the audit trail.
        tx.db().insert_review_step(
            self.batch,
            id,
            &NewStep {
                action: "评查意见",
                actor: clean(reviewer),
                remark: clean(Some(remark)),
                override_reason: None,
                status: ReviewStatus::InProgress,
            },
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Names who must fix a problem (整改主体; empty: the department).
    pub fn set_rectifier(&mut self, finding: &Uuid, rectifier: &str) -> Result<()> {
        let (batch, _, f) = self
            .store
            .db()
            .finding(finding)?
            .filter(|(b, _, _)| *b == self.batch)
            .ok_or_else(|| Error::UnknownFinding(finding.to_string()))?;
        let _ = batch;
        self.editable_case(&f.case_no)?;
        let tx = self.store.tx()?;
        tx.db().set_rectifier(finding, clean(Some(rectifier)))?;
        tx.commit()?;
        Ok(())
    }

    /// The team fields of a file's review.
    pub fn review_team(&self, case_no: &str) -> Result<ReviewTeamRow> {
        let (id, _, _) = self.batch_case(case_no)?;
        Ok(self.store.db().review_team(self.batch, id)?)
    }

    /// Everyone who worked on a file (the score sheet's 评查人员).
    pub fn file_reviewers(&self, case_no: &str) -> Result<Vec<String>> {
        let (id, _, _) = self.batch_case(case_no)?;
        Ok(self.store.db().file_reviewers(self.batch, id)?)
    }

    /// A value remembered in the database (the TUI's reviewer name).
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self.store.db().setting(key)?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let tx = self.store.tx()?;
        tx.db().set_setting(key, value)?;
        tx.commit()?;
        Ok(())
    }
}
