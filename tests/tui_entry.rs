//! The entry form (新建案卷 / 修改案卷) through its update step: keys in,
//! form state and database out; snapshots of the form with Chinese content.

mod tui_common;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pingcha::tui::app::{App, Screen};
use pingcha::tui::entry::{Ask, EntryState};
use pingcha::workspace::Workspace;
use tui_common::*;

fn tab() -> Event {
    key(KeyCode::Tab)
}

fn enter() -> Event {
    key(KeyCode::Enter)
}

fn form(app: &App) -> &EntryState {
    app.entry.as_ref().expect("the entry form is open")
}

/// Moves the focus to a draft path with Tab presses, as a user would.
fn tab_to(app: &mut App, ws: &mut Workspace, path: &str) -> usize {
    let mut presses = 0;
    while form(app).current().path() != path {
        feed(app, ws, [tab()]);
        presses += 1;
        assert!(presses < 400, "{path} never reached");
    }
    presses
}

fn new_form(ws: &mut Workspace) -> App {
    let mut app = app(ws);
    feed(&mut app, ws, [ch('N')]);
    assert_eq!(app.screen, Screen::Entry);
    app
}

#[test]
fn every_date_form_is_read_in_the_files_year() {
    let mut ws = workspace();
    let mut app = new_form(&mut ws);
    feed(&mut app, &mut ws, typing("潜市监罚〔2024〕88号"));
    tab_to(&mut app, &mut ws, "events[0].date");
    for typed in [
        "2024-03-05",
        "2024.3.5",
        "2024/3/5",
        "2024年3月5日",
        "0305",
        "3.5",
    ] {
        feed(&mut app, &mut ws, [ctrl('u')]);
        feed(&mut app, &mut ws, typing(typed));
        feed(&mut app, &mut ws, [tab(), key(KeyCode::BackTab)]);
        assert_eq!(
            form(&app).text(form(&app).current()),
            "2024-03-05",
            "{typed}"
        );
    }
    // An impossible date stays as typed and gets the import's message.
    feed(&mut app, &mut ws, [ctrl('u')]);
    feed(&mut app, &mut ws, typing("2024-02-30"));
    feed(&mut app, &mut ws, [tab(), key(KeyCode::BackTab)]);
    let st = form(&app);
    assert_eq!(st.text(st.current()), "2024-02-30");
    assert_eq!(
        st.problem_at(st.current()),
        Some("“2024-02-30” 不是有效日期，应为 YYYY-MM-DD")
    );
}

#[test]
fn stages_complete_from_initials_and_first_characters() {
    let mut ws = workspace();
    let mut app = new_form(&mut ws);
    feed(&mut app, &mut ws, typing("潜市监罚〔2024〕88号"));
    tab_to(&mut app, &mut ws, "events[0].stage");
    feed(&mut app, &mut ws, typing("la"));
    assert_eq!(form(&app).completions()[0], "立案");
    feed(&mut app, &mut ws, [tab()]);
    let st = form(&app);
    assert_eq!(st.draft.rows("events")[0][0], "立案");
    assert_eq!(
        st.draft.rows("events")[0][2],
        "",
        "no document is claimed that was not typed (the checks read it)"
    );
    // On the next line, the first character.
    feed(&mut app, &mut ws, typing("0304"));
    feed(&mut app, &mut ws, [enter()]);
    feed(&mut app, &mut ws, typing("送"));
    feed(&mut app, &mut ws, [tab()]);
    assert_eq!(form(&app).draft.rows("events")[1][0], "送达");
    assert_eq!(form(&app).draft.rows("events")[0][1], "2024-03-04");
}

#[test]
fn enter_adds_a_line_and_ctrl_d_removes_it() {
    let mut ws = workspace();
    let mut app = new_form(&mut ws);
    tab_to(&mut app, &mut ws, "events[0].stage");
    assert_eq!(form(&app).draft.rows("events").len(), 1);
    feed(&mut app, &mut ws, typing("la"));
    feed(&mut app, &mut ws, [enter()]);
    assert_eq!(form(&app).draft.rows("events").len(), 2);
    assert_eq!(form(&app).current().path(), "events[1].stage");
    feed(&mut app, &mut ws, typing("jd"));
    feed(&mut app, &mut ws, [enter()]);
    assert_eq!(form(&app).draft.rows("events").len(), 3);
    // Up to the 决定 line and remove it.
    feed(&mut app, &mut ws, [key(KeyCode::Up), ctrl('d')]);
    let rows = form(&app).draft.rows("events");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0][0], "立案");
    assert_eq!(rows[1][0], "");
    // Ctrl-N inserts a line below the current one.
    feed(&mut app, &mut ws, [key(KeyCode::Up), ctrl('n')]);
    assert_eq!(form(&app).draft.rows("events").len(), 3);
    assert_eq!(form(&app).current().path(), "events[1].stage");
}

