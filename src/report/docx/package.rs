//! The .docx package's parts other than the body: content types,
//! relationships, styles, settings, font table, headers and footers and
//! the section properties, each written with its elements in the order
//! the WordprocessingML schema gives, so that Word and WPS open the file
//! without offering a repair.

use super::gongwen::*;
use crate::report::settings::Fonts;
use std::fmt::Write;

pub const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// Relationship ids of the parts that document.xml refers to.
pub const RID_HEADER: &str = "rIdHeader1";
pub const RID_FOOTER_ODD: &str = "rIdFooter1";
pub const RID_FOOTER_EVEN: &str = "rIdFooter2";
pub const RID_FOOTER_NONE: &str = "rIdFooter3";
/// 信函格式: the first page's header (标志 and the upper red double rule)
/// and footer (the lower red double rule).
pub const RID_HEADER_FIRST: &str = "rIdHeader2";
pub const RID_FOOTER_FIRST: &str = "rIdFooter4";

pub fn escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            c if c.is_control() => o.push(' '),
            c => o.push(c),
        }
    }
    o
}

/// `[Content_Types].xml`; `png`: the package holds pictures.
pub fn content_types(draft: bool, png: bool, letter: bool) -> String {
    let mut o = format!(
        r#"{XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
    );
    if png {
        o.push_str(r#"<Default Extension="png" ContentType="image/png"/>"#);
    }
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let mut over = |part: &str, ty: &str| {
        let _ = write!(o, r#"<Override PartName="{part}" ContentType="{ty}"/>"#);
    };
    over("/word/document.xml", &format!("{wml}.document.main+xml"));
    over("/word/styles.xml", &format!("{wml}.styles+xml"));
    over("/word/settings.xml", &format!("{wml}.settings+xml"));
    over("/word/fontTable.xml", &format!("{wml}.fontTable+xml"));
    if draft {
        over("/word/header1.xml", &format!("{wml}.header+xml"));
    }
    if letter {
        over("/word/header2.xml", &format!("{wml}.header+xml"));
    }
    for n in 1..=(if letter { 4 } else { 3 }) {
        over(
            &format!("/word/footer{n}.xml"),
            &format!("{wml}.footer+xml"),
        );
    }
    over(
        "/docProps/core.xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
    );
    over(
        "/docProps/app.xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    );
    o.push_str("</Types>");
    o
}

pub fn package_rels() -> String {
    format!(
        r#"{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{REL}/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

pub fn app_xml() -> String {
    format!(
        r#"{XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>pingcha</Application></Properties>"#
    )
}

/// word/_rels/document.xml.rels; `media`: (id, file name under word/media).
pub fn document_rels(draft: bool, letter: bool, media: &[(String, String)]) -> String {
    let mut o = format!(
        r#"{XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="{REL}/styles" Target="styles.xml"/><Relationship Id="rIdSettings" Type="{REL}/settings" Target="settings.xml"/><Relationship Id="rIdFonts" Type="{REL}/fontTable" Target="fontTable.xml"/>"#
    );
    if draft {
        let _ = write!(
            o,
            r#"<Relationship Id="{RID_HEADER}" Type="{REL}/header" Target="header1.xml"/>"#
        );
    }
    for (id, n) in [
        (RID_FOOTER_ODD, 1),
        (RID_FOOTER_EVEN, 2),
        (RID_FOOTER_NONE, 3),
    ] {
        let _ = write!(
            o,
            r#"<Relationship Id="{id}" Type="{REL}/footer" Target="footer{n}.xml"/>"#
        );
    }
    if letter {
        let _ = write!(
            o,
            r#"<Relationship Id="{RID_HEADER_FIRST}" Type="{REL}/header" Target="header2.xml"/><Relationship Id="{RID_FOOTER_FIRST}" Type="{REL}/footer" Target="footer4.xml"/>"#
        );
    }
    for (id, name) in media {
        let _ = write!(
            o,
            r#"<Relationship Id="{id}" Type="{REL}/image" Target="media/{name}"/>"#
        );
    }
    o.push_str("</Relationships>");
    o
}

fn rfonts(east_asia: &str, latin: &str) -> String {
    let (e, l) = (escape(east_asia), escape(latin));
    format!(r#"<w:rFonts w:ascii="{l}" w:hAnsi="{l}" w:eastAsia="{e}" w:cs="{l}"/>"#)
}

/// word/styles.xml: the defaults (仿宋 3号), Normal, and the table cells'
/// paragraph styles (小四 and 五号, single spacing).
pub fn styles(f: &Fonts) -> String {
    let body = rfonts(&f.body, &f.latin);
    let cell = |id: &str, size: usize| {
        format!(
            r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="{id}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr>{body}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>"#
        )
    };
    format!(
        r#"{XML_DECL}<w:styles xmlns:w="{NS_W}"><w:docDefaults><w:rPrDefault><w:rPr>{body}<w:sz w:val="{SIZE_3}"/><w:szCs w:val="{SIZE_3}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>{}{}</w:styles>"#,
        cell("Cell", SIZE_S4),
        cell("CellSmall", SIZE_5)
    )
}

/// word/settings.xml: odd and even footers differ (page numbers right and left).
pub fn settings() -> String {
    format!(
        r#"{XML_DECL}<w:settings xmlns:w="{NS_W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#
    )
}

/// word/fontTable.xml: the fonts named in the documents, with the
/// GB 2312 character set so a reader substitutes a Chinese face.
pub fn font_table(f: &Fonts) -> String {
    let mut names: Vec<&str> = vec![
        &f.title,
        &f.body,
        &f.heading1,
        &f.heading2,
        &f.page_number,
        &f.latin,
    ];
    names.dedup();
    let mut seen = std::collections::BTreeSet::new();
    let mut o = format!(r#"{XML_DECL}<w:fonts xmlns:w="{NS_W}">"#);
    for n in names {
        if !seen.insert(n) {
            continue;
        }
        let cjk = !n.is_ascii();
        let _ = write!(
            o,
            r#"<w:font w:name="{}"><w:charset w:val="{}"/><w:family w:val="{}"/><w:pitch w:val="variable"/></w:font>"#,
            escape(n),
            if cjk { "86" } else { "00" },
            if cjk { "modern" } else { "roman" }
        );
    }
    o.push_str("</w:fonts>");
    o
}

/// The draft header: 征求意见稿 at the right, 黑体 3号.
pub fn draft_header(f: &Fonts) -> String {
    format!(
        r#"{XML_DECL}<w:hdr xmlns:w="{NS_W}" xmlns:r="{NS_R}"><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr>{}<w:sz w:val="{SIZE_3}"/><w:szCs w:val="{SIZE_3}"/></w:rPr><w:t>征求意见稿</w:t></w:r></w:p></w:hdr>"#,
        rfonts(&f.heading1, &f.latin)
    )
}

/// A footer with the page number `— 1 —`: dashes and digits all 4号
/// 宋体 (half-width digits); odd pages at the right, even pages at the
/// left, one character in from the edge of the text block.
pub fn page_number_footer(f: &Fonts, odd: bool) -> String {
    let rpr = format!(
        r#"<w:rPr>{}<w:sz w:val="{SIZE_4}"/><w:szCs w:val="{SIZE_4}"/></w:rPr>"#,
        rfonts(&f.page_number, &f.page_number)
    );
    let (jc, ind) = if odd {
        ("right", format!(r#"<w:ind w:right="{PN_INDENT}"/>"#))
    } else {
        ("left", format!(r#"<w:ind w:left="{PN_INDENT}"/>"#))
    };
    format!(
        r#"{XML_DECL}<w:ftr xmlns:w="{NS_W}" xmlns:r="{NS_R}"><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{FOOTER_LINE}" w:lineRule="exact"/>{ind}<w:jc w:val="{jc}"/>{rpr}</w:pPr><w:r>{rpr}<w:t xml:space="preserve">— </w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r><w:r>{rpr}<w:t>1</w:t></w:r><w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r><w:r>{rpr}<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
    )
}

/// A footer with nothing in it (the 版记's page carries no number).
pub fn empty_footer() -> String {
    format!(
        r#"{XML_DECL}<w:ftr xmlns:w="{NS_W}" xmlns:r="{NS_R}"><w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{FOOTER_LINE}" w:lineRule="exact"/></w:pPr></w:p></w:ftr>"#
    )
}

/// How a section starts and what its pages carry.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Section {
    /// The body: page numbers, odd right and even left.
    Body,
    /// The 版记's section: starts on an even page (Word adds a blank page
    /// when the body ends on an even one), its text at the foot of the
    /// page, no page number on it or on the blank page.
    Colophon,
}

/// `<w:sectPr>` of a section, children in schema order.
pub fn sect_pr(section: Section, draft: bool) -> String {
    let mut o = String::from("<w:sectPr>");
    if draft {
        let _ = write!(
            o,
            r#"<w:headerReference w:type="default" r:id="{RID_HEADER}"/><w:headerReference w:type="even" r:id="{RID_HEADER}"/>"#
        );
    }
    let (odd, even) = match section {
        Section::Body => (RID_FOOTER_ODD, RID_FOOTER_EVEN),
        Section::Colophon => (RID_FOOTER_NONE, RID_FOOTER_NONE),
    };
    let _ = write!(
        o,
        r#"<w:footerReference w:type="default" r:id="{odd}"/><w:footerReference w:type="even" r:id="{even}"/>"#
    );
    if section == Section::Colophon {
        o.push_str(r#"<w:type w:val="evenPage"/>"#);
    }
    // The 版记's page in a draft: the 征求意见稿 header lower, just above
    // the text block (LibreOffice starts that section's text right under
    // its header; Word and WPS keep the 37 mm margin either way).
    let header = if section == Section::Colophon && draft {
        COLOPHON_HEADER
    } else {
        HEADER
    };
    let _ = write!(
        o,
        r#"<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_RIGHT}" w:bottom="{MARGIN_BOTTOM}" w:left="{MARGIN_LEFT}" w:header="{header}" w:footer="{FOOTER}" w:gutter="0"/><w:cols w:space="425"/>"#
    );
    if section == Section::Colophon {
        o.push_str(r#"<w:vAlign w:val="bottom"/>"#);
    }
    o.push_str("</w:sectPr>");
    o
}

/// 信函格式's first page: the 标志 (red 小标宋, centred) with its top edge
/// 30 mm below the page's top edge and a red double rule (thick over
/// thin) 4 mm below it, 170 mm long; 征求意见稿 under it in a draft.
pub fn letter_header(f: &Fonts, letterhead: &str, draft: bool) -> String {
    let over = (mm(170.0) - BLOCK_W as i32) / 2;
    let mut o = format!(
        r#"{XML_DECL}<w:hdr xmlns:w="{NS_W}" xmlns:r="{NS_R}"><w:p><w:pPr><w:pBdr><w:bottom w:val="thickThinSmallGap" w:sz="24" w:space="{LETTER_RULE_SPACE}" w:color="FF0000"/></w:pBdr><w:spacing w:before="0" w:after="0" w:line="{LETTERHEAD_LINE}" w:lineRule="exact"/><w:ind w:left="{}" w:right="{}"/><w:jc w:val="center"/></w:pPr><w:r><w:rPr>{}<w:color w:val="FF0000"/><w:sz w:val="{SIZE_LETTERHEAD}"/><w:szCs w:val="{SIZE_LETTERHEAD}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
        -over,
        -over,
        rfonts(&f.title, &f.latin),
        escape(letterhead)
    );
    if draft {
        let _ = write!(
            o,
            r#"<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:rPr>{}<w:sz w:val="{SIZE_4}"/><w:szCs w:val="{SIZE_4}"/></w:rPr><w:t>征求意见稿</w:t></w:r></w:p>"#,
            rfonts(&f.heading1, &f.latin)
        );
    }
    o.push_str("</w:hdr>");
    o
}

/// 信函格式's first page footer: a red double rule (thin over thick),
/// 170 mm long, at the foot of the footer (about 22 mm above the page's
/// bottom edge where GB/T 9704 has 20 mm: the footer's distance is the
/// other pages' too, set for their page numbers); no page number.
pub fn letter_footer() -> String {
    let over = (mm(170.0) - BLOCK_W as i32) / 2;
    format!(
        r#"{XML_DECL}<w:ftr xmlns:w="{NS_W}" xmlns:r="{NS_R}"><w:p><w:pPr><w:pBdr><w:bottom w:val="thinThickSmallGap" w:sz="24" w:space="0" w:color="FF0000"/></w:pBdr><w:spacing w:before="0" w:after="0" w:line="{FOOTER_LINE}" w:lineRule="exact"/><w:ind w:left="{}" w:right="{}"/></w:pPr></w:p></w:ftr>"#,
        -over, -over
    )
}

/// A body section's properties with the 信函 first page: its own header
/// and footer (`titlePg`), and the header's distance that puts the 标志
/// 30 mm below the page's top edge (the footer's stays: its rule sits
/// at the page numbers' height, about 21 mm above the bottom edge).
pub fn with_first_page(sect: &str) -> String {
    let refs = format!(r#"<w:headerReference w:type="first" r:id="{RID_HEADER_FIRST}"/>"#);
    let mut s = sect.replacen("<w:sectPr>", &format!("<w:sectPr>{refs}"), 1);
    let at = s
        .find("<w:type")
        .or_else(|| s.find("<w:pgSz"))
        .unwrap_or(s.len());
    s.insert_str(
        at,
        &format!(r#"<w:footerReference w:type="first" r:id="{RID_FOOTER_FIRST}"/>"#),
    );
    s = s.replace(
        &format!(r#"w:header="{HEADER}""#),
        &format!(r#"w:header="{}""#, mm(30.0) - LETTERHEAD_INK),
    );
    // titlePg follows vAlign / cols in the schema.
    s.push_str("<w:titlePg/>");
    s
}

/// document.xml's opening, up to and including `<w:body>`.
pub fn document_open() -> String {
    format!(
        r#"{XML_DECL}<w:document xmlns:w="{NS_W}" xmlns:r="{NS_R}" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>"#
    )
}

pub const DOCUMENT_CLOSE: &str = "</w:body></w:document>";
