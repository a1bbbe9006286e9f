//! Review checklists (评查标准): the format, parsing, validation and the
//! applies-when conditions. Pure except [`load_dir`], which reads files.
//!
//! The format is documented in `checklists/README.md`.

mod builtin;
mod error;
mod parse;
mod rule_text;
pub mod table;
mod types;

pub use builtin::{BUILTIN_FILES, builtin, try_builtin};
pub use error::{ChecklistError, Problem};
pub use parse::parse;
pub use types::*;

use crate::model::CaseKind;
use std::path::Path;

/// Loads every `*.toml` file of a directory (not recursive), sorted by file
/// name, and checks them as a set: checklist ids unique, at most one general
/// checklist per case kind.
pub fn load_dir(path: impl AsRef<Path>) -> Result<Vec<Checklist>, ChecklistError> {
    let path = path.as_ref();
    let io = |p: &Path, source| ChecklistError::Io {
        path: p.display().to_string(),
        source,
    };
    let mut files: Vec<_> = std::fs::read_dir(path)
        .map_err(|e| io(path, e))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| io(path, e))?
        .into_iter()
        .map(|entry| entry.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut named = Vec::with_capacity(files.len());
    for file in &files {
        let text = crate::textfile::read_small(file).map_err(|e| io(file, e))?;
        let name = file.display().to_string();
        named.push((name.clone(), parse(&text, &name)?));
    }
    check_set(&named)?;
    Ok(named.into_iter().map(|(_, c)| c).collect())
}

/// Checks checklists loaded together: ids unique, one general checklist per kind.
pub fn check_set(named: &[(String, Checklist)]) -> Result<(), ChecklistError> {
    for (i, (file, c)) in named.iter().enumerate() {
        for (other_file, other) in &named[..i] {
            if other.id == c.id {
                let problem = Problem::DuplicateChecklistId {
                    id: c.id.clone(),
                    other: other_file.clone(),
                };
                return Err(ChecklistError::Conflict {
                    file: file.clone(),
                    problem,
                });
            }
            if c.role == ChecklistRole::General
                && let Some(kind) = c.kinds.iter().find(|k| other.grades(**k))
            {
                let problem = Problem::DuplicateGeneral {
                    kind: kind.to_string(),
                    other: other_file.clone(),
                };
                return Err(ChecklistError::Conflict {
                    file: file.clone(),
                    problem,
                });
            }
        }
    }
    Ok(())
}

/// The general checklist (role = general) that grades files of `kind`.
pub fn general_for(checklists: &[Checklist], kind: CaseKind) -> Option<&Checklist> {
    checklists.iter().find(|c| c.grades(kind))
}
