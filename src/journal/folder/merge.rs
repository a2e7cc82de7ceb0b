//! The merge of every device's log into one journal, the same on every
//! device that has the same files, whatever order they came in:
//!
//! - an entry added on two devices (an import done on both, a file brought
//!   back) is one entry: of two versions, the one changed last is shown;
//! - each field (the title, the tags, each answer, any other) takes the
//!   value of its latest change, by its stamp (time, then device);
//! - a deletion wins over every change of the entry, whenever made;
//! - entries come in the order they were finished; those of a journal of
//!   format 2 that became a log keep the order they had there.
//!
//! Reading a record twice changes nothing, so a conflict copy, a file a
//! sync brings back and a log and its compaction side by side are all
//! read without harm.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Write;
use std::ops::ControlFlow;
use std::os::unix::fs::FileExt;

use anyhow::{Context, Result};
use jiff::Timestamp;
use serde_json::{Map, Value};

use super::Log;
use super::record::{self, Record, Stamp, Unread};
use super::table::EntryTable;
use crate::journal::lines::{self, Source, Window};
use crate::lang::failed::{Step, Thing, could_not};

/// A log as it was read: its file, and how much of it.
pub struct Read {
    pub log: Log,
    pub file: File,
    /// The file as it was opened.
    pub meta: std::fs::Metadata,
    /// The bytes read: up to the end of its last whole line.
    pub whole: u64,
    /// A last line without its newline: still arriving, or cut off.
    pub torn: bool,
}

/// Where an entry's version was added. Small, since a merge holds one for
/// every entry of the journal.
struct Added {
    /// The record's time, and its device (`Merged::devices`).
    at: u64,
    dev: u32,
    /// When it was finished, in microseconds. When it was changed last is
    /// read from its line when two versions meet, which is rare.
    finished: i64,
    file: u32,
    /// Its line, at most `lines::LONGEST` long.
    len: u32,
    offset: u64,
    /// Whether this device's logs add the entry (this version or another).
    mine: bool,
}

/// The latest change of one field.
struct Latest {
    stamp: Stamp,
    value: Value,
}

/// Every log merged, before it is written out as one journal.
#[derive(Default)]
pub struct Merged {
    pub reads: Vec<Read>,
    /// The version of each entry that is shown.
    added: EntryTable<Added>,
    /// By entry, then `f:NAME` for a field or `a:PROMPT` for an answer.
    latest: HashMap<Box<str>, HashMap<String, Latest>>,
    deleted: HashSet<Box<str>>,
    /// The highest time of any record: the next change is made after it.
    pub max_at: u64,
    pub damaged: Vec<(usize, usize, String)>,
    pub newer: usize,
    /// Logs that could not be read (named by `check`), and why.
    pub unreadable: Vec<(std::path::PathBuf, String)>,
    /// Entries added on two devices with different content: one is shown.
    pub twins: HashSet<Box<str>>,
    /// Entries whose changes together make no entry: shown without them.
    pub refused: std::cell::Cell<usize>,
    /// Each device's id once; an added version holds its number.
    devices: Vec<Box<str>>,
    /// The changes this device's own logs hold, which its compaction may drop.
    own_sets: Vec<(Box<str>, Stamp, Vec<String>)>,
}

