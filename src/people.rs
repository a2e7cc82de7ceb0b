//! The people reflected on, gathered one entry at a time: how often, from
//! when to when, and how many prepared conversations are still open. Two
//! entries are about the same person when their names are equal once case,
//! accents and surrounding spaces are set aside.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::value::RawValue;

use crate::catalog::Catalog;
use crate::journal::Entry;

/// A name as people are told apart: folded (case, accents) and trimmed,
/// inner spaces as one.
pub fn key(name: &str) -> String {
    let (folded, _) = crate::search::fold(name);
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The prompt of each set that names the person, to find whom an entry
/// saved before names were recorded is about.
#[derive(Debug, Default)]
pub struct PersonPrompts(HashMap<String, String>);

impl PersonPrompts {
    pub fn of(catalog: &Catalog) -> PersonPrompts {
        let prompts = catalog.sets().into_iter().filter_map(|available| {
            let prompt = available.set.person_prompt()?;
            Some((available.set.id.clone(), prompt.id.clone()))
        });
        PersonPrompts(prompts.collect())
    }

    /// The prompts in a fixed order: an index made with others is made again.
    pub fn fingerprint(&self) -> String {
        let mut pairs: Vec<String> = self.0.iter().map(|(set, prompt)| format!("{set}={prompt}")).collect();
        pairs.sort();
        pairs.join(" ")
    }

    /// Whom `entry` is about: the name it records, or its answer to the
    /// prompt its set marks as the person.
    pub fn person_of(&self, entry: &Entry) -> Option<String> {
        if let Some(person) = &entry.person {
            return Some(person.clone());
        }
        let prompt = self.0.get(&entry.set)?;
        entry.answers.iter().find(|recorded| &recorded.prompt == prompt)?.answer.as_name()
    }

    /// Whom a journal line is about, and when it was finished, reading no
    /// more of it than that takes: the answers are only read for an entry
    /// saved before names were recorded, and only when the set's person
    /// prompt is among them. `None` for a line that is not an entry.
    pub fn person_of_line(&self, line: &[u8]) -> Option<(String, jiff::Timestamp)> {
        let brief: Brief = serde_json::from_slice(line).ok()?;
        let finished = crate::clock::moment(&brief.finished);
        if let Some(person) = brief.person {
            return Some((person, finished));
        }
        let prompt = self.0.get(brief.set.as_ref())?;
        let answers = brief.answers.get();
        if !answers.contains(&serde_json::Value::from(prompt.as_str()).to_string()) {
            return None;
        }
        let answers: Vec<BriefAnswer> = serde_json::from_str(answers).ok()?;
        let answer = answers.iter().find(|answer| answer.prompt == prompt.as_str())?.answer.get();
        // A name is a text answer: a JSON string.
        let name: String = serde_json::from_str(answer).ok()?;
        Some((name.trim().to_owned(), finished)).filter(|(name, _)| !name.is_empty())
    }
}

/// As much of a journal line as says whom it is about.
#[derive(serde::Deserialize)]
struct Brief<'a> {
    #[serde(borrow)]
    set: Cow<'a, str>,
    #[serde(borrow)]
    finished: Cow<'a, str>,
    #[serde(default)]
    person: Option<String>,
    #[serde(borrow)]
    answers: &'a RawValue,
}

/// An answer of a journal line, its value unread.
#[derive(serde::Deserialize)]
struct BriefAnswer<'a> {
    #[serde(borrow)]
    prompt: Cow<'a, str>,
    #[serde(borrow)]
    answer: &'a RawValue,
}

/// One person and their reflections.
#[derive(Debug, Serialize)]
pub struct Person {
    /// As last written.
    pub name: String,
    pub reflections: usize,
    /// The dates of the first and the last reflection, `YYYY-MM-DD`.
    pub first: String,
    pub last: String,
    /// Prepared conversations (entries of a set with a follow-up) that no
    /// entry looks back on yet and that were not closed without one.
    pub open: usize,
    #[serde(skip)]
    prepared: Vec<String>,
    /// When the last reflection was finished, to order people by.
    #[serde(skip)]
    latest: jiff::Timestamp,
}

/// Everyone, gathered one entry at a time.
#[derive(Default)]
pub struct People {
    everyone: Vec<Person>,
    by_key: HashMap<String, usize>,
    /// The ids that some entry follows.
    followed: HashSet<String>,
}

impl People {
    /// Counts `entry` in; `has_follow_up` says whether its set has one.
    pub fn add(&mut self, entry: &Entry, name: Option<String>, has_follow_up: bool) {
        self.followed.extend(entry.followed().map(str::to_owned));
        let Some(name) = name else { return };
        let at = *self.by_key.entry(key(&name)).or_insert_with(|| {
            let first = entry.date().to_owned();
            let person = Person {
                name: name.clone(),
                reflections: 0,
                last: first.clone(),
                first,
                open: 0,
                prepared: Vec::new(),
                latest: jiff::Timestamp::MIN,
            };
            self.everyone.push(person);
            self.everyone.len() - 1
        });
        let person = &mut self.everyone[at];
        person.reflections += 1;
        if entry.date() < person.first.as_str() {
            entry.date().clone_into(&mut person.first);
        }
        let finished = crate::clock::moment(&entry.finished);
        if finished >= person.latest {
            person.latest = finished;
            person.name = name;
            entry.date().clone_into(&mut person.last);
        }
        if has_follow_up && entry.closed.is_none() {
            person.prepared.push(entry.id.clone());
        }
    }

    /// Everyone, the most recently reflected on first.
    pub fn finish(mut self) -> Vec<Person> {
        for person in &mut self.everyone {
            person.open = person.prepared.iter().filter(|id| !self.followed.contains(*id)).count();
        }
        self.everyone.sort_by_key(|person| std::cmp::Reverse(person.latest));
        self.everyone
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_same_whatever_their_case_accents_and_spaces() {
        assert_eq!(key("  Éva  van Dijk "), key("eva van dijk"));
        assert_eq!(key("ŁUKASZ"), key("lukasz"));
        assert_ne!(key("Eva"), key("Evi"));
    }
}
