//! Who acted: at least two officers, each with a valid enforcement certificate.

use super::{CF, GB118, Law, Profile, QZ, XK, has_stage, ordinary_penalty, sug};
use crate::calendar::Calendar;
use crate::model::{CaseFile, KnownStage, Suggestion};

/// `officers` — 行政处罚法 第四十二条 (行政许可法 第三十四条 for a 核查,
/// 行政强制法 第十八条): fewer than two officers; an officer without `cert_no`;
/// a certificate that expired before the 立案 date (or the earliest event).
pub fn officers(case: &CaseFile, _cal: &Calendar, _p: &Profile) -> Vec<Suggestion> {
    const R: &str = "officers";
    let law = Law::of(case);
    // (item for <2, item for no cert, item for expired, basis)
    let (few, nocert, expired, basis) = match law {
        Law::Penalty if ordinary_penalty(case) => {
            ("CF-V04", "CF-04", "CF-V03", format!("{CF}第四十二条"))
        }
        // 简易程序: one officer may act on the spot, but a certificate is still needed.
        Law::Penalty => ("", "", "CF-V03", format!("{CF}第四十二条")),
        Law::Licensing => {
            // Only a 核查 (on-site verification) needs two staff.
            if !has_stage(case, KnownStage::OnSiteInspection) || case.officers.is_empty() {
                return Vec::new();
            }
            ("XK-04", "", "", format!("{XK}第三十四条"))
        }
        Law::Enforcement => ("QZ-02", "QZ-02", "QZ-V01", format!("{QZ}第十八条")),
        Law::General => {
            if case.officers.is_empty() {
                return Vec::new();
            }
            ("TY-02", "TY-02", "TY-V02", GB118.to_string())
        }
    };
    let mut out = Vec::new();
    let n = case.officers.len();
    if n < 2 && !few.is_empty() {
        let who = case
            .officers
            .iter()
            .map(|o| o.name.as_str())
            .collect::<Vec<_>>()
            .join("、");
        let msg = if n == 0 {
            "案卷未载明承办执法人员，执法人员少于两人".to_string()
        } else {
            format!("承办执法人员仅 {n} 人（{who}），少于两人")
        };
        out.push(sug(R, few, basis.clone(), msg));
    }
    if expired.is_empty() {
        return out;
    }
    let without_cert = case
        .officers
        .iter()
        .filter(|o| o.cert_no.as_deref().is_none_or(|c| c.trim().is_empty()));
    for o in without_cert.filter(|_| !nocert.is_empty()) {
        out.push(sug(
            R,
            nocert,
            basis.clone(),
            format!("执法人员 {} 未载明执法证号", o.name),
        ));
    }
    let reference = case
        .first_event(KnownStage::Filing)
        .map(|e| ("立案日期", e.date))
        .or_else(|| case.timeline().first().map(|e| ("最早环节日期", e.date)));
    if let Some((what, day)) = reference {
        for o in &case.officers {
            if let Some(until) = o.cert_valid_until
                && until < day
            {
                out.push(sug(
                    R,
                    expired,
                    basis.clone(),
                    format!(
                        "执法人员 {} 的执法证件有效期至 {until}，早于{what} {day}，办案时证件已失效",
                        o.name
                    ),
                ));
            }
        }
    }
    out
}
