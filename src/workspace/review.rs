//! A reviewer's work on one file: findings, item marks, completion.
//! Each call is one transaction that also rewrites the file's cached score.

use super::{Workspace, rescore};
use crate::checklist::DeductRule;
use crate::error::{Error, Result};
use crate::model::{CaseFile, Finding, FindingSource, FindingStatus, ItemMark, ReviewStatus};
use crate::store::FindingPatch;
use uuid::Uuid;

/// What a reviewer gave for a finding: a deduction, a count or an award.
#[derive(Debug, Clone, Copy, Default)]
struct Given {
    deduction: Option<f64>,
    count: Option<u32>,
    award: Option<f64>,
}

/// A problem to log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewFinding {
    pub case_no: String,
    pub item: String,
    /// For a judged or range item; defaults to the item's points (the
    /// range's top). Refused for per-occurrence and bonus items.
    pub deduction: Option<f64>,
    /// Occurrences (处数) for a per-occurrence item; defaults to 1.
    pub count: Option<u32>,
    /// Points awarded on a bonus item; defaults to the item's bonus.
    pub award: Option<f64>,
    pub note: String,
    pub page: Option<String>,
    pub reviewer: Option<String>,
}

impl Workspace {
    /// Records `reviewer` (when given) as the one making the next changes.
    pub fn act_as(&self, reviewer: Option<&str>) {
        if let Some(r) = reviewer.map(str::trim).filter(|r| !r.is_empty()) {
            self.store.set_actor(r);
        }
    }

    /// Loads a file of the current batch, refusing unknown files.
    pub(super) fn batch_case(&self, case_no: &str) -> Result<(i64, CaseFile, ReviewStatus)> {
        let (id, case, _) = self
            .store
            .db()
            .load_case(case_no)?
            .ok_or_else(|| Error::UnknownCase(case_no.to_string()))?;
        let (status, _) = self
            .store
            .db()
            .review_status(self.batch, id)?
            .ok_or_else(|| Error::NotInBatch {
                case_no: case_no.to_string(),
            })?;
        Ok((id, case, status))
    }

    pub(super) fn editable_case(&self, case_no: &str) -> Result<(i64, CaseFile)> {
        let (id, case, status) = self.batch_case(case_no)?;
        match status {
            ReviewStatus::Completed => return Err(Error::Completed(case_no.to_string())),
            ReviewStatus::PendingReview => {
                return Err(Error::PendingReview(case_no.to_string()));
            }
            _ => {}
        }
        Ok((id, case))
    }

