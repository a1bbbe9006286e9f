//! The team's review in the terminal: the reviewer's name asked and
//! remembered, submit after the checks, the 待复核 queue, a leader's return
//! and approval — each through key events and `update`.

mod tui_common;

use crossterm::event::KeyCode;
use pingcha::model::ReviewStatus;
use pingcha::tui::app::{App, Popup, Screen};
use pingcha::tui::theme::Theme;
use pingcha::tui::update;
use tui_common::*;

const SHOP: &str = "潜市监罚〔2024〕15号";

fn status(ws: &pingcha::workspace::Workspace) -> ReviewStatus {
    ws.case_view(SHOP).unwrap().status
}

fn switch_to(app: &mut App, ws: &mut pingcha::workspace::Workspace, name: &str) {
    feed(app, ws, [ch('i')]);
    assert!(matches!(app.popup, Some(Popup::Prompt(_))));
    // Clear what is there, then type the new name.
    feed(app, ws, std::iter::repeat_n(key(KeyCode::Backspace), 8));
    feed(app, ws, typing(name));
    feed(app, ws, [key(KeyCode::Enter)]);
    assert_eq!(app.reviewer, name);
}

#[test]
fn submitted_returned_corrected_and_approved_by_keys() {
    let mut ws = workspace();
    ws.set_team(Some(&["张组长".to_string()]), Some(false))
        .unwrap();
    let mut app = App::new(update::load_list(&ws).unwrap(), "", Theme::mono());
    open_case(&mut app, &mut ws, SHOP);
    // No name yet: c asks for it instead of assigning the file to anyone.
    feed(&mut app, &mut ws, [ch('c')]);
    let Some(Popup::Prompt(p)) = &app.popup else {
        panic!("c without a name asks for it")
    };
    assert!(p.text.contains("评查人"));
    feed(&mut app, &mut ws, typing("王芳"));
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert_eq!(app.reviewer, "王芳");
    assert_eq!(ws.setting("tui.reviewer").unwrap().as_deref(), Some("王芳"));
    // The remark, then submit with a reason for the warnings.
    feed(&mut app, &mut ws, [ch('m')]);
    feed(&mut app, &mut ws, typing("案卷基本规范"));
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert_eq!(
        ws.case_view(SHOP).unwrap().team.remark.as_deref(),
        Some("案卷基本规范")
    );
    feed(&mut app, &mut ws, [ch('c')]);
    feed(&mut app, &mut ws, typing("其余无问题"));
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert_eq!(status(&ws), ReviewStatus::PendingReview);
    assert_eq!(app.screen, Screen::List);
    // A reviewer cannot approve.
    open_case(&mut app, &mut ws, SHOP);
    feed(&mut app, &mut ws, [ch('A')]);
    assert!(app.popup.is_none());
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("不是本批次的组长")
    );
    feed(&mut app, &mut ws, [ch('q')]);
    // The leader's queue, then a return with a remark.
    switch_to(&mut app, &mut ws, "张组长");
    feed(&mut app, &mut ws, [ch('v')]);
    assert_eq!(app.list.len(), 1);
    assert_eq!(app.list.current().unwrap().case_no, SHOP);
    feed(&mut app, &mut ws, [key(KeyCode::Enter), ch('R')]);
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert!(
        matches!(app.popup, Some(Popup::Prompt(_))),
        "a return needs a remark"
    );
    feed(&mut app, &mut ws, typing("请注明页码"));
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert_eq!(status(&ws), ReviewStatus::InProgress);
    let v = &app.detail.as_ref().unwrap().view;
    assert_eq!(v.team.return_remark.as_deref(), Some("请注明页码"));
    feed(&mut app, &mut ws, [ch('q'), ch('v')]);
    // Resubmitted by the reviewer, approved by the leader.
    switch_to(&mut app, &mut ws, "王芳");
    open_case(&mut app, &mut ws, SHOP);
    feed(&mut app, &mut ws, [ch('c')]);
    feed(&mut app, &mut ws, typing("已补"));
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert_eq!(status(&ws), ReviewStatus::PendingReview);
    switch_to(&mut app, &mut ws, "张组长");
    open_case(&mut app, &mut ws, SHOP);
    feed(&mut app, &mut ws, [ch('A'), key(KeyCode::Enter)]);
    assert_eq!(status(&ws), ReviewStatus::Completed);
    let v = ws.case_view(SHOP).unwrap();
    assert_eq!(v.team.approved_by.as_deref(), Some("张组长"));
    assert!(v.reviewers.contains(&"王芳".to_string()));
}

