//! Offline work: a reviewer's package out, signed by the reviewer, checked
//! row by row and merged back in.
//!
//! Merge rule per finding (base = its `updated_at` at export):
//! - only in the package and not in the base → added here;
//! - the same `updated_at` on both sides → unchanged;
//! - changed only in the package (here still = base) → taken;
//! - changed only here (package still = base) → kept;
//! - changed on both sides, or deleted on one and edited on the other → a
//!   conflict kept in `package_conflicts` for a person to resolve; nothing
//!   is dropped.
//!
//! Before anything is written the package must carry a valid signature of
//! the reviewer it names, and every row it would change must be that
//! reviewer's own work on a file assigned to them; otherwise the whole
//! package is refused with every problem named.

use super::{Workspace, rescore};
use crate::error::{Error, Result};
use crate::model::{FindingSource, FindingStatus, ItemMark, ReviewStatus};
use crate::store::{
    Conflict, MergeReport, PackageContent, PackageFinding, PackageMark, PackageReview, Store, TxDb,
};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A merge worked out before anything is written.
#[derive(Default)]
struct Plan {
    insert: Vec<PackageFinding>,
    take: Vec<PackageFinding>,
    delete: Vec<String>,
    conflicts: Vec<(String, Option<String>, Option<String>)>,
    reviews: Vec<PackageReview>,
    marks: Vec<PackageMark>,
    /// Files the package hands in for 复核: recorded as its reviewer's
    /// submission, as `pingcha submit` records it.
    submitted: Vec<i64>,
    report: MergeReport,
    problems: Vec<String>,
}

use crate::model::{control_char, same_name};

impl Workspace {
    /// Writes `reviewer`'s assigned files of the batch, with the checklists,
    /// into a new SQLite file at `out`; returns how many files.
    pub fn export_package(&mut self, reviewer: &str, out: &Path) -> Result<usize> {
        if out.exists() {
            return Err(Error::OutputExists(out.to_path_buf()));
        }
        if !self.assignments()?.iter().any(|a| a.reviewer == reviewer) {
            return Err(Error::NothingAssigned(reviewer.to_string()));
        }
        drop(Store::open(out)?);
        let r = self
            .store
            .db()
            .export_package(out, self.batch, reviewer)
            .and_then(|n| Store::seal_new_package(out).map(|()| n));
        if r.is_err() {
            let _ = std::fs::remove_file(out);
        }
        Ok(r?)
    }

    /// Registers a reviewer's public key (printed by `pingcha reviewer key`
    /// on their machine).
    pub fn set_reviewer_key(&mut self, name: &str, public_key: &str) -> Result<String> {
        let key = crate::keys::parse_public(public_key)
            .ok_or_else(|| Error::Key(crate::keys::KeyError::BadPublic(public_key.into())))?;
        let name = &crate::model::normalise_name(name);
        let tx = self.store.tx()?;
        if !tx.db().set_reviewer_key(name, &key)? {
            return Err(Error::UnknownReviewer(name.to_string()));
        }
        tx.commit()?;
        Ok(key)
    }

