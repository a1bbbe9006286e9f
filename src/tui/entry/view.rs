//! Drawing the entry form: the fields in the order a dossier is bound on
//! the left, what the checks raise on the draft and what is still missing
//! beside it (below it on a narrow terminal), the focused field's hint at
//! the foot.

use super::state::{Ask, Cell, EntryState};
use crate::entry::parse_date;
use crate::entry::schema::{self, Block, Kind};
use crate::tui::app::App;
use crate::tui::widgets::{cjk, popup};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Frame_, Borders, Paragraph};

const LABEL_W: usize = 16;

/// Shows `420102199001011234` as `4201**********1234`.
pub fn mask(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 8))
}

/// Column widths of a group's cells in `w` columns.
fn col_widths(g: &schema::Group, w: usize) -> Vec<usize> {
    let weight = |f: &schema::Field| match f.kind {
        Kind::Date => 11,
        Kind::Bool => 4,
        Kind::Stage => 9,
        Kind::Number => 6,
        Kind::Choice(_) => 6,
        _ if f.path == "pages" => 6,
        _ if f.path == "name" => 8,
        _ => 16,
    };
    let total: usize = g.cols.iter().map(weight).sum();
    let avail = w.saturating_sub(g.cols.len() * 3 + 4);
    g.cols
        .iter()
        .map(|c| (weight(c) * avail / total.max(1)).max(4))
        .collect()
}

fn shown(st: &EntryState, c: Cell, focused: bool) -> String {
    let t = st.text(c);
    if !focused && c.field().kind == Kind::Secret && !t.is_empty() {
        mask(t)
    } else {
        t.to_string()
    }
}

/// The form's lines, the line of the focus, and the cursor (line, column).
fn form_lines(app: &App, st: &EntryState, w: usize) -> (Vec<Line<'static>>, usize, (usize, u16)) {
    let t = &app.theme;
    let cells = st.cells();
    let cur = cells[st.focus.min(cells.len() - 1)];
    let mut lines = Vec::new();
    let mut focus_line = 0;
    let mut cursor = (0, 0);
    let cell_style = |c: Cell| {
        if c == cur {
            t.selected()
        } else if st.problem_at(c).is_some() {
            t.error()
        } else {
            Style::default()
        }
    };
    for s in schema::FORM {
        lines.push(Line::from(Span::styled(
            format!("【{}】", s.label),
            t.title(),
        )));
        for b in s.blocks {
            match b {
                Block::Field(f) => {
                    let c = Cell::Field(f);
                    let star = if f.required { "＊" } else { "　" };
                    let label = cjk::pad(&format!("{star}{}", f.label), LABEL_W);
                    let vw = w.saturating_sub(LABEL_W + 4).max(4);
                    let mut spans = vec![Span::raw(label)];
                    if c == cur {
                        let (text, col) = st.input.view(vw);
                        focus_line = lines.len();
                        cursor = (lines.len(), (LABEL_W + col) as u16);
                        let pw = (cjk::width(&text) + 1).max(20).min(vw);
                        spans.push(Span::styled(cjk::pad(&text, pw), t.selected()));
                    } else {
                        let text = cjk::truncate(&shown(st, c, false), vw).into_owned();
                        spans.push(Span::styled(text, cell_style(c)));
                    }
                    if st.problem_at(c).is_some() {
                        spans.push(Span::styled(" ✗", t.error()));
                    }
                    if f.path == "case_no" && st.duplicate {
                        spans.push(Span::styled(" ⚠ 案号已存在", t.warn()));
                    }
                    lines.push(Line::from(spans));
                }
                Block::Group(g) => {
                    let widths = col_widths(g, w);
                    let mut head = vec![Span::styled("  # ", t.header())];
                    for (c, cw) in g.cols.iter().zip(&widths) {
                        let star = if c.required { "＊" } else { "" };
                        head.push(Span::styled(
                            format!("{} │", cjk::pad(&format!("{star}{}", c.label), *cw)),
                            t.header(),
                        ));
                    }
                    lines.push(Line::from(head));
                    for row in 0..st.draft.rows(g.path).len().max(1) {
                        let mut spans = vec![Span::styled(
                            cjk::pad_left(&format!("{} ", row + 1), 4),
                            t.dim(),
                        )];
                        let mut x = 4;
                        for (col, cw) in widths.iter().enumerate() {
                            let c = Cell::Line { group: g, row, col };
                            if c == cur {
                                let (text, at) = st.input.view(*cw);
                                focus_line = lines.len();
                                cursor = (lines.len(), (x + at) as u16);
                                spans.push(Span::styled(cjk::pad(&text, *cw), t.selected()));
                            } else {
                                let text = cjk::truncate(&shown(st, c, false), *cw).into_owned();
                                spans.push(Span::styled(cjk::pad(&text, *cw), cell_style(c)));
                            }
                            spans.push(Span::styled(" │", t.dim()));
                            x += cw + 2;
                        }
                        if (0..g.cols.len())
                            .any(|col| st.problem_at(Cell::Line { group: g, row, col }).is_some())
                        {
                            spans.push(Span::styled("✗", t.error()));
                        }
                        lines.push(Line::from(spans));
                    }
                }
            }
        }
    }
    (lines, focus_line, cursor)
}

