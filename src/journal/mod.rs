//! The journal: one JSON line per finished reflection, in the order they
//! were saved (docs/journal-format.md). New entries are appended under a
//! lock and synced before bezin says they are saved; changes rewrite the
//! file atomically; reading streams it, forwards or from the end.

mod change;
mod convert;
mod decrypted;
mod entry;
mod folder;
mod import;
mod index;
mod lines;
mod plain;
mod read;
mod sealed;
mod snapshot;

use std::fs::{self, File};
use std::io::{ErrorKind, Write};
use std::ops::ControlFlow;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

pub use change::Change;
pub use entry::{Closed, Entry, FORMAT, Recorded, id_from, is_id, new_id, tags};
pub use import::{Imported, Incoming, NoRoom};
pub use index::Gather;
pub use lines::RawLine;
pub use sealed::{OwnKey, Sealed};
pub use snapshot::Snapshot;

use crate::keys::{Identities, IdentityPlace};
use crate::lang::failed::{Step, Thing, could_not};
use folder::Folder;
pub use folder::{Survey, read_log, read_other};
use lines::Source;
pub(crate) use plain::mend_tail;
use plain::{aside_file, leftover_prefix, new_aside, sync_dir};
use sealed::Opened;

/// A last line cut off by a crash, moved out of the journal into a file.
#[derive(Debug)]
pub struct MovedAside {
    pub line: usize,
    pub path: PathBuf,
}

/// A line of the journal that is not a readable entry.
#[derive(Debug)]
pub struct Damaged {
    /// Its number from 1; 0 when it was read from the end (see `numbers`).
    pub line: usize,
    pub offset: u64,
    pub reason: String,
    /// Not damaged but written by a newer bezin, in a format this one does
    /// not read: kept byte for byte, left out by readers.
    pub newer: bool,
}

/// The line numbers of damaged lines found reading from the end or in
/// picked lines: each is counted from the one before, so that a journal
/// full of damaged lines still takes time linear in its size.
pub struct LineNumbers<'j> {
    journal: &'j Journal,
    /// Opened when the first damaged line is numbered.
    file: Option<Held>,
    /// An offset where a line starts, and its number.
    known: (u64, usize),
}

impl LineNumbers<'_> {
    /// The number of the damaged line; 0 when it cannot be counted.
    pub fn of(&mut self, damaged: &Damaged) -> usize {
        if damaged.line > 0 {
            return damaged.line;
        }
        if self.file.is_none() {
            self.file = self.journal.unlocked();
        }
        let Some(file) = &self.file else { return 0 };
        let (offset, number) = self.known;
        let counted = if damaged.offset >= offset {
            lines::newlines(file, offset..damaged.offset).map(|n| number + n)
        } else {
            lines::newlines(file, damaged.offset..offset).map(|n| number - n)
        };
        let Ok(line) = counted else { return 0 };
        self.known = (damaged.offset, line);
        line
    }
}

/// The journal: a folder shared by every device (`folder/`), a file of
/// format 2 until this bezin first writes to it, or its encrypted form
/// (`sealed.rs`) beside it.
pub struct Journal {
    path: PathBuf,
    /// This machine's own files of the journal: its device id, the view.
    state: PathBuf,
    /// The journal's folder, once it is one.
    folder: std::sync::OnceLock<Folder>,
    /// The encrypted journal's folder, once it is one (format 3).
    sealed_folder: std::sync::OnceLock<Folder>,
    /// Whether this bezin turned the journal's file into a folder.
    migrated: std::sync::atomic::AtomicBool,
    /// Where the person's identity is, to read an encrypted journal.
    identity: Option<IdentityPlace>,
    /// Read with the person's identity once; the identity itself is not kept.
    own_key: std::sync::OnceLock<OwnKey>,
}

/// A journal open to read, under its lock: the file, or the plain text of
/// the encrypted one.
pub enum Held {
    Plain(File),
    Sealed(Opened),
}

