//! Reading a file whole, never more of it than its kind may hold
//! (`limits`): a larger file, a device such as /dev/zero or an endless pipe
//! is refused with a sentence that names the limit, instead of filling
//! memory; where a file must be a regular one, a FIFO is refused before it
//! is opened, so it cannot block.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::Path;

use crate::limits::{FileLimit, megabytes};

/// The bytes of the file at `path`, also a pipe (`<(…)`) or a device, up to `limit`.
pub fn read(path: &Path, limit: FileLimit) -> io::Result<Vec<u8>> {
    read_from(open(path)?, limit)
}

/// Opens `path` to read without waiting for a writer: a named pipe that
/// nothing writes to reads as empty instead of blocking bezin for ever,
/// while a pipe that something writes to (`<(…)`) is read as it comes.
pub fn open(path: &Path) -> io::Result<File> {
    use nix::fcntl::{FcntlArg, OFlag, fcntl};
    use std::os::unix::fs::OpenOptionsExt;
    let file = fs::OpenOptions::new().read(true).custom_flags(OFlag::O_NONBLOCK.bits()).open(path)?;
    fcntl(&file, FcntlArg::F_SETFL(OFlag::empty()))?;
    Ok(file)
}

/// `read` of a file that must be a regular one: a folder, a FIFO or a
/// device is refused before it is opened.
pub fn read_regular(path: &Path, limit: FileLimit) -> io::Result<Vec<u8>> {
    if !fs::metadata(path)?.is_file() {
        return Err(not_regular());
    }
    let file = File::open(path)?;
    // What was opened may not be what was looked at a moment before.
    let opened = file.metadata()?;
    if !opened.is_file() {
        return Err(not_regular());
    }
    if opened.len() > limit.bytes {
        return Err(too_large(limit));
    }
    read_from(file, limit)
}

/// Everything `reader` gives, up to `limit`.
pub fn read_from(reader: impl Read, limit: FileLimit) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader.take(limit.bytes + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit.bytes {
        return Err(too_large(limit));
    }
    Ok(bytes)
}

fn not_regular() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, crate::lang::interface().environment().not_regular_file)
}

fn too_large(limit: FileLimit) -> io::Error {
    let message = (crate::lang::interface().environment().file_too_large)(&megabytes(limit.bytes), limit.what());
    io::Error::new(io::ErrorKind::FileTooLarge, message)
}

/// Bytes that are not UTF-8 text, and where the first byte that is not.
#[derive(Debug, PartialEq, Eq)]
pub struct NotText {
    pub line: usize,
    /// In characters, from 1.
    pub column: usize,
}

impl fmt::Display for NotText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not UTF-8 text (line {}, column {})", self.line, self.column)
    }
}

impl std::error::Error for NotText {}

impl From<NotText> for io::Error {
    fn from(not_text: NotText) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, not_text)
    }
}

/// `bytes` as text.
pub fn text(bytes: Vec<u8>) -> Result<String, NotText> {
    String::from_utf8(bytes).map_err(|err| {
        let bytes = err.as_bytes();
        let valid = std::str::from_utf8(&bytes[..err.utf8_error().valid_up_to()]).unwrap_or_default();
        let (line, column) = crate::toml_error::line_and_column(valid, valid.len());
        NotText { line, column }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: FileLimit = FileLimit { bytes: 1_000_000, of: ["a small file", "een klein bestand"] };

    #[test]
    fn a_device_is_read_no_further_than_the_limit() {
        let err = read(Path::new("/dev/zero"), SMALL).unwrap_err();
        assert_eq!(err.to_string(), "larger than 1 MB, more than a small file may be");
        assert!(read_regular(Path::new("/dev/zero"), SMALL).unwrap_err().to_string().starts_with("not a regular file"));
    }

    #[test]
    fn a_file_up_to_the_limit_is_read_whole() {
        let file = tempfile::NamedTempFile::new().unwrap();
        fs::write(file.path(), "a".repeat(1_000_000)).unwrap();
        assert_eq!(read_regular(file.path(), SMALL).unwrap().len(), 1_000_000);
        fs::write(file.path(), "a".repeat(1_000_001)).unwrap();
        assert_eq!(read_regular(file.path(), SMALL).unwrap_err().kind(), io::ErrorKind::FileTooLarge);
    }

    #[test]
    fn text_that_is_not_utf8_is_placed() {
        assert_eq!(text(b"ok\nz\xc3\xabo\xff".to_vec()), Err(NotText { line: 2, column: 4 }));
        assert_eq!(text("één".into()).unwrap(), "één");
    }
}
