//! Every screen at 120×40 and at 80×24, with Chinese content (insta +
//! ratatui's TestBackend). Nothing shown depends on dates, times or ids.

mod tui_common;

use crossterm::event::{Event, KeyCode};
use tui_common::*;

fn both(name: &str, app: &pingcha::tui::App) {
    for (w, h) in [(120, 40), (80, 24)] {
        let t = render(app, w, h);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
    }
}

#[test]
fn list() {
    let ws = workspace();
    let app = app(&ws);
    both("list", &app);
}

#[test]
fn list_search_and_filter() {
    let mut ws = workspace();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [ch('/')]);
    feed(&mut app, &mut ws, typing("超市"));
    both("list_search", &app);
    feed(&mut app, &mut ws, [key(KeyCode::Esc), ch('f')]);
    both("list_picker", &app);
    feed(&mut app, &mut ws, typing("已完成"));
    feed(&mut app, &mut ws, [key(KeyCode::Enter), ch('6')]);
    both("list_filtered_sorted", &app);
}

#[test]
fn detail() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, "潜市监罚〔2024〕15号");
    both("detail", &app);
    select_item(&mut app, "T-05");
    feed(&mut app, &mut ws, [ch('j')]);
    assert!(app.detail.as_ref().unwrap().suggestion().is_some());
    both("detail_suggestion", &app);
    feed(&mut app, &mut ws, [key(KeyCode::Tab), ch('J'), ch('J')]);
    both("detail_info_scrolled", &app);
}

#[test]
fn detail_veto() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, "潜交执罚〔2024〕7号");
    both("detail_veto", &app);
}

#[test]
fn form() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, "潜市监罚〔2024〕15号");
    select_item(&mut app, "T-09");
    feed(&mut app, &mut ws, [ch('a')]);
    assert!(app.popup.is_some());
    feed(&mut app, &mut ws, typing("送达回证缺少受送达人签名，"));
    feed(
        &mut app,
        &mut ws,
        [Event::Paste("无法确认送达日期。\n见卷宗第十二页。".into())],
    );
    both("form", &app);
    // The item chooser, searched in Chinese.
    feed(&mut app, &mut ws, [key(KeyCode::BackTab)]);
    feed(&mut app, &mut ws, typing("笔录"));
    both("form_item_search", &app);
}

#[test]
fn confirm_delete() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, "潜自然罚〔2024〕3号");
    select_line(&mut app, |_, l| {
        matches!(l, pingcha::tui::detail_model::Line::Finding { .. })
    });
    feed(&mut app, &mut ws, [ch('d')]);
    both("confirm_delete", &app);
}

#[test]
fn help() {
    let mut ws = workspace();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [ch('?')]);
    both("help_list", &app);
    feed(&mut app, &mut ws, [key(KeyCode::Esc)]);
    open_case(&mut app, &mut ws, "潜市监罚〔2024〕15号");
    feed(&mut app, &mut ws, [ch('?')]);
    both("help_detail", &app);
}

#[test]
fn summary() {
    let mut ws = workspace();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [key(KeyCode::Tab)]);
    both("summary", &app);
}

#[test]
fn empty_database() {
    let mut ws = pingcha::workspace::Workspace::open_in_memory().unwrap();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    both("empty", &app);
}

#[test]
fn tiny_terminal_does_not_panic() {
    let mut ws = workspace();
    let mut app = app(&ws);
    for (w, h) in [(40, 10), (20, 5), (10, 3), (1, 1)] {
        render(&app, w, h);
    }
    open_case(&mut app, &mut ws, "潜市监罚〔2024〕15号");
    feed(&mut app, &mut ws, [ch('a')]);
    for (w, h) in [(60, 16), (40, 10), (20, 5), (1, 1)] {
        render(&app, w, h);
    }
}
