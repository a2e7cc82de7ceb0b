//! One journal entry: a finished reflection with every prompt it asked.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The version of the line format, written into every entry.
pub const FORMAT: u32 = 1;

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
    pub answers: Vec<Recorded>,
    /// When the entry was last changed with `bezin edit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<String>,
}

/// A prompt as it was asked and what it got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    pub prompt: String,
    pub kind: String,
    /// The question as shown, placeholders filled.
    pub question: String,
    /// The ends of a scale, so "7/10" can be shown without the set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<(i64, i64)>,
    pub answer: Value,
}

/// An answer in the journal: text, a number, a list of labels, or yes/no.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Number(i64),
    Text(String),
    List(Vec<String>),
}

/// Read by the JSON type at hand, not by trying each variant in turn as
/// serde's untagged enums do (which costs an error message per miss).
impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ValueVisitor;
        impl<'de> serde::de::Visitor<'de> for ValueVisitor {
            type Value = Value;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, a whole number, a list of strings, or true or false")
            }
            fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
                Ok(Value::Bool(b))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
                Ok(Value::Number(n))
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Value, E> {
                i64::try_from(n).map(Value::Number).map_err(|_| E::custom("a number too large for an answer"))
            }
            fn visit_str<E>(self, s: &str) -> Result<Value, E> {
                Ok(Value::Text(s.to_owned()))
            }
            fn visit_string<E>(self, s: String) -> Result<Value, E> {
                Ok(Value::Text(s))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Value::List(items))
            }
        }
        deserializer.deserialize_any(ValueVisitor)
    }
}

impl Value {
    /// The answer in words: "7/10", "yes" or "ja", labels joined by commas.
    pub fn show(&self, range: Option<(i64, i64)>, lang: Lang) -> String {
        match (self, range) {
            (Value::Number(n), Some((_, max))) => format!("{n}/{max}"),
            (Value::Number(n), None) => n.to_string(),
            (Value::Bool(true), _) => lang.words().yes.to_owned(),
            (Value::Bool(false), _) => lang.words().no.to_owned(),
            (Value::Text(text), _) => text.clone(),
            (Value::List(items), _) => items.join(", "),
        }
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
        self.id.get(..7).unwrap_or(&self.id)
    }

    /// What makes an entry read from a file unsafe to use, if anything: an
    /// id, the id it follows or its set's id that is not a plain word.
    pub fn problem(&self) -> Option<String> {
        let ids = [("id", Some(&self.id)), ("follows", self.follows.as_ref()), ("set", Some(&self.set))];
        let (field, id) = ids.into_iter().find_map(|(field, id)| id.filter(|id| !is_id(id)).map(|id| (field, id)))?;
        Some(format!(
            "its {field} '{}' is not a plain word (1 to 64 letters, digits, '-' or '_', not starting with '-')",
            id.chars().take(80).collect::<String>()
        ))
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
const KNOWN: [&str; 12] = [
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
    "answers",
    "edited",
];

/// `entry` as a journal line that keeps the fields bezin does not know
/// from `old`, the line it replaces (written by a newer bezin, or another tool).
pub fn line_keeping_unknown(entry: &Entry, old: &[u8]) -> String {
    let mut line = entry.to_line();
    let Ok(old) = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(old) else { return line };
    let unknown: Vec<(&String, &serde_json::Value)> =
        old.iter().filter(|(key, _)| !KNOWN.contains(&key.as_str())).collect();
    if unknown.is_empty() {
        return line;
    }
    line.pop();
    for (key, value) in unknown {
        line.push(',');
        line.push_str(&serde_json::Value::String(key.clone()).to_string());
        line.push(':');
        line.push_str(&value.to_string());
    }
    line.push('}');
    line
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
