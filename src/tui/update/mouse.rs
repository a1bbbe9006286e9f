//! The mouse: clicks select, the wheel scrolls.

use super::*;

pub(super) fn click(app: &mut App, ws: &Workspace, col: u16, row: u16) -> Result<()> {
    let inside = |r: ratatui::layout::Rect| {
        col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height
    };
    if app.help_scroll.is_some() {
        return Ok(());
    }
    if let Some(Popup::Picker(p)) = &mut app.popup {
        let area = app.ui.picker_area.get();
        if inside(area) {
            let pos = (row - area.y) as usize;
            if pos < p.shown.len() {
                p.sel = pos;
                choose_filter(app);
            }
        }
        return Ok(());
    }
    if app.popup.is_some() {
        return Ok(());
    }
    match app.screen {
        Screen::Entry => {}
        Screen::List => {
            if inside(app.ui.list_header.get()) {
                let hit = app
                    .ui
                    .list_columns
                    .borrow()
                    .iter()
                    .find(|(a, b, _)| col >= *a && col < *b)
                    .map(|c| c.2);
                if let Some(c) = hit {
                    sort(app, c);
                }
            } else if inside(app.ui.list_body.get()) {
                let body = app.ui.list_body.get();
                let pos = app.ui.list_offset.get() + (row - body.y) as usize;
                if pos < app.list.len() {
                    if pos == app.list.selected {
                        open_current(app, ws)?;
                    } else {
                        app.list.select(pos);
                    }
                }
            }
        }
        Screen::Detail => {
            let Some(d) = &mut app.detail else {
                return Ok(());
            };
            let items = app.ui.items_area.get();
            if inside(items) {
                d.focus = Pane::Items;
                d.select_line(app.ui.items_offset.get() + (row - items.y) as usize);
            } else if inside(app.ui.info_area.get()) {
                d.focus = Pane::Info;
            }
        }
        Screen::Summary => {}
    }
    Ok(())
}

pub(super) fn wheel(app: &mut App, col: u16, row: u16, down: bool) {
    let n: isize = if down { 3 } else { -3 };
    let inside = |r: ratatui::layout::Rect| {
        col >= r.x && col < r.x + r.width && row >= r.y && row < r.y + r.height
    };
    if let Some(h) = app.help_scroll {
        app.help_scroll = Some(h.saturating_add_signed(n).min(app.ui.help_max.get()));
        return;
    }
    match &mut app.popup {
        Some(Popup::Picker(p)) => {
            p.sel = p
                .sel
                .saturating_add_signed(n.signum())
                .min(p.shown.len().saturating_sub(1));
            return;
        }
        Some(_) => return,
        None => {}
    }
    match app.screen {
        Screen::Entry => {}
        Screen::List => app.list.move_by(n),
        Screen::Summary => {
            app.summary_scroll = app
                .summary_scroll
                .saturating_add_signed(n)
                .min(app.ui.summary_max.get())
        }
        Screen::Detail => {
            let info = app.ui.info_area.get();
            if let Some(d) = &mut app.detail {
                if inside(info) {
                    d.info_scroll = d
                        .info_scroll
                        .saturating_add_signed(n)
                        .min(app.ui.info_max.get());
                } else {
                    d.move_by(n.signum());
                }
            }
        }
    }
}
