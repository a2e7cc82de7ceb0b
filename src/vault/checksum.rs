//! How bezin knows the notes it wrote: each holds its `id` and, as the last
//! line of its front matter, a checksum of everything else in it. A note
//! whose text still gives that checksum is as bezin wrote it; any other
//! change, by the person or by another tool, shows.

use sha2::{Digest, Sha256};

/// The key of the checksum line in the front matter.
const KEY: &str = "checksum: \"";

/// What a file says of itself: the note's id, and its checksum when the
/// text is as bezin wrote it (`None` when it was changed since).
#[derive(Debug, PartialEq, Eq)]
pub struct Mark {
    pub id: String,
    pub checksum: Option<String>,
}

/// A note's whole text from its front matter (without the checksum line
/// and the closing `---`) and the rest; with its checksum.
pub fn seal(front: &str, rest: &str) -> (String, String) {
    let sum = sum(&[front.as_bytes(), b"---\n", rest.as_bytes()]);
    let mut text = String::with_capacity(front.len() + rest.len() + 64);
    text.push_str(front);
    text.push_str(KEY);
    text.push_str(&sum);
    text.push_str("\"\n---\n");
    text.push_str(rest);
    (text, sum)
}

/// The mark of a file bezin wrote, or `None` for any other file: its front
/// matter starts with the `id` line and holds the checksum line (a property
/// added after it, as Obsidian adds them, is a change).
pub fn read(text: &[u8]) -> Option<Mark> {
    let after_id = text.strip_prefix(b"---\nid: \"")?;
    let id_end = memchr::memchr(b'"', after_id)?;
    let id = std::str::from_utf8(&after_id[..id_end]).ok()?;
    if id.is_empty() || id.contains(['\\', '\n']) || after_id.get(id_end + 1) != Some(&b'\n') {
        return None;
    }
    let close = memchr::memmem::find(text, b"\n---\n")? + 1;
    let line_start = memchr::memmem::find(&text[..close], format!("\n{KEY}").as_bytes())? + 1;
    let line_end = line_start + memchr::memchr(b'\n', &text[line_start..])? + 1;
    let written = text[line_start..line_end].strip_prefix(KEY.as_bytes())?.strip_suffix(b"\"\n")?;
    let actual = sum(&[&text[..line_start], &text[line_end..]]);
    let checksum = (written == actual.as_bytes()).then_some(actual);
    Some(Mark { id: id.to_owned(), checksum })
}

/// A digest of everything a note is rendered from, to tell without
/// rendering it that the note would come out as an export before wrote it.
/// Each input goes in with its length, so that no two lists of inputs run
/// together alike; bezin's version goes in first, as another version may
/// render the same inputs otherwise.
pub struct Inputs(Sha256);

impl Inputs {
    /// The inputs of a note of this `kind` (an entry's, a person's page, the overview).
    pub fn new(kind: &str) -> Inputs {
        let mut inputs = Inputs(Sha256::new());
        inputs.text(env!("CARGO_PKG_VERSION")).text(kind);
        inputs
    }

    pub fn bytes(&mut self, input: &[u8]) -> &mut Inputs {
        self.0.update((input.len() as u64).to_le_bytes());
        self.0.update(input);
        self
    }

    pub fn text(&mut self, input: &str) -> &mut Inputs {
        self.bytes(input.as_bytes())
    }

    pub fn number(&mut self, input: usize) -> &mut Inputs {
        self.bytes(&(input as u64).to_le_bytes())
    }

    /// The first 128 bits of the digest, in hex.
    pub fn finish(&self) -> String {
        hex(&self.0.clone().finalize()[..16])
    }
}

/// The first 128 bits of the SHA-256 of the parts, in hex.
fn sum(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hex(&hasher.finalize()[..16])
}

/// The first 32 bits of the SHA-256 of `text`, in hex: a short name that
/// tells apart texts that would otherwise be named alike.
pub fn short(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes())[..4])
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|byte| [DIGITS[usize::from(byte >> 4)], DIGITS[usize::from(byte & 0xf)]])
        .map(char::from)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_as_written_is_known_and_any_change_shows() {
        let (text, sum) = seal("---\nid: \"abc\"\ntitle: \"T\"\n", "\n# T\n\nbody\n");
        assert!(
            text.starts_with("---\nid: \"abc\"\ntitle: \"T\"\nchecksum: \"")
                && text.ends_with("\"\n---\n\n# T\n\nbody\n")
        );
        assert_eq!(read(text.as_bytes()), Some(Mark { id: "abc".into(), checksum: Some(sum) }));
        let changed = text.replace("body", "body, and a line of mine");
        assert_eq!(read(changed.as_bytes()), Some(Mark { id: "abc".into(), checksum: None }));
        let added = text.replace("\n---\n\n", "\nstatus: done\n---\n\n");
        assert_eq!(read(added.as_bytes()), Some(Mark { id: "abc".into(), checksum: None }));
        assert_eq!(read(b"---\ntitle: mine\n---\n"), None);
        assert_eq!(read(b"# just notes\n"), None);
    }

    #[test]
    fn inputs_that_run_together_alike_give_other_digests() {
        let digest = |inputs: &[&str]| {
            let mut all = Inputs::new("entry");
            for one in inputs {
                all.text(one);
            }
            all.finish()
        };
        assert_eq!(digest(&["ab", "c"]), digest(&["ab", "c"]));
        assert_ne!(digest(&["ab", "c"]), digest(&["a", "bc"]));
        assert_ne!(digest(&["ab", "c"]), digest(&["abc"]));
        assert_ne!(Inputs::new("entry").finish(), Inputs::new("index").finish());
    }
}
