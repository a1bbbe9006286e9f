//! The library's error: each variant says what is wrong, where, and what to do.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error("{}", import_message(.0))]
    Import(#[from] crate::import::ImportError),
    #[error(transparent)]
    Checklist(#[from] crate::checklist::ChecklistError),
    #[error(transparent)]
    Table(#[from] crate::checklist::table::TableError),
    #[error(
        "已有编号为“{id}”的评查标准。以上是替换后的变化；确认替换请加 --replace（已完成评查的案卷保留原评分，加 --regrade 按新版本重新评分）"
    )]
    StandardExists { id: String },
    #[error("地方配置文件有误：{0}")]
    Profile(#[from] crate::rules::ProfileError),
    #[error(
        "没有名为“{0}”的地方配置；内置配置有 {1}，也可以给出配置文件的路径（格式见 data/profiles/national.toml）"
    )]
    UnknownProfile(String, String),
    #[error("没有案号为“{0}”的案卷；用 `pingcha cases` 查看已导入的案卷")]
    UnknownCase(String),
    #[error("案卷“{case_no}”不在当前评查批次中")]
    NotInBatch { case_no: String },
    #[error("没有编号为“{0}”的评查项目；用 `pingcha checklists` 查看各评查标准的项目")]
    UnknownItem(String),
    #[error("评查项目 {item} 不适用于案卷“{case_no}”（{reason}）")]
    ItemNotApplicable {
        item: String,
        case_no: String,
        reason: String,
    },
    #[error("扣分 {given} 超过评查项目 {item} 的分值 {points}；扣分应在 0 到 {points} 之间")]
    DeductionTooLarge {
        item: String,
        points: f64,
        given: f64,
    },
    #[error("扣分 {0} 无效：扣分应为不小于 0 的数，以 0.5 为步长")]
    BadDeduction(f64),
    #[error(
        "没有适用于“{0}”类案卷的通用评查标准；请在 checklists/ 中加入 role = \"general\" 且 kinds 含该类型的评查标准"
    )]
    NoChecklist(String),
    #[error("没有编号为“{0}”的问题；用 `pingcha finding list` 查看问题编号")]
    UnknownFinding(String),
    #[error("案卷“{0}”已完成评查；如需修改，请先重新打开（`pingcha complete {0} --reopen`）")]
    Completed(String),
    #[error(
        "案卷“{0}”已提交复核，正等待组长复核；如需修改，请组长退回（`pingcha return {0} --by 组长 --remark 意见`），或先重新打开（`pingcha complete {0} --reopen`）"
    )]
    PendingReview(String),
    /// A review step the review states do not allow (the reason in Chinese).
    #[error("{0}")]
    Refused(String),
    #[error("{}", review_warnings(case_no, warnings))]
    ReviewWarnings {
        case_no: String,
        warnings: Vec<String>,
    },
    #[error("无法读取 {path}：{source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    #[error(
        "评查尚未结束，不能印发评查情况通报：{files} 件案卷未完成评查{examples}，{suggestions} 条自动发现的问题待确认或驳回。用 `pingcha cases` 查看各案卷的评查状态，用 `pingcha finding list` 查看待确认的问题；如需先征求意见，加 --draft 生成征求意见稿，或用 --department 只生成部门文书"
    )]
    Unfinished {
        files: usize,
        examples: String,
        suggestions: usize,
    },
    #[error("{}", refused_message(package, problems))]
    PackageRefused {
        package: String,
        problems: Vec<String>,
    },
    #[error(transparent)]
    Key(#[from] crate::keys::KeyError),
    #[error("评查项目 {item}（{wording}）：{message}")]
    FindingRule {
        item: String,
        wording: String,
        message: String,
    },
    #[error("{0}")]
    Other(String),
}

fn refused_message(package: &str, problems: &[String]) -> String {
    let mut s = format!(
        "评查包 {package} 未合并（数据库未作任何改动）：发现 {} 处问题",
        problems.len()
    );
    for (i, p) in problems.iter().enumerate() {
        s.push_str(&format!("\n  {}. {p}", i + 1));
    }
    s
}

fn review_warnings(case_no: &str, warnings: &[String]) -> String {
    let mut s = format!(
        "案卷“{case_no}”提交前检查发现 {} 处问题，未提交：",
        warnings.len()
    );
    for w in warnings {
        s.push_str("\n  · ");
        s.push_str(w);
    }
    s.push_str("\n请改正后再提交；如确需按现状提交，写明理由：`--override-reason 理由`");
    s
}

fn import_message(e: &crate::import::ImportError) -> String {
    match e {
        crate::import::ImportError::Invalid(issues) => {
            let mut s = format!(
                "导入失败：发现 {} 处问题，本次未导入任何案卷（数据库保持不变）",
                crate::import::problem_count(issues)
            );
            for i in issues {
                s.push_str("\n  ");
                s.push_str(&i.to_string());
            }
            s
        }
        other => other.to_string(),
    }
}

pub type Result<T> = std::result::Result<T, Error>;
