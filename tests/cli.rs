//! The command line end to end: its contract (command names, JSON fields,
//! exit statuses, messages, the database left unchanged on errors).

mod cli_common;

use assert_cmd::Command;
use cli_common::*;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// [`CASES`] imported, and the import said it added all three.
fn imported() -> (tempfile::TempDir, PathBuf) {
    let (dir, db, out) = imported_with_output();
    assert!(out.contains("新增 3"), "{out}");
    (dir, db)
}

#[test]
fn reimport_is_idempotent_and_changes_update_in_place() {
    let (dir, db) = imported();
    pingcha(&db)
        .args(["import", CASES])
        .assert()
        .success()
        .stdout(predicate::str::contains("新增 0，更新 0，未变 3"));
    let changed = dir.path().join("changed.jsonl");
    let text = std::fs::read_to_string(CASES)
        .unwrap()
        .replace("某某超市销售超过保质期食品案", "某某超市销售过期食品案");
    std::fs::write(&changed, text).unwrap();
    pingcha(&db)
        .args(["import", changed.to_str().unwrap()])
        .assert()
        .success()
        .stdout(predicate::str::contains("新增 0，更新 1，未变 2"));
    let cases = json(&db, &["cases", "--json"]);
    assert_eq!(cases.as_array().unwrap().len(), 3);
    let shown = json(&db, &["show", PENALTY, "--json"]);
    assert_eq!(shown["title"], "某某超市销售过期食品案");
}

#[test]
fn database_is_created_private() {
    let (_dir, db) = imported();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "database mode {mode:o}");
    }
}

#[test]
fn a_bad_record_stores_nothing_and_names_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"case_no\":\"X1\",\"department\":\"某局\",\"kind\":\"行政处罚\"}\n{\"case_no\":\"X2\",\"department\":\"某局\",\"kind\":\"行政处罚\",\"decision\":{\"date\":\"2024-02-30\"}}\n",
    )
    .unwrap();
    pingcha(&db)
        .args(["import", CASES, bad.to_str().unwrap()])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.jsonl"))
        .stderr(predicate::str::contains("2024-02-30"))
        .stderr(predicate::str::contains("decision.date"));
    let cases = json(&db, &["cases", "--json"]);
    assert_eq!(cases, serde_json::json!([]), "nothing stored");
}

#[test]
fn cases_json_has_the_contract_fields() {
    let (_dir, db) = imported();
    let cases = json(&db, &["cases", "--json"]);
    for c in cases.as_array().unwrap() {
        for k in [
            "case_no",
            "department",
            "kind",
            "status",
            "score",
            "grade",
            "findings",
        ] {
            assert!(c.get(k).is_some(), "missing {k} in {c}");
        }
        assert_eq!(c["status"], "未评");
    }
    let one = json(
        &db,
        &["cases", "--json", "--department", "潜江市交通运输局"],
    );
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(one[0]["case_no"], LATE);
}

#[test]
fn show_json_is_the_file_as_imported_plus_its_review() {
    let (_dir, db) = imported();
    let v = json(&db, &["show", PENALTY, "--json"]);
    assert_eq!(
        v["exporter_note"]["system"], "某执法办案系统",
        "unknown fields kept"
    );
    assert_eq!(v["decision"]["confiscation_yuan"], 1280.5);
    assert_eq!(
        v["checklist"], "CF",
        "graded by the general 行政处罚 standard"
    );
    assert_eq!(v["score"], 100.0);
    assert_eq!(v["grade"], "优秀");
    assert!(v["findings"].is_array());
}

#[test]
fn checklists_json_lists_items_with_veto_levels() {
    let dir = tempfile::tempdir().unwrap();
    let v = json(&dir.path().join("t.db"), &["checklists", "--json"]);
    let all = v.as_array().unwrap();
    let ids: Vec<&str> = all.iter().map(|c| c["id"].as_str().unwrap()).collect();
    for id in ["CF", "GS", "JL", "SH"] {
        assert!(ids.contains(&id), "{id} shipped: {ids:?}");
    }
    let cf = all.iter().find(|c| c["id"] == "CF").unwrap();
    let items = cf["items"].as_array().unwrap();
    assert!(items.len() >= 40);
    for it in items {
        for k in ["id", "category", "text", "points", "veto", "basis"] {
            assert!(it.get(k).is_some(), "missing {k}");
        }
        assert!(it["veto"].is_null() || it["veto"] == "fail" || it["veto"] == "not_excellent");
    }
    assert!(items.iter().any(|i| i["veto"] == "fail"));
}

