//! An encrypted journal folder: journal format 3 in which every log is an
//! age file, encrypted to the keys `keyring.rs` keeps.
//!
//! - A save is one small file of its own, `new-<at>-<random>.age`: it needs
//!   the public keys only, never a secret.
//! - A device with the identity folds its saves into `log-NNNNNN.age`, and
//!   writes its files again when the keys change or to forget what was
//!   deleted (the compaction of `mod.rs`, encrypted).
//! - The merged journal this machine reads is an encrypted journal of
//!   format 2 in the state folder (`view.age/`, `sealed.rs`): the readers
//!   of the encrypted journal read it unchanged.
//!
//! Every file is written once and never changed, so a file either reads
//! whole or is still arriving.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use anyhow::{Context, Result, bail};
use zeroize::Zeroizing;

use super::keyring::{self, Keyring};
use super::{Folder, Lock, Merged, Written};
use crate::atomic::sync_folder;
use crate::journal::sealed::{OwnKey, Sealed, new_own_key};
use crate::keys::{Identities, Recipients};
use crate::lang::failed::{Step, Thing, could_not};
use crate::search::Sifting;

/// What `format.txt` of an encrypted journal folder says.
pub const FORMAT_TEXT: &str = "bezin journal, format 3, encrypted: one log per device, each file an age file; see docs/journal-format.md in bezin\n";
pub const PENDING: &str = "new-";
/// A device folds its saves into a log once it holds this many.
pub const FOLD_AT: usize = 8;

/// In the state folder: the plain journal an encrypt made the folder from.
const ENCRYPTED_FROM: &str = "encrypted-from.txt";

/// The keys that read an encrypted journal folder, once opened.
#[derive(Default)]
pub struct Sealing {
    /// Every journal key the person's identity opened, once it did.
    pub(super) keys: Mutex<Option<Vec<age::x25519::Identity>>>,
    /// The key of this machine's view, when there is one.
    view_key: Mutex<Option<OwnKey>>,
}

impl Folder {
    pub fn is_sealed(&self) -> bool {
        self.sealing.is_some()
    }

    /// The journal keys and the view's key, opened with the person's
    /// identity, which is not kept. When the keys that are in have no
    /// journal key (two devices changed them at once), one is made.
    pub fn unlock(&self, person: &Identities) -> Result<()> {
        let Some(sealing) = &self.sealing else { return Ok(()) };
        if self.is_unlocked() {
            return Ok(());
        }
        let mut keys = keyring::unlock(&self.dir, person)?;
        let ring = Keyring::read(&self.dir)?;
        // A key taken away still opens the journal keys made before: it must be one of those in now.
        if keys.is_empty() || !Recipients::new(ring.person())?.read_by(person)? {
            bail!(crate::journal::sealed::NotItsKey);
        }
        if ring.needs_new_key() {
            let lock = self.lock()?;
            keys.extend(self.new_key_if_needed()?);
            drop(lock);
        }
        if !self.key_files_to_keep().is_empty() {
            self.keep_key_files(&self.lock()?)?;
        }
        *sealing.keys.lock().expect("not poisoned") = Some(keys);
        if let Ok(key) = self.sealed_view().own_key(person) {
            *sealing.view_key.lock().expect("not poisoned") = Some(key);
            return Ok(());
        }
        // No view the identity opens (none yet, or one made for other
        // keys): made now, while the identity is at hand, unless another
        // bezin made one meanwhile. Made later, it would take a key of its
        // own that the other bezin does not hold.
        let lock = self.lock()?;
        if let Ok(key) = self.sealed_view().own_key(person) {
            *sealing.view_key.lock().expect("not poisoned") = Some(key);
        } else {
            self.stale();
            self.rebuild(&lock)?;
        }
        Ok(())
    }

    /// A new journal key, when the keys that are in have none (two devices
    /// changed them at once): any device makes it, since encrypting its
    /// secret to the person's keys needs no secret. A file encrypted to
    /// the person's keys alone would be read only with the identity,
    /// which is not kept while the logs are merged.
    fn new_key_if_needed(&self) -> Result<Option<age::x25519::Identity>> {
        let ring = Keyring::read(&self.dir)?;
        if !ring.needs_new_key() {
            return Ok(None);
        }
        let stamp = self.stamp(self.manifest().unwrap_or_default().max_at.max(ring.max_at));
        self.own_folder()?;
        let key = keyring::write_change(&self.own_dir(), &ring, &[], &[], &stamp)?;
        // Its callers write the journal, under the lock.
        self.key_files_to_keep().iter().try_for_each(|path| self.keep_sealed(path))?;
        Ok(Some(key))
    }

