//! The plain file that is read: a journal of format 2 until bezin first
//! writes to it, or the merged view of a journal folder. Opened and locked
//! here, appended to in whole lines, mended after a crash; what a stopped
//! rewrite left beside it is found and removed here too.

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, Write};
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::{Entry, Journal, MovedAside, Sealed, lines};
use crate::lang::failed::{Step, Thing, could_not};

impl Journal {
    /// Appends a journal line to the plain file that is read.
    pub(super) fn append_line(&self, line: &str) -> Result<Option<MovedAside>> {
        let created = self.create_parent()? | !self.path.exists();
        let Some(mut file) = self.lock(true)? else {
            bail!((crate::lang::interface().journal().changed_while_written)(&self.display().to_string()))
        };
        self.remove_leftovers();
        let seen = self.seen_before_append(&file);
        let moved = self.mend_tail(&mut file).with_context(|| could_not(Step::Mend, Thing::Journal, self.display()))?;
        let length = file.metadata()?.len();
        let mut after = None;
        let written = file.write_all(line.as_bytes()).map(|()| {
            after = Self::state_after_append(&file, length + line.len() as u64);
        });
        if let Err(err) = written.and_then(|()| file.sync_all()) {
            // A full disk may have taken half the line: the journal goes back to what it was.
            let _ = file.set_len(length).and_then(|()| file.sync_all());
            return Err(err).with_context(|| could_not(Step::WriteTo, Thing::Journal, self.display()));
        }
        if moved.is_none() {
            self.seen_after_append(after, seen);
        }
        if created {
            sync_dir(self.path.parent())?;
        }
        Ok(moved)
    }

    /// Ends the journal with a newline again after a crash: a last line that
    /// is a whole entry gets its newline; a torn one goes to a file of its
    /// own beside the journal, never dropped.
    pub(super) fn mend_tail(&self, file: &mut File) -> Result<Option<MovedAside>> {
        let mut aside = self.file().into_os_string();
        aside.push(".corrupt");
        mend_tail(file, Path::new(&aside), |line| serde_json::from_slice::<Entry>(line).is_ok())
    }

    /// Opens and locks the journal: exclusively to write (creating it), shared
    /// to read; `None` when reading a journal that does not exist yet, or
    /// when it was encrypted meanwhile. A file replaced by a rewrite while
    /// this waited for the lock is opened again.
    pub(super) fn lock(&self, write: bool) -> Result<Option<File>> {
        loop {
            let path = self.file();
            if let Ok(meta) = fs::metadata(&path)
                && !meta.is_file()
            {
                let message = (crate::lang::interface().journal().not_regular_journal)(&self.display().to_string());
                return Err(std::io::Error::other(message).into());
            }
            if self.sealed().is_some() {
                return Ok(None);
            }
            let opened = OpenOptions::new().read(true).append(write).create(write).mode(0o600).open(&path);
            let file = match opened {
                Ok(file) => file,
                Err(err) if err.kind() == ErrorKind::NotFound && !write => return Ok(None),
                Err(err) => {
                    return Err(err).with_context(|| could_not(Step::Open, Thing::Journal, self.display()));
                }
            };
            super::wait_for_lock(&file, write)
                .with_context(|| could_not(Step::Lock, Thing::Journal, self.display()))?;
            let opened = file.metadata()?;
            match fs::metadata(&path) {
                Ok(now) if now.ino() == opened.ino() && now.dev() == opened.dev() => {
                    if self.sealed().is_some() {
                        // Made empty by this writer just as the journal was encrypted.
                        if opened.len() == 0 {
                            let _ = fs::remove_file(&path);
                        }
                        return Ok(None);
                    }
                    // The view is bezin's own; the file a person named must be a journal.
                    if write && path == self.path && !lines::holds_entries(&file)? {
                        let message = format!(
                            "{} is not empty and holds no bezin entry, so bezin leaves it as it is; \
                             give the journal's path with --journal, or a new file",
                            self.display()
                        );
                        return Err(std::io::Error::other(message).into());
                    }
                    return Ok(Some(file));
                }
                // Made a folder (format 3) while this waited: the caller goes on with it.
                _ if self.file() != path => return Ok(None),
                _ => {}
            }
        }
    }

    /// The new journals of rewrites that were stopped (killed, a crash)
    /// before they could be renamed into place.
    pub fn leftovers(&self) -> Vec<PathBuf> {
        let mut found = self.plain_leftovers();
        found.extend(super::folder::leftovers(&self.path));
        if let Some(sealed) = self.sealed() {
            found.extend(sealed.leftovers().unwrap_or_default());
        }
        found
    }

