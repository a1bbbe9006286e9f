//! The bulletin's chart as a PNG picture for the .docx (its title is the
//! document's caption, not part of the picture): horizontal bars,
//! one per unit, with the unit's name at the left and the value at the
//! bar's end, over a 0–100 % scale. Drawn into an RGB buffer (rectangles
//! and glyphs rasterised by ab_glyph) and encoded by `png`.
//!
//! The labels use a subset of Noto Sans CJK SC (ASCII, CJK punctuation,
//! every GB 2312 character; `data/fonts/`, SIL OFL 1.1) compiled into the
//! binary. A character outside it draws the font's .notdef box.

use super::doc::Chart;
use ab_glyph::{Font, FontRef, PxScale, ScaleFont};

static FONT: &[u8] = include_bytes!("../../data/fonts/chart-sc.otf");

/// Picture width in pixels; the .docx shows it 150 mm wide (≈ 254 dpi).
pub const WIDTH: u32 = 1500;

const WHITE: [u8; 3] = [255, 255, 255];
const INK: [u8; 3] = [0x20, 0x20, 0x20];
const GRID: [u8; 3] = [0xC8, 0xC8, 0xC8];
const BAR: [u8; 3] = [0x2F, 0x55, 0x97];

/// Layout in pixels.
const LABEL_PX: f32 = 40.0;
const ROW: u32 = 74;
const BAR_H: u32 = 44;
const MARGIN: u32 = 24;
const TOP: u32 = 32;
const AXIS_H: u32 = 60;

struct Canvas {
    w: u32,
    h: u32,
    px: Vec<u8>,
    font: FontRef<'static>,
}

impl Canvas {
    fn new(w: u32, h: u32) -> Canvas {
        Canvas {
            w,
            h,
            px: WHITE.repeat((w * h) as usize),
            // The font is part of the binary and checked by a test.
            font: FontRef::try_from_slice(FONT).expect("the embedded chart font parses"),
        }
    }

    fn blend(&mut self, x: i64, y: i64, c: [u8; 3], a: f32) {
        if x < 0 || y < 0 || x >= i64::from(self.w) || y >= i64::from(self.h) {
            return;
        }
        let a = a.clamp(0.0, 1.0);
        let i = ((y as u32 * self.w + x as u32) * 3) as usize;
        for (px, to) in self.px[i..i + 3].iter_mut().zip(c) {
            let old = f32::from(*px);
            *px = (old + (f32::from(to) - old) * a).round() as u8;
        }
    }

    fn rect(&mut self, x: u32, y: u32, w: u32, h: u32, c: [u8; 3]) {
        for yy in y..(y + h).min(self.h) {
            for xx in x..(x + w).min(self.w) {
                self.blend(i64::from(xx), i64::from(yy), c, 1.0);
            }
        }
    }

    /// The advance width of `s` at `size` pixels.
    fn width(&self, s: &str, size: f32) -> f32 {
        let f = self.font.as_scaled(PxScale::from(size));
        s.chars().map(|c| f.h_advance(f.glyph_id(c))).sum()
    }

    /// Draws `s` with its baseline at `y`, starting at `x`.
    fn text(&mut self, s: &str, x: f32, y: f32, size: f32, c: [u8; 3]) {
        let scale = PxScale::from(size);
        let mut pen = x;
        let mut cover = Vec::new();
        for ch in s.chars() {
            let (id, adv) = {
                let f = self.font.as_scaled(scale);
                let id = f.glyph_id(ch);
                (id, f.h_advance(id))
            };
            let g = id.with_scale_and_position(scale, ab_glyph::point(pen, y));
            if let Some(o) = self.font.outline_glyph(g) {
                let b = o.px_bounds();
                cover.clear();
                o.draw(|gx, gy, a| cover.push((gx, gy, a)));
                for &(gx, gy, a) in &cover {
                    self.blend(
                        b.min.x as i64 + i64::from(gx),
                        b.min.y as i64 + i64::from(gy),
                        c,
                        a,
                    );
                }
            }
            pen += adv;
        }
    }

    fn png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut e = png::Encoder::new(&mut out, self.w, self.h);
            e.set_color(png::ColorType::Rgb);
            e.set_depth(png::BitDepth::Eight);
            // 254 dpi: 10,000 pixels per metre.
            e.set_pixel_dims(Some(png::PixelDimensions {
                xppu: 10_000,
                yppu: 10_000,
                unit: png::Unit::Meter,
            }));
            // Writing into a Vec cannot fail.
            let mut w = e.write_header().expect("png header into memory");
            w.write_image_data(&self.px).expect("png data into memory");
        }
        out
    }
}

/// The chart's picture height in pixels for `bars` bars.
pub fn height(bars: usize) -> u32 {
    TOP + ROW * bars.max(1) as u32 + AXIS_H + MARGIN
}

/// The value printed at a bar's end (one decimal, as in the tables).
pub fn value_label(v: f64) -> String {
    format!("{v:.1}%")
}