impl Merged {
    /// Reads every log, each up to the end of its last whole line.
    /// `open` gives the text of a log from its file (decrypted, when it is
    /// encrypted); room is made for `expected` entries at once, so that
    /// the table of them is never held twice while it grows.
    pub fn read(
        logs: Vec<Log>,
        own: &str,
        open: &dyn Fn(File) -> std::io::Result<File>,
        expected: usize,
    ) -> Result<Merged> {
        let mut merged = Merged { added: EntryTable::with_capacity(expected), ..Merged::default() };
        for log in logs {
            let real = match File::open(&log.path) {
                Ok(file) => file,
                // Removed since the folder was listed (a sync tidying up).
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => continue,
                Err(err) => {
                    merged.unreadable.push((log.path.clone(), err.to_string()));
                    continue;
                }
            };
            let meta = real.metadata()?;
            let file = match open(real) {
                Ok(file) => file,
                Err(err) => {
                    merged.unreadable.push((log.path.clone(), err.to_string()));
                    continue;
                }
            };
            let (whole, torn) = whole_lines(&file, file.metadata()?.len())?;
            let index = merged.reads.len();
            let mine = &*log.dev == own;
            let dev = log.dev.clone();
            let reading = could_not(Step::Read, Thing::Path, log.path.display());
            let lines_of = file.try_clone()?;
            merged.reads.push(Read { log, file, meta, whole, torn });
            // The entries of a journal of format 2 keep their order: each
            // comes after the latest finished before it.
            let mut running = Timestamp::MIN;
            lines::forward(&Limited { file: &lines_of, size: whole }, lines::LONGEST, |line| {
                let found = match record::parse(line.bytes, &dev) {
                    Ok((record, stamp)) => match Found::of(record, stamp, line.offset, line.bytes, &mut running) {
                        Found::Damaged(_, reason) => Found::Damaged(line.number, reason),
                        record => record,
                    },
                    Err(Unread::Newer) => Found::Newer,
                    Err(Unread::Damaged(reason)) => Found::Damaged(line.number, reason),
                };
                merged.take(found, index, mine);
                Ok(ControlFlow::Continue(()))
            })
            .context(reading)?;
        }
        Ok(merged)
    }

    fn take(&mut self, found: Found, file: usize, mine: bool) {
        match found {
            Found::Newer => self.newer += 1,
            Found::Damaged(line, reason) => self.damaged.push((file, line, reason)),
            Found::Add { id, finished, stamp, offset, len } => {
                self.max_at = self.max_at.max(stamp.at);
                let finished = finished.as_microsecond();
                let (file, len) = (u32::try_from(file).unwrap_or(u32::MAX), u32::try_from(len).unwrap_or(u32::MAX));
                let dev = self.device_number(&stamp.dev);
                let new = Added { at: stamp.at, dev, finished, file, len, offset, mine };
                match self.added.find(&id) {
                    None => self.added.push(&id, new),
                    Some(row) => self.take_twin(&id, row, new),
                }
            }
            Found::Set { id, fields, stamp } => {
                self.max_at = self.max_at.max(stamp.at);
                if mine {
                    self.own_sets.push((
                        Box::from(&*id),
                        stamp.clone(),
                        fields.iter().map(|(key, _)| key.clone()).collect(),
                    ));
                }
                let latest = self.latest.entry(id.into()).or_default();
                for (key, value) in fields {
                    let newer = latest.get(&key).is_none_or(|held| later(&stamp, &value, held));
                    if newer {
                        latest.insert(key, Latest { stamp: stamp.clone(), value });
                    }
                }
            }
            Found::Del { id, stamp } => {
                self.max_at = self.max_at.max(stamp.at);
                self.deleted.insert(id.into());
            }
        }
    }

    /// Takes `new`, a second version of the entry `id` held in `row`.
    fn take_twin(&mut self, id: &str, row: u32, new: Added) {
        let held = self.added.row(row);
        let (held_text, new_text) = (self.bytes(held).ok(), self.bytes(&new).ok());
        if held_text != new_text {
            self.twins.insert(id.into());
        }
        let mine = held.mine || new.mine;
        if self.wins((&new, new_text.as_deref()), (held, held_text.as_deref())) {
            *self.added.row_mut(row) = new;
        }
        self.added.row_mut(row).mine = mine;
    }

    /// The number of device `dev` in `devices`, given when first seen.
    fn device_number(&mut self, dev: &str) -> u32 {
        let found = self.devices.iter().position(|held| **held == *dev).unwrap_or_else(|| {
            self.devices.push(dev.into());
            self.devices.len() - 1
        });
        u32::try_from(found).unwrap_or(u32::MAX)
    }

