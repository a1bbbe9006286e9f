//! A plan of reviewers' work, so the demo database looks mid-review: about
//! 40% of files finished, some in progress, the rest waiting with their
//! automatic suggestions pending.

use super::generate::GeneratedCase;
use super::rng::Rng;
use crate::model::CaseKind;

/// The panel: (name, own department). Nobody reviews their own department (回避).
pub const REVIEWERS: &[(&str, &str)] = &[
    ("王芳", "清江市司法局"),
    ("陈静", "清江市司法局"),
    ("李强", "清江市市场监督管理局"),
    ("张伟", "清江市生态环境局"),
    ("刘洋", "清江市交通运输局"),
    ("赵磊", "清江市应急管理局"),
];

/// Problems reviewers typically log on 行政处罚 files: (item, deduction, note).
const MANUAL: &[(&str, f64, &str)] = &[
    ("CF-12", 2.0, "处罚决定书引用处罚条款未写明款、项"),
    ("CF-31", 1.0, "询问笔录有空白项未划线"),
    ("CF-36", 1.0, "卷内目录页码与实际材料页码不一致"),
    ("CF-14", 2.0, "从轻处罚的理由未在决定书中说明"),
    ("CF-05", 1.0, "调查终结报告与决定书认定的违法事实表述不一致"),
    ("CF-32", 0.5, "现场检查笔录涂改处无当事人签名确认"),
    ("CF-38", 1.0, "卷内材料未逐页编号"),
    ("CF-26", 1.0, "处罚决定书未载明申请行政复议的期限"),
    ("CF-07", 1.0, "询问笔录未注明询问起止时间"),
    ("CF-18", 2.0, "现场检查笔录未记载出示执法证件"),
    ("CF-22", 1.0, "事先告知书未告知陈述申辩的期限"),
    ("CF-09", 0.5, "现场照片未注明拍摄时间、地点和拍摄人"),
];

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedFinding {
    pub item: String,
    pub deduction: f64,
    pub note: String,
    pub page: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedReview {
    pub case_no: String,
    pub reviewer: String,
    pub findings: Vec<PlannedFinding>,
    /// Confirm the automatic suggestions (prompt-only ones are dismissed).
    pub confirm_auto: bool,
    pub complete: bool,
}

/// The plan for a set of generated files; deterministic in `seed`.
pub fn review_plan(seed: u64, cases: &[GeneratedCase]) -> Vec<PlannedReview> {
    let mut rng = Rng::new(seed ^ PLAN_SALT);
    let mut out = Vec::new();
    for (i, g) in cases.iter().enumerate() {
        let roll = rng.below(100);
        if roll >= 52 {
            continue;
        }
        let complete = roll < 40;
        let dept = g.case.department.as_str();
        let eligible: Vec<&(&str, &str)> = REVIEWERS.iter().filter(|(_, d)| *d != dept).collect();
        let reviewer = eligible[i % eligible.len()].0.to_string();
        let last_page = g
            .case
            .documents
            .iter()
            .filter_map(|d| d.pages.as_deref())
            .filter_map(|p| p.rsplit('-').next()?.parse::<u32>().ok())
            .max()
            .unwrap_or(1);
        let mut findings = Vec::new();
        if g.case.kind == CaseKind::Penalty {
            let n = if complete { rng.below(4) } else { 1 };
            for _ in 0..n {
                let (item, deduction, note) = *rng.pick(MANUAL);
                if findings.iter().any(|f: &PlannedFinding| f.item == item) {
                    continue;
                }
                let page = rng.range(1, last_page as i64);
                findings.push(PlannedFinding {
                    item: item.to_string(),
                    deduction,
                    note: note.to_string(),
                    page: Some(page.to_string()),
                });
            }
        }
        out.push(PlannedReview {
            case_no: g.case.case_no.clone(),
            reviewer,
            findings,
            confirm_auto: complete,
            complete,
        });
    }
    out
}

/// A fixed salt so the plan's draws differ from the files' draws.
const PLAN_SALT: u64 = 0x9e37_79b9_7f4a_7c15;
