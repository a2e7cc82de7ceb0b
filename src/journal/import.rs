//! Bringing entries from elsewhere into the journal, in time order, without
//! holding them all in memory: new entries wait in a spill file while only
//! their times are sorted, then one rewrite under the lock merges them into
//! place. Which entries the journal holds already is read inside that
//! rewrite, so imports running at once give each entry once.
//!
//! For an encrypted journal the spill is kept in memory, and the versions
//! set aside are encrypted, so that nothing goes to disk in plain text.
//!
//! An entry whose id the journal holds with other content is a conflict:
//! the version changed last (by `edited`, else `finished`) is kept in the
//! journal, and the other is written to `journal.jsonl.conflict-<time>`
//! beside it, never dropped.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use jiff::Timestamp;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::entry::line_keeping_unknown;
use super::{Entry, FORMAT, Journal, RawLine, write_line};

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    /// Entries the journal (or the import itself) held already, as they are.
    pub skipped: usize,
    /// Entries whose id was there with other content.
    pub conflicts: usize,
    /// Entries deleted from the journal before: a deleted entry never comes back.
    pub deleted: usize,
    /// Where the versions that were not kept went.
    pub aside: Option<PathBuf>,
}

/// One entry on its way in. Small, since an import holds one for every
/// entry: its id is kept in `Incoming::ids`.
struct Place {
    /// Where it goes in the journal's time order.
    finished: Timestamp,
    /// Its line in the spill file.
    offset: u64,
    hash: u64,
    /// Where its id starts in `Incoming::ids`.
    id_at: usize,
    len: u32,
    id_len: u8,
}

/// Where entries wait: a file, or memory for an encrypted journal.
enum Spill {
    /// Read back mostly in the order written: through a window.
    Disk(BufWriter<File>, std::cell::RefCell<super::lines::Window>),
    Memory(zeroize::Zeroizing<Vec<u8>>),
}

impl Spill {
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Spill::Disk(file, _) => file.write_all(bytes),
            Spill::Memory(memory) => {
                memory.extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Spill::Disk(file, _) => file.flush(),
            Spill::Memory(_) => Ok(()),
        }
    }

    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        match self {
            Spill::Disk(file, window) => {
                buf.copy_from_slice(window.borrow_mut().bytes(file.get_ref(), offset, buf.len())?);
                Ok(())
            }
            Spill::Memory(memory) => {
                let start = usize::try_from(offset).map_err(std::io::Error::other)?;
                let bytes = memory.get(start..start + buf.len()).ok_or(std::io::ErrorKind::UnexpectedEof)?;
                buf.copy_from_slice(bytes);
                Ok(())
            }
        }
    }
}

/// Entries on their way in: kept in a spill, sorted by time.
pub struct Incoming {
    spill: Spill,
    places: Vec<Place>,
    /// The ids of every place, one after the other.
    ids: String,
    written: u64,
    /// How many entries came in so far, to name an entry's place.
    seen: usize,
}

/// The import's entries could not be kept while it reads (a full disk):
/// not a fault of the file being read.
#[derive(Debug)]
pub struct NoRoom;

impl std::fmt::Display for NoRoom {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(crate::lang::interface().journal().no_room_for_import)
    }
}

/// The entries of an import, each id once: of two versions with the same
/// id, the one changed last; an entry given twice as it is counts once.
struct Settled {
    incoming: Incoming,
    /// The places kept, sorted by id.
    by_id: Vec<u32>,
    skipped: usize,
    /// Versions that lost to another of the same id in the import itself.
    losers: Vec<u32>,
}

impl Incoming {
    /// Entries on their way into `journal`.
    pub fn new(journal: &Journal) -> Result<Incoming> {
        let spill = if journal.is_encrypted() {
            Spill::Memory(zeroize::Zeroizing::new(Vec::new()))
        } else {
            let file = tempfile::tempfile().context(NoRoom)?;
            Spill::Disk(BufWriter::with_capacity(1 << 18, file), std::cell::RefCell::default())
        };
        Ok(Incoming { spill, places: Vec::new(), ids: String::new(), written: 0, seen: 0 })
    }

