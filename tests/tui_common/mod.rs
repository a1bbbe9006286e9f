//! Shared fixtures for the TUI tests: a small workspace with Chinese
//! content in every state (未评, 评查中 with a suggestion, 已完成 优秀 and
//! 不合格), graded by a fixture checklist so that snapshots do not move when
//! the shipped standards are revised.
#![allow(dead_code)]

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pingcha::model::{CaseFile, ItemMark, Suggestion};
use pingcha::tui::app::App;
use pingcha::tui::theme::Theme;
use pingcha::tui::{handle, update, views};
use pingcha::workspace::{NewFinding, Workspace};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const CHECKLIST: &str = r#"
id = "A-TUI"
name = "行政处罚案卷评查标准（测试）"
version = "1"
source = "tests"
role = "general"
kinds = ["行政处罚", "行政许可"]
total = 100

[thresholds]
excellent = 90
good = 80
pass = 60

[[categories]]
name = "基本标准"
points = 0

[[categories]]
name = "执法主体"
points = 10

[[categories]]
name = "事实证据"
points = 30

[[categories]]
name = "执法程序"
points = 40

[[categories]]
name = "文书制作"
points = 10

[[categories]]
name = "三项制度"
points = 10

[[items]]
id = "T-V01"
category = "基本标准"
text = "承办人员不具有行政执法资格（无有效执法证件）"
veto = "fail"
basis = "《中华人民共和国行政处罚法》第四十二条"

[[items]]
id = "T-01"
category = "执法主体"
text = "当事人身份信息完整准确，卷内附身份证明或营业执照"
points = 5

[[items]]
id = "T-02"
category = "执法主体"
text = "文书载明执法人员姓名及执法证号"
points = 5

[[items]]
id = "T-03"
category = "事实证据"
text = "违法事实清楚，证据确凿，形成完整证据链"
points = 15

[[items]]
id = "T-04"
category = "事实证据"
text = "询问笔录要素完整：起止时间、地点、执法人员、告知事项"
points = 15

[[items]]
id = "T-05"
category = "执法程序"
text = "处罚决定书在七个工作日内依法送达，有送达回证"
points = 10
basis = "《中华人民共和国行政处罚法》第六十一条"

[[items]]
id = "T-06"
category = "执法程序"
text = "听证程序合法：申请后依法组织听证"
points = 10
applies_when = { has_stage = ["听证申请", "听证"] }

[[items]]
id = "T-07"
category = "执法程序"
text = "自立案之日起九十日内作出处罚决定"
points = 10

[[items]]
id = "T-08"
category = "执法程序"
text = "告知当事人陈述、申辩和要求听证的权利"
points = 10

[[items]]
id = "T-09"
category = "文书制作"
text = "文书填写完整，签名、日期齐全"
points = 10

[[items]]
id = "T-10"
category = "三项制度"
text = "行政处罚决定信息按期公示"
points = 5

[[items]]
id = "T-11"
category = "三项制度"
text = "应当音像记录的环节有音像资料入卷"
points = 5
"#;

pub const CASES: &[&str] = &[
    r#"{"case_no":"潜市监罚〔2024〕15号","department":"潜江市市场监督管理局","kind":"行政处罚","procedure":"普通程序","title":"某某超市销售超过保质期食品案","party":{"name":"潜江市某某超市有限公司","type":"法人"},"officers":[{"name":"张明","cert_no":"42090012345"},{"name":"李华","cert_no":"42090012346"}],"events":[{"stage":"立案","date":"2024-03-04","doc":"立案审批表"},{"stage":"现场检查","date":"2024-03-05","doc":"现场检查笔录"},{"stage":"告知","date":"2024-04-10","doc":"行政处罚事先告知书"},{"stage":"决定","date":"2024-04-22","doc":"行政处罚决定书"},{"stage":"送达","date":"2024-05-13","doc":"送达回证"},{"stage":"公示","date":"2024-05-20"}],"decision":{"date":"2024-04-22","measures":["警告","罚款"],"fine_yuan":50000,"legal_basis":["《中华人民共和国食品安全法》第一百二十四条"]},"documents":[{"title":"立案审批表","pages":"1-2","signed":true,"sealed":true},{"title":"行政处罚决定书","pages":"30-33","signed":true,"sealed":true}],"recordings":[{"stage":"现场检查","medium":"音像","duration_s":1260}],"disclosure":{"date":"2024-05-20","channel":"国家企业信用信息公示系统"}}"#,
    r#"{"case_no":"潜市监罚〔2024〕7号","department":"潜江市市场监督管理局","kind":"行政处罚","title":"某药店未凭处方销售处方药案","party":{"name":"潜江市仁和大药房","type":"法人"},"officers":[{"name":"王强","cert_no":"42090012350"}],"events":[{"stage":"立案","date":"2024-01-08"},{"stage":"告知","date":"2024-02-01"},{"stage":"决定","date":"2024-02-20"},{"stage":"送达","date":"2024-02-22"}],"decision":{"date":"2024-02-20","measures":["罚款"],"fine_yuan":8000}}"#,
    r#"{"case_no":"潜交执罚〔2024〕7号","department":"潜江市交通运输局","kind":"行政处罚","title":"刘某某驾驶货车超限运输案","party":{"name":"刘大伟","type":"自然人"},"officers":[{"name":"陈刚","cert_no":"42090022001"}],"events":[{"stage":"立案","date":"2024-09-20"},{"stage":"告知","date":"2024-09-24"},{"stage":"决定","date":"2024-09-27"},{"stage":"送达","date":"2024-10-14"}],"decision":{"date":"2024-09-27","measures":["罚款"],"fine_yuan":2000}}"#,
    r#"{"case_no":"潜交执罚〔2024〕21号","department":"潜江市交通运输局","kind":"行政处罚","title":"某物流公司未取得道路运输经营许可案","party":{"name":"潜江市顺达物流有限公司","type":"法人"},"events":[{"stage":"立案","date":"2024-06-03"},{"stage":"听证申请","date":"2024-06-20"},{"stage":"听证","date":"2024-07-01"},{"stage":"决定","date":"2024-07-15"}],"decision":{"date":"2024-07-15","measures":["罚款"],"fine_yuan":30000}}"#,
    r#"{"case_no":"潜自然罚〔2024〕3号","department":"潜江市自然资源和规划局","kind":"行政处罚","title":"某村民未经批准占用耕地建房案","party":{"name":"赵某某","type":"自然人"},"events":[{"stage":"立案","date":"2024-04-01"},{"stage":"决定","date":"2024-05-30"}]}"#,
    r#"{"case_no":"潜自然许〔2024〕12号","department":"潜江市自然资源和规划局","kind":"行政许可","title":"建设工程规划许可证核发","party":{"name":"潜江某置业有限公司","type":"法人"},"events":[{"stage":"决定","date":"2024-08-08"}]}"#,
];

