//! The documents' typed tree: a list of blocks that the .docx, Markdown and
//! .xlsx writers lay out. Every value from the database or the settings is
//! an [`Inline::Text`], which no writer parses: a newline, a `head:` or a
//! `|` inside a value is text and can never change the layout.
//!
//! Templates produce the tree through [`template`]: each output line starts
//! with a marker (`title:`, `p:` …) that the template wrote, while every
//! value the template prints arrives as an opaque token that is resolved
//! into an `Inline::Text` only after the line's marker has been read.

pub mod jinja_error;
pub mod template;

use serde::Serialize;

/// A piece of running text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Inline {
    /// Literal text; writers escape it and never read markup in it.
    Text(String),
}

/// The inline content of a one-line block.
pub type Line = Vec<Inline>;

/// A line of one text.
pub fn line(s: impl Into<String>) -> Line {
    vec![Inline::Text(s.into())]
}

/// The plain text of a line.
pub fn plain(l: &Line) -> String {
    l.iter()
        .map(|i| match i {
            Inline::Text(s) => s.as_str(),
        })
        .collect()
}

/// One table cell: its paragraphs, each a literal string.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Cell(pub Vec<String>);

impl Cell {
    pub fn text(&self) -> String {
        self.0.join("\n")
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell(vec![s])
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell(vec![s.to_string()])
    }
}

/// A table: relative column widths, a header row, body rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Table {
    /// Relative widths (any unit); scaled to the text block.
    pub widths: Vec<u32>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Merge equal consecutive cells of the first column (score-sheet categories).
    pub merge_first: bool,
    /// Columns centred (numbers).
    pub centred: Vec<usize>,
    /// Smaller type (score sheets).
    pub small: bool,
    /// A key/value grid without a header row (the sheet's identity block).
    pub grid: bool,
}

/// The 版记: 抄送, 印发机关 and 印发日期, and the audit digest line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Colophon {
    pub cc: Option<Line>,
    pub printed_by: Line,
    pub printed_on: Line,
    /// 审计摘要：the first hex digits of the audit chain's head.
    pub digest: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Block {
    /// 发文机关标志 (red, centred; the 版头).
    Head(Line),
    /// 发文字号.
    DocNo(Line),
    /// 标题.
    Title(Line),
    /// 主送机关.
    To(Line),
    /// A heading: level 1 `一、` (黑体, own line), level 2 `（一）` (楷体);
    /// `run_in` text continues the paragraph in the body face.
    Heading {
        level: u8,
        text: Line,
        run_in: Line,
    },
    /// Body paragraph, first line indented two characters.
    Para(Line),
    /// Body line, flush left.
    Flush(Line),
    /// Body line, right-aligned.
    Right(Line),
    Table(Table),
    /// 附件说明: `附件：…` below the body, before the signature.
    AttachmentNote(Line),
    /// 发文机关署名.
    Sign(Line),
    /// 成文日期.
    Date(Line),
    /// An attachment on its own page: `附件` top left, its title, its blocks.
    Attachment {
        label: String,
        title: Line,
        blocks: Vec<Block>,
    },
    Colophon(Colophon),
    /// A bar chart (the .docx draws it as a picture, the .xlsx natively).
    Chart(Chart),
    Blank,
}

/// A bar chart: one bar per label, values in percent.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Chart {
    pub title: String,
    pub bars: Vec<(String, f64)>,
}

