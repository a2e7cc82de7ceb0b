//! Reading the journal's lines as a stream, forwards or from the end,
//! without holding more than a buffer of it in memory.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom};
use std::ops::ControlFlow;

use anyhow::Result;

use super::{Damaged, Entry};

/// One line of the journal as bytes, without its newline.
pub struct RawLine<'a> {
    /// The line number from 1; 0 when reading from the end, where it is not known.
    pub number: usize,
    pub bytes: &'a [u8],
}

impl RawLine<'_> {
    pub fn contains(&self, needle: &[u8]) -> bool {
        self.bytes.windows(needle.len()).any(|window| window == needle)
    }

    /// The entry on this line.
    pub fn parse(&self) -> Result<Entry, Damaged> {
        serde_json::from_slice(self.bytes).map_err(|err| Damaged { line: self.number, reason: err.to_string() })
    }
}

const BUFFER: usize = 256 * 1024;

/// Every non-empty line from the start; a last line without a newline too.
pub fn forward(file: File, mut visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>) -> Result<()> {
    let mut reader = BufReader::with_capacity(BUFFER, file);
    let mut buffer = Vec::new();
    let mut number = 0;
    loop {
        buffer.clear();
        let read = reader.read_until(b'\n', &mut buffer)?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let bytes = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
        if !bytes.iter().all(u8::is_ascii_whitespace) && visit(RawLine { number, bytes })?.is_break() {
            return Ok(());
        }
    }
}

/// Every non-empty line from the end, reading the file backwards in blocks.
pub fn backward(mut file: File, mut visit: impl FnMut(RawLine) -> Result<ControlFlow<()>>) -> Result<()> {
    let mut end = file.seek(SeekFrom::End(0))?;
    // The start of a line whose beginning lies in a block not read yet.
    let mut carried: Vec<u8> = Vec::new();
    while end > 0 {
        let start = end.saturating_sub(BUFFER as u64);
        let mut block = vec![0; usize::try_from(end - start)?];
        file.seek(SeekFrom::Start(start))?;
        file.read_exact(&mut block)?;
        block.extend_from_slice(&carried);
        let first_newline = block.iter().position(|&b| b == b'\n');
        let whole_from = match (start, first_newline) {
            (0, _) => 0,
            (_, Some(newline)) => newline + 1,
            (_, None) => {
                carried = block;
                end = start;
                continue;
            }
        };
        let mut line_end = block.len();
        for line_start in (whole_from..block.len()).rev().filter(|&at| at == whole_from || block[at - 1] == b'\n') {
            let bytes = block[line_start..line_end].strip_suffix(b"\n").unwrap_or(&block[line_start..line_end]);
            line_end = line_start;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let line = RawLine { number: 0, bytes };
            if visit(line)?.is_break() {
                return Ok(());
            }
        }
        block.truncate(whole_from);
        carried = block;
        end = start;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn lines_of(contents: &[u8], back: bool) -> Vec<String> {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(contents).unwrap();
        file.seek(SeekFrom::Start(0)).unwrap();
        let mut seen = Vec::new();
        let visit = |line: RawLine| {
            seen.push(String::from_utf8_lossy(line.bytes).into_owned());
            Ok(ControlFlow::Continue(()))
        };
        if back { backward(file, visit) } else { forward(file, visit) }.unwrap();
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
}
