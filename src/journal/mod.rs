//! The journal: one JSON line per finished reflection, in the order they
//! were saved (docs/journal-format.md). New entries are appended under a
//! lock and synced before bezin says they are saved; changes rewrite the
//! file atomically; reading streams it, forwards or from the end.

mod convert;
mod decrypted;
mod entry;
mod folder;
mod import;
mod index;
mod lines;
mod sealed;

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read, Seek, Write};
use std::ops::ControlFlow;
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use crate::prefix::ENTRY;

pub use entry::{Closed, Entry, FORMAT, Recorded, id_from, is_id, new_id, tags};
pub use import::{Imported, Incoming};
pub use index::Gather;
pub use lines::RawLine;
pub use sealed::{OwnKey, Sealed};

use crate::keys::{Identities, IdentityPlace};
use folder::Folder;
pub use folder::Survey;
use lines::Source;
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

    /// The journal's folder, made first when there is none: a journal of
    /// format 2 becomes this device's first log, byte for byte, under its
    /// lock; said once.
    fn writable_folder(&self) -> Result<&Folder> {
        if let Some(folder) = self.folder()? {
            return Ok(folder);
        }
        if fs::symlink_metadata(&self.path).is_err() {
            self.create_parent()?;
            folder::create(&self.path)?;
        } else if let Some(file) = self.lock(true)? {
            let real = fs::canonicalize(&self.path)
                .with_context(|| format!("could not find the journal {}", self.display()))?;
            folder::migrate(&real, &self.state)?;
            drop(file);
            self.migrated.store(true, std::sync::atomic::Ordering::Relaxed);
        }
        self.folder()?.with_context(|| format!("the journal {} is not a folder bezin can write", self.display()))
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

    /// The encrypted form of the journal, when there is one: it is the
    /// journal, whatever the plain file beside it holds.
    pub fn sealed(&self) -> Option<Sealed> {
        let dir = Sealed::folder_of(&self.path);
        dir.is_dir().then(|| Sealed::new(dir))
    }

    /// Where the journal is: the file, or the folder of its encrypted form.
    pub fn place(&self) -> PathBuf {
        self.sealed().map_or_else(|| self.path.clone(), |sealed| sealed.dir().to_owned())
    }

    /// Whether there is a journal yet, plain or encrypted.
    pub fn exists(&self) -> bool {
        self.sealed().is_some() || self.path.exists()
    }

    /// Whether the journal is a folder of devices' logs (format 3).
    pub fn is_folder(&self) -> bool {
        self.folder().is_ok_and(|folder| folder.is_some())
    }

    /// The ids of the entries deleted from the journal, which never come
    /// back (a journal of one file keeps none).
    pub fn deleted(&self) -> Result<std::collections::HashSet<String>> {
        Ok(self.folder()?.map(Folder::deleted).transpose()?.unwrap_or_default())
    }

    /// What a look at every device's log finds, when the journal is a
    /// folder shared by devices (format 3).
    pub fn survey(&self) -> Result<Option<Survey>> {
        self.folder()?.map(Folder::survey).transpose()
    }

    /// The journal's own key, read once with the person's identity, which
    /// is dropped (and zeroed) as soon as it has opened it and the saves
    /// made for older keys.
    pub fn unlock(&self, sealed: &Sealed) -> Result<&OwnKey> {
        if let Some(own) = self.own_key.get() {
            return Ok(own);
        }
        let person = self.read_identity(sealed)?;
        self.unlock_with(sealed, &person)
    }

    /// `unlock` with the person's identity read already.
    pub fn unlock_with(&self, sealed: &Sealed, person: &Identities) -> Result<&OwnKey> {
        if let Some(own) = self.own_key.get() {
            return Ok(own);
        }
        let own = sealed
            .own_key(person)
            .map_err(|err| if err.is::<sealed::NotItsKey>() { self.not_a_key(sealed) } else { err })?;
        sealed.adopt(&own, person)?;
        Ok(self.own_key.get_or_init(|| own))
    }

    fn read_identity(&self, sealed: &Sealed) -> Result<Identities> {
        let keys = sealed.keys().map(|keys| keys.person.keys().join(", ")).unwrap_or_default();
        let Some(place) = &self.identity else {
            bail!("the journal {} is encrypted; give the identity of {keys} with --identity", sealed.dir().display());
        };
        if !place.path.exists() {
            bail!(
                "the journal {} is encrypted to {keys}; reading it needs that identity, and there is none at {} \
                 ({}); give it with --identity FILE or BEZIN_IDENTITY",
                sealed.dir().display(),
                place.path.display(),
                place.named_by
            );
        }
        crate::keys::read_identity(place, crate::ui::KeyPrompts)
    }

    fn not_a_key(&self, sealed: &Sealed) -> anyhow::Error {
        let keys = sealed.keys().map(|keys| keys.person.keys().join(", ")).unwrap_or_default();
        let place = self.identity.as_ref().map(|place| format!("{} ({})", place.path.display(), place.named_by));
        anyhow::anyhow!(
            "the identity {} does not open the journal {}, which is encrypted to {keys}",
            place.unwrap_or_default(),
            sealed.dir().display()
        )
    }

    /// The journal open to read, under a shared lock; `None` when there is
    /// none yet.
    fn reader(&self) -> Result<Option<Held>> {
        if let Some(sealed) = self.sealed() {
            let own = self.unlock(&sealed)?;
            self.merge_imports(&sealed, own)?;
            return Ok(sealed.open(own)?.map(Held::Sealed));
        }
        if let Some(folder) = self.folder()? {
            folder.refresh()?;
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
                    return Err(err).with_context(|| format!("could not remove {}", path.display()));
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The journal open to read without its lock, for numbering lines.
    fn unlocked(&self) -> Option<Held> {
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
        if let Some(sealed) = self.sealed()
            && sealed.add(line.as_bytes())?
        {
            return Ok(None);
        }
        let folder = self.writable_folder()?;
        let finished = entry
            .finished
            .parse()
            .with_context(|| format!("the entry {} has a finish time bezin cannot read", entry.id))?;
        folder.add(line.trim_end_matches('\n'), finished, || self.append_line(&line).map(drop))
    }

    /// Appends a journal line to the plain file that is read.
    fn append_line(&self, line: &str) -> Result<Option<MovedAside>> {
        let created = self.create_parent()? | !self.path.exists();
        let Some(mut file) = self.lock(true)? else {
            bail!("the journal {} changed as it was written", self.display())
        };
        self.remove_leftovers();
        let seen = self.seen_before_append(&file);
        let moved =
            self.mend_tail(&mut file).with_context(|| format!("could not mend the journal {}", self.display()))?;
        let length = file.metadata()?.len();
        let mut after = None;
        let written = file.write_all(line.as_bytes()).map(|()| {
            after = Self::state_after_append(&file, length + line.len() as u64);
        });
        if let Err(err) = written.and_then(|()| file.sync_all()) {
            // A full disk may have taken half the line: the journal goes back to what it was.
            let _ = file.set_len(length).and_then(|()| file.sync_all());
            return Err(err).with_context(|| format!("could not write to the journal {}", self.display()));
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
    fn mend_tail(&self, file: &mut File) -> Result<Option<MovedAside>> {
        let mut aside = self.file().into_os_string();
        aside.push(".corrupt");
        mend_tail(file, Path::new(&aside), |line| serde_json::from_slice::<Entry>(line).is_ok())
    }

    fn display(&self) -> std::path::Display<'_> {
        self.path.display()
    }

    /// Opens and locks the journal: exclusively to write (creating it), shared
    /// to read; `None` when reading a journal that does not exist yet, or
    /// when it was encrypted meanwhile. A file replaced by a rewrite while
    /// this waited for the lock is opened again.
    fn lock(&self, write: bool) -> Result<Option<File>> {
        loop {
            let path = self.file();
            if let Ok(meta) = fs::metadata(&path)
                && !meta.is_file()
            {
                let message =
                    format!("the journal {} is not a regular file; give bezin a file of its own", self.display());
                return Err(std::io::Error::other(message).into());
            }
            if self.sealed().is_some() {
                return Ok(None);
            }
            let opened = OpenOptions::new().read(true).append(write).create(write).mode(0o600).open(&path);
            let file = match opened {
                Ok(file) => file,
                Err(err) if err.kind() == ErrorKind::NotFound && !write => return Ok(None),
                Err(err) => return Err(err).with_context(|| format!("could not open the journal {}", self.display())),
            };
            if write { file.lock() } else { file.lock_shared() }
                .with_context(|| format!("could not lock the journal {}", self.display()))?;
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
        found.extend(folder::leftovers(&self.path));
        if let Some(sealed) = self.sealed() {
            found.extend(sealed.leftovers().unwrap_or_default());
        }
        found
    }

    /// Beside the journal: new plain journals of stopped rewrites or
    /// decrypts, and encrypted ones of stopped encrypts. Found also when
    /// the plain journal is gone (encrypted).
    fn plain_leftovers(&self) -> Vec<PathBuf> {
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
    fn remove_leftovers(&self) {
        for leftover in self.plain_leftovers() {
            let _ = if leftover.is_dir() { fs::remove_dir_all(leftover) } else { fs::remove_file(leftover) };
        }
    }

    /// Makes the journal's folder (owner-only) if it is missing; true if it did.
    fn create_parent(&self) -> Result<bool> {
        let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) else {
            return Ok(false);
        };
        if parent.is_dir() {
            return Ok(false);
        }
        crate::paths::create_private_dir(parent)
            .with_context(|| format!("could not create the folder {}", parent.display()))?;
        Ok(true)
    }

    /// Calls `visit` with every line, oldest first, under a shared lock.
    pub fn scan(&self, visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>) -> Result<()> {
        let Some(file) = self.reader()? else { return Ok(()) };
        lines::forward(&file, lines::LONGEST, visit)
            .with_context(|| format!("could not read the journal {}", self.display()))
    }

    /// Calls `visit` with the lines that `pick` picks from blocks of whole
    /// lines, newest first. The two halves of the journal are searched at
    /// once; only where the picked lines start is kept in memory.
    pub fn pick_back(
        &self,
        pick: impl Fn(&[u8]) -> Vec<std::ops::Range<usize>> + Sync,
        mut visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>,
    ) -> Result<()> {
        let Some(file) = self.reader()? else { return Ok(()) };
        let reading = || format!("could not read the journal {}", self.display());
        let middle = file.size().with_context(reading)? / 2;
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| lines::pick(&file, middle..u64::MAX, &pick));
            (lines::pick(&file, 0..middle, &pick), second.join())
        });
        let second = second.map_err(|_| anyhow::anyhow!("the search stopped unexpectedly"))?;
        let starts = [first.with_context(reading)?, second.with_context(reading)?].concat();
        let mut line = Vec::new();
        for start in starts.into_iter().rev() {
            let length = lines::line_at(&file, start, &mut line).with_context(reading)?;
            if visit(RawLine { number: 0, offset: start, bytes: &line, length })?.is_break() {
                break;
            }
        }
        Ok(())
    }

    /// Calls `visit` with every line, newest first, reading from the end, so
    /// that the newest entries cost the same in a journal of any size.
    pub fn scan_back(&self, visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>) -> Result<()> {
        let Some(file) = self.reader()? else { return Ok(()) };
        lines::backward(&file, visit).with_context(|| format!("could not read the journal {}", self.display()))
    }

    /// Numbers for the damaged lines of one read.
    pub fn numbers(&self) -> LineNumbers<'_> {
        LineNumbers { journal: self, file: None, known: (0, 1) }
    }

    /// Calls `visit` with every readable entry, oldest first, and `damaged`
    /// with every line that is not one.
    pub fn each(
        &self,
        mut visit: impl FnMut(Entry) -> Result<ControlFlow<()>>,
        mut damaged: impl FnMut(Damaged),
    ) -> Result<()> {
        self.scan(|line| match line.parse() {
            Ok(entry) => visit(entry),
            Err(err) => {
                damaged(err);
                Ok(ControlFlow::Continue(()))
            }
        })
    }

    /// The entry whose id starts with `query`, or the newest for `last`.
    pub fn find(&self, query: &str, damaged: impl FnMut(Damaged)) -> Result<Entry> {
        if query == "last" {
            return self
                .newest(|_| true, damaged)?
                .with_context(|| format!("the journal {} has no entries yet", self.display()));
        }
        ENTRY.check(query)?;
        // The id's text is a quick test on the raw line; the parsed id decides,
        // so a line written by another tool (`"id": "…"`) is found too.
        let mut matches = Vec::new();
        self.each_where(query, |entry| entry.id.starts_with(query), &mut matches, damaged)?;
        ENTRY.only_one(query, matches, |e| e.id.as_str(), |e| format!("{} ({}, {})", e.id, e.date(), e.set))
    }

    /// The entries that follow up on the entry `id`, newest first. They
    /// were saved after it, so the scan from the end stops at `id` itself.
    pub fn following(&self, id: &str, mut damaged: impl FnMut(Damaged)) -> Result<Vec<Entry>> {
        let mut found = Vec::new();
        self.scan_back(|line| {
            if !line.contains(id.as_bytes()) {
                return Ok(ControlFlow::Continue(()));
            }
            match line.parse() {
                Ok(entry) if entry.id == id => return Ok(ControlFlow::Break(())),
                Ok(entry) if entry.followed().any(|followed| followed == id) => found.push(entry),
                Ok(_) => {}
                Err(err) => damaged(err),
            }
            Ok(ControlFlow::Continue(()))
        })?;
        Ok(found)
    }

    /// The entry with exactly this id, looked for from the end: the entries
    /// people look up by a full id (what an entry follows) are recent ones.
    pub fn by_id(&self, id: &str, damaged: impl FnMut(Damaged)) -> Result<Option<Entry>> {
        self.newest_where(id, |entry| entry.id == id, damaged)
    }

    /// Collects the entries whose line contains `needle` (a quick test on the
    /// raw line) and that pass `keep`.
    fn each_where(
        &self,
        needle: &str,
        keep: impl Fn(&Entry) -> bool,
        found: &mut Vec<Entry>,
        mut damaged: impl FnMut(Damaged),
    ) -> Result<()> {
        let needle = needle.as_bytes();
        self.scan(|line| {
            if line.contains(needle) {
                match line.parse() {
                    Ok(entry) if keep(&entry) => found.push(entry),
                    Ok(_) => {}
                    Err(err) => damaged(err),
                }
            }
            Ok(ControlFlow::Continue(()))
        })
    }

    /// The newest entry that passes `keep`.
    pub fn newest(&self, keep: impl Fn(&Entry) -> bool, damaged: impl FnMut(Damaged)) -> Result<Option<Entry>> {
        self.newest_where("", keep, damaged)
    }

    /// The newest entry whose line holds `needle` and that passes `keep`.
    fn newest_where(
        &self,
        needle: &str,
        keep: impl Fn(&Entry) -> bool,
        mut damaged: impl FnMut(Damaged),
    ) -> Result<Option<Entry>> {
        let mut newest = None;
        self.scan_back(|line| {
            if !line.contains(needle.as_bytes()) {
                return Ok(ControlFlow::Continue(()));
            }
            match line.parse() {
                Ok(entry) if keep(&entry) => {
                    newest = Some(entry);
                    return Ok(ControlFlow::Break(()));
                }
                Ok(_) => {}
                Err(err) => damaged(err),
            }
            Ok(ControlFlow::Continue(()))
        })?;
        Ok(newest)
    }

    /// Replaces the journal with what `write` makes of it, atomically: `write`
    /// reads the old lines, writes the new file and says whether it differs;
    /// the new file is synced, renamed over the old one and the folder
    /// synced, all under the lock. If anything fails, or nothing differs, the
    /// journal is left as it was. Returns whether it was replaced.
    pub fn rewrite(&self, write: impl FnOnce(&Locked, &mut dyn Write) -> Result<bool>) -> Result<bool> {
        if let Some(sealed) = self.sealed() {
            return self.rewrite_sealed(&sealed, write);
        }
        let folder = self.writable_folder()?;
        let lock = folder.lock()?;
        let (old, mut out) = folder.rewriting(&lock)?;
        let locked = Locked { held: Held::Plain(old.try_clone()?) };
        if !write(&locked, &mut out)? {
            return Ok(false);
        }
        let new = out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        let changed = folder.record_changes(&lock, &old, &new)?;
        if changed {
            // What they hold of the entries changed or gone goes with them.
            self.remove_plain_indexes()?;
        }
        Ok(changed)
    }

    /// `rewrite` of the encrypted journal: a new journal folder.
    fn rewrite_sealed(
        &self,
        sealed: &Sealed,
        write: impl FnOnce(&Locked, &mut dyn Write) -> Result<bool>,
    ) -> Result<bool> {
        let own = self.unlock(sealed)?;
        let lock = sealed.lock(true)?.with_context(|| format!("the journal {} is gone", sealed.dir().display()))?;
        self.remove_leftovers();
        let locked = Locked { held: Held::Sealed(sealed.open_locked(lock, own)?) };
        sealed.rewrite(None, |out| write(&locked, out))
    }
}

