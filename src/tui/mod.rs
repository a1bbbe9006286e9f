//! The reviewer's terminal (work in progress).
use crate::error::{Error, Result};
use crate::workspace::Workspace;

pub fn run(_ws: Workspace) -> Result<()> {
    Err(Error::Other(
        "终端界面尚在开发中；请使用命令行（pingcha --help）".into(),
    ))
}
