//! 新建案卷 / 修改案卷: the entry form for a paper dossier or a stored
//! file's correction. Its state ([`state`]), the update step of its keys
//! ([`update`]) and its drawing ([`view`]); the draft, the dates, stage
//! completion and validation are the library's (`crate::entry`).

pub mod state;
pub mod update;
pub mod view;

pub use state::{Ask, Cell, EntryState};
