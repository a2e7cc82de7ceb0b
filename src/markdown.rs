//! Entries as Markdown: a heading per entry, a subheading per question, and
//! the answer as written. Whatever a person typed stays text: it can never
//! turn into a heading, a list, a quote, code or HTML.

use std::fmt::Write as _;

use serde_json::json;

use crate::journal::{Entry, Value};

/// An entry as a Markdown section: `# heading`, a line of facts, then each
/// question as `## question` with its answer.
pub fn entry(entry: &Entry, set_title: &str) -> String {
    let heading = match &entry.title {
        Some(title) => title.clone(),
        None => format!("{set_title} — {}", entry.date()),
    };
    let mut facts = vec![entry.finished.replace('T', " "), entry.set.clone()];
    if !entry.tags.is_empty() {
        facts.push(format!("tags: {}", entry.tags.join(", ")));
    }
    if let Some(follows) = &entry.follows {
        facts.push(format!("follows: {follows}"));
    }
    let mut out = format!("# {}\n\n{}\n", escape_line(&heading), escape_line(&facts.join(" · ")));
    for recorded in &entry.answers {
        if !recorded.question.is_empty() {
            let _ = write!(out, "\n## {}\n", escape_line(&recorded.question));
        }
        out.push('\n');
        match &recorded.answer {
            Value::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", escape_line(item));
                }
            }
            Value::Text(text) => out.push_str(&paragraph(text)),
            other => out.push_str(&paragraph(&other.show(recorded.range, entry.lang))),
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
fn paragraph(text: &str) -> String {
    let lines: Vec<String> = text.trim_end_matches(['\n', '\r']).lines().map(escape_line).collect();
    format!("{}\n", lines.join("\\\n"))
}

/// One line of text made literal: every character that Markdown could read
/// as syntax is escaped, and spaces at either end are written as entities
/// so they are kept.
fn escape_line(line: &str) -> String {
    let body = line.trim_matches([' ', '\t']);
    let lead = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    let trail = if body.is_empty() { "" } else { &line[lead.len() + body.len()..] };
    let mut out = String::with_capacity(line.len() + 8);
    let entity = |c: char| if c == '\t' { "&#9;" } else { "&#32;" };
    lead.chars().for_each(|c| out.push_str(entity(c)));
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let mut copied = 0;
    for (n, byte) in body.bytes().enumerate() {
        let special = match byte {
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'#' | b'&' | b'~' | b'|' => true,
            b'-' | b'+' | b'=' => n == 0,
            b'.' | b')' => n == digits && n > 0,
            _ => false,
        };
        // Every special character is ASCII, so `n` is always a character boundary.
        if special {
            out.push_str(&body[copied..n]);
            out.push('\\');
            copied = n;
        }
    }
    out.push_str(&body[copied..]);
    trail.chars().for_each(|c| out.push_str(entity(c)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_at_the_start_of_a_line_is_escaped() {
        assert_eq!(escape_line("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("12. twelve"), "12\\. twelve");
        assert_eq!(escape_line("    code?"), "&#32;&#32;&#32;&#32;code?");
        assert_eq!(escape_line("a <b> & c"), "a \\<b\\> \\& c");
    }

    #[test]
    fn a_paragraph_keeps_every_line_break() {
        assert_eq!(paragraph("one\n\ntwo"), "one\\\n\\\ntwo\n");
    }
}
