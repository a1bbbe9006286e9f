//! Reading a review standard brought as a table: .xlsx (items on the first
//! sheet that has the headers, facts on a sheet named 说明), .csv (UTF-8 or
//! GBK; key：value lines before the table), .docx (the first table with the
//! headers; key：value paragraphs before it). The cells go to
//! [`crate::checklist::table`], which reads and validates them.

use crate::checklist::table::{Fact, HEADERS, StandardTable, TableError, column_letter};
use std::io::Read;
use std::path::Path;

fn whole(file: &str, message: String) -> TableError {
    TableError {
        file: file.to_string(),
        sheet: "整个文件".into(),
        row: None,
        column: None,
        message,
    }
}

/// Splits a `key：value` line (full- or half-width colon).
fn key_value(line: &str) -> Option<(String, String)> {
    let (k, v) = line.split_once(['：', ':'])?;
    let k = k.trim().trim_matches(['"', '“', '”']);
    if k.is_empty() || k.chars().count() > 12 {
        return None;
    }
    Some((
        k.to_string(),
        v.trim().trim_end_matches([',', '，']).to_string(),
    ))
}

/// The facts written as rows before the header row: `key：value` in one
/// cell, or the key and the value in two cells.
fn facts_above(rows: &[Vec<String>], first_row: usize) -> Vec<Fact> {
    let mut facts = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        if is_header(r) {
            break;
        }
        let texts: Vec<&str> = r
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        let Some(first) = texts.first() else { continue };
        let row = first_row + i;
        match key_value(first) {
            Some((key, value)) if !value.is_empty() => facts.push(Fact { key, value, row }),
            Some((key, _)) => facts.push(Fact {
                key,
                value: texts.get(1).map_or(String::new(), |v| v.to_string()),
                row,
            }),
            None if texts.len() >= 2 => facts.push(Fact {
                key: first.to_string(),
                value: texts[1].to_string(),
                row,
            }),
            None => {}
        }
    }
    facts
}

fn is_header(row: &[String]) -> bool {
    let has = |n: &str| {
        row.iter().any(|c| {
            let c: String = c.chars().filter(|c| !c.is_whitespace()).collect();
            c.starts_with(n)
        })
    };
    has("编号") && (has("评查内容") || has("评查项目"))
}

/// Reads `path` by its extension.
pub fn read_standard_file(path: &Path) -> Result<StandardTable, TableError> {
    let file = path.display().to_string();
    let bytes = super::read_input(path).map_err(|e| {
        whole(
            &file,
            format!("无法读取（{e}）。请确认路径存在、有读取权限，并且是评查标准文件"),
        )
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" => read_xlsx(&file, bytes),
        "csv" => read_csv(&file, &bytes),
        "docx" => read_docx(&file, bytes),
        other => Err(whole(
            &file,
            format!(
                "不支持“.{other}”文件。评查标准可用 .toml、.xlsx、.csv 或 .docx 导入（`pingcha checklists template --out 标准.xlsx` 生成模板）"
            ),
        )),
    }
}

fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{f:.0}")
            } else {
                let s = format!("{f:.6}");
                s.trim_end_matches('0').trim_end_matches('.').to_string()
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// A sheet as rows of text, from row 1 and column A.
fn sheet_rows(range: &calamine::Range<calamine::Data>) -> (usize, Vec<Vec<String>>) {
    let Some((top, left)) = range.start() else {
        return (1, Vec::new());
    };
    let rows = range
        .rows()
        .map(|r| {
            let mut v = vec![String::new(); left as usize];
            v.extend(r.iter().map(cell_text));
            v
        })
        .collect();
    (top as usize + 1, rows)
}

fn read_xlsx(file: &str, bytes: Vec<u8>) -> Result<StandardTable, TableError> {
    use calamine::Reader;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| {
            whole(
                file,
                format!("无法读取 Excel 工作簿（{e}）；请确认文件是 .xlsx 格式且未损坏"),
            )
        })?;
    let names = wb.sheet_names().to_vec();
    let mut facts = Vec::new();
    let mut facts_at = "“说明”工作表".to_string();
    let mut items: Option<(String, usize, Vec<Vec<String>>)> = None;
    for name in &names {
        let range = wb
            .worksheet_range(name)
            .map_err(|e| whole(file, format!("无法读取工作表“{name}”（{e}）")))?;
        let (first, rows) = sheet_rows(&range);
        if name.trim() == "说明" {
            for (i, r) in rows.iter().enumerate() {
                let k = r.first().map(|s| s.trim()).unwrap_or("");
                if k.is_empty() || k == "项目" || k == "名称" {
                    continue;
                }
                facts.push(Fact {
                    key: k.to_string(),
                    value: r.get(1).cloned().unwrap_or_default(),
                    row: first + i,
                });
            }
            continue;
        }
        if items.is_none() && rows.iter().any(|r| is_header(r)) {
            items = Some((name.clone(), first, rows));
        }
    }
    let Some((sheet, first_row, rows)) = items else {
        return Err(whole(
            file,
            format!(
                "没有一个工作表有评查项目的表头（至少要有“编号”“评查内容”两列；可用列：{}）。可用 `pingcha checklists template --out 模板.xlsx` 生成模板",
                HEADERS.join("、")
            ),
        ));
    };
    // Facts written above the table on the item sheet count too.
    if facts.is_empty() {
        facts_at = format!("工作表“{sheet}”表头之上");
        facts = facts_above(&rows, first_row);
    }
    Ok(StandardTable {
        file: file.to_string(),
        sheet: format!("工作表“{sheet}”"),
        facts_at,
        facts,
        rows,
        first_row,
    })
}

