//! The encrypted journal of one device (its parts in `sealed-NNNNNN/`, its
//! saves beside them) becoming an encrypted journal folder of format 3 in
//! the same place, with no secret: its files are linked, byte for byte,
//! as this device's first logs and saves, its keys become the first key
//! change, and `format.txt` is written last. A stop before that leaves the
//! old journal as it was; one after, its old names, removed next time.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

use super::keyring::KeyChange;
use super::sealing::{FORMAT_TEXT, PENDING};
use super::{DEVICE, FORMAT_FILE, device, log_name};
use crate::atomic::{AtomicFile, sync_folder};
use crate::journal::Sealed;
use crate::lang::failed::{Step, Thing, could_not};

/// Makes the encrypted journal `sealed` a folder of format 3, under its lock.
pub fn migrate_sealed(sealed: &Sealed, state: &Path) -> Result<()> {
    let dir = sealed.dir();
    let Some(_lock) = sealed.lock(true)? else { return Ok(()) };
    if dir.join(FORMAT_FILE).is_file() {
        return Ok(());
    }
    let device = device::this_device(state)?;
    let own = dir.join(format!("{DEVICE}{device}"));
    // What a stopped migration made: the old journal is still whole beside it.
    if own.exists() {
        fs::remove_dir_all(&own).with_context(|| could_not(Step::Remove, Thing::Path, own.display()))?;
    }
    device::make_folder(dir, &device).with_context(|| could_not(Step::Create, Thing::Path, own.display()))?;
    for (number, part) in sealed.current_parts()?.iter().enumerate() {
        link(part, &own.join(log_name(u32::try_from(number + 1)?, ".age")))?;
    }
    for (number, save) in sealed.waiting()?.iter().enumerate() {
        link(save, &own.join(format!("{PENDING}{number}-00000000.age")))?;
    }
    let keys = sealed.keys()?;
    let at = u64::try_from(jiff::Timestamp::now().as_microsecond()).unwrap_or(0);
    let change = KeyChange {
        add: keys.person.keys().to_vec(),
        remove: Vec::new(),
        own: keys.own.clone(),
        to: keys.person.keys().to_vec(),
        at,
        dev: device,
    };
    link(&sealed.key_file()?, &own.join(format!("key-{at}.age")))?;
    crate::paths::write_new_private(&own.join(format!("keys-{at}.json")), &serde_json::to_vec(&change)?)?;
    sync_folder(&own)?;
    sync_folder(dir)?;
    let mut format = AtomicFile::new(&dir.join(FORMAT_FILE), ".format-")?;
    std::io::Write::write_all(&mut format, FORMAT_TEXT.as_bytes())?;
    format.commit().with_context(|| could_not(Step::Write, Thing::Path, dir.join(FORMAT_FILE).display()))?;
    remove_old_names(dir, &own)
}

/// Names the encrypted journal of one device gave its files.
const OLD_NAMES: [&str; 6] = ["sealed-", "new-", "import-", "index-", ".tmp-", ".building-"];

/// Whether the folder `dir` still holds files under such names.
pub fn holds_old_names(dir: &Path) -> bool {
    let names = fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok);
    names.map(|entry| entry.file_name()).any(|name| OLD_NAMES.iter().any(|old| name.to_string_lossy().starts_with(old)))
}

/// Removes what the encrypted journal of one device named that its folder
/// of format 3 holds under new names in `own`, or holds no longer (its
/// indexes). A save an older bezin made meanwhile is first taken into `own`.
pub fn remove_old_names(dir: &Path, own: &Path) -> Result<()> {
    use std::os::unix::fs::MetadataExt;
    let taken: Vec<u64> =
        fs::read_dir(own).into_iter().flatten().filter_map(|file| Some(file.ok()?.metadata().ok()?.ino())).collect();
    for entry in fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let waiting = (name.starts_with("new-") || name.starts_with("import-"))
            && std::path::Path::new(&name).extension().is_some_and(|ext| ext == "age");
        if waiting && fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_file() && !taken.contains(&meta.ino())) {
            let stamp = jiff::Timestamp::now().as_microsecond();
            link(&path, &own.join(format!("{PENDING}{stamp}-{:08x}.age", fastrand::u32(..))))?;
            sync_folder(own)?;
        }
        if OLD_NAMES.iter().any(|prefix| name.starts_with(prefix)) {
            let _ = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        }
    }
    sync_folder(dir)?;
    Ok(())
}

/// A second name for `from` at `to`; a copy where links cannot be made.
fn link(from: &Path, to: &Path) -> Result<()> {
    fs::hard_link(from, to)
        .or_else(|_| fs::copy(from, to).map(drop))
        .with_context(|| could_not(Step::PutInPlace, Thing::Path, to.display()))
}

/// Makes a new encrypted journal folder at `dir`, encrypted to `person`'s
/// keys and a new journal key, with what `write` writes (journal lines) as
/// this device's first log: in a folder beside it renamed into place, so
/// it is there whole or not at all. Returns what new files are encrypted to.
pub fn create_sealed(
    dir: &Path,
    state: &Path,
    person: &crate::keys::Recipients,
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<()>,
) -> Result<crate::keys::Recipients> {
    let parent = super::parent_of(dir);
    let building = tempfile::Builder::new()
        .prefix(&Sealed::building_prefix(dir))
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .tempdir_in(parent)
        .with_context(|| could_not(Step::MakeFolderIn, Thing::Path, parent.display()))?;
    let device = device::this_device(state)?;
    let own = device::make_folder(building.path(), &device)?;
    let at = u64::try_from(jiff::Timestamp::now().as_microsecond()).unwrap_or(0);
    let stamp = super::Stamp { at, dev: device.as_str().into() };
    super::keyring::write_change(&own, &super::keyring::Keyring::default(), person.keys(), &[], &stamp)?;
    let recipients = super::keyring::Keyring::read(building.path())?.recipients()?;
    let log = own.join(log_name(1, ".age"));
    let mut out = recipients.encrypt(AtomicFile::new(&log, ".new-")?)?;
    write(&mut out)?;
    out.finish()?.commit().with_context(|| could_not(Step::Write, Thing::Path, log.display()))?;
    crate::paths::write_new_private(&building.path().join(FORMAT_FILE), FORMAT_TEXT.as_bytes())?;
    sync_folder(&own)?;
    sync_folder(building.path())?;
    let made = building.keep();
    fs::rename(&made, dir).with_context(|| could_not(Step::PutInPlace, Thing::Path, dir.display()))?;
    sync_folder(parent)?;
    Ok(recipients)
}
