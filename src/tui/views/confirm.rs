//! A yes/no question.

use crate::tui::app::{App, ConfirmState};
use crate::tui::widgets::{cjk, popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, app: &App, c: &ConfirmState, body: Rect) {
    let t = &app.theme;
    let w = 60.min(body.width.saturating_sub(4)).max(20);
    let mut lines: Vec<Line> = cjk::wrap(&c.text, (w - 4) as usize)
        .into_iter()
        .take(8)
        .map(Line::raw)
        .collect();
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("y / Enter", t.key()),
        Span::raw(" 是    "),
        Span::styled("n / Esc", t.key()),
        Span::raw(" 否"),
    ]));
    let area = popup::centered(body, w, lines.len() as u16 + 2);
    popup::clear(frame, area);
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(t.error())
        .title(Span::styled(format!(" {} ", c.title), t.error()));
    frame.render_widget(Paragraph::new(lines).block(b), area);
}
