//! The audit trail: triggers (migration 2) append a row for every change to
//! findings, review results, assignments and rectification; [`seal`] chains
//! each new row's hash to the previous one before a transaction commits;
//! [`Db::verify_audit`] recomputes the chain and compares the audited tables
//! with their last recorded state.
//!
//! Hash of row n = SHA-256(hash of row n−1 ‖ 0x1f ‖ seq ‖ at ‖ actor ‖ tbl ‖ op
//! ‖ row_key ‖ before ‖ after), fields joined by 0x1f, hex; row 1 chains to
//! the string `pingcha-audit-v1`.

use super::audit_decl::AUDITED;
use super::{Db, Result, StoreError};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

const GENESIS: &str = "pingcha-audit-v1";

/// Who is changing things: set on the store, read by the triggers through
/// the SQL function `pingcha_actor()`.
#[derive(Clone)]
pub struct Actor(Arc<Mutex<String>>);

impl Actor {
    pub fn from_env() -> Actor {
        let who = std::env::var("PINGCHA_USER")
            .or_else(|_| std::env::var("USER"))
            .unwrap_or_else(|_| "未知用户".into());
        Actor(Arc::new(Mutex::new(who)))
    }

    pub fn set(&self, name: &str) {
        if let Ok(mut g) = self.0.lock() {
            *g = name.to_string();
        }
    }

    pub fn get(&self) -> String {
        self.0.lock().map(|g| g.clone()).unwrap_or_default()
    }

    /// Registers `pingcha_actor()` on a connection.
    pub fn register(&self, conn: &Connection) -> rusqlite::Result<()> {
        let me = self.clone();
        conn.create_scalar_function(
            "pingcha_actor",
            0,
            rusqlite::functions::FunctionFlags::SQLITE_UTF8,
            move |_| Ok(me.get()),
        )
    }
}

fn row_hash(prev: &str, seq: i64, fields: &[Option<String>]) -> String {
    let mut h = Sha256::new();
    h.update(prev.as_bytes());
    h.update([0x1f]);
    h.update(seq.to_string().as_bytes());
    for f in fields {
        h.update([0x1f]);
        h.update(f.as_deref().unwrap_or("\u{0}").as_bytes());
    }
    hex(&h.finalize())
}

type Row = (i64, [Option<String>; 7], Option<String>);

/// (table, row key) → the seq of the chain's last row about it, and whether
/// that row left an image (false: the row was deleted). The image itself is
/// read back by seq when the live row is compared, so verify holds keys, not
/// the tables' contents.
type Images = HashMap<(String, String), (i64, bool)>;

/// How many audit rows verify holds at once.
const VERIFY_PAGE: i64 = 2_048;

/// At most `limit` audit rows after `from_seq`, in order.
fn read_page(c: &Connection, from_seq: i64, limit: i64) -> rusqlite::Result<Vec<Row>> {
    let mut st = c.prepare_cached(
        "SELECT seq, at, actor, tbl, op, row_key, before, after, hash FROM audit_log WHERE seq > ?1 ORDER BY seq LIMIT ?2",
    )?;
    let rows = st.query_map(params![from_seq, limit], |r| {
        Ok((
            r.get(0)?,
            [
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ],
            r.get(8)?,
        ))
    })?;
    rows.collect()
}

/// The key the chain's head is sealed with. It lives outside the database
/// (`crate::keys`), so someone who edits the file cannot re-seal the head.
pub struct AuditKey([u8; 32]);

impl AuditKey {
    /// This installation's key, made on first use; where the key folder
    /// cannot be used, a key file beside the database (0600) instead.
    pub(crate) fn installed(db: &std::path::Path) -> Result<AuditKey> {
        match crate::keys::audit_secret() {
            Ok(k) => Ok(AuditKey(k)),
            Err(first) => {
                let dir = db
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(std::path::Path::new("."));
                crate::keys::audit_secret_in(dir)
                    .map(AuditKey)
                    .map_err(|_| StoreError::Key(first.to_string()))
            }
        }
    }