    /// Takes one entry, given with the JSON it came as (whose fields bezin
    /// does not know are kept). An entry with an id that is not a plain
    /// word, or larger than an entry may be, stops the import: nothing is
    /// imported, and the error names the entry's place in the file.
    pub fn take(&mut self, entry: &Entry, raw: &[u8]) -> Result<()> {
        let finished = self.checked(entry)?;
        // An entry of another format comes in as it is: a newer one this
        // bezin cannot know, an older one is never rewritten unless edited.
        // It goes on one line as serde_json writes it; a line that is so
        // already (as every line bezin wrote) is kept without parsing it again.
        let line = if entry.format == FORMAT {
            line_keeping_unknown(entry, raw)
        } else {
            match std::str::from_utf8(raw) {
                Ok(text) if crate::json::is_compact(text) => text.to_owned(),
                _ => serde_json::from_slice::<serde_json::Value>(raw)?.to_string(),
            }
        };
        self.keep(&entry.id, finished, &line)
    }

    /// Takes an entry bezin made of another tool's, as bezin writes it.
    pub fn take_made(&mut self, entry: &Entry) -> Result<()> {
        let finished = self.checked(entry)?;
        self.keep(&entry.id, finished, &entry.to_line())
    }

    /// When the entry was finished, once it is known to be one to import.
    fn checked(&mut self, entry: &Entry) -> Result<Timestamp> {
        self.seen += 1;
        let words = crate::lang::interface().journal();
        if let Some(problem) = entry.problem() {
            bail!((words.not_importable)(self.seen, &problem));
        }
        let times =
            [("started", Some(&entry.started)), ("finished", Some(&entry.finished)), ("edited", entry.edited.as_ref())];
        for (field, stamp) in times.into_iter().filter_map(|(field, stamp)| Some((field, stamp?))) {
            if !crate::clock::is_stamp(stamp) {
                bail!((words.not_a_stamp)(self.seen, field, &crate::ui::truncate(stamp, 40)));
            }
        }
        entry.finished.parse().with_context(|| (words.finish_unreadable_in_file)(&entry.id, &entry.finished))
    }

    /// Keeps `line` in the spill, for the entry `id`.
    fn keep(&mut self, id: &str, finished: Timestamp, line: &str) -> Result<()> {
        if let Err(too_large) = crate::limits::entry_line(line.len()) {
            bail!((crate::lang::interface().journal().not_importable)(self.seen, &too_large.to_string()));
        }
        self.spill.write_all(line.as_bytes()).context(NoRoom)?;
        let (id_at, id_len) = (self.ids.len(), u8::try_from(id.len())?);
        self.ids.push_str(id);
        let len = u32::try_from(line.len())?;
        let hash = hash(line.as_bytes());
        self.places.push(Place { finished, offset: self.written, hash, id_at, len, id_len });
        self.written += line.len() as u64;
        Ok(())
    }

    fn id(&self, place: u32) -> &str {
        let Place { id_at, id_len, .. } = self.places[place as usize];
        &self.ids[id_at..id_at + usize::from(id_len)]
    }

    fn line(&self, place: u32) -> Result<Vec<u8>> {
        let Place { offset, len, .. } = self.places[place as usize];
        let mut line = vec![0; len as usize];
        self.spill.read_exact_at(&mut line, offset)?;
        Ok(line)
    }

    /// Each id once: versions of one id are met in the order they came,
    /// each against the one kept so far; one given twice counts once.
    fn settle(mut self) -> Result<Settled> {
        self.spill.flush().context(NoRoom)?;
        let count = u32::try_from(self.places.len())?;
        let mut all: Vec<u32> = (0..count).collect();
        all.sort_unstable_by(|&one, &other| self.id(one).cmp(self.id(other)).then(one.cmp(&other)));
        let (mut by_id, mut losers, mut skipped) = (Vec::new(), Vec::new(), 0);
        for group in all.chunk_by(|&one, &other| self.id(one) == self.id(other)) {
            let mut kept = group[0];
            let mut given = HashMap::from([(self.places[kept as usize].hash, kept)]);
            for &next in &group[1..] {
                let (kept_line, next_line) = (self.line(kept)?, self.line(next)?);
                // A version given before, kept or set aside, is there already.
                let before = given.insert(self.places[next as usize].hash, next);
                if before.map(|before| self.line(before)).transpose()?.is_some_and(|before| before == next_line)
                    || same_entry(&kept_line, &next_line)
                {
                    skipped += 1;
                } else if changed(&next_line) > changed(&kept_line) {
                    losers.push(kept);
                    kept = next;
                } else {
                    losers.push(next);
                }
            }
            by_id.push(kept);
        }
        Ok(Settled { incoming: self, by_id, skipped, losers })
    }

