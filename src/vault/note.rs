//! The notes of an export folder as text: an entry's note, a person's page
//! and the overview of the folder. Each starts with YAML front matter in the
//! keys vault tools query (Obsidian's properties, Dataview), in English; the
//! body speaks the entry's language (the person's for pages and overview).
//! Whatever an entry holds stays text: values are YAML double-quoted
//! strings, the body is escaped as `markdown` escapes it, and link texts
//! lose the brackets and bars that would end a wiki link early.

use std::fmt::Write as _;

use super::checksum;
use crate::answer::Answer;
use crate::journal::Entry;
use crate::lang::{Lang, Words};
use crate::markdown::{self, yaml};

/// How notes link to each other.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkStyle {
    /// `[[2026-01-10-talk-abc|Talk]]`, as Obsidian and Logseq link notes.
    Wiki,
    /// `[Talk](2026-01-10-talk-abc.md)`, relative, for static site generators.
    Markdown,
}

/// A note of the folder to link to: its path in the folder without `.md`
/// (`2026-01-10-talk-abc`, `people/anna`) and the text a link shows.
#[derive(Clone, Copy)]
pub struct Target<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// A note as it is to be written: its id, its path in the folder, its
/// whole text and the checksum in it.
pub struct Note {
    pub id: String,
    pub path: String,
    pub text: String,
    pub checksum: String,
}

impl LinkStyle {
    /// The style's name, as `--links` takes it.
    pub fn name(self) -> &'static str {
        match self {
            LinkStyle::Wiki => "wiki",
            LinkStyle::Markdown => "markdown",
        }
    }

    /// A link to `to` from a note in `from` (the folder, or `people/`).
    fn link(self, out: &mut String, from_people: bool, to: Target) {
        match self {
            LinkStyle::Wiki => {
                let _ = write!(out, "[[{}|", to.path);
                for c in to.text.chars() {
                    out.push(match c {
                        '[' => '(',
                        ']' => ')',
                        '|' => '/',
                        c if c.is_control() || crate::controls::is_unsafe(c) => ' ',
                        c => c,
                    });
                }
                out.push_str("]]");
            }
            LinkStyle::Markdown => {
                out.push('[');
                markdown::escape_into(out, to.text);
                let up = if from_people { "../" } else { "" };
                let _ = write!(out, "]({up}{}.md)", to.path);
            }
        }
    }

    /// A link as a front matter value: `"[[path]]"` for Obsidian, the
    /// relative file otherwise.
    fn property(self, to: &str) -> String {
        match self {
            LinkStyle::Wiki => format!("\"[[{to}]]\""),
            LinkStyle::Markdown => format!("\"{to}.md\""),
        }
    }
}

/// What an entry's note links to.
pub struct Neighbours<'a> {
    /// The person's page, and the name as the entry holds it.
    pub person: Option<(Target<'a>, &'a str)>,
    pub follows: Vec<Target<'a>>,
    pub followed_by: Vec<Target<'a>>,
}

/// Front matter being written, one `key: value` line at a time.
struct Front(String);

impl Front {
    fn new(id: &str) -> Front {
        Front(format!("---\nid: {}\n", yaml(id)))
    }

    fn value(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key}: {value}");
    }

    fn list(&mut self, key: &str, values: impl IntoIterator<Item = String>) {
        let values: Vec<String> = values.into_iter().collect();
        let _ = writeln!(self.0, "{key}: [{}]", values.join(", "));
    }

    /// The whole note, with its checksum.
    fn seal(self, id: String, path: String, body: &str) -> Note {
        let (text, checksum) = checksum::seal(&self.0, body);
        Note { id, path, text, checksum }
    }
}

