//! The records of a device's log: one JSON line each, for a new entry, a
//! change of some of an entry's fields, or a deletion. Each carries when
//! it was made (`at`, a hybrid logical clock in microseconds) and by which
//! device (`dev`), which together order every change of a field.
//!
//! A line that is an entry itself (a format-2 journal that became the
//! first device's log) is a new entry made before any change.

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// When a change was made and by which device: the later wins, and of two
/// made at once, the device whose id sorts last.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp {
    pub at: u64,
    pub dev: Box<str>,
}

/// Later than any stamp bezin makes (the year 148,000 in microseconds):
/// a record stamped so is damaged, and the clock never runs out.
const LATEST: u64 = 1 << 62;

/// One line of a log, read.
pub enum Record<'a> {
    /// A new entry; `entry` is its JSON as written.
    /// `finished` is missing only on an entry a newer bezin wrote.
    Add {
        entry: &'a [u8],
        id: Cow<'a, str>,
        finished: Option<Cow<'a, str>>,
    },
    /// New values of some fields of an entry: `null` removes the field.
    /// `answers` holds each changed answer by its prompt.
    Set {
        id: Cow<'a, str>,
        fields: Map<String, Value>,
        answers: Map<String, Value>,
    },
    Del {
        id: Cow<'a, str>,
    },
}

#[derive(Deserialize)]
struct Line<'a> {
    #[serde(borrow, default)]
    add: Option<&'a RawValue>,
    #[serde(borrow, default)]
    change: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    delete: Option<Cow<'a, str>>,
    // A change's fields, and its answers by prompt; an entry's list of answers.
    #[serde(default)]
    fields: Option<Value>,
    #[serde(default)]
    answers: Option<Value>,
    #[serde(default)]
    at: Option<u64>,
    #[serde(borrow, default)]
    dev: Option<Cow<'a, str>>,
    // A line that is an entry itself.
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    finished: Option<Cow<'a, str>>,
    #[serde(default)]
    format: Option<u64>,
}

#[derive(Deserialize)]
struct Head<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    finished: Cow<'a, str>,
}

#[derive(Deserialize)]
struct Edited<'a> {
    #[serde(borrow, default)]
    edited: Option<Cow<'a, str>>,
}

/// When the entry `entry` (its JSON as written) was changed last, if it says.
pub fn edited(entry: &[u8]) -> Option<jiff::Timestamp> {
    let read: Edited = serde_json::from_slice(entry).ok()?;
    read.edited?.parse().ok()
}

/// What a line that is not a record is.
#[derive(Debug, PartialEq, Eq)]
pub enum Unread {
    /// Not JSON, or JSON without what a record needs.
    Damaged(String),
    /// A record of a kind a newer bezin writes.
    Newer,
}

/// Reads one line of the log of device `dev`.
pub fn parse<'a>(line: &'a [u8], dev: &str) -> Result<(Record<'a>, Stamp), Unread> {
    let words = crate::lang::interface().journal();
    let text = simdutf8::basic::from_utf8(line).map_err(|_| Unread::Damaged(words.not_utf8.to_owned()))?;
    if let Some(added) = parse_add(text) {
        return Ok(added);
    }
    let read: Line = serde_json::from_str(text).map_err(|err| Unread::Damaged(crate::json_error::describe(&err)))?;
    let (Some(at), Some(by)) = (read.at, read.dev) else {
        // An entry of the journal this log was made from: made before any change.
        let (Some(id), Some(_)) = (read.id, read.format) else {
            return Err(Unread::Damaged(words.no_record.to_owned()));
        };
        let record = Record::Add { entry: line, id, finished: read.finished };
        return Ok((record, Stamp { at: 0, dev: dev.into() }));
    };
    if at >= LATEST {
        return Err(Unread::Damaged((words.stamped_beyond)(at)));
    }
    let stamp = Stamp { at, dev: by.as_ref().into() };
    let object = |value: Option<Value>| match value {
        Some(Value::Object(map)) => Ok(map),
        None => Ok(Map::new()),
        Some(_) => Err(Unread::Damaged(words.fields_not_by_name.to_owned())),
    };
    let record = if let Some(raw) = read.add {
        let head: Head =
            serde_json::from_str(raw.get()).map_err(|err| Unread::Damaged(crate::json_error::describe(&err)))?;
        let start = raw.get().as_ptr() as usize - text.as_ptr() as usize;
        let entry = &line[start..start + raw.get().len()];
        Record::Add { entry, id: head.id, finished: Some(head.finished) }
    } else if let Some(id) = read.change {
        let (fields, answers) = (object(read.fields)?, object(read.answers)?);
        if let Some(problem) = unfit(&fields, &answers) {
            return Err(Unread::Damaged((words.change_of)(&crate::ui::truncate(&id, 64), &problem)));
        }
        Record::Set { id, fields, answers }
    } else if let Some(id) = read.delete {
        Record::Del { id }
    } else {
        return Err(Unread::Newer);
    };
    if !super::super::is_id(record.id()) {
        return Err(Unread::Damaged(format!(
            "the id '{}' is not one bezin gives",
            crate::ui::truncate(record.id(), 20)
        )));
    }
    Ok((record, stamp))
}