fn decode(file: &str, bytes: &[u8]) -> Result<String, TableError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok(s.to_string());
    }
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(body)
        .map(|s| s.into_owned())
        .ok_or_else(|| {
            whole(
                file,
                "文件既不是 UTF-8 也不是 GBK 编码；请在 Excel 或记事本中“另存为”UTF-8 编码后重新导入"
                    .into(),
            )
        })
}

fn read_csv(file: &str, bytes: &[u8]) -> Result<StandardTable, TableError> {
    let text = decode(file, bytes)?;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| TableError {
            file: file.to_string(),
            sheet: "表格".into(),
            row: Some(i + 1),
            column: None,
            message: format!("CSV 格式错误（{e}）；请检查引号是否配对"),
        })?;
        rows.push(rec.iter().map(|s| s.trim().to_string()).collect::<Vec<_>>());
    }
    let facts = facts_above(&rows, 1);
    Ok(StandardTable {
        file: file.to_string(),
        sheet: "表格".into(),
        facts_at: "表格之前的说明行".into(),
        facts,
        rows,
        first_row: 1,
    })
}

/// XML text with the five entities and numeric references decoded.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let Some(end) = tail.find(';') else {
            out.push_str(tail);
            return out;
        };
        let ent = &tail[1..end];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&tail[..=end]),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The body of a .docx as paragraphs (outside tables) and tables (rows of
/// cell texts), in order.
enum Block {
    Para(String),
    Table(Vec<Vec<String>>),
}

fn docx_blocks(xml: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut depth_tbl = 0usize;
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut para = String::new();
    let mut in_text = false;
    let mut rest = xml;
    while let Some(lt) = rest.find('<') {
        let text = &rest[..lt];
        if in_text && !text.is_empty() {
            let t = unescape(text);
            if depth_tbl > 0 {
                cell.push_str(&t);
            } else {
                para.push_str(&t);
            }
        }
        let Some(gt) = rest[lt..].find('>') else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let closing = tag.starts_with('/');
        let name = tag
            .trim_start_matches('/')
            .split([' ', '/', '\t', '\n'])
            .next()
            .unwrap_or("");
        let self_closing = tag.ends_with('/');
        match (name, closing) {
            ("w:t", false) if !self_closing => in_text = true,
            ("w:t", true) => in_text = false,
            ("w:tab", false) => {
                if depth_tbl > 0 {
                    cell.push(' ');
                } else {
                    para.push('\t');
                }
            }
            ("w:tbl", false) => {
                depth_tbl += 1;
                if depth_tbl == 1 {
                    table.clear();
                }
            }
            ("w:tbl", true) => {
                depth_tbl = depth_tbl.saturating_sub(1);
                if depth_tbl == 0 {
                    blocks.push(Block::Table(std::mem::take(&mut table)));
                }
            }
            ("w:tr", false) if depth_tbl == 1 => row.clear(),
            ("w:tr", true) if depth_tbl == 1 => table.push(std::mem::take(&mut row)),
            ("w:tc", false) if depth_tbl == 1 => cell.clear(),
            ("w:tc", true) if depth_tbl == 1 => row.push(cell.trim().to_string()),
            ("w:p", true) if depth_tbl > 0 => cell.push('\n'),
            ("w:p", true) if depth_tbl == 0 => {
                blocks.push(Block::Para(std::mem::take(&mut para)));
            }
            _ => {}
        }
    }
    blocks
}

fn read_docx(file: &str, bytes: Vec<u8>) -> Result<StandardTable, TableError> {
    let bad = |e: &dyn std::fmt::Display| {
        whole(
            file,
            format!(
                "无法读取 Word 文档（{e}）；请确认文件是 .docx 格式（旧版 .doc 请另存为 .docx）"
            ),
        )
    };
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| bad(&e))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|e| bad(&e))?
        .read_to_string(&mut xml)
        .map_err(|e| bad(&e))?;
    let blocks = docx_blocks(&xml);
    let mut facts = Vec::new();
    let mut para_no = 0;
    let mut found: Option<(usize, Vec<Vec<String>>)> = None;
    let mut table_no = 0;
    for b in blocks {
        match b {
            Block::Para(p) => {
                para_no += 1;
                if found.is_none() {
                    for line in p.lines() {
                        if let Some((k, v)) = key_value(line) {
                            facts.push(Fact {
                                key: k,
                                value: v,
                                row: para_no,
                            });
                        }
                    }
                }
            }
            Block::Table(rows) => {
                table_no += 1;
                if found.is_none() && rows.iter().any(|r| is_header(r)) {
                    let rows = rows
                        .into_iter()
                        .map(|r| r.into_iter().map(|c| c.trim().replace('\n', "")).collect())
                        .collect();
                    found = Some((table_no, rows));
                }
            }
        }
    }
    let Some((n, rows)) = found else {
        return Err(whole(
            file,
            format!(
                "文档中没有一个表格的表头含“编号”“评查内容”两列（可用列：{}）",
                HEADERS.join("、")
            ),
        ));
    };
    Ok(StandardTable {
        file: file.to_string(),
        sheet: format!("第 {n} 个表格"),
        facts_at: "表格之前的说明段落（第 N 段）".into(),
        facts,
        rows,
        first_row: 1,
    })
}

