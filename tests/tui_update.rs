//! The update step without a terminal: events in, state (and database) out.

mod tui_common;

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use pingcha::model::{FindingStatus, ItemMark, ReviewStatus};
use pingcha::tui::Action;
use pingcha::tui::app::{App, Popup, Screen};
use pingcha::tui::detail_model::Line;
use pingcha::tui::update::{self, Effect, FindingSave};
use pingcha::workspace::Workspace;
use tui_common::*;

const SHOP: &str = "潜市监罚〔2024〕15号";

#[test]
fn vim_keys_and_arrows_move() {
    let mut ws = workspace();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [ch('j'), key(KeyCode::Down)]);
    assert_eq!(app.list.selected, 2);
    feed(&mut app, &mut ws, [ch('k')]);
    assert_eq!(app.list.selected, 1);
    feed(&mut app, &mut ws, [ch('G')]);
    assert_eq!(app.list.selected, 5);
    feed(&mut app, &mut ws, [ch('g')]);
    assert_eq!(app.list.selected, 0);
}

#[test]
fn key_release_is_ignored() {
    let mut ws = workspace();
    let mut app = app(&ws);
    let mut k = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
    k.kind = KeyEventKind::Release;
    feed(&mut app, &mut ws, [Event::Key(k)]);
    assert_eq!(app.list.selected, 0);
}

#[test]
fn search_is_fuzzy_over_case_no_party_and_title() {
    let mut ws = workspace();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [ch('/')]);
    feed(&mut app, &mut ws, typing("超市"));
    assert_eq!(app.list.len(), 1);
    assert_eq!(app.list.current().unwrap().case_no, SHOP);
    // Enter keeps the search, Esc on the list clears it.
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert!(!app.searching);
    assert_eq!(app.list.len(), 1);
    feed(&mut app, &mut ws, [key(KeyCode::Esc)]);
    assert_eq!(app.list.len(), 6);
    // By party name, fuzzy (刘…伟), and by case number digits.
    feed(&mut app, &mut ws, [ch('/')]);
    feed(&mut app, &mut ws, typing("刘伟"));
    assert_eq!(app.list.current().unwrap().case_no, "潜交执罚〔2024〕7号");
    feed(&mut app, &mut ws, [key(KeyCode::Esc), ch('/')]);
    feed(&mut app, &mut ws, typing("自然许"));
    assert_eq!(app.list.len(), 1);
}

#[test]
fn filter_picker_and_sort() {
    let mut ws = workspace();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [ch('f')]);
    feed(&mut app, &mut ws, typing("已完成"));
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert!(app.popup.is_none());
    assert_eq!(app.list.len(), 2);
    // Choosing it again removes it.
    feed(&mut app, &mut ws, [ch('f')]);
    feed(&mut app, &mut ws, typing("已完成"));
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert_eq!(app.list.len(), 6);
    // Department.
    feed(&mut app, &mut ws, [ch('f')]);
    feed(&mut app, &mut ws, typing("交通"));
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert_eq!(app.list.len(), 2);
    feed(&mut app, &mut ws, [key(KeyCode::Esc)]);
    // Sort by 问题数 descending (8 twice).
    feed(&mut app, &mut ws, [ch('8'), ch('8')]);
    assert_eq!(app.list.row(0).unwrap().findings, 2);
}

#[test]
fn log_a_problem_in_chinese_and_the_score_changes() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    select_item(&mut app, "T-09");
    feed(&mut app, &mut ws, [ch('a')]);
    feed(&mut app, &mut ws, typing("送达回证缺少签名"));
    feed(&mut app, &mut ws, [Event::Paste("\n见第十二页".into())]);
    // Tab to 扣分, down two steps of 0.5 from 10.
    feed(&mut app, &mut ws, [key(KeyCode::Tab), ch('-'), ch('-')]);
    feed(&mut app, &mut ws, [key(KeyCode::Tab)]);
    feed(&mut app, &mut ws, typing("12"));
    feed(&mut app, &mut ws, [ctrl('s')]);
    assert!(app.popup.is_none(), "{:?}", app.message);
    let d = app.detail.as_ref().unwrap();
    let f = d.view.findings.iter().find(|f| f.item == "T-09").unwrap();
    assert_eq!(f.note, "送达回证缺少签名\n见第十二页");
    assert_eq!(f.deduction, 9.0);
    assert_eq!(f.page.as_deref(), Some("12"));
    assert_eq!(f.reviewer.as_deref(), Some("王五"));
    assert_eq!(d.view.result.as_ref().unwrap().score, 91.0);
    // The new problem is selected; the list row follows.
    assert!(d.finding().is_some());
    let row = app.list.rows().iter().find(|r| r.case_no == SHOP).unwrap();
    assert_eq!(row.findings, 1);
    assert_eq!(row.status, ReviewStatus::InProgress);
    // It is in the database.
    let all = ws.store().db().findings(ws.batch(), None).unwrap();
    assert!(all.iter().any(|f| f.note.starts_with("送达回证缺少签名")));
}

