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
use std::collections::HashMap;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::ControlFlow;
use std::os::unix::fs::FileExt;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use jiff::Timestamp;
use serde::Deserialize;

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

/// One entry on its way in.
struct Place {
    id: String,
    /// Where it goes in the journal's time order.
    finished: Timestamp,
    /// Its line in the spill file.
    offset: u64,
    len: usize,
    hash: u64,
}

/// Where entries wait: a file, or memory for an encrypted journal.
enum Spill {
    Disk(BufWriter<File>),
    Memory(zeroize::Zeroizing<Vec<u8>>),
}

impl Spill {
    fn write_all(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        match self {
            Spill::Disk(file) => file.write_all(bytes),
            Spill::Memory(memory) => {
                memory.extend_from_slice(bytes);
                Ok(())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Spill::Disk(file) => file.flush(),
            Spill::Memory(_) => Ok(()),
        }
    }

    fn read_exact_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
        match self {
            Spill::Disk(file) => file.get_ref().read_exact_at(buf, offset),
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
    /// Each id taken so far, and its place.
    by_id: HashMap<String, usize>,
    written: u64,
    skipped: usize,
    /// Versions that lost to another of the same id in the import itself.
    losers: Vec<usize>,
    /// How many entries came in so far, to name an entry's place.
    seen: usize,
}

impl Incoming {
    /// Entries on their way into `journal`.
    pub fn new(journal: &Journal) -> Result<Incoming> {
        let spill = if journal.is_encrypted() {
            Spill::Memory(zeroize::Zeroizing::new(Vec::new()))
        } else {
            Spill::Disk(BufWriter::new(
                tempfile::tempfile().context(crate::lang::interface().journal().no_room_for_import)?,
            ))
        };
        Ok(Incoming {
            spill,
            places: Vec::new(),
            by_id: HashMap::new(),
            written: 0,
            skipped: 0,
            losers: Vec::new(),
            seen: 0,
        })
    }

    /// Takes one entry, given with the JSON it came as (whose fields bezin
    /// does not know are kept). An entry with an id that is not a plain
    /// word, or larger than an entry may be, stops the import: nothing is
    /// imported, and the error names the entry's place in the file.
    pub fn take(&mut self, entry: &Entry, raw: &[u8]) -> Result<()> {
        self.seen += 1;
        if let Some(problem) = entry.problem() {
            bail!((crate::lang::interface().journal().not_importable)(self.seen, &problem));
        }
        let times =
            [("started", Some(&entry.started)), ("finished", Some(&entry.finished)), ("edited", entry.edited.as_ref())];
        for (field, stamp) in times.into_iter().filter_map(|(field, stamp)| Some((field, stamp?))) {
            if !crate::clock::is_stamp(stamp) {
                bail!(
                    "entry {} of the file cannot be imported: its {field} '{}' is not a time as bezin records one \
                     (RFC 3339 like 2026-11-24T09:15:02+01:00, an offset within ±23:59); nothing was imported",
                    self.seen,
                    crate::ui::truncate(stamp, 40)
                );
            }
        }
        let finished = entry.finished.parse().with_context(|| {
            (crate::lang::interface().journal().finish_unreadable_in_file)(&entry.id, &entry.finished)
        })?;
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
        if let Err(too_large) = crate::limits::entry_line(line.len()) {
            bail!((crate::lang::interface().journal().not_importable)(self.seen, &too_large.to_string()));
        }
        let hash = hash(line.as_bytes());
        let twin = self.by_id.get(&entry.id).copied();
        if let Some(twin) = twin {
            self.spill.flush()?;
            if self.places[twin].hash == hash || same_entry(&self.line(twin)?, line.as_bytes()) {
                self.skipped += 1;
                return Ok(());
            }
        }
        self.spill.write_all(line.as_bytes())?;
        let place = Place { id: entry.id.clone(), finished, offset: self.written, len: line.len(), hash };
        self.written += line.len() as u64;
        self.places.push(place);
        let newest = self.places.len() - 1;
        match twin {
            None => {
                self.by_id.insert(entry.id.clone(), newest);
            }
            Some(twin) => {
                let (kept, lost) = self.settle(twin, newest)?;
                self.by_id.insert(entry.id.clone(), kept);
                self.losers.push(lost);
            }
        }
        Ok(())
    }

    /// Of two places with the same id, the one changed last, and the other.
    fn settle(&mut self, one: usize, other: usize) -> Result<(usize, usize)> {
        self.spill.flush()?;
        let (a, b) = (self.line(one)?, self.line(other)?);
        Ok(if changed(&b) > changed(&a) { (other, one) } else { (one, other) })
    }

    fn line(&self, place: usize) -> Result<Vec<u8>> {
        let Place { offset, len, .. } = self.places[place];
        let mut line = vec![0; len];
        self.spill.read_exact_at(&mut line, offset)?;
        Ok(line)
    }

    /// Keeps the new entries, in time order, encrypted in the journal's
    /// folder for the next reader to merge. Returns how many.
    pub fn keep_for_later(mut self, journal: &Journal) -> Result<usize> {
        self.spill.flush()?;
        let mut order: Vec<usize> = self.by_id.values().copied().collect();
        order.sort_by_key(|&place| (self.places[place].finished, place));
        let mut lines = zeroize::Zeroizing::new(Vec::new());
        for &place in order.iter().chain(&self.losers) {
            write_line(&mut *lines, &self.line(place)?)?;
        }
        if !order.is_empty() {
            journal.keep_import(&lines)?;
        }
        Ok(order.len())
    }

    /// Merges the new entries into the journal with one atomic rewrite.
    pub fn merge_into(mut self, journal: &Journal) -> Result<Imported> {
        self.spill.flush()?;
        let mut order: Vec<usize> = self.by_id.values().copied().collect();
        order.sort_by_key(|&place| (self.places[place].finished, place));
        let (mut aside, mut imported) = (Aside::new(journal)?, Imported::default());
        for &loser in &self.losers {
            aside.keep(&self.line(loser)?)?;
            imported.conflicts += 1;
        }
        imported.skipped = self.skipped;
        let deleted = journal.deleted()?;
        let before = order.len();
        order.retain(|&place| !deleted.contains(&self.places[place].id));
        imported.deleted = before - order.len();
        let mut merge = Merge { incoming: self, aside, imported };
        journal.rewrite(|locked, out| merge.rewrite(locked, out, &order))?;
        merge.aside.finish()?;
        Ok(Imported { aside: merge.aside.path, ..merge.imported })
    }
}

/// The rewrite of an import: the journal's lines with the new entries in
/// their place, and each conflict settled.
struct Merge {
    incoming: Incoming,
    aside: Aside,
    imported: Imported,
}

impl Merge {
    /// Writes the journal with the entries of `order` in their place. What
    /// the import held of its entries goes at the end, before the journal
    /// merges what changed: the two need not be in memory at once.
    fn rewrite(&mut self, locked: &super::Locked, out: &mut dyn Write, order: &[usize]) -> Result<bool> {
        let changed = self.write_merged(locked, out, order)?;
        self.incoming.places = Vec::new();
        self.incoming.by_id = HashMap::new();
        Ok(changed)
    }

    fn write_merged(&mut self, locked: &super::Locked, out: &mut dyn Write, order: &[usize]) -> Result<bool> {
        let mut held: HashMap<String, u64> = HashMap::new();
        locked.scan(|line| {
            if let Ok(Id { id }) = serde_json::from_slice(line.bytes) {
                held.insert(id.into_owned(), hash(line.bytes));
            }
            Ok(ControlFlow::Continue(()))
        })?;
        let new: Vec<usize> = order.iter().copied().filter(|&place| self.is_new(place, &held)).collect();
        let mut waiting = new.into_iter().peekable();
        let mut changed = false;
        locked.scan(|line| {
            if let Ok(time) = finished(line.bytes) {
                while let Some(place) = waiting.next_if(|&place| self.incoming.places[place].finished < time) {
                    write_line(out, &self.incoming.line(place)?)?;
                    (self.imported.added, changed) = (self.imported.added + 1, true);
                }
            }
            changed |= self.settle(&line, out)?;
            Ok(ControlFlow::Continue(()))
        })?;
        for place in waiting {
            write_line(out, &self.incoming.line(place)?)?;
            (self.imported.added, changed) = (self.imported.added + 1, true);
        }
        Ok(changed)
    }

    /// Whether the journal lacks the entry at `place`; counts it as skipped
    /// when the journal holds it as it is.
    fn is_new(&mut self, place: usize, held: &HashMap<String, u64>) -> bool {
        let Place { id, hash, .. } = &self.incoming.places[place];
        match held.get(id) {
            None => true,
            Some(held) if held == hash => {
                self.imported.skipped += 1;
                false
            }
            Some(_) => false,
        }
    }

    /// Writes a line of the journal, or, when the import holds its id with
    /// other content, the version changed last; the other goes aside.
    /// Returns whether the journal changed.
    fn settle(&mut self, line: &RawLine, out: &mut dyn Write) -> Result<bool> {
        let ours = serde_json::from_slice::<Id>(line.bytes).ok().and_then(|Id { id }| self.incoming.by_id.get(&*id));
        let Some(&place) = ours.filter(|&&place| self.incoming.places[place].hash != hash(line.bytes)) else {
            write_line(out, line.bytes)?;
            return Ok(false);
        };
        let theirs = self.incoming.line(place)?;
        if same_entry(line.bytes, &theirs) {
            self.imported.skipped += 1;
            write_line(out, line.bytes)?;
            return Ok(false);
        }
        self.imported.conflicts += 1;
        let (kept, lost) =
            if changed(&theirs) > changed(line.bytes) { (&theirs[..], line.bytes) } else { (line.bytes, &theirs[..]) };
        self.aside.keep(lost)?;
        write_line(out, kept)?;
        Ok(kept != line.bytes)
    }
}

/// The file for versions that lost a conflict, made when the first comes:
/// beside the journal, or encrypted in the encrypted journal's folder.
struct Aside {
    base: PathBuf,
    sealed: Option<crate::keys::Recipients>,
    path: Option<PathBuf>,
    file: Option<AsideFile>,
}

enum AsideFile {
    Plain(BufWriter<File>),
    Sealed(age::stream::StreamWriter<BufWriter<File>>),
}

impl Aside {
    fn new(journal: &Journal) -> Result<Aside> {
        let sealed = journal.encrypted_to()?;
        let base = match sealed {
            Some(_) => journal.place().join("conflict"),
            None => journal.path().to_owned(),
        };
        Ok(Aside { base, sealed, path: None, file: None })
    }

    fn keep(&mut self, line: &[u8]) -> Result<()> {
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
            AsideFile::Plain(file) => write_line(file, line),
            AsideFile::Sealed(file) => write_line(file, line),
        }
    }

    fn finish(&mut self) -> Result<()> {
        let file = match self.file.take() {
            None => return Ok(()),
            Some(AsideFile::Plain(file)) => file,
            Some(AsideFile::Sealed(file)) => file.finish()?,
        };
        file.into_inner().map_err(std::io::IntoInnerError::into_error)?.sync_all()?;
        Ok(())
    }
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
