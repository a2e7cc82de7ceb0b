//! The characters that must not reach a terminal as they are, wherever
//! bezin writes text it did not write: C0 and C1 controls, DEL, the
//! bidirectional overrides, isolates and marks that make a line read
//! differently from what it holds, and the invisible characters that hide
//! text or move it (line and paragraph separators, tag characters, the
//! deprecated format characters, zero-width spaces and joiners, the soft
//! hyphen, and the other format characters and fillers that draw nothing:
//! the combining grapheme joiner, the Hangul fillers, Khmer's inherent
//! vowels, interlinear annotations, and the format controls of Kaithi,
//! Egyptian hieroglyphs, shorthand and musical notation). The terminal,
//! JSON and Markdown each write them in a form of their own; this is the
//! one list.

use std::fmt::Write as _;

/// Whether `c` is one of them. The zero-width joiner is not: it joins the
/// emoji of a sequence, and the terminal shows it only where it joins nothing.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{34f}'
                | '\u{61c}'
                | '\u{115f}'
                | '\u{1160}'
                | '\u{17b4}'
                | '\u{17b5}'
                | '\u{180e}'
                | '\u{200b}'
                | '\u{200c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{3164}'
                | '\u{feff}'
                | '\u{ffa0}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{110bd}'
                | '\u{110cd}'
                | '\u{13430}'..='\u{1343f}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// The first bytes in UTF-8 of the unsafe characters beyond ASCII, for
/// writers that look for them a byte at a time.
pub const LEAD_BYTES: [u8; 9] = [0xc2, 0xcd, 0xd8, 0xe1, 0xe2, 0xe3, 0xef, 0xf0, 0xf3];

/// The length in bytes of the unsafe character beyond ASCII that `bytes`
/// starts with, if it starts with one: a quick test on UTF-8 for writers
/// that copy runs of bytes.
pub fn wide_control(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [0xc2, 0x80..=0x9f | 0xad, ..] | [0xcd, 0x8f, ..] | [0xd8, 0x9c, ..] => Some(2),
        [0xe1, 0xa0, 0x8e, ..]
        | [0xe1, 0x85, 0x9f | 0xa0, ..]
        | [0xe1, 0x9e, 0xb4 | 0xb5, ..]
        | [0xe2, 0x80, 0x8b | 0x8c | 0x8e | 0x8f | 0xa8..=0xae, ..]
        | [0xe2, 0x81, 0xa0..=0xaf, ..]
        | [0xe3, 0x85, 0xa4, ..]
        | [0xef, 0xbb, 0xbf, ..]
        | [0xef, 0xbe, 0xa0, ..]
        | [0xef, 0xbf, 0xb9..=0xbb, ..] => Some(3),
        [0xf0, 0x91, 0x82, 0xbd, ..]
        | [0xf0, 0x91, 0x83, 0x8d, ..]
        | [0xf0, 0x93, 0x90, 0xb0..=0xbf, ..]
        | [0xf0, 0x9b, 0xb2, 0xa0..=0xa3, ..]
        | [0xf0, 0x9d, 0x85, 0xb3..=0xba, ..]
        | [0xf3, 0xa0, 0x80 | 0x81, 0x80..=0xbf, ..] => Some(4),
        _ => None,
    }
}

/// The visible form of an unsafe character, as `less` shows them: `^[` for
/// ESC, `^?` for DEL, `<U+202E>` for the rest.
pub fn push_visible(out: &mut String, c: char) {
    match c {
        '\0'..='\u{1f}' => {
            out.push('^');
            out.push(char::from(b'@' + u8::try_from(u32::from(c)).unwrap_or(0)));
        }
        '\u{7f}' => out.push_str("^?"),
        _ => {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_tests_find_every_unsafe_character_beyond_ascii_and_nothing_else() {
        for c in (0..=0x10_ffff).filter_map(char::from_u32).filter(|c| !c.is_ascii()) {
            let mut bytes = [0; 4];
            let bytes = c.encode_utf8(&mut bytes).as_bytes();
            let expected = is_unsafe(c).then_some(bytes.len());
            assert_eq!(wide_control(bytes), expected, "{c:?}");
            if is_unsafe(c) {
                assert!(LEAD_BYTES.contains(&bytes[0]), "{c:?}");
            }
        }
    }

    #[test]
    fn visible_forms() {
        let mut out = String::new();
        for c in ['\u{1b}', '\u{7f}', '\u{9b}', '\u{200e}', '\u{e0041}'] {
            push_visible(&mut out, c);
        }
        assert_eq!(out, "^[^?<U+009B><U+200E><U+E0041>");
    }
}
