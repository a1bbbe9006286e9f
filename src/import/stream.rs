//! Large `.jsonl` files, read twice with memory independent of their size:
//! once while loading, to validate every line and note each case number's
//! content hash and each line's keyed hash (a few dozen bytes a record),
//! and again while storing, handing each record to the caller inside its
//! transaction. A line the second pass reads exactly as the first pass
//! validated it (same keyed hash) is not validated again; any other line
//! means the file changed in between, and the import stores nothing.
//!
//! Lines are read through a bounded buffer: a line longer than
//! [`MAX_LINE`] is an error, never a buffer as large as the file.

use super::issue::{ImportIssue, Locator};
use super::{Collector, ImportError};
use crate::model::CaseFile;
use std::collections::HashSet;
use std::hash::{BuildHasher, DefaultHasher, Hash, Hasher, RandomState};
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
    /// Each line's hash as the first pass read it (line `n` at `n - 1`),
    /// keyed with this run's secret `keys`, so a different line cannot be
    /// made to match.
    pub(crate) lines: Vec<u64>,
    /// Lines whose text is already the record's canonical JSON (stored as
    /// they are, without serialising the record again).
    pub(crate) canonical: Vec<bool>,
    pub(crate) keys: RandomState,
}

impl Streamed {
    pub(crate) fn new(path: &Path, keys: RandomState) -> Streamed {
        Streamed {
            path: path.to_path_buf(),
            skip: HashSet::new(),
            lines: Vec::new(),
            canonical: Vec::new(),
            keys,
        }
    }

    fn line_hash(&self, text: &str) -> u64 {
        self.keys.hash_one(text.as_bytes())
    }
}

