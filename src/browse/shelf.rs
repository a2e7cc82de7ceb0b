//! The entries the screen looks through, newest first: what the list
//! shows of each, whom each is about, and the links between them, worked
//! out once when the screen opens.

use std::collections::HashMap;

use crate::catalog::Catalog;
use crate::journal::Entry;
use crate::pages::{self, Heading, Links};
use crate::people::{self, PersonPrompts};
use crate::ui::{self, Page};

/// The most columns a column of the list keeps of a text: wider than any
/// screen, so a huge title costs nothing each time the list is drawn.
const WIDEST_CELL: usize = 400;

/// What the list shows of an entry, in its visible form.
pub struct Row {
    pub date: String,
    pub person: String,
    pub set: String,
    pub title: String,
}

pub struct Shelf {
    pub entries: Vec<Entry>,
    pub rows: Vec<Row>,
    /// Whom each entry is about, as `people::key` folds names; empty for no one.
    person_keys: Vec<String>,
    by_id: HashMap<String, usize>,
    /// The entries that follow each entry (by its id), newest first.
    followers: HashMap<String, Vec<usize>>,
}

impl Shelf {
    /// The shelf of `entries`, newest first.
    pub fn new(entries: Vec<Entry>, catalog: &Catalog) -> Shelf {
        let prompts = PersonPrompts::of(catalog);
        let cell = |text: &str| ui::truncate(&ui::one_line(text), WIDEST_CELL);
        let mut rows = Vec::with_capacity(entries.len());
        let mut person_keys = Vec::with_capacity(entries.len());
        let mut by_id = HashMap::with_capacity(entries.len());
        let mut followers: HashMap<String, Vec<usize>> = HashMap::new();
        for (at, entry) in entries.iter().enumerate() {
            let person = prompts.person_of(entry).unwrap_or_default();
            rows.push(Row {
                date: cell(entry.date()),
                person: cell(&person),
                set: cell(&entry.set),
                title: cell(&crate::cmd::title_of(entry, catalog)),
            });
            person_keys.push(people::key(&person));
            by_id.entry(entry.id.clone()).or_insert(at);
            for followed in entry.followed() {
                followers.entry(followed.to_owned()).or_default().push(at);
            }
        }
        Shelf { entries, rows, person_keys, by_id, followers }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whom the entry at `at` is about, folded; empty for no one.
    pub fn person_key(&self, at: usize) -> &str {
        &self.person_keys[at]
    }

    /// What the entry at `at` follows and what follows it.
    pub fn links(&self, at: usize) -> Links<'_> {
        let entry = &self.entries[at];
        let earlier = entry.followed().map(|id| self.by_id.get(id).map(|&at| &self.entries[at]).ok_or(id)).collect();
        let later = self.followers.get(&entry.id).map(Vec::as_slice).unwrap_or_default();
        Links { earlier, later: later.iter().rev().map(|&at| &self.entries[at]).collect() }
    }

    /// The entries the one at `at` links to, as its page lists them: what
    /// it follows, then what follows it, oldest first.
    pub fn linked(&self, at: usize) -> Vec<usize> {
        let entry = &self.entries[at];
        let mut linked: Vec<usize> = entry.followed().filter_map(|id| self.by_id.get(id).copied()).collect();
        linked.extend(self.followers.get(&entry.id).into_iter().flatten().rev());
        linked
    }

    /// The timeline of the person the entry at `at` is about, as `about`
    /// gives it; `None` when it is about no one.
    pub fn timeline(
        &self,
        at: usize,
        catalog: &Catalog,
        width: Option<usize>,
        words: &crate::lang::Words,
    ) -> Option<Page> {
        let key = self.person_key(at);
        if key.is_empty() {
            return None;
        }
        let about_them: Vec<usize> = (0..self.len()).filter(|&n| self.person_keys[n] == key).collect();
        let name = self.rows[about_them[0]].person.clone();
        let oldest_first = |found: Vec<usize>| {
            let mut entries: Vec<Entry> = found.into_iter().rev().map(|n| self.entries[n].clone()).collect();
            entries.sort_by_key(|entry| crate::clock::moment(&entry.finished));
            entries
        };
        let mut following: Vec<usize> = about_them
            .iter()
            .flat_map(|&n| self.followers.get(&self.entries[n].id).into_iter().flatten())
            .copied()
            .collect();
        following.sort_unstable();
        following.dedup();
        let (about, followers) = (oldest_first(about_them), oldest_first(following));
        let timeline = pages::timeline(&about, &followers, catalog);
        let heading = Heading { name: &name, reflections: about.len() };
        Some(pages::timeline_page(&heading, &timeline, width, words))
    }
}
