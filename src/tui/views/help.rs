//! `?`: every key of the current screen.

use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::widgets::{cjk, popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

pub fn draw(frame: &mut Frame, app: &App, scroll: usize, body: Rect) {
    let t = &app.theme;
    let (title, keys) = keymap::help(app);
    let kw = keys
        .iter()
        .map(|(k, _)| cjk::width(k))
        .max()
        .unwrap_or(8)
        .min(26);
    let area = popup::centered(body, 84, keys.len() as u16 + 5);
    popup::clear(frame, area);
    let dw = (area.width as usize).saturating_sub(kw + 5);
    let mut lines = Vec::new();
    for (k, d) in keys {
        for (i, l) in cjk::wrap(d, dw).into_iter().enumerate() {
            let head = if i == 0 {
                cjk::pad(k, kw)
            } else {
                " ".repeat(kw)
            };
            lines.push(Line::from(vec![
                Span::styled(format!(" {head}"), t.key()),
                Span::raw(format!("  {l}")),
            ]));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        " 每项修改都会立即保存。Esc 或 ? 关闭本帮助。",
        t.dim(),
    ));
    let h = area.height.saturating_sub(2) as usize;
    let max = lines.len().saturating_sub(h);
    app.ui.help_max.set(max);
    let shown: Vec<Line> = lines.into_iter().skip(scroll.min(max)).collect();
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(t.focus_border())
        .title(Span::styled(format!(" 帮助：{title} "), t.title()));
    frame.render_widget(Paragraph::new(shown).block(b), area);
}
