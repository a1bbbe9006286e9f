//! Import: files and folders in the interchange format
//! (`docs/case-file.md`) to validated [`CaseFile`]s.
//!
//! - `.json` (one object or an array), `.jsonl`, folders of them: [`json`];
//! - `.csv` / `.xlsx` ledgers (台账): [`ledger`];
//! - encodings (UTF-8 with or without BOM, GBK/GB18030 with a warning): [`encoding`];
//! - the format's rules: [`validate`]; the messages: [`issue`].
//!
//! Everything or nothing: [`load_paths`] returns every problem of every file
//! in [`ImportError::Invalid`], and no case at all when there is one.

mod encoding;
mod issue;
mod json;
mod ledger;
pub mod standard;
mod validate;

pub use issue::{ImportIssue, Locator, MAX_LISTED, Origin, problem_count};

use crate::model::CaseFile;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

/// What a successful load holds: the files with where each came from, and
/// the warnings (unknown stages, decoded encodings, skipped files …).
#[derive(Debug, Default)]
pub struct Loaded {
    pub cases: Vec<(CaseFile, Origin)>,
    pub warnings: Vec<ImportIssue>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// Every problem found (the first [`MAX_LISTED`], then one summary line;
    /// [`problem_count`] gives the total).
    #[error("导入失败：发现 {} 处问题", problem_count(.0))]
    Invalid(Vec<ImportIssue>),
    #[error("无法读取 {}：{}", path.display(), io_reason(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What an I/O error means for the person importing, in Chinese.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => {
            "文件或文件夹不存在；请检查路径（含空格或中文时加引号）".into()
        }
        std::io::ErrorKind::PermissionDenied => "没有读取权限；请检查文件权限".into(),
        _ => e.to_string(),
    }
}

/// The file kinds accepted, for messages.
const ACCEPTED: &str = ".json（案卷对象或数组）、.jsonl（每行一个案卷）、.csv 或 .xlsx（台账），或包含 .json/.jsonl 文件的文件夹";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Json,
    Jsonl,
    Csv,
    Xlsx,
}

fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "json" => Some(Kind::Json),
        "jsonl" => Some(Kind::Jsonl),
        "csv" => Some(Kind::Csv),
        "xlsx" => Some(Kind::Xlsx),
        _ => None,
    }
}

/// One record typed at the terminal or given on the command line (the
/// entry form, `case new`, `case edit`), through exactly the rules a file's
/// record goes through: the typed parse, the field-by-field walk when it
/// fails, then the rules serde cannot express. `source` names where it came
/// from in the messages. Returns the file and its warnings, or every problem.
pub fn validate_record(
    source: &Path,
    record: serde_json::Value,
) -> Result<(CaseFile, Vec<ImportIssue>), ImportError> {
    let mut col = Collector::default();
    match serde_json::from_value::<CaseFile>(record.clone()) {
        Ok(c) => col.accept(source, Locator::Whole, c),
        Err(_) => json::fallback(&mut col, source, Locator::Whole, record),
    }
    if !col.errors.is_empty() {
        return Err(ImportError::Invalid(issue::cap(col.errors, "问题")));
    }
    match col.cases.pop() {
        Some((c, _)) => Ok((c, col.warnings)),
        None => Err(ImportError::Invalid(vec![ImportIssue::new(
            source,
            Locator::Whole,
            "没有案卷",
        )])),
    }
}

/// Cases, problems and warnings as the files are read.
#[derive(Debug, Default)]
pub(crate) struct Collector {
    cases: Vec<(CaseFile, Origin)>,
    errors: Vec<ImportIssue>,
    warnings: Vec<ImportIssue>,
}

impl Collector {
    pub(crate) fn error(
        &mut self,
        file: &Path,
        locator: Locator,
        case_no: Option<&str>,
        field: Option<String>,
        message: String,
    ) {
        let i = Self::issue(file, locator, case_no, field, message);
        self.errors.push(i);
    }

    pub(crate) fn warn(
        &mut self,
        file: &Path,
        locator: Locator,
        case_no: Option<&str>,
        field: Option<String>,
        message: String,
    ) {
        let i = Self::issue(file, locator, case_no, field, message);
        self.warnings.push(i);
    }

    fn issue(
        file: &Path,
        locator: Locator,
        case_no: Option<&str>,
        field: Option<String>,
        message: String,
    ) -> ImportIssue {
        let mut i = ImportIssue::new(file, locator, message).case_no(case_no);
        i.field = field;
        i
    }

    /// A typed record: checked against the rules serde cannot express, then
    /// kept (or its problems recorded).
    pub(crate) fn accept(&mut self, file: &Path, locator: Locator, case: CaseFile) {
        let checked = validate::check(&case);
        for w in checked.warnings {
            self.warn(file, locator, Some(&case.case_no), Some(w.field), w.message);
        }
        if checked.errors.is_empty() {
            let origin = Origin {
                file: file.to_path_buf(),
                locator,
            };
            self.cases.push((case, origin));
        } else {
            for p in checked.errors {
                self.error(file, locator, Some(&case.case_no), Some(p.field), p.message);
            }
        }
    }
}

