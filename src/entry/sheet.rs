//! The per-dossier entry sheet (案卷录入表.xlsx): one block per part of
//! the interchange format (`docs/case-file.md`), the way a clerk fills a paper form; read back into a draft and
//! validated as import validates. The only file I/O of this module.
//!
//! Layout of the one worksheet: a block title row `【案卷】`; a single field
//! is a row `label | value | path`; a repeated part is a header row
//! `序号（events） | column labels …` followed by numbered lines.

use super::draft::Draft;
use super::schema::{self, Block, Kind};
use crate::error::{Error, Result};
use crate::import::{ImportError, ImportIssue, Locator};
use crate::model::CaseFile;
use rust_xlsxwriter::{Color, Format, Workbook};
use std::path::Path;

/// Empty lines written for each repeated part.
fn lines_for(group: &str) -> usize {
    match group {
        "events" => 20,
        "documents" => 20,
        "officers" => 4,
        _ => 6,
    }
}

fn hint(kind: Kind) -> String {
    match kind {
        Kind::Date => "日期：2024-03-05、2024.3.5、2024年3月5日，或案号年度内的 0305、3.5".into(),
        Kind::Choice(o) => format!("以下之一：{}", o.join("、")),
        Kind::Bool => "是 / 否".into(),
        Kind::Money => "金额（元），最多两位小数".into(),
        Kind::Stage => "环节名称，如 立案、询问、告知、决定、送达".into(),
        Kind::List(sep) => format!("多项用“{sep}”分隔"),
        _ => String::new(),
    }
}

fn xlsx_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::Write {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// Writes the blank entry sheet.
pub fn write_template(path: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let err = |e| xlsx_error(path, e);
    ws.set_name("案卷录入表").map_err(err)?;
    let title = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7));
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    let grey = Format::new().set_font_color(Color::Gray);
    ws.set_column_width(0, 22).map_err(err)?;
    for c in 1..8 {
        ws.set_column_width(c, 18).map_err(err)?;
        ws.set_column_format(c, &text).map_err(err)?;
    }
    let mut row = 0u32;
    ws.write_string_with_format(
        row,
        0,
        "案卷录入表（照纸质案卷装订顺序填写；＊为必填；填好后运行 pingcha case new 本文件）",
        &bold,
    )
    .map_err(err)?;
    row += 2;
    for s in schema::FORM {
        ws.write_string_with_format(row, 0, format!("【{}】", s.label), &title)
            .map_err(err)?;
        row += 1;
        for b in s.blocks {
            match b {
                Block::Field(f) => {
                    let star = if f.required { "＊" } else { "" };
                    ws.write_string(row, 0, format!("{star}{}", f.label))
                        .map_err(err)?;
                    if f.path == "kind" {
                        ws.write_string_with_format(row, 1, "行政处罚", &text)
                            .map_err(err)?;
                    }
                    ws.write_string_with_format(row, 2, f.path, &grey)
                        .map_err(err)?;
                    ws.write_string_with_format(row, 3, hint(f.kind), &grey)
                        .map_err(err)?;
                    row += 1;
                }
                Block::Group(g) => {
                    ws.write_string_with_format(row, 0, format!("序号（{}）", g.path), &bold)
                        .map_err(err)?;
                    for (i, c) in g.cols.iter().enumerate() {
                        let star = if c.required { "＊" } else { "" };
                        ws.write_string_with_format(
                            row,
                            i as u16 + 1,
                            format!("{star}{}", c.label),
                            &bold,
                        )
                        .map_err(err)?;
                    }
                    row += 1;
                    for n in 1..=lines_for(g.path) {
                        ws.write_number(row, 0, n as f64).map_err(err)?;
                        row += 1;
                    }
                }
            }
        }
        row += 1;
    }
    let bytes = wb.save_to_buffer().map_err(err)?;
    std::fs::write(path, bytes).map_err(|e| xlsx_error(path, e))
}

fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "是" } else { "否" }.into(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, day, ..) = dt.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Reads a filled entry sheet into a draft.
pub fn read_draft(path: &Path) -> Result<Draft> {
    use calamine::Reader;
    let bad = |e: &dyn std::fmt::Display| {
        Error::Import(ImportError::Invalid(vec![ImportIssue::new(
            path,
            Locator::Whole,
            format!("无法读取案卷录入表（{e}）；请确认文件是 `pingcha case template` 写出的 .xlsx"),
        )]))
    };
    let bytes = crate::import::read_input(path).map_err(|e| bad(&e))?;
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let range = match wb.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => return Err(bad(&e)),
        None => return Err(bad(&"工作簿中没有工作表")),
    };
    let mut d = Draft::default();
    let mut group: Option<&'static schema::Group> = None;
    for r in range.rows() {
        let cells: Vec<String> = r.iter().map(cell_text).collect();
        let at = |i: usize| cells.get(i).map_or("", String::as_str);
        let a = at(0);
        if let Some(p) = a.strip_prefix("序号（").and_then(|p| p.strip_suffix('）')) {
            group = schema::group(p);
            continue;
        }
        if let Some(g) = group
            && !a.is_empty()
            && a.bytes().all(|b| b.is_ascii_digit())
        {
            let row: Vec<String> = (0..g.cols.len()).map(|i| at(i + 1).to_string()).collect();
            d.rows_mut(g.path).push(row);
            continue;
        }
        group = None;
        if let Some(f) = schema::fields().find(|f| f.path == at(2)) {
            d.set(f.path, at(1));
        }
    }
    Ok(d)
}

/// A filled entry sheet as a validated case file (the import's messages,
/// naming the sheet).
pub fn read_sheet(path: &Path) -> Result<CaseFile> {
    let d = read_draft(path)?;
    match d.validate() {
        Ok((c, _)) => Ok(c),
        Err(problems) => Err(Error::Import(ImportError::Invalid(
            problems
                .into_iter()
                .map(|p| {
                    let mut i = ImportIssue::new(path, Locator::Whole, p.message)
                        .case_no(Some(d.get("case_no")));
                    i.field = p.field;
                    i
                })
                .collect(),
        ))),
    }
}
