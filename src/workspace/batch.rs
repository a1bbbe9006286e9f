//! Review batches through the workspace: create, choose, draw, verify.

use super::Workspace;
use crate::batch::sample::{self, Quota, Stratum};
use crate::error::{BatchProblem, Error, Result};
use crate::rules::Profile;
use crate::store::{BatchRow, DrawRow};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// The kinds of batch.
pub const BATCH_KINDS: &[&str] = &["月度", "季度", "年度", "专项", "自查"];

/// A batch to create.
#[derive(Debug, Clone, Default)]
pub struct NewBatch {
    pub name: String,
    pub kind: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub profile: Option<String>,
    pub checklists: Option<String>,
    /// Take in every imported file (a 自查 of everything) instead of a draw.
    pub all_files: bool,
}

/// What one stratum of a draw gave.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrawnStratum {
    pub department: String,
    pub kind: Option<String>,
    pub pool: usize,
    pub drawn: Vec<String>,
}

/// The result of a draw, or of re-drawing it to verify.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DrawOutcome {
    pub draw_id: i64,
    pub algorithm: String,
    pub seed: u64,
    pub pool_digest: String,
    pub strata: Vec<DrawnStratum>,
    /// For `sample verify`: the re-draw equals the record.
    pub matches: bool,
    /// Recorded pool files no longer in the database.
    pub missing: Vec<String>,
}

#[derive(Serialize, serde::Deserialize)]
struct Params {
    quota: Quota,
    stratify_kind: bool,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl Workspace {
    /// Creates a batch and makes it current.
    pub fn create_batch(&mut self, b: NewBatch) -> Result<i64> {
        super::review::plain_text("批次名称", Some(&b.name), false)?;
        validate_batch(Some(&b.kind), Some(&b.name), b.from, b.to)?;
        if let Some(ids) = b.checklists.as_deref() {
            self.batch_grading(ids)?;
        }
        let scope = if b.all_files { "all" } else { "drawn" };
        let profile = match b.profile.as_deref() {
            None => "national".to_string(),
            Some(name) => {
                Self::resolve_profile(name)?;
                // A file is recorded by its full path, so the batch finds it
                // from any working directory.
                if Profile::builtin(name).is_some() {
                    name.to_string()
                } else {
                    let path = std::path::Path::new(name);
                    let path = if path.is_file() {
                        path.to_path_buf()
                    } else {
                        std::path::Path::new("data/profiles").join(format!("{name}.toml"))
                    };
                    std::fs::canonicalize(&path)
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|_| name.to_string())
                }
            }
        };
        let tx = self.store.tx()?;
        let id = tx.db().insert_batch(
            b.name.trim(),
            &b.kind,
            b.from.map(|d| d.to_string()).as_deref(),
            b.to.map(|d| d.to_string()).as_deref(),
            &profile,
            scope,
            b.checklists.as_deref(),
        )?;
        tx.db().set_current_batch(id)?;
        tx.commit()?;
        self.set_batch(id)?;
        if b.all_files {
            let all: Vec<String> = self
                .store
                .db()
                .pool()?
                .into_iter()
                .map(|f| f.case_no)
                .collect();
            self.add_files_to_batch(&all)?;
        }
        Ok(id)
    }

