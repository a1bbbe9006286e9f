//! calendar (work in progress).