/// A stable 64-bit hash, for the case numbers kept while streaming.
pub(crate) fn hash64(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// One line of a stream: its number and text, or why it cannot be read.
pub(crate) enum Line<'a> {
    Text(usize, &'a str),
    Bad(usize, String),
}

/// Reads `path` line by line, at most [`MAX_LINE`] bytes a line, a UTF-8
/// BOM dropped; `f` gets each line. I/O errors end the reading.
pub(crate) fn lines(path: &Path, mut f: impl FnMut(Line<'_>)) -> Result<(), ImportError> {
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
                Ok(s) => f(Line::Text(n, s)),
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
/// (which keeps only each case number's content hash), and each line's
/// keyed hash noted for [`replay`].
pub(crate) fn load(col: &mut Collector, path: &Path) -> Result<(), ImportError> {
    let stream = col.begin_stream(path);
    let mut records = 0usize;
    lines(path, |line| match line {
        Line::Bad(n, message) => {
            col.streams[stream].lines.push(0);
            col.streams[stream].canonical.push(false);
            col.error(path, Locator::Line(n), None, None, message);
        }
        Line::Text(n, text) => {
            let hash = col.streams[stream].line_hash(text);
            let mut canonical = false;
            if !text.trim().is_empty() {
                records += 1;
                col.canon_ready = false;
                super::json::jsonl_record(col, path, n, text);
                canonical = col.canon_ready && col.canon == text.as_bytes();
            }
            col.streams[stream].lines.push(hash);
            col.streams[stream].canonical.push(canonical);
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
/// `f`, in order, identical repeats skipped, with its text when that is
/// already its canonical JSON. A line that differs from what [`load`] read
/// and validated, or a file now longer or shorter (it changed in between),
/// is an error; so is an error `f` returns, which ends the replay.
pub fn replay<E: From<ImportError>>(
    s: &Streamed,
    mut f: impl FnMut(CaseFile, Option<&str>) -> Result<(), E>,
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
    let mut read = 0usize;
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
        read = n;
        if s.lines.get(n - 1) != Some(&s.line_hash(text)) {
            let why = if n > s.lines.len() {
                "文件比校验时变长了".to_string()
            } else {
                "这一行与校验时读到的内容不同".to_string()
            };
            failed = Some(changed(n, why).into());
            return;
        }
        if text.trim().is_empty() || s.skip.contains(&n) {
            return;
        }
        // The same bytes passed every check in the first pass.
        let case = match serde_json::from_str::<CaseFile>(text) {
            Ok(c) => c,
            Err(e) => {
                failed = Some(changed(n, e.to_string()).into());
                return;
            }
        };
        let canonical = s.canonical.get(n - 1).copied().unwrap_or(false);
        if let Err(e) = f(case, canonical.then_some(text)) {
            failed = Some(e);
        }
    })
    .map_err(E::from)?;
    if failed.is_none() && read < s.lines.len() {
        failed = Some(changed(read + 1, "文件比校验时变短了".into()).into());
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Three canonical records, one written with extra spaces, one
    /// identical repeat.
    fn sample() -> (tempfile::TempDir, PathBuf, Vec<String>) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.jsonl");
        let mut lines: Vec<String> = crate::demo::generate_bulk(3, 3)
            .map(|c| serde_json::to_string(&c).unwrap())
            .collect();
        lines[1] = lines[1].replacen(":", " : ", 1);
        lines.push(lines[0].clone());
        std::fs::write(&path, lines.join("\n") + "\n").unwrap();
        (dir, path, lines)
    }

    fn first_pass(path: &Path) -> Streamed {
        let mut col = Collector::default();
        load(&mut col, path).unwrap();
        assert!(col.errors.is_empty(), "{:?}", col.errors);
        col.streams.pop().unwrap()
    }

    fn replayed(s: &Streamed) -> Result<Vec<(String, bool)>, ImportError> {
        let mut got = Vec::new();
        replay(s, |c: CaseFile, json: Option<&str>| {
            if let Some(j) = json {
                assert_eq!(
                    j,
                    serde_json::to_string(&c).unwrap(),
                    "given text is canonical"
                );
            }
            got.push((c.case_no, json.is_some()));
            Ok::<(), ImportError>(())
        })?;
        Ok(got)
    }

    fn changed_message(r: Result<Vec<(String, bool)>, ImportError>) -> String {
        match r {
            Err(ImportError::Invalid(v)) => v[0].to_string(),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn an_unchanged_file_replays_with_canonical_lines_passed_through() {
        let (_dir, path, _) = sample();
        let s = first_pass(&path);
        let got = replayed(&s).unwrap();
        assert_eq!(got.len(), 3, "the identical repeat is stored once");
        let canonical: Vec<bool> = got.iter().map(|g| g.1).collect();
        assert_eq!(canonical, [true, false, true]);
    }

    #[test]
    fn a_key_given_twice_is_refused_in_a_streamed_line() {
        let (_dir, path, lines) = sample();
        let line = &lines[0];
        let no = serde_json::from_str::<CaseFile>(line).unwrap().case_no;
        let head = format!("{{\"case_no\":{}", serde_json::to_string(&no).unwrap());
        assert!(line.starts_with(&head));
        let rest = &line[head.len()..];
        let twice = [
            // a known field twice, same value and another value
            format!(
                "{head},\"case_no\":{}{rest}",
                serde_json::to_string(&no).unwrap()
            ),
            format!("{head},\"department\":\"甲\"{rest}"),
            // an unknown field twice, same value
            format!("{head},\"备注\":1,\"备注\":1{rest}"),
            // inside a nested object, a known and an unknown key
            line.replacen("\"party\":{", "\"party\":{\"type\":\"法人\",", 1),
            line.replacen("\"party\":{", "\"party\":{\"x\":[],\"x\":[],", 1),
        ];
        for bad in twice {
            assert_ne!(&bad, line);
            std::fs::write(&path, format!("{bad}\n")).unwrap();
            let mut col = Collector::default();
            load(&mut col, &path).unwrap();
            let messages: Vec<String> = col.errors.iter().map(|e| e.to_string()).collect();
            assert!(
                messages.iter().any(|m| m.contains("出现了两次")),
                "{bad}: {messages:?}"
            );
        }
    }

    #[test]
    fn a_file_changed_between_the_passes_stores_nothing() {
        let (_dir, path, lines) = sample();
        let s = first_pass(&path);
        // The same length, one character different: a record that would
        // fail the text rules (a control character in the 案号).
        let bad = lines[2].replacen("号", "\u{1b}\u{1b}\u{1b}", 1);
        let mut edited = lines.clone();
        edited[2] = bad;
        std::fs::write(&path, edited.join("\n") + "\n").unwrap();
        let m = changed_message(replayed(&s));
        assert!(m.contains("第 3 行"), "{m}");
        assert!(m.contains("被修改") && m.contains("不同"), "{m}");

        std::fs::write(&path, lines[..2].join("\n") + "\n").unwrap();
        assert!(changed_message(replayed(&s)).contains("变短"));

        let longer = lines.join("\n") + "\n" + &lines[0] + "\n";
        std::fs::write(&path, longer).unwrap();
        assert!(changed_message(replayed(&s)).contains("变长"));
    }
}
