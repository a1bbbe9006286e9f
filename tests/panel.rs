//! A whole panel through the command line, as a bureau would run it: files
//! of three departments (natural-person parties, a 许可 file, vetoes, the
//! same problem in several files), reviewed under the three-grade CF
//! standard, issued by an office that is not a 局 — then every document is
//! read back for what a clerk would refuse to sign.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};
use std::io::Read;
use std::path::{Path, PathBuf};

fn pingcha(db: &Path) -> Command {
    let mut c = Command::cargo_bin("pingcha").unwrap();
    c.env("PINGCHA_DB", db).env_remove("PINGCHA_BATCH");
    c
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = pingcha(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_of(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).unwrap()
}

const A: &str = "清江市应急管理局";
const B: &str = "清江市交通运输局";
const C: &str = "清江市文化和旅游局";

fn penalty(no: &str, dept: &str, party: Value, officers: Value, day: u32) -> Value {
    json!({
        "case_no": no, "department": dept, "kind": "行政处罚", "procedure": "普通程序",
        "title": "违法行为案", "party": party, "officers": officers,
        "hearing_notified": true,
        "events": [
            {"stage": "立案", "date": format!("2024-03-{day:02}"), "doc": "立案审批表"},
            {"stage": "告知", "date": format!("2024-04-{day:02}"), "doc": "行政处罚事先告知书"},
            {"stage": "决定", "date": format!("2024-04-{:02}", day + 5), "doc": "行政处罚决定书"},
            {"stage": "送达", "date": format!("2024-04-{:02}", day + 6), "doc": "送达回证"},
            {"stage": "公示", "date": format!("2024-04-{:02}", day + 7)},
            {"stage": "缴款", "date": format!("2024-04-{:02}", day + 8)},
            {"stage": "结案", "date": format!("2024-05-{day:02}")}
        ],
        "decision": {"date": format!("2024-04-{:02}", day + 5), "measures": ["罚款"], "fine_yuan": 2000,
                     "legal_basis": ["《中华人民共和国安全生产法》第九十九条"]}
    })
}

fn two_officers() -> Value {
    json!([{"name": "罗涛", "cert_no": "42090011111", "cert_valid_until": "2027-12-31"},
           {"name": "高娜", "cert_no": "42090011112", "cert_valid_until": "2027-12-31"}])
}

struct Panel {
    _dir: tempfile::TempDir,
    root: PathBuf,
    db: PathBuf,
}

/// The panel, reviewed to the end (every file complete, every suggestion
/// handled).
fn panel() -> Panel {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let db = root.join("panel.db");
    let person = |n: &str| json!({"name": n, "type": "自然人", "id_no": "420102198805061234"});
    let firm = |n: &str| json!({"name": n, "type": "法人", "id_no": "91429005MA4XXXXX0Q"});
    let files = [
        penalty(
            "清应急罚〔2024〕9号",
            A,
            firm("清江某化工有限公司"),
            two_officers(),
            4,
        ),
        penalty("清应急罚〔2024〕13号", A, person("李四"), two_officers(), 6),
        penalty(
            "清应急罚〔2024〕17号",
            A,
            person("李小明"),
            two_officers(),
            8,
        ),
        penalty(
            "清应急罚〔2024〕19号",
            A,
            firm("清江某矿业有限公司"),
            json!([{"name": "高强", "cert_no": "42090011113", "cert_valid_until": "2027-12-31"}]),
            10,
        ),
        penalty("清交执罚〔2024〕6号", B, person("王五"), two_officers(), 12),
        json!({
            "case_no": "清交许〔2024〕2号", "department": B, "kind": "行政许可",
            "title": "道路运输经营许可", "party": person("赵六"),
            "events": [{"stage": "立案", "date": "2024-05-06"}, {"stage": "决定", "date": "2024-05-20"}],
            "decision": {"date": "2024-05-20", "measures": ["准予许可"]}
        }),
        penalty(
            "清文旅罚〔2024〕3号",
            C,
            firm("清江某文化传媒有限公司"),
            two_officers(),
            14,
        ),
    ];
    let jsonl: String = files.iter().map(|f| format!("{f}\n")).collect();
    let cases = root.join("cases.jsonl");
    std::fs::write(&cases, jsonl).unwrap();
    ok(&db, &["import", cases.to_str().unwrap()]);
    ok(&db, &["check"]);
    // The automatic suggestions: the one-officer veto confirmed, the rest dismissed.
    for f in json_of(&db, &["finding", "list", "--json"])
        .as_array()
        .unwrap()
    {
        if f["status"] != "suggested" {
            continue;
        }
        let id = f["id"].as_str().unwrap();
        if f["item"] == "CF-V04" {
            ok(&db, &["finding", "confirm", id]);
        } else {
            ok(&db, &["finding", "dismiss", id]);
        }
    }
    let add = |case: &str, item: &str, note: &str, page: &str| {
        let mut args = vec!["finding", "add", "--case", case, "--item", item];
        if !note.is_empty() {
            args.extend(["--note", note]);
        }
        if !page.is_empty() {
            args.extend(["--page", page]);
        }
        args.extend(["--reviewer", "王芳"]);
        ok(&db, &args);
    };
    // The same problem in three files of A; a note naming a natural person;
    // a finding without a note.
    for c in [
        "清应急罚〔2024〕9号",
        "清应急罚〔2024〕13号",
        "清应急罚〔2024〕17号",
    ] {
        add(
            c,
            "CF-05",
            "调查终结报告与决定书认定的违法事实表述不一致",
            "12",
        );
    }
    add(
        "清应急罚〔2024〕13号",
        "CF-12",
        "处罚决定书未写明处罚条款的款、项",
        "15",
    );
    add(
        "清应急罚〔2024〕17号",
        "CF-31",
        "询问笔录中李小明的身份信息有空白项未划线",
        "8",
    );
    add("清应急罚〔2024〕9号", "CF-32", "", "3");
    add(
        "清交执罚〔2024〕6号",
        "CF-05",
        "调查终结报告与决定书认定的违法事实表述不一致",
        "7",
    );
    for f in json_of(&db, &["cases", "--json"]).as_array().unwrap() {
        let no = f["case_no"].as_str().unwrap();
        ok(&db, &["complete", no, "--reviewer", "王芳"]);
    }
    // The issuer is an office, not a bureau.
    std::fs::create_dir_all(root.join("data")).unwrap();
    std::fs::write(
        root.join("data/report.toml"),
        "issuing_body = \"清江市人民政府办公室\"\nsuggestion_doc_no = \"清政办评〔{year}〕{seq}号\"\nbulletin_doc_no = \"清政办通〔{year}〕{seq}号\"\nreply_to = \"清江市司法局行政执法协调监督科\"\n",
    )
    .unwrap();
    Panel {
        _dir: dir,
        root,
        db,
    }
}

/// A .docx's paragraphs (and table cells), one a line, tags dropped.
fn docx_lines(path: &Path) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let xml = xml.replace("</w:p>", "\n").replace("<w:tab/>", "\t");
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn docx_header(path: &Path) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..z.len() {
        let mut e = z.by_index(i).unwrap();
        if e.name().starts_with("word/header") {
            e.read_to_string(&mut all).unwrap();
        }
    }
    all
}

