//! The body of document.xml, written directly: paragraphs and tables in
//! WordprocessingML, elements in schema order. docx-rs builds the package
//! around it (page setup, styles, footers, settings); its element tree
//! costs ~2 ms per score sheet, this writer a tenth of that.

use super::gongwen::*;
use super::package::{self, Section};
use crate::report::doc::{Block, Cell, Chart, Colophon, Doc, DocKind, Line, Table, plain};
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
    /// Space before, twips (with an exact `line`).
    before: i32,
    /// The rules' distance from the text, points.
    rule_space: u32,
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
            before: 0,
            rule_space: 4,
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

struct BodyWriter<'a> {
    out: String,
    f: &'a Fonts,
    page: &'a PageLayout,
    draft: bool,
    /// The pictures drawn so far: relationship id, PNG.
    pictures: Vec<(String, Vec<u8>)>,
    /// The 版记 has opened its own section.
    colophon: bool,
    /// 信函格式: the 标志, drawn in the first page's header.
    letterhead: Option<String>,
}

impl<'a> BodyWriter<'a> {
    fn p_open(&mut self, p: &P<'_>) {
        let o = &mut self.out;
        o.push_str("<w:p><w:pPr>");
        if let Some(s) = p.style {
            let _ = write!(o, r#"<w:pStyle w:val="{s}"/>"#);
        }
        if p.keep_next {
            o.push_str("<w:keepNext/>");
        }
        if p.page_break {
            o.push_str("<w:pageBreakBefore/>");
        }
        if p.foot {
            let _ = write!(
                o,
                r#"<w:framePr w:w="{BLOCK_W}" w:wrap="around" w:vAnchor="margin" w:hAnchor="margin" w:xAlign="center" w:yAlign="bottom"/>"#
            );
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
                    r#"<w:bottom w:val="single" w:sz="{}" w:space="{}" w:color="{}"/>"#,
                    p.rules.1, p.rule_space, p.rule_color
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
                r#"<w:spacing w:before="{}" w:after="0" w:line="{l}" w:lineRule="exact"/>"#,
                p.before
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
        let grid = column_widths(t);
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
        // A merged category is cut into blocks of at most
        // `MERGE_BLOCK` rows, each kept on one page, so that no merged
        // cell runs across a page break; a later block repeats the
        // category's name with （续）.
        let blocks = if t.merge_first {
            merge_blocks(&t.rows)
        } else {
            vec![(0, 0, 0); t.rows.len()]
        };
        for (ri, row) in t.rows.iter().enumerate() {
            let (start, end, part) = blocks[ri];
            let keep = t.merge_first && ri + 1 < end;
            self.out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (ci, (cell, w)) in row.iter().zip(&grid).enumerate() {
                let merged = t.merge_first && ci == 0 && end - start > 1;
                let cont = merged && ri > start;
                let vmerge = merged.then_some(!cont);
                let label = t.grid && ci % 2 == 0;
                let empty = Cell::default();
                let continued;
                let shown = if cont {
                    &empty
                } else if t.merge_first && ci == 0 && part > 0 {
                    continued = Cell(vec![format!(
                        "{}（续）",
                        cell.0.first().map_or("", String::as_str)
                    )]);
                    &continued
                } else {
                    cell
                };
                self.cell(
                    shown,
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

/// The 版记's rows' exact heights, twips: 抄送 (its lines at about 29
/// 4号 characters each, after the hanging 抄送：), then 印发 (with the
/// audit digest's small line when there is one).
/// 信函格式 (`letter`): no 印发 line, only the digest's, if any.
pub fn colophon_rows(c: &Colophon, letter: bool) -> Vec<i32> {
    let mut rows = Vec::new();
    if let Some(cc) = &c.cc {
        let per_line = (BLOCK_W as i32 - 2 * CHAR_W - 3 * CHAR_W4) / CHAR_W4;
        let width = chars(&text(cc)) - 3;
        let lines = ((width.max(1) + per_line - 1) / per_line).max(1);
        rows.push(COLOPHON_ROW + (lines - 1) * COLOPHON_LINE);
    }
    match (letter, c.digest.is_some()) {
        (false, digest) => rows.push(COLOPHON_ROW + if digest { DIGEST_LINE } else { 0 }),
        (true, true) => rows.push(DIGEST_LINE + 140),
        (true, false) => {}
    }
    rows
}

/// The spacer above the 版记 that brings its last rule to the foot of the
/// text block, with a millimetre to spare so it never spills.
pub fn colophon_spacer(rows: &[i32]) -> i32 {
    let sect_break = 20; // the paragraph that closes the body's section
    let after = 20; // the paragraph after the table
    (BLOCK_H - rows.iter().sum::<i32>() - sect_break - after - mm(1.0)).max(20)
}

/// A cell's type size in twips per character: 小四 or 五号.
fn cell_char(t: &Table) -> u32 {
    if t.small { 210 } else { 240 }
}

/// The narrowest a column may be so that its header stays on one line:
/// the header's characters, the cell margins and a little air.
pub fn header_min_width(t: &Table, header: &str) -> u32 {
    let widest = header.split('\n').map(chars).max().unwrap_or(0).max(1) as u32;
    widest * cell_char(t) + 2 * 85 + 40
}

/// The table's column widths in twips, summing to the text block: the
/// relative widths, then every column widened to keep its header on one
/// line and, where the block has the room, its short entries' first lines
/// (up to 12 characters: a unit's name, a category) on one line too; the room is
/// taken from the columns that have more than they need.
pub fn column_widths(t: &Table) -> Vec<u32> {
    let n = t.widths.len();
    let sum: u32 = t.widths.iter().sum::<u32>().max(1);
    let mut grid: Vec<u32> = t.widths.iter().map(|w| BLOCK_W * w / sum).collect();
    let min: Vec<u32> = (0..n)
        .map(|i| t.header.get(i).map_or(0, |h| header_min_width(t, h)))
        .collect();
    let want: Vec<u32> = (0..n)
        .map(|i| {
            let longest = t
                .rows
                .iter()
                .filter_map(|r| r.get(i))
                .filter_map(|c| c.0.first())
                .map(|p| chars(p).max(0) as u32)
                .max()
                .unwrap_or(0);
            if longest > 12 {
                return min[i]; // a column of running text wraps anyway
            }
            min[i].max(longest * cell_char(t) + 2 * 85 + 40)
        })
        .collect();
    for floor in [&min, &want] {
        if floor.iter().sum::<u32>() > BLOCK_W {
            break;
        }
        raise(&mut grid, floor);
    }
    let used: u32 = grid.iter().sum();
    if let Some(last) = grid.last_mut() {
        *last = (*last + BLOCK_W).saturating_sub(used);
    }
    grid
}

/// Widens every column to at least `floor`, taking the room from the
/// columns above their floor in proportion to what they have over it.
fn raise(grid: &mut [u32], floor: &[u32]) {
    let n = grid.len();
    let need: u32 = (0..n).map(|i| floor[i].saturating_sub(grid[i])).sum();
    if need == 0 {
        return;
    }
    let surplus: Vec<u32> = (0..n).map(|i| grid[i].saturating_sub(floor[i])).collect();
    let total: u32 = surplus.iter().sum::<u32>().max(1);
    for i in 0..n {
        if grid[i] < floor[i] {
            grid[i] = floor[i];
        } else {
            let take = (u64::from(need) * u64::from(surplus[i])).div_ceil(u64::from(total));
            grid[i] -= (take as u32).min(surplus[i]);
        }
    }
}

/// The most rows of one merged category kept together on a page.
pub const MERGE_BLOCK: usize = 8;

/// For each row: the block of rows it belongs to (start, end exclusive)
/// and the block's place in its category (0 = the first). A category's
/// run of rows (equal first cells) is cut into equal blocks of at most
/// [`MERGE_BLOCK`] rows.
pub fn merge_blocks(rows: &[Vec<Cell>]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::with_capacity(rows.len());
    let mut i = 0;
    while i < rows.len() {
        let run = rows[i..]
            .iter()
            .take_while(|r| r.first() == rows[i].first())
            .count()
            .max(1);
        let parts = run.div_ceil(MERGE_BLOCK);
        let size = run.div_ceil(parts);
        for part in 0..parts {
            let start = i + part * size;
            let end = (start + size).min(i + run);
            for _ in start..end {
                out.push((start, end, part));
            }
        }
        i += run;
    }
    out
}

fn text(l: &Line) -> String {
    plain(l)
}

#[path = "body_colophon.rs"]
mod colophon;

impl BodyWriter<'_> {
    fn blocks(&mut self, doc: &Doc, blocks: &[Block], charts: &mut usize) {
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
        // The 署名 and 成文日期 stay on the page of the text they close: the
        // last paragraph, the 附件说明 and the blank lines before the
        // signature are kept with it (GB/T 9704 7.3.5.1: no page with only
        // a signature on it).
        let mut with_sign = vec![false; blocks.len()];
        let mut ahead = false;
        for (i, b) in blocks.iter().enumerate().rev() {
            match b {
                Block::Sign(_) => ahead = true,
                Block::Blank | Block::AttachmentNote(_) => with_sign[i] = ahead,
                Block::Para(_) | Block::Heading { .. } => {
                    with_sign[i] = ahead;
                    ahead = false;
                }
                _ => ahead = false,
            }
        }
        for (i, b) in blocks.iter().enumerate() {
            let keep = with_sign[i];
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
                Block::Head(t) if self.page.is_letter() => {
                    // 信函格式: the 标志 and its rules are the first page's
                    // header and footer.
                    self.letterhead = Some(text(t));
                }
                Block::Head(t) => {
                    // 发文机关标志: red 小标宋, centred, its top edge at the
                    // set distance below the text block's top; two blank
                    // lines below.
                    self.para(
                        &text(t),
                        P {
                            line: Some(LETTERHEAD_LINE),
                            before: letterhead_before(self.page),
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
                    let letter = head && self.page.is_letter();
                    let p = P {
                        // 信函格式: on the first line under the double rule,
                        // one character in from the right.
                        jc: if letter { Jc::Right } else { Jc::Center },
                        right: if letter { CHAR_W } else { 0 },
                        rules: if head && !letter { (0, 12) } else { (0, 0) },
                        rule_color: "FF0000",
                        rule_space: DOC_NO_RULE_SPACE,
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
                        keep_next: run_in.is_empty() || keep,
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
                Block::Para(t) | Block::AttachmentNote(t) => self.para(
                    &text(t),
                    P {
                        keep_next: keep,
                        ..indent
                    },
                    body,
                ),
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
                            keep_next: true,
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
                    *charts += 1;
                    self.chart(*charts, c);
                }
                Block::Blank => self.para(
                    "",
                    P {
                        keep_next: keep,
                        ..P::default()
                    },
                    body,
                ),
            }
        }
    }
}

/// A document's body: the XML inside `<w:body>` (section properties
/// included) and the pictures it refers to.
pub struct Body {
    pub xml: String,
    /// Relationship id and PNG bytes of each picture.
    pub pictures: Vec<(String, Vec<u8>)>,
    /// 信函格式: the 标志 for the first page's header.
    pub letterhead: Option<String>,
}

/// Lays out `doc`'s body; `draft`: every section's header says 征求意见稿.
pub fn body(doc: &Doc, f: &Fonts, page: &PageLayout, draft: bool) -> Body {
    let mut w = BodyWriter {
        out: String::with_capacity(32 * 1024),
        f,
        page,
        draft,
        pictures: Vec::new(),
        colophon: false,
        letterhead: None,
    };
    let mut charts = 0;
    w.blocks(doc, &doc.blocks, &mut charts);
    let last = if w.colophon {
        Section::Colophon
    } else {
        Section::Body
    };
    let letter = w.letterhead.is_some();
    let mut xml = w.out;
    xml.push_str(&package::sect_pr(last, draft));
    if letter {
        // The first section's first page carries the 信函 header and footer.
        let first = xml.find("<w:sectPr>").unwrap_or(0);
        let end = first + xml[first..].find("</w:sectPr>").unwrap_or(0);
        let sect = package::with_first_page(&xml[first..end]);
        xml.replace_range(first..end, &sect);
    }
    Body {
        xml,
        pictures: w.pictures,
        letterhead: w.letterhead,
    }
}

/// The picture's width on the page: 150 mm, in EMU (36,000 per mm).
const PICTURE_W_EMU: u64 = 150 * 36_000;

impl BodyWriter<'_> {
    /// The chart: its title as a caption, then the picture, centred and
    /// kept together.
    fn chart(&mut self, n: usize, c: &Chart) {
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
        let png = crate::report::chart::png(c);
        let (w, h) = (
            u64::from(crate::report::chart::WIDTH),
            u64::from(crate::report::chart::height(c.bars.len())),
        );
        let cx = PICTURE_W_EMU;
        let cy = cx * h / w;
        let id = format!("rIdPicture{n}");
        let descr: Vec<String> = c
            .bars
            .iter()
            .map(|(l, v)| format!("{l}{}", crate::report::chart::value_label(*v)))
            .collect();
        let descr = package::escape(&format!("{}：{}", c.title, descr.join("，")));
        let name = format!("图{n}");
        let _ = write!(
            self.out,
            r#"<w:p><w:pPr><w:keepLines/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="{n}" name="{name}" descr="{descr}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="chart{n}.png" descr="{descr}"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr></pic:nvPicPr><pic:blipFill><a:blip r:embed="{id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
        );
        self.pictures.push((id, png));
    }
}

#[cfg(test)]
#[path = "body_tests.rs"]
mod tests;
