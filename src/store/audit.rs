//! The audit trail: triggers (migration 2) append a row for every change to
//! findings, review results, assignments and rectification; [`seal`] chains
//! each new row's hash to the previous one before a transaction commits;
//! [`Db::verify_audit`] recomputes the chain and compares the audited tables
//! with their last recorded state.
//!
//! Hash of row n = SHA-256(hash of row n−1 ‖ 0x1f ‖ seq ‖ at ‖ actor ‖ tbl ‖ op
//! ‖ row_key ‖ before ‖ after), fields joined by 0x1f, hex; row 1 chains to
//! the string `pingcha-audit-v1`.

use super::{Db, Result};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
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
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

type Row = (i64, [Option<String>; 7], Option<String>);

fn read_rows(c: &Connection, from_seq: i64) -> rusqlite::Result<Vec<Row>> {
    let mut st = c.prepare_cached(
        "SELECT seq, at, actor, tbl, op, row_key, before, after, hash FROM audit_log WHERE seq > ?1 ORDER BY seq",
    )?;
    let rows = st.query_map([from_seq], |r| {
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

/// Chains the hashes of the rows not sealed yet. Called inside every write
/// transaction before it commits.
pub(crate) fn seal(c: &Connection) -> rusqlite::Result<usize> {
    let head: Option<(i64, String)> = c
        .prepare_cached(
            "SELECT seq, hash FROM audit_log WHERE hash IS NOT NULL ORDER BY seq DESC LIMIT 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let (from, mut prev) = head.unwrap_or((0, GENESIS.to_string()));
    let rows = read_rows(c, from)?;
    let mut st = c.prepare_cached("UPDATE audit_log SET hash = ?2 WHERE seq = ?1")?;
    for (seq, fields, _) in &rows {
        prev = row_hash(&prev, *seq, fields);
        st.execute(params![seq, prev])?;
    }
    Ok(rows.len())
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

impl<'a> Db<'a> {
    /// Recomputes the chain and checks each finding against its last
    /// recorded state.
    pub fn verify_audit(&self) -> Result<AuditReport> {
        let mut rep = AuditReport::default();
        let mut prev = GENESIS.to_string();
        let mut expected_seq = 1;
        for (seq, fields, hash) in read_rows(self.c, 0)? {
            rep.rows += 1;
            if seq != expected_seq {
                rep.problems.push(AuditProblem {
                    seq: Some(seq),
                    what: format!("审计记录第 {expected_seq}–{} 条缺失（被删除）", seq - 1),
                });
            }
            expected_seq = seq + 1;
            let h = row_hash(&prev, seq, &fields);
            match hash {
                None => rep.problems.push(AuditProblem { seq: Some(seq), what: "审计记录未封存（未经 pingcha 写入）".into() }),
                Some(stored) if stored != h => rep.problems.push(AuditProblem {
                    seq: Some(seq),
                    what: format!("审计记录第 {seq} 条（{} {}）的内容与哈希链不符：该记录或其之前的记录被改动", fields[2].as_deref().unwrap_or(""), fields[4].as_deref().unwrap_or("")),
                }),
                Some(_) => {}
            }
            prev = h;
            rep.head = Some(prev.clone());
        }
        // Each finding as it is now must be its last recorded state.
        let mut st = self.c.prepare(
            "SELECT f.id, json_object('id', f.id, 'batch_id', f.batch_id, 'case_id', f.case_id, 'item', f.item,
                 'deduction', f.deduction, 'note', f.note, 'page', f.page, 'reviewer', f.reviewer, 'status', f.status,
                 'source', f.source, 'rule', f.rule, 'updated_at', f.updated_at),
               (SELECT a.after FROM audit_log a WHERE a.tbl = 'findings' AND a.row_key = f.id ORDER BY a.seq DESC LIMIT 1)
             FROM findings f",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        for row in rows {
            let (id, now, last) = row?;
            match last {
                None => rep.problems.push(AuditProblem {
                    seq: None,
                    what: format!("问题 {id} 没有审计记录（在 pingcha 之外写入）"),
                }),
                Some(l) if l != now => rep.problems.push(AuditProblem {
                    seq: None,
                    what: format!(
                        "问题 {id} 的当前内容与最后一条审计记录不符（在 pingcha 之外被修改）"
                    ),
                }),
                Some(_) => {}
            }
        }
        Ok(rep)
    }

    /// The audit log, newest last; optionally only the rows of one key.
    pub fn audit_log(&self, key: Option<&str>, limit: usize) -> Result<Vec<AuditEntry>> {
        let mut st = self.c.prepare(
            "SELECT seq, at, actor, tbl, op, row_key, before, after FROM audit_log
             WHERE ?1 IS NULL OR row_key = ?1 OR row_key LIKE ?1 || '%' ORDER BY seq DESC LIMIT ?2",
        )?;
        let rows = st.query_map(params![key, limit as i64], |r| {
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
        })?;
        let mut v = rows.collect::<rusqlite::Result<Vec<_>>>()?;
        v.reverse();
        Ok(v)
    }
}