    /// Checks an item and what the reviewer gave against the item's rule;
    /// returns the deduction (or award) to store and the count.
    fn validate_deduction(
        &self,
        case: &CaseFile,
        item: &str,
        given: Given,
    ) -> Result<(f64, Option<u32>)> {
        let (_, it) = self
            .find_item(Some(case), item)
            .ok_or_else(|| Error::UnknownItem(item.to_string()))?;
        if !it.applies(case) {
            return Err(Error::ItemNotApplicable {
                item: item.to_string(),
                case_no: case.case_no.clone(),
                reason: "按评查标准的适用条件，该项目不适用于此案卷；如确有问题请选择适用的项目"
                    .into(),
            });
        }
        let refuse = |message: String| Error::FindingRule {
            item: item.to_string(),
            wording: it.rule_wording(),
            message,
        };
        let n = crate::scoring::round1;
        let half_step =
            |d: f64| d.is_finite() && d >= 0.0 && ((d * 10.0).round() - d * 10.0).abs() < 1e-9;
        if given.count.is_some() && !matches!(it.rule, DeductRule::Each { .. }) {
            return Err(refuse("该项目不按处数扣分，不要填写处数（--count）".into()));
        }
        if given.award.is_some() && !it.is_bonus() {
            return Err(refuse("该项目不是加分项，不要填写加分（--award）".into()));
        }
        match it.rule {
            DeductRule::Each { amount } => {
                if given.deduction.is_some() {
                    return Err(refuse(format!(
                        "该项目按处扣分（每处扣{}分），扣分由处数算出：请用 --count 给出处数，不要用 --deduct",
                        n(amount)
                    )));
                }
                let count = given.count.unwrap_or(1);
                if count == 0 {
                    return Err(refuse("处数（--count）应为 1 或更大的整数".into()));
                }
                let d = amount * f64::from(count);
                Ok((n(it.cap().map_or(d, |c| d.min(c))), Some(count)))
            }
            DeductRule::Fixed { amount } => match given.deduction {
                Some(d) if (d - amount).abs() > 1e-9 => Err(refuse(format!(
                    "该项目扣分固定为 {} 分，无需填写扣分；请去掉 --deduct",
                    n(amount)
                ))),
                _ => Ok((amount, None)),
            },
            DeductRule::Judged { max } | DeductRule::Range { max, .. } => {
                let min = match it.rule {
                    DeductRule::Range { min, .. } => min,
                    _ => 0.0,
                };
                let d = given.deduction.unwrap_or(max);
                if !half_step(d) {
                    return Err(Error::BadDeduction(d));
                }
                if d > max + 1e-9 || d < min - 1e-9 {
                    if min == 0.0 {
                        return Err(Error::DeductionTooLarge {
                            item: item.to_string(),
                            points: max,
                            given: d,
                        });
                    }
                    return Err(refuse(format!(
                        "扣分 {d} 不在 {}—{} 分之间；请用 --deduct 给出该范围内的扣分",
                        n(min),
                        n(max)
                    )));
                }
                Ok((d, None))
            }
            DeductRule::Bonus { max } => {
                if given.deduction.is_some() {
                    return Err(refuse(format!(
                        "这是加分项（最多加 {} 分）：请用 --award 给出加分，不要用 --deduct",
                        n(max)
                    )));
                }
                let a = given.award.unwrap_or(max);
                if !half_step(a) || a > max + 1e-9 {
                    return Err(refuse(format!("加分 {a} 无效：应在 0—{} 分之间", n(max))));
                }
                Ok((a, None))
            }
        }
    }

