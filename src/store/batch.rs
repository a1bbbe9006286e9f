//! Batches, draws, the reviewer roster, assignments and rectification.

use super::{Db, Result, TxDb, now};
use crate::batch::assign::Reviewer;
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

/// A review batch (评查批次).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BatchRow {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub profile: String,
    /// `all`: every imported file belongs; `drawn`: only files drawn into it.
    pub scope: String,
    pub checklists: Option<String>,
    pub current: bool,
    pub files: i64,
    pub created_at: String,
}

/// A recorded draw.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrawRow {
    pub id: i64,
    pub batch_id: i64,
    pub algorithm: String,
    pub seed: String,
    pub params: String,
    pub pool: String,
    pub drawn: String,
    pub actor: Option<String>,
    pub created_at: String,
}

/// A rectification (整改) record of one department in a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RectificationRow {
    pub id: i64,
    pub batch_id: i64,
    pub department: String,
    pub doc_no: Option<String>,
    pub issued: String,
    pub due: String,
    pub status: String,
    pub response_date: Option<String>,
    pub response_text: Option<String>,
    pub attachments: Vec<String>,
    pub verifier: Option<String>,
    pub verified_at: Option<String>,
    pub remark: Option<String>,
}

/// A file of the pool a batch draws from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PoolFile {
    pub case_no: String,
    pub department: String,
    pub kind: String,
    /// The stored case file (its dates decide a period's pool).
    pub json: String,
}

