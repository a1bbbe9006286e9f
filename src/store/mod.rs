//! SQLite storage: the only module that speaks SQL.
//!
//! One file, created 0600, WAL, foreign keys on, schema upgraded by numbered
//! migrations (`PRAGMA user_version`). Every write is one transaction: the
//! write methods live on [`TxDb`], which only a [`Tx`] hands out, and the
//! plain [`Db`] view only reads.

mod audit;
mod audit_decl;
mod batch;
mod cases;
mod checklists;
mod drafts;
mod errors;
mod findings;
mod migrations;
mod package;
mod package_read;
mod register;
mod report;
mod reviews;
mod summary;
mod team;
mod tui_queries;

pub use audit::{Actor, AuditEntry, AuditProblem, AuditReport};
pub use batch::{BatchRow, DrawRow, PoolFile, RectificationRow};
pub use cases::{CaseRow, PartyRow, UpsertOutcome};
pub use findings::{AutoSync, FindingPatch};
pub use migrations::create_at_version;
pub use package::{Conflict, MergeReport, finding_json};
pub use package_read::{
    PackageCase, PackageContent, PackageFinding, PackageMark, PackageReview, read_package,
    seal_package,
};
pub use register::RegisteredDoc;
pub use report::ReportReview;
pub use reviews::CachedScore;
pub use summary::{FileOutcomeRow, ItemCount, ReviewerStats, StoreSummary};
pub use team::{NewStep, ReviewStepRow, ReviewTeamRow, split_names};

use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// What the store can fail with.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("无法打开数据库 {path}：{}", errors::explain(.source))]
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
    #[error(
        "数据库 {path} 记录的架构版本（{found}）与其实际结构不符：数据库可能被 sqlite3 等工具改动过（PRAGMA user_version），未作任何改动；请从备份恢复，或运行 `pingcha audit verify` 查明"
    )]
    SchemaMismatch { path: PathBuf, found: i64 },
    #[error(
        "数据库路径 {0} 是符号链接，pingcha 不跟随链接打开数据库（链接可能指向别处的文件）；请用 --db 给出数据库文件本身的路径"
    )]
    Link(PathBuf),
    #[error(
        "数据库路径 {0} 不是普通文件（是文件夹、设备或命名管道）；请用 --db 给出 pingcha 数据库文件"
    )]
    NotAFile(PathBuf),
    #[error("{}", errors::explain(.0))]
    Sql(#[from] rusqlite::Error),
    #[error(
        "数据库中的记录无法解析（{what}：{detail}）：数据库可能在 pingcha 之外被改动过或已损坏；请运行 `pingcha audit verify` 查明，必要时从备份恢复"
    )]
    Corrupt { what: String, detail: String },
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    Package(String),
    #[error("审计密钥：{0}")]
    Key(String),
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
    audit_key: audit::AuditKey,
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
        Self::init(conn, path.to_path_buf(), audit::AuditKey::installed(path)?)
    }

    /// A private in-memory database (tests, benchmarks); its audit chain is
    /// keyed with a key that lives as long as the store.
    pub fn open_in_memory() -> Result<Store> {
        Self::init(
            Connection::open_in_memory()?,
            PathBuf::from(":memory:"),
            audit::AuditKey::ephemeral(),
        )
    }

    fn init(conn: Connection, path: PathBuf, audit_key: audit::AuditKey) -> Result<Store> {
        errors::wait_when_busy(&conn)?;
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
        let mut store = Store {
            conn,
            path,
            actor,
            audit_key,
        };
        migrations::migrate(&mut store.conn, &store.path)?;
        // The audit triggers are generated from one declaration; a build
        // whose declaration differs from the one that installed them (a new
        // audited column) reinstalls them, and the audit log records it.
        if audit_decl::needs_install(&store.conn)? {
            let tx = store.tx()?;
            audit_decl::install(&tx.tx)?;
            tx.commit()?;
        }
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

    /// Rows changed through this connection so far: a new value means
    /// something was written (what the TUI's precomputed figures watch).
    pub fn changes(&self) -> u64 {
        self.conn.total_changes()
    }

    /// The schema version of this database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Queries (no writes: those need [`Store::tx`]).
    pub fn db(&self) -> Db<'_> {
        Db { conn: &self.conn }
    }

    /// Starts a write transaction: nothing is stored until [`Tx::commit`];
    /// dropping the `Tx` rolls back. The write lock is taken at once
    /// (waiting while another writer holds it), so the transaction cannot
    /// fail later because someone else wrote first.
    pub fn tx(&self) -> Result<Tx<'_>> {
        let t = rusqlite::Transaction::new_unchecked(
            &self.conn,
            rusqlite::TransactionBehavior::Immediate,
        )?;
        let audit_from = audit::last_seq(&t)?;
        Ok(Tx {
            tx: t,
            audit_from: std::cell::Cell::new(audit_from),
            key: &self.audit_key,
        })
    }

    /// Seals the whole audit chain of a package this program has just made:
    /// the export copies its rows in through the package's own triggers,
    /// outside any transaction of the package, so nothing else seals them.
    pub fn seal_new_package(path: &Path) -> Result<()> {
        let store = Store::open(path)?;
        let tx = store.tx()?;
        audit::seal(&tx.tx, 0, tx.key)?;
        tx.commit()
    }

    /// The key this store seals its audit chain's head with.
    pub(crate) fn audit_key(&self) -> &audit::AuditKey {
        &self.audit_key
    }
}

