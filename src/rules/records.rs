//! The record of the procedure: 全过程记录 and the order of the dates.

use super::{CF, GB118, Law, Profile, first_date, sug};
use crate::calendar::Calendar;
use crate::model::{CaseFile, KnownStage, Procedure, Stage, Suggestion};

/// The stages that need a 全过程记录 item (`recordings`) of their own.
fn needs_recording(s: &Stage) -> bool {
    match s {
        Stage::Known(k) => matches!(
            k,
            KnownStage::OnSiteInspection | KnownStage::CompulsoryExecution | KnownStage::Hearing
        ),
        Stage::Unknown(t) => t.contains("查封") || t.contains("扣押"),
    }
}

/// Stages whose record (a document) must be in the file, with the words a
/// document title for it contains.
const DOCUMENTED: &[(KnownStage, &[&str])] = &[
    (KnownStage::Filing, &["立案"]),
    (KnownStage::OnSiteInspection, &["检查", "勘验"]),
    (KnownStage::Inquiry, &["询问"]),
    (KnownStage::Investigation, &["调查", "取证", "证据"]),
    (KnownStage::LegalReview, &["审核"]),
    (KnownStage::CollectiveDiscussion, &["讨论"]),
    (KnownStage::Notice, &["告知"]),
    (KnownStage::Hearing, &["听证"]),
    (KnownStage::Decision, &["决定"]),
    (KnownStage::Service, &["送达"]),
];

/// `recording` — 行政处罚法 第四十七条; 国办发〔2018〕118号: a 现场检查,
/// 查封扣押, 强制执行 or 听证 with no `recordings` item of that stage (for 听证,
/// a 听证笔录 document also counts: 第六十五条 makes it the hearing's record);
/// and, when the file lists documents at all, a stage with no document or
/// record of it (行政处罚 only).
pub fn recording(case: &CaseFile, _cal: &Calendar, _p: &Profile) -> Vec<Suggestion> {
    const R: &str = "recording";
    let (item, basis) = match Law::of(case) {
        Law::Penalty => ("CF-41", format!("{CF}第四十七条")),
        Law::Enforcement => ("QZ-11", GB118.to_string()),
        Law::General => ("TY-21", GB118.to_string()),
        Law::Licensing => return Vec::new(),
    };
    let mut out = Vec::new();
    let mut seen: Vec<&Stage> = Vec::new();
    for e in case.timeline() {
        if !needs_recording(&e.stage) || seen.contains(&&e.stage) {
            continue;
        }
        seen.push(&e.stage);
        let recorded = case.recordings.iter().any(|r| r.stage == e.stage)
            || (e.stage.is(KnownStage::Hearing)
                && case.documents.iter().any(|d| d.title.contains("听证笔录")));
        if !recorded {
            out.push(sug(
                R,
                item,
                basis.clone(),
                format!("{}（{}）无音像或文字记录", e.stage, e.date),
            ));
        }
    }
    if Law::of(case) != Law::Penalty {
        return out;
    }
    let documented_at_all =
        !case.documents.is_empty() || case.events.iter().any(|e| e.doc.is_some());
    if !documented_at_all {
        return out;
    }
    for &(stage, words) in DOCUMENTED {
        let Some(e) = case.first_event(stage) else {
            continue;
        };
        // 简易程序: the decision is handed to the party on the spot and signed
        // for on the decision itself (第五十二条); no separate 送达回证.
        if stage == KnownStage::Service && case.effective_procedure() == Procedure::Simple {
            continue;
        }
        let ok = case
            .events_of(stage)
            .any(|x| x.doc.as_deref().is_some_and(|d| !d.trim().is_empty()))
            || case
                .documents
                .iter()
                .any(|d| words.iter().any(|w| d.title.contains(w)))
            || case.recordings.iter().any(|r| r.stage.is(stage))
            || (stage == KnownStage::LegalReview
                && case.legal_review.as_ref().is_some_and(|r| r.doc.is_some()));
        if !ok {
            let (item, basis) = if stage == KnownStage::Service {
                ("CF-27", format!("{CF}第六十一条"))
            } else {
                ("CF-37", format!("{CF}第四十七条"))
            };
            out.push(sug(
                R,
                item,
                basis,
                format!("{}（{}）在卷内无相应文书或记录", stage.label(), e.date),
            ));
        }
    }
    out
}

/// `order_of_steps` — 行政处罚法 第四十七条 (the record must be true): 决定
/// before 立案; 送达 before 决定 (every 送达); 结案 before 决定; 归档 before 结案.
pub fn order_of_steps(case: &CaseFile, _cal: &Calendar, _p: &Profile) -> Vec<Suggestion> {
    const R: &str = "order_of_steps";
    let (item, basis) = match Law::of(case) {
        Law::Penalty => ("CF-33", format!("{CF}第四十七条")),
        Law::Licensing => ("XK-13", GB118.to_string()),
        Law::General => ("TY-17", GB118.to_string()),
        Law::Enforcement => return Vec::new(),
    };
    let mut out = Vec::new();
    let mut flag = |a: &str, ad: chrono::NaiveDate, b: &str, bd: chrono::NaiveDate| {
        out.push(sug(
            R,
            item,
            basis.clone(),
            format!("{a}日期 {ad} 早于{b}日期 {bd}，日期倒置"),
        ));
    };
    let filed = first_date(case, KnownStage::Filing);
    let dec = case.decision_date();
    let closed = first_date(case, KnownStage::Closing);
    if let (Some(f), Some(d)) = (filed, dec)
        && d < f
    {
        flag("决定", d, "立案", f);
    }
    if let Some(d) = dec {
        let served: Vec<_> = case
            .events_of(KnownStage::Service)
            .map(|e| e.date)
            .collect();
        if let Some(s) = served.iter().max()
            && *s < d
        {
            flag(
                "送达",
                served.iter().min().copied().unwrap_or(*s),
                "决定",
                d,
            );
        }
        if let Some(c) = closed
            && c < d
        {
            flag("结案", c, "决定", d);
        }
    }
    if let (Some(c), Some(a)) = (closed, first_date(case, KnownStage::Archiving))
        && a < c
    {
        flag("归档", a, "结案", c);
    }
    out
}