/// What the checks raise and what is missing, wrapped to `w`.
fn side_lines(app: &App, st: &EntryState, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out = vec![Line::from(Span::styled(
        format!("自动程序检查（{}）", st.suggestions.len()),
        t.title(),
    ))];
    let dated = st.draft.rows(schema::EVENTS).iter().any(|r| {
        r.get(1)
            .is_some_and(|d| parse_date(d, st.draft.year()).is_some())
    });
    if !dated {
        out.push(Line::from(Span::styled(
            "录入时间线（环节和日期）后即运行，每次改动重新检查",
            t.dim(),
        )));
    } else if st.suggestions.is_empty() {
        out.push(Line::from(Span::styled("未发现程序问题", t.dim())));
    }
    for s in &st.suggestions {
        let text = format!("• {}（{}）", s.message, s.basis);
        for (i, l) in cjk::wrap(&text, w.saturating_sub(2).max(8))
            .into_iter()
            .enumerate()
        {
            let l = if i == 0 { l } else { format!("  {l}") };
            out.push(Line::from(Span::styled(l, t.suggestion())));
        }
    }
    out.push(Line::from(""));
    let missing = st.missing();
    out.push(Line::from(Span::styled(
        format!("尚缺或有误（{}）", missing.len()),
        t.title(),
    )));
    if missing.is_empty() {
        out.push(Line::from(Span::styled("可以保存（Ctrl-S）", t.ok())));
    }
    for m in missing {
        for l in cjk::wrap(&format!("✗ {m}"), w.max(8)) {
            out.push(Line::from(Span::styled(l, t.error())));
        }
    }
    out
}

/// The focused field's hint: what it takes, what was read, completions.
fn hint(st: &EntryState) -> String {
    let c = st.current();
    let f = c.field();
    let typed = st.input.text().trim();
    let mut s = match f.kind {
        Kind::Date => match parse_date(typed, st.draft.year()) {
            Some(d) if !typed.is_empty() => format!("读作 {}", d.format("%Y-%m-%d")),
            _ => "日期：2024-03-05 · 2024.3.5 · 2024年3月5日 · 本年 0305 或 3.5".into(),
        },
        Kind::Stage => {
            let comps = st.completions();
            if comps.is_empty() {
                "环节：输入首字或拼音首字母（la 立案 · xw 询问 · gz 告知 · jd 决定 · sd 送达）"
                    .into()
            } else {
                format!("Tab 取 {} · 其他：{}", comps[0], comps[1..].join(" "))
            }
        }
        Kind::Choice(o) => format!("{}（输入首字即可）", o.join(" · ")),
        Kind::Bool => "是 / 否（y / n）".into(),
        Kind::Money => "金额（元），最多两位小数".into(),
        Kind::List(sep) => format!("多项用“{sep}”分隔"),
        Kind::Secret => "录入后屏幕上遮盖显示".into(),
        _ if f.path == "department" => {
            let comps = st.completions();
            if comps.is_empty() {
                "部门：输入已知部门的一部分，或新部门全称".into()
            } else {
                format!("已知部门：{}（Tab 取第一个）", comps.join(" · "))
            }
        }
        _ => String::new(),
    };
    if matches!(c, Cell::Line { .. }) {
        s.push_str("　Enter 下一行 · Ctrl-N 插入行 · Ctrl-D 删除行");
    }
    if f.path == "case_no" && st.duplicate {
        s = "⚠ 案号已存在：新建时将被拒绝；修改已有案卷请在其详情中按 M".into();
    }
    if let Some(p) = st.problem_at(c) {
        s = format!("✗ {p}　{s}");
    }
    s
}

