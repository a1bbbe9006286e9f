//! The standard's facts (标准名称, 满分, 优秀 …), each checked against the
//! items where they must agree (满分 against the categories' points).

use super::columns::Columns;
use super::rows::Cat;
use super::{Fact, StandardTable, TableError, fmt_num};
use crate::checklist::rule_text::{norm, number};
use crate::model::CaseKind;

/// The facts as the TOML takes them.
pub(super) struct StandardFacts {
    pub id: String,
    pub name: String,
    pub version: String,
    pub source: String,
    pub kinds: Vec<CaseKind>,
    pub total: f64,
    /// `zero` or `keep`.
    pub veto_score: &'static str,
    /// The unit ranking's keys, most significant first.
    pub rank_by: Option<Vec<&'static str>>,
    pub bonus_cap: Option<f64>,
    pub max_score: Option<f64>,
    pub excellent: f64,
    pub good: Option<f64>,
    pub pass: f64,
}

impl StandardFacts {
    /// Reads every fact; a missing 优秀 or 合格 line takes 90 or 60 and
    /// says so in `notes`.
    pub fn read(
        t: &StandardTable,
        cols: &Columns,
        cats: &[Cat],
        notes: &mut Vec<String>,
    ) -> Result<StandardFacts, TableError> {
        let id = t
            .fact("编号")
            .ok_or_else(|| t.missing_fact("编号", "标准编号，如 CH"))?;
        let name = t
            .fact("标准名称")
            .ok_or_else(|| t.missing_fact("标准名称", "标准的名称"))?;
        let total = total(t, cols, cats)?;
        let kinds = kinds(t)?;
        let veto_score = veto_score(t)?;
        let rank_by = rank_by(t)?;
        let bonus_cap = num_fact(t, "加分上限")?.map(|(v, _)| v);
        let max_score = num_fact(t, "最高得分")?.map(|(v, _)| v);
        let excellent = num_fact(t, "优秀")?.map_or(90.0, |(v, _)| v);
        let pass = num_fact(t, "合格")?.map_or(60.0, |(v, _)| v);
        if t.fact("优秀").is_none() {
            notes.push("未写“优秀”分数线，按 90 分".into());
        }
        if t.fact("合格").is_none() {
            notes.push("未写“合格”分数线，按 60 分".into());
        }
        let good = num_fact(t, "良好")?.map(|(v, _)| v);
        Ok(StandardFacts {
            id: id.value.trim().to_string(),
            name: name.value.trim().to_string(),
            version: t
                .fact("版本")
                .map_or("1".to_string(), |f| f.value.trim().to_string()),
            source: t.fact("来源").map_or(format!("由 {} 导入", t.file), |f| {
                f.value.trim().to_string()
            }),
            kinds,
            total,
            veto_score,
            rank_by,
            bonus_cap,
            max_score,
            excellent,
            good,
            pass,
        })
    }
}

/// A fact that must be a number, with where it was.
fn num_fact<'a>(t: &'a StandardTable, key: &str) -> Result<Option<(f64, &'a Fact)>, TableError> {
    match t.fact(key) {
        None => Ok(None),
        Some(f) => match number(&f.value) {
            Ok(Some(v)) => Ok(Some((v, f))),
            _ => Err(t.fact_err(
                f,
                format!(
                    "“{}”不是数字。请写数字，如 {}",
                    f.value,
                    match key {
                        "良好" => "80",
                        "合格" => "60",
                        _ => "90",
                    }
                ),
            )),
        },
    }
}

