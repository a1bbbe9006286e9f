use crate::error::Error;
use std::path::Path;

/// Builds a fresh demo database and (on a terminal) opens the TUI on it.
pub fn run(path: &Path, seed: u64, no_tui: bool) -> Result<(), Error> {
    let ws = crate::workspace::Workspace::build_demo(path, seed)?;
    let s = ws.summary()?;
    eprintln!(
        "演示数据库已生成：{}（{} 件案卷，{} 件已完成评查）",
        path.display(),
        s.files,
        s.reviewed
    );
    use std::io::IsTerminal;
    if no_tui || !std::io::stdout().is_terminal() {
        return Ok(());
    }
    crate::tui::run(ws)
}