#[test]
fn findings_move_the_score_and_are_removed_cleanly() {
    let (_dir, db) = imported();
    let out = pingcha(&db)
        .args([
            "finding", "add", "--case", PENALTY, "--item", "CF-12", "--deduct", "2",
        ])
        .args([
            "--note",
            "未写明违法条款的款、项",
            "--page",
            "30",
            "--reviewer",
            "王芳",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let id = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert_eq!(id.len(), 36, "a uuid: {id}");
    let v = json(&db, &["show", PENALTY, "--json"]);
    assert_eq!(v["score"], 98.0);
    assert_eq!(v["status"], "评查中");
    let list = json(&db, &["finding", "list", "--case", PENALTY, "--json"]);
    let f = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id.as_str())
        .expect("listed");
    assert_eq!(f["note"], "未写明违法条款的款、项");
    assert_eq!(f["status"], "confirmed");
    assert_eq!(f["source"], "manual");
    pingcha(&db).args(["finding", "rm", &id]).assert().success();
    assert_eq!(json(&db, &["show", PENALTY, "--json"])["score"], 100.0);
}

#[test]
fn a_deduction_over_the_items_points_is_refused() {
    let (_dir, db) = imported();
    pingcha(&db)
        .args([
            "finding", "add", "--case", PENALTY, "--item", "CF-12", "--deduct", "99",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("超过评查项目 CF-12 的分值"));
    pingcha(&db)
        .args(["finding", "add", "--case", PENALTY, "--item", "NOPE-1"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("NOPE-1"));
    assert_eq!(
        json(&db, &["finding", "list", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["source"] == "manual")
            .count(),
        0
    );
}

#[test]
fn complete_and_reopen_count_in_the_summary() {
    let (_dir, db) = imported();
    pingcha(&db)
        .args(["complete", PENALTY, "--reviewer", "王芳"])
        .assert()
        .success();
    let s = json(&db, &["summary", "--json"]);
    for k in [
        "files",
        "reviewed",
        "findings",
        "grades",
        "pass_rate",
        "excellent_rate",
        "departments",
    ] {
        assert!(s.get(k).is_some(), "summary.{k}");
    }
    assert_eq!(s["files"], 3);
    assert_eq!(s["reviewed"], 1);
    assert_eq!(s["grades"]["优秀"], 1);
    assert_eq!(s["pass_rate"], 1.0);
    let d = &s["departments"].as_array().unwrap()[0];
    for k in ["department", "files", "reviewed", "findings", "pass_rate"] {
        assert!(d.get(k).is_some(), "departments[].{k}");
    }
    pingcha(&db)
        .args(["finding", "add", "--case", PENALTY, "--item", "CF-12"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("已完成评查"));
    pingcha(&db)
        .args(["complete", PENALTY, "--reopen"])
        .assert()
        .success();
    assert_eq!(json(&db, &["summary", "--json"])["reviewed"], 0);
}

#[test]
fn unknown_case_is_a_users_error_not_a_panic() {
    let (_dir, db) = imported();
    pingcha(&db)
        .args(["show", "不存在〔2024〕1号"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "没有案号为“不存在〔2024〕1号”的案卷",
        ))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn pingcha_db_environment_variable_chooses_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("env.db");
    Command::cargo_bin("pingcha")
        .unwrap()
        .env("PINGCHA_DB", &db)
        .args(["import", CASES])
        .assert()
        .success();
    assert!(db.exists());
}

#[test]
fn a_database_from_a_newer_build_is_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.db");
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        c.pragma_update(None, "user_version", 999).unwrap();
    }
    pingcha(&db)
        .args(["cases"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("请升级 pingcha"));
}

#[test]
fn checks_raise_suggestions_once_and_respect_dismissal() {
    let (_dir, db) = imported();
    let first = json(&db, &["check", "--json"]);
    let late: Vec<&Value> = first
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["case_no"] == LATE)
        .collect();
    assert!(
        late.iter().any(|s| s["rule"] == "service"),
        "late service raised: {late:?}"
    );
    let count = |db: &Path| {
        json(db, &["finding", "list", "--json"])
            .as_array()
            .unwrap()
            .len()
    };
    let before = count(&db);
    pingcha(&db).args(["check"]).assert().success();
    assert_eq!(count(&db), before, "re-running never duplicates");
    let list = json(&db, &["finding", "list", "--case", LATE, "--json"]);
    let id = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "service")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    pingcha(&db)
        .args(["finding", "dismiss", &id])
        .assert()
        .success();
    pingcha(&db).args(["check", LATE]).assert().success();
    let list = json(&db, &["finding", "list", "--case", LATE, "--json"]);
    let f = list
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id.as_str())
        .unwrap();
    assert_eq!(
        f["status"], "dismissed",
        "stays dismissed while the file is unchanged"
    );
}

#[test]
fn demo_never_replaces_an_existing_database_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("real.db");
    std::fs::write(&db, b"not a demo").unwrap();
    pingcha(&db)
        .args(["demo", "--no-tui"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("--force"));
    assert_eq!(std::fs::read(&db).unwrap(), b"not a demo", "left as it was");
}

#[test]
fn a_batch_uses_its_profile_and_an_unknown_profile_is_refused() {
    let (_dir, db) = imported();
    pingcha(&db)
        .args(["batch", "new", "--name", "专项", "--type", "专项", "--all"])
        .args(["--profile", "no-such-profile"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("national"));
    pingcha(&db)
        .args([
            "batch",
            "new",
            "--name",
            "省级配置",
            "--type",
            "专项",
            "--all",
        ])
        .args(["--profile", "example-7wd"])
        .assert()
        .success();
    let raised = json(&db, &["check", "--json"]);
    let first = &raised.as_array().unwrap()[0];
    assert_eq!(first["profile"], "省级示例（法制审核 7 个工作日）");
}

#[test]
fn a_new_years_holiday_notice_is_added_with_pingcha_holidays() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let case = dir.path().join("2027.json");
    std::fs::write(
        &case,
        r#"{"case_no":"测罚〔2027〕1号","department":"测试局","kind":"行政处罚",
            "events":[{"stage":"立案","date":"2027-01-04"},{"stage":"决定","date":"2027-01-29"},
                      {"stage":"送达","date":"2027-02-10"}],
            "decision":{"date":"2027-01-29","measures":["警告"]}}"#,
    )
    .unwrap();
    let service = |db: &Path, env: Option<&Path>| -> Vec<String> {
        let mut cmd = pingcha(db);
        if let Some(dir) = env {
            cmd.env("PINGCHA_HOLIDAYS", dir);
        }
        let out = cmd.args(["check", "--json"]).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .filter(|s| s["rule"] == "service")
            .map(|s| s["message"].as_str().unwrap().to_string())
            .collect()
    };
    pingcha(&db)
        .args(["import", case.to_str().unwrap()])
        .assert()
        .success();
    let unknown = service(&db, None);
    assert!(unknown.iter().any(|m| m.contains("2027")), "{unknown:?}");
    // A made-up 2027 notice: 2027-02-06 … 02-12 off, so 02-10 is on time.
    let holidays = dir.path().join("holidays");
    std::fs::create_dir(&holidays).unwrap();
    std::fs::write(
        holidays.join("2027.toml"),
        "year = 2027\nnotice = \"测试通知\"\ndoc_no = \"测〔2026〕1号\"\nworkdays = []\n\n[[holidays]]\nname = \"春节\"\nfrom = \"2027-02-06\"\nto = \"2027-02-12\"\ndays = 7\n",
    )
    .unwrap();
    assert_eq!(service(&db, Some(&holidays)), Vec::<String>::new());
    std::fs::write(holidays.join("2027.toml"), "year = \"x\"\n").unwrap();
    let out = pingcha(&db)
        .env("PINGCHA_HOLIDAYS", &holidays)
        .args(["check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2027.toml"));
}