fn cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// What no circulated document may carry.
fn clean_prose(name: &str, text: &str) {
    let chars: Vec<char> = text.chars().collect();
    for w in chars.windows(10) {
        // 2024-06-28
        let s: String = w.iter().collect();
        let iso = w[..4].iter().all(char::is_ascii_digit)
            && w[4] == '-'
            && w[5..7].iter().all(char::is_ascii_digit)
            && w[7] == '-'
            && w[8..10].iter().all(char::is_ascii_digit);
        assert!(!iso, "{name}: ISO date {s}");
    }
    for w in chars.windows(3) {
        assert!(
            !(cjk(w[0]) && w[1] == ' ' && cjk(w[2])),
            "{name}: a stray space in “{}”",
            w.iter().collect::<String>()
        );
    }
    // Item ids (CF-05, CF-V04, GS-07), profile names, rule ids.
    for w in chars.windows(4) {
        let id = w[0].is_ascii_uppercase()
            && w[1].is_ascii_uppercase()
            && w[2] == '-'
            && (w[3].is_ascii_digit() || w[3] == 'V' || w[3] == 'B');
        assert!(!id, "{name}: an item id {}", w.iter().collect::<String>());
    }
    for bad in [
        "全国默认",
        "（见",
        "〔〔",
        "〕〕",
        "（（",
        "））",
        "officers",
        "disclosure",
        "年月日",
        "见）",
        "办公室办公室",
    ] {
        assert!(!text.contains(bad), "{name}: “{bad}” in\n{text}");
    }
    assert!(
        !text.contains("良好"),
        "{name}: 良好 under a three-grade standard"
    );
    for person in ["李四", "李小明", "王五", "赵六"] {
        assert!(!text.contains(person), "{name}: {person} unmasked");
    }
}

fn docs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "docx"))
        .collect();
    v.sort();
    v
}

fn registered(db: &Path) -> (i64, Value) {
    let c = rusqlite::Connection::open(db).unwrap();
    let n: i64 = c
        .query_row("SELECT count(*) FROM doc_register", [], |r| r.get(0))
        .unwrap();
    (n, json_of(db, &["rectify", "list", "--json"]))
}

