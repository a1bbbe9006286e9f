//! The score panel beside a file: score, grade, deductions by category, and
//! a veto shown plainly.

use crate::model::Veto;
use crate::scoring::ScoreResult;
use crate::tui::theme::Theme;
use crate::tui::widgets::cjk;
use ratatui::text::{Line, Span};

/// The panel's lines for `width` columns.
pub fn lines(r: Option<&ScoreResult>, width: usize, t: &Theme) -> Vec<Line<'static>> {
    let Some(r) = r else {
        return vec![Line::styled("该类案卷没有适用的评分标准", t.dim())];
    };
    let mut out = vec![Line::from(vec![
        Span::raw("得分 "),
        Span::styled(cjk::num(r.score), t.title()),
        Span::raw(format!(" / {}   等次 ", cjk::num(r.total))),
        Span::styled(r.grade.to_string(), t.grade(r.grade)),
    ])];
    out.push(Line::styled(
        format!("共扣 {} 分", cjk::num(r.deducted)),
        t.dim(),
    ));
    for v in &r.vetoes {
        let head = match v.level {
            Veto::Fail => "一票否决：不合格",
            Veto::NotExcellent => "否决项：不得评为优秀",
        };
        out.push(Line::styled(
            cjk::truncate(&format!("{head}（{}）", v.item), width).into_owned(),
            t.error(),
        ));
        for l in cjk::wrap(&v.text, width.saturating_sub(2)) {
            out.push(Line::styled(format!("  {l}"), t.error()));
        }
    }
    if r.vetoed() {
        for l in cjk::wrap("有一票否决项：无论得分多少，等次均为不合格", width)
        {
            out.push(Line::styled(l, t.error()));
        }
    }
    let name_w = r
        .by_category
        .iter()
        .map(|c| cjk::width(&c.name))
        .max()
        .unwrap_or(8)
        .min(width.saturating_sub(10));
    for c in r
        .by_category
        .iter()
        .filter(|c| c.points.is_some_and(|p| p > 0.0) || c.deducted > 0.0)
    {
        let style = if c.deducted > 0.0 { t.warn() } else { t.dim() };
        let ded = if c.deducted > 0.0 {
            format!("-{}", cjk::num(c.deducted))
        } else {
            "0".into()
        };
        out.push(Line::from(vec![
            Span::raw(cjk::pad(&c.name, name_w)),
            Span::styled(
                format!(
                    " {} / {}",
                    cjk::pad_left(&ded, 4),
                    c.points.map_or("—".to_string(), cjk::num)
                ),
                style,
            ),
        ]));
    }
    out
}
