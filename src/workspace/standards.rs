//! Bringing a review standard in: from TOML or a table, previewed (how each
//! row was read, what a replacement changes and which completed files it
//! would regrade), then stored in the database.

use super::{Workspace, rescore};
use crate::checklist::table::RowReading;
use crate::checklist::{self, Checklist};
use crate::error::{Error, Result};
use crate::model::{Grade, ReviewStatus};
use crate::scoring;
use serde::Serialize;
use std::path::Path;

/// A completed file whose score or grade a replacement changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Regraded {
    pub case_no: String,
    pub score_before: f64,
    pub grade_before: Grade,
    pub score_after: f64,
    pub grade_after: Grade,
}

/// What replacing a stored standard changes.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct StandardDiff {
    pub version_before: String,
    pub version_after: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// "CF-07 分值 2 → 3", "CF-08 扣分规则 …", …
    pub changed: Vec<String>,
    /// Completed files of the current batch whose score or grade changes.
    pub regraded: Vec<Regraded>,
}

/// A standard read from a file, not yet stored.
#[derive(Debug, Clone)]
pub struct StandardPreview {
    pub checklist: Checklist,
    /// The TOML source that will be stored.
    pub toml: String,
    /// How each table row was read (empty for a TOML file).
    pub rows: Vec<RowReading>,
    pub notes: Vec<String>,
    /// Present when a different standard with the same id is stored.
    pub replaces: Option<StandardDiff>,
    /// The same source is stored already: importing changes nothing.
    pub unchanged: bool,
}

fn diff_items(old: &Checklist, new: &Checklist) -> StandardDiff {
    let mut d = StandardDiff {
        version_before: old.version.clone(),
        version_after: new.version.clone(),
        ..StandardDiff::default()
    };
    let n = scoring::round1;
    for it in &new.items {
        match old.item(&it.id) {
            None => d.added.push(format!("{} {}", it.id, it.text)),
            Some(o) => {
                if o.points != it.points {
                    d.changed
                        .push(format!("{} 分值 {} → {}", it.id, n(o.points), n(it.points)));
                }
                if o.rule != it.rule {
                    d.changed.push(format!(
                        "{} 扣分规则 {} → {}",
                        it.id,
                        o.rule.describe(),
                        it.rule.describe()
                    ));
                }
                if o.veto != it.veto {
                    let v = |v: Option<crate::model::Veto>| v.map_or("无", |v| v.label_zh());
                    d.changed
                        .push(format!("{} 否决 {} → {}", it.id, v(o.veto), v(it.veto)));
                }
                if o.category != it.category {
                    d.changed
                        .push(format!("{} 类别 {} → {}", it.id, o.category, it.category));
                }
                if o.text != it.text {
                    d.changed.push(format!("{} 评查内容改动", it.id));
                }
            }
        }
    }
    for it in &old.items {
        if new.item(&it.id).is_none() {
            d.removed.push(format!("{} {}", it.id, it.text));
        }
    }
    if old.total != new.total {
        d.changed
            .push(format!("满分 {} → {}", n(old.total), n(new.total)));
    }
    if old.thresholds != new.thresholds {
        d.changed.push("等次分数线改动".into());
    }
    if old.veto_score != new.veto_score {
        d.changed.push("否决计分改动".into());
    }
    if old.unit != new.unit {
        d.changed.push("单位排名规则改动".into());
    }
    for (o, c) in old.categories.iter().zip(&new.categories) {
        if o.name == c.name && o.points != c.points {
            let p = |p: Option<f64>| p.map_or("不设上限".to_string(), |p| n(p).to_string());
            d.changed.push(format!(
                "类别 {} 分值 {} → {}",
                c.name,
                p(o.points),
                p(c.points)
            ));
        }
    }
    d
}

impl Workspace {
    /// A finding with what its item's rule makes of it, for JSON output:
    /// `deduction` is what it costs (per occurrence: each × count; fixed:
    /// the amount; 0 for a bonus item), `award` what a bonus item adds,
    /// `deduction_rule` the 扣分标准's wording.
    pub fn finding_json(&self, f: &crate::model::Finding) -> serde_json::Value {
        let mut v = serde_json::to_value(f).unwrap_or(serde_json::Value::Null);
        let item = self.find_item(None, &f.item).map(|(_, i)| i);
        if let (serde_json::Value::Object(m), Some(it)) = (&mut v, item) {
            let amount = it.rule.finding_amount(f.deduction, f.count);
            let (deduction, award) = if it.is_bonus() {
                (0.0, amount)
            } else {
                (
                    scoring::round1(it.cap().map_or(amount, |c| amount.min(c))),
                    0.0,
                )
            };
            m.insert("deduction".into(), serde_json::json!(deduction));
            m.insert("award".into(), serde_json::json!(award));
            m.insert(
                "deduction_rule".into(),
                serde_json::json!(it.rule_wording()),
            );
        }
        v
    }

