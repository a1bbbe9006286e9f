//! Drafting and issuing the panel's documents: what `pingcha report`,
//! `pingcha report issue` and the TUI's summary key do. Drafting writes
//! and records nothing; issuing takes the 文号 from the register, dates the
//! documents, registers the rectification follow-up and prints the audit
//! chain's head on every document.

use super::Workspace;
use crate::error::{Error, Result};
use crate::report::compose::{Composer, Issue, Numbered};
use crate::report::settings::Settings;
use crate::report::{Options, Written};
use std::path::{Path, PathBuf};

/// How a run treats its documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunMode {
    /// Assign 文号, register the documents and the follow-up.
    pub issue: bool,
    /// 征求意见稿: every page says so; the bulletin may be written while
    /// the review is unfinished.
    pub draft: bool,
}

/// What one run wrote.
#[derive(Debug, Clone)]
pub struct DocumentsWritten {
    pub written: Vec<Written>,
    /// Rectifications registered (new or superseding an earlier one).
    pub notices_recorded: usize,
    /// Their due date, when any was registered.
    pub due: Option<chrono::NaiveDate>,
    /// Files of the batch not yet completed (no score sheet, not counted).
    pub pending: usize,
    /// The 文号 assigned, by document.
    pub numbers: Vec<(String, String)>,
    /// The audit chain's head printed on the documents.
    pub digest: Option<String>,
    /// Why the documents were written as 征求意见稿 (the review is unfinished).
    pub bulletin_refused: Option<String>,
}

impl DocumentsWritten {
    pub fn count(&self, kind: &str) -> usize {
        self.written.iter().filter(|w| w.kind == kind).count()
    }
}

impl Workspace {
    /// The folder beside the database where a bureau keeps `report.toml`
    /// and `templates/` to adapt the documents.
    pub fn data_dir(&self) -> PathBuf {
        let db = self.store.path();
        let parent = db
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        parent.join("data")
    }

    /// The report settings (`--settings`, or `data/report.toml` beside the
    /// database, or the built-in ones).
    pub fn report_settings(&self, settings_file: Option<&Path>) -> Result<Settings> {
        Settings::load(settings_file, Some(&self.data_dir())).map_err(|e| Error::Report(e.into()))
    }

