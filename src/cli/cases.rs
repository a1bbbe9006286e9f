use super::output;
use super::output::say;
use crate::error::Error;
use crate::model::{CaseKind, Grade, ReviewStatus};
use crate::workspace::CaseRow;
use crate::workspace::Workspace;
use serde::Serialize;

/// One element of `cases --json`: the command line's public contract, kept
/// apart from the store's row so that a schema change cannot silently
/// change it.
#[derive(Debug, Serialize)]
pub struct CaseJson<'a> {
    pub case_no: &'a str,
    pub department: &'a str,
    pub kind: CaseKind,
    pub title: Option<&'a str>,
    pub party: Option<&'a str>,
    pub status: ReviewStatus,
    pub reviewer: Option<&'a str>,
    pub score: Option<f64>,
    pub grade: Option<Grade>,
    /// Confirmed findings.
    pub findings: i64,
    /// Suggestions waiting for a reviewer.
    pub suggested: i64,
}

impl<'a> From<&'a CaseRow> for CaseJson<'a> {
    fn from(r: &'a CaseRow) -> Self {
        CaseJson {
            case_no: &r.case_no,
            department: &r.department,
            kind: r.kind,
            title: r.title.as_deref(),
            party: r.party.as_deref(),
            status: r.status,
            reviewer: r.reviewer.as_deref(),
            score: r.score,
            grade: r.grade,
            findings: r.findings,
            suggested: r.suggested,
        }
    }
}

pub fn run(ws: &Workspace, json: bool, department: Option<&str>) -> Result<(), Error> {
    let rows = ws.case_rows(department)?;
    if json {
        let out: Vec<CaseJson> = rows.iter().map(CaseJson::from).collect();
        return output::json(&out);
    }
    if rows.is_empty() {
        say!("没有案卷。用 `pingcha import 文件或文件夹` 导入，或 `pingcha demo` 生成演示数据。");
        return Ok(());
    }
    let table: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.case_no.clone(),
                r.department.clone(),
                r.kind.to_string(),
                r.status.to_string(),
                r.score
                    .filter(|_| started(r))
                    .map(output::score)
                    .unwrap_or_else(|| "—".into()),
                r.grade
                    .filter(|_| started(r))
                    .map(|g| g.to_string())
                    .unwrap_or_else(|| "—".into()),
                r.findings.to_string(),
                if r.suggested > 0 {
                    r.suggested.to_string()
                } else {
                    String::new()
                },
            ]
        })
        .collect();
    output::table(
        &[
            "案号",
            "部门",
            "类型",
            "状态",
            "得分",
            "等次",
            "问题",
            "待确认",
        ],
        &table,
    );
    say!("共 {} 件", rows.len());
    Ok(())
}

/// A file nobody has started on has no score to show yet (the JSON output
/// keeps the provisional figure).
fn started(r: &CaseRow) -> bool {
    r.status != crate::model::ReviewStatus::NotStarted
}
