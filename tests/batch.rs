//! Review batches: the draw (reproducible, fair), recusal, package merge,
//! the audit trail, and migration of a v1 database.

use pingcha::batch::assign::{Assigned, Reviewer, assign};
use pingcha::batch::sample::{Quota, Stratum, draw, normalize};
use pingcha::demo::{self, DemoSpec};
use pingcha::workspace::{NewBatch, NewFinding, Workspace};
use proptest::prelude::*;

fn stratum(dept: &str, n: usize) -> Stratum {
    Stratum {
        department: dept.into(),
        kind: None,
        files: (1..=n).map(|i| format!("{dept}〔2024〕{i:03}号")).collect(),
    }
}

#[test]
fn golden_draw_vector_pins_the_algorithm() {
    // If this changes, every recorded draw would fail `sample verify`: the
    // algorithm is frozen as pingcha-sample-v1.
    let pool = normalize(vec![stratum("甲局", 10), stratum("乙局", 5)]);
    let got = draw(&pool, &Quota::Count { n: 3 }, 20241118);
    assert_eq!(
        got,
        GOLDEN
            .iter()
            .map(|s| s.iter().map(|x| x.to_string()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
}

const GOLDEN: [[&str; 3]; 2] = [
    [
        "乙局〔2024〕002号",
        "乙局〔2024〕005号",
        "乙局〔2024〕004号",
    ],
    [
        "甲局〔2024〕004号",
        "甲局〔2024〕005号",
        "甲局〔2024〕007号",
    ],
];

#[test]
fn same_seed_same_draw_whatever_the_input_order() {
    let a = normalize(vec![stratum("甲局", 40), stratum("乙局", 25)]);
    let mut shuffled = a.clone();
    shuffled.reverse();
    for s in &mut shuffled {
        s.files.reverse();
    }
    let q = Quota::Percent {
        percent: 10.0,
        min: 2,
        max: 5,
    };
    assert_eq!(draw(&a, &q, 7), draw(&normalize(shuffled), &q, 7));
    assert_ne!(draw(&a, &q, 7), draw(&a, &q, 8));
    let d = draw(&a, &q, 7);
    assert_eq!(
        (d[0].len(), d[1].len()),
        (3, 4),
        "⌈10%⌉ of 25 = 3 and of 40 = 4"
    );
}

#[test]
fn every_file_is_equally_likely_to_be_drawn() {
    // 12 files, 3 drawn: each file's inclusion probability is 1/4. Over 4,000
    // fixed seeds each count should be near 1,000 (σ ≈ 27); ±120 is > 4σ.
    let pool = normalize(vec![stratum("甲局", 12)]);
    let mut counts = std::collections::HashMap::new();
    for seed in 0..4000u64 {
        for f in &draw(&pool, &Quota::Count { n: 3 }, seed)[0] {
            *counts.entry(f.clone()).or_insert(0) += 1;
        }
    }
    assert_eq!(counts.len(), 12);
    for (f, n) in counts {
        assert!((880..=1120).contains(&n), "{f}: {n}");
    }
}

proptest! {
    #[test]
    fn recusal_is_never_violated(
        files in prop::collection::vec((0usize..6, 0usize..1000), 1..60),
        roster in prop::collection::vec(0usize..6, 2..10),
        per_file in 1usize..3,
        cross in any::<bool>(),
    ) {
        let files: Vec<(String, String)> =
            files.iter().enumerate().map(|(k, (d, i))| (format!("案{k}-{i}"), format!("部门{d}"))).collect();
        let roster: Vec<Reviewer> = roster
            .iter()
            .enumerate()
            .map(|(i, d)| Reviewer { name: format!("人{i}"), department: format!("部门{d}"), expertise: None })
            .collect();
        if let Ok(plan) = assign(&files, &roster, per_file, cross) {
            for a in &plan {
                let dept = &files.iter().find(|(c, _)| *c == a.case_no).unwrap().1;
                let r = roster.iter().find(|r| r.name == a.reviewer).unwrap();
                prop_assert_ne!(&r.department, dept);
            }
            prop_assert_eq!(plan.len(), files.len() * per_file);
        }
    }
}

/// Every reviewer on the roster gets files, and no one more than one file
/// above anyone else; each file gets its reviewers.
fn assert_balanced(plan: &[Assigned], roster: &[Reviewer], expected_total: usize) {
    let load: Vec<(&str, usize)> = roster
        .iter()
        .map(|r| {
            let n = plan.iter().filter(|a| a.reviewer == r.name).count();
            (r.name.as_str(), n)
        })
        .collect();
    assert!(
        load.iter().all(|(_, n)| *n > 0),
        "a reviewer got no file: {load:?}"
    );
    let lo = load.iter().map(|(_, n)| *n).min().unwrap_or(0);
    let hi = load.iter().map(|(_, n)| *n).max().unwrap_or(0);
    assert!(hi - lo <= 1, "{load:?}");
    assert_eq!(plan.len(), expected_total, "{plan:?}");
    assert!(
        plan.iter()
            .all(|a| roster.iter().any(|r| r.name == a.reviewer)),
        "a file went to someone off the roster: {plan:?}"
    );
}

#[test]
fn loads_are_balanced() {
    let files: Vec<_> = (0..30)
        .map(|i| (format!("案{i}"), format!("部门{}", i % 3)))
        .collect();
    let roster: Vec<_> = (0..4)
        .map(|i| Reviewer {
            name: format!("人{i}"),
            department: "司法局".into(),
            expertise: None,
        })
        .collect();
    let plan = assign(&files, &roster, 1, false).unwrap();
    assert_balanced(&plan, &roster, 30);
    let plan = assign(&files, &roster, 2, false).unwrap();
    assert_balanced(&plan, &roster, 60);
    // Reviewers from the departments reviewed: each still gets files, never
    // one of their own department's.
    let roster: Vec<_> = (0..6)
        .map(|i| Reviewer {
            name: format!("员{i}"),
            department: format!("部门{}", i % 3),
            expertise: None,
        })
        .collect();
    let plan = assign(&files, &roster, 1, false).unwrap();
    assert_balanced(&plan, &roster, 30);
    for a in &plan {
        let file_dept = &files.iter().find(|(no, _)| *no == a.case_no).unwrap().1;
        let r = roster.iter().find(|r| r.name == a.reviewer).unwrap();
        assert_ne!(&r.department, file_dept, "{a:?}: recusal");
    }
}

fn exercise() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(&dir.path().join("main.db")).unwrap();
    let cases: Vec<_> = demo::generate(
        5,
        &DemoSpec {
            departments: 3,
            files_per_department: 10,
            year: 2024,
        },
    )
    .into_iter()
    .map(|g| g.case)
    .collect();
    ws.import_cases(&cases, true).unwrap();
    ws.create_batch(NewBatch {
        name: "2024年度评查".into(),
        kind: "年度".into(),
        ..Default::default()
    })
    .unwrap();
    ws.draw(Quota::Count { n: 2 }, false, None, None, Some(99))
        .unwrap();
    for (n, d) in [("王芳", "清江市司法局"), ("李强", "清江市市场监督管理局")] {
        ws.add_reviewer(Reviewer {
            name: n.into(),
            department: d.into(),
            expertise: None,
        })
        .unwrap();
    }
    ws.assign(1, false).unwrap();
    (dir, ws)
}

#[test]
fn a_draw_is_verified_from_its_record() {
    let (_d, ws) = exercise();
    let v = ws.verify_draws().unwrap();
    assert_eq!(v.len(), 1);
    assert!(v[0].matches);
    assert_eq!(
        v[0].strata.iter().map(|s| s.pool).sum::<usize>(),
        30,
        "the pool's size per department is kept"
    );
    assert_eq!(
        ws.store().db().case_rows(ws.batch(), None).unwrap().len(),
        6
    );
}

#[test]
fn package_merge_is_idempotent_and_detects_conflicts() {
    let (dir, mut ws) = exercise();
    let pkg = dir.path().join("wf.db");
    ws.export_package("王芳", &pkg).unwrap();
    let mut away = Workspace::open(&pkg).unwrap();
    let case_no = away.store().db().case_rows(away.batch(), None).unwrap()[0]
        .case_no
        .clone();
    let f = away
        .add_finding(NewFinding {
            case_no: case_no.clone(),
            item: "CF-31".into(),
            deduction: Some(1.0),
            note: "文书空白未划线".into(),
            reviewer: Some("王芳".into()),
            ..Default::default()
        })
        .unwrap();
    drop(away);
    let seal = |pkg: &std::path::Path| {
        pingcha::store::seal_package(pkg, |m| Ok(pingcha::keys::sign_with(&[5u8; 32], m))).unwrap()
    };
    let (_, public) = seal(&pkg);
    ws.set_reviewer_key("王芳", &public).unwrap();
    let r1 = ws.merge_package(&pkg).unwrap();
    assert_eq!(r1.added, 1);
    let r2 = ws.merge_package(&pkg).unwrap();
    assert_eq!(
        (r2.added, r2.updated, r2.conflicts, r2.unchanged),
        (0, 0, 0, 1),
        "merging twice changes nothing"
    );

    // Both sides edit the same finding: a conflict, nothing silently dropped.
    let mut away = Workspace::open(&pkg).unwrap();
    away.edit_finding(
        &f.id,
        pingcha::store::FindingPatch {
            note: Some("包内修改".into()),
            ..Default::default()
        },
    )
    .unwrap();
    drop(away);
    seal(&pkg);
    ws.edit_finding(
        &f.id,
        pingcha::store::FindingPatch {
            note: Some("本地修改".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let r3 = ws.merge_package(&pkg).unwrap();
    assert_eq!(r3.conflicts, 1);
    let c = &ws.conflicts().unwrap()[0];
    assert_eq!(c.local.as_ref().unwrap()["note"], "本地修改");
    assert_eq!(c.theirs.as_ref().unwrap()["note"], "包内修改");
    ws.resolve_conflict(c.id, true).unwrap();
    let now = ws.store().db().finding(&f.id).unwrap().unwrap().2;
    assert_eq!(now.note, "包内修改");
    assert!(ws.conflicts().unwrap().is_empty());
}

#[test]
fn audit_verification_catches_a_tampered_row() {
    let (dir, mut ws) = exercise();
    let no = ws.store().db().case_rows(ws.batch(), None).unwrap()[0]
        .case_no
        .clone();
    let f = ws
        .add_finding(NewFinding {
            case_no: no,
            item: "CF-31".into(),
            deduction: Some(1.0),
            note: "原始记录".into(),
            reviewer: Some("王芳".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(ws.verify_audit(None).unwrap().problems.is_empty());
    let path = dir.path().join("main.db");
    drop(ws);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute(
            "UPDATE findings SET deduction = 0 WHERE id = ?1",
            [f.id.to_string()],
        )
        .unwrap_err(); // triggers need pingcha
        c.execute_batch("DROP TRIGGER audit_findings_update;")
            .unwrap();
        c.execute(
            "UPDATE findings SET deduction = 0 WHERE id = ?1",
            [f.id.to_string()],
        )
        .unwrap();
    }
    let ws = Workspace::open(&path).unwrap();
    let rep = ws.verify_audit(None).unwrap();
    assert!(
        rep.problems
            .iter()
            .any(|p| p.what.contains(&f.id.to_string())),
        "{rep:?}"
    );
    drop(ws);
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("DROP TRIGGER audit_log_no_update;")
            .unwrap();
        c.execute("UPDATE audit_log SET actor = '他人' WHERE seq = 3", [])
            .unwrap();
    }
    let ws = Workspace::open(&path).unwrap();
    let rep = ws.verify_audit(None).unwrap();
    assert!(rep.problems.iter().any(|p| p.seq == Some(3)), "{rep:?}");
}

#[test]
fn a_version_1_database_opens_with_its_work_in_the_default_batch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(pingcha::store::MIGRATION_1).unwrap();
        c.execute_batch(
            "INSERT INTO case_files (id, case_no, department, kind, json, content_hash, imported_at, updated_at)
             VALUES (1, '旧罚〔2023〕1号', '某局', '行政处罚', '{\"case_no\":\"旧罚〔2023〕1号\",\"department\":\"某局\",\"kind\":\"行政处罚\"}', 'h', 't', 't');
             INSERT INTO reviews (batch_id, case_id, status, updated_at) VALUES (1, 1, '评查中', 't');
             INSERT INTO findings (id, batch_id, case_id, item, deduction, note, status, source, created_at, updated_at)
             VALUES ('0190a000-0000-7000-8000-000000000001', 1, 1, 'CF-12', 2, '旧问题', 'confirmed', 'manual',
                     '2023-05-01T00:00:00+00:00', '2023-05-01T00:00:00+00:00');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(
        ws.store().schema_version().unwrap(),
        pingcha::store::SCHEMA_VERSION
    );
    assert_eq!(ws.batch(), 1);
    let v = ws.case_view("旧罚〔2023〕1号").unwrap();
    assert_eq!(v.findings.len(), 1);
    assert_eq!(v.findings[0].note, "旧问题");
    assert_eq!(ws.batches().unwrap()[0].name, "默认批次");
}

#[test]
fn new_and_edited_batches_are_checked_by_the_same_rules() {
    use pingcha::error::{BatchProblem, Error};
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(&dir.path().join("b.db")).unwrap();
    let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let new = |name: &str, kind: &str, from: Option<&str>, to: Option<&str>| NewBatch {
        name: name.into(),
        kind: kind.into(),
        from: from.map(d),
        to: to.map(d),
        ..Default::default()
    };
    let e = ws.create_batch(new("甲", "随便", None, None)).unwrap_err();
    assert!(
        matches!(&e, Error::BadBatch(BatchProblem::Kind { given, .. }) if given == "随便"),
        "{e}"
    );
    assert!(
        e.to_string().starts_with("批次类型“随便”无效：应为 "),
        "{e}"
    );
    let e = ws.create_batch(new("  ", "年度", None, None)).unwrap_err();
    assert!(matches!(e, Error::BadBatch(BatchProblem::EmptyName)), "{e}");
    let e = ws
        .create_batch(new("甲", "年度", Some("2024-12-31"), Some("2024-01-01")))
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "评查期间起始日 2024-12-31 晚于截止日 2024-01-01"
    );
    ws.create_batch(new("甲", "年度", Some("2024-01-01"), Some("2024-12-31")))
        .unwrap();
    // The same rules on edit; the period is checked against the stored half.
    let e = ws.edit_batch(None, Some("随便"), None, None).unwrap_err();
    assert!(
        matches!(e, Error::BadBatch(BatchProblem::Kind { .. })),
        "{e}"
    );
    let e = ws.edit_batch(Some(" "), None, None, None).unwrap_err();
    assert!(matches!(e, Error::BadBatch(BatchProblem::EmptyName)), "{e}");
    let e = ws
        .edit_batch(None, None, Some(d("2025-01-01")), None)
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "评查期间起始日 2025-01-01 晚于截止日 2024-12-31"
    );
    ws.edit_batch(Some("乙"), Some("专项"), None, Some(d("2025-06-30")))
        .unwrap();
}
