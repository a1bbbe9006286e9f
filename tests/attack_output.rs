//! What the command line prints cannot be turned against the terminal: a
//! value holding escape sequences (written into the database behind
//! pingcha's back) is shown escaped in `cases`, `show` and the tables; and
//! `cases --json` keeps its public fields.

use assert_cmd::Command;
use std::path::Path;

fn pingcha(db: &Path) -> Command {
    let mut c = Command::cargo_bin("pingcha").expect("binary");
    c.arg("--db").arg(db).env_remove("PINGCHA_DB");
    c
}

fn stdout(db: &Path, args: &[&str]) -> String {
    let out = pingcha(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

const EVIL: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J清交执罚〔2024〕1号\r伪造\u{9b}31m\u{202e}";

fn tampered() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let file = dir.path().join("a.jsonl");
    std::fs::write(
        &file,
        r#"{"case_no": "清交执罚〔2024〕1号", "department": "清江市交通运输局", "kind": "行政处罚", "title": "超限运输案", "party": {"name": "某某物流有限公司"}}"#,
    )
    .unwrap();
    stdout(&db, &["import", file.to_str().unwrap()]);
    let c = rusqlite::Connection::open(&db).unwrap();
    // The audit triggers name the actor through pingcha's own function.
    c.create_scalar_function(
        "pingcha_actor",
        0,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8,
        |_| Ok("sqlite3".to_string()),
    )
    .unwrap();
    c.execute(
        "UPDATE case_files SET case_no = ?1, department = ?2, title = ?2,
         json = json_set(json, '$.case_no', ?1, '$.department', ?2, '$.title', ?2)",
        [EVIL, "清江市\u{1b}[31m交通运输局\n伪造行"],
    )
    .unwrap();
    (dir, db)
}

fn assert_escaped(out: &str) {
    for c in out.chars() {
        assert!(
            !c.is_control() || c == '\n',
            "raw U+{:04X} in output: {out:?}",
            c as u32
        );
        assert!(!('\u{202A}'..='\u{202E}').contains(&c), "{out:?}");
    }
    assert!(out.contains("\\x1b]0;pwned\\x07"), "{out}");
}

#[test]
fn cases_and_show_print_control_characters_escaped() {
    let (_dir, db) = tampered();
    let out = stdout(&db, &["cases"]);
    assert_escaped(&out);
    assert!(!out.lines().any(|l| l.starts_with("伪造行")), "{out}");
    let out = stdout(&db, &["show", EVIL]);
    assert_escaped(&out);
    assert!(out.contains("\\x1b[31m"), "{out}");
    assert!(!out.lines().any(|l| l.starts_with("伪造行")), "{out}");
    // The JSON output escapes by itself, as JSON does.
    let out = stdout(&db, &["cases", "--json"]);
    assert!(!out.contains('\u{1b}'), "{out}");
    // An error naming the value escapes it too.
    let missing = format!("{EVIL}x");
    let out = pingcha(&db).args(["show", &missing]).output().unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains('\u{1b}'), "{err:?}");
}

#[test]
fn cases_json_keeps_its_public_fields() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    stdout(&db, &["import", "tests/fixtures/cli/cases.jsonl"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&db, &["cases", "--json"])).unwrap();
    let keys: Vec<&str> = v[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "case_no",
            "department",
            "kind",
            "title",
            "party",
            "status",
            "reviewer",
            "score",
            "grade",
            "findings",
            "suggested"
        ]
    );
}

#[cfg(unix)]
#[test]
fn a_database_open_to_others_is_tightened_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    stdout(&db, &["import", "tests/fixtures/cli/cases.jsonl"]);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = pingcha(&db).args(["cases"]).output().unwrap();
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("0644") && err.contains("0600"), "{err}");
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    // Once private, nothing more is said.
    let out = pingcha(&db).args(["cases"]).output().unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_long_case_number_still_makes_a_file_name_the_system_accepts() {
    let name = pingcha::report::safe_file_name(&format!("评查表_{}", "罚".repeat(100)));
    assert!(
        name.len() + ".docx".len() + "（99）".len() <= 255,
        "{}",
        name.len()
    );
    assert!(name.starts_with("评查表_罚"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(format!("{name}（99）.docx")), b"x").unwrap();
}
