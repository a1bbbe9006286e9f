//! The documents of a review (issue 5): score sheets, suggestion letters,
//! rectification notices and the bulletin. No database access: everything
//! comes in a [`ReportData`](crate::workspace::ReportData).

pub mod compose;
pub mod doc;
pub mod docx;
pub mod markdown;
pub mod mask;
pub mod settings;
pub mod xlsx;

use crate::workspace::ReportData;
use chrono::NaiveDate;
use compose::Composer;
use settings::Settings;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Which formats to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub docx: bool,
    pub xlsx: bool,
    pub md: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            docx: true,
            xlsx: true,
            md: true,
        }
    }
}

impl Formats {
    /// `docx,xlsx,md` (any subset, any order).
    pub fn parse(s: &str) -> Result<Formats, String> {
        let mut f = Formats {
            docx: false,
            xlsx: false,
            md: false,
        };
        for part in s.split([',', '，', ' ']).filter(|p| !p.is_empty()) {
            match part.trim().to_ascii_lowercase().as_str() {
                "docx" => f.docx = true,
                "xlsx" => f.xlsx = true,
                "md" | "markdown" => f.md = true,
                other => {
                    return Err(format!(
                        "未知的格式“{other}”：可选 docx、xlsx、md，用逗号分隔"
                    ));
                }
            }
        }
        if !(f.docx || f.xlsx || f.md) {
            return Err("--format 至少要有一种格式（docx、xlsx、md）".into());
        }
        Ok(f)
    }
}

/// What to write and where.
#[derive(Debug, Clone)]
pub struct Options {
    pub out: PathBuf,
    /// Only these departments' score sheets, letters and notices (and no
    /// bulletin, which is about every department). Empty: all.
    pub departments: Vec<String>,
    pub formats: Formats,
    /// The date of the documents when the settings do not fix one.
    pub today: NaiveDate,
}

/// One document to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    Sheet(usize),
    Letter(usize),
    Notice(usize),
    BulletinDocx,
    BulletinXlsx,
    BulletinMd,
}

/// A written document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub kind: &'static str,
    pub path: PathBuf,
}

/// Makes a name safe for Windows (and every other) file system: `/ \ : * ?
/// " < > |` and control characters become `_`; trailing dots and spaces go;
/// reserved device names get a `_` in front. 〔〕 and other CJK stay.
pub fn safe_file_name(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    // File systems allow 255 bytes a name: keep room for the extension, a
    // （n） suffix and a temporary name's.
    const MAX_BYTES: usize = 180;
    if s.len() > MAX_BYTES {
        let mut cut = MAX_BYTES;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push('…');
    }
    while s.ends_with(['.', ' ']) {
        s.pop();
    }
    let stem = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    const RESERVED: &[&str] = &[
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    if s.is_empty() || RESERVED.contains(&stem.as_str()) {
        s.insert(0, '_');
    }
    s
}

/// Errors of a report run, worded for the user.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("没有名为“{name}”的部门。当前批次的部门有：{known}")]
    UnknownDepartment { name: String, known: String },
    #[error("无法写入输出目录 {}：{source}", path.display())]
    OutDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("无法写入 {}：{source}", path.display())]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Other(String),
}

/// The documents `opts` asks for, in order, with their file names.
pub fn plan(data: &ReportData, opts: &Options) -> Result<Vec<(Job, String)>, ReportError> {
    for d in &opts.departments {
        if data.department(d).is_none() {
            return Err(ReportError::UnknownDepartment {
                name: d.clone(),
                known: data
                    .departments
                    .iter()
                    .map(|d| d.name.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
            });
        }
    }
    let wanted =
        |name: &str| opts.departments.is_empty() || opts.departments.iter().any(|d| d == name);
    let mut used = HashSet::new();
    let mut unique = |name: String, ext: &str| {
        let base = safe_file_name(&name);
        let mut candidate = format!("{base}.{ext}");
        let mut n = 2;
        while !used.insert(candidate.clone()) {
            candidate = format!("{base}（{n}）.{ext}");
            n += 1;
        }
        candidate
    };
    let mut jobs = Vec::new();
    if opts.formats.docx {
        for (i, f) in data.files.iter().enumerate() {
            if wanted(&f.department) {
                jobs.push((
                    Job::Sheet(i),
                    unique(format!("评查表_{}", f.case_no), "docx"),
                ));
            }
        }
        for (i, d) in data.departments.iter().enumerate() {
            if wanted(&d.name) && d.reviewed > 0 {
                jobs.push((
                    Job::Letter(i),
                    unique(format!("评查建议书_{}", d.name), "docx"),
                ));
            }
        }
        for (i, d) in data.departments.iter().enumerate() {
            if wanted(&d.name) && d.findings > 0 {
                jobs.push((
                    Job::Notice(i),
                    unique(format!("整改通知书_{}", d.name), "docx"),
                ));
            }
        }
    }
    if opts.departments.is_empty() {
        if opts.formats.docx {
            jobs.push((Job::BulletinDocx, unique("评查情况通报".into(), "docx")));
        }
        if opts.formats.xlsx {
            jobs.push((Job::BulletinXlsx, unique("评查情况通报".into(), "xlsx")));
        }
        if opts.formats.md {
            jobs.push((Job::BulletinMd, unique("评查情况通报".into(), "md")));
        }
    }
    Ok(jobs)
}

/// A rectification notice the documents issue, for the follow-up (整改跟踪).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedNotice {
    pub department: String,
    pub doc_no: String,
    pub issued: chrono::NaiveDate,
    pub due: chrono::NaiveDate,
}