#[test]
fn a_taken_case_number_is_flagged_as_typed() {
    let mut ws = workspace();
    let mut app = new_form(&mut ws);
    feed(&mut app, &mut ws, typing("潜市监罚〔2024〕1"));
    assert!(!form(&app).duplicate);
    feed(&mut app, &mut ws, typing("5号"));
    assert!(form(&app).duplicate);
    let t = render(&app, 120, 40);
    let mut screen = String::new();
    let mut skip = false;
    for c in &t.backend().buffer().content {
        if std::mem::take(&mut skip) {
            continue;
        }
        screen.push_str(c.symbol());
        skip = unicode_width::UnicodeWidthStr::width(c.symbol()) == 2;
    }
    assert!(screen.contains("案号已存在"));
    feed(&mut app, &mut ws, [ch('0')]);
    assert!(!form(&app).duplicate);
}

#[test]
fn missing_required_fields_are_named_before_save() {
    let mut ws = workspace();
    let mut app = new_form(&mut ws);
    feed(&mut app, &mut ws, [ctrl('s')]);
    let st = form(&app);
    let (msg, error) = st.message.clone().unwrap();
    assert!(error);
    assert!(msg.contains("案号：缺少必填字段（案号）"), "{msg}");
    assert_eq!(st.missing().len(), 2, "案号 and 执法部门");
    assert_eq!(st.current().path(), "case_no", "focus on the first missing");
    assert_eq!(ws.store().db().count_cases().unwrap(), 6, "nothing stored");
}

#[test]
fn esc_on_a_changed_form_asks_and_ctrl_c_never_quits_unasked() {
    let mut ws = workspace();
    let mut app = new_form(&mut ws);
    // Unchanged: Esc closes at once.
    feed(&mut app, &mut ws, [key(KeyCode::Esc)]);
    assert_eq!(app.screen, Screen::List);
    feed(&mut app, &mut ws, [ch('N')]);
    feed(&mut app, &mut ws, typing("潜市监罚〔2024〕90号"));
    feed(&mut app, &mut ws, [key(KeyCode::Esc)]);
    assert_eq!(form(&app).ask, Some(Ask::Discard));
    feed(&mut app, &mut ws, [ch('n')]);
    assert_eq!(app.screen, Screen::Entry);
    assert_eq!(form(&app).draft.get("case_no"), "潜市监罚〔2024〕90号");
    feed(&mut app, &mut ws, [ctrl('c')]);
    assert_eq!(form(&app).ask, Some(Ask::Quit));
    assert!(!app.quit);
    feed(&mut app, &mut ws, [key(KeyCode::Esc)]);
    assert!(!app.quit);
    assert_eq!(form(&app).ask, None);
    // `?` opens the form's help; Ctrl-C there still asks.
    feed(&mut app, &mut ws, [ch('?')]);
    assert!(app.help_scroll.is_some());
    feed(&mut app, &mut ws, [key(KeyCode::Esc), ctrl('c'), ch('y')]);
    assert!(app.quit);
    // Discarding deletes the draft.
    app.quit = false;
    feed(&mut app, &mut ws, [key(KeyCode::Esc), ch('y')]);
    assert_eq!(app.screen, Screen::List);
    assert!(ws.draft(pingcha::workspace::NEW_SLOT).unwrap().is_none());
}

#[test]
fn the_draft_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("r.db");
    {
        let mut ws = Workspace::open(&db).unwrap();
        let mut app = new_form(&mut ws);
        feed(&mut app, &mut ws, typing("潜市监罚〔2024〕91号"));
        tab_to(&mut app, &mut ws, "events[0].stage");
        feed(&mut app, &mut ws, typing("la"));
        feed(&mut app, &mut ws, [tab()]);
        feed(&mut app, &mut ws, typing("0304"));
        // The process dies here: no save, no Esc.
    }
    let mut ws = Workspace::open(&db).unwrap();
    let mut app = new_form(&mut ws);
    assert_eq!(form(&app).ask, Some(Ask::Resume));
    feed(&mut app, &mut ws, [ch('y')]);
    let st = form(&app);
    assert_eq!(st.draft.get("case_no"), "潜市监罚〔2024〕91号");
    assert_eq!(st.draft.rows("events")[0][..2], ["立案", "0304"]);
}