impl<'a> Db<'a> {
    pub fn batches(&self) -> Result<Vec<BatchRow>> {
        let mut st = self.conn.prepare(
            "SELECT b.id, b.name, b.kind, b.period_from, b.period_to, b.profile, b.scope, b.checklists, b.is_current,
                    (SELECT COUNT(*) FROM reviews r WHERE r.batch_id = b.id), b.created_at
             FROM batches b ORDER BY b.id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(BatchRow {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                period_from: r.get(3)?,
                period_to: r.get(4)?,
                profile: r.get(5)?,
                scope: r.get(6)?,
                checklists: r.get(7)?,
                current: r.get::<_, i64>(8)? != 0,
                files: r.get(9)?,
                created_at: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn draws(&self, batch: i64) -> Result<Vec<DrawRow>> {
        let mut st = self.conn.prepare(
            "SELECT id, batch_id, algorithm, seed, params, pool, drawn, actor, created_at FROM draws
             WHERE batch_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([batch], |r| {
            Ok(DrawRow {
                id: r.get(0)?,
                batch_id: r.get(1)?,
                algorithm: r.get(2)?,
                seed: r.get(3)?,
                params: r.get(4)?,
                pool: r.get(5)?,
                drawn: r.get(6)?,
                actor: r.get(7)?,
                created_at: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every file a batch can draw from, by case number.
    pub fn pool(&self) -> Result<Vec<PoolFile>> {
        let mut st = self
            .conn
            .prepare("SELECT case_no, department, kind, json FROM case_files ORDER BY case_no")?;
        let rows = st.query_map([], |r| {
            Ok(PoolFile {
                case_no: r.get(0)?,
                department: r.get(1)?,
                kind: r.get(2)?,
                json: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// A reviewer's department and registered public key.
    pub fn reviewer_record(&self, name: &str) -> Result<Option<(String, Option<String>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT department, public_key FROM reviewers WHERE name = ?1",
                [name],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    pub fn reviewers(&self) -> Result<Vec<Reviewer>> {
        let mut st = self
            .conn
            .prepare("SELECT name, department, expertise FROM reviewers ORDER BY rowid")?;
        let rows = st.query_map([], |r| {
            Ok(Reviewer {
                name: r.get(0)?,
                department: r.get(1)?,
                expertise: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// (case number, department, reviewer) of a batch's assignments.
    pub fn assignments(&self, batch: i64) -> Result<Vec<(String, String, String)>> {
        let mut st = self.conn.prepare(
            "SELECT c.case_no, c.department, a.reviewer FROM assignments a JOIN case_files c ON c.id = a.case_id
             WHERE a.batch_id = ?1 ORDER BY c.sort_key, a.reviewer",
        )?;
        let rows = st.query_map([batch], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn rectification(&self, batch: i64, department: &str) -> Result<Option<RectificationRow>> {
        Ok(self
            .rectifications(batch)?
            .into_iter()
            .find(|r| r.department == department))
    }

    pub fn rectifications(&self, batch: i64) -> Result<Vec<RectificationRow>> {
        let mut st = self.conn.prepare(
            "SELECT id, batch_id, department, doc_no, issued, due, status, response_date, response_text, attachments,
                    verifier, verified_at, remark FROM rectifications WHERE batch_id = ?1 ORDER BY department",
        )?;
        let rows = st.query_map([batch], |r| {
            let att: Option<String> = r.get(9)?;
            Ok(RectificationRow {
                id: r.get(0)?,
                batch_id: r.get(1)?,
                department: r.get(2)?,
                doc_no: r.get(3)?,
                issued: r.get(4)?,
                due: r.get(5)?,
                status: r.get(6)?,
                response_date: r.get(7)?,
                response_text: r.get(8)?,
                attachments: att
                    .and_then(|a| serde_json::from_str(&a).ok())
                    .unwrap_or_default(),
                verifier: r.get(10)?,
                verified_at: r.get(11)?,
                remark: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    pub fn rectification_by_id(&self, id: i64) -> Result<Option<RectificationRow>> {
        let batch: Option<i64> = self
            .conn
            .query_row(
                "SELECT batch_id FROM rectifications WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match batch {
            Some(b) => self.rectifications(b)?.into_iter().find(|r| r.id == id),
            None => None,
        })
    }
}

impl<'a> Db<'a> {
    /// Confirmed findings of a batch counted by (department, item).
    pub fn department_items(&self, batch: i64) -> Result<Vec<(String, String, i64)>> {
        let mut st = self.conn.prepare(
            "SELECT c.department, f.item, COUNT(*) FROM findings f JOIN case_files c ON c.id = f.case_id
             WHERE f.batch_id = ?1 AND f.status = 'confirmed' GROUP BY c.department, f.item ORDER BY 1, 2",
        )?;
        let rows = st.query_map([batch], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl<'a> TxDb<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn insert_batch(
        &self,
        name: &str,
        kind: &str,
        from: Option<&str>,
        to: Option<&str>,
        profile: &str,
        scope: &str,
        checklists: Option<&str>,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO batches (name, kind, period_from, period_to, profile, scope, checklists, is_current, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8)",
            params![name, kind, from, to, profile, scope, checklists, now().to_rfc3339()],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Renames a batch or sets its type and period (only the given parts).
    pub fn update_batch(
        &self,
        id: i64,
        name: Option<&str>,
        kind: Option<&str>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<()> {
        self.conn.execute(
            "UPDATE batches SET name = COALESCE(?2, name), kind = COALESCE(?3, kind),
                 period_from = COALESCE(?4, period_from), period_to = COALESCE(?5, period_to)
             WHERE id = ?1",
            params![id, name, kind, from, to],
        )?;
        Ok(())
    }

    pub fn set_current_batch(&self, id: i64) -> Result<()> {
        self.conn
            .execute("UPDATE batches SET is_current = (id = ?1)", [id])?;
        Ok(())
    }

    pub fn insert_draw(&self, d: &DrawRow) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO draws (batch_id, algorithm, seed, params, pool, drawn, actor, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                d.batch_id,
                d.algorithm,
                d.seed,
                d.params,
                d.pool,
                d.drawn,
                d.actor,
                d.created_at
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn upsert_reviewer(&self, r: &Reviewer) -> Result<()> {
        self.conn.execute(
            "INSERT INTO reviewers (name, department, expertise) VALUES (?1, ?2, ?3)
             ON CONFLICT (name) DO UPDATE SET department = excluded.department, expertise = excluded.expertise",
            params![r.name, r.department, r.expertise],
        )?;
        Ok(())
    }

    /// Registers (or replaces) a reviewer's public key; false when there is
    /// no such reviewer.
    pub fn set_reviewer_key(&self, name: &str, public_key: &str) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE reviewers SET public_key = ?2 WHERE name = ?1",
            params![name, public_key],
        )? > 0)
    }

    pub fn clear_assignments(&self, batch: i64) -> Result<()> {
        self.conn
            .execute("DELETE FROM assignments WHERE batch_id = ?1", [batch])?;
        Ok(())
    }

    pub fn insert_assignment(&self, batch: i64, case_id: i64, reviewer: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO assignments (batch_id, case_id, reviewer) VALUES (?1, ?2, ?3)")?
            .execute(params![batch, case_id, reviewer])?;
        Ok(())
    }

    /// Issues (or re-issues, keeping any response) a department's notice.
    pub fn issue_rectification(
        &self,
        batch: i64,
        department: &str,
        doc_no: Option<&str>,
        issued: &str,
        due: &str,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO rectifications (batch_id, department, doc_no, issued, due) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (batch_id, department) DO UPDATE SET doc_no = excluded.doc_no, issued = excluded.issued,
               due = excluded.due",
            params![batch, department, doc_no, issued, due],
        )?;
        Ok(())
    }

    /// Records a notice the documents issued, unless the department already
    /// has one in this batch (regenerating the documents never moves a due
    /// date nor reopens a verified rectification). True when recorded.
    pub fn record_notice(
        &self,
        batch: i64,
        department: &str,
        doc_no: &str,
        issued: &str,
        due: &str,
    ) -> Result<bool> {
        let n = self.conn.execute(
            "INSERT INTO rectifications (batch_id, department, doc_no, issued, due) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (batch_id, department) DO NOTHING",
            params![batch, department, doc_no, issued, due],
        )?;
        Ok(n > 0)
    }

    pub fn respond_rectification(
        &self,
        id: i64,
        date: &str,
        text: &str,
        attachments: &[String],
    ) -> Result<bool> {
        let att = serde_json::to_string(attachments).unwrap_or_else(|_| "[]".into());
        let n = self.conn.execute(
            "UPDATE rectifications SET status = '已反馈', response_date = ?2, response_text = ?3, attachments = ?4
             WHERE id = ?1",
            params![id, date, text, att],
        )?;
        Ok(n > 0)
    }

    pub fn close_rectification(
        &self,
        id: i64,
        status: &str,
        verifier: &str,
        remark: Option<&str>,
    ) -> Result<bool> {
        let n = self.conn.execute(
            "UPDATE rectifications SET status = ?2, verifier = ?3, verified_at = ?4, remark = ?5 WHERE id = ?1",
            params![id, status, verifier, now().to_rfc3339(), remark],
        )?;
        Ok(n > 0)
    }
}
