//! One journal entry: a finished reflection with every prompt it asked.

use serde::{Deserialize, Serialize};

use crate::answer::{Answer, Picked};
use crate::lang::Lang;
use crate::prompt_set::{KindName, PromptSet};

/// The version of the line format, written into every entry: 2 keeps a
/// choice by its option id with its label, 1 kept the label alone.
pub const FORMAT: u32 = 2;

/// One finished reflection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub format: u32,
    pub id: String,
    pub set: String,
    pub set_version: u32,
    pub lang: Lang,
    /// RFC 3339 with the local UTC offset, e.g. `2026-11-24T09:15:02+01:00`.
    pub started: String,
    pub finished: String,
    pub title: Option<String>,
    pub tags: Vec<String>,
    /// The id of the entry this one follows up on.
    pub follows: Option<String>,
    /// The ids of further entries it follows up on, when it looks back on
    /// several preparations of one conversation at once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_follows: Vec<String>,
    /// The other person, as written in answer to the prompt its set marks
    /// with `person = true`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    pub answers: Vec<Recorded>,
    /// When the entry was last changed with `bezin edit` (or closed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<String>,
    /// A prepared conversation closed without a look-back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed: Option<Closed>,
}

/// When, and with what note, a prepared conversation that will never be
/// looked back on was closed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Closed {
    /// RFC 3339 with the local UTC offset, as `finished`.
    pub at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A prompt as it was asked and what it got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "RecordedLine")]
pub struct Recorded {
    pub prompt: String,
    pub kind: String,
    /// The question as shown, placeholders filled.
    pub question: String,
    /// The ends of a scale, so "7/10" can be shown without the set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<(i64, i64)>,
    pub answer: Answer,
}

/// A recorded prompt as a line of either format holds it: format 1 kept a
/// choice as its label alone, which reads as a string.
#[derive(Deserialize)]
struct RecordedLine {
    prompt: String,
    kind: String,
    question: String,
    #[serde(default)]
    range: Option<(i64, i64)>,
    answer: Answer,
}

impl From<RecordedLine> for Recorded {
    fn from(line: RecordedLine) -> Recorded {
        let answer = match (line.kind.as_str(), line.answer) {
            (kind, Answer::Text(label)) if KindName::parse(kind) == Some(KindName::Choice) => {
                Answer::Choice(Picked::label(label))
            }
            (_, answer) => answer,
        };
        Recorded { prompt: line.prompt, kind: line.kind, question: line.question, range: line.range, answer }
    }
}

impl Recorded {
    pub fn show(&self, lang: Lang) -> String {
        self.answer.show(self.range, lang)
    }
}

impl Entry {
    /// The local date of the reflection, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        self.finished.get(..10).unwrap_or(&self.finished)
    }

    /// The id as lists show it; any unique prefix finds the entry.
    pub fn short_id(&self) -> &str {
        self.id.get(..crate::prefix::SHORT).unwrap_or(&self.id)
    }

    /// The ids of every entry this one follows up on: `follows`, then
    /// `also_follows`.
    pub fn followed(&self) -> impl Iterator<Item = &str> {
        self.follows.iter().chain(&self.also_follows).map(String::as_str)
    }

    /// What makes an entry read from a file unsafe to use, if anything: an
    /// id, an id it follows or its set's id that is not a plain word.
    pub fn problem(&self) -> Option<String> {
        let ids = [("id", Some(&self.id)), ("follows", self.follows.as_ref()), ("set", Some(&self.set))];
        let also = self.also_follows.iter().map(|id| ("also_follows", Some(id)));
        let (field, id) =
            ids.into_iter().chain(also).find_map(|(field, id)| id.filter(|id| !is_id(id)).map(|id| (field, id)))?;
        let shown: String = id.chars().take(80).collect();
        Some((crate::lang::interface().journal().not_plain_word)(field, &shown))
    }

    /// The entry in the current format: choices of format 1 with the option
    /// ids `set` (its set as it is now, if any) still has.
    pub fn upgrade(&mut self, set: Option<&PromptSet>) {
        if let Some(set) = set {
            self.find_option_ids(set);
        }
        self.format = FORMAT;
    }

    /// Finds the option ids of choices that an entry of format 1 kept as
    /// labels alone, where `set` (its set as it is now) still has them; the
    /// labels stay as they were shown.
    pub fn find_option_ids(&mut self, set: &PromptSet) {
        for recorded in &mut self.answers {
            let bare = match &recorded.answer {
                Answer::Choice(picked) => picked.id.is_none(),
                Answer::Multi(picked) => picked.iter().any(|p| p.id.is_none()),
                _ => false,
            };
            if let Some(prompt) = set.prompt(&recorded.prompt).filter(|_| bare) {
                recorded.answer = recorded.answer.with_ids_of(prompt);
            }
        }
    }

    /// The entry as its journal line, without the newline.
    pub fn to_line(&self) -> String {
        serde_json::to_string(self).expect("an entry always encodes")
    }
}

