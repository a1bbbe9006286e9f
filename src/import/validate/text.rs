//! The rules every text and date of a record follows, whatever it came
//! from (JSON, a ledger, a form): no control characters, no text damaged
//! by a wrong decoding, dates within 1900–2100, a bounded 案号; and
//! duplicate keys in a JSON object.

use super::{Problem, problem};
use crate::model::CaseFile;
use chrono::{Datelike, NaiveDate};
use serde_json::Value;

/// The longest 案号, in characters.
pub const MAX_CASE_NO_CHARS: usize = 100;
/// The years a date may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// A date outside [`YEARS`].
pub(crate) fn year_problem(d: NaiveDate) -> Option<String> {
    (!YEARS.contains(&d.year())).then(|| {
        format!(
            "“{d}” 的年份 {} 不在 {}—{} 之间；请写实际日期（YYYY-MM-DD）",
            d.year(),
            YEARS.start(),
            YEARS.end()
        )
    })
}

/// The first control character of `s` (C0, DEL, C1; tab and line breaks
/// allowed when `multiline`), with its position.
fn control(s: &str, multiline: bool) -> Option<(usize, char)> {
    s.chars()
        .enumerate()
        .find(|(_, c)| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
}

/// Text that is UTF-8 read as Latin-1 / Windows-1252 (案号 → æ¡ˆå·): every
/// character maps back to one byte and those bytes are UTF-8 with at least
/// one non-ASCII character.
pub(crate) fn is_mojibake(s: &str) -> bool {
    if s.is_ascii() || !s.chars().any(|c| ('\u{80}'..='\u{FF}').contains(&c)) {
        return false;
    }
    let mut bytes = Vec::with_capacity(s.len());
    for c in s.chars() {
        let b = match c {
            '\0'..='\u{FF}' => c as u32 as u8,
            _ => match cp1252_byte(c) {
                Some(b) => b,
                None => return false,
            },
        };
        bytes.push(b);
    }
    std::str::from_utf8(&bytes).is_ok_and(|t| !t.is_ascii())
}

/// The Windows-1252 byte of a character it puts in 0x80–0x9F.
fn cp1252_byte(c: char) -> Option<u8> {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    HIGH.iter().position(|&h| h == c).map(|i| 0x80 + i as u8)
}

/// The problem of one text value at `field`, if any.
pub(crate) fn text_problem(s: &str, multiline: bool) -> Option<String> {
    if is_mojibake(s) {
        return Some(
            "这段文字是乱码（UTF-8 文本被当成西文 Latin-1/Windows-1252 读取）；请用 UTF-8 重新导出后导入"
                .to_string(),
        );
    }
    if let Some((i, c)) = control(s, multiline) {
        return Some(format!(
            "第 {} 个字符是控制字符 U+{:04X}（{}），文本中不允许出现；请删除它（多见于从其他系统复制粘贴）",
            i + 1,
            c as u32,
            match c {
                '\0' => "空字符 NUL".to_string(),
                '\u{1B}' => "ESC，终端转义序列的开头".to_string(),
                '\n' | '\r' => "换行".to_string(),
                '\t' => "制表符".to_string(),
                _ => "不可见".to_string(),
            }
        ));
    }
    if let Some(i) = s.chars().position(|c| c == '\u{FFFD}') {
        return Some(format!(
            "第 {} 个字符是替换字符“\u{FFFD}”（U+FFFD），说明文本在此前的编码转换中已损坏；请从原系统重新导出 UTF-8 文件",
            i + 1
        ));
    }
    None
}

/// Fields whose text may hold line breaks and tabs: notes, and the fields
/// the format does not know (kept verbatim).
pub(super) const SINGLE_LINE: &[&str] = &[
    "case_no",
    "department",
    "kind",
    "procedure",
    "title",
    "name",
    "type",
    "id_no",
    "cert_no",
    "stage",
    "doc",
    "measures",
    "legal_basis",
    "discretion",
    "doc_no",
    "pages",
    "medium",
    "file",
    "reviewer",
    "opinion",
    "channel",
    "url",
];

fn walk_text(v: &Value, path: &str, key: &str, out: &mut Vec<Problem>) {
    match v {
        Value::String(s) => {
            let multiline = !SINGLE_LINE.contains(&key);
            if let Some(m) = text_problem(s, multiline) {
                out.push(problem(path, m));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_text(item, &format!("{path}[{i}]"), key, out);
            }
        }
        Value::Object(o) => {
            for (k, item) in o {
                if let Some(m) = text_problem(k, false) {
                    out.push(problem(path, format!("字段名{m}")));
                }
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk_text(item, &p, k, out);
            }
        }
        _ => {}
    }
}

/// Every text rule and date range of a typed record.
pub(crate) fn check_text(c: &CaseFile, errors: &mut Vec<Problem>) {
    let n = c.case_no.chars().count();
    let normal = crate::model::normalise_name(&c.case_no);
    if !normal.is_empty() && normal != c.case_no {
        // Otherwise two files whose 案号 look the same would both be stored.
        errors.push(problem(
            "case_no",
            format!(
                "案号含首尾空白、零宽字符或未合成的组合字符，看起来与“{}”相同却是另一个案号；请按正式案号改正后重新导入",
                normal.chars().take(MAX_CASE_NO_CHARS).collect::<String>()
            ),
        ));
    }
    let dept = crate::model::normalise_name(&c.department);
    if !dept.is_empty() && dept != c.department {
        // Otherwise one department would count as two in the bulletin.
        errors.push(problem(
            "department",
            format!(
                "执法部门名称含首尾空白、零宽字符或未合成的组合字符，看起来与“{}”相同却是另一个名称；请改正后重新导入",
                dept.chars().take(MAX_CASE_NO_CHARS).collect::<String>()
            ),
        ));
    }
    if n > MAX_CASE_NO_CHARS {
        errors.push(problem(
            "case_no",
            format!("案号长 {n} 个字符，超过上限 {MAX_CASE_NO_CHARS}；请填写正式案号"),
        ));
    }
    // The quick scan clears almost every record; one it cannot clear is
    // walked as a JSON value, which words each problem with its path.
    if !super::scan::all_clean(c)
        && let Ok(v) = serde_json::to_value(c)
    {
        walk_text(&v, "", "", errors);
    }
    // Field paths are made only for a date that breaks the rule.
    let mut date = |field: &dyn Fn() -> String, d: Option<NaiveDate>| {
        if let Some(m) = d.and_then(year_problem) {
            errors.push(problem(&field(), m));
        }
    };
    for (i, o) in c.officers.iter().enumerate() {
        date(
            &|| format!("officers[{i}].cert_valid_until"),
            o.cert_valid_until,
        );
    }
    for (i, e) in c.events.iter().enumerate() {
        date(&|| format!("events[{i}].date"), Some(e.date));
    }
    if let Some(d) = &c.decision {
        date(&|| "decision.date".into(), d.date);
    }
    for (i, d) in c.documents.iter().enumerate() {
        date(&|| format!("documents[{i}].date"), d.date);
    }
    if let Some(r) = &c.legal_review {
        date(&|| "legal_review.received".into(), r.received);
        date(&|| "legal_review.date".into(), r.date);
    }
    if let Some(d) = &c.disclosure {
        date(&|| "disclosure.date".into(), d.date);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_rules() {
        assert!(text_problem("潜市监罚〔2024〕15号", false).is_none());
        assert!(text_problem("a\u{0}b", false).unwrap().contains("U+0000"));
        assert!(
            text_problem("\u{1B}]0;x\u{7}", false)
                .unwrap()
                .contains("ESC")
        );
        assert!(text_problem("a\u{9B}b", false).unwrap().contains("U+009B"));
        assert!(text_problem("第一行\n第二行", true).is_none());
        assert!(text_problem("第一行\n第二行", false).is_some());
        let latin1: String = "案号".bytes().map(|b| b as char).collect();
        assert!(is_mojibake(&latin1));
        assert!(text_problem(&latin1, true).unwrap().contains("乱码"));
        assert!(!is_mojibake("Café Müller"));
        assert!(!is_mojibake("北京"));
    }
}
