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
    #[error("无法读取 {path}：{}", io_reason(.source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Report(#[from] crate::report::ReportError),
    #[error(
        "评查尚未结束，不能印发文书（未编文号、未写出文书、未登记整改跟踪）：{files} 件案卷未完成评查{examples}，{suggestions} 条自动发现的问题待确认或驳回。用 `pingcha cases` 查看各案卷的评查状态，用 `pingcha finding list` 查看待确认的问题；评查结束后再印发，或先用 `pingcha report --draft --out 目录` 生成征求意见稿"
    )]
    Unfinished {
        files: usize,
        examples: String,
        suggestions: usize,
    },
    /// Not an error: why a draft run on an unfinished review marks every
    /// page 征求意见稿 and whether it wrote the bulletin.
    #[error(
        "评查尚未结束：{files} 件案卷未完成评查{examples}，{suggestions} 条自动发现的问题待确认或驳回（用 `pingcha cases` 查看各案卷的评查状态，用 `pingcha finding list` 查看待确认的问题）。{}",
        draft_bulletin(.bulletin)
    )]
    UnfinishedDraft {
        files: usize,
        examples: String,
        suggestions: usize,
        bulletin: bool,
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
    BadBatch(#[from] BatchProblem),
    #[error("没有编号为 {0} 的评查批次；用 `pingcha batch list` 查看")]
    UnknownBatch(i64),
    #[error("没有编号为“{id}”的评查标准；已有 {known}（`pingcha checklists` 查看）")]
    UnknownChecklist { id: String, known: String },
    /// A numbered record (`what`: 未解决冲突, 整改记录 …) that does not exist.
    #[error("没有编号为 {id} 的{what}；用 `{list}` 查看")]
    UnknownRecord {
        what: &'static str,
        id: i64,
        list: &'static str,
    },
    #[error("当前批次没有“{0}”的案卷；请检查部门名称（`pingcha summary` 列出各部门）")]
    NoFilesOfDepartment(String),
    #[error("{0} 的整改已核验，不能再登记反馈")]
    RectificationVerified(String),
    #[error("{department} 的整改状态为“{status}”，尚无可核验的反馈")]
    NothingToVerify { department: String, status: String },
    #[error(
        "当前批次“{0}”包含全部案卷，不能抽取；请先 `pingcha batch new --name … --type …` 建立抽查批次"
    )]
    AllFilesBatch(String),
    #[error("抽取范围内没有案卷：请先导入案卷，或放宽期间（--from / --to）")]
    EmptyPool,
    #[error("--percent {0} 无效：应在 0 到 100 之间")]
    BadPercent(f64),
    #[error("请用 --per-dept N 或 --percent P 指定抽取数量")]
    NoQuota,
    #[error("--stratify {0} 无效：目前支持 kind（按案件类型分层）")]
    BadStratify(String),
    #[error("{0} 条抽取记录核对不一致")]
    DrawsDiffer(usize),
    /// Stored data that cannot be read back (`what` names the record).
    #[error(
        "{what}已损坏，无法读取（{detail}）；数据库可能被改动过，请用 `pingcha audit verify` 核对"
    )]
    Corrupt { what: String, detail: String },
    /// A value that could not be turned into JSON (`what` names it).
    #[error("无法生成{what}的 JSON：{source}")]
    Serialize {
        what: &'static str,
        source: serde_json::Error,
    },
    #[error(
        "终端界面无法绘制（{0}）；请在终端窗口中运行 pingcha，或改用 `pingcha --help` 列出的命令"
    )]
    Terminal(String),
    #[error("节假日数据有误（PINGCHA_HOLIDAYS）：{0}；格式见 data/holidays/2026.toml")]
    Holidays(#[from] crate::calendar::CalendarError),
    #[error("评查人员的姓名和所在单位都不能为空")]
    EmptyReviewer,
    #[error("评查人员名册为空：请先 `pingcha reviewer add 姓名 --department 单位`")]
    EmptyRoster,
    #[error(
        "案卷 {case_no}（{department}）找不到足够的可分配评查人员：评查人员不得评查本单位案卷（回避）；请增加其他单位的评查人员或减少 --per-file"
    )]
    NoEligibleReviewer { case_no: String, department: String },
    #[error(
        "有 {count} 个问题的编号含“{text}”；请多给几位，或用完整编号（`pingcha finding list`）"
    )]
    AmbiguousFinding { text: String, count: usize },
    #[error(
        "--set “{0}” 应写成 字段=值，如 decision.date=2024-06-28；字段见 `pingcha case edit --help`"
    )]
    BadSet(String),
    #[error("{} 中有 {count} 个案卷；case new 一次新建一个案卷，多个案卷请用 `pingcha import`", path.display())]
    NotOneCase { path: PathBuf, count: usize },
    #[error("案号不能在修改时更改（原案号 {0}）；如案号录错，请新建案卷")]
    CaseNoChanged(String),
    #[error(
        "审计核对发现 {count} 处问题（{examples}），记录可能在 pingcha 之外被改动，不能印发文书（文书上的审计摘要会为改动过的记录作证）；请先运行 `pingcha audit verify` 查明并处理"
    )]
    TamperedRecord { count: usize, examples: String },
    #[error("审计核对发现 {0} 处问题")]
    AuditProblems(usize),
    #[error(
        "{} 已存在；演示会删除并重建它。如确要替换，请加 --force；或换一个 --db 路径（默认 {default}）",
        path.display()
    )]
    DemoWouldReplace {
        path: PathBuf,
        default: &'static str,
    },
    #[error("{} 已存在；请指定一个新文件名", .0.display())]
    OutputExists(PathBuf),
    #[error("当前批次没有分配给“{0}”的案卷；先运行 `pingcha assign`")]
    NothingAssigned(String),
    #[error(
        "{field}的第 {at} 个字符是控制字符 U+{code:04X}，不能写入；请删除它（多见于复制粘贴）后重试"
    )]
    ControlChar {
        field: &'static str,
        at: usize,
        code: u32,
    },
    #[error(
        "{field}长 {chars} 个字符，超过上限 {max}；请精简后重试（详细材料请放在案卷中，只在此写要点）"
    )]
    TextTooLong {
        field: &'static str,
        chars: usize,
        max: usize,
    },
    #[error("{what}为 {value}，应在 {range}；请改正后重试")]
    OutOfRange {
        what: &'static str,
        value: String,
        range: &'static str,
    },
    #[error("无法读取 {}：{reason}；请确认给出的是正确的文件", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("找不到评查包 {}", .0.display())]
    NoPackage(PathBuf),
    #[error("评查包 {} 不是普通文件（是文件夹、设备或命名管道），未读取；请给出 `pingcha package export` 导出的评查包文件", .0.display())]
    PackageNotAFile(PathBuf),
    #[error("无法写出 {}：{detail}", path.display())]
    Write { path: PathBuf, detail: String },
    /// The documents' settings file (`data/report.toml` or `--settings`).
    #[error("{0}")]
    ReportSettings(String),
    /// A `--format` value the documents do not know.
    #[error("{0}")]
    BadFormat(String),
    #[error(
        "名册中没有评查人员“{0}”；先用 `pingcha reviewer add {0} --department 单位 --key 公钥` 登记"
    )]
    UnknownReviewer(String),
    #[error("评查包属于批次 {package_batch}，不是当前批次 {batch}；请用 --batch 指定")]
    PackageOfOtherBatch { package_batch: String, batch: i64 },
    /// A file that lacks what every package pingcha exports records.
    #[error("这不是 pingcha 导出的评查包（没有{0}）")]
    NotAPackage(&'static str),
    #[error("请给出要导入的评查标准文件：pingcha checklists import 标准.xlsx")]
    NoStandardFiles,
    #[error("评查包 {} 属于评查人员“{owner}”，不是“{who}”；只能封存自己的评查包", package.display())]
    NotYourPackage {
        package: PathBuf,
        owner: String,
        who: String,
    },
    /// `pingcha report` without an output folder.
    #[error("没有指定输出目录：请用 --out 目录 指定文书写到哪里，如 pingcha report --out 文书")]
    NoOutDir,
}

