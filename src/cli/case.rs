//! `case new`, `case edit`, `case template`: one file entered or corrected
//! from the command line, validated as import validates, on the audit trail.

use super::output;
use super::output::say;
use crate::error::{Error, Result};
use crate::workspace::{EntryReport, Workspace};
use clap::Subcommand;
use std::path::{Path, PathBuf};

const EDIT_HELP: &str = "字段用交换格式中的路径表示：
  顶层和对象字段    case_no 以外的字段，如 title、department、kind、procedure、
                    party.name、party.type、party.id_no、major_decision、
                    decision.date、decision.measures（、分隔）、decision.fine_yuan、
                    decision.legal_basis（；分隔）、legal_review.date、disclosure.date …
  数组中的一项      events[N].stage / events[N].date / events[N].doc（N 从 0 起数，
                    timeline[N] 同 events[N]）；officers[N].name、documents[N].title、
                    recordings[N].medium 等同理。N 等于现有项数时添加一项。
  删除              值为空删除该字段（--set title=）；events[N]= 删除第 N 个环节
日期可写 2024-06-28、2024.6.28、2024/6/28、2024年6月28日，或案号年度内的 0628、6.28；
是否类字段写 是/否。修改按导入的规则校验（提示相同），在一个事务中保存，
写入审计记录（`pingcha audit log --case 案号` 查看修改前后），并重新运行自动程序检查。
台账导入的案卷修改后不再标记为台账导入，运行全部检查。

示例：
  pingcha case edit '清市监罚〔2024〕3号' --set decision.date=2024-06-28 --set 'events[3].date=6.30'";

#[derive(Debug, Subcommand)]
pub enum CaseAction {
    /// 新建一个案卷：一个案卷的 .json 文件，或填好的案卷录入表 .xlsx（见 case template）
    New {
        /// .json（一个案卷对象）或 .xlsx（案卷录入表）
        path: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// 修改已有案卷的字段（按导入的规则校验，记入审计记录）
    #[command(after_help = EDIT_HELP)]
    Edit {
        /// 案号
        case_no: String,
        /// 字段=值（可重复），如 decision.date=2024-06-28、events[3].date=6.30
        #[arg(long = "set", value_name = "字段=值", required = true)]
        set: Vec<String>,
        #[arg(long)]
        json: bool,
    },
    /// 写出空白的案卷录入表（.xlsx，每个部分一块，照纸质案卷填写后用 case new 读入）
    Template {
        /// 输出文件，如 案卷录入表.xlsx
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

pub fn run(ws: &mut Workspace, action: CaseAction) -> Result<()> {
    match action {
        CaseAction::New { path, json } => {
            let case = read_one(&path)?;
            let r = ws.create_case(&case, &path, None)?;
            print(ws, &r, json, "已新建案卷")
        }
        CaseAction::Edit { case_no, set, json } => {
            let mut sets = Vec::new();
            for s in &set {
                let Some((k, v)) = s.split_once('=') else {
                    return Err(Error::BadSet(s.clone()));
                };
                sets.push((k.trim().to_string(), v.to_string()));
            }
            let r = ws.edit_case(&case_no, &sets)?;
            print(ws, &r, json, "已修改案卷")
        }
        CaseAction::Template { out } => {
            crate::workspace::write_entry_template(&out)?;
            say!(
                "已写出案卷录入表：{}；照纸质案卷填写后用 `pingcha case new {}` 读入",
                out.display(),
                out.display()
            );
            Ok(())
        }
    }
}

/// The one file of a `.json` or of an entry sheet `.xlsx`; the
/// importer's warnings on standard error.
fn read_one(path: &Path) -> Result<crate::model::CaseFile> {
    let (case, warnings) = crate::workspace::read_case_file(path)?;
    for w in &warnings {
        eprintln!("警告：{w}");
    }
    Ok(case)
}

fn print(ws: &Workspace, r: &EntryReport, json: bool, done: &str) -> Result<()> {
    if json {
        return output::json(r);
    }
    for w in &r.warnings {
        eprintln!("警告：{w}");
    }
    if r.changed {
        say!("{done}：{}", r.case_no);
    } else {
        say!("内容未变：{}", r.case_no);
    }
    let c = &r.checks;
    say!(
        "自动程序检查（使用配置：{}）：新增建议问题 {}，保留 {}，重新提出 {}，撤回 {}",
        ws.profile().name,
        c.added,
        c.kept,
        c.reopened,
        c.removed
    );
    for s in &r.suggestions {
        say!("  [{}→{}] {}  依据：{}", s.rule, s.item, s.message, s.basis);
    }
    for b in &r.basis_changed {
        say!("  ⚠ 已确认的问题依据已变，请复核：{b}");
    }
    Ok(())
}
