//! The body of document.xml, written directly: paragraphs and tables in
//! WordprocessingML, elements in schema order. docx-rs builds the package
//! around it (page setup, styles, footers, settings); its element tree
//! costs ~2 ms per score sheet, this writer a tenth of that.

use super::gongwen::*;
use crate::report::doc::{Block, Cell, Colophon, Doc, DocKind, Line, Table, plain};
use crate::report::settings::Fonts;
use std::fmt::Write;
use unicode_width::UnicodeWidthStr;

/// Width in 3号 characters (a half-width character is half).
fn chars(s: &str) -> i32 {
    (UnicodeWidthStr::width(s) as i32 + 1) / 2
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Jc {
    None,
    Left,
    Center,
    Right,
    Both,
}

/// Paragraph properties.
#[derive(Clone, Copy)]
struct P<'a> {
    style: Option<&'a str>,
    keep_next: bool,
    /// (top, bottom) rule sizes in eighths of a point; 0 = none.
    rules: (u32, u32),
    /// The rules' colour.
    rule_color: &'a str,
    /// A right tab stop at this position.
    tab: Option<i32>,
    /// Exact leading in twips; `None`: the style's.
    line: Option<i32>,
    left: i32,
    right: i32,
    first_line: i32,
    jc: Jc,
    /// In a frame at the foot of the page (the 版记).
    foot: bool,
    /// Starts a new page.
    page_break: bool,
}

impl Default for P<'_> {
    fn default() -> Self {
        P {
            style: None,
            keep_next: false,
            rules: (0, 0),
            rule_color: "000000",
            tab: None,
            line: Some(LINE),
            left: 0,
            right: 0,
            first_line: 0,
            jc: Jc::None,
            foot: false,
            page_break: false,
        }
    }
}

/// Run properties.
#[derive(Clone, Copy)]
struct R<'a> {
    font: Option<&'a str>,
    size: usize,
    bold: bool,
    red: bool,
}

struct Writer<'a> {
    out: String,
    f: &'a Fonts,
}

