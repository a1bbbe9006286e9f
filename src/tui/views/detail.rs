//! 案卷详情: on the left the file (metadata, timeline, documents …) above
//! the score panel; on the right the checklist items that apply, grouped by
//! category, with their states and problems, above the selected line's text.

use crate::model::{FindingSource, FindingStatus, ItemMark};
use crate::tui::app::App;
use crate::tui::detail_model::{DetailState, Line as DLine, Pane};
use crate::tui::list_model::scrolled;
use crate::tui::theme::Theme;
use crate::tui::widgets::{cjk, score_panel, timeline};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

fn block<'a>(title: &'a str, focused: bool, t: &Theme) -> Block<'a> {
    Block::default()
        .borders(Borders::ALL)
        .title(Span::styled(
            format!(" {title} "),
            if focused {
                t.focus_border()
            } else {
                t.header()
            },
        ))
        .border_style(if focused {
            t.focus_border()
        } else {
            t.border()
        })
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect) {
    let Some(d) = &app.detail else { return };
    let t = &app.theme;
    // Title line.
    let v = &d.view;
    let title = format!(
        " 案卷详情  {}  {}",
        v.case.case_no,
        v.case.title.as_deref().unwrap_or("")
    );
    let status = format!("[{}] ", v.status);
    let tw = (area.width as usize).saturating_sub(cjk::width(&status));
    let head = super::split_line(
        vec![Span::styled(
            cjk::truncate(&title, tw).into_owned(),
            t.title(),
        )],
        vec![Span::styled(status, t.status(v.status))],
        area.width as usize,
    );
    frame.render_widget(Paragraph::new(head), Rect { height: 1, ..area });
    let body = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    let left_w = (body.width * 2 / 5).clamp(30.min(body.width), 56);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(10)]).areas(body);

    // Left: info above the score panel.
    let inner_w = left.width.saturating_sub(2) as usize;
    let score = score_panel::lines(v.result.as_ref(), inner_w, t);
    let score_h = (score.len() as u16 + 2).min(left.height / 2 + 1);
    let [info_area, score_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(score_h)]).areas(left);
    let info = timeline::info_lines(v, &d.steps, inner_w, t);
    let ih = info_area.height.saturating_sub(2) as usize;
    let max = info.len().saturating_sub(ih);
    app.ui.info_max.set(max);
    app.ui.info_area.set(info_area);
    let scroll = d.info_scroll.min(max);
    let shown: Vec<Line> = info.into_iter().skip(scroll).take(ih).collect();
    let info_title = if max > 0 {
        format!("案卷信息 {}/{}", scroll + 1, max + 1)
    } else {
        "案卷信息".into()
    };
    frame.render_widget(
        Paragraph::new(shown).block(block(&info_title, d.focus == Pane::Info, t)),
        info_area,
    );
    frame.render_widget(
        Paragraph::new(score).block(block("得分", false, t)),
        score_area,
    );

    // Right: items above the selected line's detail.
    let note_h = if right.height >= 18 { 7 } else { 5 };
    let [items_area, note_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(note_h)]).areas(right);
    draw_items(frame, app, d, items_area);
    draw_note(frame, app, d, note_area);
}

fn item_line(d: &DetailState, l: &DLine, w: usize, t: &Theme) -> Line<'static> {
    let v = &d.view;
    match l {
        DLine::Category {
            name,
            points,
            deducted,
        } => {
            let mut s = name.clone();
            if *points > 0.0 {
                s.push_str(&format!(
                    "  （{} 分，已扣 {}）",
                    cjk::num(*points),
                    cjk::num(*deducted)
                ));
            } else {
                s.push_str("  （一票否决项）");
            }
            Line::styled(cjk::truncate(&s, w).into_owned(), t.header())
        }
        DLine::Item(i) => {
            let it = &v.items[*i];
            let tag = cjk::pad(it.state.label(), 6);
            let pts = match it.veto {
                Some(_) if it.points == 0.0 => "否决".to_string(),
                _ => format!("{}分", cjk::num(it.points)),
            };
            let idw = 9;
            let text_w = w.saturating_sub(1 + 6 + 1 + idw + 1 + 6);
            Line::from(vec![
                Span::raw(" "),
                Span::styled(tag, t.mark(it.state)),
                Span::raw(" "),
                Span::styled(cjk::pad(&it.id, idw), t.dim()),
                Span::raw(" "),
                Span::raw(cjk::pad(&it.text, text_w)),
                Span::raw(cjk::pad_left(&pts, 6)),
            ])
        }
        DLine::Finding { finding, .. } => {
            let f = &v.findings[*finding];
            let (tag, style) = match f.status {
                FindingStatus::Suggested => ("建议", t.suggestion()),
                FindingStatus::Confirmed => ("问题", t.mark(ItemMark::Problem)),
                FindingStatus::Dismissed => ("驳回", t.dim()),
            };
            let mut s = format!("扣{}", cjk::num(f.deduction));
            if let Some(p) = &f.page {
                s.push_str(&format!(" 第{p}页"));
            }
            s.push(' ');
            s.push_str(&f.note);
            if f.status == FindingStatus::Suggested {
                s = format!("{s}  (y 确认 n 驳回)");
            }
            if v.basis_changed.contains(&f.id.to_string()) {
                s = format!("⚠ 案卷已修改，依据已变，请复核  {s}");
            }
            let rest = w.saturating_sub(8 + 5);
            Line::from(vec![
                Span::raw("        "),
                Span::styled(format!("{tag} "), style),
                Span::raw(cjk::pad(&s, rest)),
            ])
        }
    }
}

