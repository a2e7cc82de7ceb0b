//! Which device this is. The id is made once and kept in the state folder,
//! never in the synced journal. Beside it is the file's own identity on
//! disk and the machine's: a copy of the file (a home folder restored on a
//! new machine, a cloned disk) is another file, so it gets an id of its
//! own, and two machines never write as one.

use std::fs;
use std::fs::OpenOptions;
use std::io::{ErrorKind, Write};
use std::os::unix::fs::MetadataExt;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use crate::lang::failed::{Step, Thing, could_not};
use anyhow::{Context, Result};

const FILE: &str = "device.txt";
/// Held while the id is made.
const LOCK: &str = "device.lock";

/// This device's id: ten characters of `0-9a-z`. Made under a lock of its
/// own, so that bezins starting at once agree on one id, and whole beside
/// the file before it is linked into place: a half-written file is never
/// read.
pub fn this_device(state: &Path) -> Result<String> {
    let path = state.join(FILE);
    if let Some(id) = read(&path) {
        return Ok(id);
    }
    crate::paths::create_private_dir(state).with_context(|| could_not(Step::Create, Thing::Folder, state.display()))?;
    let lock_path = state.join(LOCK);
    let lock = OpenOptions::new().create(true).append(true).mode(0o600).open(&lock_path);
    let lock = lock.with_context(|| could_not(Step::Open, Thing::Path, lock_path.display()))?;
    lock.lock().with_context(|| could_not(Step::Lock, Thing::Path, lock_path.display()))?;
    // Made by another bezin while this one waited.
    if let Some(id) = read(&path) {
        return Ok(id);
    }
    // One made for another file, or another machine, goes.
    let _ = fs::remove_file(&path);
    let id = crate::journal::new_id();
    let made = state.join(format!(".{FILE}.{id}"));
    let written = crate::paths::create_new_private(&made).and_then(|mut file| {
        let identity = identity(&file.metadata()?);
        file.write_all(format!("{id} {identity}\n").as_bytes())?;
        file.sync_all()
    });
    let linked = written.and_then(|()| fs::hard_link(&made, &path));
    let _ = fs::remove_file(&made);
    linked.with_context(|| could_not(Step::Write, Thing::Path, path.display()))?;
    Ok(id)
}

/// The id in `path`, when the file is the one it was written in, on this
/// machine.
fn read(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let (id, made_in) = text.trim_end().split_once(' ')?;
    let meta = fs::metadata(path).ok()?;
    (made_in == identity(&meta) && crate::journal::is_id(id) && id.len() == 10).then(|| id.to_owned())
}

/// The file on disk (device and inode) and the machine it is on.
fn identity(meta: &fs::Metadata) -> String {
    let machine = ["/etc/machine-id", "/var/lib/dbus/machine-id", "/proc/sys/kernel/hostname"]
        .iter()
        .filter_map(|path| fs::read_to_string(path).ok())
        .map(|text| text.trim().to_owned())
        .collect::<Vec<_>>()
        .join("/");
    let hash = machine
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
    format!("{}:{}:{hash:016x}", meta.dev(), meta.ino())
}

/// Makes the folder of device `id` in the journal folder `journal`, with
/// the machine's name in it, and returns it. A folder made meanwhile by
/// another bezin of this device is taken as it is.
pub fn make_folder(journal: &Path, id: &str) -> std::io::Result<PathBuf> {
    let dir = journal.join(format!("{}{id}", super::DEVICE));
    crate::paths::create_private_dir(&dir)?;
    match crate::paths::write_new_private(&dir.join(super::NAME_FILE), format!("{}\n", host_name()).as_bytes()) {
        Err(err) if err.kind() != ErrorKind::AlreadyExists => Err(err),
        _ => Ok(dir),
    }
}

/// The machine's name, to tell people which device a folder is.
fn host_name() -> String {
    let name = fs::read_to_string("/proc/sys/kernel/hostname").or_else(|_| fs::read_to_string("/etc/hostname"));
    let name = name.unwrap_or_default();
    let name: String = name.trim().chars().filter(|c| !c.is_control()).take(64).collect();
    if name.is_empty() { "this device".to_owned() } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_stays_and_a_copy_elsewhere_gets_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let (here, there) = (dir.path().join("here"), dir.path().join("there"));
        let id = this_device(&here).unwrap();
        assert_eq!(this_device(&here).unwrap(), id);
        fs::create_dir_all(&there).unwrap();
        fs::copy(here.join(FILE), there.join(FILE)).unwrap();
        let copied = this_device(&there).unwrap();
        assert_ne!(copied, id, "a copied id is replaced");
        assert_eq!(this_device(&there).unwrap(), copied);
    }
}
