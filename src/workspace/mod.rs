//! The workspace: one database plus the checklists, calendar and profile it
//! is judged by. This is the library surface that the command line and the
//! TUI both call; neither builds queries nor scores on its own.

mod audit;
pub use audit::dropped_tables;
mod batch;
mod checks;
mod demo;
mod documents;
mod entry;
mod files;
mod flow;
mod import;
mod package;
mod rectify;
mod report;
mod review;
mod standards;
mod summary;
mod team;
mod trends;
mod view;

pub use crate::report::data::{
    BatchInfo, CategoryStat, DepartmentReport, FileReport, FindingReport, ProblemStat, ReportData,
    SheetCategory, SheetItem, Totals, UnitStandard,
};
pub use crate::store::{CaseRow, FindingPatch, ReviewerStats, split_names};
pub use batch::{BATCH_KINDS, DrawOutcome, DrawnStratum, NewBatch};
pub use checks::CheckReport;
pub use documents::{DocumentsWritten, RunMode};
pub use entry::{EntryReport, NEW_SLOT, edit_slot};
pub use files::{
    Formats, MANIFEST, Options, check_public_key, cn_date, read_case_file, reviewer_key,
    write_entry_template, write_standard_template,
};
pub use flow::{ReviewCheck, ReviewWarning, StepOutcome, quality_warnings};
pub use import::ImportReport;
pub use package::seal_package;
pub use review::NewFinding;
pub use standards::{Regraded, StandardDiff, StandardPreview};
pub use summary::{CategoryDeduction, DepartmentSummary, ProblemCount, Summary};
pub use team::{Assignment, Disagreement};
pub use trends::{DepartmentTrend, Recurring, TrendPoint, Trends};
pub use view::{CaseView, ItemView};

use crate::calendar::Calendar;
use crate::checklist::{self, Checklist};
use crate::error::{Error, Result};
use crate::model::{CaseFile, Finding, FindingStatus};
use crate::rules::Profile;
use crate::scoring::{self, ScoreResult};
use crate::store::{CachedScore, Store, TxDb};
use std::path::Path;

/// An open database with everything needed to review in it.
pub struct Workspace {
    store: Store,
    checklists: Vec<Checklist>,
    /// The checklists that grade files in the current batch: all the general
    /// ones, or those the batch names (`batch new --checklists GS` makes a
    /// 专项评查 graded by the 公示 standard alone).
    grading: Vec<Checklist>,
    /// Completed files scored by a version of their standard that has been
    /// replaced since (without `--regrade`): by case number, that version.
    pinned: std::collections::HashMap<String, Checklist>,
    calendar: Calendar,
    profile: Profile,
    /// Why the batch's profile could not be loaded (the national default is
    /// used instead), for the front ends to show.
    profile_problem: Option<String>,
    batch: i64,
}

