//! rules (work in progress).
