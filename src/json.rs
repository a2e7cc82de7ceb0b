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

/// Whether `text`, a JSON value that has been parsed already, is exactly
/// what `serde_json` writes for that value on one line: no white space,
/// escapes only where it writes them, whole numbers, no key twice in an
/// object. Such a line can be kept as it is, which costs far less than
/// parsing it into a value and writing that. A `false` says nothing.
pub fn is_compact(text: &str) -> bool {
    /// Deeper than this, parsing again may refuse the value.
    const DEEPEST: usize = 100;
    let text = text.as_bytes();
    // For each array or object that is open, where its keys start in `keys` (an object's).
    let mut open: Vec<Option<usize>> = Vec::new();
    let mut keys: Vec<&[u8]> = Vec::new();
    let mut key_next = false;
    let mut at = 0;
    while let Some(&byte) = text.get(at) {
        let start = at;
        at += 1;
        match byte {
            b'"' => {
                let Some(end) = compact_string_end(text, at) else { return false };
                at = end;
                if key_next && let Some(Some(first)) = open.last() {
                    if keys[*first..].contains(&&text[start..end]) {
                        return false;
                    }
                    keys.push(&text[start..end]);
                }
            }
            b'{' | b'[' => {
                open.push((byte == b'{').then_some(keys.len()));
                if open.len() > DEEPEST {
                    return false;
                }
            }
            b'}' | b']' => {
                if let Some(Some(first)) = open.pop() {
                    keys.truncate(first);
                }
            }
            b',' | b':' => {}
            b'-' | b'0'..=b'9' => {
                at += text[at..].iter().take_while(|digit| digit.is_ascii_digit()).count();
                // A fraction, an exponent, minus zero or more than 64 bits are written otherwise.
                let fraction = matches!(text.get(at), Some(b'.' | b'e' | b'E'));
                if fraction || &text[start..at] == b"-0" || at - start > 18 {
                    return false;
                }
            }
            _ => match [&b"true"[..], b"false", b"null"].into_iter().find(|word| text[start..].starts_with(word)) {
                Some(word) => at = start + word.len(),
                None => return false,
            },
        }
        key_next = matches!(byte, b'{' | b',');
    }
    true
}

/// Where the string whose text starts at `at` ends, past its quote, when
/// each escape in it is the one `serde_json` writes; `None` otherwise.
fn compact_string_end(text: &[u8], mut at: usize) -> Option<usize> {
    loop {
        let found = at + memchr::memchr2(b'"', b'\\', &text[at..])?;
        if text[found] == b'"' {
            return Some(found + 1);
        }
        at = found
            + match text.get(found + 1..)? {
                [b'"' | b'\\' | b'b' | b'f' | b'n' | b'r' | b't', ..] => 2,
                // Control characters without a short escape, in lower-case hex.
                [b'u', b'0', b'0', b'0', b'0'..=b'7' | b'b' | b'e' | b'f', ..]
                | [b'u', b'0', b'0', b'1', b'0'..=b'9' | b'a'..=b'f', ..] => 6,
                _ => return None,
            };
    }
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
    use serde_json::Value;

    #[test]
    fn only_what_serde_json_writes_is_compact() {
        let compact =
            "{\"a\":\"x\\u001f\\u000b\\n\\\"\\\\/é\u{7f}\",\"b\":[1,-20,0,true,false,null,[]],\"c\":{\"a\":{}}}";
        assert!(super::is_compact(compact));
        assert!(super::is_compact(r#"[{"a":1},{"a":1}]"#), "the same key in two objects");
        let deep = format!("{}{}", "[".repeat(101), "]".repeat(101));
        for other in [
            r#"{"a": 1}"#,
            " 1",
            r#"{"a":1,"a":2}"#,
            r#"{"a":{"b":1,"b":1}}"#,
            "[-0]",
            "[1.0]",
            "[1e5]",
            "[12345678901234567890]",
            r#"["\/"]"#,
            r#"["\u00e9"]"#,
            r#"["\u000a"]"#,
            r#"["\u001F"]"#,
            &deep,
        ] {
            assert!(!super::is_compact(other), "{other}");
        }
    }

    /// Any JSON value, `whole` with numbers that fit in 18 digits only;
    /// the keys of objects often repeat.
    fn any_value(whole: bool) -> impl Strategy<Value = Value> {
        let number = if whole {
            (-99_999_999_999_999_999..=999_999_999_999_999_999_i64).prop_map(Value::from).boxed()
        } else {
            prop_oneof![
                any::<i64>().prop_map(Value::from),
                any::<u64>().prop_map(Value::from),
                any::<f64>().prop_map(Value::from)
            ]
            .boxed()
        };
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            number,
            any::<String>().prop_map(Value::from)
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
                prop::collection::vec(("[abé/\"]{0,2}", inner), 0..6)
                    .prop_map(|members| Value::Object(members.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// However a value is written, a text said to be compact is what
        /// parsing and writing it again gives.
        #[test]
        fn a_compact_text_is_what_writing_its_value_again_gives(value in any_value(false), key in "[ab]?") {
            let written = value.to_string();
            let mut safe = Vec::new();
            super::write(&mut safe, &value).unwrap();
            let texts = [
                written.replacen("{\"", &format!("{{\"{key}\":0,\""), 1),
                written.replace('/', "\\/").replace('é', "\\u00e9"),
                serde_json::to_string_pretty(&value).unwrap(),
                String::from_utf8(safe).unwrap(),
                written,
            ];
            for text in texts {
                if let Ok(parsed) = serde_json::from_str::<Value>(&text) && super::is_compact(&text) {
                    prop_assert_eq!(parsed.to_string(), text);
                }
            }
        }

        /// What serde_json writes of a value with whole numbers is compact.
        #[test]
        fn what_serde_json_writes_is_compact(value in any_value(true)) {
            let written = value.to_string();
            prop_assert!(super::is_compact(&written), "{}", written);
        }

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