/// The built-in holiday notices, plus those in the folder named by
/// `PINGCHA_HOLIDAYS` (how a bureau adds next year's notice, or corrects one,
/// before a new release).
fn calendar() -> Result<Calendar> {
    match std::env::var_os("PINGCHA_HOLIDAYS") {
        Some(dir) => Ok(Calendar::builtin_with_dir(Path::new(&dir))?),
        None => Ok(Calendar::builtin()),
    }
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

    fn with_store(store: Store) -> Result<Workspace> {
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
        let mut ws = Workspace {
            store,
            grading: checklists.clone(),
            pinned: Default::default(),
            checklists,
            calendar: calendar()?,
            profile: Profile::national(),
            profile_problem: None,
            batch,
        };
        ws.load_batch_profile()?;
        Ok(ws)
    }

    /// Finds a profile by built-in id (`national`, …), by path, or as
    /// `data/profiles/<name>.toml` under the working directory.
    pub fn resolve_profile(name: &str) -> Result<Profile> {
        if let Some(p) = Profile::builtin(name) {
            return Ok(p);
        }
        let direct = Path::new(name);
        let under_data = Path::new("data/profiles").join(format!("{name}.toml"));
        for path in [direct, under_data.as_path()] {
            if path.is_file() {
                return Ok(Profile::load(path)?);
            }
        }
        Err(Error::UnknownProfile(
            name.to_string(),
            Profile::builtin_names().join("、"),
        ))
    }

    /// The checklists a batch names (`CF,GS`), each made a grading one, in
    /// the order given; an unknown id is an error listing the known ones.
    pub fn batch_grading(&self, ids: &str) -> Result<Vec<Checklist>> {
        let mut out = Vec::new();
        for id in ids
            .split([',', '，', ' '])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let Some(c) = self
                .checklists
                .iter()
                .find(|c| c.id.eq_ignore_ascii_case(id))
            else {
                let known: Vec<&str> = self.checklists.iter().map(|c| c.id.as_str()).collect();
                return Err(Error::UnknownChecklist {
                    id: id.to_string(),
                    known: known.join("、"),
                });
            };
            let mut c = c.clone();
            c.role = checklist::ChecklistRole::General;
            out.push(c);
        }
        Ok(out)
    }

    /// Uses the current batch's profile and checklists; a profile that
    /// cannot be loaded gives the national default, with the reason kept in
    /// `profile_problem`.
    fn load_batch_profile(&mut self) -> Result<()> {
        let row = self
            .store
            .db()
            .batches()?
            .into_iter()
            .find(|b| b.id == self.batch);
        // The standards the batch names grade the kinds they list; the
        // general standards grade the kinds none of them lists.
        self.grading = match row.as_ref().and_then(|b| b.checklists.as_deref()) {
            Some(ids) if !ids.trim().is_empty() => match self.batch_grading(ids) {
                Ok(mut named) => {
                    let rest: Vec<Checklist> = self
                        .checklists
                        .iter()
                        .filter(|c| {
                            c.role == checklist::ChecklistRole::General
                                && !named.iter().any(|n| n.id == c.id)
                                && c.kinds
                                    .iter()
                                    .any(|k| !named.iter().any(|n| n.kinds.contains(k)))
                        })
                        .cloned()
                        .collect();
                    named.extend(rest);
                    named
                }
                Err(_) => self.checklists.clone(),
            },
            _ => self.checklists.clone(),
        };
        self.pinned.clear();
        for (case_no, id, source) in self.store.db().pinned_reviews(self.batch)? {
            let mut c = checklist::parse(&source, &format!("数据库中的评查标准 {id}（旧版本）"))?;
            c.role = checklist::ChecklistRole::General;
            self.pinned.insert(case_no, c);
        }
        let name = row.map(|b| b.profile);
        self.profile_problem = None;
        self.profile = match name.as_deref() {
            None | Some("") => Profile::national(),
            Some(n) => match Self::resolve_profile(n) {
                Ok(p) => p,
                Err(e) => {
                    self.profile_problem = Some(format!("{e}；本批次暂用全国默认配置"));
                    Profile::national()
                }
            },
        };
        Ok(())
    }

    /// Why the batch's profile is not in use, if it is not.
    pub fn profile_problem(&self) -> Option<&str> {
        self.profile_problem.as_deref()
    }
}

/// A batch's list rows read on a connection of their own (a background
/// thread's), with its page cache capped at `cache_kib`.
pub fn case_rows_apart(path: &std::path::Path, batch: i64, cache_kib: i64) -> Result<Vec<CaseRow>> {
    let store = Store::open(path)?;
    store.db().limit_cache(cache_kib)?;
    Ok(store.db().case_rows(batch, None)?)
}

impl Workspace {
    /// The store itself, for tests and benchmarks that set up or inspect a
    /// database directly. The front ends never use it: they read through the
    /// workspace's methods below.
    #[doc(hidden)]
    pub fn store(&self) -> &Store {
        &self.store
    }

    #[doc(hidden)]
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The batch's files as the list shows them, in natural case-number
    /// order; one department's only when given.
    pub fn case_rows(&self, department: Option<&str>) -> Result<Vec<crate::store::CaseRow>> {
        Ok(self.store.db().case_rows(self.batch, department)?)
    }

    /// The first `limit` rows of [`Self::case_rows`] (a fast first screen).
    pub fn case_rows_head(&self, limit: i64) -> Result<Vec<crate::store::CaseRow>> {
        Ok(self.store.db().case_rows_head(self.batch, limit)?)
    }