impl Block {
    /// Calls `f` on every string of the block (tables and attachments included).
    pub fn for_each_text_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        let on_line = |l: &mut Line, f: &mut dyn FnMut(&mut String)| {
            for i in l.iter_mut() {
                match i {
                    Inline::Text(s) => f(s),
                }
            }
        };
        match self {
            Block::Head(l)
            | Block::DocNo(l)
            | Block::Title(l)
            | Block::To(l)
            | Block::Para(l)
            | Block::Flush(l)
            | Block::Right(l)
            | Block::AttachmentNote(l)
            | Block::Sign(l)
            | Block::Date(l) => on_line(l, f),
            Block::Heading { text, run_in, .. } => {
                on_line(text, f);
                on_line(run_in, f);
            }
            Block::Table(t) => {
                t.header.iter_mut().for_each(&mut *f);
                for c in t.rows.iter_mut().flatten() {
                    c.0.iter_mut().for_each(&mut *f);
                }
            }
            Block::Attachment { title, blocks, .. } => {
                on_line(title, f);
                for b in blocks {
                    b.for_each_text_mut(f);
                }
            }
            Block::Colophon(c) => {
                if let Some(cc) = &mut c.cc {
                    on_line(cc, f);
                }
                on_line(&mut c.printed_by, f);
                on_line(&mut c.printed_on, f);
            }
            Block::Chart(c) => {
                f(&mut c.title);
                for (l, _) in &mut c.bars {
                    f(l);
                }
            }
            Block::Blank => {}
        }
    }
}

/// Is the document an official letter (GB/T 9704) or an internal form?
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum DocKind {
    Official,
    Form,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Doc {
    pub kind: DocKind,
    pub blocks: Vec<Block>,
    /// 征求意见稿: every page's header says so.
    pub draft: bool,
    /// Document properties: the issuing body (creator) and the date.
    pub creator: String,
    pub created: Option<chrono::NaiveDate>,
}

impl Doc {
    pub fn new(kind: DocKind, blocks: Vec<Block>) -> Doc {
        Doc {
            kind,
            blocks,
            draft: false,
            creator: String::new(),
            created: None,
        }
    }

    /// Calls `f` on every string of the document.
    pub fn for_each_text_mut(&mut self, f: &mut dyn FnMut(&mut String)) {
        for b in &mut self.blocks {
            b.for_each_text_mut(f);
        }
    }

    /// The text of every block, one per line (tests, search).
    pub fn text(&self) -> String {
        let mut out = String::new();
        text_into(&mut out, &self.blocks);
        out
    }
}

fn text_into(out: &mut String, blocks: &[Block]) {
    for b in blocks {
        match b {
            Block::Table(t) => {
                out.push_str(&t.header.join(" | "));
                out.push('\n');
                for r in &t.rows {
                    let cells: Vec<String> = r.iter().map(Cell::text).collect();
                    out.push_str(&cells.join(" | "));
                    out.push('\n');
                }
            }
            Block::Blank => out.push('\n'),
            Block::Chart(c) => {
                out.push_str(&c.title);
                out.push('\n');
                for (l, v) in &c.bars {
                    out.push_str(&format!("{l} {v:.1}%\n"));
                }
            }
            Block::Heading { text, run_in, .. } => {
                out.push_str(&plain(text));
                out.push_str(&plain(run_in));
                out.push('\n');
            }
            Block::Attachment {
                label,
                title,
                blocks,
            } => {
                out.push_str(label);
                out.push('\n');
                out.push_str(&plain(title));
                out.push('\n');
                text_into(out, blocks);
            }
            Block::Colophon(c) => {
                if let Some(cc) = &c.cc {
                    out.push_str(&plain(cc));
                    out.push('\n');
                }
                out.push_str(&plain(&c.printed_by));
                out.push(' ');
                out.push_str(&plain(&c.printed_on));
                out.push('\n');
                if let Some(d) = &c.digest {
                    out.push_str(d);
                    out.push('\n');
                }
            }
            Block::Head(l)
            | Block::DocNo(l)
            | Block::Title(l)
            | Block::To(l)
            | Block::Para(l)
            | Block::Flush(l)
            | Block::Right(l)
            | Block::AttachmentNote(l)
            | Block::Sign(l)
            | Block::Date(l) => {
                out.push_str(&plain(l));
                out.push('\n');
            }
        }
    }
}
