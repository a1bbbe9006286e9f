//! TEMPORARY stub until the import branch lands.
use crate::model::CaseFile;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq)]
pub enum Locator {
    Whole,
    Record(usize),
    Line(usize),
    Row(usize),
}
#[derive(Debug, Clone)]
pub struct Origin {
    pub file: PathBuf,
    pub locator: Locator,
}
#[derive(Debug, Clone)]
pub struct ImportIssue {
    pub file: PathBuf,
    pub locator: Locator,
    pub case_no: Option<String>,
    pub field: Option<String>,
    pub message: String,
}
impl std::fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.file.display(), self.message)
    }
}
#[derive(Debug, Default)]
pub struct Loaded {
    pub cases: Vec<(CaseFile, Origin)>,
    pub warnings: Vec<ImportIssue>,
}
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("导入失败")]
    Invalid(Vec<ImportIssue>),
    #[error("无法读取 {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}
pub fn load_paths(paths: &[PathBuf]) -> Result<Loaded, ImportError> {
    let mut out = Loaded::default();
    for p in paths {
        let text = std::fs::read_to_string(p).map_err(|source| ImportError::Io {
            path: p.clone(),
            source,
        })?;
        for (i, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
        {
            let c: CaseFile = serde_json::from_str(line).map_err(|e| {
                ImportError::Invalid(vec![ImportIssue {
                    file: p.clone(),
                    locator: Locator::Line(i + 1),
                    case_no: None,
                    field: None,
                    message: e.to_string(),
                }])
            })?;
            out.cases.push((
                c,
                Origin {
                    file: p.to_path_buf(),
                    locator: Locator::Line(i + 1),
                },
            ));
        }
    }
    let _ = Path::new("");
    Ok(out)
}
