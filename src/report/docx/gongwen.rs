//! GB/T 9704-2012 page and type measures, in Word's units (twips =
//! 1/20 pt; sizes in half-points).

/// A4 in twips.
pub const PAGE_W: u32 = 11906;
pub const PAGE_H: u32 = 16838;
/// 37 mm top (天头), 35 mm bottom, 28 mm left (订口), 26 mm right.
pub const MARGIN_TOP: i32 = 2098;
pub const MARGIN_BOTTOM: i32 = 1984;
pub const MARGIN_LEFT: i32 = 1588;
pub const MARGIN_RIGHT: i32 = 1474;
/// The text block: 156 × 225 mm.
pub const BLOCK_W: u32 = PAGE_W - (MARGIN_LEFT + MARGIN_RIGHT) as u32; // 8844
/// The text block's height (225 mm) in twips.
pub const BLOCK_H: i32 = PAGE_H as i32 - MARGIN_TOP - MARGIN_BOTTOM;
/// Footer distance from the page edge: the page number sits about 7 mm
/// below the text block.
pub const FOOTER: i32 = 1242;
pub const HEADER: i32 = 851;
/// The header's distance on a draft's 版记 page: 28 mm, its one 3号 line
/// ending above the text block's top (37 mm).
pub const COLOPHON_HEADER: i32 = 1588;
const _: () = assert!(
    COLOPHON_HEADER + 400 < MARGIN_TOP,
    "one 3号 line fits above the block"
);

/// 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt, 五号 10.5 pt (half-points).
pub const SIZE_2: usize = 44;
/// 发文机关标志: larger than the title (GB/T 9704 leaves the size open).
pub const SIZE_LETTERHEAD: usize = 72;
pub const SIZE_3: usize = 32;
pub const SIZE_4: usize = 28;
pub const SIZE_S4: usize = 24;
pub const SIZE_5: usize = 21;

/// 225 mm / 22 lines = 28.95 pt fixed leading.
pub const LINE: i32 = 579;
/// Character spacing that fits 28 3号 characters into 156 mm
/// (28 × (16 − 0.25) pt = 441 pt ≤ 442.2 pt).
pub const CHAR_SPACING: i32 = -5;
/// One 3号 character with that spacing, in twips.
pub const CHAR_W: i32 = 320 + CHAR_SPACING;

/// 版记 rules in eighths of a point: 0.35 mm ≈ 1 pt, 0.25 mm ≈ 0.75 pt.
pub const RULE_THICK: u32 = 8;
pub const RULE_THIN: u32 = 6;

/// The page number's line (exact leading) and its indent: one 4号
/// character in from the text block's edge.
pub const FOOTER_LINE: i32 = 400;
pub const PN_INDENT: i32 = 280;

/// Millimetres in twips.
pub const fn mm(v: f64) -> i32 {
    (v * 1440.0 / 25.4 + 0.5) as i32
}

/// The 版头's layout, `[page]` in the settings.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PageLayout {
    /// `file` (文件格式: the 标志 below the text block's top edge) or
    /// `letter` (信函格式: the 标志 30 mm below the page's top edge, red
    /// double rules, no page number on the first page).
    pub format: String,
    /// 文件格式: the 标志's top edge below the text block's top edge, mm.
    pub letterhead_top_mm: f64,
}

impl Default for PageLayout {
    fn default() -> Self {
        PageLayout {
            format: "file".into(),
            letterhead_top_mm: 35.0,
        }
    }
}

impl PageLayout {
    /// What is wrong with the values, worded for the settings file.
    pub fn check(&self) -> Result<(), String> {
        if !["file", "letter"].contains(&self.format.as_str()) {
            return Err(format!(
                "[page] format 应为 file（文件格式）或 letter（信函格式），现为“{}”",
                self.format
            ));
        }
        if !(0.0..=120.0).contains(&self.letterhead_top_mm) {
            return Err(format!(
                "[page] letterhead_top_mm 应在 0 到 120 之间（毫米），现为 {}",
                self.letterhead_top_mm
            ));
        }
        Ok(())
    }

    pub fn is_letter(&self) -> bool {
        self.format == "letter"
    }
}

/// The 标志's line (exact leading) and how far below that line's top
/// the characters' top edge falls (measured on rendered pages).
pub const LETTERHEAD_LINE: i32 = 1200;
pub const LETTERHEAD_INK: i32 = 349;

/// Space before the 标志 so that its top edge stands
/// `letterhead_top_mm` below the text block's top.
pub fn letterhead_before(page: &PageLayout) -> i32 {
    (mm(page.letterhead_top_mm) - LETTERHEAD_INK).max(0)
}

/// The red rule's distance below the 文号's line, points: with the
/// line's space under the characters it puts the rule 4 mm below them.
pub const DOC_NO_RULE_SPACE: u32 = 7;

/// One 4号 character, twips.
pub const CHAR_W4: i32 = 280;
/// The 版记's lines: 4号 at a fixed leading, a row one line and its padding,
/// the audit digest a 五号 line.
pub const COLOPHON_LINE: i32 = 500;
pub const COLOPHON_ROW: i32 = 640;
pub const DIGEST_LINE: i32 = 300;

/// 信函格式: the double rule's distance below the 标志's line, points
/// (4 mm below the characters).
pub const LETTER_RULE_SPACE: u32 = 2;
