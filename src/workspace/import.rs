//! Import: validated files in, one transaction, idempotent, checked and scored.

use super::{Workspace, checks, write_score};
use crate::checklist;
use crate::error::{Error, Result};
use crate::model::CaseFile;
use crate::scoring;
use crate::store::{AutoSync, CachedScore, UpsertOutcome};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::PathBuf;

/// What an import did: 新增 / 更新 / 未变, and the checks it ran.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportReport {
    /// 新增
    pub inserted: usize,
    /// 更新
    pub updated: usize,
    /// 未变
    pub unchanged: usize,
    /// Warnings (unknown stages, decoded encodings …), one line each.
    pub warnings: Vec<String>,
    /// What the automatic checks did to the new and changed files.
    pub checks: AutoSync,
}

/// The canonical JSON of a file and its content hash; an error (never an
/// empty record) when the file cannot be serialised.
pub(crate) fn canonical(case: &CaseFile) -> Result<(String, String)> {
    let json = serde_json::to_string(case).map_err(|source| Error::Serialize {
        what: "案卷",
        source,
    })?;
    let hex = content_hash(&json);
    Ok((json, hex))
}

/// The content hash of a file's canonical JSON: the first 16 bytes of its
/// SHA-256, hex.
pub(crate) fn content_hash(json: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hash = Sha256::digest(json.as_bytes());
    let mut hex = String::with_capacity(32);
    for b in hash.iter().take(16) {
        hex.push(HEX[usize::from(b >> 4)] as char);
        hex.push(HEX[usize::from(b & 0xf)] as char);
    }
    hex
}

impl Workspace {
    /// Reads, validates and stores files and folders. Everything or nothing:
    /// when any record is wrong, nothing is stored.
    pub fn import_paths(&mut self, paths: &[PathBuf]) -> Result<ImportReport> {
        self.import_paths_checked(paths, true)
    }

    /// [`Self::import_paths`], the checks run only when `run_checks`
    /// (every file is scored either way, and a large `.jsonl` is streamed
    /// either way).
    pub fn import_paths_checked(
        &mut self,
        paths: &[PathBuf],
        run_checks: bool,
    ) -> Result<ImportReport> {
        let loaded = crate::import::load_paths(paths)?;
        let cases: Vec<CaseFile> = loaded.cases.into_iter().map(|(c, _)| c).collect();
        let mut report = self.import_all(&cases, &loaded.streamed, run_checks, |_| Ok(()))?;
        report.warnings = loaded.warnings.iter().map(|w| w.to_string()).collect();
        Ok(report)
    }

    /// Stores already validated files in one transaction; new and changed
    /// files are checked (when `run_checks`) and scored.
    pub fn import_cases(&mut self, cases: &[CaseFile], run_checks: bool) -> Result<ImportReport> {
        self.import_all(cases, &[], run_checks, |_| Ok(()))
    }

