//! A sieve of the journal's text, kept beside the encrypted view: for each
//! stretch of lines, a bitmap of the runs of three letters or digits it
//! holds, folded as a search folds them (`Łukasz`, `\u0141ukasz` and
//! `LUKASZ` give the same runs). A search decrypts only the stretches whose
//! bitmap holds every run of the query, instead of the whole journal: a
//! line that holds the query holds each of its runs.
//!
//! As kept: a header line, then each stretch as it ends (where it ends, 8
//! bytes little-endian, and its bitmap), then a line naming the text and
//! how much of it was sieved. The stretches go out as they are made, so
//! that making the view holds one bitmap, not all of them.

use std::io::{self, Write};
use std::ops::Range;
use std::sync::mpsc;
use std::thread::JoinHandle;

use zeroize::Zeroizing;

use super::fold::fold_char;

/// A stretch ends at the first line end after this many bytes.
const STRETCH: u64 = 256 * 1024;
/// Bits in a stretch's bitmap: a run's hash is 16 bits.
const BITS: usize = 1 << 16;
const BITMAP: usize = BITS / 8;
/// A stretch as kept: where it ends, and its bitmap.
const KEPT: usize = 8 + BITMAP;
const HEADER: &[u8] = b"bezin search sieve 2\n";

/// The bitmaps of the stretches of one text, and how much of it they cover.
#[derive(Debug, PartialEq, Eq)]
pub struct Sieve {
    covered: u64,
    /// The stretches as kept; each starts where the one before ends.
    stretches: Zeroizing<Vec<u8>>,
}

impl Sieve {
    /// The sieve kept in `bytes`, when it is one of the text named
    /// `generation` (a text that has grown since is sieved as far as it was).
    pub fn parse(mut bytes: Zeroizing<Vec<u8>>, generation: &str) -> Option<Sieve> {
        let body = bytes.strip_prefix(HEADER)?;
        // The last line is shorter than a stretch: what is left over after the stretches.
        let stretches = body.len() / KEPT * KEPT;
        let ending = std::str::from_utf8(&body[stretches..]).ok()?.strip_suffix('\n')?;
        let (named, covered) = ending.rsplit_once(' ')?;
        let covered: u64 = covered.parse().ok().filter(|_| named == generation)?;
        bytes.truncate(HEADER.len() + stretches);
        bytes.drain(..HEADER.len());
        let sieve = Sieve { covered, stretches: bytes };
        let ends: Vec<u64> = sieve.stretches().map(|(end, _)| end).collect();
        let ends_rise = ends.windows(2).all(|pair| pair[0] < pair[1]);
        (ends_rise && ends.last().copied().unwrap_or(0) == covered).then_some(sieve)
    }

    fn stretches(&self) -> impl Iterator<Item = (u64, &[u8])> {
        self.stretches.chunks_exact(KEPT).map(|kept| {
            let (end, bitmap) = kept.split_at(8);
            (u64::from_le_bytes(end.try_into().expect("8 bytes")), bitmap)
        })
    }

    /// The parts of a text of `size` bytes that may hold a query of these
    /// `runs`, in order: the stretches that hold every run, and what the
    /// text gained since it was sieved.
    pub fn ranges(&self, runs: &[usize], size: u64) -> Vec<Range<u64>> {
        if runs.is_empty() || size < self.covered {
            return std::iter::once(0..size).collect();
        }
        let mut ranges: Vec<Range<u64>> = Vec::new();
        let mut start = 0;
        for (end, bitmap) in self.stretches() {
            if runs.iter().all(|&run| bitmap[run / 8] & (1 << (run % 8)) != 0) {
                push_range(&mut ranges, start..end);
            }
            start = end;
        }
        if self.covered < size {
            push_range(&mut ranges, self.covered..size);
        }
        ranges
    }
}

