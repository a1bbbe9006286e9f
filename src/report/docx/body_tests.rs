//! Tests of the body writer: tables, the 版记, the signature block.

use super::*;

fn rows(cats: &[(&str, usize)]) -> Vec<Vec<Cell>> {
    cats.iter()
        .flat_map(|(c, n)| (0..*n).map(move |i| vec![Cell::from(*c), Cell::from(format!("{i}"))]))
        .collect()
}

#[test]
fn long_categories_are_cut_into_equal_blocks_of_at_most_eight_rows() {
    let b = merge_blocks(&rows(&[("基本标准", 13), ("执法主体", 4), ("事实证据", 8)]));
    assert_eq!(b.len(), 25);
    // 13 rows: two blocks of 7 and 6.
    assert_eq!(b[0], (0, 7, 0));
    assert_eq!(b[6], (0, 7, 0));
    assert_eq!(b[7], (7, 13, 1));
    assert_eq!(b[12], (7, 13, 1));
    // 4 and 8 rows: one block each.
    assert_eq!(b[13], (13, 17, 0));
    assert_eq!(b[17], (17, 25, 0));
    assert_eq!(b[24], (17, 25, 0));
}

#[test]
fn a_cut_category_repeats_its_name_and_no_merge_crosses_a_block() {
    let t = Table {
        widths: vec![15, 45, 10, 10, 20],
        header: [
            "评查类别",
            "评查内容",
            "分值",
            "扣分",
            "扣分理由（问题及页码）",
        ]
        .map(String::from)
        .to_vec(),
        rows: rows(&[("基本标准", 13)])
            .into_iter()
            .map(|mut r| {
                r.extend([Cell::from("1.0"), Cell::from(""), Cell::from("")]);
                r
            })
            .collect(),
        merge_first: true,
        small: true,
        ..Table::default()
    };
    let f = crate::report::settings::Settings::default().fonts;
    let page = PageLayout::default();
    let mut w = BodyWriter {
        out: String::new(),
        f: &f,
        page: &page,
        draft: false,
        pictures: Vec::new(),
        colophon: false,
        letterhead: None,
    };
    w.table(&t);
    let xml = w.out;
    assert_eq!(xml.matches(r#"<w:vMerge w:val="restart"/>"#).count(), 2);
    assert_eq!(xml.matches("<w:vMerge/>").count(), 11);
    assert_eq!(xml.matches(">基本标准<").count(), 1);
    assert_eq!(xml.matches(">基本标准（续）<").count(), 1);
    // Rows kept with the next within a block, not across blocks.
    let trs: Vec<&str> = xml.split("<w:tr>").skip(2).collect();
    assert!(trs[5].contains("<w:keepNext/>"));
    assert!(!trs[6].contains("<w:keepNext/>"), "the block's last row");
    assert!(trs[7].contains("<w:keepNext/>"));
    assert!(!trs[12].contains("<w:keepNext/>"));
    assert!(trs.iter().all(|r| r.contains("<w:cantSplit/>")));
}

#[test]
fn the_signature_is_kept_with_the_text_it_closes() {
    use crate::report::doc::{Doc, DocKind, line};
    let doc = Doc::new(
        DocKind::Official,
        vec![
            Block::Para(line("第一段")),
            Block::Heading {
                level: 2,
                text: line("（四）健全长效机制。"),
                run_in: line("适时回头看。"),
            },
            Block::Para(line("最后一段")),
            Block::Blank,
            Block::AttachmentNote(line("附件：评查问题清单")),
            Block::Blank,
            Block::Sign(line("某市司法局")),
            Block::Date(line("2026年12月4日")),
            Block::Para(line("（联系人：某某）")),
        ],
    );
    let f = crate::report::settings::Settings::default().fonts;
    let xml = body(&doc, &f, &PageLayout::default(), false).xml;
    let kept = |t: &str| {
        let at = xml.find(&format!(">{t}<")).unwrap_or_else(|| panic!("{t}"));
        let start = xml[..at]
            .rfind("<w:p>")
            .or_else(|| xml[..at].rfind("<w:p "))
            .unwrap();
        xml[start..at].contains("<w:keepNext/>")
    };
    assert!(!kept("第一段"));
    assert!(!kept("（四）健全长效机制。"));
    assert!(kept("最后一段"));
    assert!(kept("附件：评查问题清单"));
    assert!(kept("某市司法局"));
    assert!(!kept("2026年12月4日"));
    assert!(!kept("（联系人：某某）"));

    // A bulletin ends on a run-in heading: it goes with the signature.
    let doc = Doc::new(
        DocKind::Official,
        vec![
            Block::Heading {
                level: 2,
                text: line("（四）健全长效机制。"),
                run_in: line("适时回头看。"),
            },
            Block::Blank,
            Block::Sign(line("某市司法局")),
            Block::Date(line("2026年12月4日")),
        ],
    );
    let xml = body(&doc, &f, &PageLayout::default(), false).xml;
    let at = xml.find(">（四）健全长效机制。<").unwrap();
    let start = xml[..at]
        .rfind("<w:p>")
        .or_else(|| xml[..at].rfind("<w:p "))
        .unwrap();
    assert!(xml[start..at].contains("<w:keepNext/>"));
}

#[test]
fn columns_widen_for_their_header_and_short_entries() {
    let t = Table {
        widths: vec![6, 14, 40, 10, 10],
        header: ["序号", "单位", "问题", "涉及卷数", "次数"]
            .map(String::from)
            .to_vec(),
        rows: vec![vec![
            Cell::from("1"),
            Cell::from("清江市自然资源和规划局"),
            Cell::from("调查终结报告与决定书认定的违法事实表述不一致".repeat(2)),
            Cell::from("18"),
            Cell::from("18"),
        ]],
        ..Table::default()
    };
    let g = column_widths(&t);
    assert_eq!(g.iter().sum::<u32>(), BLOCK_W);
    assert!(g[3] >= header_min_width(&t, "涉及卷数"), "{g:?}");
    assert!(g[1] >= 11 * 240 + 170, "a unit's name on one line: {g:?}");
    assert!(g[2] > 3000, "the running text keeps the rest: {g:?}");
}
