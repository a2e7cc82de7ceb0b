//! Files written whole or not at all: a temporary file beside the target,
//! synced, renamed over it, and the folder synced, so that a crash leaves
//! either the old file or the new one, never a part. A planted link at the
//! target is replaced, never written through. Dropped before `commit`, the
//! temporary file goes.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// A file being written, to take the place of `target` on `commit`.
pub struct AtomicFile {
    out: BufWriter<NamedTempFile>,
    target: PathBuf,
}

impl AtomicFile {
    /// A new owner-only temporary file in `target`'s folder, named from
    /// `prefix` so that leftovers can be recognised.
    pub fn new(target: &Path, prefix: &str) -> io::Result<AtomicFile> {
        let temp = tempfile::Builder::new().prefix(prefix).tempfile_in(folder_of(target))?;
        Ok(AtomicFile { out: BufWriter::with_capacity(1 << 16, temp), target: target.to_owned() })
    }

    /// Syncs the file and renames it over the target; the folder is not yet
    /// synced (`sync_folder`), for one sync after many files.
    pub fn persist(self) -> io::Result<PathBuf> {
        let temp = self.out.into_inner().map_err(io::IntoInnerError::into_error)?;
        temp.as_file().sync_all()?;
        temp.persist(&self.target).map_err(|err| err.error)?;
        Ok(self.target)
    }

    /// Renames the file over the target without syncing it, for many files
    /// that one `syncfs` of their file system makes last together.
    pub fn persist_unsynced(self) -> io::Result<PathBuf> {
        let temp = self.out.into_inner().map_err(io::IntoInnerError::into_error)?;
        temp.persist(&self.target).map_err(|err| err.error)?;
        Ok(self.target)
    }

    /// Syncs the file, renames it over the target and syncs the folder: once
    /// this returns, the new file is there to stay.
    pub fn commit(self) -> io::Result<()> {
        let target = self.persist()?;
        sync_folder(folder_of(&target))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Syncs a folder, so that the renames in it last.
pub fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."))
}
