//! Text with case and accents left out, for every script: full Unicode case
//! folding (ß is ss, ς is σ, İ is i), then the diacritical marks dropped
//! from each letter's canonical decomposition (é is e, ί is ι, й is и), and
//! the letters with a stroke or a ligature that do not decompose written as
//! their plain letters (ł is l, ø is o, æ is ae). Letters that decompose
//! into parts that are not diacritics (Hangul syllables, kana with voicing
//! marks) stay as they are.

use std::ops::Range;

use caseless::Caseless;
use unicode_normalization::char::decompose_canonical;

/// Whether `c` is a combining diacritical mark, the kind that accents a
/// Latin, Greek or Cyrillic letter; these fold away.
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Calls `out` with each character `c` folds to: none, one or a few.
pub fn fold_char(c: char, out: &mut impl FnMut(char)) {
    if is_diacritic(c) {
        return;
    }
    for folded in std::iter::once(c).default_case_fold() {
        let mut accented = false;
        decompose_canonical(folded, |part| accented |= is_diacritic(part));
        if accented {
            decompose_canonical(folded, |part| {
                if !is_diacritic(part) {
                    plain(part, out);
                }
            });
        } else {
            plain(folded, out);
        }
    }
}

/// A letter with a stroke or a ligature as its plain letters.
fn plain(c: char, out: &mut impl FnMut(char)) {
    let letters = match c {
        'ł' | 'ƚ' => "l",
        'ø' => "o",
        'đ' | 'ɖ' => "d",
        'ħ' => "h",
        'ı' | 'ɨ' => "i",
        'ŧ' => "t",
        'ƀ' => "b",
        'ʉ' => "u",
        'ɇ' => "e",
        'æ' => "ae",
        'œ' => "oe",
        _ => {
            out(c);
            return;
        }
    };
    letters.chars().for_each(out);
}

/// `text` folded, and for each byte of it the bytes of `text` it came from.
pub fn fold(text: &str) -> (String, Vec<Range<usize>>) {
    let mut folded = String::with_capacity(text.len());
    let mut origins = Vec::with_capacity(text.len());
    for (at, c) in text.char_indices() {
        let origin = at..at + c.len_utf8();
        fold_char(c, &mut |part| {
            folded.push(part);
            origins.extend(std::iter::repeat_n(origin.clone(), part.len_utf8()));
        });
    }
    (folded, origins)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_folds_case_and_accents() {
        let pairs = [
            ("Łukasz", "lukasz"),
            ("ДОМ", "дом"),
            ("ΣΟΦΊΑ", "σοφια"),
            ("σοφία", "σοφια"),
            ("ΌΣΟΣ", "οσοσ"),
            ("Ærø", "aero"),
            ("ZOË", "zoe"),
            ("Straße", "strasse"),
            ("İstanbul", "istanbul"),
            ("ﬁne", "fine"),
            ("Café", "cafe"),
            ("한국어", "한국어"),
            ("が", "が"),
        ];
        for (text, expected) in pairs {
            assert_eq!(fold(text).0, expected, "{text}");
        }
    }
}
