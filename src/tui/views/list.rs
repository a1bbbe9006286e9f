//! 案卷列表: progress header, filter/search line, and a table of which only
//! the rows on screen are built (smooth with 100,000 files).

use super::split_line;
use crate::model::ReviewStatus;
use crate::tui::app::App;
use crate::tui::list_model::{Column, GradeFilter, scrolled};
use crate::tui::theme::Theme;
use crate::tui::widgets::cjk;
use crate::workspace::CaseRow;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Column widths for a table `w` columns wide (one space between columns).
pub fn widths(w: u16) -> [u16; 8] {
    // 等次 is wide enough for "不合格·否决" when there is room.
    let grade: u16 = if w >= 110 { 11 } else { 6 };
    let fixed = 8 + 6 + 5 + grade as i32 + 7; // 类型 状态 得分 等次 问题数
    let gaps = 7;
    let rest = (w as i32 - fixed - gaps).max(18) as u16;
    let case_no = 22.min(rest.saturating_sub(16)).max(8);
    let left = rest - case_no;
    let dept = left / 2;
    let party = left - dept;
    [case_no, dept, 8, party, 6, 5, grade, 7]
}

fn cell(r: &CaseRow, c: Column) -> String {
    let started = r.status != ReviewStatus::NotStarted;
    match c {
        Column::CaseNo => r.case_no.clone(),
        Column::Department => r.department.clone(), // shortened in `row_line`
        Column::Kind => r.kind.to_string(),
        Column::Party => r.party.clone().unwrap_or_default(),
        Column::Status if r.returned && r.status == ReviewStatus::InProgress => "已退回".into(),
        Column::Status => r.status.to_string(),
        Column::Score => match r.score {
            Some(s) if started => cjk::num(s),
            _ => "-".into(),
        },
        Column::Grade => match r.grade {
            Some(g) if started => g.to_string(),
            _ => "-".into(),
        },
        Column::Findings => {
            if r.suggested > 0 {
                format!("{} +{}", r.findings, r.suggested)
            } else {
                r.findings.to_string()
            }
        }
    }
}

