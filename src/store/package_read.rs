//! Reading a returned package as untrusted input: opened read-only and
//! immutable on its own connection, with `trusted_schema` off; its schema
//! objects are compared with those pingcha makes before any table is read,
//! and only the expected columns of the expected tables are read. The
//! signature covers exactly what is read ([`PackageContent::signed_message`]).

use super::{Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::Path;

/// A file of the package as it carries it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageCase {
    pub id: i64,
    pub case_no: String,
    pub department: String,
    pub content_hash: String,
    pub json: String,
}

/// A finding row, every column.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageFinding {
    pub id: String,
    pub batch_id: i64,
    pub case_id: i64,
    pub item: String,
    pub deduction: f64,
    pub note: String,
    pub page: Option<String>,
    pub reviewer: Option<String>,
    pub status: String,
    pub source: String,
    pub rule: Option<String>,
    pub basis: Option<String>,
    pub case_hash: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Occurrences (处数) of a per-occurrence item.
    pub count: Option<i64>,
}

/// The review row's parts a merge takes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageReview {
    pub batch_id: i64,
    pub case_id: i64,
    pub status: String,
    pub reviewer: Option<String>,
    pub completed_at: Option<String>,
    pub updated_at: String,
}

/// An item mark.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageMark {
    pub batch_id: i64,
    pub case_id: i64,
    pub item: String,
    pub mark: String,
    pub reviewer: Option<String>,
    pub updated_at: String,
}

/// Everything a merge reads from a package.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PackageContent {
    /// `package_info` without the signature.
    pub info: Vec<(String, String)>,
    /// Each finding's `updated_at` at export.
    pub base: Vec<(String, String)>,
    pub cases: Vec<PackageCase>,
    pub findings: Vec<PackageFinding>,
    pub reviews: Vec<PackageReview>,
    pub marks: Vec<PackageMark>,
    /// Override reasons the reviewer gave offline when handing a file in
    /// (case id, reason), oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub overrides: Vec<(i64, String)>,
    /// Signature (hex) and the public key that made it, from `package seal`.
    #[serde(skip)]
    pub signature: Option<(String, String)>,
    /// Schema objects pingcha did not make, or made differently; when any,
    /// no table was read.
    #[serde(skip)]
    pub schema_problems: Vec<String>,
}

impl PackageContent {
    pub fn info(&self, key: &str) -> Option<&str> {
        self.info
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The bytes the reviewer signs: a tag and the SHA-256 of the content.
    pub fn signed_message(&self) -> Vec<u8> {
        let json = serde_json::to_vec(self).unwrap_or_default();
        let mut m = b"pingcha-package-v1\n".to_vec();
        m.extend_from_slice(&Sha256::digest(&json));
        m
    }
}

const SIGNATURE_KEYS: [&str; 2] = ["signature", "signer"];

/// The largest package file read, and the most rows of one table in it.
const MAX_PACKAGE_BYTES: u64 = 512 * 1024 * 1024;
const MAX_PACKAGE_ROWS: i64 = 1_000_000;

fn uri(path: &Path) -> String {
    let mut s = String::from("file:");
    for b in path.to_string_lossy().as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'.' | b'-' | b'_' => {
                s.push(*b as char)
            }
            _ => s.push_str(&format!("%{b:02X}")),
        }
    }
    s.push_str("?mode=ro&immutable=1");
    s
}

fn not_a_package(path: &Path, why: &str) -> StoreError {
    StoreError::Package(format!(
        "{} 不是可读的 pingcha 评查包（{why}）；请确认文件是 `pingcha package export` 导出并经 `pingcha package seal` 封存的",
        path.display()
    ))
}

/// Opens a package for reading only: immutable, no schema trust.
fn open_untrusted(path: &Path) -> Result<Connection> {
    let mut head = [0u8; 16];
    let ok = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok();
    if !ok || &head != b"SQLite format 3\0" {
        return Err(not_a_package(path, "不是 SQLite 数据库文件"));
    }
    let c = Connection::open_with_flags(
        uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| not_a_package(path, &super::errors::explain(&e)))?;
    c.execute_batch("PRAGMA trusted_schema = OFF; PRAGMA query_only = ON;")
        .map_err(|e| not_a_package(path, &super::errors::explain(&e)))?;
    Ok(c)
}

