//! Queries for the terminal UI: the first screenful of the case list, read
//! without scanning the whole batch, so the first frame appears at once on
//! a large database (the full list is then read in the background).

use super::cases::{CASE_ROW_COLUMNS, CaseRow, case_row};
use super::{Db, Result};

impl<'a> Db<'a> {
    /// Caps this connection's page cache (the TUI reads large lists once;
    /// a big cache only holds memory) and releases what it holds beyond.
    pub fn limit_cache(&self, kib: i64) -> Result<()> {
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = -{kib}; PRAGMA shrink_memory;"
        ))?;
        Ok(())
    }

    /// Number of files in a batch.
    pub fn count_batch(&self, batch: i64) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM reviews WHERE batch_id = ?1")?
            .query_row([batch], |r| r.get(0))?)
    }

    /// The first `limit` rows of [`Db::case_rows`] in the same order.
    pub fn case_rows_head(&self, batch: i64, limit: i64) -> Result<Vec<CaseRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {CASE_ROW_COLUMNS}
             FROM case_files c INDEXED BY case_files_sort
             JOIN reviews r ON r.case_id = c.id AND r.batch_id = ?1
             ORDER BY c.department, c.sort_key LIMIT ?2"
        ))?;
        let rows = st.query_map(rusqlite::params![batch, limit], case_row)?;
        rows.map(|r| r?).collect()
    }
}
