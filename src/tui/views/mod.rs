//! Drawing: one function per screen, each reading the state only.

mod confirm;
mod detail;
mod form;
mod help;
mod list;
mod picker;
mod summary;

use super::app::{App, Popup, Screen};
use super::keymap;
use super::widgets::cjk;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    app.ui.screen.set(area);
    if area.width < 20 || area.height < 5 {
        frame.render_widget(Paragraph::new("窗口太小"), area);
        return;
    }
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    let status = Rect {
        y: area.y + area.height - 1,
        height: 1,
        ..area
    };
    match app.screen {
        Screen::List => list::draw(frame, app, body),
        Screen::Detail => detail::draw(frame, app, body),
        Screen::Summary => summary::draw(frame, app, body),
        Screen::Entry => match &app.entry {
            Some(st) => super::entry::view::draw(frame, app, st, body),
            None => list::draw(frame, app, body),
        },
    }
    match &app.popup {
        Some(Popup::Picker(p)) => picker::draw(frame, app, p, body),
        Some(Popup::Form(f)) => form::draw(frame, app, f, body),
        Some(Popup::Confirm(c)) => confirm::draw(frame, app, c, body),
        None => {}
    }
    if let Some(scroll) = app.help_scroll {
        help::draw(frame, app, scroll, body);
    }
    draw_status(frame, app, status);
}

/// The status line: the last message, else the main keys.
fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    let t = &app.theme;
    let line = match &app.message {
        Some(m) => Line::from(Span::styled(
            cjk::truncate(&m.text, area.width as usize).into_owned(),
            if m.error { t.error() } else { t.ok() },
        )),
        None => key_line(app, area.width as usize),
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// Key hints that fit in `width` columns.
fn key_line(app: &App, width: usize) -> Line<'static> {
    let t = &app.theme;
    let mut spans = Vec::new();
    let mut used = 0;
    for (k, d) in keymap::hints(app) {
        let w = cjk::width(k) + cjk::width(d) + 3;
        if used + w > width {
            break;
        }
        spans.push(Span::styled(format!(" {k}"), t.key()));
        spans.push(Span::raw(format!(" {d} ")));
        used += w;
    }
    Line::from(spans)
}

/// A line with `left` and `right` parts, padded to `width`.
fn split_line<'a>(left: Vec<Span<'a>>, right: Vec<Span<'a>>, width: usize) -> Line<'a> {
    let lw: usize = left.iter().map(|s| cjk::width(&s.content)).sum();
    let rw: usize = right.iter().map(|s| cjk::width(&s.content)).sum();
    let mut spans = left;
    if lw + rw < width {
        spans.push(Span::raw(" ".repeat(width - lw - rw)));
        spans.extend(right);
    }
    Line::from(spans)
}