    /// Keeps the new entries, in time order, encrypted in the journal's
    /// folder for the next reader to merge. Returns how many.
    pub fn keep_for_later(self, journal: &Journal) -> Result<usize> {
        let settled = self.settle()?;
        let order = settled.in_time_order(|_| true);
        let mut lines = zeroize::Zeroizing::new(Vec::new());
        for &place in order.iter().chain(&settled.losers) {
            write_line(&mut *lines, &settled.incoming.line(place)?)?;
        }
        if !order.is_empty() {
            journal.keep_import(&lines)?;
        }
        Ok(order.len())
    }

    /// Merges the new entries into the journal with one atomic rewrite.
    pub fn merge_into(self, journal: &Journal) -> Result<Imported> {
        let settled = self.settle()?;
        let (mut aside, mut imported) = (Aside::new(journal)?, Imported::default());
        for &loser in &settled.losers {
            if aside.keep(&settled.incoming.line(loser)?)? {
                imported.conflicts += 1;
            } else {
                imported.skipped += 1;
            }
        }
        imported.skipped = settled.skipped;
        let deleted = journal.deleted()?;
        let order = settled.in_time_order(|id| !deleted.contains(id));
        imported.deleted = settled.by_id.len() - order.len();
        let mut merge = Merge { settled, aside, imported };
        journal.rewrite(|locked, out| merge.rewrite(locked, out, &order))?;
        Ok(Imported { aside: merge.aside.path, ..merge.imported })
    }
}

impl Settled {
    /// The places kept whose id passes `keep`, in the journal's time order.
    fn in_time_order(&self, keep: impl Fn(&str) -> bool) -> Vec<u32> {
        let mut order: Vec<u32> = self.by_id.iter().copied().filter(|&place| keep(self.incoming.id(place))).collect();
        order.sort_by_key(|&place| (self.incoming.places[place as usize].finished, place));
        order
    }

    /// Whether the entry at `place` is `line`, byte for byte (told apart
    /// by hash first, without reading it).
    fn is_as_given(&self, place: u32, line: &[u8]) -> Result<bool> {
        Ok(self.incoming.places[place as usize].hash == hash(line) && self.incoming.line(place)? == line)
    }

    /// The place kept for `id`, if the import holds it.
    fn find(&self, id: &str) -> Option<u32> {
        let found = self.by_id.binary_search_by(|&place| self.incoming.id(place).cmp(id));
        found.ok().map(|at| self.by_id[at])
    }
}

/// The rewrite of an import: the journal's lines with the new entries in
/// their place, and each conflict settled.
struct Merge {
    settled: Settled,
    aside: Aside,
    imported: Imported,
}

impl Merge {
    /// Writes the journal with the entries of `order` in their place. What
    /// the import held of its entries goes at the end, before the journal
    /// merges what changed: the two need not be in memory at once.
    fn rewrite(&mut self, locked: &super::Locked, out: &mut dyn Write, order: &[u32]) -> Result<bool> {
        let changed = self.write_merged(locked, out, order)?;
        // The versions set aside last before the journal without them does.
        self.aside.finish()?;
        let incoming = &mut self.settled.incoming;
        (incoming.places, incoming.ids, self.settled.by_id) = (Vec::new(), String::new(), Vec::new());
        Ok(changed)
    }

