//! TUI benchmark at 200×60 on 100,000 files: frame render p50/p99, key to
//! frame (moving the selection, typing in search, opening a file), start to
//! first frame, resident memory.
//!
//! `cargo bench --bench tui` (release). Builds the database once in a
//! temporary directory, then measures in a fresh child process so that the
//! memory figure is the TUI's, not the generator's.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use pingcha::model::{CaseFile, CaseKind, Decision, Event as Step, Measure, Party, PartyType};
use pingcha::tui::{App, handle, theme::Theme, update, views};
use pingcha::workspace::Workspace;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;
use std::time::{Duration, Instant};

const N: usize = 100_000;
const W: u16 = 200;
const H: u16 = 60;

const DEPTS: &[(&str, &str)] = &[
    ("潜江市市场监督管理局", "潜市监罚"),
    ("潜江市交通运输局", "潜交执罚"),
    ("潜江市自然资源和规划局", "潜自然罚"),
    ("潜江市生态环境局", "潜环罚"),
    ("潜江市城市管理执法局", "潜城管罚"),
    ("潜江市应急管理局", "潜应急罚"),
    ("潜江市卫生健康委员会", "潜卫罚"),
    ("潜江市农业农村局", "潜农罚"),
    ("潜江市文化和旅游局", "潜文旅罚"),
    ("潜江市住房和城乡建设局", "潜住建罚"),
];
const SURNAMES: &str = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗";
const FIRMS: &[&str] = &[
    "超市", "药房", "物流", "建材", "餐饮", "化工", "汽修", "酒店",
];
const ACTS: &[&str] = &[
    "销售超过保质期食品",
    "未取得许可从事经营",
    "超限运输",
    "未按规定处置危险废物",
    "占道经营",
    "未凭处方销售处方药",
];

fn lcg(s: &mut u64) -> u64 {
    *s = s
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *s >> 33
}

fn generate(n: usize) -> Vec<CaseFile> {
    let mut s = 2024u64;
    let sur: Vec<char> = SURNAMES.chars().collect();
    (0..n)
        .map(|i| {
            let (dept, abbr) = DEPTS[i % DEPTS.len()];
            let mut c = CaseFile::new(
                format!("{abbr}〔{}〕{}号", 2023 + (i / 50_000), i / DEPTS.len() + 1),
                dept,
                CaseKind::Penalty,
            );
            let firm = !lcg(&mut s).is_multiple_of(3);
            let name = if firm {
                format!(
                    "潜江市{}{}{}有限公司",
                    sur[lcg(&mut s) as usize % sur.len()],
                    sur[lcg(&mut s) as usize % sur.len()],
                    FIRMS[lcg(&mut s) as usize % FIRMS.len()]
                )
            } else {
                format!("{}某某", sur[lcg(&mut s) as usize % sur.len()])
            };
            let act = ACTS[lcg(&mut s) as usize % ACTS.len()];
            c.title = Some(format!("{name}{act}案"));
            c.party = Some(Party {
                name: Some(name),
                party_type: Some(if firm {
                    PartyType::LegalPerson
                } else {
                    PartyType::NaturalPerson
                }),
                ..Default::default()
            });
            let d0 = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap()
                + chrono::Duration::days((lcg(&mut s) % 300) as i64);
            let mut d = d0;
            for stage in ["立案", "调查取证", "告知", "决定", "送达"] {
                c.events.push(Step::new(stage.to_string(), d));
                d += chrono::Duration::days((lcg(&mut s) % 20 + 1) as i64);
            }
            c.decision = Some(Decision {
                date: Some(d0 + chrono::Duration::days(30)),
                measures: vec![Measure::Fine],
                fine_yuan: Some((lcg(&mut s) % 50_000) as f64),
                ..Default::default()
            });
            c
        })
        .collect()
}

fn build(path: &Path) {
    let t = Instant::now();
    let mut ws = Workspace::open(path).unwrap();
    ws.import_cases(&generate(N), false).unwrap();
    // Some review work, so grades and statuses vary.
    let rows = ws.store().db().case_rows(ws.batch(), None).unwrap();
    for r in rows.iter().step_by(200) {
        ws.complete(&r.case_no, false, Some("王五")).unwrap();
    }
    eprintln!("built {N} files in {:.1}s", t.elapsed().as_secs_f64());
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    v.sort();
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i].as_secs_f64() * 1000.0
}

fn report(name: &str, v: &mut [Duration]) {
    let p50 = pct(v, 0.5);
    let p99 = pct(v, 0.99);
    let max = v.iter().max().unwrap().as_secs_f64() * 1000.0;
    println!(
        "{name:<34} p50 {p50:7.3} ms   p99 {p99:7.3} ms   max {max:7.3} ms   (n={})",
        v.len()
    );
}

