//! The layers point one way: the front ends (`cli`, `tui`) reach the
//! database only through the workspace, and the documents (`report`) never
//! import the workspace. Read from the source, so a new shortcut fails here.

use std::path::Path;

fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
}

fn offenders(dirs: &[&str], forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for d in dirs {
        sources(&root.join(d), &mut files);
    }
    let mut found = Vec::new();
    for (path, text) in files {
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for f in forbidden {
                if code.contains(f) {
                    found.push(format!("{path}:{}: {}", n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn no_front_end_touches_the_store() {
    let found = offenders(
        &["src/cli", "src/tui"],
        &["crate::store", ".store()", ".store_mut()", "rusqlite"],
    );
    assert!(
        found.is_empty(),
        "front ends reaching the store:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_documents_never_import_the_workspace() {
    let found = offenders(&["src/report"], &["crate::workspace", "rusqlite"]);
    assert!(
        found.is_empty(),
        "report/ reaching up:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_core_imports_no_adapter() {
    let found = offenders(
        &[
            "src/model",
            "src/checklist",
            "src/calendar",
            "src/rules",
            "src/scoring",
        ],
        &[
            "crate::store",
            "crate::workspace",
            "crate::report",
            "crate::tui",
            "crate::cli",
            "crate::import",
            "rusqlite",
        ],
    );
    assert!(
        found.is_empty(),
        "the core reaching out:\n{}",
        found.join("\n")
    );
}

/// The core reads no file, except the three loaders of a folder of
/// settings (checklists, holiday notices, a profile named by path) that
/// still sit beside their parsers; no new one may join them.
#[test]
fn the_core_reads_files_only_in_its_three_loaders() {
    let found = offenders(
        &[
            "src/model",
            "src/checklist",
            "src/calendar",
            "src/rules",
            "src/scoring",
        ],
        &["std::fs", "File::open"],
    );
    let mut files: Vec<String> = found
        .iter()
        .map(|f| {
            f.split(':')
                .next()
                .unwrap()
                .rsplit("src/")
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    files.dedup();
    assert_eq!(
        files,
        // The profile loader (rules/profile.rs) reads its one file through
        // the bounded `textfile` reader, as the other two read theirs.
        ["checklist/mod.rs", "calendar/mod.rs"],
        "{}",
        found.join("\n")
    );
}

/// The workspace's methods that write the database or files.
const WRITES: &[&str] = &[
    "add_checklist",
    "add_finding",
    "add_reviewer",
    "approve",
    "assign",
    "close_rectification",
    "complete",
    "complete_with",
    "confirm",
    "create_batch",
    "create_case",
    "discard_draft",
    "dismiss",
    "draw",
    "edit_batch",
    "edit_case",
    "edit_finding",
    "export_package",
    "import_cases",
    "import_paths",
    "install_standard",
    "issue_rectification",
    "merge_package",
    "remove_finding",
    "replace_case",
    "rescore_all",
    "resolve_conflict",
    "respond_rectification",
    "restore_suggestion",
    "return_file",
    "run_checks",
    "save_draft",
    "set_mark",
    "set_marks",
    "set_profile",
    "set_rectifier",
    "set_remark",
    "set_reviewer_key",
    "set_setting",
    "set_team",
    "submit",
    "use_batch",
    "write_documents",
];

/// The TUI's update reads the workspace and returns effects; only the
/// effect performer (`tui/update/effect.rs`) writes.
#[test]
fn only_the_tui_effect_performer_writes() {
    let calls: Vec<String> = WRITES.iter().map(|w| format!("ws.{w}(")).collect();
    let calls: Vec<&str> = calls.iter().map(String::as_str).collect();
    let found: Vec<String> = offenders(&["src/tui"], &calls)
        .into_iter()
        .filter(|f| !f.contains("src/tui/update/effect.rs:"))
        .collect();
    assert!(
        found.is_empty(),
        "TUI writes outside the effect performer:\n{}",
        found.join("\n")
    );
}

/// The update step takes the workspace read-only.
#[test]
fn the_tui_update_takes_the_workspace_read_only() {
    let found: Vec<String> = offenders(&["src/tui"], &["ws: &mut Workspace"])
        .into_iter()
        .filter(|f| !f.contains("src/tui/update/effect.rs:") && !f.contains("src/tui/mod.rs:"))
        .collect();
    assert!(
        found.is_empty(),
        "update functions holding the workspace mutably:\n{}",
        found.join("\n")
    );
}

/// Writes live on the transaction's handle: no `impl Db` block in the
/// store runs INSERT, UPDATE or DELETE on the main database (a package
/// export writes only the attached package, `pkg.`).
#[test]
fn store_writes_only_inside_a_transaction() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    sources(&root.join("src/store"), &mut files);
    let mut found = Vec::new();
    for (path, text) in files {
        if path.ends_with("migrations.rs") || path.ends_with("audit_decl.rs") {
            continue;
        }
        let mut in_db = false;
        for (n, line) in text.lines().enumerate() {
            if line.starts_with("impl") {
                in_db = line.contains(" Db<");
            } else if line.starts_with("mod tests") || line.starts_with("#[cfg(test)]") {
                in_db = false;
            }
            let code = line.split("//").next().unwrap_or("");
            let writes = ["INSERT ", "UPDATE ", "DELETE "]
                .iter()
                .any(|w| code.contains(w))
                && !code.contains("SELECT");
            if in_db && writes && !code.contains("pkg.") {
                found.push(format!("{path}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "writes on the plain connection:\n{}",
        found.join("\n")
    );
}

/// The front ends reach the adapters (files, documents, keys) only through
/// the workspace, the one library surface both call.
#[test]
fn the_front_ends_reach_the_adapters_only_through_the_workspace() {
    let found = offenders(
        &["src/cli", "src/tui"],
        &[
            "crate::import",
            "crate::report",
            "crate::keys",
            "entry::sheet",
        ],
    );
    assert!(
        found.is_empty(),
        "front ends skipping the workspace:\n{}",
        found.join("\n")
    );
}

/// The TUI's views and widgets draw the state they are given: they hold no
/// workspace and so read nothing themselves.
#[test]
fn the_views_draw_only_the_state() {
    let found = offenders(&["src/tui/views", "src/tui/widgets"], &["Workspace", "ws."]);
    assert!(
        found.is_empty(),
        "views reading outside the state:\n{}",
        found.join("\n")
    );
}
