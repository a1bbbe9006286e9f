//! The documents' neutral form: a list of blocks that the .docx and Markdown
//! writers lay out. Templates produce it as lines of `kind: text`:
//!
//! | line              | block                                             |
//! |-------------------|---------------------------------------------------|
//! | `head: …`         | 发文机关标志 (red, centred; the 版头)              |
//! | `title: …`        | 标题 (2号小标宋, centred)                          |
//! | `docno: …`        | 发文字号 (centred)                                 |
//! | `to: …`           | 主送机关 (flush left)                              |
//! | `h1: 一、…`       | level-1 heading (黑体)                             |
//! | `h2: （一）…`     | level-2 heading (楷体)                             |
//! | `p: …`            | body paragraph, first line indented two characters |
//! | `np: …`           | body line, flush left                              |
//! | `right: …`        | body line, right-aligned                           |
//! | `table: NAME`     | a table the program builds (see each document)     |
//! | `sign: …`         | 发文机关署名 (centred over the date)               |
//! | `date: …`         | 成文日期 (right, four characters in)               |
//! | `cc: …`/`printed: …` | 版记 lines                                      |
//! | `blank:`          | an empty line                                      |
//!
//! Any other non-empty line is a body paragraph; empty lines are ignored.

use std::collections::HashMap;

/// A table: relative column widths, a header row, body rows.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    /// Relative widths (any unit); scaled to the text block.
    pub widths: Vec<u32>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// Merge equal consecutive cells of the first column (score-sheet categories).
    pub merge_first: bool,
    /// Columns centred (numbers).
    pub centred: Vec<usize>,
    /// Smaller type (score sheets).
    pub small: bool,
    /// A key/value grid without a header row (the sheet's identity block).
    pub grid: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Letterhead(String),
    Title(String),
    DocNo(String),
    To(String),
    H1(String),
    H2(String),
    P(String),
    Flush(String),
    Right(String),
    Table(Table),
    Sign(String),
    Date(String),
    Cc(String),
    Printed(String),
    Blank,
}

impl Block {
    /// The text of a one-line block (not a table, not a blank line).
    pub fn text_mut(&mut self) -> Option<&mut String> {
        match self {
            Block::Letterhead(s)
            | Block::Title(s)
            | Block::DocNo(s)
            | Block::To(s)
            | Block::H1(s)
            | Block::H2(s)
            | Block::P(s)
            | Block::Flush(s)
            | Block::Right(s)
            | Block::Sign(s)
            | Block::Date(s)
            | Block::Cc(s)
            | Block::Printed(s) => Some(s),
            Block::Table(_) | Block::Blank => None,
        }
    }
}

/// Is the document an official letter (GB/T 9704) or an internal form?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Official,
    Form,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub kind: DocKind,
    pub blocks: Vec<Block>,
}

impl Doc {
    /// Parses a template's output; `table:` lines take the named tables.
    pub fn parse(
        kind: DocKind,
        text: &str,
        mut tables: HashMap<&str, Table>,
    ) -> Result<Doc, String> {
        let mut blocks = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let (tag, rest) = match line.split_once(':') {
                Some((t, r))
                    if t.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
                        && !t.is_empty() =>
                {
                    (t, r.trim())
                }
                _ => ("p", line),
            };
            let rest = rest.to_string();
            blocks.push(match tag {
                "head" => Block::Letterhead(rest),
                "title" => Block::Title(rest),
                "docno" => Block::DocNo(rest),
                "to" => Block::To(rest),
                "h1" => Block::H1(rest),
                "h2" => Block::H2(rest),
                "p" => Block::P(rest),
                "np" => Block::Flush(rest),
                "right" => Block::Right(rest),
                "sign" => Block::Sign(rest),
                "date" => Block::Date(rest),
                "cc" => Block::Cc(rest),
                "printed" => Block::Printed(rest),
                "blank" => Block::Blank,
                "table" => Block::Table(
                    tables
                        .remove(rest.as_str())
                        .ok_or_else(|| format!("模板引用了未知的表格“{rest}”"))?,
                ),
                _ => Block::P(line.to_string()),
            });
        }
        Ok(Doc { kind, blocks })
    }

    /// The text of every block, one per line (tests, search).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            match b {
                Block::Table(t) => {
                    for r in std::iter::once(&t.header).chain(&t.rows) {
                        out.push_str(&r.join(" | "));
                        out.push('\n');
                    }
                }
                Block::Blank => out.push('\n'),
                Block::Printed(s) => {
                    out.push_str(&s.replace('|', " "));
                    out.push('\n');
                }
                other => {
                    if let Some(s) = other.clone().text_mut() {
                        out.push_str(s);
                        out.push('\n');
                    }
                }
            }
        }
        out
    }
}
