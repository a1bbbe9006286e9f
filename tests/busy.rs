//! A database another process is writing is waited for, with a message,
//! instead of failing.

mod attack_common;
use attack_common::*;
use std::io::Read;

#[test]
fn a_write_waits_for_another_writer_and_says_so() {
    let b = bench();
    let no = b.assigned("陈静")[0].clone();
    let holder = rusqlite::Connection::open(&b.db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE;").unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("pingcha"))
        .arg("--db")
        .arg(&b.db)
        .env("PINGCHA_KEY_DIR", b.dir.path().join("keys-bureau"))
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
            "等待后写入",
            "--reviewer",
            "陈静",
        ])
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Read the waiting command's messages until it says it is waiting.
    let mut err = child.stderr.take().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 256];
    while !String::from_utf8_lossy(&seen).contains("正在等待") {
        let n = err.read(&mut buf).unwrap();
        assert!(
            n > 0,
            "the command ended without waiting: {}",
            String::from_utf8_lossy(&seen)
        );
        seen.extend_from_slice(&buf[..n]);
    }
    holder.execute_batch("COMMIT;").unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "{}", String::from_utf8_lossy(&seen));
    assert!(
        b.ok(&["finding", "list", "--case", &no])
            .contains("等待后写入")
    );
}
