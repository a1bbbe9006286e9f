//! Entering a paper dossier (纸质案卷) or correcting a stored file: the
//! dates a clerk types, stage completion, the form's fields and the draft
//! that becomes a [`crate::model::CaseFile`] only through the importer's
//! validation. No I/O: the workspace stores drafts, the TUI and the command
//! line drive them.

pub mod date;
pub mod diff;
pub mod draft;
pub mod schema;
pub mod sheet;
pub mod stage;

pub use date::parse_date;
pub use draft::{Draft, Placed, apply_set};
