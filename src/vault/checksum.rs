//! How bezin knows the notes it wrote: each holds its `id` and, as the last
//! line of its front matter, a checksum of everything else in it. A note
//! whose text still gives that checksum is as bezin wrote it; any other
//! change, by the person or by another tool, shows.

use std::fmt::Write as _;

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
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut out, byte| {
        let _ = write!(out, "{byte:02x}");
        out
    })
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
}
