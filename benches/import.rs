//! Import benchmark: 100,000 generated files from one JSONL file,
//! against a bare rusqlite loop inserting the same rows in one transaction;
//! then `summary` over 100,000 files and 1,000,000 findings.
//!
//! Run: `cargo bench --bench import` (PINGCHA_BENCH_N to change the size).

use pingcha::model::{CaseFile, Finding, FindingSource, FindingStatus};
use pingcha::workspace::Workspace;
use std::io::Write;
use std::time::Instant;

/// This process's CPU time (user + system) in seconds: on a shared machine
/// the wall clock also counts the time other processes held the cores.
fn cpu() -> f64 {
    #[cfg(unix)]
    {
        // SAFETY: getrusage fills the zeroed struct it is given.
        let u = unsafe {
            let mut u: libc::rusage = std::mem::zeroed();
            libc::getrusage(libc::RUSAGE_SELF, &mut u);
            u
        };
        let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        secs(u.ru_utime) + secs(u.ru_stime)
    }
    #[cfg(not(unix))]
    {
        0.0
    }
}

fn main() {
    let n: usize = std::env::var("PINGCHA_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let jsonl = dir.path().join("cases.jsonl");
    let cases: Vec<CaseFile> = pingcha::demo::generate_bulk(7, n).collect();
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&jsonl).expect("create"));
        for c in &cases {
            serde_json::to_writer(&mut f, c).expect("write");
            f.write_all(b"\n").expect("write");
        }
    }
    let mb = std::fs::metadata(&jsonl).map(|m| m.len()).unwrap_or(0) as f64 / 1e6;
    println!("{n} files, {mb:.1} MB JSONL");

    // 1. pingcha import, checks included (the default).
    let db1 = dir.path().join("a.db");
    let mut ws = Workspace::open(&db1).expect("open");
    let (t, c) = (Instant::now(), cpu());
    let r = ws
        .import_paths(std::slice::from_ref(&jsonl))
        .expect("import");
    let full = t.elapsed().as_secs_f64();
    let full_cpu = cpu() - c;
    println!(
        "import (parse + validate + store + checks + score): {full:.2} s = {:.0} files/s  (新增 {}，建议 {})",
        n as f64 / full,
        r.inserted,
        r.checks.added
    );
    println!("  CPU {full_cpu:.2} s");

    // 2. pingcha import without checks.
    let db2 = std::env::var("PINGCHA_BENCH_KEEP")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| dir.path().join("b.db"));
    let mut ws2 = Workspace::open(&db2).expect("open");
    let (t, c) = (Instant::now(), cpu());
    // Read whole and parsed in memory (a path over 8 MB would be streamed
    // inside the import instead, and `cases` would come back empty).
    let bytes = std::fs::read(&jsonl).expect("read");
    let loaded = pingcha::import::load_bytes("bench.jsonl", &bytes).expect("load");
    assert_eq!(loaded.cases.len(), n, "every record parsed");
    let parsed = t.elapsed().as_secs_f64();
    let cs: Vec<CaseFile> = loaded.cases.into_iter().map(|(c, _)| c).collect();
    ws2.import_cases(&cs, false).expect("import");
    let nocheck = t.elapsed().as_secs_f64();
    let nocheck_cpu = cpu() - c;
    println!(
        "import without checks: {nocheck:.2} s = {:.0} files/s (of which parse + validate {parsed:.2} s)",
        n as f64 / nocheck
    );
    println!("  CPU {nocheck_cpu:.2} s");

    // 3. The bare loop: the same rows into the same table, prepared, one transaction.
    let db3 = dir.path().join("c.db");
    drop(Workspace::open(&db3).expect("open"));
    let mut conn = rusqlite::Connection::open(&db3).expect("open");
    conn.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536; PRAGMA foreign_keys=ON;").expect("pragma");
    // Bare: the table without its audit triggers.
    conn.execute_batch(
        "DROP TRIGGER audit_case_files_insert; DROP TRIGGER audit_case_files_update; DROP TRIGGER audit_case_files_delete;",
    )
    .expect("drop triggers");
    let (t, c) = (Instant::now(), cpu());
    let text = std::fs::read_to_string(&jsonl).expect("read");
    let tx = conn.transaction().expect("tx");
    {
        let mut st = tx
            .prepare(
                "INSERT INTO case_files (case_no, department, kind, title, party_name, json, content_hash,
                 imported_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            )
            .expect("prepare");
        for line in text.lines() {
            let c: CaseFile = serde_json::from_str(line).expect("parse");
            st.execute(rusqlite::params![
                c.case_no,
                c.department,
                c.kind.label(),
                c.title,
                c.party_name(),
                line,
                "h",
                "2026-01-01T00:00:00Z"
            ])
            .expect("insert");
        }
    }
    tx.commit().expect("commit");
    let bare = t.elapsed().as_secs_f64();
    let bare_cpu = cpu() - c;
    println!(
        "bare rusqlite loop (serde parse + prepared insert): {bare:.2} s = {:.0} files/s",
        n as f64 / bare
    );
    println!(
        "ratio import-without-checks / bare = {:.2}×; full import / bare = {:.2}×",
        nocheck / bare,
        full / bare
    );
    println!(
        "  CPU time: bare {bare_cpu:.2} s; ratio without checks {:.2}×, full {:.2}×",
        nocheck_cpu / bare_cpu,
        full_cpu / bare_cpu
    );

    // 4. summary over n files and 10·n findings.
    let batch = ws2.batch();
    let rows = ws2.store().db().case_rows(batch, None).expect("rows");
    let items = [
        "CF-07", "CF-12", "CF-27", "CF-31", "CF-36", "CF-22", "CF-14", "CF-05", "CF-33", "CF-40",
    ];
    let now = chrono::Utc::now();
    {
        let tx = ws2.store_mut().tx().expect("tx");
        for r in &rows {
            for (k, item) in items.iter().enumerate() {
                let f = Finding {
                    id: uuid::Uuid::now_v7(),
                    case_no: r.case_no.clone(),
                    item: item.to_string(),
                    deduction: 1.0,
                    note: "问题说明".into(),
                    page: Some(format!("{}", k + 1)),
                    reviewer: Some("张三".into()),
                    status: FindingStatus::Confirmed,
                    source: FindingSource::Manual,
                    rule: None,
                    basis: None,
                    created_at: now,
                    updated_at: now,
                    count: None,
                };
                tx.db()
                    .insert_finding(batch, r.id, &f, None)
                    .expect("finding");
            }
        }
        tx.commit().expect("commit");
    }
    let mut times = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let s = ws2.summary().expect("summary");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(s.files as usize, n);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "summary over {n} files and {} findings: median {:.0} ms (min {:.0}, max {:.0})",
        n * items.len(),
        times[2],
        times[0],
        times[4]
    );
}
