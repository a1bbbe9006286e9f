//! The demo database: generated files, checked, part-reviewed.

use super::{NewFinding, Workspace};
use crate::demo::{self, DemoSpec};
use crate::error::{Error, Result};
use crate::model::FindingStatus;
use std::path::Path;

impl Workspace {
    /// Builds a fresh demo database at `path` (replacing any file there):
    /// 8 departments × 30 files, the automatic checks run, and about 40% of
    /// the files reviewed by the demo panel.
    pub fn build_demo(path: &Path, seed: u64) -> Result<Workspace> {
        for suffix in ["", "-wal", "-shm"] {
            let p = format!("{}{suffix}", path.display());
            match std::fs::remove_file(&p) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(Error::Io {
                        path: p.into(),
                        source,
                    });
                }
            }
        }
        let mut ws = Workspace::open(path)?;
        ws.edit_batch(
            Some("2024年度行政执法案卷评查"),
            Some("年度"),
            chrono::NaiveDate::from_ymd_opt(2024, 1, 1),
            chrono::NaiveDate::from_ymd_opt(2024, 12, 31),
        )?;
        let generated = demo::generate(seed, &DemoSpec::default());
        let cases: Vec<_> = generated.iter().map(|g| g.case.clone()).collect();
        ws.import_cases(&cases, true)?;
        for plan in demo::review_plan(seed, &generated) {
            let reviewer = Some(plan.reviewer.as_str());
            if plan.confirm_auto {
                let view = ws.case_view(&plan.case_no)?;
                for f in view
                    .findings
                    .iter()
                    .filter(|f| f.status == FindingStatus::Suggested)
                {
                    if f.deduction == 0.0 && f.rule.as_deref() == Some("criminal_referral") {
                        ws.dismiss(&f.id, reviewer)?;
                    } else {
                        ws.confirm(&f.id, reviewer)?;
                    }
                }
            }
            for f in &plan.findings {
                // An item that does not apply to this file is skipped, as a reviewer would.
                let _ = ws.add_finding(NewFinding {
                    case_no: plan.case_no.clone(),
                    item: f.item.clone(),
                    deduction: Some(f.deduction),
                    note: f.note.clone(),
                    page: f.page.clone(),
                    reviewer: Some(plan.reviewer.clone()),
                    ..NewFinding::default()
                });
            }
            if plan.complete {
                ws.complete(&plan.case_no, false, reviewer)?;
            }
        }
        Ok(ws)
    }
}
