use super::output;
use super::output::say;
use crate::error::Error;
use crate::workspace::Workspace;
use clap::Subcommand;
use serde_json::json;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ChecklistAction {
    /// 加入或替换评查标准：.toml（格式见 checklists/README.md）、.xlsx、.csv（UTF-8 或 GBK）、.docx 表格
    Import {
        files: Vec<PathBuf>,
        /// 只显示每行如何读取（项目、类别、分值、扣分规则、否决），不写入
        #[arg(long)]
        dry_run: bool,
        /// 替换已有的同编号标准
        #[arg(long)]
        replace: bool,
        /// 替换时已完成评查的案卷也按新版本重新评分
        #[arg(long)]
        regrade: bool,
    },
    /// 生成空白的评查标准表格模板（.xlsx，含“说明”工作表）
    Template {
        #[arg(long)]
        out: PathBuf,
    },
}

/// Writes the template; needs no database.
pub fn template(out: &std::path::Path) -> Result<(), Error> {
    crate::workspace::write_standard_template(out)?;
    say!(
        "已生成评查标准模板 {}：在“评查标准”工作表每行填写一个评查项目，在“说明”工作表填写标准名称、编号、适用案件类型、满分和等次分数线，然后 `pingcha checklists import {}`",
        out.display(),
        out.display()
    );
    Ok(())
}

fn print_preview(p: &crate::workspace::StandardPreview) {
    let c = &p.checklist;
    let kinds: Vec<_> = c.kinds.iter().map(|k| k.label()).collect();
    let good = c
        .thresholds
        .good
        .map_or(String::new(), |g| format!("、良好 ≥ {}", output::score(g)));
    say!(
        "评查标准 {}（{}，版本 {}）：适用 {}；满分 {}；优秀 ≥ {}{}、合格 ≥ {}；一票否决{}；{} 项",
        c.id,
        c.name,
        c.version,
        kinds.join("、"),
        output::score(c.total),
        output::score(c.thresholds.excellent),
        good,
        output::score(c.thresholds.pass),
        match c.veto_score {
            crate::checklist::VetoScore::Zero => "计 0 分",
            crate::checklist::VetoScore::Keep => "保留得分（满分减扣分），定为不合格",
        },
        c.items.len()
    );
    if !p.rows.is_empty() {
        let rows: Vec<Vec<String>> = p
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.row.to_string(),
                    r.item.clone(),
                    r.category.clone(),
                    r.points.map_or("—".into(), output::score),
                    match r.bonus {
                        Some(b) => format!("加分项，最多加 {} 分", output::score(b)),
                        None => r.rule.clone(),
                    },
                    r.veto.clone().unwrap_or_default(),
                    r.wording.clone(),
                ]
            })
            .collect();
        output::table(
            &[
                "行",
                "编号",
                "类别",
                "分值",
                "计分规则",
                "否决",
                "扣分标准原文",
            ],
            &rows,
        );
    }
    for n in &p.notes {
        say!("注意：{n}");
    }
    if let Some(d) = &p.replaces {
        say!(
            "替换已有的 {}（版本 {} → {}）：新增 {} 项，删除 {} 项，改动 {} 处",
            c.id,
            d.version_before,
            d.version_after,
            d.added.len(),
            d.removed.len(),
            d.changed.len()
        );
        for a in &d.added {
            say!("  新增 {a}");
        }
        for r in &d.removed {
            say!("  删除 {r}");
        }
        for ch in &d.changed {
            say!("  改动 {ch}");
        }
        if d.regraded.is_empty() {
            say!("  已完成评查的案卷得分和等次都不变");
        } else {
            say!(
                "  已完成评查的案卷中 {} 件得分或等次会变：",
                d.regraded.len()
            );
            for g in &d.regraded {
                say!(
                    "    {}：{} 分 {} → {} 分 {}",
                    g.case_no,
                    output::score(g.score_before),
                    g.grade_before,
                    output::score(g.score_after),
                    g.grade_after
                );
            }
        }
    }
}

pub fn run(
    ws: &mut Workspace,
    as_json: bool,
    action: Option<ChecklistAction>,
) -> Result<(), Error> {
    match action {
        Some(ChecklistAction::Template { out }) => return template(&out),
        Some(ChecklistAction::Import {
            files,
            dry_run,
            replace,
            regrade,
        }) => {
            if files.is_empty() {
                return Err(Error::NoStandardFiles);
            }
            for f in files {
                let p = ws.read_standard(&f)?;
                if as_json && dry_run {
                    output::json(&json!({
                        "id": p.checklist.id, "name": p.checklist.name,
                        "rows": p.rows, "notes": p.notes, "replaces": p.replaces,
                    }))?;
                    continue;
                }
                if dry_run || p.replaces.is_some() {
                    print_preview(&p);
                }
                if dry_run {
                    say!("（--dry-run：未写入）");
                    continue;
                }
                ws.install_standard(&p, replace, regrade)?;
                let c = &p.checklist;
                say!(
                    "{}评查标准 {}（{}，{} 项）",
                    if p.unchanged {
                        "数据库中已有相同的"
                    } else if p.replaces.is_some() {
                        "已替换"
                    } else {
                        "已加入"
                    },
                    c.id,
                    c.name,
                    c.items.len()
                );
            }
            return Ok(());
        }
        None => {}
    }
    if as_json {
        let v: Vec<_> = ws
            .checklists()
            .iter()
            .map(|c| {
                json!({
                    "id": c.id, "name": c.name, "version": c.version, "source": c.source,
                    "role": c.role, "kinds": c.kinds, "total": c.total, "thresholds": c.thresholds,
                    "veto_score": c.veto_score, "bonus_cap": c.bonus_cap, "max_score": c.max_score,
                    "unit": c.unit,
                    "categories": c.categories,
                    "items": c.items.iter().map(|i| json!({
                        "id": i.id, "category": i.category, "text": i.text, "points": i.points,
                        "veto": i.veto, "rule": i.rule, "deduction_rule": i.rule_wording(),
                        "basis": i.basis, "source": i.source, "applies_when": i.applies_when,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        return output::json(&v);
    }
    let rows: Vec<Vec<String>> = ws
        .checklists()
        .iter()
        .map(|c| {
            let kinds: Vec<_> = c.kinds.iter().map(|k| k.label()).collect();
            vec![
                c.id.clone(),
                c.name.clone(),
                c.version.clone(),
                c.items.len().to_string(),
                output::score(c.total),
                kinds.join("、"),
            ]
        })
        .collect();
    output::table(
        &["编号", "名称", "版本", "项目数", "总分", "适用类型"],
        &rows,
    );
    Ok(())
}