/// Adds `range` to `ranges`, joined to the last when they meet.
fn push_range(ranges: &mut Vec<Range<u64>>, range: Range<u64>) {
    match ranges.last_mut() {
        Some(last) if last.end == range.start => last.end = range.end,
        _ => ranges.push(range),
    }
}

/// The runs of the folded query `folded`, as bits of a bitmap, each once.
pub fn runs(folded: &str) -> Vec<usize> {
    let mut run = Run::default();
    let mut found: Vec<usize> = folded.chars().filter_map(|c| run.push(c)).collect();
    found.sort_unstable();
    found.dedup();
    found
}

/// The last letters or digits in a row, to hash the runs of three.
#[derive(Default)]
struct Run {
    last: [u64; 2],
    len: u8,
}

impl Run {
    /// Takes a folded character: the bit of the run of three it ends, if it does.
    fn push(&mut self, c: char) -> Option<usize> {
        if c.is_alphanumeric() {
            self.letter(u64::from(c))
        } else {
            self.len = 0;
            None
        }
    }

    /// Takes a folded letter or digit.
    fn letter(&mut self, c: u64) -> Option<usize> {
        let [a, b] = self.last;
        self.last = [b, c];
        if self.len < 2 {
            self.len += 1;
            return None;
        }
        Some(bit_of(a, b, c))
    }
}

/// The bit of a run of three folded characters: each is 21 bits, the three
/// make one key, mixed by a multiplication.
fn bit_of(a: u64, b: u64, c: u64) -> usize {
    let key = (a << 42) | (b << 21) | c;
    usize::from((key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as u16)
}

/// Where a JSON escape being read has got to.
#[derive(Clone, Copy)]
enum Escape {
    None,
    Backslash,
    Hex { digits: u8, value: u32 },
}

/// A writer that sieves the journal lines written through it, in a
/// thread of its own, while the text goes on to be encrypted; the sieve
/// goes to `kept` as it is made.
/// Dropped unfinished (the text could not be written), it waits for its
/// thread, so that the sieve's file goes before bezin does.
pub struct Sifting<'w, K> {
    out: &'w mut dyn Write,
    /// What was written since the last batch went to the sieve's thread.
    batch: Zeroizing<Vec<u8>>,
    batches: Option<mpsc::SyncSender<Zeroizing<Vec<u8>>>>,
    sieving: Option<JoinHandle<io::Result<Sifted<K>>>>,
}

/// The text goes to the sieve's thread in batches of this size, a few at most under way.
const BATCH: usize = 256 * 1024;

impl<'w, K: Write + Send + 'static> Sifting<'w, K> {
    pub fn new(out: &'w mut dyn Write, kept: K) -> Sifting<'w, K> {
        let (batches, received) = mpsc::sync_channel::<Zeroizing<Vec<u8>>>(4);
        let sieving = std::thread::spawn(move || {
            let mut sieving = Sieving::new(kept)?;
            for batch in received {
                sieving.read(&batch);
            }
            sieving.finish()
        });
        Sifting {
            out,
            batch: Zeroizing::new(Vec::with_capacity(BATCH)),
            batches: Some(batches),
            sieving: Some(sieving),
        }
    }

    /// The sieve of everything written, kept but for its last line; an
    /// error if it could not be kept.
    pub fn finish(mut self) -> io::Result<Sifted<K>> {
        let batch = std::mem::take(&mut self.batch);
        if let Some(batches) = self.batches.take() {
            let _ = batches.send(batch);
        }
        let sieving = self.sieving.take().map(JoinHandle::join);
        sieving.and_then(Result::ok).unwrap_or_else(|| Err(io::Error::other("the sieve's thread stopped")))
    }
}

impl<K> Drop for Sifting<'_, K> {
    fn drop(&mut self) {
        drop(self.batches.take());
        if let Some(sieving) = self.sieving.take() {
            let _ = sieving.join();
        }
    }
}

