//! Templates → the typed tree. A template is minijinja text whose lines
//! start with a marker naming the block:
//!
//! | line                 | block                                           |
//! |----------------------|-------------------------------------------------|
//! | `head: …`            | 发文机关标志                                     |
//! | `docno: …`           | 发文字号                                         |
//! | `title: …`           | 标题                                             |
//! | `to: …`              | 主送机关                                         |
//! | `h1: 一、…`          | level-1 heading (黑体)                           |
//! | `h2: （一）…`        | level-2 heading (楷体); `h2: （一）标题。|正文` runs in |
//! | `p: …`               | body paragraph                                  |
//! | `np: …` / `right: …` | flush-left / right-aligned line                 |
//! | `table: NAME`        | a table the program builds                      |
//! | `note: …`            | 附件说明                                         |
//! | `attachment: NAME`   | an attachment the program builds                |
//! | `figure: NAME`       | a chart the program builds                      |
//! | `sign: …` / `date: …`| 署名 / 成文日期                                  |
//! | `cc: …`, `printed: 机关|日期` | 版记                                    |
//! | `blank:`             | an empty line                                   |
//!
//! Before rendering, every non-empty string of the context is replaced by an
//! opaque token; the rendered text is split into lines and markers, and only
//! then is each token replaced by its value as an [`Inline::Text`]. A value
//! therefore never starts a line, never supplies a marker and never splits
//! `printed:` at a `|`.

use super::{Block, Colophon, Inline, Line, Table};
use std::collections::HashMap;

const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Template errors, worded for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("模板引用了未知的表格“{0}”；可用的表格见该模板开头的注释")]
    UnknownTable(String),
    #[error("模板引用了未知的附件“{0}”；可用的附件见该模板开头的注释")]
    UnknownAttachment(String),
    #[error("模板的“{0}”行不能为空")]
    Empty(String),
}

/// The values of one rendering: strings swapped for tokens.
#[derive(Debug, Default)]
pub struct Values {
    values: Vec<String>,
}

impl Values {
    /// Replaces every non-empty string in `v` (recursively) by a token.
    /// Empty strings stay empty, so `{% if x %}` still works.
    pub fn tokenize(&mut self, v: serde_json::Value) -> serde_json::Value {
        use serde_json::Value as J;
        match v {
            J::String(s) if !s.is_empty() => {
                let clean: String = s.chars().filter(|c| *c != OPEN && *c != CLOSE).collect();
                let token = format!("{OPEN}{}{CLOSE}", self.values.len());
                self.values.push(clean);
                J::String(token)
            }
            J::Array(a) => J::Array(a.into_iter().map(|x| self.tokenize(x)).collect()),
            J::Object(o) => J::Object(o.into_iter().map(|(k, x)| (k, self.tokenize(x))).collect()),
            other => other,
        }
    }

