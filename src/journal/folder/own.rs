//! This device's records, kept twice: in its logs in the synced folder,
//! and in one file in the machine's state folder, which no sync reaches.
//! A sync that puts an older copy of a device's log in place of the newer
//! one (a folder copied over from another machine, an old version brought
//! back) would otherwise take with it what this device saved since; the
//! merge finds its log cut short or replaced and writes the kept records
//! back as a new log. Reading a record twice changes nothing, and the next
//! compaction keeps each once.

use std::fs::{File, OpenOptions};
use std::io::{Seek, SeekFrom};
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::{Context, Result};

use crate::atomic::AtomicFile;
use crate::lang::failed::{Step, Thing, could_not};

/// Adds what `log` holds from `from` on (the records just written) to the
/// kept records at `kept`.
pub fn keep(kept: &Path, log: &File, from: u64) -> Result<()> {
    let mut copy = OpenOptions::new().append(true).create(true).mode(0o600).open(kept);
    let copy = copy.as_mut().map_err(|err| anyhow::anyhow!("{err}"));
    let copy = copy.with_context(|| could_not(Step::KeepCopyIn, Thing::Path, kept.display()))?;
    let mut log = log.try_clone()?;
    log.seek(SeekFrom::Start(from))?;
    std::io::copy(&mut in_pieces(log), copy)?;
    copy.sync_all()?;
    Ok(())
}

/// Makes the kept records what the log at `log` holds, after a compaction.
pub fn keep_as(kept: &Path, log: &Path) -> Result<()> {
    let mut out = AtomicFile::new(kept, ".own.jsonl.new-")?;
    std::io::copy(&mut in_pieces(File::open(log)?), &mut out)?;
    out.commit().with_context(|| could_not(Step::KeepCopyIn, Thing::Path, kept.display()))
}

/// Writes the kept records back as the new log `log`.
pub fn restore(kept: &Path, log: &Path) -> Result<()> {
    let Ok(records) = File::open(kept) else { return Ok(()) };
    let mut out = AtomicFile::new(log, ".log-compacting-")?;
    std::io::copy(&mut in_pieces(records), &mut out)?;
    out.commit().with_context(|| could_not(Step::Write, Thing::Path, log.display()))
}

/// Forgets the kept records: they were another journal's.
pub fn forget(kept: &Path) -> Result<()> {
    match std::fs::remove_file(kept) {
        Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
            Err(err).with_context(|| could_not(Step::Remove, Thing::Path, kept.display()))
        }
        _ => Ok(()),
    }
}

/// `file` read in large pieces: copied to a file opened to append, or
/// through a buffer, it is otherwise read a few kilobytes at a time.
fn in_pieces(file: File) -> std::io::BufReader<File> {
    std::io::BufReader::with_capacity(1 << 18, file)
}
