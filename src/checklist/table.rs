//! A standard brought as a table (one row per item) plus its facts (标准名称,
//! 满分, 优秀 …) → the checklist's TOML source, validated with the sheet, row
//! and column of every problem. Pure: the readers of .xlsx/.csv/.docx hand
//! over cells.

use super::error::line_col;
pub use super::rule_text::read_rule;
use super::rule_text::{norm, number, read_veto};
use super::{Checklist, ChecklistError, DeductRule, parse};
use crate::model::{CaseKind, Veto};
use std::fmt;

/// The column headers, as a clerk types them (any order).
pub const HEADERS: &[&str] = &[
    "类别",
    "类别分值",
    "编号",
    "评查内容",
    "分值",
    "扣分标准",
    "否决",
    "加分",
    "依据",
    "来源",
];

/// The facts of the 说明 sheet (or the key：value lines before the table),
/// with what each takes.
pub const FACTS: &[(&str, &str)] = &[
    (
        "标准名称",
        "标准的名称，如：测绘地理信息行政处罚案卷评查标准",
    ),
    (
        "编号",
        "标准编号，字母或数字，如：CH；评查项目编号习惯以它开头",
    ),
    ("版本", "如：2026.1（可省略，默认 1）"),
    (
        "适用案件类型",
        "行政处罚、行政许可、行政强制、行政检查、行政征收、行政确认、其他，多个用顿号分隔",
    ),
    (
        "满分",
        "如：100（可省略：各类别都有分值时为其和，否则 100）",
    ),
    ("优秀", "优秀的分数线，如：90（得分 ≥ 此分为优秀）"),
    ("良好", "良好的分数线（没有“良好”等次的标准留空）"),
    ("合格", "合格的分数线，如：60"),
    (
        "否决计分",
        "零分（一票否决的案卷计 0 分）或 保留（计满分减扣分，只定为不合格）",
    ),
    (
        "单位排名",
        "平均分（按平均得分，相同再按总分）或 合格率（按合格率，相同再按平均分）",
    ),
    ("加分上限", "各加分项合计最多加的分（可省略）"),
    ("最高得分", "得分的上限（可省略，默认为满分）"),
    ("来源", "标准的出处，如：某某局 某年 印发"),
];

/// One fact as read, with where it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Fact {
    pub key: String,
    pub value: String,
    /// 1-based row (or line) where it was written.
    pub row: usize,
}

/// A standard as read from a file: the item table and the facts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StandardTable {
    /// The file, for messages.
    pub file: String,
    /// The sheet (or "表格") the items are in.
    pub sheet: String,
    /// Where the facts were: `说明` sheet, or the lines before the table.
    pub facts_at: String,
    pub facts: Vec<Fact>,
    /// Every row of the item sheet, from its first row, as text.
    pub rows: Vec<Vec<String>>,
    /// The 1-based number of `rows[0]`.
    pub first_row: usize,
}

/// Where a table problem is and what to write instead.
#[derive(Debug, Clone, PartialEq)]
pub struct TableError {
    pub file: String,
    pub sheet: String,
    pub row: Option<usize>,
    /// Column letter and header, e.g. `E列（分值）`.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}，{}", self.file, self.sheet)?;
        if let Some(r) = self.row {
            write!(f, "，第 {r} 行")?;
        }
        if let Some(c) = &self.column {
            write!(f, "，{c}")?;
        }
        write!(f, "：{}", self.message)
    }
}

impl std::error::Error for TableError {}

/// How one row was read, for `--dry-run`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RowReading {
    pub row: usize,
    pub item: String,
    pub category: String,
    pub points: Option<f64>,
    /// The rule as read, e.g. `每处扣0.5分`, `由评查人员在 0—4 分内确定`.
    pub rule: String,
    /// The 扣分标准 text as written.
    pub wording: String,
    pub veto: Option<String>,
    pub bonus: Option<f64>,
}

/// The result of reading a table.
#[derive(Debug, Clone)]
pub struct ReadStandard {
    pub checklist: Checklist,
    /// The TOML source stored in the database.
    pub toml: String,
    pub rows: Vec<RowReading>,
    /// Facts that were not recognised (ignored), and other notes.
    pub notes: Vec<String>,
}

