//! The filter picker: departments, statuses and grades, searchable.

use crate::tui::app::{App, PickerState};
use crate::tui::widgets::{cjk, popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, app: &App, p: &PickerState, body: Rect) {
    let t = &app.theme;
    let area = popup::centered(body, 48, 20);
    popup::clear(frame, area);
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(t.focus_border())
        .title(Span::styled(" 筛选（再选一次取消）", t.title()));
    let inner = b.inner(area);
    frame.render_widget(b, area);
    if inner.height < 2 {
        return;
    }
    let label = "查找：";
    let (q, cur) = p
        .query
        .view((inner.width as usize).saturating_sub(6).max(1));
    frame.render_widget(
        Paragraph::new(Line::from(vec![Span::styled(label, t.key()), Span::raw(q)])),
        Rect { height: 1, ..inner },
    );
    if app.help_scroll.is_none() {
        frame.set_cursor_position((inner.x + cjk::width(label) as u16 + cur as u16, inner.y));
    }
    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    let h = list.height as usize;
    let start = p.sel.saturating_sub(h.saturating_sub(1));
    app.ui.picker_area.set(Rect {
        height: (p.shown.len().saturating_sub(start)).min(h) as u16,
        ..list
    });
    let w = list.width as usize;
    let lines: Vec<Line> = p
        .shown
        .iter()
        .enumerate()
        .skip(start)
        .take(h)
        .map(|(k, &i)| {
            let o = &p.options[i];
            let mark = if o.active(&app.list.filter) {
                "✓ "
            } else {
                "  "
            };
            let line = Line::raw(cjk::pad(&format!("{mark}{}", o.label()), w));
            if k == p.sel {
                line.style(t.selected())
            } else {
                line
            }
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(
            Paragraph::new(Line::styled("没有匹配的条件", t.dim())),
            list,
        );
    } else {
        frame.render_widget(Paragraph::new(lines), list);
    }
}
