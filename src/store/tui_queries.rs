//! Queries for the terminal UI: the first screenful of the case list, read
//! without scanning the whole batch, so the first frame appears at once on
//! a large database (the full list is then read in the background).

use super::cases::CaseRow;
use super::{Db, Result};
use crate::model::{CaseKind, Grade, ReviewStatus};

impl<'a> Db<'a> {
    /// Caps this connection's page cache (the TUI reads large lists once;
    /// a big cache only holds memory) and releases what it holds beyond.
    pub fn limit_cache(&self, kib: i64) -> Result<()> {
        self.c.execute_batch(&format!(
            "PRAGMA cache_size = -{kib}; PRAGMA shrink_memory;"
        ))?;
        Ok(())
    }

    /// Number of files in a batch.
    pub fn count_batch(&self, batch: i64) -> Result<i64> {
        Ok(self
            .c
            .prepare_cached("SELECT COUNT(*) FROM reviews WHERE batch_id = ?1")?
            .query_row([batch], |r| r.get(0))?)
    }

    /// The first `limit` rows of [`Db::case_rows`] in the same order.
    pub fn case_rows_head(&self, batch: i64, limit: i64) -> Result<Vec<CaseRow>> {
        let mut st = self.c.prepare_cached(
            "SELECT c.id, c.case_no, c.department, c.kind, c.title, c.party_name,
                    r.status, r.reviewer, r.score, r.grade, r.findings, r.suggested,
                    EXISTS (SELECT 1 FROM review_flags g WHERE g.batch_id = r.batch_id
                            AND g.case_id = r.case_id AND g.vetoed = 1),
                    EXISTS (SELECT 1 FROM review_teams t WHERE t.batch_id = r.batch_id
                            AND t.case_id = r.case_id AND t.return_remark IS NOT NULL)
             FROM case_files c INDEXED BY case_files_sort
             JOIN reviews r ON r.case_id = c.id AND r.batch_id = ?1
             ORDER BY c.department, c.sort_key LIMIT ?2",
        )?;
        let rows = st.query_map(rusqlite::params![batch, limit], |r| {
            let kind: String = r.get(3)?;
            let status: String = r.get(6)?;
            let grade: Option<String> = r.get(9)?;
            Ok(CaseRow {
                id: r.get(0)?,
                case_no: r.get(1)?,
                department: r.get(2)?,
                kind: CaseKind::parse(&kind).unwrap_or(CaseKind::Other),
                title: r.get(4)?,
                party: r.get(5)?,
                status: ReviewStatus::parse(&status).unwrap_or(ReviewStatus::NotStarted),
                reviewer: r.get(7)?,
                score: r.get(8)?,
                grade: grade.as_deref().and_then(Grade::parse),
                findings: r.get(10)?,
                suggested: r.get(11)?,
                vetoed: r.get(12)?,
                returned: r.get(13)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}
