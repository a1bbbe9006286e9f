//! The .docx writer: GB/T 9704-2012 pages. docx-rs builds the package
//! (page setup, styles, footers with the page number, settings) once per
//! run; [`body`] writes each document's paragraphs and tables. Fonts are
//! named in every slot, including `w:eastAsia`, never embedded: without
//! them Word / WPS / LibreOffice substitute and the document still reads.

pub mod body;
pub mod gongwen;

use super::ReportError;
use super::doc::Doc;
use super::settings::Fonts;
use docx_rs::*;
use gongwen::*;

fn fonts(name: &str, latin: &str) -> RunFonts {
    RunFonts::new()
        .east_asia(name)
        .ascii(latin)
        .hi_ansi(latin)
        .cs(latin)
}

struct Writer<'a> {
    f: &'a Fonts,
}

impl Writer<'_> {
    /// Table-cell paragraph styles (font, size, spacing), so each cell's
    /// run carries only its text: a score sheet has hundreds of cells.
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

/// Writes .docx files: the package is built once, each document only
/// adds its body.
pub struct DocxWriter {
    /// 征求意见稿 in every page's header.
    draft: bool,
    /// The package's parts as docx-rs wrote them (document.xml included).
    parts: Vec<(String, Vec<u8>)>,
    /// document.xml around the body: up to `<w:body>`, and from `<w:sectPr`.
    head: String,
    tail: String,
    fonts: Fonts,
}

impl DocxWriter {
    pub fn new(f: &Fonts, draft: bool) -> Result<DocxWriter, ReportError> {
        use std::io::Read;
        let s = Writer { f };
        let [cell, cell_small] = s.cell_styles();
        let d = Docx::new()
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
        let d = if draft {
            let h = || {
                Header::new().add_paragraph(
                    Paragraph::new()
                        .add_run(
                            Run::new()
                                .add_text("征求意见稿")
                                .fonts(fonts(&f.heading1, &f.latin))
                                .size(SIZE_3),
                        )
                        .align(AlignmentType::Right),
                )
            };
            d.header(h()).even_header(h())
        } else {
            d
        };
        let bad = |e: String| ReportError::Docx(e);
        let mut stored = std::io::Cursor::new(Vec::new());
        d.pack(&mut stored).map_err(|e| bad(e.to_string()))?;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(stored.into_inner()))
            .map_err(|e| bad(e.to_string()))?;
        let mut parts = Vec::new();
        let (mut head, mut tail) = (String::new(), String::new());
        for i in 0..zip.len() {
            let mut e = zip.by_index(i).map_err(|e| bad(e.to_string()))?;
            if e.is_dir() {
                continue; // Word lists no folders
            }
            let mut buf = Vec::new();
            e.read_to_end(&mut buf).map_err(|e| bad(e.to_string()))?;
            if e.name() == "word/document.xml" {
                let xml = String::from_utf8(buf.clone()).map_err(|e| bad(e.to_string()))?;
                let at = xml
                    .find("<w:sectPr")
                    .ok_or_else(|| bad("document.xml 缺少 sectPr".into()))?;
                let body_start = xml.find("<w:body>").map_or(at, |b| b + "<w:body>".len());
                head = xml[..body_start].to_string();
                tail = xml[at..].to_string();
            }
            parts.push((e.name().to_string(), buf));
        }
        Ok(DocxWriter {
            draft,
            parts,
            head,
            tail,
            fonts: f.clone(),
        })
    }

    /// The document.xml of `doc`.
    pub fn document_xml(&self, doc: &Doc) -> String {
        let (body, _charts) = body::body(doc, &self.fonts);
        let mut xml = String::with_capacity(self.head.len() + body.len() + self.tail.len());
        xml.push_str(&self.head);
        xml.push_str(&body);
        xml.push_str(&self.tail);
        xml
    }

    /// The .docx bytes of `doc` (parts deflated, fast level).
    pub fn render(&self, doc: &Doc) -> Result<Vec<u8>, ReportError> {
        use std::io::Write;
        let xml = self.document_xml(doc);
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(xml.len() / 6)));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        let write =
            |out: &mut zip::ZipWriter<_>, name: &str, data: &[u8]| -> zip::result::ZipResult<()> {
                out.start_file(name, opts)?;
                out.write_all(data)?;
                Ok(())
            };
        let core = core_xml(doc);
        let bad = |e: zip::result::ZipError| ReportError::Docx(e.to_string());
        for (name, data) in &self.parts {
            let data = match name.as_str() {
                "word/document.xml" => xml.as_bytes(),
                "docProps/core.xml" => core.as_bytes(),
                _ => data,
            };
            write(&mut out, name, data).map_err(bad)?;
        }
        Ok(out.finish().map_err(bad)?.into_inner())
    }

    /// Whether every page's header says 征求意见稿.
    pub fn is_draft(&self) -> bool {
        self.draft
    }
}

/// Lays out one document and returns the .docx bytes (builds the package
/// each time; use a [`DocxWriter`] for many).
pub fn render(doc: &Doc, f: &Fonts) -> Result<Vec<u8>, ReportError> {
    DocxWriter::new(f, doc.draft)?.render(doc)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// docProps/core.xml: creator = the issuing body, created = the document's date.
fn core_xml(doc: &Doc) -> String {
    let when = doc
        .created
        .map(|d| format!("{}T00:00:00Z", d.format("%Y-%m-%d")))
        .unwrap_or_else(|| "2000-01-01T00:00:00Z".into());
    let who = xml_escape(&doc.creator);
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>{who}</dc:creator><cp:lastModifiedBy>{who}</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>"#
    )
}