#[test]
fn esc_leaves_the_form_without_writing() {
    let mut ws = workspace();
    let mut app = app(&ws);
    let before = ws.store().db().findings(ws.batch(), None).unwrap().len();
    open_case(&mut app, &mut ws, SHOP);
    feed(&mut app, &mut ws, [ch('a')]);
    feed(&mut app, &mut ws, typing("不保存"));
    feed(&mut app, &mut ws, [key(KeyCode::Esc)]);
    assert!(app.popup.is_none());
    assert_eq!(
        ws.store().db().findings(ws.batch(), None).unwrap().len(),
        before
    );
}

#[test]
fn deduction_is_bounded_by_the_item() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    select_item(&mut app, "T-10");
    feed(&mut app, &mut ws, [ch('a'), key(KeyCode::Tab)]);
    for _ in 0..5 {
        feed(&mut app, &mut ws, [ch('+')]);
    }
    let Some(Popup::Form(f)) = &app.popup else {
        panic!()
    };
    assert_eq!(f.deduction.text(), "5");
    // Typed beyond the cap: refused with a message, nothing written.
    feed(&mut app, &mut ws, typing("0"));
    feed(&mut app, &mut ws, [ctrl('s')]);
    let Some(Popup::Form(f)) = &app.popup else {
        panic!()
    };
    assert!(f.error.as_deref().unwrap().contains("0 到 5"));
}

#[test]
fn reviewer_is_remembered_and_problems_edit_and_delete() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    select_item(&mut app, "T-01");
    feed(
        &mut app,
        &mut ws,
        [
            ch('a'),
            key(KeyCode::BackTab),
            key(KeyCode::BackTab),
            ctrl('u'),
        ],
    );
    feed(&mut app, &mut ws, typing("赵六"));
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert_eq!(app.reviewer, "赵六");
    // Edit: e on the new problem, change the note.
    feed(&mut app, &mut ws, [ch('e')]);
    let Some(Popup::Form(f)) = &app.popup else {
        panic!()
    };
    assert_eq!(f.reviewer.text(), "赵六");
    feed(&mut app, &mut ws, typing("补充"));
    feed(&mut app, &mut ws, [ctrl('s')]);
    let d = app.detail.as_ref().unwrap();
    let f = &d.view.findings[d.finding().unwrap()];
    assert_eq!(f.note, "补充");
    // Delete asks first; n keeps it, d then y removes it.
    feed(&mut app, &mut ws, [ch('d'), ch('n')]);
    assert!(app.detail.as_ref().unwrap().finding().is_some());
    feed(&mut app, &mut ws, [ch('d'), ch('y')]);
    let d = app.detail.as_ref().unwrap();
    assert!(!d.view.findings.iter().any(|f| f.item == "T-01"));
}

#[test]
fn suggestions_confirm_and_dismiss_with_one_key() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    select_item(&mut app, "T-05");
    // On the item: y confirms its suggestion.
    feed(&mut app, &mut ws, [ch('y')]);
    let d = app.detail.as_ref().unwrap();
    let f = d.view.findings.iter().find(|f| f.item == "T-05").unwrap();
    assert_eq!(f.status, FindingStatus::Confirmed);
    assert_eq!(d.view.result.as_ref().unwrap().score, 90.0);
    // Another workspace: n dismisses.
    let mut ws = workspace();
    let mut app = tui_common::app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    select_item(&mut app, "T-05");
    feed(&mut app, &mut ws, [ch('j'), ch('n')]);
    let d = app.detail.as_ref().unwrap();
    assert_eq!(d.pending(), 0);
    assert_eq!(d.view.result.as_ref().unwrap().score, 100.0);
}

