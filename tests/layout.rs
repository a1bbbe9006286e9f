//! The documents' layout read back from the package: the bulletin's chart
//! (a picture in the .docx, a native chart in the .xlsx, the same
//! figures), the 版记's section, the page numbers, the 版头's distances,
//! element order and the tables' column widths.

use calamine::{Data, Reader, Xlsx};
use pingcha::report::docx::gongwen::*;
use pingcha::report::settings::Settings;
use pingcha::report::{self, Formats, Options, Written};
use pingcha::workspace::Workspace;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

struct Rendered {
    _dir: tempfile::TempDir,
    written: Vec<Written>,
}

fn write(settings: &str, out: &Path, db: &Path) -> Vec<Written> {
    let ws = Workspace::open(db).expect("open");
    let data = ws.report_data().expect("report data");
    let s = Settings::parse(settings, "test").expect("settings");
    let opts = Options {
        out: out.to_path_buf(),
        departments: Vec::new(),
        formats: Formats::default(),
        today: chrono::NaiveDate::from_ymd_opt(2024, 7, 18).unwrap(),
    };
    report::write_all(&data, &s, &opts, &|_, _| {}).expect("write")
}

fn rendered() -> &'static Rendered {
    static R: OnceLock<Rendered> = OnceLock::new();
    R.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("demo.db");
        drop(Workspace::build_demo(&db, 2024).expect("demo"));
        let written = write("date = \"2024-07-18\"", &dir.path().join("out"), &db);
        Rendered { _dir: dir, written }
    })
}

fn part_bytes(path: &Path, part: &str) -> Option<Vec<u8>> {
    let f = std::fs::File::open(path).expect("open");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut e = z.by_name(part).ok()?;
    let mut v = Vec::new();
    e.read_to_end(&mut v).expect("read");
    Some(v)
}

fn part(path: &Path, name: &str) -> String {
    String::from_utf8(
        part_bytes(path, name).unwrap_or_else(|| panic!("{} has no {name}", path.display())),
    )
    .expect("utf-8")
}

fn names(path: &Path) -> Vec<String> {
    let f = std::fs::File::open(path).expect("open");
    let z = zip::ZipArchive::new(f).expect("zip");
    z.file_names().map(String::from).collect()
}

fn docx(r: &Rendered) -> impl Iterator<Item = &Written> {
    r.written
        .iter()
        .filter(|w| w.path.extension().is_some_and(|e| e == "docx"))
}

fn bulletin<'a>(r: &'a Rendered, ext: &str) -> &'a Written {
    r.written
        .iter()
        .find(|w| w.kind == "评查情况通报" && w.path.extension().is_some_and(|e| e == ext))
        .expect("a bulletin")
}

/// `attr="…"` in `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let k = format!(" {name}=\"");
    let i = tag.find(&k)? + k.len();
    Some(&tag[i..i + tag[i..].find('"')?])
}

/// The chart's figures as the .docx states them (the picture's description):
/// (label, "87.5%").
fn docx_figures(xml: &str) -> Vec<(String, String)> {
    let descr = attr(&xml[xml.find("<wp:docPr").expect("docPr")..], "descr").unwrap();
    let (_, list) = descr.split_once('：').expect("title：figures");
    list.split('，')
        .map(|x| {
            let i = x.rfind(|c: char| !(c.is_ascii_digit() || c == '.' || c == '%'));
            let i = i.map_or(0, |i| i + x[i..].chars().next().unwrap().len_utf8());
            (x[..i].to_string(), x[i..].to_string())
        })
        .collect()
}