/// A view on the database for queries and writes; all SQL lives in its
/// methods (in this module's files).
#[derive(Clone, Copy)]
pub struct Db<'a> {
    conn: &'a Connection,
}

/// The view a write transaction gives: every query of [`Db`] plus the
/// write methods.
#[derive(Clone, Copy)]
pub struct TxDb<'a> {
    db: Db<'a>,
}

impl<'a> std::ops::Deref for TxDb<'a> {
    type Target = Db<'a>;
    fn deref(&self) -> &Db<'a> {
        &self.db
    }
}

/// A write transaction.
pub struct Tx<'a> {
    tx: rusqlite::Transaction<'a>,
    /// The last audit row before this transaction: the rows after it are
    /// this transaction's, and only those are sealed at commit. Moves on
    /// when [`Tx::seal_so_far`] seals part of them early.
    audit_from: std::cell::Cell<i64>,
    key: &'a audit::AuditKey,
}

impl Tx<'_> {
    pub fn db(&self) -> TxDb<'_> {
        TxDb {
            db: Db { conn: &self.tx },
        }
    }

    /// Seals the audit rows this transaction has written so far and returns
    /// the chain's head as it will be once committed (what an issued
    /// document prints). Rows written later are sealed at commit.
    pub fn seal_now(&mut self) -> Result<Option<String>> {
        self.seal_so_far()?;
        self.db().audit_head()
    }

    /// Seals the audit rows this transaction wrote (and the chain's keyed
    /// head), then commits.
    pub fn commit(self) -> Result<()> {
        audit::seal(&self.tx, self.audit_from.get(), self.key)?;
        Ok(self.tx.commit()?)
    }

    /// Seals the audit rows written so far, inside the transaction (the
    /// same chain the commit would make, row by row in order). A long
    /// import calls it now and then, so the rows are hashed while their
    /// pages are still in the cache rather than read back at the end.
    pub fn seal_so_far(&self) -> Result<()> {
        audit::seal(&self.tx, self.audit_from.get(), self.key)?;
        self.audit_from.set(audit::last_seq(&self.tx)?);
        Ok(())
    }
}

/// Creates the database file with mode 0600 when it does not exist yet, so
/// that SQLite never creates it world-readable.
fn create_private(path: &Path) -> Result<()> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() {
            return Err(StoreError::Link(path.to_path_buf()));
        }
        if !meta.is_file() {
            return Err(StoreError::NotAFile(path.to_path_buf()));
        }
        tighten(path);
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

/// An existing database (and its WAL and shared-memory files) readable or
/// writable by others is made 0600, with a warning: it holds personal data.
fn tighten(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut files = vec![path.to_path_buf()];
        for suffix in ["-wal", "-shm"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            files.push(PathBuf::from(p));
        }
        for f in files {
            let Ok(meta) = std::fs::symlink_metadata(&f) else {
                continue;
            };
            let mode = meta.permissions().mode() & 0o777;
            if !meta.is_file() || mode & 0o077 == 0 {
                continue;
            }
            match std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o600)) {
                Ok(()) => eprintln!(
                    "警告：数据库文件 {} 的权限是 {mode:04o}，其他用户可以读取其中的个人信息；已改为 0600（仅本人可读写）",
                    f.display()
                ),
                Err(e) => eprintln!(
                    "警告：数据库文件 {} 的权限是 {mode:04o}，其他用户可以读取；无法改为 0600（{e}），请用 chmod 600 修改",
                    f.display()
                ),
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// The schema script of the first `version` migrations, for tests that
/// rebuild a database as an older build left it.
#[doc(hidden)]
pub fn schema_script(version: usize) -> String {
    migrations::MIGRATIONS[..version.min(migrations::MIGRATIONS.len())].concat()
}

pub(crate) fn now_rfc3339() -> String {
    now().to_rfc3339()
}

/// Now, as stored: RFC 3339 UTC with seconds.
pub(crate) fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

/// Every schema object (type, name → SQL) of a database this build makes:
/// what a database or package may hold and nothing else.
pub(crate) fn pristine_schema()
-> Result<&'static std::collections::BTreeMap<(String, String), Option<String>>> {
    static SCHEMA: std::sync::OnceLock<
        std::collections::BTreeMap<(String, String), Option<String>>,
    > = std::sync::OnceLock::new();
    if let Some(s) = SCHEMA.get() {
        return Ok(s);
    }
    let store = Store::open_in_memory()?;
    let objects = audit::schema_objects(&store.conn)?;
    Ok(SCHEMA.get_or_init(|| objects))
}

/// The tables of this build that the database at `path` lacks (dropped
/// outside pingcha), read without opening it as a store: a database
/// missing a table pingcha needs cannot be opened, but `audit verify` must
/// still name what was dropped. Empty when the file is absent, a link or not
/// a database (opening it says why).
pub fn missing_tables(path: &Path) -> Vec<String> {
    if !std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file()) {
        return Vec::new();
    }
    let Ok(c) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return Vec::new();
    };
    let (Ok(expected), Ok(actual)) = (pristine_schema(), audit::schema_objects(&c)) else {
        return Vec::new();
    };
    if actual.is_empty() {
        return Vec::new();
    }
    expected
        .keys()
        .filter(|(kind, name)| {
            kind == "table" && !actual.contains_key(&(kind.clone(), name.clone()))
        })
        .map(|(_, name)| name.clone())
        .collect()
}
