//! Entries as Markdown: a heading per entry, a subheading per question, and
//! the answer as written. Whatever a person typed stays text: it can never
//! turn into a heading, a list, a quote, code or HTML.

use std::fmt::Write as _;

use serde_json::json;

use crate::journal::{Entry, Value};

/// An entry as a Markdown section: `# heading`, a line of facts, then each
/// question as `## question` with its answer.
pub fn entry(entry: &Entry, set_title: &str) -> String {
    let mut out = String::with_capacity(2048);
    out.push_str("# ");
    match &entry.title {
        Some(title) => escape_into(&mut out, title),
        None => escape_into(&mut out, &format!("{set_title} — {}", entry.date())),
    }
    out.push_str("\n\n");
    let mut facts = format!("{} · {}", entry.finished.replace('T', " "), entry.set);
    if !entry.tags.is_empty() {
        let _ = write!(facts, " · tags: {}", entry.tags.join(", "));
    }
    if let Some(follows) = &entry.follows {
        let _ = write!(facts, " · follows: {follows}");
    }
    escape_into(&mut out, &facts);
    out.push('\n');
    for recorded in &entry.answers {
        if !recorded.question.is_empty() {
            out.push_str("\n## ");
            escape_into(&mut out, &recorded.question);
            out.push('\n');
        }
        out.push('\n');
        match &recorded.answer {
            Value::List(items) => {
                for item in items {
                    out.push_str("- ");
                    escape_into(&mut out, item);
                    out.push('\n');
                }
            }
            Value::Text(text) => paragraph(&mut out, text),
            other => paragraph(&mut out, &other.show(recorded.range, entry.lang)),
        }
    }
    out
}

/// YAML front matter for one file per entry, read by Obsidian and static
/// site generators. Every value is written as JSON, which YAML reads as it is.
pub fn front_matter(entry: &Entry, title: &str) -> String {
    format!(
        "---\nid: {}\ndate: {}\ntitle: {}\nset: {}\nlang: {}\ntags: {}\nfollows: {}\n---\n\n",
        json!(entry.id),
        json!(entry.finished),
        json!(title),
        json!(entry.set),
        json!(entry.lang),
        json!(entry.tags),
        json!(entry.follows),
    )
}

/// A file name for an entry: `2026-11-24-talk-with-anna-sh3r9x280a.md`.
pub fn file_name(entry: &Entry, title: &str) -> String {
    let mut slug = String::new();
    for c in crate::search::fold(title).0.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.chars().take(50).collect();
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { entry.set.as_str() } else { slug };
    format!("{}-{slug}-{}.md", entry.date(), entry.id)
}

/// Text as one paragraph that keeps every line break (as a hard break).
fn paragraph(out: &mut String, text: &str) {
    for (n, line) in text.trim_end_matches(['\n', '\r']).split('\n').enumerate() {
        if n > 0 {
            out.push_str("\\\n");
        }
        escape_into(out, line);
    }
    out.push('\n');
}

/// Characters Markdown may read as syntax wherever they stand.
const SPECIAL: [bool; 256] = {
    let mut special = [false; 256];
    let characters = b"\\`*_[]<>#&~|\r";
    let mut n = 0;
    while n < characters.len() {
        special[characters[n] as usize] = true;
        n += 1;
    }
    special
};

/// One line of text made literal: every character that Markdown could read
/// as syntax is escaped, and spaces at either end (and carriage returns)
/// are written as character references so they are kept.
fn escape_into(out: &mut String, line: &str) {
    let body = line.trim_matches([' ', '\t']);
    let lead = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    let trail = if body.is_empty() { "" } else { &line[lead.len() + body.len()..] };
    let entity = |c: char| if c == '\t' { "&#9;" } else { "&#32;" };
    lead.chars().for_each(|c| out.push_str(entity(c)));
    let bytes = body.as_bytes();
    let digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    // A list marker or heading underline at the start, or "1." / "1)".
    let starts_block = matches!(bytes.first(), Some(b'-' | b'+' | b'='));
    let number_end = (digits > 0 && matches!(bytes.get(digits), Some(b'.' | b')'))).then_some(digits);
    let mut copied = 0;
    for (n, &byte) in bytes.iter().enumerate() {
        if !(SPECIAL[usize::from(byte)] || (n == 0 && starts_block) || Some(n) == number_end) {
            continue;
        }
        // Every special character is ASCII, so `n` is a character boundary.
        out.push_str(&body[copied..n]);
        copied = n + 1;
        if byte == b'\r' {
            out.push_str("&#13;");
        } else {
            out.push('\\');
            out.push(char::from(byte));
        }
    }
    out.push_str(&body[copied..]);
    trail.chars().for_each(|c| out.push_str(entity(c)));
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
    fn a_paragraph_keeps_every_line_break() {
        let mut out = String::new();
        paragraph(&mut out, "one\n\ntwo");
        assert_eq!(out, "one\\\n\\\ntwo\n");
    }
}