#[test]
fn the_bulletin_has_its_chart_as_a_picture_in_the_docx() {
    let r = rendered();
    let w = bulletin(r, "docx");
    let xml = part(&w.path, "word/document.xml");
    // Referenced from the body …
    let blip = &xml[xml.find("<a:blip ").expect("a picture in the body")..];
    let id = attr(blip, "r:embed").unwrap();
    let rels = part(&w.path, "word/_rels/document.xml.rels");
    let rel = rels
        .split("<Relationship ")
        .find(|x| attr(&format!(" {x}"), "Id") == Some(id))
        .expect("the picture's relationship");
    assert!(rel.contains("relationships/image"), "{rel}");
    let rel = format!(" {rel}");
    let target = attr(&rel, "Target").unwrap();
    assert!(target.starts_with("media/") && target.ends_with(".png"));
    let types = part(&w.path, "[Content_Types].xml");
    assert!(types.contains(r#"<Default Extension="png" ContentType="image/png"/>"#));
    // … in a w:drawing / pic:pic inline, 150 mm wide, aspect kept.
    let inline = &xml[xml.find("<wp:inline").unwrap()..xml.find("</wp:inline>").unwrap()];
    assert!(inline.contains("<pic:pic>"));
    let extent = &inline[inline.find("<wp:extent").unwrap()..];
    let cx: u64 = attr(extent, "cx").unwrap().parse().unwrap();
    let cy: u64 = attr(extent, "cy").unwrap().parse().unwrap();
    assert_eq!(cx, 150 * 36_000);
    // The PNG decodes with sane dimensions, matching the extent.
    let png_bytes = part_bytes(&w.path, &format!("word/{target}")).expect("the PNG part");
    let dec = png::Decoder::new(std::io::Cursor::new(&png_bytes));
    let reader = dec.read_info().expect("a PNG");
    let (pw, ph) = (reader.info().width, reader.info().height);
    let figures = docx_figures(&xml);
    assert!(figures.len() >= 2, "{figures:?}");
    assert_eq!(pw, pingcha::report::chart::WIDTH);
    assert_eq!(ph, pingcha::report::chart::height(figures.len()));
    assert!((200..=4000).contains(&ph));
    assert_eq!(cy, cx * u64::from(ph) / u64::from(pw));
    // The caption before the picture.
    let before = &xml[..xml.find("<w:drawing>").unwrap()];
    assert!(before.rfind("各单位案卷合格率").is_some());
    // The old bar-of-blocks table is gone.
    assert!(!xml.contains('█'));
}

#[test]
fn the_xlsx_has_a_native_chart_with_the_same_figures() {
    let r = rendered();
    let x = bulletin(r, "xlsx");
    let files = names(&x.path);
    let chart = files
        .iter()
        .find(|n| n.starts_with("xl/charts/chart") && n.ends_with(".xml"))
        .expect("xl/charts/chart*.xml");
    let chart_name = chart.rsplit('/').next().unwrap();
    // A drawing refers to the chart, and the 部门 sheet to the drawing.
    let drawing_rels = files
        .iter()
        .filter(|n| n.starts_with("xl/drawings/_rels/"))
        .map(|n| part(&x.path, n))
        .find(|s| s.contains(&format!("../charts/{chart_name}")))
        .expect("a drawing refers to the chart");
    assert!(drawing_rels.contains("relationships/chart"));
    let workbook = part(&x.path, "xl/workbook.xml");
    assert!(workbook.contains("name=\"部门\""));
    let c = part(&x.path, chart);
    assert!(c.contains("<c:barChart>") && c.contains(r#"<c:barDir val="bar"/>"#));
    assert!(c.contains("各单位案卷合格率"));
    // Its ranges are the figures on the 部门 sheet, and those are the
    // .docx's figures.
    let cat = &c[c.find("<c:cat>").unwrap()..];
    let cat_ref = &cat[cat.find("<c:f>").unwrap() + 5..cat.find("</c:f>").unwrap()];
    let val = &c[c.find("<c:val>").unwrap()..];
    let val_ref = &val[val.find("<c:f>").unwrap() + 5..val.find("</c:f>").unwrap()];
    assert!(val_ref.starts_with("部门!$Q$2:$Q$"), "{val_ref}");
    let mut wb: Xlsx<_> = calamine::open_workbook(&x.path).expect("xlsx");
    let dep = wb.worksheet_range("部门").expect("部门");
    let docx_xml = part(&bulletin(r, "docx").path, "word/document.xml");
    let figures = docx_figures(&docx_xml);
    assert_eq!(cat_ref, format!("部门!$P$2:$P${}", figures.len() + 1));
    assert_eq!(val_ref, format!("部门!$Q$2:$Q${}", figures.len() + 1));
    for (i, (label, value)) in figures.iter().enumerate() {
        let row = i as u32 + 1;
        assert_eq!(dep.get_value((row, 15)), Some(&Data::String(label.clone())));
        let Some(Data::Float(v)) = dep.get_value((row, 16)) else {
            panic!("row {row}: a number");
        };
        assert_eq!(format!("{:.1}%", v * 100.0), *value, "{label}");
    }
}

/// The sections of document.xml: each `<w:sectPr>…</w:sectPr>`.
fn sections(xml: &str) -> Vec<&str> {
    xml.match_indices("<w:sectPr>")
        .map(|(i, _)| &xml[i..i + xml[i..].find("</w:sectPr>").unwrap()])
        .collect()
}

#[test]
fn the_colophon_is_alone_at_the_foot_of_an_even_page_without_a_number() {
    let r = rendered();
    let mut seen = 0;
    for w in docx(r) {
        let xml = part(&w.path, "word/document.xml");
        let name = w.path.display();
        let secs = sections(&xml);
        let has_colophon = xml.contains("印发</w:t>");
        if !has_colophon {
            assert_eq!(secs.len(), 1, "{name}");
            continue;
        }
        seen += 1;
        assert_eq!(secs.len(), 2, "{name}: the body and the 版记's section");
        let (body, last) = (secs[0], secs[1]);
        assert!(
            !body.contains("<w:type"),
            "{name}: the body starts anywhere"
        );
        assert!(last.contains(r#"<w:type w:val="evenPage"/>"#), "{name}");
        assert!(last.contains(r#"<w:vAlign w:val="bottom"/>"#), "{name}");
        // The 版记's section and the blank page before it: the empty footer.
        let footer_of = |sec: &str, ty: &str| {
            let k = format!(r#"<w:footerReference w:type="{ty}" r:id=""#);
            let i = sec
                .find(&k)
                .unwrap_or_else(|| panic!("{name}: {ty} footer"))
                + k.len();
            let id = &sec[i..i + sec[i..].find('"').unwrap()];
            let rels = part(&w.path, "word/_rels/document.xml.rels");
            let rel = &rels[rels.find(&format!("Id=\"{id}\"")).unwrap()..];
            let target = attr(rel, "Target").unwrap().to_string();
            part(&w.path, &format!("word/{target}"))
        };
        for ty in ["default", "even"] {
            assert!(!footer_of(last, ty).contains("PAGE"), "{name}: no number");
            assert!(footer_of(body, ty).contains(" PAGE "), "{name}: numbered");
        }
        // Nothing but the 版记 (and spacers) after the section break.
        let after = &xml[xml.find("</w:sectPr>").unwrap()..];
        assert_eq!(after.matches("<w:tbl>").count(), 1, "{name}");
        assert!(after.contains("抄送：") && after.contains("印发"), "{name}");
        // The spacers and the table's exact rows add up to the text block
        // less at most 2 mm, never more.
        let spacers: i32 = after
            .split("<w:tbl>")
            .next()
            .unwrap()
            .match_indices(r#"w:lineRule="exact""#)
            .map(|(i, _)| {
                let p = &after[..i];
                let l = &p[p.rfind("w:line=\"").unwrap() + 8..];
                l[..l.find('"').unwrap()].parse::<i32>().unwrap()
            })
            .sum();
        let rows: i32 = after
            .match_indices("<w:trHeight ")
            .map(|(i, _)| attr(&after[i..], "w:val").unwrap().parse::<i32>().unwrap())
            .sum();
        let total = spacers + rows + 20 + 20;
        assert!(
            total <= BLOCK_H && total >= BLOCK_H - mm(2.0),
            "{name}: {total} of {BLOCK_H}"
        );
        // Rules across the block: first and last 0.35 mm, middle 0.25 mm,
        // the text one character in.
        let tbl = &after[after.find("<w:tbl>").unwrap()..];
        assert!(tbl.contains(&format!(r#"<w:tblW w:w="{BLOCK_W}" w:type="dxa"/>"#)));
        assert!(tbl.contains(r#"<w:top w:val="single" w:sz="8""#));
        assert!(tbl.contains(r#"<w:bottom w:val="single" w:sz="8""#));
        assert!(tbl.contains(r#"<w:insideH w:val="single" w:sz="6""#));
        assert!(tbl.contains(&format!(r#"<w:left w:w="{CHAR_W}" w:type="dxa"/>"#)));
    }
    assert!(seen >= 2, "letters and the bulletin carry a 版记");
}

#[test]
fn page_setup_page_numbers_and_the_letterhead_distances() {
    let r = rendered();
    for w in docx(r) {
        let xml = part(&w.path, "word/document.xml");
        let name = w.path.display();
        for sec in sections(&xml) {
            // 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm; footer 7 mm below it.
            assert!(
                sec.contains(r#"<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1242" w:gutter="0"/>"#),
                "{name}: {sec}"
            );
            // (A draft's 版记 page has its header at 28 mm: tested below.)
        }
        assert_eq!(mm(37.0), 2098);
        assert!((mm(225.0) - BLOCK_H).abs() <= 1);
        // Page numbers: every run of the footer (dashes and the digits'
        // field) in 4号 宋体; odd right and even left, one character in.
        for (n, jc, ind) in [(1, "right", "w:right"), (2, "left", "w:left")] {
            let f = part(&w.path, &format!("word/footer{n}.xml"));
            assert!(f.contains(&format!(r#"<w:jc w:val="{jc}"/>"#)), "{name}");
            assert!(f.contains(&format!(r#"<w:ind {ind}="280"/>"#)), "{name}");
            let runs: Vec<&str> = f.split("<w:r>").skip(1).collect();
            assert_eq!(runs.len(), 7, "— PAGE —");
            for run in runs {
                assert!(
                    run.starts_with(r#"<w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:eastAsia="宋体" w:cs="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>"#),
                    "{name}: {run}"
                );
            }
            assert!(f.contains("— </w:t>") && f.contains("> —</w:t>"));
        }
        assert!(part(&w.path, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
        if w.kind != "评查建议书" && w.kind != "评查情况通报" {
            continue;
        }
        // 发文机关标志: its top edge 35 mm below the block's top; then two
        // blank lines, the 文号, the red rule 4 mm below it, two blank
        // lines, the title.
        let paras: Vec<&str> = xml.split("<w:p>").skip(1).collect();
        let head = paras[0];
        assert!(head.contains(r#"<w:color w:val="FF0000"/>"#), "{name}");
        assert!(
            head.contains(&format!(
                r#"<w:spacing w:before="{}" w:after="0" w:line="{LETTERHEAD_LINE}" w:lineRule="exact"/>"#,
                mm(35.0) - LETTERHEAD_INK
            )),
            "{name}: {head}"
        );
        let blank = |p: &str| !p.contains("<w:t");
        assert!(
            blank(paras[1]) && blank(paras[2]),
            "{name}: two blank lines"
        );
        let no = paras[3];
        assert!(
            no.contains(&format!(
                r#"<w:bottom w:val="single" w:sz="12" w:space="{DOC_NO_RULE_SPACE}" w:color="FF0000"/>"#
            )),
            "{name}: the red rule under the 文号"
        );
        assert!(
            blank(paras[4]) && blank(paras[5]),
            "{name}: two blank lines"
        );
        assert!(paras[6].contains(r#"w:val="44""#), "{name}: the 2号 title");
    }
}

#[test]
fn the_letterhead_distance_and_the_letter_format_are_settings() {
    let r = rendered();
    let dir = tempfile::tempdir().unwrap();
    let db = r.written[0]
        .path
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("demo.db");
    let w = write(
        "date = \"2024-07-18\"\n[page]\nletterhead_top_mm = 25",
        dir.path(),
        &db,
    );
    let letter = w.iter().find(|w| w.kind == "评查建议书").unwrap();
    let xml = part(&letter.path, "word/document.xml");
    assert!(xml.contains(&format!(r#"w:before="{}""#, mm(25.0) - LETTERHEAD_INK)));
    // 信函格式: the 标志 30 mm below the page's edge and the red double
    // rules (thick over thin under it, thin over thick at the foot, 170 mm)
    // on the first page; no page number there; the 文号 at the right.
    let dir = tempfile::tempdir().unwrap();
    let w = write(
        "date = \"2024-07-18\"\n[page]\nformat = \"letter\"",
        dir.path(),
        &db,
    );
    let letter = w.iter().find(|w| w.kind == "评查建议书").unwrap();
    let xml = part(&letter.path, "word/document.xml");
    let first = sections(&xml)[0];
    assert!(first.contains(r#"<w:headerReference w:type="first" r:id="rIdHeader2"/>"#));
    assert!(first.contains(r#"<w:footerReference w:type="first" r:id="rIdFooter4"/>"#));
    assert!(first.ends_with("<w:titlePg/>"), "{first}");
    assert!(first.contains(&format!(r#"w:header="{}""#, mm(30.0) - LETTERHEAD_INK)));
    let header = part(&letter.path, "word/header2.xml");
    let over = (mm(170.0) - BLOCK_W as i32) / 2;
    assert!(
        header.contains("清江市司法局</w:t>") && header.contains(r#"<w:color w:val="FF0000"/>"#)
    );
    assert!(header.contains(r#"<w:bottom w:val="thickThinSmallGap" w:sz="24""#));
    assert!(header.contains(&format!(r#"<w:ind w:left="-{over}" w:right="-{over}"/>"#)));
    let footer = part(&letter.path, "word/footer4.xml");
    assert!(footer.contains(r#"<w:bottom w:val="thinThickSmallGap" w:sz="24""#));
    assert!(!footer.contains("PAGE"));
    let paras: Vec<&str> = xml.split("<w:p>").skip(1).collect();
    assert!(!paras[0].contains("FF0000"), "the 标志 is not in the body");
    assert!(paras[0].contains(r#"<w:jc w:val="right"/>"#) && paras[0].contains("号</w:t>"));
    assert!(!xml.contains(r#"w:color="FF0000""#), "no single red rule");
    // Its 版记: 抄送 at the foot of an even page, without 印发机关, 印发日期
    // or rules.
    let secs = sections(&xml);
    assert!(
        secs.last()
            .unwrap()
            .contains(r#"<w:type w:val="evenPage"/>"#)
    );
    let after = &xml[xml.find("</w:sectPr>").unwrap()..];
    assert!(after.contains("抄送：") && !after.contains("印发</w:t>"));
    assert!(after.contains(r#"<w:top w:val="nil"/>"#) && !after.contains(r#"w:val="single""#));
    // A draft: every section's header says 征求意见稿; on the 版记's page
    // it stands at 28 mm, its line ending above the text block.
    let f = pingcha::report::settings::Settings::default().fonts;
    let mut doc = pingcha::report::doc::Doc::new(
        pingcha::report::doc::DocKind::Official,
        vec![
            pingcha::report::doc::Block::Para(pingcha::report::doc::line("正文。")),
            pingcha::report::doc::Block::Colophon(pingcha::report::doc::Colophon {
                cc: None,
                printed_by: pingcha::report::doc::line("某某办公室"),
                printed_on: pingcha::report::doc::line("2024年7月18日印发"),
                digest: None,
            }),
        ],
    );
    doc.draft = true;
    let xml = pingcha::report::docx::DocxWriter::new(&f, true)
        .unwrap()
        .document_xml(&doc);
    let secs = sections(&xml);
    assert_eq!(secs.len(), 2);
    for sec in &secs {
        assert!(sec.contains(r#"<w:headerReference w:type="default" r:id="rIdHeader1"/>"#));
    }
    assert!(secs[0].contains(r#"w:header="851""#));
    assert!(secs[1].contains(&format!(r#"w:header="{COLOPHON_HEADER}""#)));
    let bad = Settings::parse("[page]\nformat = \"poster\"", "t").unwrap_err();
    assert!(bad.to_string().contains("信函格式"), "{bad}");
    let bad = Settings::parse("[page]\nletterhead_top_mm = 500", "t").unwrap_err();
    assert!(bad.to_string().contains("letterhead_top_mm"), "{bad}");
}

/// The schema's order of the children of the property elements written.
const ORDERS: &[(&str, &[&str])] = &[
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:spacing",
            "w:ind",
            "w:jc",
            "w:rPr",
            "w:sectPr",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:color",
            "w:spacing",
            "w:sz",
            "w:szCs",
            "w:u",
            "w:lang",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:pgNumType",
            "w:cols",
            "w:vAlign",
            "w:titlePg",
            "w:docGrid",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblW",
            "w:jc",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:tcW",
            "w:gridSpan",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:vAlign",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:basedOn",
            "w:next",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
        ],
    ),
    (
        "wp:inline",
        &[
            "wp:extent",
            "wp:effectExtent",
            "wp:docPr",
            "wp:cNvGraphicFramePr",
            "a:graphic",
        ],
    ),
];

/// The names of the direct children of each `<tag>` element in `xml`.
fn children<'a>(xml: &'a str, tag: &str) -> Vec<Vec<&'a str>> {
    let open = format!("<{tag}>");
    let open_attr = format!("<{tag} ");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = [xml[at..].find(&open), xml[at..].find(&open_attr)]
        .into_iter()
        .flatten()
        .min()
    {
        let start = at + i;
        let body_start = start + xml[start..].find('>').unwrap() + 1;
        if xml[..body_start].ends_with("/>") {
            at = body_start;
            continue;
        }
        // Walk the children at depth 1.
        let mut depth = 0;
        let mut k = body_start;
        let mut names = Vec::new();
        loop {
            let lt = k + xml[k..].find('<').unwrap();
            let gt = lt + xml[lt..].find('>').unwrap();
            let t = &xml[lt + 1..gt];
            if t.starts_with('/') {
                if depth == 0 {
                    assert_eq!(&xml[lt..gt + 1], close);
                    break;
                }
                depth -= 1;
            } else {
                let name = t.split([' ', '/']).next().unwrap();
                if depth == 0 {
                    names.push(name);
                }
                if !t.ends_with('/') {
                    depth += 1;
                }
            }
            k = gt + 1;
        }
        out.push(names);
        at = k;
    }
    out
}

#[test]
fn parts_are_in_schema_order_and_complete() {
    let r = rendered();
    for w in docx(r) {
        let name = w.path.display();
        let files = names(&w.path);
        assert_eq!(
            files[0], "[Content_Types].xml",
            "{name}: content types first"
        );
        let types = part(&w.path, "[Content_Types].xml");
        for f in &files {
            if f.ends_with(".xml") && f != "[Content_Types].xml" {
                assert!(
                    types.contains(&format!("PartName=\"/{f}\"")),
                    "{name}: {f} has a content type"
                );
            }
        }
        // Every relationship's target is in the package.
        let rels = part(&w.path, "word/_rels/document.xml.rels");
        for r in rels.split("Target=\"").skip(1) {
            let t = &r[..r.find('"').unwrap()];
            assert!(files.contains(&format!("word/{t}")), "{name}: {t}");
        }
        for p in files
            .iter()
            .filter(|f| f.starts_with("word/") && f.ends_with(".xml"))
        {
            let xml = part(&w.path, p);
            assert!(!xml.contains("<w:shd"), "{name} {p}: no shading");
            for (tag, order) in ORDERS {
                for kids in children(&xml, tag) {
                    let pos: Vec<usize> = kids
                        .iter()
                        .map(|k| {
                            order
                                .iter()
                                .position(|o| o == k)
                                .unwrap_or_else(|| panic!("{name} {p}: <{k}> in <{tag}>"))
                        })
                        .collect();
                    assert!(
                        pos.windows(2).all(|w| w[0] <= w[1]),
                        "{name} {p}: <{tag}> children {kids:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn table_headers_never_wrap() {
    let r = rendered();
    let mut tables = 0;
    for w in docx(r) {
        let xml = part(&w.path, "word/document.xml");
        for tbl in xml.split("<w:tbl>").skip(1) {
            let Some(header) = tbl.split("<w:tr>").nth(1) else {
                continue;
            };
            if !header.contains("<w:tblHeader/>") {
                continue;
            }
            tables += 1;
            let small = header.contains("CellSmall");
            let per_char = if small { 210 } else { 240 };
            for cell in header.split("<w:tc>").skip(1) {
                let width: u32 = attr(cell, "w:w").unwrap().parse().unwrap();
                let text: String = cell
                    .split("<w:t xml:space=\"preserve\">")
                    .skip(1)
                    .map(|t| &t[..t.find("</w:t>").unwrap()])
                    .collect();
                let n = text.chars().count() as u32;
                assert!(
                    width >= n * per_char + 170,
                    "{}: header “{text}” in {width} twips",
                    w.path.display()
                );
            }
        }
    }
    assert!(tables > 3, "{tables}");
}

#[test]
fn the_xlsx_prints_only_the_standards_grades() {
    let r = rendered();
    let docx = part(&bulletin(r, "docx").path, "word/document.xml");
    assert!(
        !docx.contains("良好"),
        "the demo's standard has three grades"
    );
    let x = &bulletin(r, "xlsx").path;
    let strings = part(x, "xl/sharedStrings.xml");
    assert!(!strings.contains("良好"), "no 良好 in the workbook");
    assert!(strings.contains("合格卷数（优秀＋合格）"));
    // The column and the row stay for the formulas, hidden.
    let dep = names(x)
        .into_iter()
        .filter(|n| n.starts_with("xl/worksheets/sheet"))
        .map(|n| part(x, &n))
        .find(|s| s.contains("=E2+F2+G2") || s.contains(">E2+F2+G2<"))
        .expect("the 部门 sheet");
    assert!(dep.contains(r#"min="6" max="6""#) && dep.contains(r#"hidden="1""#));
}

/// The text of each paragraph of document.xml.
fn paragraphs(xml: &str) -> Vec<String> {
    xml.split("</w:p>")
        .map(|p| {
            p.split("<w:t")
                .skip(1)
                .filter_map(|t| {
                    let body = &t[t.find('>')? + 1..];
                    Some(body[..body.find("</w:t>")?].to_string())
                })
                .collect::<String>()
        })
        .collect()
}

const CN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

#[test]
fn numbering_goes_one_level_at_a_time_with_full_width_points() {
    let r = rendered();
    let mut checked = 0;
    for w in docx(r).filter(|w| w.kind != "评查表") {
        let name = w.path.display();
        let xml = part(&w.path, "word/document.xml");
        let body = xml.split(">附件<").next().unwrap();
        let (mut level1, mut level2) = (0usize, 0usize);
        for p in paragraphs(body) {
            if let Some(i) = CN.iter().position(|n| p.starts_with(&format!("{n}、"))) {
                assert_eq!(i, level1, "{name}: {p}");
                level1 += 1;
                level2 = 0;
                checked += 1;
            }
            if let Some(i) = CN.iter().position(|n| p.starts_with(&format!("（{n}）"))) {
                assert!(level1 > 0, "{name}: （{}） before any 一、: {p}", CN[i]);
                assert_eq!(i, level2, "{name}: {p}");
                level2 += 1;
            }
            // 1．2．3． within a paragraph, full width, in order.
            let mut next = 1;
            for (at, _) in p.match_indices('．') {
                let digits: String = p[..at]
                    .chars()
                    .rev()
                    .take_while(char::is_ascii_digit)
                    .collect();
                if digits.is_empty() {
                    continue;
                }
                let n: usize = digits.chars().rev().collect::<String>().parse().unwrap();
                assert_eq!(n, next, "{name}: {p}");
                next += 1;
            }
            let half = regex_like_half_width_point(&p);
            assert!(
                half.is_none(),
                "{name}: half-width “{}” in {p}",
                half.unwrap_or_default()
            );
        }
    }
    assert!(checked >= 6, "{checked}");
}

/// A list number with a half-width point after Chinese text ("。1." or
/// "）2."), which GB/T 9704 writes 1．.
fn regex_like_half_width_point(p: &str) -> Option<String> {
    let cs: Vec<char> = p.chars().collect();
    for i in 1..cs.len().saturating_sub(1) {
        if cs[i].is_ascii_digit()
            && cs[i + 1] == '.'
            && !cs[i - 1].is_ascii_digit()
            && !cs[i - 1].is_ascii()
            && cs.get(i + 2).is_some_and(|c| !c.is_ascii_digit())
        {
            return Some(cs[i - 1..=i + 1].iter().collect());
        }
    }
    None
}
