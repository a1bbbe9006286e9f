//! Review checklists (评查标准): the format, parsing, validation and the
//! applies-when conditions. Pure: given TOML text, returns data.
//!
//! The format is documented in `checklists/README.md`.

mod types;

pub use types::*;

// TEMPORARY stubs until the checklist branch lands.
use crate::model::CaseKind;
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ChecklistError(pub String);
pub fn builtin() -> Vec<Checklist> {
    Vec::new()
}
pub fn parse(_text: &str, file_name: &str) -> Result<Checklist, ChecklistError> {
    Err(ChecklistError(file_name.to_string()))
}
pub fn general_for(checklists: &[Checklist], kind: CaseKind) -> Option<&Checklist> {
    checklists
        .iter()
        .find(|c| c.role == ChecklistRole::General && c.kinds.contains(&kind))
}
/// The shipped checklists as (file name, TOML source).
pub fn builtin_sources() -> &'static [(&'static str, &'static str)] {
    &[]
}