fn row_line(r: &CaseRow, w: &[u16; 8], t: &Theme) -> Line<'static> {
    let mut spans = Vec::with_capacity(16);
    for (i, c) in Column::ALL.iter().enumerate() {
        let mut text = cell(r, *c);
        if *c == Column::Department {
            text = distinguishing(&text, w[i] as usize).to_string();
        }
        if *c == Column::Grade && r.vetoed && r.status != ReviewStatus::NotStarted {
            text = if w[i] >= 11 {
                "不合格·否决"
            } else {
                "否决"
            }
            .into();
        }
        let right = matches!(c, Column::Score | Column::Findings);
        let s = if right {
            cjk::pad_left(&text, w[i] as usize)
        } else {
            cjk::pad(&text, w[i] as usize)
        };
        let style = match c {
            Column::Status if r.returned && r.status == ReviewStatus::InProgress => t.error(),
            Column::Status => t.status(r.status),
            Column::Grade => match r.grade {
                Some(g) if r.status != ReviewStatus::NotStarted => t.grade(g),
                _ => t.dim(),
            },
            Column::Findings if r.suggested > 0 => t.suggestion(),
            _ => Default::default(),
        };
        spans.push(Span::styled(s, style));
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let l = &app.list;
    let width = area.width as usize;
    // Header: title and progress.
    let p = l.progress;
    let rate = p.pass_rate().map_or("合格率 -".to_string(), |r| {
        format!("合格率 {}", cjk::pct(r))
    });
    let who = match app.reviewer_opt() {
        Some(r) => format!("评查人 {r}  "),
        None => "评查人 未填(i)  ".to_string(),
    };
    let head = split_line(
        vec![Span::styled(" pingcha 案卷评查  案卷列表", t.title())],
        vec![
            Span::styled(who, t.dim()),
            Span::styled(
                format!("已完成 {} / 共 {}", p.completed, p.total),
                t.header(),
            ),
            Span::raw("  "),
            Span::styled(rate, t.header()),
            Span::raw(" "),
        ],
        width,
    );
    frame.render_widget(Paragraph::new(head), Rect { height: 1, ..area });
    // Filter and search line.
    let line_area = Rect {
        y: area.y + 1,
        height: 1,
        ..area
    };
    draw_filter_line(frame, app, line_area);
    // Table.
    if area.height < 4 {
        return;
    }
    let w = widths(area.width);
    let header_area = Rect {
        y: area.y + 2,
        height: 1,
        ..area
    };
    let mut spans = Vec::new();
    let mut cols = Vec::new();
    let mut x = area.x;
    for (i, c) in Column::ALL.iter().enumerate() {
        // The direction right after the column's number, so that it shows
        // however narrow the column is.
        let arrow = match l.sort {
            Some((sc, desc)) if sc == *c => {
                if desc {
                    "v"
                } else {
                    "^"
                }
            }
            _ => "",
        };
        let label = format!("{}{arrow}{}", i + 1, c.label());
        spans.push(Span::styled(cjk::pad(&label, w[i] as usize), t.header()));
        spans.push(Span::raw(" "));
        cols.push((x, x + w[i] + 1, *c));
        x += w[i] + 1;
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), header_area);
    app.ui.list_header.set(header_area);
    *app.ui.list_columns.borrow_mut() = cols;
    let body = Rect {
        y: area.y + 3,
        height: area.height - 3,
        ..area
    };
    app.ui.list_body.set(body);
    if l.is_empty() {
        let msg = if l.rows().is_empty() {
            "还没有案卷。用 pingcha import 文件 导入案卷，或运行 pingcha demo 生成演示数据。"
        } else {
            "没有符合条件的案卷。按 Esc 清除搜索和筛选。"
        };
        frame.render_widget(
            Paragraph::new(Line::styled(
                cjk::truncate(msg, width).into_owned(),
                t.dim(),
            )),
            body,
        );
        return;
    }
    let h = body.height as usize;
    let offset = scrolled(app.ui.list_offset.get(), l.selected, h, l.len());
    app.ui.list_offset.set(offset);
    let lines: Vec<Line> = (offset..(offset + h).min(l.len()))
        .filter_map(|pos| {
            let r = l.row(pos)?;
            let mut line = row_line(r, &w, t);
            if pos == l.selected {
                line = line.style(t.selected());
            }
            Some(line)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
}

fn draw_filter_line(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let l = &app.list;
    let f = &l.filter;
    let mut conds = Vec::new();
    if let Some(d) = &f.department {
        conds.push(format!("部门={d}"));
    }
    if let Some(s) = f.status {
        conds.push(format!("状态={s}"));
    }
    match f.grade {
        Some(GradeFilter::Is(g)) => conds.push(format!("等次={g}")),
        Some(GradeFilter::None) => conds.push("等次=未定".into()),
        None => {}
    }
    let count = format!("显示 {} / {} 件 ", l.len(), l.rows().len());
    let avail = (area.width as usize).saturating_sub(cjk::width(&count) + 1);
    if app.searching || !l.query.is_empty() {
        let label = " 搜索 / ";
        let iw = avail.saturating_sub(cjk::width(label) + 1).max(1);
        let (text, cur) = app.search.view(iw);
        let shown = if app.searching {
            text
        } else {
            cjk::truncate(&l.query, iw).into_owned()
        };
        let mut left = vec![Span::styled(label, t.key()), Span::raw(shown.clone())];
        if !conds.is_empty() {
            let rest = avail.saturating_sub(cjk::width(label) + cjk::width(&shown) + 2);
            left.push(Span::styled(
                format!("  {}", cjk::truncate(&conds.join("，"), rest)),
                t.dim(),
            ));
        }
        let line = split_line(
            left,
            vec![Span::styled(count, t.dim())],
            area.width as usize,
        );
        frame.render_widget(Paragraph::new(line), area);
        if app.searching && app.popup.is_none() && app.help_scroll.is_none() {
            frame.set_cursor_position((area.x + cjk::width(label) as u16 + cur as u16, area.y));
        }
        return;
    }
    let left = if conds.is_empty() {
        vec![Span::styled(" 全部案卷（/ 搜索，f 筛选）", t.dim())]
    } else {
        vec![
            Span::styled(" 筛选：", t.key()),
            Span::raw(cjk::truncate(&conds.join("，"), avail.saturating_sub(8)).into_owned()),
        ]
    };
    let line = split_line(
        left,
        vec![Span::styled(count, t.dim())],
        area.width as usize,
    );
    frame.render_widget(Paragraph::new(line), area);
}

/// A department's name for a column `w` wide: the whole name when it fits,
/// else without the city or county in front (清江市市场监督管理局 →
/// 市场监督管理局), the part that tells the departments apart.
pub fn distinguishing(name: &str, w: usize) -> &str {
    if cjk::width(name) <= w {
        return name;
    }
    for (i, ch) in name.char_indices() {
        if i > 0 && matches!(ch, '市' | '县' | '区' | '州' | '盟' | '旗') {
            let rest = &name[i + ch.len_utf8()..];
            if cjk::width(rest) >= 4 {
                return rest;
            }
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::distinguishing;

    #[test]
    fn narrow_department_names_drop_the_city() {
        assert_eq!(distinguishing("清江市市场监督管理局", 8), "市场监督管理局");
        assert_eq!(distinguishing("清江市交通运输局", 8), "交通运输局");
        assert_eq!(distinguishing("清江市交通运输局", 20), "清江市交通运输局");
        assert_eq!(distinguishing("公安局", 2), "公安局");
        assert_eq!(distinguishing("市场监督管理局", 4), "市场监督管理局");
    }
}
