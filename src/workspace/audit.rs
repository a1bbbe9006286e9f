//! The audit trail as the front ends see it.

use super::Workspace;
use crate::error::Result;
use crate::store::{AuditEntry, AuditReport};

impl Workspace {
    /// Verifies the audit trail (see `Db::verify_audit`); `anchor` is a head
    /// hash printed on an issued document.
    pub fn verify_audit(&self, anchor: Option<&str>) -> Result<AuditReport> {
        Ok(self
            .store
            .db()
            .verify_audit(self.store.audit_key(), anchor)?)
    }

    /// The hash of the last audit row: what issued documents print.
    pub fn audit_head(&self) -> Result<Option<String>> {
        Ok(self.store.db().audit_head()?)
    }

    /// The audit rows of one file, newest last.
    pub fn audit_log_case(&self, case_no: &str, limit: usize) -> Result<Vec<AuditEntry>> {
        Ok(self.store.db().audit_log_case(case_no, limit)?)
    }

    pub fn audit_log(&self, key: Option<&str>, limit: usize) -> Result<Vec<AuditEntry>> {
        Ok(self.store.db().audit_log(key, limit)?)
    }
}

/// The tampering report for a database lacking one of pingcha's tables
/// (dropped outside pingcha), which cannot be opened as a workspace; `None`
/// when no table is missing.
pub fn dropped_tables(path: &std::path::Path) -> Option<AuditReport> {
    let dropped = crate::store::missing_tables(path);
    if dropped.is_empty() {
        return None;
    }
    Some(AuditReport {
        rows: 0,
        head: None,
        problems: dropped
            .iter()
            .map(|t| crate::store::AuditProblem {
                seq: None,
                what: format!("数据表 {t} 被删除（数据库在 pingcha 之外被改动）；请从备份恢复"),
            })
            .collect(),
    })
}
