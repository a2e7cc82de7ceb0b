//! Reading the journal's lines as a stream, forwards or from the end,
//! without holding more than a buffer of it in memory.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::ops::ControlFlow;
use std::ops::Range;
use std::os::unix::fs::FileExt;

use anyhow::Result;

use super::{Damaged, Entry, FORMAT};

/// One line of the journal as bytes, without its newline.
pub struct RawLine<'a> {
    /// The line number from 1; 0 when reading from the end, where it is not known.
    pub number: usize,
    /// Where the line starts in the file.
    pub offset: u64,
    /// The line, or nothing when it is longer than readers read (see `length`).
    pub bytes: &'a [u8],
    /// The line's length in the file.
    pub length: u64,
}

impl RawLine<'_> {
    /// Whether the line holds nothing but white space.
    fn is_blank(&self) -> bool {
        self.bytes.len() as u64 == self.length && self.bytes.iter().all(u8::is_ascii_whitespace)
    }

    pub fn contains(&self, needle: &[u8]) -> bool {
        needle.is_empty() || self.bytes.windows(needle.len()).any(|window| window == needle)
    }

    /// The entry on this line.
    pub fn parse(&self) -> Result<Entry, Damaged> {
        let damaged = |reason: String| Damaged { line: self.number, offset: self.offset, reason, newer: false };
        if self.length > self.bytes.len() as u64 {
            return Err(damaged((crate::lang::interface().journal().line_too_long)(self.length / 1_000_000)));
        }
        // One check of the whole line is quicker than serde_json's check of each string.
        let parsed = match simdutf8::basic::from_utf8(self.bytes) {
            Ok(text) => serde_json::from_str::<Entry>(text),
            Err(_) => serde_json::from_slice::<Entry>(self.bytes),
        };
        // A newer format may hold what this bezin cannot read as an entry at all.
        let format = match &parsed {
            Ok(entry) => entry.format,
            Err(_) => serde_json::from_slice::<Format>(self.bytes).map_or(FORMAT, |line| line.format),
        };
        if format > FORMAT {
            return Err(Damaged {
                newer: true,
                ..damaged((crate::lang::interface().journal().line_of_newer_format)(format))
            });
        }
        let entry = parsed.map_err(|err| damaged(crate::json_error::describe(&err)))?;
        match entry.problem() {
            Some(problem) => Err(damaged(problem)),
            None => Ok(entry),
        }
    }
}

#[derive(serde::Deserialize)]
struct Format {
    format: u32,
}

const BUFFER: usize = 256 * 1024;

/// What lines are read from, at any offset: a file, or text that is not a
/// file of its own. Reading at an offset lets two threads read two halves
/// at once and a tail be read without what comes before it.
pub trait Source: Sync {
    /// How many bytes there are.
    fn size(&self) -> io::Result<u64>;

    /// Reads into `buf` from `offset`; 0 at the end.
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize>;

    /// Fills `buf` from `offset`, or fails.
    fn read_exact_at(&self, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
        while !buf.is_empty() {
            match self.read_at(buf, offset)? {
                0 => return Err(io::ErrorKind::UnexpectedEof.into()),
                read => {
                    buf = &mut buf[read..];
                    offset += read as u64;
                }
            }
        }
        Ok(())
    }
}

impl Source for File {
    fn size(&self) -> io::Result<u64> {
        Ok(self.metadata()?.len())
    }

    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        FileExt::read_at(self, buf, offset)
    }
}

impl Source for &[u8] {
    fn size(&self) -> io::Result<u64> {
        Ok(self.len() as u64)
    }

    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        let start = usize::try_from(offset).unwrap_or(usize::MAX).min(self.len());
        let read = buf.len().min(self.len() - start);
        buf[..read].copy_from_slice(&self[start..start + read]);
        Ok(read)
    }
}

/// A source read in order from `at`.
struct Reading<'s, S: Source> {
    source: &'s S,
    at: u64,
}

impl<S: Source> Read for Reading<'_, S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let read = self.source.read_at(buf, self.at)?;
        self.at += read as u64;
        Ok(read)
    }
}

