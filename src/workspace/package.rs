//! Offline work: a reviewer's package out, merged back in.

use super::{Workspace, rescore};
use crate::error::{Error, Result};
use crate::store::{Conflict, MergeReport, Store};
use std::path::Path;

impl Workspace {
    /// Writes `reviewer`'s assigned files of the batch, with the checklists,
    /// into a new SQLite file at `out`; returns how many files.
    pub fn export_package(&mut self, reviewer: &str, out: &Path) -> Result<usize> {
        if out.exists() {
            return Err(Error::Other(format!(
                "{} 已存在；请指定一个新文件名",
                out.display()
            )));
        }
        if !self.assignments()?.iter().any(|(_, _, r)| r == reviewer) {
            return Err(Error::Other(format!(
                "当前批次没有分配给“{reviewer}”的案卷；先运行 `pingcha assign`"
            )));
        }
        drop(Store::open(out)?);
        let r = self.store.db().export_package(out, self.batch, reviewer);
        if r.is_err() {
            let _ = std::fs::remove_file(out);
        }
        Ok(r?)
    }

    /// Merges a package back: one transaction; conflicts are kept, never dropped.
    pub fn merge_package(&mut self, package: &Path) -> Result<MergeReport> {
        if !package.is_file() {
            return Err(Error::Other(format!("找不到评查包 {}", package.display())));
        }
        // Bring the package up to this build's schema (and seal its audit rows).
        drop(Store::open(package)?);
        self.store.db().attach_package(package)?;
        let r = (|| -> Result<MergeReport> {
            let tx = self.store.tx()?;
            let rep = tx
                .db()
                .merge_attached(&package.display().to_string(), self.batch)?;
            for id in &rep.touched_cases {
                let no = tx.db().case_no_of(*id)?;
                if let Some((_, case, _)) = tx.db().load_case(&no)? {
                    rescore(&self.grading, self.batch, tx.db(), *id, &case)?;
                }
            }
            tx.commit()?;
            Ok(rep)
        })();
        self.store.db().detach_package()?;
        r
    }

    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        Ok(self.store.db().conflicts()?)
    }

    /// Resolves a conflict: keep the local finding, or take the package's.
    pub fn resolve_conflict(&mut self, id: i64, keep_theirs: bool) -> Result<()> {
        let c = self
            .conflicts()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| {
                Error::Other(format!(
                    "没有编号为 {id} 的未解决冲突；用 `pingcha package conflicts` 查看"
                ))
            })?;
        if keep_theirs {
            let fid = uuid::Uuid::parse_str(&c.finding_id)
                .map_err(|_| Error::UnknownFinding(c.finding_id.clone()))?;
            match &c.theirs {
                None => self.remove_finding(&fid)?,
                Some(t) => {
                    let patch = crate::store::FindingPatch {
                        item: t["item"].as_str().map(str::to_string),
                        deduction: t["deduction"].as_f64(),
                        note: t["note"].as_str().map(str::to_string),
                        page: Some(t["page"].as_str().map(str::to_string)),
                        reviewer: Some(t["reviewer"].as_str().map(str::to_string)),
                        status: t["status"]
                            .as_str()
                            .and_then(crate::model::FindingStatus::parse),
                        count: Some(t["count"].as_u64().and_then(|n| u32::try_from(n).ok())),
                    };
                    self.edit_finding(&fid, patch)?;
                }
            }
        }
        let tx = self.store.tx()?;
        tx.db()
            .close_conflict(id, if keep_theirs { "theirs" } else { "local" })?;
        tx.commit()?;
        Ok(())
    }
}
