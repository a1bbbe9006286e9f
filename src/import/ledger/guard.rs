//! An .xlsx workbook inspected before the spreadsheet reader allocates
//! anything for it: the zip's entries are decompressed into counters (never
//! trusting the sizes they declare), every worksheet's declared dimension
//! and the cells it really names are measured, and the shared strings are
//! counted. A workbook over any limit is refused with what to do.

use std::io::Read;

/// The most cells a ledger sheet may span (rows × columns of its range).
pub(crate) const MAX_CELLS: u64 = 1_000_000;
/// The most bytes one part of the workbook may decompress to.
pub(crate) const MAX_PART: u64 = 64 * 1024 * 1024;
/// The most bytes the whole workbook may decompress to.
pub(crate) const MAX_TOTAL: u64 = 128 * 1024 * 1024;
/// The most shared strings.
pub(crate) const MAX_SHARED_STRINGS: u64 = 1_000_000;
/// The most entries in the zip.
const MAX_ENTRIES: usize = 10_000;

const SPLIT: &str = "请删除空白行列或把台账拆分成多个较小的文件后重新导入";

/// Checks the workbook's bytes; `Err` is the refusal, in Chinese.
pub(crate) fn check(bytes: &[u8]) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        format!(
            "文件不是有效的 .xlsx 工作簿（zip 结构损坏：{e}）；请用 Excel 打开后重新另存为 .xlsx"
        )
    })?;
    if zip.len() > MAX_ENTRIES {
        return Err(format!(
            "工作簿包含 {} 个部件，超过上限 {MAX_ENTRIES}，不像是台账；{SPLIT}",
            zip.len()
        ));
    }
    let mut total = 0u64;
    let mut shared_strings = 0u64;
    let mut named: Option<(String, u64)> = None;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| {
            format!(
                "工作簿的第 {} 个部件无法读取（{e}）；请重新另存为 .xlsx",
                i + 1
            )
        })?;
        let name = entry.name().to_string();
        let sheet = name.starts_with("xl/worksheets/") && name.ends_with(".xml");
        let shared = name
            .replace('\\', "/")
            .eq_ignore_ascii_case("xl/sharedStrings.xml");
        let budget = MAX_PART.min(MAX_TOTAL - total);
        let mut limited = (&mut entry).take(budget + 1);
        let size = if sheet || shared {
            let mut xml = Vec::new();
            limited
                .read_to_end(&mut xml)
                .map_err(|e| unreadable(&name, &e))?;
            if xml.len() as u64 <= budget {
                if sheet {
                    if let Some(index) = check_sheet(&name, &xml)?
                        && named.as_ref().is_none_or(|(_, n)| index > *n)
                    {
                        named = Some((name.clone(), index));
                    }
                } else {
                    shared_strings = check_shared(&xml)?;
                }
            }
            xml.len() as u64
        } else {
            std::io::copy(&mut limited, &mut std::io::sink()).map_err(|e| unreadable(&name, &e))?
        };
        if size > budget {
            return Err(format!(
                "工作簿解压后过大（部件 {name} 超过 {} MB，或全部部件合计超过 {} MB），可能是压缩炸弹；{SPLIT}",
                MAX_PART >> 20,
                MAX_TOTAL >> 20
            ));
        }
        total += size;
    }
    if let Some((sheet, index)) = named
        && index >= shared_strings
    {
        return Err(format!(
            "工作表 {sheet} 的单元格引用第 {} 个共享字符串，但工作簿只有 {shared_strings} 个，文件已损坏；请用 Excel 打开后重新另存为 .xlsx",
            index + 1
        ));
    }
    Ok(())
}

fn unreadable(name: &str, e: &std::io::Error) -> String {
    format!("工作簿部件 {name} 解压失败（{e}），文件可能已损坏；请用 Excel 打开后重新另存为 .xlsx")
}

/// A cell reference such as `XFD30000` as (row, column), both from 1.
fn cell_ref(r: &str) -> Option<(u64, u64)> {
    let r = r.trim().trim_start_matches('$');
    let split = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = r.split_at(split);
    let letters = letters.trim_end_matches('$');
    if letters.is_empty() || letters.len() > 4 || !letters.bytes().all(|b| b.is_ascii_alphabetic())
    {
        return None;
    }
    let col = letters.bytes().fold(0u64, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: u64 = digits.parse().ok()?;
    Some((row, col))
}

/// The attributes of one tag's text (`r="A1" s="2"`), as (name, value).
fn attributes(tag: &[u8]) -> Vec<(&[u8], &[u8])> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tag.len() {
        while i < tag.len() && tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while i < tag.len() && tag[i] != b'=' && !tag[i].is_ascii_whitespace() {
            i += 1;
        }
        let name = &tag[start..i];
        while i < tag.len() && (tag[i] == b'=' || tag[i].is_ascii_whitespace()) {
            i += 1;
        }
        let Some(&q) = tag.get(i) else { break };
        if q != b'"' && q != b'\'' {
            i += 1;
            continue;
        }
        i += 1;
        let vstart = i;
        while i < tag.len() && tag[i] != q {
            i += 1;
        }
        out.push((name, &tag[vstart..i.min(tag.len())]));
        i += 1;
    }
    out
}

