//! Prepared conversations and their look-backs: the entries of a set with a
//! follow-up (five tips before you answer, …) that no entry follows yet and
//! that were not closed without one; closing one; and what a look-back
//! shows beside its questions of what was answered before.

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;

use anyhow::{Result, bail};

use crate::catalog::Catalog;
use crate::journal::{Change, Closed, Damaged, Entry, Journal};
use crate::lang::Lang;
use crate::people::{self, PersonPrompts};
use crate::prompt_set::{Prompt, PromptSet};
use crate::session::Session;

/// A prepared conversation no entry looks back on yet.
pub struct Open {
    pub entry: Entry,
    /// Whom it is about, if its set asks.
    pub person: Option<String>,
    /// The set that looks back on it.
    pub follow_up: String,
}

impl Open {
    /// The command that looks back on it, naming it by `short_id`.
    pub fn command(&self, short_id: &str) -> String {
        crate::shell::command(&format!("run {} --follows {short_id}", self.follow_up))
    }
}

/// The id of each of `open` as short as lists show it, or longer where
/// another entry's id starts the same: what a command may name it by and
/// still find it alone. One read of the journal, parsing only the lines
/// that hold one of the short ids.
pub fn short_ids(journal: &Journal, open: &[Open]) -> Result<Vec<String>> {
    let shown: Vec<&str> = open.iter().map(|open| open.entry.short_id()).collect();
    let mut alike: Vec<Vec<String>> = vec![Vec::new(); open.len()];
    journal.scan(|line| {
        if shown.iter().any(|short| line.contains(short.as_bytes()))
            && let Ok(entry) = line.parse()
        {
            for (at, short) in shown.iter().enumerate() {
                if entry.id.starts_with(short) {
                    alike[at].push(entry.id.clone());
                }
            }
        }
        Ok(ControlFlow::Continue(()))
    })?;
    Ok(open.iter().zip(&alike).map(|(open, alike)| crate::prefix::unique_prefix(&open.entry.id, alike)).collect())
}

/// The open ones among the entries finished since `since`, newest first,
/// at most `limit`, of those that `follow_up` (a set id) looks back on, or
/// of any set when it is `None`. Reads the journal from its end and stops
/// at the first entry older than `since`: a look-back always comes after
/// what it looks back on.
pub fn open(
    journal: &Journal,
    catalog: &Catalog,
    follow_up: Option<&str>,
    since: jiff::Timestamp,
    limit: usize,
    mut damaged: impl FnMut(Damaged),
) -> Result<Vec<Open>> {
    let prompts = PersonPrompts::of(catalog);
    let mut followed = HashSet::new();
    let mut open = Vec::new();
    journal.scan_back(|line| {
        let entry = match line.parse() {
            Ok(entry) => entry,
            Err(err) => {
                damaged(err);
                return Ok(ControlFlow::Continue(()));
            }
        };
        if crate::clock::moment(&entry.finished) < since {
            return Ok(ControlFlow::Break(()));
        }
        followed.extend(entry.followed().map(str::to_owned));
        let next = catalog.find(&entry.set).and_then(|available| available.set.follow_up.clone());
        if let Some(next) = next
            && follow_up.is_none_or(|wanted| wanted == next)
            && !followed.contains(&entry.id)
            && entry.closed.is_none()
        {
            let person = prompts.person_of(&entry);
            open.push(Open { entry, person, follow_up: next });
        }
        Ok(if open.len() == limit { ControlFlow::Break(()) } else { ControlFlow::Continue(()) })
    })?;
    Ok(open)
}

/// When each open conversation was prepared, as a list shows it: its date,
/// and the time of day too where another shares its date and person.
pub fn when_prepared(open: &[Open]) -> Vec<String> {
    let key = |open: &Open| (open.entry.date().to_owned(), open.person.as_deref().map(people::key));
    let mut alike: HashMap<(String, Option<String>), usize> = HashMap::new();
    for one in open {
        *alike.entry(key(one)).or_default() += 1;
    }
    open.iter()
        .map(|one| {
            let time = one.entry.finished.get(11..16).filter(|_| alike[&key(one)] > 1);
            time.map_or_else(|| one.entry.date().to_owned(), |time| format!("{} {time}", one.entry.date()))
        })
        .collect()
}

