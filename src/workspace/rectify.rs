//! Rectification follow-up (整改): notices issued with a due date, the
//! department's response, a reviewer's verification (核验) or rejection.

use super::Workspace;
use crate::error::{Error, Result};
use crate::store::RectificationRow;
use chrono::NaiveDate;

/// Statuses of a rectification.
pub const OPEN: &[&str] = &["待整改", "已反馈", "已退回"];

impl Workspace {
    /// Records that the notice went to a department, due `due_days` after `issued`.
    pub fn issue_rectification(
        &mut self,
        department: &str,
        doc_no: Option<&str>,
        issued: NaiveDate,
        due_days: i64,
    ) -> Result<()> {
        super::review::plain_text("部门", Some(department), false)?;
        super::review::plain_text("文号", doc_no, false)?;
        let known = self.store.db().case_rows(self.batch, Some(department))?;
        if known.is_empty() {
            return Err(Error::NoFilesOfDepartment(department.to_string()));
        }
        if !(1..=365).contains(&due_days) {
            return Err(Error::OutOfRange {
                what: "整改期限（--days）",
                value: due_days.to_string(),
                range: "1 至 365 天之间",
            });
        }
        plausible_date("发文日期（--date）", issued)?;
        let due = issued + chrono::Duration::days(due_days);
        let tx = self.store.tx()?;
        tx.db().issue_rectification(
            self.batch,
            department,
            doc_no,
            &issued.to_string(),
            &due.to_string(),
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn rectifications(&self) -> Result<Vec<RectificationRow>> {
        Ok(self.store.db().rectifications(self.batch)?)
    }

    /// Open rectifications, and of them those past due on `today`.
    pub fn open_rectifications(
        &self,
        today: NaiveDate,
    ) -> Result<(Vec<RectificationRow>, Vec<RectificationRow>)> {
        let open: Vec<_> = self
            .rectifications()?
            .into_iter()
            .filter(|r| OPEN.contains(&r.status.as_str()))
            .collect();
        let overdue = open
            .iter()
            .filter(|r| r.status != "已反馈" && r.due.as_str() < today.to_string().as_str())
            .cloned()
            .collect();
        Ok((open, overdue))
    }

    fn rect(&self, id: i64) -> Result<RectificationRow> {
        self.store
            .db()
            .rectification_by_id(id)?
            .ok_or(Error::UnknownRecord {
                what: "整改记录",
                id,
                list: "pingcha rectify list",
            })
    }

    /// Records the department's response.
    pub fn respond_rectification(
        &mut self,
        id: i64,
        date: NaiveDate,
        text: &str,
        attachments: &[String],
    ) -> Result<()> {
        super::review::plain_text("整改反馈", Some(text), true)?;
        plausible_date("反馈日期（--date）", date)?;
        for a in attachments {
            super::review::plain_text("整改佐证材料", Some(a), false)?;
        }
        let r = self.rect(id)?;
        if r.status == "已核验" {
            return Err(Error::RectificationVerified(r.department));
        }
        let tx = self.store.tx()?;
        tx.db()
            .respond_rectification(id, &date.to_string(), text, attachments)?;
        tx.commit()?;
        Ok(())
    }

    /// 核验 (accept) or 退回 (reject) a response.
    pub fn close_rectification(
        &mut self,
        id: i64,
        accept: bool,
        verifier: &str,
        remark: Option<&str>,
    ) -> Result<()> {
        super::review::plain_text("核验人", Some(verifier), false)?;
        super::review::plain_text("核验意见", remark, true)?;
        let r = self.rect(id)?;
        if r.status != "已反馈" {
            return Err(Error::NothingToVerify {
                department: r.department,
                status: r.status,
            });
        }
        self.act_as(Some(verifier));
        let tx = self.store.tx()?;
        tx.db().close_rectification(
            id,
            if accept { "已核验" } else { "已退回" },
            verifier,
            remark,
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// A date a clerk types: its year within 1900–2100, as the interchange
/// format's dates are.
fn plausible_date(what: &'static str, d: NaiveDate) -> Result<()> {
    if (1900..=2100).contains(&chrono::Datelike::year(&d)) {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            what,
            value: d.to_string(),
            range: "1900 至 2100 年之间",
        })
    }
}
