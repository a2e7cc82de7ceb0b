//! JSON as bezin writes it for people and scripts (`--json`, the JSON
//! export): the same values as `serde_json` writes, with every character that
//! could act on a terminal or hide there (DEL, C1 controls, bidirectional
//! controls, invisible characters) written as a `\u` escape too, so the
//! output is safe to show and still gives back every string exactly.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::controls::{LEAD_BYTES, is_unsafe, wide_control};

/// `value` as one line of JSON.
pub fn write<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(out, Escaping(CompactFormatter)))
}

/// `value` as indented JSON.
pub fn write_pretty<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(out, Escaping(PrettyFormatter::new())))
}

/// A journal line as it is (with the fields bezin does not know), its
/// unsafe characters written as escapes. Such characters can only stand in
/// a JSON string, so the line stays the same JSON.
pub fn write_line<W: Write + ?Sized>(out: &mut W, line: &[u8]) -> io::Result<()> {
    escape_unsafe(out, line)
}

/// Copies `bytes`, writing DEL and the unsafe characters beyond ASCII as
/// `\u` escapes (a pair of them beyond U+FFFF); control characters below
/// space never reach here raw.
fn escape_unsafe<W: Write + ?Sized>(out: &mut W, bytes: &[u8]) -> io::Result<()> {
    let mut copied = 0;
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == 0x7f || LEAD_BYTES.contains(&b)) {
        let start = at + offset;
        let length = if bytes[start] == 0x7f { 1 } else { wide_control(&bytes[start..]).unwrap_or(0) };
        at = start + 1;
        if length == 0 {
            continue;
        }
        let c = std::str::from_utf8(&bytes[start..start + length]).ok().and_then(|c| c.chars().next());
        let Some(c) = c.filter(|&c| is_unsafe(c)) else { continue };
        out.write_all(&bytes[copied..start])?;
        for unit in c.encode_utf16(&mut [0; 2]) {
            write!(out, "\\u{unit:04x}")?;
        }
        copied = start + length;
        at = copied;
    }
    out.write_all(&bytes[copied..])
}

/// A formatter that escapes what `serde_json` leaves raw and a terminal would act on.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, out: &mut W, fragment: &str) -> io::Result<()> {
        escape_unsafe(out, fragment.as_bytes())
    }

    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_array(out)
    }
    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_array(out)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(out, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_array_value(out)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_object(out)
    }
    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object(out)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(out, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.begin_object_value(out)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.0.end_object_value(out)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    proptest! {
        /// A journal line of any text comes back as the same JSON, nothing unsafe raw.
        #[test]
        fn a_raw_line_stays_the_same_json(text in any::<String>()) {
            let line = serde_json::to_string(&serde_json::json!({"answer": text, "x": 1})).unwrap();
            let mut out = Vec::new();
            super::write_line(&mut out, line.as_bytes()).unwrap();
            let written = String::from_utf8(out).unwrap();
            prop_assert!(!written.chars().any(crate::controls::is_unsafe));
            let back: serde_json::Value = serde_json::from_str(&written).unwrap();
            prop_assert_eq!(&back["answer"], &serde_json::Value::String(text));
        }

        /// Any string comes back exactly, and no unsafe character is written raw.
        #[test]
        fn any_string_round_trips_with_nothing_raw(text in any::<String>()) {
            for pretty in [false, true] {
                let mut out = Vec::new();
                if pretty { super::write_pretty(&mut out, &[&text]) } else { super::write(&mut out, &[&text]) }.unwrap();
                let written = String::from_utf8(out).unwrap();
                prop_assert!(!written.chars().any(|c| crate::controls::is_unsafe(c) && c != '\n'));
                let back: Vec<String> = serde_json::from_str(&written).unwrap();
                prop_assert_eq!(&back[0], &text);
            }
        }
    }
}