impl<'a> Writer<'a> {
    fn p_open(&mut self, p: &P<'_>) {
        let o = &mut self.out;
        o.push_str("<w:p><w:pPr>");
        if let Some(s) = p.style {
            let _ = write!(o, r#"<w:pStyle w:val="{s}"/>"#);
        }
        if p.keep_next {
            o.push_str("<w:keepNext/>");
        }
        if p.foot {
            let _ = write!(
                o,
                r#"<w:framePr w:w="{BLOCK_W}" w:wrap="around" w:vAnchor="margin" w:hAnchor="margin" w:xAlign="center" w:yAlign="bottom"/>"#
            );
        }
        if p.page_break {
            o.push_str("<w:pageBreakBefore/>");
        }
        if p.rules != (0, 0) {
            o.push_str("<w:pBdr>");
            if p.rules.0 > 0 {
                let _ = write!(
                    o,
                    r#"<w:top w:val="single" w:sz="{}" w:space="1" w:color="{}"/>"#,
                    p.rules.0, p.rule_color
                );
            }
            if p.rules.1 > 0 {
                let _ = write!(
                    o,
                    r#"<w:bottom w:val="single" w:sz="{}" w:space="4" w:color="{}"/>"#,
                    p.rules.1, p.rule_color
                );
            }
            o.push_str("</w:pBdr>");
        }
        if let Some(t) = p.tab {
            let _ = write!(o, r#"<w:tabs><w:tab w:val="right" w:pos="{t}"/></w:tabs>"#);
        }
        if let Some(l) = p.line {
            let _ = write!(
                o,
                r#"<w:spacing w:before="0" w:after="0" w:line="{l}" w:lineRule="exact"/>"#
            );
        }
        if p.left != 0 || p.right != 0 || p.first_line != 0 {
            o.push_str("<w:ind");
            if p.left != 0 {
                let _ = write!(o, r#" w:left="{}""#, p.left);
            }
            if p.right != 0 {
                let _ = write!(o, r#" w:right="{}""#, p.right);
            }
            if p.first_line != 0 {
                let _ = write!(o, r#" w:firstLine="{}""#, p.first_line);
            }
            o.push_str("/>");
        }
        match p.jc {
            Jc::None => {}
            Jc::Left => o.push_str(r#"<w:jc w:val="left"/>"#),
            Jc::Center => o.push_str(r#"<w:jc w:val="center"/>"#),
            Jc::Right => o.push_str(r#"<w:jc w:val="right"/>"#),
            Jc::Both => o.push_str(r#"<w:jc w:val="both"/>"#),
        }
        o.push_str("</w:pPr>");
    }

    fn run(&mut self, text: &str, r: &R<'_>) {
        let o = &mut self.out;
        o.push_str("<w:r>");
        if r.font.is_some() || r.bold || r.size > 0 || r.red {
            o.push_str("<w:rPr>");
            if let Some(font) = r.font {
                let l = &self.f.latin;
                let _ = write!(
                    o,
                    r#"<w:rFonts w:ascii="{l}" w:hAnsi="{l}" w:eastAsia="{font}" w:cs="{l}"/>"#
                );
            }
            if r.bold {
                o.push_str("<w:b/><w:bCs/>");
            }
            if r.red {
                o.push_str(r#"<w:color w:val="FF0000"/>"#);
            }
            if r.size == SIZE_3 {
                let _ = write!(o, r#"<w:spacing w:val="{CHAR_SPACING}"/>"#);
            }
            if r.size > 0 {
                let _ = write!(o, r#"<w:sz w:val="{0}"/><w:szCs w:val="{0}"/>"#, r.size);
            }
            o.push_str("</w:rPr>");
        }
        if text.is_empty() {
            o.push_str("</w:r>");
            return;
        }
        o.push_str(r#"<w:t xml:space="preserve">"#);
        escape_into(o, text);
        o.push_str("</w:t></w:r>");
    }

    fn para(&mut self, text: &str, p: P<'_>, r: R<'_>) {
        self.p_open(&p);
        self.run(text, &r);
        self.out.push_str("</w:p>");
    }

    fn body_run(&self) -> R<'a> {
        R {
            font: Some(&self.f.body),
            size: SIZE_3,
            bold: false,
            red: false,
        }
    }

    fn table(&mut self, t: &Table) {
        let sum: u32 = t.widths.iter().sum::<u32>().max(1);
        let mut grid: Vec<u32> = t.widths.iter().map(|w| BLOCK_W * w / sum).collect();
        let used: u32 = grid.iter().sum();
        if let Some(last) = grid.last_mut() {
            *last += BLOCK_W - used;
        }
        let o = &mut self.out;
        let _ = write!(
            o,
            r#"<w:tbl><w:tblPr><w:tblW w:w="{BLOCK_W}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>"#
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                o,
                r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
            );
        }
        o.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#);
        for g in &grid {
            let _ = write!(o, r#"<w:gridCol w:w="{g}"/>"#);
        }
        o.push_str("</w:tblGrid>");
        let style = if t.small { "CellSmall" } else { "Cell" };
        if !t.header.is_empty() {
            // The header row repeats on every page.
            self.out
                .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
            for (h, w) in t.header.iter().zip(&grid) {
                self.cell(&Cell::from(h.as_str()), *w, style, None, true, true, false);
            }
            self.out.push_str("</w:tr>");
        }
        for (ri, row) in t.rows.iter().enumerate() {
            // Rows of one merged category stay on one page (a category
            // longer than a third of a page may break).
            let run = t.rows[..ri]
                .iter()
                .rev()
                .take_while(|n| n.first() == row.first())
                .count()
                + t.rows[ri..]
                    .iter()
                    .take_while(|n| n.first() == row.first())
                    .count();
            let keep = t.merge_first
                && run <= 8
                && t.rows.get(ri + 1).is_some_and(|n| n.first() == row.first());
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (ci, (cell, w)) in row.iter().zip(&grid).enumerate() {
                let merged = t.merge_first && ci == 0;
                let cont = merged && ri > 0 && t.rows[ri - 1][0] == *cell;
                let starts = merged && t.rows.get(ri + 1).is_some_and(|n| n[0] == *cell);
                let vmerge = if cont {
                    Some(false)
                } else if starts {
                    Some(true)
                } else {
                    None
                };
                let label = t.grid && ci % 2 == 0;
                let empty = Cell::default();
                self.cell(
                    if cont { &empty } else { cell },
                    *w,
                    style,
                    vmerge,
                    t.centred.contains(&ci) || label,
                    label,
                    keep,
                );
            }
            self.out.push_str("</w:tr>");
        }
        self.out.push_str("</w:tbl>");
    }

    /// `vmerge`: Some(true) starts a vertical merge, Some(false) continues it.
    #[allow(clippy::too_many_arguments)]
    fn cell(
        &mut self,
        cell: &Cell,
        w: u32,
        style: &str,
        vmerge: Option<bool>,
        centred: bool,
        bold: bool,
        keep: bool,
    ) {
        let o = &mut self.out;
        let _ = write!(o, r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>"#);
        match vmerge {
            Some(true) => o.push_str(r#"<w:vMerge w:val="restart"/>"#),
            Some(false) => o.push_str("<w:vMerge/>"),
            None => {}
        }
        o.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
        let p = P {
            style: Some(style),
            line: None,
            keep_next: keep,
            jc: if centred { Jc::Center } else { Jc::None },
            ..P::default()
        };
        let r = R {
            font: None,
            size: 0,
            bold,
            red: false,
        };
        if cell.0.is_empty() {
            self.para("", p, r);
        }
        for para in &cell.0 {
            self.para(para, p, r);
        }
        self.out.push_str("</w:tc>");
    }
}

fn text(l: &Line) -> String {
    plain(l)
}

impl Writer<'_> {
    fn colophon(&mut self, c: &Colophon) {
        // 版记: a floating one-column table at the foot of the last page,
        // across the text block; its rules are the table's borders (first
        // and last 0.35 mm, between the lines 0.25 mm), the text one
        // character in; 4号仿宋.
        let small = R {
            font: Some(&self.f.body),
            size: SIZE_4,
            bold: false,
            red: false,
        };
        // Its height: one 4号 line per row, the digest a small line.
        let rows = 1 + i32::from(c.cc.is_some());
        let height = rows * LINE + if c.digest.is_some() { 320 } else { 0 } + 80;
        let y = BLOCK_H - height;
        let o = &mut self.out;
        let _ = write!(
            o,
            r#"<w:tbl><w:tblPr><w:tblpPr w:leftFromText="0" w:rightFromText="0" w:vertAnchor="margin" w:horzAnchor="margin" w:tblpXSpec="center" w:tblpY="{y}"/><w:tblW w:w="{BLOCK_W}" w:type="dxa"/><w:tblBorders><w:top w:val="single" w:sz="{RULE_THICK}" w:space="0" w:color="000000"/><w:left w:val="nil"/><w:bottom w:val="single" w:sz="{RULE_THICK}" w:space="0" w:color="000000"/><w:right w:val="nil"/><w:insideH w:val="single" w:sz="{RULE_THIN}" w:space="0" w:color="000000"/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{CHAR_W}" w:type="dxa"/><w:right w:w="{CHAR_W}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="{BLOCK_W}"/></w:tblGrid>"#
        );
        let row_open = |o: &mut String| {
            let _ = write!(
                o,
                r#"<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{BLOCK_W}" w:type="dxa"/></w:tcPr>"#
            );
        };
        let p = P {
            line: Some(LINE),
            ..P::default()
        };
        if let Some(cc) = &c.cc {
            row_open(&mut self.out);
            self.para(
                &text(cc),
                P {
                    keep_next: true,
                    ..p
                },
                small,
            );
            self.out.push_str("</w:tc></w:tr>");
        }
        row_open(&mut self.out);
        self.p_open(&P {
            tab: Some(BLOCK_W as i32 - 2 * CHAR_W),
            keep_next: c.digest.is_some(),
            ..p
        });
        self.run(&text(&c.printed_by), &small);
        let on = text(&c.printed_on);
        if !on.is_empty() {
            self.out.push_str("<w:r><w:tab/></w:r>");
            self.run(&on, &small);
        }
        self.out.push_str("</w:p>");
        if let Some(d) = &c.digest {
            self.para(
                d,
                P { line: None, ..p },
                R {
                    size: SIZE_5,
                    ..small
                },
            );
        }
        self.out.push_str("</w:tc></w:tr></w:tbl>");
        // A paragraph must follow a table at the end of the body.
        self.para(
            "",
            P {
                line: Some(20),
                ..P::default()
            },
            R { size: 2, ..small },
        );
    }

    fn blocks(&mut self, doc: &Doc, blocks: &[Block], charts: &mut Vec<String>) {
        let f = self.f;
        let body = self.body_run();
        let date_width = blocks
            .iter()
            .find_map(|b| match b {
                Block::Date(x) => Some(chars(&text(x))),
                _ => None,
            })
            .unwrap_or(10);
        let indent = P {
            first_line: 2 * CHAR_W,
            jc: Jc::Both,
            ..P::default()
        };
        for (i, b) in blocks.iter().enumerate() {
            match b {
                Block::Title(t) => {
                    self.para(
                        &text(t),
                        P {
                            line: Some(LINE + 120),
                            jc: Jc::Center,
                            ..P::default()
                        },
                        R {
                            font: Some(&f.title),
                            size: SIZE_2,
                            bold: false,
                            red: false,
                        },
                    );
                    if !matches!(blocks.get(i + 1), Some(Block::Title(_) | Block::Blank)) {
                        self.para("", P::default(), body);
                    }
                }
                Block::Head(t) => {
                    // 发文机关标志: red 小标宋, centred; two blank lines below.
                    self.para(
                        &text(t),
                        P {
                            line: Some(1200),
                            jc: Jc::Center,
                            ..P::default()
                        },
                        R {
                            font: Some(&f.title),
                            size: SIZE_LETTERHEAD,
                            bold: false,
                            red: true,
                        },
                    );
                    self.para("", P::default(), body);
                    self.para("", P::default(), body);
                }
                Block::DocNo(t) => {
                    // Under a 版头 the number stands 4 mm above the red rule.
                    let head = i > 0 && matches!(blocks[i - 1], Block::Head(_));
                    let p = P {
                        jc: Jc::Center,
                        rules: if head { (0, 12) } else { (0, 0) },
                        rule_color: "FF0000",
                        ..P::default()
                    };
                    self.para(&text(t), p, body);
                    self.para("", P::default(), body);
                    if head {
                        self.para("", P::default(), body);
                    }
                }
                Block::To(t) | Block::Flush(t) => self.para(
                    &text(t),
                    P {
                        jc: Jc::Left,
                        ..P::default()
                    },
                    body,
                ),
                Block::Heading {
                    level,
                    text: t,
                    run_in,
                } => {
                    let font = if *level <= 1 {
                        &f.heading1
                    } else {
                        &f.heading2
                    };
                    self.p_open(&P {
                        keep_next: run_in.is_empty(),
                        ..indent
                    });
                    self.run(
                        &text(t),
                        &R {
                            font: Some(font),
                            ..body
                        },
                    );
                    if !run_in.is_empty() {
                        self.run(&text(run_in), &body);
                    }
                    self.out.push_str("</w:p>");
                }
                Block::Para(t) => self.para(&text(t), indent, body),
                Block::AttachmentNote(t) => self.para(&text(t), indent, body),
                Block::Right(t) => self.para(
                    &text(t),
                    P {
                        jc: Jc::Right,
                        ..P::default()
                    },
                    body,
                ),
                Block::Table(t) => {
                    self.table(t);
                    if doc.kind == DocKind::Official {
                        self.para("", P::default(), body);
                    } else {
                        // A small gap, so that Word and LibreOffice do not join
                        // adjacent tables into one (which would also stop the
                        // checklist's header row from repeating on each page).
                        let gap = P {
                            style: Some("CellSmall"),
                            line: None,
                            ..P::default()
                        };
                        let r = R {
                            font: None,
                            size: 0,
                            bold: false,
                            red: false,
                        };
                        self.para("", gap, r);
                    }
                }
                Block::Sign(t) => {
                    // Centred over the date, which stands four characters in.
                    let t = text(t);
                    let right = 4 * CHAR_W + (date_width - chars(&t)).max(0) * CHAR_W / 2;
                    self.para(
                        &t,
                        P {
                            jc: Jc::Right,
                            right,
                            ..P::default()
                        },
                        body,
                    );
                }
                Block::Date(t) => self.para(
                    &text(t),
                    P {
                        jc: Jc::Right,
                        right: 4 * CHAR_W,
                        ..P::default()
                    },
                    body,
                ),
                Block::Attachment {
                    label,
                    title,
                    blocks,
                } => {
                    // 附件 on a new page: the label in 黑体 flush left, the
                    // title centred, then the attachment's blocks.
                    self.para(
                        label,
                        P {
                            jc: Jc::Left,
                            page_break: true,
                            ..P::default()
                        },
                        R {
                            font: Some(&f.heading1),
                            ..body
                        },
                    );
                    self.para("", P::default(), body);
                    self.para(
                        &text(title),
                        P {
                            line: Some(LINE + 120),
                            jc: Jc::Center,
                            ..P::default()
                        },
                        R {
                            font: Some(&f.title),
                            size: SIZE_2,
                            bold: false,
                            red: false,
                        },
                    );
                    self.para("", P::default(), body);
                    self.blocks(doc, blocks, charts);
                }
                Block::Colophon(c) => self.colophon(c),
                Block::Chart(c) => {
                    let id = format!("rIdChart{}", charts.len() + 1);
                    charts.push(id.clone());
                    self.chart(&id, c);
                }
                Block::Blank => self.para("", P::default(), body),
            }
        }
    }
}

/// The body XML of a document (everything inside `<w:body>` before the
/// section properties) and the relationship ids of its charts.
pub fn body(doc: &Doc, f: &Fonts) -> (String, Vec<String>) {
    let mut w = Writer {
        out: String::with_capacity(32 * 1024),
        f,
    };
    let mut charts = Vec::new();
    w.blocks(doc, &doc.blocks, &mut charts);
    (w.out, charts)
}

impl Writer<'_> {
    /// The chart as a bar table: label, a bar of full blocks (one per 5%),
    /// the value. (A bar in text renders the same in every reader.)
    fn chart(&mut self, _id: &str, c: &crate::report::doc::Chart) {
        let body = self.body_run();
        self.para(
            &c.title,
            P {
                jc: Jc::Center,
                keep_next: true,
                ..P::default()
            },
            R {
                font: Some(&self.f.heading1),
                ..body
            },
        );
        let t = Table {
            widths: vec![34, 50, 16],
            header: ["单位", "合格率", "数值"].map(String::from).to_vec(),
            rows: c
                .bars
                .iter()
                .map(|(l, v)| {
                    let n = (v / 5.0).round().clamp(0.0, 20.0) as usize;
                    vec![
                        Cell::from(l.as_str()),
                        Cell::from("█".repeat(n)),
                        Cell::from(format!("{v:.1}%")),
                    ]
                })
                .collect(),
            centred: vec![2],
            small: true,
            ..Table::default()
        };
        self.table(&t);
        self.para("", P::default(), body);
    }
}
