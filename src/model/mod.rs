//! The domain model: plain data, serde, no I/O.
//!
//! Names follow `../shared/domain/glossary.md`: one concept, one name.

mod case_file;
pub mod date;
mod enums;
mod finding;
mod names;
mod order;
pub mod workflow;

pub use case_file::*;
pub use enums::*;
pub use finding::*;
pub use names::{name_key, normalise_name, same_name};
pub use order::{natural, natural_key};
