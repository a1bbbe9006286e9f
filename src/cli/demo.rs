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

/// Opens the demo database already there, with the review work in it.
pub fn reopen(path: &Path, no_tui: bool) -> Result<(), Error> {
    let ws = crate::workspace::Workspace::open(path)?;
    let s = ws.summary()?;
    eprintln!(
        "打开已有的演示数据库：{}（{} 件案卷，{} 件已完成评查）；要重新生成请加 --fresh（原数据库会保留为备份）",
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

/// Renames the demo database to `<name>.<YYYYmmdd-HHMMSS>.bak` (its WAL
/// checkpointed first, so the backup is whole).
pub fn back_up(path: &Path) -> Result<(), Error> {
    drop(crate::workspace::Workspace::open(path)?);
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let backup = path.with_file_name(format!(
        "{}.{stamp}.bak",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    std::fs::rename(path, &backup).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    eprintln!("原演示数据库已保留为 {}", backup.display());
    Ok(())
}
