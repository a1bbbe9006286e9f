//! Packages that are correctly signed and still forge the record: a file
//! completed past the leader's 复核, a finding brought back by merging the
//! same package again, another reviewer's finding slipped in as a
//! "conflict". Each is refused (or, for a replay, changes nothing).

mod attack_common;
use attack_common::*;

/// Exports 王芳's package again (after the main database changed).
fn re_export(b: &Bench) {
    std::fs::remove_file(&b.pkg).unwrap();
    b.ok(&[
        "package",
        "export",
        "--reviewer",
        "王芳",
        "--out",
        b.pkg.to_str().unwrap(),
    ]);
}

/// Runs pingcha on 王芳's machine against her package.
fn on_package(b: &Bench, args: &[&str]) -> String {
    let out = b.at("王芳", &b.pkg).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A file both 王芳 and 陈静 review.
fn shared(b: &Bench) -> String {
    let chen = b.assigned("陈静");
    b.assigned("王芳")
        .into_iter()
        .find(|n| chen.contains(n))
        .expect("a shared file")
}

fn status_of(b: &Bench, no: &str) -> String {
    let c = rusqlite::Connection::open(&b.db).unwrap();
    c.query_row(
        "SELECT r.status FROM reviews r JOIN case_files c ON c.id = r.case_id WHERE c.case_no = ?1",
        [no],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn a_package_cannot_complete_files_past_the_leaders_review() {
    let b = bench();
    b.ok(&["batch", "edit", "--leaders", "张组长"]);
    re_export(&b);
    b.edit_pkg()
        .execute(
            "UPDATE reviews SET status = '已完成', reviewer = '王芳',
               completed_at = '2030-01-01T00:00:00+00:00', updated_at = '2030-01-01T00:00:00+00:00'",
            [],
        )
        .unwrap();
    b.seal("王芳");
    b.refused("组长复核");
}

#[test]
fn with_leaders_an_offline_completion_arrives_for_review() {
    let b = bench();
    b.ok(&["batch", "edit", "--leaders", "张组长"]);
    re_export(&b);
    let no = b.assigned("王芳")[0].clone();
    on_package(
        &b,
        &[
            "complete",
            &no,
            "--reviewer",
            "王芳",
            "--override-reason",
            "离线评查，已逐项核对",
        ],
    );
    b.seal("王芳");
    b.ok(&["package", "merge", b.pkg.to_str().unwrap()]);
    assert_eq!(status_of(&b, &no), "待复核");
}

#[test]
fn an_offline_submission_is_recorded_as_the_reviewers() {
    let b = bench();
    b.ok(&["batch", "edit", "--leaders", "张组长"]);
    re_export(&b);
    let no = b.assigned("王芳")[0].clone();
    on_package(
        &b,
        &[
            "complete",
            &no,
            "--reviewer",
            "王芳",
            "--override-reason",
            "离线评查，已逐项核对",
        ],
    );
    b.seal("王芳");
    b.ok(&["package", "merge", b.pkg.to_str().unwrap()]);
    assert_eq!(status_of(&b, &no), "待复核");
    let c = rusqlite::Connection::open(&b.db).unwrap();
    let id = b.case_id(&no);
    let by: Option<String> = c
        .query_row(
            "SELECT submitted_by FROM review_teams WHERE case_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(by.as_deref(), Some("王芳"));
    let steps: Vec<(String, Option<String>, String)> = c
        .prepare("SELECT action, actor, status FROM review_steps WHERE case_id = ?1 ORDER BY id")
        .unwrap()
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        steps,
        vec![(
            "提交复核".to_string(),
            Some("王芳".to_string()),
            "待复核".to_string()
        )]
    );
    let shown = b.ok(&["show", &no, "--json"]);
    assert!(shown.contains("\"submitted_by\": \"王芳\""), "{shown}");
    b.ok(&["audit", "verify"]);
    b.ok(&["approve", &no, "--by", "张组长"]);
    assert_eq!(status_of(&b, &no), "已完成");
}

#[test]
fn a_submission_forged_past_the_pre_submission_check_is_refused() {
    let b = bench();
    b.ok(&["batch", "edit", "--leaders", "张组长"]);
    re_export(&b);
    let no = b.assigned("王芳")[0].clone();
    let id = b.case_id(&no);
    // What `pingcha submit` refuses without a reason (items left 未查),
    // written straight into the package.
    b.edit_pkg()
        .execute(
            "UPDATE reviews SET status = '待复核', reviewer = '王芳',
               updated_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') WHERE case_id = ?1",
            [id],
        )
        .unwrap();
    b.seal("王芳");
    b.refused(&format!(
        "案卷 {no} 提交复核，但未通过提交复核前的检查，也没有写明理由：尚有"
    ));
}

#[test]
fn merging_a_package_again_does_not_bring_back_a_deleted_finding() {
    let b = bench();
    let no = b.assigned("王芳")[0].clone();
    let out = on_package(
        &b,
        &[
            "finding",
            "add",
            "--case",
            &no,
            "--item",
            "CF-07",
            "--deduct",
            "1",
            "--note",
            "离线记录",
            "--reviewer",
            "王芳",
        ],
    );
    let id = out
        .split_whitespace()
        .find(|w| w.len() == 36 && w.matches('-').count() == 4)
        .unwrap_or_else(|| panic!("no id in {out}"))
        .to_string();
    b.seal("王芳");
    b.ok(&["package", "merge", b.pkg.to_str().unwrap()]);
    b.ok(&["finding", "rm", &id]);
    let before = b.snapshot();
    let again = b.ok(&["package", "merge", b.pkg.to_str().unwrap()]);
    assert!(again.contains("合并过，本次未作任何改动"), "{again}");
    assert_eq!(before, b.snapshot(), "the replay changed the database");
    // Re-sealed after more offline work: the deleted finding still stays
    // deleted (it was deleted here, unchanged there).
    on_package(
        &b,
        &[
            "finding",
            "add",
            "--case",
            &no,
            "--item",
            "CF-08",
            "--deduct",
            "1",
            "--note",
            "第二条",
            "--reviewer",
            "王芳",
        ],
    );
    b.seal("王芳");
    b.ok(&["package", "merge", b.pkg.to_str().unwrap()]);
    let list = b.ok(&["finding", "list", "--case", &no]);
    assert!(!list.contains("离线记录"), "{list}");
    assert!(list.contains("第二条"), "{list}");
    b.ok(&["audit", "verify"]);
}

/// 陈静's finding on a shared file, made before the export.
fn chen_finding(b: &Bench) -> (String, String) {
    let no = shared(b);
    let out = b.ok(&[
        "finding",
        "add",
        "--case",
        &no,
        "--item",
        "CF-07",
        "--deduct",
        "1",
        "--note",
        "陈静记录",
        "--reviewer",
        "陈静",
    ]);
    let id = out
        .split_whitespace()
        .find(|w| w.len() == 36 && w.matches('-').count() == 4)
        .unwrap_or_else(|| panic!("no id in {out}"))
        .to_string();
    re_export(b);
    (no, id)
}

#[test]
fn another_reviewers_finding_edited_on_both_sides_is_refused_not_a_conflict() {
    let b = bench();
    let (_, id) = chen_finding(&b);
    b.ok(&["finding", "edit", &id, "--note", "陈静改过"]);
    b.edit_pkg()
        .execute(
            "UPDATE findings SET note = '王芳改的', deduction = 0, reviewer = '王芳',
               updated_at = '2031-01-01T00:00:00+00:00' WHERE id = ?1",
            [&id],
        )
        .unwrap();
    b.seal("王芳");
    b.refused("陈静");
}

#[test]
fn another_reviewers_finding_deleted_while_edited_here_is_refused() {
    let b = bench();
    let (_, id) = chen_finding(&b);
    b.ok(&["finding", "edit", &id, "--note", "陈静改过"]);
    b.edit_pkg()
        .execute("DELETE FROM findings WHERE id = ?1", [&id])
        .unwrap();
    b.seal("王芳");
    b.refused("陈静");
}

#[test]
fn a_package_verifies_as_exported_and_after_offline_work() {
    let b = bench();
    let verify = |who: &str| {
        let out = b
            .at(who, &b.pkg)
            .args(["audit", "verify"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{who}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    verify("bureau");
    let no = b.assigned("王芳")[0].clone();
    on_package(
        &b,
        &[
            "finding",
            "add",
            "--case",
            &no,
            "--item",
            "CF-07",
            "--deduct",
            "1",
            "--note",
            "离线记录",
            "--reviewer",
            "王芳",
        ],
    );
    verify("王芳");
    b.seal("王芳");
    verify("王芳");
}

/// 王芳's own finding, recorded offline, edited with sqlite3 and re-sealed.
fn own_finding_edited(b: &Bench, set: &str) {
    let no = b.assigned("王芳")[0].clone();
    on_package(
        b,
        &[
            "finding",
            "add",
            "--case",
            &no,
            "--item",
            "CF-07",
            "--deduct",
            "1",
            "--note",
            "离线记录",
            "--reviewer",
            "王芳",
        ],
    );
    b.edit_pkg()
        .execute(
            &format!("UPDATE findings SET {set} WHERE note = '离线记录'"),
            [],
        )
        .unwrap();
    b.seal("王芳");
}

#[test]
fn a_package_finding_with_control_characters_is_refused() {
    let b = bench();
    own_finding_edited(&b, "note = '离线' || char(27) || ']0;标题' || char(7)");
    b.refused("控制字符 U+001B");
}

#[test]
fn a_package_finding_of_ten_megabytes_is_refused() {
    let b = bench();
    own_finding_edited(&b, "note = printf('%.*c', 10000000, 'x')");
    b.refused("超过上限");
}

#[test]
fn a_package_dated_in_the_future_is_refused() {
    let b = bench();
    own_finding_edited(&b, "updated_at = '2999-01-01T00:00:00+00:00'");
    b.refused("晚于现在");
    let b = bench();
    own_finding_edited(&b, "updated_at = 'zzzz'");
    b.refused("zzzz");
}

#[test]
fn control_characters_on_the_command_line_are_refused() {
    let b = bench();
    let no = b.assigned("陈静")[0].clone();
    let before = b.snapshot();
    let err = b.fails(&[
        "finding",
        "add",
        "--case",
        &no,
        "--item",
        "CF-07",
        "--deduct",
        "1",
        "--note",
        "问题\u{1b}[31m红",
        "--reviewer",
        "陈静",
    ]);
    assert!(err.contains("控制字符 U+001B"), "{err}");
    assert!(!err.contains('\u{1b}'), "{err}");
    assert_eq!(before, b.snapshot());
    // A note on several lines is still fine.
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
        "第一行\n第二行",
        "--reviewer",
        "陈静",
    ]);
}

#[test]
fn a_signer_of_any_text_is_named_without_breaking_the_merge() {
    let b = bench();
    b.seal("王芳");
    b.edit_pkg()
        .execute(
            "UPDATE package_info SET value = '王芳王芳王芳王芳王芳王芳' WHERE key = 'signer'",
            [],
        )
        .unwrap();
    b.edit_pkg()
        .execute(
            "UPDATE package_info SET value = 'ab' WHERE key = 'signature'",
            [],
        )
        .unwrap();
    b.refused("不是评查人员“王芳”登记的密钥所签");
}

#[test]
fn the_roster_shows_whose_key_is_registered() {
    let b = bench();
    let out = b.ok(&["reviewer", "list"]);
    let line = |who: &str| {
        out.lines()
            .find(|l| l.starts_with(who))
            .unwrap()
            .to_string()
    };
    assert!(line("王芳").contains("已登记"), "{out}");
    assert!(line("陈静").contains("未登记"), "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&b.ok(&["reviewer", "list", "--json"])).unwrap();
    let by = |who: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == who)
            .unwrap()
            .clone()
    };
    assert_eq!(by("王芳")["key_registered"], true);
    assert_eq!(by("王芳")["public_key"].as_str().unwrap().len(), 64);
    assert_eq!(by("陈静")["key_registered"], false);
    assert_eq!(by("陈静")["department"], "清江市司法局");
}

/// A batch graded by the 测绘 standard, whose CH-M2 deducts 1 per
/// occurrence; 王芳's package exported (her key registered).
fn per_occurrence_bench() -> (Bench, String) {
    let b = bench();
    b.ok(&["checklists", "import", "checklists/extra/ch.toml"]);
    b.ok(&[
        "batch",
        "new",
        "--name",
        "测绘专项",
        "--type",
        "专项",
        "--checklists",
        "CH",
        "--all",
    ]);
    b.ok(&["assign", "--per-file", "2"]);
    re_export(&b);
    let c = rusqlite::Connection::open(&b.db).unwrap();
    let no: String = c
        .query_row(
            "SELECT c.case_no FROM assignments a JOIN case_files c ON c.id = a.case_id
             WHERE a.batch_id = 2 AND a.reviewer = '王芳' AND c.kind = '行政处罚' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    on_package(
        &b,
        &[
            "finding",
            "add",
            "--case",
            &no,
            "--item",
            "CH-M2",
            "--count",
            "3",
            "--note",
            "三处",
            "--reviewer",
            "王芳",
        ],
    );
    (b, no)
}

#[test]
fn a_package_carries_a_findings_count() {
    let (b, no) = per_occurrence_bench();
    b.seal("王芳");
    b.ok(&["package", "merge", b.pkg.to_str().unwrap()]);
    let v: serde_json::Value =
        serde_json::from_str(&b.ok(&["finding", "list", "--case", &no, "--json"])).unwrap();
    let f = v
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["item"] == "CH-M2")
        .unwrap_or_else(|| panic!("{v}"));
    assert_eq!(f["count"], 3);
    assert_eq!(f["deduction"], 3.0);
}

#[test]
fn a_package_count_that_does_not_match_its_deduction_is_refused() {
    let (b, _) = per_occurrence_bench();
    b.edit_pkg()
        .execute("UPDATE findings SET count = 1 WHERE item = 'CH-M2'", [])
        .unwrap();
    b.seal("王芳");
    b.refused("超出该项目的扣分规则");
}

#[test]
fn a_package_with_a_write_ahead_log_beside_it_is_refused() {
    let b = bench();
    b.seal("王芳");
    let c = b.edit_pkg();
    c.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
    let no = b.assigned("王芳")[0].clone();
    let id = b.case_id(&no);
    c.execute(
        "INSERT INTO findings (id, batch_id, case_id, item, deduction, note, reviewer, status, source, created_at, updated_at)
         VALUES ('01a24318-0000-7000-8000-000000000001', 1, ?1, 'CF-07', 1, '日志里的', '王芳', 'confirmed', 'manual',
                 '2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00')",
        [id],
    )
    .unwrap();
    // The log is left beside the package while the editor still holds it.
    let err = b.fails(&["package", "merge", b.pkg.to_str().unwrap()]);
    assert!(err.contains("日志文件"), "{err}");
    drop(c);
}

#[test]
fn a_package_too_large_to_be_one_is_refused_before_it_is_read() {
    let b = bench();
    b.seal("王芳");
    b.edit_pkg()
        .execute_batch(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000001)
             INSERT INTO package_base SELECT 'x' || i, '' FROM n;",
        )
        .unwrap();
    let err = b.fails(&["package", "merge", b.pkg.to_str().unwrap()]);
    assert!(err.contains("超过评查包的上限"), "{err}");
}