    /// The text of a rendered fragment, tokens resolved; values are cleaned
    /// for running text (line breaks become spaces).
    pub fn resolve(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        let mut rest = s;
        while let Some(i) = rest.find(OPEN) {
            out.push_str(&rest[..i]);
            let after = &rest[i + OPEN.len_utf8()..];
            match after.find(CLOSE) {
                Some(j) => {
                    if let Some(v) = after[..j]
                        .parse::<usize>()
                        .ok()
                        .and_then(|k| self.values.get(k))
                    {
                        out.push_str(&flatten(v));
                    }
                    rest = &after[j + CLOSE.len_utf8()..];
                }
                None => {
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        tidy(&out)
    }
}

/// A value for running text: control characters and line breaks become spaces.
pub fn flatten(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF
        | 0x2018..=0x201F | 0x2014 | 0x2026 | 0x00B7)
}

/// A date left blank to be filled in by hand: "　　年　月　日" (full-width
/// spaces, kept by [`tidy`]).
pub const BLANK_DATE: &str =
    "\u{3000}\u{3000}\u{3000}\u{3000}年\u{3000}\u{3000}月\u{3000}\u{3000}日";

/// Clean official prose: whitespace runs collapse to one space, and no space
/// stands between two Chinese characters or between Chinese and a number
/// (`执法人员 罗涛 未载明` → `执法人员罗涛未载明`, `200000 元` → `200000元`).
/// Doubled brackets (`（（`, `））`) become single.
pub fn tidy(s: &str) -> String {
    // A clerk's blank date is spaced on purpose.
    if s == BLANK_DATE {
        return s.to_string();
    }
    let chars: Vec<char> = s.trim().chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() || c == '\u{3000}' {
            let mut j = i;
            while j < chars.len() && (chars[j].is_whitespace() || chars[j] == '\u{3000}') {
                j += 1;
            }
            let prev = out.chars().last();
            let next = chars.get(j).copied();
            let joins = |a: char, b: char| {
                (is_cjk(a) && (is_cjk(b) || b.is_ascii_digit()))
                    || (is_cjk(b) && (a.is_ascii_digit() || is_cjk(a)))
            };
            if let (Some(a), Some(b)) = (prev, next)
                && !joins(a, b)
            {
                out.push(' ');
            }
            i = j;
            continue;
        }
        if (c == '（' || c == '）' || c == '〔' || c == '〕') && out.ends_with(c) {
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Splits rendered text at literal `|` (never one inside a value).
fn split_bar(s: &str) -> (&str, &str) {
    s.split_once('|').unwrap_or((s, ""))
}

/// Parses a template's rendered output into blocks.
pub fn parse(
    text: &str,
    values: &Values,
    mut tables: HashMap<&str, Table>,
    mut attachments: HashMap<&str, Block>,
) -> Result<Vec<Block>, TemplateError> {
    let l = |s: &str| -> Line {
        let t = values.resolve(s);
        if t.is_empty() {
            Vec::new()
        } else {
            vec![Inline::Text(t)]
        }
    };
    let mut blocks = Vec::new();
    let mut cc: Option<Line> = None;
    for raw in text.lines() {
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let (tag, rest) = match raw.split_once(':') {
            Some((t, r))
                if !t.is_empty()
                    && t.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) =>
            {
                (t, r.trim())
            }
            _ => ("p", raw),
        };
        let block = match tag {
            "head" => Block::Head(l(rest)),
            "title" => Block::Title(l(rest)),
            "docno" => Block::DocNo(l(rest)),
            "to" => Block::To(l(rest)),
            "h1" => Block::Heading {
                level: 1,
                text: l(rest),
                run_in: Vec::new(),
            },
            "h2" => {
                let (head, body) = split_bar(rest);
                Block::Heading {
                    level: 2,
                    text: l(head),
                    run_in: l(body),
                }
            }
            "np" => Block::Flush(l(rest)),
            "right" => Block::Right(l(rest)),
            "sign" => Block::Sign(l(rest)),
            "date" => Block::Date(l(rest)),
            "note" => Block::AttachmentNote(l(rest)),
            "blank" => Block::Blank,
            "cc" => {
                cc = Some(l(rest));
                continue;
            }
            "printed" => {
                let (by, on) = split_bar(rest);
                Block::Colophon(Colophon {
                    cc: cc.take(),
                    printed_by: l(by),
                    printed_on: l(on),
                    digest: None,
                })
            }
            "table" => {
                let name = values.resolve(rest);
                Block::Table(
                    tables
                        .remove(name.as_str())
                        .ok_or(TemplateError::UnknownTable(name))?,
                )
            }
            "attachment" | "figure" => {
                let name = values.resolve(rest);
                attachments
                    .remove(name.as_str())
                    .ok_or(TemplateError::UnknownAttachment(name))?
            }
            "p" => Block::Para(l(rest)),
            // An unknown marker is the template's own text.
            _ => Block::Para(l(raw)),
        };
        blocks.push(block);
    }
    if let Some(cc) = cc {
        blocks.push(Block::Colophon(Colophon {
            cc: Some(cc),
            printed_by: Vec::new(),
            printed_on: Vec::new(),
            digest: None,
        }));
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::doc::{line, plain};

    fn render(src: &str, ctx: serde_json::Value) -> Vec<Block> {
        let mut values = Values::default();
        let ctx = values.tokenize(ctx);
        let mut env = minijinja::Environment::new();
        env.set_auto_escape_callback(|_| minijinja::AutoEscape::None);
        let text = env
            .render_str(src, minijinja::Value::from_serialize(&ctx))
            .unwrap();
        parse(&text, &values, HashMap::new(), HashMap::new()).unwrap()
    }

    #[test]
    fn markers_make_blocks() {
        let b = render(
            "title: 标题\nto: {{ d }}：\nh1: 一、基本情况\nh2: （一）抓好整改。|各单位要整改。\n其他行\nprinted: 办公室|{{ date }}印发",
            serde_json::json!({"d": "清江市应急管理局", "date": "2024年7月18日"}),
        );
        assert_eq!(b[0], Block::Title(line("标题")));
        assert_eq!(b[1], Block::To(line("清江市应急管理局：")));
        assert!(matches!(&b[2], Block::Heading { level: 1, .. }));
        assert_eq!(
            b[3],
            Block::Heading {
                level: 2,
                text: line("（一）抓好整改。"),
                run_in: line("各单位要整改。")
            }
        );
        assert_eq!(b[4], Block::Para(line("其他行")));
        match &b[5] {
            Block::Colophon(c) => {
                assert_eq!(plain(&c.printed_by), "办公室");
                assert_eq!(plain(&c.printed_on), "2024年7月18日印发");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_value_never_becomes_markup() {
        for evil in [
            "x\nhead: 中华人民共和国国务院办公厅",
            "head: 伪造",
            "title: 伪造标题",
            "sign: 伪造署名",
            "table: files",
            "attachment: problems",
            "a|b\nprinted: 伪造|x",
            "\u{E000}0\u{E001}",
        ] {
            let b = render(
                "p: 问题：{{ v }}\n{{ v }}\nprinted: {{ v }}|日期",
                serde_json::json!({ "v": evil }),
            );
            assert_eq!(b.len(), 3, "{evil:?}: {b:?}");
            assert!(matches!(&b[0], Block::Para(_)), "{evil:?}");
            assert!(matches!(&b[1], Block::Para(_)), "{evil:?}");
            let Block::Colophon(c) = &b[2] else {
                panic!("{b:?}")
            };
            assert_eq!(plain(&c.printed_on), "日期", "{evil:?}");
            assert!(!plain(&c.printed_by).contains('\n'));
        }
    }

    #[test]
    fn unknown_table_is_a_typed_error() {
        let values = Values::default();
        assert_eq!(
            parse("table: nope", &values, HashMap::new(), HashMap::new()),
            Err(TemplateError::UnknownTable("nope".into()))
        );
    }

    #[test]
    fn prose_is_tidied() {
        assert_eq!(tidy("执法人员 罗涛 未载明"), "执法人员罗涛未载明");
        assert_eq!(tidy("罚款 200000 元"), "罚款200000元");
        assert_eq!(tidy("依据《条例》（（第3条））"), "依据《条例》（第3条）");
        assert_eq!(tidy("Times New Roman 字体"), "Times New Roman 字体");
        assert_eq!(tidy("a  b"), "a b");
    }
}
