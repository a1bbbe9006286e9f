//! The .docx writer: lays a [`Doc`] out on GB/T 9704-2012 pages with
//! docx-rs. Fonts are named (every slot, including `w:eastAsia`), never
//! embedded; without them Word / WPS / LibreOffice substitute and the
//! document still reads.

pub mod gongwen;

use super::doc::{Block, Doc, DocKind, Table};
use super::settings::Fonts;
use docx_rs::*;
use gongwen::*;
use unicode_width::UnicodeWidthStr;

fn fonts(name: &str, latin: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii(latin)
        .hi_ansi(latin)
        .cs(latin)
}

fn exact(line: i32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(line)
        .before(0)
        .after(0)
}

/// Width in 3号 characters (a half-width character is half).
fn chars(s: &str) -> i32 {
    (UnicodeWidthStr::width(s) as i32 + 1) / 2
}

struct Writer<'a> {
    f: &'a Fonts,
}

impl Writer<'_> {
    fn run(&self, text: &str, font: &str, size: usize) -> Run {
        let r = Run::new()
            .add_text(text)
            .fonts(fonts(font, &self.f.latin))
            .size(size);
        if size == SIZE_3 {
            r.character_spacing(CHAR_SPACING)
        } else {
            r
        }
    }

    fn body(&self, text: &str) -> Paragraph {
        Paragraph::new()
            .add_run(self.run(text, &self.f.body, SIZE_3))
            .line_spacing(exact(LINE))
            .align(AlignmentType::Both)
    }

    fn indented(&self, text: &str, font: &str) -> Paragraph {
        Paragraph::new()
            .add_run(self.run(text, font, SIZE_3))
            .line_spacing(exact(LINE))
            .align(AlignmentType::Both)
            .indent(
                None,
                Some(SpecialIndentType::FirstLine(2 * CHAR_W)),
                None,
                None,
            )
    }

    fn blank(&self) -> Paragraph {
        Paragraph::new()
            .add_run(self.run("", &self.f.body, SIZE_3))
            .line_spacing(exact(LINE))
    }

    fn title(&self, text: &str) -> Paragraph {
        Paragraph::new()
            .add_run(self.run(text, &self.f.title, SIZE_2))
            .line_spacing(exact(LINE + 120))
            .align(AlignmentType::Center)
    }

    /// A table cell. Its paragraphs take the `Cell` / `CellSmall` style
    /// (font, size, spacing), so each run carries only its text: a score
    /// sheet has hundreds of cells.
    fn cell(&self, text: &str, small: bool, centred: bool, bold: bool) -> TableCell {
        let mut cell = TableCell::new().vertical_align(VAlignType::Center);
        let lines: Vec<&str> = if text.is_empty() {
            vec![""]
        } else {
            text.split('\n').collect()
        };
        for line in lines {
            let mut r = Run::new().add_text(line);
            if bold {
                r = r.bold();
            }
            let mut p = Paragraph::new()
                .style(if small { "CellSmall" } else { "Cell" })
                .add_run(r);
            if centred {
                p = p.align(AlignmentType::Center);
            }
            cell = cell.add_paragraph(p);
        }
        cell
    }

    fn cell_styles(&self) -> [Style; 2] {
        let style = |id: &str, size: usize| {
            Style::new(id, StyleType::Paragraph)
                .name(id)
                .fonts(fonts(&self.f.body, &self.f.latin))
                .size(size)
                .line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(240)
                        .before(20)
                        .after(20),
                )
                .align(AlignmentType::Left)
        };
        [style("Cell", SIZE_S4), style("CellSmall", SIZE_5)]
    }

    fn table(&self, t: &Table) -> docx_rs::Table {
        let sum: u32 = t.widths.iter().sum::<u32>().max(1);
        let mut grid: Vec<usize> = t
            .widths
            .iter()
            .map(|w| (BLOCK_W * w / sum) as usize)
            .collect();
        let used: usize = grid.iter().sum();
        if let Some(last) = grid.last_mut() {
            *last += BLOCK_W as usize - used;
        }
        let mut rows = Vec::new();
        if !t.header.is_empty() {
            let cells = t
                .header
                .iter()
                .zip(&grid)
                .map(|(h, w)| {
                    self.cell(h, t.small, true, true)
                        .width(*w, WidthType::Dxa)
                        .shading(Shading::new().shd_type(ShdType::Clear).fill("E7E6E6"))
                })
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        for (ri, r) in t.rows.iter().enumerate() {
            let cells = r
                .iter()
                .enumerate()
                .zip(&grid)
                .map(|((ci, text), w)| {
                    let merged = t.merge_first && ci == 0;
                    let cont = merged && ri > 0 && t.rows[ri - 1][0] == *text;
                    let starts = merged && t.rows.get(ri + 1).is_some_and(|n| n[0] == *text);
                    let bold = t.grid && ci % 2 == 0;
                    let mut c = self.cell(
                        if cont { "" } else { text },
                        t.small,
                        t.centred.contains(&ci) || bold,
                        bold,
                    );
                    if cont {
                        c = c.vertical_merge(VMergeType::Continue);
                    } else if starts {
                        c = c.vertical_merge(VMergeType::Restart);
                    }
                    c.width(*w, WidthType::Dxa)
                })
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        docx_rs::Table::new(rows)
            .set_grid(grid)
            .width(BLOCK_W as usize, WidthType::Dxa)
            .layout(TableLayoutType::Fixed)
            .align(TableAlignmentType::Center)
    }

    /// 4号 半角 page number between dashes; odd pages right, even left,
    /// one character in from the edge.
    fn page_number(&self, odd: bool) -> Footer {
        let r = |t: &str| {
            Run::new()
                .add_text(t)
                .fonts(fonts(&self.f.page_number, &self.f.page_number))
                .size(SIZE_4)
        };
        let p = Paragraph::new()
            .add_run(r("— "))
            .add_page_num(PageNum::new())
            .add_run(r(" —"))
            .size(SIZE_4)
            .fonts(fonts(&self.f.page_number, &self.f.page_number))
            .align(if odd {
                AlignmentType::Right
            } else {
                AlignmentType::Left
            })
            .indent(
                if odd { None } else { Some(280) },
                None,
                if odd { Some(280) } else { None },
                None,
            );
        Footer::new().add_paragraph(p)
    }
}

/// A thin rule above (or below) a paragraph, for the 版记.
fn rule(p: Paragraph, top: bool, size: usize) -> Paragraph {
    let pos = if top {
        ParagraphBorderPosition::Top
    } else {
        ParagraphBorderPosition::Bottom
    };
    let mut p = p;
    let border = ParagraphBorder::new(pos)
        .val(BorderType::Single)
        .size(size)
        .space(1);
    let borders = p
        .property
        .borders
        .take()
        .unwrap_or_else(ParagraphBorders::with_empty)
        .set(border);
    p.property = p.property.set_borders(borders);
    p
}

/// Lays out a document and returns the .docx bytes.
pub fn render(doc: &Doc, f: &Fonts) -> Vec<u8> {
    let s = Writer { f };
    let [cell, cell_small] = s.cell_styles();
    let mut d = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .header(HEADER)
                .footer(FOOTER)
                .gutter(0),
        )
        .default_fonts(fonts(&f.body, &f.latin))
        .default_size(SIZE_3)
        .add_style(cell)
        .add_style(cell_small)
        .footer(s.page_number(true))
        .even_footer(s.page_number(false));
    let mut date_width = 0;
    let blocks = &doc.blocks;
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Title(t) => {
                d = d.add_paragraph(s.title(t));
                // One blank line below the title (unless the next block is one).
                if !matches!(blocks.get(i + 1), Some(Block::Title(_) | Block::Blank)) {
                    d = d.add_paragraph(s.blank());
                }
            }
            Block::DocNo(t) => {
                d = d
                    .add_paragraph(s.body(t).align(AlignmentType::Center))
                    .add_paragraph(s.blank());
            }
            Block::To(t) => d = d.add_paragraph(s.body(t).align(AlignmentType::Left)),
            Block::H1(t) => d = d.add_paragraph(s.indented(t, &f.heading1).keep_next(true)),
            Block::H2(t) => d = d.add_paragraph(s.indented(t, &f.heading2).keep_next(true)),
            Block::P(t) => d = d.add_paragraph(s.indented(t, &f.body)),
            Block::Flush(t) => d = d.add_paragraph(s.body(t).align(AlignmentType::Left)),
            Block::Right(t) => d = d.add_paragraph(s.body(t).align(AlignmentType::Right)),
            Block::Table(t) => {
                d = d.add_table(s.table(t));
                if doc.kind == DocKind::Official {
                    d = d.add_paragraph(s.blank());
                }
            }
            Block::Sign(t) => {
                // Centred over the date: the date stands four characters in
                // from the right; the name's centre matches the date's.
                if date_width == 0 {
                    date_width = blocks
                        .iter()
                        .find_map(|b| match b {
                            Block::Date(x) => Some(chars(x)),
                            _ => None,
                        })
                        .unwrap_or(10);
                }
                let right = 4 * CHAR_W + (date_width - chars(t)).max(0) * CHAR_W / 2;
                d = d.add_paragraph(s.body(t).align(AlignmentType::Right).indent(
                    None,
                    None,
                    Some(right),
                    None,
                ));
            }
            Block::Date(t) => {
                d = d.add_paragraph(s.body(t).align(AlignmentType::Right).indent(
                    None,
                    None,
                    Some(4 * CHAR_W),
                    None,
                ))
            }
            Block::Cc(t) => {
                let p = Paragraph::new()
                    .add_run(s.run(t, &f.body, SIZE_4))
                    .line_spacing(exact(LINE))
                    .indent(Some(CHAR_W), None, Some(CHAR_W), None);
                d = d.add_paragraph(rule(p, true, 8));
            }
            Block::Printed(t) => {
                // 印发机关 left, 印发日期 right, one character in from each edge.
                let (left, right) = t.split_once('|').unwrap_or((t.as_str(), ""));
                let mut p = Paragraph::new()
                    .add_run(s.run(left, &f.body, SIZE_4))
                    .line_spacing(exact(LINE))
                    .indent(Some(CHAR_W), None, Some(CHAR_W), None);
                if !right.is_empty() {
                    p = p
                        .add_tab(
                            Tab::new()
                                .val(TabValueType::Right)
                                .pos((BLOCK_W as i32 - 2 * CHAR_W) as usize),
                        )
                        .add_run(Run::new().add_tab())
                        .add_run(s.run(right, &f.body, SIZE_4));
                }
                let p = rule(p, true, 4);
                d = d.add_paragraph(rule(p, false, 8));
            }
            Block::Blank => d = d.add_paragraph(s.blank()),
        }
    }
    let mut out = std::io::Cursor::new(Vec::with_capacity(64 * 1024));
    d.build()
        .pack(&mut out)
        .expect("writing to memory cannot fail");
    deflate(&out.into_inner())
}

/// docx-rs stores its parts uncompressed (a score sheet's XML is ~170 KB);
/// re-pack them with fast deflate, which makes the files ~10× smaller.
fn deflate(stored: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let repack = || -> zip::result::ZipResult<Vec<u8>> {
        let mut src = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
        let mut dst =
            zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(stored.len() / 5)));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        let mut buf = Vec::new();
        for i in 0..src.len() {
            let mut e = src.by_index(i)?;
            if e.is_dir() {
                continue; // Word lists no folders
            }
            buf.clear();
            e.read_to_end(&mut buf)?;
            dst.start_file(e.name(), opts)?;
            dst.write_all(&buf)?;
        }
        Ok(dst.finish()?.into_inner())
    };
    repack().unwrap_or_else(|_| stored.to_vec())
}
