//! The journal held open for a screen that reads it in the background:
//! from the end, line by line as the list grows; the lines a search picks,
//! newest first, a block at a time; and one entry by where its line
//! starts. Where each line is stays true for as long as the snapshot is
//! open: bezin only adds lines to a journal's text, and a change writes a
//! new one. Its lock is let go once the list is read, so that a save from
//! elsewhere never waits on a screen left open.

use std::ops::{ControlFlow, Range};

use anyhow::{Context, Result};

use super::lines::{self, Source};
use super::{Held, Journal, RawLine};
use crate::lang::failed::{Step, Thing, could_not};

/// How much of the journal a search reads first, from the end, so that its
/// first matches come after a block, not after the whole journal; each
/// block after is twice as large, up to `LARGEST_BLOCK`, so that a search
/// of the whole journal reads it in few blocks.
const FIRST_BLOCK: u64 = 256 * 1024;
const LARGEST_BLOCK: u64 = 16 * 1024 * 1024;
/// How many lines picked in the older half are passed on at a time.
const OLDER_AT_A_TIME: usize = 1000;

/// The journal's text as it was opened.
pub struct Snapshot {
    held: Held,
    place: String,
}

impl Journal {
    /// The journal opened to be read in the background (an encrypted one
    /// asks for its passphrase now); `None` when there is no journal yet.
    pub fn snapshot(&self) -> Result<Option<Snapshot>> {
        let place = self.display().to_string();
        Ok(self.reader()?.map(|held| Snapshot { held, place }))
    }
}

impl Snapshot {
    /// Calls `visit` with every line, newest first.
    pub fn scan_back(&self, visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>) -> Result<()> {
        lines::backward(&self.held, visit).with_context(|| self.reading())
    }

    /// Calls `found` with where the lines start that `pick` picks, newest
    /// first, until it breaks: the newer half of the journal a block at a
    /// time, while the older half is picked on another core, to follow.
    pub fn pick_back(
        &self,
        pick: impl Fn(&[u8]) -> Vec<Range<usize>> + Sync,
        mut found: impl FnMut(Vec<u64>) -> ControlFlow<()>,
    ) -> Result<()> {
        let size = self.held.size().with_context(|| self.reading())?;
        let middle = size / 2;
        std::thread::scope(|scope| {
            let older = scope.spawn(|| lines::pick(&self.held, 0..middle, &pick));
            let (mut end, mut block) = (size, FIRST_BLOCK);
            while end > middle {
                let start = end.saturating_sub(block).max(middle);
                block = (block * 2).min(LARGEST_BLOCK);
                let mut starts = lines::pick(&self.held, start..end, &pick).with_context(|| self.reading())?;
                starts.reverse();
                if found(starts).is_break() {
                    return Ok(());
                }
                end = start;
            }
            let stopped = || anyhow::anyhow!(crate::lang::interface().journal().search_stopped);
            let mut older = older.join().map_err(|_| stopped())?.with_context(|| self.reading())?;
            older.reverse();
            for starts in older.chunks(OLDER_AT_A_TIME) {
                if found(starts.to_vec()).is_break() {
                    break;
                }
            }
            Ok(())
        })
    }

    /// The line that starts at `offset`, read into `line`.
    pub fn line_at<'l>(&self, offset: u64, line: &'l mut Vec<u8>) -> Result<RawLine<'l>> {
        let length = lines::line_at(&self.held, offset, line).with_context(|| self.reading())?;
        Ok(RawLine { number: 0, offset, bytes: line, length })
    }

    /// Lets the journal's lock go: what is read stays readable.
    pub fn let_go(&self) {
        match &self.held {
            Held::Plain(file) => drop(file.unlock()),
            Held::Sealed(opened) => opened.let_go(),
        }
    }

    fn reading(&self) -> String {
        could_not(Step::Read, Thing::Journal, &self.place)
    }
}
