//! pingcha — 行政执法案卷评查 (administrative-enforcement case-file review).
//!
//! A pure core (`model`, `checklist`, `calendar`, `rules`, `scoring`) does no
//! I/O; adapters around it (`store`, `import`, `report`, `tui`, `cli`) read and
//! write. Data flows one way: import → store → review → score → report.

// Pure core.
pub mod calendar;
pub mod checklist;
pub mod entry;
pub mod model;
pub mod rules;
pub mod scoring;

// Adapters.
pub mod batch;
pub mod cli;
pub mod demo;
pub mod error;
pub mod import;
pub mod keys;
pub mod report;
pub mod store;
pub mod textfile;
pub mod tui;
pub mod workspace;
