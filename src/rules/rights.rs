//! The party's rights before the decision: 告知, the right to a hearing, and
//! the hearing's timing.

use super::{
    CF, Law, Profile, XK, imposes_penalty, no_data, ordinary_penalty, past_workdays, sug, yuan,
};
use crate::calendar::Calendar;
use crate::model::{CaseFile, KnownStage, Measure, PartyType, Suggestion};

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

/// The measures that need the right to a hearing whatever the amount
/// (第六十三条第一款第（三）（四）项: 降低资质等级、吊销许可证件；责令停产停业、
/// 责令关闭、限制从业). 限制开展生产经营活动 is not among them; 没收 counts by
/// its amount (第（二）项), like a fine (第（一）项).
const HEAVY: &[Measure] = &[
    Measure::LowerQualification,
    Measure::RevokeLicense,
    Measure::SuspendBusiness,
    Measure::OrderClosure,
    Measure::RestrictPractice,
];

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
    if why.is_empty() {
        return Vec::new();
    }
    vec![sug(
        R,
        "CF-V11",
        format!("{CF}第六十三条"),
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
    // Too early when the hearing comes before the 7th working day after the notice.
    match past_workdays(cal, notice, hearing, 6) {
        Ok(Some(_)) => Vec::new(),
        Ok(None) => {
            let k = cal.workdays_between(notice, hearing);
            let gap = match k {
                Some(k) => format!("为通知后第 {k} 个工作日"),
                None => format!("仅相隔 {} 日", (hearing - notice).num_days()),
            };
            vec![sug(
                R,
                item,
                basis,
                format!("听证通知日期 {notice}，听证日期 {hearing}，{gap}，未提前 7 个工作日通知"),
            )]
        }
        Err(y) => vec![no_data(
            R,
            item,
            basis,
            y,
            &format!("听证通知（{notice}）至听证（{hearing}）的工作日数"),
        )],
    }
}
