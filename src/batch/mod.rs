//! batch (work in progress).