/// What is wrong with a change's new values, when one does not fit its
/// field: an entry's id never changes, and a field bezin knows takes only
/// what it holds.
fn unfit(fields: &Map<String, Value>, answers: &Map<String, Value>) -> Option<String> {
    for (field, value) in fields {
        let fits = match field.as_str() {
            "id" | "answers" => false,
            "title" | "follows" | "person" => value.is_string() || value.is_null(),
            "tags" | "also_follows" => value.as_array().is_some_and(|items| items.iter().all(Value::is_string)),
            "set" | "lang" | "started" | "finished" | "edited" => value.is_string(),
            "format" | "set_version" => value.is_u64(),
            "closed" => value.is_object() || value.is_null(),
            _ => true,
        };
        if !fits {
            return Some((crate::lang::interface().journal().field_unfit)(&crate::ui::truncate(field, 40)));
        }
    }
    for (prompt, answer) in answers {
        let fits = answer.is_null() || answer.get("prompt").and_then(Value::as_str) == Some(prompt.as_str());
        if !fits {
            return Some((crate::lang::interface().journal().answer_unfit)(&crate::ui::truncate(prompt, 40)));
        }
    }
    None
}

/// A new entry as `add` writes it, read in one pass over the entry: the
/// most common record, and the one a merge reads most of. `None` for any
/// other line, which `parse` then reads the long way.
fn parse_add(text: &str) -> Option<(Record<'_>, Stamp)> {
    #[derive(Deserialize)]
    struct Tail<'a> {
        at: u64,
        #[serde(borrow)]
        dev: Cow<'a, str>,
    }
    let rest = text.strip_prefix("{\"add\":")?;
    let cut = rest.rfind(",\"at\":")?;
    let (entry, tail) = rest.split_at(cut);
    let tail = format!("{{{}", &tail[1..]);
    let tail: Tail = serde_json::from_str(&tail).ok()?;
    let head: Head = serde_json::from_str(entry).ok()?;
    if tail.at >= LATEST {
        return None;
    }
    let stamp = Stamp { at: tail.at, dev: tail.dev.as_ref().into() };
    let record = Record::Add { entry: entry.as_bytes(), id: head.id, finished: Some(head.finished) };
    super::super::is_id(record.id()).then_some((record, stamp))
}

impl Record<'_> {
    pub fn id(&self) -> &str {
        match self {
            Record::Add { id, .. } | Record::Set { id, .. } | Record::Del { id } => id,
        }
    }
}

/// The line of a new entry.
pub fn add(entry_line: &str, stamp: &Stamp) -> String {
    format!("{{\"add\":{entry_line},\"at\":{},\"dev\":\"{}\"}}", stamp.at, stamp.dev)
}

/// The line of a deletion.
pub fn del(id: &str, stamp: &Stamp) -> String {
    let record = serde_json::json!({"delete": id, "at": stamp.at, "dev": &*stamp.dev});
    record.to_string()
}

/// The line of a change that turns the entry `old` into `new` (both as
/// their JSON lines), field by field; `None` when nothing differs.
pub fn set(old: &[u8], new: &[u8], stamp: &Stamp) -> Option<String> {
    let old: Map<String, Value> = serde_json::from_slice(old).ok()?;
    let new: Map<String, Value> = serde_json::from_slice(new).ok()?;
    let id = new.get("id").and_then(Value::as_str)?.to_owned();
    let mut fields = Map::new();
    for key in old.keys().chain(new.keys()) {
        if key != "id" && key != "answers" && old.get(key) != new.get(key) {
            fields.insert(key.clone(), new.get(key).cloned().unwrap_or(Value::Null));
        }
    }
    let (old_answers, new_answers) = (by_prompt(&old), by_prompt(&new));
    // Answers of another format go with the format, all of them.
    let whole = fields.contains_key("format");
    let mut answers = Map::new();
    for prompt in old_answers.keys().chain(new_answers.keys()) {
        if whole || old_answers.get(prompt) != new_answers.get(prompt) {
            answers.insert(prompt.clone(), new_answers.get(prompt).cloned().unwrap_or(Value::Null));
        }
    }
    if fields.is_empty() && answers.is_empty() {
        return None;
    }
    let mut record = Map::new();
    record.insert("change".to_owned(), Value::String(id));
    if !fields.is_empty() {
        record.insert("fields".to_owned(), Value::Object(fields));
    }
    if !answers.is_empty() {
        record.insert("answers".to_owned(), Value::Object(answers));
    }
    record.insert("at".to_owned(), stamp.at.into());
    record.insert("dev".to_owned(), Value::String(stamp.dev.to_string()));
    Some(Value::Object(record).to_string())
}

/// An entry's answers by their prompt, in order.
pub fn by_prompt(entry: &Map<String, Value>) -> Map<String, Value> {
    let answers = entry.get("answers").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    answers.iter().filter_map(|answer| Some((answer.get("prompt")?.as_str()?.to_owned(), answer.clone()))).collect()
}