/// Draws `chart` as a PNG, [`WIDTH`] × [`height`] pixels.
pub fn png(chart: &Chart) -> Vec<u8> {
    let h = height(chart.bars.len());
    let mut c = Canvas::new(WIDTH, h);
    // Labels at most 38 % of the width; a longer one is drawn smaller.
    let max_label = WIDTH as f32 * 0.38;
    let label_size = |c: &Canvas, s: &str| {
        let w = c.width(s, LABEL_PX);
        if w <= max_label {
            LABEL_PX
        } else {
            (LABEL_PX * max_label / w).max(12.0)
        }
    };
    let widest = chart
        .bars
        .iter()
        .map(|(l, _)| c.width(l, label_size(&c, l)))
        .fold(0.0f32, f32::max);
    let x0 = MARGIN + widest.ceil() as u32 + 16;
    let value_room = c.width("100.0%", LABEL_PX).ceil() as u32 + 12;
    let plot_w = WIDTH.saturating_sub(x0 + value_room + MARGIN).max(100);
    let plot_bottom = TOP + ROW * chart.bars.len().max(1) as u32;
    // Grid lines and the scale every 20 %.
    for k in 0..=5u32 {
        let x = x0 + plot_w * k / 5;
        c.rect(x, TOP - 8, 2, plot_bottom - TOP + 16, GRID);
        let s = format!("{}%", k * 20);
        let sw = c.width(&s, LABEL_PX * 0.85);
        c.text(
            &s,
            x as f32 - sw / 2.0,
            (plot_bottom + 8) as f32 + LABEL_PX,
            LABEL_PX * 0.85,
            INK,
        );
    }
    for (i, (label, v)) in chart.bars.iter().enumerate() {
        let y = TOP + ROW * i as u32;
        let base = y as f32 + (ROW as f32 + LABEL_PX * 0.75) / 2.0;
        let size = label_size(&c, label);
        let lw = c.width(label, size);
        c.text(label, x0 as f32 - 16.0 - lw, base, size, INK);
        let v = if v.is_finite() {
            v.clamp(0.0, 100.0)
        } else {
            0.0
        };
        let w = (f64::from(plot_w) * v / 100.0).round() as u32;
        c.rect(x0, y + (ROW - BAR_H) / 2, w, BAR_H, BAR);
        c.text(&value_label(v), (x0 + w + 10) as f32, base, LABEL_PX, INK);
    }
    // The axis line.
    c.rect(x0, TOP - 8, 3, plot_bottom - TOP + 16, INK);
    c.png()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
        let d = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut r = d.read_info().unwrap();
        let mut buf = vec![0; r.output_buffer_size().unwrap()];
        let info = r.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        (info.width, info.height, buf)
    }

    fn chart(bars: &[(&str, f64)]) -> Chart {
        Chart {
            title: "各单位案卷合格率".into(),
            bars: bars.iter().map(|(l, v)| (l.to_string(), *v)).collect(),
        }
    }

    #[test]
    fn the_font_has_the_gb2312_hanzi_and_punctuation() {
        let f = FontRef::try_from_slice(FONT).unwrap();
        for c in "清江市应急管理局卫生健康委员会自然资源和规划局（）、：%—·鑫".chars()
        {
            assert_ne!(f.glyph_id(c).0, 0, "{c}");
        }
        // Outside GB 2312: no glyph (drawn as the .notdef box).
        assert_eq!(f.glyph_id('\u{20000}').0, 0);
    }

    #[test]
    fn bars_are_as_long_as_their_values() {
        let (w, h, px) = decode(&png(&chart(&[
            ("甲局", 100.0),
            ("乙局", 50.0),
            ("丙局", 0.0),
        ])));
        assert_eq!((w, h), (WIDTH, height(3)));
        // The bar colour's extent along each bar's middle row.
        let run = |i: u32| {
            let y = TOP + ROW * i + ROW / 2;
            (0..w)
                .filter(|&x| {
                    let k = ((y * w + x) * 3) as usize;
                    px[k..k + 3] == BAR
                })
                .count() as f64
        };
        let (full, half, none) = (run(0), run(1), run(2));
        assert!(full > 600.0, "{full}");
        assert!((half / full - 0.5).abs() < 0.01, "{half} / {full}");
        assert_eq!(none, 0.0);
    }

    #[test]
    fn labels_are_drawn_and_odd_input_does_not_panic() {
        let (_, _, px) = decode(&png(&chart(&[("清江市应急管理局", 87.5)])));
        let dark = px.chunks(3).filter(|p| p[0] < 100 && p[2] < 100).count();
        assert!(dark > 500, "ink of the labels: {dark}");
        // Characters outside the font, huge names, NaN and out-of-range values.
        let long = "𠀀𪚥🙂".repeat(40);
        for bars in [
            vec![(long.as_str(), f64::NAN)],
            vec![("", -5.0), ("x", 250.0), ("\u{7}", f64::INFINITY)],
            vec![],
        ] {
            let (w, h, _) = decode(&png(&chart(&bars)));
            assert_eq!((w, h), (WIDTH, height(bars.len())));
        }
    }
}
