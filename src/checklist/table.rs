//! A standard brought as a table (one row per item) plus its facts (标准名称,
//! 满分, 优秀 …) → the checklist's TOML source, validated with the sheet, row
//! and column of every problem. Pure: the readers of .xlsx/.csv/.docx hand
//! over cells.

use super::rule_text::norm;
pub use super::rule_text::read_rule;
use super::{Checklist, ChecklistError, parse};
use columns::Columns;
use facts::StandardFacts;
use std::fmt;
#[cfg(test)]
use {super::DeductRule, crate::model::Veto};

mod columns;
mod facts;
mod rows;
mod toml_out;

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

    /// Reads the table into a checklist (validated) and its TOML source:
    /// the header row's columns, the item rows (categories and items), the
    /// facts, then the TOML, each line tied to its cell, parsed as any
    /// checklist is.
    pub fn read(&self) -> Result<ReadStandard, TableError> {
        let mut notes = self.unknown_facts();
        let cols = Columns::find(self)?;
        let (cats, items) = rows::read(self, &cols)?;
        let facts = StandardFacts::read(self, &cols, &cats, &mut notes)?;
        let out = toml_out::build(self, &cols, &facts, &cats, &items);
        let checklist = parse(&out.text, &self.file).map_err(|e| self.map_error(&out, e))?;
        let rows = toml_out::readings(&checklist, &items);
        Ok(ReadStandard {
            checklist,
            toml: out.text,
            rows,
            notes,
        })
    }

    /// A note for each fact that is not one of [`FACTS`] (it is ignored).
    fn unknown_facts(&self) -> Vec<String> {
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
        notes
    }

    /// A checklist error in the generated TOML → the cell it came from.
    fn map_error(&self, out: &toml_out::Toml, e: ChecklistError) -> TableError {
        let message = e
            .problem()
            .map_or_else(|| e.to_string(), |p| p.to_string())
            .replace("[[categories]] 的 points", "“类别分值”列")
            .replace("total = ", "满分 ");
        let line = e.location().map(|(l, _)| l).unwrap_or(0);
        match out.origin.get(line.wrapping_sub(1)) {
            Some(o) if o.fact => TableError {
                file: self.file.clone(),
                sheet: self.facts_at.clone(),
                row: o.row,
                column: o.column.clone(),
                message,
            },
            Some(o) => self.err(o.row, o.column.clone(), message),
            None => self.err(None, None, message),
        }
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
