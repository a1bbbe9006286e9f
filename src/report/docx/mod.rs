//! The .docx writer: GB/T 9704-2012 pages. [`package`] writes the parts
//! common to every document (styles, settings, footers with the page
//! number, section properties); [`body`] writes each document's
//! paragraphs, tables and pictures. Fonts are named in every slot,
//! including `w:eastAsia`, never embedded: without them Word / WPS /
//! LibreOffice substitute and the document still reads.

pub mod body;
pub mod gongwen;
pub mod package;

use super::ReportError;
use super::doc::Doc;
use super::settings::Fonts;
pub use gongwen::PageLayout;

/// Writes .docx files: the parts common to every document are made
/// once, each document adds its body, its pictures and its properties.
pub struct DocxWriter {
    /// 征求意见稿 in every page's header.
    draft: bool,
    fonts: Fonts,
    page: PageLayout,
    styles: String,
    settings: String,
    font_table: String,
    header: String,
    footers: [String; 3],
}

impl DocxWriter {
    pub fn new(f: &Fonts, draft: bool) -> Result<DocxWriter, ReportError> {
        DocxWriter::with_page(f, &PageLayout::default(), draft)
    }

    /// A writer with the 版头's layout from the settings.
    pub fn with_page(f: &Fonts, page: &PageLayout, draft: bool) -> Result<DocxWriter, ReportError> {
        Ok(DocxWriter {
            draft,
            fonts: f.clone(),
            page: page.clone(),
            styles: package::styles(f),
            settings: package::settings(),
            font_table: package::font_table(f),
            header: package::draft_header(f),
            footers: [
                package::page_number_footer(f, true),
                package::page_number_footer(f, false),
                package::empty_footer(),
            ],
        })
    }

    /// The document.xml of `doc`.
    pub fn document_xml(&self, doc: &Doc) -> String {
        self.document(doc).xml
    }

    /// The whole document.xml (in `xml`), its pictures and 信函 标志.
    fn document(&self, doc: &Doc) -> body::Body {
        let out = body::body(doc, &self.fonts, &self.page, self.draft || doc.draft);
        let mut xml = String::with_capacity(out.xml.len() + 1024);
        xml.push_str(&package::document_open());
        xml.push_str(&out.xml);
        xml.push_str(package::DOCUMENT_CLOSE);
        body::Body { xml, ..out }
    }

    /// The .docx bytes of `doc` (parts deflated, fast level).
    pub fn render(&self, doc: &Doc) -> Result<Vec<u8>, ReportError> {
        use std::io::Write;
        let draft = self.draft || doc.draft;
        let body::Body {
            xml,
            pictures,
            letterhead,
        } = self.document(doc);
        let letter_parts = letterhead.as_deref().map(|l| {
            (
                package::letter_header(&self.fonts, l, draft),
                package::letter_footer(),
            )
        });
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(xml.len() / 4)));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .compression_level(Some(1));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        let media: Vec<(String, String)> = pictures
            .iter()
            .enumerate()
            .map(|(i, (id, _))| (id.clone(), format!("image{}.png", i + 1)))
            .collect();
        let mut parts: Vec<(String, &[u8], bool)> = Vec::new();
        let types = package::content_types(draft, !pictures.is_empty(), letter_parts.is_some());
        let rels = package::package_rels();
        let core = core_xml(doc);
        let app = package::app_xml();
        let doc_rels = package::document_rels(draft, letter_parts.is_some(), &media);
        parts.push(("[Content_Types].xml".into(), types.as_bytes(), false));
        parts.push(("_rels/.rels".into(), rels.as_bytes(), false));
        parts.push(("docProps/core.xml".into(), core.as_bytes(), false));
        parts.push(("docProps/app.xml".into(), app.as_bytes(), false));
        parts.push(("word/document.xml".into(), xml.as_bytes(), false));
        parts.push((
            "word/_rels/document.xml.rels".into(),
            doc_rels.as_bytes(),
            false,
        ));
        parts.push(("word/styles.xml".into(), self.styles.as_bytes(), false));
        parts.push(("word/settings.xml".into(), self.settings.as_bytes(), false));
        parts.push((
            "word/fontTable.xml".into(),
            self.font_table.as_bytes(),
            false,
        ));
        if draft {
            parts.push(("word/header1.xml".into(), self.header.as_bytes(), false));
        }
        for (i, f) in self.footers.iter().enumerate() {
            parts.push((format!("word/footer{}.xml", i + 1), f.as_bytes(), false));
        }
        if let Some((h, f)) = &letter_parts {
            parts.push(("word/header2.xml".into(), h.as_bytes(), false));
            parts.push(("word/footer4.xml".into(), f.as_bytes(), false));
        }
        for ((_, name), (_, png)) in media.iter().zip(&pictures) {
            // PNG is compressed already.
            parts.push((format!("word/media/{name}"), png, true));
        }
        let bad = |e: zip::result::ZipError| ReportError::Docx(e.to_string());
        for (name, data, is_stored) in parts {
            out.start_file(name, if is_stored { stored } else { opts })
                .map_err(bad)?;
            out.write_all(data)
                .map_err(|e| ReportError::Docx(e.to_string()))?;
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
