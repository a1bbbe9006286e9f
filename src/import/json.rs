//! `.json` (one object or an array) and `.jsonl` (one object a line).
//!
//! The fast path deserialises straight into [`CaseFile`]; only a record that
//! fails is parsed again as an untyped value and walked field by field, so
//! that the message names the field, the value and what was expected.

use super::validate::{describe, duplicate_key, walk};
use super::{Collector, Locator};
use crate::model::CaseFile;
use serde_json::Value;
use std::path::Path;

/// serde_json's message without its " at line L column C" tail, in Chinese
/// where we know the wording.
fn syntax_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let msg = full
        .rfind(" at line ")
        .map_or(full.as_str(), |at| &full[..at]);
    let zh = if msg.starts_with("EOF while parsing") {
        "内容意外结束（括号或引号没有闭合？）"
    } else if msg.starts_with("expected `,` or `}`") {
        "此处应为逗号“,”或右花括号“}”"
    } else if msg.starts_with("expected `,` or `]`") {
        "此处应为逗号“,”或右方括号“]”"
    } else if msg.starts_with("expected `:`") {
        "此处应为冒号“:”"
    } else if msg.starts_with("expected value") {
        "此处应为一个值（字符串要加双引号）"
    } else if msg.starts_with("key must be a string") {
        "键必须是带双引号的字符串"
    } else if msg.starts_with("trailing comma") {
        "多余的逗号"
    } else if msg.starts_with("trailing characters") {
        "值的后面还有多余内容（.json 文件只能是一个案卷对象或一个数组；一行一个案卷请用 .jsonl；.jsonl 的一行只能有一个案卷）"
    } else if msg.starts_with("control character") {
        "字符串中有未转义的控制字符（如换行）"
    } else if msg.starts_with("invalid escape") {
        "无效的转义序列"
    } else if msg.starts_with("invalid number") || msg.starts_with("number out of range") {
        "无效的数字"
    } else if msg.starts_with("expected ident") {
        "无法识别的字面量（应为 true、false 或 null？）"
    } else {
        msg
    };
    zh.to_string()
}

/// A syntax error as an issue with its line and column; `line` is the
/// file's line when the text parsed was one `.jsonl` line.
fn syntax(col: &mut Collector, file: &Path, e: &serde_json::Error, line: Option<usize>) {
    let line = line.unwrap_or(e.line().max(1));
    col.error(
        file,
        Locator::Line(line),
        None,
        None,
        format!(
            "JSON 语法错误（第 {line} 行第 {} 列）：{}",
            e.column(),
            syntax_message(e)
        ),
    );
}

/// The slow path for one record whose typed parse failed on its data.
pub(crate) fn fallback(col: &mut Collector, file: &Path, locator: Locator, mut record: Value) {
    let case_no = record
        .get("case_no")
        .and_then(Value::as_str)
        .map(str::to_string);
    let problems = walk(&mut record);
    if !problems.is_empty() {
        for p in problems {
            let field = (!p.field.is_empty()).then_some(p.field);
            col.error(file, locator, case_no.as_deref(), field, p.message);
        }
        return;
    }
    match serde_json::from_value::<CaseFile>(record) {
        Ok(c) => col.accept(file, locator, c),
        Err(e) => col.error(
            file,
            locator,
            case_no.as_deref(),
            None,
            format!("记录不符合案卷交换格式：{}", syntax_message(&e)),
        ),
    }
}

