//! `batch`, `sample` and `trends`.

use super::output;
use super::output::say;
use crate::batch::sample::Quota;
use crate::error::{Error, Result};
use crate::workspace::{NewBatch, Workspace};
use chrono::NaiveDate;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum BatchAction {
    /// 新建评查批次（并设为当前批次）
    New {
        /// 批次名称，如“2025年第三季度行政执法案卷评查”
        #[arg(long)]
        name: String,
        /// 月度 / 季度 / 年度 / 专项 / 自查
        #[arg(long = "type")]
        kind: String,
        /// 评查期间起（YYYY-MM-DD）
        #[arg(long)]
        from: Option<NaiveDate>,
        /// 评查期间止（YYYY-MM-DD）
        #[arg(long)]
        to: Option<NaiveDate>,
        /// 自动检查使用的地方配置（见 data/profiles/）
        #[arg(long)]
        profile: Option<String>,
        /// 使用的评查标准，如 CF,GS
        #[arg(long)]
        checklists: Option<String>,
        /// 纳入全部已导入案卷（不抽取）
        #[arg(long)]
        all: bool,
        /// 评查组长（逗号分隔，如 张三,李四）：设组长即开启复核
        #[arg(long, value_name = "NAMES")]
        leaders: Option<String>,
        /// 允许组长复核自己参与评查的案卷
        #[arg(long)]
        allow_self_approval: bool,
    },
    /// 修改当前批次的名称、类型或期间（文书中使用批次名称）
    Edit {
        /// 新名称，如“2024年度行政执法案卷评查”
        #[arg(long)]
        name: Option<String>,
        /// 月度 / 季度 / 年度 / 专项 / 自查
        #[arg(long = "type")]
        kind: Option<String>,
        /// 评查期间起（YYYY-MM-DD）
        #[arg(long)]
        from: Option<NaiveDate>,
        /// 评查期间止（YYYY-MM-DD）
        #[arg(long)]
        to: Option<NaiveDate>,
        /// 评查组长（逗号分隔，如 张三,李四；空字符串取消复核）
        #[arg(long, value_name = "NAMES")]
        leaders: Option<String>,
        /// 允许组长复核自己参与评查的案卷
        #[arg(long, conflicts_with = "forbid_self_approval")]
        allow_self_approval: bool,
        /// 不允许组长复核自己参与评查的案卷（默认）
        #[arg(long)]
        forbid_self_approval: bool,
    },
    /// 列出评查批次
    List {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 设为当前批次
    Use { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum SampleAction {
    /// 从已导入案卷中按部门随机抽取到当前批次
    Draw {
        /// 每个部门（或层）抽取的件数
        #[arg(long, conflicts_with = "percent")]
        per_dept: Option<usize>,
        /// 按比例抽取（百分数）
        #[arg(long)]
        percent: Option<f64>,
        /// 按比例抽取时每个部门至少抽取的件数
        #[arg(long, default_value_t = 1)]
        min: usize,
        /// 按比例抽取时每个部门至多抽取的件数
        #[arg(long, default_value_t = usize::MAX, hide_default_value = true)]
        max: usize,
        /// 按案件类型分层：kind
        #[arg(long)]
        stratify: Option<String>,
        /// 只抽取决定日期（无决定时为最早的程序日期）不早于此日的案卷
        #[arg(long)]
        from: Option<NaiveDate>,
        /// 只抽取决定日期（无决定时为最早的程序日期）不晚于此日的案卷
        #[arg(long)]
        to: Option<NaiveDate>,
        /// 随机种子（不填则随机生成并记录）
        #[arg(long)]
        seed: Option<u64>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 按记录重新抽取，核对抽取结果未被改动
    Verify {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 显示抽取记录
    Show {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

pub fn batch(ws: &mut Workspace, action: BatchAction) -> Result<()> {
    match action {
        BatchAction::New {
            name,
            kind,
            from,
            to,
            profile,
            checklists,
            all,
            leaders,
            allow_self_approval,
        } => {
            let id = ws.create_batch(NewBatch {
                name: name.clone(),
                kind,
                from,
                to,
                profile,
                checklists,
                all_files: all,
            })?;
            let leaders = leaders.as_deref().map(crate::workspace::split_names);
            if leaders.is_some() || allow_self_approval {
                ws.set_team(leaders.as_deref(), Some(allow_self_approval))?;
            }
            say!("已新建评查批次 {id}：{name}（已设为当前批次）");
            print_team(ws)?;
            if !all {
                say!("下一步：`pingcha sample draw --per-dept 3` 随机抽取案卷");
            }
        }
        BatchAction::List { json } => {
            let bs = ws.batches()?;
            if json {
                return output::json(&bs);
            }
            let rows: Vec<Vec<String>> = bs
                .iter()
                .map(|b| {
                    vec![
                        format!("{}{}", if b.current { "*" } else { " " }, b.id),
                        b.name.clone(),
                        b.kind.clone(),
                        format!(
                            "{} 至 {}",
                            b.period_from.as_deref().unwrap_or("—"),
                            b.period_to.as_deref().unwrap_or("—")
                        ),
                        if b.scope == "all" {
                            "全部案卷".into()
                        } else {
                            "抽取".into()
                        },
                        b.files.to_string(),
                    ]
                })
                .collect();
            output::table(&["编号", "名称", "类型", "期间", "范围", "案卷"], &rows);
        }
        BatchAction::Edit {
            name,
            kind,
            from,
            to,
            leaders,
            allow_self_approval,
            forbid_self_approval,
        } => {
            ws.edit_batch(name.as_deref(), kind.as_deref(), from, to)?;
            let leaders = leaders.as_deref().map(crate::workspace::split_names);
            let allow = if allow_self_approval {
                Some(true)
            } else if forbid_self_approval {
                Some(false)
            } else {
                None
            };
            if leaders.is_some() || allow.is_some() {
                ws.set_team(leaders.as_deref(), allow)?;
            }
            say!("已修改评查批次 {}", ws.batch());
            print_team(ws)?;
        }
        BatchAction::Use { id } => {
            ws.use_batch(id)?;
            say!("当前评查批次：{id}");
        }
    }
    Ok(())
}

pub fn sample(ws: &mut Workspace, action: SampleAction) -> Result<()> {
    match action {
        SampleAction::Draw {
            per_dept,
            percent,
            min,
            max,
            stratify,
            from,
            to,
            seed,
            json,
        } => {
            let quota = match (per_dept, percent) {
                (Some(n), None) => Quota::Count { n },
                (None, Some(p)) if p > 0.0 && p <= 100.0 => Quota::Percent {
                    percent: p,
                    min,
                    max,
                },
                (None, Some(p)) => {
                    return Err(Error::BadPercent(p));
                }
                _ => {
                    return Err(Error::NoQuota);
                }
            };
            let by_kind = match stratify.as_deref() {
                None => false,
                Some("kind") => true,
                Some(other) => {
                    return Err(Error::BadStratify(other.to_string()));
                }
            };
            let o = ws.draw(quota, by_kind, from, to, seed)?;
            if json {
                return output::json(&o);
            }
            print_draw(&o);
            say!(
                "抽取记录 {}：种子 {}，算法 {}，样本池摘要 {}",
                o.draw_id,
                o.seed,
                o.algorithm,
                o.pool_digest
            );
            say!("任何人可用 `pingcha sample verify` 按记录重新抽取核对。");
        }
        SampleAction::Verify { json } | SampleAction::Show { json } => {
            let all = ws.verify_draws()?;
            if json {
                return output::json(&all);
            }
            if all.is_empty() {
                say!("当前批次没有抽取记录");
            }
            let mut bad = 0;
            for o in &all {
                print_draw(o);
                let verdict = if o.matches {
                    "一致：抽取结果可由记录的种子重现"
                } else {
                    "不一致：抽取结果与记录不符！"
                };
                say!(
                    "抽取记录 {}：种子 {}，样本池摘要 {} —— {verdict}",
                    o.draw_id,
                    o.seed,
                    o.pool_digest
                );
                if !o.missing.is_empty() {
                    say!("  注意：样本池中 {} 件案卷已不在数据库中", o.missing.len());
                }
                bad += usize::from(!o.matches);
            }
            if bad > 0 {
                return Err(Error::DrawsDiffer(bad));
            }
        }
    }
    Ok(())
}

fn print_draw(o: &crate::workspace::DrawOutcome) {
    let rows: Vec<Vec<String>> = o
        .strata
        .iter()
        .map(|s| {
            vec![
                s.department.clone(),
                s.kind.clone().unwrap_or_default(),
                s.pool.to_string(),
                s.drawn.len().to_string(),
                s.drawn.join("、"),
            ]
        })
        .collect();
    output::table(&["部门", "类型", "样本池", "抽取", "案号"], &rows);
}

pub fn trends(ws: &Workspace, json: bool) -> Result<()> {
    let t = ws.trends()?;
    if json {
        return output::json(&t);
    }
    say!("各部门合格率（按批次）：");
    for d in &t.departments {
        let pts: Vec<String> = d
            .points
            .iter()
            .map(|p| format!("{} {}", p.batch_name, output::percent(p.pass_rate)))
            .collect();
        say!("  {}：{}", d.department, pts.join(" → "));
    }
    if !t.recurring.is_empty() {
        say!("\n反复出现的问题：");
        for r in &t.recurring {
            let bs: Vec<String> = r
                .batches
                .iter()
                .map(|(b, n)| format!("批次{b}×{n}"))
                .collect();
            say!(
                "  {} {} {}（{}）",
                r.department,
                r.item,
                r.text,
                bs.join("，")
            );
        }
    }
    Ok(())
}

/// One line on the batch's 复核: its leaders, or that it has none.
fn print_team(ws: &Workspace) -> Result<()> {
    let t = ws.team()?;
    if t.has_review() {
        say!(
            "评查组长：{}（开启复核：评查人员提交后由组长复核通过或退回；{}）",
            t.leaders.join("、"),
            if t.allow_self_approval {
                "允许组长复核自己参与评查的案卷"
            } else {
                "组长不复核自己参与评查的案卷"
            }
        );
    }
    Ok(())
}