fn rss_mb() -> (f64, f64) {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let get = |k: &str| {
        s.lines()
            .find(|l| l.starts_with(k))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (get("VmRSS:"), get("VmHWM:"))
}

fn key(c: KeyCode) -> Event {
    Event::Key(KeyEvent::new(c, KeyModifiers::NONE))
}

fn measure(path: &Path) {
    // Start to first frame: open, load the list, draw.
    let t0 = Instant::now();
    let mut ws = Workspace::open(path).unwrap();
    let mut app = pingcha::tui::start(&ws, Theme::mono()).unwrap();
    let mut term = Terminal::new(TestBackend::new(W, H)).unwrap();
    term.draw(|f| views::draw(f, &app)).unwrap();
    let first = t0.elapsed();
    println!(
        "start to first frame ({N} files)     {:.1} ms",
        first.as_secs_f64() * 1000.0
    );
    while app.loading.is_some() {
        std::thread::sleep(Duration::from_millis(1));
        update::poll_loader(&mut app);
    }
    term.draw(|f| views::draw(f, &app)).unwrap();
    println!(
        "start to full list (background)      {:.1} ms",
        t0.elapsed().as_secs_f64() * 1000.0
    );
    let (rss, _) = rss_mb();
    println!("resident memory after loading        {rss:.1} MB");
    assert_eq!(app.list.rows().len(), N);

    let draw = |term: &mut Terminal<TestBackend>, app: &App| {
        term.draw(|f| views::draw(f, app)).unwrap();
    };
    // Frame render alone, at spread positions.
    let mut v = Vec::new();
    for i in 0..2000 {
        app.list.select((i * 7919) % N);
        let t = Instant::now();
        draw(&mut term, &app);
        v.push(t.elapsed());
    }
    report("frame render (list)", &mut v);

    // Key to frame: moving the selection.
    app.list.select(N / 2);
    let mut v = Vec::new();
    for i in 0..2000 {
        let k = if (i / 100) % 2 == 0 { 'j' } else { 'k' };
        let t = Instant::now();
        handle(&mut app, &mut ws, key(KeyCode::Char(k)));
        draw(&mut term, &app);
        v.push(t.elapsed());
    }
    report("key to frame: move selection", &mut v);
    let mut v = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        handle(&mut app, &mut ws, key(KeyCode::PageDown));
        draw(&mut term, &app);
        v.push(t.elapsed());
    }
    report("key to frame: page down", &mut v);

    // Key to frame: typing in search (each char re-filters 100,000 rows
    // on the first char, then only the previous matches).
    let queries = [
        "潜市监罚1",
        "张超市",
        "2024",
        "王某某",
        "超限运输",
        "潜交",
        "物流有限",
    ];
    let mut v = Vec::new();
    let mut first_char = Vec::new();
    for round in 0..5 {
        for q in queries {
            handle(&mut app, &mut ws, key(KeyCode::Char('/')));
            for (i, c) in q.chars().enumerate() {
                let t = Instant::now();
                handle(&mut app, &mut ws, key(KeyCode::Char(c)));
                draw(&mut term, &app);
                let e = t.elapsed();
                if i == 0 {
                    first_char.push(e);
                }
                v.push(e);
            }
            // Backspace widens the search again (a full re-filter).
            let t = Instant::now();
            handle(&mut app, &mut ws, key(KeyCode::Backspace));
            draw(&mut term, &app);
            v.push(t.elapsed());
            handle(&mut app, &mut ws, key(KeyCode::Esc));
            let _ = round;
        }
    }
    report("key to frame: typing in search", &mut v);
    report("  of which the first character", &mut first_char);

    // Opening a file and going back.
    let mut v = Vec::new();
    for i in 0..100 {
        app.list.select((i * 997) % N);
        let t = Instant::now();
        handle(&mut app, &mut ws, key(KeyCode::Enter));
        draw(&mut term, &app);
        v.push(t.elapsed());
        handle(&mut app, &mut ws, key(KeyCode::Esc));
    }
    report("key to frame: open a file (detail)", &mut v);
    let mut v = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        draw(&mut term, &app);
        v.push(t.elapsed());
    }
    handle(&mut app, &mut ws, key(KeyCode::Enter));
    let mut dv = Vec::new();
    for _ in 0..500 {
        let t = Instant::now();
        draw(&mut term, &app);
        dv.push(t.elapsed());
    }
    report("frame render (detail)", &mut dv);
    handle(&mut app, &mut ws, key(KeyCode::Esc));
    // Sorting 100,000 rows by a column.
    let mut v = Vec::new();
    for c in ['6', '4', '1', '2'] {
        let t = Instant::now();
        handle(&mut app, &mut ws, key(KeyCode::Char(c)));
        draw(&mut term, &app);
        v.push(t.elapsed());
    }
    report("key to frame: sort a column", &mut v);
    let t = Instant::now();
    handle(&mut app, &mut ws, key(KeyCode::Tab));
    draw(&mut term, &app);
    println!(
        "key to frame: summary screen         {:.1} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let (rss, hwm) = rss_mb();
    println!("resident memory                      {rss:.1} MB (peak {hwm:.1} MB)");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(p) = args.iter().position(|a| a == "--measure") {
        measure(Path::new(&args[p + 1]));
        return;
    }
    // `cargo bench` passes --bench; anything else (e.g. `cargo test`) only
    // checks that the benchmark builds.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("bench.db");
    build(&db);
    let status = std::process::Command::new(std::env::current_exe().unwrap())
        .arg("--measure")
        .arg(&db)
        .status()
        .unwrap();
    assert!(status.success());
}
