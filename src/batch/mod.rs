//! Review batches: the reproducible random draw (`sample`) and reviewer
//! assignment with recusal (`assign`). Pure: given data, returns data.

pub mod assign;
pub mod sample;
