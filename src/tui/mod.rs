//! tui (work in progress).
