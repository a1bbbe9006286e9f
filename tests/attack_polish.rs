//! Refusals that must say, in Chinese only, what is wrong: a broken
//! template, an output folder that is a link, a run that writes nothing,
//! a dropped `audit_meta`, and the normalised name `reviewer add` stored.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn pingcha(db: &Path) -> Command {
    let mut c = Command::cargo_bin("pingcha").expect("binary");
    c.arg("--db")
        .arg(db)
        .env_remove("PINGCHA_DB")
        .env("PINGCHA_KEY_DIR", db.with_extension("keys"));
    c
}

fn demo() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let out = pingcha(&db).args(["demo", "--no-tui"]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (dir, db)
}

fn run(db: &Path, args: &[&str]) -> (bool, String, String) {
    let out = pingcha(db).args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// No run of ASCII letters that reads as an English sentence.
fn no_english(s: &str) {
    for bad in [
        "unknown",
        "error",
        "syntax",
        "referenced",
        "variables",
        "----",
        "~~~~",
        "no such",
        "failed",
    ] {
        assert!(!s.to_lowercase().contains(bad), "English in: {s}");
    }
}

#[test]
fn a_broken_template_is_one_chinese_sentence_with_its_line() {
    let (dir, db) = demo();
    let t = dir.path().join("data/templates");
    std::fs::create_dir_all(&t).unwrap();
    for (src, line) in [
        ("p: ok\np: {{ nope(1) }}\n", "第 2 行"),
        ("p: ok\np: ok\np: {% if %}\n", "第 3 行"),
        ("p: {{ 1 | nofilter }}\n", "第 1 行"),
        ("p: {% for a in b %}\n", "第 1 行"),
    ] {
        std::fs::write(t.join("letter.j2"), src).unwrap();
        let out = dir.path().join("o");
        let (ok, _, err) = run(
            &db,
            &[
                "report",
                "--draft",
                "--format",
                "docx",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(!ok);
        assert!(err.contains("letter.j2"), "{err}");
        assert!(err.contains(line), "{src}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        no_english(&err);
    }
}

#[test]
fn an_output_folder_that_is_a_link_is_refused_and_its_target_untouched() {
    let (dir, db) = demo();
    let target = dir.path().join("elsewhere");
    std::fs::create_dir(&target).unwrap();
    let link = dir.path().join("out");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    for args in [
        vec!["report", "--draft", "--format", "md"],
        vec!["report", "--draft", "--format", "docx,xlsx"],
    ] {
        let mut a = args.clone();
        a.extend(["--out", link.to_str().unwrap()]);
        let (ok, _, err) = run(&db, &a);
        assert!(!ok, "{a:?}");
        assert!(err.contains("符号链接"), "{err}");
        assert_eq!(std::fs::read_dir(&target).unwrap().count(), 0, "{a:?}");
        no_english(&err);
    }
}

#[test]
fn a_run_that_writes_nothing_says_why() {
    let (dir, db) = demo();
    let out = dir.path().join("o");
    let (ok, _, err) = run(
        &db,
        &[
            "report",
            "--draft",
            "--department",
            "清江市交通运输局",
            "--format",
            "md",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(ok, "{err}");
    assert!(err.contains("已生成 0 个文书"), "{err}");
    assert!(err.contains("--format docx"), "{err}");
    assert!(err.contains("去掉 --department"), "{err}");
}

#[test]
fn a_dropped_table_is_named_as_tampering_by_audit_verify() {
    for table in ["audit_meta", "reviews", "audit_log", "item_marks"] {
        let (_dir, db) = demo();
        let c = rusqlite::Connection::open(&db).unwrap();
        c.execute_batch(&format!("PRAGMA foreign_keys = OFF; DROP TABLE {table};"))
            .unwrap();
        drop(c);
        let (ok, out, err) = run(&db, &["audit", "verify"]);
        assert!(!ok, "{table}: {out}");
        assert!(
            out.contains(&format!("数据表 {table} 被删除")),
            "{table}: {out}{err}"
        );
        no_english(&format!("{out}{err}"));
        let (ok, out, _) = run(&db, &["audit", "verify", "--json"]);
        assert!(!ok);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert!(v["problems"][0]["what"].as_str().unwrap().contains(table));
        // Commands that need the table name it too.
        if matches!(table, "audit_meta" | "reviews") {
            let (ok, _, err) = run(&db, &["cases"]);
            assert!(!ok);
            assert!(
                err.contains(&format!("缺少数据表 {table}")),
                "{table}: {err}"
            );
        }
    }
}

#[test]
fn reviewer_add_echoes_and_keys_the_normalised_name() {
    let (_dir, db) = demo();
    let (ok, key, err) = run(&db, &["reviewer", "key"]);
    assert!(ok, "{err}");
    let key = key.trim().to_string();
    // 'e' + combining acute (NFD), a zero-width space and trailing spaces.
    let (ok, out, err) = run(
        &db,
        &[
            "reviewer",
            "add",
            " 李e\u{301}\u{200b}明 ",
            "--department",
            " 清江市\u{200b}司法局 ",
            "--key",
            &key,
        ],
    );
    assert!(ok, "{err}");
    assert!(out.contains("李\u{e9}明（清江市司法局）"), "{out}");
    let (ok, out, err) = run(&db, &["reviewer", "key", "--set", "李e\u{301}明 ", &key]);
    assert!(ok, "{err}");
    assert!(out.contains("李\u{e9}明"), "{out}");
    let (_, out, _) = run(&db, &["reviewer", "list", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let me = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "李\u{e9}明")
        .expect("stored normalised");
    assert_eq!(me["key_registered"], true);
}

#[test]
fn case_numbers_that_only_look_alike_are_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let case = |no: &str| {
        serde_json::json!({"case_no": no, "department": "清江市市场监督管理局", "kind": "行政处罚",
            "title": "案", "party": {"name": "某某有限公司"}})
        .to_string()
    };
    std::fs::write(dir.path().join("a.jsonl"), case("清市监罚〔2024〕7号")).unwrap();
    let (ok, _, err) = run(
        &db,
        &["import", dir.path().join("a.jsonl").to_str().unwrap()],
    );
    assert!(ok, "{err}");
    // Each look-alike is read as the 案号 it looks like: the same file.
    for evil in [
        "清市监罚〔2024〕7\u{200b}号",
        "清市监罚〔2024〕7号 ",
        "\u{feff}清市监罚〔2024〕7号",
        "\u{3000}清市监罚〔2024〕7号\u{200d}",
    ] {
        let f = dir.path().join("b.jsonl");
        std::fs::write(&f, case(evil)).unwrap();
        let (ok, _, err) = run(&db, &["import", f.to_str().unwrap()]);
        assert!(ok, "{evil:?}: {err}");
        no_english(&err);
    }
    // Decomposed and composed é: one 案号.
    for no in ["Cafe\u{301}〔2024〕1号", "Caf\u{e9}〔2024〕1号"] {
        let f = dir.path().join("n.jsonl");
        std::fs::write(&f, case(no)).unwrap();
        assert!(run(&db, &["import", f.to_str().unwrap()]).0);
    }
    // A department with a zero-width character is the department.
    let f = dir.path().join("c.jsonl");
    let mut c: serde_json::Value = serde_json::from_str(&case("清市监罚〔2024〕8号")).unwrap();
    c["department"] = "清江市市场监督管理局\u{200b}".into();
    std::fs::write(&f, c.to_string()).unwrap();
    let (ok, _, err) = run(&db, &["import", f.to_str().unwrap()]);
    assert!(ok, "{err}");
    let (_, out, _) = run(&db, &["cases", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 3, "{out}");
    assert!(
        rows.iter().any(|r| r["case_no"] == "Caf\u{e9}〔2024〕1号"),
        "{out}"
    );
    assert!(
        rows.iter()
            .all(|r| r["department"] == "清江市市场监督管理局"),
        "{out}"
    );
}

#[test]
fn a_note_past_the_limit_is_refused_before_anything_is_stored() {
    let (_dir, db) = demo();
    let (_, out, _) = run(&db, &["cases", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let open = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["status"] != "已完成")
        .expect("an open file");
    let no = open["case_no"].as_str().unwrap();
    let note = "很".repeat(30_000);
    let (_, before, _) = run(&db, &["finding", "list", "--json"]);
    let (ok, _, err) = run(
        &db,
        &[
            "finding",
            "add",
            "--case",
            no,
            "--item",
            "CF-05",
            "--deduct",
            "1",
            "--note",
            &note,
            "--reviewer",
            "王芳",
        ],
    );
    assert!(!ok);
    assert!(
        err.contains("30000 个字符") && err.contains("上限"),
        "{err}"
    );
    let (ok, _, err) = run(&db, &["remark", no, &note, "--reviewer", "王芳"]);
    assert!(!ok);
    assert!(err.contains("上限"), "{err}");
    let (_, after, _) = run(&db, &["finding", "list", "--json"]);
    assert_eq!(before, after);
}

#[test]
fn an_anchor_of_any_text_is_refused_shown_short_and_escaped() {
    let (_dir, db) = demo();
    for bad in [
        "\u{1b}]0;pwn\u{7}0123456789abcdef",
        &"a".repeat(100_000),
        &"ab".repeat(40),
    ] {
        let (ok, out, err) = run(&db, &["audit", "verify", "--anchor", bad]);
        assert!(!ok);
        assert!(out.contains("16 至 64 位十六进制数"), "{out}{err}");
        assert!(out.len() < 2_000, "{} bytes", out.len());
        assert!(!out.contains('\u{1b}'), "{out:?}");
    }
}

#[test]
fn usage_errors_are_chinese_only() {
    let (_dir, db) = demo();
    for (args, want) in [
        (
            &["assign", "list", "--reviewer", "x"][..],
            "不认识的参数 --reviewer",
        ),
        (&["finding", "add"], "缺少必填参数"),
        (&["findin", "list"], "没有命令“findin”"),
        (&["cases", "--jsn"], "是否想用 --json"),
        (
            &[
                "finding", "add", "--case", "a", "--item", "b", "--deduct", "abc",
            ],
            "的值“abc”无效",
        ),
        (&["show", "\u{1b}[2J", "--x"], "不认识的参数"),
    ] {
        let out = pingcha(&db).args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("错误："), "{err}");
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(
            !err.contains("Usage:") && !err.contains("error:") && !err.contains("try '--help'"),
            "{err}"
        );
        assert!(!err.contains('\u{1b}'), "{err:?}");
    }
}

#[test]
fn broken_settings_and_unreadable_files_are_told_in_chinese() {
    let (dir, db) = demo();
    let out = dir.path().join("o");
    for (text, want) in [
        ("issuing_body = \"x\n", "第 1 行"),
        ("rectification_days = \"十五\"\n", "1 至 365"),
        ("a = 1\na = 2\n", "重复"),
    ] {
        let s = dir.path().join("s.toml");
        std::fs::write(&s, text).unwrap();
        let (ok, _, err) = run(
            &db,
            &[
                "report",
                "--draft",
                "--settings",
                s.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(!ok);
        assert!(err.contains(want), "{text:?}: {err}");
        assert!(
            !err.contains("expected")
                && !err.contains("TOML parse error")
                && !err.contains("invalid"),
            "{err}"
        );
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    // A file where the output folder should be: the reason, no OS English.
    let f = dir.path().join("afile");
    std::fs::write(&f, "").unwrap();
    let (ok, _, err) = run(&db, &["report", "--draft", "--out", f.to_str().unwrap()]);
    assert!(!ok);
    assert!(err.contains("文件已存在"), "{err}");
    assert!(
        !err.contains("os error") && !err.contains("File exists"),
        "{err}"
    );
}