    /// Merges a signed package back: one transaction; refused whole (nothing
    /// written) when the signature or any row fails; conflicts are kept.
    pub fn merge_package(&mut self, package: &Path) -> Result<MergeReport> {
        if !package.is_file() {
            return Err(if package.exists() {
                Error::PackageNotAFile(package.to_path_buf())
            } else {
                Error::NoPackage(package.to_path_buf())
            });
        }
        let content = crate::store::read_package(package)?;
        let name = package.display().to_string();
        let refused = |problems: Vec<String>| Error::PackageRefused {
            package: name.clone(),
            problems,
        };
        if !content.schema_problems.is_empty() {
            return Err(refused(content.schema_problems.clone()));
        }
        let tx = self.store.tx()?;
        // The very package merged before (its signature, which binds its
        // content, was checked then): nothing is done again.
        let signature = content.signature.as_ref().map(|(s, _)| s.as_str());
        if let Some(at) = signature
            .map(|sig| tx.db().package_merged_at(sig))
            .transpose()?
            .flatten()
        {
            return Ok(MergeReport {
                unchanged: content.findings.len(),
                already_merged: Some(at),
                ..MergeReport::default()
            });
        }
        let mut plan = plan_merge(&self.grading, self.batch, tx.db(), &content)?;
        if !plan.problems.is_empty() {
            return Err(refused(std::mem::take(&mut plan.problems)));
        }
        let db = tx.db();
        if let Some(sig) = signature {
            db.record_package_merge(sig, content.info("reviewer").unwrap_or(""), self.batch)?;
        }
        for f in &plan.insert {
            db.insert_package_finding(f)?;
        }
        for f in &plan.take {
            db.take_package_finding(f)?;
        }
        for id in &plan.delete {
            if let Ok(u) = uuid::Uuid::parse_str(id) {
                db.delete_finding(&u)?;
            }
        }
        for (id, l, t) in &plan.conflicts {
            db.record_conflict(id, &name, l.as_deref(), t.as_deref())?;
        }
        for r in &plan.reviews {
            if db.take_package_review(r)? {
                plan.report.reviews += 1;
            }
        }
        for m in &plan.marks {
            db.take_package_mark(m)?;
        }
        let mut touched: Vec<i64> = content.cases.iter().map(|c| c.id).collect();
        touched.sort_unstable();
        touched.dedup();
        for id in &touched {
            let no = db.case_no_of(*id)?;
            if let Some((_, case, _)) = db.load_case(&no)? {
                rescore(&self.grading, self.batch, db, *id, &case)?;
            }
        }
        // A file handed in passes the check `pingcha submit` makes, on the
        // merged findings and marks, or carries the reviewer's reason.
        let reviewer = content.info("reviewer").unwrap_or("");
        let mut problems = Vec::new();
        let mut reasons = HashMap::new();
        for id in &plan.submitted {
            let no = db.case_no_of(*id)?;
            let warnings = super::flow::quality_warnings(&self.case_view(&no)?);
            let reason = content
                .overrides
                .iter()
                .rev()
                .find(|(c, r)| c == id && !r.trim().is_empty())
                .map(|(_, r)| r.trim());
            match reason {
                _ if warnings.is_empty() => {}
                Some(r) if control_char(r, true).is_none() && r.chars().count() <= 500 => {
                    reasons.insert(*id, r.to_string());
                }
                _ => problems.push(format!(
                    "评查包把案卷 {no} 提交复核，但未通过提交复核前的检查，也没有写明理由：{}；请评查人员改正，或在评查包中用 `pingcha submit {no} --override-reason 理由` 提交后重新封存",
                    warnings
                        .iter()
                        .map(|w| w.message.as_str())
                        .collect::<Vec<_>>()
                        .join("；")
                )),
            }
        }
        if !problems.is_empty() {
            return Err(refused(problems));
        }
        for id in &plan.submitted {
            let mut t = db.review_team(self.batch, *id)?;
            t.submitted_by = Some(reviewer.to_string());
            db.set_review_team(self.batch, *id, &t)?;
            db.insert_review_step(
                self.batch,
                *id,
                &crate::store::NewStep {
                    action: crate::model::workflow::ReviewAction::Submit.label(),
                    actor: Some(reviewer),
                    remark: None,
                    override_reason: reasons.get(id).map(String::as_str),
                    status: ReviewStatus::PendingReview,
                },
            )?;
        }
        plan.report.touched_cases = touched;
        tx.commit()?;
        Ok(plan.report)
    }
}

