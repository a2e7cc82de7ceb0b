//! Journal format 3: a folder that every device shares through the sync
//! the person uses, in which no file is ever written by two devices.
//!
//! - `format.txt` says what the folder is;
//! - `dev-<id>/` belongs to one device: `log-NNNNNN.jsonl` holds its records
//!   (`record.rs`), appended only by that device; `name.txt` the machine's
//!   name. A device rewrites its own logs alone, to forget what was deleted
//!   (`compact`): it writes the next number, then removes the ones before.
//!
//! Readers merge every log (`merge.rs`) into a view: a journal of format 2,
//! kept in this machine's state folder with a mark of the logs it was made
//! from, and made again when they change. The rest of bezin reads the view
//! as it reads a plain journal.

mod device;
mod diff;
mod from_sealed;
mod keyring;
mod merge;
mod migrate;
mod other;
mod own;
mod record;
mod sealing;
mod survey;
mod table;

use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::atomic::{AtomicFile, sync_folder};
use crate::journal::lines;
use crate::lang::failed::{Step, Thing, could_not};
pub use from_sealed::create_sealed;
pub use from_sealed::migrate_sealed;
pub use merge::Merged;
pub use migrate::{create, create_plain, leftovers, migrate, recover, removing};
pub use other::{read_log, read_other};
pub use record::Stamp;
use sealing::Sealing;
pub use survey::Survey;

const FORMAT_FILE: &str = "format.txt";
const FORMAT_TEXT: &str = "bezin journal, format 3: one log per device; see docs/journal-format.md in bezin\n";
const DEVICE: &str = "dev-";
const LOG: &str = "log-";
const NAME_FILE: &str = "name.txt";
/// How many of its own changes that later ones replaced a device keeps
/// before it compacts its logs; words of deleted entries go at once.
const SUPERSEDED: usize = 1000;

/// A log file of one device.
#[derive(Clone, Debug)]
pub struct Log {
    pub path: PathBuf,
    pub dev: Box<str>,
    /// Its number, when it has a log's own name: not a copy a sync made.
    pub number: Option<u32>,
    /// A save of an encrypted journal, not yet folded into a log.
    pub pending: bool,
}

/// A file as `stat` tells it, to know whether it changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Mark {
    path: PathBuf,
    size: u64,
    inode: u64,
    changed: i128,
}

impl Mark {
    /// Whether the file is still there with at least what it had: not
    /// removed, replaced by another file, or cut short.
    fn is_there(&self) -> bool {
        fs::metadata(&self.path).is_ok_and(|meta| meta.ino() == self.inode && meta.len() >= self.size)
    }

    fn of(path: &Path, meta: &fs::Metadata) -> Mark {
        let changed = i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec());
        Mark { path: path.to_owned(), size: meta.len(), inode: meta.ino(), changed }
    }
}

/// What the view was made from.
#[derive(Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Manifest {
    files: Vec<Mark>,
    /// The highest time of any record read or written.
    max_at: u64,
    /// When the last entry of the view was finished, in nanoseconds.
    last: Option<i128>,
    /// Which journal folder it is (`Folder::identity`): another folder in
    /// its place is another journal, to which this device's kept records do
    /// not belong.
    #[serde(default)]
    folder: u64,
    /// The keys this device's files of an encrypted journal were last
    /// written for (`Keyring::epoch`).
    #[serde(default)]
    epoch: u64,
    /// Whether the view is to be made again whatever the logs hold.
    #[serde(default)]
    stale: bool,
    /// How many entries the merge held, to make room for them next time.
    #[serde(default)]
    entries: usize,
}

/// A journal of format 3, as this device reads and writes it.
pub struct Folder {
    dir: PathBuf,
    /// This journal's files in the state folder: the view and its manifest.
    state: PathBuf,
    device: String,
    /// The keys of an encrypted journal folder; `None` for a plain one.
    sealing: Option<Sealing>,
}

/// The journal's lock in this machine's state folder, held by whatever
/// changes the view or this device's logs.
pub struct Lock {
    _held: File,
}