/// What a change makes of an entry.
pub enum Change {
    /// Leave the journal as it is.
    Keep,
    Replace(Box<Entry>),
    Remove,
}

impl Journal {
    /// Changes the entry `id` in one step under the exclusive lock: `decide`
    /// sees the entry as the journal holds it at that moment, so a change
    /// another bezin made meanwhile is never lost. Fields bezin does not
    /// know stay on a replaced entry, and every other line stays byte for
    /// byte the same; a replaced entry larger than an entry may be is
    /// refused. Returns whether the journal changed.
    pub fn change(&self, id: &str, decide: impl FnOnce(Entry) -> Result<Change>) -> Result<bool> {
        let mut decide = Some(decide);
        self.rewrite(|locked, out| {
            let (mut changed, mut refused) = (false, None);
            locked.scan(|line| {
                let candidate = decide.is_some() && line.contains(id.as_bytes());
                let entry = match candidate.then(|| line.parse()) {
                    Some(Ok(entry)) if entry.id == id => entry,
                    _ => {
                        write_line(out, line.bytes)?;
                        return Ok(ControlFlow::Continue(()));
                    }
                };
                let decided = decide.take().map_or(Ok(Change::Keep), |decide| decide(entry));
                match decided {
                    // Said as it is, not as a failure to read the journal.
                    Err(err) => {
                        refused = Some(err);
                        return Ok(ControlFlow::Break(()));
                    }
                    Ok(Change::Keep) => write_line(out, line.bytes)?,
                    Ok(Change::Replace(entry)) => {
                        let new = entry::line_keeping_unknown(&entry, line.bytes);
                        if let Err(too_large) = crate::limits::entry_line(new.len()) {
                            refused = Some(anyhow::anyhow!("{too_large}; nothing was changed"));
                            return Ok(ControlFlow::Break(()));
                        }
                        write_line(out, new.as_bytes())?;
                        changed = true;
                    }
                    Ok(Change::Remove) => changed = true,
                }
                Ok(ControlFlow::Continue(()))
            })?;
            if let Some(err) = refused {
                return Err(err);
            }
            if decide.is_some() {
                bail!("the entry {id} is no longer in the journal; nothing was changed");
            }
            Ok(changed)
        })
    }
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

/// How the new journal of a rewrite is named while it is being written:
/// `.journal.jsonl.rewrite-XXXXXX` beside the journal.
fn leftover_prefix(journal: &Path) -> String {
    let name = journal.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
    format!(".{name}.rewrite-")
}

/// A new owner-only file beside the journal for lines it no longer holds
/// (`corrupt` for a torn line, `conflict` for the version an import did not
/// keep): `journal.jsonl.KIND-<time>`, with a number added if that is taken.
fn aside_file(journal: &Path, kind: &str) -> Result<(PathBuf, File)> {
    let mut name = journal.as_os_str().to_owned();
    name.push(format!(".{kind}"));
    new_aside(Path::new(&name), "")
}

/// A new owner-only file named `base-<time>` and `suffix`, with a number
/// added if that is taken.
fn new_aside(base: &Path, suffix: &str) -> Result<(PathBuf, File)> {
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
        lines::forward(&self.held, usize::MAX, visit).context("could not read the journal")
    }
}