/// `days` days before now.
pub fn days_ago(days: i64) -> jiff::Timestamp {
    jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * days)
}

/// What closing a prepared conversation came to.
pub enum Closing {
    /// It is closed now, as this entry.
    Closed(Box<Entry>),
    /// It was closed before, then.
    Already(Closed),
}

/// Closes the prepared conversation `entry` without a look-back: a change
/// of the entry (its `closed` field, with the time and `note`), as `edit`
/// changes a title. An entry of a set without a follow-up, or one already
/// looked back on, is refused.
pub fn close(journal: &Journal, catalog: &Catalog, entry: &Entry, note: Option<String>) -> Result<Closing> {
    let words = crate::lang::interface().errors();
    let follow_up = catalog.find(&entry.set).and_then(|available| available.set.follow_up.as_deref());
    if follow_up.is_none() {
        bail!((words.not_prepared)(&entry.id, &crate::ui::one_line(&entry.set)));
    }
    if let Some(later) = journal.following(&entry.id, |_| {})?.pop() {
        bail!((words.looked_back_already)(&entry.id, &later.id));
    }
    let note = note.map(|note| note.trim().to_owned()).filter(|note| !note.is_empty());
    let mut result = None;
    journal.change(&entry.id, |mut current| {
        if let Some(closed) = current.closed.take() {
            result = Some(Closing::Already(closed));
            return Ok(Change::Keep);
        }
        let now = crate::clock::stamp();
        current.closed = Some(Closed { at: now.clone(), note });
        current.edited = Some(now);
        result = Some(Closing::Closed(Box::new(current.clone())));
        Ok(Change::Replace(Box::new(current)))
    })?;
    result.ok_or_else(|| anyhow::anyhow!((words.gone)(&entry.id)))
}

/// An answer given before the conversation, to show beside its
/// counterpart in the look-back.
#[derive(Debug, PartialEq)]
pub struct Earlier {
    pub date: String,
    pub question: String,
    pub answer: String,
}

/// What the conversations looked back on answered, by the word their
/// prompts `compare` by.
#[derive(Default)]
pub struct Counterparts(HashMap<String, Vec<Earlier>>);

impl Counterparts {
    /// The answers of `earlier` (the entries looked back on) to prompts
    /// their sets mark with `compare`, in `lang` where their set says how.
    /// Each is labelled with its date, and with the time of day too where
    /// two share a date.
    pub fn of(earlier: &[Entry], catalog: &Catalog, lang: Lang) -> Counterparts {
        let mut by_word: HashMap<String, Vec<Earlier>> = HashMap::new();
        let shared = |entry: &Entry| earlier.iter().filter(|other| other.date() == entry.date()).count() > 1;
        for entry in earlier {
            let date = match entry.finished.get(11..16).filter(|_| shared(entry)) {
                Some(time) => format!("{} {time}", entry.date()),
                None => entry.date().to_owned(),
            };
            let Some(set) = catalog.find(&entry.set).map(|available| &available.set) else { continue };
            let session = in_language(entry, set, lang);
            for recorded in &entry.answers {
                let Some(prompt) = set.prompt(&recorded.prompt) else { continue };
                let Some(word) = &prompt.compare else { continue };
                let question = if entry.lang == lang { recorded.question.clone() } else { session.question(prompt) };
                let answer = recorded.answer.in_terms_of(prompt, lang).show(recorded.range, lang);
                by_word.entry(word.clone()).or_default().push(Earlier { date: date.clone(), question, answer });
            }
        }
        Counterparts(by_word)
    }

    /// What was answered before to the counterparts of `prompt`.
    pub fn to(&self, prompt: &Prompt) -> &[Earlier] {
        prompt.compare.as_ref().and_then(|word| self.0.get(word)).map_or(&[], Vec::as_slice)
    }
}

/// The entry's answers as a session of its set in `lang`, to ask its
/// questions in that language.
fn in_language<'s>(entry: &Entry, set: &'s PromptSet, lang: Lang) -> Session<'s> {
    let given = entry.answers.iter().map(|recorded| (recorded.prompt.clone(), Some(recorded.answer.clone())));
    Session::resume(set, lang, given.collect())
}
