//! 汇总: pass and excellent rates overall and per department (bars), the
//! grade distribution, the ten most frequent problems, each reviewer's
//! progress. Two columns when wide, one when narrow; j/k scroll.

use super::split_line;
use crate::tui::app::App;
use crate::tui::theme::Theme;
use crate::tui::widgets::cjk;
use crate::workspace::Summary;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn bar(frac: f64, w: usize, t: &Theme) -> Vec<Span<'static>> {
    let f = frac.clamp(0.0, 1.0);
    let full = (f * w as f64).round() as usize;
    vec![
        Span::styled("█".repeat(full), t.bar()),
        Span::styled("░".repeat(w - full), t.dim()),
    ]
}

fn head(out: &mut Vec<Line<'static>>, s: &str, t: &Theme) {
    out.push(Line::styled(s.to_string(), t.header()));
}

fn overall(s: &Summary, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    head(&mut out, "总体情况", t);
    let done = if s.files > 0 {
        s.reviewed as f64 / s.files as f64
    } else {
        0.0
    };
    out.push(Line::raw(format!(
        "共 {} 件案卷，已完成评查 {} 件（{}）",
        s.files,
        s.reviewed,
        cjk::pct(done)
    )));
    if s.reviewed > 0 {
        out.push(Line::from(vec![
            Span::raw("合格率 "),
            Span::styled(cjk::pct(s.pass_rate), t.title()),
            Span::raw("   优秀率 "),
            Span::styled(cjk::pct(s.excellent_rate), t.title()),
            Span::styled("（按已完成案卷计）", t.dim()),
        ]));
    } else {
        out.push(Line::styled(
            "合格率、优秀率：尚无已完成评查的案卷",
            t.dim(),
        ));
    }
    out.push(Line::raw(format!(
        "已完成案卷确认问题 {} 个（全部 {} 个），待确认建议 {} 条",
        s.findings, s.findings_all_files, s.suggested
    )));
    if s.rectification_open > 0 {
        let mut line = vec![Span::raw(format!("整改未办结 {} 项", s.rectification_open))];
        if s.rectification_overdue > 0 {
            line.push(Span::raw("，其中逾期 "));
            line.push(Span::styled(
                format!("{} 项", s.rectification_overdue),
                t.error(),
            ));
        }
        out.push(Line::from(line));
    }
    out
}

fn name_width(s: &Summary, w: usize) -> usize {
    s.departments
        .iter()
        .map(|d| cjk::width(&d.department))
        .max()
        .unwrap_or(8)
        .min(w / 3)
        .max(4)
}

fn dept_text(d: &crate::workspace::DepartmentSummary) -> String {
    let rate = |r: f64| {
        if d.reviewed > 0 {
            cjk::pct(r)
        } else {
            "—".to_string()
        }
    };
    format!(
        " 合格{} 优秀{} 已评{}/{}",
        cjk::pad_left(&rate(d.pass_rate), 6),
        cjk::pad_left(&rate(d.excellent_rate), 6),
        d.reviewed,
        d.files
    )
}

fn reviewer_text(r: &crate::workspace::ReviewerStats) -> String {
    format!(
        " 已完成 {}/{} 件，问题 {} 个",
        r.completed, r.files, r.findings
    )
}

fn grade_text(n: i64, frac: f64) -> String {
    format!(" {n} 件 {}", cjk::pct(frac))
}

/// One bar width for every bar on the screen, so that equal fractions are
/// equally long: what the narrowest section leaves.
fn bar_width(s: &Summary, left: usize, right: usize) -> usize {
    let nw = name_width(s, left);
    let dept = s
        .departments
        .iter()
        .map(|d| cjk::width(&dept_text(d)))
        .max();
    let rev = s
        .reviewers
        .iter()
        .map(|r| cjk::width(&reviewer_text(r)))
        .max();
    let grade = cjk::width(&grade_text(99_999, 1.0));
    let mut avail = right.saturating_sub(7 + grade);
    if let Some(d) = dept {
        avail = avail.min(left.saturating_sub(nw + 1 + d));
    }
    if let Some(r) = rev {
        avail = avail.min(left.saturating_sub(11 + r));
    }
    avail.min(30)
}

fn departments(s: &Summary, w: usize, bw: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    head(&mut out, "各部门合格率（已完成案卷）", t);
    if s.departments.is_empty() {
        out.push(Line::styled("（暂无）", t.dim()));
    }
    let name_w = name_width(s, w);
    for d in &s.departments {
        let text = dept_text(d);
        let mut spans = vec![Span::raw(format!("{} ", cjk::pad(&d.department, name_w)))];
        if d.reviewed > 0 {
            spans.extend(bar(d.pass_rate, bw, t));
        } else {
            spans.push(Span::styled(cjk::pad("未评", bw), t.dim()));
        }
        spans.push(Span::raw(text));
        out.push(Line::from(spans));
    }
    out
}

