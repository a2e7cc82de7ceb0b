//! Text on its way to the terminal. Entries, prompt sets, file names and
//! error messages may hold text bezin did not write; here control characters,
//! the bidirectional controls that make a line read differently from what it
//! holds, and the invisible characters that hide text take a visible,
//! harmless form, as `less` shows them: `^[` for ESC, `^?` for DEL,
//! `<U+202E>` for the rest. A zero-width joiner stays where it joins a
//! grapheme (the emoji of a family), and a grapheme flooded with combining
//! marks keeps only its first few characters.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

use crate::controls::{is_unsafe, push_visible};

/// The most characters one grapheme shows: more than the longest emoji
/// sequence or accented letter, far fewer than a flood of marks.
const MOST_IN_GRAPHEME: usize = 16;

const JOINER: char = '\u{200d}';

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
    if text.chars().all(|c| c.is_ascii() && !is_unsafe(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for grapheme in text.graphemes(true) {
        match grapheme {
            "\r\n" | "\n" => out.push(if one_line { ' ' } else { '\n' }),
            "\t" => out.push_str(if one_line { " " } else { "    " }),
            grapheme => push_grapheme(&mut out, grapheme),
        }
    }
    Cow::Owned(out)
}

/// One grapheme, its unsafe characters made visible, a joiner that joins
/// nothing too, and a flood cut short.
fn push_grapheme(out: &mut String, grapheme: &str) {
    let mut chars = grapheme.chars().take(MOST_IN_GRAPHEME).peekable();
    while let Some(c) = chars.next() {
        let joins = chars.peek().is_some_and(|next| next.width().unwrap_or(0) > 0);
        if is_unsafe(c) || (c == JOINER && !joins) {
            push_visible(out, c);
        } else {
            out.push(c);
        }
    }
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
    fn invisible_characters_become_visible_and_joined_emoji_stay() {
        assert_eq!(shown("a\u{200e}b\u{2028}c\u{e0041}d\u{200b}e"), "a<U+200E>b<U+2028>c<U+E0041>d<U+200B>e");
        assert_eq!(shown("An\u{200d}na"), "An<U+200D>na");
        assert_eq!(shown("👨‍👩‍👧 ☀️ 🇳🇱 1️⃣ e\u{301}"), "👨‍👩‍👧 ☀️ 🇳🇱 1️⃣ e\u{301}");
    }

    #[test]
    fn a_flood_of_marks_is_cut_to_a_few() {
        let flood = format!("Z{}a", "\u{301}".repeat(10_000));
        assert_eq!(one_line(&flood), format!("Z{}a", "\u{301}".repeat(MOST_IN_GRAPHEME - 1)));
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
