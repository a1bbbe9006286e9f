//! The team's review (复核): a batch's leaders, each file's remarks and
//! approval, the steps taken, who must fix each problem, and small settings
//! remembered per database.

use super::{Db, Result, TxDb, now};
use crate::model::ReviewStatus;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use uuid::Uuid;

/// The team fields of one file's review.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReviewTeamRow {
    /// 评查意见: the reviewer's overall remark on the file.
    pub remark: Option<String>,
    /// The leader's remark when the file was last returned (cleared on approval).
    pub return_remark: Option<String>,
    pub submitted_by: Option<String>,
    pub approved_by: Option<String>,
    /// RFC 3339.
    pub approved_at: Option<String>,
}

/// One recorded review step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewStepRow {
    pub action: String,
    pub actor: Option<String>,
    pub remark: Option<String>,
    pub override_reason: Option<String>,
    pub status: String,
    pub at: String,
}

/// A step to record with the status it leads to.
pub struct NewStep<'s> {
    pub action: &'s str,
    pub actor: Option<&'s str>,
    pub remark: Option<&'s str>,
    pub override_reason: Option<&'s str>,
    pub status: ReviewStatus,
}

impl<'a> Db<'a> {
    /// The batch's leaders and whether self-approval is allowed.
    pub fn batch_team(&self, batch: i64) -> Result<(Vec<String>, bool)> {
        let row: Option<(String, i64)> = self
            .conn
            .prepare_cached(
                "SELECT leaders, allow_self_approval FROM batch_teams WHERE batch_id = ?1",
            )?
            .query_row([batch], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (leaders, allow) = row.unwrap_or_default();
        Ok((split_names(&leaders), allow != 0))
    }

    pub fn review_team(&self, batch: i64, case_id: i64) -> Result<ReviewTeamRow> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT remark, return_remark, submitted_by, approved_by, approved_at
                 FROM review_teams WHERE batch_id = ?1 AND case_id = ?2",
            )?
            .query_row(params![batch, case_id], |r| {
                Ok(ReviewTeamRow {
                    remark: r.get(0)?,
                    return_remark: r.get(1)?,
                    submitted_by: r.get(2)?,
                    approved_by: r.get(3)?,
                    approved_at: r.get(4)?,
                })
            })
            .optional()?
            .unwrap_or_default())
    }

    pub fn review_steps(&self, batch: i64, case_id: i64) -> Result<Vec<ReviewStepRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT action, actor, remark, override_reason, status, at FROM review_steps
             WHERE batch_id = ?1 AND case_id = ?2 ORDER BY id",
        )?;
        let rows = st.query_map(params![batch, case_id], |r| {
            Ok(ReviewStepRow {
                action: r.get(0)?,
                actor: r.get(1)?,
                remark: r.get(2)?,
                override_reason: r.get(3)?,
                status: r.get(4)?,
                at: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Everyone who worked on a file: the review's reviewer, the reviewers of
    /// its findings and marks, and who submitted it, in first-seen order.
    pub fn file_reviewers(&self, batch: i64, case_id: i64) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT who FROM (
                 SELECT reviewer AS who, 0 AS k, '' AS at FROM reviews WHERE batch_id = ?1 AND case_id = ?2
                 UNION ALL SELECT reviewer, 1, created_at FROM findings
                     WHERE batch_id = ?1 AND case_id = ?2 AND status = 'confirmed'
                 UNION ALL SELECT reviewer, 2, updated_at FROM item_marks WHERE batch_id = ?1 AND case_id = ?2
                 UNION ALL SELECT actor, 3, at FROM review_steps
                     WHERE batch_id = ?1 AND case_id = ?2 AND action = '提交复核'
             ) WHERE who IS NOT NULL AND TRIM(who) <> '' ORDER BY k, at",
        )?;
        let rows = st.query_map(params![batch, case_id], |r| r.get::<_, String>(0))?;
        let mut out: Vec<String> = Vec::new();
        for r in rows {
            let r = r?.trim().to_string();
            if !out.contains(&r) {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// (finding id, 整改主体) of the batch's findings that name one.
    pub fn rectifiers(&self, batch: i64) -> Result<Vec<(Uuid, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT r.finding_id, r.rectifier FROM finding_rectifiers r
             JOIN findings f ON f.id = r.finding_id WHERE f.batch_id = ?1",
        )?;
        let rows = st.query_map([batch], |r| Ok((r.get::<_, String>(0)?, r.get(1)?)))?;
        let mut out = Vec::new();
        for r in rows {
            let (id, who) = r?;
            if let Ok(u) = Uuid::parse_str(&id) {
                out.push((u, who));
            }
        }
        Ok(out)
    }

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }
}

/// Names from a comma list (also 、，and spaces), trimmed, no blanks or repeats.
pub fn split_names(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in s.split([',', '，', '、', ' ']) {
        let n = n.trim();
        if !n.is_empty() && !out.iter().any(|o| o == n) {
            out.push(n.to_string());
        }
    }
    out
}

impl<'a> TxDb<'a> {
    pub fn set_batch_team(
        &self,
        batch: i64,
        leaders: Option<&[String]>,
        allow_self_approval: Option<bool>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO batch_teams (batch_id, leaders, allow_self_approval)
                 VALUES (?1, COALESCE(?2, ''), COALESCE(?3, 0))
             ON CONFLICT (batch_id) DO UPDATE SET leaders = COALESCE(?2, leaders),
                 allow_self_approval = COALESCE(?3, allow_self_approval)",
            params![batch, leaders.map(|l| l.join(",")), allow_self_approval],
        )?;
        Ok(())
    }

    /// Sets the 评查意见 (`None` clears it).
    pub fn set_review_remark(&self, batch: i64, case_id: i64, remark: Option<&str>) -> Result<()> {
        self.conn.execute(
            "INSERT INTO review_teams (batch_id, case_id, remark) VALUES (?1, ?2, ?3)
             ON CONFLICT (batch_id, case_id) DO UPDATE SET remark = excluded.remark",
            params![batch, case_id, remark],
        )?;
        Ok(())
    }

    /// Writes the team fields after a step.
    pub fn set_review_team(&self, batch: i64, case_id: i64, t: &ReviewTeamRow) -> Result<()> {
        self.conn.execute(
            "INSERT INTO review_teams (batch_id, case_id, return_remark, submitted_by, approved_by, approved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (batch_id, case_id) DO UPDATE SET return_remark = excluded.return_remark,
                 submitted_by = excluded.submitted_by, approved_by = excluded.approved_by,
                 approved_at = excluded.approved_at",
            params![
                batch,
                case_id,
                t.return_remark,
                t.submitted_by,
                t.approved_by,
                t.approved_at
            ],
        )?;
        Ok(())
    }

    pub fn insert_review_step(&self, batch: i64, case_id: i64, s: &NewStep<'_>) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO review_steps (batch_id, case_id, action, actor, remark, override_reason, status, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                batch,
                case_id,
                s.action,
                s.actor,
                s.remark,
                s.override_reason,
                s.status.label(),
                now().to_rfc3339()
            ])?;
        Ok(())
    }

    /// Sets who must fix a problem (整改主体; `None`: the department).
    pub fn set_rectifier(&self, finding: &Uuid, rectifier: Option<&str>) -> Result<()> {
        match rectifier {
            Some(r) => self.conn.execute(
                "INSERT INTO finding_rectifiers (finding_id, rectifier) VALUES (?1, ?2)
                 ON CONFLICT (finding_id) DO UPDATE SET rectifier = excluded.rectifier",
                params![finding.to_string(), r],
            )?,
            None => self.conn.execute(
                "DELETE FROM finding_rectifiers WHERE finding_id = ?1",
                [finding.to_string()],
            )?,
        };
        Ok(())
    }

    /// Flags a file as failed by a veto (or clears the flag).
    pub fn set_vetoed(&self, batch: i64, case_id: i64, vetoed: bool) -> Result<()> {
        if vetoed {
            self.conn
                .prepare_cached(
                    "INSERT INTO review_flags (batch_id, case_id, vetoed) VALUES (?1, ?2, 1)
                     ON CONFLICT (batch_id, case_id) DO UPDATE SET vetoed = 1",
                )?
                .execute(params![batch, case_id])?;
        } else {
            self.conn
                .prepare_cached("DELETE FROM review_flags WHERE batch_id = ?1 AND case_id = ?2")?
                .execute(params![batch, case_id])?;
        }
        Ok(())
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }
}