    /// Logs a confirmed manual finding.
    pub fn add_finding(&mut self, new: NewFinding) -> Result<Finding> {
        plain_text("问题描述", Some(&new.note), true)?;
        plain_text("页码", new.page.as_deref(), false)?;
        plain_text("评查人员", new.reviewer.as_deref(), false)?;
        let (id, case) = self.editable_case(&new.case_no)?;
        self.act_as(new.reviewer.as_deref());
        let given = Given {
            deduction: new.deduction,
            count: new.count,
            award: new.award,
        };
        let (deduction, count) = self.validate_deduction(&case, &new.item, given)?;
        let now = chrono::Utc::now();
        let f = Finding {
            id: Uuid::now_v7(),
            case_no: case.case_no.clone(),
            item: new.item,
            deduction,
            note: new.note.trim().to_string(),
            page: new
                .page
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty()),
            reviewer: new
                .reviewer
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty()),
            status: FindingStatus::Confirmed,
            source: FindingSource::Manual,
            rule: None,
            basis: None,
            created_at: now,
            updated_at: now,
            count,
        };
        let tx = self.store.tx()?;
        tx.db().insert_finding(self.batch, id, &f, None)?;
        tx.db()
            .touch_review(self.batch, id, f.reviewer.as_deref())?;
        rescore(&self.grading, self.batch, tx.db(), id, &case)?;
        tx.commit()?;
        Ok(f)
    }

    fn finding_case(&self, id: &Uuid) -> Result<(i64, CaseFile, Finding)> {
        let (batch, case_id, f) = self
            .store
            .db()
            .finding(id)?
            .filter(|(b, _, _)| *b == self.batch)
            .ok_or_else(|| Error::UnknownFinding(id.to_string()))?;
        let _ = (batch, case_id);
        let (cid, case) = self.editable_case(&f.case_no)?;
        Ok((cid, case, f))
    }

    /// Parses a finding id as a user typed it: a full UUID, or at least 8 of
    /// its hex digits from the start or from the end (as `show` prints them),
    /// matching exactly one finding of the batch.
    pub fn resolve_finding_id(&self, text: &str) -> Result<Uuid> {
        if let Ok(u) = Uuid::parse_str(text.trim()) {
            return Ok(u);
        }
        let t: String = text
            .trim()
            .chars()
            .filter(|c| *c != '-')
            .collect::<String>()
            .to_ascii_lowercase();
        if t.len() >= 8 && t.chars().all(|c| c.is_ascii_hexdigit()) {
            let all = self.store.db().findings(self.batch, None)?;
            let hits: Vec<_> = all
                .iter()
                .filter(|f| {
                    let hex = f.id.simple().to_string();
                    hex.starts_with(&t) || hex.ends_with(&t)
                })
                .collect();
            match hits.len() {
                1 => return Ok(hits[0].id),
                0 => {}
                n => {
                    return Err(Error::AmbiguousFinding {
                        text: text.to_string(),
                        count: n,
                    });
                }
            }
        }
        Err(Error::UnknownFinding(text.to_string()))
    }

    /// Edits a finding (item, deduction, note, page, reviewer, status).
    pub fn edit_finding(&mut self, id: &Uuid, mut patch: FindingPatch) -> Result<Finding> {
        plain_text("问题描述", patch.note.as_deref(), true)?;
        plain_text("页码", patch.page.clone().flatten().as_deref(), false)?;
        plain_text(
            "评查人员",
            patch.reviewer.clone().flatten().as_deref(),
            false,
        )?;
        let (case_id, case, old) = self.finding_case(id)?;
        self.act_as(patch.reviewer.clone().flatten().as_deref());
        let item = patch.item.clone().unwrap_or_else(|| old.item.clone());
        if patch.item.is_some() || patch.deduction.is_some() || patch.count.is_some() {
            let rule = self.find_item(Some(&case), &item).map(|(_, i)| i.rule);
            // The old amount carries over only where the rule takes one.
            let given = match rule {
                Some(DeductRule::Each { .. }) => Given {
                    count: patch.count.flatten().or(old.count),
                    ..Given::default()
                },
                Some(DeductRule::Fixed { .. }) => Given::default(),
                Some(DeductRule::Bonus { .. }) => Given {
                    award: patch.deduction.or(Some(old.deduction)),
                    ..Given::default()
                },
                _ => Given {
                    deduction: patch.deduction.or(Some(old.deduction)),
                    ..Given::default()
                },
            };
            let (d, count) = self.validate_deduction(&case, &item, given)?;
            patch.deduction = Some(d);
            patch.count = Some(count);
        }
        let tx = self.store.tx()?;
        let f = tx.db().update_finding(id, &patch)?;
        let reviewer = patch.reviewer.clone().flatten();
        tx.db()
            .touch_review(self.batch, case_id, reviewer.as_deref())?;
        rescore(&self.grading, self.batch, tx.db(), case_id, &case)?;
        tx.commit()?;
        Ok(f)
    }

    /// 确认 a suggestion (or any finding).
    pub fn confirm(&mut self, id: &Uuid, reviewer: Option<&str>) -> Result<Finding> {
        self.set_status(id, FindingStatus::Confirmed, reviewer)
    }

    /// Undoes a 驳回: the finding is a suggestion waiting again.
    pub fn restore_suggestion(&mut self, id: &Uuid, reviewer: Option<&str>) -> Result<Finding> {
        self.set_status(id, FindingStatus::Suggested, reviewer)
    }

    /// 驳回 a suggestion.
    pub fn dismiss(&mut self, id: &Uuid, reviewer: Option<&str>) -> Result<Finding> {
        self.set_status(id, FindingStatus::Dismissed, reviewer)
    }

    fn set_status(
        &mut self,
        id: &Uuid,
        status: FindingStatus,
        reviewer: Option<&str>,
    ) -> Result<Finding> {
        let patch = FindingPatch {
            status: Some(status),
            reviewer: reviewer.map(|r| Some(r.to_string())),
            ..Default::default()
        };
        self.edit_finding(id, patch)
    }

    /// Removes a finding.
    pub fn remove_finding(&mut self, id: &Uuid) -> Result<()> {
        let (case_id, case, _) = self.finding_case(id)?;
        let tx = self.store.tx()?;
        tx.db().delete_finding(id)?;
        rescore(&self.grading, self.batch, tx.db(), case_id, &case)?;
        tx.commit()?;
        Ok(())
    }

    /// Marks an item 符合 / 不适用 (or clears it with 未查).
    pub fn set_mark(
        &mut self,
        case_no: &str,
        item: &str,
        mark: ItemMark,
        reviewer: Option<&str>,
    ) -> Result<()> {
        let (id, case) = self.editable_case(case_no)?;
        self.act_as(reviewer);
        self.find_item(Some(&case), item)
            .ok_or_else(|| Error::UnknownItem(item.to_string()))?;
        let tx = self.store.tx()?;
        tx.db().set_mark(self.batch, id, item, mark, reviewer)?;
        tx.db().touch_review(self.batch, id, reviewer)?;
        tx.commit()?;
        Ok(())
    }

    /// 完成评查 (or, with `reopen`, back to 评查中). In a batch with leaders
    /// this submits the file for 复核 (checked as [`Workspace::submit`]
    /// checks); without leaders it completes the file as it always has.
    pub fn complete(
        &mut self,
        case_no: &str,
        reopen: bool,
        reviewer: Option<&str>,
    ) -> Result<ReviewStatus> {
        self.complete_with(case_no, reopen, reviewer, None)
    }

    /// [`Workspace::complete`] with a reason that overrides the quality warnings.
    pub fn complete_with(
        &mut self,
        case_no: &str,
        reopen: bool,
        reviewer: Option<&str>,
        override_reason: Option<&str>,
    ) -> Result<ReviewStatus> {
        let (_, _, status) = self.batch_case(case_no)?;
        let gate = self.team()?.has_review();
        // As scripts have always had it: reopening an open file and
        // completing a completed one change nothing.
        match (reopen, status) {
            (true, ReviewStatus::NotStarted | ReviewStatus::InProgress) => return Ok(status),
            (true, _) => return self.reopen(case_no, reviewer),
            (false, ReviewStatus::Completed) if !gate => return Ok(status),
            _ => {}
        }
        Ok(self
            .submit_gated(case_no, reviewer, override_reason, gate)?
            .status)
    }
}

/// The longest text a note, remark or opinion may hold (characters).
pub const MAX_TEXT_CHARS: usize = 20_000;
/// The longest one-line text (a name, a page, a department).
pub const MAX_LINE_CHARS: usize = 1_000;

/// Refuses text holding a control character (an escape sequence or NUL
/// pasted in): it would be stored and shown where it does not belong, and
/// text longer than the limits above.
pub(super) fn plain_text(field: &'static str, text: Option<&str>, multiline: bool) -> Result<()> {
    let max = if multiline {
        MAX_TEXT_CHARS
    } else {
        MAX_LINE_CHARS
    };
    if let Some(t) = text
        && t.len() > max
        && t.chars().count() > max
    {
        return Err(Error::TextTooLong {
            field,
            chars: t.chars().count(),
            max,
        });
    }
    match text.and_then(|t| crate::model::control_char(t, multiline)) {
        Some((at, c)) => Err(Error::ControlChar {
            field,
            at: at + 1,
            code: c as u32,
        }),
        None => Ok(()),
    }
}