/// Copies every byte of `source` to `out`.
pub fn copy(source: &impl Source, out: &mut dyn io::Write) -> io::Result<u64> {
    io::copy(&mut BufReader::with_capacity(BUFFER, Reading { source, at: 0 }), out)
}

/// The longest line readers read: no entry a person writes comes near it,
/// and it keeps a damaged journal (a torn write of gigabytes, random bytes)
/// from costing more memory than this.
pub const LONGEST: usize = 16 * 1024 * 1024;

/// Every non-empty line from the start; a last line without a newline too.
/// A line longer than `limit` comes without its bytes.
pub fn forward(
    source: &impl Source,
    limit: usize,
    visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>,
) -> Result<()> {
    forward_from(source, 0, limit, visit)
}

/// `forward` from `start`, the start of a line; lines are numbered from there.
pub fn forward_from(
    source: &impl Source,
    start: u64,
    limit: usize,
    mut visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>,
) -> Result<()> {
    let mut reader = BufReader::with_capacity(BUFFER, Reading { source, at: start });
    let mut bytes = Vec::new();
    let (mut number, mut offset) = (0, start);
    loop {
        bytes.clear();
        let (read, newline) = read_line(&mut reader, &mut bytes, limit)?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let line = RawLine { number, offset, bytes: &bytes, length: read - u64::from(newline) };
        if !line.is_blank() && visit(line)?.is_break() {
            return Ok(());
        }
        offset += read;
    }
}

/// Reads the next line into `line` without its newline, or none of it when
/// it is longer than `limit`; returns how many bytes of the file it took,
/// and whether it ended in a newline.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>, limit: usize) -> std::io::Result<(u64, bool)> {
    let (mut read, mut too_long) = (0, false);
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok((read, false));
        }
        let (used, done) = match memchr::memchr(b'\n', chunk) {
            Some(newline) => (newline + 1, true),
            None => (chunk.len(), false),
        };
        let content = &chunk[..used - usize::from(done)];
        too_long |= line.len() + content.len() > limit;
        if too_long {
            line.clear();
        } else {
            line.extend_from_slice(content);
        }
        reader.consume(used);
        read += used as u64;
        if done {
            return Ok((read, true));
        }
    }
}

/// Where the lines are, in `range` of the file, that `pick` picks from
/// blocks of whole lines: the start of each, in file order. A range that
/// starts inside a line skips it, and one that ends inside a line finishes it.
pub fn pick(
    file: &impl Source,
    range: Range<u64>,
    pick: &(impl Fn(&[u8]) -> Vec<Range<usize>> + Sync),
) -> Result<Vec<u64>> {
    let mut block = vec![0; BUFFER];
    let (mut at, mut filled) = (range.start, 0);
    let mut skipping = range.start > 0 && read_byte(file, range.start - 1)? != b'\n';
    let mut picked = Vec::new();
    loop {
        if filled == block.len() && block.len() >= LONGEST {
            // No entry is this long: skip the rest of the line unread.
            (at, filled, skipping) = (at + filled as u64, 0, true);
        } else if filled == block.len() {
            block.resize(block.len() * 2, 0);
        }
        let read = file.read_at(&mut block[filled..], at + filled as u64)?;
        let done = read == 0;
        filled += read;
        let whole = if done { filled } else { memchr::memrchr(b'\n', &block[..filled]).map_or(0, |n| n + 1) };
        let mut from = 0;
        if skipping && whole > 0 {
            from = memchr::memchr(b'\n', &block[..whole]).map_or(whole, |n| n + 1);
            skipping = false;
        }
        for line in pick(&block[from..whole]) {
            let start = at + (from + line.start) as u64;
            if start >= range.end {
                return Ok(picked);
            }
            picked.push(start);
        }
        if done || at + whole as u64 >= range.end {
            return Ok(picked);
        }
        block.copy_within(whole..filled, 0);
        at += whole as u64;
        filled -= whole;
    }
}

/// Where the first line that starts at or after `at` starts; the end of
/// the file when none does.
pub fn line_start_from(file: &impl Source, at: u64) -> Result<u64> {
    if at == 0 || read_byte(file, at - 1)? == b'\n' {
        return Ok(at);
    }
    let mut block = vec![0; BUFFER];
    let mut from = at;
    loop {
        let read = file.read_at(&mut block, from)?;
        if read == 0 {
            return Ok(from);
        }
        if let Some(newline) = memchr::memchr(b'\n', &block[..read]) {
            return Ok(from + newline as u64 + 1);
        }
        from += read as u64;
    }
}

