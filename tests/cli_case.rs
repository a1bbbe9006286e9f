//! `case new`, `case edit`, `case template` end to end: validated exactly
//! as import validates (the same messages), one transaction, the audit
//! trail with before and after, the checks re-run.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

const LATE: &str = "潜交执罚〔2024〕7号";

fn pingcha(db: &Path) -> Command {
    let mut c = Command::cargo_bin("pingcha").expect("binary");
    c.arg("--db").arg(db).env_remove("PINGCHA_DB");
    c
}

fn out(db: &Path, args: &[&str]) -> (bool, String, String) {
    let o = pingcha(db).args(args).output().expect("run");
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn json_of(db: &Path, args: &[&str]) -> Value {
    let (ok, stdout, stderr) = out(db, args);
    assert!(ok, "{args:?}: {stderr}");
    serde_json::from_str(&stdout).expect("json")
}

/// A file with a 送达 14 working days after the decision.
fn late_file() -> Value {
    json!({
        "case_no": LATE, "department": "潜江市交通运输局", "kind": "行政处罚",
        "title": "刘某某驾驶货车超限运输案",
        "party": {"name": "刘大伟", "type": "自然人", "id_no": "420102199001011234"},
        "officers": [{"name": "陈刚", "cert_no": "42090022001"}, {"name": "周敏", "cert_no": "42090022002"}],
        "events": [
            {"stage": "立案", "date": "2024-09-20"}, {"stage": "告知", "date": "2024-09-24"},
            {"stage": "决定", "date": "2024-09-27"}, {"stage": "送达", "date": "2024-10-21"}
        ],
        "decision": {"date": "2024-09-27", "measures": ["罚款"], "fine_yuan": 2000}
    })
}

fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string(v).unwrap()).unwrap();
    p
}

fn suggestions(db: &Path) -> Vec<String> {
    let v = json_of(db, &["check", "--json"]);
    let mut s: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|x| format!("{} {}", x["rule"], x["message"]))
        .collect();
    s.sort();
    s
}

#[test]
fn case_new_stores_what_import_stores() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "one.json", &late_file());
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    pingcha(&a)
        .args(["case", "new"])
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("已新建案卷：{LATE}")))
        .stdout(predicate::str::contains("应于2024年10月12日前送达"));
    pingcha(&b).arg("import").arg(&file).assert().success();
    let s = suggestions(&a);
    assert!(s.iter().any(|x| x.contains("service")), "{s:?}");
    assert_eq!(s, suggestions(&b));
    // Twice: refused, naming the existing file and what to do.
    let (ok, _, err) = out(&a, &["case", "new", file.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("已存在，不能新建"), "{err}");
    assert!(err.contains("case edit"), "{err}");
    // A creation is on the audit trail.
    let log = json_of(&a, &["audit", "log", "--case", LATE, "--json"]);
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .any(|e| e["table"] == "case_files" && e["op"] == "insert")
    );
}

