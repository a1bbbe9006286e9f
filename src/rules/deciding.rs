//! Making the decision: collective discussion, legal review and its time
//! limit, the 90-day decision period, the limits of 简易程序.

use super::deadline::{Due, cn_date, facts_suffix, period_due, period_moved, workday_due};
use super::{
    CF, GB118, Law, Profile, XK, first_date, has_stage, no_data, ordinary_penalty, sug, yuan,
};
use crate::calendar::Calendar;
use crate::model::{
    CaseFile, CaseKind, KnownStage, Measure, PartyType, Procedure, ReviewOpinion, Suggestion,
};
use chrono::{Duration, NaiveDate};

/// `collective_discussion` — 行政处罚法 第五十七条 (普通程序): a major
/// decision and no 集体讨论 on or before the decision date.
pub fn collective_discussion(case: &CaseFile, _cal: &Calendar, _p: &Profile) -> Vec<Suggestion> {
    const R: &str = "collective_discussion";
    if !ordinary_penalty(case) || !case.is_major() {
        return Vec::new();
    }
    let Some(dec) = case.decision_date() else {
        return Vec::new();
    };
    let basis = format!("{CF}第五十七条");
    let all: Vec<NaiveDate> = case
        .events_of(KnownStage::CollectiveDiscussion)
        .map(|e| e.date)
        .collect();
    if all.iter().any(|d| *d <= dec) {
        return Vec::new();
    }
    let msg = match all.iter().min() {
        Some(d) => {
            format!("重大执法决定的集体讨论日期 {d} 晚于决定日期 {dec}，未经集体讨论即作出决定")
        }
        None => format!("重大执法决定（决定日期 {dec}）无负责人集体讨论记录"),
    };
    vec![sug(R, "CF-21", basis, msg)]
}

/// The dated legal reviews of a file: `legal_review.date` (with its
/// opinion) and the 法制审核 events.
fn reviews(case: &CaseFile) -> Vec<(NaiveDate, Option<ReviewOpinion>)> {
    let mut v: Vec<(NaiveDate, Option<ReviewOpinion>)> = case
        .events_of(KnownStage::LegalReview)
        .map(|e| (e.date, None))
        .collect();
    if let Some(r) = &case.legal_review
        && let Some(d) = r.date
    {
        v.retain(|(x, _)| *x != d);
        v.push((d, r.opinion));
    }
    v.sort_by_key(|(d, _)| *d);
    v
}

/// `legal_review` — 行政处罚法 第五十八条; 国办发〔2018〕118号: a major
/// decision with no legal review; every review dated after the decision; or
/// the review before the decision answered 不同意 / 退回补充 with no later review
/// before the decision. (Other kinds: TY-22, 118号.)
pub fn legal_review(case: &CaseFile, _cal: &Calendar, _p: &Profile) -> Vec<Suggestion> {
    const R: &str = "legal_review";
    let (item, basis) = match Law::of(case) {
        Law::Penalty if ordinary_penalty(case) => ("CF-V12", format!("{CF}第五十八条")),
        Law::General => ("TY-22", GB118.to_string()),
        _ => return Vec::new(),
    };
    if !case.is_major() {
        return Vec::new();
    }
    let Some(dec) = case.decision_date() else {
        return Vec::new();
    };
    let rs = reviews(case);
    if rs.is_empty() {
        if case.legal_review.is_some() {
            // Reviewed, undated: nothing to compare.
            return Vec::new();
        }
        return vec![sug(
            R,
            item,
            basis,
            format!("重大执法决定（决定日期 {dec}）无法制审核记录，未经法制审核即作出决定"),
        )];
    }
    let before: Vec<&(NaiveDate, Option<ReviewOpinion>)> =
        rs.iter().filter(|(d, _)| *d <= dec).collect();
    let Some((last, opinion)) = before.last() else {
        return vec![sug(
            R,
            item,
            basis,
            format!(
                "法制审核日期 {} 晚于决定日期 {dec}，决定作出前未经法制审核",
                rs[0].0
            ),
        )];
    };
    if let Some(o @ (ReviewOpinion::Reject | ReviewOpinion::ReturnForMore)) = opinion {
        return vec![sug(
            R,
            item,
            basis,
            format!("法制审核意见为“{o}”（{last}），其后未再经审核即于 {dec} 作出决定"),
        )];
    }
    Vec::new()
}

/// `legal_review_time` — the profile's limit (国办发〔2018〕118号 and local
/// rules): more working days from `legal_review.received` to
/// `legal_review.date` than `days + extension_days`.
pub fn legal_review_time(case: &CaseFile, cal: &Calendar, p: &Profile) -> Vec<Suggestion> {
    const R: &str = "legal_review_time";
    let item = match Law::of(case) {
        Law::Penalty if ordinary_penalty(case) => "CF-42",
        Law::General => "TY-22",
        _ => return Vec::new(),
    };
    let Some(r) = &case.legal_review else {
        return Vec::new();
    };
    let (Some(got), Some(done)) = (r.received, r.date) else {
        return Vec::new();
    };
    let limit = p.legal_review.days + p.legal_review.extension_days;
    let basis = p.legal_review.basis.clone();
    let rule = if p.legal_review.extension_days > 0 {
        format!(
            "{}规定的 {} 个工作日（含可延长的 {} 个工作日）",
            p.name, limit, p.legal_review.extension_days
        )
    } else {
        format!("{}规定的 {limit} 个工作日", p.name)
    };
    match workday_due(cal, got, done, limit) {
        Due::OnTime => Vec::new(),
        Due::Late(end) => vec![sug(
            R,
            item,
            basis,
            format!(
                "法制审核机构收到日期{}，审核期限为{rule}：应于{}前出具审核意见，实际{}出具审核意见，逾期{}",
                cn_date(got),
                cn_date(end),
                cn_date(done),
                facts_suffix(cal, got, end, done)
            ),
        )],
        Due::Unknown(y) => vec![no_data(
            R,
            item,
            basis,
            y,
            &format!(
                "法制审核期限（收到日期{}后第 {limit} 个工作日；实际{}出具审核意见）",
                cn_date(got),
                cn_date(done)
            ),
        )],
    }
}