    /// Reads a standard from `.toml`, `.xlsx`, `.csv` or `.docx` and
    /// compares it with the stored one of the same id. Writes nothing.
    pub fn read_standard(&self, path: &Path) -> Result<StandardPreview> {
        let file = path.display().to_string();
        let is_toml = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
        let (checklist, toml, rows, notes) = if is_toml {
            let bytes = crate::import::read_input(path).map_err(|e| Error::Unreadable {
                path: path.to_path_buf(),
                reason: e,
            })?;
            let text = String::from_utf8(bytes).map_err(|_| Error::Unreadable {
                path: path.to_path_buf(),
                reason: "不是 UTF-8 编码的文本".into(),
            })?;
            let c = checklist::parse(&text, &file)?;
            (c, text, Vec::new(), Vec::new())
        } else {
            let table = crate::import::standard::read_standard_file(path)?;
            let r = table.read()?;
            (r.checklist, r.toml, r.rows, r.notes)
        };
        let stored = self.store.db().checklist_source(&checklist.id)?;
        let same = stored.as_deref() == Some(toml.as_str());
        let replaces = self
            .checklists
            .iter()
            .find(|c| c.id == checklist.id)
            .filter(|_| !same)
            .map(|old| {
                let mut d = diff_items(old, &checklist);
                d.regraded = self.regraded_by(old, &checklist).unwrap_or_default();
                d
            });
        Ok(StandardPreview {
            checklist,
            toml,
            rows,
            notes,
            replaces,
            unchanged: same,
        })
    }

    /// Completed files of the batch graded by `old` whose score or grade
    /// `new` would change.
    fn regraded_by(&self, old: &Checklist, new: &Checklist) -> Result<Vec<Regraded>> {
        let db = self.store.db();
        let mut out = Vec::new();
        for (id, case, _) in db.load_batch_cases(self.batch)? {
            let Some(grading) = checklist::general_for(&self.grading, case.kind) else {
                continue;
            };
            if grading.id != old.id {
                continue;
            }
            if db.review_status(self.batch, id)?.map(|(s, _)| s) != Some(ReviewStatus::Completed) {
                continue;
            }
            let findings = db.findings(self.batch, Some(id))?;
            let before = scoring::score(old, &case, &findings);
            let mut as_general = new.clone();
            as_general.role = grading.role;
            let after = scoring::score(&as_general, &case, &findings);
            if before.score != after.score || before.grade != after.grade {
                out.push(Regraded {
                    case_no: case.case_no.clone(),
                    score_before: before.score,
                    grade_before: before.grade,
                    score_after: after.score,
                    grade_after: after.grade,
                });
            }
        }
        Ok(out)
    }

    /// Stores a previewed standard. Replacing a stored one needs `replace`;
    /// files under review are rescored by the new version, completed files
    /// only with `regrade` (they keep the score they were completed with
    /// until reopened). The store's trigger audits the replacement.
    pub fn install_standard(
        &mut self,
        p: &StandardPreview,
        replace: bool,
        regrade: bool,
    ) -> Result<()> {
        if p.replaces.is_some() && !replace {
            return Err(Error::StandardExists {
                id: p.checklist.id.clone(),
            });
        }
        if p.unchanged && !regrade {
            return Ok(());
        }
        let c = &p.checklist;
        if !p.unchanged {
            let tx = self.store.tx()?;
            tx.db()
                .save_checklist(&c.id, &c.version, &c.name, &p.toml)?;
            tx.commit()?;
        }
        self.checklists.retain(|x| x.id != c.id);
        self.checklists.push(c.clone());
        self.checklists.sort_by(|a, b| a.id.cmp(&b.id));
        self.load_batch_profile()?;
        let cases = self.store.db().load_batch_cases(self.batch)?;
        let tx = self.store.tx()?;
        for (id, case, _) in &cases {
            let completed = tx.db().review_status(self.batch, *id)?.map(|(s, _)| s)
                == Some(ReviewStatus::Completed);
            if completed && !regrade {
                continue;
            }
            rescore(&self.grading, self.batch, tx.db(), *id, case)?;
        }
        tx.commit()?;
        Ok(())
    }
}