    fn write_merged(&mut self, locked: &super::Locked, out: &mut dyn Write, order: &[u32]) -> Result<bool> {
        let held = self.held(locked)?;
        let mut waiting = order.iter().copied().filter(|&place| !held[place as usize]).peekable();
        let mut changed = false;
        let places = &self.settled.incoming.places;
        locked.scan(|line| {
            if let Ok(time) = finished(line.bytes) {
                while let Some(place) = waiting.next_if(|&place| places[place as usize].finished < time) {
                    write_line(out, &self.settled.incoming.line(place)?)?;
                    (self.imported.added, changed) = (self.imported.added + 1, true);
                }
            }
            changed |= settle(&self.settled, &mut self.aside, &mut self.imported, &line, out)?;
            Ok(ControlFlow::Continue(()))
        })?;
        for place in waiting {
            write_line(out, &self.settled.incoming.line(place)?)?;
            (self.imported.added, changed) = (self.imported.added + 1, true);
        }
        Ok(changed)
    }

    /// Which places the journal holds already, by their id; those it holds
    /// as they are count as skipped.
    fn held(&mut self, locked: &super::Locked) -> Result<Vec<bool>> {
        let mut held = vec![false; self.settled.incoming.places.len()];
        locked.scan(|line| {
            let found = serde_json::from_slice::<Id>(line.bytes).ok().and_then(|Id { id }| self.settled.find(&id));
            if let Some(place) = found {
                held[place as usize] = true;
                if self.settled.is_as_given(place, line.bytes)? {
                    self.imported.skipped += 1;
                }
            }
            Ok(ControlFlow::Continue(()))
        })?;
        Ok(held)
    }
}

/// Writes a line of the journal, or, when the import holds its id with
/// other content, the version changed last; the other goes aside.
/// Returns whether the journal changed.
fn settle(
    settled: &Settled,
    aside: &mut Aside,
    imported: &mut Imported,
    line: &RawLine,
    out: &mut dyn Write,
) -> Result<bool> {
    let ours = serde_json::from_slice::<Id>(line.bytes).ok().and_then(|Id { id }| settled.find(&id));
    let Some(place) = ours else {
        write_line(out, line.bytes)?;
        return Ok(false);
    };
    let theirs = settled.incoming.line(place)?;
    if theirs == line.bytes {
        write_line(out, line.bytes)?;
        return Ok(false);
    }
    if same_entry(line.bytes, &theirs) {
        imported.skipped += 1;
        write_line(out, line.bytes)?;
        return Ok(false);
    }
    let (kept, lost) =
        if changed(&theirs) > changed(line.bytes) { (&theirs[..], line.bytes) } else { (line.bytes, &theirs[..]) };
    if aside.keep(lost)? {
        imported.conflicts += 1;
    } else {
        imported.skipped += 1;
    }
    write_line(out, kept)?;
    Ok(kept != line.bytes)
}

/// The file for versions that lost a conflict, made when the first comes:
/// beside the journal, or encrypted in the encrypted journal's folder.
struct Aside {
    base: PathBuf,
    sealed: Option<crate::keys::Recipients>,
    path: Option<PathBuf>,
    file: Option<AsideFile>,
    /// What the files an import set aside before hold, by each line's
    /// SHA-256: a version set aside once is not set aside again.
    kept: HashSet<[u8; 32]>,
}

enum AsideFile {
    Plain(BufWriter<File>),
    Sealed(age::stream::StreamWriter<BufWriter<File>>),
}

impl Aside {
    fn new(journal: &Journal) -> Result<Aside> {
        let sealed = journal.encrypted_to()?;
        let (base, named) = match sealed {
            Some(_) => (journal.place().join("conflict"), "conflict-".to_owned()),
            None => (journal.path().to_owned(), format!("{}.conflict-", file_name(journal.path()))),
        };
        let kept = kept_before(journal, base.parent().unwrap_or(Path::new(".")), &named);
        Ok(Aside { base, sealed, path: None, file: None, kept })
    }

    /// Sets `line` aside; false when an earlier import set it aside already.
    fn keep(&mut self, line: &[u8]) -> Result<bool> {
        if !self.kept.insert(Sha256::digest(line).into()) {
            return Ok(false);
        }
        if self.file.is_none() {
            let file = if let Some(keys) = &self.sealed {
                let (path, file) = super::new_aside(&self.base, ".age")?;
                self.path = Some(path);
                AsideFile::Sealed(keys.encrypt(BufWriter::new(file))?)
            } else {
                let (path, file) = super::aside_file(&self.base, "conflict")?;
                self.path = Some(path);
                AsideFile::Plain(BufWriter::new(file))
            };
            self.file = Some(file);
        }
        match self.file.as_mut().context("the conflicts file is open")? {
            AsideFile::Plain(file) => write_line(file, line)?,
            AsideFile::Sealed(file) => write_line(file, line)?,
        }
        Ok(true)
    }

