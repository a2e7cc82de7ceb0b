//! Entries as Markdown: a heading per entry, a subheading per question, and
//! the answer as written. Whatever an entry holds stays text in its place:
//! it can never turn into a heading, a list, a quote, code or HTML, a
//! newline cannot end a heading early, and the characters that could act on
//! a terminal showing the file or hide there are written as character
//! references that a Markdown reader turns back into the same text. The
//! controls HTML cannot carry (Markdown readers turn a reference to most of
//! them into U+FFFD or a Windows-1252 character) are written in their visible
//! form instead, as the terminal shows them: `^[` for ESC.

use std::fmt::Write as _;

use crate::answer::Answer;
use crate::controls::{LEAD_BYTES, is_unsafe, push_visible, wide_control};
use crate::journal::Entry;

/// An entry as a Markdown section, added to `out`: `# heading`, a line of
/// facts, then each question as `## question` with its answer.
pub fn write_entry(out: &mut String, entry: &Entry, set_title: &str) {
    out.push_str("# ");
    match &entry.title {
        Some(title) => escape_into(out, title),
        None => escape_into(out, &format!("{set_title} — {}", entry.date())),
    }
    out.push_str("\n\n");
    // Labelled in the entry's language, as its questions are.
    let words = entry.lang.words();
    let mut facts = format!("{} · {}", entry.finished.replace('T', " "), entry.set);
    if !entry.tags.is_empty() {
        let _ = write!(facts, " · {}: {}", words.tags_short.to_lowercase(), entry.tags.join(", "));
    }
    let followed: Vec<&str> = entry.followed().collect();
    if !followed.is_empty() {
        let _ = write!(facts, " · {} {}", words.follows_entry.to_lowercase(), followed.join(", "));
    }
    escape_into(out, &facts);
    out.push('\n');
    write_answers(out, entry);
}

/// Each question of an entry as `## question` with its answer, added to `out`.
pub fn write_answers(out: &mut String, entry: &Entry) {
    for recorded in &entry.answers {
        if !recorded.question.is_empty() {
            out.push_str("\n## ");
            escape_into(out, &recorded.question);
            out.push('\n');
        }
        out.push('\n');
        match &recorded.answer {
            Answer::Multi(picked) => {
                for item in picked {
                    out.push_str("- ");
                    escape_into(out, &item.label);
                    out.push('\n');
                }
            }
            Answer::Text(text) => paragraph(out, text),
            Answer::Choice(picked) => paragraph(out, &picked.label),
            other => paragraph(out, &other.show(recorded.range, entry.lang)),
        }
    }
}

/// `text` as a YAML double-quoted string: everything outside YAML's
/// printable set, and what a terminal would act on, as an escape.
pub fn yaml(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                let _ = write!(out, "\\x{:02X}", u32::from(c));
            }
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c if is_unsafe(c) && u32::from(c) > 0xffff => {
                let _ = write!(out, "\\U{:08X}", u32::from(c));
            }
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The longest file name `export --split` makes, in bytes.
const LONGEST_NAME: usize = 100;

/// The most bytes a suffix adds to a name made here (`.bezin`, `.yours-99`),
/// for a second version of a note beside the first.
pub const SUFFIX_ROOM: usize = 9;

/// A file name for an entry: `2026-11-24-talk-with-anna-sh3r9x280a.md`.
/// Whatever the entry holds, the name has no separator, no `..`, no leading
/// dot or dash and no control character, and is at most 100 bytes with
/// room for a suffix of `SUFFIX_ROOM` bytes.
pub fn file_name(entry: &Entry, title: &str) -> String {
    let date = entry.date();
    let is_date = date.len() == 10
        && date.bytes().enumerate().all(|(n, b)| if n == 4 || n == 7 { b == b'-' } else { b.is_ascii_digit() });
    let date = if is_date { date } else { "undated" };
    let id: String = entry.id.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').take(64).collect();
    let id = if id.is_empty() { "entry".to_owned() } else { id };
    let room = LONGEST_NAME - SUFFIX_ROOM - date.len() - id.len() - ".md".len() - 2;
    let slug = slug(title, room);
    let slug = if slug.is_empty() { self::slug(&entry.set, room) } else { slug };
    if slug.is_empty() { format!("{date}-{id}.md") } else { format!("{date}-{slug}-{id}.md") }
}

/// Lowercase ASCII letters and digits of `text`, accents aside, words joined
/// by single dashes, at most `room` bytes (and at most 50).
pub fn slug(text: &str, room: usize) -> String {
    let mut slug = String::new();
    for c in crate::search::fold(text).0.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.truncate(room.min(50));
    slug.trim_end_matches('-').to_owned()
}

/// Text as one paragraph that keeps every line break (as a hard break).
pub fn paragraph(out: &mut String, text: &str) {
    for (n, line) in text.trim_end_matches(['\n', '\r']).split('\n').enumerate() {
        if n > 0 {
            out.push_str("\\\n");
        }
        escape_into(out, line);
    }
    out.push('\n');
}

/// Bytes that need a look: characters Markdown may read as syntax wherever
/// they stand, control characters, and the first byte of an unsafe character
/// beyond ASCII (which only then is checked in full).
const SPECIAL: [bool; 256] = {
    let mut special = [false; 256];
    let characters = b"\\`*_[]<>#&~|";
    let mut n = 0;
    while n < characters.len() {
        special[characters[n] as usize] = true;
        n += 1;
    }
    let mut control = 0;
    while control < 0x20 {
        special[control] = true;
        control += 1;
    }
    special[0x7f] = true;
    let mut lead = 0;
    while lead < LEAD_BYTES.len() {
        special[LEAD_BYTES[lead] as usize] = true;
        lead += 1;
    }
    special
};