    /// What this device's new files are encrypted to: the person's keys
    /// and a journal key, made first when there is none.
    pub fn recipients_to_write(&self) -> Result<Recipients> {
        if let (Some(key), Some(sealing)) = (self.new_key_if_needed()?, &self.sealing)
            && let Some(keys) = sealing.keys.lock().expect("not poisoned").as_mut()
        {
            keys.push(key);
        }
        self.keyring()?.recipients()
    }

    /// The journal keys, once opened.
    fn journal_keys(&self) -> Option<Vec<age::x25519::Identity>> {
        self.sealing.as_ref()?.keys.lock().expect("not poisoned").clone()
    }

    /// Changes the person's keys to `person`: a key change in this
    /// device's folder, and everything this device wrote encrypted again
    /// to the new keys alone, with the view. The folder must be unlocked.
    pub fn change_keys(&self, person: &Recipients) -> Result<()> {
        let sealing = self.sealing.as_ref().context(crate::lang::interface().journal().not_encrypted)?;
        let lock = self.lock()?;
        let ring = self.keyring()?;
        let now = ring.person();
        let add: Vec<String> = person.keys().iter().filter(|key| !now.contains(key)).cloned().collect();
        let remove: Vec<String> = now.iter().filter(|key| !person.keys().contains(key)).cloned().collect();
        let stamp = self.stamp(self.manifest().unwrap_or_default().max_at.max(ring.max_at));
        self.own_folder()?;
        let key = keyring::write_change(&self.own_dir(), &ring, &add, &remove, &stamp)?;
        sealing.keys.lock().expect("not poisoned").get_or_insert_with(Vec::new).push(key);
        self.keep_key_files(&lock)?;
        self.rebuild(&lock)?;
        Ok(())
    }

    /// Whether the journal keys were opened (or none are needed).
    pub fn is_unlocked(&self) -> bool {
        self.sealing.as_ref().is_none_or(|sealing| sealing.keys.lock().expect("not poisoned").is_some())
    }

    /// The merged journal on this machine, encrypted.
    pub fn sealed_view(&self) -> Sealed {
        Sealed::new(self.state.join("view.age"))
    }

    /// The key that reads the view, once the folder is unlocked.
    pub fn view_key(&self) -> Result<OwnKey> {
        let sealing = self.sealing.as_ref().context(crate::lang::interface().journal().not_encrypted)?;
        let key = sealing.view_key.lock().expect("not poisoned").clone();
        key.context("the encrypted journal's view has no key yet")
    }

    /// The plain text of a small file encrypted to the journal's keys.
    pub fn decrypt_small(&self, path: &std::path::Path) -> Result<Zeroizing<Vec<u8>>> {
        let keys = self.journal_keys().context("the encrypted journal is not unlocked")?;
        let mut identities: Vec<&dyn age::Identity> = keys.iter().map(|key| key as &dyn age::Identity).collect();
        let view = self.view_key().ok();
        if let Some(view) = &view {
            identities.push(view.identity());
        }
        crate::keys::decrypt_file(path, &identities)
    }

    /// Keeps whole entries (their lines: an import) as new entries in this
    /// device's folder, for the next reader with the identity to merge.
    pub fn keep_lines(&self, lines: &[u8]) -> Result<()> {
        let lock = self.lock()?;
        let ring = self.keyring()?;
        let stamp = self.stamp(self.manifest().unwrap_or_default().max_at.max(ring.max_at));
        self.write_sealed(|out| {
            let mut count = 0;
            for line in lines.split(|&b| b == b'\n').filter(|line| !line.is_empty()) {
                let line = std::str::from_utf8(line).context("an entry that is not UTF-8")?;
                crate::journal::write_line(out, super::record::add(line, &stamp).as_bytes())?;
                count += 1;
            }
            Ok(count)
        })?;
        self.stale();
        drop(lock);
        Ok(())
    }

    /// The keys that are in now, and what new files are encrypted to.
    pub fn keyring(&self) -> Result<Keyring> {
        Keyring::read(&self.dir)
    }