#[test]
fn marks_are_one_key_and_move_on() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    select_item(&mut app, "T-01");
    feed(&mut app, &mut ws, [ch('o')]);
    let d = app.detail.as_ref().unwrap();
    let t01 = d.view.items.iter().position(|i| i.id == "T-01").unwrap();
    assert_eq!(d.mark_of(t01), ItemMark::Compliant);
    assert!(matches!(d.lines[d.sel], Line::Item(i) if d.view.items[i].id == "T-02"));
    feed(&mut app, &mut ws, [ch('b')]);
    let d = app.detail.as_ref().unwrap();
    let t02 = d.view.items.iter().position(|i| i.id == "T-02").unwrap();
    assert_eq!(d.mark_of(t02), ItemMark::NotApplicable);
}

#[test]
fn complete_moves_the_list_to_the_next_unreviewed_file() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    // A pending suggestion and unchecked items: c lists them and asks why.
    feed(&mut app, &mut ws, [ch('c')]);
    let Some(Popup::Prompt(p)) = &app.popup else {
        panic!("c opens the check's question");
    };
    assert!(p.text.contains("1 条建议问题未处理"), "{}", p.text);
    assert!(p.text.contains("个项目未查"), "{}", p.text);
    // No reason, no submit.
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert!(matches!(app.popup, Some(Popup::Prompt(_))));
    assert!(app.message.as_ref().unwrap().error);
    feed(&mut app, &mut ws, typing("其余项目无问题"));
    feed(&mut app, &mut ws, [key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::List);
    let next = app.list.current().unwrap();
    assert_ne!(next.case_no, SHOP);
    assert_ne!(next.status, ReviewStatus::Completed);
    assert_eq!(app.list.progress.completed, 3);
    // Reopen from the detail screen.
    open_case(&mut app, &mut ws, SHOP);
    feed(&mut app, &mut ws, [ch('c'), ch('y')]);
    assert_eq!(
        app.detail.as_ref().unwrap().view.status,
        ReviewStatus::InProgress
    );
}

#[test]
fn completed_files_refuse_changes_with_a_message() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, "潜交执罚〔2024〕7号");
    feed(&mut app, &mut ws, [ch('a')]);
    assert!(app.popup.is_none());
    assert!(app.message.as_ref().unwrap().error);
    select_item(&mut app, "T-01");
    feed(&mut app, &mut ws, [ch('o')]);
    assert!(app.message.as_ref().unwrap().text.contains("已完成评查"));
}

#[test]
fn summary_and_help_open_and_close() {
    let mut ws = workspace();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [key(KeyCode::Tab)]);
    assert_eq!(app.screen, Screen::Summary);
    let s = app.summary.as_ref().unwrap();
    assert_eq!(s.reviewed, 2);
    feed(&mut app, &mut ws, [ch('?')]);
    assert!(app.help_scroll.is_some());
    feed(&mut app, &mut ws, [key(KeyCode::Esc), ch('q')]);
    assert_eq!(app.screen, Screen::List);
    feed(&mut app, &mut ws, [ch('q')]);
    assert!(app.quit);
}

#[test]
fn ctrl_c_quits_from_a_form() {
    let mut ws = workspace();
    let mut app = app(&ws);
    open_case(&mut app, &mut ws, SHOP);
    feed(&mut app, &mut ws, [ch('a'), ctrl('c')]);
    assert!(app.quit);
}