/// The files a path stands for: itself, or a folder's `.json`/`.jsonl`
/// files recursively in sorted path order (hidden entries skipped). Ledgers
/// found in a folder are listed in `ledgers` (the format imports only JSON
/// from folders).
fn walk_dir(
    dir: &Path,
    files: &mut Vec<PathBuf>,
    ledgers: &mut Vec<PathBuf>,
) -> Result<(), ImportError> {
    let io = |source| ImportError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .map_err(io)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(io)?;
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let path = e.path();
        if e.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let is_dir = std::fs::metadata(&path)
            .map(|m| m.is_dir())
            .unwrap_or(false);
        if is_dir && !e.file_type().map(|t| t.is_symlink()).unwrap_or(true) {
            walk_dir(&path, files, ledgers)?;
        } else if !is_dir {
            match kind_of(&path) {
                Some(Kind::Json | Kind::Jsonl) => files.push(path),
                Some(Kind::Csv | Kind::Xlsx) => ledgers.push(path),
                None => {}
            }
        }
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>, ImportError> {
    std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Reads one file into the collector.
fn load_file(col: &mut Collector, path: &Path, kind: Kind) -> Result<(), ImportError> {
    let bytes = read(path)?;
    if bytes.is_empty() {
        col.error(
            path,
            Locator::Whole,
            None,
            None,
            "文件为空，没有案卷".into(),
        );
        return Ok(());
    }
    if kind == Kind::Xlsx {
        ledger::load_xlsx(col, path, bytes);
        return Ok(());
    }
    let decoded = match encoding::decode(&bytes) {
        Ok(d) => d,
        Err((locator, message)) => {
            col.error(path, locator, None, None, message);
            return Ok(());
        }
    };
    if let Some(enc) = decoded.encoding {
        col.warn(
            path,
            Locator::Whole,
            None,
            None,
            format!("文件不是 UTF-8 编码，已按{enc}解码导入；建议另存为 UTF-8"),
        );
    }
    match kind {
        Kind::Json => json::load_json(col, path, &decoded.text),
        Kind::Jsonl => json::load_jsonl(col, path, &decoded.text),
        Kind::Csv => ledger::load_csv(col, path, &decoded.text),
        Kind::Xlsx => {}
    }
    Ok(())
}

/// Reads, decodes and validates files and folders.
///
/// Files are taken by extension (`.json`, `.jsonl`, `.csv`, `.xlsx`); a
/// folder stands for its `.json`/`.jsonl` files, recursively, in sorted path
/// order. A file named twice is read once. Every problem of every file is
/// collected; when there is any, the result is [`ImportError::Invalid`] and
/// no case is returned. A `case_no` given twice with different contents is a
/// problem naming both places; given twice identically, a warning.
pub fn load_paths(paths: &[PathBuf]) -> Result<Loaded, ImportError> {
    let mut col = Collector::default();
    let mut files: Vec<(PathBuf, Kind)> = Vec::new();
    for p in paths {
        let meta = std::fs::metadata(p).map_err(|source| ImportError::Io {
            path: p.clone(),
            source,
        })?;
        if meta.is_dir() {
            let (mut found, mut ledgers) = (Vec::new(), Vec::new());
            walk_dir(p, &mut found, &mut ledgers)?;
            if found.is_empty() {
                col.error(
                    p,
                    Locator::Whole,
                    None,
                    None,
                    if ledgers.is_empty() {
                        "文件夹中没有 .json 或 .jsonl 文件".into()
                    } else {
                        format!(
                            "文件夹中没有 .json 或 .jsonl 文件（文件夹只导入 .json/.jsonl；其中的 {} 个台账文件请直接指定）",
                            ledgers.len()
                        )
                    },
                );
            } else if !ledgers.is_empty() {
                let names: Vec<String> = ledgers.iter().map(|l| l.display().to_string()).collect();
                col.warn(
                    p,
                    Locator::Whole,
                    None,
                    None,
                    format!(
                        "文件夹中的台账未导入（文件夹只导入 .json/.jsonl）：{}；如需导入台账，请直接指定文件",
                        names.join("、")
                    ),
                );
            }
            for f in found {
                let k = kind_of(&f).unwrap_or(Kind::Json);
                files.push((f, k));
            }
        } else {
            match kind_of(p) {
                Some(k) => files.push((p.clone(), k)),
                None => col.error(
                    p,
                    Locator::Whole,
                    None,
                    None,
                    format!("不支持的文件类型；可导入的是 {ACCEPTED}"),
                ),
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (f, k) in &files {
        let key = std::fs::canonicalize(f).unwrap_or_else(|_| f.clone());
        if seen.insert(key) {
            load_file(&mut col, f, *k)?;
        }
    }
    duplicates(&mut col);
    if !col.errors.is_empty() {
        return Err(ImportError::Invalid(issue::cap(col.errors, "问题")));
    }
    Ok(Loaded {
        cases: col.cases,
        warnings: issue::cap(col.warnings, "警告"),
    })
}

/// A `case_no` twice in one import: an error naming both places when the
/// contents differ; identical copies are dropped with a warning.
fn duplicates(col: &mut Collector) {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(col.cases.len());
    let mut dropped = vec![false; col.cases.len()];
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for (i, (c, origin)) in col.cases.iter().enumerate() {
        match first.entry(c.case_no.as_str()) {
            Entry::Vacant(v) => {
                v.insert(i);
            }
            Entry::Occupied(o) => {
                let (earlier, at) = &col.cases[*o.get()];
                let mut issue = ImportIssue::new(&origin.file, origin.locator, String::new())
                    .case_no(Some(&c.case_no))
                    .field("case_no");
                if earlier == c {
                    issue.message =
                        format!("案号“{}”与 {at} 重复，内容相同，只导入一次", c.case_no);
                    warnings.push(issue);
                    dropped[i] = true;
                } else {
                    issue.message = format!(
                        "案号“{}”与 {at} 重复但内容不同；同一次导入中案号必须唯一，请删除或改正其中一处",
                        c.case_no
                    );
                    errors.push(issue);
                }
            }
        }
    }
    col.errors.extend(errors);
    col.warnings.extend(warnings);
    if dropped.contains(&true) {
        let mut keep = dropped.into_iter().map(|d| !d);
        col.cases.retain(|_| keep.next().unwrap_or(true));
    }
}
