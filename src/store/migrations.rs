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
    // 2: review batches (draws, roster, assignments), rectification and the audit trail.
    r#"
    ALTER TABLE batches ADD COLUMN checklists TEXT;

    CREATE TABLE draws (
        id          INTEGER PRIMARY KEY,
        batch_id    INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        algorithm   TEXT NOT NULL,
        seed        TEXT NOT NULL,
        params      TEXT NOT NULL,
        pool        TEXT NOT NULL,
        drawn       TEXT NOT NULL,
        actor       TEXT,
        created_at  TEXT NOT NULL
    );

    CREATE TABLE reviewers (
        name        TEXT PRIMARY KEY,
        department  TEXT NOT NULL,
        expertise   TEXT
    );

    CREATE TABLE assignments (
        batch_id  INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        case_id   INTEGER NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
        reviewer  TEXT NOT NULL REFERENCES reviewers(name),
        PRIMARY KEY (batch_id, case_id, reviewer)
    ) WITHOUT ROWID;

    CREATE TABLE rectifications (
        id             INTEGER PRIMARY KEY,
        batch_id       INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        department     TEXT NOT NULL,
        doc_no         TEXT,
        issued         TEXT NOT NULL,
        due            TEXT NOT NULL,
        status         TEXT NOT NULL DEFAULT '待整改',
        response_date  TEXT,
        response_text  TEXT,
        attachments    TEXT,
        verifier       TEXT,
        verified_at    TEXT,
        remark         TEXT,
        UNIQUE (batch_id, department)
    );

    -- Findings edited both here and in a merged package: kept for a person to resolve.
    CREATE TABLE package_conflicts (
        id          INTEGER PRIMARY KEY,
        finding_id  TEXT NOT NULL,
        package     TEXT NOT NULL,
        local       TEXT,
        theirs      TEXT,
        status      TEXT NOT NULL DEFAULT 'open',
        created_at  TEXT NOT NULL
    );

    -- In a reviewer's package: each finding's updated_at at export (the merge base).
    CREATE TABLE package_base (
        finding_id  TEXT PRIMARY KEY,
        updated_at  TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE package_info (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    ) WITHOUT ROWID;

    -- Append-only, hash-chained audit log. Triggers write a row for every
    -- change to findings, review results, assignments and rectification;
    -- pingcha seals each row's hash (over the previous hash and the row)
    -- before a transaction commits.
    CREATE TABLE audit_log (
        seq      INTEGER PRIMARY KEY,
        at       TEXT NOT NULL,
        actor    TEXT NOT NULL,
        tbl      TEXT NOT NULL,
        op       TEXT NOT NULL,
        row_key  TEXT NOT NULL,
        before   TEXT,
        after    TEXT,
        hash     TEXT
    );
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF seq, at, actor, tbl, op, row_key, before, after ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_findings_insert AFTER INSERT ON findings BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'findings', 'insert', NEW.id, NULL, json_object('id', NEW.id, 'batch_id', NEW.batch_id, 'case_id', NEW.case_id, 'item', NEW.item, 'deduction', NEW.deduction, 'note', NEW.note, 'page', NEW.page, 'reviewer', NEW.reviewer, 'status', NEW.status, 'source', NEW.source, 'rule', NEW.rule, 'updated_at', NEW.updated_at));
    END;
    CREATE TRIGGER audit_findings_update AFTER UPDATE ON findings WHEN json_object('id', OLD.id, 'batch_id', OLD.batch_id, 'case_id', OLD.case_id, 'item', OLD.item, 'deduction', OLD.deduction, 'note', OLD.note, 'page', OLD.page, 'reviewer', OLD.reviewer, 'status', OLD.status, 'source', OLD.source, 'rule', OLD.rule, 'updated_at', OLD.updated_at) IS NOT json_object('id', NEW.id, 'batch_id', NEW.batch_id, 'case_id', NEW.case_id, 'item', NEW.item, 'deduction', NEW.deduction, 'note', NEW.note, 'page', NEW.page, 'reviewer', NEW.reviewer, 'status', NEW.status, 'source', NEW.source, 'rule', NEW.rule, 'updated_at', NEW.updated_at) BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'findings', 'update', NEW.id, json_object('id', OLD.id, 'batch_id', OLD.batch_id, 'case_id', OLD.case_id, 'item', OLD.item, 'deduction', OLD.deduction, 'note', OLD.note, 'page', OLD.page, 'reviewer', OLD.reviewer, 'status', OLD.status, 'source', OLD.source, 'rule', OLD.rule, 'updated_at', OLD.updated_at), json_object('id', NEW.id, 'batch_id', NEW.batch_id, 'case_id', NEW.case_id, 'item', NEW.item, 'deduction', NEW.deduction, 'note', NEW.note, 'page', NEW.page, 'reviewer', NEW.reviewer, 'status', NEW.status, 'source', NEW.source, 'rule', NEW.rule, 'updated_at', NEW.updated_at));
    END;
    CREATE TRIGGER audit_findings_delete AFTER DELETE ON findings BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'findings', 'delete', OLD.id, json_object('id', OLD.id, 'batch_id', OLD.batch_id, 'case_id', OLD.case_id, 'item', OLD.item, 'deduction', OLD.deduction, 'note', OLD.note, 'page', OLD.page, 'reviewer', OLD.reviewer, 'status', OLD.status, 'source', OLD.source, 'rule', OLD.rule, 'updated_at', OLD.updated_at), NULL);
    END;
    CREATE TRIGGER audit_reviews_update AFTER UPDATE ON reviews WHEN json_object('batch_id', OLD.batch_id, 'case_id', OLD.case_id, 'status', OLD.status, 'reviewer', OLD.reviewer, 'checklist_id', OLD.checklist_id, 'score', OLD.score, 'grade', OLD.grade, 'completed_at', OLD.completed_at) IS NOT json_object('batch_id', NEW.batch_id, 'case_id', NEW.case_id, 'status', NEW.status, 'reviewer', NEW.reviewer, 'checklist_id', NEW.checklist_id, 'score', NEW.score, 'grade', NEW.grade, 'completed_at', NEW.completed_at) BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'reviews', 'update', NEW.batch_id || '/' || NEW.case_id, json_object('batch_id', OLD.batch_id, 'case_id', OLD.case_id, 'status', OLD.status, 'reviewer', OLD.reviewer, 'checklist_id', OLD.checklist_id, 'score', OLD.score, 'grade', OLD.grade, 'completed_at', OLD.completed_at), json_object('batch_id', NEW.batch_id, 'case_id', NEW.case_id, 'status', NEW.status, 'reviewer', NEW.reviewer, 'checklist_id', NEW.checklist_id, 'score', NEW.score, 'grade', NEW.grade, 'completed_at', NEW.completed_at));
    END;
    CREATE TRIGGER audit_assignments_insert AFTER INSERT ON assignments BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'assignments', 'insert', NEW.batch_id || '/' || NEW.case_id || '/' || NEW.reviewer, NULL, json_object('batch_id', NEW.batch_id, 'case_id', NEW.case_id, 'reviewer', NEW.reviewer));
    END;
    CREATE TRIGGER audit_assignments_delete AFTER DELETE ON assignments BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'assignments', 'delete', OLD.batch_id || '/' || OLD.case_id || '/' || OLD.reviewer, json_object('batch_id', OLD.batch_id, 'case_id', OLD.case_id, 'reviewer', OLD.reviewer), NULL);
    END;
    CREATE TRIGGER audit_rectifications_insert AFTER INSERT ON rectifications BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'rectifications', 'insert', NEW.id, NULL, json_object('id', NEW.id, 'batch_id', NEW.batch_id, 'department', NEW.department, 'doc_no', NEW.doc_no, 'issued', NEW.issued, 'due', NEW.due, 'status', NEW.status, 'response_date', NEW.response_date, 'response_text', NEW.response_text, 'attachments', NEW.attachments, 'verifier', NEW.verifier, 'verified_at', NEW.verified_at, 'remark', NEW.remark));
    END;
    CREATE TRIGGER audit_rectifications_update AFTER UPDATE ON rectifications WHEN json_object('id', OLD.id, 'batch_id', OLD.batch_id, 'department', OLD.department, 'doc_no', OLD.doc_no, 'issued', OLD.issued, 'due', OLD.due, 'status', OLD.status, 'response_date', OLD.response_date, 'response_text', OLD.response_text, 'attachments', OLD.attachments, 'verifier', OLD.verifier, 'verified_at', OLD.verified_at, 'remark', OLD.remark) IS NOT json_object('id', NEW.id, 'batch_id', NEW.batch_id, 'department', NEW.department, 'doc_no', NEW.doc_no, 'issued', NEW.issued, 'due', NEW.due, 'status', NEW.status, 'response_date', NEW.response_date, 'response_text', NEW.response_text, 'attachments', NEW.attachments, 'verifier', NEW.verifier, 'verified_at', NEW.verified_at, 'remark', NEW.remark) BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'rectifications', 'update', NEW.id, json_object('id', OLD.id, 'batch_id', OLD.batch_id, 'department', OLD.department, 'doc_no', OLD.doc_no, 'issued', OLD.issued, 'due', OLD.due, 'status', OLD.status, 'response_date', OLD.response_date, 'response_text', OLD.response_text, 'attachments', OLD.attachments, 'verifier', OLD.verifier, 'verified_at', OLD.verified_at, 'remark', OLD.remark), json_object('id', NEW.id, 'batch_id', NEW.batch_id, 'department', NEW.department, 'doc_no', NEW.doc_no, 'issued', NEW.issued, 'due', NEW.due, 'status', NEW.status, 'response_date', NEW.response_date, 'response_text', NEW.response_text, 'attachments', NEW.attachments, 'verifier', NEW.verifier, 'verified_at', NEW.verified_at, 'remark', NEW.remark));
    END;
    CREATE TRIGGER audit_rectifications_delete AFTER DELETE ON rectifications BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'rectifications', 'delete', OLD.id, json_object('id', OLD.id, 'batch_id', OLD.batch_id, 'department', OLD.department, 'doc_no', OLD.doc_no, 'issued', OLD.issued, 'due', OLD.due, 'status', OLD.status, 'response_date', OLD.response_date, 'response_text', OLD.response_text, 'attachments', OLD.attachments, 'verifier', OLD.verifier, 'verified_at', OLD.verified_at, 'remark', OLD.remark), NULL);
    END;
    CREATE TRIGGER audit_draws_insert AFTER INSERT ON draws BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'draws', 'insert', NEW.id, NULL,
                json_object('batch_id', NEW.batch_id, 'algorithm', NEW.algorithm, 'seed', NEW.seed, 'params', NEW.params,
                            'pool', NEW.pool, 'drawn', NEW.drawn));
    END;
    "#,
    // v3: files listed in natural case-number order (〔2024〕7号 before
    // 〔2024〕15号) from an index: `sort_key` is `model::natural_key(case_no)`.
    r#"
    ALTER TABLE case_files ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';
    UPDATE case_files SET sort_key = pingcha_sort_key(case_no);
    CREATE INDEX case_files_sort ON case_files(department, sort_key);
    DROP INDEX case_files_department;
    "#,
    // Per-occurrence findings record their number of occurrences (处数); every
    // checklist source ever stored is kept (a replaced standard stays
    // readable), and storing or replacing a checklist is audited.
    r#"
    ALTER TABLE findings ADD COLUMN count INTEGER;
    CREATE TABLE checklist_history (
        seq        INTEGER PRIMARY KEY,
        id         TEXT NOT NULL,
        version    TEXT NOT NULL,
        name       TEXT NOT NULL,
        source     TEXT NOT NULL,
        stored_at  TEXT NOT NULL
    );
    INSERT INTO checklist_history (id, version, name, source, stored_at)
        SELECT id, version, name, source, loaded_at FROM checklists ORDER BY id;
    CREATE TRIGGER audit_checklists_insert AFTER INSERT ON checklists BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'checklists', 'insert', NEW.id, NULL,
                json_object('id', NEW.id, 'version', NEW.version, 'name', NEW.name, 'length', length(NEW.source)));
    END;
    CREATE TRIGGER audit_checklists_update AFTER UPDATE ON checklists BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'checklists', 'replace', NEW.id,
                json_object('id', OLD.id, 'version', OLD.version, 'name', OLD.name, 'length', length(OLD.source)),
                json_object('id', NEW.id, 'version', NEW.version, 'name', NEW.name, 'length', length(NEW.source)));
    END;
    "#,
    // The team's review (复核): a batch's leaders and whether a leader may
    // approve a file they reviewed; per file the overall remark (评查意见),
    // the leader's return remark, who submitted and who approved when; per
    // problem who must fix it (整改主体); and every review step, audited.
    // Tables of their own (IF NOT EXISTS), so the entry is self-contained.
    r#"
    CREATE TABLE IF NOT EXISTS batch_teams (
        batch_id             INTEGER PRIMARY KEY REFERENCES batches(id) ON DELETE CASCADE,
        leaders              TEXT NOT NULL DEFAULT '',
        allow_self_approval  INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS review_teams (
        batch_id       INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        case_id        INTEGER NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
        remark         TEXT,
        return_remark  TEXT,
        submitted_by   TEXT,
        approved_by    TEXT,
        approved_at    TEXT,
        PRIMARY KEY (batch_id, case_id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS finding_rectifiers (
        finding_id  TEXT PRIMARY KEY REFERENCES findings(id) ON DELETE CASCADE,
        rectifier   TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS review_steps (
        id               INTEGER PRIMARY KEY,
        batch_id         INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        case_id          INTEGER NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
        action           TEXT NOT NULL,
        actor            TEXT,
        remark           TEXT,
        override_reason  TEXT,
        status           TEXT NOT NULL,
        at               TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS review_steps_case ON review_steps(batch_id, case_id);
    CREATE TRIGGER IF NOT EXISTS audit_review_steps_insert AFTER INSERT ON review_steps BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'review_steps', 'insert', NEW.batch_id || '/' || NEW.case_id, NULL,
                json_object('id', NEW.id, 'action', NEW.action, 'actor', NEW.actor, 'remark', NEW.remark,
                            'override_reason', NEW.override_reason, 'status', NEW.status, 'at', NEW.at));
    END;
    CREATE TABLE IF NOT EXISTS settings (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    ) WITHOUT ROWID;
    "#,
    // Drafts of files being entered or corrected at the terminal (a
    // draft is not a case file: it is kept as typed, by slot), and changes
    // of a file's content on the audit trail with before and after.
    r#"
    CREATE TABLE IF NOT EXISTS drafts (
        slot        TEXT PRIMARY KEY,
        json        TEXT NOT NULL,
        updated_at  TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TRIGGER IF NOT EXISTS audit_case_files_update AFTER UPDATE OF json ON case_files WHEN OLD.json IS NOT NEW.json BEGIN
        INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'case_files', 'update', NEW.case_no, OLD.json, NEW.json);
    END;
    "#,
    // Reviewers' public keys (their packages are signed), and the audit
    // trail's own settings: the digest of the trigger declaration installed
    // and the keyed seal of the chain's head. The audit triggers themselves
    // are generated from `audit_decl` and installed after the migrations.
    r#"
    ALTER TABLE reviewers ADD COLUMN public_key TEXT;
    CREATE TABLE audit_meta (
        key    TEXT PRIMARY KEY,
        value  TEXT NOT NULL
    ) WITHOUT ROWID;
    "#,
    // A review records the version of its checklist it was scored by (a
    // `checklist_history.seq`), so a completed file keeps that version when
    // the standard is replaced.
    r#"
    ALTER TABLE reviews ADD COLUMN checklist_rev INTEGER;
    "#,
    // Files failed by a veto, flagged beside their cached score so the case
    // list can say 不合格·否决 (rewritten with the score).
    r#"
    CREATE TABLE IF NOT EXISTS review_flags (
        batch_id  INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        case_id   INTEGER NOT NULL REFERENCES case_files(id) ON DELETE CASCADE,
        vetoed    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (batch_id, case_id)
    ) WITHOUT ROWID;
    "#,
    // The register of issued documents: one 文号 per kind and year, never
    // twice; a re-issued document supersedes the earlier registration.
    r#"
    CREATE TABLE IF NOT EXISTS doc_register (
        id             INTEGER PRIMARY KEY,
        kind           TEXT NOT NULL,
        year           INTEGER NOT NULL,
        seq            INTEGER NOT NULL,
        doc_no         TEXT NOT NULL UNIQUE,
        batch_id       INTEGER NOT NULL REFERENCES batches(id) ON DELETE CASCADE,
        department     TEXT,
        issued_on      TEXT NOT NULL,
        superseded_by  INTEGER REFERENCES doc_register(id),
        created_at     TEXT NOT NULL,
        UNIQUE (kind, year, seq)
    );
    "#,
    // Packages already merged, by their signature (the same signed package
    // merged again changes nothing), and the audit record looked up by row
    // (a merge asks whether a finding was deleted here).
    r#"
    CREATE TABLE IF NOT EXISTS package_merges (
        signature  TEXT PRIMARY KEY,
        reviewer   TEXT NOT NULL,
        batch_id   INTEGER NOT NULL,
        merged_at  TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS audit_log_row ON audit_log(tbl, row_key);
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
    if current == latest() {
        return Ok(());
    }
    let objects: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
        [],
        |r| r.get(0),
    )?;
    // All pending migrations in one transaction: a failing one leaves the
    // database exactly as it was.
    let tx = conn.transaction()?;
    let run = (|| -> rusqlite::Result<()> {
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        Ok(())
    })();
    match run {
        Ok(()) => Ok(tx.commit()?),
        // A database with tables whose recorded version does not fit them.
        Err(rusqlite::Error::SqliteFailure(f, _))
            if objects > 0 && f.code == rusqlite::ErrorCode::Unknown =>
        {
            Err(StoreError::SchemaMismatch {
                path: path.to_path_buf(),
                found: current,
            })
        }
        Err(rusqlite::Error::SqlInputError { .. }) if objects > 0 => {
            Err(StoreError::SchemaMismatch {
                path: path.to_path_buf(),
                found: current,
            })
        }
        Err(e) => Err(e.into()),
    }
}

/// Creates a database at an old schema `version` (the first `version`
/// migrations only), so tests can check the upgrade from it.
#[doc(hidden)]
pub fn create_at_version(path: &Path, version: usize) -> Result<()> {
    let mut conn = Connection::open(path)?;
    for (i, m) in MIGRATIONS.iter().take(version).enumerate() {
        let tx = conn.transaction()?;
        tx.execute_batch(m)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use sha2::{Digest, Sha256};

    /// The SHA-256 (first 16 hex digits) of every shipped migration, in
    /// order. A shipped migration is never edited: change the schema by
    /// appending one, then pin its hash here when it ships.
    const SHIPPED: &[&str] = &[
        "3a46d48a43aaf873",
        "25aa7cff13b68373",
        "91cab0de9f77714b",
        "0e0d2a4afbe1341f",
        "278259c539f60426",
        "5678d46f3d67613e",
        "e99ec46e021068c6",
        "88ad0c511e131b7e",
        "a39c4a98df036f22",
        "6a0641275152ef72",
    ];

    fn hash(sql: &str) -> String {
        Sha256::digest(sql.as_bytes())
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    #[test]
    fn no_shipped_migration_is_edited() {
        for (i, want) in SHIPPED.iter().enumerate() {
            let sql = super::MIGRATIONS
                .get(i)
                .unwrap_or_else(|| panic!("migration {} has shipped and cannot be removed", i + 1));
            assert_eq!(
                hash(sql),
                *want,
                "migration {} has shipped and must not be edited; append a new one instead",
                i + 1
            );
        }
    }
}
