//! SQLite's own messages made into sentences that say what happened and
//! what to do, and the wait for a database another process is writing.

use rusqlite::ffi::ErrorCode;
use rusqlite::{Connection, Error};
use std::io::Write;
use std::time::Duration;

/// How long a command waits for another writer before giving up.
pub(crate) const BUSY_WAIT: Duration = Duration::from_secs(300);
/// After how long waiting the user is told why nothing happens.
const BUSY_NOTICE: Duration = Duration::from_secs(2);

/// Waits while another connection holds the database (up to [`BUSY_WAIT`]),
/// telling the user once when the wait gets long.
pub(crate) fn wait_when_busy(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_handler(Some(busy))
}

/// The busy handler: `n` is how many times it was called for this wait.
fn busy(n: i32) -> bool {
    // 1, 2, 4 … up to 50 ms between attempts.
    let step = Duration::from_millis((1u64 << n.clamp(0, 6) as u32).min(50));
    let waited = step_total(n);
    if waited >= BUSY_WAIT {
        return false;
    }
    let notice_at = step_total_until(BUSY_NOTICE);
    if n == notice_at {
        let _ = writeln!(
            std::io::stderr(),
            "数据库正由另一个 pingcha 写入（例如一次较长的导入），正在等待它完成……（最多等待 {} 分钟）",
            BUSY_WAIT.as_secs() / 60
        );
    }
    std::thread::sleep(step);
    true
}

/// Total time slept after `n` calls of [`busy`].
fn step_total(n: i32) -> Duration {
    (0..n.max(0))
        .map(|i| Duration::from_millis((1u64 << i.clamp(0, 6) as u32).min(50)))
        .sum()
}

/// The call number at which `d` has been waited.
fn step_total_until(d: Duration) -> i32 {
    let mut n = 0;
    while step_total(n) < d {
        n += 1;
    }
    n
}

/// Which table or column an SQLite "no such …" message names, in Chinese.
fn missing_object(msg: &str) -> String {
    let name = |prefix: &str| {
        msg.strip_prefix(prefix).map(|n| {
            n.chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.'))
                .take(64)
                .collect::<String>()
        })
    };
    match (name("no such table: "), name("no such column: ")) {
        (Some(t), _) => format!("缺少数据表 {t}"),
        (_, Some(c)) => format!("缺少列 {c}"),
        _ => "缺少数据表或列".into(),
    }
}

/// A Chinese sentence for an SQLite error: what happened, what to do.
pub(crate) fn explain(e: &Error) -> String {
    match e {
        Error::SqliteFailure(f, msg) => {
            let msg = msg.as_deref().unwrap_or("");
            match f.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => format!(
                    "数据库正被另一个程序占用，等待 {} 分钟后仍未释放；请关闭正在使用该数据库的其他 pingcha（如评查终端或导入），稍后重试",
                    BUSY_WAIT.as_secs() / 60
                ),
                ErrorCode::ConstraintViolation => constraint(f.extended_code, msg),
                ErrorCode::ReadOnly => {
                    "数据库文件只读，无法写入；请检查该文件及其所在文件夹的权限".into()
                }
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
                    "数据库文件已损坏，或不是 pingcha 的数据库；请检查 --db 指定的文件，必要时从备份恢复".into()
                }
                ErrorCode::DiskFull => "磁盘已满，本次改动未保存；请腾出空间后重试".into(),
                ErrorCode::CannotOpen => {
                    "无法打开数据库文件；请检查路径是否存在、是否有读写权限".into()
                }
                ErrorCode::SystemIoFailure => {
                    "读写数据库文件时出错（磁盘或文件系统故障）；本次改动未保存，请检查磁盘后重试".into()
                }
                ErrorCode::PermissionDenied => {
                    "没有访问数据库文件的权限；请检查文件权限".into()
                }
                _ if msg.starts_with("no such column")
                    || msg.starts_with("no such table")
                    || msg.contains("malformed database schema") =>
                {
                    format!(
                        "数据库的结构与本程序不符（{}）：数据库文件可能被 sqlite3 等工具改动过；本次改动未保存，请运行 `pingcha audit verify` 查明，必要时从备份恢复",
                        missing_object(msg)
                    )
                }
                _ if msg.contains("append-only") => {
                    "审计记录只能追加，不能修改或删除".into()
                }
                _ => format!("数据库操作失败（{msg}）；本次改动未保存，请重试，仍不行请报告此信息"),
            }
        }
        Error::QueryReturnedNoRows => "要找的记录不存在；请检查所给的编号或名称".into(),
        Error::Utf8Error(..) => "数据库中有文字不是有效的 UTF-8 编码：数据库文件可能被 sqlite3 等工具改动过或已损坏；请运行 `pingcha audit verify` 查明，必要时从备份恢复".into(),
        Error::FromSqlConversionFailure(..)
        | Error::InvalidColumnType(..)
        | Error::IntegralValueOutOfRange(..) => "数据库中有一项数据的类型或取值不是 pingcha 写入的样子：数据库文件可能被 sqlite3 等工具改动过或已损坏；请运行 `pingcha audit verify` 查明，必要时从备份恢复".into(),
        other => format!("数据库操作失败（{other}）；本次改动未保存，请重试，仍不行请报告此信息"),
    }
}