/// A file with a late 送达, typed; returns the keys pressed.
fn type_late_service(app: &mut App, ws: &mut Workspace) -> usize {
    let mut keys = Vec::new();
    keys.extend(typing("潜市监罚〔2024〕92号"));
    keys.push(tab());
    keys.extend(typing("潜江市市场监督管理局"));
    let n = keys.len();
    feed(app, ws, keys);
    let mut count = n + tab_to(app, ws, "events[0].stage");
    let mut keys = Vec::new();
    for (stage, date) in [
        ("la", "0304"),
        ("gz", "0410"),
        ("jd", "0422"),
        ("sd", "0513"),
    ] {
        keys.extend(typing(stage));
        keys.push(tab());
        keys.extend(typing(date));
        keys.push(enter());
    }
    count += keys.len();
    feed(app, ws, keys);
    count
}

#[test]
fn checks_run_while_typing_and_save_stores_what_import_stores() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [ch('N')]);
    type_late_service(&mut app, &mut ws);
    let raised: Vec<String> = form(&app)
        .suggestions
        .iter()
        .map(|s| s.rule.clone())
        .collect();
    assert!(raised.contains(&"service".to_string()), "{raised:?}");
    let service = form(&app)
        .suggestions
        .iter()
        .find(|s| s.rule == "service")
        .unwrap();
    assert!(
        service.message.contains("实际2024年5月13日送达"),
        "{}",
        service.message
    );
    feed(&mut app, &mut ws, [ctrl('s')]);
    assert_eq!(
        app.screen,
        Screen::List,
        "{:?}",
        app.entry.as_ref().map(|e| e.message.clone())
    );
    let stored = ws
        .store()
        .db()
        .load_case("潜市监罚〔2024〕92号")
        .unwrap()
        .unwrap()
        .1;
    let notes = |ws: &Workspace| -> Vec<String> {
        let mut v: Vec<String> = ws
            .store()
            .db()
            .findings(ws.batch(), None)
            .unwrap()
            .into_iter()
            .map(|f| format!("{} {}", f.item, f.note))
            .collect();
        v.sort();
        v
    };
    // The same file imported as JSON gives the same suggestions.
    let mut other = Workspace::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("same.json");
    std::fs::write(&path, serde_json::to_string(&stored).unwrap()).unwrap();
    other.import_paths(&[path]).unwrap();
    assert_eq!(notes(&ws), notes(&other));
    assert!(!notes(&ws).is_empty());
    assert!(
        ws.draft(pingcha::workspace::NEW_SLOT).unwrap().is_none(),
        "draft dropped"
    );
    // The next new file is offered the same department.
    feed(&mut app, &mut ws, [ch('N')]);
    assert_eq!(form(&app).draft.get("department"), "潜江市市场监督管理局");
}

#[test]
fn correcting_a_file_from_its_detail_is_audited_and_rechecked() {
    let mut ws = workspace();
    let mut app = app(&ws);
    let no = "潜市监罚〔2024〕15号";
    open_case(&mut app, &mut ws, no);
    feed(&mut app, &mut ws, [ch('M')]);
    assert_eq!(form(&app).editing.as_deref(), Some(no));
    assert_eq!(
        form(&app).draft.get("title"),
        "某某超市销售超过保质期食品案"
    );
    tab_to(&mut app, &mut ws, "events[4].date");
    feed(&mut app, &mut ws, [ctrl('u')]);
    feed(&mut app, &mut ws, typing("0424"));
    feed(&mut app, &mut ws, [ctrl('s')]);
    assert_eq!(app.screen, Screen::Detail);
    let case = ws.store().db().load_case(no).unwrap().unwrap().1;
    assert_eq!(case.events[4].date.to_string(), "2024-04-24");
    let log = ws.store().db().audit_log_case(no, 50).unwrap();
    let edit = log
        .iter()
        .find(|e| e.table == "case_files" && e.op == "update")
        .expect("audit row");
    assert_eq!(
        edit.before.as_ref().unwrap()["events"][4]["date"],
        "2024-05-13"
    );
    assert_eq!(
        edit.after.as_ref().unwrap()["events"][4]["date"],
        "2024-04-24"
    );
    // The late-service suggestion planted on the fixture is withdrawn.
    let findings = ws.store().db().findings(ws.batch(), None).unwrap();
    assert!(!findings.iter().any(|f| f.note.contains("2024-05-13 送达")));
}

