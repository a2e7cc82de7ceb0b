//! How large what bezin takes in may be: an id, and each kind of file
//! bezin reads whole.

/// The longest id, for sets, prompts and entries alike.
pub const ID: usize = 64;

/// A kind of file bezin reads whole, and the most it reads of one.
#[derive(Clone, Copy, Debug)]
pub struct FileLimit {
    pub bytes: u64,
    /// What such a file is, for the sentence that refuses a larger one.
    pub of: &'static str,
}

/// A prompt set: the built-in ones are a few kilobytes.
pub const PROMPT_SET: FileLimit = FileLimit { bytes: 1_000_000, of: "a prompt set" };
/// An answers file holds the answers of one reflection.
pub const ANSWERS: FileLimit = FileLimit { bytes: 8_000_000, of: "an answers file" };
/// The settings: a few lines.
pub const SETTINGS: FileLimit = FileLimit { bytes: 1_000_000, of: "a settings file" };
/// An identity or a file of public keys.
pub const KEYS: FileLimit = FileLimit { bytes: 1_000_000, of: "a file of keys" };
/// What the editor gives back is one answer.
pub const EDITOR: FileLimit = FileLimit { bytes: 4_000_000, of: "an answer" };

/// A size as people read it: "4 MB", "17.3 MB".
#[allow(clippy::cast_precision_loss)]
pub fn megabytes(bytes: u64) -> String {
    if bytes.is_multiple_of(1_000_000) {
        format!("{} MB", bytes / 1_000_000)
    } else {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    }
}
