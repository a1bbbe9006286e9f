//! The team's review (复核) through the binary: submit, return with a remark,
//! correct, resubmit, approve; self-approval; a batch without leaders; the
//! checks before submit; what counts in the summary.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const CASES: &str = "tests/fixtures/cli/cases.jsonl";
const PENALTY: &str = "潜市监罚〔2024〕15号";

fn pingcha(db: &Path) -> Command {
    let mut c = Command::cargo_bin("pingcha").expect("binary");
    c.arg("--db").arg(db).env_remove("PINGCHA_DB");
    c
}

fn json(db: &Path, args: &[&str]) -> Value {
    let out = pingcha(db).args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn imported() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    pingcha(&db).args(["import", CASES]).assert().success();
    (dir, db)
}

fn status(db: &Path) -> String {
    json(db, &["show", PENALTY, "--json"])["status"]
        .as_str()
        .unwrap()
        .to_string()
}

fn completed(db: &Path) -> i64 {
    json(db, &["summary", "--json"])["reviewed"]
        .as_i64()
        .unwrap()
}

#[test]
fn submitted_returned_corrected_resubmitted_and_approved() {
    let (_d, db) = imported();
    pingcha(&db)
        .args(["batch", "edit", "--leaders", "张三,李四"])
        .assert()
        .success()
        .stdout(predicate::str::contains("张三、李四"));
    pingcha(&db)
        .args(["finding", "add", "--case", PENALTY, "--item", "CF-07"])
        .args(["--deduct", "2", "--note", "询问笔录未注明起止时间"])
        .args(["--reviewer", "王芳"])
        .assert()
        .success();
    // The checks stop a submit with no page and items left unchecked.
    pingcha(&db)
        .args(["submit", PENALTY, "--reviewer", "王芳"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("没有注明页码"))
        .stderr(predicate::str::contains("未查"))
        .stderr(predicate::str::contains("--override-reason"));
    assert_eq!(status(&db), "评查中");
    pingcha(&db)
        .args(["submit", PENALTY, "--reviewer", "王芳"])
        .args([
            "--override-reason",
            "其余项目无问题",
            "--remark",
            "案卷总体规范",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("待复核"));
    assert_eq!(status(&db), "待复核");
    // Waiting for 复核 does not count, and cannot be changed by the reviewer.
    assert_eq!(completed(&db), 0);
    pingcha(&db)
        .args(["finding", "add", "--case", PENALTY, "--item", "CF-08"])
        .args(["--reviewer", "王芳"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("等待组长复核"));
    // Only a leader returns; the remark is required and shown on the file.
    pingcha(&db)
        .args(["return", PENALTY, "--by", "陈静", "--remark", "补页码"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("不是本批次的组长"));
    pingcha(&db)
        .args([
            "return",
            PENALTY,
            "--by",
            "张三",
            "--remark",
            "CF-07 请注明页码",
        ])
        .assert()
        .success();
    let shown = json(&db, &["show", PENALTY, "--json"]);
    assert_eq!(shown["status"], "评查中");
    assert_eq!(shown["return_remark"], "CF-07 请注明页码");
    assert_eq!(shown["remark"], "案卷总体规范");
    pingcha(&db)
        .args(["show", PENALTY])
        .assert()
        .stdout(predicate::str::contains("组长退回意见：CF-07 请注明页码"));
    // Corrected by a second reviewer, resubmitted, approved.
    let id = shown["findings"][0]["id"].as_str().unwrap().to_string();
    pingcha(&db)
        .args([
            "finding",
            "edit",
            &id,
            "--page",
            "5-6",
            "--reviewer",
            "陈静",
        ])
        .assert()
        .success();
    pingcha(&db)
        .args(["complete", PENALTY, "--reviewer", "陈静"])
        .args(["--override-reason", "其余项目无问题"])
        .assert()
        .success()
        .stdout(predicate::str::contains("待复核"));
    pingcha(&db)
        .args(["approve", PENALTY, "--by", "李四", "--remark", "同意"])
        .assert()
        .success()
        .stdout(predicate::str::contains("已完成"));
    let shown = json(&db, &["show", PENALTY, "--json"]);
    assert_eq!(shown["status"], "已完成");
    assert_eq!(shown["approved_by"], "李四");
    assert_eq!(shown["return_remark"], Value::Null);
    let reviewers: Vec<&str> = shown["reviewers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(reviewers.contains(&"王芳") && reviewers.contains(&"陈静"));
    assert!(!reviewers.contains(&"李四"));
    assert_eq!(completed(&db), 1);
    // Every step is in the audit trail, and the chain still holds.
    pingcha(&db)
        .args(["audit", "verify"])
        .assert()
        .success()
        .stdout(predicate::str::contains("一致").or(predicate::str::contains("未发现")));
}

#[test]
fn a_leader_may_not_approve_their_own_file_unless_the_batch_allows_it() {
    let (_d, db) = imported();
    pingcha(&db)
        .args(["batch", "edit", "--leaders", "张三"])
        .assert()
        .success();
    pingcha(&db)
        .args([
            "submit",
            PENALTY,
            "--reviewer",
            "张三",
            "--override-reason",
            "试",
        ])
        .assert()
        .success();
    pingcha(&db)
        .args(["approve", PENALTY, "--by", "张三"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("不能复核自己评查的案卷"));
    pingcha(&db)
        .args(["batch", "edit", "--allow-self-approval"])
        .assert()
        .success();
    pingcha(&db)
        .args(["approve", PENALTY, "--by", "张三"])
        .assert()
        .success();
    assert_eq!(status(&db), "已完成");
}

#[test]
fn without_leaders_complete_completes_as_before_and_there_is_no_review() {
    let (_d, db) = imported();
    pingcha(&db)
        .args(["complete", PENALTY, "--reviewer", "王芳"])
        .assert()
        .success()
        .stdout(predicate::str::contains("已完成"));
    assert_eq!(completed(&db), 1);
    pingcha(&db).args(["complete", PENALTY]).assert().success();
    pingcha(&db)
        .args(["approve", PENALTY, "--by", "张三"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("未设组长"));
    pingcha(&db)
        .args(["complete", PENALTY, "--reopen"])
        .assert()
        .success()
        .stdout(predicate::str::contains("评查中"));
    assert_eq!(completed(&db), 0);
}

#[test]
fn batch_new_names_its_leaders() {
    let (_d, db) = imported();
    pingcha(&db)
        .args(["batch", "new", "--name", "专项", "--type", "专项", "--all"])
        .args(["--leaders", "张三，李四"])
        .assert()
        .success()
        .stdout(predicate::str::contains("评查组长：张三、李四"));
    pingcha(&db)
        .args([
            "complete",
            PENALTY,
            "--override-reason",
            "试",
            "--reviewer",
            "王芳",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("待复核"));
}

#[test]
fn review_check_lists_the_warnings() {
    let (_d, db) = imported();
    pingcha(&db)
        .args(["finding", "add", "--case", PENALTY, "--item", "CF-07"])
        .args(["--deduct", "1", "--reviewer", "王芳"])
        .assert()
        .success();
    let checks = json(&db, &["review-check", PENALTY, "--json"]);
    let codes: Vec<&str> = checks[0]["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"no_note"), "{codes:?}");
    assert!(codes.contains(&"no_page"), "{codes:?}");
    assert!(codes.contains(&"unchecked_items"), "{codes:?}");
    pingcha(&db)
        .args(["review-check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("没有写问题描述"))
        .stdout(predicate::str::contains("个项目未查"));
}