/// Whether `text` is a plain word that may be an id: 1 to 64 letters,
/// digits, '-' or '_', not starting with '-'. Ids end up in commands a
/// person copies, in completions and in file names, so nothing else is one.
pub fn is_id(text: &str) -> bool {
    (1..=64).contains(&text.len())
        && !text.starts_with('-')
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The fields of an entry that bezin knows; a line may hold others.
const KNOWN: [&str; 15] = [
    "format",
    "id",
    "set",
    "set_version",
    "lang",
    "started",
    "finished",
    "title",
    "tags",
    "follows",
    "also_follows",
    "person",
    "answers",
    "edited",
    "closed",
];

/// The fields of a recorded answer that bezin knows.
const KNOWN_IN_ANSWER: [&str; 5] = ["prompt", "kind", "question", "range", "answer"];

/// `entry` as a journal line that keeps the fields bezin does not know
/// from `old`, the line it replaces (written by a newer bezin, or another
/// tool): at the top of the entry, and in each answer (found by its prompt).
pub fn line_keeping_unknown(entry: &Entry, old: &[u8]) -> String {
    use serde_json::{Map, Value};
    let line = entry.to_line();
    // The same line holds no field bezin does not know.
    if old == line.as_bytes() {
        return line;
    }
    let Ok(old) = serde_json::from_slice::<Map<String, Value>>(old) else { return line };
    let unknown = |map: &Map<String, Value>, known: &[&str]| -> Map<String, Value> {
        map.iter().filter(|(key, _)| !known.contains(&key.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect()
    };
    let old_answers: Vec<(String, Map<String, Value>)> = match old.get("answers") {
        Some(Value::Array(answers)) => answers
            .iter()
            .filter_map(Value::as_object)
            .map(|answer| {
                let prompt = answer.get("prompt").and_then(Value::as_str).unwrap_or_default().to_owned();
                (prompt, unknown(answer, &KNOWN_IN_ANSWER))
            })
            .filter(|(_, extra)| !extra.is_empty())
            .collect(),
        _ => Vec::new(),
    };
    let top = unknown(&old, &KNOWN);
    if top.is_empty() && old_answers.is_empty() {
        return line;
    }
    let Ok(Value::Object(mut new)) = serde_json::from_str::<Value>(&line) else { return line };
    if let Some(Value::Array(answers)) = new.get_mut("answers") {
        for answer in answers.iter_mut().filter_map(Value::as_object_mut) {
            let prompt = answer.get("prompt").and_then(Value::as_str).unwrap_or_default().to_owned();
            if let Some((_, extra)) = old_answers.iter().find(|(old, _)| *old == prompt) {
                answer.extend(extra.clone());
            }
        }
    }
    new.extend(top);
    Value::Object(new).to_string()
}

/// Whether two entries are the same whichever format each was written in:
/// a choice kept by its label alone (format 1) is the same as the option
/// with that label and an id (format 2, as `list --json` gives it).
pub fn same_in_any_format(one: &Entry, other: &Entry) -> bool {
    let picked_alike =
        |a: &Picked, b: &Picked| a.label == b.label && (a.id.is_none() || b.id.is_none() || a.id == b.id);
    let answer_alike = |a: &Recorded, b: &Recorded| {
        let answers = match (&a.answer, &b.answer) {
            (Answer::Choice(x), Answer::Choice(y)) => picked_alike(x, y),
            (Answer::Multi(x), Answer::Multi(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| picked_alike(x, y))
            }
            (x, y) => x == y,
        };
        answers && (&a.prompt, &a.kind, &a.question, a.range) == (&b.prompt, &b.kind, &b.question, b.range)
    };
    let answers = one.answers.len() == other.answers.len()
        && one.answers.iter().zip(&other.answers).all(|(a, b)| answer_alike(a, b));
    let rest = |entry: &Entry| Entry { format: 0, answers: Vec::new(), ..entry.clone() };
    answers && rest(one) == rest(other)
}

/// Tags as typed, split on commas, without a leading '#', each once.
pub fn tags(given: &[String]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in given.iter().flat_map(|tags| tags.split(',')) {
        let tag = tag.trim().trim_start_matches('#').trim();
        if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// A new entry id: ten random characters of Crockford's base 32, so that
/// short prefixes are unique in practice and easy to type.
pub fn new_id() -> String {
    (0..10).map(|_| char::from(ALPHABET[fastrand::usize(..ALPHABET.len())])).collect()
}

/// An id made from `content`, so that bringing in the same entry twice
/// (from another journal) gives the same id: FNV-1a, in base 32.
pub fn id_from(content: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in content.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    (0..10).map(|n| char::from(ALPHABET[usize::try_from((hash >> (n * 5)) & 31).unwrap_or(0)])).collect()
}
