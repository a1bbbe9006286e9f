//! The domain model: plain data, serde, no I/O.
//!
//! One concept, one name: each type's doc gives its Chinese term (案卷,
//! 评查标准, 问题 …), the word the UI and the documents use for it.

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
pub use names::{control_char, name_key, normalise_name, same_name};
pub use order::{natural, natural_key};
