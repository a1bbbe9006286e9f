//! The checklists a database grades with, stored as their TOML source so a
//! database keeps scoring the same way whatever build opens it.

use super::{Db, Result, TxDb, now};
use rusqlite::params;

impl<'a> Db<'a> {
    /// The stored source of one checklist.
    pub fn checklist_source(&self, id: &str) -> Result<Option<String>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .prepare_cached("SELECT source FROM checklists WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// Completed files of a batch scored by a version of their checklist
    /// that has since been replaced: (case number, checklist id, that
    /// version's source).
    pub fn pinned_reviews(&self, batch: i64) -> Result<Vec<(String, String, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.case_no, h.id, h.source FROM reviews r
               JOIN checklist_history h ON h.seq = r.checklist_rev
               JOIN checklists k ON k.id = h.id
               JOIN case_files c ON c.id = r.case_id
             WHERE r.batch_id = ?1 AND r.status = '已完成' AND h.source <> k.source",
        )?;
        let rows = st.query_map([batch], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Every stored checklist as (id, source), by id.
    pub fn checklist_sources(&self) -> Result<Vec<(String, String)>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id, source FROM checklists ORDER BY id")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl<'a> TxDb<'a> {
    /// Stores (or replaces) a checklist's source.
    pub fn save_checklist(&self, id: &str, version: &str, name: &str, source: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO checklists (id, version, name, source, loaded_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (id) DO UPDATE SET version = excluded.version, name = excluded.name,
                   source = excluded.source, loaded_at = excluded.loaded_at",
            )?
            .execute(params![id, version, name, source, now().to_rfc3339()])?;
        self.conn
            .prepare_cached(
                "INSERT INTO checklist_history (id, version, name, source, stored_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![id, version, name, source, now().to_rfc3339()])?;
        Ok(())
    }

    /// Records the version of `checklist` a review was scored by: the
    /// newest stored source of that id.
    pub fn set_review_rev(&self, batch: i64, case_id: i64, checklist: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE reviews SET checklist_rev =
                   (SELECT MAX(seq) FROM checklist_history WHERE id = ?3)
                 WHERE batch_id = ?1 AND case_id = ?2",
            )?
            .execute(params![batch, case_id, checklist])?;
        Ok(())
    }
}
