//! The spreadsheet reader is a third-party parser fed hostile bytes: the
//! guard refuses what it can recognise before, and this runs the reader so
//! that a panic left inside it becomes a refusal, printed by nobody.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Runs `read`; a panic inside it is returned as `None` and not printed.
pub(crate) fn contained<T>(read: impl FnOnce() -> T) -> Option<T> {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let out = panic::catch_unwind(AssertUnwindSafe(read));
    QUIET.with(|q| q.set(false));
    out.ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_is_none_and_later_panics_still_unwind() {
        assert_eq!(contained(|| 3), Some(3));
        let v: Vec<u8> = Vec::new();
        assert_eq!(contained(|| v[std::hint::black_box(7)]), None);
        assert!(panic::catch_unwind(|| panic!("outside")).is_err());
    }
}