impl Held {
    /// The parts of the journal that may hold a query of these `runs`
    /// (`Query::runs`), in order: an encrypted view's sieve spares
    /// decrypting the rest; a plain journal is read whole.
    fn may_hold(&self, runs: &[usize]) -> std::io::Result<Vec<std::ops::Range<u64>>> {
        match self {
            Held::Plain(file) => Ok(std::iter::once(0..file.size()?).collect()),
            Held::Sealed(opened) => opened.may_hold(runs),
        }
    }
}

impl Source for Held {
    fn size(&self) -> std::io::Result<u64> {
        match self {
            Held::Plain(file) => file.size(),
            Held::Sealed(opened) => opened.size(),
        }
    }

    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
        match self {
            Held::Plain(file) => Source::read_at(file, buf, offset),
            Held::Sealed(opened) => opened.read_at(buf, offset),
        }
    }
}

impl Journal {
    /// The journal at `path`, with this machine's files of it in `state`.
    pub fn new(path: PathBuf, state: PathBuf) -> Self {
        Journal {
            path,
            state,
            folder: std::sync::OnceLock::new(),
            sealed_folder: std::sync::OnceLock::new(),
            migrated: false.into(),
            identity: None,
            own_key: std::sync::OnceLock::new(),
        }
    }

    /// The journal's folder, when it is one (format 3). A folder that a
    /// stopped migration left beside the journal's place is put in place.
    fn folder(&self) -> Result<Option<&Folder>> {
        if let Some(folder) = self.folder.get() {
            return Ok(Some(folder));
        }
        if !Folder::is_at(&self.path) && (self.path.exists() || !folder::recover(&self.path)) {
            return Ok(None);
        }
        let folder = Folder::open(&self.path, &self.state)?;
        Ok(Some(self.folder.get_or_init(|| folder)))
    }

    /// The encrypted journal's folder, when the journal is one (format 3).
    fn sealed_folder(&self) -> Result<Option<&Folder>> {
        if let Some(folder) = self.sealed_folder.get() {
            return Ok(Some(folder));
        }
        let dir = Sealed::folder_of(&self.path);
        if !Folder::is_at(&dir) {
            return Ok(None);
        }
        let folder = Folder::open(&dir, &self.state)?;
        let folder = self.sealed_folder.get_or_init(|| folder);
        if let Some(plain) = folder.encrypted_from() {
            self.remove_encrypted_plain(folder, &plain)?;
        }
        self.forget_plain_state()?;
        Ok(Some(folder))
    }

