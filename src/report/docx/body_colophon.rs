//! The 版记: its spacer, the rules and the rows of 抄送 and 印发.

use super::*;

impl BodyWriter<'_> {
    pub(super) fn colophon(&mut self, c: &Colophon) {
        // 版记: a one-column table across the text block in a section of
        // its own that starts on an even page with its text at the foot
        // of the page (the section's vAlign for Word and WPS; a spacer of
        // the table's exact complement for readers without vAlign); its
        // rules are the table's borders (first and last 0.35 mm, between
        // the lines 0.25 mm), the text one character in; 4号仿宋. The
        // paragraph before it closes the body's section.
        let small = R {
            font: Some(&self.f.body),
            size: SIZE_4,
            bold: false,
            red: false,
        };
        let _ = write!(
            self.out,
            r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr>{}</w:pPr></w:p>"#,
            package::sect_pr(Section::Body, self.draft)
        );
        self.colophon = true;
        // 信函格式: no 印发机关 and 印发日期, no rules (GB/T 9704 10.3).
        let letter = self.page.is_letter();
        let rows = colophon_rows(c, letter);
        let spacer = colophon_spacer(&rows);
        // In lines of at most half an inch: LibreOffice caps a fixed leading.
        let mut left = spacer;
        while left > 0 {
            let l = left.min(720);
            left -= l;
            let _ = write!(
                self.out,
                r#"<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="{l}" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/><w:szCs w:val="2"/></w:rPr></w:pPr></w:p>"#
            );
        }
        let tail = R { size: 2, ..small };
        // The section's last paragraph, after the table: a line one point high.
        let end = P {
            line: Some(20),
            ..P::default()
        };
        if rows.is_empty() {
            self.para("", end, tail);
            return;
        }
        let rule = |sz: u32| {
            if letter {
                r#"w:val="nil""#.to_string()
            } else {
                format!(r#"w:val="single" w:sz="{sz}" w:space="0" w:color="000000""#)
            }
        };
        let (thick, thin) = (rule(RULE_THICK), rule(RULE_THIN));
        let o = &mut self.out;
        let _ = write!(
            o,
            r#"<w:tbl><w:tblPr><w:tblW w:w="{BLOCK_W}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders><w:top {thick}/><w:left w:val="nil"/><w:bottom {thick}/><w:right w:val="nil"/><w:insideH {thin}/><w:insideV w:val="nil"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{CHAR_W}" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CHAR_W}" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="{BLOCK_W}"/></w:tblGrid>"#
        );
        let row_open = |o: &mut String, h: i32| {
            let _ = write!(
                o,
                r#"<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{h}" w:hRule="exact"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="{BLOCK_W}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>"#
            );
        };
        let p = P {
            line: Some(COLOPHON_LINE),
            ..P::default()
        };
        let mut heights = rows.iter();
        if let Some(cc) = &c.cc {
            row_open(&mut self.out, *heights.next().unwrap_or(&COLOPHON_ROW));
            // 抄送：… wrapped lines align with the first name after the colon.
            let hang = 3 * CHAR_W4;
            self.para(
                &text(cc),
                P {
                    keep_next: true,
                    left: hang,
                    first_line: -hang,
                    ..p
                },
                small,
            );
            self.out.push_str("</w:tc></w:tr>");
        }
        let Some(&h) = heights.next() else {
            self.out.push_str("</w:tbl>");
            self.para("", end, tail);
            return;
        };
        row_open(&mut self.out, h);
        if !letter {
            self.p_open(&P {
                tab: Some(BLOCK_W as i32 - 2 * CHAR_W),
                keep_next: c.digest.is_some(),
                ..p
            });
            self.run(&text(&c.printed_by), &small);
            let on = text(&c.printed_on);
            if !on.is_empty() {
                self.out.push_str("<w:r><w:tab/></w:r>");
                self.run(&on, &small);
            }
            self.out.push_str("</w:p>");
        }
        if let Some(d) = &c.digest {
            self.para(
                d,
                P {
                    line: Some(DIGEST_LINE),
                    ..p
                },
                R {
                    size: SIZE_5,
                    ..small
                },
            );
        }
        self.out.push_str("</w:tc></w:tr></w:tbl>");
        // A paragraph must follow a table at the end of the body.
        self.para("", end, tail);
    }
}
