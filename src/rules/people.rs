//! Who acted: at least two officers, each with a valid enforcement certificate.

use super::{CF, GB118, Law, Profile, QZ, XK, has_stage, ordinary_penalty, sug};
use crate::calendar::Calendar;
use crate::model::{CaseFile, KnownStage, Officer, Suggestion};

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
    let people = distinct_officers(&case.officers);
    let n = people.len();
    if n < 2 && !few.is_empty() {
        let who = people
            .iter()
            .map(|p| p.officer.name.as_str())
            .collect::<Vec<_>>()
            .join("、");
        let repeats: Vec<String> = people
            .iter()
            .filter(|p| p.entries > 1)
            .map(|p| {
                let key = if p.by_cert {
                    "执法证号相同"
                } else {
                    "姓名相同，未载明不同的执法证号"
                };
                format!("{}重复列出 {} 次（{key}）", p.officer.name, p.entries)
            })
            .collect();
        let msg = if n == 0 {
            "案卷未载明承办执法人员，执法人员少于两人".to_string()
        } else if !repeats.is_empty() {
            format!(
                "承办执法人员仅 {n} 人（{who}）：案卷列出 {} 人次，其中{}，同一人只计一次，少于两人",
                case.officers.len(),
                repeats.join("、")
            )
        } else {
            format!("承办执法人员仅 {n} 人（{who}），少于两人")
        };
        out.push(sug(R, few, basis.clone(), msg));
    }
    if expired.is_empty() {
        return out;
    }
    let without_cert = people
        .iter()
        .map(|p| &p.officer)
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
        for o in people.iter().map(|p| &p.officer) {
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

/// One person among the officers listed: the first entry of the person
/// (filled in with a certificate number or validity that a later entry
/// adds), how many entries name them, and whether the repeat was known by
/// the certificate number (else by the name).
struct Person {
    officer: Officer,
    entries: usize,
    by_cert: bool,
}

/// The officers as distinct people: two entries are the same person when
/// they carry the same certificate number, or — when either has none — the
/// same name.
fn distinct_officers(all: &[Officer]) -> Vec<Person> {
    fn cert(o: &Officer) -> Option<&str> {
        o.cert_no
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
    }
    let mut people: Vec<Person> = Vec::new();
    for o in all {
        let same = people
            .iter_mut()
            .find(|p| match (cert(&p.officer), cert(o)) {
                (Some(a), Some(b)) => a == b,
                _ => p.officer.name.trim() == o.name.trim(),
            });
        match same {
            Some(p) => {
                p.entries += 1;
                p.by_cert = cert(&p.officer).is_some() && cert(o).is_some();
                if cert(&p.officer).is_none() && cert(o).is_some() {
                    p.officer.cert_no = o.cert_no.clone();
                }
                if p.officer.cert_valid_until.is_none() {
                    p.officer.cert_valid_until = o.cert_valid_until;
                }
            }
            None => people.push(Person {
                officer: o.clone(),
                entries: 1,
                by_cert: false,
            }),
        }
    }
    people
}
