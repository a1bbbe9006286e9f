//! What the audit trail records: one declaration per audited table, from
//! which both the triggers that write the audit rows and the verifier's
//! image of each live row are generated. Adding an audited column is one
//! line here; a database opened by a build whose declaration differs gets
//! the regenerated triggers, and the audit log records that it did.

use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};

/// One audited table: the columns that form the audit row's key (joined by
/// `/`) and the columns whose values the audit row's image holds.
pub(crate) struct Audited {
    pub table: &'static str,
    pub key: &'static [&'static str],
    pub columns: &'static [&'static str],
    /// A column whose value is itself the image of updates and deletes (a
    /// file's whole JSON, so the trail shows its content before and after);
    /// inserts still record `columns`.
    pub whole: Option<&'static str>,
}

/// Every audited table. To audit a new column, add its name to its table's
/// `columns` (older audit rows simply lack it; the verifier compares the
/// columns each row recorded).
pub(crate) const AUDITED: &[Audited] = &[
    Audited {
        table: "findings",
        key: &["id"],
        columns: &[
            "id",
            "batch_id",
            "case_id",
            "item",
            "deduction",
            "note",
            "page",
            "reviewer",
            "status",
            "source",
            "rule",
            "updated_at",
            "count",
        ],
        whole: None,
    },
    Audited {
        table: "reviews",
        key: &["batch_id", "case_id"],
        columns: &[
            "batch_id",
            "case_id",
            "status",
            "reviewer",
            "checklist_id",
            "score",
            "grade",
            "completed_at",
        ],
        whole: None,
    },
    Audited {
        table: "item_marks",
        key: &["batch_id", "case_id", "item"],
        columns: &[
            "batch_id",
            "case_id",
            "item",
            "mark",
            "reviewer",
            "updated_at",
        ],
        whole: None,
    },
    Audited {
        table: "assignments",
        key: &["batch_id", "case_id", "reviewer"],
        columns: &["batch_id", "case_id", "reviewer"],
        whole: None,
    },
    Audited {
        table: "rectifications",
        key: &["id"],
        columns: &[
            "id",
            "batch_id",
            "department",
            "doc_no",
            "issued",
            "due",
            "status",
            "response_date",
            "response_text",
            "attachments",
            "verifier",
            "verified_at",
            "remark",
        ],
        whole: None,
    },
    Audited {
        table: "draws",
        key: &["id"],
        columns: &["batch_id", "algorithm", "seed", "params", "pool", "drawn"],
        whole: None,
    },
    Audited {
        table: "case_files",
        key: &["case_no"],
        columns: &["case_no", "department", "kind", "content_hash"],
        whole: Some("json"),
    },
    Audited {
        table: "checklists",
        key: &["id"],
        columns: &["id", "version", "name", "source"],
        whole: None,
    },
    Audited {
        table: "reviewers",
        key: &["name"],
        columns: &["name", "department", "expertise", "public_key"],
        whole: None,
    },
];

/// The two triggers that keep the log append-only.
pub(crate) const APPEND_ONLY: &[(&str, &str)] = &[
    (
        "audit_log_no_update",
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE OF seq, at, actor, tbl, op, row_key, before, after ON audit_log\n    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    ),
    (
        "audit_log_no_delete",
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log\n    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    ),
];

impl Audited {
    /// `json_object('c', P.c, …)` over the row `P` (`NEW`, `OLD` or an alias).
    pub fn image(&self, p: &str) -> String {
        let cols: Vec<String> = self
            .columns
            .iter()
            .map(|c| format!("'{c}', {p}.{c}"))
            .collect();
        format!("json_object({})", cols.join(", "))
    }

    /// The audit row key over the row `P`.
    pub fn row_key(&self, p: &str) -> String {
        let parts: Vec<String> = self.key.iter().map(|c| format!("{p}.{c}")).collect();
        parts.join(" || '/' || ")
    }

