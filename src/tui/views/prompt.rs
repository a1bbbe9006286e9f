//! A one-line question: the name of who is reviewing, a remark.

use crate::tui::app::{App, PromptState};
use crate::tui::widgets::{cjk, popup};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, app: &App, p: &PromptState, body: Rect) {
    let t = &app.theme;
    let w = 70.min(body.width.saturating_sub(4)).max(20);
    let inner = (w - 4) as usize;
    let mut lines: Vec<Line> = cjk::wrap(&p.text, inner)
        .into_iter()
        .take(10)
        .map(Line::raw)
        .collect();
    lines.push(Line::raw(""));
    let (shown, cursor) = p.input.view(inner.saturating_sub(2));
    let field_row = lines.len() as u16;
    lines.push(Line::from(vec![
        Span::styled("› ", t.key()),
        Span::raw(shown),
    ]));
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("Enter", t.key()),
        Span::raw(" 确定    "),
        Span::styled("Esc", t.key()),
        Span::raw(" 取消"),
    ]));
    let area = popup::centered(body, w, lines.len() as u16 + 2);
    popup::clear(frame, area);
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(t.focus_border())
        .title(Span::styled(format!(" {} ", p.title), t.title()));
    frame.render_widget(Paragraph::new(lines).block(b), area);
    let x = area.x + 1 + 2 + cursor as u16;
    let y = area.y + 1 + field_row;
    if x < area.x + area.width - 1 && y < area.y + area.height - 1 {
        frame.set_cursor_position(Position::new(x, y));
    }
}
