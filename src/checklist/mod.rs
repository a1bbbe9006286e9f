//! Review checklists (评查标准): the format, parsing, validation and the
//! applies-when conditions. Pure: given TOML text, returns data.
//!
//! The format is documented in `checklists/README.md`.

mod types;

pub use types::*;