    /// The plain text of an age log of the folder, in memory: never on disk.
    pub(super) fn open_sealed(&self, file: File) -> io::Result<File> {
        let keys = self.journal_keys().ok_or_else(|| io::Error::other("the encrypted journal is not unlocked"))?;
        let identities: Vec<&dyn age::Identity> = keys.iter().map(|key| key as &dyn age::Identity).collect();
        let decryptor = age::Decryptor::new_buffered(io::BufReader::new(file)).map_err(io::Error::other)?;
        let mut stream = decryptor.decrypt(identities.into_iter()).map_err(io::Error::other)?;
        let mut plain = in_memory()?;
        io::copy(&mut stream, &mut plain)?;
        Ok(plain)
    }

    /// Writes the records `write` writes as a new file of this device:
    /// encrypted to the journal's keys, synced, and kept in the state
    /// folder too. If anything fails, no file is left.
    pub(super) fn write_sealed(&self, write: impl FnOnce(&mut dyn Write) -> Result<usize>) -> Result<Written> {
        let dir = self.own_folder()?;
        let recipients = self.recipients_to_write()?;
        let stamp = jiff::Timestamp::now().as_microsecond();
        let path = dir.join(format!("{PENDING}{stamp}-{:08x}.age", fastrand::u32(..)));
        let text = {
            let mut text = Zeroizing::new(Vec::new());
            let records = write(&mut *text)?;
            if records == 0 {
                return Ok(Written { path, moved: None, only_this: true, records });
            }
            (text, records)
        };
        recipients.write_file(&path, ".new-", &text.0)?;
        sync_folder(&dir)?;
        self.keep_sealed(&path)?;
        // A save that brings this device's saves to a fold is not all that
        // changed: the view is made again, which folds them (or, without the
        // identity, is left for the next reader to make).
        let only_this = pending_in(&dir) < FOLD_AT;
        Ok(Written { path, moved: None, only_this, records: text.1 })
    }

    /// This device's own files kept in the state folder, to be written
    /// back when a sync takes them (`restore_sealed`).
    fn kept_sealed(&self) -> PathBuf {
        self.state.join("own.age")
    }

    fn keep_sealed(&self, path: &std::path::Path) -> Result<()> {
        let kept = self.kept_sealed();
        crate::paths::create_private_dir(&kept)?;
        let name = path.file_name().context("a file of the journal")?;
        let mut out = crate::atomic::AtomicFile::new(&kept.join(name), ".kept-")?;
        io::copy(&mut File::open(path)?, &mut out)?;
        out.commit().with_context(|| could_not(Step::KeepCopyIn, Thing::Path, kept.display()))
    }

    /// Writes back this device's kept files that are gone from its folder.
    pub(super) fn restore_sealed(&self) -> Result<()> {
        let own = self.own_dir();
        for kept in fs::read_dir(self.kept_sealed()).into_iter().flatten().filter_map(Result::ok) {
            let name = kept.file_name();
            if name.to_string_lossy().starts_with('.') || own.join(&name).is_file() {
                continue;
            }
            let dir = self.own_folder()?;
            let mut out = crate::atomic::AtomicFile::new(&dir.join(&name), ".new-")?;
            io::copy(&mut File::open(kept.path())?, &mut out)?;
            out.commit().with_context(|| could_not(Step::Write, Thing::Path, dir.join(&name).display()))?;
        }
        Ok(())
    }

