//! Case files: upsert (idempotent re-import), lookup and the list rows.

use super::{Db, Result, StoreError, TxDb, now};
use crate::model::{CaseFile, CaseKind, Grade, ReviewStatus};
use rusqlite::{OptionalExtension, params};

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpsertOutcome {
    /// 新增
    Inserted(i64),
    /// 更新 (content changed)
    Updated(i64),
    /// 未变
    Unchanged(i64),
}

impl UpsertOutcome {
    pub fn id(self) -> i64 {
        match self {
            UpsertOutcome::Inserted(i)
            | UpsertOutcome::Updated(i)
            | UpsertOutcome::Unchanged(i) => i,
        }
    }
}

/// One line of the case list: the file and its review in the current batch.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CaseRow {
    #[serde(skip)]
    pub id: i64,
    pub case_no: String,
    pub department: String,
    pub kind: CaseKind,
    pub title: Option<String>,
    pub party: Option<String>,
    pub status: ReviewStatus,
    pub reviewer: Option<String>,
    pub score: Option<f64>,
    pub grade: Option<Grade>,
    /// Confirmed findings.
    pub findings: i64,
    /// Suggestions waiting for a reviewer.
    pub suggested: i64,
    /// Graded 不合格 by a confirmed veto item.
    #[serde(skip)]
    pub vetoed: bool,
    /// Returned by the leader and not yet resubmitted or approved.
    #[serde(skip)]
    pub returned: bool,
}

impl<'a> Db<'a> {
    /// The id of a file by its case number.
    pub fn case_id(&self, case_no: &str) -> Result<Option<i64>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM case_files WHERE case_no = ?1")?
            .query_row([case_no], |r| r.get(0))
            .optional()?)
    }

    /// A file as imported, with its id and content hash.
    pub fn load_case(&self, case_no: &str) -> Result<Option<(i64, CaseFile, String)>> {
        let row: Option<(i64, String, String)> = self
            .conn
            .prepare_cached("SELECT id, json, content_hash FROM case_files WHERE case_no = ?1")?
            .query_row([case_no], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        row.map(|(id, json, hash)| Ok((id, parse_case(case_no, &json)?, hash)))
            .transpose()
    }

    /// Every file of a batch with its id and hash (for checks and rescoring).
    pub fn load_batch_cases(&self, batch: i64) -> Result<Vec<(i64, CaseFile, String)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.id, c.case_no, c.json, c.content_hash FROM case_files c
             JOIN reviews r ON r.case_id = c.id AND r.batch_id = ?1 ORDER BY c.sort_key",
        )?;
        let rows = st.query_map([batch], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, no, json, hash) = row?;
            out.push((id, parse_case(&no, &json)?, hash));
        }
        Ok(out)
    }

    /// Every file's party (name, stated type, ID number), for masking.
    /// Parties without a name are left out; an unknown type is `None`.
    pub fn parties(&self) -> Result<Vec<PartyRow>> {
        let mut st = self.conn.prepare_cached(
            "SELECT json_extract(json, '$.party.name'), json_extract(json, '$.party.type'),
                    json_extract(json, '$.party.id_no')
             FROM case_files WHERE json_type(json, '$.party.name') = 'text'",
        )?;
        let rows = st.query_map([], |r| {
            Ok(PartyRow {
                name: r.get(0)?,
                party_type: r
                    .get::<_, Option<String>>(1)?
                    .and_then(|t| crate::model::PartyType::parse(&t)),
                id_no: r
                    .get::<_, Option<rusqlite::types::Value>>(2)?
                    .and_then(|v| match v {
                        rusqlite::types::Value::Text(t) => Some(t),
                        _ => None,
                    }),
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Number of files in the database.
    pub fn count_cases(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM case_files", [], |r| r.get(0))?)
    }

    /// The case list of a batch, optionally of one department, by case number.
    pub fn case_rows(&self, batch: i64, department: Option<&str>) -> Result<Vec<CaseRow>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {CASE_ROW_COLUMNS}
                 FROM reviews r JOIN case_files c ON c.id = r.case_id
                 WHERE r.batch_id = ?1 AND (?2 IS NULL OR c.department = ?2)
                 ORDER BY c.department, c.sort_key"
        ))?;
        let rows = st.query_map(rusqlite::params![batch, department], case_row)?;
        rows.map(|r| r?).collect()
    }
}

/// The columns [`case_row`] reads, in its order.
pub(super) const CASE_ROW_COLUMNS: &str =
    "c.id, c.case_no, c.department, c.kind, c.title, c.party_name,
    r.status, r.reviewer, r.score, r.grade, r.findings, r.suggested,
    EXISTS (SELECT 1 FROM review_flags g WHERE g.batch_id = r.batch_id
            AND g.case_id = r.case_id AND g.vetoed = 1),
    EXISTS (SELECT 1 FROM review_teams t WHERE t.batch_id = r.batch_id
            AND t.case_id = r.case_id AND t.return_remark IS NOT NULL)";

/// The one mapping of a case-list row; an unknown kind, status or grade is
/// reported as corrupt data, never defaulted.
pub(super) fn case_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Result<CaseRow>> {
    let case_no: String = r.get(1)?;
    let kind: String = r.get(3)?;
    let status: String = r.get(6)?;
    let grade: Option<String> = r.get(9)?;
    let row = CaseRow {
        id: r.get(0)?,
        department: r.get(2)?,
        title: r.get(4)?,
        party: r.get(5)?,
        reviewer: r.get(7)?,
        score: r.get(8)?,
        findings: r.get(10)?,
        suggested: r.get(11)?,
        vetoed: r.get(12)?,
        returned: r.get(13)?,
        kind: CaseKind::Other,
        status: ReviewStatus::NotStarted,
        grade: None,
        case_no: case_no.clone(),
    };
    let checked = (|| {
        Ok(CaseRow {
            kind: CaseKind::parse(&kind).ok_or_else(|| corrupt(&case_no, "kind", &kind))?,
            status: ReviewStatus::parse(&status)
                .ok_or_else(|| corrupt(&case_no, "status", &status))?,
            grade: match &grade {
                Some(g) => Some(Grade::parse(g).ok_or_else(|| corrupt(&case_no, "grade", g))?),
                None => None,
            },
            ..row
        })
    })();
    Ok(checked)
}

pub(super) fn parse_case(case_no: &str, json: &str) -> Result<CaseFile> {
    serde_json::from_str(json).map_err(|e| StoreError::Corrupt {
        what: format!("案卷 {case_no}"),
        detail: e.to_string(),
    })
}

pub(super) fn corrupt(case_no: &str, field: &str, value: &str) -> StoreError {
    StoreError::Corrupt {
        what: format!("案卷 {case_no} 的 {field}"),
        detail: format!("未知取值“{value}”"),
    }
}

impl<'a> Db<'a> {
    /// The case number of a file id.
    pub fn case_no_of(&self, id: i64) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached("SELECT case_no FROM case_files WHERE id = ?1")?
            .query_row([id], |r| r.get(0))?)
    }
}