fn sync_dir(dir: Option<&Path>) -> Result<()> {
    let dir = dir.filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    File::open(dir).and_then(|d| d.sync_all()).with_context(|| format!("could not sync the folder {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Answer;
    use crate::lang::Lang;
    use proptest::prelude::*;
    use std::os::unix::fs::PermissionsExt;

    fn entry(id: &str, answer: &str) -> Entry {
        Entry {
            format: FORMAT,
            id: id.to_owned(),
            set: "five-tips".to_owned(),
            set_version: 1,
            lang: Lang::En,
            started: "2026-11-24T09:00:00+01:00".to_owned(),
            finished: "2026-11-24T09:10:00+01:00".to_owned(),
            title: None,
            tags: vec![],
            follows: None,
            also_follows: Vec::new(),
            person: None,
            answers: vec![Recorded {
                prompt: "note".to_owned(),
                kind: "long".to_owned(),
                question: "What?".to_owned(),
                range: None,
                answer: Answer::Text(answer.to_owned()),
            }],
            edited: None,
            closed: None,
        }
    }

    fn ids(journal: &Journal) -> Vec<String> {
        let mut ids = Vec::new();
        journal
            .each(
                |entry| {
                    ids.push(entry.id);
                    Ok(ControlFlow::Continue(()))
                },
                |damaged| panic!("damaged: {damaged:?}"),
            )
            .unwrap();
        ids
    }

    #[test]
    fn appended_entries_read_back_in_order_with_owner_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("new/journal.jsonl"), dir.path().join("state"));
        journal.append(&entry("abc1234567", "one")).unwrap();
        journal.append(&entry("abd1234567", "two")).unwrap();
        assert_eq!(ids(&journal), ["abc1234567", "abd1234567"]);
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let log = own_log(&journal);
        assert_eq!((mode(&log), mode(log.parent().unwrap())), (0o600, 0o700));
        assert_eq!((mode(journal.path()), mode(&dir.path().join("new"))), (0o700, 0o700));
    }

    /// This device's newest log in the journal's folder.
    fn own_log(journal: &Journal) -> PathBuf {
        let logs = journal.folder().unwrap().unwrap().logs().unwrap();
        logs.iter().rfind(|log| log.number.is_some()).unwrap().path.clone()
    }

    #[test]
    fn a_torn_last_line_is_moved_aside_before_the_next_append() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
        journal.append(&entry("aaaaaaaaaa", "whole")).unwrap();
        let torn = &entry("bbbbbbbbbb", "cut off").to_line()[..40];
        fs::OpenOptions::new().append(true).open(own_log(&journal)).unwrap().write_all(torn.as_bytes()).unwrap();
        let moved = journal.append(&entry("cccccccccc", "after")).unwrap().expect("the torn line is moved aside");
        assert_eq!(moved.line, 2);
        assert_eq!(fs::read_to_string(&moved.path).unwrap(), torn);
        assert_eq!(fs::metadata(&moved.path).unwrap().permissions().mode() & 0o777, 0o600);
        assert_eq!(ids(&journal), ["aaaaaaaaaa", "cccccccccc"]);
    }

    #[test]
    fn a_whole_last_entry_without_its_newline_only_gets_the_newline() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
        fs::write(journal.path(), entry("aaaaaaaaaa", "no newline").to_line()).unwrap();
        assert!(journal.append(&entry("bbbbbbbbbb", "next")).unwrap().is_none());
        assert_eq!(ids(&journal), ["aaaaaaaaaa", "bbbbbbbbbb"]);
    }

    #[test]
    fn prefixes_find_unique_entries_and_name_ambiguous_ones() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
        journal.append(&entry("abc1234567", "x")).unwrap();
        journal.append(&entry("abd1234567", "y")).unwrap();
        assert_eq!(journal.find("abc", |_| {}).unwrap().id, "abc1234567");
        assert_eq!(journal.find("last", |_| {}).unwrap().id, "abd1234567");
        let err = journal.find("ab", |_| {}).unwrap_err().to_string();
        assert!(err.starts_with("the entry id 'ab' is ambiguous; it could be abc1234567"), "{err}");
    }

    #[test]
    fn a_damaged_line_read_from_the_end_still_gets_its_number() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
        let lines = format!("{}\n{{broken\n{}\n", entry("a", "x").to_line(), entry("b", "y").to_line());
        fs::write(journal.path(), lines).unwrap();
        let mut damaged = Vec::new();
        let newest = journal.newest(|entry| entry.id == "a", |d| damaged.push(d)).unwrap();
        assert_eq!(newest.unwrap().id, "a");
        assert_eq!(journal.numbers().of(&damaged[0]), 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever a person writes comes back from the journal and from a
        /// JSON export exactly as it went in.
        #[test]
        fn any_answer_round_trips_through_the_journal_and_json(answer in any::<String>()) {
            let dir = tempfile::tempdir().unwrap();
            let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
            journal.append(&entry("aaaaaaaaaa", &answer)).unwrap();
            let back = journal.find("last", |_| {}).unwrap();
            prop_assert_eq!(&back.answers[0].answer, &Answer::Text(answer.clone()));
            let exported = format!("[\n{}\n]\n", serde_json::to_string(&back).unwrap());
            let imported: Vec<Entry> = serde_json::from_str(&exported).unwrap();
            prop_assert_eq!(&imported[0].answers[0].answer, &Answer::Text(answer));
        }

        /// Random bytes as a journal: every reader skips what it cannot read.
        #[test]
        fn random_bytes_as_a_journal_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
            let dir = tempfile::tempdir().unwrap();
            let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
            fs::write(journal.path(), &bytes).unwrap();
            journal.each(|_| Ok(ControlFlow::Continue(())), |_| {}).unwrap();
            let _ = journal.newest(|_| true, |_| {}).unwrap();
            let whole = |block: &[u8]| std::iter::once(0..block.len()).collect();
            journal.pick_back(whole, |line| { let _ = line.parse(); Ok(ControlFlow::Continue(())) }).unwrap();
            let _ = journal.find("a", |_| {});
            // A file that holds no entry is no journal: it is left as it is.
            match journal.append(&entry("zzzzzzzzzz", "after")) {
                Ok(_) => prop_assert_eq!(
                    journal.newest(|_| true, |_| {}).unwrap().map(|e| e.id), Some("zzzzzzzzzz".to_owned())
                ),
                Err(err) => {
                    prop_assert!(err.to_string().contains("holds no bezin entry"), "{err}");
                    prop_assert_eq!(fs::read(journal.path()).unwrap(), bytes);
                }
            }
        }
    }
}
