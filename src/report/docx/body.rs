//! The body of document.xml, written directly: paragraphs and tables in
//! WordprocessingML, elements in schema order. docx-rs builds the package
//! around it (page setup, styles, footers, settings); its element tree
//! costs ~2 ms per score sheet, this writer a tenth of that.

use super::gongwen::*;
use crate::report::doc::{Block, Doc, DocKind, Table};
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
            c if (c as u32) < 0x20 && c != '\t' => {}
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
                self.cell(h, *w, style, None, true, true, true);
            }
            self.out.push_str("</w:tr>");
        }
        for (ri, row) in t.rows.iter().enumerate() {
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (ci, (text, w)) in row.iter().zip(&grid).enumerate() {
                let merged = t.merge_first && ci == 0;
                let cont = merged && ri > 0 && t.rows[ri - 1][0] == *text;
                let starts = merged && t.rows.get(ri + 1).is_some_and(|n| n[0] == *text);
                let vmerge = if cont {
                    Some(false)
                } else if starts {
                    Some(true)
                } else {
                    None
                };
                let label = t.grid && ci % 2 == 0;
                self.cell(
                    if cont { "" } else { text },
                    *w,
                    style,
                    vmerge,
                    t.centred.contains(&ci) || label,
                    label,
                    false,
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
        text: &str,
        w: u32,
        style: &str,
        vmerge: Option<bool>,
        centred: bool,
        bold: bool,
        shaded: bool,
    ) {
        let o = &mut self.out;
        let _ = write!(o, r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>"#);
        match vmerge {
            Some(true) => o.push_str(r#"<w:vMerge w:val="restart"/>"#),
            Some(false) => o.push_str("<w:vMerge/>"),
            None => {}
        }
        if shaded {
            o.push_str(r#"<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>"#);
        }
        o.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
        let p = P {
            style: Some(style),
            line: None,
            jc: if centred { Jc::Center } else { Jc::None },
            ..P::default()
        };
        let r = R {
            font: None,
            size: 0,
            bold,
            red: false,
        };
        for line in text.split('\n') {
            self.para(line, p, r);
        }
        self.out.push_str("</w:tc>");
    }
}

/// The body XML of a document (everything inside `<w:body>` before the
/// section properties).
pub fn body(doc: &Doc, f: &Fonts) -> String {
    let mut w = Writer {
        out: String::with_capacity(32 * 1024),
        f,
    };
    let body = w.body_run();
    let blocks = &doc.blocks;
    let date_width = blocks
        .iter()
        .find_map(|b| match b {
            Block::Date(x) => Some(chars(x)),
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
                w.para(
                    t,
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
                    w.para("", P::default(), body);
                }
            }
            Block::Letterhead(t) => {
                // 发文机关标志: red 小标宋, centred.
                w.para(
                    t,
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
                w.para("", P::default(), body);
            }
            Block::DocNo(t) => {
                // Under a 版头 the number stands on the red rule (版心宽).
                let head = i > 0 && matches!(blocks[i - 1], Block::Letterhead(_));
                let p = P {
                    jc: Jc::Center,
                    rules: if head { (0, 12) } else { (0, 0) },
                    rule_color: "FF0000",
                    ..P::default()
                };
                w.para(t, p, body);
                w.para("", P::default(), body);
            }
            Block::To(t) | Block::Flush(t) => w.para(
                t,
                P {
                    jc: Jc::Left,
                    ..P::default()
                },
                body,
            ),
            Block::H1(t) => w.para(
                t,
                P {
                    keep_next: true,
                    ..indent
                },
                R {
                    font: Some(&f.heading1),
                    ..body
                },
            ),
            Block::H2(t) => w.para(
                t,
                P {
                    keep_next: true,
                    ..indent
                },
                R {
                    font: Some(&f.heading2),
                    ..body
                },
            ),
            Block::P(t) => w.para(t, indent, body),
            Block::Right(t) => w.para(
                t,
                P {
                    jc: Jc::Right,
                    ..P::default()
                },
                body,
            ),
            Block::Table(t) => {
                w.table(t);
                if doc.kind == DocKind::Official {
                    w.para("", P::default(), body);
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
                    w.para("", gap, r);
                }
            }
            Block::Sign(t) => {
                // Centred over the date, which stands four characters in.
                let right = 4 * CHAR_W + (date_width - chars(t)).max(0) * CHAR_W / 2;
                w.para(
                    t,
                    P {
                        jc: Jc::Right,
                        right,
                        ..P::default()
                    },
                    body,
                );
            }
            Block::Date(t) => w.para(
                t,
                P {
                    jc: Jc::Right,
                    right: 4 * CHAR_W,
                    ..P::default()
                },
                body,
            ),
            Block::Cc(t) => {
                let small = R {
                    font: Some(&f.body),
                    size: SIZE_4,
                    bold: false,
                    red: false,
                };
                w.para(
                    t,
                    P {
                        left: CHAR_W,
                        right: CHAR_W,
                        rules: (8, 0),
                        ..P::default()
                    },
                    small,
                );
            }
            Block::Printed(t) => {
                // 印发机关 left, 印发日期 right, one character in from each edge.
                let small = R {
                    font: Some(&f.body),
                    size: SIZE_4,
                    bold: false,
                    red: false,
                };
                let (left, right) = t.split_once('|').unwrap_or((t.as_str(), ""));
                let p = P {
                    left: CHAR_W,
                    right: CHAR_W,
                    rules: (4, 8),
                    tab: Some(BLOCK_W as i32 - 2 * CHAR_W),
                    ..P::default()
                };
                w.p_open(&p);
                w.run(left, &small);
                if !right.is_empty() {
                    w.out.push_str("<w:r><w:tab/></w:r>");
                    w.run(right, &small);
                }
                w.out.push_str("</w:p>");
            }
            Block::Blank => w.para("", P::default(), body),
        }
    }
    w.out
}
