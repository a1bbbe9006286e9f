//! The team's review (复核) through the binary: submit, return with a remark,
//! correct, resubmit, approve; self-approval; a batch without leaders; the
//! checks before submit; what counts in the summary.

mod cli_common;

use assert_cmd::Command;
use cli_common::*;
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;

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

#[test]
fn the_score_sheet_is_signed_by_the_reviewers_and_the_approving_leader() {
    let (dir, db) = imported();
    pingcha(&db)
        .args(["batch", "edit", "--leaders", "李四"])
        .assert()
        .success();
    let id = String::from_utf8(
        pingcha(&db)
            .args(["finding", "add", "--case", PENALTY, "--item", "CF-07"])
            .args([
                "--deduct",
                "2",
                "--note",
                "询问笔录未注明起止时间",
                "--page",
                "5",
            ])
            .args([
                "--reviewer",
                "王芳",
                "--rectifier",
                "潜江市市场监督管理局执法支队",
            ])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap()
    .trim()
    .to_string();
    assert!(!id.is_empty());
    pingcha(&db)
        .args([
            "remark",
            PENALTY,
            "案卷总体规范，询问笔录需改进",
            "--reviewer",
            "陈静",
        ])
        .assert()
        .success();
    pingcha(&db)
        .args([
            "submit",
            PENALTY,
            "--reviewer",
            "陈静",
            "--override-reason",
            "其余符合",
        ])
        .assert()
        .success();
    // Not approved yet: no score sheet for it.
    let out = dir.path().join("before");
    pingcha(&db)
        .args(["report", "--out", out.to_str().unwrap(), "--format", "docx"])
        .assert()
        .success();
    assert!(
        !std::fs::read_dir(&out).unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .starts_with("评查表")),
        "a file waiting for 复核 has no score sheet"
    );
    pingcha(&db)
        .args(["approve", PENALTY, "--by", "李四"])
        .assert()
        .success();
    let out = dir.path().join("after");
    pingcha(&db)
        .args(["report", "--out", out.to_str().unwrap(), "--format", "docx"])
        .assert()
        .success();
    let sheet = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("评查表")
        })
        .expect("score sheet");
    let text = docx_plain(&sheet);
    assert!(
        text.contains("评查意见：案卷总体规范，询问笔录需改进"),
        "{text}"
    );
    let signed = &text[text.find("评查人员（签名）").expect("signature block")..];
    assert!(signed.contains("王芳"), "{signed}");
    assert!(signed.contains("陈静"), "{signed}");
    let leader = &signed[signed.find("复核人员（签名）").expect("leader line")..];
    assert!(leader.contains("李四"), "{leader}");
    let year = chrono::Utc::now().format("%Y年").to_string();
    assert!(leader.contains(&year), "approval date: {leader}");
    let letter = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("评查建议书")
        })
        .expect("letter");
    assert!(docx_plain(&letter).contains("整改主体：潜江市市场监督管理局执法支队"));
}

#[test]
fn demo_again_reopens_the_database_and_fresh_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        let mut c = Command::cargo_bin("pingcha").expect("binary");
        c.current_dir(dir.path())
            .env_remove("PINGCHA_DB")
            .args(["demo", "--no-tui"])
            .args(args)
            .assert()
            .success()
    };
    run(&[]).stderr(predicate::str::contains("演示数据库已生成"));
    let db = dir.path().join("pingcha-demo.db");
    // Review work in it.
    let case = json(&db, &["cases", "--json"])[0]["case_no"]
        .as_str()
        .unwrap()
        .to_string();
    pingcha(&db)
        .args(["remark", &case, "演示中写下的意见", "--reviewer", "王芳"])
        .assert()
        .success();
    run(&[]).stderr(predicate::str::contains("打开已有的演示数据库"));
    assert_eq!(
        json(&db, &["show", &case, "--json"])["remark"],
        "演示中写下的意见"
    );
    run(&["--fresh"]).stderr(predicate::str::contains("已保留为"));
    assert_eq!(json(&db, &["show", &case, "--json"])["remark"], Value::Null);
    let backup = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".bak"))
        .expect("a timestamped backup");
    assert_eq!(
        json(&backup, &["show", &case, "--json"])["remark"],
        "演示中写下的意见"
    );
}