/// The notices that `write_all` writes with these options: one per
/// department with problems, with its 文号 and due date.
pub fn notices(
    data: &ReportData,
    settings: &Settings,
    opts: &Options,
) -> Result<Vec<IssuedNotice>, ReportError> {
    let composer = Composer::new(data, settings, opts.today).map_err(ReportError::Other)?;
    Ok(plan(data, opts)?
        .into_iter()
        .filter_map(|(job, _)| match job {
            Job::Notice(i) => data.departments.get(i),
            _ => None,
        })
        .map(|d| IssuedNotice {
            department: d.name.clone(),
            doc_no: composer.notice_no(d),
            issued: composer.date,
            due: composer.due(),
        })
        .collect())
}

fn kind_of(job: Job) -> &'static str {
    match job {
        Job::Sheet(_) => "评查表",
        Job::Letter(_) => "评查建议书",
        Job::Notice(_) => "整改通知书",
        Job::BulletinDocx | Job::BulletinXlsx | Job::BulletinMd => "评查情况通报",
    }
}

/// The bytes of one document.
pub fn build(c: &Composer<'_>, w: &docx::DocxWriter, job: Job) -> Result<Vec<u8>, String> {
    Ok(match job {
        Job::Sheet(i) => w.render(&c.sheet(&c.data.files[i])?),
        Job::Letter(i) => w.render(&c.letter(&c.data.departments[i])?),
        Job::Notice(i) => w.render(&c.notice(&c.data.departments[i])?),
        Job::BulletinDocx => w.render(&c.bulletin()?),
        Job::BulletinXlsx => xlsx::render(c).map_err(|e| format!("生成 .xlsx 出错：{e}"))?,
        Job::BulletinMd => markdown::render(&c.bulletin()?).into_bytes(),
    })
}

/// Writes every document `opts` asks for into `opts.out`, on all cores.
/// `progress(done, total)` is called after each document.
pub fn write_all(
    data: &ReportData,
    settings: &Settings,
    opts: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Written>, ReportError> {
    let jobs = plan(data, opts)?;
    std::fs::create_dir_all(&opts.out).map_err(|source| ReportError::OutDir {
        path: opts.out.clone(),
        source,
    })?;
    check_writable(&opts.out)?;
    let composer = Composer::new(data, settings, opts.today).map_err(ReportError::Other)?;
    let docx_writer = docx::DocxWriter::new(&settings.fonts);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let failure: Mutex<Option<ReportError>> = Mutex::new(None);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(jobs.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= jobs.len() || failure.lock().map(|f| f.is_some()).unwrap_or(true) {
                        break;
                    }
                    let (job, name) = &jobs[i];
                    let path = opts.out.join(name);
                    let result = build(&composer, &docx_writer, *job)
                        .map_err(ReportError::Other)
                        .and_then(|bytes| {
                            std::fs::write(&path, bytes).map_err(|source| ReportError::Write {
                                path: path.clone(),
                                source,
                            })
                        });
                    if let Err(e) = result {
                        if let Ok(mut f) = failure.lock() {
                            f.get_or_insert(e);
                        }
                        break;
                    }
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
                }
            });
        }
    });
    if let Some(e) = failure.into_inner().ok().flatten() {
        return Err(e);
    }
    Ok(jobs
        .into_iter()
        .map(|(job, name)| Written {
            kind: kind_of(job),
            path: opts.out.join(name),
        })
        .collect())
}

fn check_writable(dir: &Path) -> Result<(), ReportError> {
    let probe = dir.join(".pingcha-write-test");
    std::fs::write(&probe, b"").map_err(|source| ReportError::OutDir {
        path: dir.to_path_buf(),
        source,
    })?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}