    /// The encrypted journal's folder, made from the encrypted journal of
    /// one device first (by moving its files, with no secret), said once.
    fn writable_sealed_folder(&self) -> Result<Option<&Folder>> {
        if let Some(sealed) = self.sealed() {
            folder::migrate_sealed(&sealed, &self.state)?;
            self.migrated.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        self.sealed_folder()
    }

    /// Opens the encrypted folder's keys with the person's identity, once.
    fn unlock_folder(&self, folder: &Folder) -> Result<()> {
        if folder.is_unlocked() {
            return Ok(());
        }
        let keys = folder.keyring().map(|ring| ring.person().join(", ")).unwrap_or_default();
        let dir = Sealed::folder_of(&self.path);
        let person = self.read_identity(&dir, &keys)?;
        folder
            .unlock(&person)
            .map_err(|err| if err.is::<sealed::NotItsKey>() { self.not_a_key(&dir, &keys) } else { err })
    }

    /// The journal's folder, made first when there is none: a journal of
    /// format 2 becomes this device's first log, byte for byte, under its
    /// lock; said once.
    fn writable_folder(&self) -> Result<&Folder> {
        loop {
            if let Some(folder) = self.folder()? {
                return Ok(folder);
            }
            if fs::symlink_metadata(&self.path).is_err() {
                self.create_parent()?;
                folder::create(&self.path)?;
            } else if let Some(file) = self.journal_file()? {
                let real = fs::canonicalize(&self.path)
                    .with_context(|| could_not(Step::Find, Thing::Journal, self.display()))?;
                folder::migrate(&real, &self.state)?;
                drop(file);
                self.migrated.store(true, std::sync::atomic::Ordering::Relaxed);
            }
            // Made a folder meanwhile, by this bezin or another: go on with it.
        }
    }

    /// The journal file of format 2, opened and locked to be made a folder:
    /// `None` when it became a folder or went while this waited for it.
    /// Never created: a journal that is not there becomes a folder at once.
    fn journal_file(&self) -> Result<Option<File>> {
        // Looked at before it is opened, so that a pipe in its place cannot block.
        match fs::metadata(&self.path) {
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
            Ok(meta) if !meta.is_file() && Folder::is_at(&self.path) => return Ok(None),
            Ok(meta) if !meta.is_file() => {
                let message = (crate::lang::interface().journal().not_regular_journal)(&self.display().to_string());
                return Err(std::io::Error::other(message).into());
            }
            _ => {}
        }
        let file = match File::open(&self.path) {
            Ok(file) => file,
            Err(err) if err.kind() == ErrorKind::NotFound => return Ok(None),
            Err(err) => {
                return Err(err).with_context(|| could_not(Step::Open, Thing::Journal, self.display()));
            }
        };
        let opened = file.metadata()?;
        if !opened.is_file() {
            return Ok(None);
        }
        file.lock().with_context(|| could_not(Step::Lock, Thing::Journal, self.display()))?;
        let now = fs::metadata(&self.path).ok();
        if now.is_none_or(|now| (now.dev(), now.ino()) != (opened.dev(), opened.ino())) {
            return Ok(None);
        }
        if !lines::holds_entries(&file)? {
            let message = format!(
                "{} is not empty and holds no bezin entry, so bezin leaves it as it is; give the journal's path \
                 with --journal, or a new file",
                self.display()
            );
            return Err(std::io::Error::other(message).into());
        }
        Ok(Some(file))
    }

    /// Whether this bezin turned the journal's file (format 2) into a
    /// folder of logs (format 3), to be said once.
    pub fn migrated(&self) -> bool {
        self.migrated.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The plain journal that is read: the file, or the merged view of the
    /// journal's folder.
    fn file(&self) -> PathBuf {
        match self.folder() {
            Ok(Some(folder)) => folder.view(),
            _ => self.path.clone(),
        }
    }

    /// The journal, read with the identity at `place` when it is encrypted.
    pub fn with_identity(mut self, place: IdentityPlace) -> Self {
        self.identity = Some(place);
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The encrypted form of the journal of one device (before format 3),
    /// when there is one: it is the journal, whatever the plain file beside
    /// it holds, until this bezin first writes to it.
    pub fn sealed(&self) -> Option<Sealed> {
        let dir = Sealed::folder_of(&self.path);
        (dir.is_dir() && !Folder::is_at(&dir)).then(|| Sealed::new(dir))
    }

    /// Whether the journal is encrypted: its encrypted form is the journal.
    pub fn is_encrypted(&self) -> bool {
        Sealed::folder_of(&self.path).is_dir()
    }

    /// Where the journal is: the file, or the folder of its encrypted form.
    pub fn place(&self) -> PathBuf {
        if self.is_encrypted() { Sealed::folder_of(&self.path) } else { self.path.clone() }
    }

    /// Whether there is a journal yet, plain or encrypted.
    pub fn exists(&self) -> bool {
        self.is_encrypted() || self.path.exists()
    }

    /// What a new file of an encrypted journal (a draft, lines set aside)
    /// is encrypted to: the person's keys and the journal's own, made
    /// first when there is none; `None` for a plain journal.
    pub fn encrypted_to(&self) -> Result<Option<crate::keys::Recipients>> {
        if let Some(sealed) = self.sealed() {
            return Ok(Some(sealed.keys()?.all()));
        }
        self.sealed_folder()?.map(Folder::recipients_to_write).transpose()
    }

    /// The plain text of a small file encrypted to `encrypted_to` (a draft,
    /// lines set aside), read with the journal's keys.
    pub fn decrypt_small(&self, path: &Path) -> Result<zeroize::Zeroizing<Vec<u8>>> {
        if let Some(sealed) = self.sealed() {
            return self.unlock(&sealed)?.decrypt_file(path);
        }
        let folder = self.sealed_folder()?.context(crate::lang::interface().journal().not_encrypted)?;
        self.unlock_folder(folder)?;
        folder.decrypt_small(path)
    }

    /// The person's keys the encrypted journal is encrypted to.
    pub fn person_keys(&self) -> Result<Vec<String>> {
        if let Some(sealed) = self.sealed() {
            return Ok(sealed.keys()?.person.keys().to_vec());
        }
        let folder = self.sealed_folder()?.context(crate::lang::interface().journal().not_encrypted)?;
        Ok(folder.keyring()?.person())
    }

    /// Opens the encrypted journal's keys with the person's identity read
    /// already; an error when it does not open them.
    pub fn unlock_with_identity(&self, person: &Identities) -> Result<()> {
        if let Some(sealed) = self.sealed() {
            return self.unlock_with(&sealed, person).map(drop);
        }
        let folder = self.sealed_folder()?.context(crate::lang::interface().journal().not_encrypted)?;
        let keys = folder.keyring()?.person().join(", ");
        let dir = Sealed::folder_of(&self.path);
        folder
            .unlock(person)
            .map_err(|err| if err.is::<sealed::NotItsKey>() { self.not_a_key(&dir, &keys) } else { err })
    }

    /// Opens the encrypted journal's keys with the person's identity; an
    /// error when the identity is not at hand or does not open them.
    pub fn unlock_any(&self) -> Result<()> {
        if let Some(folder) = self.sealed_folder()? {
            return self.unlock_folder(folder);
        }
        self.sealed().map_or(Ok(()), |sealed| self.unlock(&sealed).map(drop))
    }

    /// Keeps imported entries (their lines) for the next reader who has
    /// the identity: an import into an encrypted journal needs no secret.
    pub fn keep_import(&self, lines: &[u8]) -> Result<()> {
        let folder = self.writable_sealed_folder()?.context(crate::lang::interface().journal().not_encrypted)?;
        folder.keep_lines(lines)
    }

    /// Whether the journal is a folder of devices' logs (format 3).
    pub fn is_folder(&self) -> bool {
        self.sealed_folder().is_ok_and(|folder| folder.is_some()) || self.folder().is_ok_and(|folder| folder.is_some())
    }

    /// The ids of the entries deleted from the journal, which never come
    /// back (a journal of one file keeps none).
    pub fn deleted(&self) -> Result<std::collections::HashSet<String>> {
        if let Some(folder) = self.sealed_folder()? {
            self.unlock_folder(folder)?;
            return folder.deleted();
        }
        Ok(self.folder()?.map(Folder::deleted).transpose()?.unwrap_or_default())
    }

    /// What a look at every device's log finds, when the journal is a
    /// folder shared by devices (format 3).
    pub fn survey(&self) -> Result<Option<Survey>> {
        if let Some(folder) = self.sealed_folder()? {
            self.unlock_folder(folder)?;
            return folder.survey().map(Some);
        }
        self.folder()?.map(Folder::survey).transpose()
    }

    /// The journal's own key, read once with the person's identity, which
    /// is dropped (and zeroed) as soon as it has opened it and the saves
    /// made for older keys.
    pub fn unlock(&self, sealed: &Sealed) -> Result<&OwnKey> {
        if let Some(own) = self.own_key.get() {
            return Ok(own);
        }
        let keys = sealed.keys().map(|keys| keys.person.keys().join(", ")).unwrap_or_default();
        let person = self.read_identity(sealed.dir(), &keys)?;
        self.unlock_with(sealed, &person)
    }

    /// `unlock` with the person's identity read already.
    pub fn unlock_with(&self, sealed: &Sealed, person: &Identities) -> Result<&OwnKey> {
        if let Some(own) = self.own_key.get() {
            return Ok(own);
        }
        let keys = || sealed.keys().map(|keys| keys.person.keys().join(", ")).unwrap_or_default();
        let own = sealed
            .own_key(person)
            .map_err(|err| if err.is::<sealed::NotItsKey>() { self.not_a_key(sealed.dir(), &keys()) } else { err })?;
        sealed.adopt(&own, person)?;
        Ok(self.own_key.get_or_init(|| own))
    }

    /// The person's identity, to read the encrypted journal at `dir`,
    /// encrypted to `keys`.
    fn read_identity(&self, dir: &Path, keys: &str) -> Result<Identities> {
        let Some(place) = &self.identity else {
            bail!((crate::lang::interface().journal().needs_identity)(&dir.display().to_string(), keys));
        };
        if !place.path.exists() {
            bail!(
                "the journal {} is encrypted to {keys}; reading it needs that identity, and there is none at {} \
                 ({}); give it with --identity FILE or BEZIN_IDENTITY",
                dir.display(),
                place.path.display(),
                place.named_by
            );
        }
        crate::keys::read_identity(place, crate::ui::KeyPrompts)
    }

    fn not_a_key(&self, dir: &Path, keys: &str) -> anyhow::Error {
        let place = self.identity.as_ref().map(|place| format!("{} ({})", place.path.display(), place.named_by));
        anyhow::anyhow!(
            "the identity {} does not open the journal {}, which is encrypted to {keys}",
            place.unwrap_or_default(),
            dir.display()
        )
    }

    /// The journal open to read, under a shared lock; `None` when there is
    /// none yet.
    fn reader(&self) -> Result<Option<Held>> {
        if let Some(folder) = self.sealed_folder()? {
            self.unlock_folder(folder)?;
            if let Err(err) = folder.refresh() {
                return in_memory(folder, err);
            }
            return Ok(folder.sealed_view().open(&folder.view_key()?)?.map(Held::Sealed));
        }
        if let Some(sealed) = self.sealed() {
            let own = self.unlock(&sealed)?;
            self.merge_imports(&sealed, own)?;
            if self.sealed().is_none() {
                // Merging an import made it a folder of format 3.
                return self.reader();
            }
            return Ok(sealed.open(own)?.map(Held::Sealed));
        }
        if let Some(folder) = self.folder()?
            && let Err(err) = folder.refresh()
        {
            return in_memory(folder, err);
        }
        match self.lock(false)? {
            Some(file) => Ok(Some(Held::Plain(file))),
            None if self.sealed().is_some() || self.folder()?.is_some() => self.reader(),
            None => Ok(None),
        }
    }

    /// Merges the imports kept without the identity into their place.
    /// One merged twice (stopped before its file went) adds nothing twice.
    fn merge_imports(&self, sealed: &Sealed, own: &OwnKey) -> Result<()> {
        for path in sealed.imports()? {
            // One the journal's key cannot read stays where it is; `check` names it.
            let Ok(text) = own.decrypt_file(&path) else { continue };
            let mut incoming = Incoming::new(self)?;
            scan_text(&text, |line| {
                if let Ok(entry) = serde_json::from_slice::<Entry>(line.bytes) {
                    incoming.take(&entry, line.bytes)?;
                }
                Ok(ControlFlow::Continue(()))
            })?;
            let imported = incoming.merge_into(self)?;
            if let Some(aside) = imported.aside {
                crate::tell!(
                    "bezin: {} entries of an import were in the journal with other content: the version \
                     changed last is kept, the other is in {}",
                    imported.conflicts,
                    aside.display()
                );
            }
            // Another reader may have merged it too (merging twice adds nothing) and removed it first.
            match fs::remove_file(&path) {
                Err(err) if err.kind() != ErrorKind::NotFound => {
                    return Err(err).with_context(|| could_not(Step::Remove, Thing::Path, path.display()));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The journal open to read without its lock, for numbering lines.
    fn unlocked(&self) -> Option<Held> {
        if let Ok(Some(folder)) = self.sealed_folder() {
            return folder.sealed_view().open_unlocked(&folder.view_key().ok()?).ok().map(Held::Sealed);
        }
        match self.sealed() {
            Some(sealed) => sealed.open_unlocked(self.unlock(&sealed).ok()?).ok().map(Held::Sealed),
            None => File::open(self.file()).ok().map(Held::Plain),
        }
    }

    /// Appends `entry` as one line in one write, under an exclusive lock, and
    /// syncs it to disk; an entry larger than an entry may be is refused.
    /// The file and its folder are made owner-only. A last line cut off by
    /// an earlier crash is first moved aside (and said so).
    pub fn append(&self, entry: &Entry) -> Result<Option<MovedAside>> {
        let mut line = entry.to_line();
        crate::limits::entry_line(line.len())?;
        line.push('\n');
        let finished = entry
            .finished
            .parse()
            .with_context(|| (crate::lang::interface().journal().finish_unreadable)(&entry.id))?;
        if let Some(folder) = self.writable_sealed_folder()? {
            let view = folder.sealed_view();
            return folder.add(line.trim_end_matches('\n'), finished, || view.add(line.as_bytes()).map(drop));
        }
        let folder = self.writable_folder()?;
        folder.add(line.trim_end_matches('\n'), finished, || self.append_line(&line).map(drop))
    }

    fn display(&self) -> std::path::Display<'_> {
        self.path.display()
    }
}

/// Takes `file`'s lock, exclusive or shared. Where another bezin holds it,
/// the person is told, and Ctrl-C stops the wait even while bezin asks.
pub(crate) fn wait_for_lock(file: &File, exclusive: bool) -> std::io::Result<()> {
    let take = || if exclusive { file.lock() } else { file.lock_shared() };
    match if exclusive { file.try_lock() } else { file.try_lock_shared() } {
        Ok(()) => Ok(()),
        Err(std::fs::TryLockError::WouldBlock) => {
            crate::ui::waiting(crate::lang::interface().journal().waiting_for_lock, take)
        }
        Err(std::fs::TryLockError::Error(err)) => Err(err),
    }
}

/// Calls `visit` with every line of a journal's text held in memory.
pub fn scan_text(text: &[u8], visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>) -> Result<()> {
    lines::forward(&text, lines::LONGEST, visit)
}

/// `scan_text` of a file of JSON Lines (another journal), under a shared
/// lock: whatever lies beside it, it is read as the plain file it is.
pub fn scan_file(file: &File, visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>) -> Result<()> {
    file.lock_shared()?;
    lines::forward(file, lines::LONGEST, visit)
}

/// Writes one journal line and its newline.
pub fn write_line(out: &mut dyn Write, line: &[u8]) -> Result<()> {
    out.write_all(line)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// The journal while a rewrite holds its lock: the rewrite reads the old
/// lines through it (a second lock from the same process would wait forever).
pub struct Locked {
    held: Held,
}

impl Locked {
    /// Calls `visit` with every line, oldest first.
    pub fn scan(&self, visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>) -> Result<()> {
        // A rewrite copies every line whole, however long.
        lines::forward(&self.held, usize::MAX, visit).with_context(|| could_not(Step::Read, Thing::Journal, ""))
    }
}

#[cfg(test)]
mod tests;

/// The journal read into memory when its view could not be written for
/// want of room or of the right to write: it is still read, only slower,
/// and the person is told why. Any other failure is said as it is.
fn in_memory(folder: &Folder, failed: anyhow::Error) -> Result<Option<Held>> {
    static TOLD: std::sync::Once = std::sync::Once::new();
    let Some(kind) = no_room(&failed) else { return Err(failed) };
    let Ok(file) = folder.merged_in_memory() else { return Err(failed) };
    TOLD.call_once(|| {
        let lang = crate::lang::interface();
        let place = folder.state_dir().display().to_string();
        let why = (lang.errors().io)(kind).map_or_else(|| kind.to_string(), str::to_owned);
        crate::tell!("{}{}", lang.errors().warning, (lang.journal().read_in_memory)(&place, &why));
    });
    Ok(Some(Held::Plain(file)))
}

/// What kind of place takes nothing more, when the error is one: a full
/// disk or quota, a read-only file system, no permission to write.
fn no_room(err: &anyhow::Error) -> Option<ErrorKind> {
    err.chain().filter_map(|cause| cause.downcast_ref::<std::io::Error>()).map(std::io::Error::kind).find(|kind| {
        matches!(
            kind,
            ErrorKind::StorageFull
                | ErrorKind::QuotaExceeded
                | ErrorKind::ReadOnlyFilesystem
                | ErrorKind::PermissionDenied
        )
    })
}
