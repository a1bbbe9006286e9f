//! Running the automatic procedure checks and storing their suggestions.

use super::{Workspace, rescore};
use crate::calendar::Calendar;
use crate::checklist::{self, Checklist};
use crate::error::{Error, Result};
use crate::model::{CaseFile, Suggestion};
use crate::rules::{self, Profile};
use crate::store::AutoSync;
use serde::Serialize;

/// What `check` found and did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    /// The profile the checks used.
    pub profile: String,
    /// Every suggestion raised, with its file.
    pub suggestions: Vec<(String, Suggestion)>,
    pub sync: AutoSync,
}

/// The suggestions the checks raise on a file, each with the deduction it
/// proposes: the item's points in the file's grading checklist, or nothing
/// for a prompt (a criminal-referral hint, a date the calendar cannot count),
/// which only asks the reviewer to look.
pub(crate) fn raise(
    checklists: &[Checklist],
    cal: &Calendar,
    profile: &Profile,
    case: &CaseFile,
) -> Vec<(Suggestion, f64)> {
    let grading = checklist::general_for(checklists, case.kind);
    rules::run_all(case, cal, profile)
        .into_iter()
        .map(|mut s| {
            // In a special review the special checklist's own item.
            if let Some(c) = grading
                && c.item(&s.item).is_none()
                && let Some(item) = rules::special_item(&s, &c.id, case.kind)
                && c.item(item).is_some()
            {
                s.item = item.to_string();
            }
            let points = if s.prompt_only {
                0.0
            } else {
                grading
                    .and_then(|c| c.item(&s.item))
                    .map(|i| i.points)
                    .unwrap_or(0.0)
            };
            (s, points)
        })
        .collect()
}

impl Workspace {
    /// Runs the checks on the named files (all files of the batch when
    /// empty) and stores their suggestions; one transaction.
    pub fn run_checks(&mut self, case_nos: &[String]) -> Result<CheckReport> {
        let mut targets = Vec::new();
        if case_nos.is_empty() {
            targets = self.store.db().load_batch_cases(self.batch)?;
        } else {
            for no in case_nos {
                let (id, case, hash) = self
                    .store
                    .db()
                    .load_case(no)?
                    .ok_or_else(|| Error::UnknownCase(no.clone()))?;
                if !self.store.db().in_batch(self.batch, id)? {
                    return Err(Error::NotInBatch {
                        case_no: no.clone(),
                    });
                }
                targets.push((id, case, hash));
            }
        }
        let mut report = CheckReport {
            profile: self.profile.name.clone(),
            ..Default::default()
        };
        let tx = self.store.tx()?;
        for (id, case, hash) in &targets {
            let raised = raise(&self.grading, &self.calendar, &self.profile, case);
            let sync = tx
                .db()
                .sync_auto(self.batch, *id, &case.case_no, hash, &raised)?;
            report.sync.added += sync.added;
            report.sync.kept += sync.kept;
            report.sync.reopened += sync.reopened;
            report.sync.removed += sync.removed;
            rescore(&self.grading, self.batch, tx.db(), *id, case)?;
            report
                .suggestions
                .extend(raised.into_iter().map(|(s, _)| (case.case_no.clone(), s)));
        }
        tx.commit()?;
        Ok(report)
    }
}
