//! Numbered migrations. Each entry upgrades the schema by one version; a
//! database made by an older build opens in a newer one. Never edit a
//! migration that has shipped: add a new one.

use super::{Result, StoreError};
use rusqlite::Connection;
use std::path::Path;

/// Migration `i` (0-based) takes the schema from version `i` to `i + 1`.
pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: case files, checklists, batches, reviews, findings, item marks.
    r#"
    CREATE TABLE case_files (
        id            INTEGER PRIMARY KEY,
        case_no       TEXT NOT NULL UNIQUE,
        department    TEXT NOT NULL,
        kind          TEXT NOT NULL,
        title         TEXT,
        party_name    TEXT,
        json          TEXT NOT NULL,
        content_hash  TEXT NOT NULL,
        imported_at   TEXT NOT NULL,
        updated_at    TEXT NOT NULL
    );
    CREATE INDEX case_files_department ON case_files(department);

    CREATE TABLE checklists (
        id         TEXT PRIMARY KEY,
        version    TEXT NOT NULL,
        name       TEXT NOT NULL,
        source     TEXT NOT NULL,
        loaded_at  TEXT NOT NULL
    );

    CREATE TABLE batches (
        id           INTEGER PRIMARY KEY,
        name         TEXT NOT NULL,
        kind         TEXT NOT NULL,
        period_from  TEXT,
        period_to    TEXT,
        profile      TEXT NOT NULL DEFAULT 'national',
        scope        TEXT NOT NULL DEFAULT 'all',
        is_current   INTEGER NOT NULL DEFAULT 0,
        created_at   TEXT NOT NULL
    );
    INSERT INTO batches (id, name, kind, scope, is_current, created_at)
        VALUES (1, '默认批次', '自查', 'all', 1, strftime('%Y-%m-%dT%H:%M:%SZ','now'));

    CREATE TABLE reviews (
        batch_id      INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        case_id       INTEGER NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
        status        TEXT NOT NULL DEFAULT '未评',
        reviewer      TEXT,
        checklist_id  TEXT,
        score         REAL,
        grade         TEXT,
        findings      INTEGER NOT NULL DEFAULT 0,
        suggested     INTEGER NOT NULL DEFAULT 0,
        completed_at  TEXT,
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (batch_id, case_id)
    ) WITHOUT ROWID;
    CREATE INDEX reviews_status ON reviews(batch_id, status);

    CREATE TABLE findings (
        id          TEXT PRIMARY KEY,
        batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        case_id     INTEGER NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
        item        TEXT NOT NULL,
        deduction   REAL NOT NULL CHECK (deduction >= 0),
        note        TEXT NOT NULL DEFAULT '',
        page        TEXT,
        reviewer    TEXT,
        status      TEXT NOT NULL CHECK (status IN ('suggested','confirmed','dismissed')),
        source      TEXT NOT NULL CHECK (source IN ('manual','auto')),
        rule        TEXT,
        basis       TEXT,
        case_hash   TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    );
    CREATE INDEX findings_case ON findings(batch_id, case_id);

    -- Confirmed findings per item, kept by triggers so that the summary of a
    -- million findings reads a hundred rows.
    CREATE TABLE item_stats (
        batch_id  INTEGER NOT NULL,
        item      TEXT NOT NULL,
        findings  INTEGER NOT NULL DEFAULT 0,
        deducted  REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (batch_id, item)
    ) WITHOUT ROWID;
    CREATE TRIGGER findings_stats_insert AFTER INSERT ON findings WHEN NEW.status = 'confirmed' BEGIN
        INSERT INTO item_stats (batch_id, item, findings, deducted) VALUES (NEW.batch_id, NEW.item, 1, NEW.deduction)
        ON CONFLICT (batch_id, item) DO UPDATE SET findings = findings + 1, deducted = deducted + excluded.deducted;
    END;
    CREATE TRIGGER findings_stats_delete AFTER DELETE ON findings WHEN OLD.status = 'confirmed' BEGIN
        UPDATE item_stats SET findings = findings - 1, deducted = deducted - OLD.deduction
        WHERE batch_id = OLD.batch_id AND item = OLD.item;
    END;
    CREATE TRIGGER findings_stats_update AFTER UPDATE OF status, item, deduction, batch_id ON findings
    WHEN OLD.status = 'confirmed' OR NEW.status = 'confirmed' BEGIN
        UPDATE item_stats SET findings = findings - 1, deducted = deducted - OLD.deduction
        WHERE OLD.status = 'confirmed' AND batch_id = OLD.batch_id AND item = OLD.item;
        INSERT INTO item_stats (batch_id, item, findings, deducted)
        SELECT NEW.batch_id, NEW.item, 1, NEW.deduction WHERE NEW.status = 'confirmed'
        ON CONFLICT (batch_id, item) DO UPDATE SET findings = findings + 1, deducted = deducted + excluded.deducted;
    END;

    CREATE TABLE item_marks (
        batch_id  INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        case_id   INTEGER NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
        item      TEXT NOT NULL,
        mark      TEXT NOT NULL,
        reviewer  TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (batch_id, case_id, item)
    ) WITHOUT ROWID;
    "#,
];

/// The newest schema version this build knows.
pub(crate) fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the database up to [`latest`], one transaction per migration.
pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > latest() {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: current,
            supported: latest(),
        });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}