/// One file's party, as the masking of documents needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyRow {
    pub name: String,
    pub party_type: Option<crate::model::PartyType>,
    pub id_no: Option<String>,
}

impl<'a> TxDb<'a> {
    /// Inserts a new file or updates it in place when its content changed.
    pub fn upsert_case(&self, case: &CaseFile, json: &str, hash: &str) -> Result<UpsertOutcome> {
        let ts = now().to_rfc3339();
        let inserted = self
            .conn
            .prepare_cached(
                "INSERT INTO case_files (case_no, department, kind, title, party_name,
                 json, content_hash, imported_at, updated_at, sort_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)
                 ON CONFLICT (case_no) DO NOTHING",
            )?
            .execute(params![
                case.case_no,
                case.department,
                case.kind.label(),
                case.title,
                case.party_name(),
                json,
                hash,
                ts,
                crate::model::natural_key(&case.case_no)
            ])?;
        if inserted == 1 {
            return Ok(UpsertOutcome::Inserted(self.conn.last_insert_rowid()));
        }
        let (id, old): (i64, String) = self
            .conn
            .prepare_cached("SELECT id, content_hash FROM case_files WHERE case_no = ?1")?
            .query_row([&case.case_no], |r| Ok((r.get(0)?, r.get(1)?)))?;
        if old == hash {
            return Ok(UpsertOutcome::Unchanged(id));
        }
        self.conn
            .prepare_cached(
                "UPDATE case_files SET department=?2, kind=?3, title=?4, party_name=?5,
                 json=?6, content_hash=?7, updated_at=?8 WHERE id=?1",
            )?
            .execute(params![
                id,
                case.department,
                case.kind.label(),
                case.title,
                case.party_name(),
                json,
                hash,
                ts
            ])?;
        Ok(UpsertOutcome::Updated(id))
    }
}