#[test]
fn ledger_files_are_stepped_through_and_lose_the_mark() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("台账.csv");
    std::fs::write(
        &csv,
        "案号,执法部门,案件类型,立案日期,决定日期\n清市监罚〔2024〕1号,清江市市场监督管理局,行政处罚,2024-03-01,2024-04-01\n清市监罚〔2024〕2号,清江市市场监督管理局,行政处罚,2024-03-02,2024-04-02\n",
    )
    .unwrap();
    ws.import_paths(&[csv]).unwrap();
    let mut app = app(&ws);
    feed(&mut app, &mut ws, [ch('E')]);
    assert_eq!(form(&app).editing.as_deref(), Some("清市监罚〔2024〕1号"));
    assert_eq!(form(&app).queue, ["清市监罚〔2024〕2号"]);
    tab_to(&mut app, &mut ws, "title");
    feed(&mut app, &mut ws, typing("某超市案"));
    feed(&mut app, &mut ws, [ctrl('s')]);
    assert_eq!(form(&app).editing.as_deref(), Some("清市监罚〔2024〕2号"));
    let first = ws
        .store()
        .db()
        .load_case("清市监罚〔2024〕1号")
        .unwrap()
        .unwrap()
        .1;
    assert!(!first.from_ledger());
    assert_eq!(ws.ledger_cases().unwrap(), ["清市监罚〔2024〕2号"]);
}

#[test]
fn typical_file_keystrokes() {
    // The demo's typical file: 10 steps, 2 officers, 8 documents.
    let mut ws = Workspace::open_in_memory().unwrap();
    let mut app = app(&ws);
    let mut count = 0usize;
    let mut hanzi = 0usize;
    let mut send = |app: &mut App, ws: &mut Workspace, evs: Vec<Event>| {
        count += evs.len();
        hanzi += evs
            .iter()
            .filter(|e| matches!(e, Event::Key(k) if matches!(k.code, KeyCode::Char(c) if !c.is_ascii())))
            .count();
        feed(app, ws, evs);
    };
    send(&mut app, &mut ws, vec![ch('N')]);
    let mut k = typing("清市监罚〔2024〕30号");
    k.push(tab());
    k.extend(typing("清江市市场监督管理局"));
    k.extend([tab(), tab(), tab()]);
    k.extend(typing("某超市销售过期食品案"));
    k.push(tab());
    k.extend(typing("法"));
    k.push(tab());
    k.extend(typing("清江市某某超市有限公司"));
    k.push(tab());
    k.extend(typing("91429005MA4XXXXX0Q"));
    k.push(tab());
    for (name, cert) in [("张明", "42090012345"), ("李华", "42090012346")] {
        k.extend(typing(name));
        k.push(tab());
        k.extend(typing(cert));
        k.push(tab());
        k.push(enter());
    }
    send(&mut app, &mut ws, k);
    assert_eq!(form(&app).current().path(), "officers[2].name");
    let mut k = vec![key(KeyCode::PageDown)];
    k.extend([ch('n'), tab(), ch('y'), tab()]);
    let steps = [
        ("la", "0304"),
        ("xcjc", "0305"),
        ("xw", "0306"),
        ("dcqz", "0312"),
        ("fzsh", "0401"),
        ("gz", "0410"),
        ("jd", "0422"),
        ("sd", "0424"),
        ("jk", "0506"),
        ("ja", "0510"),
    ];
    for (s, d) in steps {
        k.extend(typing(s));
        k.push(tab());
        k.extend(typing(d));
        k.push(enter());
    }
    k.push(key(KeyCode::PageDown));
    k.extend(typing("0422"));
    k.push(tab());
    k.extend(typing("警告、罚款"));
    k.push(tab());
    k.extend(typing("50000"));
    k.extend([tab(), tab()]);
    k.extend(typing("《中华人民共和国食品安全法》第一百二十四条第一款"));
    k.push(tab());
    k.extend(typing("一"));
    k.push(key(KeyCode::PageDown));
    for (title, pages) in [
        ("立案审批表", "1-2"),
        ("现场检查笔录", "3-5"),
        ("询问笔录", "6-9"),
        ("法制审核意见书", "20"),
        ("行政处罚事先告知书", "21-22"),
        ("行政处罚决定书", "30-33"),
        ("送达回证", "34"),
        ("结案审批表", "40"),
    ] {
        k.extend(typing(title));
        k.extend([tab(), tab(), tab()]);
        k.extend(typing(pages));
        k.push(tab());
        k.push(ch('y'));
        k.push(tab());
        k.push(ch('y'));
        k.push(enter());
    }
    k.push(ctrl('s'));
    send(&mut app, &mut ws, k);
    assert_eq!(
        app.screen,
        Screen::List,
        "{:?}",
        app.entry.as_ref().map(|e| e.missing())
    );
    let c = ws
        .store()
        .db()
        .load_case("清市监罚〔2024〕30号")
        .unwrap()
        .unwrap()
        .1;
    assert_eq!(c.events.len(), 10);
    assert_eq!(c.officers.len(), 2);
    assert_eq!(c.documents.len(), 8);
    assert_eq!(c.events[1].stage.as_str(), "现场检查");
    assert_eq!(c.events[1].doc, None);
    assert_eq!(c.documents[7].signed, Some(true));
    assert_eq!(c.decision.as_ref().unwrap().fine_yuan, Some(50000.0));
    eprintln!(
        "typical file (10 steps, 2 officers, 8 documents): {count} key events, of which {hanzi} Chinese characters (typed through the IME) and {} ASCII keys",
        count - hanzi
    );
    assert!(count < 700, "{count}");
}