#[test]
fn mouse_scrolls_and_selects() {
    let mut ws = workspace();
    let mut app = app(&ws);
    render(&app, 120, 40); // measure the table
    let mouse = |kind, row| {
        Event::Mouse(MouseEvent {
            kind,
            column: 10,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    feed(&mut app, &mut ws, [mouse(MouseEventKind::ScrollDown, 5)]);
    assert_eq!(app.list.selected, 3);
    // Rows start at line 3: click line 4 selects row 1, again opens it.
    feed(
        &mut app,
        &mut ws,
        [mouse(MouseEventKind::Down(MouseButton::Left), 4)],
    );
    assert_eq!(app.list.selected, 1);
    feed(
        &mut app,
        &mut ws,
        [mouse(MouseEventKind::Down(MouseButton::Left), 4)],
    );
    assert_eq!(app.screen, Screen::Detail);
}

#[test]
fn the_loop_runs_on_a_test_backend() {
    let mut ws = workspace();
    let mut app = app(&ws);
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let evs = vec![
        key(KeyCode::Enter),
        Event::Resize(100, 30),
        key(KeyCode::Esc),
        ch('q'),
    ];
    pingcha::tui::run_loop(&mut term, &mut app, &mut ws, &mut evs.into_iter()).unwrap();
    assert!(app.quit);
}

#[test]
fn w_on_the_summary_writes_every_document_beside_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = pingcha::workspace::Workspace::build_demo(&dir.path().join("demo.db"), 7).unwrap();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [ch('t')]);
    assert_eq!(app.screen, Screen::Summary);
    feed(&mut app, &mut ws, [ch('w')]);
    assert!(
        !dir.path().join("评查文书").exists(),
        "w asks first and writes nothing"
    );
    feed(&mut app, &mut ws, [ch('y')]);
    let out = dir.path().join("评查文书");
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for wanted in ["评查情况通报.docx", "评查情况通报.xlsx", "评查情况通报.md"] {
        assert!(names.iter().any(|n| n == wanted), "{wanted} in {names:?}");
    }
    assert!(names.iter().any(|n| n.starts_with("评查建议书_")));
    let message = format!("{:?}", app.message);
    assert!(message.contains("征求意见稿"), "{message}");
    assert_eq!(
        ws.summary().unwrap().rectification_open,
        0,
        "an unfinished review is only drafted: nothing recorded"
    );
}

/// One event through the keymap and the update step only: the effects it
/// asks for, none performed.
fn effects_of(app: &mut App, ws: &Workspace, ev: Event) -> Vec<Effect> {
    match pingcha::tui::keymap::action(app, ev) {
        Some(a) => update::update(app, ws, a),
        None => Vec::new(),
    }
}

fn fixed_day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap()
}

/// Marking an item is an effect: the update writes nothing, the loop's
/// `perform` does, and the state follows.
#[test]
fn a_mark_is_an_effect_performed_by_the_loop() {
    let mut ws = workspace();
    let mut app = app(&ws);
    app.today = fixed_day();
    open_case(&mut app, &mut ws, SHOP);
    select_item(&mut app, "T-01");
    let before = ws.changes();
    let effects = effects_of(&mut app, &ws, ch('o'));
    assert_eq!(
        effects,
        [Effect::SetMark {
            case_no: SHOP.into(),
            item: "T-01".into(),
            mark: ItemMark::Compliant,
            reviewer: Some("王五".into()),
        }]
    );
    assert_eq!(ws.changes(), before, "the update wrote nothing");
    let t01 = |ws: &Workspace| {
        let v = ws.case_view(SHOP).unwrap();
        let i = v.items.iter().position(|i| i.id == "T-01").unwrap();
        v.items[i].state
    };
    assert_eq!(t01(&ws), ItemMark::Unchecked);
    for e in effects {
        update::perform(&mut app, &mut ws, e);
    }
    assert_eq!(t01(&ws), ItemMark::Compliant);
    let d = app.detail.as_ref().unwrap();
    assert!(matches!(d.lines[d.sel], Line::Item(i) if d.view.items[i].id == "T-02"));
}

/// Saving the problem form asks for the finding as a value; the form
/// stays open until it is stored.
#[test]
fn saving_a_problem_is_an_effect_carrying_the_finding() {
    let mut ws = workspace();
    let mut app = app(&ws);
    app.today = fixed_day();
    open_case(&mut app, &mut ws, SHOP);
    select_item(&mut app, "T-09");
    feed(&mut app, &mut ws, [ch('a')]);
    feed(&mut app, &mut ws, typing("送达回证缺少签名"));
    let before = ws.changes();
    let effects = effects_of(&mut app, &ws, ctrl('s'));
    let [
        Effect::SaveFinding {
            save: FindingSave::Add(new),
            item,
            award: false,
            reviewer,
            ..
        },
    ] = effects.as_slice()
    else {
        panic!("one new finding expected, got {effects:?}")
    };
    assert_eq!(item, "T-09");
    assert_eq!(new.case_no, SHOP);
    assert_eq!(new.note, "送达回证缺少签名");
    assert_eq!(new.reviewer.as_deref(), Some("王五"));
    assert_eq!(reviewer, "王五");
    assert_eq!(ws.changes(), before, "the update wrote nothing");
    assert!(matches!(app.popup, Some(Popup::Form(_))), "still open");
    for e in effects {
        update::perform(&mut app, &mut ws, e);
    }
    assert!(app.popup.is_none(), "{:?}", app.message);
    assert!(
        ws.case_view(SHOP)
            .unwrap()
            .findings
            .iter()
            .any(|f| f.note == "送达回证缺少签名")
    );
}