    /// Ends the file and makes it and its name last.
    fn finish(&mut self) -> Result<()> {
        let file = match self.file.take() {
            None => return Ok(()),
            Some(AsideFile::Plain(file)) => file,
            Some(AsideFile::Sealed(file)) => file.finish()?,
        };
        file.into_inner().map_err(std::io::IntoInnerError::into_error)?.sync_all()?;
        super::sync_dir(self.path.as_deref().and_then(Path::parent))
    }
}

impl Journal {
    /// The files beside a plain journal that hold the versions imports set
    /// aside, oldest first (an encrypted journal keeps them in its folder,
    /// where `check` names whatever is not part of it).
    pub fn set_aside(&self) -> Vec<PathBuf> {
        let named = format!("{}.conflict-", file_name(self.path()));
        let dir = self.path().parent().filter(|dir| !dir.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let Ok(found) = std::fs::read_dir(dir) else { return Vec::new() };
        let mut found: Vec<PathBuf> = found
            .filter_map(Result::ok)
            .map(|file| file.path())
            .filter(|path| file_name(path).starts_with(&named))
            .collect();
        found.sort();
        found
    }
}

/// The SHA-256 of each line in the files earlier imports set aside: those
/// in `dir` whose names start with `named`. A file that does not read is
/// passed by: what it holds may be set aside again, never lost.
fn kept_before(journal: &Journal, dir: &Path, named: &str) -> HashSet<[u8; 32]> {
    let mut kept = HashSet::new();
    let Ok(found) = std::fs::read_dir(dir) else { return kept };
    for file in found.filter_map(Result::ok).filter(|file| file_name(&file.path()).starts_with(named)) {
        let text = if named.ends_with(".conflict-") {
            std::fs::read(file.path()).map(zeroize::Zeroizing::new).ok()
        } else {
            journal.decrypt_small(&file.path()).ok()
        };
        for line in text.iter().flat_map(|text| text.split(|&byte| byte == b'\n')) {
            kept.insert(Sha256::digest(line).into());
        }
    }
    kept
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Whether two lines hold the same entry, however each was written: in
/// another order of fields or spacing, or the one in format 1 and the
/// other in format 2 (from `list --json`), with the same fields bezin does
/// not know.
fn same_entry(one: &[u8], other: &[u8]) -> bool {
    let value = |line: &[u8]| serde_json::from_slice::<serde_json::Value>(line).ok();
    let (Some(one_value), Some(other_value)) = (value(one), value(other)) else { return false };
    if one_value == other_value {
        return true;
    }
    let entry = |line: &[u8]| serde_json::from_slice::<Entry>(line).ok();
    let (Some(one_entry), Some(other_entry)) = (entry(one), entry(other)) else { return false };
    let unknown = |entry: &Entry, line: &[u8]| value(super::entry::line_keeping_unknown(entry, line).as_bytes());
    one_entry.format != other_entry.format
        && super::entry::same_in_any_format(&one_entry, &other_entry)
        && unknown(&other_entry, one) == unknown(&other_entry, other)
}

/// When the entry on this line was changed last: `edited`, else `finished`.
fn changed(line: &[u8]) -> Timestamp {
    let times = serde_json::from_slice::<Times>(line).ok();
    times.map_or(Timestamp::MIN, |times| crate::clock::moment(&times.edited.unwrap_or(times.finished)))
}

fn finished(line: &[u8]) -> Result<Timestamp> {
    let Times { finished, .. } = serde_json::from_slice(line)?;
    Ok(finished.parse()?)
}

/// FNV-1a, to tell lines apart without keeping them.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

#[derive(Deserialize)]
struct Id<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Times<'a> {
    #[serde(borrow)]
    finished: Cow<'a, str>,
    #[serde(borrow, default)]
    edited: Option<Cow<'a, str>>,
}