    /// Renames the current batch or sets its type and period, e.g. to give
    /// the default batch of a single-review database its real name, which
    /// the documents print.
    pub fn edit_batch(
        &mut self,
        name: Option<&str>,
        kind: Option<&str>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<()> {
        super::review::plain_text("批次名称", name, false)?;
        let row = self.batch_row(self.batch)?;
        let f = from.or(row.period_from.as_deref().and_then(|d| d.parse().ok()));
        let t = to.or(row.period_to.as_deref().and_then(|d| d.parse().ok()));
        validate_batch(kind, name, f, t)?;
        let tx = self.store.tx()?;
        tx.db().update_batch(
            self.batch,
            name.map(str::trim),
            kind,
            from.map(|d| d.to_string()).as_deref(),
            to.map(|d| d.to_string()).as_deref(),
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn batches(&self) -> Result<Vec<BatchRow>> {
        Ok(self.store.db().batches()?)
    }

    fn batch_row(&self, id: i64) -> Result<BatchRow> {
        self.batches()?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or(Error::UnknownBatch(id))
    }

    /// Works on batch `id` for this run (the `--batch` option).
    pub fn select_batch(&mut self, id: i64) -> Result<()> {
        self.batch_row(id)?;
        self.set_batch(id)
    }

    /// Makes batch `id` the current one for every later command.
    pub fn use_batch(&mut self, id: i64) -> Result<()> {
        self.select_batch(id)?;
        let tx = self.store.tx()?;
        tx.db().set_current_batch(id)?;
        tx.commit()?;
        Ok(())
    }

    /// Adds files to the current batch, checks and scores them.
    fn add_files_to_batch(&mut self, case_nos: &[String]) -> Result<()> {
        let tx = self.store.tx()?;
        for no in case_nos {
            if let Some(id) = tx.db().case_id(no)? {
                tx.db().add_to_batch(self.batch, id)?;
            }
        }
        tx.commit()?;
        if !case_nos.is_empty() {
            self.run_checks(case_nos)?;
        }
        Ok(())
    }

    /// The pool for a draw: every file (in the period, by its decision date or
    /// else its earliest event), in strata.
    fn pool(
        &self,
        stratify_kind: bool,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<Stratum>> {
        let mut strata: BTreeMap<(String, Option<String>), Vec<String>> = BTreeMap::new();
        for crate::store::PoolFile {
            case_no: no,
            department: dept,
            kind,
            json,
        } in self.store.db().pool()?
        {
            if from.is_some() || to.is_some() {
                let case: crate::model::CaseFile =
                    serde_json::from_str(&json).map_err(|e| Error::Corrupt {
                        what: format!("案卷 {no} 的存储内容"),
                        detail: e.to_string(),
                    })?;
                let date = case
                    .decision_date()
                    .or_else(|| case.events.iter().map(|e| e.date).min());
                let inside =
                    date.is_some_and(|d| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t));
                if !inside {
                    continue;
                }
            }
            let key = (dept, stratify_kind.then_some(kind));
            strata.entry(key).or_default().push(no);
        }
        Ok(sample::normalize(
            strata
                .into_iter()
                .map(|((department, kind), files)| Stratum {
                    department,
                    kind,
                    files,
                })
                .collect(),
        ))
    }

    /// Draws files into the current batch (which must be a drawn batch).
    pub fn draw(
        &mut self,
        quota: Quota,
        stratify_kind: bool,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
        seed: Option<u64>,
    ) -> Result<DrawOutcome> {
        let b = self.batch_row(self.batch)?;
        if b.scope != "drawn" {
            return Err(Error::AllFilesBatch(b.name));
        }
        let seed = seed.unwrap_or_else(|| {
            let b = uuid::Uuid::new_v4().into_bytes();
            u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]) % 1_000_000_000_000
        });
        // The period defaults to the batch's own.
        let day = |s: &Option<String>| s.as_deref().and_then(|d| d.parse::<NaiveDate>().ok());
        let from = from.or_else(|| day(&b.period_from));
        let to = to.or_else(|| day(&b.period_to));
        let pool = self.pool(stratify_kind, from, to)?;
        if pool.is_empty() {
            return Err(Error::EmptyPool);
        }
        let drawn = sample::draw(&pool, &quota, seed);
        let params = Params {
            quota,
            stratify_kind,
            from,
            to,
        };
        let row = DrawRow {
            id: 0,
            batch_id: self.batch,
            algorithm: sample::ALGORITHM.into(),
            seed: seed.to_string(),
            params: to_json(&params, "抽取参数")?,
            pool: to_json(&pool, "样本池")?,
            drawn: to_json(&drawn, "抽取结果")?,
            actor: Some(self.store.actor()),
            created_at: chrono::Utc::now().to_rfc3339(),
        };
        let tx = self.store.tx()?;
        let draw_id = tx.db().insert_draw(&row)?;
        tx.commit()?;
        let all: Vec<String> = drawn.iter().flatten().cloned().collect();
        self.add_files_to_batch(&all)?;
        Ok(outcome(draw_id, seed, &pool, drawn, true, Vec::new()))
    }

    /// Re-draws every recorded draw of the current batch from its record.
    pub fn verify_draws(&self) -> Result<Vec<DrawOutcome>> {
        let mut out = Vec::new();
        for d in self.store.db().draws(self.batch)? {
            let bad = |what: &str, e: &dyn std::fmt::Display| Error::Corrupt {
                what: format!("抽取记录 {} 的{what}", d.id),
                detail: e.to_string(),
            };
            let params: Params = serde_json::from_str(&d.params).map_err(|e| bad("参数", &e))?;
            let pool: Vec<Stratum> =
                serde_json::from_str(&d.pool).map_err(|e| bad("样本池", &e))?;
            let recorded: Vec<Vec<String>> =
                serde_json::from_str(&d.drawn).map_err(|e| bad("抽取结果", &e))?;
            let seed: u64 = d.seed.parse().map_err(|e| bad("种子", &e))?;
            let again = sample::draw(&sample::normalize(pool.clone()), &params.quota, seed);
            let matches = d.algorithm == sample::ALGORITHM && again == recorded;
            let mut missing = Vec::new();
            for f in pool.iter().flat_map(|s| &s.files) {
                if self.store.db().case_id(f)?.is_none() {
                    missing.push(f.clone());
                }
            }
            out.push(outcome(d.id, seed, &pool, recorded, matches, missing));
        }
        Ok(out)
    }
}

fn outcome(
    draw_id: i64,
    seed: u64,
    pool: &[Stratum],
    drawn: Vec<Vec<String>>,
    matches: bool,
    missing: Vec<String>,
) -> DrawOutcome {
    DrawOutcome {
        draw_id,
        algorithm: sample::ALGORITHM.into(),
        seed,
        pool_digest: sample::pool_digest(pool),
        strata: pool
            .iter()
            .zip(drawn)
            .map(|(s, d)| DrawnStratum {
                department: s.department.clone(),
                kind: s.kind.clone(),
                pool: s.files.len(),
                drawn: d,
            })
            .collect(),
        matches,
        missing,
    }
}

/// The one check of a batch's settings, for `batch new` and `batch edit`:
/// the type (when given) is one of [`BATCH_KINDS`], the name (when given)
/// is not blank, the period does not end before it starts.
fn validate_batch(
    kind: Option<&str>,
    name: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> std::result::Result<(), BatchProblem> {
    if let Some(k) = kind
        && !BATCH_KINDS.contains(&k)
    {
        return Err(BatchProblem::Kind {
            given: k.to_string(),
            allowed: BATCH_KINDS.join(" / "),
        });
    }
    if name.is_some_and(|n| n.trim().is_empty()) {
        return Err(BatchProblem::EmptyName);
    }
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(BatchProblem::Period { from, to });
    }
    Ok(())
}

/// A draw's record as stored JSON.
fn to_json<T: Serialize>(v: &T, what: &'static str) -> Result<String> {
    serde_json::to_string(v).map_err(|source| Error::Serialize { what, source })
}
