//! Many `pingcha finding add` processes at once while a long import holds
//! the database's write lock: every one waits for it and lands; none fails
//! on a busy database.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SAMPLES: &str = "data/samples/cases.jsonl";

fn pingcha(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_pingcha"));
    c.arg("--db").arg(db).env_remove("PINGCHA_DB");
    c
}

/// `records` files made from the samples, each with its own case number.
fn big_import(path: &Path, records: usize) {
    let samples: Vec<serde_json::Value> = std::fs::read_to_string(SAMPLES)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut out = String::new();
    for i in 0..records {
        let mut v = samples[i % samples.len()].clone();
        v["case_no"] = serde_json::Value::String(format!("清压测〔2024〕{i}号"));
        out.push_str(&v.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).unwrap();
}

/// Waits until another process holds the write lock (or `child` ended).
fn lock_taken(db: &Path, child: &mut Child) -> bool {
    let c = rusqlite::Connection::open(db).unwrap();
    c.busy_timeout(Duration::ZERO).unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            return false;
        }
        match c.execute_batch("BEGIN IMMEDIATE; ROLLBACK;") {
            Err(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::DatabaseBusy =>
            {
                return true;
            }
            Err(e) => panic!("{e}"),
            Ok(()) => std::thread::yield_now(),
        }
    }
}

fn run(records: usize, adds: usize) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("busy.db");
    let st = pingcha(&db).args(["import", SAMPLES]).output().unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    let file = dir.path().join("big.jsonl");
    big_import(&file, records);
    let start = Instant::now();
    let mut import = pingcha(&db)
        .arg("import")
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    assert!(
        lock_taken(&db, &mut import),
        "the import ended before it was seen writing; make it longer"
    );
    let locked = start.elapsed();
    let children: Vec<Child> = (0..adds)
        .map(|i| {
            pingcha(&db)
                .args([
                    "finding",
                    "add",
                    "--case",
                    "清环罚〔2024〕1号",
                    "--item",
                    "CF-07",
                    "--deduct",
                    "1",
                    "--note",
                    &format!("并发{i}"),
                    "--reviewer",
                    "陈静",
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let spawned = start.elapsed();
    let mut failed = Vec::new();
    let mut waited = 0;
    for (i, c) in children.into_iter().enumerate() {
        let out = c.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("正在等待") {
            waited += 1;
        }
        if !out.status.success() {
            failed.push(format!("{i}: {err}"));
        }
    }
    let added = start.elapsed();
    let imp = import.wait_with_output().unwrap();
    assert!(
        imp.status.success(),
        "{}",
        String::from_utf8_lossy(&imp.stderr)
    );
    let imported = start.elapsed();
    assert!(failed.is_empty(), "{} failed: {:?}", failed.len(), failed);
    let c = rusqlite::Connection::open(&db).unwrap();
    let n: i64 = c
        .query_row(
            "SELECT count(*) FROM findings WHERE note LIKE '并发%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n as usize, adds, "every finding landed once");
    let files: i64 = c
        .query_row("SELECT count(*) FROM case_files", [], |r| r.get(0))
        .unwrap();
    assert_eq!(files as usize, 12 + records, "the import landed whole");
    // The first adds were started while the import held the lock, so they
    // were written after it: the import's last audit row comes first.
    let after: i64 = c
        .query_row(
            "SELECT count(*) FROM audit_log WHERE tbl = 'findings' AND op = 'insert'
               AND json_extract(after, '$.note') LIKE '并发%'
               AND seq > (SELECT max(seq) FROM audit_log WHERE tbl = 'case_files')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(after > 0, "no add waited for the import");
    eprintln!(
        "{records} files imported, {adds} finding adds: lock seen at {locked:?}, all spawned at {spawned:?}, \
         all added at {added:?}, import done at {imported:?}; {after} written after the import, \
         {waited} printed the waiting message"
    );
    let v = pingcha(&db).args(["audit", "verify"]).output().unwrap();
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stdout));
}

#[test]
fn forty_finding_adds_during_an_import_all_land() {
    run(1_000, 40);
}

/// The full load: 300 adds during a 3,000-file import (about a minute in
/// a debug build on two cores).
#[test]
#[ignore]
fn three_hundred_finding_adds_during_a_long_import_all_land() {
    run(3_000, 300);
}