/// Checks the signature and every row against this database, and works
/// out what the merge writes.
fn plan_merge(
    grading: &[crate::checklist::Checklist],
    batch: i64,
    db: TxDb<'_>,
    p: &PackageContent,
) -> Result<Plan> {
    let checklist_for =
        |case: &crate::model::CaseFile| crate::checklist::general_for(grading, case.kind);
    let mut plan = Plan::default();
    let problems = &mut plan.problems;
    match p.info("batch") {
        Some(b) if b == batch.to_string() => {}
        Some(b) => {
            return Err(Error::PackageOfOtherBatch {
                package_batch: b.to_string(),
                batch,
            });
        }
        None => {
            return Err(Error::NotAPackage("批次信息"));
        }
    }
    let Some(reviewer) = p.info("reviewer").map(str::to_string) else {
        return Err(Error::NotAPackage("评查人员信息"));
    };
    // The signature of the reviewer the package names.
    let Some((department, key)) = db.reviewer_record(&reviewer)? else {
        problems.push(format!(
            "评查包声称属于评查人员“{reviewer}”，但名册中没有此人"
        ));
        return Ok(plan);
    };
    match (&key, &p.signature) {
            (None, _) => problems.push(format!(
                "评查人员“{reviewer}”没有登记公钥，无法核验评查包的签名；请在其电脑上运行 `pingcha reviewer key`，再在此运行 `pingcha reviewer key --set {reviewer} 公钥`"
            )),
            (Some(_), None) => problems.push(format!(
                "评查包没有签名；请评查人员“{reviewer}”在其电脑上运行 `pingcha package seal 评查包` 封存后再交回"
            )),
            (Some(k), Some((sig, signer))) => {
                if !crate::keys::verify(k, &p.signed_message(), sig) {
                    problems.push(if signer != k {
                        format!("评查包的签名不是评查人员“{reviewer}”登记的密钥所签（签名公钥 {}…）：评查包是伪造的，或由他人封存", signer.chars().take(16).collect::<String>())
                    } else {
                        format!("评查包的签名与内容不符：评查包在“{reviewer}”封存之后被改动；请其重新封存后交回")
                    });
                }
            }
        }
    let assigned: HashSet<i64> = db.assigned_cases(batch, &reviewer)?.into_iter().collect();
    let mut cases: HashMap<i64, (String, crate::model::CaseFile)> = HashMap::new();
    let ok_case = |id: i64, what: &str, problems: &mut Vec<String>| -> Result<bool> {
        let Some((no, dept, _, _)) = db.case_record(id)? else {
            problems.push(format!("{what}涉及数据库中没有的案卷（编号 {id}）"));
            return Ok(false);
        };
        let mut ok = true;
        if same_name(&dept, &department) {
            problems.push(format!(
                "{what}涉及案卷 {no}，它属于评查人员“{reviewer}”本单位（{dept}），应当回避"
            ));
            ok = false;
        } else if !assigned.contains(&id) {
            problems.push(format!(
                "{what}涉及案卷 {no}，它没有分配给评查人员“{reviewer}”"
            ));
            ok = false;
        }
        Ok(ok)
    };
    for c in &p.cases {
        if !ok_case(c.id, &format!("评查包中的案卷 {}", c.case_no), problems)? {
            continue;
        }
        if let Some((no, _, hash, json)) = db.case_record(c.id)? {
            if no != c.case_no || hash != c.content_hash || json != c.json {
                problems.push(format!(
                    "评查包改动了案卷 {no} 的案卷数据（案卷数据只能由导入改变）"
                ));
            } else if let Some((_, case, _)) = db.load_case(&no)? {
                cases.insert(c.id, (no, case));
            }
        }
    }
    let in_package: HashSet<i64> = p.cases.iter().map(|c| c.id).collect();
    let claims = |who: &Option<String>| who.as_deref().is_some_and(|w| !same_name(w, &reviewer));
    // Findings.
    let base: HashMap<&str, &str> = p
        .base
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let mut local: HashMap<String, PackageFinding> = HashMap::new();
    for id in &in_package {
        for f in db.finding_rows(batch, *id)? {
            local.insert(f.id.clone(), f);
        }
    }
    let check_row = |f: &PackageFinding, problems: &mut Vec<String>| {
        let label = format!("问题 {}", short(&f.id));
        if f.batch_id != batch {
            problems.push(format!(
                "{label} 属于批次 {}，不是评查包的批次 {batch}",
                f.batch_id
            ));
        }
        if !in_package.contains(&f.case_id) {
            problems.push(format!(
                "{label} 涉及评查包之外的案卷（编号 {}）",
                f.case_id
            ));
            return;
        }
        let Some((no, case)) = cases.get(&f.case_id) else {
            return;
        };
        if claims(&f.reviewer) {
            problems.push(format!(
                "{label}（案卷 {no}）记在评查人员“{}”名下，评查包只能记录“{reviewer}”本人的评查",
                f.reviewer.as_deref().unwrap_or("")
            ));
        }
        for (what, text, multiline) in [
            ("描述", Some(f.note.as_str()), true),
            ("页码", f.page.as_deref(), false),
            ("评查人员", f.reviewer.as_deref(), false),
        ] {
            if let Some((at, c)) = text.and_then(|t| control_char(t, multiline)) {
                problems.push(format!(
                    "{label}（案卷 {no}）的{what}第 {} 个字符是控制字符 U+{:04X}",
                    at + 1,
                    c as u32
                ));
            }
            let max = if multiline {
                super::review::MAX_TEXT_CHARS
            } else {
                super::review::MAX_LINE_CHARS
            };
            if let Some(n) = text.map(|t| t.chars().count()).filter(|&n| n > max) {
                problems.push(format!(
                    "{label}（案卷 {no}）的{what}长 {n} 个字符，超过上限 {max}"
                ));
            }
        }
        for t in [&f.created_at, &f.updated_at] {
            if !plausible_time(t) {
                problems.push(format!(
                    "{label}（案卷 {no}）的时间“{t}”不是 pingcha 记录的时间（格式不对或晚于现在）"
                ));
            }
        }
        if FindingStatus::parse(&f.status).is_none() || FindingSource::parse(&f.source).is_none() {
            problems.push(format!(
                "{label}（案卷 {no}）的状态“{}”或来源“{}”无效",
                f.status, f.source
            ));
        }
        match checklist_for(case).and_then(|c| c.item(&f.item)) {
            None => problems.push(format!(
                "{label}（案卷 {no}）的评查项目 {} 不在该案卷的评查标准中",
                f.item
            )),
            Some(it) => {
                if !it.applies(case) {
                    problems.push(format!(
                        "{label}（案卷 {no}）的评查项目 {} 按评查标准不适用于该案卷",
                        f.item
                    ));
                } else if !deduction_fits(it, f.deduction, f.count) {
                    problems.push(format!(
                        "{label}（案卷 {no}）在项目 {} 扣 {} 分{}，超出该项目的扣分规则（{}，最多 {} 分）",
                        f.item,
                        f.deduction,
                        f.count.map(|c| format!("（{c} 处）")).unwrap_or_default(),
                        it.rule_wording(),
                        it.points
                    ));
                }
            }
        }
    };
    for t in &p.findings {
        let b = base.get(t.id.as_str()).copied();
        let l = local.get(&t.id);
        if l != Some(t) {
            check_row(t, problems);
        }
        let others = |l: &PackageFinding| claims(&l.reviewer);
        match l {
            None if b.is_none() => {
                if let Some(other) = db.finding_row(&t.id)? {
                    problems.push(format!(
                        "问题编号 {} 已被数据库中另一案卷（编号 {}）的问题使用",
                        short(&t.id),
                        other.case_id
                    ));
                } else if let Some(gone) = db.deleted_finding(&t.id)? {
                    // Merged before and deleted here since: stays deleted
                    // unless the package changed it after.
                    if gone == t.updated_at {
                        plan.report.kept_local += 1;
                    } else {
                        plan.conflicts.push((
                            t.id.clone(),
                            None,
                            Some(crate::store::finding_json(t)),
                        ));
                        plan.report.conflicts += 1;
                    }
                    continue;
                }
                plan.insert.push(t.clone());
                plan.report.added += 1;
            }
            None if b == Some(t.updated_at.as_str()) => plan.report.kept_local += 1,
            None => {
                plan.conflicts
                    .push((t.id.clone(), None, Some(crate::store::finding_json(t))));
                plan.report.conflicts += 1;
            }
            Some(l) if l == t || l.updated_at == t.updated_at => plan.report.unchanged += 1,
            Some(l) if b == Some(l.updated_at.as_str()) => {
                if others(l) {
                    problems.push(format!(
                        "问题 {} 是评查人员“{}”的，评查包不能修改",
                        short(&t.id),
                        l.reviewer.as_deref().unwrap_or("")
                    ));
                }
                if l.case_id != t.case_id || l.batch_id != t.batch_id {
                    problems.push(format!(
                        "问题 {} 被评查包移到了另一案卷或批次",
                        short(&t.id)
                    ));
                }
                plan.take.push(t.clone());
                plan.report.updated += 1;
            }
            Some(_) if b == Some(t.updated_at.as_str()) => plan.report.kept_local += 1,
            Some(l) if others(l) => problems.push(format!(
                "问题 {} 是评查人员“{}”的，评查包不能修改",
                short(&t.id),
                l.reviewer.as_deref().unwrap_or("")
            )),
            Some(l) => {
                plan.conflicts.push((
                    t.id.clone(),
                    Some(crate::store::finding_json(l)),
                    Some(crate::store::finding_json(t)),
                ));
                plan.report.conflicts += 1;
            }
        }
    }
    let theirs: HashSet<&str> = p.findings.iter().map(|f| f.id.as_str()).collect();
    for (id, b_upd) in &p.base {
        if theirs.contains(id.as_str()) {
            continue; // deleted in the package
        }
        match local.get(id) {
            Some(l) if l.updated_at == *b_upd => {
                if claims(&l.reviewer) {
                    problems.push(format!(
                        "问题 {} 是评查人员“{}”的，评查包不能删除",
                        short(id),
                        l.reviewer.as_deref().unwrap_or("")
                    ));
                }
                plan.delete.push(id.clone());
                plan.report.deleted += 1;
            }
            Some(l) if claims(&l.reviewer) => problems.push(format!(
                "问题 {} 是评查人员“{}”的，评查包不能删除",
                short(id),
                l.reviewer.as_deref().unwrap_or("")
            )),
            Some(l) => {
                plan.conflicts
                    .push((id.clone(), Some(crate::store::finding_json(l)), None));
                plan.report.conflicts += 1;
            }
            None => {
                if db.finding_row(id)?.is_some() {
                    problems.push(format!(
                        "评查包要删除问题 {}，它不属于评查包中的案卷",
                        short(id)
                    ));
                }
            }
        }
    }
    // Review status and item marks: the newer side wins, but never over
    // another reviewer's.
    let leaders = !db.batch_team(batch)?.0.is_empty();
    for r in &p.reviews {
        let m = db.review_row(r.batch_id, r.case_id)?;
        if m.as_ref() == Some(r) {
            continue;
        }
        if r.batch_id != batch || !ok_case(r.case_id, "评查包中的评查结果", problems)? {
            continue;
        }
        let Some(m) = m else {
            problems.push(format!(
                "评查包中的评查结果（案卷编号 {}）在数据库中不存在",
                r.case_id
            ));
            continue;
        };
        if let Some(t) = [Some(&r.updated_at), r.completed_at.as_ref()]
            .into_iter()
            .flatten()
            .find(|t| !plausible_time(t))
        {
            problems.push(format!(
                "评查包中案卷编号 {} 的评查结果时间“{t}”不是 pingcha 记录的时间（格式不对或晚于现在）",
                r.case_id
            ));
        }
        if ReviewStatus::parse(&r.status).is_none() {
            problems.push(format!(
                "评查包中案卷编号 {} 的评查状态“{}”无效",
                r.case_id, r.status
            ));
        }
        if claims(&r.reviewer) && r.reviewer != m.reviewer {
            problems.push(format!(
                "评查包把案卷编号 {} 的评查记在“{}”名下，评查包只能记录“{reviewer}”本人的评查",
                r.case_id,
                r.reviewer.as_deref().unwrap_or("")
            ));
        }
        if r.updated_at > m.updated_at && !claims(&m.reviewer) {
            let done = |s: &str| ReviewStatus::parse(s) == Some(ReviewStatus::Completed);
            if leaders && done(&r.status) != done(&m.status) {
                let no = db.case_no_of(r.case_id).unwrap_or_default();
                problems.push(if done(&r.status) {
                    format!(
                        "评查包把案卷 {no} 标为已完成，但本批次设有组长复核，案卷须经组长复核通过才算完成；请评查人员在评查包中提交复核（`pingcha submit`）后重新封存"
                    )
                } else {
                    format!(
                        "案卷 {no} 已经组长复核通过，评查包不能改变它的评查状态（改为“{}”）",
                        r.status
                    )
                });
            }
            let pending = |s: &str| ReviewStatus::parse(s) == Some(ReviewStatus::PendingReview);
            if leaders && pending(&r.status) && !pending(&m.status) && !done(&m.status) {
                plan.submitted.push(r.case_id);
            }
            plan.reviews.push(r.clone());
        }
    }
    for mk in &p.marks {
        let here = db.mark_rows(mk.batch_id, mk.case_id)?;
        let m = here.iter().find(|x| x.item == mk.item);
        if m == Some(mk) {
            continue;
        }
        if mk.batch_id != batch || !ok_case(mk.case_id, "评查包中的项目标记", problems)? {
            continue;
        }
        if !plausible_time(&mk.updated_at) {
            problems.push(format!(
                "评查包中项目 {} 的标记时间“{}”不是 pingcha 记录的时间（格式不对或晚于现在）",
                mk.item, mk.updated_at
            ));
        }
        if ItemMark::parse(&mk.mark).is_none() {
            problems.push(format!("评查包中项目 {} 的标记“{}”无效", mk.item, mk.mark));
        }
        if let Some((no, case)) = cases.get(&mk.case_id)
            && checklist_for(case).and_then(|c| c.item(&mk.item)).is_none()
        {
            problems.push(format!(
                "评查包标记了案卷 {no} 的评查项目 {}，它不在该案卷的评查标准中",
                mk.item
            ));
        }
        if claims(&mk.reviewer) {
            problems.push(format!(
                "评查包中项目 {} 的标记记在“{}”名下，评查包只能记录“{reviewer}”本人的评查",
                mk.item,
                mk.reviewer.as_deref().unwrap_or("")
            ));
        }
        match m {
            Some(m) if m.updated_at >= mk.updated_at || claims(&m.reviewer) => {}
            _ => plan.marks.push(mk.clone()),
        }
    }
    Ok(plan)
}

