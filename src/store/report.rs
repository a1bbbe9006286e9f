//! The one read the documents need: every review of a batch with its file.

use super::{Db, Result};
use crate::model::{CaseFile, ReviewStatus};

/// One review of a batch with the file it is of.
#[derive(Debug, Clone)]
pub struct ReportReview {
    pub case_id: i64,
    pub case: CaseFile,
    pub status: ReviewStatus,
    pub reviewer: Option<String>,
    /// RFC 3339 time the review was completed.
    pub completed_at: Option<String>,
}

impl<'a> Db<'a> {
    /// Every review of `batch` with its file, by department then case number.
    pub fn report_reviews(&self, batch: i64) -> Result<Vec<ReportReview>> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.id, c.case_no, c.json, r.status, r.reviewer, r.completed_at
             FROM reviews r JOIN case_files c ON c.id = r.case_id
             WHERE r.batch_id = ?1 ORDER BY c.department, c.sort_key",
        )?;
        let rows = st.query_map([batch], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (case_id, case_no, json, status, reviewer, completed_at) = row?;
            let case = super::cases::parse_case(&case_no, &json)?;
            out.push(ReportReview {
                case_id,
                case,
                status: ReviewStatus::parse(&status)
                    .ok_or_else(|| super::cases::corrupt(&case_no, "status", &status))?,
                reviewer,
                completed_at,
            });
        }
        Ok(out)
    }
}