    /// [`Self::import_cases`] with `also` run inside the same transaction
    /// before it commits (the entry form records a new file and drops its
    /// draft in the same step).
    pub(crate) fn import_cases_with(
        &mut self,
        cases: &[CaseFile],
        run_checks: bool,
        also: impl FnOnce(crate::store::TxDb<'_>) -> Result<()>,
    ) -> Result<ImportReport> {
        self.import_all(cases, &[], run_checks, also)
    }

    /// `cases`, then every record of the `streamed` files (read again one
    /// at a time), then `also`, in one transaction: any failure stores
    /// nothing.
    fn import_all(
        &mut self,
        cases: &[CaseFile],
        streamed: &[crate::import::Streamed],
        run_checks: bool,
        also: impl FnOnce(crate::store::TxDb<'_>) -> Result<()>,
    ) -> Result<ImportReport> {
        let mut report = ImportReport::default();
        let batch = self.batch;
        let tx = self.store.tx()?;
        let db = tx.db();
        let all_scope = db.all_scope_batches()?;
        let current_all = all_scope.contains(&batch);
        // `json`: the file's canonical JSON when the caller already has it.
        let one = |case: &CaseFile, json: Option<&str>, report: &mut ImportReport| -> Result<()> {
            let (json, hash) = match json {
                Some(j) => (std::borrow::Cow::Borrowed(j), content_hash(j)),
                None => {
                    let (j, h) = canonical(case)?;
                    (std::borrow::Cow::Owned(j), h)
                }
            };
            let outcome = db.upsert_case(case, &json, &hash)?;
            let id = outcome.id();
            if let UpsertOutcome::Inserted(_) = outcome {
                // Fast path: a new file has no findings anywhere yet.
                report.inserted += 1;
                for b in all_scope.iter().filter(|b| **b != batch) {
                    db.add_to_batch(*b, id)?;
                }
                if !current_all {
                    return Ok(());
                }
                let raised = if run_checks {
                    checks::raise(&self.grading, &self.calendar, &self.profile, case)
                } else {
                    Vec::new()
                };
                let cached = checklist::general_for(&self.grading, case.kind).map(|c| {
                    let r = scoring::score(c, case, &[]);
                    (c.id.as_str(), r.score, r.grade)
                });
                db.insert_review_scored(
                    batch,
                    id,
                    cached
                        .map(|(checklist, score, grade)| CachedScore {
                            checklist,
                            score,
                            grade,
                            findings: 0,
                            suggested: raised.len() as i64,
                        })
                        .as_ref(),
                )?;
                if !raised.is_empty() {
                    let sync = db.sync_auto_new(batch, id, &case.case_no, &hash, &raised)?;
                    report.checks.added += sync.added;
                }
                return Ok(());
            }
            let mut joined = false;
            for b in &all_scope {
                joined |= db.add_to_batch(*b, id)? && *b == batch;
            }
            let changed = match outcome {
                UpsertOutcome::Updated(_) => {
                    report.updated += 1;
                    true
                }
                _ => {
                    report.unchanged += 1;
                    joined
                }
            };
            if !changed || !db.in_batch(batch, id)? {
                return Ok(());
            }
            if run_checks {
                let raised = checks::raise(&self.grading, &self.calendar, &self.profile, case);
                let sync = db.sync_auto(batch, id, &case.case_no, &hash, &raised)?;
                report.checks.added += sync.added;
                report.checks.kept += sync.kept;
                report.checks.reopened += sync.reopened;
                report.checks.removed += sync.removed;
            }
            let findings = db.findings(batch, Some(id))?;
            write_score(&self.grading, batch, db, id, case, &findings)?;
            Ok(())
        };
        // The audit rows of a long import are sealed every few thousand
        // files, while their pages are still in the cache.
        const SEAL_EVERY: usize = 2048;
        let mut stored = 0usize;
        let mut one = |case: &CaseFile, json: Option<&str>, report: &mut ImportReport| {
            one(case, json, report)?;
            stored += 1;
            if stored.is_multiple_of(SEAL_EVERY) {
                tx.seal_so_far()?;
            }
            Ok::<(), Error>(())
        };
        for case in cases {
            one(case, None, &mut report)?;
        }
        for s in streamed {
            crate::import::replay(s, |case, json| one(&case, json, &mut report))?;
        }
        also(db)?;
        tx.commit()?;
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_import_sealed_in_parts_verifies_as_one_chain() {
        let mut ws = Workspace::open_in_memory().unwrap();
        let cases: Vec<CaseFile> = crate::demo::generate_bulk(5, 2_100).collect();
        let before = ws.verify_audit(None).unwrap().rows;
        let r = ws.import_cases(&cases, true).unwrap();
        assert_eq!(r.inserted, 2_100);
        let rep = ws.verify_audit(None).unwrap();
        assert!(
            rep.problems.is_empty(),
            "{:?}",
            &rep.problems[..rep.problems.len().min(3)]
        );
        assert!(rep.rows > before + 2_100, "every file's rows on the chain");
    }
}
