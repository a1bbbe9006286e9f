//! Reviews: one row per (batch, file) — status, reviewer, cached score — and
//! the reviewer's per-item marks (符合 / 不适用).

use super::{Db, Result, StoreError, TxDb, now};
use crate::model::{Grade, ItemMark, ReviewStatus};
use rusqlite::{OptionalExtension, params};

/// The cached score of a file's review, rewritten whenever a finding changes.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedScore<'s> {
    pub checklist: &'s str,
    pub score: f64,
    pub grade: Grade,
    pub findings: i64,
    pub suggested: i64,
}

impl<'a> Db<'a> {
    /// The batch every command works on unless told otherwise.
    pub fn current_batch(&self) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT id FROM batches WHERE is_current = 1 ORDER BY id LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NotFound("没有当前评查批次".into()))
    }

    /// Batches whose scope takes in every imported file.
    pub fn all_scope_batches(&self) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM batches WHERE scope = 'all'")?;
        let ids = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }

    /// Is the file in the batch?
    pub fn in_batch(&self, batch: i64, case_id: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM reviews WHERE batch_id = ?1 AND case_id = ?2")?
            .query_row(params![batch, case_id], |_| Ok(()))
            .optional()?
            .is_some())
    }

    /// The review's status and reviewer.
    pub fn review_status(
        &self,
        batch: i64,
        case_id: i64,
    ) -> Result<Option<(ReviewStatus, Option<String>)>> {
        let row: Option<(String, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT status, reviewer FROM reviews WHERE batch_id = ?1 AND case_id = ?2",
            )?
            .query_row(params![batch, case_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(s, rv)| {
            ReviewStatus::parse(&s)
                .map(|st| (st, rv))
                .ok_or_else(|| super::cases::corrupt(&case_id.to_string(), "status", &s))
        })
        .transpose()
    }

    /// The reviewer's marks on a file's items.
    pub fn marks(&self, batch: i64, case_id: i64) -> Result<Vec<(String, ItemMark)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT item, mark FROM item_marks WHERE batch_id = ?1 AND case_id = ?2",
        )?;
        let rows = st.query_map(params![batch, case_id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (item, m) = row?;
            let mark =
                ItemMark::parse(&m).ok_or_else(|| super::cases::corrupt(&item, "mark", &m))?;
            out.push((item, mark));
        }
        Ok(out)
    }
}

impl<'a> TxDb<'a> {
    /// Adds a file to a batch (no-op when it is already in it).
    pub fn add_to_batch(&self, batch: i64, case_id: i64) -> Result<bool> {
        let n = self
            .conn
            .prepare_cached(
                "INSERT OR IGNORE INTO reviews (batch_id, case_id, status, updated_at)
                 VALUES (?1, ?2, '未评', ?3)",
            )?
            .execute(params![batch, case_id, now().to_rfc3339()])?;
        Ok(n > 0)
    }

    /// Adds a new file to a batch with its first score in one statement
    /// (the import's fast path for files that have no findings yet).
    pub fn insert_review_scored(
        &self,
        batch: i64,
        case_id: i64,
        s: Option<&CachedScore<'_>>,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT OR IGNORE INTO reviews (batch_id, case_id, status, checklist_id, score, grade,
                   findings, suggested, updated_at)
                 VALUES (?1, ?2, '未评', ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                batch,
                case_id,
                s.map(|s| s.checklist),
                s.map(|s| s.score),
                s.map(|s| s.grade.label()),
                s.map_or(0, |s| s.findings),
                s.map_or(0, |s| s.suggested),
                now().to_rfc3339()
            ])?;
        Ok(())
    }

    /// Sets the status; `completed_at` follows it. The reviewer is kept when
    /// `reviewer` is `None`.
    pub fn set_review_status(
        &self,
        batch: i64,
        case_id: i64,
        status: ReviewStatus,
        reviewer: Option<&str>,
    ) -> Result<()> {
        let ts = now().to_rfc3339();
        let completed = (status == ReviewStatus::Completed).then(|| ts.clone());
        self.conn
            .prepare_cached(
                "UPDATE reviews SET status = ?3, completed_at = ?4,
                 reviewer = COALESCE(?5, reviewer), updated_at = ?6
                 WHERE batch_id = ?1 AND case_id = ?2",
            )?
            .execute(params![
                batch,
                case_id,
                status.label(),
                completed,
                reviewer,
                ts
            ])?;
        Ok(())
    }

    /// Moves a 未评 review to 评查中 (the first time a reviewer touches it).
    pub fn touch_review(&self, batch: i64, case_id: i64, reviewer: Option<&str>) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE reviews SET status = '评查中', reviewer = COALESCE(?3, reviewer), updated_at = ?4
                 WHERE batch_id = ?1 AND case_id = ?2 AND status = '未评'",
            )?
            .execute(params![batch, case_id, reviewer, now().to_rfc3339()])?;
        Ok(())
    }

    /// Rewrites the cached score of a review.
    pub fn set_cached_score(&self, batch: i64, case_id: i64, s: &CachedScore<'_>) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE reviews SET checklist_id = ?3, score = ?4, grade = ?5, findings = ?6, suggested = ?7
                 WHERE batch_id = ?1 AND case_id = ?2",
            )?
            .execute(params![batch, case_id, s.checklist, s.score, s.grade.label(), s.findings, s.suggested])?;
        Ok(())
    }

    /// Marks an item 符合 / 不适用 (or clears the mark with `Unchecked`).
    pub fn set_mark(
        &self,
        batch: i64,
        case_id: i64,
        item: &str,
        mark: ItemMark,
        reviewer: Option<&str>,
    ) -> Result<()> {
        if mark == ItemMark::Unchecked || mark == ItemMark::Problem {
            self.conn
                .prepare_cached(
                    "DELETE FROM item_marks WHERE batch_id = ?1 AND case_id = ?2 AND item = ?3",
                )?
                .execute(params![batch, case_id, item])?;
        } else {
            self.conn
                .prepare_cached(
                    "INSERT INTO item_marks (batch_id, case_id, item, mark, reviewer, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (batch_id, case_id, item) DO UPDATE SET mark = excluded.mark,
                       reviewer = excluded.reviewer, updated_at = excluded.updated_at",
                )?
                .execute(params![
                    batch,
                    case_id,
                    item,
                    mark.label(),
                    reviewer,
                    now().to_rfc3339()
                ])?;
        }
        Ok(())
    }
}
