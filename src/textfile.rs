//! Reading a small text input (documents' settings, a template, a holiday
//! notice, a rules profile, a standard in a folder): a regular file only,
//! checked before it is opened (opening a pipe would wait for a writer),
//! and at most [`SMALL_TEXT`] bytes, so a device, a pipe or a huge file
//! named by mistake can neither hang the program nor exhaust its memory.

use std::io::{Error, ErrorKind, Read};
use std::path::Path;

/// The most bytes a small text input may have.
pub const SMALL_TEXT: u64 = 4 * 1024 * 1024;

/// The text of `path` (UTF-8), or an error whose message says in Chinese
/// what is wrong with the file.
pub fn read_small(path: &Path) -> std::io::Result<String> {
    if !std::fs::metadata(path)?.is_file() {
        return Err(Error::new(
            ErrorKind::InvalidInput,
            "不是普通文件（是文件夹、设备或命名管道）",
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(SMALL_TEXT + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > SMALL_TEXT {
        return Err(Error::new(
            ErrorKind::InvalidData,
            format!("文件超过 {} MB，不像是设置或模板文件", SMALL_TEXT >> 20),
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| Error::new(ErrorKind::InvalidData, "不是 UTF-8 编码的文本"))
}
