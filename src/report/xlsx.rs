//! The bulletin as a workbook (it circulates: parties' names masked, no
//! reviewers' names): 汇总, 部门, 案卷, 问题明细 — real number
//! cells, formulas where a reader expects them (with cached results, so
//! readers that do not recalculate see the values), styled headers, column
//! widths measured for CJK, frozen header rows.

use super::compose::Composer;
use super::settings::cn_date;
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartDataLabel, ChartType, Color, Format, FormatAlign, FormatBorder,
    Formula, Workbook, Worksheet, XlsxError,
};
use unicode_width::UnicodeWidthStr;

struct CellFormats {
    header: Format,
    text: Format,
    number: Format,
    decimal: Format,
    percent: Format,
    bold: Format,
    total: Format,
    total_pct: Format,
}

fn formats() -> CellFormats {
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    CellFormats {
        header: border(
            Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
        ),
        text: border(Format::new()),
        number: border(Format::new().set_num_format("0")),
        decimal: border(Format::new().set_num_format("0.0")),
        percent: border(Format::new().set_num_format("0.0%")),
        bold: Format::new().set_bold(),
        total: border(Format::new().set_bold().set_num_format("0.0")),
        total_pct: border(Format::new().set_bold().set_num_format("0.0%")),
    }
}

/// A sheet that remembers how wide each column's content is, and masks
/// every text written to it (ID numbers, natural persons' names, internal
/// terms) as the circulated documents do.
struct Sheet<'a, 'c> {
    ws: &'a mut Worksheet,
    widths: Vec<usize>,
    /// Columns kept for the formulas but hidden (a grade the standard lacks).
    hidden: Vec<u16>,
    c: &'a Composer<'c>,
}

impl<'a, 'c> Sheet<'a, 'c> {
    fn new(ws: &'a mut Worksheet, c: &'a Composer<'c>) -> Self {
        Sheet {
            ws,
            widths: Vec::new(),
            hidden: Vec::new(),
            c,
        }
    }

    fn grow(&mut self, col: u16, w: usize) {
        let c = col as usize;
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0);
        }
        self.widths[c] = self.widths[c].max(w);
    }

    fn text(&mut self, row: u32, col: u16, s: &str, f: &Format) -> Result<(), XlsxError> {
        let s = &fit_cell(&self.c.public(s));
        self.grow(col, UnicodeWidthStr::width(s.as_str()).min(200));
        self.ws.write_string_with_format(row, col, s, f)?;
        Ok(())
    }

    fn num(&mut self, row: u32, col: u16, x: f64, f: &Format) -> Result<(), XlsxError> {
        self.grow(col, format!("{x}").len().min(10));
        self.ws.write_number_with_format(row, col, x, f)?;
        Ok(())
    }

    fn formula(
        &mut self,
        row: u32,
        col: u16,
        formula: &str,
        result: f64,
        f: &Format,
    ) -> Result<(), XlsxError> {
        self.grow(col, 8);
        self.ws.write_formula_with_format(
            row,
            col,
            Formula::new(formula).set_result(format!("{result}")),
            f,
        )?;
        Ok(())
    }

    fn header(&mut self, row: u32, names: &[&str], f: &Format) -> Result<(), XlsxError> {
        for (i, n) in names.iter().enumerate() {
            self.text(row, i as u16, n, f)?;
        }
        Ok(())
    }

    /// Column widths from the content (CJK counts double), capped.
    fn finish(self, max: usize) -> Result<(), XlsxError> {
        for (i, w) in self.widths.iter().enumerate() {
            let w = ((*w as f64) * 1.1 + 2.0).clamp(6.0, max as f64);
            self.ws.set_column_width(i as u16, w)?;
        }
        for &c in &self.hidden {
            self.ws.set_column_hidden(c)?;
        }
        Ok(())
    }
}

/// The 部门 sheet's column where the chart's figures begin (after the
/// table and a blank column).
const CHART_COL: u16 = 15;

/// The most characters an .xlsx cell holds.
pub const CELL_MAX: usize = 32_767;

/// A value cut to the cell limit, with an ellipsis when cut.
pub fn fit_cell(s: &str) -> String {
    if s.chars().count() <= CELL_MAX {
        return s.to_string();
    }
    let mut out: String = s.chars().take(CELL_MAX - 1).collect();
    out.push('…');
    out
}

fn col(c: u16) -> String {
    let mut s = String::new();
    let mut n = c as u32 + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, (b'A' + r as u8) as char);
        n = (n - 1) / 26;
    }
    s
}