/// The text of a .docx's document.xml, tags dropped.
fn docx_words(path: &Path) -> String {
    use std::io::Read;
    let f = std::fs::File::open(path).unwrap();
    let mut z = zip::ZipArchive::new(f).unwrap();
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
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
    out
}

/// The text of a .docx's page headers.
fn docx_header(path: &Path) -> String {
    use std::io::Read;
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

#[test]
fn drafting_records_nothing_and_issuing_numbers_registers_and_supersedes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    pingcha(&db).args(["demo", "--no-tui"]).assert().success();
    let out = dir.path().join("文书");
    let out_s = out.to_str().unwrap();
    let notices = |db: &Path| json(db, &["rectify", "list", "--json"]);
    let dept = "清江市应急管理局";
    let letter = out.join(format!("评查建议书_{dept}.docx"));
    let year = chrono::Datelike::year(&chrono::Local::now().date_naive());

    // The review is unfinished: the bulletin is not written, saying how
    // many files and which command lists them; issuing is refused whole.
    pingcha(&db)
        .args(["report", "--out", out_s])
        .assert()
        .success()
        .stderr(predicate::str::contains("征求意见稿"))
        .stderr(predicate::str::contains("135 件案卷未完成评查"))
        .stderr(predicate::str::contains("pingcha cases"))
        .stderr(predicate::str::contains("--draft"));
    assert!(
        !out.join("评查情况通报.docx").exists(),
        "an unfinished review's bulletin only with --draft"
    );
    assert!(letter.is_file(), "the departments' drafts are written");
    assert!(docx_header(&letter).contains("征求意见稿"));
    pingcha(&db)
        .args([
            "report",
            "issue",
            "--out",
            dir.path().join("x").to_str().unwrap(),
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("135 件案卷未完成评查"));
    assert_eq!(
        notices(&db),
        serde_json::json!([]),
        "a refused issue records nothing"
    );

    // A draft: written, every page marked, nothing numbered or recorded.
    pingcha(&db)
        .args(["report", "--out", out_s, "--draft"])
        .assert()
        .success();
    assert_eq!(
        notices(&db),
        serde_json::json!([]),
        "a draft records nothing"
    );
    let text = docx_words(&letter);
    assert!(
        text.contains(&format!("清司评建〔{year}〕号")),
        "no number in a draft"
    );
    let header = docx_header(&letter);
    assert!(header.contains("征求意见稿"), "{header}");
    assert!(out.join("文书清单.txt").is_file());
    assert!(
        docx_header(&out.join("评查情况通报.docx")).contains("征求意见稿"),
        "--draft writes the bulletin as a 征求意见稿"
    );
    assert!(out.join("文书清单.txt").is_file());

    // Issuing one department's letter on an unfinished review is refused
    // too (the issuing of a finished panel is in tests/panel.rs).
    pingcha(&db)
        .args(["report", "issue", "--out", out_s, "--department", dept])
        .assert()
        .code(1);
    assert_eq!(notices(&db), serde_json::json!([]), "nothing recorded");
}

/// Turns a database back into what a build of schema `version` left: every
/// object and column the later migrations added is dropped, whatever they are.
fn downgrade(db: &Path, version: usize) {
    let old = rusqlite::Connection::open_in_memory().unwrap();
    old.execute_batch(&pingcha::store::schema_script(version))
        .unwrap();
    let names = |c: &rusqlite::Connection, sql: &str| -> Vec<(String, String)> {
        let mut st = c.prepare(sql).unwrap();
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let objects = "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type = 'table'";
    let keep = names(&old, objects);
    let c = rusqlite::Connection::open(db).unwrap();
    // Triggers are put back as the old schema wrote them (later builds
    // regenerate theirs), so every one goes first.
    for (kind, name) in names(&c, objects) {
        if kind == "trigger" || !keep.contains(&(kind.clone(), name.clone())) {
            c.execute_batch(&format!(
                "DROP {} IF EXISTS \"{name}\";",
                kind.to_uppercase()
            ))
            .unwrap();
        }
    }
    for (_, table) in keep.iter().filter(|(k, _)| k == "table") {
        let cols = |c: &rusqlite::Connection| -> Vec<(String, String)> {
            names(
                c,
                &format!("SELECT name, type FROM pragma_table_info('{table}')"),
            )
        };
        let old_cols = cols(&old);
        for (col, _) in cols(&c) {
            if !old_cols.iter().any(|(n, _)| *n == col) {
                c.execute_batch(&format!("ALTER TABLE \"{table}\" DROP COLUMN \"{col}\";"))
                    .unwrap();
            }
        }
    }
    // What the later migrations dropped (v3 replaced the department index).
    let now = names(&c, objects);
    let sql_of = "SELECT type || ' ' || name, sql FROM sqlite_master WHERE sql IS NOT NULL";
    for (key, sql) in names(&old, sql_of) {
        if !now.iter().any(|(k, n)| format!("{k} {n}") == key) {
            c.execute_batch(&sql).unwrap();
        }
    }
    c.pragma_update(None, "user_version", version as i64)
        .unwrap();
}

#[test]
fn files_are_listed_in_natural_case_number_order_also_after_an_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = dir.path().join("three.jsonl");
    let line = |no: &str| {
        format!("{{\"case_no\":\"{no}\",\"department\":\"测试局\",\"kind\":\"行政处罚\"}}\n")
    };
    std::fs::write(
        &file,
        [
            line("测罚〔2024〕10号"),
            line("测罚〔2024〕2号"),
            line("测罚〔2024〕1号"),
        ]
        .concat(),
    )
    .unwrap();
    pingcha(&db)
        .args(["import", file.to_str().unwrap()])
        .assert()
        .success();
    let order = |db: &Path| -> Vec<String> {
        json(db, &["cases", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["case_no"].as_str().unwrap().to_string())
            .collect()
    };
    let want = ["测罚〔2024〕1号", "测罚〔2024〕2号", "测罚〔2024〕10号"];
    assert_eq!(order(&db), want);
    // The same database as version 2 left it: no sort keys yet.
    downgrade(&db, 2);
    assert_eq!(order(&db), want, "the upgrade fills the sort keys");
}

#[test]
fn a_special_review_batch_grades_by_the_checklists_it_names() {
    let (_dir, db) = imported();
    pingcha(&db)
        .args([
            "batch",
            "new",
            "--name",
            "公示专项",
            "--type",
            "专项",
            "--all",
        ])
        .args(["--checklists", "XX"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("GS"));
    pingcha(&db)
        .args([
            "batch",
            "new",
            "--name",
            "公示专项评查",
            "--type",
            "专项",
            "--all",
        ])
        .args(["--checklists", "GS"])
        .assert()
        .success();
    let shown = json(&db, &["show", PENALTY, "--json"]);
    assert_eq!(shown["checklist"], "GS", "{shown}");
    // The automatic checks speak in the special checklist's items there.
    let raised = json(&db, &["check", "--json"]);
    let late: Vec<&Value> = raised
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["case_no"] == LATE && s["rule"] == "disclosure")
        .collect();
    assert_eq!(late.len(), 1, "{raised}");
    assert_eq!(late[0]["item"], "GS-07");
    let shown = json(&db, &["show", LATE, "--json"]);
    let f = shown["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["item"] == "GS-07")
        .unwrap();
    assert_eq!(f["deduction"], 14.0, "GS-07's points: {f}");
    pingcha(&db).args(["batch", "use", "1"]).assert().success();
    let shown = json(&db, &["show", PENALTY, "--json"]);
    assert_eq!(shown["checklist"], "CF");
}

/// A `.jsonl` large enough to be streamed is stored whole without the
/// checks too (`--no-check` reads it the same way as the checked import).
#[test]
fn a_streamed_jsonl_is_imported_whole_without_the_checks() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let path = dir.path().join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    // 300 records of about 30 KB: 9 MB, above the streaming size (8 MB).
    let n = 300;
    for i in 1..=n {
        let line = serde_json::json!({
            "case_no": format!("清交执罚〔2024〕{i}号"),
            "department": "清江市交通运输局",
            "kind": "行政处罚",
            "title": "某".repeat(10_000),
        });
        writeln!(f, "{line}").unwrap();
    }
    drop(f);
    assert!(std::fs::metadata(&path).unwrap().len() > 8 << 20);
    let out = ok(&db, &["import", "--no-check", path.to_str().unwrap()]);
    assert!(out.contains(&format!("新增 {n}")), "{out}");
    let cases = json(&db, &["cases", "--json"]);
    assert_eq!(cases.as_array().map(Vec::len), Some(n));
}