impl Workspace {
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        Ok(self.store.db().conflicts()?)
    }

    /// Resolves a conflict: keep the local finding, or take the package's.
    pub fn resolve_conflict(&mut self, id: i64, keep_theirs: bool) -> Result<()> {
        let c = self
            .conflicts()?
            .into_iter()
            .find(|c| c.id == id)
            .ok_or(Error::UnknownRecord {
                what: "未解决冲突",
                id,
                list: "pingcha package conflicts",
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

/// Whether a stored deduction (and number of occurrences) is one the
/// item's rule can give.
fn deduction_fits(it: &crate::checklist::Item, d: f64, count: Option<i64>) -> bool {
    use crate::checklist::DeductRule;
    let tenth = |d: f64| d.is_finite() && d >= 0.0 && ((d * 10.0).round() - d * 10.0).abs() < 1e-9;
    if !tenth(d) || count.is_some_and(|c| c < 1) {
        return false;
    }
    let within = |max: f64| d <= max + 1e-9;
    match it.rule {
        DeductRule::Each { amount } => {
            let full = amount * count.unwrap_or(1) as f64;
            let want = it.cap().map_or(full, |c| full.min(c));
            (d - crate::scoring::round1(want)).abs() < 1e-9
        }
        DeductRule::Fixed { amount } => count.is_none() && (d - amount).abs() < 1e-9,
        DeductRule::Judged { max } => count.is_none() && within(max),
        DeductRule::Range { min, max } => count.is_none() && d + 1e-9 >= min && within(max),
        DeductRule::Bonus { max } => count.is_none() && within(max),
    }
}

/// A time as pingcha records it (RFC 3339), and not later than a day from
/// now: a package cannot win every "newer side" comparison by dating its
/// rows in the future.
fn plausible_time(t: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(t).is_ok_and(|d| {
        d.with_timezone(&chrono::Utc) < chrono::Utc::now() + chrono::Duration::days(1)
    })
}

/// The first 12 characters of a finding id, as `show` prints it.
fn short(id: &str) -> &str {
    id.get(..12).unwrap_or(id)
}

/// `package seal`: signs a returned package with this machine's reviewer
/// key (it needs no database). With `who`, refuses a package made for
/// another reviewer. Returns the reviewer and the public key.
pub fn seal_package(file: &std::path::Path, who: Option<&str>) -> Result<(String, String)> {
    if let Some(who) = who {
        let content = crate::store::read_package(file)?;
        let claimed = content.info("reviewer").unwrap_or_default();
        if claimed != who {
            return Err(Error::NotYourPackage {
                package: file.to_path_buf(),
                owner: claimed.to_string(),
                who: who.to_string(),
            });
        }
    }
    Ok(crate::store::seal_package(file, |m| {
        crate::keys::sign(m).map_err(|e| e.to_string())
    })?)
}
