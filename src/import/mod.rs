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
mod stream;
mod validate;

pub use issue::{ImportIssue, Locator, MAX_LISTED, Origin, problem_count};
pub use stream::{Streamed, replay};
pub use validate::{Checked, MAX_CASE_NO_CHARS, MAX_YUAN, Problem, YEARS, check as check_case};

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
    /// Large `.jsonl` files, validated but not held in memory: store their
    /// records with [`replay`], after `cases`, in the same transaction.
    pub streamed: Vec<Streamed>,
}

/// The largest `.json`, `.csv` or `.xlsx` file read whole.
pub const MAX_WHOLE_FILE: u64 = 32 * 1024 * 1024;
/// The most bytes of files read whole in one import (a folder of many).
pub const MAX_WHOLE_TOTAL: u64 = 64 * 1024 * 1024;
/// A `.jsonl` file larger than this is streamed (see [`Streamed`]).
pub const STREAM_ABOVE: u64 = 8 * 1024 * 1024;
/// How many problems are kept in memory; the rest are only counted.
const KEEP_ISSUES: usize = 10_000;

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
    crate::error::io_reason(e)
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
    /// Problems and warnings counted but not kept (past [`KEEP_ISSUES`]).
    more_errors: usize,
    more_warnings: usize,
    /// The file being streamed (an index into `streams`), if any.
    streaming: Option<usize>,
    streams: Vec<Streamed>,
    /// Streamed records: case number hash → (content hash, stream, place).
    streamed: HashMap<u64, (u64, usize, Locator)>,
    /// This run's secret keys for content and line hashes.
    keys: std::hash::RandomState,
    /// The canonical JSON of the last streamed record accepted (reused).
    canon: Vec<u8>,
    /// Whether `canon` holds the JSON of the record being read (reset
    /// before each streamed line).
    canon_ready: bool,
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
        if self.errors.len() >= KEEP_ISSUES {
            self.more_errors += 1;
            return;
        }
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
        if self.warnings.len() >= KEEP_ISSUES {
            self.more_warnings += 1;
            return;
        }
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
        if checked.errors.is_empty() && self.streaming.is_some() {
            self.keep_streamed(file, locator, &case);
        } else if checked.errors.is_empty() {
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

impl Collector {
    fn begin_stream(&mut self, path: &Path) -> usize {
        self.streams.push(Streamed::new(path, self.keys.clone()));
        let i = self.streams.len() - 1;
        self.streaming = Some(i);
        i
    }

    /// A record's content hash: its canonical JSON, keyed.
    fn content_hash(&self, json: &[u8]) -> u64 {
        use std::hash::BuildHasher;
        self.keys.hash_one(json)
    }

    fn end_stream(&mut self) {
        self.streaming = None;
    }

    fn origin_of(&self, stream: usize, locator: Locator) -> Origin {
        Origin {
            file: self.streams[stream].path.clone(),
            locator,
        }
    }

    /// A valid streamed record: only its case number and content hash are
    /// kept; a repeat is a warning (identical) or a problem (different).
    fn keep_streamed(&mut self, file: &Path, locator: Locator, case: &CaseFile) {
        let Some(stream) = self.streaming else {
            return;
        };
        let key = stream::hash64(&case.case_no);
        // `canon` may already hold this record's JSON (see `jsonl_record`).
        if !self.canon_ready {
            self.canon.clear();
            self.canon_ready = serde_json::to_writer(&mut self.canon, case).is_ok();
        }
        if !self.canon_ready {
            self.canon.clear();
        }
        let content = self.content_hash(&self.canon);
        match self.streamed.entry(key) {
            Entry::Vacant(v) => {
                v.insert((content, stream, locator));
            }
            Entry::Occupied(o) => {
                let (earlier, at_stream, at) = *o.get();
                let at = self.origin_of(at_stream, at);
                if earlier == content {
                    if let Locator::Line(n) = locator {
                        self.streams[stream].skip.insert(n);
                    }
                    self.warn(
                        file,
                        locator,
                        Some(&case.case_no),
                        Some("case_no".into()),
                        format!("案号“{}”与 {at} 重复，内容相同，只导入一次", case.case_no),
                    );
                } else {
                    self.error(
                        file,
                        locator,
                        Some(&case.case_no),
                        Some("case_no".into()),
                        format!(
                            "案号“{}”与 {at} 重复但内容不同；同一次导入中案号必须唯一，请删除或改正其中一处",
                            case.case_no
                        ),
                    );
                }
            }
        }
    }
}

/// Why a path is not read as a file, when it is not a regular one.
fn not_regular(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() || t.is_dir() {
        None
    } else if t.is_symlink() {
        Some("符号链接")
    } else {
        Some("设备、管道或套接字等特殊文件")
    }
}

/// The files a path stands for: itself, or a folder's `.json`/`.jsonl`
/// files recursively in sorted path order (hidden entries skipped). Ledgers
/// found in a folder are listed in `ledgers` (the format imports only JSON
/// from folders).
fn walk_dir(
    root: &Path,
    dir: &Path,
    files: &mut Vec<PathBuf>,
    ledgers: &mut Vec<PathBuf>,
    skipped: &mut Vec<(PathBuf, &'static str)>,
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
        let Ok(own) = e.file_type() else {
            skipped.push((path, "无法读取其类型"));
            continue;
        };
        if own.is_dir() {
            walk_dir(root, &path, files, ledgers, skipped)?;
            continue;
        }
        if own.is_symlink() {
            // A link is read only when it leads to a regular file inside
            // the folder; a linked folder is never entered.
            let inside = std::fs::canonicalize(&path)
                .ok()
                .filter(|t| t.starts_with(root));
            let target = inside.as_ref().and_then(|t| std::fs::metadata(t).ok());
            match target {
                Some(m) if m.is_file() => {}
                Some(m) if m.is_dir() => {
                    skipped.push((path, "指向文件夹的符号链接，不进入"));
                    continue;
                }
                Some(_) => {
                    skipped.push((path, "指向特殊文件的符号链接"));
                    continue;
                }
                None => {
                    skipped.push((path, "指向所选文件夹以外（或不存在）的符号链接"));
                    continue;
                }
            }
        } else if !own.is_file() {
            skipped.push((path, "设备、管道或套接字等特殊文件"));
            continue;
        }
        match kind_of(&path) {
            Some(Kind::Json | Kind::Jsonl) => files.push(path),
            Some(Kind::Csv | Kind::Xlsx) => ledgers.push(path),
            None => {}
        }
    }
    Ok(())
}

/// Reads a whole input file that is not a case file (an entry sheet, a
/// standard): a regular file only, at most [`MAX_WHOLE_FILE`] bytes, and a
/// zip container (.xlsx, .docx) only after its parts and sheets were
/// measured (see `ledger::guard`). `Err` is the refusal, in Chinese.
pub fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| crate::error::io_reason(&e))?;
    if let Some(what) = not_regular(&meta).or(meta.is_dir().then_some("文件夹")) {
        return Err(format!("这是{what}，不是普通文件，未读取"));
    }
    let bytes = read(path)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("文件超过 {} MB，不能读入", MAX_WHOLE_FILE >> 20))?;
    let container = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("docx"));
    if container {
        ledger::check_container(&bytes)?;
    }
    Ok(bytes)
}

