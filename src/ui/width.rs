//! How much room text takes on the screen, measured as a terminal draws it:
//! a grapheme (a letter with its accents, a flag, an emoji sequence) at a
//! time, each as wide as unicode-width says. Cutting, padding and wrapping
//! happen between graphemes, so no flag is halved, no joiner left trailing
//! and no accent parted from its letter. The text measured here is already
//! in its visible form: it holds no control character.

use std::borrow::Cow;

use textwrap::WordSeparator;
use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// How many columns `text` takes on the screen.
pub fn width_of(text: &str) -> usize {
    text.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// `text` cut to `width` columns on the screen, with an ellipsis if cut.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    let room = width.saturating_sub(1);
    let (mut used, mut fits) = (0, 0);
    for (at, grapheme) in text.grapheme_indices(true) {
        used += grapheme.width();
        if used > width {
            return if width == 0 { Cow::Borrowed("") } else { Cow::Owned(format!("{}…", &text[..fits])) };
        }
        if used <= room {
            fits = at + grapheme.len();
        }
    }
    Cow::Borrowed(text)
}

/// `text` cut from its start to `width` columns on the screen, with an
/// ellipsis if cut.
pub fn truncate_start(text: &str, width: usize) -> Cow<'_, str> {
    let room = width.saturating_sub(1);
    let (mut used, mut fits) = (0, text.len());
    for (at, grapheme) in text.grapheme_indices(true).rev() {
        used += grapheme.width();
        if used > width {
            return if width == 0 { Cow::Borrowed("") } else { Cow::Owned(format!("…{}", &text[fits..])) };
        }
        if used <= room {
            fits = at;
        }
    }
    Cow::Borrowed(text)
}

/// `text` padded with spaces to `width` columns on the screen.
pub fn pad(text: &str, width: usize) -> String {
    format!("{text}{}", " ".repeat(width.saturating_sub(width_of(text))))
}

/// How many rows above the cursor the text `drawn` starts, once a terminal
/// `columns` wide (when it says) has wrapped it: `drawn` is what was
/// written from the start of a row up to the cursor, colour codes and all.
/// A terminal whose width changed wraps its lines anew, as most do, so the
/// rows drawn at the old width are counted at the new one.
pub fn rows_above(drawn: &str, columns: Option<usize>) -> usize {
    let plain = console::strip_ansi_codes(drawn);
    let mut lines = plain.split('\n').map(|line| width_of(line.trim_end_matches('\r')));
    let at_cursor = lines.next_back().unwrap_or(0);
    match columns.map(|columns| columns.max(1)) {
        Some(columns) => lines.map(|width| width.div_ceil(columns).max(1)).sum::<usize>() + at_cursor / columns,
        None => lines.count(),
    }
}

/// A word (or a piece of one) and the spaces after it, as wide as the
/// screen draws them.
#[derive(Debug)]
struct Piece<'t> {
    text: &'t str,
    spaces: &'t str,
    width: usize,
}