    /// A key that lives as long as the value (in-memory stores).
    pub(crate) fn ephemeral() -> AuditKey {
        let mut b = [0u8; 32];
        let u = uuid::Uuid::new_v4();
        let v = uuid::Uuid::new_v4();
        b[..16].copy_from_slice(u.as_bytes());
        b[16..].copy_from_slice(v.as_bytes());
        AuditKey(b)
    }

    /// HMAC-SHA-256 of the head (seq, hash), hex.
    fn seal_head(&self, seq: i64, hash: &str) -> String {
        let msg = format!("pingcha-audit-head\u{1f}{seq}\u{1f}{hash}");
        hex(&hmac_sha256(&self.0, msg.as_bytes()))
    }
}

/// Lowercase hex of `b`.
fn hex(b: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for &x in b {
        s.push(DIGITS[usize::from(x >> 4)] as char);
        s.push(DIGITS[usize::from(x & 0xf)] as char);
    }
    s
}

fn hmac_sha256(key: &[u8; 32], msg: &[u8]) -> [u8; 32] {
    let mut k = [0u8; 64];
    k[..32].copy_from_slice(key);
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(msg);
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// The last audit row's number (0 when there is none).
pub(crate) fn last_seq(c: &Connection) -> rusqlite::Result<i64> {
    c.prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM audit_log")?
        .query_row([], |r| r.get(0))
}

/// Chains the hashes of the rows after `from` — the rows the committing
/// transaction wrote, never older ones — and seals the head with `key`.
pub(crate) fn seal(c: &Connection, from: i64, key: &AuditKey) -> rusqlite::Result<usize> {
    let mut prev = if from == 0 {
        GENESIS.to_string()
    } else {
        c.prepare_cached("SELECT hash FROM audit_log WHERE seq = ?1")?
            .query_row([from], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten()
            .unwrap_or_default()
    };
    // Read a page at a time: a large import writes hundreds of thousands
    // of rows, which must not all sit in memory at once.
    const PAGE: i64 = 2048;
    let mut st = c.prepare_cached("UPDATE audit_log SET hash = ?2 WHERE seq = ?1")?;
    let mut last = None;
    let mut sealed = 0;
    loop {
        let rows = read_page(c, last.unwrap_or(from), PAGE)?;
        for (seq, fields, _) in &rows {
            prev = row_hash(&prev, *seq, fields);
            st.execute(params![seq, prev])?;
            last = Some(*seq);
        }
        sealed += rows.len();
        if (rows.len() as i64) < PAGE {
            break;
        }
    }
    if let Some(seq) = last {
        let head = format!("{seq}:{prev}:{}", key.seal_head(seq, &prev));
        c.prepare_cached(
            "INSERT INTO audit_meta (key, value) VALUES ('head', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )?
        .execute([head])?;
    }
    Ok(sealed)
}

/// One problem `audit verify` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditProblem {
    pub seq: Option<i64>,
    pub what: String,
}

/// The result of verifying the audit trail.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct AuditReport {
    pub rows: i64,
    /// The hash of the last row: record it outside the database (in the
    /// bulletin, a letter) to anchor the chain.
    pub head: Option<String>,
    pub problems: Vec<AuditProblem>,
}

/// One audit row as shown by `audit log`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub table: String,
    pub op: String,
    pub key: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

/// The columns [`audit_entry`] reads, in its order.
pub(super) const AUDIT_ENTRY_COLUMNS: &str = "seq, at, actor, tbl, op, row_key, before, after";

/// An audit row selected as [`AUDIT_ENTRY_COLUMNS`]; a before or after
/// image that is not JSON reads as none.
pub(super) fn audit_entry(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditEntry> {
    let js = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(AuditEntry {
        seq: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        table: r.get(3)?,
        op: r.get(4)?,
        key: r.get(5)?,
        before: js(r.get(6)?),
        after: js(r.get(7)?),
    })
}

impl<'a> Db<'a> {
    /// Checks the record: the chain recomputed row by row (a row never
    /// sealed by pingcha is tampering), its head against the keyed seal
    /// (rows deleted from the end, or a chain re-hashed whole), every
    /// trigger and view against those pingcha makes, and each audited
    /// table's live rows against the last image the chain holds of them.
    /// With `anchor` (a head hash printed on an issued document, at least
    /// 16 hex digits) it also proves that row is still in the chain.
    pub fn verify_audit(&self, key: &AuditKey, anchor: Option<&str>) -> Result<AuditReport> {
        let mut rep = AuditReport::default();
        let mut prev = GENESIS.to_string();
        let mut expected_seq = 1;
        let mut last_stored: Option<(i64, Option<String>)> = None;
        let mut images: Images = HashMap::new();
        let anchor = anchor.map(|a| a.trim().to_ascii_lowercase());
        let mut anchored = false;
        let mut last_declaration: Option<String> = None;
        let mut after = 0;
        loop {
            let page = read_page(self.conn, after, VERIFY_PAGE)?;
            let Some(last) = page.last() else { break };
            after = last.0;
            for (seq, fields, hash) in page {
                rep.rows += 1;
                if seq != expected_seq {
                    rep.problems.push(AuditProblem {
                        seq: Some(seq),
                        what: format!("审计记录第 {expected_seq}–{} 条缺失（被删除）", seq - 1),
                    });
                }
                expected_seq = seq + 1;
                let h = row_hash(&prev, seq, &fields);
                let what = || {
                    format!(
                        "{} {} {}",
                        fields[2].as_deref().unwrap_or(""),
                        fields[3].as_deref().unwrap_or(""),
                        fields[4].as_deref().unwrap_or("")
                    )
                };
                match &hash {
                None => rep.problems.push(AuditProblem {
                    seq: Some(seq),
                    what: format!("审计记录第 {seq} 条（{}）没有封存哈希：它不是 pingcha 写入的，或其哈希被清除（数据库在 pingcha 之外被改动）", what()),
                }),
                Some(stored) if *stored != h => rep.problems.push(AuditProblem {
                    seq: Some(seq),
                    what: format!("审计记录第 {seq} 条（{}）的内容与哈希链不符：该记录或其之前的记录被改动", what()),
                }),
                Some(_) => {}
            }
                if let Some(a) = &anchor
                    && a.len() >= 16
                    && h.starts_with(a.as_str())
                    && hash.as_deref() == Some(h.as_str())
                {
                    anchored = true;
                }
                // The triggers are reinstalled only when a build declares other
                // columns; the same declaration installed again means someone
                // made pingcha reinstall them (after changes they did not record).
                if fields[2].as_deref() == Some("audit") && fields[3].as_deref() == Some("triggers")
                {
                    if last_declaration.is_some() && last_declaration == fields[6] {
                        rep.problems.push(AuditProblem {
                        seq: Some(seq),
                        what: format!("审计记录第 {seq} 条：审计触发器被重新安装而声明未变（其设置在 pingcha 之外被改动，其间的改动可能没有记录）"),
                    });
                    }
                    last_declaration = fields[6].clone();
                }
                if let (Some(tbl), Some(row_key)) = (&fields[2], &fields[4]) {
                    images.insert((tbl.clone(), row_key.clone()), (seq, fields[6].is_some()));
                }
                last_stored = Some((seq, hash.clone()));
                prev = h;
                rep.head = Some(prev.clone());
            }
        }
        self.verify_head(key, last_stored, &mut rep)?;
        self.verify_schema(&mut rep)?;
        self.verify_state(&images, &mut rep)?;
        if let Some(a) = anchor {
            if a.len() < 16 || a.len() > 64 || !a.chars().all(|c| c.is_ascii_hexdigit()) {
                // Shown cut and with only its printable ASCII (it is typed by
                // whoever runs the command, and may hold anything).
                let shown: String = a
                    .chars()
                    .take(64)
                    .map(|c| if c.is_ascii_graphic() { c } else { '?' })
                    .collect();
                let more = if a.chars().count() > 64 { "…" } else { "" };
                rep.problems.push(AuditProblem {
                    seq: None,
                    what: format!(
                        "锚定摘要“{shown}{more}”应为文书上印的审计摘要（16 至 64 位十六进制数）"
                    ),
                });
            } else if !anchored {
                rep.problems.push(AuditProblem {
                    seq: None,
                    what: format!(
                        "锚定摘要 {a} 不在审计链中：该文书签发之后，审计记录被改写或删除"
                    ),
                });
            }
        }
        Ok(rep)
    }

    fn verify_head(
        &self,
        key: &AuditKey,
        last: Option<(i64, Option<String>)>,
        rep: &mut AuditReport,
    ) -> Result<()> {
        let head: Option<String> = self
            .conn
            .query_row("SELECT value FROM audit_meta WHERE key = 'head'", [], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(last) = last else {
            if head.is_some() {
                rep.problems.push(AuditProblem {
                    seq: None,
                    what: "审计记录被全部删除".into(),
                });
            }
            return Ok(());
        };
        let parsed = head.as_deref().and_then(|h| {
            let mut it = h.splitn(3, ':');
            Some((
                it.next()?.parse::<i64>().ok()?,
                it.next()?.to_string(),
                it.next()?.to_string(),
            ))
        });
        let Some((seq, hash, mac)) = parsed else {
            rep.problems.push(AuditProblem {
                seq: None,
                what: "审计链头的封存记录缺失或被改动".into(),
            });
            return Ok(());
        };
        if mac != key.seal_head(seq, &hash) {
            rep.problems.push(AuditProblem {
                seq: None,
                what: "审计链头的密钥封存不符：审计记录被重新计算或替换（或数据库由另一台电脑上的 pingcha 写入，请在那台电脑上核对，或用 --anchor 核对）".into(),
            });
        } else if seq > last.0 {
            rep.problems.push(AuditProblem {
                seq: Some(last.0 + 1),
                what: format!("审计记录第 {}–{seq} 条缺失：链尾的记录被删除", last.0 + 1),
            });
        } else if seq == last.0 && last.1.as_deref() != Some(hash.as_str()) {
            rep.problems.push(AuditProblem {
                seq: Some(seq),
                what: "审计链被重新计算：最后一条记录的哈希与封存的链头不符".into(),
            });
        } else if seq < last.0 {
            rep.problems.push(AuditProblem {
                seq: Some(seq + 1),
                what: format!("审计记录第 {}–{} 条在 pingcha 之外追加", seq + 1, last.0),
            });
        }
        Ok(())
    }

    fn verify_schema(&self, rep: &mut AuditReport) -> Result<()> {
        let expected = super::pristine_schema()?;
        let actual = schema_objects(self.conn)?;
        let label_of = |kind: &str| match kind {
            "trigger" => "触发器",
            "view" => "视图",
            "table" => "数据表",
            "index" => "索引",
            _ => "对象",
        };
        for ((kind, name), sql) in &actual {
            let label = label_of(kind);
            match expected.get(&(kind.clone(), name.clone())) {
                None => rep.problems.push(AuditProblem {
                    seq: None,
                    what: format!("数据库含有 pingcha 未创建的{label} {name}"),
                }),
                Some(e) if e != sql => rep.problems.push(AuditProblem {
                    seq: None,
                    what: format!("{label} {name} 被改动（与 pingcha 创建的不同）"),
                }),
                Some(_) => {}
            }
        }
        for (kind, name) in expected.keys() {
            if actual.contains_key(&(kind.clone(), name.clone())) {
                continue;
            }
            let what = if kind == "trigger" {
                format!("触发器 {name} 被删除：其间的改动没有审计记录")
            } else {
                format!("{} {name} 被删除", label_of(kind))
            };
            rep.problems.push(AuditProblem { seq: None, what });
        }
        Ok(())
    }

    fn verify_state(&self, images: &Images, rep: &mut AuditReport) -> Result<()> {
        let mut image_at = self
            .conn
            .prepare("SELECT after FROM audit_log WHERE seq = ?1")?;
        for a in AUDITED {
            let label = table_label(a.table);
            let sql = format!(
                "SELECT {}, {}, {} FROM {} AS r",
                a.row_key("r"),
                a.image("r"),
                a.change_image("r"),
                a.table
            );
            let mut st = self.conn.prepare(&sql)?;
            let mut rows = st.query([])?;
            let mut live = std::collections::HashSet::new();
            while let Some(r) = rows.next()? {
                let key: String = r.get::<_, rusqlite::types::Value>(0).map(value_text)?;
                let now: String = r.get(1)?;
                let whole: String = r.get(2)?;
                match images.get(&(a.table.to_string(), key.clone())) {
                    None => rep.problems.push(AuditProblem {
                        seq: None,
                        what: format!("{label} {key} 没有审计记录（在 pingcha 之外写入）"),
                    }),
                    Some((seq, false)) => rep.problems.push(AuditProblem {
                        seq: Some(*seq),
                        what: format!(
                            "{label} {key} 按审计记录已删除，却仍在数据库中（在 pingcha 之外恢复）"
                        ),
                    }),
                    Some((seq, true)) => {
                        let img: Option<String> = image_at
                            .query_row([seq], |r| r.get(0))
                            .optional()?
                            .flatten();
                        let img = img.unwrap_or_default();
                        if !same_image(&img, &now) && img != whole {
                            rep.problems.push(AuditProblem {
                                seq: Some(*seq),
                                what: format!("{label} {key} 的当前内容与最后一条审计记录（第 {seq} 条）不符（在 pingcha 之外被修改）"),
                            });
                        }
                    }
                }
                live.insert(key);
            }
            for ((tbl, key), (seq, present)) in images {
                if tbl == a.table && *present && !live.contains(key) {
                    rep.problems.push(AuditProblem { seq: Some(*seq), what: format!("{label} {key} 在数据库中不见了，审计记录中却没有删除（在 pingcha 之外删除）") });
                }
            }
        }
        // A file's stored content must be what its content hash says.
        let mut st = self
            .conn
            .prepare("SELECT case_no, json, content_hash FROM case_files")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let (no, json, hash): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            let h: String = Sha256::digest(json.as_bytes())
                .iter()
                .take(16)
                .map(|b| format!("{b:02x}"))
                .collect();
            if h != hash {
                rep.problems.push(AuditProblem {
                    seq: None,
                    what: format!("案卷 {no} 的案卷数据与其内容摘要不符（在 pingcha 之外被修改）"),
                });
            }
        }
        Ok(())
    }

    /// The stored hash of the last audit row.
    pub fn audit_head(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// The audit log, newest last; optionally only the rows of one key.
    pub fn audit_log(&self, key: Option<&str>, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {AUDIT_ENTRY_COLUMNS} FROM audit_log
             WHERE ?1 IS NULL OR row_key = ?1 OR row_key LIKE ?1 || '%' ORDER BY seq DESC LIMIT ?2",
        ))?;
        let rows = st.query_map(params![key, limit as i64], audit_entry)?;
        let mut v = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        v.reverse();
        Ok(v)
    }
}

fn table_label(t: &str) -> &'static str {
    match t {
        "findings" => "问题",
        "reviews" => "评查结果",
        "item_marks" => "评查项目标记",
        "assignments" => "分配",
        "rectifications" => "整改记录",
        "draws" => "抽取记录",
        "case_files" => "案卷",
        "checklists" => "评查标准",
        "reviewers" => "评查人员",
        _ => "记录",
    }
}

fn value_text(v: rusqlite::types::Value) -> String {
    use rusqlite::types::Value;
    match v {
        Value::Null => String::new(),
        Value::Integer(i) => i.to_string(),
        Value::Real(f) => f.to_string(),
        Value::Text(t) => t,
        Value::Blob(b) => hex(&b),
    }
}

/// Whether the live row matches the recorded image on every column the
/// image recorded (a column audited later is absent from older images).
fn same_image(recorded: &str, now: &str) -> bool {
    if recorded == now {
        return true;
    }
    let (Ok(serde_json::Value::Object(r)), Ok(serde_json::Value::Object(n))) = (
        serde_json::from_str::<serde_json::Value>(recorded),
        serde_json::from_str::<serde_json::Value>(now),
    ) else {
        return false;
    };
    r.iter().all(|(k, v)| n.get(k) == Some(v))
}

/// (type, name) → SQL of every schema object but SQLite's own.
pub(crate) fn schema_objects(
    c: &Connection,
) -> rusqlite::Result<std::collections::BTreeMap<(String, String), Option<String>>> {
    let mut st = c.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = st.query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?;
    rows.collect()
}