/// Spreadsheet column letter of a 0-based index: 0 → A, 26 → AA.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push((b'A' + (i % 26) as u8) as char);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.iter().rev().collect()
}

/// A header cell's name: spaces and a trailing note in brackets removed.
fn header_name(s: &str) -> String {
    let n = norm(s);
    let cut = n.find(['（', '(']).unwrap_or(n.len());
    n[..cut].to_string()
}

fn toml_str(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

struct Builder<'a> {
    t: &'a StandardTable,
    /// TOML text, and for each of its lines the (row, column) it came from.
    out: String,
    origin: Vec<(Option<usize>, Option<String>, bool)>,
}

impl Builder<'_> {
    fn line(&mut self, s: &str, row: Option<usize>, column: Option<String>, fact: bool) {
        self.out.push_str(s);
        self.out.push('\n');
        self.origin.push((row, column, fact));
    }
}

impl StandardTable {
    fn err(&self, row: Option<usize>, column: Option<String>, message: String) -> TableError {
        TableError {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            column,
            message,
        }
    }

    fn fact_err(&self, f: &Fact, message: String) -> TableError {
        TableError {
            file: self.file.clone(),
            sheet: self.facts_at.clone(),
            row: Some(f.row),
            column: Some(format!("“{}”", f.key)),
            message,
        }
    }

    fn fact(&self, key: &str) -> Option<&Fact> {
        self.facts
            .iter()
            .find(|f| header_name(&f.key) == key && !f.value.trim().is_empty())
    }

    fn missing_fact(&self, key: &str, what: &str) -> TableError {
        TableError {
            file: self.file.clone(),
            sheet: self.facts_at.clone(),
            row: None,
            column: None,
            message: format!("缺少“{key}”。请在{}中加一行：{key}：{what}", self.facts_at),
        }
    }