fn read_byte(file: &impl Source, at: u64) -> std::io::Result<u8> {
    let mut byte = [0];
    file.read_exact_at(&mut byte, at)?;
    Ok(byte[0])
}

/// Where the last line starts when the file does not end with a newline
/// (a line cut off by a crash); `None` when it does, or is empty.
pub fn tail_start(file: &impl Source, length: u64) -> Result<Option<u64>> {
    if length == 0 || read_byte(file, length - 1)? == b'\n' {
        return Ok(None);
    }
    let mut chunk = vec![0; BUFFER];
    let mut end = length;
    while end > 0 {
        let start = end.saturating_sub(BUFFER as u64);
        let chunk = &mut chunk[..usize::try_from(end - start)?];
        file.read_exact_at(chunk, start)?;
        if let Some(newline) = memchr::memrchr(b'\n', chunk) {
            return Ok(Some(start + newline as u64 + 1));
        }
        end = start;
    }
    Ok(Some(0))
}

/// Whether the file may be a journal: it is empty, or its first or last
/// 64 KiB hold a line that is an entry, or it starts as an entry does (a
/// first entry torn by a crash). Anything else is no journal of bezin's.
pub fn holds_entries(file: &impl Source) -> Result<bool> {
    const LOOK: u64 = 64 * 1024;
    let length = file.size()?;
    let is_entry = |line: &[u8]| serde_json::from_slice::<Entry>(line).is_ok();
    for start in [0, length.saturating_sub(LOOK)] {
        let mut block = vec![0; usize::try_from(LOOK.min(length - start))?];
        file.read_exact_at(&mut block, start)?;
        if block.starts_with(b"{\"format\":") || block.split(|&b| b == b'\n').any(is_entry) {
            return Ok(true);
        }
    }
    Ok(length == 0)
}

/// The number of the line that starts at `offset`: one more than the
/// newlines before it.
pub fn number_at(file: &impl Source, offset: u64) -> Result<usize> {
    Ok(newlines(file, 0..offset)? + 1)
}

/// How many newlines `range` of the file holds.
#[allow(clippy::naive_bytecount)]
pub fn newlines(file: &impl Source, range: Range<u64>) -> Result<usize> {
    let mut block = vec![0; BUFFER];
    let (mut at, mut newlines) = (range.start, 0);
    while at < range.end {
        let want = usize::try_from((range.end - at).min(BUFFER as u64))?;
        let read = file.read_at(&mut block[..want], at)?;
        if read == 0 {
            break;
        }
        newlines += memchr::memchr_iter(b'\n', &block[..read]).count();
        at += read as u64;
    }
    Ok(newlines)
}

/// The line that starts at `at`, without its newline (none of it when it
/// is longer than `LONGEST`); returns its length.
pub fn line_at(file: &impl Source, at: u64, line: &mut Vec<u8>) -> Result<u64> {
    line.clear();
    let (read, newline) = read_line(&mut BufReader::with_capacity(8192, Reading { source: file, at }), line, LONGEST)?;
    Ok(read - u64::from(newline))
}

/// Every non-empty line from the end, reading the file backwards in blocks;
/// each line is read once, and one longer than `LONGEST` comes without its bytes.
pub fn backward(file: &impl Source, mut visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>) -> Result<()> {
    let mut block = vec![0; BUFFER];
    let mut long = Vec::new();
    // Where the line whose start is still to be found ends (before its newline).
    let mut line_end = file.size()?;
    let mut end = line_end;
    let mut visit_line = |block: &[u8], block_start: u64, start: u64, end: u64| -> Result<ControlFlow<()>> {
        let bytes = if end <= block_start + block.len() as u64 {
            &block[usize::try_from(start - block_start)?..usize::try_from(end - block_start)?]
        } else {
            long.clear();
            if end - start <= LONGEST as u64 {
                long.resize(usize::try_from(end - start)?, 0);
                file.read_exact_at(&mut long, start)?;
            }
            &long
        };
        let line = RawLine { number: 0, offset: start, bytes, length: end - start };
        if line.is_blank() { Ok(ControlFlow::Continue(())) } else { visit(line) }
    };
    while end > 0 {
        let start = end.saturating_sub(BUFFER as u64);
        let block = &mut block[..usize::try_from(end - start)?];
        file.read_exact_at(block, start)?;
        for newline in memchr::memrchr_iter(b'\n', block) {
            let at = start + newline as u64;
            if visit_line(block, start, at + 1, line_end)?.is_break() {
                return Ok(());
            }
            line_end = at;
        }
        if start == 0 && visit_line(block, 0, 0, line_end)?.is_break() {
            return Ok(());
        }
        end = start;
    }
    Ok(())
}