    /// An added version's stamp, to order it: its time, then its device.
    fn stamp_of(&self, added: &Added) -> (u64, &str) {
        (added.at, self.devices.get(added.dev as usize).map_or("", |dev| dev))
    }

    /// Of two versions of one entry, each with its text, whether `new` is
    /// the one shown: one that reads as an entry before one that does not
    /// (which would be left out as damaged, and the entry with it), then
    /// the one changed last, then stamped last, then the larger text.
    fn wins(&self, (new, new_text): (&Added, Option<&[u8]>), (held, held_text): (&Added, Option<&[u8]>)) -> bool {
        if new_text == held_text {
            return self.stamp_of(new) > self.stamp_of(held);
        }
        let rank = |added: &Added, text: Option<&[u8]>| {
            let changed = text.and_then(record::edited).map_or(added.finished, Timestamp::as_microsecond);
            (text.is_some_and(is_entry), changed, self.stamp_of(added))
        };
        match rank(new, new_text).cmp(&rank(held, held_text)) {
            std::cmp::Ordering::Equal => new_text > held_text,
            order => order.is_gt(),
        }
    }

    fn bytes(&self, added: &Added) -> std::io::Result<Vec<u8>> {
        let mut bytes = vec![0; added.len as usize];
        FileExt::read_exact_at(&self.reads[added.file as usize].file, &mut bytes, added.offset)?;
        Ok(bytes)
    }

    /// Whether this device's logs hold words of deleted entries, or more
    /// changes that later ones replaced than `superseded` allows.
    pub fn own_to_forget(&self, superseded: usize) -> bool {
        let deleted = |id: &str| self.deleted.contains(id);
        let own_add = |id: &str| self.added.get(id).is_some_and(|added| added.mine);
        if self.deleted.iter().any(|id| own_add(id)) || self.own_sets.iter().any(|(id, ..)| deleted(id)) {
            return true;
        }
        self.own_sets.iter().filter(|(id, stamp, keys)| !self.still_latest(id, stamp, keys)).count() > superseded
    }

    /// Whether a record of this device's logs still counts: a deletion
    /// always; an entry or a change only when the entry is not deleted, and
    /// a change only while one of its fields has no later change.
    pub fn keeps(&self, line: &[u8], dev: &str) -> bool {
        // A new entry (an entry of the journal the log was made from too)
        // is known by its id alone: read without the rest.
        if let Some(id) = super::diff::leading_id(line.strip_prefix(b"{\"add\":").unwrap_or(line)) {
            return !self.deleted.contains(id);
        }
        let Ok((record, stamp)) = record::parse(line, dev) else { return true };
        let mut running = Timestamp::MIN;
        match Found::of(record, stamp, 0, line, &mut running) {
            Found::Add { id, .. } => !self.deleted.contains(&*id),
            Found::Set { id, fields, stamp } => {
                let keys: Vec<String> = fields.into_iter().map(|(key, _)| key).collect();
                !self.deleted.contains(&*id) && self.still_latest(&id, &stamp, &keys)
            }
            _ => true,
        }
    }

    /// Copies the lines of this device's log `read` that still count
    /// (`keeps`) to `out`, each once: a line already `written` (the same
    /// record in two of the logs) is left out. A last line cut off by a
    /// crash goes too, on a line of its own: it is never dropped.
    pub fn copy_kept(&self, read: &Read, dev: &str, written: &mut HashSet<u64>, out: &mut dyn Write) -> Result<()> {
        let source = Limited { file: &read.file, size: read.file.metadata()?.len() };
        lines::forward(&source, usize::MAX, |line| {
            let torn = line.offset >= read.whole;
            if torn || (self.keeps(line.bytes, dev) && written.insert(hash(line.bytes))) {
                crate::journal::write_line(out, line.bytes)?;
            }
            Ok(ControlFlow::Continue(()))
        })
        .with_context(|| could_not(Step::Read, Thing::Path, read.log.path.display()))
    }