impl Folder {
    /// Whether `path` is a journal folder of format 3 (or later).
    pub fn is_at(path: &Path) -> bool {
        path.join(FORMAT_FILE).is_file()
    }

    /// The journal folder `dir`, with this machine's state in `state`.
    pub fn open(dir: &Path, state: &Path) -> Result<Folder> {
        let sealing = Folder::sealing_of(dir)?;
        let real = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned());
        let device = device::this_device(state)?;
        let state = Folder::state_of(&real, state);
        Ok(Folder { dir: real, state, device, sealing })
    }

    /// This machine's state of the journal folder at `real` (a canonical
    /// path), in the state folder `state`.
    fn state_of(real: &Path, state: &Path) -> PathBuf {
        let key = real
            .to_string_lossy()
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
        state.join("journals").join(format!("{key:016x}"))
    }

    /// Forgets this machine's state of the journal folder that was at
    /// `real` (a canonical path), whether or not it is still there.
    pub fn forget_state_of(real: &Path, state: &Path) -> Result<()> {
        let state = Folder::state_of(real, state);
        match fs::remove_dir_all(&state) {
            Err(err) if err.kind() != ErrorKind::NotFound => {
                Err(err).with_context(|| could_not(Step::Remove, Thing::Path, state.display()))
            }
            _ => Ok(()),
        }
    }

    /// What `format.txt` in `dir` says: an encrypted folder has keys to
    /// open (`Some`), a plain one none; a newer format is refused.
    fn sealing_of(dir: &Path) -> Result<Option<Sealing>> {
        let text = read_small(&dir.join(FORMAT_FILE), 4096).unwrap_or_default();
        let text = String::from_utf8_lossy(&text);
        let sealing = (text == sealing::FORMAT_TEXT).then(Sealing::default);
        if !text.starts_with("bezin journal, format 3") || (sealing.is_none() && text.contains("encrypted")) {
            let says = crate::ui::truncate(text.lines().next().unwrap_or_default(), 60);
            bail!((crate::lang::interface().journal().newer_format)(&dir.display().to_string(), &says));
        }
        Ok(sealing)
    }

    /// The merged journal, as a journal of format 2.
    pub fn view(&self) -> PathBuf {
        self.state.join("view.jsonl")
    }

    /// This device's records, kept where no sync reaches them (`own.rs`).
    fn kept(&self) -> PathBuf {
        self.state.join("own.jsonl")
    }

    fn manifest_path(&self) -> PathBuf {
        self.state.join("view.json")
    }

    fn own_dir(&self) -> PathBuf {
        self.dir.join(format!("{DEVICE}{}", self.device))
    }

    /// Takes the journal's lock on this machine.
    pub fn lock(&self) -> Result<Lock> {
        crate::paths::create_private_dir(&self.state)
            .with_context(|| could_not(Step::Create, Thing::Folder, self.state.display()))?;
        let path = self.state.join("lock");
        let file = OpenOptions::new().create(true).append(true).mode(0o600).open(&path);
        let file = file.with_context(|| could_not(Step::Open, Thing::Path, path.display()))?;
        super::wait_for_lock(&file, true).with_context(|| could_not(Step::Lock, Thing::Path, path.display()))?;
        Ok(Lock { _held: file })
    }

    /// Every log of every device, by device and name.
    pub fn logs(&self) -> Result<Vec<Log>> {
        let reading = || could_not(Step::Read, Thing::JournalFolder, self.dir.display());
        let mut logs = Vec::new();
        for device in fs::read_dir(&self.dir).with_context(reading)?.filter_map(Result::ok) {
            let name = device.file_name().to_string_lossy().into_owned();
            let Some(dev) = name.strip_prefix(DEVICE).filter(|dev| crate::journal::is_id(dev)) else { continue };
            if !device.file_type().is_ok_and(|kind| kind.is_dir()) {
                continue;
            }
            for file in fs::read_dir(device.path()).with_context(reading)?.filter_map(Result::ok) {
                let name = file.file_name().to_string_lossy().into_owned();
                let ours = if self.is_sealed() { sealing::is_sealed_log(&name) } else { name.starts_with(LOG) };
                if !ours || !file.file_type().is_ok_and(|kind| kind.is_file()) {
                    continue;
                }
                let (number, pending) = (log_number(&name, self.suffix()), sealing::is_pending(&name));
                logs.push(Log { path: file.path(), dev: dev.into(), number, pending });
            }
        }
        logs.sort_by(|a, b| {
            (&a.dev, a.number.is_none(), a.number, &a.path).cmp(&(&b.dev, b.number.is_none(), b.number, &b.path))
        });
        Ok(logs)
    }

    /// Each log as it is now, and the key changes of an encrypted journal.
    fn marks(&self) -> Result<Vec<Mark>> {
        let mut marks = Vec::new();
        let mut paths: Vec<PathBuf> = self.logs()?.into_iter().map(|log| log.path).collect();
        if self.is_sealed() {
            paths.extend(self.keyring()?.files);
        }
        for path in paths {
            match fs::metadata(&path) {
                Ok(meta) => marks.push(Mark::of(&path, &meta)),
                Err(err) if err.kind() == ErrorKind::NotFound => {}
                Err(err) => {
                    return Err(err).with_context(|| could_not(Step::Read, Thing::Path, path.display()));
                }
            }
        }
        Ok(marks)
    }

    /// How a log's name ends.
    fn suffix(&self) -> &'static str {
        if self.is_sealed() { ".age" } else { ".jsonl" }
    }

    fn manifest(&self) -> Option<Manifest> {
        let text = read_small(&self.manifest_path(), 64 << 20)?;
        serde_json::from_slice(&text).ok()
    }

    /// Makes the view again if the logs changed since it was made. Returns
    /// whether it did, and the merge when it did.
    pub fn refresh(&self) -> Result<Option<Merged>> {
        if self.is_fresh()?.is_some() {
            return Ok(None);
        }
        let lock = self.lock()?;
        if self.is_fresh()?.is_some() {
            return Ok(None);
        }
        self.rebuild(&lock).map(Some)
    }

    /// The manifest, when the view is what the logs hold now.
    fn is_fresh(&self) -> Result<Option<Manifest>> {
        let Some(manifest) = self.manifest() else { return Ok(None) };
        // A view made before views had a sieve is made again, with one.
        let there = if self.is_sealed() { self.sealed_view().has_sieve() } else { self.view().is_file() };
        Ok((there && !manifest.stale && manifest.files == self.marks()?).then_some(manifest))
    }

    /// Merges every log into a new view, under the lock. When this
    /// device's logs hold what it should forget, compacts them.
    pub fn rebuild(&self, lock: &Lock) -> Result<Merged> {
        self.rebuild_expecting(lock, 0)
    }

    /// Makes the view again, with room for `more` entries than the last
    /// view held made at once (the records just written add as many).
    fn rebuild_expecting(&self, _lock: &Lock, more: usize) -> Result<Merged> {
        if !self.is_unlocked() {
            bail!((crate::lang::interface().journal().identity_only)(&self.dir.display().to_string()));
        }
        self.remove_leftovers();
        if self.is_sealed() && from_sealed::holds_old_names(&self.dir) {
            from_sealed::remove_old_names(&self.dir, &self.own_folder()?)?;
        }
        let manifest = self.manifest();
        let folder = self.identity();
        let same = manifest.as_ref().is_some_and(|manifest| manifest.folder == folder)
            || (!self.is_sealed() && self.holds_kept());
        match &manifest {
            Some(_) if same && self.is_sealed() => self.restore_sealed()?,
            Some(manifest) if same => self.restore_own(manifest)?,
            // Another journal in this place: what was kept belonged to the one before.
            _ => self.forget_kept()?,
        }
        let before = manifest.as_ref().map_or(0, |manifest| manifest.max_at);
        let written_for = manifest.as_ref().map_or(0, |manifest| manifest.epoch);
        // Marked before the logs are read: a log that changes meanwhile is read again next time.
        let marks = if self.is_sealed() { Some(self.marks()?) } else { None };
        let expected = manifest.as_ref().map_or(0, |manifest| manifest.entries) + more;
        let merged = Merged::read(self.logs()?, &self.device, &|file| self.open_log(file), expected)?;
        let last = self.write_view(&merged)?;
        let files =
            marks.unwrap_or_else(|| merged.reads.iter().map(|read| Mark::of(&read.log.path, &read.meta)).collect());
        let max_at = merged.max_at.max(before).max(self.keyring().map_or(0, |ring| ring.max_at));
        let last = last.map(Timestamp::as_nanosecond);
        let epoch = self.keyring().map_or(0, |ring| ring.epoch());
        let entries = merged.held();
        let mut manifest = Manifest { files, max_at, last, folder, epoch: written_for, stale: false, entries };
        // A folder bezin cannot write to (read-only, full) is still read;
        // the compaction waits for a change to the logs.
        let compact =
            merged.own_to_forget(SUPERSEDED) || (self.is_sealed() && self.own_to_rewrite(&merged, epoch, written_for));
        if compact && self.compact(&merged).is_ok() {
            manifest.files = self.marks()?;
            manifest.epoch = epoch;
        }
        self.save(&manifest)?;
        Ok(merged)
    }

    /// Where this machine keeps the journal's view and its manifest.
    pub fn state_dir(&self) -> &Path {
        &self.state
    }

    /// The merged journal written into memory instead of the view, where
    /// the view cannot be written (a full disk, a read-only place); the
    /// plain text of an encrypted journal stays in memory too. Read under
    /// the lock where there is one to take: in a place nothing can write,
    /// no other bezin changes anything meanwhile.
    pub fn merged_in_memory(&self) -> Result<File> {
        let _lock = self.lock().ok();
        let merged = Merged::read(self.logs()?, &self.device, &|file| self.open_log(file), 0)?;
        let mut file = sealing::in_memory()?;
        let mut out = std::io::BufWriter::new(&mut file);
        merged.write(&mut out)?;
        out.flush()?;
        drop(out);
        std::io::Seek::rewind(&mut file)?;
        Ok(file)
    }

    /// A log's text to merge: the file itself, or an encrypted one decrypted.
    fn open_log(&self, file: File) -> std::io::Result<File> {
        if self.is_sealed() { self.open_sealed(file) } else { Ok(file) }
    }

    /// Writes the merged journal as this machine's view.
    fn write_view(&self, merged: &Merged) -> Result<Option<Timestamp>> {
        if self.is_sealed() {
            return self.write_sealed_view(merged);
        }
        let view = self.view();
        let mut out = AtomicFile::new(&view, ".view.jsonl.new-")
            .with_context(|| could_not(Step::Write, Thing::Path, view.display()))?;
        let last = merged.write(&mut out)?;
        out.commit().with_context(|| could_not(Step::Write, Thing::Path, view.display()))?;
        Ok(last)
    }

    /// Which journal folder this is. An encrypted one is named by the
    /// journal key of its first key change, which every copy of it holds.
    /// A plain one by its `format.txt` file, made with the folder, by
    /// inode and birth (an inode number alone may be reused; a sync that
    /// writes the file again keeps both); a copy put in its place is known
    /// by the records it holds (`holds_kept`).
    fn identity(&self) -> u64 {
        let first = self.is_sealed().then(|| self.keyring().ok()).flatten();
        if let Some(key) = first.as_ref().and_then(|ring| ring.first_key()) {
            return key
                .bytes()
                .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3));
        }
        let Ok(meta) = fs::metadata(self.dir.join(FORMAT_FILE)) else { return 0 };
        let born = meta.created().ok().and_then(|at| at.duration_since(std::time::UNIX_EPOCH).ok());
        let born = born.map_or(0, |born| born.as_secs() ^ u64::from(born.subsec_nanos()).rotate_left(34));
        meta.ino() ^ born.rotate_left(17)
    }

    /// Writes this device's kept records back as a new log when a log of
    /// its own is gone, cut short or replaced since it was last read.
    fn restore_own(&self, manifest: &Manifest) -> Result<()> {
        let own = self.own_dir();
        let mut ours = manifest.files.iter().filter(|mark| mark.path.starts_with(&own));
        if !ours.any(|mark| !mark.is_there()) {
            return Ok(());
        }
        let newest = self.logs()?.iter().filter(|log| *log.dev == *self.device).filter_map(|log| log.number).max();
        own::restore(&self.kept(), &own.join(log_name(newest.unwrap_or(0) + 1, ".jsonl")))
    }

    /// Whether this device's folder of a plain journal holds a record it
    /// kept: the folder is then the journal they were kept for, put back in
    /// its place by a sync (removed and copied again from another machine),
    /// not a new one.
    fn holds_kept(&self) -> bool {
        use std::ops::ControlFlow::{Break, Continue};
        // The first record this device stamped: lines of a journal file it was made from are in any copy of it.
        let mut first = None;
        let Ok(kept) = File::open(self.kept()) else { return false };
        let _ = lines::forward(&kept, lines::LONGEST, |line| {
            let stamped = record::parse(line.bytes, &self.device).is_ok_and(|(_, stamp)| stamp.at > 0);
            Ok(if stamped {
                first = Some(line.bytes.to_vec());
                Break(())
            } else {
                Continue(())
            })
        });
        let Some(first) = first else { return false };
        let own = self.logs().unwrap_or_default().into_iter().filter(|log| *log.dev == *self.device);
        own.filter_map(|log| File::open(&log.path).ok()).any(|file| {
            let mut found = false;
            let _ = lines::forward(&file, lines::LONGEST, |line| {
                found = line.bytes == first.as_slice();
                Ok(if found { Break(()) } else { Continue(()) })
            });
            found
        })
    }

    /// Removes what a stopped compaction or view left: new files not yet
    /// renamed into place. Only under the lock, when none is being written.
    fn remove_leftovers(&self) {
        let places = [
            (self.own_dir(), ".log-compacting-"),
            (self.own_dir(), ".new-"),
            (self.own_dir(), ".keys-new-"),
            (self.state.join("own.age"), ".kept-"),
            (self.state.clone(), ".view.jsonl.new-"),
            (self.state.clone(), ".view.json.new-"),
        ];
        for (folder, prefix) in places {
            for file in fs::read_dir(folder).into_iter().flatten().filter_map(Result::ok) {
                if file.file_name().to_string_lossy().starts_with(prefix) {
                    let _ = fs::remove_file(file.path());
                }
            }
        }
    }

    fn save(&self, manifest: &Manifest) -> Result<()> {
        let path = self.manifest_path();
        let mut out = AtomicFile::new(&path, ".view.json.new-")?;
        out.write_all(&serde_json::to_vec(manifest)?)?;
        out.persist().with_context(|| could_not(Step::Write, Thing::Path, path.display()))?;
        Ok(())
    }

    /// The manifest of a view that holds what the logs hold, made again
    /// under the lock if they changed.
    fn fresh(&self, lock: &Lock) -> Result<Manifest> {
        if let Some(manifest) = self.is_fresh()? {
            return Ok(manifest);
        }
        self.rebuild(lock)?;
        self.manifest().context("the journal's view was just made, and is gone")
    }

    /// The stamp of a change made now, after every change seen.
    fn stamp(&self, max_at: u64) -> Stamp {
        let now = u64::try_from(Timestamp::now().as_microsecond()).unwrap_or(0);
        Stamp { at: now.max(max_at.saturating_add(1)), dev: self.device.as_str().into() }
    }

    /// Saves a new entry (its line) in this device's log. `append_view`
    /// adds the line to the view when it goes last there (it was finished
    /// after every entry the view holds); otherwise the view is made again.
    pub fn add(
        &self,
        line: &str,
        finished: Timestamp,
        append_view: impl FnOnce() -> Result<()>,
    ) -> Result<Option<crate::journal::MovedAside>> {
        let lock = self.lock()?;
        let manifest = if self.is_unlocked() {
            self.fresh(&lock)?
        } else {
            // A save needs no secret: the next reader brings the view up to date.
            self.manifest().unwrap_or_default()
        };
        let stamp = self.stamp(manifest.max_at.max(self.keyring().map_or(0, |ring| ring.max_at)));
        let written = self.write_own(|out| {
            crate::journal::write_line(out, record::add(line, &stamp).as_bytes())?;
            Ok(1)
        })?;
        // Saved: what follows only brings the view up to date, and the next
        // reader does that if it cannot be done now.
        let viewed = (|| {
            let now = self.marks()?;
            let others =
                |marks: &[Mark]| marks.iter().filter(|mark| mark.path != written.path).cloned().collect::<Vec<_>>();
            let last = manifest.last.is_none_or(|last| finished.as_nanosecond() >= last);
            if last && written.only_this && others(&now) == others(&manifest.files) {
                append_view()?;
                let last = Some(finished.as_nanosecond());
                self.save(&Manifest { files: now, max_at: stamp.at, last, ..manifest })
            } else {
                self.rebuild(&lock).map(drop)
            }
        })();
        if viewed.is_err() {
            self.stale();
        }
        Ok(written.moved)
    }

    /// Marks the view as one to make again. What the manifest says of the
    /// folder and this device's files stays: forgetting it would forget
    /// the copies kept of them (`rebuild`).
    fn stale(&self) {
        let Some(manifest) = self.manifest() else { return };
        if self.save(&Manifest { stale: true, ..manifest }).is_err() {
            let _ = fs::remove_file(self.manifest_path());
        }
    }

    /// The view as it is, to read, and a new file for what a change makes
    /// of it (`record_changes`).
    pub fn rewriting(&self, lock: &Lock) -> Result<(File, std::io::BufWriter<File>)> {
        self.fresh(lock)?;
        if self.is_sealed() {
            return Ok((self.sealed_current()?, std::io::BufWriter::new(sealing::in_memory()?)));
        }
        let view = self.view();
        let old = File::open(&view).with_context(|| could_not(Step::Read, Thing::Path, view.display()))?;
        let new = tempfile::tempfile_in(&self.state)
            .with_context(|| could_not(Step::WriteIn, Thing::Path, self.state.display()))?;
        Ok((old, std::io::BufWriter::with_capacity(1 << 18, new)))
    }

    /// The view as the logs are now, to read under the lock.
    pub fn current(&self, lock: &Lock) -> Result<File> {
        self.fresh(lock)?;
        if self.is_sealed() {
            return self.sealed_current();
        }
        let view = self.view();
        File::open(&view).with_context(|| could_not(Step::Read, Thing::Path, view.display()))
    }

    /// The other devices that write to the journal, by their names.
    pub fn others(&self) -> Result<Vec<String>> {
        let mut others: Vec<Box<str>> = self.logs()?.into_iter().map(|log| log.dev).collect();
        others.dedup();
        others.retain(|dev| **dev != *self.device);
        Ok(others.iter().map(|dev| self.device_name(dev)).collect())
    }

    /// The name a device gave itself, or its id.
    pub fn device_name(&self, dev: &str) -> String {
        let named = read_small(&self.dir.join(format!("{DEVICE}{dev}")).join(NAME_FILE), 1024);
        let name = named.map(|name| String::from_utf8_lossy(&name).trim().to_owned()).unwrap_or_default();
        let name: String = name.chars().filter(|&c| !crate::controls::is_unsafe(c)).take(64).collect();
        if name.is_empty() { dev.to_owned() } else { format!("{name} ({dev})") }
    }

    /// Refuses to go on when other devices write to the journal too: the
    /// encrypted journal is one file per change, and turning the folder into
    /// it here would take the folder from under them.
    pub fn alone(&self) -> Result<()> {
        let others = self.others()?;
        let survey = self.survey()?;
        let left = survey.damaged.len() + survey.newer + survey.twins + survey.refused + survey.strays.len();
        if left + survey.unreadable.len() + survey.cut.len() > 0 {
            bail!((crate::lang::interface().journal().not_for_encrypting)(&self.dir.display().to_string()));
        }
        if !others.is_empty() {
            let words = crate::lang::interface().journal();
            bail!((words.shared_for_encrypting)(&self.dir.display().to_string(), &others.join(", ")));
        }
        Ok(())
    }

    /// The ids of every deleted entry: they never come back.
    pub fn deleted(&self) -> Result<std::collections::HashSet<String>> {
        let mut deleted = std::collections::HashSet::new();
        for log in self.logs()? {
            let Ok(file) = File::open(&log.path).and_then(|file| self.open_log(file)) else { continue };
            lines::forward(&file, lines::LONGEST, |line| {
                if line.contains(b"\"delete\"")
                    && let Ok((record::Record::Del { id }, _)) = record::parse(line.bytes, &log.dev)
                {
                    deleted.insert(id.into_owned());
                }
                Ok(std::ops::ControlFlow::Continue(()))
            })?;
        }
        Ok(deleted)
    }

    /// Removes this machine's files of the journal: its view, its marks.
    pub fn forget(&self) -> Result<()> {
        match fs::remove_dir_all(&self.state) {
            Err(err) if err.kind() != ErrorKind::NotFound => {
                Err(err).with_context(|| could_not(Step::Remove, Thing::Path, self.state.display()))
            }
            _ => Ok(()),
        }
    }

    /// Records what turned the view `old` into `new` (both files of
    /// journal lines) in this device's log, and makes the view again.
    /// Returns whether anything changed.
    pub fn record_changes(&self, lock: &Lock, old: &File, new: &File) -> Result<bool> {
        let manifest = self.fresh(lock)?;
        let stamp = self.stamp(manifest.max_at);
        let written = self.write_own(|out| diff::changes(old, new, &stamp, out))?;
        if written.records == 0 {
            return Ok(false);
        }
        if self.rebuild_expecting(lock, written.records).is_err() {
            self.stale();
        }
        Ok(true)
    }

    /// Appends the records `write` writes (it returns how many) to this
    /// device's newest log, and syncs it. A last line cut off by a crash is
    /// first moved aside. If anything fails, the log is left as it was.
    fn write_own(&self, write: impl FnOnce(&mut dyn Write) -> Result<usize>) -> Result<Written> {
        if self.is_sealed() {
            return self.write_sealed(write);
        }
        let dir = self.own_folder()?;
        let newest = self.logs()?.into_iter().filter(|log| *log.dev == *self.device).filter_map(|log| log.number).max();
        let path = dir.join(log_name(newest.unwrap_or(1), ".jsonl"));
        let writing = || could_not(Step::WriteTo, Thing::Journal, path.display());
        // Never through a link, and never into a pipe or a device.
        let flags = (nix::fcntl::OFlag::O_NOFOLLOW | nix::fcntl::OFlag::O_NONBLOCK).bits();
        let opened =
            OpenOptions::new().read(true).append(true).create(true).mode(0o600).custom_flags(flags).open(&path);
        let mut file = opened.with_context(writing)?;
        if !file.metadata()?.is_file() {
            bail!((crate::lang::interface().journal().log_not_regular)(&path.display().to_string()));
        }
        let whole = |line: &[u8]| record::parse(line, &self.device).is_ok();
        let ended = lines::tail_start(&file, file.metadata()?.len())?.is_none();
        let moved = crate::journal::mend_tail(&mut file, &dir.join("corrupt"), whole).with_context(writing)?;
        let length = file.metadata()?.len();
        let mut out = std::io::BufWriter::with_capacity(1 << 20, &file);
        let records = write(&mut out).and_then(|records| {
            out.into_inner().map_err(std::io::IntoInnerError::into_error)?.sync_all()?;
            Ok(records)
        });
        let records = match records {
            Ok(records) => records,
            Err(err) => {
                let _ = file.set_len(length).and_then(|()| file.sync_all());
                return Err(err).with_context(writing);
            }
        };
        if newest.is_none() {
            sync_folder(&dir)?;
            sync_folder(&self.dir)?;
        }
        // The first records kept take the log's earlier ones (a journal file made its first log) along.
        let kept = self.kept();
        own::keep(&kept, &file, if kept.exists() { length } else { 0 })?;
        Ok(Written { path, moved, only_this: ended, records })
    }

    /// This device's folder, made with its name when there is none yet.
    fn own_folder(&self) -> Result<PathBuf> {
        let dir = self.own_dir();
        let created = match fs::symlink_metadata(&dir) {
            Ok(meta) if meta.is_dir() => false,
            Ok(_) => bail!((crate::lang::interface().journal().not_own_folder)(&dir.display().to_string())),
            Err(_) => true,
        };
        if created {
            device::make_folder(&self.dir, &self.device)
                .with_context(|| could_not(Step::Create, Thing::Folder, dir.display()))?;
            sync_folder(&self.dir)?;
        }
        Ok(dir)
    }

    /// Rewrites this device's logs as one, without what it no longer
    /// needs (`Merged::keeps`): a new log numbered after them, synced, and
    /// then the old ones removed. A reader that meets both reads the same.
    fn compact(&self, merged: &Merged) -> Result<()> {
        let own: Vec<&merge::Read> = merged.reads.iter().filter(|read| *read.log.dev == *self.device).collect();
        if own.is_empty() {
            return Ok(());
        }
        let newest = own.iter().filter_map(|read| read.log.number).max().unwrap_or(0);
        let target = self.own_dir().join(log_name(newest + 1, self.suffix()));
        let out = AtomicFile::new(&target, ".log-compacting-")
            .with_context(|| could_not(Step::Write, Thing::Path, target.display()))?;
        let mut written = std::collections::HashSet::new();
        if self.is_sealed() {
            let mut out = self.sealed_writer(out)?;
            for read in &own {
                merged.copy_kept(read, &self.device, &mut written, &mut out)?;
            }
            out.commit().with_context(|| could_not(Step::Write, Thing::Path, target.display()))?;
        } else {
            let mut out = out;
            for read in &own {
                merged.copy_kept(read, &self.device, &mut written, &mut out)?;
            }
            out.commit().with_context(|| could_not(Step::Write, Thing::Path, target.display()))?;
            own::keep_as(&self.kept(), &target)?;
        }
        for read in own {
            fs::remove_file(&read.log.path)
                .with_context(|| could_not(Step::Remove, Thing::Path, read.log.path.display()))?;
        }
        sync_folder(&self.own_dir())?;
        if self.is_sealed() {
            self.kept_after_compaction()?;
        }
        Ok(())
    }
}

/// What `write_own` did.
struct Written {
    /// The log written to.
    path: PathBuf,
    /// A last line cut off by a crash, moved aside first.
    moved: Option<crate::journal::MovedAside>,
    /// Whether the records are all that changed in the log.
    only_this: bool,
    /// How many records were written.
    records: usize,
}

/// The name of log number `n`, ending in `suffix`.
fn log_name(n: u32, suffix: &str) -> String {
    format!("{LOG}{n:06}{suffix}")
}

/// The number of a log with a log's own name (`log-000012.jsonl`).
fn log_number(name: &str, suffix: &str) -> Option<u32> {
    let digits = name.strip_prefix(LOG)?.strip_suffix(suffix)?;
    (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.parse().ok())?
}

/// A small file bezin wrote, whole, or nothing.
fn read_small(path: &Path, bytes: u64) -> Option<Vec<u8>> {
    crate::whole_file::read_regular(
        path,
        crate::limits::FileLimit { bytes, of: ["a file of the journal", "een bestand van het dagboek"] },
    )
    .ok()
}

fn parent_of(path: &Path) -> &Path {
    path.parent().filter(|parent| !parent.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

#[cfg(test)]
mod tests;
