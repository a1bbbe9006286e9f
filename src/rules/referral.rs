//! 两法衔接: suspected crimes transferred to the public-security organ.

use super::{CF, Profile, sug, yuan};
use crate::calendar::Calendar;
use crate::model::{CaseFile, CaseKind, Suggestion};

/// `criminal_referral` — 《行政执法机关移送涉嫌犯罪案件的规定》第三条;
/// 行政处罚法 第二十七条: `amount_involved_yuan` at or over the profile's
/// threshold for the case type (by keywords in the title) and the file not
/// transferred to the police. A prompt for the reviewer, never a deduction.
pub fn criminal_referral(case: &CaseFile, _cal: &Calendar, p: &Profile) -> Vec<Suggestion> {
    const R: &str = "criminal_referral";
    if case.kind != CaseKind::Penalty || case.referred_to_police == Some(true) {
        return Vec::new();
    }
    let Some(amount) = case.amount_involved_yuan else {
        return Vec::new();
    };
    let title = case.title.as_deref().unwrap_or("");
    let Some((kind, min)) = p.criminal_referral.threshold_for(title) else {
        return Vec::new();
    };
    if amount < min {
        return Vec::new();
    }
    let mut s = sug(
        R,
        "CF-V13",
        format!("{CF}第二十七条；《行政执法机关移送涉嫌犯罪案件的规定》第三条"),
        format!(
            "涉案金额 {} 元，达到{}“{kind}”类案件的移送参考数额 {} 元，未见移送公安机关记录，请核实是否涉嫌犯罪",
            yuan(amount),
            p.name,
            yuan(min)
        ),
    );
    s.prompt_only = true;
    vec![s]
}
