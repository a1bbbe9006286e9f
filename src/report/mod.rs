//! The documents of a review: score sheets, suggestion letters, optional
//! rectification notices and the bulletin. No database access: everything
//! comes in a [`ReportData`], and the documents are a typed tree
//! ([`doc`]) that the writers lay out.

pub mod chart;
pub mod compose;
pub mod data;
pub mod doc;
pub mod docx;
pub mod markdown;
pub mod mask;
pub mod settings;
mod write;
pub mod xlsx;

use chrono::NaiveDate;
use compose::{Composer, Issue};
use data::ReportData;
use settings::Settings;
use std::collections::HashSet;
use std::path::PathBuf;

pub use write::{MANIFEST, write_all};

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
    pub fn parse(s: &str) -> Result<Formats, ReportError> {
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
                other => return Err(ReportError::UnknownFormat(other.to_string())),
            }
        }
        if !(f.docx || f.xlsx || f.md) {
            return Err(ReportError::NoFormat);
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
/// reserved device names get a `_` in front; long names are cut (a file
/// name stays under 200 bytes). 〔〕 and other CJK stay.
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
    #[error("未知的格式“{0}”：可选 docx、xlsx、md，用逗号分隔")]
    UnknownFormat(String),
    #[error("--format 至少要有一种格式（docx、xlsx、md）")]
    NoFormat,
    #[error("输出目录 {} 本身是符号链接，pingcha 不会跟随它写入。请用它指向的真实目录或换一个输出目录（--out）", path.display())]
    OutLink { path: PathBuf },
    #[error("无法写入输出目录 {}：{}。请换一个可写的目录（--out）", path.display(), crate::error::io_reason(source))]
    OutDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("无法写入 {}：{}。请检查磁盘空间和目录权限后重试", path.display(), crate::error::io_reason(source))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("输出目录中的 {} 是符号链接，pingcha 不会跟随它写入。请删除该链接或换一个输出目录", path.display())]
    Symlink { path: PathBuf },
    #[error(
        "模板 {name} 有误：{message}。请对照 data/templates/README.md 修改该模板，或删除它以使用内置模板"
    )]
    Template { name: String, message: String },
    #[error(transparent)]
    Settings(#[from] settings::SettingsError),
    #[error("生成 .xlsx 出错：{0}")]
    Xlsx(String),
    #[error("生成 .docx 出错：{0}")]
    Docx(String),
}

/// The documents `opts` asks for, in order, with their file names.
pub fn plan(
    data: &ReportData,
    settings: &Settings,
    opts: &Options,
) -> Result<Vec<(Job, String)>, ReportError> {
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
        if settings.issues("sheet") {
            for (i, f) in data.files.iter().enumerate() {
                if wanted(&f.department) {
                    jobs.push((
                        Job::Sheet(i),
                        unique(format!("评查表_{}", f.case_no), "docx"),
                    ));
                }
            }
        }
        if settings.issues("letter") {
            for (i, d) in data.departments.iter().enumerate() {
                if wanted(&d.name) && d.reviewed > 0 {
                    jobs.push((
                        Job::Letter(i),
                        unique(format!("评查建议书_{}", d.name), "docx"),
                    ));
                }
            }
        }
        if settings.issues("notice") {
            for (i, d) in data.departments.iter().enumerate() {
                if wanted(&d.name) && d.findings > 0 {
                    jobs.push((
                        Job::Notice(i),
                        unique(format!("整改通知书_{}", d.name), "docx"),
                    ));
                }
            }
        }
    }
    if opts.departments.is_empty() && settings.issues("bulletin") {
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

/// Does the plan include the bulletin?
pub fn has_bulletin(jobs: &[(Job, String)]) -> bool {
    jobs.iter()
        .any(|(j, _)| matches!(j, Job::BulletinDocx | Job::BulletinXlsx | Job::BulletinMd))
}

/// A rectification demand an issued document makes, for the follow-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demand {
    pub department: String,
    /// The 文号 of the document that carries the demand (the notice when
    /// one is issued, else the letter).
    pub doc_no: String,
    pub issued: NaiveDate,
    pub due: NaiveDate,
}

