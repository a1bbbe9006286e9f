//! A reviewer's offline package: their files of a batch copied into a new
//! SQLite file; the rows a merge compares a returned package with, and the
//! writes it makes (the package itself is read by `package_read`).

use super::package_read::{PackageFinding, PackageMark, PackageReview, read_findings, read_marks};
use super::{Db, Result, TxDb, now};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use std::path::Path;

/// What a merge did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct MergeReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub kept_local: usize,
    pub deleted: usize,
    pub conflicts: usize,
    pub reviews: usize,
    /// When this very package (same signature) was merged before: nothing
    /// was done this time.
    pub already_merged: Option<String>,
    /// Files whose score must be recomputed.
    #[serde(skip)]
    pub touched_cases: Vec<i64>,
}

/// An unresolved conflict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub id: i64,
    pub finding_id: String,
    pub package: String,
    pub local: Option<serde_json::Value>,
    pub theirs: Option<serde_json::Value>,
}

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

impl<'a> Db<'a> {
    /// Copies a reviewer's files of `batch` into the (new, migrated) package at `out`.
    pub fn export_package(&self, out: &Path, batch: i64, reviewer: &str) -> Result<usize> {
        self.conn
            .execute("ATTACH DATABASE ?1 AS pkg", [path_str(out)])?;
        let r = (|| -> Result<usize> {
            let ids =
                "(SELECT case_id FROM main.assignments WHERE batch_id = ?1 AND reviewer = ?2)";
            self.conn.execute("DELETE FROM pkg.batches", [])?;
            self.conn.execute("DELETE FROM pkg.checklists", [])?;
            self.conn.execute(
                "INSERT INTO pkg.batches SELECT * FROM main.batches WHERE id = ?1",
                [batch],
            )?;
            self.conn
                .execute("UPDATE pkg.batches SET is_current = 1", [])?;
            self.conn.execute(
                "INSERT INTO pkg.checklists SELECT * FROM main.checklists",
                [],
            )?;
            // The batch's leaders, so that completing a file offline submits
            // it for their review as it would here.
            self.conn.execute(
                "INSERT INTO pkg.batch_teams SELECT * FROM main.batch_teams WHERE batch_id = ?1",
                [batch],
            )?;
            self.conn
                .execute("INSERT INTO pkg.reviewers SELECT * FROM main.reviewers", [])?;
            let n = self.conn.execute(
                &format!(
                    "INSERT INTO pkg.case_files SELECT * FROM main.case_files WHERE id IN {ids}"
                ),
                params![batch, reviewer],
            )?;
            for t in ["reviews", "findings", "item_marks", "assignments"] {
                self.conn.execute(
                    &format!("INSERT INTO pkg.{t} SELECT * FROM main.{t} WHERE batch_id = ?1 AND case_id IN {ids}"),
                    params![batch, reviewer],
                )?;
            }
            self.conn.execute(
                "INSERT INTO pkg.package_base SELECT id, updated_at FROM pkg.findings",
                [],
            )?;
            for (k, v) in [
                ("reviewer", reviewer.to_string()),
                ("batch", batch.to_string()),
                ("exported_at", now().to_rfc3339()),
            ] {
                self.conn.execute(
                    "INSERT INTO pkg.package_info (key, value) VALUES (?1, ?2)",
                    params![k, v],
                )?;
            }
            Ok(n)
        })();
        self.conn.execute("DETACH DATABASE pkg", [])?;
        r
    }

    /// The ids of the files of `batch` assigned to `reviewer`.
    pub fn assigned_cases(&self, batch: i64, reviewer: &str) -> Result<Vec<i64>> {
        let mut st = self.conn.prepare_cached(
            "SELECT case_id FROM assignments WHERE batch_id = ?1 AND reviewer = ?2 ORDER BY case_id",
        )?;
        let rows = st.query_map(params![batch, reviewer], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A file as stored: (case number, department, content hash, JSON).
    pub fn case_record(&self, id: i64) -> Result<Option<(String, String, String, String)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT case_no, department, content_hash, json FROM case_files WHERE id = ?1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?)
    }

    /// Every column of the findings of a file in a batch.
    pub fn finding_rows(&self, batch: i64, case_id: i64) -> Result<Vec<PackageFinding>> {
        Ok(read_findings(
            self.conn,
            "SELECT * FROM findings WHERE batch_id = ?1 AND case_id = ?2 ORDER BY id",
            params![batch, case_id],
        )?)
    }

    /// Every column of a finding by id, in any batch.
    pub fn finding_row(&self, id: &str) -> Result<Option<PackageFinding>> {
        Ok(
            read_findings(self.conn, "SELECT * FROM findings WHERE id = ?1", [id])?
                .into_iter()
                .next(),
        )
    }

