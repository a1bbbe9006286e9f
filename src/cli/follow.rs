//! `rectify` and `audit`.

use super::output;
use super::output::say;
use crate::error::{Error, Result};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum RectifyAction {
    /// 登记已发出的整改通知书
    Issue {
        /// 执法部门名称
        #[arg(long)]
        department: String,
        /// 文号，如 清司评〔2025〕3号
        #[arg(long)]
        doc_no: Option<String>,
        /// 发文日期（默认今天）
        #[arg(long)]
        date: Option<NaiveDate>,
        /// 整改期限（天）
        #[arg(long, default_value_t = 30)]
        days: i64,
    },
    /// 登记部门的整改反馈
    Respond {
        id: i64,
        /// 日期（YYYY-MM-DD）
        #[arg(long)]
        date: NaiveDate,
        /// 反馈内容
        #[arg(long)]
        text: String,
        /// 附件（可多次）
        #[arg(long = "attachment")]
        attachments: Vec<String>,
    },
    /// 核验通过
    Verify {
        id: i64,
        /// 评查人员姓名
        #[arg(long)]
        reviewer: String,
        /// 备注
        #[arg(long)]
        remark: Option<String>,
    },
    /// 退回整改反馈
    Reject {
        id: i64,
        /// 评查人员姓名
        #[arg(long)]
        reviewer: String,
        /// 备注
        #[arg(long)]
        remark: Option<String>,
    },
    /// 列出整改情况（含逾期）
    List {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum AuditAction {
    /// 核对审计记录：哈希链、链头封存、触发器，以及各表的当前内容是否与审计记录一致
    Verify {
        /// 文书上印的审计摘要（链头哈希的前 16 位或全部）：证明该文书签发后记录未被改写
        #[arg(long, value_name = "HASH")]
        anchor: Option<String>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 显示审计记录
    Log {
        /// 只显示该记录（问题编号等）
        #[arg(long)]
        key: Option<String>,
        /// 只显示该案卷的记录：内容的修改（前后对照）、问题和评查结果
        #[arg(long = "case", value_name = "案号")]
        case_no: Option<String>,
        /// 最多显示的条数
        #[arg(long, default_value_t = 50)]
        limit: usize,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

pub fn rectify(ws: &mut Workspace, action: RectifyAction) -> Result<()> {
    let today = chrono::Local::now().date_naive();
    match action {
        RectifyAction::Issue {
            department,
            doc_no,
            date,
            days,
        } => {
            ws.issue_rectification(&department, doc_no.as_deref(), date.unwrap_or(today), days)?;
            say!("已登记 {department} 的整改通知书，整改期限 {days} 天");
        }
        RectifyAction::Respond {
            id,
            date,
            text,
            attachments,
        } => {
            ws.respond_rectification(id, date, &text, &attachments)?;
            say!("已登记整改反馈（附件 {} 件），待核验", attachments.len());
        }
        RectifyAction::Verify {
            id,
            reviewer,
            remark,
        } => {
            ws.close_rectification(id, true, &reviewer, remark.as_deref())?;
            say!("整改 {id} 已核验");
        }
        RectifyAction::Reject {
            id,
            reviewer,
            remark,
        } => {
            ws.close_rectification(id, false, &reviewer, remark.as_deref())?;
            say!("整改 {id} 已退回");
        }
        RectifyAction::List { json } => {
            let all = ws.rectifications()?;
            let (_, overdue) = ws.open_rectifications(today)?;
            if json {
                let v: Vec<_> = all
                    .iter()
                    .map(|r| {
                        let mut v = serde_json::to_value(r).unwrap_or_default();
                        v["overdue"] = serde_json::json!(overdue.iter().any(|o| o.id == r.id));
                        v
                    })
                    .collect();
                return output::json(&v);
            }
            let rows: Vec<Vec<String>> = all
                .iter()
                .map(|r| {
                    let late = overdue.iter().any(|o| o.id == r.id);
                    vec![
                        r.id.to_string(),
                        r.department.clone(),
                        r.doc_no.clone().unwrap_or_default(),
                        r.due.clone(),
                        format!("{}{}", r.status, if late { "（逾期）" } else { "" }),
                        r.response_date.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            output::table(&["编号", "部门", "文号", "期限", "状态", "反馈日期"], &rows);
        }
    }
    Ok(())
}

/// `audit verify` on a database lacking one of pingcha's tables: it cannot be
/// opened, so the dropped tables are named as tampering before trying.
pub fn audit_dropped_tables(db: &std::path::Path, action: &AuditAction) -> Result<()> {
    let AuditAction::Verify { json, .. } = action else {
        return Ok(());
    };
    let Some(r) = crate::workspace::dropped_tables(db) else {
        return Ok(());
    };
    if *json {
        output::json(&r)?;
    } else {
        for p in &r.problems {
            say!("  ✗ {}", p.what);
        }
    }
    Err(Error::AuditProblems(r.problems.len()))
}

pub fn audit(ws: &Workspace, action: AuditAction) -> Result<()> {
    match action {
        AuditAction::Verify { anchor, json } => {
            let r = ws.verify_audit(anchor.as_deref())?;
            if json {
                output::json(&r)?;
            } else {
                say!(
                    "审计记录 {} 条；链头哈希 {}",
                    r.rows,
                    r.head.as_deref().unwrap_or("—")
                );
                for p in &r.problems {
                    say!("  ✗ {}", p.what);
                }
                if r.problems.is_empty() {
                    say!(
                        "核对通过：审计记录完整，问题、评查结果、项目标记、整改、评查标准和案卷与审计记录一致。{}",
                        if anchor.is_some() {
                            "锚定摘要在链中：该文书签发后记录未被改写。"
                        } else {
                            ""
                        }
                    );
                }
            }
            if !r.problems.is_empty() {
                return Err(Error::AuditProblems(r.problems.len()));
            }
        }
        AuditAction::Log {
            key,
            case_no,
            limit,
            json,
        } => {
            let rows = match &case_no {
                Some(no) => ws.audit_log_case(no, limit)?,
                None => ws.audit_log(key.as_deref(), limit)?,
            };
            if json {
                return output::json(&rows);
            }
            for e in rows {
                say!(
                    "#{} {} {} {} {} {}",
                    e.seq,
                    e.at,
                    e.actor,
                    e.table,
                    e.op,
                    e.key
                );
                if e.table == "case_files" {
                    let changes = crate::entry::diff::changes(
                        e.before.as_ref().unwrap_or(&serde_json::Value::Null),
                        e.after.as_ref().unwrap_or(&serde_json::Value::Null),
                    );
                    for c in changes {
                        say!("    {}：{} → {}", c.path, c.before, c.after);
                    }
                }
            }
        }
    }
    Ok(())
}
