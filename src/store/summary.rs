//! Aggregates for the summary: counted by SQLite over the cached scores, so a
//! summary of 100,000 files and a million findings reads few rows.

use super::{Db, Result};
use crate::model::Grade;
use rusqlite::params;
use serde::Serialize;

/// One file of a batch as the unit results see it.
#[derive(Debug, Clone, PartialEq)]
pub struct FileOutcomeRow {
    pub department: String,
    pub completed: bool,
    pub score: Option<f64>,
    pub grade: Option<Grade>,
    /// Confirmed findings.
    pub findings: i64,
    pub suggested: i64,
}

/// How often an item was found (confirmed), and what it cost.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemCount {
    pub item: String,
    pub count: i64,
    pub deducted: f64,
}

/// One reviewer's progress.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewerStats {
    pub reviewer: String,
    pub files: i64,
    pub completed: i64,
    pub findings: i64,
}

/// The raw aggregates of a batch.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoreSummary {
    /// Confirmed findings by item (over all files of the batch), most
    /// frequent first.
    pub items: Vec<ItemCount>,
    pub reviewers: Vec<ReviewerStats>,
}

impl<'a> Db<'a> {
    /// Every file of the batch with its department, review state and cached
    /// score and grade, by department (the index carries the file's id, so
    /// the files' JSON is never read). What passes is decided by
    /// `scoring`, not here.
    pub fn file_outcomes(&self, batch: i64) -> Result<Vec<FileOutcomeRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.department, r.status = '已完成', r.score, r.grade, r.findings, r.suggested
             FROM case_files c INDEXED BY case_files_sort
             JOIN reviews r ON r.batch_id = ?1 AND r.case_id = c.id
             ORDER BY c.department",
        )?;
        let rows = st.query_map([batch], |r| {
            Ok(FileOutcomeRow {
                department: r.get(0)?,
                completed: r.get::<_, Option<bool>>(1)?.unwrap_or(false),
                score: r.get(2)?,
                grade: r
                    .get::<_, Option<String>>(3)?
                    .and_then(|g| Grade::parse(&g)),
                findings: r.get::<_, Option<i64>>(4)?.unwrap_or(0),
                suggested: r.get::<_, Option<i64>>(5)?.unwrap_or(0),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The batch's problem counts by item and the reviewers' progress. The
    /// files' grades and rates come from [`Db::file_outcomes`] and `scoring`.
    pub fn summary(&self, batch: i64) -> Result<StoreSummary> {
        let mut s = StoreSummary::default();
        let mut st = self.conn.prepare_cached(
            "SELECT item, findings, deducted FROM item_stats
             WHERE batch_id = ?1 AND findings > 0 ORDER BY findings DESC, item",
        )?;
        for row in st.query_map([batch], |r| {
            Ok(ItemCount {
                item: r.get(0)?,
                count: r.get(1)?,
                deducted: r.get(2)?,
            })
        })? {
            s.items.push(row?);
        }

        let mut st = self.conn.prepare_cached(
            "SELECT reviewer, COUNT(*), SUM(status = '已完成'), SUM(findings) FROM reviews
             WHERE batch_id = ?1 AND reviewer IS NOT NULL GROUP BY reviewer ORDER BY reviewer",
        )?;
        for row in st.query_map(params![batch], |r| {
            Ok(ReviewerStats {
                reviewer: r.get(0)?,
                files: r.get(1)?,
                completed: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                findings: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
            })
        })? {
            s.reviewers.push(row?);
        }
        Ok(s)
    }
}