    /// Forgets the copies kept of this device's files: they belonged to
    /// an earlier journal in this place.
    pub(super) fn forget_kept(&self) -> Result<()> {
        super::own::forget(&self.kept())?;
        match fs::remove_dir_all(self.kept_sealed()) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => {
                Err(err).with_context(|| could_not(Step::Remove, Thing::Path, self.kept_sealed().display()))
            }
            _ => Ok(()),
        }
    }

    /// Begins this machine's state of a folder just encrypted: nothing
    /// kept for an earlier journal in this place stays, and its files are
    /// noted as written to the keys that are in, so that the first read
    /// does not write them all again.
    /// `plain` is the plain journal it was made from, noted until it is
    /// gone (`encrypted_from`).
    pub fn begin_sealed(&self, plain: &std::path::Path) -> Result<()> {
        self.forget()?;
        crate::paths::create_private_dir(&self.state)
            .with_context(|| could_not(Step::Create, Thing::Folder, self.state.display()))?;
        let parent = plain.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        let canonical = fs::canonicalize(parent).ok().zip(plain.file_name()).map(|(parent, name)| parent.join(name));
        let plain = canonical.unwrap_or_else(|| plain.to_owned());
        let noted = self.state.join(ENCRYPTED_FROM);
        crate::paths::write_new_private(&noted, plain.as_os_str().as_encoded_bytes())
            .with_context(|| could_not(Step::Write, Thing::Path, noted.display()))?;
        let epoch = self.keyring()?.epoch();
        self.save(&super::Manifest { epoch, folder: self.identity(), stale: true, ..super::Manifest::default() })
    }

    /// The plain journal this folder was made from by an encrypt that
    /// stopped before it removed it, while it may still be there.
    pub fn encrypted_from(&self) -> Option<PathBuf> {
        let text = super::read_small(&self.state.join(ENCRYPTED_FROM), 64 * 1024)?;
        let same = self.manifest().is_some_and(|manifest| manifest.folder == self.identity());
        same.then(|| PathBuf::from(<std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(&text)))
    }

    /// Notes that the plain journal this folder was made from is gone.
    pub fn plain_gone(&self) {
        let _ = fs::remove_file(self.state.join(ENCRYPTED_FROM));
    }

    /// Keeps this device's key changes that are not kept yet: a key
    /// change lost to a sync would let a removed key back in. Kept under
    /// `_lock`, where another bezin may be forgetting what was kept.
    fn keep_key_files(&self, _lock: &Lock) -> Result<()> {
        self.key_files_to_keep().iter().try_for_each(|path| self.keep_sealed(path))
    }

    fn key_files_to_keep(&self) -> Vec<PathBuf> {
        let kept = self.kept_sealed();
        let own = fs::read_dir(self.own_dir()).into_iter().flatten().filter_map(Result::ok);
        own.filter(|file| {
            let name = file.file_name();
            keyring::is_key_file(&name.to_string_lossy()) && !kept.join(&name).is_file()
        })
        .map(|file| file.path())
        .collect()
    }

    /// Makes the kept logs what this device's folder holds, after it
    /// rewrote them.
    fn keep_only(&self, files: &[PathBuf]) -> Result<()> {
        let names: Vec<_> = files.iter().filter_map(|path| path.file_name()).collect();
        for kept in fs::read_dir(self.kept_sealed()).into_iter().flatten().filter_map(Result::ok) {
            let name = kept.file_name();
            if is_sealed_log(&name.to_string_lossy()) && !names.contains(&name.as_os_str()) {
                fs::remove_file(kept.path())?;
            }
        }
        files.iter().try_for_each(|path| self.keep_sealed(path))
    }

    /// Writes the merged journal as the encrypted view, to the person's
    /// keys that are in now and a key of the view's own, with its sieve.
    pub(super) fn write_sealed_view(&self, merged: &Merged) -> Result<Option<jiff::Timestamp>> {
        let sealing = self.sealing.as_ref().context(crate::lang::interface().journal().not_encrypted)?;
        let person = Recipients::new(self.keyring()?.person())?;
        let view = self.sealed_view();
        let mut key = sealing.view_key.lock().expect("not poisoned");
        let _lock = view.lock(true)?;
        if view.dir().is_dir() {
            view.tidy_view()?;
        }
        let same_keys = view.keys().is_ok_and(|keys| keys.person == person);
        let new_keys = if same_keys && key.is_some() { None } else { Some(new_own_key(&person)?) };
        if let Some((keys, key_file, _)) = &new_keys
            && view.keys().is_err()
        {
            // A view without a whole journal in it (its removal stopped half
            // way) is made anew, empty, and then written as any other.
            match fs::remove_dir_all(view.dir()) {
                Err(err) if err.kind() != io::ErrorKind::NotFound => {
                    return Err(err).with_context(|| could_not(Step::Remove, Thing::Path, view.dir().display()));
                }
                _ => {}
            }
            Sealed::create(view.dir(), keys, key_file, |_| Ok(()))?;
        }
        let keys = match &new_keys {
            Some((keys, ..)) => keys.all(),
            None => view.keys()?.all(),
        };
        let (mut last, mut sifted) = (None, None);
        view.rewrite(new_keys.as_ref().map(|(keys, key_file, _)| (keys, key_file.as_str())), |out| {
            let mut sifting = Sifting::new(out, view.sieve_file(&keys)?);
            last = merged.write(&mut sifting)?;
            sifted = Some(sifting.finish()?);
            Ok(true)
        })?;
        if let Some((.., own)) = new_keys {
            *key = Some(own);
        }
        remove_saves(&view)?;
        if let Some(sifted) = sifted {
            view.keep_sieve(sifted)?;
        }
        Ok(last)
    }

    /// The view as it is now, decrypted into memory, to read under the lock.
    pub(super) fn sealed_current(&self) -> Result<File> {
        let view = self.sealed_view();
        let opened = view.open(&self.view_key()?)?.context("the encrypted journal's view is gone")?;
        let mut plain = in_memory()?;
        crate::journal::lines::copy(&opened, &mut plain).with_context(|| could_not(Step::Read, Thing::Journal, ""))?;
        Ok(plain)
    }

    /// Whether this device's files are to be written again: it holds
    /// enough saves to fold, or they were encrypted to other keys.
    pub(super) fn own_to_rewrite(&self, merged: &Merged, epoch: u64, written_for: u64) -> bool {
        let own = merged.reads.iter().filter(|read| *read.log.dev == *self.device);
        let pending = own.filter(|read| read.log.pending).count();
        pending >= FOLD_AT || (epoch != written_for && merged.reads.iter().any(|read| *read.log.dev == *self.device))
    }

    /// An age writer of a compacted log at `target`, to the journal's keys.
    pub(super) fn sealed_writer(&self, out: crate::atomic::AtomicFile) -> Result<SealedLog> {
        let recipients = self.recipients_to_write()?;
        Ok(SealedLog(recipients.encrypt(out)?))
    }

    /// After a compaction: the kept copies follow this device's files.
    pub(super) fn kept_after_compaction(&self) -> Result<()> {
        let own = self.own_dir();
        let mut files: Vec<PathBuf> = fs::read_dir(&own)?
            .filter_map(Result::ok)
            .map(|file| file.path())
            .filter(|path| path.file_name().is_some_and(|name| is_sealed_log(&name.to_string_lossy())))
            .collect();
        files.sort();
        self.keep_only(&files)
    }
}

