//! The workspace: one database plus the checklists, calendar and profile it
//! is judged by. This is the library surface that the command line and the
//! TUI both call; neither builds queries nor scores on its own.

mod batch;
mod checks;
mod demo;
mod import;
mod package;
mod rectify;
mod report;
mod review;
mod summary;
mod team;
mod trends;
mod view;

pub use batch::{BATCH_KINDS, DrawOutcome, DrawnStratum, NewBatch};
pub use checks::CheckReport;
pub use import::ImportReport;
pub use report::{
    BatchInfo, CategoryStat, DepartmentReport, FileReport, FindingReport, ProblemStat, ReportData,
    SheetCategory, SheetItem, Totals,
};
pub use review::NewFinding;
pub use summary::{CategoryDeduction, DepartmentSummary, ProblemCount, Summary};
pub use team::Disagreement;
pub use trends::{DepartmentTrend, Recurring, TrendPoint, Trends};
pub use view::{CaseView, ItemView};

use crate::calendar::Calendar;
use crate::checklist::{self, Checklist};
use crate::error::{Error, Result};
use crate::model::{CaseFile, Finding, FindingStatus};
use crate::rules::Profile;
use crate::scoring::{self, ScoreResult};
use crate::store::{CachedScore, Db, Store};
use std::path::Path;

/// An open database with everything needed to review in it.
pub struct Workspace {
    store: Store,
    checklists: Vec<Checklist>,
    calendar: Calendar,
    profile: Profile,
    batch: i64,
}

impl Workspace {
    /// Opens (creating and migrating) the database at `path`. A new database
    /// is seeded with the built-in checklists.
    pub fn open(path: &Path) -> Result<Workspace> {
        Self::with_store(Store::open(path)?)
    }

    /// A throw-away in-memory workspace (tests, benchmarks).
    pub fn open_in_memory() -> Result<Workspace> {
        Self::with_store(Store::open_in_memory()?)
    }

    fn with_store(mut store: Store) -> Result<Workspace> {
        let mut stored = store.db().checklist_sources()?;
        if stored.is_empty() {
            let tx = store.tx()?;
            for (file, source) in checklist::BUILTIN_FILES.iter() {
                let c = checklist::parse(source, file)?;
                tx.db().save_checklist(&c.id, &c.version, &c.name, source)?;
            }
            tx.commit()?;
            stored = store.db().checklist_sources()?;
        }
        let checklists = stored
            .iter()
            .map(|(id, source)| checklist::parse(source, &format!("数据库中的评查标准 {id}")))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let batch = store.db().current_batch()?;
        Ok(Workspace {
            store,
            checklists,
            calendar: Calendar::builtin(),
            profile: Profile::national(),
            batch,
        })
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The batch commands work on.
    pub fn batch(&self) -> i64 {
        self.batch
    }

    pub fn set_batch(&mut self, batch: i64) {
        self.batch = batch;
    }

    pub fn checklists(&self) -> &[Checklist] {
        &self.checklists
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    pub fn set_profile(&mut self, profile: Profile) {
        self.profile = profile;
    }

    /// Adds or replaces a checklist (validated first); files are rescored.
    pub fn add_checklist(&mut self, source: &str, file_name: &str) -> Result<Checklist> {
        let c = checklist::parse(source, file_name)?;
        let tx = self.store.tx()?;
        tx.db().save_checklist(&c.id, &c.version, &c.name, source)?;
        tx.commit()?;
        self.checklists.retain(|x| x.id != c.id);
        self.checklists.push(c.clone());
        self.checklists.sort_by(|a, b| a.id.cmp(&b.id));
        self.rescore_all()?;
        Ok(c)
    }

    /// The general checklist that grades files of this kind.
    pub fn checklist_for(&self, case: &CaseFile) -> Result<&Checklist> {
        checklist::general_for(&self.checklists, case.kind)
            .ok_or_else(|| Error::NoChecklist(case.kind.to_string()))
    }

    /// An item of any loaded checklist, preferring the one that grades `case`.
    pub fn find_item(
        &self,
        case: Option<&CaseFile>,
        item: &str,
    ) -> Option<(&Checklist, &checklist::Item)> {
        let preferred = case.and_then(|c| checklist::general_for(&self.checklists, c.kind));
        preferred
            .into_iter()
            .chain(self.checklists.iter())
            .find_map(|c| c.item(item).map(|i| (c, i)))
    }

    /// Scores a file with its findings.
    pub fn score(&self, case: &CaseFile, findings: &[Finding]) -> Result<ScoreResult> {
        Ok(scoring::score(self.checklist_for(case)?, case, findings))
    }

    /// Rescores every file of the batch (after a checklist changes).
    pub fn rescore_all(&mut self) -> Result<()> {
        let cases = self.store.db().load_batch_cases(self.batch)?;
        let tx = self.store.tx()?;
        for (id, case, _) in &cases {
            rescore(&self.checklists, self.batch, tx.db(), *id, case)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Recomputes and stores a file's cached score (inside the caller's transaction).
pub(crate) fn rescore(
    checklists: &[Checklist],
    batch: i64,
    db: Db<'_>,
    case_id: i64,
    case: &CaseFile,
) -> Result<()> {
    let findings = db.findings(batch, Some(case_id))?;
    write_score(checklists, batch, db, case_id, case, &findings)
}

/// Stores the score of a file given its findings.
pub(crate) fn write_score(
    checklists: &[Checklist],
    batch: i64,
    db: Db<'_>,
    case_id: i64,
    case: &CaseFile,
    findings: &[Finding],
) -> Result<()> {
    let Some(checklist) = checklist::general_for(checklists, case.kind) else {
        return Ok(()); // no standard for this kind: the file stays ungraded
    };
    let r = scoring::score(checklist, case, findings);
    let confirmed = findings.iter().filter(|f| f.counts()).count() as i64;
    let suggested = findings
        .iter()
        .filter(|f| f.status == FindingStatus::Suggested)
        .count() as i64;
    db.set_cached_score(
        batch,
        case_id,
        &CachedScore {
            checklist: &r.checklist,
            score: r.score,
            grade: r.grade,
            findings: confirmed,
            suggested,
        },
    )?;
    Ok(())
}