/// The rectification demands of a run: one per planned department with
/// problems.
pub fn demands(c: &Composer<'_>, jobs: &[(Job, String)]) -> Vec<Demand> {
    let notice = c.settings.issues("notice");
    jobs.iter()
        .filter_map(|(job, _)| match job {
            Job::Notice(i) if notice => c.data.departments.get(*i),
            Job::Letter(i) if !notice => c.data.departments.get(*i),
            _ => None,
        })
        .filter(|d| d.findings > 0)
        .map(|d| Demand {
            department: d.name.clone(),
            doc_no: c.doc_no(
                if notice {
                    compose::Numbered::Notice
                } else {
                    compose::Numbered::Letter
                },
                Some(&d.name),
            ),
            issued: c.date(),
            due: c.due(),
        })
        .collect()
}

/// The numbered documents of a plan: (kind, department) pairs.
pub fn numbered(
    data: &ReportData,
    jobs: &[(Job, String)],
) -> Vec<(compose::Numbered, Option<String>)> {
    let mut out = Vec::new();
    for (job, _) in jobs {
        let n = match job {
            Job::Letter(i) => (
                compose::Numbered::Letter,
                data.departments.get(*i).map(|d| d.name.clone()),
            ),
            Job::Notice(i) => (
                compose::Numbered::Notice,
                data.departments.get(*i).map(|d| d.name.clone()),
            ),
            Job::BulletinDocx | Job::BulletinXlsx | Job::BulletinMd => {
                (compose::Numbered::Bulletin, None)
            }
            Job::Sheet(_) => continue,
        };
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

fn kind_of(job: Job) -> &'static str {
    match job {
        Job::Sheet(_) => "评查表",
        Job::Letter(_) => "评查建议书",
        Job::Notice(_) => "整改通知书",
        Job::BulletinDocx | Job::BulletinXlsx | Job::BulletinMd => "评查情况通报",
    }
}

/// The typed tree of one document (the .xlsx is built from the data).
pub fn compose_doc(c: &Composer<'_>, job: Job) -> Result<Option<doc::Doc>, ReportError> {
    Ok(Some(match job {
        Job::Sheet(i) => c.sheet(&c.data.files[i])?,
        Job::Letter(i) => c.letter(&c.data.departments[i])?,
        Job::Notice(i) => c.notice(&c.data.departments[i])?,
        Job::BulletinDocx | Job::BulletinMd => c.bulletin()?,
        Job::BulletinXlsx => return Ok(None),
    }))
}

/// The bytes of one document.
pub fn build(c: &Composer<'_>, w: &docx::DocxWriter, job: Job) -> Result<Vec<u8>, ReportError> {
    Ok(match job {
        Job::BulletinXlsx => xlsx::render(c).map_err(|e| ReportError::Xlsx(e.to_string()))?,
        Job::BulletinMd => markdown::render(&c.bulletin()?).into_bytes(),
        other => match compose_doc(c, other)? {
            Some(d) => w.render(&d)?,
            None => Vec::new(),
        },
    })
}

/// Composes the documents of `data` with `issue` and writes them (without
/// the bulletin when `skip_bulletin`).
pub fn compose_and_write(
    data: &ReportData,
    settings: &Settings,
    opts: &Options,
    issue: Issue,
    skip_bulletin: bool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Written>, ReportError> {
    let mut jobs = plan(data, settings, opts)?;
    if skip_bulletin {
        jobs.retain(|(j, _)| !has_bulletin(&[(*j, String::new())]));
    }
    let composer = Composer::new(data, settings, issue)?;
    write::write_jobs(&composer, &jobs, opts, progress)
}
