use super::output;
use super::output::say;
use crate::error::Error;
use crate::workspace::Workspace;
use clap::Subcommand;
use serde_json::json;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum ChecklistAction {
    /// 加入或替换评查标准（TOML 文件，格式见 checklists/README.md）
    Import { files: Vec<PathBuf> },
}

pub fn run(
    ws: &mut Workspace,
    as_json: bool,
    action: Option<ChecklistAction>,
) -> Result<(), Error> {
    if let Some(ChecklistAction::Import { files }) = action {
        for f in files {
            let text = std::fs::read_to_string(&f).map_err(|source| Error::Io {
                path: f.clone(),
                source,
            })?;
            let c = ws.add_checklist(&text, &f.display().to_string())?;
            say!(
                "已加入评查标准 {}（{}，{} 项）",
                c.id,
                c.name,
                c.items.len()
            );
        }
        return Ok(());
    }
    if as_json {
        let v: Vec<_> = ws
            .checklists()
            .iter()
            .map(|c| {
                json!({
                    "id": c.id, "name": c.name, "version": c.version, "source": c.source,
                    "role": c.role, "kinds": c.kinds, "total": c.total, "thresholds": c.thresholds,
                    "categories": c.categories,
                    "items": c.items.iter().map(|i| json!({
                        "id": i.id, "category": i.category, "text": i.text, "points": i.points,
                        "veto": i.veto, "basis": i.basis, "source": i.source, "applies_when": i.applies_when,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        return output::json(&v);
    }
    let rows: Vec<Vec<String>> = ws
        .checklists()
        .iter()
        .map(|c| {
            let kinds: Vec<_> = c.kinds.iter().map(|k| k.label()).collect();
            vec![
                c.id.clone(),
                c.name.clone(),
                c.version.clone(),
                c.items.len().to_string(),
                output::score(c.total),
                kinds.join("、"),
            ]
        })
        .collect();
    output::table(
        &["编号", "名称", "版本", "项目数", "总分", "适用类型"],
        &rows,
    );
    Ok(())
}