/// Removes the saves added to the view since it was last made: the view
/// just made from the logs holds each (or not, once it was deleted), and
/// one left behind would be folded in again by the next read, or, after
/// new keys, stay unread with its words.
fn remove_saves(view: &Sealed) -> Result<()> {
    for save in view.waiting()? {
        fs::remove_file(&save).with_context(|| could_not(Step::Remove, Thing::Path, save.display()))?;
    }
    Ok(())
}

/// A compacted log being written, encrypted.
pub struct SealedLog(age::stream::StreamWriter<crate::atomic::AtomicFile>);

impl SealedLog {
    pub fn commit(self) -> Result<()> {
        self.0.finish()?.commit()?;
        Ok(())
    }
}

impl Write for SealedLog {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Whether a file of a device's folder holds records: a log or a save.
pub fn is_sealed_log(name: &str) -> bool {
    (name.starts_with(super::LOG) || name.starts_with(PENDING))
        && std::path::Path::new(name).extension().is_some_and(|ext| ext == "age")
}

/// How many saves not yet folded the device folder `dir` holds.
fn pending_in(dir: &std::path::Path) -> usize {
    let files = fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok);
    files.filter(|file| is_pending(&file.file_name().to_string_lossy())).count()
}

/// Whether a file is a save not yet folded: `new-<digits>-<hex>.age`.
pub fn is_pending(name: &str) -> bool {
    let Some(rest) = name.strip_prefix(PENDING).and_then(|rest| rest.strip_suffix(".age")) else { return false };
    let Some((stamp, random)) = rest.split_once('-') else { return false };
    !stamp.is_empty()
        && stamp.bytes().all(|b| b.is_ascii_digit())
        && random.len() == 8
        && random.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A file that lives in memory only, for plain text that must not reach a disk.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "freebsd"))]
pub(super) fn in_memory() -> io::Result<File> {
    let fd = nix::sys::memfd::memfd_create("bezin", nix::sys::memfd::MFdFlags::MFD_CLOEXEC)?;
    Ok(File::from(fd))
}

/// Where there is no memory file, an unnamed temporary file.
#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "freebsd")))]
pub(super) fn in_memory() -> io::Result<File> {
    tempfile::tempfile()
}
