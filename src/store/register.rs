//! The register of issued documents (发文登记): one 文号 per document kind
//! and year, never handed out twice; a re-issued letter supersedes the
//! earlier registration.

use super::{Db, Result, TxDb};
use rusqlite::{OptionalExtension, params};

/// One registered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisteredDoc {
    pub id: i64,
    pub kind: String,
    pub year: i32,
    pub seq: u32,
    pub doc_no: String,
    pub department: Option<String>,
    pub issued_on: String,
    pub superseded_by: Option<i64>,
}

impl<'a> Db<'a> {
    /// The next free sequence number of `kind` in `year` (at least `first`).
    pub fn next_doc_seq(&self, kind: &str, year: i32, first: u32) -> Result<u32> {
        let max: Option<i64> = self.conn.query_row(
            "SELECT MAX(seq) FROM doc_register WHERE kind = ?1 AND year = ?2",
            params![kind, year],
            |r| r.get(0),
        )?;
        Ok(match max {
            Some(m) => (m.max(0) as u32).saturating_add(1).max(first),
            None => first,
        })
    }

    /// Is this 文号 already registered (by any kind)?
    pub fn doc_no_taken(&self, doc_no: &str) -> Result<bool> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM doc_register WHERE doc_no = ?1",
                [doc_no],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// Every registration of a batch, oldest first.
    pub fn registered_docs(&self, batch: i64) -> Result<Vec<RegisteredDoc>> {
        let mut st = self.conn.prepare(
            "SELECT id, kind, year, seq, doc_no, department, issued_on, superseded_by
             FROM doc_register WHERE batch_id = ?1 ORDER BY id",
        )?;
        let rows = st.query_map([batch], |r| {
            Ok(RegisteredDoc {
                id: r.get(0)?,
                kind: r.get(1)?,
                year: r.get(2)?,
                seq: r.get::<_, i64>(3)?.clamp(0, u32::MAX as i64) as u32,
                doc_no: r.get(4)?,
                department: r.get(5)?,
                issued_on: r.get(6)?,
                superseded_by: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every department that has a file in the database, in any batch.
    pub fn all_departments(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare("SELECT DISTINCT department FROM case_files ORDER BY department")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl<'a> TxDb<'a> {
    /// Registers an issued document; earlier live registrations of the same
    /// kind, batch and department are marked superseded by it.
    #[allow(clippy::too_many_arguments)]
    pub fn register_doc(
        &self,
        kind: &str,
        year: i32,
        seq: u32,
        doc_no: &str,
        batch: i64,
        department: Option<&str>,
        issued_on: &str,
        now: &str,
    ) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO doc_register (kind, year, seq, doc_no, batch_id, department, issued_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![kind, year, seq, doc_no, batch, department, issued_on, now],
        )?;
        let id = self.conn.last_insert_rowid();
        self.conn.execute(
            "UPDATE doc_register SET superseded_by = ?1
             WHERE kind = ?2 AND batch_id = ?3 AND department IS ?4 AND id <> ?1 AND superseded_by IS NULL",
            params![id, kind, batch, department],
        )?;
        Ok(id)
    }

    /// Registers the rectification an issued letter demands. A department
    /// that already has one in this batch gets the new 文号 and due date
    /// (the old values stay in the audit trail) and is open again.
    pub fn register_rectification(
        &self,
        batch: i64,
        department: &str,
        doc_no: &str,
        issued: &str,
        due: &str,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO rectifications (batch_id, department, doc_no, issued, due) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (batch_id, department) DO UPDATE SET
                doc_no = excluded.doc_no, issued = excluded.issued, due = excluded.due,
                status = '待整改', response_date = NULL, response_text = NULL, attachments = NULL,
                verifier = NULL, verified_at = NULL,
                remark = '已由' || excluded.doc_no || '重新发文，替代' || COALESCE(rectifications.doc_no, '原通知')",
            params![batch, department, doc_no, issued, due],
        )?;
        Ok(())
    }
}