/// Writes an empty template: the item sheet with the headers (and one
/// example row of each kind), and the 说明 sheet with every fact.
pub fn write_template(path: &Path) -> Result<(), String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let ws = wb.add_worksheet();
    ws.set_name("评查标准").map_err(|e| e.to_string())?;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)
            .map_err(|e| e.to_string())?;
        let width = match *h {
            "评查内容" => 40.0,
            "扣分标准" | "依据" | "来源" => 24.0,
            _ => 10.0,
        };
        ws.set_column_width(c as u16, width)
            .map_err(|e| e.to_string())?;
    }
    let notes = wb.add_worksheet();
    notes.set_name("说明").map_err(|e| e.to_string())?;
    notes
        .write_string_with_format(0, 0, "项目", &bold)
        .map_err(|e| e.to_string())?;
    notes
        .write_string_with_format(0, 1, "内容", &bold)
        .map_err(|e| e.to_string())?;
    notes
        .write_string_with_format(0, 2, "填写说明", &bold)
        .map_err(|e| e.to_string())?;
    notes.set_column_width(0, 14.0).map_err(|e| e.to_string())?;
    notes.set_column_width(1, 30.0).map_err(|e| e.to_string())?;
    notes.set_column_width(2, 70.0).map_err(|e| e.to_string())?;
    for (i, (k, how)) in crate::checklist::table::FACTS.iter().enumerate() {
        let r = i as u32 + 1;
        notes.write_string(r, 0, *k).map_err(|e| e.to_string())?;
        notes.write_string(r, 2, *how).map_err(|e| e.to_string())?;
    }
    let guide = [
        "评查标准工作表：每行一个评查项目；列的顺序可以调整，列名不要改。",
        "类别：所属评查类别，同一类别连续的行可只在第一行填写（也可合并单元格）。",
        "类别分值：该类别最多扣的分，写在该类别第一行；不设上限的类别留空。各类别都有分值时，其和应等于满分。",
        "分值：该项最多扣的分；否决项可写“—”。",
        "扣分标准：照标准原文填写，如“每处扣0.5分”“扣2分”“扣1—3分”“扣全分”；能识别的写法按规则计分，其余由评查人员在分值内确定。",
        "否决：“不合格”（一票否决为不合格卷）、“不得评为优秀”，或留空。加分：加分项最多加的分，其他项目留空。",
    ];
    let base = crate::checklist::table::FACTS.len() as u32 + 2;
    for (i, g) in guide.iter().enumerate() {
        notes
            .write_string(base + i as u32, 2, *g)
            .map_err(|e| e.to_string())?;
    }
    let _ = column_letter;
    wb.save(path).map_err(|e| e.to_string())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docx_tables_and_paragraphs() {
        let xml = r#"<w:body><w:p><w:r><w:t>标准名称：某标准</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>编号</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t xml:space="preserve">评查内容 &amp; 要求</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body>"#;
        let blocks = docx_blocks(xml);
        assert!(matches!(&blocks[0], Block::Para(p) if p == "标准名称：某标准"));
        match &blocks[1] {
            Block::Table(rows) => assert_eq!(rows[0], vec!["编号", "评查内容 & 要求"]),
            Block::Para(_) => panic!("a table"),
        }
    }

    #[test]
    fn key_values() {
        assert_eq!(
            key_value("满分：100"),
            Some(("满分".to_string(), "100".to_string()))
        );
        assert_eq!(
            key_value("优秀: 90"),
            Some(("优秀".to_string(), "90".to_string()))
        );
        assert_eq!(key_value("没有冒号"), None);
    }
}
