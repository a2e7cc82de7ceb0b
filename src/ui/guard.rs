//! Standard output and error behind a guard: whatever a command writes, no
//! control character reaches the terminal except a newline, a tab, and the
//! colour codes bezin paints with itself (only while colour is on). The
//! guard is where text leaves for the terminal, so a command cannot forget
//! it; `shown` gives text its visible form before bezin paints it, so a
//! colour code hidden in an entry never passes as bezin's own.

use std::io::{self, Write};

use crate::controls::{LEAD_BYTES, is_unsafe};

/// A writer that lets only safe text and, when `colors`, colour codes through.
pub struct Guarded<W: Write> {
    inner: W,
    colors: bool,
    /// The start of a character or colour code that the next write completes.
    pending: Vec<u8>,
}

impl<W: Write> Guarded<W> {
    pub fn new(inner: W, colors: bool) -> Self {
        Guarded { inner, colors, pending: Vec::new() }
    }

    /// Writes the safe part of `data`; keeps an unfinished tail when `more` may follow.
    fn pass(&mut self, data: &[u8], more: bool) -> io::Result<()> {
        let mut rest = data;
        while !rest.is_empty() {
            let (valid, bad) = match simdutf8::compat::from_utf8(rest) {
                Ok(text) => (text, None),
                Err(err) => {
                    let valid = std::str::from_utf8(&rest[..err.valid_up_to()]).unwrap_or_default();
                    (valid, Some(err.error_len()))
                }
            };
            let kept = self.pass_text(valid, more && bad.is_none())?;
            match bad {
                None => {
                    self.pending.extend_from_slice(kept.as_bytes());
                    return Ok(());
                }
                Some(None) if more => {
                    self.pending.extend_from_slice(kept.as_bytes());
                    self.pending.extend_from_slice(&rest[valid.len()..]);
                    return Ok(());
                }
                Some(length) => {
                    self.inner.write_all("\u{fffd}".as_bytes())?;
                    rest = &rest[valid.len() + length.unwrap_or(rest.len() - valid.len())..];
                }
            }
        }
        Ok(())
    }

    /// Writes `text` with its unsafe characters made visible; returns an
    /// unfinished colour code at its end, to be completed by what follows.
    fn pass_text<'t>(&mut self, text: &'t str, more: bool) -> io::Result<&'t str> {
        let bytes = text.as_bytes();
        let (mut copied, mut at) = (0, 0);
        while let Some(offset) = next_suspect(&bytes[at..]) {
            let start = at + offset;
            let c = text[start..].chars().next().unwrap_or_default();
            at = start + c.len_utf8();
            if !is_unsafe(c) {
                continue;
            }
            self.inner.write_all(&bytes[copied..start])?;
            copied = at;
            if c == '\u{1b}' && self.colors {
                match colour_code(&text[start..]) {
                    Code::Whole(length) => {
                        self.inner.write_all(&bytes[start..start + length])?;
                        (copied, at) = (start + length, start + length);
                        continue;
                    }
                    Code::Unfinished if more => return Ok(&text[start..]),
                    Code::Unfinished | Code::Not => {}
                }
            }
            self.inner.write_all(super::shown(c.encode_utf8(&mut [0; 4])).as_bytes())?;
        }
        self.inner.write_all(&bytes[copied..])?;
        Ok("")
    }
}

/// Where the first byte is that may start an unsafe character in UTF-8: a
/// control other than a newline or a tab, DEL, or the lead byte of an unsafe
/// character beyond ASCII. Blocks of 32 bytes are tested at once.
// `|` rather than `||`: a test without branches is one the compiler can run on many bytes at once.
#[allow(clippy::needless_bitwise_bool)]
fn next_suspect(bytes: &[u8]) -> Option<usize> {
    let suspect = |byte: u8| {
        (byte < 0x20 && byte != b'\n' && byte != b'\t')
            | (byte == 0x7f)
            | LEAD_BYTES.iter().fold(false, |any, &lead| any | (byte == lead))
    };
    let clean =
        bytes.chunks_exact(32).take_while(|block| !block.iter().fold(false, |any, &byte| any | suspect(byte))).count();
    let from = clean * 32;
    bytes[from..].iter().position(|&byte| suspect(byte)).map(|offset| from + offset)
}

enum Code {
    /// A whole colour code of this many bytes.
    Whole(usize),
    /// The text ends before the code does.
    Unfinished,
    Not,
}

/// Whether `text` starts with a colour code (SGR): `ESC [ digits;… m`.
fn colour_code(text: &str) -> Code {
    let bytes = text.as_bytes();
    for (n, &byte) in bytes.iter().enumerate().skip(1).take(32) {
        match (n, byte) {
            (1, b'[') | (2.., b'0'..=b'9' | b';') => {}
            (2.., b'm') => return Code::Whole(n + 1),
            _ => return Code::Not,
        }
    }
    if bytes.len() <= 32 { Code::Unfinished } else { Code::Not }
}

impl<W: Write> Write for Guarded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if self.pending.is_empty() {
            return self.pass(buf, true);
        }
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(buf);
        self.pass(&data, true)
    }

    fn flush(&mut self) -> io::Result<()> {
        let pending = std::mem::take(&mut self.pending);
        self.pass(&pending, false)?;
        self.inner.flush()
    }
}

impl<W: Write> Drop for Guarded<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(pieces: &[&[u8]], colors: bool) -> String {
        let mut out = Vec::new();
        {
            let mut guarded = Guarded::new(&mut out, colors);
            for piece in pieces {
                guarded.write_all(piece).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn controls_become_visible_and_colours_pass_only_when_on() {
        let text = "\u{1b}[1mbold\u{1b}[0m \u{1b}]52;c;eA==\u{7} \u{1b}[2J\u{202e}\n";
        assert_eq!(through(&[text.as_bytes()], true), "\u{1b}[1mbold\u{1b}[0m ^[]52;c;eA==^G ^[[2J<U+202E>\n");
        assert_eq!(through(&[text.as_bytes()], false), "^[[1mbold^[[0m ^[]52;c;eA==^G ^[[2J<U+202E>\n");
    }

    #[test]
    fn a_code_or_character_split_over_writes_is_still_seen_whole() {
        assert_eq!(through(&[b"a\x1b[3", b"1mred"], true), "a\u{1b}[31mred");
        assert_eq!(through(&[b"a\xc2", b"\x9bb"], false), "a<U+009B>b");
        assert_eq!(through(&[b"\xe2\x80", b"\xaex"], false), "<U+202E>x");
        assert_eq!(through(&[b"\xf3\xa0", b"\x80\x81x\xe2\x80\x8e"], false), "<U+E0001>x<U+200E>");
        assert_eq!(through(&[b"end\x1b"], true), "end^[");
        assert_eq!(through(&[b"bad \xff byte"], false), "bad \u{fffd} byte");
    }

    #[test]
    fn a_control_is_caught_wherever_it_falls_in_a_long_text() {
        for at in 0..100 {
            let mut text = "é\tx\n".repeat(20);
            text.insert_str(at / 5 * 5, "\u{1b}\u{85}\u{2066}");
            let seen = through(&[text.as_bytes()], false);
            assert_eq!(
                seen,
                text.replace('\u{1b}', "^[").replace('\u{85}', "<U+0085>").replace('\u{2066}', "<U+2066>")
            );
        }
    }
}
