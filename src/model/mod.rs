//! The domain model: plain data, serde, no I/O.
//!
//! Names follow `../shared/domain/glossary.md`: one concept, one name.

mod case_file;
mod enums;
mod finding;
mod order;
pub mod workflow;

pub use case_file::*;
pub use enums::*;
pub use finding::*;
pub use order::{natural, natural_key};