/// A `.json` file: one object or an array of objects.
pub(crate) fn load_json(col: &mut Collector, file: &Path, text: &str) {
    let start = text.trim_start();
    match start.as_bytes().first() {
        None => col.error(
            file,
            Locator::Whole,
            None,
            None,
            "文件为空，没有案卷".into(),
        ),
        Some(b'{' | b'[') if duplicates(col, file, text, Locator::Whole) => {}
        Some(b'{') => match serde_json::from_str::<CaseFile>(text) {
            Ok(c) => col.accept(file, Locator::Whole, c),
            Err(e) if e.is_data() => match serde_json::from_str::<Value>(text) {
                Ok(v) => fallback(col, file, Locator::Whole, v),
                Err(e) => syntax(col, file, &e, None),
            },
            Err(e) => syntax(col, file, &e, None),
        },
        Some(b'[') => match serde_json::from_str::<Vec<CaseFile>>(text) {
            Ok(v) if v.is_empty() => col.error(
                file,
                Locator::Whole,
                None,
                None,
                "数组为空，没有案卷".into(),
            ),
            Ok(v) => {
                for (i, c) in v.into_iter().enumerate() {
                    col.accept(file, Locator::Record(i + 1), c);
                }
            }
            Err(e) if e.is_data() => match serde_json::from_str::<Vec<Value>>(text) {
                Ok(v) => {
                    for (i, r) in v.into_iter().enumerate() {
                        fallback(col, file, Locator::Record(i + 1), r);
                    }
                }
                Err(e) => syntax(col, file, &e, None),
            },
            Err(e) => syntax(col, file, &e, None),
        },
        Some(_) => match serde_json::from_str::<Value>(text) {
            Err(e) => syntax(col, file, &e, None),
            Ok(v) => col.error(
                file,
                Locator::Whole,
                None,
                None,
                format!(
                    "文件内容是{}，应为一个案卷对象 {{…}} 或案卷数组 [{{…}}, …]",
                    describe(&v)
                ),
            ),
        },
    }
}

/// A `.jsonl` file: one object a line, blank lines allowed.
pub(crate) fn load_jsonl(col: &mut Collector, file: &Path, text: &str) {
    let mut records = 0usize;
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        records += 1;
        let n = i + 1;
        if records == 1 && matches!(line.trim(), "{" | "[") {
            col.error(
                file,
                Locator::Line(n),
                None,
                None,
                format!(
                    "JSON 语法错误（第 {n} 行）：这一行只有“{}”，看起来是多行排版的 JSON；.jsonl 文件每行必须是一个完整的案卷，多行排版的文件请改用 .json 扩展名",
                    line.trim()
                ),
            );
            return;
        }
        jsonl_record(col, file, n, line);
    }
    if records == 0 {
        col.error(
            file,
            Locator::Whole,
            None,
            None,
            "文件为空，没有案卷".into(),
        );
    }
}

/// A key given twice in one object of `text` is a problem: serde would
/// silently keep the last. `locate` turns the path's leading array index
/// (a `.json` array's record) into a locator.
fn duplicates(col: &mut Collector, file: &Path, text: &str, locator: Locator) -> bool {
    let Some(d) = duplicate_key(text) else {
        return false;
    };
    let mut field = d.field();
    let mut locator = locator;
    if let Some(rest) = field.strip_prefix('[')
        && let Some((i, tail)) = rest.split_once(']')
        && let Ok(i) = i.parse::<usize>()
    {
        locator = Locator::Record(i + 1);
        field = tail.trim_start_matches('.').to_string();
    }
    col.error(file, locator, None, Some(field), d.message());
    true
}

/// One non-blank `.jsonl` line `n`: a record, or its problems.
pub(crate) fn jsonl_record(col: &mut Collector, file: &Path, n: usize, line: &str) {
    if col.streaming.is_some()
        && let Ok(c) = serde_json::from_str::<CaseFile>(line)
    {
        // A line that is exactly the canonical JSON of the record it parses
        // to has no key twice: a record's fields are unique (serde refuses
        // a field given twice) and unknown keys land in maps, which keep
        // one of each, so a repeated key would be missing from the
        // canonical text. Only other lines are scanned for duplicates.
        col.canon.clear();
        col.canon_ready = serde_json::to_writer(&mut col.canon, &c).is_ok();
        if !(col.canon_ready && col.canon == line.as_bytes())
            && duplicates(col, file, line, Locator::Line(n))
        {
            return;
        }
        col.accept(file, Locator::Line(n), c);
        return;
    }
    if duplicates(col, file, line, Locator::Line(n)) {
        return;
    }
    match serde_json::from_str::<CaseFile>(line) {
        Ok(c) => col.accept(file, Locator::Line(n), c),
        Err(e) if e.is_data() => match serde_json::from_str::<Value>(line) {
            Ok(v) => fallback(col, file, Locator::Line(n), v),
            Err(e) => syntax(col, file, &e, Some(n)),
        },
        Err(e) => syntax(col, file, &e, Some(n)),
    }
}
