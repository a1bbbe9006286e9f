//! SQLite storage: the only module that speaks SQL.
//!
//! One file, created 0600, WAL, foreign keys on, schema upgraded by numbered
//! migrations (`PRAGMA user_version`). Every write is one transaction.

mod audit;
mod batch;
mod cases;
mod checklists;
mod drafts;
mod findings;
mod migrations;
mod package;
mod register;
mod report;
mod reviews;
mod summary;
mod team;
mod tui_queries;

pub use audit::{Actor, AuditEntry, AuditProblem, AuditReport};
pub use batch::{BatchRow, DrawRow, RectificationRow};
pub use cases::{CaseRow, PartyRow, UpsertOutcome};
pub use findings::{AutoSync, FindingPatch};
pub use package::{Conflict, MergeReport};
pub use register::RegisteredDoc;
pub use report::ReportReview;
pub use reviews::CachedScore;
pub use summary::{DepartmentStats, ItemCount, ReviewerStats, StoreSummary};
pub use team::{NewStep, ReviewStepRow, ReviewTeamRow, split_names};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// What the store can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("无法打开数据库 {path}：{source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("无法创建数据库文件 {path}：{source}")]
    Create {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "数据库 {path} 由更新版本的 pingcha 创建（架构版本 {found}，本程序支持至 {supported}），请升级 pingcha"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("数据库错误：{0}")]
    Sql(#[from] rusqlite::Error),
    #[error("数据库中的记录无法解析（{what}）：{detail}")]
    Corrupt { what: String, detail: String },
    #[error("{0}")]
    NotFound(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = migrations::MIGRATIONS.len() as i64;

/// The first schema, as shipped (for tests of upgrades from it).
pub const MIGRATION_1: &str = migrations::MIGRATIONS[0];

/// A handle on one pingcha database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    actor: Actor,
}

impl Store {
    /// Opens (creating with mode 0600 when absent) and migrates the database.
    pub fn open(path: &Path) -> Result<Store> {
        create_private(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )
        .map_err(|source| StoreError::Open {
            path: path.to_path_buf(),
            source,
        })?;
        Self::init(conn, path.to_path_buf())
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn init(conn: Connection, path: PathBuf) -> Result<Store> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA cache_size = -65536;
             PRAGMA temp_store = MEMORY;",
        )?;
        let actor = Actor::from_env();
        actor.register(&conn)?;
        conn.create_scalar_function(
            "pingcha_sort_key",
            1,
            rusqlite::functions::FunctionFlags::SQLITE_UTF8
                | rusqlite::functions::FunctionFlags::SQLITE_DETERMINISTIC,
            |ctx| Ok(crate::model::natural_key(&ctx.get::<String>(0)?)),
        )?;
        let mut store = Store { conn, path, actor };
        migrations::migrate(&mut store.conn, &store.path)?;
        audit::seal(&store.conn)?;
        Ok(store)
    }

    /// Who the audit trail records as making the changes from now on.
    pub fn set_actor(&self, name: &str) {
        self.actor.set(name);
    }

    pub fn actor(&self) -> String {
        self.actor.get()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of this database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Queries and single writes outside a transaction.
    pub fn db(&self) -> Db<'_> {
        Db { c: &self.conn }
    }

    /// Starts a write transaction: nothing is stored until [`Tx::commit`];
    /// dropping the `Tx` rolls back.
    pub fn tx(&mut self) -> Result<Tx<'_>> {
        Ok(Tx {
            t: self.conn.transaction()?,
        })
    }
}

/// A view on the database for queries and writes; all SQL lives in its
/// methods (in this module's files).
#[derive(Clone, Copy)]
pub struct Db<'a> {
    c: &'a Connection,
}

/// A write transaction.
pub struct Tx<'a> {
    t: rusqlite::Transaction<'a>,
}

impl Tx<'_> {
    pub fn db(&self) -> Db<'_> {
        Db { c: &self.t }
    }

    /// Seals the audit rows this transaction wrote, then commits.
    pub fn commit(self) -> Result<()> {
        audit::seal(&self.t)?;
        Ok(self.t.commit()?)
    }
}

/// Creates the database file with mode 0600 when it does not exist yet, so
/// that SQLite never creates it world-readable.
fn create_private(path: &Path) -> Result<()> {
    if path.exists() {
        return Ok(());
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| StoreError::Create {
            path: path.to_path_buf(),
            source,
        })?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(source) => Err(StoreError::Create {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Now as stored (RFC 3339 UTC).
pub(crate) fn now_rfc3339() -> String {
    now().to_rfc3339()
}

/// Now, as stored: RFC 3339 UTC with seconds.
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}