/// Reads a package without trusting it (see the module comment).
pub fn read_package(path: &Path) -> Result<PackageContent> {
    // A sealed package is one file; changes left in a write-ahead log
    // beside it were made after sealing (and would be ignored unread).
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(StoreError::Package(format!(
            "评查包 {} 旁有未并入的日志文件 {}：评查包在封存之后又被打开改动过，未合并；请评查人员在其电脑上重新运行 `pingcha package seal` 后交回（只交回评查包文件本身）",
            path.display(),
            std::path::Path::new(&wal).display()
        )));
    }
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_PACKAGE_BYTES) {
        return Err(not_a_package(
            path,
            &format!("文件超过 {} MB，远大于评查包", MAX_PACKAGE_BYTES >> 20),
        ));
    }
    let c = open_untrusted(path)?;
    let bad = |e: rusqlite::Error| not_a_package(path, &super::errors::explain(&e));
    let version: i64 = c
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(bad)?;
    if version != super::SCHEMA_VERSION {
        return Err(StoreError::Package(format!(
            "评查包 {} 的数据库版本为 {version}，本程序为 {}：请用同一版本的 pingcha 导出、评查和合并",
            path.display(),
            super::SCHEMA_VERSION
        )));
    }
    let mut out = PackageContent::default();
    let expected = super::pristine_schema()?;
    let actual = super::audit::schema_objects(&c).map_err(bad)?;
    for ((kind, name), sql) in &actual {
        let label = match kind.as_str() {
            "trigger" => "触发器",
            "view" => "视图",
            "table" => "数据表",
            "index" => "索引",
            _ => "对象",
        };
        match expected.get(&(kind.clone(), name.clone())) {
            None => out
                .schema_problems
                .push(format!("评查包含有 pingcha 不会创建的{label} {name}")),
            Some(e) if e != sql => out.schema_problems.push(format!(
                "评查包中的{label} {name} 与 pingcha 创建的不同（被改动）"
            )),
            Some(_) => {}
        }
    }
    for (kind, name) in expected.keys() {
        if kind == "table" && !actual.contains_key(&(kind.clone(), name.clone())) {
            out.schema_problems.push(format!("评查包缺少数据表 {name}"));
        }
    }
    if !out.schema_problems.is_empty() {
        return Ok(out);
    }
    // Everything read is held in memory: bounded before reading.
    for t in [
        "package_info",
        "package_base",
        "case_files",
        "findings",
        "reviews",
        "item_marks",
        "review_steps",
    ] {
        let n: i64 = c
            .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
            .map_err(bad)?;
        if n > MAX_PACKAGE_ROWS {
            return Err(not_a_package(
                path,
                &format!("数据表 {t} 有 {n} 行，超过评查包的上限 {MAX_PACKAGE_ROWS}"),
            ));
        }
    }
    read_tables(&c, &mut out).map_err(bad)?;
    Ok(out)
}