    /// Writes the batch's documents as `opts` says. A draft run records
    /// nothing; an issuing run numbers, registers and follows up. The
    /// bulletin is refused while the review is unfinished, unless `draft`.
    pub fn write_documents(
        &mut self,
        opts: &Options,
        settings_file: Option<&Path>,
        mode: RunMode,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<DocumentsWritten> {
        let settings = self.report_settings(settings_file)?;
        // An issued document anchors the record: never one that was edited
        // behind pingcha's back.
        if mode.issue {
            let audit = self.verify_audit(None)?;
            if !audit.problems.is_empty() {
                let mut examples: Vec<&str> = audit
                    .problems
                    .iter()
                    .take(2)
                    .map(|p| p.what.as_str())
                    .collect();
                if audit.problems.len() > 2 {
                    examples.push("…");
                }
                return Err(Error::TamperedRecord {
                    count: audit.problems.len(),
                    examples: examples.join("；"),
                });
            }
        }
        let data = self.report_data()?;
        let jobs = crate::report::plan(&data, &settings, opts)?;
        let unfinished = !data.pending.is_empty() || data.scope.suggestions_pending > 0;
        let mut bulletin_refused = None;
        let mut skip_bulletin = false;
        if unfinished {
            let mut examples: Vec<&str> = data.pending.iter().take(3).map(String::as_str).collect();
            if data.pending.len() > 3 {
                examples.push("…");
            }
            let examples = if examples.is_empty() {
                String::new()
            } else {
                format!("（{}）", examples.join("、"))
            };
            // Issuing an unfinished review is refused whole: nothing is
            // written and nothing recorded.
            if mode.issue {
                return Err(Error::Unfinished {
                    files: data.pending.len(),
                    examples,
                    suggestions: data.scope.suggestions_pending,
                });
            }
            // Drafting writes the departments' documents as 征求意见稿;
            // the bulletin only when asked for with `--draft`.
            let why = Error::UnfinishedDraft {
                files: data.pending.len(),
                examples,
                suggestions: data.scope.suggestions_pending,
                bulletin: mode.draft && crate::report::has_bulletin(&jobs),
            };
            skip_bulletin = !mode.draft;
            bulletin_refused = Some(why.to_string());
        }
        let date = settings.doc_date(opts.today);
        let due = settings.due(self.calendar(), date);
        let mut issue = Issue::draft(date, due);
        issue.draft = mode.draft || unfinished;
        let mut numbers_out = Vec::new();
        let mut recorded = 0;
        if !mode.issue {
            let written = crate::report::compose_and_write(
                &data,
                &settings,
                opts,
                issue,
                skip_bulletin,
                progress,
            )?;
            return Ok(DocumentsWritten {
                written,
                notices_recorded: 0,
                due: None,
                pending: data.pending.len(),
                numbers: numbers_out,
                digest: None,
                bulletin_refused,
            });
        }
        // Issuing: the numbers and the follow-up are registered in one
        // transaction, the documents written with them, and only then is
        // the transaction committed; a failure before the commit records
        // nothing.
        let year = chrono::Datelike::year(&date);
        let wanted = crate::report::numbered(&data, &jobs);
        let now = chrono::Utc::now().to_rfc3339();
        let mut tx = self.store.tx()?;
        for (kind, dept) in &wanted {
            let pattern = match kind {
                Numbered::Letter => &settings.suggestion_doc_no,
                Numbered::Notice => &settings.notice_doc_no,
                Numbered::Bulletin => &settings.bulletin_doc_no,
            };
            let mut seq = tx.db().next_doc_seq(kind.key(), year, settings.first_seq)?;
            let mut no = Settings::doc_no(pattern, year, seq);
            while tx.db().doc_no_taken(&no)? {
                seq = seq.saturating_add(1);
                no = Settings::doc_no(pattern, year, seq);
            }
            tx.db().register_doc(
                kind.key(),
                year,
                seq,
                &no,
                self.batch,
                dept.as_deref(),
                &date.to_string(),
                &now,
            )?;
            numbers_out.push((
                match dept {
                    Some(d) => format!("{}（{d}）", kind_label(*kind)),
                    None => kind_label(*kind).to_string(),
                },
                no.clone(),
            ));
            issue.numbers.insert((*kind, dept.clone()), no);
        }
        {
            let composer = Composer::new(&data, &settings, issue.clone())?;
            for d in crate::report::demands(&composer, &jobs) {
                tx.db().register_rectification(
                    self.batch,
                    &d.department,
                    &d.doc_no,
                    &d.issued.to_string(),
                    &d.due.to_string(),
                )?;
                recorded += 1;
            }
        }
        issue.digest = tx.seal_now()?;
        let digest = issue.digest.clone();
        let written =
            crate::report::compose_and_write(&data, &settings, opts, issue, false, progress)?;
        tx.commit()?;
        Ok(DocumentsWritten {
            written,
            notices_recorded: recorded,
            due: (recorded > 0).then_some(due),
            pending: data.pending.len(),
            numbers: numbers_out,
            digest,
            bulletin_refused,
        })
    }

    /// The register of issued documents of the current batch.
    pub fn registered_documents(&self) -> Result<Vec<crate::store::RegisteredDoc>> {
        Ok(self.store.db().registered_docs(self.batch)?)
    }
}

fn kind_label(k: Numbered) -> &'static str {
    match k {
        Numbered::Letter => "评查建议书",
        Numbered::Notice => "整改通知书",
        Numbered::Bulletin => "评查情况通报",
    }
}