impl<K> Write for Sifting<'_, K> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = self.out.write(buf)?;
        self.batch.extend_from_slice(&buf[..written]);
        if self.batch.len() >= BATCH {
            let batch = std::mem::replace(&mut self.batch, Zeroizing::new(Vec::with_capacity(BATCH)));
            // A thread that stopped gives no sieve: `finish` says so.
            if let Some(batches) = &self.batches {
                let _ = batches.send(batch);
            }
        }
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A sieve written but for its last line, which names the text it is of.
pub struct Sifted<K> {
    covered: u64,
    kept: K,
}

impl<K: Write> Sifted<K> {
    /// Ends the sieve as one of the text named `generation`.
    pub fn end(mut self, generation: &str) -> io::Result<K> {
        writeln!(self.kept, "{generation} {}", self.covered)?;
        Ok(self.kept)
    }
}

/// Where the sieve of a text being read has got to.
struct Sieving<K> {
    at: u64,
    start: u64,
    bitmap: Vec<u8>,
    kept: K,
    /// The first error keeping a stretch: the rest is not kept.
    failed: Option<io::Error>,
    run: Run,
    escape: Escape,
    /// A high surrogate of a `\u` escape, waiting for its low half.
    high: Option<u32>,
    /// A UTF-8 character being read: its bits so far and how many bytes it lacks.
    utf8: (u32, u8),
}

impl<K: Write> Sieving<K> {
    fn new(mut kept: K) -> io::Result<Sieving<K>> {
        kept.write_all(HEADER)?;
        Ok(Sieving {
            at: 0,
            start: 0,
            bitmap: vec![0; BITMAP],
            kept,
            failed: None,
            run: Run::default(),
            escape: Escape::None,
            high: None,
            utf8: (0, 0),
        })
    }

    fn read(&mut self, bytes: &[u8]) {
        let mut at = 0;
        while at < bytes.len() {
            if matches!(self.escape, Escape::None) {
                let plain = bytes[at..].iter().position(|&byte| byte == b'\\' || byte == b'\n' || !byte.is_ascii());
                let end = plain.map_or(bytes.len(), |plain| at + plain);
                self.plain(&bytes[at..end]);
                at = end;
            }
            if let Some(&byte) = bytes.get(at) {
                self.byte(byte);
                at += 1;
            }
        }
    }

    /// ASCII without escapes or line ends, most of a journal: read without
    /// a branch on each letter.
    fn plain(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        self.at += bytes.len() as u64;
        self.high = None;
        let Run { last: [mut a, mut b], mut len } = self.run;
        for &byte in bytes {
            let letter = byte.is_ascii_alphanumeric();
            let c = u64::from(byte.to_ascii_lowercase());
            let bit = bit_of(a, b, c);
            self.bitmap[bit / 8] |= u8::from(letter && len == 2) << (bit % 8);
            (a, b) = (b, c);
            len = if letter { (len + 1).min(2) } else { 0 };
        }
        self.run = Run { last: [a, b], len };
    }

    fn finish(mut self) -> io::Result<Sifted<K>> {
        if self.at > self.start {
            self.end_stretch();
        }
        match self.failed {
            Some(err) => Err(err),
            None => Ok(Sifted { covered: self.at, kept: self.kept }),
        }
    }

    fn end_stretch(&mut self) {
        if self.failed.is_none() {
            let kept = self.kept.write_all(&self.at.to_le_bytes()).and_then(|()| self.kept.write_all(&self.bitmap));
            self.failed = kept.err();
        }
        self.bitmap.fill(0);
        self.start = self.at;
    }

