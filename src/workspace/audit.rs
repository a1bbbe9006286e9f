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

#[cfg(test)]
mod tests {
    use super::*;

    /// A log longer than one page of verify's reading: a gap that spans the
    /// page boundary and an unsealed row far past it are both named.
    #[test]
    fn verify_finds_tampering_past_the_first_page_of_the_log() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        {
            let mut ws = Workspace::open(&path).unwrap();
            let cases: Vec<_> = crate::demo::generate_bulk(7, 2_600).collect();
            ws.import_cases(&cases, true).unwrap();
            let rep = ws.verify_audit(None).unwrap();
            assert!(rep.problems.is_empty(), "{:?}", &rep.problems[..1]);
            assert!(rep.rows > 4_200, "rows: {}", rep.rows);
        }
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TRIGGER audit_log_no_delete;
             DELETE FROM audit_log WHERE seq BETWEEN 2040 AND 2060;
             UPDATE audit_log SET hash = NULL WHERE seq = 4100;",
        )
        .unwrap();
        drop(c);
        let ws = Workspace::open(&path).unwrap();
        let rep = ws.verify_audit(None).unwrap();
        let said = |s: &str| rep.problems.iter().any(|p| p.what.contains(s));
        assert!(said("审计记录第 2040–2060 条缺失"), "{:?}", rep.problems);
        assert!(
            rep.problems
                .iter()
                .any(|p| p.seq == Some(4100) && p.what.contains("没有封存哈希")),
            "{:?}",
            rep.problems
        );
        assert!(
            said("触发器 audit_log_no_delete 被删除"),
            "{:?}",
            rep.problems
        );
    }
}