#[test]
fn question_mark_in_a_form_opens_help() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    feed(&mut app, &mut ws, [ch('a')]);
    assert!(matches!(app.popup, Some(Popup::Form(_))));
    feed(&mut app, &mut ws, [ch('?')]);
    assert!(app.help_scroll.is_some());
    assert!(matches!(app.popup, Some(Popup::Form(_))));
}

#[test]
fn unreviewed_files_sort_last_by_score_in_both_directions() {
    let mut ws = workspace();
    let mut app = app(&ws);
    for _ in 0..2 {
        feed(&mut app, &mut ws, [ch('6')]);
        let statuses: Vec<ReviewStatus> = (0..app.list.len())
            .map(|p| app.list.row(p).unwrap().status)
            .collect();
        let first_unreviewed = statuses
            .iter()
            .position(|s| *s == ReviewStatus::NotStarted)
            .expect("the fixture has 未评 files");
        assert!(
            statuses[first_unreviewed..]
                .iter()
                .all(|s| *s == ReviewStatus::NotStarted),
            "{statuses:?}"
        );
        assert!(first_unreviewed > 0);
    }
}

/// The kept sort orders follow a changed row: after a change, the list is
/// in the order a fresh sort of the same rows gives.
#[test]
fn sorted_orders_follow_a_changed_row() {
    let mut ws = workspace();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [ch('6'), ch('6')]);
    open_case(&mut app, &mut ws, SHOP);
    feed(&mut app, &mut ws, [ch('y')]);
    feed(&mut app, &mut ws, [ch('q')]);
    for col in ['6', '5', '8', '7', '4'] {
        feed(&mut app, &mut ws, [ch(col)]);
        let mut fresh = update::load_list(&ws).unwrap();
        let (c, desc) = app.list.sort.unwrap();
        fresh.sort_by(c);
        if desc {
            fresh.sort_by(c);
        }
        let ours: Vec<&str> = (0..app.list.len())
            .map(|p| app.list.row(p).unwrap().case_no.as_str())
            .collect();
        let theirs: Vec<&str> = (0..fresh.len())
            .map(|p| fresh.row(p).unwrap().case_no.as_str())
            .collect();
        assert_eq!(ours, theirs, "column {col}");
    }
}

/// The summary computed in the background is the summary, also after a
/// write (never a stale one).
#[test]
fn the_background_summary_is_current_after_a_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut ws = pingcha::workspace::Workspace::open(&path).unwrap();
    ws.import_cases(&cases(), false).unwrap();
    let mut app = app(&ws);
    app.precomputed.source = Some((path.clone(), ws.batch()));
    app.precomputed.start(ws.changes());
    feed(&mut app, &mut ws, [key(KeyCode::Tab)]);
    assert_eq!(app.summary.as_ref(), Some(&ws.summary().unwrap()));
    feed(&mut app, &mut ws, [key(KeyCode::Esc)]);
    let before = ws.summary().unwrap();
    open_case(&mut app, &mut ws, SHOP);
    feed(&mut app, &mut ws, [ch('c')]);
    if matches!(app.popup, Some(Popup::Prompt(_))) {
        feed(&mut app, &mut ws, typing("试"));
        feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    } else {
        feed(&mut app, &mut ws, [ch('y')]);
    }
    let after = ws.summary().unwrap();
    assert_ne!(before, after, "completing a file changes the summary");
    feed(&mut app, &mut ws, [key(KeyCode::Tab)]);
    assert_eq!(app.summary.as_ref(), Some(&after));
}

#[test]
fn the_deduction_field_takes_full_width_digits_and_never_a_silent_zero() {
    use pingcha::tui::form::Field;
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    select_item(&mut app, "T-01");
    feed(&mut app, &mut ws, [ch('a')]);
    let focus = |app: &App| match &app.popup {
        Some(Popup::Form(f)) => f.focus,
        _ => panic!("the form is open"),
    };
    while focus(&app) != Field::Deduction {
        feed(&mut app, &mut ws, [key(KeyCode::Tab)]);
    }
    let text = |app: &App| match &app.popup {
        Some(Popup::Form(f)) => f.deduction.text().to_string(),
        _ => panic!("the form is open"),
    };
    feed(
        &mut app,
        &mut ws,
        std::iter::repeat_n(key(KeyCode::Backspace), 6),
    );
    feed(&mut app, &mut ws, [ch('-')]);
    assert_eq!(text(&app), "");
    let Some(Popup::Form(f)) = &app.popup else {
        unreachable!()
    };
    assert!(f.error.as_deref().unwrap_or("").contains("不能再减"));
    feed(&mut app, &mut ws, [ch('１'), ch('．'), ch('５')]);
    assert_eq!(text(&app), "1.5");
}