fn snapshot(name: &str, app: &App, w: u16, h: u16) {
    let t = render(app, w, h);
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), t.backend());
}

#[test]
fn snapshots_of_the_form() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut ws = workspace();
        let mut app = new_form(&mut ws);
        type_late_service(&mut app, &mut ws);
        snapshot("entry_new", &app, w, h);
        feed(&mut app, &mut ws, [key(KeyCode::Esc)]);
        snapshot("entry_discard", &app, w, h);
    }
    let _ = KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE);
}

#[test]
fn the_list_filters_to_files_waiting_for_entry() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("full.json");
    std::fs::write(&json, CASES[0]).unwrap();
    let csv = dir.path().join("台账.csv");
    std::fs::write(
        &csv,
        "案号,执法部门,案件类型,立案日期\n清市监罚〔2024〕1号,清江市市场监督管理局,行政处罚,2024-03-01\n",
    )
    .unwrap();
    ws.import_paths(&[json, csv]).unwrap();
    let mut app = app(&ws);
    assert_eq!(app.list.len(), 2);
    feed(&mut app, &mut ws, [ch('f')]);
    feed(&mut app, &mut ws, typing("待录入"));
    feed(&mut app, &mut ws, [enter()]);
    assert_eq!(app.list.len(), 1);
    assert_eq!(app.list.current().unwrap().case_no, "清市监罚〔2024〕1号");
    // Completed with the form, it leaves the filter.
    feed(&mut app, &mut ws, [ch('E')]);
    tab_to(&mut app, &mut ws, "title");
    feed(&mut app, &mut ws, typing("某超市案"));
    feed(&mut app, &mut ws, [ctrl('s')]);
    assert_eq!(app.screen, Screen::List);
    assert_eq!(app.list.len(), 0);
}

#[test]
fn each_department_is_offered_its_own_last_officers() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let mut app = app(&ws);
    for (no, dept, officer) in [
        ("清市监罚〔2024〕40号", "清江市市场监督管理局", "张明"),
        ("清交执罚〔2024〕40号", "清江市交通运输局", "陈刚"),
    ] {
        feed(&mut app, &mut ws, [ch('N')]);
        if form(&app).ask == Some(Ask::Resume) {
            feed(&mut app, &mut ws, [ch('n')]);
        }
        feed(&mut app, &mut ws, typing(no));
        feed(&mut app, &mut ws, [tab(), ctrl('u')]);
        feed(&mut app, &mut ws, typing(dept));
        tab_to(&mut app, &mut ws, "officers[0].name");
        feed(&mut app, &mut ws, [ctrl('u')]);
        feed(&mut app, &mut ws, typing(officer));
        feed(&mut app, &mut ws, [ctrl('s')]);
        assert_eq!(app.screen, Screen::List);
    }
    // The next file: the last department and its officers …
    feed(&mut app, &mut ws, [ch('N')]);
    assert_eq!(form(&app).draft.get("department"), "清江市交通运输局");
    assert_eq!(form(&app).draft.rows("officers")[0][0], "陈刚");
    // … and another department's own officers once it is picked.
    feed(&mut app, &mut ws, [tab(), ctrl('u')]);
    feed(&mut app, &mut ws, typing("市场"));
    feed(&mut app, &mut ws, [tab()]);
    assert_eq!(form(&app).draft.get("department"), "清江市市场监督管理局");
    assert_eq!(form(&app).draft.rows("officers")[0][0], "张明");
}
