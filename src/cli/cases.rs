use super::output;
use crate::error::Error;
use crate::workspace::Workspace;

pub fn run(ws: &Workspace, json: bool, department: Option<&str>) -> Result<(), Error> {
    let rows = ws.store().db().case_rows(ws.batch(), department)?;
    if json {
        return output::json(&rows);
    }
    if rows.is_empty() {
        println!(
            "没有案卷。用 `pingcha import 文件或文件夹` 导入，或 `pingcha demo` 生成演示数据。"
        );
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
    println!("共 {} 件", rows.len());
    Ok(())
}

/// A file nobody has started on has no score to show yet (the JSON output
/// keeps the provisional figure).
fn started(r: &crate::store::CaseRow) -> bool {
    r.status != crate::model::ReviewStatus::NotStarted
}
