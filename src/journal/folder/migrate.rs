//! Making a journal folder: a new one, or one from a journal of format 2
//! (its file becomes this device's first log, byte for byte), and putting
//! in place one that a stopped migration left.

use std::fs;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::{FORMAT_FILE, FORMAT_TEXT, Folder, LOG, device, log_name, parent_of};
use crate::atomic::sync_folder;
use crate::lang::failed::{Step, Thing, could_not};

/// Makes a new, empty journal folder at `dir`, whole or not at all.
pub fn create(dir: &Path) -> Result<()> {
    let made = new_folder(dir)?;
    match fs::rename(&made, dir) {
        Ok(()) => sync_folder(parent_of(dir)).map_err(Into::into),
        // Another bezin made it first.
        Err(_) if Folder::is_at(dir) => Ok(fs::remove_dir_all(&made)?),
        Err(err) => Err(err).with_context(|| could_not(Step::Create, Thing::Journal, dir.display())),
    }
}

/// Turns the journal file at `file` into a journal folder at the same
/// place, the file becoming this device's first log byte for byte. The
/// caller holds the file's lock. A crash in between leaves the new folder
/// whole beside it, which `recover` puts in place.
pub fn migrate(file: &Path, state: &Path) -> Result<()> {
    if !fs::symlink_metadata(file).is_ok_and(|meta| meta.is_file()) {
        anyhow::bail!("the journal {} is no longer a file to make a folder of", file.display());
    }
    remove_empty_new_folders(file);
    let device = device::this_device(state)?;
    let made = new_folder(file)?;
    let dev = device::make_folder(&made, &device)?;
    sync_folder(&dev)?;
    sync_folder(&made)?;
    fs::rename(file, dev.join(log_name(1, ".jsonl")))
        .with_context(|| could_not(Step::MoveIntoItsFolder, Thing::Journal, file.display()))?;
    sync_folder(&dev)?;
    sync_folder(parent_of(file))?;
    match fs::rename(&made, file) {
        // Another bezin, finding the journal gone, put this folder in place (`recover`).
        Err(err) if err.kind() == std::io::ErrorKind::NotFound && Folder::is_at(file) => {}
        renamed => renamed.with_context(|| could_not(Step::PutInPlace, Thing::JournalFolder, file.display()))?,
    }
    sync_folder(parent_of(file))?;
    Ok(())
}

/// Puts in place a journal folder that a stopped migration left beside
/// where the journal was; true if there was one.
pub fn recover(dir: &Path) -> bool {
    let Some(prefix) = new_prefix(dir) else { return false };
    let Ok(entries) = fs::read_dir(parent_of(dir)) else { return false };
    for entry in entries.filter_map(Result::ok) {
        let whole = entry.file_name().to_string_lossy().starts_with(&prefix)
            && Folder::is_at(&entry.path())
            && holds_log(&entry.path());
        if whole && fs::rename(entry.path(), dir).is_ok() {
            let _ = sync_folder(parent_of(dir));
            return true;
        }
    }
    false
}

/// Removes the new folders that stopped migrations left beside `place`
/// before the journal was moved into them: they hold no log.
fn remove_empty_new_folders(place: &Path) {
    let Some(prefix) = new_prefix(place) else { return };
    for entry in fs::read_dir(parent_of(place)).into_iter().flatten().filter_map(Result::ok) {
        let ours = entry.file_name().to_string_lossy().starts_with(&prefix);
        if ours && !holds_log(&entry.path()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether a new folder a migration made holds the journal's file yet.
fn holds_log(dir: &Path) -> bool {
    let devices = fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok);
    let mut files = devices.filter_map(|device| fs::read_dir(device.path()).ok()).flatten().filter_map(Result::ok);
    files.any(|file| file.file_name().to_string_lossy().starts_with(LOG))
}

/// The new folders stopped migrations left beside `place`.
pub fn leftovers(place: &Path) -> Vec<PathBuf> {
    let Some(prefix) = new_prefix(place) else { return Vec::new() };
    let entries = fs::read_dir(parent_of(place)).into_iter().flatten().filter_map(Result::ok);
    entries.filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix)).map(|entry| entry.path()).collect()
}

/// A new owner-only folder beside `place`, holding `format.txt`.
fn new_folder(place: &Path) -> Result<PathBuf> {
    let prefix = new_prefix(place).context("the journal's path has no file name")?;
    let parent = parent_of(place);
    crate::paths::create_private_dir(parent)
        .with_context(|| could_not(Step::Create, Thing::Folder, parent.display()))?;
    let made = parent.join(format!("{prefix}{}", crate::journal::new_id()));
    fs::DirBuilder::new()
        .mode(0o700)
        .create(&made)
        .with_context(|| could_not(Step::Create, Thing::Folder, made.display()))?;
    fs::set_permissions(&made, std::os::unix::fs::PermissionsExt::from_mode(0o700))?;
    crate::paths::write_new_private(&made.join(FORMAT_FILE), FORMAT_TEXT.as_bytes())?;
    Ok(made)
}

fn new_prefix(place: &Path) -> Option<String> {
    Some(format!(".{}.folder-", place.file_name()?.to_string_lossy()))
}

/// Makes a plain journal folder for `place` beside it, not yet in place:
/// this device's first log holds what `write` writes (journal lines) and
/// the deletion of each id in `deleted`, so that no copy brings one back.
/// Returns where it is; `recover` puts it in place after a stop.
pub fn create_plain(
    place: &Path,
    state: &Path,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
    deleted: &std::collections::HashSet<String>,
) -> Result<PathBuf> {
    remove_empty_new_folders(place);
    let device = device::this_device(state)?;
    let made = new_folder(place)?;
    let dev = device::make_folder(&made, &device)?;
    let log = dev.join(log_name(1, ".jsonl"));
    let mut out = crate::atomic::AtomicFile::new(&log, ".log-compacting-")?;
    write(&mut out)?;
    let at = u64::try_from(jiff::Timestamp::now().as_microsecond()).unwrap_or(0);
    let stamp = super::Stamp { at, dev: device.as_str().into() };
    let mut deleted: Vec<&String> = deleted.iter().collect();
    deleted.sort();
    for id in deleted {
        crate::journal::write_line(&mut out, super::record::del(id, &stamp).as_bytes())?;
    }
    out.commit().with_context(|| could_not(Step::Write, Thing::Path, log.display()))?;
    sync_folder(&dev)?;
    sync_folder(&made)?;
    Ok(made)
}

/// Where an encrypted journal folder `sealed` goes while it is removed:
/// beside it, under a name whose leftover bezin removes.
pub fn removing(sealed: &Path) -> PathBuf {
    let prefix = crate::journal::Sealed::building_prefix(sealed);
    parent_of(sealed).join(format!("{prefix}removing-{}", crate::journal::new_id()))
}