fn constraint(extended: i32, msg: &str) -> String {
    use rusqlite::ffi;
    match extended {
        ffi::SQLITE_CONSTRAINT_FOREIGNKEY => "所引用的案卷、批次或评查人员不存在（可能刚被删除）；请用 `pingcha cases`、`pingcha batch list`、`pingcha reviewer list` 核对后重试".into(),
        ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
            format!("记录已存在，不能重复添加（{}）；请核对后重试", unique_target(msg))
        }
        ffi::SQLITE_CONSTRAINT_CHECK => "取值不在允许的范围内（如扣分为负数或状态未知）；请检查所填的值".into(),
        ffi::SQLITE_CONSTRAINT_NOTNULL => "缺少必填的值；请补全后重试".into(),
        ffi::SQLITE_CONSTRAINT_TRIGGER if msg.contains("append-only") => {
            "审计记录只能追加，不能修改或删除".into()
        }
        _ => format!("数据不满足数据库的约束（{msg}）；请检查所填的值"),
    }
}

/// `UNIQUE constraint failed: t.col` → `t.col`.
fn unique_target(msg: &str) -> &str {
    msg.rsplit(": ").next().unwrap_or(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_messages_become_sentences() {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "PRAGMA foreign_keys = ON; CREATE TABLE a (id INTEGER PRIMARY KEY);
             CREATE TABLE b (a INTEGER REFERENCES a(id));",
        )
        .unwrap();
        let e = c.execute("INSERT INTO b VALUES (7)", []).unwrap_err();
        let s = explain(&e);
        assert!(s.contains("不存在"), "{s}");
        assert!(!s.contains("FOREIGN KEY"), "{s}");
        c.execute("INSERT INTO a VALUES (1)", []).unwrap();
        let s = explain(&c.execute("INSERT INTO a VALUES (1)", []).unwrap_err());
        assert!(s.starts_with("记录已存在"), "{s}");
    }

    #[test]
    fn a_locked_database_is_waited_for_then_explained() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.db");
        let a = Connection::open(&p).unwrap();
        a.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x);")
            .unwrap();
        let b = Connection::open(&p).unwrap();
        b.busy_timeout(Duration::from_millis(1)).unwrap();
        a.execute_batch("BEGIN IMMEDIATE; INSERT INTO t VALUES (1);")
            .unwrap();
        let e = b.execute_batch("BEGIN IMMEDIATE;").unwrap_err();
        let s = explain(&e);
        assert!(s.contains("占用"), "{s}");
        assert!(!s.contains("locked"), "{s}");
        assert!(step_total(step_total_until(BUSY_NOTICE)) >= BUSY_NOTICE);
    }
}