    /// How many records of deleted entries each device's logs still hold:
    /// words that go when that device next runs.
    pub fn holding_deleted(&self) -> Result<Vec<(Box<str>, usize)>> {
        let mut held: Vec<(Box<str>, usize)> = Vec::new();
        for read in &self.reads {
            let source = Limited { file: &read.file, size: read.whole };
            let mut count = 0;
            lines::forward(&source, lines::LONGEST, |line| {
                if let Ok((record, _)) = record::parse(line.bytes, &read.log.dev)
                    && !matches!(record, Record::Del { .. })
                    && self.deleted.contains(record.id())
                {
                    count += 1;
                }
                Ok(ControlFlow::Continue(()))
            })?;
            match held.last_mut() {
                Some((dev, held)) if *dev == read.log.dev => *held += count,
                _ => held.push((read.log.dev.clone(), count)),
            }
        }
        held.retain(|(_, count)| *count > 0);
        Ok(held)
    }

    fn still_latest(&self, id: &str, stamp: &Stamp, keys: &[String]) -> bool {
        let Some(latest) = self.latest.get(id) else { return false };
        keys.iter().any(|key| latest.get(key).is_some_and(|held| &held.stamp == stamp))
    }

    /// How many entries the merge holds, deleted ones too.
    pub fn held(&self) -> usize {
        self.added.len()
    }

    /// Writes the merged journal: one entry per line, in the order they
    /// were finished. Returns the finish time of the last.
    pub fn write(&self, out: &mut dyn Write) -> Result<Option<Timestamp>> {
        let table = &self.added;
        let mut order: Vec<u32> = Vec::with_capacity(table.len());
        order.extend(table.numbers().filter(|&row| !self.deleted.contains(table.id(row))));
        // Every key differs (the id ends it): sorted without a second list.
        order.sort_unstable_by(|&a_row, &b_row| {
            let (a, b) = (table.row(a_row), table.row(b_row));
            let a_key = (a.finished, self.stamp_of(a), a.file, a.offset, table.id(a_row));
            a_key.cmp(&(b.finished, self.stamp_of(b), b.file, b.offset, table.id(b_row)))
        });
        let mut windows: Vec<Window> = self.reads.iter().map(|_| Window::default()).collect();
        for &row in &order {
            let (id, added) = (table.id(row), table.row(row));
            let (file, len) = (added.file as usize, added.len as usize);
            let read = &self.reads[file];
            let bytes = windows[file]
                .bytes(&read.file, added.offset, len)
                .with_context(|| could_not(Step::Read, Thing::Path, read.log.path.display()))?;
            match self.latest.get(id).and_then(|latest| changed(bytes, latest)) {
                // Changes that make the entry unreadable are left out, and counted.
                Some(line) if serde_json::from_str::<crate::journal::Entry>(&line).is_ok() => {
                    crate::journal::write_line(out, line.as_bytes())?;
                }
                Some(_) => {
                    self.refused.set(self.refused.get() + 1);
                    crate::journal::write_line(out, bytes)?;
                }
                None => crate::journal::write_line(out, bytes)?,
            }
        }
        Ok(order.last().and_then(|&row| Timestamp::from_microsecond(table.row(row).finished).ok()))
    }
}