    /// Beside the journal: new plain journals of stopped rewrites or
    /// decrypts, and encrypted ones of stopped encrypts. Found also when
    /// the plain journal is gone (encrypted).
    pub(super) fn plain_leftovers(&self) -> Vec<PathBuf> {
        let real = fs::canonicalize(&self.path).ok().or_else(|| {
            let folder = self.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            Some(fs::canonicalize(folder).ok()?.join(self.path.file_name()?))
        });
        let Some(real) = real else { return Vec::new() };
        let prefixes = [leftover_prefix(&real), Sealed::building_prefix(&Sealed::folder_of(&real))];
        let Some(Ok(entries)) = real.parent().map(fs::read_dir) else { return Vec::new() };
        let ours = |name: &std::ffi::OsStr| prefixes.iter().any(|prefix| name.to_string_lossy().starts_with(prefix));
        entries.filter_map(Result::ok).filter(|entry| ours(&entry.file_name())).map(|entry| entry.path()).collect()
    }

    /// Removes the leftovers of stopped rewrites; only called under the
    /// exclusive lock, when no rewrite of this journal can be running.
    pub(super) fn remove_leftovers(&self) {
        for leftover in self.plain_leftovers() {
            let _ = if leftover.is_dir() { fs::remove_dir_all(leftover) } else { fs::remove_file(leftover) };
        }
    }

    /// Makes the journal's folder (owner-only) if it is missing; true if it did.
    pub(super) fn create_parent(&self) -> Result<bool> {
        let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) else {
            return Ok(false);
        };
        if parent.is_dir() {
            return Ok(false);
        }
        crate::paths::create_private_dir(parent)
            .with_context(|| could_not(Step::Create, Thing::Folder, parent.display()))?;
        Ok(true)
    }
}

/// How the new journal of a rewrite is named while it is being written:
/// `.journal.jsonl.rewrite-XXXXXX` beside the journal.
pub(super) fn leftover_prefix(journal: &Path) -> String {
    let name = journal.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
    format!(".{name}.rewrite-")
}

/// A new owner-only file beside the journal for lines it no longer holds
/// (`corrupt` for a torn line, `conflict` for the version an import did not
/// keep): `journal.jsonl.KIND-<time>`, with a number added if that is taken.
pub(super) fn aside_file(journal: &Path, kind: &str) -> Result<(PathBuf, File)> {
    let mut name = journal.as_os_str().to_owned();
    name.push(format!(".{kind}"));
    new_aside(Path::new(&name), "")
}

/// A new owner-only file named `base-<time>` and `suffix`, with a number
/// added if that is taken.
pub(super) fn new_aside(base: &Path, suffix: &str) -> Result<(PathBuf, File)> {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S").to_string();
    let mut n = 0;
    loop {
        let mut name = base.as_os_str().to_owned();
        name.push(if n == 0 { format!("-{stamp}{suffix}") } else { format!("-{stamp}-{n}{suffix}") });
        let aside = PathBuf::from(name);
        match OpenOptions::new().write(true).create_new(true).mode(0o600).open(&aside) {
            Ok(file) => return Ok((aside, file)),
            Err(err) if err.kind() == ErrorKind::AlreadyExists => n += 1,
            Err(err) => return Err(err.into()),
        }
    }
}

pub(super) fn sync_dir(dir: Option<&Path>) -> Result<()> {
    let dir = dir.filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    File::open(dir).and_then(|d| d.sync_all()).with_context(|| could_not(Step::Sync, Thing::Folder, dir.display()))
}

/// Ends a file of lines with a newline again after a crash: a last line
/// that is `whole` gets its newline; a torn one goes to a new file named
/// from `aside` (`aside-<time>`), never dropped.
pub(crate) fn mend_tail(file: &mut File, aside: &Path, whole: impl Fn(&[u8]) -> bool) -> Result<Option<MovedAside>> {
    let length = file.metadata()?.len();
    let Some(start) = lines::tail_start(file, length)? else { return Ok(None) };
    if length - start <= lines::LONGEST as u64 {
        let mut tail = vec![0; usize::try_from(length - start)?];
        FileExt::read_exact_at(file, &mut tail, start)?;
        if whole(&tail) {
            file.write_all(b"\n")?;
            return Ok(None);
        }
    }
    let line = lines::number_at(file, start)?;
    let (path, mut kept) = new_aside(aside, "")?;
    let mut torn = file.try_clone()?;
    torn.seek(std::io::SeekFrom::Start(start))?;
    std::io::copy(&mut torn.take(length - start), &mut kept)?;
    kept.sync_all()?;
    file.set_len(start)?;
    file.sync_all()?;
    Ok(Some(MovedAside { line, path }))
}
