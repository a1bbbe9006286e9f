//! A reviewer's offline package: their files of a batch copied into a new
//! SQLite file, and the three-way merge back.
//!
//! Merge rule per finding (base = its `updated_at` at export):
//! - only in the package and not in the base → added here;
//! - the same `updated_at` on both sides → unchanged;
//! - changed only in the package (here still = base) → taken;
//! - changed only here (package still = base) → kept;
//! - changed on both sides, or deleted on one and edited on the other → a
//!   conflict kept in `package_conflicts` for a person to resolve; nothing
//!   is dropped.

use super::{Db, Result, StoreError, now};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;
use std::collections::HashMap;
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

const FINDING_JSON: &str =
    "json_object('id', f.id, 'item', f.item, 'deduction', f.deduction, 'note', f.note,
    'page', f.page, 'reviewer', f.reviewer, 'status', f.status, 'source', f.source, 'rule', f.rule,
    'updated_at', f.updated_at)";

fn path_str(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

impl<'a> Db<'a> {
    /// Copies a reviewer's files of `batch` into the (new, migrated) package at `out`.
    pub fn export_package(&self, out: &Path, batch: i64, reviewer: &str) -> Result<usize> {
        self.c
            .execute("ATTACH DATABASE ?1 AS pkg", [path_str(out)])?;
        let r = (|| -> Result<usize> {
            let ids =
                "(SELECT case_id FROM main.assignments WHERE batch_id = ?1 AND reviewer = ?2)";
            self.c.execute("DELETE FROM pkg.batches", [])?;
            self.c.execute("DELETE FROM pkg.checklists", [])?;
            self.c.execute(
                "INSERT INTO pkg.batches SELECT * FROM main.batches WHERE id = ?1",
                [batch],
            )?;
            self.c
                .execute("UPDATE pkg.batches SET is_current = 1", [])?;
            self.c.execute(
                "INSERT INTO pkg.checklists SELECT * FROM main.checklists",
                [],
            )?;
            self.c
                .execute("INSERT INTO pkg.reviewers SELECT * FROM main.reviewers", [])?;
            let n = self.c.execute(
                &format!(
                    "INSERT INTO pkg.case_files SELECT * FROM main.case_files WHERE id IN {ids}"
                ),
                params![batch, reviewer],
            )?;
            for t in ["reviews", "findings", "item_marks", "assignments"] {
                self.c.execute(
                    &format!("INSERT INTO pkg.{t} SELECT * FROM main.{t} WHERE batch_id = ?1 AND case_id IN {ids}"),
                    params![batch, reviewer],
                )?;
            }
            self.c.execute(
                "INSERT INTO pkg.package_base SELECT id, updated_at FROM pkg.findings",
                [],
            )?;
            for (k, v) in [
                ("reviewer", reviewer.to_string()),
                ("batch", batch.to_string()),
                ("exported_at", now().to_rfc3339()),
            ] {
                self.c.execute(
                    "INSERT INTO pkg.package_info (key, value) VALUES (?1, ?2)",
                    params![k, v],
                )?;
            }
            Ok(n)
        })();
        self.c.execute("DETACH DATABASE pkg", [])?;
        r
    }

    /// Attaches a package as schema `pkg` (outside any transaction).
    pub fn attach_package(&self, package: &Path) -> Result<()> {
        self.c
            .execute("ATTACH DATABASE ?1 AS pkg", [path_str(package)])?;
        Ok(())
    }

    pub fn detach_package(&self) -> Result<()> {
        self.c.execute("DETACH DATABASE pkg", [])?;
        Ok(())
    }

    /// Merges the attached package into `batch` (inside the caller's transaction).
    pub fn merge_attached(&self, name: &str, batch: i64) -> Result<MergeReport> {
        let pkg_batch: Option<String> = self
            .c
            .query_row(
                "SELECT value FROM pkg.package_info WHERE key = 'batch'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|_| StoreError::NotFound(format!("{name} 不是 pingcha 导出的评查包")))?;
        if pkg_batch.as_deref() != Some(batch.to_string().as_str()) {
            return Err(StoreError::NotFound(format!(
                "评查包 {name} 属于批次 {}，不是当前批次 {batch}；请用 --batch 指定",
                pkg_batch.unwrap_or_else(|| "?".into())
            )));
        }
        let base: HashMap<String, String> = self
            .c
            .prepare("SELECT finding_id, updated_at FROM pkg.package_base")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let read = |schema: &str| -> Result<HashMap<String, (i64, String, String)>> {
            let sql = format!(
                "SELECT f.id, f.case_id, f.updated_at, {FINDING_JSON} FROM {schema}.findings f
                 WHERE f.batch_id = ?1 AND f.case_id IN (SELECT id FROM pkg.case_files)"
            );
            let mut st = self.c.prepare(&sql)?;
            let rows = st.query_map([batch], |r| {
                Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?, r.get(3)?)))
            })?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let theirs = read("pkg")?;
        let local = read("main")?;
        let mut rep = MergeReport::default();
        let conflict = |id: &str, l: Option<&str>, t: Option<&str>| -> Result<()> {
            let open: Option<i64> = self
                .c
                .query_row(
                    "SELECT id FROM package_conflicts WHERE finding_id = ?1 AND status = 'open' AND local IS ?2 AND theirs IS ?3",
                    params![id, l, t],
                    |r| r.get(0),
                )
                .optional()?;
            if open.is_none() {
                self.c.execute(
                    "INSERT INTO package_conflicts (finding_id, package, local, theirs, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![id, name, l, t, now().to_rfc3339()],
                )?;
            }
            Ok(())
        };
        for (id, (case_id, t_upd, t_json)) in &theirs {
            let b = base.get(id);
            match local.get(id) {
                None if b.is_none() => {
                    self.c.execute(
                        "INSERT INTO main.findings SELECT * FROM pkg.findings WHERE id = ?1",
                        [id],
                    )?;
                    rep.added += 1;
                    rep.touched_cases.push(*case_id);
                }
                None if b == Some(t_upd) => rep.kept_local += 1, // deleted here, untouched there
                None => {
                    conflict(id, None, Some(t_json))?;
                    rep.conflicts += 1;
                }
                Some((_, l_upd, _)) if l_upd == t_upd => rep.unchanged += 1,
                Some((_, l_upd, _)) if Some(l_upd) == b => {
                    self.take_theirs(id)?;
                    rep.updated += 1;
                    rep.touched_cases.push(*case_id);
                }
                Some(_) if b == Some(t_upd) => rep.kept_local += 1,
                Some((_, _, l_json)) => {
                    conflict(id, Some(l_json), Some(t_json))?;
                    rep.conflicts += 1;
                }
            }
        }
        for (id, b_upd) in &base {
            if theirs.contains_key(id) {
                continue; // deleted in the package
            }
            match local.get(id) {
                Some((case_id, l_upd, _)) if l_upd == b_upd => {
                    self.c
                        .execute("DELETE FROM main.findings WHERE id = ?1", [id])?;
                    rep.deleted += 1;
                    rep.touched_cases.push(*case_id);
                }
                Some((_, _, l_json)) => {
                    conflict(id, Some(l_json), None)?;
                    rep.conflicts += 1;
                }
                None => {}
            }
        }
        // Review status, reviewer and marks: the newer side wins.
        rep.reviews = self.c.execute(
            "UPDATE main.reviews AS m SET status = p.status, reviewer = p.reviewer, completed_at = p.completed_at,
               updated_at = p.updated_at
             FROM pkg.reviews AS p
             WHERE p.batch_id = m.batch_id AND p.case_id = m.case_id AND m.batch_id = ?1 AND p.updated_at > m.updated_at",
            [batch],
        )?;
        self.c.execute(
            "INSERT INTO main.item_marks SELECT * FROM pkg.item_marks WHERE batch_id = ?1
             ON CONFLICT (batch_id, case_id, item) DO UPDATE SET mark = excluded.mark, reviewer = excluded.reviewer,
               updated_at = excluded.updated_at WHERE excluded.updated_at > item_marks.updated_at",
            [batch],
        )?;
        let mut ids: Vec<i64> = self
            .c
            .prepare("SELECT id FROM pkg.case_files")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        rep.touched_cases.append(&mut ids);
        rep.touched_cases.sort_unstable();
        rep.touched_cases.dedup();
        Ok(rep)
    }

    fn take_theirs(&self, id: &str) -> Result<()> {
        self.c.execute(
            "UPDATE main.findings AS m SET item = p.item, deduction = p.deduction, note = p.note, page = p.page,
               reviewer = p.reviewer, status = p.status, updated_at = p.updated_at
             FROM pkg.findings AS p WHERE p.id = m.id AND m.id = ?1",
            [id],
        )?;
        Ok(())
    }

    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut st = self.c.prepare(
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

    pub fn close_conflict(&self, id: i64, how: &str) -> Result<bool> {
        Ok(self.c.execute(
            "UPDATE package_conflicts SET status = ?2 WHERE id = ?1 AND status = 'open'",
            params![id, how],
        )? > 0)
    }
}