    /// How many files the batch has.
    pub fn count_files(&self) -> Result<i64> {
        Ok(self.store.db().count_batch(self.batch)?)
    }

    /// Caps the database's page cache (the TUI keeps its memory small).
    pub fn limit_cache(&self, kib: i64) -> Result<()> {
        Ok(self.store.db().limit_cache(kib)?)
    }

    /// Where the database lives.
    pub fn db_path(&self) -> &std::path::Path {
        self.store.path()
    }

    /// The batch's findings, of one file when a case number is given
    /// (an unknown case number is an error that names it).
    pub fn findings_of(&self, case_no: Option<&str>) -> Result<Vec<Finding>> {
        let db = self.store.db();
        let case_id = match case_no {
            Some(no) => Some(
                db.case_id(no)?
                    .ok_or_else(|| Error::UnknownCase(no.to_string()))?,
            ),
            None => None,
        };
        Ok(db.findings(self.batch, case_id)?)
    }

    /// A stored file as the interchange format has it.
    pub fn stored_case(&self, case_no: &str) -> Result<CaseFile> {
        self.store
            .db()
            .load_case(case_no)?
            .map(|(_, case, _)| case)
            .ok_or_else(|| Error::UnknownCase(case_no.to_string()))
    }

    /// The batch commands work on.
    pub fn batch(&self) -> i64 {
        self.batch
    }

    pub fn set_batch(&mut self, batch: i64) -> Result<()> {
        self.batch = batch;
        self.load_batch_profile()
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
        self.load_batch_profile()?;
        self.rescore_all()?;
        Ok(c)
    }

    /// The standard whose unit rule and thresholds grade and rank the
    /// departments: the first the batch names, else the general standard
    /// for 行政处罚, else the first general one.
    pub fn unit_checklist(&self) -> Option<&Checklist> {
        let named = self
            .store
            .db()
            .batches()
            .ok()
            .and_then(|b| b.into_iter().find(|b| b.id == self.batch))
            .and_then(|b| b.checklists)
            .and_then(|ids| {
                ids.split([',', '，', ' '])
                    .map(str::trim)
                    .find(|s| !s.is_empty())
                    .map(str::to_string)
            });
        named
            .and_then(|id| self.grading.iter().find(|c| c.id.eq_ignore_ascii_case(&id)))
            .or_else(|| checklist::general_for(&self.grading, crate::model::CaseKind::Penalty))
            .or_else(|| {
                self.grading
                    .iter()
                    .find(|c| c.role == checklist::ChecklistRole::General)
            })
    }

    /// The checklist that grades this file: the version a completed file was
    /// scored by, else the general checklist for its kind.
    pub fn checklist_for(&self, case: &CaseFile) -> Result<&Checklist> {
        if let Some(c) = self.pinned.get(&case.case_no) {
            return Ok(c);
        }
        checklist::general_for(&self.grading, case.kind)
            .ok_or_else(|| Error::NoChecklist(case.kind.to_string()))
    }

    /// An item of any loaded checklist, preferring the one that grades `case`.
    pub fn find_item(
        &self,
        case: Option<&CaseFile>,
        item: &str,
    ) -> Option<(&Checklist, &checklist::Item)> {
        let preferred = case.and_then(|c| checklist::general_for(&self.grading, c.kind));
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
            rescore(&self.grading, self.batch, tx.db(), *id, case)?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Recomputes and stores a file's cached score (inside the caller's transaction).
pub(crate) fn rescore(
    checklists: &[Checklist],
    batch: i64,
    db: TxDb<'_>,
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
    db: TxDb<'_>,
    case_id: i64,
    case: &CaseFile,
    findings: &[Finding],
) -> Result<()> {
    let Some(checklist) = checklist::general_for(checklists, case.kind) else {
        return Ok(()); // no standard for this kind: the file stays ungraded
    };
    let r = scoring::score(checklist, case, findings);
    db.set_review_rev(batch, case_id, &checklist.id)?;
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
    db.set_vetoed(batch, case_id, r.vetoed())?;
    Ok(())
}