#[test]
fn case_new_refuses_with_the_imports_messages() {
    let dir = tempfile::tempdir().unwrap();
    let mut bad = late_file();
    bad["events"][1]["date"] = json!("2024-02-30");
    bad["kind"] = json!("行政处理");
    bad["decision"]["fine_yuan"] = json!(-5);
    let file = write(dir.path(), "bad.json", &bad);
    let db = dir.path().join("t.db");
    let (ok_new, _, err_new) = out(&db, &["case", "new", file.to_str().unwrap()]);
    let (ok_imp, _, err_imp) = out(&db, &["import", file.to_str().unwrap()]);
    assert!(!ok_new && !ok_imp);
    assert_eq!(err_new, err_imp, "the same messages");
    assert!(
        err_new.contains("字段 events[1].date：“2024-02-30” 不是有效日期，应为 YYYY-MM-DD"),
        "{err_new}"
    );
    assert!(err_new.contains("字段 kind"), "{err_new}");
    assert!(err_new.contains("字段 decision.fine_yuan"), "{err_new}");
    let cases = json_of(&db, &["cases", "--json"]);
    assert_eq!(cases.as_array().unwrap().len(), 0, "nothing stored");
    // Two files in one .json are for import, not case new.
    let two = write(
        dir.path(),
        "two.json",
        &json!([late_file(), {"case_no": "X", "department": "D", "kind": "其他"}]),
    );
    let (ok, _, err) = out(&db, &["case", "new", two.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("有 2 个案卷"), "{err}");
}

#[test]
fn case_edit_is_validated_audited_and_rechecked() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = write(dir.path(), "one.json", &late_file());
    pingcha(&db).arg("import").arg(&file).assert().success();
    // Confirm the late-service suggestion.
    let list = json_of(&db, &["finding", "list", "--case", LATE, "--json"]);
    let service = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "service")
        .expect("service suggested")["id"]
        .as_str()
        .unwrap()
        .to_string();
    pingcha(&db)
        .args(["finding", "confirm", &service, "--reviewer", "王芳"])
        .assert()
        .success();
    // A wrong value: refused with the import's message, nothing changed.
    let (ok, _, err) = out(
        &db,
        &["case", "edit", LATE, "--set", "decision.date=2024-02-30"],
    );
    assert!(!ok);
    assert!(
        err.contains("字段 decision.date：“2024-02-30” 不是有效日期，应为 YYYY-MM-DD"),
        "{err}"
    );
    let (ok, _, err) = out(&db, &["case", "edit", LATE, "--set", "events[9].date=1001"]);
    assert!(!ok);
    assert!(err.contains("现有 4 项"), "{err}");
    let (ok, _, err) = out(&db, &["case", "edit", LATE, "--set", "nonsense=1"]);
    assert!(!ok && err.contains("不是可修改的字段"), "{err}");
    // The 送达 corrected (short form in the file's year): the suggestion is
    // no longer raised; confirmed, it is kept and flagged.
    pingcha(&db)
        .args([
            "case",
            "edit",
            LATE,
            "--set",
            "timeline[3].date=9.30",
            "--set",
            "title=超限运输案",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!("已修改案卷：{LATE}")))
        .stdout(predicate::str::contains("依据已变"));
    let shown = json_of(&db, &["show", LATE, "--json"]);
    let text = shown.to_string();
    assert!(text.contains("2024-09-30"), "{text}");
    let list = json_of(&db, &["finding", "list", "--case", LATE, "--json"]);
    let kept = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == service.as_str());
    assert_eq!(kept.expect("confirmed kept")["status"], "confirmed");
    assert_eq!(
        shown["basis_changed"],
        json!([service]),
        "flagged on the file"
    );
    // The audit trail: before and after.
    pingcha(&db)
        .args(["audit", "log", "--case", LATE])
        .assert()
        .success()
        .stdout(predicate::str::contains("case_files update"))
        .stdout(predicate::str::contains(
            "events[3].date：2024-10-21 → 2024-09-30",
        ))
        .stdout(predicate::str::contains(
            "title：刘某某驾驶货车超限运输案 → 超限运输案",
        ));
    let log = json_of(&db, &["audit", "log", "--case", LATE, "--json"]);
    let e = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["table"] == "case_files" && e["op"] == "update")
        .unwrap();
    assert_eq!(e["before"]["events"][3]["date"], "2024-10-21");
    assert_eq!(e["after"]["events"][3]["date"], "2024-09-30");
    pingcha(&db).args(["audit", "verify"]).assert().success();
}

#[test]
fn a_ledger_file_corrected_loses_the_mark_and_gets_every_check() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let csv = dir.path().join("台账.csv");
    std::fs::write(
        &csv,
        "案号,执法部门,案件类型,立案日期,决定日期,送达日期\n清市监罚〔2024〕1号,清江市市场监督管理局,行政处罚,2024-03-01,2024-04-01,2024-04-03\n",
    )
    .unwrap();
    pingcha(&db).arg("import").arg(&csv).assert().success();
    let before = suggestions(&db);
    assert!(
        !before.iter().any(|s| s.contains("disclosure")),
        "{before:?}"
    );
    pingcha(&db)
        .args([
            "case",
            "edit",
            "清市监罚〔2024〕1号",
            "--set",
            "title=某超市案",
        ])
        .assert()
        .success();
    let shown = json_of(&db, &["show", "清市监罚〔2024〕1号", "--json"]).to_string();
    assert!(!shown.contains("导入来源"), "{shown}");
    let after = suggestions(&db);
    assert!(after.iter().any(|s| s.contains("disclosure")), "{after:?}");
}

#[test]
fn the_entry_sheet_is_written_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let blank = dir.path().join("案卷录入表.xlsx");
    pingcha(&db)
        .args(["case", "template", "--out"])
        .arg(&blank)
        .assert()
        .success();
    // The blank sheet read back: the required fields named.
    let (ok, _, err) = out(&db, &["case", "new", blank.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("字段 case_no：缺少必填字段（案号）"), "{err}");
    assert!(
        err.contains("字段 department：缺少必填字段（执法部门）"),
        "{err}"
    );
    // A filled sheet, laid out as the template is.
    let filled = dir.path().join("filled.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows: &[&[&str]] = &[
        &["【案卷】"],
        &["＊案号", LATE, "case_no"],
        &["＊执法部门", "潜江市交通运输局", "department"],
        &["＊案件类型", "行政处罚", "kind"],
        &["序号（events）", "＊环节", "＊日期", "文书"],
        &["1", "立案", "0920", "立案审批表"],
        &["2", "决定", "2024年9月27日", ""],
        &["3", "送达", "10.21", ""],
        &["4"],
        &["【决定】"],
        &["决定日期", "2024.9.27", "decision.date"],
        &["罚款金额", "2000", "decision.fine_yuan"],
    ];
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    wb.save(&filled).unwrap();
    pingcha(&db)
        .args(["case", "new"])
        .arg(&filled)
        .assert()
        .success()
        .stdout(predicate::str::contains("应于2024年10月12日前送达"));
    let shown = json_of(&db, &["show", LATE, "--json"]).to_string();
    assert!(
        shown.contains("2024-10-21") && shown.contains("2024-09-20"),
        "{shown}"
    );
}
