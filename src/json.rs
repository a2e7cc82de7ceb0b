//! JSON as bezin writes it for people and scripts (`--json`, the JSON
//! export): the same values as `serde_json` writes, with every character that
//! could act on a terminal (DEL, C1 controls, bidirectional controls)
//! written as a `\u` escape too, so the output is safe to show and still
//! gives back every string exactly.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::ui::is_unsafe;

/// `value` as one line of JSON.
pub fn write<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(out, Escaping(CompactFormatter)))
}

/// `value` as indented JSON.
pub fn write_pretty<W: Write, T: Serialize + ?Sized>(out: W, value: &T) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(out, Escaping(PrettyFormatter::new())))
}

/// A formatter that escapes what `serde_json` leaves raw and a terminal would act on.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(&mut self, out: &mut W, fragment: &str) -> io::Result<()> {
        let mut copied = 0;
        for (at, c) in fragment.char_indices().filter(|(_, c)| is_unsafe(*c)) {
            out.write_all(&fragment.as_bytes()[copied..at])?;
            write!(out, "\\u{:04x}", u32::from(c))?;
            copied = at + c.len_utf8();
        }
        out.write_all(&fragment.as_bytes()[copied..])
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
        /// Any string comes back exactly, and no unsafe character is written raw.
        #[test]
        fn any_string_round_trips_with_nothing_raw(text in any::<String>()) {
            for pretty in [false, true] {
                let mut out = Vec::new();
                if pretty { super::write_pretty(&mut out, &[&text]) } else { super::write(&mut out, &[&text]) }.unwrap();
                let written = String::from_utf8(out).unwrap();
                prop_assert!(!written.chars().any(|c| crate::ui::is_unsafe(c) && c != '\n'));
                let back: Vec<String> = serde_json::from_str(&written).unwrap();
                prop_assert_eq!(&back[0], &text);
            }
        }
    }
}
