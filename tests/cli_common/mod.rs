//! Shared helpers for the tests that drive the binary: the command on a
//! database, its output when it must succeed or fail, the CLI fixture
//! imported into a fresh database, and a .docx read back as text.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Three files: a 行政处罚, a 行政许可 and a late 送达.
pub const CASES: &str = "tests/fixtures/cli/cases.jsonl";
pub const PENALTY: &str = "潜市监罚〔2024〕15号";
pub const LATE: &str = "潜交执罚〔2024〕7号";

/// `pingcha --db DB`, never the environment's database.
pub fn pingcha(db: &Path) -> Command {
    let mut c = Command::cargo_bin("pingcha").expect("binary");
    c.arg("--db").arg(db).env_remove("PINGCHA_DB");
    c
}

/// The standard output of a command that must succeed.
pub fn ok(db: &Path, args: &[&str]) -> String {
    let out = pingcha(db).args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Everything a command that must fail printed.
pub fn fails(db: &Path, args: &[&str]) -> String {
    let out = pingcha(db).args(args).output().expect("run");
    assert!(!out.status.success(), "{args:?} should fail");
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// The JSON a command that must succeed printed.
pub fn json(db: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(db, args)).expect("json")
}

/// A fresh database with [`CASES`] imported; the import's output too.
pub fn imported_with_output() -> (tempfile::TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("t.db");
    let out = ok(&db, &["import", CASES]);
    (dir, db, out)
}

/// A fresh database with [`CASES`] imported.
pub fn imported() -> (tempfile::TempDir, PathBuf) {
    let (dir, db, _) = imported_with_output();
    (dir, db)
}

/// The text of a .docx's document.xml, tags dropped, `&amp;` read back.
pub fn docx_plain(path: &Path) -> String {
    use std::io::Read;
    let f = std::fs::File::open(path).expect("open");
    let mut z = zip::ZipArchive::new(f).expect("zip");
    let mut xml = String::new();
    z.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
}
