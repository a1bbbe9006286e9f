//! The demo database: generated files, checked, part-reviewed.

use super::Workspace;
use crate::error::{Error, Result};
use std::path::Path;

impl Workspace {
    /// Builds a fresh demo database at `path` (replacing any file there).
    pub fn build_demo(path: &Path, _seed: u64) -> Result<Workspace> {
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
        Workspace::open(path)
    }
}