    /// The image of updates and deletes over the row `P`.
    pub fn change_image(&self, p: &str) -> String {
        match self.whole {
            Some(c) => format!("{p}.{c}"),
            None => self.image(p),
        }
    }

    /// (trigger name, its `CREATE TRIGGER` statement) for insert, update, delete.
    pub fn triggers(&self) -> Vec<(String, String)> {
        let t = self.table;
        let ins = |op: &str, key: String, before: String, after: String| {
            format!(
                "INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)\n        VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), '{t}', '{op}', {key}, {before}, {after});"
            )
        };
        vec![
            (
                format!("audit_{t}_insert"),
                format!(
                    "CREATE TRIGGER audit_{t}_insert AFTER INSERT ON {t} BEGIN\n        {}\n    END",
                    ins(
                        "insert",
                        self.row_key("NEW"),
                        "NULL".into(),
                        self.image("NEW")
                    )
                ),
            ),
            (
                format!("audit_{t}_update"),
                format!(
                    "CREATE TRIGGER audit_{t}_update AFTER UPDATE ON {t} WHEN {} IS NOT {} BEGIN\n        {}\n    END",
                    self.change_image("OLD"),
                    self.change_image("NEW"),
                    ins(
                        "update",
                        self.row_key("NEW"),
                        self.change_image("OLD"),
                        self.change_image("NEW")
                    )
                ),
            ),
            (
                format!("audit_{t}_delete"),
                format!(
                    "CREATE TRIGGER audit_{t}_delete AFTER DELETE ON {t} BEGIN\n        {}\n    END",
                    ins(
                        "delete",
                        self.row_key("OLD"),
                        self.change_image("OLD"),
                        "NULL".into()
                    )
                ),
            ),
        ]
    }
}

/// Every trigger the audit trail depends on, with its exact statement.
pub(crate) fn all_triggers() -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = APPEND_ONLY
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    for a in AUDITED {
        v.extend(a.triggers());
    }
    v
}

/// A digest of the declaration, stored when the triggers are installed.
pub(crate) fn declaration_hash() -> String {
    let mut h = Sha256::new();
    for (_, sql) in all_triggers() {
        h.update(sql.as_bytes());
        h.update([0]);
    }
    h.finalize()
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether the triggers installed in this database come from another
/// declaration (or none).
pub(crate) fn needs_install(c: &Connection) -> rusqlite::Result<bool> {
    let stored: Option<String> = c
        .query_row(
            "SELECT value FROM audit_meta WHERE key = 'triggers'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(stored.as_deref() != Some(declaration_hash().as_str()))
}

/// Replaces every audit trigger with the declared one and records it, with
/// the declaration's digest, as an audit row (inside the caller's
/// transaction).
pub(crate) fn install(c: &Connection) -> rusqlite::Result<()> {
    for (name, sql) in all_triggers() {
        c.execute_batch(&format!("DROP TRIGGER IF EXISTS \"{name}\""))?;
        c.execute_batch(&sql)?;
    }
    let digest = declaration_hash();
    c.execute(
        "INSERT INTO audit_meta (key, value) VALUES ('triggers', ?1)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [&digest],
    )?;
    c.execute(
        "INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
         VALUES (strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), 'audit', 'triggers', 'triggers', NULL,
                 json_object('declaration', ?1))",
        [&digest],
    )?;
    // Rows that no audit row describes yet (tables audited from this
    // declaration on) get their first image now, so that later changes are
    // compared with it.
    for a in AUDITED {
        let t = a.table;
        c.execute_batch(&format!(
            "INSERT INTO audit_log (at, actor, tbl, op, row_key, before, after)
             SELECT strftime('%Y-%m-%dT%H:%M:%fZ','now'), pingcha_actor(), '{t}', 'baseline', {key}, NULL, {img}
             FROM {t} AS r WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.tbl = '{t}' AND a.row_key = {key})",
            key = a.row_key("r"),
            img = a.image("r"),
        ))?;
    }
    Ok(())
}
