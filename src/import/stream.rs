//! Large `.jsonl` files, read twice with memory independent of their size:
//! once while loading, to validate every line and note each case number's
//! content hash (a few dozen bytes a record), and again while storing,
//! handing each record to the caller inside its transaction.
//!
//! Lines are read through a bounded buffer: a line longer than
//! [`MAX_LINE`] is an error, never a buffer as large as the file.

use super::issue::{ImportIssue, Locator};
use super::{Collector, ImportError, validate};
use crate::model::CaseFile;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// The longest `.jsonl` line (one record) read.
pub const MAX_LINE: usize = 16 * 1024 * 1024;

/// A `.jsonl` file validated while loading, to be stored by [`replay`].
#[derive(Debug, Clone)]
pub struct Streamed {
    pub path: PathBuf,
    /// Lines that repeat an earlier record identically (imported once).
    pub(crate) skip: HashSet<usize>,
}

/// A stable 64-bit hash, for case numbers and contents kept while streaming.
pub(crate) fn hash64(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// One line of a stream: its number and text, or why it cannot be read.
pub(crate) enum Line {
    Text(usize, String),
    Bad(usize, String),
}

/// Reads `path` line by line, at most [`MAX_LINE`] bytes a line, a UTF-8
/// BOM dropped; `f` gets each line. I/O errors end the reading.
pub(crate) fn lines(path: &Path, mut f: impl FnMut(Line)) -> Result<(), ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut rdr = BufReader::with_capacity(1 << 20, file);
    let mut buf: Vec<u8> = Vec::new();
    let mut n = 0usize;
    loop {
        buf.clear();
        n += 1;
        let mut too_long = false;
        let mut eof = false;
        loop {
            let chunk = rdr.fill_buf().map_err(io)?;
            if chunk.is_empty() {
                eof = true;
                break;
            }
            let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(p) => (p + 1, true),
                None => (chunk.len(), false),
            };
            if !too_long && buf.len() + take <= MAX_LINE + 1 {
                buf.extend_from_slice(&chunk[..take]);
            } else {
                too_long = true;
                buf.clear();
            }
            rdr.consume(take);
            if done {
                break;
            }
        }
        if eof && buf.is_empty() && !too_long {
            return Ok(());
        }
        if too_long {
            f(Line::Bad(
                n,
                format!(
                    "这一行超过 {} MB，不像是一个案卷；.jsonl 文件每行一个案卷，请检查文件是否损坏",
                    MAX_LINE >> 20
                ),
            ));
        } else {
            let mut bytes: &[u8] = &buf;
            if n == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            match std::str::from_utf8(bytes) {
                Ok(s) => f(Line::Text(n, s.to_string())),
                Err(_) => f(Line::Bad(
                    n,
                    "这一行不是有效的 UTF-8 文本；大文件只能是 UTF-8 编码，请另存为 UTF-8 后重新导入"
                        .into(),
                )),
            }
        }
        if eof {
            return Ok(());
        }
    }
}

/// The first pass over a large `.jsonl`: every line validated into `col`
/// (which keeps only each case number's content hash).
pub(crate) fn load(col: &mut Collector, path: &Path) -> Result<(), ImportError> {
    col.begin_stream(path);
    let mut records = 0usize;
    lines(path, |line| match line {
        Line::Bad(n, message) => col.error(path, Locator::Line(n), None, None, message),
        Line::Text(n, text) => {
            if !text.trim().is_empty() {
                records += 1;
                super::json::jsonl_record(col, path, n, &text);
            }
        }
    })?;
    col.end_stream();
    if records == 0 {
        col.error(
            path,
            Locator::Whole,
            None,
            None,
            "文件为空，没有案卷".into(),
        );
    }
    Ok(())
}

/// The second pass: each record of a file validated by [`load`] handed to
/// `f`, in order, identical repeats skipped. A record that no longer
/// parses or validates (the file changed in between) is an error; so is an
/// error `f` returns, which ends the replay.
pub fn replay<E: From<ImportError>>(
    s: &Streamed,
    mut f: impl FnMut(CaseFile) -> Result<(), E>,
) -> Result<(), E> {
    let mut failed: Option<E> = None;
    let changed = |n: usize, why: String| {
        ImportError::Invalid(vec![ImportIssue::new(
            &s.path,
            Locator::Line(n),
            format!(
                "文件在导入过程中被修改（{why}）；没有导入任何案卷，请在文件不再变化后重新导入"
            ),
        )])
    };
    lines(&s.path, |line| {
        if failed.is_some() {
            return;
        }
        let (n, text) = match line {
            Line::Bad(n, why) => {
                failed = Some(changed(n, why).into());
                return;
            }
            Line::Text(n, t) => (n, t),
        };
        if text.trim().is_empty() || s.skip.contains(&n) {
            return;
        }
        let case = match serde_json::from_str::<CaseFile>(&text) {
            Ok(c) => c,
            Err(e) => {
                failed = Some(changed(n, e.to_string()).into());
                return;
            }
        };
        if let Some(p) = validate::check(&case).errors.into_iter().next() {
            failed = Some(changed(n, format!("{}：{}", p.field, p.message)).into());
            return;
        }
        if let Err(e) = f(case) {
            failed = Some(e);
        }
    })
    .map_err(E::from)?;
    match failed {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// Reads at most `limit` bytes of `r`; `None` when there are more.
pub(crate) fn read_bounded(r: impl Read, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    let mut out = Vec::new();
    r.take(limit + 1).read_to_end(&mut out)?;
    Ok((out.len() as u64 <= limit).then_some(out))
}