fn draft_bulletin(written: &bool) -> &'static str {
    if *written {
        "评查情况通报按 --draft 作为征求意见稿生成。"
    } else {
        "未生成评查情况通报；加 --draft 可将评查情况通报作为征求意见稿生成。"
    }
}

/// What an I/O error means, in Chinese, with what to do; the system's own
/// words follow in brackets for whoever helps.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let zh = match e.kind() {
        K::NotFound => "文件或文件夹不存在；请检查路径（含空格或中文时加引号）",
        K::PermissionDenied => "没有权限；请检查文件和所在文件夹的权限",
        K::AlreadyExists => "文件已存在；请换一个名字或先移走原文件",
        K::IsADirectory => "这是一个文件夹，不是文件；请指定文件",
        K::NotADirectory => "路径中的某一级不是文件夹；请检查路径",
        K::StorageFull => "磁盘已满；请清理磁盘空间后重试",
        K::ReadOnlyFilesystem => "所在磁盘是只读的；请换一个可写的位置",
        K::InvalidFilename => "文件名过长或含有不允许的字符；请换一个较短的名字",
        K::FileTooLarge => "文件过大",
        K::InvalidData | K::UnexpectedEof => "文件内容已损坏或不完整",
        K::Interrupted | K::WouldBlock | K::TimedOut => "操作被中断或超时；请重试",
        K::ResourceBusy => "文件正被其他程序占用；请关闭它后重试",
        _ => "读写文件时出错；请确认文件可读写、磁盘正常后重试",
    };
    format!("{zh}（系统信息：{e}）")
}

/// A batch's settings that cannot be (one check for `batch new` and `batch edit`).
#[derive(Debug, thiserror::Error)]
pub enum BatchProblem {
    #[error("批次类型“{given}”无效：应为 {allowed} 之一")]
    Kind { given: String, allowed: String },
    #[error("批次名称不能为空（--name）")]
    EmptyName,
    #[error("评查期间起始日 {from} 晚于截止日 {to}")]
    Period {
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    },
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
