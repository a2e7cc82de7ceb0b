//! Another journal folder of format 3 (a second journal kept apart, a
//! backup, a copy from a machine that never synced), read to be imported:
//! merged as its devices would merge it, into memory, writing nothing in
//! it or for it.

use std::fs::File;
use std::io::Seek;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use super::{DEVICE, Folder, Log, Merged, keyring, sealing};
use crate::keys::Identities;

/// The merged journal of another folder, and its logs that did not read.
pub struct Other {
    /// One entry per line, as a journal of format 2.
    pub lines: File,
    pub unreadable: Vec<(PathBuf, String)>,
    /// The lines that are no record, by number, and why.
    pub damaged: Vec<(usize, String)>,
}

/// Reads `dir` when it is a journal folder of format 3; `person` gives the
/// identity, asked only when the folder is encrypted.
pub fn read_other(dir: &Path, person: impl FnOnce() -> Result<Identities>) -> Result<Option<Other>> {
    if !Folder::is_at(dir) {
        return Ok(None);
    }
    let folder = Folder { dir: dir.to_owned(), state: PathBuf::new(), device: String::new(), sealing: None };
    let folder = Folder { sealing: Folder::sealing_of(dir)?, ..folder };
    if let Some(sealing) = &folder.sealing {
        let keys = keyring::unlock(dir, &person()?)?;
        if keys.is_empty() {
            bail!(crate::journal::sealed::NotItsKey);
        }
        *sealing.keys.lock().expect("not poisoned") = Some(keys);
    }
    let merged = Merged::read(folder.logs()?, "", &|file| folder.open_log(file), 0)?;
    written(merged).map(Some)
}

/// Reads `path`, one device's plain log copied out of its journal folder,
/// as the journal of that one device.
pub fn read_log(path: &Path) -> Result<Other> {
    let folder = path.parent().and_then(Path::file_name).map(|name| name.to_string_lossy());
    let dev = folder.as_deref().and_then(|name| name.strip_prefix(DEVICE)).filter(|dev| crate::journal::is_id(dev));
    let dev = dev.unwrap_or_default();
    let log = Log { path: path.to_owned(), dev: dev.into(), number: None, pending: false };
    written(Merged::read(vec![log], "", &Ok, 0)?)
}

/// The merged journal written as a journal of format 2, in memory.
fn written(merged: Merged) -> Result<Other> {
    let mut lines = sealing::in_memory()?;
    merged.write(&mut lines)?;
    lines.rewind()?;
    let damaged = merged.damaged.into_iter().map(|(_, line, reason)| (line, reason)).collect();
    Ok(Other { lines, unreadable: merged.unreadable, damaged })
}