/// An entry's note: front matter, the heading and facts, links to the
/// person and to the entries it follows and that follow it, then each
/// question with its answer.
pub fn entry(entry: &Entry, path: &str, title: &str, set_title: &str, links: &Neighbours, style: LinkStyle) -> Note {
    let words = entry.lang.words();
    let mut front = Front::new(&entry.id);
    front.value("title", &yaml(title));
    front.list("aliases", [yaml(title)]);
    front.value("date", &iso_date(&entry.finished).map_or_else(|| yaml(entry.date()), str::to_owned));
    front.value("time", &iso_time(&entry.finished).map_or_else(|| yaml(&entry.finished), str::to_owned));
    front.value("set", &yaml(&entry.set));
    front.value("set_version", &entry.set_version.to_string());
    front.value("lang", &yaml(entry.lang.code()));
    front.value("person", &links.person.map_or_else(|| "null".to_owned(), |(_, name)| yaml(name)));
    front.list("tags", tags(&entry.tags).iter().map(|tag| yaml(tag)));
    front.list("follows", links.follows.iter().map(|to| style.property(to.path)));
    front.list("followed_by", links.followed_by.iter().map(|to| style.property(to.path)));
    for (key, number) in numbers(entry) {
        front.value(&key, &number.to_string());
    }
    let mut body = String::with_capacity(2048);
    body.push_str("\n# ");
    match &entry.title {
        Some(title) => markdown::escape_into(&mut body, title),
        None => markdown::escape_into(&mut body, &format!("{set_title} — {}", entry.date())),
    }
    body.push_str("\n\n");
    let mut facts = format!("{} · {set_title}", entry.finished.replace('T', " "));
    if !entry.tags.is_empty() {
        let _ = write!(facts, " · {}: {}", words.tags_short, entry.tags.join(", "));
    }
    markdown::escape_into(&mut body, &facts);
    body.push('\n');
    if let Some((page, _)) = links.person {
        link_line(&mut body, words.about_person, &[page], style);
    }
    link_line(&mut body, words.follows_entry, &links.follows, style);
    link_line(&mut body, words.followed_by, &links.followed_by, style);
    markdown::write_answers(&mut body, entry);
    front.seal(entry.id.clone(), format!("{path}.md"), &body)
}

/// A paragraph of links after a label of bezin's, if there are any.
fn link_line(out: &mut String, label: &str, targets: &[Target], style: LinkStyle) {
    if targets.is_empty() {
        return;
    }
    let _ = write!(out, "\n{label} ");
    for (n, target) in targets.iter().enumerate() {
        if n > 0 {
            out.push_str(", ");
        }
        style.link(out, false, *target);
    }
    out.push('\n');
}

/// One reflection on a person's page: its note, date, and the answers its
/// set marks as worth recalling (question and answer).
pub struct Reflection {
    pub finished: String,
    pub path: String,
    pub title: String,
    pub recalled: Vec<(String, String)>,
}

/// A person's page: their reflections as links, newest first, each with
/// the answers worth recalling.
pub fn person(id: &str, path: &str, name: &str, reflections: &[Reflection], lang: Lang, style: LinkStyle) -> Note {
    let mut front = Front::new(id);
    front.value("title", &yaml(name));
    front.list("aliases", [yaml(name)]);
    front.value("reflections", &reflections.len().to_string());
    let last = reflections.first().map_or("", |newest| newest.finished.as_str());
    front.value("last", &iso_date(last).map_or_else(|| yaml(last.get(..10).unwrap_or(last)), str::to_owned));
    let mut body = String::from("\n# ");
    markdown::escape_into(&mut body, name);
    body.push_str("\n\n");
    let _ = writeln!(body, "{} {}", reflections.len(), plural(lang.words(), reflections.len()));
    body.push('\n');
    for reflection in reflections {
        body.push_str("- ");
        style.link(&mut body, true, Target { path: &reflection.path, text: &reflection.title });
        body.push_str(" · ");
        markdown::escape_into(&mut body, reflection.finished.get(..10).unwrap_or(&reflection.finished));
        body.push('\n');
        for (question, answer) in &reflection.recalled {
            body.push_str("  - ");
            let answer: Vec<&str> = answer.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
            markdown::escape_into(&mut body, &format!("{question} {}", answer.join(" / ")));
            body.push('\n');
        }
    }
    front.seal(id.to_owned(), format!("{path}.md"), &body)
}

fn plural(words: &Words, count: usize) -> &'static str {
    if count == 1 { words.reflection } else { words.reflections }
}

/// An entry as the overview lists it.
pub struct Listed {
    pub finished: String,
    pub path: String,
    pub title: String,
    pub person: Option<String>,
}