fn draw_items(frame: &mut Frame, app: &App, d: &DetailState, area: Rect) {
    let t = &app.theme;
    let focused = d.focus == Pane::Items;
    let applies = d.view.items.iter().filter(|i| i.applies).count();
    let checked = d
        .view
        .items
        .iter()
        .filter(|i| i.applies && i.state != ItemMark::Unchecked)
        .count();
    let title = match &d.view.checklist_name {
        Some(n) => format!("评查项目  {n}  已查 {checked}/{applies}"),
        None => "评查项目".into(),
    };
    let b = block(&title, focused, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    app.ui.items_area.set(inner);
    if d.lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("没有适用于该案卷的评查标准", t.dim())),
            inner,
        );
        return;
    }
    let h = inner.height as usize;
    let offset = scrolled(app.ui.items_offset.get(), d.sel, h, d.lines.len());
    // Keep the category header above the first item visible when possible.
    let offset = if offset == 1 && d.sel < h { 0 } else { offset };
    app.ui.items_offset.set(offset);
    let w = inner.width as usize;
    let lines: Vec<Line> = d
        .lines
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .map(|(i, l)| {
            let line = item_line(d, l, w, t);
            if i == d.sel {
                line.style(if focused {
                    t.selected()
                } else {
                    t.selected_unfocused()
                })
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_note(frame: &mut Frame, app: &App, d: &DetailState, area: Rect) {
    let t = &app.theme;
    let b = block("说明", false, t);
    let inner = b.inner(area);
    frame.render_widget(b, area);
    let w = inner.width as usize;
    let mut out: Vec<Line> = Vec::new();
    let v = &d.view;
    match d.lines.get(d.sel) {
        Some(DLine::Item(i)) => {
            let it = &v.items[*i];
            for l in cjk::wrap(&format!("{} {}", it.id, it.text), w) {
                out.push(Line::raw(l));
            }
            if let Some(veto) = it.veto {
                out.push(Line::styled(veto.label_zh(), t.error()));
            }
            if !it.basis.is_empty() {
                for l in cjk::wrap(&format!("依据：{}", it.basis), w) {
                    out.push(Line::styled(l, t.dim()));
                }
            }
        }
        Some(DLine::Finding { finding, .. }) => {
            let f = &v.findings[*finding];
            let who = match (f.source, &f.reviewer) {
                (FindingSource::Auto, _) => "自动检查".to_string(),
                (_, Some(r)) => format!("评查人 {r}"),
                _ => "评查人未填".to_string(),
            };
            let head = format!(
                "{} {}  扣 {} 分  {who}",
                f.item,
                f.status.label_zh(),
                cjk::num(f.deduction)
            );
            out.push(Line::styled(
                cjk::truncate(&head, w).into_owned(),
                t.header(),
            ));
            for l in cjk::wrap(&f.note, w) {
                out.push(Line::raw(l));
            }
            if let Some(b) = &f.basis {
                for l in cjk::wrap(&format!("依据：{b}"), w) {
                    out.push(Line::styled(l, t.dim()));
                }
            }
            if f.status == FindingStatus::Suggested {
                out.push(Line::styled(
                    "按 y 确认（计入扣分），按 n 驳回",
                    t.suggestion(),
                ));
            }
        }
        _ => {}
    }
    frame.render_widget(Paragraph::new(out), inner);
}
