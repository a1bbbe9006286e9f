//! Findings: add, edit, remove, list, and the idempotent sync of automatic
//! suggestions.

use super::{Db, Result, StoreError, TxDb, now};
use crate::model::{Finding, FindingSource, FindingStatus, Suggestion};
use rusqlite::{OptionalExtension, Row, params};
use uuid::Uuid;

/// A change to a finding; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FindingPatch {
    pub item: Option<String>,
    pub deduction: Option<f64>,
    pub note: Option<String>,
    pub page: Option<Option<String>>,
    pub reviewer: Option<Option<String>>,
    pub status: Option<FindingStatus>,
    /// Occurrences; `Some(None)` clears it.
    pub count: Option<Option<u32>>,
}

/// What a sync of automatic suggestions did to one file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct AutoSync {
    /// New suggestions.
    pub added: usize,
    /// Suggestions already there (whatever their status).
    pub kept: usize,
    /// Dismissed suggestions raised again because the file changed.
    pub reopened: usize,
    /// Stale unconfirmed suggestions the checks no longer raise.
    pub removed: usize,
}

const COLUMNS: &str =
    "f.id, c.case_no, f.item, f.deduction, f.note, f.page, f.reviewer, f.status, f.source,
     f.rule, f.basis, f.created_at, f.updated_at, f.count";

fn finding_from_row(r: &Row<'_>) -> rusqlite::Result<Finding> {
    let id: String = r.get(0)?;
    let status: String = r.get(7)?;
    let source: String = r.get(8)?;
    let created: String = r.get(11)?;
    let updated: String = r.get(12)?;
    let bad = |what: &str, v: &str| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("finding {id}: bad {what} {v:?}").into(),
        )
    };
    let ts = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .map(|d| d.with_timezone(&chrono::Utc))
            .map_err(|_| bad("time", s))
    };
    Ok(Finding {
        id: Uuid::parse_str(&id).map_err(|_| bad("id", &id))?,
        case_no: r.get(1)?,
        item: r.get(2)?,
        deduction: r.get(3)?,
        note: r.get(4)?,
        page: r.get(5)?,
        reviewer: r.get(6)?,
        status: FindingStatus::parse(&status).ok_or_else(|| bad("status", &status))?,
        source: FindingSource::parse(&source).ok_or_else(|| bad("source", &source))?,
        rule: r.get(9)?,
        basis: r.get(10)?,
        created_at: ts(&created)?,
        updated_at: ts(&updated)?,
        count: r
            .get::<_, Option<i64>>(13)?
            .and_then(|n| u32::try_from(n).ok()),
    })
}

impl<'a> Db<'a> {
    /// A finding by id, with the batch and file it belongs to.
    pub fn finding(&self, id: &Uuid) -> Result<Option<(i64, i64, Finding)>> {
        let sql = format!(
            "SELECT {COLUMNS}, f.batch_id, f.case_id FROM findings f JOIN case_files c ON c.id = f.case_id
             WHERE f.id = ?1"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id.to_string()], |r| {
                Ok((r.get(14)?, r.get(15)?, finding_from_row(r)?))
            })
            .optional()?)
    }

    /// Findings of a batch, optionally of one file, oldest first.
    pub fn findings(&self, batch: i64, case_id: Option<i64>) -> Result<Vec<Finding>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM findings f JOIN case_files c ON c.id = f.case_id
             WHERE f.batch_id = ?1 AND (?2 IS NULL OR f.case_id = ?2)
             ORDER BY c.sort_key, f.created_at, f.id"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params![batch, case_id], finding_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

/// A new automatic suggestion.
fn auto_finding(
    case_no: &str,
    s: &Suggestion,
    deduction: f64,
    ts: chrono::DateTime<chrono::Utc>,
) -> Finding {
    Finding {
        id: Uuid::now_v7(),
        case_no: case_no.to_string(),
        item: s.item.clone(),
        deduction,
        note: s.message.clone(),
        page: None,
        reviewer: None,
        status: FindingStatus::Suggested,
        source: FindingSource::Auto,
        rule: Some(s.rule.clone()),
        basis: Some(s.basis.clone()),
        created_at: ts,
        updated_at: ts,
        count: None,
    }
}

impl<'a> TxDb<'a> {
    /// Stores a new finding of a file in a batch.
    pub fn insert_finding(
        &self,
        batch: i64,
        case_id: i64,
        f: &Finding,
        case_hash: Option<&str>,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO findings (id, batch_id, case_id, item, deduction, note, page, reviewer,
                   status, source, rule, basis, case_hash, created_at, updated_at, count)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?
            .execute(params![
                f.id.to_string(),
                batch,
                case_id,
                f.item,
                f.deduction,
                f.note,
                f.page,
                f.reviewer,
                f.status.label(),
                f.source.label(),
                f.rule,
                f.basis,
                case_hash,
                f.created_at.to_rfc3339(),
                f.updated_at.to_rfc3339(),
                f.count
            ])?;
        Ok(())
    }