#[test]
fn a_panel_is_drafted_and_issued_and_every_document_can_be_signed() {
    let p = panel();
    let db = &p.db;
    let drafts = p.root.join("草稿");
    pingcha(db)
        .args(["report", "--out", drafts.to_str().unwrap()])
        .assert()
        .success();
    assert_eq!(registered(db).0, 0, "a draft records nothing");
    assert!(
        drafts.join("评查情况通报.docx").is_file(),
        "a finished review's bulletin is drafted"
    );

    let out = p.root.join("印发");
    pingcha(db)
        .args(["report", "issue", "--out", out.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("文号"));
    let (n, follow) = registered(db);
    assert!(n >= 3, "letters and bulletin numbered: {n}");
    assert_eq!(
        follow.as_array().unwrap().len(),
        2,
        "A and B have problems, C none: {follow}"
    );

    // The batch took every file: the workbook says 评查, never 抽查.
    let mut book =
        zip::ZipArchive::new(std::fs::File::open(out.join("评查情况通报.xlsx")).unwrap()).unwrap();
    let mut words = String::new();
    for i in 0..book.len() {
        let mut part = book.by_index(i).unwrap();
        if part.name().ends_with(".xml") {
            part.read_to_string(&mut words).unwrap();
        }
    }
    assert!(words.contains("评查卷数"), "the workbook counts files");
    assert!(
        !words.contains("抽查"),
        "no sample was drawn, yet the workbook says 抽查"
    );

    // PINGCHA_PANEL_KEEP=DIR keeps the issued documents to look at.
    if let Some(keep) = std::env::var_os("PINGCHA_PANEL_KEEP") {
        std::fs::create_dir_all(&keep).unwrap();
        for path in docs(&out) {
            std::fs::copy(&path, Path::new(&keep).join(path.file_name().unwrap())).unwrap();
        }
    }
    for path in docs(&out) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = docx_lines(&path);
        clean_prose(&name, &text);
        assert!(
            !docx_header(&path).contains("征求意见稿"),
            "{name}: an issued document is no 征求意见稿"
        );
        if name.starts_with("评查表_") {
            for l in text.lines().filter(|l| l.contains("得分")) {
                for w in l.split(|c: char| !(c.is_ascii_digit() || c == '.')) {
                    if w.contains('.') {
                        assert_eq!(
                            w.split('.').nth(1).unwrap().len(),
                            1,
                            "{name}: one decimal: {l}"
                        );
                    }
                }
            }
        }
        if name.starts_with("评查表_清交许") {
            assert!(
                text.contains("申请人"),
                "{name}: 申请人 on a 许可 sheet\n{text}"
            );
            assert!(text.contains("赵某"), "{name}: the applicant masked 赵某");
        }
        if name.starts_with("评查表_清应急罚〔2024〕17号") {
            assert!(text.contains("李某某"), "{name}: 李小明 masked 李某某");
        }
    }

    let letter = docx_lines(&out.join(format!("评查建议书_{A}.docx")));
    let (body, attachment) = letter.split_once("附件：评查问题清单").expect("附件说明");
    assert!(attachment.contains("评查问题清单"), "the attachment");
    for h in ["案号", "问题", "卷宗页码", "依据"] {
        assert!(attachment.contains(h), "attachment column {h}");
    }
    assert!(body.contains("本办"), "self-reference of an office: {body}");
    assert!(!body.contains("本局") && !body.contains("我局"));
    assert!(body.contains("在全市范围内予以通报"));
    assert!(body.contains("国务院令第825号"));
    assert_eq!(
        body.matches("调查终结报告与决定书认定的违法事实表述不一致")
            .count(),
        1,
        "one entry for a repeated problem:\n{body}"
    );
    assert!(
        body.contains("调查终结报告与决定书认定的违法事实表述不一致（涉及案卷3件：清应急罚〔2024〕9号、13号、17号）"),
        "{body}"
    );
    assert!(body.contains("一票否决"), "the veto group");
    let veto_at = body.find("一票否决。").unwrap();
    let first_category = body.find("方面。").unwrap();
    assert!(veto_at < first_category, "vetoes first");
    assert!(
        body.contains("承办执法人员少于两人（清应急罚〔2024〕19号）"),
        "{body}"
    );
    assert!(
        body.contains("未做到："),
        "a finding without a note: {body}"
    );
    assert!(
        body.contains("李某某"),
        "a person named in a note is masked"
    );
    assert!(attachment.contains("清应急罚〔2024〕17号"));
    let bulletin = docx_lines(&out.join("评查情况通报.docx"));
    assert!(
        bulletin.contains("行政执法案卷7件") && !bulletin.contains("完成评查7件"),
        "every file reviewed: counted once\n{bulletin}"
    );
    assert!(!bulletin.contains("抽查"), "the batch took every file");
    // A department without problems gets no demand and no attachment.
    let c_letter = docx_lines(&out.join(format!("评查建议书_{C}.docx")));
    assert!(!c_letter.contains("附件：评查问题清单"));

    // Re-issued after a correction: the registration is superseded, one live row per department.
    pingcha(db)
        .args([
            "report",
            "issue",
            "--out",
            out.to_str().unwrap(),
            "--department",
            A,
        ])
        .assert()
        .success();
    let (_, follow2) = registered(db);
    let rows = follow2.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{follow2}");
    let a_row = rows.iter().find(|r| r["department"] == A).unwrap();
    let old_no = follow
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["department"] == A)
        .unwrap()["doc_no"]
        .as_str()
        .unwrap()
        .to_string();
    assert_ne!(a_row["doc_no"].as_str().unwrap(), old_no, "a new number");
    assert!(
        a_row["remark"].as_str().unwrap_or("").contains(&old_no),
        "{a_row}"
    );
    let c = rusqlite::Connection::open(db).unwrap();
    let kept: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE tbl = 'rectifications' AND before LIKE ?1",
            [format!("%{old_no}%")],
            |r| r.get(0),
        )
        .unwrap();
    assert!(
        kept > 0,
        "the superseded registration stays in the audit trail"
    );
}

