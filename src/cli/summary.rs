use super::output;
use super::output::say;
use crate::error::Error;
use crate::workspace::Workspace;

pub fn run(ws: &Workspace, as_json: bool) -> Result<(), Error> {
    let s = ws.summary()?;
    if as_json {
        return output::json(&s);
    }
    say!(
        "案卷 {} 件，已完成评查 {} 件；已完成案卷中确认问题 {} 个（含评查中的案卷共 {} 个），待确认建议 {} 个",
        s.files,
        s.reviewed,
        s.findings,
        s.findings_all_files,
        s.suggested
    );
    let grades: Vec<String> = ["优秀", "良好", "合格", "不合格"]
        .iter()
        .filter_map(|g| s.grades.get(*g).map(|n| format!("{g} {n}")))
        .collect();
    say!("等次（已完成案卷）：{}", grades.join("，"));
    if s.reviewed > 0 {
        say!(
            "合格率 {}，优秀率 {}（按已完成评查的案卷计）",
            output::percent(s.pass_rate),
            output::percent(s.excellent_rate)
        );
        if let Some(a) = s.average_score {
            say!("平均得分 {}（按已完成评查的案卷计）", output::score(a));
        }
    } else {
        say!("合格率、优秀率：尚无已完成评查的案卷");
    }
    if s.rectification_open > 0 {
        say!(
            "整改未办结 {} 项，其中逾期 {} 项（`pingcha rectify list` 查看）",
            s.rectification_open,
            s.rectification_overdue
        );
    }
    say!();
    let rows: Vec<Vec<String>> = s
        .departments
        .iter()
        .map(|d| {
            vec![
                d.rank.map_or("—".into(), |r| r.to_string()),
                d.department.clone(),
                d.files.to_string(),
                d.reviewed.to_string(),
                d.findings.to_string(),
                d.average_score
                    .map(output::score)
                    .unwrap_or_else(|| "—".into()),
                d.grade.map_or("—".into(), |g| g.label().to_string()),
                if d.reviewed > 0 {
                    output::percent(d.pass_rate)
                } else {
                    "—".into()
                },
            ]
        })
        .collect();
    output::table(
        &[
            "排名",
            "部门",
            "案卷",
            "已评",
            "问题（已评）",
            "平均分",
            "等次",
            "合格率",
        ],
        &rows,
    );
    let keys: Vec<&str> = s
        .unit_rule
        .rank_by
        .iter()
        .map(|k| match k {
            crate::checklist::RankKey::Average => "平均得分",
            crate::checklist::RankKey::Total => "总分",
            crate::checklist::RankKey::PassRate => "合格率",
            crate::checklist::RankKey::ExcellentRate => "优秀率",
        })
        .collect();
    say!("排名依据：{}（相同者并列）", keys.join("，其次"));
    if !s.common_problems.is_empty() {
        say!("\n常见问题（前十，含评查中的案卷）：");
        for (i, p) in s.common_problems.iter().take(10).enumerate() {
            say!("  {:>2}. {} {}（{} 次）", i + 1, p.item, p.text, p.count);
        }
    }
    Ok(())
}