fn read_tables(c: &Connection, out: &mut PackageContent) -> rusqlite::Result<()> {
    let mut sig = (None, None);
    let mut st = c.prepare("SELECT key, value FROM package_info ORDER BY key")?;
    for row in st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))? {
        let (k, v) = row?;
        match k.as_str() {
            "signature" => sig.0 = Some(v),
            "signer" => sig.1 = Some(v),
            _ => out.info.push((k, v)),
        }
    }
    if let (Some(s), Some(k)) = sig {
        out.signature = Some((s, k));
    }
    out.base = c
        .prepare("SELECT finding_id, updated_at FROM package_base ORDER BY finding_id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    out.cases = c
        .prepare("SELECT id, case_no, department, content_hash, json FROM case_files ORDER BY id")?
        .query_map([], |r| {
            Ok(PackageCase {
                id: r.get(0)?,
                case_no: r.get(1)?,
                department: r.get(2)?,
                content_hash: r.get(3)?,
                json: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    out.findings = read_findings(c, "SELECT * FROM findings ORDER BY id", [])?;
    out.reviews = c
        .prepare(
            "SELECT batch_id, case_id, status, reviewer, completed_at, updated_at FROM reviews
             ORDER BY batch_id, case_id",
        )?
        .query_map([], |r| {
            Ok(PackageReview {
                batch_id: r.get(0)?,
                case_id: r.get(1)?,
                status: r.get(2)?,
                reviewer: r.get(3)?,
                completed_at: r.get(4)?,
                updated_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    out.marks = read_marks(
        c,
        "SELECT * FROM item_marks ORDER BY batch_id, case_id, item",
        [],
    )?;
    out.overrides = c
        .prepare(
            "SELECT case_id, override_reason FROM review_steps
             WHERE override_reason IS NOT NULL ORDER BY id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

const FINDING_COLUMNS: &str = "id, batch_id, case_id, item, deduction, note, page, reviewer, status, source, rule, basis, case_hash, created_at, updated_at, count";

pub(super) fn read_findings<P: rusqlite::Params>(
    c: &Connection,
    sql: &str,
    p: P,
) -> rusqlite::Result<Vec<PackageFinding>> {
    let sql = sql.replacen('*', FINDING_COLUMNS, 1);
    let mut st = c.prepare(&sql)?;
    st.query_map(p, |r| {
        Ok(PackageFinding {
            id: r.get(0)?,
            batch_id: r.get(1)?,
            case_id: r.get(2)?,
            item: r.get(3)?,
            deduction: r.get(4)?,
            note: r.get(5)?,
            page: r.get(6)?,
            reviewer: r.get(7)?,
            status: r.get(8)?,
            source: r.get(9)?,
            rule: r.get(10)?,
            basis: r.get(11)?,
            case_hash: r.get(12)?,
            created_at: r.get(13)?,
            updated_at: r.get(14)?,
            count: r.get(15)?,
        })
    })?
    .collect()
}

pub(super) fn read_marks<P: rusqlite::Params>(
    c: &Connection,
    sql: &str,
    p: P,
) -> rusqlite::Result<Vec<PackageMark>> {
    let sql = sql.replacen(
        '*',
        "batch_id, case_id, item, mark, reviewer, updated_at",
        1,
    );
    let mut st = c.prepare(&sql)?;
    st.query_map(p, |r| {
        Ok(PackageMark {
            batch_id: r.get(0)?,
            case_id: r.get(1)?,
            item: r.get(2)?,
            mark: r.get(3)?,
            reviewer: r.get(4)?,
            updated_at: r.get(5)?,
        })
    })?
    .collect()
}

/// Signs a package (the reviewer's own file, on their machine): folds any
/// write-ahead log into the file, reads it as a merge will, and stores the
/// signature of what was read. Returns the reviewer it claims and the
/// public key that signed.
pub fn seal_package(
    path: &Path,
    sign: impl FnOnce(&[u8]) -> std::result::Result<(String, String), String>,
) -> Result<(String, String)> {
    if !path.is_file() {
        return Err(StoreError::Package(format!(
            "找不到评查包 {}；请给出 `pingcha package export` 导出的文件",
            path.display()
        )));
    }
    let rw = |path: &Path| -> Result<Connection> {
        let c = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
        c.execute_batch("PRAGMA trusted_schema = OFF;")?;
        super::errors::wait_when_busy(&c)?;
        Ok(c)
    };
    {
        let c = rw(path)?;
        c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        c.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        c.execute(
            "DELETE FROM package_info WHERE key IN (?1, ?2)",
            SIGNATURE_KEYS,
        )
        .map_err(|_| not_a_package(path, "没有评查包信息"))?;
    }
    let content = read_package(path)?;
    if let Some(p) = content.schema_problems.first() {
        return Err(StoreError::Package(format!("评查包不能封存：{p}")));
    }
    let reviewer = content
        .info("reviewer")
        .ok_or_else(|| not_a_package(path, "没有评查人员信息"))?
        .to_string();
    let (public, signature) = sign(&content.signed_message()).map_err(StoreError::Key)?;
    let c = rw(path)?;
    c.execute(
        "INSERT INTO package_info (key, value) VALUES ('signature', ?1), ('signer', ?2)",
        [&signature, &public],
    )?;
    Ok((reviewer, public))
}