/// Every element start tag: (local name, attribute text, the offset just
/// past its `>`).
fn tags(xml: &[u8]) -> impl Iterator<Item = (&[u8], &[u8], usize)> {
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            let lt = i + xml.get(i..)?.iter().position(|&b| b == b'<')?;
            let start = lt + 1;
            let mut j = start;
            while j < xml.len() && !matches!(xml[j], b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/') {
                j += 1;
            }
            let end = j + xml[j..]
                .iter()
                .position(|&b| b == b'>')
                .unwrap_or(xml.len() - j);
            i = end;
            let name = &xml[start..j];
            if name.is_empty() || matches!(name[0], b'?' | b'!') {
                continue; // a closing tag, declaration or comment
            }
            let local = name
                .iter()
                .rposition(|&b| b == b':')
                .map_or(name, |p| &name[p + 1..]);
            return Some((local, &xml[j..end], (end + 1).min(xml.len())));
        }
    })
}

fn attr<'a>(tag: &'a [u8], want: &[u8]) -> Option<&'a str> {
    attributes(tag)
        .into_iter()
        .find(|(n, _)| *n == want)
        .and_then(|(_, v)| std::str::from_utf8(v).ok())
}

fn area(rows: (u64, u64), cols: (u64, u64)) -> u64 {
    (rows.1.saturating_sub(rows.0) + 1).saturating_mul(cols.1.saturating_sub(cols.0) + 1)
}

/// A worksheet's declared dimension and the range its cells really span;
/// `Ok` is the highest shared-string index a cell names, read as the
/// spreadsheet reader reads it (text that is not a number is index 0).
fn check_sheet(name: &str, xml: &[u8]) -> Result<Option<u64>, String> {
    let too_big = |what: &str, cells: u64| {
        format!(
            "工作表 {name} 的{what}约 {cells} 个单元格，超过上限 {MAX_CELLS}（多半是远处有一个孤立单元格或格式）；{SPLIT}"
        )
    };
    let mut rows = (u64::MAX, 0u64);
    let mut cols = (u64::MAX, 0u64);
    let mut cells = 0u64;
    let mut shared_cell = false;
    let mut highest: Option<u64> = None;
    for (tag, attrs, after) in tags(xml) {
        match tag {
            b"dimension" => {
                let Some(r) = attr(attrs, b"ref") else {
                    continue;
                };
                let mut ends = r.split(':').filter_map(cell_ref);
                if let Some(a) = ends.next() {
                    let b = ends.next().unwrap_or(a);
                    let declared = area((a.0.min(b.0), a.0.max(b.0)), (a.1.min(b.1), a.1.max(b.1)));
                    if declared > MAX_CELLS {
                        return Err(too_big("声明范围", declared));
                    }
                }
            }
            b"v" if shared_cell => {
                let text = &xml[after..];
                let text = &text[..text.iter().position(|&b| b == b'<').unwrap_or(text.len())];
                let index = std::str::from_utf8(text)
                    .ok()
                    .and_then(|t| t.parse::<u64>().ok())
                    .unwrap_or(0);
                highest = highest.max(Some(index));
                shared_cell = false;
            }
            b"c" => {
                shared_cell = attr(attrs, b"t") == Some("s");
                cells += 1;
                if let Some((r, c)) = attr(attrs, b"r").and_then(cell_ref) {
                    rows = (rows.0.min(r), rows.1.max(r));
                    cols = (cols.0.min(c), cols.1.max(c));
                }
            }
            b"row" => {
                if let Some(r) = attr(attrs, b"r").and_then(|r| r.parse::<u64>().ok()) {
                    rows = (rows.0.min(r), rows.1.max(r));
                }
            }
            _ => {}
        }
    }
    if cells > MAX_CELLS {
        return Err(too_big("数据", cells));
    }
    if cols.1 > 0 {
        let real = area(rows, cols);
        if real > MAX_CELLS {
            return Err(too_big("数据范围", real));
        }
    }
    Ok(highest)
}

fn check_shared(xml: &[u8]) -> Result<u64, String> {
    let n = tags(xml).filter(|(t, _, _)| *t == b"si").count() as u64;
    if n > MAX_SHARED_STRINGS {
        return Err(format!(
            "工作簿的共享字符串有 {n} 个，超过上限 {MAX_SHARED_STRINGS}；{SPLIT}"
        ));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_tags() {
        assert_eq!(cell_ref("A1"), Some((1, 1)));
        assert_eq!(cell_ref("XFD30000"), Some((30000, 16384)));
        assert_eq!(cell_ref("$B$7"), Some((7, 2)));
        assert_eq!(cell_ref("1A"), None);
        let xml = br#"<?xml version="1.0"?><x:worksheet><x:dimension ref="A1:XFD1048576"/><row r="1"><c r="A1" t="s"><v>0</v></c></row></x:worksheet>"#;
        let names: Vec<&[u8]> = tags(xml).map(|t| t.0).collect();
        let (_, _, after) = tags(xml).find(|t| t.0 == b"v").unwrap();
        assert_eq!(&xml[after..after + 1], b"0");
        assert_eq!(names, [&b"worksheet"[..], b"dimension", b"row", b"c", b"v"]);
        assert!(check_sheet("s", xml).unwrap_err().contains("声明范围"));
        let sparse = br#"<worksheet><sheetData><row r="1"><c r="A1"/></row><row r="30000"><c r='XFD30000'/></row></sheetData></worksheet>"#;
        assert!(check_sheet("s", sparse).unwrap_err().contains("数据范围"));
        let fine = br#"<worksheet><dimension ref="A1:M300"/><row r="1"><c r="A1"/><c r="M300"/></row></worksheet>"#;
        assert_eq!(check_sheet("s", fine), Ok(None));
        let named = br#"<worksheet><row r="1"><c r="A1" t="s"><v>4</v></c><c r="B1"><v>99</v></c><c r="C1" t="s"><v>x</v></c></row></worksheet>"#;
        assert_eq!(check_sheet("s", named), Ok(Some(4)));
    }
}