/// FNV-1a, to know a line seen before without keeping it.
fn hash(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// Whether a change `stamp` of a field to `value` comes after `held`.
fn later(stamp: &Stamp, value: &Value, held: &Latest) -> bool {
    match stamp.cmp(&held.stamp) {
        std::cmp::Ordering::Equal => {
            let (new, old) = (value.to_string(), held.value.to_string());
            new > old
        }
        order => order.is_gt(),
    }
}

/// The entry `bytes` with the latest change of each field; `None` when it
/// cannot be read as JSON (it is shown as it is).
fn changed(bytes: &[u8], latest: &HashMap<String, Latest>) -> Option<String> {
    let mut entry: Map<String, Value> = serde_json::from_slice(bytes).ok()?;
    let mut fields: Vec<(&String, &Latest)> = latest.iter().collect();
    fields.sort_by(|(a_key, a), (b_key, b)| (&a.stamp, a_key).cmp(&(&b.stamp, b_key)));
    let mut answers = record::by_prompt(&entry);
    let mut answers_changed = false;
    for (key, latest) in fields {
        if let Some(field) = key.strip_prefix("f:") {
            match &latest.value {
                Value::Null => {
                    entry.shift_remove(field);
                }
                value => {
                    entry.insert(field.to_owned(), value.clone());
                }
            }
        } else if let Some(prompt) = key.strip_prefix("a:") {
            answers_changed = true;
            match &latest.value {
                Value::Null => {
                    answers.shift_remove(prompt);
                }
                value => {
                    answers.insert(prompt.to_owned(), value.clone());
                }
            }
        }
    }
    if answers_changed {
        entry.insert("answers".to_owned(), Value::Array(answers.into_iter().map(|(_, answer)| answer).collect()));
    }
    Some(Value::Object(entry).to_string())
}

/// Whether `text` reads as an entry that a view shows.
fn is_entry(text: &[u8]) -> bool {
    serde_json::from_slice::<crate::journal::Entry>(text).is_ok_and(|entry| entry.problem().is_none())
}

/// A record as the merge keeps it.
enum Found<'a> {
    Add { id: Cow<'a, str>, finished: Timestamp, stamp: Stamp, offset: u64, len: usize },
    Set { id: Cow<'a, str>, fields: Vec<(String, Value)>, stamp: Stamp },
    Del { id: Cow<'a, str>, stamp: Stamp },
    Damaged(usize, String),
    Newer,
}

impl<'a> Found<'a> {
    /// The record read from `line`, which starts at `start` in its file;
    /// `running` is the latest finish time of the entries of format 2 before it.
    fn of(record: Record<'a>, stamp: Stamp, start: u64, line: &[u8], running: &mut Timestamp) -> Found<'a> {
        match record {
            Record::Add { entry, id, finished, .. } => {
                let finished = finished.and_then(|finished| finished.parse::<Timestamp>().ok());
                let finished = match finished {
                    Some(finished) if stamp.at > 0 => finished,
                    None if stamp.at > 0 => {
                        let words = crate::lang::interface().journal();
                        return Found::Damaged(0, (words.finish_unreadable)(&id));
                    }
                    finished => {
                        *running = finished.unwrap_or(*running).max(*running);
                        *running
                    }
                };
                let offset = start + (entry.as_ptr() as usize - line.as_ptr() as usize) as u64;
                Found::Add { id, finished, stamp, offset, len: entry.len() }
            }
            Record::Set { id, fields, answers } => {
                let fields = fields.into_iter().map(|(key, value)| (format!("f:{key}"), value));
                let answers = answers.into_iter().map(|(key, value)| (format!("a:{key}"), value));
                Found::Set { id, fields: fields.chain(answers).collect(), stamp }
            }
            Record::Del { id } => Found::Del { id, stamp },
        }
    }
}

/// The end of the last whole line of `file`, and whether more follows it.
fn whole_lines(file: &File, size: u64) -> Result<(u64, bool)> {
    match lines::tail_start(file, size)? {
        None => Ok((size, false)),
        Some(start) => Ok((start, true)),
    }
}

/// A file read only up to `size`: what arrives after a log was looked at
/// is read the next time.
struct Limited<'f> {
    file: &'f File,
    size: u64,
}

impl Source for Limited<'_> {
    fn size(&self) -> std::io::Result<u64> {
        Ok(self.size)
    }

    fn read_at(&self, buf: &mut [u8], offset: u64) -> std::io::Result<usize> {
        let left = usize::try_from(self.size.saturating_sub(offset)).unwrap_or(usize::MAX);
        let read = buf.len().min(left);
        if read == 0 {
            return Ok(0);
        }
        FileExt::read_at(self.file, &mut buf[..read], offset)
    }
}