/// `decision_period` — 行政处罚法 第六十条 (普通程序): the decision later
/// than 90 calendar days after 立案 (the period's last day moved to the next
/// working day when it is a holiday or rest day), and no 延期审批. For
/// 行政许可: 行政许可法 第四十二条, 20 working days from 受理 (立案), 30 with 延期审批.
pub fn decision_period(case: &CaseFile, cal: &Calendar, _p: &Profile) -> Vec<Suggestion> {
    const R: &str = "decision_period";
    let law = Law::of(case);
    if !(ordinary_penalty(case) || law == Law::Licensing) {
        return Vec::new();
    }
    let (Some(filed), Some(dec)) = (first_date(case, KnownStage::Filing), case.decision_date())
    else {
        return Vec::new();
    };
    let extended = has_stage(case, KnownStage::Extension);
    if law == Law::Licensing {
        let basis = format!("{XK}第四十二条");
        let limit = if extended { 30 } else { 20 };
        return match workday_due(cal, filed, dec, limit) {
            Due::OnTime => Vec::new(),
            Due::Late(end) => vec![sug(
                R,
                "XK-06",
                basis,
                format!(
                    "受理日期{}，许可决定期限为受理后 {limit} 个工作日{}：应于{}前作出决定，实际{}作出决定，逾期{}",
                    cn_date(filed),
                    if extended {
                        "（含延长的 10 个工作日）"
                    } else {
                        "（无延期审批）"
                    },
                    cn_date(end),
                    cn_date(dec),
                    facts_suffix(cal, filed, end, dec)
                ),
            )],
            Due::Unknown(y) => vec![no_data(
                R,
                "XK-06",
                basis,
                y,
                &format!(
                    "许可决定期限（受理日期{}后第 {limit} 个工作日；实际{}作出决定）",
                    cn_date(filed),
                    cn_date(dec)
                ),
            )],
        };
    }
    if extended {
        return Vec::new();
    }
    let basis = format!("{CF}第六十条");
    match period_due(cal, filed, dec, 90) {
        Due::OnTime => Vec::new(),
        Due::Late(end) => vec![sug(
            R,
            "CF-25",
            basis,
            format!(
                "立案日期{}，决定期限为立案后九十日{}：应于{}前作出决定，实际{}作出决定，相隔 {} 日，逾期且无延期审批",
                cn_date(filed),
                period_moved(cal, 90, filed + Duration::days(90), end),
                cn_date(end),
                cn_date(dec),
                (dec - filed).num_days()
            ),
        )],
        Due::Unknown(y) => vec![no_data(
            R,
            "CF-25",
            basis,
            y,
            &format!(
                "九十日期限的届满日（立案日期{}，实际{}作出决定）",
                cn_date(filed),
                cn_date(dec)
            ),
        )],
    }
}

/// `simple_procedure` — 行政处罚法 第五十一条: 简易程序 with a fine over 200
/// yuan (自然人) / 3,000 yuan (法人、非法人组织), or a measure other than 警告
/// and 罚款.
pub fn simple_procedure(case: &CaseFile, _cal: &Calendar, _p: &Profile) -> Vec<Suggestion> {
    const R: &str = "simple_procedure";
    if case.kind != CaseKind::Penalty || case.effective_procedure() != Procedure::Simple {
        return Vec::new();
    }
    let basis = format!("{CF}第五十一条");
    let mut out = Vec::new();
    let other: Vec<&str> = case
        .measures()
        .iter()
        .filter(|m| !matches!(m, Measure::Warning | Measure::Fine | Measure::NoPenalty))
        .map(|m| m.label())
        .collect();
    if !other.is_empty() {
        out.push(sug(
            R,
            "CF-V09",
            basis.clone(),
            format!(
                "适用简易程序却作出{}，简易程序只能当场作出警告或小额罚款",
                other.join("、")
            ),
        ));
    }
    if let Some(f) = case.decision.as_ref().and_then(|d| d.fine_yuan) {
        let (cap, who) = match case.party_type() {
            Some(PartyType::NaturalPerson) => (200.0, "自然人"),
            Some(_) => (3000.0, "法人或其他组织"),
            None => (3000.0, "当事人"),
        };
        if f > cap {
            out.push(sug(
                R,
                "CF-V09",
                basis,
                format!(
                    "适用简易程序处罚款 {} 元，超过对{who}当场处罚的上限 {} 元",
                    yuan(f),
                    yuan(cap)
                ),
            ));
        }
    }
    out
}