    /// The review row of a file in a batch, as a package carries it.
    pub fn review_row(&self, batch: i64, case_id: i64) -> Result<Option<PackageReview>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT batch_id, case_id, status, reviewer, completed_at, updated_at FROM reviews
                 WHERE batch_id = ?1 AND case_id = ?2",
            )?
            .query_row(params![batch, case_id], |r| {
                Ok(PackageReview {
                    batch_id: r.get(0)?,
                    case_id: r.get(1)?,
                    status: r.get(2)?,
                    reviewer: r.get(3)?,
                    completed_at: r.get(4)?,
                    updated_at: r.get(5)?,
                })
            })
            .optional()?)
    }

    /// The item marks of a file in a batch with who made them and when.
    pub fn mark_rows(&self, batch: i64, case_id: i64) -> Result<Vec<PackageMark>> {
        Ok(read_marks(
            self.conn,
            "SELECT * FROM item_marks WHERE batch_id = ?1 AND case_id = ?2",
            params![batch, case_id],
        )?)
    }

    /// The `updated_at` a finding had when it was deleted here (from the
    /// audit record), if it ever was.
    pub fn deleted_finding(&self, id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce(json_extract(before, '$.updated_at'), '') FROM audit_log
                 WHERE tbl = 'findings' AND op = 'delete' AND row_key = ?1 ORDER BY seq DESC LIMIT 1",
            )?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// When a package with this signature was merged, if it was.
    pub fn package_merged_at(&self, signature: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT merged_at FROM package_merges WHERE signature = ?1")?
            .query_row([signature], |r| r.get(0))
            .optional()?)
    }

    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut st = self.conn.prepare(
            "SELECT id, finding_id, package, local, theirs FROM package_conflicts WHERE status = 'open' ORDER BY id",
        )?;
        let rows = st.query_map([], |r| {
            let js = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
            Ok(Conflict {
                id: r.get(0)?,
                finding_id: r.get(1)?,
                package: r.get(2)?,
                local: js(r.get(3)?),
                theirs: js(r.get(4)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// A finding as a conflict shows it.
pub fn finding_json(f: &PackageFinding) -> String {
    serde_json::json!({
        "id": f.id, "item": f.item, "deduction": f.deduction, "note": f.note, "page": f.page,
        "reviewer": f.reviewer, "status": f.status, "source": f.source, "rule": f.rule,
        "updated_at": f.updated_at, "count": f.count,
    })
    .to_string()
}

impl<'a> TxDb<'a> {
    /// Stores a finding a package added.
    pub fn insert_package_finding(&self, f: &PackageFinding) -> Result<()> {
        self.conn.prepare_cached(
            "INSERT INTO findings (id, batch_id, case_id, item, deduction, note, page, reviewer, status, source,
               rule, basis, case_hash, created_at, updated_at, count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        )?
        .execute(params![
            f.id, f.batch_id, f.case_id, f.item, f.deduction, f.note, f.page, f.reviewer, f.status,
            f.source, f.rule, f.basis, f.case_hash, f.created_at, f.updated_at, f.count
        ])?;
        Ok(())
    }

    /// Takes a package's version of a finding (its review fields only).
    pub fn take_package_finding(&self, f: &PackageFinding) -> Result<()> {
        self.conn.prepare_cached(
            "UPDATE findings SET item = ?2, deduction = ?3, note = ?4, page = ?5, reviewer = ?6, status = ?7,
               updated_at = ?8, count = ?9 WHERE id = ?1",
        )?
        .execute(params![f.id, f.item, f.deduction, f.note, f.page, f.reviewer, f.status, f.updated_at, f.count])?;
        Ok(())
    }

    /// Keeps a conflict for a person to resolve (once per distinct pair).
    pub fn record_conflict(
        &self,
        id: &str,
        package: &str,
        local: Option<&str>,
        theirs: Option<&str>,
    ) -> Result<bool> {
        let open: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM package_conflicts WHERE finding_id = ?1 AND status = 'open' AND local IS ?2 AND theirs IS ?3",
                params![id, local, theirs],
                |r| r.get(0),
            )
            .optional()?;
        if open.is_none() {
            self.conn.execute(
                "INSERT INTO package_conflicts (finding_id, package, local, theirs, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, package, local, theirs, now().to_rfc3339()],
            )?;
        }
        Ok(open.is_none())
    }

    /// Takes a package's review status, reviewer and completion time.
    pub fn take_package_review(&self, r: &PackageReview) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE reviews SET status = ?3, reviewer = ?4, completed_at = ?5, updated_at = ?6
             WHERE batch_id = ?1 AND case_id = ?2",
            params![
                r.batch_id,
                r.case_id,
                r.status,
                r.reviewer,
                r.completed_at,
                r.updated_at
            ],
        )? > 0)
    }

    /// Takes a package's item mark.
    pub fn take_package_mark(&self, m: &PackageMark) -> Result<()> {
        self.conn.execute(
            "INSERT INTO item_marks (batch_id, case_id, item, mark, reviewer, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (batch_id, case_id, item) DO UPDATE SET mark = excluded.mark, reviewer = excluded.reviewer,
               updated_at = excluded.updated_at",
            params![m.batch_id, m.case_id, m.item, m.mark, m.reviewer, m.updated_at],
        )?;
        Ok(())
    }

    /// Remembers a merged package by its signature.
    pub fn record_package_merge(&self, signature: &str, reviewer: &str, batch: i64) -> Result<()> {
        self.conn.execute(
            "INSERT OR IGNORE INTO package_merges (signature, reviewer, batch_id, merged_at) VALUES (?1, ?2, ?3, ?4)",
            params![signature, reviewer, batch, now().to_rfc3339()],
        )?;
        Ok(())
    }

    pub fn close_conflict(&self, id: i64, how: &str) -> Result<bool> {
        Ok(self.conn.execute(
            "UPDATE package_conflicts SET status = ?2 WHERE id = ?1 AND status = 'open'",
            params![id, how],
        )? > 0)
    }
}
