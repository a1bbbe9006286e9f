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
