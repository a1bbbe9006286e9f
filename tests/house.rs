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
        ["checklist/mod.rs", "calendar/mod.rs", "rules/profile.rs"],
        "{}",
        found.join("\n")
    );
}
