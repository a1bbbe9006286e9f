//! Tampering with the database the way someone with the sqlite3 command
//! line would; `audit verify` must find each, and opening the database must
//! never seal what the editor unsealed.

mod attack_common;
use attack_common::*;

/// The v1 chain formula, as anyone can read it in the source: what an
/// attacker recomputes after an edit.
fn rehash_all(c: &rusqlite::Connection) {
    use sha2::{Digest, Sha256};
    let rows: Vec<(i64, Vec<Option<String>>)> = c
        .prepare(
            "SELECT seq, at, actor, tbl, op, row_key, before, after FROM audit_log ORDER BY seq",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, (1..8).map(|i| r.get(i).unwrap()).collect()))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    let mut prev = "pingcha-audit-v1".to_string();
    for (seq, fields) in rows {
        let mut h = Sha256::new();
        h.update(prev.as_bytes());
        h.update([0x1f]);
        h.update(seq.to_string().as_bytes());
        for f in &fields {
            h.update([0x1f]);
            h.update(f.as_deref().unwrap_or("\u{0}").as_bytes());
        }
        prev = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
        c.execute(
            "UPDATE audit_log SET hash = ?2 WHERE seq = ?1",
            rusqlite::params![seq, prev],
        )
        .unwrap();
    }
}

/// A reviewed database: one finding logged and one file completed.
fn reviewed() -> (Bench, String) {
    let b = bench();
    let no = b.assigned("陈静")[0].clone();
    b.ok(&[
        "finding",
        "add",
        "--case",
        &no,
        "--item",
        "CF-07",
        "--deduct",
        "1",
        "--note",
        "原始",
        "--reviewer",
        "陈静",
    ]);
    b.ok(&["complete", &no, "--reviewer", "陈静"]);
    b.ok(&["audit", "verify"]);
    (b, no)
}

/// The head hash `audit verify` prints.
fn head(b: &Bench) -> String {
    let v: serde_json::Value = serde_json::from_str(&b.ok(&["audit", "verify", "--json"])).unwrap();
    v["head"].as_str().unwrap().to_string()
}

#[test]
fn verify_prints_the_head_hash() {
    let (b, _) = reviewed();
    let out = b.ok(&["audit", "verify"]);
    let h = head(&b);
    assert_eq!(h.len(), 64);
    assert!(out.contains(&h), "{out}");
}

