//! After the decision: service, payment, disclosure.

use super::{
    CF, GB118, Law, Profile, XK, first_on_or_after, has_stage, imposes_penalty, no_data,
    ordinary_penalty, past_workdays, sug,
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
    match past_workdays(cal, dec, served, limit) {
        Ok(None) => Vec::new(),
        Ok(Some(k)) => vec![sug(
            R,
            item,
            basis,
            format!(
                "决定日期 {dec}，送达日期 {served}，为决定后第 {k} 个工作日，超过 {limit} 个工作日"
            ),
        )],
        Err(y) => vec![no_data(
            R,
            item,
            basis,
            y,
            &format!("送达期限（决定日期 {dec}，送达日期 {served}）"),
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
            format!("{from_what} {from}，无缴款记录，也无催告、加处罚款或申请强制执行等后续措施"),
        )];
    };
    if paid <= from + Duration::days(15) {
        return Vec::new();
    }
    match cal.period_end(from, 15) {
        Some(end) if paid <= end => Vec::new(),
        Some(end) => vec![sug(
            R,
            "CF-28",
            basis,
            format!(
                "{from_what} {from}，缴款日期 {paid}，超过 15 日缴款期限（届满日 {end}），且无催告、加处罚款或申请强制执行等措施"
            ),
        )],
        None => vec![no_data(
            R,
            "CF-28",
            basis,
            super::deciding::unknown_year(cal, from + Duration::days(15)),
            &format!("缴款期限的届满日（{from_what} {from}，缴款 {paid}）"),
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
            format!("决定日期 {dec}，未见决定信息公示记录（应在 {limit} 个工作日内公示）"),
        )];
    };
    match past_workdays(cal, dec, published, limit) {
        Ok(None) => Vec::new(),
        Ok(Some(k)) => vec![sug(
            R,
            item,
            basis,
            format!(
                "决定日期 {dec}，公示日期 {published}，为决定后第 {k} 个工作日，超过 {limit} 个工作日"
            ),
        )],
        Err(y) => vec![no_data(
            R,
            item,
            basis,
            y,
            &format!("公示期限（决定日期 {dec}，公示日期 {published}）"),
        )],
    }
}