/// The id and the path of the overview note of a folder.
pub const INDEX: &str = "index";

/// The overview of a folder: the open conversations, the people, and
/// every entry by month, each newest first, as links. `entries` and
/// `open` are newest first; `people` are pages with how many reflections.
pub fn index(entries: &[&Listed], open: &[&Listed], people: &[(Target, usize)], lang: Lang, style: LinkStyle) -> Note {
    let words = lang.words();
    let mut front = Front::new(INDEX);
    front.value("title", &yaml(words.journal_heading));
    front.value("entries", &entries.len().to_string());
    let mut body = format!("\n# {}\n\n## {}\n\n", words.journal_heading, words.open_conversations);
    listed(&mut body, open, words, style);
    let _ = write!(body, "\n## {}\n\n", words.people_heading);
    for (page, reflections) in people {
        body.push_str("- ");
        style.link(&mut body, false, *page);
        let _ = writeln!(body, " · {reflections} {}", plural(words, *reflections));
    }
    if people.is_empty() {
        let _ = writeln!(body, "{}", words.none);
    }
    let _ = write!(body, "\n## {}\n", words.stats_per_month);
    for in_month in entries.chunk_by(|one, other| month(one) == month(other)) {
        body.push_str("\n### ");
        markdown::escape_into(&mut body, month(in_month[0]));
        body.push_str("\n\n");
        listed(&mut body, in_month, words, style);
    }
    front.seal(INDEX.to_owned(), format!("{INDEX}.md"), &body)
}

/// The month an entry was finished in, `YYYY-MM`.
fn month(listed: &Listed) -> &str {
    iso_date(&listed.finished).map_or("undated", |date| &date[..7])
}

/// Entries as a list of links, with date and person.
fn listed(out: &mut String, entries: &[&Listed], words: &Words, style: LinkStyle) {
    for one in entries {
        out.push_str("- ");
        style.link(out, false, Target { path: &one.path, text: &one.title });
        out.push_str(" · ");
        let mut facts = one.finished.get(..10).unwrap_or(&one.finished).to_owned();
        if let Some(person) = &one.person {
            let _ = write!(facts, " · {person}");
        }
        markdown::escape_into(out, &facts);
        out.push('\n');
    }
    if entries.is_empty() {
        let _ = writeln!(out, "{}", words.none);
    }
}

/// The date of an RFC 3339 time, when it is one: `2026-01-10`.
fn iso_date(time: &str) -> Option<&str> {
    let date = time.get(..10)?;
    let digits = |range: std::ops::Range<usize>| date[range].bytes().all(|b| b.is_ascii_digit());
    (digits(0..4) && &date[4..5] == "-" && digits(5..7) && &date[7..8] == "-" && digits(8..10)).then_some(date)
}

/// The local date and time of an RFC 3339 time, when it is one, as
/// Obsidian's date-and-time properties take it: `2026-01-10T09:00:00`.
fn iso_time(time: &str) -> Option<&str> {
    iso_date(time)?;
    let local = time.get(..19)?;
    let clock = &local.as_bytes()[10..];
    let well_formed = clock[0] == b'T'
        && [1, 2, 4, 5, 7, 8].iter().all(|&n| clock[n].is_ascii_digit())
        && clock[3] == b':'
        && clock[6] == b':';
    well_formed.then_some(local)
}

/// Tags as Obsidian takes them: letters, digits, `_`, `-` and `/`, other
/// characters as `-`, and never digits alone (`2026` becomes `_2026`).
/// Tags that come to the same are written once.
pub fn tags(given: &[String]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in given {
        let mut made = String::with_capacity(tag.len());
        for c in tag.chars() {
            let c = if c.is_alphanumeric() || matches!(c, '_' | '/') { c } else { '-' };
            if !(c == '-' && (made.is_empty() || made.ends_with('-'))) {
                made.push(c);
            }
        }
        let made = made.trim_matches(['-', '/']);
        if made.is_empty() {
            continue;
        }
        let made = if made.chars().all(|c| c.is_ascii_digit()) { format!("_{made}") } else { made.to_owned() };
        if !tags.contains(&made) {
            tags.push(made);
        }
    }
    tags
}