/// Submitting, reopening, deleting, confirming and the 评查意见 are each
/// one effect naming the file; nothing is written by the update.
#[test]
fn workflow_steps_are_effects_naming_the_file() {
    let mut ws = workspace();
    let mut app = app(&ws);
    app.today = fixed_day();
    open_case(&mut app, &mut ws, SHOP);
    let before = ws.changes();
    let status = ws.case_view(SHOP).unwrap().status;
    let reviewer = Some("王五".to_string());
    assert_eq!(
        update::update(&mut app, &ws, Action::DoComplete),
        [Effect::Submit {
            case_no: SHOP.into(),
            reviewer: reviewer.clone(),
            reason: None,
        }]
    );
    assert_eq!(
        update::update(&mut app, &ws, Action::DoReopen),
        [Effect::Reopen {
            case_no: SHOP.into(),
            reviewer: reviewer.clone(),
        }]
    );
    // The pending suggestion: `y` confirms it.
    let effects = effects_of(&mut app, &ws, ch('s'));
    assert!(effects.is_empty(), "s only moves: {effects:?}");
    let effects = effects_of(&mut app, &ws, ch('y'));
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::DecideSuggestion { confirm: true, reviewer: r, .. }] if *r == reviewer
        ),
        "{effects:?}"
    );
    // The 评查意见 through its prompt.
    effects_of(&mut app, &ws, ch('m'));
    for c in "材料齐全".chars() {
        effects_of(&mut app, &ws, ch(c));
    }
    assert_eq!(
        effects_of(&mut app, &ws, key(KeyCode::Enter)),
        [Effect::SetRemark {
            case_no: SHOP.into(),
            remark: "材料齐全".into(),
            reviewer: reviewer.clone(),
        }]
    );
    assert_eq!(ws.changes(), before, "the update wrote nothing");
    assert_eq!(
        ws.case_view(SHOP).unwrap().status,
        status,
        "not submitted until performed"
    );
}

/// The reviewer's name is remembered by an effect, and only once it is
/// performed does the app take it.
#[test]
fn the_reviewer_name_is_remembered_by_an_effect() {
    let mut ws = workspace();
    let mut app = app(&ws);
    app.today = fixed_day();
    effects_of(&mut app, &ws, ch('i'));
    for _ in 0.."王五".chars().count() {
        effects_of(&mut app, &ws, key(KeyCode::Backspace));
    }
    for c in "陈静".chars() {
        effects_of(&mut app, &ws, ch(c));
    }
    let effects = effects_of(&mut app, &ws, key(KeyCode::Enter));
    assert_eq!(
        effects,
        [Effect::RememberReviewer {
            name: "陈静".into()
        }]
    );
    assert_eq!(app.reviewer, "王五", "unchanged until performed");
    for e in effects {
        update::perform(&mut app, &mut ws, e);
    }
    assert_eq!(app.reviewer, "陈静");
    assert_eq!(
        ws.setting(update::REVIEWER_SETTING).unwrap().as_deref(),
        Some("陈静")
    );
}

/// Typing in the entry form keeps the draft through an effect per change.
#[test]
fn the_entry_form_keeps_its_draft_through_effects() {
    let mut ws = workspace();
    let mut app = app(&ws);
    app.today = fixed_day();
    assert!(effects_of(&mut app, &ws, ch('N')).is_empty());
    assert_eq!(app.screen, Screen::Entry);
    let effects = effects_of(&mut app, &ws, ch('潜'));
    let [Effect::SaveDraft { slot, draft }] = effects.as_slice() else {
        panic!("one draft to keep, got {effects:?}")
    };
    assert_eq!(slot, pingcha::workspace::NEW_SLOT);
    assert_eq!(draft.get("case_no"), "潜");
    assert!(ws.draft(pingcha::workspace::NEW_SLOT).unwrap().is_none());
    for e in effects {
        update::perform(&mut app, &mut ws, e);
    }
    let (kept, _) = ws.draft(pingcha::workspace::NEW_SLOT).unwrap().unwrap();
    assert_eq!(kept.get("case_no"), "潜");
}
