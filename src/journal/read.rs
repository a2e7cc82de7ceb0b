//! Reading the journal: every line forwards or from the end, the lines a
//! search picks, and the entries found by id, by what follows them, or the
//! newest that passes a test.

use std::ops::{ControlFlow, Range};

use anyhow::{Context, Result};

use super::lines;
use super::{Damaged, Entry, Journal, LineNumbers, RawLine};
use crate::lang::failed::{Step, Thing, could_not};
use crate::prefix::ENTRY;

impl Journal {
    /// Calls `visit` with every line, oldest first, under a shared lock.
    pub fn scan(&self, visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>) -> Result<()> {
        let Some(file) = self.reader()? else { return Ok(()) };
        lines::forward(&file, lines::LONGEST, visit)
            .with_context(|| could_not(Step::Read, Thing::Journal, self.display()))
    }

    /// Calls `visit` with the lines that `pick` picks from blocks of whole
    /// lines, newest first, among those that may hold a query of `runs`
    /// (`Query::runs`; none: every line). The two halves of what is read
    /// are searched at once; only where the picked lines start is kept in memory.
    pub fn pick_back(
        &self,
        runs: &[usize],
        pick: impl Fn(&[u8]) -> Vec<Range<usize>> + Sync,
        mut visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>,
    ) -> Result<()> {
        let Some(file) = self.reader()? else { return Ok(()) };
        let reading = || could_not(Step::Read, Thing::Journal, self.display());
        let (front, back) = halves(file.may_hold(runs).with_context(reading)?);
        let pick_in = |ranges: &[Range<u64>]| {
            let picked: Result<Vec<Vec<u64>>, _> =
                ranges.iter().map(|range| lines::pick(&file, range.clone(), &pick)).collect();
            picked.map(|picked| picked.concat())
        };
        let (first, second) = std::thread::scope(|scope| {
            let second = scope.spawn(|| pick_in(&back));
            (pick_in(&front), second.join())
        });
        let second = second.map_err(|_| anyhow::anyhow!(crate::lang::interface().journal().search_stopped))?;
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
        lines::backward(&file, visit).with_context(|| could_not(Step::Read, Thing::Journal, self.display()))
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
                .with_context(|| (crate::lang::interface().journal().no_entries_yet)(&self.display().to_string()));
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
    pub(super) fn each_where(
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
    pub(super) fn newest_where(
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
}

/// `ranges` split in two of about as many bytes, one for each thread.
fn halves(ranges: Vec<Range<u64>>) -> (Vec<Range<u64>>, Vec<Range<u64>>) {
    let mut left = ranges.iter().map(|range| range.end - range.start).sum::<u64>() / 2;
    let (mut front, mut back) = (Vec::new(), Vec::new());
    for range in ranges {
        let take = left.min(range.end - range.start);
        left -= take;
        if take > 0 {
            front.push(range.start..range.start + take);
        }
        if range.start + take < range.end {
            back.push(range.start + take..range.end);
        }
    }
    (front, back)
}