pub fn draw(frame: &mut Frame, app: &App, st: &EntryState, area: Rect) {
    let t = &app.theme;
    let title = match &st.editing {
        Some(no) => format!(" 修改案卷 {no} "),
        None => " 新建案卷 ".to_string(),
    };
    let saved = if st.changed {
        "草稿已自动保存"
    } else {
        ""
    };
    let block = Frame_::default()
        .borders(Borders::ALL)
        .border_style(t.focus_border())
        .title(Span::styled(title, t.title()))
        .title_bottom(Span::styled(format!(" {saved} "), t.dim()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 4 || inner.width < 20 {
        return;
    }
    let wide = inner.width >= 100;
    let (form, side) = if wide {
        let fw = inner.width * 58 / 100;
        (
            Rect {
                width: fw,
                height: inner.height - 2,
                ..inner
            },
            Rect {
                x: inner.x + fw + 1,
                width: inner.width - fw - 1,
                height: inner.height - 2,
                ..inner
            },
        )
    } else {
        let sh = (inner.height / 3).max(3);
        (
            Rect {
                height: inner.height - 2 - sh,
                ..inner
            },
            Rect {
                y: inner.y + inner.height - 2 - sh,
                height: sh,
                ..inner
            },
        )
    };
    let (lines, focus_line, cursor) = form_lines(app, st, form.width as usize);
    let h = form.height as usize;
    let mut top = st.scroll.get();
    if focus_line < top + 1 {
        top = focus_line.saturating_sub(1);
    } else if focus_line + 2 > top + h {
        top = focus_line + 2 - h;
    }
    top = top.min(lines.len().saturating_sub(1));
    st.scroll.set(top);
    let visible: Vec<Line> = lines.into_iter().skip(top).take(h).collect();
    frame.render_widget(Paragraph::new(visible), form);
    let side_w = side.width as usize;
    let mut side_text = side_lines(app, st, side_w.saturating_sub(1));
    if !wide {
        side_text.truncate(side.height as usize);
    }
    frame.render_widget(Paragraph::new(side_text), side);
    let foot = Rect {
        y: inner.y + inner.height - 2,
        height: 2,
        ..inner
    };
    let (msg, style) = match &st.message {
        Some((m, true)) => (m.clone(), t.error()),
        Some((m, false)) => (m.clone(), t.ok()),
        // The form's keys, as the key table gives them.
        None => (
            crate::tui::keymap::hints(app)
                .iter()
                .map(|(k, h)| format!("{k} {h}"))
                .collect::<Vec<_>>()
                .join(" · "),
            t.dim(),
        ),
    };
    let w = foot.width as usize;
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(Span::styled(
                cjk::truncate(&hint(st), w).into_owned(),
                t.key(),
            )),
            Line::from(Span::styled(cjk::truncate(&msg, w).into_owned(), style)),
        ]),
        foot,
    );
    if st.ask.is_none() && cursor.0 >= top && cursor.0 < top + h {
        frame.set_cursor_position(Position {
            x: form.x + cursor.1,
            y: form.y + (cursor.0 - top) as u16,
        });
    }
    if let Some(ask) = st.ask {
        draw_ask(frame, app, st, ask, area);
    }
}

fn draw_ask(frame: &mut Frame, app: &App, st: &EntryState, ask: Ask, area: Rect) {
    let t = &app.theme;
    let (title, text) = match ask {
        Ask::Discard => (
            "放弃录入？",
            "表单已修改。y 放弃并删除草稿 · n 返回表单继续录入".to_string(),
        ),
        Ask::Quit => (
            "退出 pingcha？",
            "草稿已保存在数据库中，下次打开可继续。y 退出 · n 返回表单".to_string(),
        ),
        Ask::Resume => (
            "继续上次的草稿？",
            format!(
                "发现未保存的草稿（{}）。y 继续录入该草稿 · n 删除草稿重新开始",
                st.pending
                    .as_ref()
                    .map_or("", |(_, at)| at.get(..16).unwrap_or(at))
            ),
        ),
    };
    let w = (area.width.saturating_sub(4)).min(60);
    let lines = cjk::wrap(&text, w.saturating_sub(4) as usize);
    let rect = popup::centered(area, w, lines.len() as u16 + 2);
    popup::clear(frame, rect);
    let block = Frame_::default()
        .borders(Borders::ALL)
        .border_style(t.focus_border())
        .title(Span::styled(format!(" {title} "), t.title()));
    let body: Vec<Line> = lines.into_iter().map(Line::from).collect();
    frame.render_widget(Paragraph::new(body).block(block), rect);
}