pub fn cases() -> Vec<CaseFile> {
    CASES
        .iter()
        .map(|s| serde_json::from_str(s).expect("fixture case"))
        .collect()
}

/// The fixture workspace (in memory).
pub fn workspace() -> Workspace {
    let mut ws = Workspace::open_in_memory().expect("workspace");
    ws.add_checklist(CHECKLIST, "tui.toml").expect("checklist");
    ws.import_cases(&cases(), false).expect("import");
    // A suggestion from the automatic checks on 15号.
    let no = "潜市监罚〔2024〕15号";
    let (id, _, hash) = ws.store().db().load_case(no).unwrap().unwrap();
    let s = Suggestion {
        rule: "service".into(),
        item: "T-05".into(),
        basis: "《中华人民共和国行政处罚法》第六十一条".into(),
        message: "决定书 2024-04-22 作出，2024-05-13 送达，超过七个工作日（共 14 个工作日）".into(),
        prompt_only: false,
    };
    let batch = ws.batch();
    {
        let tx = ws.store_mut().tx().unwrap();
        tx.db()
            .sync_auto(batch, id, no, &hash, &[(s, 10.0)])
            .unwrap();
        tx.commit().unwrap();
    }
    ws.rescore_all().unwrap();
    // 7号 (市监): reviewed, one problem, completed → 良好.
    let add = |ws: &mut Workspace, no: &str, item: &str, d: f64, note: &str, who: &str| {
        ws.add_finding(NewFinding {
            case_no: no.into(),
            item: item.into(),
            deduction: Some(d),
            note: note.into(),
            page: Some("12".into()),
            reviewer: Some(who.into()),
            ..NewFinding::default()
        })
        .unwrap();
    };
    add(
        &mut ws,
        "潜市监罚〔2024〕7号",
        "T-04",
        12.0,
        "询问笔录未记载起止时间",
        "王五",
    );
    ws.set_mark(
        "潜市监罚〔2024〕7号",
        "T-01",
        ItemMark::Compliant,
        Some("王五"),
    )
    .unwrap();
    ws.complete("潜市监罚〔2024〕7号", false, Some("王五"))
        .unwrap();
    // 交通 7号: veto → 不合格, completed.
    add(
        &mut ws,
        "潜交执罚〔2024〕7号",
        "T-V01",
        0.0,
        "执法人员仅一人持证",
        "李四",
    );
    add(
        &mut ws,
        "潜交执罚〔2024〕7号",
        "T-05",
        5.0,
        "送达超过七个工作日",
        "李四",
    );
    ws.complete("潜交执罚〔2024〕7号", false, Some("李四"))
        .unwrap();
    // 自然 3号: in progress.
    add(
        &mut ws,
        "潜自然罚〔2024〕3号",
        "T-10",
        5.0,
        "决定未公示",
        "王五",
    );
    ws
}

pub fn app(ws: &Workspace) -> App {
    App::new(update::load_list(ws).unwrap(), "王五", Theme::mono())
}

pub fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

pub fn ch(c: char) -> Event {
    key(KeyCode::Char(c))
}

pub fn ctrl(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

/// Feeds events (each as a keypress would arrive).
pub fn feed(app: &mut App, ws: &mut Workspace, evs: impl IntoIterator<Item = Event>) {
    for e in evs {
        handle(app, ws, e);
    }
}

/// Selects a file in the list and opens it with Enter.
pub fn open_case(app: &mut App, ws: &mut Workspace, case_no: &str) {
    assert!(app.list.select_case(case_no), "{case_no} in list");
    handle(app, ws, key(KeyCode::Enter));
    assert_eq!(app.detail.as_ref().unwrap().case_no(), case_no);
}

/// Selects the first line of the checklist pane matching `f`.
pub fn select_line(
    app: &mut App,
    f: impl Fn(&pingcha::tui::detail_model::DetailState, &pingcha::tui::detail_model::Line) -> bool,
) {
    let d = app.detail.as_mut().unwrap();
    let p = d.lines.iter().position(|l| f(d, l)).expect("line");
    d.sel = p;
}

/// Selects the item line with this id.
pub fn select_item(app: &mut App, id: &str) {
    select_line(
        app,
        |d, l| matches!(l, pingcha::tui::detail_model::Line::Item(i) if d.view.items[*i].id == id),
    );
}

pub fn typing(s: &str) -> Vec<Event> {
    s.chars().map(ch).collect()
}

/// Draws the app into a test terminal and returns it.
pub fn render(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| views::draw(f, app)).unwrap();
    // A second frame: scroll offsets settle on what the first one measured.
    t.draw(|f| views::draw(f, app)).unwrap();
    t
}