/// The keys bezin writes itself; a prompt with one of these ids, or one that
/// YAML could read as something else, gets no property of its own.
const RESERVED: [&str; 25] = [
    "id",
    "title",
    "aliases",
    "date",
    "time",
    "set",
    "set_version",
    "lang",
    "person",
    "tags",
    "follows",
    "followed_by",
    "checksum",
    "reflections",
    "last",
    "entries",
    "y",
    "n",
    "yes",
    "no",
    "on",
    "off",
    "true",
    "false",
    "null",
];

/// The answers on a scale or a number, by their prompt's id, for charts;
/// only prompts whose id is a plain lowercase word, each once.
fn numbers(entry: &Entry) -> Vec<(String, i64)> {
    let mut numbers: Vec<(String, i64)> = Vec::new();
    for recorded in &entry.answers {
        let Answer::Number(number) = recorded.answer else { continue };
        let key = recorded.prompt.as_str();
        let plain = key.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
            && key.len() <= crate::limits::ID
            && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if plain && !RESERVED.contains(&key) && !numbers.iter().any(|(known, _)| known == key) {
            numbers.push((key.to_owned(), number));
        }
    }
    numbers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_tags_obsidian_takes() {
        let given = ["deep work", "2026", "#werk", "één/twee", "a\u{202e}b", "--", "work"].map(String::from);
        assert_eq!(tags(&given), ["deep-work", "_2026", "werk", "één/twee", "a-b", "work"]);
    }

    #[test]
    fn only_well_formed_times_become_dates() {
        assert_eq!(iso_time("2026-01-10T09:00:00+01:00"), Some("2026-01-10T09:00:00"));
        assert_eq!(iso_date("2026-01-10T09:00:00+01:00"), Some("2026-01-10"));
        assert_eq!(iso_time("2026-01-10 09:00"), None);
        assert_eq!(iso_date("../../etc/passwd"), None);
        assert_eq!(iso_time("2026-01-10T0é:00:00"), None);
    }

    fn entry_with(title: &str, tags: &[String]) -> Entry {
        serde_json::from_value(serde_json::json!({
            "format": 2, "id": "abc", "set": "five-tips", "set_version": 2, "lang": "nl",
            "started": "2026-11-24T09:00:00+01:00", "finished": "2026-11-24T09:15:00+01:00",
            "title": title, "tags": tags, "follows": null,
            "answers": [{"prompt": "calm", "kind": "scale", "question": "Hoe kalm?", "range": [1, 5], "answer": 4}]
        }))
        .unwrap()
    }

    proptest::proptest! {
        /// Front matter is valid YAML that gives back every title exactly,
        /// and tags, dates and scale answers in the types vault tools read.
        #[test]
        fn front_matter_is_yaml_for_any_title_and_tag(title in proptest::prelude::any::<String>(), tag in proptest::prelude::any::<String>()) {
            let entry = entry_with(&title, &[tag.clone(), "plain".to_owned()]);
            let links = Neighbours { person: None, follows: Vec::new(), followed_by: Vec::new() };
            let note = super::entry(&entry, "2026-11-24-x-abc", &title, "Vijf tips", &links, LinkStyle::Wiki);
            let yaml = note.text.strip_prefix("---\n").unwrap().split("\n---\n").next().unwrap();
            let docs = yaml_rust2::YamlLoader::load_from_str(yaml).unwrap();
            let doc = &docs[0];
            proptest::prop_assert_eq!(doc["title"].as_str(), Some(title.as_str()));
            proptest::prop_assert_eq!(doc["aliases"][0].as_str(), Some(title.as_str()));
            proptest::prop_assert_eq!(doc["tags"].as_vec().unwrap().last().unwrap().as_str(), Some("plain"));
            proptest::prop_assert_eq!(doc["calm"].as_i64(), Some(4));
            proptest::prop_assert_eq!(doc["set_version"].as_i64(), Some(2));
            proptest::prop_assert_eq!(doc["date"].as_str(), Some("2026-11-24"));
            proptest::prop_assert!(doc["person"].is_null());
            proptest::prop_assert!(!note.text.chars().any(|c| crate::controls::is_unsafe(c) && c != '\n'));
        }
    }
}
