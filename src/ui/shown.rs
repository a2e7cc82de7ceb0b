//! Text on its way to the terminal. Entries, prompt sets, file names and
//! error messages may hold text bezin did not write; here control characters
//! and the bidirectional controls that make a line read differently from what
//! it holds take a visible, harmless form, as `less` shows them: `^[` for
//! ESC, `^?` for DEL, `<U+202E>` for the rest.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::controls::is_unsafe;

/// The visible form of an unsafe character.
fn push_visible(out: &mut String, c: char) {
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

/// Text as several lines may show it: newlines stay, a carriage return
/// before one goes, a tab becomes spaces, anything else unsafe is made visible.
pub fn shown(text: &str) -> Cow<'_, str> {
    shape(text, false)
}

/// Text as one line of a table or a menu shows it: newlines and tabs become
/// spaces, anything else unsafe is made visible.
pub fn one_line(text: &str) -> Cow<'_, str> {
    shape(text, true)
}

fn shape(text: &str, one_line: bool) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\t' if one_line => out.push(' '),
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c if is_unsafe(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn escape_sequences_and_bidi_controls_become_visible() {
        assert_eq!(shown("a\u{1b}]52;c;eA==\u{7}b"), "a^[]52;c;eA==^Gb");
        assert_eq!(shown("\u{1b}[2J\u{7f}\u{9b}x"), "^[[2J^?<U+009B>x");
        assert_eq!(shown("abc\u{202e}def\u{2066}"), "abc<U+202E>def<U+2066>");
        assert_eq!(shown("plain text, één"), "plain text, één");
    }

    #[test]
    fn lines_and_tabs_follow_the_layout() {
        assert_eq!(shown("one\r\ntwo\tthree\rfour"), "one\ntwo    three^Mfour");
        assert_eq!(one_line("one\r\ntwo\tthree"), "one two three");
    }

    proptest! {
        #[test]
        fn no_shown_form_holds_an_unsafe_character(text in any::<String>()) {
            prop_assert!(!shown(&text).chars().any(|c| is_unsafe(c) && c != '\n'));
            prop_assert!(!one_line(&text).chars().any(is_unsafe));
        }
    }
}
