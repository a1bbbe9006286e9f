//! report (work in progress).
