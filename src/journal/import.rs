//! Bringing entries from elsewhere into the journal, in time order, without
//! holding them all in memory: new entries wait in a spill file while only
//! their times are sorted, then one rewrite merges them into place.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::ops::ControlFlow;
use std::os::unix::fs::FileExt;

use anyhow::{Context, Result, bail};
use jiff::Timestamp;
use serde::Deserialize;

use super::{Entry, Journal, write_line};

/// What an import did.
#[derive(Debug, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    /// Entries whose id the journal (or the import itself) had already.
    pub skipped: usize,
}

/// Entries on their way in: kept in a spill file, sorted by time.
pub struct Incoming {
    known: HashSet<String>,
    spill: BufWriter<File>,
    /// When each entry was finished, and where its line is in the spill file.
    places: Vec<(Timestamp, u64, usize)>,
    written: u64,
    skipped: usize,
    /// How many entries came in so far, to name an entry's place.
    seen: usize,
}

impl Incoming {
    /// Ready to take entries that `journal` does not hold yet.
    pub fn new(journal: &Journal) -> Result<Incoming> {
        let mut known = HashSet::new();
        journal.scan(|line| {
            if let Ok(Id { id }) = serde_json::from_slice(line.bytes) {
                known.insert(id.into_owned());
            }
            Ok(ControlFlow::Continue(()))
        })?;
        let spill = BufWriter::new(tempfile::tempfile().context("could not make room for the import")?);
        Ok(Incoming { known, spill, places: Vec::new(), written: 0, skipped: 0, seen: 0 })
    }

    /// Takes one entry, or counts it as skipped when its id is known. An
    /// entry with an id that is not a plain word stops the import: nothing
    /// is imported, and the error names the entry's place in the file.
    pub fn take(&mut self, entry: &Entry) -> Result<()> {
        self.seen += 1;
        if let Some(problem) = entry.problem() {
            bail!("entry {} of the file cannot be imported: {problem}; nothing was imported", self.seen);
        }
        if !self.known.insert(entry.id.clone()) {
            self.skipped += 1;
            return Ok(());
        }
        let finished: Timestamp = entry
            .finished
            .parse()
            .with_context(|| format!("entry {} has a finish time bezin cannot read: '{}'", entry.id, entry.finished))?;
        let line = entry.to_line();
        self.spill.write_all(line.as_bytes())?;
        self.places.push((finished, self.written, line.len()));
        self.written += line.len() as u64;
        Ok(())
    }

    /// Merges the new entries into the journal with one atomic rewrite.
    pub fn merge_into(mut self, journal: &Journal) -> Result<Imported> {
        let imported = Imported { added: self.places.len(), skipped: self.skipped };
        if self.places.is_empty() {
            return Ok(imported);
        }
        self.places.sort_by_key(|(finished, _, _)| *finished);
        let spill = self.spill.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        let mut waiting = self.places.into_iter().peekable();
        let mut buffer = Vec::new();
        let mut next_line = |out: &mut dyn Write, offset: u64, len: usize| -> Result<()> {
            buffer.resize(len, 0);
            spill.read_exact_at(&mut buffer, offset)?;
            write_line(out, &buffer)
        };
        journal.rewrite(|locked, out| {
            locked.scan(|line| {
                if let Ok(Finished { finished }) = serde_json::from_slice(line.bytes)
                    && let Ok(time) = finished.parse::<Timestamp>()
                {
                    while let Some((_, offset, len)) = waiting.next_if(|(new, _, _)| *new < time) {
                        next_line(out, offset, len)?;
                    }
                }
                write_line(out, line.bytes)?;
                Ok(ControlFlow::Continue(()))
            })?;
            for (_, offset, len) in waiting {
                next_line(out, offset, len)?;
            }
            Ok(true)
        })?;
        Ok(imported)
    }
}

#[derive(Deserialize)]
struct Id<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Finished<'a> {
    #[serde(borrow)]
    finished: Cow<'a, str>,
}