/// Reads a whole file, at most [`MAX_WHOLE_FILE`] bytes; `Ok(None)` when
/// it is larger.
fn read(path: &Path) -> Result<Option<Vec<u8>>, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let f = std::fs::File::open(path).map_err(io)?;
    stream::read_bounded(f, MAX_WHOLE_FILE).map_err(io)
}

/// Reads one file into the collector.
fn load_file(col: &mut Collector, path: &Path, kind: Kind) -> Result<(), ImportError> {
    let meta = std::fs::metadata(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if let Some(what) = not_regular(&meta).or(meta.is_dir().then_some("文件夹")) {
        col.error(
            path,
            Locator::Whole,
            None,
            None,
            format!("这是{what}，不是普通文件，未读取；请指定案卷文件或文件夹"),
        );
        return Ok(());
    }
    if kind == Kind::Jsonl && meta.len() > STREAM_ABOVE {
        return stream::load(col, path);
    }
    let Some(bytes) = read(path)? else {
        col.error(
            path,
            Locator::Whole,
            None,
            None,
            format!(
                "文件超过 {} MB，不能整体读入；大量案卷请用 .jsonl（每行一个案卷，不限大小），台账请拆分成多个文件",
                MAX_WHOLE_FILE >> 20
            ),
        );
        return Ok(());
    };
    load_bytes_into(col, path, kind, bytes);
    Ok(())
}

/// One file's bytes, already read, into the collector.
fn load_bytes_into(col: &mut Collector, path: &Path, kind: Kind, bytes: Vec<u8>) {
    if bytes.is_empty() {
        col.error(
            path,
            Locator::Whole,
            None,
            None,
            "文件为空，没有案卷".into(),
        );
        return;
    }
    if kind == Kind::Xlsx {
        ledger::load_xlsx(col, path, bytes);
        return;
    }
    let decoded = match encoding::decode(&bytes) {
        Ok(d) => d,
        Err((locator, message)) => {
            col.error(path, locator, None, None, message);
            return;
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
            let (mut found, mut ledgers, mut skipped) = (Vec::new(), Vec::new(), Vec::new());
            let root = std::fs::canonicalize(p).unwrap_or_else(|_| p.clone());
            walk_dir(&root, p, &mut found, &mut ledgers, &mut skipped)?;
            for (path, why) in skipped {
                col.warn(&path, Locator::Whole, None, None, format!("已跳过：{why}"));
            }
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
    files.retain(|(f, _)| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
    // Files read whole stay in memory until the import is written: their
    // sum is bounded as each one is, before any is read.
    let mut whole = 0u64;
    for (f, k) in &files {
        let len = std::fs::metadata(f).map_or(0, |m| m.len());
        if *k == Kind::Jsonl && len > STREAM_ABOVE {
            continue;
        }
        whole += len.min(MAX_WHOLE_FILE);
        if whole > MAX_WHOLE_TOTAL {
            col.error(
                f,
                Locator::Whole,
                None,
                None,
                format!(
                    "本次导入要整体读入的文件合计超过 {} MB（到这个文件为止），未读取任何文件；请分几次导入（每次少一些文件），或把案卷合并成 .jsonl（逐行读取，不限大小）",
                    MAX_WHOLE_TOTAL >> 20
                ),
            );
            return Err(ImportError::Invalid(issue::cap_more(
                col.errors,
                col.more_errors,
                "问题",
            )));
        }
    }
    for (f, k) in &files {
        load_file(&mut col, f, *k)?;
    }
    duplicates(&mut col);
    if !col.errors.is_empty() {
        return Err(ImportError::Invalid(issue::cap_more(
            col.errors,
            col.more_errors,
            "问题",
        )));
    }
    Ok(Loaded {
        cases: col.cases,
        warnings: issue::cap_more(col.warnings, col.more_warnings, "警告"),
        streamed: col.streams,
    })
}

/// Reads one file's bytes as if they were the file `name` (its extension
/// says the kind): the same decoding, validation and messages as
/// [`load_paths`], without touching the file system. For tests and fuzzing.
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Loaded, ImportError> {
    let path = Path::new(name);
    let mut col = Collector::default();
    match kind_of(path) {
        Some(k) => load_bytes_into(&mut col, path, k, bytes.to_vec()),
        None => col.error(
            path,
            Locator::Whole,
            None,
            None,
            format!("不支持的文件类型；可导入的是 {ACCEPTED}"),
        ),
    }
    duplicates(&mut col);
    if !col.errors.is_empty() {
        return Err(ImportError::Invalid(issue::cap_more(
            col.errors,
            col.more_errors,
            "问题",
        )));
    }
    Ok(Loaded {
        cases: col.cases,
        warnings: issue::cap_more(col.warnings, col.more_warnings, "警告"),
        streamed: col.streams,
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
                if let Some(&(content, stream, locator)) =
                    col.streamed.get(&stream::hash64(&c.case_no))
                {
                    let at = col.origin_of(stream, locator);
                    let mut issue = ImportIssue::new(&origin.file, origin.locator, String::new())
                        .case_no(Some(&c.case_no))
                        .field("case_no");
                    let own =
                        col.content_hash(serde_json::to_string(c).unwrap_or_default().as_bytes());
                    if own == content {
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