#[test]
fn an_issue_that_cannot_write_records_nothing() {
    let p = panel();
    let db = &p.db;
    // The output "folder" is a file: nothing can be written there.
    let blocked = p.root.join("文书");
    std::fs::write(&blocked, "not a folder").unwrap();
    pingcha(db)
        .args(["report", "issue", "--out", blocked.to_str().unwrap()])
        .assert()
        .code(1);
    let (n, follow) = registered(db);
    assert_eq!(n, 0, "no number registered for documents never written");
    assert_eq!(
        follow,
        json!([]),
        "no follow-up for documents never written"
    );
    // A document that cannot be written midway (its name is taken by a
    // folder): the run fails, leaves none of its documents, records nothing.
    let out = p.root.join("印发");
    std::fs::create_dir_all(out.join(format!("评查建议书_{B}.docx"))).unwrap();
    pingcha(db)
        .args(["report", "issue", "--out", out.to_str().unwrap()])
        .assert()
        .code(1);
    assert_eq!(registered(db).0, 0, "nothing registered");
    assert!(
        docs(&out).iter().all(|p| p.is_dir()),
        "no document of the failed run is left: {:?}",
        docs(&out)
    );
    std::fs::remove_dir(out.join(format!("评查建议书_{B}.docx"))).unwrap();
    // The next issue takes number 1.
    pingcha(db)
        .args(["report", "issue", "--out", out.to_str().unwrap()])
        .assert()
        .success();
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let mut numbers: Vec<String> = [A, B, C]
        .iter()
        .map(|d| docx_lines(&out.join(format!("评查建议书_{d}.docx"))))
        .filter_map(|t| {
            t.lines()
                .find(|l| l.starts_with(&format!("清政办评〔{year}〕")))
                .map(str::to_string)
        })
        .collect();
    numbers.sort();
    assert_eq!(
        numbers,
        (1..=3)
            .map(|n| format!("清政办评〔{year}〕{n}号"))
            .collect::<Vec<_>>(),
        "the numbers start at 1: nothing was taken by the failed issue"
    );
}

#[test]
fn an_unfinished_review_drafts_without_the_bulletin_and_is_not_issued() {
    let p = panel();
    let db = &p.db;
    ok(db, &["complete", "清文旅罚〔2024〕3号", "--reopen"]);
    let out = p.root.join("草稿");
    pingcha(db)
        .args(["report", "--out", out.to_str().unwrap()])
        .assert()
        .success()
        .stderr(predicate::str::contains("1 件案卷未完成评查"))
        .stderr(predicate::str::contains("pingcha cases"))
        .stderr(predicate::str::contains("--draft"));
    assert!(
        !out.join("评查情况通报.docx").exists(),
        "no bulletin without --draft"
    );
    let letter = out.join(format!("评查建议书_{A}.docx"));
    assert!(docx_header(&letter).contains("征求意见稿"));
    pingcha(db)
        .args(["report", "--draft", "--out", out.to_str().unwrap()])
        .assert()
        .success();
    assert!(docx_header(&out.join("评查情况通报.docx")).contains("征求意见稿"));
    let issued = p.root.join("印发");
    pingcha(db)
        .args(["report", "issue", "--out", issued.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("1 件案卷未完成评查"));
    assert!(!issued.exists(), "nothing written");
    assert_eq!(registered(db).0, 0, "nothing recorded");
}