#[test]
fn bulk_compliant_counts_before_it_marks() {
    use pingcha::model::ItemMark;
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    select_item(&mut app, "T-01");
    let unchecked = |app: &App| {
        app.detail
            .as_ref()
            .unwrap()
            .view
            .items
            .iter()
            .filter(|i| i.applies && i.state == ItemMark::Unchecked)
            .count()
    };
    let before = unchecked(&app);
    feed(&mut app, &mut ws, [ch('O')]);
    let Some(Popup::Confirm(c)) = &app.popup else {
        panic!("O asks first")
    };
    assert!(c.text.contains("执法主体"), "{}", c.text);
    assert!(c.text.contains("2 个未查项目"), "{}", c.text);
    feed(&mut app, &mut ws, [ch('y')]);
    assert_eq!(unchecked(&app), before - 2);
    feed(&mut app, &mut ws, [ch('W')]);
    let Some(Popup::Confirm(c)) = &app.popup else {
        panic!("W asks first")
    };
    assert!(
        c.text.contains(&format!("{} 个未查项目", before - 2)),
        "{}",
        c.text
    );
    feed(&mut app, &mut ws, [ch('n')]);
    assert_eq!(unchecked(&app), before - 2, "n changes nothing");
}

#[test]
fn suggestions_are_found_by_a_key_and_a_filter() {
    use pingcha::tui::detail_model::Line;
    let mut ws = workspace();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [ch('p')]);
    assert!(!app.list.is_empty());
    assert!((0..app.list.len()).all(|p| app.list.row(p).unwrap().suggested > 0));
    feed(&mut app, &mut ws, [ch('p')]);
    assert_eq!(app.list.len(), app.list.rows().len());
    open_case(&mut app, &mut ws, SHOP);
    feed(&mut app, &mut ws, [ch('s')]);
    let d = app.detail.as_ref().unwrap();
    assert!(matches!(d.lines[d.sel], Line::Finding { finding, .. }
        if d.view.findings[finding].status == pingcha::model::FindingStatus::Suggested));
}

#[test]
fn a_vetoed_file_is_marked_in_the_list() {
    use ratatui::{Terminal, backend::TestBackend};
    let ws = workspace();
    let app = app(&ws);
    let row = app
        .list
        .rows()
        .iter()
        .find(|r| r.case_no == "潜交执罚〔2024〕7号")
        .unwrap();
    assert!(row.vetoed);
    assert!(app.list.rows().iter().filter(|r| r.vetoed).count() == 1);
    for (w, h, mark) in [(120, 40, "不合格·否决"), (80, 24, "否决")] {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| pingcha::tui::views::draw(f, &app)).unwrap();
        let screen: String = t
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|c| c.symbol())
            .filter(|s| *s != " ")
            .collect();
        assert!(screen.contains(mark), "{w}x{h}");
    }
}

#[test]
fn a_dismissed_suggestion_stays_visible_and_can_be_restored() {
    use pingcha::model::FindingStatus;
    use pingcha::tui::detail_model::Line;
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    feed(&mut app, &mut ws, [ch('s'), ch('n')]);
    let d = app.detail.as_ref().unwrap();
    let dismissed = d.lines.iter().position(|l| {
        matches!(l, Line::Finding { finding, .. }
            if d.view.findings[*finding].status == FindingStatus::Dismissed)
    });
    let Some(at) = dismissed else {
        panic!("the dismissed suggestion is still listed")
    };
    app.detail.as_mut().unwrap().sel = at;
    feed(&mut app, &mut ws, [ch('z')]);
    let v = ws.case_view(SHOP).unwrap();
    assert_eq!(v.suggested().count(), 1, "restored to a waiting suggestion");
}

/// `w` asks first; the confirmed write is an effect dated by the injected
/// clock, and nothing is written until the effect is performed.
#[test]
fn writing_documents_is_an_effect_with_the_injected_date() {
    let ws = workspace();
    let mut app = app(&ws);
    app.today = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    update::update(&mut app, &ws, pingcha::tui::Action::ShowSummary);
    let asked = update::update(&mut app, &ws, pingcha::tui::Action::WriteDocuments);
    assert!(asked.is_empty(), "w only asks first: {asked:?}");
    let yes = match &app.popup {
        Some(pingcha::tui::app::Popup::Confirm(c)) => c.yes.clone(),
        _ => panic!("a confirmation expected"),
    };
    app.popup = None;
    let effects = update::update(&mut app, &ws, yes);
    match effects.as_slice() {
        [update::Effect::WriteDocuments { today, .. }] => {
            assert_eq!(*today, chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap())
        }
        other => panic!("one effect expected, got {other:?}"),
    }
    assert!(app.message.is_none(), "nothing done yet");
}
