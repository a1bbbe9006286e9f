//! The summary computed ahead in a thread with its own connection, so that
//! `Tab` on 100,000 files shows it at once: started when the list has
//! loaded and again after every write, each result tagged with the write
//! count it was computed after, so a stale one is never shown.

use super::*;
use crate::workspace::Summary;
use std::path::PathBuf;
use std::sync::mpsc::Receiver;

/// What the background threads give.
pub struct SummaryJob {
    /// `Workspace::changes` when the job started.
    changes: u64,
    rx: Receiver<Result<Summary>>,
}

/// The background summary: where to read, the job running, the last result.
#[derive(Default)]
pub struct Precomputed {
    /// The database file and batch (none: in memory, computed when asked).
    pub source: Option<(PathBuf, i64)>,
    job: Option<SummaryJob>,
    ready: Option<(u64, Summary)>,
    /// The write count last seen.
    pub latest: u64,
}

impl Precomputed {
    /// Starts computing for the current state unless that is under way.
    pub fn start(&mut self, changes: u64) {
        self.latest = changes;
        let Some((path, batch)) = self.source.clone() else {
            return;
        };
        if self.job.as_ref().is_some_and(|j| j.changes == changes)
            || self.ready.as_ref().is_some_and(|(c, _)| *c == changes)
        {
            return;
        }
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let s = Workspace::open(&path).and_then(|mut ws| {
                ws.select_batch(batch)?;
                ws.summary()
            });
            let _ = tx.send(s);
        });
        self.job = Some(SummaryJob { changes, rx });
    }

    /// Starts computing for the last write count seen.
    pub fn start_latest(&mut self) {
        self.start(self.latest);
    }

    /// The summary for the workspace as it is now: the precomputed one when
    /// current (waiting for its thread if it is still at work), else
    /// computed here.
    pub fn take(&mut self, ws: &Workspace) -> Result<Summary> {
        let now = ws.changes();
        if let Some(j) = self.job.take()
            && j.changes == now
            && let Ok(Ok(s)) = j.rx.recv()
        {
            self.ready = Some((now, s));
        }
        match &self.ready {
            Some((c, s)) if *c == now => Ok(s.clone()),
            _ => ws.summary(),
        }
    }
}