fn ratio(n: usize, of: usize) -> f64 {
    if of == 0 { 0.0 } else { n as f64 / of as f64 }
}

/// Writes the workbook and returns its bytes.
pub fn render(c: &Composer<'_>) -> Result<Vec<u8>, XlsxError> {
    let data = c.data;

    let f = formats();
    let mut wb = Workbook::new();
    // 良好 only when the standard has it (or a file carries it).
    let good = c.standard_grades().contains(&"良好") || data.totals.good > 0;

    // 汇总
    {
        let ws = wb.add_worksheet();
        ws.set_name("汇总")?;
        let mut s = Sheet::new(ws, c);
        let t = &data.totals;
        s.header(0, &["项目", "数值"], &f.header)?;
        s.text(1, 0, "评查批次", &f.text)?;
        s.text(1, 1, &data.batch.name, &f.text)?;
        s.text(2, 0, "评查期间", &f.text)?;
        let period = match (data.batch.period_from, data.batch.period_to) {
            (Some(a), Some(b)) => format!("{}至{}", cn_date(a), cn_date(b)),
            _ => String::new(),
        };
        s.text(2, 1, &period, &f.text)?;
        let counts: [(&str, usize); 7] = [
            (
                if data.scope.sampled {
                    "抽查单位数"
                } else {
                    "评查单位数"
                },
                t.departments,
            ),
            (
                if data.scope.sampled {
                    "抽查卷数"
                } else {
                    "评查卷数"
                },
                t.files,
            ),
            ("完成评查卷数", t.reviewed),
            ("优秀", t.excellent),
            (if good { "良好" } else { "" }, t.good),
            ("合格", t.pass),
            ("不合格", t.fail),
        ];
        for (i, (label, n)) in counts.iter().enumerate() {
            let r = 3 + i as u32;
            if label.is_empty() {
                // A grade the standard lacks: the row stays (the formulas
                // count on it) but is empty and hidden.
                s.ws.set_row_hidden(r)?;
                continue;
            }
            s.text(r, 0, label, &f.text)?;
            s.num(r, 1, *n as f64, &f.number)?;
        }
        // Rows (Excel numbering): 6 完成评查, 7 优秀, 8 良好, 9 合格, 10 不合格.
        s.text(
            10,
            0,
            if good {
                "合格卷数（优秀＋良好＋合格）"
            } else {
                "合格卷数（优秀＋合格）"
            },
            &f.text,
        )?;
        s.formula(10, 1, "=B7+B8+B9", t.passed as f64, &f.number)?;
        s.text(11, 0, "合格率", &f.text)?;
        s.formula(
            11,
            1,
            "=IF(B6=0,0,B11/B6)",
            ratio(t.passed, t.reviewed),
            &f.percent,
        )?;
        s.text(12, 0, "优秀率", &f.text)?;
        s.formula(
            12,
            1,
            "=IF(B6=0,0,B7/B6)",
            ratio(t.excellent, t.reviewed),
            &f.percent,
        )?;
        s.text(13, 0, "平均得分", &f.text)?;
        match t.average_score {
            Some(a) => s.num(13, 1, a, &f.decimal)?,
            None => s.text(13, 1, "", &f.text)?,
        }
        s.text(14, 0, "问题数", &f.text)?;
        s.num(14, 1, t.findings as f64, &f.number)?;
        s.text(15, 0, "扣分合计", &f.text)?;
        s.num(15, 1, t.deducted, &f.decimal)?;
        s.text(16, 0, "未完成评查卷数（不计入）", &f.text)?;
        s.num(16, 1, data.pending.len() as f64, &f.number)?;

        // Deductions per category.
        let mut r = 18;
        s.text(r, 0, "各评查类别扣分", &f.bold)?;
        r += 1;
        s.header(r, &["评查类别", "问题数", "扣分合计"], &f.header)?;
        let first = r + 2;
        for cat in &data.categories {
            r += 1;
            s.text(r, 0, &cat.name, &f.text)?;
            s.num(r, 1, cat.findings as f64, &f.number)?;
            s.num(r, 2, cat.deducted, &f.decimal)?;
        }
        r += 1;
        s.text(r, 0, "合计", &f.header)?;
        let last = r; // Excel row of the last category = r (0-based r-1 → r)
        s.formula(
            r,
            1,
            &format!("=SUM(B{first}:B{last})"),
            data.categories.iter().map(|c| c.findings).sum::<usize>() as f64,
            &f.total,
        )?;
        s.formula(
            r,
            2,
            &format!("=SUM(C{first}:C{last})"),
            data.categories.iter().map(|c| c.deducted).sum::<f64>(),
            &f.total,
        )?;

        // Common problems.
        r += 2;
        s.text(r, 0, "常见问题（按出现次数）", &f.bold)?;
        r += 1;
        s.header(
            r,
            &[
                "评查类别",
                "次数",
                "涉及卷数",
                "问题",
                "涉及单位",
                "典型案卷",
            ],
            &f.header,
        )?;
        for p in &c.batch_problems() {
            r += 1;
            s.text(r, 0, &p.category, &f.text)?;
            s.num(r, 1, p.count as f64, &f.number)?;
            s.num(r, 2, p.files as f64, &f.number)?;
            s.text(r, 3, &p.text, &f.text)?;
            s.text(r, 4, &p.departments.join("、"), &f.text)?;
            s.text(r, 5, &p.examples, &f.text)?;
        }
        s.ws.set_freeze_panes(1, 0)?;
        s.finish(60)?;
    }

    // 部门
    {
        let ws = wb.add_worksheet();
        ws.set_name("部门")?;
        let mut s = Sheet::new(ws, c);
        s.header(
            0,
            &[
                "排名",
                "单位",
                if data.scope.sampled {
                    "抽查卷数"
                } else {
                    "评查卷数"
                },
                "完成评查",
                "优秀",
                if good { "良好" } else { "" },
                "合格",
                "不合格",
                "合格卷数",
                "合格率",
                "优秀率",
                "平均得分",
                "问题数",
                "扣分合计",
            ],
            &f.header,
        )?;
        let mut r = 0;
        for d in &data.departments {
            r += 1;
            let x = r + 1; // Excel row
            s.num(r, 0, d.rank as f64, &f.number)?;
            s.text(r, 1, &d.name, &f.text)?;
            for (c, n) in [
                (2, d.files),
                (3, d.reviewed),
                (4, d.excellent),
                (5, d.good),
                (6, d.pass),
                (7, d.fail),
            ] {
                if c == 5 && !good {
                    s.hidden = vec![5];
                    continue;
                }
                s.num(r, c, n as f64, &f.number)?;
            }
            s.formula(
                r,
                8,
                &format!("=E{x}+F{x}+G{x}"),
                d.passed as f64,
                &f.number,
            )?;
            s.formula(
                r,
                9,
                &format!("=IF(D{x}=0,0,I{x}/D{x})"),
                ratio(d.passed, d.reviewed),
                &f.percent,
            )?;
            s.formula(
                r,
                10,
                &format!("=IF(D{x}=0,0,E{x}/D{x})"),
                ratio(d.excellent, d.reviewed),
                &f.percent,
            )?;
            match d.average_score {
                Some(a) => s.num(r, 11, a, &f.decimal)?,
                None => s.text(r, 11, "", &f.text)?,
            }
            s.num(r, 12, d.findings as f64, &f.number)?;
            s.num(r, 13, d.deducted, &f.decimal)?;
        }
        let t = &data.totals;
        r += 1;
        let x = r + 1;
        let last = r; // Excel row of the last department
        s.text(r, 0, "", &f.header)?;
        s.text(r, 1, "合计", &f.header)?;
        for (c, v) in [
            (2u16, t.files),
            (3, t.reviewed),
            (4, t.excellent),
            (5, t.good),
            (6, t.pass),
            (7, t.fail),
            (8, t.passed),
        ] {
            if c == 5 && !good {
                continue;
            }
            let l = col(c);
            s.formula(r, c, &format!("=SUM({l}2:{l}{last})"), v as f64, &f.total)?;
        }
        s.formula(
            r,
            9,
            &format!("=IF(D{x}=0,0,I{x}/D{x})"),
            t.pass_rate,
            &f.total_pct,
        )?;
        s.formula(
            r,
            10,
            &format!("=IF(D{x}=0,0,E{x}/D{x})"),
            t.excellent_rate,
            &f.total_pct,
        )?;
        s.formula(
            r,
            11,
            &format!("=IF(D{x}=0,0,SUMPRODUCT(L2:L{last},D2:D{last})/D{x})"),
            t.average_score.unwrap_or(0.0),
            &f.total,
        )?;
        s.formula(
            r,
            12,
            &format!("=SUM(M2:M{last})"),
            t.findings as f64,
            &f.total,
        )?;
        s.formula(r, 13, &format!("=SUM(N2:N{last})"), t.deducted, &f.total)?;
        s.ws.set_freeze_panes(1, 2)?;
        // 各单位案卷合格率: a native bar chart over its figures (the same
        // figures as the .docx's picture), written beside the table.
        let figures = s.c.chart();
        if !figures.bars.is_empty() {
            let (lc, vc) = (CHART_COL, CHART_COL + 1);
            s.text(0, lc, &format!("{}（图表数据）", figures.title), &f.header)?;
            s.text(0, vc, "合格率", &f.header)?;
            for (i, (label, v)) in figures.bars.iter().enumerate() {
                let row = 1 + i as u32;
                s.text(row, lc, label, &f.text)?;
                s.num(row, vc, v / 100.0, &f.percent)?;
            }
            let (first, last) = (1, figures.bars.len() as u32);
            let mut chart = Chart::new(ChartType::Bar);
            chart
                .add_series()
                .set_name("合格率")
                .set_categories(("部门", first, lc, last, lc))
                .set_values(("部门", first, vc, last, vc))
                .set_data_label(ChartDataLabel::new().show_value().set_num_format("0.0%"));
            chart.title().set_name(&figures.title);
            chart.legend().set_hidden();
            // Bars top to bottom in the table's order, the scale 0–100 %
            // along the foot.
            chart
                .y_axis()
                .set_reverse()
                .set_crossing(ChartAxisCrossing::Max);
            chart
                .x_axis()
                .set_min(0.0)
                .set_max(1.0)
                .set_major_unit(0.2)
                .set_num_format("0%");
            let height = 80 + 28 * figures.bars.len() as u32;
            chart.set_width(640).set_height(height.max(240));
            s.ws.insert_chart(r + 3, 1, &chart)?;
        }
        s.finish(40)?;
    }

    // 案卷
    {
        let ws = wb.add_worksheet();
        ws.set_name("案卷")?;
        let mut s = Sheet::new(ws, c);
        s.header(
            0,
            &[
                "执法部门",
                "案号",
                "案件名称",
                "案件类型",
                "当事人",
                "评查日期",
                "总分",
                "扣分",
                "得分",
                "等次",
                "问题数",
                "一票否决",
            ],
            &f.header,
        )?;
        for (i, file) in data.files.iter().enumerate() {
            let r = i as u32 + 1;
            s.text(r, 0, &file.department, &f.text)?;
            s.text(r, 1, &file.case_no, &f.text)?;
            s.text(
                r,
                2,
                &c.public(file.title.as_deref().unwrap_or("")),
                &f.text,
            )?;
            s.text(r, 3, &file.kind, &f.text)?;
            s.text(
                r,
                4,
                &c.public(file.party.as_deref().unwrap_or("")),
                &f.text,
            )?;
            s.text(
                r,
                5,
                &file.completed.map(cn_date).unwrap_or_default(),
                &f.text,
            )?;
            s.num(r, 6, file.total, &f.decimal)?;
            s.num(
                r,
                7,
                ((file.total - file.score) * 10.0).round() / 10.0,
                &f.decimal,
            )?;
            s.num(r, 8, file.score, &f.decimal)?;
            s.text(r, 9, &file.grade, &f.text)?;
            s.num(r, 10, file.findings.len() as f64, &f.number)?;
            s.text(r, 11, &c.public(&file.vetoes.join("；")), &f.text)?;
        }
        s.ws.set_freeze_panes(1, 2)?;
        s.ws.autofilter(0, 0, data.files.len() as u32, 11)?;
        s.finish(50)?;
    }

    // 问题明细
    {
        let ws = wb.add_worksheet();
        ws.set_name("问题明细")?;
        let mut s = Sheet::new(ws, c);
        s.header(
            0,
            &[
                "执法部门",
                "案号",
                "评查类别",
                "评查内容",
                "问题",
                "页码",
                "扣分",
                "依据",
            ],
            &f.header,
        )?;
        let mut r = 0;
        for file in &data.files {
            for fd in &file.findings {
                r += 1;
                s.text(r, 0, &fd.department, &f.text)?;
                s.text(r, 1, &fd.case_no, &f.text)?;
                s.text(r, 2, &fd.category, &f.text)?;
                s.text(r, 3, &c.public(&fd.item_text), &f.text)?;
                s.text(r, 4, &c.public(&super::compose::problem_text(fd)), &f.text)?;
                s.text(r, 5, fd.page.as_deref().unwrap_or(""), &f.text)?;
                s.num(r, 6, fd.deduction, &f.decimal)?;
                s.text(r, 7, &c.public(&fd.basis), &f.text)?;
            }
        }
        s.ws.set_freeze_panes(1, 2)?;
        s.ws.autofilter(0, 0, r.max(1), 7)?;
        s.finish(60)?;
    }
    wb.save_to_buffer()
}