#[test]
fn null_hashes_are_tampering_and_opening_does_not_reseal_them() {
    let (b, _) = reviewed();
    let no = b.assigned("陈静")[1].clone();
    let c = b.edit_db();
    c.execute("UPDATE findings SET deduction = 0 WHERE note = '原始'", [])
        .unwrap();
    c.execute(
        "UPDATE audit_log SET hash = NULL WHERE seq >= (SELECT MAX(seq) - 3 FROM audit_log)",
        [],
    )
    .unwrap();
    drop(c);
    // Reads and a write in between: neither may seal the editor's rows.
    b.ok(&["cases"]);
    b.ok(&[
        "finding",
        "add",
        "--case",
        &no,
        "--item",
        "CF-08",
        "--deduct",
        "1",
        "--note",
        "之后",
        "--reviewer",
        "陈静",
    ]);
    let err = b.fails(&["audit", "verify"]);
    assert!(err.contains("审计核对发现"), "{err}");
    let out = b.main().args(["audit", "verify"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("没有封存哈希"), "{text}");
}

#[test]
fn a_dropped_trigger_is_found() {
    let (b, _) = reviewed();
    b.edit_db()
        .execute_batch("DROP TRIGGER audit_reviews_update;")
        .unwrap();
    let out = b.main().args(["audit", "verify"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("触发器 audit_reviews_update 被删除"));
}

#[test]
fn a_trigger_recreated_differently_is_found() {
    let (b, _) = reviewed();
    b.edit_db()
        .execute_batch(
            "DROP TRIGGER audit_findings_update;
             CREATE TRIGGER audit_findings_update AFTER UPDATE ON findings BEGIN SELECT 1; END;",
        )
        .unwrap();
    let out = b.main().args(["audit", "verify"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("audit_findings_update 被改动"));
}

/// The append-only trigger's exact statement, to put it back unnoticed.
fn no_delete_sql(c: &rusqlite::Connection) -> String {
    c.query_row(
        "SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn deleting_the_last_row_is_found() {
    let (b, _) = reviewed();
    let c = b.edit_db();
    let sql = no_delete_sql(&c);
    c.execute_batch("DROP TRIGGER audit_log_no_delete;")
        .unwrap();
    c.execute(
        "DELETE FROM audit_log WHERE seq = (SELECT MAX(seq) FROM audit_log)",
        [],
    )
    .unwrap();
    c.execute_batch(&sql).unwrap();
    drop(c);
    let out = b.main().args(["audit", "verify"]).output().unwrap();
    assert!(
        !out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn deleting_the_last_row_and_its_change_is_found() {
    let (b, no) = reviewed();
    b.ok(&["complete", &no, "--reopen", "--reviewer", "陈静"]);
    let c = b.edit_db();
    let sql = no_delete_sql(&c);
    c.execute_batch("DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_reviews_update;")
        .unwrap();
    // Put the review back as it was and remove the record of reopening it.
    let before: String = c
        .query_row(
            "SELECT before FROM audit_log WHERE tbl = 'reviews' ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&before).unwrap();
    c.execute(
        "UPDATE reviews SET status = ?1, completed_at = ?2 WHERE case_id = ?3",
        rusqlite::params![
            v["status"].as_str(),
            v["completed_at"].as_str(),
            v["case_id"].as_i64()
        ],
    )
    .unwrap();
    c.execute(
        "DELETE FROM audit_log WHERE seq > (SELECT MAX(seq) FROM audit_log WHERE NOT (tbl = 'reviews' AND op = 'update' AND after LIKE '%评查中%'))",
        [],
    )
    .unwrap();
    c.execute_batch(&sql).unwrap();
    drop(c);
    let out = b.main().args(["audit", "verify"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
}

#[test]
fn a_review_edited_from_failing_to_excellent_is_found() {
    let (b, _) = reviewed();
    let c = b.edit_db();
    let sql: String = c
        .query_row(
            "SELECT sql FROM sqlite_master WHERE name = 'audit_reviews_update'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    c.execute_batch("DROP TRIGGER audit_reviews_update;")
        .unwrap();
    c.execute(
        "UPDATE reviews SET grade = '优秀', score = 98 WHERE status = '已完成'",
        [],
    )
    .unwrap();
    c.execute_batch(&sql).unwrap();
    drop(c);
    let out = b.main().args(["audit", "verify"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("评查结果") && text.contains("不符"), "{text}");
}

#[test]
fn case_data_item_marks_checklists_and_rectifications_edited_are_found() {
    for sql in [
        "UPDATE case_files SET json = replace(json, '普通程序', '简易程序')",
        "INSERT INTO item_marks VALUES (1, 1, 'CF-01', '符合', '陈静', '2030')",
        "UPDATE checklists SET source = source || ' ' WHERE id = 'CF'",
        "UPDATE reviewers SET public_key = NULL WHERE name = '王芳'",
    ] {
        let (b, _) = reviewed();
        let c = b.edit_db();
        let names: Vec<String> = c
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'audit_%'",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let sqls: Vec<String> = names
            .iter()
            .map(|n| {
                c.query_row("SELECT sql FROM sqlite_master WHERE name = ?1", [n], |r| {
                    r.get(0)
                })
                .unwrap()
            })
            .collect();
        for n in &names {
            c.execute_batch(&format!("DROP TRIGGER {n};")).unwrap();
        }
        c.execute_batch(sql).unwrap();
        for s in &sqls {
            c.execute_batch(s).unwrap();
        }
        drop(c);
        let out = b.main().args(["audit", "verify"]).output().unwrap();
        assert!(
            !out.status.success(),
            "{sql}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn a_consistent_rehash_is_found() {
    let (b, _) = reviewed();
    let c = b.edit_db();
    c.execute_batch("DROP TRIGGER audit_log_no_update;")
        .unwrap();
    // Change the finding and its audit image, then re-hash the whole chain.
    c.execute_batch("DROP TRIGGER audit_findings_update;")
        .unwrap();
    c.execute("UPDATE findings SET deduction = 0 WHERE note = '原始'", [])
        .unwrap();
    c.execute(
        "UPDATE audit_log SET after = replace(after, '\"deduction\":1.0', '\"deduction\":0.0') WHERE tbl = 'findings'",
        [],
    )
    .unwrap();
    rehash_all(&c);
    drop(c);
    let out = b.main().args(["audit", "verify"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
}

#[test]
fn an_anchor_proves_nothing_changed_since_a_document_was_issued() {
    let (b, no) = reviewed();
    let anchor = head(&b)[..16].to_string();
    // Honest work after the document: the anchor still holds.
    b.ok(&["complete", &no, "--reopen", "--reviewer", "陈静"]);
    let ok = b.ok(&["audit", "verify", "--anchor", &anchor]);
    assert!(ok.contains("锚定摘要在链中"), "{ok}");
    // History rewritten before the anchor, chain re-hashed and head
    // re-sealed by running pingcha itself: the anchor is gone.
    let c = b.edit_db();
    c.execute_batch("DROP TRIGGER audit_log_no_update;")
        .unwrap();
    c.execute("UPDATE audit_log SET actor = '他人' WHERE seq = 2", [])
        .unwrap();
    rehash_all(&c);
    drop(c);
    let out = b
        .main()
        .args(["audit", "verify", "--anchor", &anchor])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("不在审计链中"), "{text}");
}

#[test]
fn making_pingcha_reinstall_its_triggers_to_baseline_a_forged_row_is_found() {
    let (b, no) = reviewed();
    let id = b.case_id(&no);
    let c = b.edit_db();
    c.execute_batch("DROP TRIGGER audit_findings_insert;")
        .unwrap();
    c.execute(
        "INSERT INTO findings (id, batch_id, case_id, item, deduction, note, reviewer, status, source, created_at, updated_at)
         VALUES ('0190a000-0000-7000-8000-0000000000ff', 1, ?1, 'CF-07', 1, '伪造', '陈静', 'confirmed', 'manual', 't', 't')",
        [id],
    )
    .unwrap();
    // Any pingcha run now sees a different declaration and reinstalls.
    c.execute(
        "UPDATE audit_meta SET value = 'x' WHERE key = 'triggers'",
        [],
    )
    .unwrap();
    drop(c);
    b.ok(&["cases"]);
    let out = b.main().args(["audit", "verify"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{text}");
    assert!(text.contains("重新安装而声明未变"), "{text}");
}

/// A grade edited with sqlite3 cannot be issued: `report issue` verifies the
/// record first, since the document's 审计摘要 would vouch for it.
#[test]
fn report_issue_refuses_a_tampered_record() {
    let (b, no) = reviewed();
    let out = b.dir.path().join("out");
    b.edit_db()
        .execute_batch(
            "DROP TRIGGER audit_reviews_update;
             UPDATE reviews SET grade = '优秀', score = 100 WHERE status = '已完成';",
        )
        .unwrap();
    let dept: String = b
        .edit_db()
        .query_row(
            "SELECT department FROM case_files WHERE case_no = ?1",
            [&no],
            |r| r.get(0),
        )
        .unwrap();
    let err = b.fails(&[
        "report",
        "issue",
        "--department",
        &dept,
        "--format",
        "docx",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(err.contains("不能印发文书"), "{err}");
    assert!(err.contains("audit verify"), "{err}");
    let written = std::fs::read_dir(&out).map(|d| d.count()).unwrap_or(0);
    assert_eq!(written, 0);
}