/// A part of a file of lines read ahead, for readers that take its lines
/// mostly in the order they are in it, so one read serves many. Where it jumps
/// about, it reads each entry alone.
#[derive(Default)]
pub struct Window {
    start: u64,
    bytes: Vec<u8>,
    /// Where the last entry read ended.
    next: u64,
}

impl Window {
    const SIZE: usize = 1 << 18;

    /// The `len` bytes at `offset` of `file`.
    pub fn bytes(&mut self, file: &File, offset: u64, len: usize) -> std::io::Result<&[u8]> {
        let inside = offset >= self.start && offset + len as u64 <= self.start + self.bytes.len() as u64;
        let in_order = offset >= self.next && offset - self.next < 4096;
        self.next = offset + len as u64;
        if !inside {
            self.bytes.resize(if in_order { len.max(Self::SIZE) } else { len }, 0);
            let mut read = 0;
            while read < len {
                match FileExt::read_at(file, &mut self.bytes[read..], offset + read as u64)? {
                    0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                    more => read += more,
                }
            }
            self.bytes.truncate(read);
            self.start = offset;
        }
        let at = usize::try_from(offset - self.start).unwrap_or(usize::MAX);
        Ok(&self.bytes[at..at + len])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn lines_of(contents: &[u8], back: bool) -> Vec<String> {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(contents).unwrap();
        let mut seen = Vec::new();
        let visit = |line: RawLine| {
            seen.push(String::from_utf8_lossy(line.bytes).into_owned());
            Ok(ControlFlow::Continue(()))
        };
        if back { backward(&file, visit) } else { forward(&file, LONGEST, visit) }.unwrap();
        seen
    }

    #[test]
    fn both_directions_see_the_same_lines() {
        let long = "x".repeat(BUFFER * 2 + 17);
        let contents = format!("a\n\n{long}\nbc\n{long}y\nlast without newline");
        let forward = lines_of(contents.as_bytes(), false);
        let mut backward = lines_of(contents.as_bytes(), true);
        backward.reverse();
        assert_eq!(forward, backward);
        assert_eq!(forward.len(), 5);
        assert_eq!(forward[1], long);
        assert_eq!(forward[4], "last without newline");
    }

    #[test]
    fn picking_from_two_halves_finds_every_line_once() {
        let long = "y".repeat(BUFFER + 5);
        let contents = format!("first\n{long}\nthird\n\nfifth\nsixth");
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(contents.as_bytes()).unwrap();
        let every_line = |block: &[u8]| {
            let mut lines = Vec::new();
            let mut start = 0;
            for (at, _) in block.iter().enumerate().filter(|(_, b)| **b == b'\n') {
                lines.push(start..at);
                start = at + 1;
            }
            if start < block.len() {
                lines.push(start..block.len());
            }
            lines
        };
        for middle in [0, 3, 6, 7, 100, contents.len() as u64 - 3, contents.len() as u64] {
            let mut starts = pick(&file, 0..middle, &every_line).unwrap();
            starts.extend(pick(&file, middle..u64::MAX, &every_line).unwrap());
            let mut seen = Vec::new();
            let mut line = Vec::new();
            for start in starts {
                line_at(&file, start, &mut line).unwrap();
                seen.push(String::from_utf8(line.clone()).unwrap());
            }
            assert_eq!(seen, ["first", long.as_str(), "third", "", "fifth", "sixth"], "split at {middle}");
        }
    }
}
