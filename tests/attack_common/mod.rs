//! The attacker's bench: a review database with three reviewers, a package
//! exported for 王芳, her own key folder, and rusqlite playing the sqlite3
//! command line.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

pub const SAMPLES: &str = "data/samples/cases.jsonl";

pub struct Bench {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
    pub pkg: PathBuf,
}

impl Bench {
    /// The bureau's machine (its own key folder).
    pub fn main(&self) -> Command {
        let mut c = Command::cargo_bin("pingcha").expect("binary");
        c.arg("--db")
            .arg(&self.db)
            .env_remove("PINGCHA_DB")
            .env("PINGCHA_KEY_DIR", self.dir.path().join("keys-bureau"));
        c
    }

    /// A reviewer's machine (their own key folder), working on `db`.
    pub fn at(&self, who: &str, db: &Path) -> Command {
        let mut c = Command::cargo_bin("pingcha").expect("binary");
        c.arg("--db").arg(db).env_remove("PINGCHA_DB").env(
            "PINGCHA_KEY_DIR",
            self.dir.path().join(format!("keys-{who}")),
        );
        c
    }

    /// Runs on the bureau's machine, expecting success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.main().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs on the bureau's machine, expecting failure; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.main().args(args).output().unwrap();
        assert!(
            !out.status.success(),
            "{args:?} should fail: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!err.contains("panicked"), "{err}");
        err
    }

    /// `pingcha reviewer key` on `who`'s machine: the public key.
    pub fn make_key(&self, who: &str) -> String {
        let out = self
            .at(who, &self.db)
            .args(["reviewer", "key"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// `pingcha package seal` on `who`'s machine.
    pub fn seal(&self, who: &str) {
        let out = self
            .at(who, &self.pkg)
            .args(["package", "seal"])
            .arg(&self.pkg)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    pub fn merge(&self) -> std::process::Output {
        self.main()
            .args(["package", "merge"])
            .arg(&self.pkg)
            .output()
            .unwrap()
    }

    /// Merges and expects a refusal naming `what`, with nothing written
    /// to the main database.
    pub fn refused(&self, what: &str) {
        let before = self.snapshot();
        let out = self.merge();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !out.status.success(),
            "merged: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(err.contains("未合并"), "{err}");
        assert!(err.contains(what), "expected “{what}” in: {err}");
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(before, self.snapshot(), "the main database changed");
    }

    /// Everything a merge could change in the main database.
    pub fn snapshot(&self) -> String {
        let c = rusqlite::Connection::open(&self.db).unwrap();
        let mut out = String::new();
        for t in [
            "findings",
            "reviews",
            "item_marks",
            "package_conflicts",
            "case_files",
        ] {
            let mut st = c
                .prepare(&format!("SELECT * FROM {t} ORDER BY 1, 2"))
                .unwrap();
            let n = st.column_count();
            let rows = st
                .query_map([], |r| {
                    let mut s = String::new();
                    for i in 0..n {
                        s.push_str(&format!("{:?}|", r.get::<_, rusqlite::types::Value>(i)?));
                    }
                    Ok(s)
                })
                .unwrap();
            for r in rows {
                out.push_str(&r.unwrap());
                out.push('\n');
            }
        }
        out
    }

    /// The package opened as an attacker would (sqlite3), with the SQL
    /// function the package's own triggers call.
    pub fn edit_pkg(&self) -> rusqlite::Connection {
        attacker(&self.pkg)
    }

    /// The main database opened as an attacker would.
    pub fn edit_db(&self) -> rusqlite::Connection {
        attacker(&self.db)
    }

    /// A file's id in the main database.
    pub fn case_id(&self, case_no: &str) -> i64 {
        let c = rusqlite::Connection::open(&self.db).unwrap();
        c.query_row(
            "SELECT id FROM case_files WHERE case_no = ?1",
            [case_no],
            |r| r.get(0),
        )
        .unwrap()
    }

    /// The files assigned to a reviewer.
    pub fn assigned(&self, who: &str) -> Vec<String> {
        let c = rusqlite::Connection::open(&self.db).unwrap();
        let mut st = c
            .prepare("SELECT c.case_no FROM assignments a JOIN case_files c ON c.id = a.case_id WHERE a.reviewer = ?1 ORDER BY 1")
            .unwrap();
        st.query_map([who], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }
}

pub fn attacker(path: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(path).unwrap();
    c.create_scalar_function(
        "pingcha_actor",
        0,
        rusqlite::functions::FunctionFlags::SQLITE_UTF8,
        |_| Ok("sqlite3".to_string()),
    )
    .unwrap();
    c
}

/// Twelve files, reviewers 王芳 (of the market bureau: its files are
/// recused), 陈静 and 李强, two per file; 王芳's key registered; her
/// package exported (not sealed).
pub fn bench() -> Bench {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("main.db");
    let pkg = dir.path().join("王芳.pingcha");
    let b = Bench { dir, db, pkg };
    b.ok(&["import", SAMPLES]);
    b.ok(&[
        "reviewer",
        "add",
        "王芳",
        "--department",
        "清江市市场监督管理局",
    ]);
    b.ok(&["reviewer", "add", "陈静", "--department", "清江市司法局"]);
    b.ok(&["reviewer", "add", "李强", "--department", "清江市司法局"]);
    b.ok(&["assign", "--per-file", "2"]);
    let key = b.make_key("王芳");
    b.ok(&["reviewer", "key", "--set", "王芳", &key]);
    b.ok(&[
        "package",
        "export",
        "--reviewer",
        "王芳",
        "--out",
        b.pkg.to_str().unwrap(),
    ]);
    b
}
