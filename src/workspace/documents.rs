//! Writing the panel's documents and starting the follow-up: what
//! `pingcha report` and the TUI's summary key both do.

use super::Workspace;
use crate::error::{Error, Result};
use crate::report::settings::Settings;
use crate::report::{Options, Written};
use std::path::{Path, PathBuf};

/// What one run wrote.
#[derive(Debug, Clone)]
pub struct DocumentsWritten {
    pub written: Vec<Written>,
    /// Rectification notices newly recorded for the follow-up.
    pub notices_recorded: usize,
    /// Their due date, when any notice was written.
    pub due: Option<chrono::NaiveDate>,
    /// Files of the batch not yet completed (no score sheet, not counted).
    pub pending: usize,
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

    /// Writes every document of the batch (as `opts` says) and records the
    /// rectification notices among them (a department that already has one
    /// keeps it and its due date).
    pub fn write_documents(
        &mut self,
        opts: &Options,
        settings_file: Option<&Path>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<DocumentsWritten> {
        let settings =
            Settings::load(settings_file, Some(&self.data_dir())).map_err(Error::ReportSettings)?;
        let data = self.report_data()?;
        let written = crate::report::write_all(&data, &settings, opts, progress)?;
        let notices = crate::report::notices(&data, &settings, opts)?;
        let notices_recorded = self.record_notices(&notices)?;
        Ok(DocumentsWritten {
            written,
            notices_recorded,
            due: notices.first().map(|n| n.due),
            pending: data.pending.len(),
        })
    }
}
