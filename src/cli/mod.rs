//! The command line: one file per command, each a thin call into the library.

mod batch;
mod case;
mod cases;
mod check;
mod checklists;
mod demo;
mod finding;
mod flow;
mod follow;
mod import;
mod output;
mod report;
mod show;
mod summary;
mod team;
pub mod usage;

use crate::error::Error;
use crate::workspace::Workspace;
use clap::{Parser, Subcommand};

/// A message as the terminal may show it: its lines kept, every control
/// character in them escaped (see `output::safe`).
pub fn safe_message(s: &str) -> String {
    output::safe_lines(s)
}
use std::path::{Path, PathBuf};

/// 行政执法案卷评查工具
#[derive(Debug, Parser)]
#[command(name = "pingcha", version, about = "pingcha — 行政执法案卷评查", long_about = None)]
pub struct Cli {
    /// 数据库文件（默认 ./pingcha.db，也可用环境变量 PINGCHA_DB 指定）
    #[arg(long, global = true, env = "PINGCHA_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// 评查批次编号（默认为当前批次，见 `pingcha batch list`）
    #[arg(long, global = true, value_name = "ID")]
    pub batch: Option<i64>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 导入案卷（.json / .jsonl / 文件夹 / .csv / .xlsx 台账）
    Import {
        /// 文件或文件夹
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// 不运行自动程序检查
        #[arg(long)]
        no_check: bool,
    },
    /// 列出案卷
    Cases {
        #[arg(long)]
        json: bool,
        /// 只列出该部门的案卷
        #[arg(long)]
        department: Option<String>,
    },
    /// 新建、修改一个案卷（录入纸质案卷、改正导入有误的案卷），写出案卷录入表
    Case {
        #[command(subcommand)]
        action: case::CaseAction,
    },
    /// 显示一个案卷的全部内容、得分和问题
    Show {
        case_no: String,
        #[arg(long)]
        json: bool,
    },
    /// 列出评查标准；或用 `checklists import FILE` 加入自定义标准
    Checklists {
        #[arg(long)]
        json: bool,
        #[command(subcommand)]
        action: Option<checklists::ChecklistAction>,
    },
    /// 登记、修改、列出、删除问题
    Finding {
        #[command(subcommand)]
        action: finding::FindingAction,
    },
    /// 标记案卷评查完成（批次设有组长时即提交复核；--reopen 重新打开）
    Complete {
        case_no: String,
        #[arg(long)]
        reopen: bool,
        #[arg(long)]
        reviewer: Option<String>,
        /// 评查意见（对案卷的总体意见，印在评查表上）
        #[arg(long)]
        remark: Option<String>,
        /// 提交前检查有提示时，仍按现状提交的理由
        #[arg(long, value_name = "TEXT")]
        override_reason: Option<String>,
    },
    /// 提交组长复核（批次未设组长时即完成评查）
    Submit {
        case_no: String,
        #[arg(long)]
        reviewer: Option<String>,
        /// 评查意见（对案卷的总体意见，印在评查表上）
        #[arg(long)]
        remark: Option<String>,
        /// 提交前检查有提示时，仍按现状提交的理由
        #[arg(long, value_name = "TEXT")]
        override_reason: Option<String>,
    },
    /// 组长复核通过：案卷评查完成，计入合格率和文书
    Approve {
        case_no: String,
        /// 组长姓名
        #[arg(long, value_name = "NAME")]
        by: String,
        /// 复核意见
        #[arg(long, value_name = "TEXT")]
        remark: Option<String>,
    },
    /// 组长退回：案卷回到评查中，附退回意见
    Return {
        case_no: String,
        /// 组长姓名
        #[arg(long, value_name = "NAME")]
        by: String,
        /// 退回意见（需要改正的内容）
        #[arg(long, value_name = "TEXT")]
        remark: String,
    },
    /// 记录案卷的评查意见（空文字清除）
    Remark {
        case_no: String,
        text: String,
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// 提交前检查：扣分无说明、问题无页码、建议未处理、项目未查、否决无说明
    ReviewCheck {
        /// 案号（不填则检查全部评查中、待复核的案卷）
        case_no: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// 运行自动程序检查并保存建议问题
    Check {
        /// 案号（不填则检查全部案卷）
        case_nos: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// 评查情况汇总：合格率、优秀率、部门、常见问题
    Summary {
        #[arg(long)]
        json: bool,
    },
    /// 生成演示数据库并打开界面
    Demo {
        /// 只生成数据库，不打开界面
        #[arg(long)]
        no_tui: bool,
        /// 随机种子
        #[arg(long, default_value_t = 2024)]
        seed: u64,
        /// 允许替换 --db 指定的已有数据库
        #[arg(long)]
        force: bool,
        /// 重新生成演示数据库（原有的改名保留为带时间的备份）
        #[arg(long)]
        fresh: bool,
    },
    /// 评查批次：新建、列出、切换
    Batch {
        #[command(subcommand)]
        action: batch::BatchAction,
    },
    /// 随机抽取案卷，及按记录核对
    Sample {
        #[command(subcommand)]
        action: batch::SampleAction,
    },
    /// 评查人员名册
    Reviewer {
        #[command(subcommand)]
        action: team::ReviewerAction,
    },
    /// 分配案卷给评查人员（回避本单位）；`assign list` / `assign disagreements`
    Assign {
        #[command(subcommand)]
        action: Option<team::AssignAction>,
        /// 每卷评查人数
        #[arg(long, default_value_t = 1)]
        per_file: usize,
        /// 交叉评查：各单位评查人员评查下一单位的案卷
        #[arg(long)]
        cross: bool,
    },
    /// 离线评查包：导出、合并、冲突
    Package {
        #[command(subcommand)]
        action: team::PackageAction,
    },
    /// 整改跟踪：通知、反馈、核验
    Rectify {
        #[command(subcommand)]
        action: follow::RectifyAction,
    },
    /// 审计记录：核对、查看
    Audit {
        #[command(subcommand)]
        action: follow::AuditAction,
    },
    /// 跨批次趋势：各部门合格率变化、反复出现的问题
    Trends {
        #[arg(long)]
        json: bool,
    },
    /// 生成评查文书草稿（不登记）；`report issue` 编文号、印发并登记整改跟踪
    #[command(subcommand_negates_reqs = true, args_conflicts_with_subcommands = true)]
    Report {
        #[command(subcommand)]
        action: Option<report::ReportAction>,
        #[command(flatten)]
        args: report::ReportArgs,
    },
    /// 打开终端界面（默认）
    Tui,
}

/// Default database path.
pub const DEFAULT_DB: &str = "pingcha.db";
/// Default demo database path.
pub const DEMO_DB: &str = "pingcha-demo.db";

/// Runs one command. Errors are the library's, shown by `main`.
pub fn run(cli: Cli) -> Result<(), Error> {
    let db = cli.db.clone().unwrap_or_else(|| PathBuf::from(DEFAULT_DB));
    let batch = cli.batch;
    let open = || -> Result<Workspace, Error> {
        let mut ws = Workspace::open(&db)?;
        if let Some(b) = batch {
            ws.select_batch(b)?;
        }
        Ok(ws)
    };
    match cli.command {
        None | Some(Command::Tui) => crate::tui::run(open()?),
        Some(Command::Import { paths, no_check }) => import::run(&mut open()?, &paths, !no_check),
        Some(Command::Cases { json, department }) => {
            cases::run(&open()?, json, department.as_deref())
        }
        Some(Command::Case { action }) => case::run(&mut open()?, action),
        Some(Command::Show { case_no, json }) => show::run(&open()?, &case_no, json),
        Some(Command::Checklists {
            action: Some(checklists::ChecklistAction::Template { out }),
            ..
        }) => checklists::template(&out),
        Some(Command::Checklists { json, action }) => checklists::run(&mut open()?, json, action),
        Some(Command::Finding { action }) => finding::run(&mut open()?, action),
        Some(Command::Complete {
            case_no,
            reopen,
            reviewer,
            remark,
            override_reason,
        }) => {
            let mut ws = open()?;
            if let Some(r) = remark.as_deref().filter(|_| !reopen) {
                ws.set_remark(&case_no, r, reviewer.as_deref())?;
            }
            let st = ws.complete_with(
                &case_no,
                reopen,
                reviewer.as_deref(),
                override_reason.as_deref(),
            )?;
            println!("{case_no}：{st}");
            Ok(())
        }
        Some(Command::Submit {
            case_no,
            reviewer,
            remark,
            override_reason,
        }) => flow::submit(
            &mut open()?,
            &case_no,
            reviewer.as_deref(),
            remark.as_deref(),
            override_reason.as_deref(),
        ),
        Some(Command::Approve {
            case_no,
            by,
            remark,
        }) => flow::approve(&mut open()?, &case_no, &by, remark.as_deref()),
        Some(Command::Return {
            case_no,
            by,
            remark,
        }) => flow::return_file(&mut open()?, &case_no, &by, &remark),
        Some(Command::Remark {
            case_no,
            text,
            reviewer,
        }) => flow::remark(&mut open()?, &case_no, &text, reviewer.as_deref()),
        Some(Command::ReviewCheck { case_no, json }) => {
            flow::review_check(&open()?, case_no.as_deref(), json)
        }
        Some(Command::Check { case_nos, json }) => check::run(&mut open()?, &case_nos, json),
        Some(Command::Summary { json }) => summary::run(&open()?, json),
        Some(Command::Batch { action }) => batch::batch(&mut open()?, action),
        Some(Command::Sample { action }) => batch::sample(&mut open()?, action),
        Some(Command::Trends { json }) => batch::trends(&open()?, json),
        // Made and used on the reviewer's own machine: no database needed.
        Some(Command::Reviewer {
            action: team::ReviewerAction::Key { set: None, .. },
        }) => team::reviewer_key(),
        Some(Command::Package {
            action: team::PackageAction::Seal { file, reviewer },
        }) => team::seal(&file, reviewer.as_deref()),
        Some(Command::Reviewer { action }) => team::reviewer(&mut open()?, action),
        Some(Command::Assign {
            action,
            per_file,
            cross,
        }) => team::assign(&mut open()?, action, per_file, cross),
        Some(Command::Package { action }) => team::package(&mut open()?, action),
        Some(Command::Rectify { action }) => follow::rectify(&mut open()?, action),
        Some(Command::Audit { action }) => {
            follow::audit_dropped_tables(&db, &action)?;
            follow::audit(&open()?, action)
        }
        Some(Command::Report { action, args }) => report::run(&mut open()?, action, args),
        Some(Command::Demo {
            no_tui,
            seed,
            force,
            fresh,
        }) => {
            let path = cli.db.unwrap_or_else(|| PathBuf::from(DEMO_DB));
            let is_default = path == Path::new(DEMO_DB);
            // The demo database already there holds review work: open it
            // again, unless a fresh one is asked for (the old one kept).
            if path.is_file() && is_default && !force {
                if !fresh {
                    return demo::reopen(&path, no_tui);
                }
                demo::back_up(&path)?;
            }
            if path.exists() && !is_default && !force {
                return Err(Error::DemoWouldReplace {
                    path,
                    default: DEMO_DB,
                });
            }
            demo::run(&path, seed, no_tui)
        }
    }
}
