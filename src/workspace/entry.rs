//! Files entered at the terminal or by `case new`, corrected by the form or
//! `case edit`: validated as import validates, stored through the import's
//! one transaction (checks re-run, suggestions withdrawn when no longer
//! raised), recorded on the audit trail, and drafts kept as typed.

use super::{Workspace, checks};
use crate::entry::{Draft, apply_set};
use crate::error::{Error, Result};
use crate::import::{ImportError, ImportIssue, Locator};
use crate::model::{CaseFile, Suggestion};
use crate::store::AutoSync;
use serde::Serialize;
use std::path::Path;

/// The draft slot of a new file.
pub const NEW_SLOT: &str = "新建";

/// The draft slot of a stored file being corrected.
pub fn edit_slot(case_no: &str) -> String {
    format!("修改:{case_no}")
}

/// What storing an entered or corrected file did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EntryReport {
    pub case_no: String,
    /// The content changed (false: the correction changed nothing).
    pub changed: bool,
    /// Warnings of the validation (unknown stages …), one line each.
    pub warnings: Vec<String>,
    pub checks: AutoSync,
    /// Suggestions raised on the file now.
    pub suggestions: Vec<Suggestion>,
    /// Confirmed findings whose basis changed (the checks no longer raise
    /// them on the corrected file): kept, for the reviewer to look at again.
    pub basis_changed: Vec<String>,
}

fn refuse(source: &Path, case_no: &str, field: &str, message: String) -> Error {
    Error::Import(ImportError::Invalid(vec![
        ImportIssue::new(source, Locator::Whole, message)
            .case_no(Some(case_no))
            .field(field),
    ]))
}

impl Workspace {
    /// Is a case number taken?
    pub fn case_exists(&self, case_no: &str) -> Result<bool> {
        Ok(self.store.db().case_id(case_no.trim())?.is_some())
    }

    /// 待录入: the batch's files that came from a ledger with only its facts.
    pub fn ledger_cases(&self) -> Result<Vec<String>> {
        Ok(self.store.db().ledger_cases(self.batch)?)
    }

    /// Departments of the stored files, most files first.
    pub fn departments(&self) -> Result<Vec<String>> {
        Ok(self.store.db().departments()?)
    }

    /// The suggestions the checks raise on a file (the entry form's checks
    /// while typing; nothing is stored).
    pub fn check_file(&self, case: &CaseFile) -> Vec<Suggestion> {
        checks::raise(&self.grading, &self.calendar, &self.profile, case)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    }

    /// Stores a new, validated file: refused when its case number is taken.
    /// One transaction: the file, its checks and score, the audit row, and
    /// the draft `slot` dropped.
    pub fn create_case(
        &mut self,
        case: &CaseFile,
        source: &Path,
        slot: Option<&str>,
    ) -> Result<EntryReport> {
        if self.case_exists(&case.case_no)? {
            return Err(refuse(
                source,
                &case.case_no,
                "case_no",
                format!(
                    "案号“{}”已存在，不能新建；修改已有案卷请用 `pingcha case edit '{}' --set 字段=值`，或在案卷详情中按 M",
                    case.case_no, case.case_no
                ),
            ));
        }
        let imported = self.import_cases_with(std::slice::from_ref(case), true, |db| {
            if let Some(s) = slot {
                db.delete_draft(s)?;
            }
            Ok(())
        })?;
        self.entry_report(
            case,
            imported.inserted + imported.updated > 0,
            imported.checks,
        )
    }

    /// Replaces a stored file by its corrected version (same case number);
    /// one transaction; the content change is on the audit trail.
    pub fn replace_case(
        &mut self,
        case: &CaseFile,
        source: &Path,
        slot: Option<&str>,
    ) -> Result<EntryReport> {
        if !self.case_exists(&case.case_no)? {
            return Err(refuse(
                source,
                &case.case_no,
                "case_no",
                format!(
                    "没有案号为“{}”的案卷；案号不能在修改时更改（新案卷请用 `pingcha case new`）",
                    case.case_no
                ),
            ));
        }
        let imported = self.import_cases_with(std::slice::from_ref(case), true, |db| {
            if let Some(s) = slot {
                db.delete_draft(s)?;
            }
            Ok(())
        })?;
        self.entry_report(case, imported.updated > 0, imported.checks)
    }

    fn entry_report(
        &self,
        case: &CaseFile,
        changed: bool,
        checks: AutoSync,
    ) -> Result<EntryReport> {
        let db = self.store.db();
        let (id, _, hash) = db
            .load_case(&case.case_no)?
            .ok_or_else(|| Error::UnknownCase(case.case_no.clone()))?;
        let basis_changed = db
            .stale_confirmed(self.batch, id, &hash)?
            .into_iter()
            .map(|(_, note)| note)
            .collect();
        Ok(EntryReport {
            case_no: case.case_no.clone(),
            changed,
            warnings: Vec::new(),
            checks,
            suggestions: self.check_file(case),
            basis_changed,
        })
    }

    /// `case edit CASE_NO --set path=value …`: the stored record with the
    /// changes applied, validated as import validates, stored as
    /// [`Self::replace_case`] does.
    pub fn edit_case(&mut self, case_no: &str, sets: &[(String, String)]) -> Result<EntryReport> {
        let (_, case, _) = self
            .store
            .db()
            .load_case(case_no)?
            .ok_or_else(|| Error::UnknownCase(case_no.to_string()))?;
        let source = Path::new("--set");
        let mut record = serde_json::to_value(&case).map_err(|source| Error::Serialize {
            what: "案卷",
            source,
        })?;
        let mut problems = Vec::new();
        for (path, value) in sets {
            if path == "case_no" {
                problems.push(
                    ImportIssue::new(
                        source,
                        Locator::Whole,
                        "案号是案卷的标识，不能用 case edit 修改",
                    )
                    .case_no(Some(case_no))
                    .field(path.as_str()),
                );
            } else if let Err(m) = apply_set(&mut record, path, value) {
                problems.push(
                    ImportIssue::new(source, Locator::Whole, m)
                        .case_no(Some(case_no))
                        .field(path.as_str()),
                );
            }
        }
        if !problems.is_empty() {
            return Err(ImportError::Invalid(problems).into());
        }
        let (edited, warnings) = crate::import::validate_record(source, record)?;
        let mut report = self.replace_case(&edited, source, None)?;
        report.warnings = warnings.iter().map(|w| w.to_string()).collect();
        Ok(report)
    }

    /// Keeps a draft as typed (every change of the entry form).
    pub fn save_draft(&self, slot: &str, draft: &Draft) -> Result<()> {
        let json = serde_json::to_string(draft).map_err(|source| Error::Serialize {
            what: "录入草稿",
            source,
        })?;
        let tx = self.store.tx()?;
        tx.db().save_draft(slot, &json)?;
        Ok(tx.commit()?)
    }

    /// The draft kept in a slot, with when it was saved.
    pub fn draft(&self, slot: &str) -> Result<Option<(Draft, String)>> {
        Ok(self
            .store
            .db()
            .draft(slot)?
            .and_then(|(json, at)| serde_json::from_str(&json).ok().map(|d| (d, at))))
    }

    pub fn discard_draft(&self, slot: &str) -> Result<()> {
        let tx = self.store.tx()?;
        tx.db().delete_draft(slot)?;
        Ok(tx.commit()?)
    }
}