    /// Reads the table into a checklist (validated) and its TOML source.
    pub fn read(&self) -> Result<ReadStandard, TableError> {
        let mut notes = Vec::new();
        for f in &self.facts {
            let k = header_name(&f.key);
            if !FACTS.iter().any(|(name, _)| *name == k) {
                notes.push(format!(
                    "{}第 {} 行的“{}”不是可识别的项目，已忽略（可用：{}）",
                    self.facts_at,
                    f.row,
                    f.key,
                    FACTS.iter().map(|(n, _)| *n).collect::<Vec<_>>().join("、")
                ));
            }
        }
        // The header row.
        let Some(h) = self.rows.iter().position(|r| {
            let names: Vec<String> = r.iter().map(|c| header_name(c)).collect();
            names.iter().any(|n| n == "编号")
                && names.iter().any(|n| n == "评查内容" || n == "评查项目")
        }) else {
            return Err(self.err(
                None,
                None,
                format!(
                    "找不到表头行：需要一行写明各列名称，至少有“类别”“编号”“评查内容”“分值”，可用列：{}",
                    HEADERS.join("、")
                ),
            ));
        };
        let header_row = self.first_row + h;
        let names: Vec<String> = self.rows[h].iter().map(|c| header_name(c)).collect();
        let col = |name: &str| {
            names
                .iter()
                .position(|n| n == name || (name == "评查内容" && n == "评查项目"))
        };
        let need = |name: &str| {
            col(name).ok_or_else(|| {
                self.err(
                    Some(header_row),
                    None,
                    format!(
                        "表头缺少“{name}”列。请在表头行加上该列（列名可用：{}）",
                        HEADERS.join("、")
                    ),
                )
            })
        };
        let (c_cat, c_id, c_text, c_points) = (
            need("类别")?,
            need("编号")?,
            need("评查内容")?,
            need("分值")?,
        );
        let c_cat_points = col("类别分值");
        let c_rule = col("扣分标准");
        let c_veto = col("否决");
        let c_bonus = col("加分");
        let c_basis = col("依据");
        let c_source = col("来源");
        let where_col = |c: usize| format!("{}列（{}）", column_letter(c), names[c]);
        let cell = |r: &[String], c: Option<usize>| -> String {
            c.and_then(|c| r.get(c))
                .map_or(String::new(), |s| s.trim().to_string())
        };

        struct Cat {
            name: String,
            points: Option<f64>,
            row: usize,
            /// No item of it deducts (bonus items, veto items without points).
            bonus_only: bool,
        }
        struct Row {
            row: usize,
            id: String,
            category: String,
            text: String,
            points: Option<f64>,
            rule: Option<DeductRule>,
            wording: String,
            veto: Option<Veto>,
            bonus: Option<f64>,
            basis: String,
            source: String,
        }
        let mut cats: Vec<Cat> = Vec::new();
        let mut items: Vec<Row> = Vec::new();
        let mut current: Option<String> = None;
        for (k, r) in self.rows.iter().enumerate().skip(h + 1) {
            let row = self.first_row + k;
            if r.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let cat_text = cell(r, Some(c_cat));
            if !cat_text.is_empty() {
                current = Some(cat_text.clone());
            }
            let Some(category) = current.clone() else {
                return Err(self.err(
                    Some(row),
                    Some(where_col(c_cat)),
                    "第一个评查项目之前没有写类别。请在“类别”列填写该项目所属的类别（合并单元格时写在第一行）".into(),
                ));
            };
            let cat_points_text = cell(r, c_cat_points);
            let cat_points = number(&cat_points_text).map_err(|_| {
                self.err(
                    Some(row),
                    c_cat_points.map(where_col),
                    format!("类别分值“{cat_points_text}”不是数字。请写数字，如 20；该类别不设分值上限时留空"),
                )
            })?;
            match cats.iter_mut().find(|c| c.name == category) {
                Some(c) => {
                    if let (Some(a), Some(b)) = (c.points, cat_points)
                        && (a - b).abs() > 1e-9
                    {
                        return Err(self.err(
                            Some(row),
                            c_cat_points.map(where_col),
                            format!(
                                "类别“{category}”的分值写了两个不同的数（第 {} 行为 {}，此处为 {}）。请只在该类别的第一行写一次",
                                c.row,
                                fmt_num(a),
                                fmt_num(b)
                            ),
                        ));
                    }
                    c.points = c.points.or(cat_points);
                }
                None => cats.push(Cat {
                    name: category.clone(),
                    points: cat_points,
                    row,
                    bonus_only: true,
                }),
            }
            let id = cell(r, Some(c_id));
            let text = cell(r, Some(c_text));
            if id.is_empty() && text.is_empty() {
                continue; // a category's title row
            }
            if id.is_empty() {
                return Err(self.err(
                    Some(row),
                    Some(where_col(c_id)),
                    "编号为空。请给每个评查项目一个编号，如 CH-01（同一标准内不重复）".into(),
                ));
            }
            if text.is_empty() {
                return Err(self.err(
                    Some(row),
                    Some(where_col(c_text)),
                    format!("评查项目 {id} 的评查内容为空。请写明该项评查什么"),
                ));
            }
            if let Some(first) = items.iter().find(|i| i.id == id) {
                return Err(self.err(
                    Some(row),
                    Some(where_col(c_id)),
                    format!(
                        "编号“{id}”重复（第 {} 行已用）。每个评查项目的编号必须唯一，请改用新编号",
                        first.row
                    ),
                ));
            }
            let points_text = cell(r, Some(c_points));
            let points = number(&points_text).map_err(|_| {
                self.err(
                    Some(row),
                    Some(where_col(c_points)),
                    format!("分值“{points_text}”不是数字。请写数字，如 2 或 0.5；否决项可写“—”"),
                )
            })?;
            let veto_text = cell(r, c_veto);
            let veto = read_veto(&veto_text).map_err(|_| {
                self.err(
                    Some(row),
                    c_veto.map(where_col),
                    format!(
                        "否决“{veto_text}”无法识别。请写“不合格”（一票否决为不合格卷）、“不得评为优秀”，或留空"
                    ),
                )
            })?;
            let bonus_text = cell(r, c_bonus);
            let bonus = number(&bonus_text).map_err(|_| {
                self.err(
                    Some(row),
                    c_bonus.map(where_col),
                    format!("加分“{bonus_text}”不是数字。加分项写最多加的分，如 2；其他项目留空"),
                )
            })?;
            let wording = cell(r, c_rule);
            let rule = if bonus.is_some() || (veto.is_some() && points.is_none()) {
                None
            } else {
                read_rule(&wording, points)
            };
            if points.is_none() && veto.is_none() && bonus.is_none() {
                let implied = matches!(
                    rule,
                    Some(DeductRule::Fixed { .. } | DeductRule::Range { .. })
                );
                if !implied {
                    return Err(self.err(
                        Some(row),
                        Some(where_col(c_points)),
                        format!(
                            "评查项目 {id} 缺少分值。请填写该项最多扣的分（如 2）；否决项在“否决”列写“不合格”，加分项在“加分”列写最多加的分"
                        ),
                    ));
                }
            }
            if (wording.contains("扣全分")
                || wording.contains("扣除全部分")
                || wording.contains("扣全部分"))
                && points.is_none()
                && veto.is_none()
            {
                return Err(self.err(
                    Some(row),
                    Some(where_col(c_points)),
                    format!("评查项目 {id} 的扣分标准是“扣全分”，需要在“分值”列写明该项的分值"),
                ));
            }
            let deducts = bonus.is_none() && !(veto.is_some() && points.is_none());
            if let Some(c) = cats.iter_mut().find(|c| c.name == category)
                && deducts
            {
                c.bonus_only = false;
            }
            items.push(Row {
                row,
                id,
                category,
                text,
                points,
                rule,
                wording,
                veto,
                bonus,
                basis: cell(r, c_basis),
                source: cell(r, c_source),
            });
        }
        if items.is_empty() {
            return Err(self.err(
                Some(header_row),
                None,
                "表头之下没有评查项目。请每行填写一个评查项目".into(),
            ));
        }

        // Facts.
        let id_fact = self
            .fact("编号")
            .ok_or_else(|| self.missing_fact("编号", "标准编号，如 CH"))?;
        let name_fact = self
            .fact("标准名称")
            .ok_or_else(|| self.missing_fact("标准名称", "标准的名称"))?;
        let num_fact = |key: &str| -> Result<Option<(f64, &Fact)>, TableError> {
            match self.fact(key) {
                None => Ok(None),
                Some(f) => match number(&f.value) {
                    Ok(Some(v)) => Ok(Some((v, f))),
                    _ => Err(self.fact_err(
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
        };
        let capped: Vec<&Cat> = cats.iter().filter(|c| !c.bonus_only).collect();
        let all_capped = capped.iter().all(|c| c.points.is_some());
        let cat_sum: f64 = capped.iter().filter_map(|c| c.points).sum();
        let total = match num_fact("满分")? {
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
            return Err(self.err(
                capped.first().map(|c| c.row),
                c_cat_points.map(where_col),
                format!(
                    "各类别分值之和为 {}，与满分 {} 不一致（{}）。请改正“类别分值”列或{}中的“满分”",
                    fmt_num(cat_sum),
                    fmt_num(total),
                    listed.join("、"),
                    self.facts_at
                ),
            ));
        }
        let kinds: Vec<CaseKind> = match self.fact("适用案件类型") {
            None => {
                return Err(self.missing_fact("适用案件类型", "行政处罚（多个用顿号分隔）"));
            }
            Some(f) => {
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
                            return Err(self.fact_err(
                                f,
                                format!("案件类型“{w}”无法识别。可用：{}", CaseKind::allowed()),
                            ));
                        }
                    }
                }
                v
            }
        };
        let veto_score = match self.fact("否决计分") {
            None => "zero",
            Some(f) => match norm(&f.value).as_str() {
                "零分" | "0分" | "0" | "计0分" | "为零" | "零" => "zero",
                "保留" | "保留得分" | "满分减扣分" | "照常计分" => "keep",
                _ => {
                    return Err(self.fact_err(
                        f,
                        format!("否决计分“{}”无法识别。请写“零分”（一票否决的案卷计 0 分）或“保留”（计满分减扣分）", f.value),
                    ));
                }
            },
        };
        let rank_by: Option<Vec<&str>> = match self.fact("单位排名") {
            None => None,
            Some(f) => {
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
                            return Err(self.fact_err(
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
                Some(keys)
            }
        };

        // The TOML, each value on a line of its own tied to its cell.
        let mut b = Builder {
            t: self,
            out: String::new(),
            origin: Vec::new(),
        };
        let _ = b.t;
        let fact_line = |b: &mut Builder<'_>, key: &str, line: String| {
            let row = self.fact(key).map(|f| f.row);
            b.line(&line, row, Some(format!("“{key}”")), true);
        };
        b.line(
            &format!("# 由 {} 导入（pingcha checklists import）", self.file),
            None,
            None,
            false,
        );
        fact_line(
            &mut b,
            "编号",
            format!("id = {}", toml_str(id_fact.value.trim())),
        );
        fact_line(
            &mut b,
            "标准名称",
            format!("name = {}", toml_str(name_fact.value.trim())),
        );
        let version = self
            .fact("版本")
            .map_or("1".to_string(), |f| f.value.trim().to_string());
        fact_line(&mut b, "版本", format!("version = {}", toml_str(&version)));
        let source = self
            .fact("来源")
            .map_or(format!("由 {} 导入", self.file), |f| {
                f.value.trim().to_string()
            });
        fact_line(&mut b, "来源", format!("source = {}", toml_str(&source)));
        b.line("role = \"general\"", None, None, false);
        let kinds_text: Vec<String> = kinds.iter().map(|k| toml_str(k.label())).collect();
        fact_line(
            &mut b,
            "适用案件类型",
            format!("kinds = [{}]", kinds_text.join(", ")),
        );
        fact_line(&mut b, "满分", format!("total = {}", fmt_num(total)));
        fact_line(&mut b, "否决计分", format!("veto_score = \"{veto_score}\""));
        if let Some((v, _)) = num_fact("加分上限")? {
            fact_line(&mut b, "加分上限", format!("bonus_cap = {}", fmt_num(v)));
        }
        if let Some((v, _)) = num_fact("最高得分")? {
            fact_line(&mut b, "最高得分", format!("max_score = {}", fmt_num(v)));
        }
        b.line("", None, None, false);
        b.line("[thresholds]", None, None, false);
        let excellent = num_fact("优秀")?.map_or(90.0, |(v, _)| v);
        let pass = num_fact("合格")?.map_or(60.0, |(v, _)| v);
        if self.fact("优秀").is_none() {
            notes.push("未写“优秀”分数线，按 90 分".into());
        }
        if self.fact("合格").is_none() {
            notes.push("未写“合格”分数线，按 60 分".into());
        }
        fact_line(
            &mut b,
            "优秀",
            format!("excellent = {}", fmt_num(excellent)),
        );
        if let Some((g, _)) = num_fact("良好")? {
            fact_line(&mut b, "良好", format!("good = {}", fmt_num(g)));
        }
        fact_line(&mut b, "合格", format!("pass = {}", fmt_num(pass)));
        if let Some(keys) = &rank_by {
            b.line("", None, None, false);
            b.line("[unit]", None, None, false);
            b.line("score = \"average\"", None, None, false);
            let k: Vec<String> = keys.iter().map(|k| format!("\"{k}\"")).collect();
            fact_line(&mut b, "单位排名", format!("rank_by = [{}]", k.join(", ")));
        }
        for c in &cats {
            b.line("", None, None, false);
            b.line("[[categories]]", Some(c.row), Some(where_col(c_cat)), false);
            b.line(
                &format!("name = {}", toml_str(&c.name)),
                Some(c.row),
                Some(where_col(c_cat)),
                false,
            );
            if let Some(p) = c.points {
                b.line(
                    &format!("points = {}", fmt_num(p)),
                    Some(c.row),
                    c_cat_points.map(where_col),
                    false,
                );
            }
        }
        let mut readings = Vec::new();
        for i in &items {
            let at = Some(i.row);
            b.line("", None, None, false);
            b.line("[[items]]", at, Some(where_col(c_id)), false);
            b.line(
                &format!("id = {}", toml_str(&i.id)),
                at,
                Some(where_col(c_id)),
                false,
            );
            b.line(
                &format!("category = {}", toml_str(&i.category)),
                at,
                Some(where_col(c_cat)),
                false,
            );
            b.line(
                &format!("text = {}", toml_str(&i.text)),
                at,
                Some(where_col(c_text)),
                false,
            );
            if let Some(p) = i.points.filter(|_| i.bonus.is_none()) {
                b.line(
                    &format!("points = {}", fmt_num(p)),
                    at,
                    Some(where_col(c_points)),
                    false,
                );
            }
            if let Some(v) = i.veto {
                b.line(
                    &format!("veto = \"{}\"", v.label()),
                    at,
                    c_veto.map(where_col),
                    false,
                );
            }
            if let Some(bonus) = i.bonus {
                b.line(
                    &format!("bonus = {}", fmt_num(bonus)),
                    at,
                    c_bonus.map(where_col),
                    false,
                );
            }
            let deduct = match i.rule {
                Some(DeductRule::Each { amount }) => {
                    Some(format!("{{ each = {} }}", fmt_num(amount)))
                }
                Some(DeductRule::Fixed { amount }) => {
                    Some(format!("{{ fixed = {} }}", fmt_num(amount)))
                }
                Some(DeductRule::Range { min, max }) => Some(format!(
                    "{{ min = {}, max = {} }}",
                    fmt_num(min),
                    fmt_num(max)
                )),
                _ => None,
            };
            if let Some(d) = &deduct {
                b.line(&format!("deduct = {d}"), at, c_rule.map(where_col), false);
            }
            if !i.wording.is_empty() {
                b.line(
                    &format!("deduction_rule = {}", toml_str(&i.wording)),
                    at,
                    c_rule.map(where_col),
                    false,
                );
            }
            if !i.basis.is_empty() {
                b.line(
                    &format!("basis = {}", toml_str(&i.basis)),
                    at,
                    c_basis.map(where_col),
                    false,
                );
            }
            if !i.source.is_empty() {
                b.line(
                    &format!("source = {}", toml_str(&i.source)),
                    at,
                    c_source.map(where_col),
                    false,
                );
            }
            readings.push((
                i.row,
                i.id.clone(),
                i.category.clone(),
                i.points,
                i.wording.clone(),
                i.veto,
                i.bonus,
            ));
        }
        let checklist = parse(&b.out, &self.file).map_err(|e| self.map_error(&b, e))?;
        let rows = readings
            .into_iter()
            .map(|(row, id, category, points, wording, veto, bonus)| {
                let it = checklist.item(&id);
                let rule = it.map_or(String::new(), |it| match it.rule {
                    DeductRule::Judged { max: 0.0 } => "只否决，不扣分".to_string(),
                    DeductRule::Judged { max } => {
                        format!("由评查人员在 0—{} 分内确定", fmt_num(max))
                    }
                    r => r.describe(),
                });
                RowReading {
                    row,
                    item: id,
                    category,
                    points,
                    rule,
                    wording,
                    veto: veto.map(|v| v.label_zh().to_string()),
                    bonus,
                }
            })
            .collect();
        Ok(ReadStandard {
            checklist,
            toml: b.out,
            rows,
            notes,
        })
    }

    /// A checklist error in the generated TOML → the cell it came from.
    fn map_error(&self, b: &Builder<'_>, e: ChecklistError) -> TableError {
        let message = e
            .problem()
            .map_or_else(|| e.to_string(), |p| p.to_string())
            .replace("[[categories]] 的 points", "“类别分值”列")
            .replace("total = ", "满分 ");
        let line = e.location().map(|(l, _)| l).unwrap_or(0);
        match b.origin.get(line.wrapping_sub(1)) {
            Some((row, column, true)) => TableError {
                file: self.file.clone(),
                sheet: self.facts_at.clone(),
                row: *row,
                column: column.clone(),
                message,
            },
            Some((row, column, false)) => self.err(*row, column.clone(), message),
            None => {
                let _ = line_col;
                self.err(None, None, message)
            }
        }
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
