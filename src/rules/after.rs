//! After the decision: service, payment, disclosure.

use super::deadline::{Due, cn_date, facts_suffix, period_due, period_moved, workday_due};
use super::{
    CF, GB118, Law, Profile, XK, first_on_or_after, has_stage, imposes_penalty, no_data,
    ordinary_penalty, sug,
};
use crate::calendar::Calendar;
use crate::model::{CaseFile, KnownStage, Measure, PartyType, Suggestion};
use crate::rules::DisclosureScope;
use chrono::Duration;

/// `service` — 行政处罚法 第六十一条 (普通程序): the first 送达 on or after the
/// decision later than the 7th working day after the decision date; or every
/// 送达 dated before the decision. 行政许可 (准予许可): 行政许可法 第四十四条,
/// 10 working days.
pub fn service(case: &CaseFile, cal: &Calendar, _p: &Profile) -> Vec<Suggestion> {
    const R: &str = "service";
    let (item, basis, limit) = match Law::of(case) {
        Law::Penalty if ordinary_penalty(case) => ("CF-27", format!("{CF}第六十一条"), 7),
        Law::Licensing if case.measures().contains(&Measure::Grant) => {
            ("XK-10", format!("{XK}第四十四条"), 10)
        }
        _ => return Vec::new(),
    };
    let Some(dec) = case.decision_date() else {
        return Vec::new();
    };
    let Some(served) = first_on_or_after(case, KnownStage::Service, dec) else {
        if let Some(s) = case.first_event(KnownStage::Service) {
            return vec![sug(
                R,
                item,
                basis,
                format!("送达日期 {} 早于决定日期 {dec}", s.date),
            )];
        }
        return Vec::new();
    };
    match workday_due(cal, dec, served, limit) {
        Due::OnTime => Vec::new(),
        Due::Late(end) => vec![sug(
            R,
            item,
            basis,
            format!(
                "决定日期{}，送达期限为决定后 {limit} 个工作日：应于{}前送达，实际{}送达，逾期{}",
                cn_date(dec),
                cn_date(end),
                cn_date(served),
                facts_suffix(cal, dec, end, served)
            ),
        )],
        Due::Unknown(y) => vec![no_data(
            R,
            item,
            basis,
            y,
            &format!(
                "送达期限（决定日期{}后第 {limit} 个工作日；实际{}送达）",
                cn_date(dec),
                cn_date(served)
            ),
        )],
    }
}

/// `payment` — 行政处罚法 第六十七条、第七十二条 (普通程序): a fine or
/// confiscation, and no 缴款 within 15 calendar days of service (of the
/// decision when no service is recorded; the last day moved to the next
/// working day when it is a holiday or rest day), and no 催告 / 强制执行.
pub fn payment(case: &CaseFile, cal: &Calendar, _p: &Profile) -> Vec<Suggestion> {
    const R: &str = "payment";
    if !ordinary_penalty(case) {
        return Vec::new();
    }
    let Some(d) = &case.decision else {
        return Vec::new();
    };
    let money = d.fine_yuan.unwrap_or(0.0) > 0.0
        || d.confiscation_yuan.unwrap_or(0.0) > 0.0
        || d.measures.contains(&Measure::Fine);
    let Some(dec) = case.decision_date() else {
        return Vec::new();
    };
    if !money
        || has_stage(case, KnownStage::Reminder)
        || has_stage(case, KnownStage::CompulsoryExecution)
    {
        return Vec::new();
    }
    let basis = format!("{CF}第六十七条、第七十二条");
    let (from_what, from) = match first_on_or_after(case, KnownStage::Service, dec) {
        Some(s) => ("送达日期", s),
        None => ("决定日期", dec),
    };
    let Some(paid) = case.first_event(KnownStage::Payment).map(|e| e.date) else {
        return vec![sug(
            R,
            "CF-28",
            basis,
            format!(
                "{from_what}{}，无缴款记录（应在十五日内{}缴款），也无催告、加处罚款或申请强制执行等后续措施",
                cn_date(from),
                cal.period_end(from, 15)
                    .map(|end| format!("，即{}前", cn_date(end)))
                    .unwrap_or_default()
            ),
        )];
    };
    match period_due(cal, from, paid, 15) {
        Due::OnTime => Vec::new(),
        Due::Late(end) => vec![sug(
            R,
            "CF-28",
            basis,
            format!(
                "{from_what}{}，缴款期限为十五日{}：应于{}前缴款，实际{}缴款，逾期，且无催告、加处罚款或申请强制执行等措施",
                cn_date(from),
                period_moved(cal, 15, from + Duration::days(15), end),
                cn_date(end),
                cn_date(paid)
            ),
        )],
        Due::Unknown(y) => vec![no_data(
            R,
            "CF-28",
            basis,
            y,
            &format!(
                "缴款期限的届满日（{from_what}{}，实际{}缴款）",
                cn_date(from),
                cn_date(paid)
            ),
        )],
    }
}

/// `disclosure` — 行政处罚法 第四十八条; 国办发〔2018〕118号: a 行政处罚
/// (普通程序, not 不予处罚) or 准予许可 decision within the profile's scope with
/// no 公示, or disclosed later than the profile's period (default the 7th
/// working day after the decision).
pub fn disclosure(case: &CaseFile, cal: &Calendar, p: &Profile) -> Vec<Suggestion> {
    const R: &str = "disclosure";
    let (item, basis) = match Law::of(case) {
        Law::Penalty if ordinary_penalty(case) && imposes_penalty(case) => {
            ("CF-40", format!("{CF}第四十八条；{GB118}"))
        }
        Law::Licensing if case.measures().contains(&Measure::Grant) => {
            ("XK-11", format!("{XK}第四十条；{GB118}"))
        }
        _ => return Vec::new(),
    };
    match p.disclosure.scope {
        DisclosureScope::None => return Vec::new(),
        DisclosureScope::Organizations => {
            if !matches!(
                case.party_type(),
                Some(PartyType::LegalPerson | PartyType::Organization)
            ) {
                return Vec::new();
            }
        }
        DisclosureScope::All => {}
    }
    let Some(dec) = case.decision_date() else {
        return Vec::new();
    };
    let limit = p.disclosure.days;
    let published = case
        .disclosure
        .as_ref()
        .and_then(|d| d.date)
        .or_else(|| case.first_event(KnownStage::Disclosure).map(|e| e.date));
    let Some(published) = published else {
        if case.disclosure.is_some() {
            // Disclosed, undated: nothing to count.
            return Vec::new();
        }
        return vec![sug(
            R,
            item,
            basis,
            format!(
                "决定日期{}，未见决定信息公示记录（应在决定后 {limit} 个工作日内{}公示）",
                cn_date(dec),
                cal.add_workdays(dec, limit)
                    .map(|end| format!("，即{}前", cn_date(end)))
                    .unwrap_or_default()
            ),
        )];
    };
    match workday_due(cal, dec, published, limit) {
        Due::OnTime => Vec::new(),
        Due::Late(end) => vec![sug(
            R,
            item,
            basis,
            format!(
                "决定日期{}，公示期限为决定后 {limit} 个工作日：应于{}前公示，实际{}公示，逾期{}",
                cn_date(dec),
                cn_date(end),
                cn_date(published),
                facts_suffix(cal, dec, end, published)
            ),
        )],
        Due::Unknown(y) => vec![no_data(
            R,
            item,
            basis,
            y,
            &format!(
                "公示期限（决定日期{}后第 {limit} 个工作日；实际{}公示）",
                cn_date(dec),
                cn_date(published)
            ),
        )],
    }
}
