//! The 登记问题 popup. The real terminal cursor is put on the focused field,
//! so a Chinese IME draws its candidate window there.

use crate::tui::app::App;
use crate::tui::form::{Field, FormState};
use crate::tui::input::LineInput;
use crate::tui::theme::Theme;
use crate::tui::widgets::{cjk, popup};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

const LABEL_W: u16 = 10;

fn label(f: &FormState, field: Field, text: &str, t: &Theme) -> Span<'static> {
    let style = if f.focus == field {
        t.focus_border()
    } else {
        t.dim()
    };
    let mark = if f.focus == field { ">" } else { " " };
    Span::styled(cjk::pad(&format!("{mark}{text}"), LABEL_W as usize), style)
}

/// Draws a one-line input; returns the cursor column when it has focus.
#[allow(clippy::too_many_arguments)]
fn input_line(
    frame: &mut Frame,
    f: &FormState,
    field: Field,
    text: &str,
    input: &LineInput,
    suffix: &str,
    area: Rect,
    t: &Theme,
) -> Option<(u16, u16)> {
    let w = (area.width.saturating_sub(LABEL_W) as usize).saturating_sub(cjk::width(suffix) + 1);
    let (shown, cur) = input.view(w.max(1));
    let line = Line::from(vec![
        label(f, field, text, t),
        Span::styled(
            cjk::pad(&shown, w.max(1)),
            if f.focus == field {
                Style::new()
            } else {
                t.dim()
            }
            .add_modifier(ratatui::style::Modifier::UNDERLINED),
        ),
        Span::styled(format!(" {suffix}"), t.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    (f.focus == field).then_some((area.x + LABEL_W + cur as u16, area.y))
}

pub fn draw(frame: &mut Frame, app: &App, f: &FormState, body: Rect) {
    let t = &app.theme;
    let area = popup::centered(body, 96, 24.min(body.height));
    popup::clear(frame, area);
    let title = if f.editing.is_some() {
        "修改问题"
    } else {
        "登记问题"
    };
    let b = Block::default()
        .borders(Borders::ALL)
        .border_style(t.focus_border())
        .title(Span::styled(
            format!(" {title}  {} ", cjk::truncate(&f.case_no, 30)),
            t.title(),
        ));
    let inner = b.inner(area);
    frame.render_widget(b, area);
    if inner.height < 8 {
        frame.render_widget(Paragraph::new("窗口太小，无法显示表单"), inner);
        return;
    }
    let mut cursor = None;
    let row = |y: u16, h: u16| Rect {
        x: inner.x,
        y: inner.y + y,
        width: inner.width,
        height: h,
    };
    // Fixed rows at the bottom: deduction, page, reviewer, error, keys.
    let bottom = 5;
    let free = inner.height - bottom;
    let list_h = if free >= 12 {
        5
    } else if free >= 8 {
        3
    } else {
        1
    };
    let note_h = free - 1 - list_h;
    // Item chooser.
    let max = f.chosen().map_or(0.0, |c| c.max);
    let c = input_line(
        frame,
        f,
        Field::Item,
        "评查项目",
        &f.item_query,
        &format!("{} 项", f.matches.len()),
        row(0, 1),
        t,
    );
    cursor = cursor.or(c);
    let lw = inner.width.saturating_sub(LABEL_W) as usize;
    let start = f.match_sel.saturating_sub(list_h as usize - 1);
    let mut lines = Vec::new();
    for (k, &ci) in f
        .matches
        .iter()
        .enumerate()
        .skip(start)
        .take(list_h as usize)
    {
        let ch = &f.choices[ci];
        let s = format!("{} {}（{} 分）", ch.id, ch.text, cjk::num(ch.max));
        let style = if k == f.match_sel {
            if f.focus == Field::Item {
                t.selected()
            } else {
                t.title()
            }
        } else {
            t.dim()
        };
        let lead = if k == f.match_sel { "   已选 >" } else { "" };
        lines.push(Line::from(vec![
            Span::styled(cjk::pad(lead, LABEL_W as usize), t.dim()),
            Span::styled(cjk::pad(&s, lw), style),
        ]));
    }
    if f.matches.is_empty() {
        lines.push(Line::styled(
            format!("{}没有匹配的项目", " ".repeat(LABEL_W as usize)),
            t.error(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), row(1, list_h));
    // Description.
    let y = 1 + list_h;
    frame.render_widget(
        Paragraph::new(Line::from(label(f, Field::Note, "问题描述", t))),
        row(y, 1),
    );
    let note_area = Rect {
        x: inner.x + LABEL_W,
        y: inner.y + y,
        width: inner.width.saturating_sub(LABEL_W),
        height: note_h,
    };
    let mut ta = f.note.clone();
    ta.set_block(
        Block::default()
            .borders(Borders::LEFT)
            .border_style(if f.focus == Field::Note {
                t.focus_border()
            } else {
                t.border()
            }),
    );
    ta.set_cursor_line_style(Style::new());
    ta.set_cursor_style(if f.focus == Field::Note {
        Style::new().add_modifier(ratatui::style::Modifier::REVERSED)
    } else {
        Style::new()
    });
    frame.render_widget(&ta, note_area);
    if f.focus == Field::Note {
        let sc = ta.screen_cursor();
        let (top, left) = ta.scroll_offset();
        let x = note_area.x + 1 + (sc.col as u16).saturating_sub(left);
        let y = note_area.y + (sc.row as u16).saturating_sub(top);
        if y < note_area.y + note_area.height && x < note_area.x + note_area.width {
            cursor = Some((x, y));
        }
    }
    // Deduction, page, reviewer.
    let y = inner.height - bottom;
    let (label, hint) = f.chosen().map_or_else(
        || {
            (
                "扣分",
                format!("分（0 到 {}，+/- 按 0.5 调整）", cjk::num(max)),
            )
        },
        |c| c.field(),
    );
    let c = input_line(
        frame,
        f,
        Field::Deduction,
        label,
        &f.deduction,
        &hint,
        row(y, 1),
        t,
    );
    cursor = cursor.or(c);
    let c = input_line(
        frame,
        f,
        Field::Page,
        "页码",
        &f.page,
        "如 12-13",
        row(y + 1, 1),
        t,
    );
    cursor = cursor.or(c);
    let c = input_line(
        frame,
        f,
        Field::Reviewer,
        "评查人",
        &f.reviewer,
        "下次自动填入",
        row(y + 2, 1),
        t,
    );
    cursor = cursor.or(c);
    let veto = f.chosen().and_then(|c| c.veto);
    if f.error.is_none()
        && let Some(v) = veto
    {
        frame.render_widget(
            Paragraph::new(Line::styled(
                cjk::truncate(
                    &format!("注意：所选为否决项，登记后{}", v.label_zh()),
                    inner.width as usize,
                )
                .into_owned(),
                t.error(),
            )),
            row(y + 3, 1),
        );
    }
    if let Some(e) = &f.error {
        frame.render_widget(
            Paragraph::new(Line::styled(
                cjk::truncate(e, inner.width as usize).into_owned(),
                t.error(),
            )),
            row(y + 3, 1),
        );
    }
    // The form's keys, as the key table gives them.
    let mut spans = Vec::new();
    for (k, h) in crate::tui::keymap::hints(app) {
        spans.push(Span::styled(format!(" {k}"), t.key()));
        spans.push(Span::raw(format!(" {h} ")));
    }
    let keys = Line::from(spans);
    frame.render_widget(Paragraph::new(keys), row(y + 4, 1));
    if app.help_scroll.is_none()
        && let Some(p) = cursor
    {
        frame.set_cursor_position(p);
    }
}
