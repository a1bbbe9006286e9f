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
/// Deductions stay within the items' points in `checklists/cf.toml`.
const MANUAL: &[(&str, f64, &str)] = &[
    ("CF-12", 3.0, "处罚决定书引用处罚条款未写明款、项"),
    (
        "CF-12",
        4.0,
        "处罚决定书只引用处罚条款，未引用违法行为所违反的条款",
    ),
    ("CF-31", 2.0, "询问笔录有空白项未划线"),
    ("CF-31", 2.0, "多份文书漏填文书编号、日期，用语不规范"),
    ("CF-36", 1.5, "卷内目录页码与实际材料页码不一致"),
    ("CF-14", 3.0, "从轻处罚的理由未在决定书中说明"),
    (
        "CF-14",
        4.0,
        "未适用本部门行政处罚裁量基准，裁量理由和证据未入卷",
    ),
    ("CF-05", 3.0, "调查终结报告与决定书认定的违法事实表述不一致"),
    (
        "CF-06",
        3.0,
        "违法所得认定仅有当事人陈述，无销售记录等证据印证",
    ),
    ("CF-06", 3.0, "复印件未注明“与原件核对无误”并由当事人签章"),
    ("CF-32", 1.5, "现场检查笔录涂改处无当事人签名确认"),
    ("CF-32", 1.5, "询问笔录末页无被询问人签名及日期"),
    ("CF-38", 1.5, "卷内材料未逐页编号"),
    ("CF-26", 2.0, "处罚决定书未载明申请行政复议的期限"),
    ("CF-26", 2.0, "处罚决定书未载明罚款的缴纳方式和期限"),
    ("CF-02", 2.0, "当事人营业执照复印件未加盖公章"),
    ("CF-02", 2.0, "卷内无当事人身份证明材料"),
    ("CF-03", 1.0, "当事人名称在立案审批表与决定书中不一致"),
    ("CF-09", 1.5, "现场照片未注明拍摄时间、地点和拍摄人"),
    ("CF-09", 1.5, "书证复制件未注明出处"),
    ("CF-13", 1.5, "适用的地方性法规条款已于违法行为发生前修订"),
    ("CF-15", 2.0, "罚款计算基数与认定的货值金额不一致"),
    ("CF-16", 1.5, "处罚决定书未责令当事人改正违法行为"),
    ("CF-18", 2.0, "现场检查笔录未记载出示执法证件"),
    ("CF-19", 1.0, "询问笔录未告知当事人申请回避的权利"),
    ("CF-29", 1.5, "结案审批表无负责人审批意见"),
    ("CF-30", 1.5, "使用已废止的文书格式文本"),
    ("CF-34", 2.0, "两起违法行为合并立卷"),
    ("CF-35", 1.0, "卷宗封面保管期限未填写"),
    ("CF-37", 1.5, "送达回证装订在处罚决定书之前，组卷顺序错乱"),
    ("CF-39", 1.0, "结案后超过三个月未归档，备考表未填写"),
];

/// How many problems a finished file gets: most files are sound with a few
/// slips, a good share are middling, a few are poor (so the demo shows 优秀,
/// 合格 and 不合格 as a real review does).
fn manual_count(rng: &mut Rng) -> u64 {
    match rng.below(100) {
        0..=34 => rng.below(4),
        35..=84 => 5 + rng.below(5),
        _ => 10 + rng.below(6),
    }
}

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
            let n = if complete { manual_count(&mut rng) } else { 1 };
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