/// 满分: as written, else the categories' sum when every deducting
/// category has points, else 100; it must equal that sum when there is one.
fn total(t: &StandardTable, cols: &Columns, cats: &[Cat]) -> Result<f64, TableError> {
    let capped: Vec<&Cat> = cats.iter().filter(|c| !c.bonus_only).collect();
    let all_capped = capped.iter().all(|c| c.points.is_some());
    let cat_sum: f64 = capped.iter().filter_map(|c| c.points).sum();
    let total = match num_fact(t, "满分")? {
        Some((v, _)) => v,
        None if all_capped => cat_sum,
        None => 100.0,
    };
    if all_capped && (cat_sum - total).abs() > 1e-9 {
        let listed: Vec<String> = capped
            .iter()
            .map(|c| {
                format!(
                    "{} {}（第 {} 行）",
                    c.name,
                    fmt_num(c.points.unwrap_or(0.0)),
                    c.row
                )
            })
            .collect();
        return Err(t.err(
            capped.first().map(|c| c.row),
            cols.category_points.map(|c| cols.name(c)),
            format!(
                "各类别分值之和为 {}，与满分 {} 不一致（{}）。请改正“类别分值”列或{}中的“满分”",
                fmt_num(cat_sum),
                fmt_num(total),
                listed.join("、"),
                t.facts_at
            ),
        ));
    }
    Ok(total)
}

/// 适用案件类型: kinds separated by 、 , ; or spaces; 全部 for every kind.
fn kinds(t: &StandardTable) -> Result<Vec<CaseKind>, TableError> {
    let Some(f) = t.fact("适用案件类型") else {
        return Err(t.missing_fact("适用案件类型", "行政处罚（多个用顿号分隔）"));
    };
    let mut v = Vec::new();
    for w in f
        .value
        .split(['、', ',', '，', ';', '；', ' ', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        if w == "全部" {
            v.extend(CaseKind::ALL.iter().copied());
            continue;
        }
        // "行政处罚（普通程序）": the kind before a bracketed note.
        let w = w.split(['（', '(']).next().unwrap_or(w).trim();
        let k = CaseKind::parse(w).or_else(|| CaseKind::parse(&format!("行政{w}")));
        match k {
            Some(k) if !v.contains(&k) => v.push(k),
            Some(_) => {}
            None => {
                return Err(t.fact_err(
                    f,
                    format!("案件类型“{w}”无法识别。可用：{}", CaseKind::allowed()),
                ));
            }
        }
    }
    Ok(v)
}

/// 否决计分: 零分 (`zero`, the default) or 保留 (`keep`).
fn veto_score(t: &StandardTable) -> Result<&'static str, TableError> {
    Ok(match t.fact("否决计分") {
        None => "zero",
        Some(f) => match norm(&f.value).as_str() {
            "零分" | "0分" | "0" | "计0分" | "为零" | "零" => "zero",
            "保留" | "保留得分" | "满分减扣分" | "照常计分" => "keep",
            _ => {
                return Err(t.fact_err(
                    f,
                    format!("否决计分“{}”无法识别。请写“零分”（一票否决的案卷计 0 分）或“保留”（计满分减扣分）", f.value),
                ));
            }
        },
    })
}

/// 单位排名: the keys in order; one key alone gets the other of 平均分 and
/// 总分 as its tie-break.
fn rank_by(t: &StandardTable) -> Result<Option<Vec<&'static str>>, TableError> {
    let Some(f) = t.fact("单位排名") else {
        return Ok(None);
    };
    let words: Vec<String> = norm(&f.value)
        .split(['、', ',', '，', ';', '；', '>', '→'])
        .map(str::to_string)
        .filter(|s| !s.is_empty())
        .collect();
    let mut keys = Vec::new();
    for w in &words {
        let k = match w
            .trim_start_matches("按")
            .trim_end_matches("排序")
            .trim_end_matches("排名")
        {
            "平均分" | "平均得分" => "average",
            "总分" | "总得分" => "total",
            "合格率" => "pass_rate",
            "优秀率" => "excellent_rate",
            _ => {
                return Err(t.fact_err(
                    f,
                    format!("单位排名“{}”无法识别。请写“平均分”（按平均得分，相同再按总分）或“合格率”（按合格率，相同再按平均分）", f.value),
                ));
            }
        };
        keys.push(k);
    }
    if keys.len() == 1 {
        keys.push(if keys[0] == "average" {
            "total"
        } else {
            "average"
        });
    }
    Ok(Some(keys))
}
