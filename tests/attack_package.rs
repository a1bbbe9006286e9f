//! Crafted packages: each is refused whole, with the problem named in
//! Chinese, and the main database is left exactly as it was. The attacker
//! is the reviewer herself, so most packages are re-sealed with her real
//! key: the row checks must hold even when the signature is good.

mod attack_common;
use attack_common::*;

/// A file assigned to 王芳.
fn hers(b: &Bench) -> (String, i64) {
    let no = b.assigned("王芳")[0].clone();
    let id = b.case_id(&no);
    (no, id)
}

fn add_finding(c: &rusqlite::Connection, case_id: i64, item: &str, deduction: f64, reviewer: &str) {
    c.execute(
        "INSERT INTO findings (id, batch_id, case_id, item, deduction, note, reviewer, status, source, created_at, updated_at)
         VALUES (?1, 1, ?2, ?3, ?4, '伪造', ?5, 'confirmed', 'manual', '2030-01-01T00:00:00+00:00', '2030-01-01T00:00:00+00:00')",
        rusqlite::params![uuid::Uuid::now_v7().to_string(), case_id, item, deduction, reviewer],
    )
    .unwrap();
}

#[test]
fn the_honest_round_trip_merges_and_twice_changes_nothing() {
    let b = bench();
    let (no, _) = hers(&b);
    let out = b
        .at("王芳", &b.pkg)
        .args([
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
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    b.seal("王芳");
    let first = b.ok(&["package", "merge", b.pkg.to_str().unwrap()]);
    assert!(first.contains("新增问题 1"), "{first}");
    let again = b.ok(&["package", "merge", b.pkg.to_str().unwrap()]);
    assert!(again.contains("新增问题 0"), "{again}");
    let list = b.ok(&["finding", "list", "--case", &no]);
    assert!(list.contains("离线记录"), "{list}");
    b.ok(&["audit", "verify"]);
}

#[test]
fn an_unsigned_package_is_refused() {
    let b = bench();
    b.refused("没有签名");
}

#[test]
fn a_package_edited_after_sealing_is_refused() {
    let b = bench();
    b.seal("王芳");
    let (_, id) = hers(&b);
    add_finding(&b.edit_pkg(), id, "CF-07", 1.0, "王芳");
    b.refused("签名与内容不符");
}

#[test]
fn a_package_signed_by_another_key_is_refused() {
    let b = bench();
    b.make_key("冒名者");
    b.seal("冒名者");
    b.refused("不是评查人员“王芳”登记的密钥所签");
}

#[test]
fn a_forged_reviewer_is_refused() {
    let b = bench();
    let key = b.make_key("陈静");
    b.ok(&["reviewer", "key", "--set", "陈静", &key]);
    b.edit_pkg()
        .execute(
            "UPDATE package_info SET value = '陈静' WHERE key = 'reviewer'",
            [],
        )
        .unwrap();
    b.seal("王芳");
    b.refused("不是评查人员“陈静”登记的密钥所签");
}

#[test]
fn a_reviewer_without_a_registered_key_is_told_what_to_do() {
    let b = bench();
    b.edit_db()
        .execute(
            "UPDATE reviewers SET public_key = NULL WHERE name = '王芳'",
            [],
        )
        .unwrap();
    b.seal("王芳");
    let before = b.snapshot();
    let out = b.merge();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("reviewer key --set 王芳"), "{err}");
    assert_eq!(before, b.snapshot());
}

/// Copies a main-database file into the package with a review and a finding.
fn smuggle(b: &Bench, case_no: &str) {
    let id = b.case_id(case_no);
    let pkg = b.edit_pkg();
    pkg.execute("ATTACH DATABASE ?1 AS m", [b.db.to_str().unwrap()])
        .unwrap();
    pkg.execute(
        "INSERT INTO case_files SELECT * FROM m.case_files WHERE id = ?1",
        [id],
    )
    .unwrap();
    pkg.execute(
        "UPDATE reviews SET status = '已完成', reviewer = '王芳' WHERE case_id = ?1",
        [id],
    )
    .unwrap();
    pkg.execute(
        "INSERT OR IGNORE INTO reviews SELECT * FROM m.reviews WHERE case_id = ?1",
        [id],
    )
    .unwrap();
    pkg.execute(
        "UPDATE reviews SET status = '已完成', reviewer = '王芳', updated_at = '2031-01-01T00:00:00+00:00' WHERE case_id = ?1",
        [id],
    )
    .unwrap();
    add_finding(&pkg, id, "CF-07", 1.0, "王芳");
}

#[test]
fn a_file_not_assigned_to_the_reviewer_is_refused() {
    let b = bench();
    let mine = b.assigned("王芳");
    let other = b
        .assigned("陈静")
        .into_iter()
        .chain(b.assigned("李强"))
        .find(|n| !mine.contains(n) && !n.starts_with("清市监"))
        .expect("a file of another reviewer");
    smuggle(&b, &other);
    b.seal("王芳");
    b.refused("没有分配给评查人员“王芳”");
}

#[test]
fn a_file_of_the_reviewers_own_department_is_refused() {
    let b = bench();
    smuggle(&b, "清市监罚〔2024〕1号");
    b.seal("王芳");
    b.refused("本单位");
}

#[test]
fn an_item_the_checklist_lacks_is_refused() {
    let b = bench();
    let (_, id) = hers(&b);
    add_finding(&b.edit_pkg(), id, "CF-999", 1.0, "王芳");
    b.seal("王芳");
    b.refused("CF-999 不在该案卷的评查标准中");
}

#[test]
fn a_deduction_over_the_items_cap_is_refused() {
    let b = bench();
    let (_, id) = hers(&b);
    add_finding(&b.edit_pkg(), id, "CF-07", 1000.0, "王芳");
    b.seal("王芳");
    b.refused("超出该项目的扣分规则");
}

#[test]
fn a_finding_credited_to_another_reviewer_is_refused() {
    let b = bench();
    let (_, id) = hers(&b);
    add_finding(&b.edit_pkg(), id, "CF-07", 1.0, "陈静");
    b.seal("王芳");
    b.refused("记在评查人员“陈静”名下");
}

#[test]
fn another_reviewers_finding_cannot_be_overwritten_or_deleted() {
    let b = bench();
    // 陈静 logs a problem on a file she shares with 王芳, before the export.
    let shared = b
        .assigned("王芳")
        .into_iter()
        .find(|n| b.assigned("陈静").contains(n))
        .expect("a shared file");
    std::fs::remove_file(&b.pkg).unwrap();
    b.ok(&[
        "finding",
        "add",
        "--case",
        &shared,
        "--item",
        "CF-07",
        "--deduct",
        "1",
        "--note",
        "陈静的记录",
        "--reviewer",
        "陈静",
    ]);
    b.ok(&[
        "package",
        "export",
        "--reviewer",
        "王芳",
        "--out",
        b.pkg.to_str().unwrap(),
    ]);
    // Overwritten, keeping the main database's updated_at.
    b.edit_pkg()
        .execute("UPDATE findings SET deduction = 0, note = '改掉', updated_at = '2031-01-01T00:00:00+00:00' WHERE note = '陈静的记录'", [])
        .unwrap();
    b.seal("王芳");
    b.refused("是评查人员“陈静”的，评查包不能修改");
    // Deleted.
    let pkg = b.edit_pkg();
    pkg.execute("DELETE FROM findings WHERE note = '改掉'", [])
        .unwrap();
    drop(pkg);
    b.seal("王芳");
    b.refused("评查包不能删除");
}

#[test]
fn changed_case_data_is_refused() {
    let b = bench();
    let (no, _) = hers(&b);
    b.edit_pkg()
        .execute(
            "UPDATE case_files SET json = replace(json, '普通程序', '简易程序') WHERE case_no = ?1",
            [&no],
        )
        .unwrap();
    b.seal("王芳");
    b.refused("改动了案卷");
}

#[test]
fn a_trigger_in_the_package_is_refused_and_never_fires() {
    let b = bench();
    let marker = b.dir.path().join("fired.db");
    b.edit_pkg()
        .execute_batch(&format!(
            "CREATE TRIGGER evil AFTER UPDATE ON package_info BEGIN SELECT 1; END;
             CREATE TRIGGER evil2 BEFORE DELETE ON package_info BEGIN SELECT 1; END;
             -- {}",
            marker.display()
        ))
        .unwrap();
    let out = b
        .at("王芳", &b.pkg)
        .args(["package", "seal"])
        .arg(&b.pkg)
        .output()
        .unwrap();
    assert!(
        !out.status.success(),
        "a package with a foreign trigger is not sealed"
    );
    b.refused("触发器 evil");
    assert!(!marker.exists());
}

#[test]
fn a_view_in_the_package_is_refused() {
    let b = bench();
    b.edit_pkg()
        .execute_batch("CREATE VIEW everything AS SELECT * FROM findings;")
        .unwrap();
    b.refused("视图 everything");
}

#[test]
fn a_table_replaced_by_a_view_is_refused() {
    let b = bench();
    b.edit_pkg()
        .execute_batch(
            "DROP TRIGGER IF EXISTS audit_item_marks_insert; DROP TRIGGER IF EXISTS audit_item_marks_update;
             DROP TRIGGER IF EXISTS audit_item_marks_delete; DROP TABLE item_marks;
             CREATE VIEW item_marks AS SELECT 1 AS batch_id, 1 AS case_id, 'CF-07' AS item, '符合' AS mark, '王芳' AS reviewer, '2031' AS updated_at;",
        )
        .unwrap();
    b.refused("item_marks");
}

#[test]
fn a_file_that_is_not_a_package_is_refused_in_chinese() {
    let b = bench();
    std::fs::write(&b.pkg, b"not a database at all").unwrap();
    let before = b.snapshot();
    let err = b.fails(&["package", "merge", b.pkg.to_str().unwrap()]);
    assert!(err.contains("不是可读的 pingcha 评查包"), "{err}");
    assert_eq!(before, b.snapshot());
}

#[test]
fn the_private_key_is_kept_private_and_never_in_the_package() {
    let b = bench();
    b.seal("王芳");
    let key_file = b.dir.path().join("keys-王芳").join("reviewer.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let secret = std::fs::read_to_string(&key_file).unwrap();
    let secret = secret.trim();
    for file in [&b.pkg, &b.db] {
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(secret),
            "the private key leaked into {}",
            file.display()
        );
    }
    // The key is made once: asking again prints the same public key.
    assert_eq!(b.make_key("王芳"), b.make_key("王芳"));
}