    /// Applies a patch; returns the finding as it is now.
    pub fn update_finding(&self, id: &Uuid, p: &FindingPatch) -> Result<Finding> {
        let n = self
            .conn
            .prepare_cached(
                "UPDATE findings SET
                   item = COALESCE(?2, item),
                   deduction = COALESCE(?3, deduction),
                   note = COALESCE(?4, note),
                   page = CASE WHEN ?5 THEN ?6 ELSE page END,
                   reviewer = CASE WHEN ?7 THEN ?8 ELSE reviewer END,
                   status = COALESCE(?9, status),
                   updated_at = ?10,
                   count = CASE WHEN ?11 THEN ?12 ELSE count END
                 WHERE id = ?1",
            )?
            .execute(params![
                id.to_string(),
                p.item,
                p.deduction,
                p.note,
                p.page.is_some(),
                p.page.clone().flatten(),
                p.reviewer.is_some(),
                p.reviewer.clone().flatten(),
                p.status.map(|s| s.label()),
                now().to_rfc3339(),
                p.count.is_some(),
                p.count.flatten()
            ])?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("没有编号为 {id} 的问题")));
        }
        self.finding(id)?
            .map(|(_, _, f)| f)
            .ok_or_else(|| StoreError::NotFound(format!("没有编号为 {id} 的问题")))
    }

    /// Removes a finding; false when there was none.
    pub fn delete_finding(&self, id: &Uuid) -> Result<bool> {
        let n = self
            .conn
            .prepare_cached("DELETE FROM findings WHERE id = ?1")?
            .execute([id.to_string()])?;
        Ok(n > 0)
    }

    /// Stores the suggestions of a file that has none yet (import's fast path).
    pub fn sync_auto_new(
        &self,
        batch: i64,
        case_id: i64,
        case_no: &str,
        case_hash: &str,
        raised: &[(Suggestion, f64)],
    ) -> Result<AutoSync> {
        let ts = now();
        let mut out = AutoSync::default();
        let mut seen: Vec<(&str, &str, &str)> = Vec::new();
        for (s, deduction) in raised {
            let key = (s.rule.as_str(), s.item.as_str(), s.message.as_str());
            if seen.contains(&key) {
                out.kept += 1;
                continue;
            }
            seen.push(key);
            self.insert_finding(
                batch,
                case_id,
                &auto_finding(case_no, s, *deduction, ts),
                Some(case_hash),
            )?;
            out.added += 1;
        }
        Ok(out)
    }

    /// Brings a file's automatic suggestions in line with what the checks
    /// raise now. A suggestion is the same when its rule, item and message
    /// are; re-running never duplicates. Confirmed ones are never touched;
    /// dismissed ones stay dismissed unless the file changed since.
    pub fn sync_auto(
        &self,
        batch: i64,
        case_id: i64,
        case_no: &str,
        case_hash: &str,
        raised: &[(Suggestion, f64)],
    ) -> Result<AutoSync> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, rule, item, note, status, case_hash FROM findings
             WHERE batch_id = ?1 AND case_id = ?2 AND source = 'auto'",
        )?;
        let existing = st
            .query_map(params![batch, case_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out = AutoSync::default();
        let mut seen = vec![false; existing.len()];
        let ts = now();
        for (s, deduction) in raised {
            let hit = existing.iter().position(|(_, rule, item, note, _, _)| {
                rule.as_deref() == Some(s.rule.as_str()) && *item == s.item && *note == s.message
            });
            match hit {
                Some(i) if !seen[i] => {
                    seen[i] = true;
                    let (id, _, _, _, status, hash) = &existing[i];
                    if status == "dismissed" && hash.as_deref() != Some(case_hash) {
                        self.conn
                            .prepare_cached(
                                "UPDATE findings SET status = 'suggested', case_hash = ?2, updated_at = ?3 WHERE id = ?1",
                            )?
                            .execute(params![id, case_hash, ts.to_rfc3339()])?;
                        out.reopened += 1;
                    } else {
                        self.conn
                            .prepare_cached("UPDATE findings SET case_hash = ?2 WHERE id = ?1")?
                            .execute(params![id, case_hash])?;
                        out.kept += 1;
                    }
                }
                Some(_) => out.kept += 1, // the same suggestion twice in one run
                None => {
                    self.insert_finding(
                        batch,
                        case_id,
                        &auto_finding(case_no, s, *deduction, ts),
                        Some(case_hash),
                    )?;
                    out.added += 1;
                }
            }
        }
        for (i, (id, _, _, _, status, _)) in existing.iter().enumerate() {
            if !seen[i] && status != "confirmed" {
                self.conn
                    .prepare_cached("DELETE FROM findings WHERE id = ?1")?
                    .execute([id])?;
                out.removed += 1;
            }
        }
        Ok(out)
    }
}
