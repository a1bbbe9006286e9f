//! Ledgers (台账): a CSV file or the first sheet of an XLSX workbook, one
//! case file a row, mapped by the header names the spec lists.

use super::validate::{enum_problem, money_problem};
use super::{Collector, Locator};
use crate::model::*;
use chrono::NaiveDate;
use serde_json::Value;
use std::path::Path;

/// One cell, whatever the source.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Bool(bool),
    /// A cell that cannot be read (an Excel error value, an impossible date).
    Invalid(String),
}

impl Cell {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// How the cell reads in a message.
    fn shown(&self) -> String {
        match self {
            Cell::Empty => "（空）".into(),
            Cell::Text(s) => format!("“{}”", s.trim()),
            Cell::Number(n) => format!("{n}"),
            Cell::Date(d) => d.to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
            Cell::Invalid(s) => s.clone(),
        }
    }
}

/// The columns the spec recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    CaseNo,
    Department,
    Kind,
    Title,
    Party,
    Filed,
    Decided,
    Served,
    Closed,
    Fine,
    Confiscation,
    Officers,
    Major,
    /// Any other header: kept as an extra field under its name.
    Extra,
}

/// A header cell without spaces and a unit suffix such as （元）.
fn normalise(h: &str) -> String {
    let h: String = h
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for unit in ["（元）", "(元)"] {
        if let Some(s) = h.strip_suffix(unit) {
            return s.to_string();
        }
    }
    h
}

fn column(h: &str) -> Col {
    match h {
        "案号" => Col::CaseNo,
        "执法部门" | "部门" => Col::Department,
        "案件类型" | "类型" => Col::Kind,
        "案件名称" | "案由" => Col::Title,
        "当事人" => Col::Party,
        "立案日期" => Col::Filed,
        "决定日期" => Col::Decided,
        "送达日期" => Col::Served,
        "结案日期" => Col::Closed,
        "罚款金额" => Col::Fine,
        "没收金额" => Col::Confiscation,
        "承办人" => Col::Officers,
        "是否重大" => Col::Major,
        _ => Col::Extra,
    }
}

const REQUIRED: [(Col, &str); 3] = [
    (Col::CaseNo, "案号"),
    (Col::Department, "执法部门（或 部门）"),
    (Col::Kind, "案件类型（或 类型）"),
];

const RECOGNISED: &str = "案号、执法部门（部门）、案件类型（类型）、案件名称（案由）、当事人、立案日期、决定日期、送达日期、结案日期、罚款金额、没收金额、承办人、是否重大";

const DATE_FORMS: &str = "应为 2024-03-04、2024/3/4、2024年3月4日 或 Excel 日期";

/// An Excel date serial (1900 system) to a date.
fn from_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let dt = calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, false);
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
}

/// `2024-03-04`, `2024/3/4`, `2024.3.4`, `2024年3月4日`, `20240304`, a
/// serial such as `45355`; a time after a space is ignored.
fn text_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split_whitespace();
    let day = parts.next()?;
    if !parts.all(|t| {
        t.chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.')
    }) {
        return None;
    }
    if day.bytes().all(|b| b.is_ascii_digit()) {
        return match day.len() {
            8 => NaiveDate::parse_from_str(day, "%Y%m%d").ok(),
            1..=7 => from_serial(day.parse().ok()?),
            _ => None,
        };
    }
    let ymd = if let Some(rest) = day.strip_suffix('日') {
        let (y, rest) = rest.split_once('年')?;
        let (m, d) = rest.split_once('月')?;
        [y, m, d]
    } else {
        let sep = ['-', '/', '.'].into_iter().find(|c| day.contains(*c))?;
        let mut it = day.split(sep);
        let v = [it.next()?, it.next()?, it.next()?];
        if it.next().is_some() {
            return None;
        }
        v
    };
    if ymd[0].len() != 4
        || ymd
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    NaiveDate::from_ymd_opt(
        ymd[0].parse().ok()?,
        ymd[1].parse().ok()?,
        ymd[2].parse().ok()?,
    )
}

fn cell_date(c: &Cell) -> Result<Option<NaiveDate>, String> {
    let bad = || format!("{} 不是有效日期，{DATE_FORMS}", c.shown());
    match c {
        _ if c.is_empty() => Ok(None),
        Cell::Date(d) => Ok(Some(*d)),
        Cell::Number(n) => from_serial(*n).map(Some).ok_or_else(bad),
        Cell::Text(s) => text_date(s.trim()).map(Some).ok_or_else(bad),
        _ => Err(bad()),
    }
}

