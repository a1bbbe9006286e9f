//! Ledgers (台账): a CSV file or the first sheet of an XLSX workbook, one
//! case file a row, mapped by the header names `docs/case-file.md` lists.
//!
//! [`sheet`] reads the file into rows of [`cell::Cell`]s; this module maps
//! the header and turns each row into a [`CaseFile`].

mod cell;
mod contain;
mod guard;
mod sheet;

pub(crate) use guard::check as check_container;
pub(crate) use sheet::{load_csv, load_xlsx};

use super::validate::enum_problem;
use super::{Collector, Locator};
use crate::model::*;
use cell::*;
use std::path::Path;

/// The columns `docs/case-file.md` recognises.
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

/// One data row being read: its cells by column, and the problems found.
struct RowReader<'a> {
    header: &'a Header,
    cells: &'a [Cell],
    problems: Vec<(String, String)>,
}

impl<'a> RowReader<'a> {
    /// The cell under a recognised column, and the column's name.
    fn cell(&self, want: Col) -> Option<(&'a Cell, &'a str)> {
        let i = self.header.cols.iter().position(|(k, _)| *k == want)?;
        let cell = self.cells.get(i).unwrap_or(&Cell::Empty);
        Some((cell, self.header.cols[i].1.as_str()))
    }

    /// Reads a column with `read`; a problem is recorded under the column's
    /// name, and so is an empty cell when `required` names what is missing.
    fn read<T>(
        &mut self,
        want: Col,
        required: Option<&str>,
        read: fn(&Cell) -> Result<Option<T>, String>,
    ) -> Option<T> {
        let (cell, name) = self.cell(want)?;
        match read(cell) {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                if let Some(what) = required {
                    self.problems
                        .push((name.to_string(), format!("缺少{what}（必填）")));
                }
                None
            }
            Err(m) => {
                self.problems.push((name.to_string(), m));
                None
            }
        }
    }
}

fn kind_of(c: &Cell) -> Result<Option<CaseKind>, String> {
    match cell_text(c)? {
        None => Ok(None),
        Some(k) => CaseKind::parse(&k)
            .map(Some)
            .ok_or_else(|| enum_problem(&k, &CaseKind::allowed())),
    }
}

/// Turns one data row into a case file (or its problems).
fn row(col: &mut Collector, file: &Path, n: usize, header: &Header, cells: &[Cell]) {
    let locator = Locator::Row(n);
    let mut r = RowReader {
        header,
        cells,
        problems: Vec::new(),
    };
    let case_no = r.read(Col::CaseNo, Some("案号"), cell_text);
    let department = r.read(Col::Department, Some("执法部门"), cell_text);
    let kind = r.read(Col::Kind, Some("案件类型"), kind_of);
    let title = r.read(Col::Title, None, cell_text);
    let party = r.read(Col::Party, None, cell_text);
    let officers = r.read(Col::Officers, None, cell_text);
    let dates = [Col::Filed, Col::Decided, Col::Served, Col::Closed]
        .map(|want| r.read(want, None, cell_date));
    let fine = r.read(Col::Fine, None, cell_money);
    let confiscation = r.read(Col::Confiscation, None, cell_money);
    let major = r.read(Col::Major, None, cell_bool);
    if !r.problems.is_empty() {
        for (field, message) in r.problems {
            col.error(file, locator, case_no.as_deref(), Some(field), message);
        }
        return;
    }
    let (Some(case_no), Some(department), Some(kind)) = (case_no, department, kind) else {
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
    c.extra.insert(
        crate::model::SOURCE_FIELD.to_string(),
        crate::model::SOURCE_LEDGER.into(),
    );
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
pub(crate) fn load_rows(
    col: &mut Collector,
    file: &Path,
    rows: impl Iterator<Item = (usize, Vec<Cell>)>,
) {
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
