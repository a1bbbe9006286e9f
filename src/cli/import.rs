use super::output::say;
use crate::error::Error;
use crate::workspace::Workspace;
use std::path::PathBuf;

pub fn run(ws: &mut Workspace, paths: &[PathBuf], checks: bool) -> Result<(), Error> {
    if let Some(p) = ws.profile_problem().filter(|_| checks) {
        eprintln!("警告：{}", super::output::safe_lines(p));
    }
    let r = ws.import_paths_checked(paths, checks)?;
    for w in &r.warnings {
        eprintln!("警告：{}", super::output::safe_lines(&w.to_string()));
    }
    say!(
        "导入完成：新增 {}，更新 {}，未变 {}",
        r.inserted,
        r.updated,
        r.unchanged
    );
    if checks && (r.checks.added + r.checks.reopened) > 0 {
        say!(
            "自动程序检查：新增建议问题 {}（使用配置：{}）；用 `pingcha finding list` 查看",
            r.checks.added + r.checks.reopened,
            ws.profile().name
        );
    }
    Ok(())
}
