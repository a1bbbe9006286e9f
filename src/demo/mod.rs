//! demo (work in progress).