    fn byte(&mut self, byte: u8) {
        self.at += 1;
        match self.escape {
            Escape::Hex { digits, value } => {
                if let Some(digit) = char::from(byte).to_digit(16) {
                    let value = value * 16 + digit;
                    self.escape = if digits == 3 { Escape::None } else { Escape::Hex { digits: digits + 1, value } };
                    if digits == 3 {
                        self.unit(value);
                    }
                    return;
                }
                // Not an escape after all: the byte is read as itself.
                self.escape = Escape::None;
                self.run.len = 0;
            }
            Escape::Backslash => {
                self.escape = if byte == b'u' { Escape::Hex { digits: 0, value: 0 } } else { Escape::None };
                // `\n`, `\"` and the like are never a letter.
                if byte != b'u' {
                    self.run.len = 0;
                }
                return;
            }
            Escape::None => {}
        }
        if byte == b'\\' {
            self.escape = Escape::Backslash;
        } else if byte.is_ascii() {
            self.ascii(byte);
        } else {
            self.utf8_byte(byte);
        }
    }

    fn ascii(&mut self, byte: u8) {
        self.high = None;
        if byte.is_ascii_alphanumeric() {
            self.letter(u64::from(byte.to_ascii_lowercase()));
        } else {
            self.run.len = 0;
            if byte == b'\n' && self.at - self.start >= STRETCH {
                self.end_stretch();
            }
        }
    }

    fn utf8_byte(&mut self, byte: u8) {
        let (bits, lacks) = self.utf8;
        if byte & 0xC0 == 0x80 && lacks > 0 {
            self.utf8 = ((bits << 6) | u32::from(byte & 0x3F), lacks - 1);
            if lacks == 1 {
                self.unit(self.utf8.0);
            }
            return;
        }
        self.utf8 = match byte.leading_ones() {
            2 => (u32::from(byte & 0x1F), 1),
            3 => (u32::from(byte & 0x0F), 2),
            4 => (u32::from(byte & 0x07), 3),
            _ => {
                self.run.len = 0;
                (0, 0)
            }
        };
    }

