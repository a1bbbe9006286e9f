//! The party's rights before the decision: 告知, the right to a hearing, and
//! the hearing's timing.

use super::deadline::{cn_date, facts_suffix};
use super::{CF, Law, Profile, XK, imposes_penalty, no_data, ordinary_penalty, sug, yuan};
use crate::calendar::Calendar;
use crate::model::{CaseFile, KnownStage, Measure, PartyType, Suggestion};
use chrono::{Datelike, Duration};

/// `notice` — 行政处罚法 第四十四条、第六十二条 (普通程序): a decision and no
/// 告知 event; or every 告知 dated after the decision.
pub fn notice(case: &CaseFile, _cal: &Calendar, _p: &Profile) -> Vec<Suggestion> {
    const R: &str = "notice";
    if !ordinary_penalty(case) || !imposes_penalty(case) {
        return Vec::new();
    }
    let Some(dec) = case.decision_date() else {
        return Vec::new();
    };
    let basis = format!("{CF}第四十四条、第六十二条");
    match case.first_event(KnownStage::Notice).map(|e| e.date) {
        None => vec![sug(
            R,
            "CF-V10",
            basis,
            format!("决定日期 {dec}，案卷中无行政处罚事先告知（告知）记录"),
        )],
        Some(n) if n > dec => vec![sug(
            R,
            "CF-V10",
            basis,
            format!("告知日期 {n} 晚于决定日期 {dec}，未在作出决定前告知"),
        )],
        Some(_) => Vec::new(),
    }
}

/// The measures that need the right to a hearing whatever the amount:
/// 第六十三条第一款第（三）项 降低资质等级、吊销许可证件 and 第（四）项
/// 责令停产停业、责令关闭、限制从业. (第（一）（二）项 are amounts: 较大数额罚款,
/// 没收较大数额违法所得、没收较大价值非法财物, read from the profile.)
const HEAVY: &[Measure] = &[
    Measure::LowerQualification,
    Measure::RevokeLicense,
    Measure::SuspendBusiness,
    Measure::OrderClosure,
    Measure::RestrictPractice,
];

/// Measures the article does not list, which only 第（五）项 “其他较重的行政
/// 处罚” could reach: whether one does is the reviewer's judgement, so they
/// raise a prompt, never a defect.
const MAYBE_HEAVY: &[Measure] = &[Measure::RestrictBusiness];

fn party_label(t: Option<PartyType>) -> &'static str {
    match t {
        Some(PartyType::NaturalPerson) => "自然人",
        Some(PartyType::LegalPerson) => "法人",
        Some(PartyType::Organization) => "非法人组织",
        None => "当事人类型不明",
    }
}

/// `hearing_right` — 行政处罚法 第六十三条 (普通程序): a heavy measure, or a
/// fine / confiscation at or over the profile's 较大数额 for the party type,
/// and `hearing_notified` is false.
pub fn hearing_right(case: &CaseFile, _cal: &Calendar, p: &Profile) -> Vec<Suggestion> {
    const R: &str = "hearing_right";
    if !ordinary_penalty(case) || case.hearing_notified != Some(false) {
        return Vec::new();
    }
    let Some(d) = &case.decision else {
        return Vec::new();
    };
    let t = case.party_type();
    let (fine_min, conf_min) = p.hearing.for_party(t);
    let mut why: Vec<String> = d
        .measures
        .iter()
        .filter(|m| HEAVY.contains(m))
        .map(|m| m.label().to_string())
        .collect();
    if let Some(f) = d.fine_yuan
        && f >= fine_min
    {
        why.push(format!(
            "罚款 {} 元（{}：{}较大数额 {} 元起）",
            yuan(f),
            p.name,
            party_label(t),
            yuan(fine_min)
        ));
    }
    if let Some(c) = d.confiscation_yuan
        && c >= conf_min
    {
        why.push(format!(
            "没收 {} 元（{}：{}较大数额 {} 元起）",
            yuan(c),
            p.name,
            party_label(t),
            yuan(conf_min)
        ));
    }
    let basis = format!("{CF}第六十三条");
    if why.is_empty() {
        let maybe: Vec<&str> = d
            .measures
            .iter()
            .filter(|m| MAYBE_HEAVY.contains(m))
            .map(|m| m.label())
            .collect();
        if maybe.is_empty() {
            return Vec::new();
        }
        let mut s = sug(
            R,
            "CF-V11",
            basis,
            format!(
                "决定含{}，未告知听证权利：第六十三条第一款未列明该种处罚，是否属于第（五）项“其他较重的行政处罚”而应告知听证权利，请评查人员核实",
                maybe.join("、")
            ),
        );
        s.prompt_only = true;
        return vec![s];
    }
    vec![sug(
        R,
        "CF-V11",
        basis,
        format!("决定含{}，应当告知听证权利而未告知", why.join("、")),
    )]
}

/// `hearing_timing` — 行政处罚法 第六十四条 (行政许可法 第四十八条): a 听证
/// with no 听证通知 before it; or the 听证 earlier than the 7th working day
/// after the 听证通知.
pub fn hearing_timing(case: &CaseFile, cal: &Calendar, _p: &Profile) -> Vec<Suggestion> {
    const R: &str = "hearing_timing";
    let (item, basis) = match Law::of(case) {
        Law::Penalty if ordinary_penalty(case) => ("CF-24", format!("{CF}第六十四条")),
        Law::Licensing => ("XK-08", format!("{XK}第四十八条")),
        _ => return Vec::new(),
    };
    let Some(hearing) = case.first_event(KnownStage::Hearing).map(|e| e.date) else {
        return Vec::new();
    };
    let notice = case
        .events_of(KnownStage::HearingNotice)
        .map(|e| e.date)
        .filter(|d| *d <= hearing)
        .max();
    let Some(notice) = notice else {
        return vec![sug(
            R,
            item,
            basis,
            format!("听证日期 {hearing}，此前无听证通知记录"),
        )];
    };
    // Too early when the hearing comes before the 7th working day after the
    // notice, the earliest day it may be held.
    let counted = cal.workdays_between(notice, hearing);
    let gap = match counted {
        Some(k) => format!("为通知后第 {k} 个工作日"),
        None => format!("仅相隔 {} 日", (hearing - notice).num_days()),
    };
    let msg = match cal.add_workdays(notice, 7) {
        Some(e) if hearing >= e => return Vec::new(),
        Some(e) => format!(
            "听证通知日期{}，应在举行听证的七个工作日前通知：听证应不早于{}举行，实际{}举行听证，{gap}，通知期不足{}",
            cn_date(notice),
            cn_date(e),
            cn_date(hearing),
            facts_suffix(cal, notice, e, e)
        ),
        // The 7th working day is in a year without data: a hearing on a
        // known day, or within 6 calendar days, is still before it.
        None if counted.is_some() || hearing <= notice + Duration::days(6) => format!(
            "听证通知日期{}，实际{}举行听证，{gap}，未提前七个工作日通知",
            cn_date(notice),
            cn_date(hearing)
        ),
        None => {
            return vec![no_data(
                R,
                item,
                basis,
                cal.missing_year(notice + Duration::days(1), hearing)
                    .unwrap_or(hearing.year()),
                &format!(
                    "听证通知（{}）后第 7 个工作日（实际{}举行听证）",
                    cn_date(notice),
                    cn_date(hearing)
                ),
            )];
        }
    };
    vec![sug(R, item, basis, msg)]
}
