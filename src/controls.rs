//! The characters that must not reach a terminal as they are, wherever
//! bezin writes text it did not write: C0 and C1 controls, DEL, the
//! bidirectional overrides, isolates and marks that make a line read
//! differently from what it holds, and the invisible characters that hide
//! text or move it (line and paragraph separators, tag characters, the
//! deprecated format characters, zero-width spaces and joiners, the soft
//! hyphen). The terminal, JSON and Markdown each write them in a form of
//! their own; this is the one list.

use std::fmt::Write as _;

/// Whether `c` is one of them. The zero-width joiner is not: it joins the
/// emoji of a sequence, and the terminal shows it only where it joins nothing.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{ad}'
                | '\u{61c}'
                | '\u{180e}'
                | '\u{200b}'
                | '\u{200c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'..='\u{202e}'
                | '\u{2060}'..='\u{206f}'
                | '\u{feff}'
                | '\u{e0000}'..='\u{e007f}'
        )
}

/// The first bytes in UTF-8 of the unsafe characters beyond ASCII, for
/// writers that look for them a byte at a time.
pub const LEAD_BYTES: [u8; 6] = [0xc2, 0xd8, 0xe1, 0xe2, 0xef, 0xf3];

/// The length in bytes of the unsafe character beyond ASCII that `bytes`
/// starts with, if it starts with one: a quick test on UTF-8 for writers
/// that copy runs of bytes.
pub fn wide_control(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [0xc2, 0x80..=0x9f | 0xad, ..] | [0xd8, 0x9c, ..] => Some(2),
        [0xe1, 0xa0, 0x8e, ..]
        | [0xe2, 0x80, 0x8b | 0x8c | 0x8e | 0x8f | 0xa8..=0xae, ..]
        | [0xe2, 0x81, 0xa0..=0xaf, ..]
        | [0xef, 0xbb, 0xbf, ..] => Some(3),
        [0xf3, 0xa0, 0x80 | 0x81, 0x80..=0xbf, ..] => Some(4),
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
