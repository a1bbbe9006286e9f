//! TEMPORARY stub until the demo branch lands.
use crate::error::Result;
use crate::workspace::Workspace;
use std::path::Path;

pub fn build_database(path: &Path, _seed: u64) -> Result<Workspace> {
    let _ = std::fs::remove_file(path);
    Workspace::open(path)
}