fn cell_money(c: &Cell) -> Result<Option<f64>, String> {
    let bad = || {
        format!(
            "{} 不是有效金额，{}",
            c.shown(),
            super::validate::MONEY_EXPECTED
        )
    };
    let v = match c {
        _ if c.is_empty() => return Ok(None),
        Cell::Number(n) => *n,
        Cell::Text(s) => {
            let t: String = s
                .trim()
                .trim_start_matches(['¥', '￥'])
                .trim_end_matches('元')
                .chars()
                .filter(|c| !matches!(c, ',' | '，' | ' '))
                .collect();
            if t.is_empty()
                || !t
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
            {
                return Err(bad());
            }
            t.parse::<f64>().map_err(|_| bad())?
        }
        _ => return Err(bad()),
    };
    match money_problem(v, &c.shown()) {
        None => Ok(Some(v)),
        Some(m) => Err(m),
    }
}

fn cell_text(c: &Cell) -> Result<Option<String>, String> {
    match c {
        _ if c.is_empty() => Ok(None),
        Cell::Text(s) => Ok(Some(s.trim().to_string())),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Ok(Some(format!("{}", *n as i64))),
        Cell::Number(n) => Ok(Some(n.to_string())),
        Cell::Date(d) => Ok(Some(d.to_string())),
        Cell::Bool(b) => Ok(Some(b.to_string())),
        Cell::Invalid(m) => Err(m.clone()),
        Cell::Empty => Ok(None),
    }
}

fn cell_bool(c: &Cell) -> Result<Option<bool>, String> {
    let bad = || format!("{} 无法识别，应为 是 或 否", c.shown());
    match c {
        _ if c.is_empty() => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        Cell::Text(s) => match s.trim().to_lowercase().as_str() {
            "是" | "重大" | "y" | "yes" | "true" | "1" | "√" => Ok(Some(true)),
            "否" | "非重大" | "n" | "no" | "false" | "0" | "×" => Ok(Some(false)),
            _ => Err(bad()),
        },
        _ => Err(bad()),
    }
}

fn extra_value(c: &Cell) -> Option<Value> {
    match c {
        _ if c.is_empty() => None,
        Cell::Text(s) => Some(Value::String(s.trim().to_string())),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 9e15 => Some(Value::from(*n as i64)),
        Cell::Number(n) => serde_json::Number::from_f64(*n).map(Value::Number),
        Cell::Date(d) => Some(Value::String(d.to_string())),
        Cell::Bool(b) => Some(Value::Bool(*b)),
        Cell::Invalid(s) => Some(Value::String(s.clone())),
        Cell::Empty => None,
    }
}

/// The header: each column's meaning and its name as written.
struct Header {
    cols: Vec<(Col, String)>,
}

impl Header {
    /// Maps a header row; `Err` lists the problems (missing or repeated
    /// required columns).
    fn new(cells: &[Cell]) -> Result<Header, Vec<(Option<String>, String)>> {
        let mut cols = Vec::with_capacity(cells.len());
        let mut problems = Vec::new();
        for (i, c) in cells.iter().enumerate() {
            let raw = cell_text(c).ok().flatten().unwrap_or_default();
            let name = normalise(&raw);
            let col = column(&name);
            if col != Col::Extra && cols.iter().any(|(k, _)| *k == col) {
                problems.push((
                    Some(name.clone()),
                    "表头中此列与另一列含义相同（重复），无法确定用哪一列；请删除其中一列"
                        .to_string(),
                ));
            }
            let name = if name.is_empty() {
                format!("第{}列", i + 1)
            } else {
                name
            };
            cols.push((col, name));
        }
        for (col, label) in REQUIRED {
            if !cols.iter().any(|(k, _)| *k == col) {
                problems.push((
                    None,
                    format!("表头缺少必需的列“{label}”；可识别的表头：{RECOGNISED}"),
                ));
            }
        }
        if problems.is_empty() {
            Ok(Header { cols })
        } else {
            Err(problems)
        }
    }
}

/// A typed cell value.
#[derive(Debug, Clone, Copy)]
enum Parsed {
    Date(NaiveDate),
    Money(f64),
    Bool(bool),
}

impl Parsed {
    fn money(self) -> Option<f64> {
        match self {
            Parsed::Money(v) => Some(v),
            _ => None,
        }
    }
}