fn reviewers(s: &Summary, bw: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    head(&mut out, "评查人员进度", t);
    if s.reviewers.is_empty() {
        out.push(Line::styled(
            "（还没有评查人员登记问题或完成评查）",
            t.dim(),
        ));
    }
    for r in &s.reviewers {
        let text = reviewer_text(r);
        let frac = if r.files > 0 {
            r.completed as f64 / r.files as f64
        } else {
            0.0
        };
        let mut spans = vec![Span::raw(format!("{} ", cjk::pad(&r.reviewer, 10)))];
        spans.extend(bar(frac, bw, t));
        spans.push(Span::raw(text));
        out.push(Line::from(spans));
    }
    out
}

fn grades(s: &Summary, bw: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    head(&mut out, "等次分布（已完成案卷）", t);
    let total: i64 = s.grades.values().sum();
    // Only the grades the standard has (no 良好 under a three-grade one).
    for g in ["优秀", "良好", "合格", "不合格"]
        .into_iter()
        .filter(|g| s.grades.contains_key(*g))
    {
        let n = *s.grades.get(g).unwrap_or(&0);
        let frac = if total > 0 {
            n as f64 / total as f64
        } else {
            0.0
        };
        let text = grade_text(n, frac);
        let mut spans = vec![Span::raw(format!("{} ", cjk::pad(g, 6)))];
        spans.extend(bar(frac, bw, t));
        spans.push(Span::raw(text));
        out.push(Line::from(spans));
    }
    out
}

fn problems(s: &Summary, w: usize, t: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    head(&mut out, "最常见的问题（前十）", t);
    if s.common_problems.is_empty() {
        out.push(Line::styled("（还没有已确认的问题）", t.dim()));
    }
    for (i, p) in s.common_problems.iter().take(10).enumerate() {
        let left = format!("{:>2}. {:>4}次 {} ", i + 1, p.count, cjk::pad(&p.item, 9));
        let rest = w.saturating_sub(cjk::width(&left));
        out.push(Line::from(vec![
            Span::styled(left, t.dim()),
            Span::raw(cjk::truncate(&p.text, rest).into_owned()),
        ]));
    }
    out
}

/// Sections with a blank line between them.
fn join(sections: Vec<Vec<Line<'static>>>) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (i, s) in sections.into_iter().enumerate() {
        if i > 0 {
            out.push(Line::raw(""));
        }
        out.extend(s);
    }
    out
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let title = split_line(
        vec![Span::styled(" pingcha 案卷评查  评查汇总", t.title())],
        vec![Span::styled("q 返回列表 ", t.dim())],
        area.width as usize,
    );
    frame.render_widget(Paragraph::new(title), Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 2,
        height: area.height.saturating_sub(2),
        x: area.x + 1,
        width: area.width.saturating_sub(2),
    };
    let Some(s) = &app.summary else { return };
    let h = body.height as usize;
    if body.width >= 100 {
        let lw = (body.width / 2 - 1) as usize;
        let rw = body.width as usize - lw - 2;
        let bw = bar_width(s, lw, rw);
        let left = join(vec![
            overall(s, t),
            departments(s, lw, bw, t),
            reviewers(s, bw, t),
        ]);
        let right = join(vec![grades(s, bw, t), problems(s, rw, t)]);
        let max = left.len().max(right.len()).saturating_sub(h);
        app.ui.summary_max.set(max);
        let sc = app.summary_scroll.min(max);
        let la = Rect {
            width: lw as u16,
            ..body
        };
        let ra = Rect {
            x: body.x + lw as u16 + 2,
            width: rw as u16,
            ..body
        };
        frame.render_widget(Paragraph::new(left).scroll((sc as u16, 0)), la);
        frame.render_widget(Paragraph::new(right).scroll((sc as u16, 0)), ra);
    } else {
        let w = body.width as usize;
        let bw = bar_width(s, w, w);
        let all = join(vec![
            overall(s, t),
            grades(s, bw, t),
            departments(s, w, bw, t),
            problems(s, w, t),
            reviewers(s, bw, t),
        ]);
        let max = all.len().saturating_sub(h);
        app.ui.summary_max.set(max);
        let sc = app.summary_scroll.min(max);
        frame.render_widget(Paragraph::new(all).scroll((sc as u16, 0)), body);
    }
}