impl Fragment for Piece<'_> {
    #[allow(clippy::cast_precision_loss)]
    fn width(&self) -> f64 {
        self.width as f64
    }
    #[allow(clippy::cast_precision_loss)]
    fn whitespace_width(&self) -> f64 {
        self.spaces.len() as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// One line of text (no newline in it) wrapped at word boundaries into
/// lines of at most `width` columns; a word longer than that is broken
/// between graphemes.
pub fn wrap_line(line: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut pieces = Vec::new();
    for found in WordSeparator::AsciiSpace.find_words(line) {
        if found.word.is_empty() {
            pieces.push(Piece { text: "", spaces: found.whitespace, width: 0 });
        }
        let mut broken = broken(found.word, width).peekable();
        while let Some((text, width)) = broken.next() {
            let spaces = if broken.peek().is_none() { found.whitespace } else { "" };
            pieces.push(Piece { text, spaces, width });
        }
    }
    #[allow(clippy::cast_precision_loss)]
    let lines = textwrap::wrap_algorithms::wrap_first_fit(&pieces, &[width as f64]);
    let mut wrapped: Vec<String> = lines
        .iter()
        .map(|line| {
            let mut text = String::new();
            for (n, piece) in line.iter().enumerate() {
                text += piece.text;
                if n + 1 < line.len() {
                    text += piece.spaces;
                }
            }
            text
        })
        .collect();
    if wrapped.is_empty() {
        wrapped.push(String::new());
    }
    wrapped
}

/// `word` in pieces of at most `width` columns (a grapheme wider than that
/// alone), each with its width.
fn broken(word: &str, width: usize) -> impl Iterator<Item = (&str, usize)> {
    let mut rest = word;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let (mut end, mut used) = (0, 0);
        for (at, grapheme) in rest.grapheme_indices(true) {
            let wide = grapheme.width();
            if end > 0 && used + wide > width {
                break;
            }
            (end, used) = (at + grapheme.len(), used + wide);
        }
        let piece = &rest[..end];
        rest = &rest[end..];
        Some((piece, used))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn graphemes_are_measured_and_cut_whole() {
        assert_eq!(width_of("☀️☀️ 日本 🇳🇱 👨‍👩‍👧 e\u{301}"), 2 + 2 + 1 + 4 + 1 + 2 + 1 + 2 + 1 + 1);
        assert_eq!(truncate("☀️☀️☀️", 5), "☀️☀️…");
        assert_eq!(truncate("☀️☀️☀️", 4), "☀️…");
        assert_eq!(truncate("🇳🇱🇧🇪", 3), "🇳🇱…");
        assert_eq!(truncate("👨‍👩‍👧👨‍👩‍👧", 3), "👨‍👩‍👧…");
        assert_eq!(truncate("e\u{301}e\u{301}e\u{301}", 2), "e\u{301}…");
        assert_eq!(truncate("日本語", 6), "日本語");
        assert_eq!(truncate("日本語", 0), "");
        assert_eq!(truncate_start("🇳🇱🇧🇪🇯🇵", 5), "…🇧🇪🇯🇵");
        assert_eq!(truncate_start("e\u{301}e\u{301}e\u{301}", 2), "…e\u{301}");
        assert_eq!(pad("日本", 6), "日本  ");
    }

    #[test]
    fn long_words_break_between_graphemes() {
        assert_eq!(wrap_line("☀️☀️☀️ ab", 5), ["☀️☀️", "☀️ ab"]);
        assert_eq!(wrap_line("🇳🇱🇳🇱🇳🇱", 3), ["🇳🇱", "🇳🇱", "🇳🇱"]);
        assert_eq!(wrap_line("one two three", 8), ["one two", "three"]);
        assert_eq!(wrap_line("日本", 1), ["日", "本"]);
        assert_eq!(wrap_line("", 10), [""]);
        assert_eq!(wrap_line("  indented  twice", 20), ["  indented  twice"]);
    }

    #[test]
    fn rows_drawn_are_counted_at_the_width_they_wrap_to() {
        let list = "\u{1b}[1m❯ one\u{1b}[0m\n  two three four\n\n";
        assert_eq!(rows_above(list, Some(80)), 3);
        assert_eq!(rows_above(list, Some(8)), 4, "the second line takes two rows");
        assert_eq!(rows_above(list, None), 3);
        assert_eq!(rows_above("› abcdefgh", Some(4)), 2, "the cursor is on the third row");
        assert_eq!(rows_above("› abc\r\nd", Some(5)), 1);
        assert_eq!(rows_above("", Some(4)), 0);
    }

    proptest! {
        /// Whatever the text, a cut or wrapped line is no wider than asked,
        /// measured over the whole line as unicode-width does.
        #[test]
        fn nothing_is_wider_than_asked(text in "[a-z ☀️\u{fe0f}日🇳🇱\u{301}\u{200d}👨]{0,40}", width in 1usize..12) {
            prop_assert!(width_of(&text) >= text.width());
            prop_assert!(truncate(&text, width).width() <= width);
            prop_assert!(truncate_start(&text, width).width() <= width);
            for line in wrap_line(&text, width) {
                prop_assert!(line.width() <= width || line.graphemes(true).count() == 1, "{line:?}");
            }
        }
    }
}