/// Turns one data row into a case file (or its problems).
fn row(col: &mut Collector, file: &Path, n: usize, header: &Header, cells: &[Cell]) {
    let locator = Locator::Row(n);
    let get = |want: Col| -> Option<(&Cell, &str)> {
        header.cols.iter().position(|(k, _)| *k == want).map(|i| {
            (
                cells.get(i).unwrap_or(&Cell::Empty),
                header.cols[i].1.as_str(),
            )
        })
    };
    let case_no = get(Col::CaseNo).and_then(|(c, _)| cell_text(c).ok().flatten());
    let mut problems: Vec<(String, String)> = Vec::new();
    let mut text = |want: Col, required: Option<&str>| -> Option<String> {
        let (c, name) = get(want)?;
        match cell_text(c) {
            Ok(Some(s)) => Some(s),
            Ok(None) => {
                if let Some(what) = required {
                    problems.push((name.to_string(), format!("缺少{what}（必填）")));
                }
                None
            }
            Err(m) => {
                problems.push((name.to_string(), m));
                None
            }
        }
    };
    let case_no_text = text(Col::CaseNo, Some("案号"));
    let department = text(Col::Department, Some("执法部门"));
    let kind_text = text(Col::Kind, Some("案件类型"));
    let title = text(Col::Title, None);
    let party = text(Col::Party, None);
    let officers = text(Col::Officers, None);
    let kind = kind_text.as_deref().and_then(|k| match CaseKind::parse(k) {
        Some(k) => Some(k),
        None => {
            let name = get(Col::Kind).map_or("案件类型", |(_, n)| n);
            problems.push((name.to_string(), enum_problem(k, &CaseKind::allowed())));
            None
        }
    });
    let mut typed = |want: Col, f: fn(&Cell) -> Result<Option<Parsed>, String>| -> Option<Parsed> {
        let (c, name) = get(want)?;
        f(c).unwrap_or_else(|m| {
            problems.push((name.to_string(), m));
            None
        })
    };
    let date = |c: &Cell| cell_date(c).map(|d| d.map(Parsed::Date));
    let money = |c: &Cell| cell_money(c).map(|v| v.map(Parsed::Money));
    let dates =
        [Col::Filed, Col::Decided, Col::Served, Col::Closed].map(|want| match typed(want, date) {
            Some(Parsed::Date(d)) => Some(d),
            _ => None,
        });
    let fine = typed(Col::Fine, money).and_then(Parsed::money);
    let confiscation = typed(Col::Confiscation, money).and_then(Parsed::money);
    let major = match typed(Col::Major, |c| cell_bool(c).map(|b| b.map(Parsed::Bool))) {
        Some(Parsed::Bool(b)) => Some(b),
        _ => None,
    };
    if !problems.is_empty() {
        for (field, message) in problems {
            col.error(file, locator, case_no.as_deref(), Some(field), message);
        }
        return;
    }
    let (Some(case_no), Some(department), Some(kind)) = (case_no_text, department, kind) else {
        return;
    };
    let mut c = CaseFile::new(case_no, department, kind);
    c.title = title;
    c.party = party.map(|name| Party {
        name: Some(name),
        ..Party::default()
    });
    c.officers = officers
        .iter()
        .flat_map(|s| s.split(['、', ',', '，', ';', '；']))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|name| Officer {
            name: name.to_string(),
            ..Officer::default()
        })
        .collect();
    c.major_decision = major;
    let stages = [
        KnownStage::Filing,
        KnownStage::Decision,
        KnownStage::Service,
        KnownStage::Closing,
    ];
    c.events = stages
        .into_iter()
        .zip(dates)
        .filter_map(|(s, d)| d.map(|d| Event::new(s, d)))
        .collect();
    if dates[1].is_some() || fine.is_some() || confiscation.is_some() {
        c.decision = Some(Decision {
            date: dates[1],
            // A fine in the ledger means the decision imposed one.
            measures: if fine.is_some_and(|f| f > 0.0) {
                vec![Measure::Fine]
            } else {
                Vec::new()
            },
            fine_yuan: fine,
            confiscation_yuan: confiscation,
            ..Decision::default()
        });
    }
    for (i, (k, name)) in header.cols.iter().enumerate() {
        if *k == Col::Extra
            && let Some(v) = cells.get(i).and_then(extra_value)
        {
            c.extra.insert(name.clone(), v);
        }
    }
    col.accept(file, locator, c);
}

/// Shared by CSV and XLSX: rows with their numbers as the sheet shows them.
fn load_rows(col: &mut Collector, file: &Path, rows: impl Iterator<Item = (usize, Vec<Cell>)>) {
    let mut header: Option<Header> = None;
    let mut pending: Vec<(usize, Vec<Cell>)> = Vec::new();
    let mut data = 0usize;
    for (n, cells) in rows {
        if cells.iter().all(Cell::is_empty) {
            continue;
        }
        match &header {
            Some(h) => {
                data += 1;
                row(col, file, n, h, &cells);
            }
            None => {
                // The header is the first row holding 案号 (a title row above
                // it is skipped); without one, the first row is the header.
                let has_case_no = cells.iter().any(|c| {
                    cell_text(c)
                        .ok()
                        .flatten()
                        .is_some_and(|t| normalise(&t) == "案号")
                });
                if has_case_no {
                    match Header::new(&cells) {
                        Ok(h) => header = Some(h),
                        Err(problems) => {
                            for (field, m) in problems {
                                col.error(file, Locator::Row(n), None, field, m);
                            }
                            return;
                        }
                    }
                } else if pending.len() < 10 {
                    pending.push((n, cells));
                } else {
                    break;
                }
            }
        }
    }
    if header.is_none() {
        match pending.first() {
            None => col.error(
                file,
                Locator::Whole,
                None,
                None,
                "文件为空，没有表头和数据行".into(),
            ),
            Some((n, cells)) => {
                if let Err(problems) = Header::new(cells) {
                    for (field, m) in problems {
                        col.error(file, Locator::Row(*n), None, field, m);
                    }
                }
            }
        }
        return;
    }
    if data == 0 {
        col.error(
            file,
            Locator::Whole,
            None,
            None,
            "台账只有表头，没有数据行".into(),
        );
    }
}

