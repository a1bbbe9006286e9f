//! Drafts of case files being typed (kept as typed, one per slot), the
//! record of a file created at the terminal, and the audit rows of a file.

use super::audit::{AUDIT_ENTRY_COLUMNS, AuditEntry, audit_entry};
use super::{Db, Result, TxDb, now};
use rusqlite::{OptionalExtension, params};

impl<'a> Db<'a> {
    /// The draft of a slot and when it was last saved.
    pub fn draft(&self, slot: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT json, updated_at FROM drafts WHERE slot = ?1")?
            .query_row([slot], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Files that came from a ledger row and hold only its facts, in list order.
    pub fn ledger_cases(&self, batch: i64) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.case_no FROM case_files c JOIN reviews r ON r.case_id = c.id AND r.batch_id = ?1
             WHERE json_extract(c.json, '$.\"导入来源\"') = '台账' ORDER BY c.department, c.sort_key",
        )?;
        let rows = st.query_map([batch], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The departments of the stored files, most files first.
    pub fn departments(&self) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT department FROM case_files GROUP BY department ORDER BY count(*) DESC, department",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The audit rows of one file: its content's changes and the rows of
    /// its findings and review results, newest last.
    pub fn audit_log_case(&self, case_no: &str, limit: usize) -> Result<Vec<AuditEntry>> {
        let id = self.case_id(case_no)?;
        let mut st = self.conn.prepare(&format!(
            "SELECT {AUDIT_ENTRY_COLUMNS} FROM audit_log
             WHERE (tbl = 'case_files' AND row_key = ?1)
                OR (tbl <> 'case_files' AND ?2 IS NOT NULL
                    AND json_extract(coalesce(after, before), '$.case_id') = ?2)
             ORDER BY seq DESC LIMIT ?3",
        ))?;
        let rows = st.query_map(params![case_no, id, limit as i64], audit_entry)?;
        let mut v = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        v.reverse();
        Ok(v)
    }

    /// Confirmed automatic findings of a file recorded against another
    /// version of it (the file changed since they were confirmed): (id, note).
    pub fn stale_confirmed(
        &self,
        batch: i64,
        case_id: i64,
        hash: &str,
    ) -> Result<Vec<(String, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, note FROM findings WHERE batch_id = ?1 AND case_id = ?2
             AND source = 'auto' AND status = 'confirmed' AND case_hash IS NOT ?3",
        )?;
        let rows = st.query_map(params![batch, case_id, hash], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl<'a> TxDb<'a> {
    /// Stores a draft in its slot (replacing what was there).
    pub fn save_draft(&self, slot: &str, json: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO drafts (slot, json, updated_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (slot) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at",
            )?
            .execute(params![slot, json, now().to_rfc3339()])?;
        Ok(())
    }

    pub fn delete_draft(&self, slot: &str) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM drafts WHERE slot = ?1")?
            .execute([slot])?;
        Ok(())
    }
}
