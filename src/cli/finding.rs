use super::output;
use super::output::say;
use crate::error::Error;
use crate::workspace::FindingPatch;
use crate::workspace::{NewFinding, Workspace};
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum FindingAction {
    /// 登记一个问题，输出其编号
    Add {
        /// 案号
        #[arg(long = "case")]
        case_no: String,
        /// 评查项目编号，如 CF-07（`pingcha checklists --json` 列出全部项目）
        #[arg(long)]
        item: String,
        /// 扣分（由评查人员确定扣分的项目；默认为该项目的分值或扣分范围的上限）
        #[arg(long)]
        deduct: Option<f64>,
        /// 处数（按处扣分的项目，如“每处扣0.5分”；扣分 = 每处扣分 × 处数）
        #[arg(long)]
        count: Option<u32>,
        /// 加分（加分项；默认为该项最多加的分）
        #[arg(long)]
        award: Option<f64>,
        /// 问题描述
        #[arg(long, default_value = "")]
        note: String,
        /// 页码，如 12-13
        #[arg(long)]
        page: Option<String>,
        /// 评查人员姓名
        #[arg(long)]
        reviewer: Option<String>,
        /// 整改主体（默认为案卷所属部门）
        #[arg(long)]
        rectifier: Option<String>,
    },
    /// 修改问题
    Edit {
        id: String,
        /// 评查项目编号，如 CF-07（`pingcha checklists --json` 列出全部项目）
        #[arg(long)]
        item: Option<String>,
        /// 扣分（不超过该项分值，步长 0.5；加分项为加分）
        #[arg(long)]
        deduct: Option<f64>,
        /// 处数（按处扣分的项目）
        #[arg(long)]
        count: Option<u32>,
        /// 问题描述
        #[arg(long)]
        note: Option<String>,
        /// 页码，如 5-6
        #[arg(long)]
        page: Option<String>,
        /// 评查人员姓名
        #[arg(long)]
        reviewer: Option<String>,
        /// 整改主体（默认为案卷所属部门）
        #[arg(long)]
        rectifier: Option<String>,
    },
    /// 列出问题
    List {
        /// 案号
        #[arg(long = "case")]
        case_no: Option<String>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 删除问题
    Rm { id: String },
    /// 确认自动发现的建议问题
    Confirm {
        id: String,
        /// 评查人员姓名
        #[arg(long)]
        reviewer: Option<String>,
    },
    /// 驳回自动发现的建议问题
    Dismiss {
        id: String,
        /// 评查人员姓名
        #[arg(long)]
        reviewer: Option<String>,
    },
}

pub fn run(ws: &mut Workspace, action: FindingAction) -> Result<(), Error> {
    match action {
        FindingAction::Add {
            case_no,
            item,
            deduct,
            count,
            award,
            note,
            page,
            reviewer,
            rectifier,
        } => {
            let f = ws.add_finding(NewFinding {
                case_no,
                item,
                deduction: deduct,
                note,
                page,
                reviewer,
                count,
                award,
            })?;
            if let Some(r) = &rectifier {
                ws.set_rectifier(&f.id, r)?;
            }
            say!("{}", f.id);
        }
        FindingAction::Edit {
            id,
            item,
            deduct,
            count,
            note,
            page,
            reviewer,
            rectifier,
        } => {
            let id = ws.resolve_finding_id(&id)?;
            if let Some(r) = &rectifier {
                ws.set_rectifier(&id, r)?;
            }
            let patch = FindingPatch {
                item,
                deduction: deduct,
                note,
                page: page.map(Some),
                reviewer: reviewer.map(Some),
                status: None,
                count: count.map(Some),
            };
            let f = ws.edit_finding(&id, patch)?;
            say!("已修改问题 {}", f.id);
        }
        FindingAction::List { case_no, json } => {
            let fs = ws.findings_of(case_no.as_deref())?;
            if json {
                let v: Vec<serde_json::Value> = fs.iter().map(|f| ws.finding_json(f)).collect();
                return output::json(&v);
            }
            let rows: Vec<Vec<String>> = fs
                .iter()
                .map(|f| {
                    vec![
                        f.id.to_string(),
                        f.case_no.clone(),
                        f.item.clone(),
                        output::score(f.deduction),
                        f.status.label_zh().to_string(),
                        f.page.clone().unwrap_or_default(),
                        f.note.clone(),
                    ]
                })
                .collect();
            output::table(
                &["编号", "案号", "项目", "扣分", "状态", "页码", "说明"],
                &rows,
            );
        }
        FindingAction::Rm { id } => {
            let id = ws.resolve_finding_id(&id)?;
            ws.remove_finding(&id)?;
            say!("已删除问题 {id}");
        }
        FindingAction::Confirm { id, reviewer } => {
            let id = ws.resolve_finding_id(&id)?;
            ws.confirm(&id, reviewer.as_deref())?;
            say!("已确认问题 {id}");
        }
        FindingAction::Dismiss { id, reviewer } => {
            let id = ws.resolve_finding_id(&id)?;
            ws.dismiss(&id, reviewer.as_deref())?;
            say!("已驳回问题 {id}");
        }
    }
    Ok(())
}
