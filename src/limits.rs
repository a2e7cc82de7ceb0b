//! How large what bezin takes in may be: an entry, what a placeholder
//! carries into a question, an id, and each kind of file bezin reads whole.
//!
//! Readers take journal lines of up to 16 MiB and call a longer one
//! damaged. An entry is held to a quarter of that, measured as the line it
//! makes, escapes and all (a control character takes six bytes in JSON), so
//! that whatever a command says it saved, every reader reads back.

use std::fmt;

use serde::Serialize;

/// The longest journal line an entry may make, in bytes.
pub const ENTRY: usize = 4_000_000;

/// The longest value a JSON file to import may hold: an entry written
/// with spaces and indents, as other tools write them, takes more than its
/// line in the journal, but never four times as much.
pub const JSON_VALUE: usize = 4 * ENTRY;

/// The most characters an answer shows in a `{placeholder}` of a later
/// question: a name, a label, a line; a long answer is cut there, so that
/// no question multiplies an answer into an entry too large to keep.
pub const PLACEHOLDER: usize = 200;

/// The longest id, for sets, prompts and entries alike.
pub const ID: usize = 64;

/// A kind of file bezin reads whole, and the most it reads of one.
#[derive(Clone, Copy, Debug)]
pub struct FileLimit {
    pub bytes: u64,
    /// What such a file is, in English and in Dutch, for the sentence
    /// that refuses a larger one.
    pub of: [&'static str; 2],
}

impl FileLimit {
    /// What such a file is, in the interface's language.
    pub fn what(&self) -> &'static str {
        match crate::lang::interface() {
            crate::lang::Lang::En => self.of[0],
            crate::lang::Lang::Nl => self.of[1],
        }
    }
}

/// A prompt set: the built-in ones are a few kilobytes.
pub const PROMPT_SET: FileLimit = FileLimit { bytes: 1_000_000, of: ["a prompt set", "een set vragen"] };
/// An answers file holds at most an entry's answers, in TOML's escapes.
pub const ANSWERS: FileLimit = FileLimit { bytes: 2 * ENTRY as u64, of: ["an answers file", "een antwoordbestand"] };
/// A draft holds at most an entry's answers, with room to spare.
pub const DRAFT: FileLimit = FileLimit { bytes: 2 * ENTRY as u64, of: ["a draft", "een concept"] };
/// The settings: a few lines.
pub const SETTINGS: FileLimit = FileLimit { bytes: 1_000_000, of: ["a settings file", "een instellingenbestand"] };
/// An identity or a file of public keys.
pub const KEYS: FileLimit = FileLimit { bytes: 1_000_000, of: ["a file of keys", "een bestand met sleutels"] };
/// What the editor gives back is one answer.
pub const EDITOR: FileLimit = FileLimit { bytes: ENTRY as u64, of: ["an answer", "een antwoord"] };

/// An entry whose journal line would be longer than `ENTRY`.
#[derive(Debug)]
pub struct TooLarge {
    /// The length its line would have.
    pub bytes: usize,
}

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = (crate::lang::interface().environment().entry_too_large)(
            &megabytes(self.bytes as u64),
            &megabytes(ENTRY as u64),
        );
        f.write_str(&said)
    }
}

impl std::error::Error for TooLarge {}

/// Fails when a journal line of `bytes` is longer than an entry may make.
pub fn entry_line(bytes: usize) -> Result<(), TooLarge> {
    if bytes > ENTRY { Err(TooLarge { bytes }) } else { Ok(()) }
}

/// How long `value` is as JSON, counted without keeping the text.
pub fn json_length(value: &impl Serialize) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0 += bytes.len();
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    serde_json::to_writer(&mut count, value).expect("counting never fails");
    count.0
}

/// A size as people read it: "4 MB", "17.3 MB".
#[allow(clippy::cast_precision_loss)]
pub fn megabytes(bytes: u64) -> String {
    if bytes.is_multiple_of(1_000_000) {
        format!("{} MB", bytes / 1_000_000)
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_measured_with_its_escapes() {
        assert_eq!(json_length(&"\u{1}".repeat(10)), 62);
        assert_eq!(json_length(&"é"), 4);
        assert!(entry_line(ENTRY).is_ok());
        let err = entry_line(json_length(&"\u{1}".repeat(ENTRY / 5))).unwrap_err();
        assert_eq!(err.to_string(), "the entry would take 4.8 MB in the journal, more than the 4 MB an entry may take");
    }
}