/// One line of text made literal: every character that Markdown could read
/// as syntax is escaped, and white space at either end (a full-width space
/// too, which some readers trim) and carriage returns are written as
/// character references so they are kept.
pub fn escape_into(out: &mut String, line: &str) {
    let body = line.trim_matches(char::is_whitespace);
    let lead = &line[..line.len() - line.trim_start_matches(char::is_whitespace).len()];
    let trail = if body.is_empty() { "" } else { &line[lead.len() + body.len()..] };
    lead.chars().for_each(|c| reference(out, c));
    let bytes = body.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    // A list marker or heading underline at the start, or "1." / "1)": neither byte is special.
    let block_end = match bytes.first() {
        Some(b'-' | b'+' | b'=') => Some(0),
        _ => (digits > 0 && matches!(bytes.get(digits), Some(b'.' | b')'))).then_some(digits),
    };
    let mut copied = 0;
    if let Some(end) = block_end {
        out.push_str(&body[..end]);
        out.push('\\');
        out.push(char::from(bytes[end]));
        copied = end + 1;
    }
    let mut at = copied;
    while let Some(offset) = bytes[at..].iter().position(|&byte| SPECIAL[usize::from(byte)]) {
        let n = at + offset;
        let byte = bytes[n];
        at = n + 1;
        // A special byte is ASCII or the first byte of a character, so `n` is a boundary.
        let length = match byte {
            0x80.. => match wide_control(&bytes[n..]) {
                Some(length) => length,
                None => continue,
            },
            _ => 1,
        };
        out.push_str(&body[copied..n]);
        copied = n + length;
        at = copied;
        if byte < 0x20 || byte == 0x7f || length > 1 {
            reference(out, body[n..].chars().next().unwrap_or_default());
        } else {
            out.push('\\');
            out.push(char::from(byte));
        }
    }
    out.push_str(&body[copied..]);
    trail.chars().for_each(|c| reference(out, c));
}

/// `c` as a character reference, or, for a control that HTML cannot carry,
/// in its visible form with its Markdown syntax escaped.
fn reference(out: &mut String, c: char) {
    if !c.is_control() || matches!(c, '\t' | '\n' | '\u{c}' | '\r') {
        let _ = write!(out, "&#{};", u32::from(c));
        return;
    }
    let mut visible = String::new();
    push_visible(&mut visible, c);
    for byte in visible.bytes() {
        if SPECIAL[usize::from(byte)] {
            out.push('\\');
        }
        out.push(char::from(byte));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(line: &str) -> String {
        let mut out = String::new();
        escape_into(&mut out, line);
        out
    }

    #[test]
    fn syntax_at_the_start_of_a_line_is_escaped() {
        assert_eq!(escaped("# not a heading"), "\\# not a heading");
        assert_eq!(escaped("- item"), "\\- item");
        assert_eq!(escaped("12. twelve"), "12\\. twelve");
        assert_eq!(escaped("    code?"), "&#32;&#32;&#32;&#32;code?");
        assert_eq!(escaped("a <b> & c\r"), "a \\<b\\> \\& c&#13;");
    }

    #[test]
    fn control_characters_become_character_references() {
        assert_eq!(escaped("a\u{1b}[2J\u{7f}\u{9b}b\u{202e}c\nd"), "a^\\[\\[2J^?\\<U+009B\\>b&#8238;c&#10;d");
        assert_eq!(escaped("\u{3000}x\u{200e}\u{e0041}\u{a0}"), "&#12288;x&#8206;&#917569;&#160;");
        assert_eq!(escaped("één … — ‘quoted’"), "één … — ‘quoted’");
    }

    fn entry_with(id: &str, finished: &str, set: &str) -> Entry {
        serde_json::from_value(serde_json::json!({
            "format": 1, "id": id, "set": set, "set_version": 1, "lang": "en", "started": finished,
            "finished": finished, "title": null, "tags": [], "follows": null, "answers": []
        }))
        .unwrap()
    }

    #[test]
    fn file_names_stay_in_their_folder_whatever_the_entry_holds() {
        let hostile = entry_with("../../x", "../../etc/passwd", ".hidden");
        for title in ["../../etc", "-rf \u{1b}[2J", &"long title ".repeat(30), "", "…"] {
            let name = file_name(&hostile, title);
            assert!(!name.contains('/') && !name.contains("..") && !name.starts_with(['.', '-']), "{name}");
            assert!(name.len() <= 100 && !name.chars().any(char::is_control), "{name}");
        }
        let long_id = entry_with(&"a".repeat(64), "2026-11-24T09:00:00+01:00", "five-tips");
        let name = file_name(&long_id, &"word ".repeat(40));
        assert!(
            name.len() <= 100
                && name.starts_with("2026-11-24-word-")
                && name.ends_with(&format!("{}.md", "a".repeat(64)))
        );
        assert_eq!(
            file_name(&entry_with("abc", "2026-11-24T09", "five-tips"), "Talk with Anna"),
            "2026-11-24-talk-with-anna-abc.md"
        );
    }

    #[test]
    fn a_paragraph_keeps_every_line_break() {
        let mut out = String::new();
        paragraph(&mut out, "one\n\ntwo");
        assert_eq!(out, "one\\\n\\\ntwo\n");
    }
}
