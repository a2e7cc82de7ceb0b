//! The characters that must not reach a terminal as they are, wherever
//! bezin writes text it did not write: C0 and C1 controls, DEL, and the
//! bidirectional overrides and isolates that make a line read differently
//! from what it holds. The terminal, JSON and Markdown each write them in a
//! form of their own; this is the one list.

/// Whether `c` is one of them.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The length in bytes of the C1 control or bidirectional control that
/// `bytes` starts with, if it starts with one: a quick test on UTF-8 for
/// writers that copy runs of bytes.
pub fn wide_control(bytes: &[u8]) -> Option<usize> {
    match bytes {
        [0xc2, 0x80..=0x9f, ..] => Some(2),
        [0xe2, 0x80, 0xaa..=0xae, ..] | [0xe2, 0x81, 0xa6..=0xa9, ..] => Some(3),
        _ => None,
    }
}
