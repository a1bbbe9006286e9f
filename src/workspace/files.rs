//! What the front ends read and write outside the database, through the
//! adapters that know each format: a case file to enter, the blank entry
//! sheet and standard template, this machine's reviewer key; and the
//! documents' options.

use crate::error::{Error, Result};
use crate::model::CaseFile;
use std::path::{Path, PathBuf};

pub use crate::report::settings::cn_date;
pub use crate::report::{Formats, MANIFEST, Options};

/// The one file of a `.json` (or `.jsonl`) or of an entry sheet `.xlsx`,
/// validated as the importer validates, with the importer's warnings.
pub fn read_case_file(path: &Path) -> Result<(CaseFile, Vec<String>)> {
    let is_xlsx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        return Ok((crate::entry::sheet::read_sheet(path)?, Vec::new()));
    }
    let loaded = crate::import::load_paths(&[path.to_path_buf()])?;
    let warnings = loaded.warnings.iter().map(|w| w.to_string()).collect();
    let mut cases = loaded.cases;
    if cases.len() != 1 {
        return Err(Error::NotOneCase {
            path: path.to_path_buf(),
            count: cases.len(),
        });
    }
    Ok((cases.remove(0).0, warnings))
}

/// Writes the blank case entry sheet (案卷录入表).
pub fn write_entry_template(out: &Path) -> Result<()> {
    crate::entry::sheet::write_template(out)
}

/// Writes the blank standard template (评查标准 and 说明 sheets).
pub fn write_standard_template(out: &Path) -> Result<()> {
    crate::import::standard::write_template(out).map_err(|e| Error::Write {
        path: out.to_path_buf(),
        detail: e.to_string(),
    })
}

/// This machine's reviewer key pair, made when there is none: the public
/// key, where the private key is kept, and whether it was made now.
pub fn reviewer_key() -> Result<(String, PathBuf, bool)> {
    Ok(crate::keys::reviewer_key()?)
}

/// Refuses a public key that is not an Ed25519 key in hex.
pub fn check_public_key(key: &str) -> Result<()> {
    crate::keys::parse_public(key)
        .map(|_| ())
        .ok_or_else(|| crate::keys::KeyError::BadPublic(key.to_string()).into())
}
