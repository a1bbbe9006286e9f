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
pub const FOOTER: i32 = 1134;
pub const HEADER: i32 = 851;

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
