//! Writing a run's documents: each to a temporary file in the output
//! folder, synced, then renamed into place, created 0600; never through a
//! symlink; the manifest (文书清单, each file's SHA-256) last, so a run that
//! was killed is visible by its missing manifest.

use super::compose::{Composer, Issue};
use super::data::ReportData;
use super::settings::Settings;
use super::{Job, Options, ReportError, Written, build, docx, kind_of};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The manifest's file name: `sha256sum -c 文书清单.txt` checks the run.
pub const MANIFEST: &str = "文书清单.txt";

/// Writes every document `opts` asks for as drafts (nothing numbered,
/// nothing recorded), dated by the settings or `opts.today`.
pub fn write_all(
    data: &ReportData,
    settings: &Settings,
    opts: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Written>, ReportError> {
    let date = settings.doc_date(opts.today);
    let due = settings.due(&crate::calendar::Calendar::builtin(), date);
    super::compose_and_write(
        data,
        settings,
        opts,
        Issue::draft(date, due),
        false,
        progress,
    )
}

fn refuse_symlink(path: &Path) -> Result<(), ReportError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(ReportError::Symlink {
            path: path.to_path_buf(),
        }),
        _ => Ok(()),
    }
}

static SEQ: AtomicUsize = AtomicUsize::new(0);

/// Writes `bytes` to `dir/name` atomically, 0600.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> Result<(), ReportError> {
    let path = dir.join(name);
    refuse_symlink(&path)?;
    let tmp = dir.join(format!(
        ".pingcha-{}-{}.tmp",
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    let err = |source| ReportError::Write {
        path: path.clone(),
        source,
    };
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600).custom_flags(libc::O_NOFOLLOW);
    }
    let result = (|| {
        let mut f = o.open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(err(e));
    }
    Ok(())
}

/// Writes the planned documents on all cores, then the manifest.
pub(super) fn write_jobs(
    composer: &Composer<'_>,
    jobs: &[(Job, String)],
    opts: &Options,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Vec<Written>, ReportError> {
    let out = &opts.out;
    if std::fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(ReportError::OutLink { path: out.clone() });
    }
    std::fs::create_dir_all(out).map_err(|source| ReportError::OutDir {
        path: out.clone(),
        source,
    })?;
    refuse_symlink(&out.join(MANIFEST))?;
    for (_, name) in jobs {
        refuse_symlink(&out.join(name))?;
    }
    // A stale manifest would vouch for a half-written run.
    match std::fs::remove_file(out.join(MANIFEST)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(source) => {
            return Err(ReportError::OutDir {
                path: out.clone(),
                source,
            });
        }
    }
    let docx_writer = docx::DocxWriter::with_page(
        &composer.settings.fonts,
        &composer.settings.page,
        composer.issue.draft,
    )?;
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let failure: Mutex<Option<ReportError>> = Mutex::new(None);
    let hashes: Mutex<Vec<(usize, String)>> = Mutex::new(Vec::new());
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
                    let result = build(composer, &docx_writer, *job).and_then(|bytes| {
                        let hex = format!("{:x}", Sha256::digest(&bytes));
                        write_atomic(out, name, &bytes).map(|()| hex)
                    });
                    match result {
                        Ok(hex) => {
                            if let Ok(mut h) = hashes.lock() {
                                h.push((i, hex));
                            }
                        }
                        Err(e) => {
                            if let Ok(mut f) = failure.lock() {
                                f.get_or_insert(e);
                            }
                            break;
                        }
                    }
                    progress(done.fetch_add(1, Ordering::Relaxed) + 1, jobs.len());
                }
            });
        }
    });
    let mut hashes = hashes.into_inner().unwrap_or_default();
    // A run that fails leaves none of its documents behind: an issued
    // document whose number was never registered must not lie about.
    let undo = |hashes: &[(usize, String)]| {
        for (i, _) in hashes {
            let _ = std::fs::remove_file(out.join(&jobs[*i].1));
        }
    };
    if let Some(e) = failure.into_inner().ok().flatten() {
        undo(&hashes);
        return Err(e);
    }
    hashes.sort();
    let mut manifest = String::new();
    for (i, hex) in &hashes {
        manifest.push_str(&format!("{hex}  {}\n", jobs[*i].1));
    }
    if let Err(e) = write_atomic(out, MANIFEST, manifest.as_bytes()) {
        undo(&hashes);
        return Err(e);
    }
    if let Ok(d) = std::fs::File::open(out) {
        let _ = d.sync_all();
    }
    Ok(jobs
        .iter()
        .map(|(job, name)| Written {
            kind: kind_of(*job),
            path: out.join(name),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_is_private_and_refuses_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        write_atomic(dir.path(), "a.docx", b"x").unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.docx")).unwrap(), b"x");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("a.docx"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            let target = dir.path().join("target.txt");
            std::fs::write(&target, b"keep").unwrap();
            std::os::unix::fs::symlink(&target, dir.path().join("b.docx")).unwrap();
            assert!(matches!(
                write_atomic(dir.path(), "b.docx", b"y"),
                Err(ReportError::Symlink { .. })
            ));
            assert_eq!(std::fs::read(&target).unwrap(), b"keep");
        }
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