/// A CSV ledger (already decoded).
pub(crate) fn load_csv(col: &mut Collector, file: &Path, text: &str) {
    let first = text.lines().next().unwrap_or("");
    let delimiter = if !first.contains(',') && first.contains('\t') {
        b'\t'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let n = r.position().map_or(rows.len() + 1, |p| p.line() as usize);
                let cells = r
                    .iter()
                    .map(|s| {
                        if s.trim().is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(s.to_string())
                        }
                    })
                    .collect();
                rows.push((n, cells));
            }
            Err(e) => {
                let n = e.position().map_or(rows.len() + 1, |p| p.line() as usize);
                col.error(
                    file,
                    Locator::Line(n),
                    None,
                    None,
                    format!("CSV 格式错误：{e}"),
                );
                return;
            }
        }
    }
    load_rows(col, file, rows.into_iter());
}

fn xlsx_cell(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            match NaiveDate::from_ymd_opt(y.into(), m.into(), day.into()) {
                Some(date) => Cell::Date(date),
                None => Cell::Invalid(format!("Excel 日期 {} 不是有效日期", dt.as_f64())),
            }
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Invalid(format!("单元格是错误值 {e}，应为数据")),
    }
}

/// An XLSX ledger: the first worksheet.
pub(crate) fn load_xlsx(col: &mut Collector, file: &Path, bytes: Vec<u8>) {
    use calamine::Reader;
    let unreadable = |e: &dyn std::fmt::Display| {
        format!(
            "无法读取 Excel 工作簿（{e}）；请确认文件是 .xlsx 格式且未损坏（旧版 .xls 请另存为 .xlsx 或 CSV）"
        )
    };
    let mut wb: calamine::Xlsx<_> =
        match calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)) {
            Ok(wb) => wb,
            Err(e) => {
                col.error(file, Locator::Whole, None, None, unreadable(&e));
                return;
            }
        };
    let range = match wb.worksheet_range_at(0) {
        None => {
            col.error(
                file,
                Locator::Whole,
                None,
                None,
                "工作簿中没有工作表".into(),
            );
            return;
        }
        Some(Err(e)) => {
            col.error(file, Locator::Whole, None, None, unreadable(&e));
            return;
        }
        Some(Ok(r)) => r,
    };
    let Some((top, _)) = range.start() else {
        col.error(
            file,
            Locator::Whole,
            None,
            None,
            "第一个工作表为空，没有表头和数据行".into(),
        );
        return;
    };
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, r)| (top as usize + i + 1, r.iter().map(xlsx_cell).collect()));
    load_rows(col, file, rows);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_the_forms_ledgers_use() {
        assert_eq!(text_date("2024-03-04"), Some(d(2024, 3, 4)));
        assert_eq!(text_date("2024/3/4"), Some(d(2024, 3, 4)));
        assert_eq!(text_date("2024年3月4日"), Some(d(2024, 3, 4)));
        assert_eq!(text_date("2024.3.4"), Some(d(2024, 3, 4)));
        assert_eq!(text_date("2024/3/4 0:00"), Some(d(2024, 3, 4)));
        assert_eq!(text_date("45355"), Some(d(2024, 3, 4)));
        assert_eq!(from_serial(45355.0), Some(d(2024, 3, 4)));
        assert_eq!(text_date("2024/2/30"), None);
        assert_eq!(text_date("3/4/2024"), None);
        assert_eq!(text_date("明天"), None);
    }

    #[test]
    fn amounts() {
        assert_eq!(
            cell_money(&Cell::Text("1,280.50元".into())),
            Ok(Some(1280.5))
        );
        assert_eq!(cell_money(&Cell::Text(" ".into())), Ok(None));
        assert!(cell_money(&Cell::Text("五千".into())).is_err());
        assert!(
            cell_money(&Cell::Text("-3".into()))
                .unwrap_err()
                .contains("负数")
        );
        assert!(
            cell_money(&Cell::Number(1.005))
                .unwrap_err()
                .contains("两位小数")
        );
    }
}
