//! The checklists shipped in `checklists/`, embedded in the binary.

use super::{Checklist, ChecklistError, check_set, parse};

/// `(file name, text)` of every shipped checklist, sorted by file name.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    (
        "checklists/cf.toml",
        include_str!("../../checklists/cf.toml"),
    ),
    (
        "checklists/gs.toml",
        include_str!("../../checklists/gs.toml"),
    ),
    (
        "checklists/jl.toml",
        include_str!("../../checklists/jl.toml"),
    ),
    (
        "checklists/qz.toml",
        include_str!("../../checklists/qz.toml"),
    ),
    (
        "checklists/sh.toml",
        include_str!("../../checklists/sh.toml"),
    ),
    (
        "checklists/ty.toml",
        include_str!("../../checklists/ty.toml"),
    ),
    (
        "checklists/xk.toml",
        include_str!("../../checklists/xk.toml"),
    ),
];

/// The shipped checklists, parsed and checked as a set; the first error if
/// one does not load.
pub fn try_builtin() -> Result<Vec<Checklist>, ChecklistError> {
    let mut named = Vec::with_capacity(BUILTIN_FILES.len());
    for (name, text) in BUILTIN_FILES {
        named.push((name.to_string(), parse(text, name)?));
    }
    check_set(&named)?;
    Ok(named.into_iter().map(|(_, c)| c).collect())
}

/// The shipped checklists, parsed. They are checked by the test suite
/// (`tests/checklists.rs`, via [`try_builtin`]); a file that failed to parse
/// would be left out rather than panic.
pub fn builtin() -> Vec<Checklist> {
    let named: Vec<(String, Checklist)> = BUILTIN_FILES
        .iter()
        .filter_map(|(name, text)| parse(text, name).ok().map(|c| (name.to_string(), c)))
        .collect();
    named.into_iter().map(|(_, c)| c).collect()
}