    /// A character, or half of a surrogate pair written as `\u` escapes.
    fn unit(&mut self, value: u32) {
        let c = match (self.high.take(), value) {
            (_, 0xD800..=0xDBFF) => {
                self.high = Some(value);
                return;
            }
            (Some(high), 0xDC00..=0xDFFF) => char::from_u32(0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)),
            _ => char::from_u32(value),
        };
        match c {
            Some(c) if c.is_ascii() => self.ascii_char(c),
            Some(c) => fold_char(c, &mut |folded| self.mark(folded)),
            None => self.run.len = 0,
        }
    }

    /// An ASCII character written as an escape: a line end inside a text is no line end.
    fn ascii_char(&mut self, c: char) {
        if c.is_ascii_alphanumeric() { self.mark(c.to_ascii_lowercase()) } else { self.run.len = 0 }
    }

    fn mark(&mut self, folded: char) {
        if let Some(bit) = self.run.push(folded) {
            self.bitmap[bit / 8] |= 1 << (bit % 8);
        }
    }

    fn letter(&mut self, folded: u64) {
        if let Some(bit) = self.run.letter(folded) {
            self.bitmap[bit / 8] |= 1 << (bit % 8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Query, fold};

    /// The sieve of `text` as kept, for the text named `generation`.
    fn kept_of(text: &str, generation: &str) -> Zeroizing<Vec<u8>> {
        let mut out = Vec::new();
        let mut sifting = Sifting::new(&mut out, Vec::new());
        sifting.write_all(text.as_bytes()).unwrap();
        let kept = sifting.finish().unwrap().end(generation).unwrap();
        assert_eq!(out, text.as_bytes());
        Zeroizing::new(kept)
    }

    fn sieve_of(text: &str) -> Sieve {
        Sieve::parse(kept_of(text, "sealed-000001"), "sealed-000001").unwrap()
    }

    fn passes(query: &str, line: &str) -> bool {
        let text = format!("{line}\n");
        let sieve = sieve_of(&text);
        !sieve.ranges(&runs(&fold(query).0), text.len() as u64).is_empty()
    }

    #[test]
    fn a_word_passes_in_any_case_accent_or_escape_and_others_do_not() {
        for line in [
            r#"{"a":"Łukasz"}"#,
            r#"{"a":"\u0141UKASZ"}"#,
            r#"{"a":"\u0141ukas\u017a"}"#,
            "{\"a\":\"L\u{301}ukasz, later\"}",
            r#"{"a":"two\nlukasz"}"#,
        ] {
            assert!(passes("łukasz", line), "{line}");
        }
        assert!(passes("straße", r#"{"a":"STRASSE"}"#));
        assert!(passes("🌱 grows", r#"{"a":"\ud83c\udf31 GROWS"}"#));
        assert!(!passes("łukasz", r#"{"a":"lukas z"}"#));
        assert!(!passes("zeldzaamheid", r#"{"a":"zeldzaam heid"}"#));
    }

    #[test]
    fn only_stretches_that_may_hold_the_query_are_read() {
        let line = |word: &str| format!("{{\"a\":\"{word} {}\"}}\n", "filler ".repeat(1000));
        let mut text = String::new();
        while (text.len() as u64) < 3 * STRETCH {
            text.push_str(&line("common"));
        }
        let rare_at = text.len() as u64;
        text.push_str(&line("zeldzaamheid"));
        while (text.len() as u64) < 6 * STRETCH {
            text.push_str(&line("common"));
        }
        let sieve = sieve_of(&text);
        let size = text.len() as u64;
        let ranges = sieve.ranges(&runs("zeldzaamheid"), size);
        assert_eq!(ranges.len(), 1);
        assert!(ranges[0].contains(&rare_at) && ranges[0].end - ranges[0].start <= 2 * STRETCH, "{ranges:?}");
        // What was added since it was sieved is read whole.
        let grown = sieve.ranges(&runs("zeldzaamheid"), size + 10);
        assert_eq!(grown.last(), Some(&(size..size + 10)));
        assert_eq!(sieve.ranges(&runs("ab"), size), std::iter::once(0..size).collect::<Vec<_>>());
    }

    #[test]
    fn a_sieve_is_read_back_only_for_its_own_text() {
        let text = "{\"a\":\"word\"}\n".repeat(30_000);
        let kept = kept_of(&text, "sealed-000002");
        let sieve = Sieve::parse(kept.clone(), "sealed-000002").unwrap();
        assert_eq!(sieve.covered, text.len() as u64);
        assert_eq!(sieve.stretches().count() as u64, (text.len() as u64).div_ceil(STRETCH));
        assert_eq!(Sieve::parse(kept.clone(), "sealed-000003"), None);
        let mut cut = kept.clone();
        cut.pop();
        assert_eq!(Sieve::parse(cut, "sealed-000002"), None);
        let mut torn = kept;
        torn.drain(HEADER.len()..HEADER.len() + 8);
        assert_eq!(Sieve::parse(torn, "sealed-000002"), None);
    }

    proptest::proptest! {
        /// Whatever the text and whatever part of it is looked for, the
        /// sieve lets the line through when the exact check finds it.
        #[test]
        fn the_sieve_never_misses_what_find_finds(text in "\\PC{0,24}", from in 0usize..24, len in 1usize..8) {
            let chars: Vec<char> = text.chars().collect();
            let from = from.min(chars.len());
            let part: String = chars[from..(from + len).min(chars.len())].iter().collect();
            proptest::prop_assume!(!fold(&part).0.trim().is_empty());
            let query = Query::new(&part).unwrap();
            proptest::prop_assume!(query.find(&text).is_some());
            let raw = serde_json::to_string(&serde_json::json!({ "a": text })).unwrap();
            let escaped: String = raw.chars().map(|c| if c.is_ascii() { c.to_string() } else {
                c.encode_utf16(&mut [0; 2]).iter().fold(String::new(), |escaped, unit| escaped + &format!("\\u{unit:04X}"))
            }).collect();
            for line in [raw, escaped] {
                proptest::prop_assert!(passes(&part, &line), "{:?} in {}", part, line);
            }
        }
    }
}
