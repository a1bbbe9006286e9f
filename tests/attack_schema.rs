//! The database's structure edited with sqlite3 (an index dropped, a CHECK
//! loosened, the schema version rewritten), its text made invalid, its path
//! a link or a device: each is detected or refused with a Chinese sentence,
//! never a raw SQLite message.

mod attack_common;
use attack_common::*;

/// `audit verify` fails and names `what`.
fn verify_finds(b: &Bench, what: &str) {
    let err = b.fails(&["audit", "verify"]);
    let out = String::from_utf8_lossy(&b.main().args(["audit", "verify"]).output().unwrap().stdout)
        .into_owned();
    let all = format!("{out}{err}");
    assert!(all.contains(what), "expected “{what}” in: {all}");
}

/// A refusal in Chinese with none of SQLite's own words.
fn chinese_refusal(err: &str) {
    for raw in [
        "CREATE TABLE",
        "duplicate column",
        "utf-8",
        "no such",
        "SQLITE",
        "constraint failed",
    ] {
        assert!(!err.contains(raw), "raw “{raw}” in: {err}");
    }
    assert!(err.contains("错误"), "{err}");
}

#[test]
fn a_dropped_index_is_detected() {
    let b = bench();
    b.edit_db()
        .execute_batch("DROP INDEX findings_case;")
        .unwrap();
    verify_finds(&b, "索引 findings_case");
}

#[test]
fn a_loosened_check_is_detected() {
    let b = bench();
    b.edit_db()
        .execute_batch(
            "PRAGMA writable_schema = ON;
             UPDATE sqlite_master SET sql = replace(sql, 'CHECK (deduction >= 0)', '')
              WHERE name = 'findings';",
        )
        .unwrap();
    verify_finds(&b, "数据表 findings");
}

#[test]
fn a_rewritten_schema_version_is_refused_in_chinese() {
    for v in [0, 3] {
        let b = bench();
        b.edit_db()
            .execute_batch(&format!("PRAGMA user_version = {v};"))
            .unwrap();
        let err = b.fails(&["cases"]);
        chinese_refusal(&err);
        assert!(err.contains("版本"), "{err}");
    }
}

#[test]
fn invalid_text_in_the_database_is_named_in_chinese() {
    let b = bench();
    b.edit_db()
        .execute(
            "UPDATE case_files SET department = CAST(x'e6a1' AS TEXT) WHERE id = 1",
            [],
        )
        .unwrap();
    for cmd in [&["cases"][..], &["summary"], &["cases", "--json"]] {
        let err = b.fails(cmd);
        chinese_refusal(&err);
        assert!(err.contains("UTF-8"), "{err}");
    }
}

#[test]
fn a_database_path_that_is_a_link_or_a_device_is_refused() {
    let b = bench();
    let link = b.dir.path().join("link.db");
    std::os::unix::fs::symlink(&b.db, &link).unwrap();
    let out = assert_cmd::Command::cargo_bin("pingcha")
        .unwrap()
        .arg("--db")
        .arg(&link)
        .arg("cases")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("符号链接"), "{err}");
    let out = assert_cmd::Command::cargo_bin("pingcha")
        .unwrap()
        .args(["--db", "/dev/zero", "cases"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("不是普通文件"), "{err}");
}

#[test]
fn a_package_that_is_a_fifo_or_a_device_is_refused_as_such() {
    let b = bench();
    let fifo = b.dir.path().join("fifo.pingcha");
    let ok = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(ok.success());
    for p in [fifo.to_str().unwrap(), "/dev/zero"] {
        let err = b.fails(&["package", "merge", p]);
        assert!(err.contains("不是普通文件"), "{err}");
    }
}
