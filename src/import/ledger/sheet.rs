//! Reading a ledger file into numbered rows of cells: CSV (already
//! decoded) or the first worksheet of an XLSX workbook.

use super::cell::Cell;
use super::load_rows;
use crate::import::{Collector, Locator};
use chrono::NaiveDate;
use std::path::Path;

/// At most this many columns in a CSV ledger's row, and cells in all: a
/// file of separators cannot make millions of empty cells.
const MAX_CSV_COLUMNS: usize = 1_000;
const MAX_CSV_CELLS: usize = 1_000_000;

/// The first record (its line) with more than [`MAX_CSV_COLUMNS`] fields,
/// found before the CSV reader allocates them: separators outside quotes
/// are counted, a line break outside quotes ends a record.
fn too_wide(text: &str, delimiter: u8) -> Option<(usize, usize)> {
    let (mut line, mut start, mut fields, mut quoted) = (1, 1, 1, false);
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' => {
                line += 1;
                if !quoted {
                    start = line;
                    fields = 1;
                }
            }
            _ if b == delimiter && !quoted => {
                fields += 1;
                if fields > MAX_CSV_COLUMNS {
                    return Some((start, fields));
                }
            }
            _ => {}
        }
    }
    None
}

/// A CSV ledger (already decoded).
pub(crate) fn load_csv(col: &mut Collector, file: &Path, text: &str) {
    let first = text.lines().next().unwrap_or("");
    let delimiter = if !first.contains(',') && first.contains('\t') {
        b'\t'
    } else {
        b','
    };
    if let Some((line, n)) = too_wide(text, delimiter) {
        col.error(
            file,
            Locator::Line(line),
            None,
            None,
            format!(
                "这一行有 {n} 列以上，台账最多 {MAX_CSV_COLUMNS} 列；请检查分隔符，删去多余的列后重试"
            ),
        );
        return;
    }
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut cells_read = 0usize;
    for rec in rdr.records() {
        match rec {
            Ok(r) => {
                let n = r.position().map_or(rows.len() + 1, |p| p.line() as usize);
                cells_read += r.len().max(1);
                if r.len() > MAX_CSV_COLUMNS || cells_read > MAX_CSV_CELLS {
                    col.error(
                        file,
                        Locator::Line(n),
                        None,
                        None,
                        if r.len() > MAX_CSV_COLUMNS {
                            format!(
                                "这一行有 {} 列，台账最多 {MAX_CSV_COLUMNS} 列；请检查分隔符，删去多余的列后重试",
                                r.len()
                            )
                        } else {
                            format!(
                                "台账超过 {MAX_CSV_CELLS} 个单元格，未读完；请拆分成多个文件后导入"
                            )
                        },
                    );
                    return;
                }
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
                    format!(
                        "CSV 格式错误（{e}）；请检查这一行的引号是否成对、分隔符是否与表头一致"
                    ),
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
    if let Err(refusal) = super::guard::check(&bytes) {
        col.error(file, Locator::Whole, None, None, refusal);
        return;
    }
    let damaged =
        "工作簿内容已损坏，表格读取程序无法读取；请用 Excel 打开后重新另存为 .xlsx 再导入";
    let read = super::contain::contained(|| {
        let mut wb: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
                .map_err(|e| unreadable(&e))?;
        match wb.worksheet_range_at(0) {
            None => Err("工作簿中没有工作表".to_string()),
            Some(Err(e)) => Err(unreadable(&e)),
            Some(Ok(r)) => Ok(r),
        }
    });
    let range = match read {
        None => {
            col.error(file, Locator::Whole, None, None, damaged.into());
            return;
        }
        Some(Err(why)) => {
            col.error(file, Locator::Whole, None, None, why);
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
