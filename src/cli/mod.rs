//! cli (work in progress).
