//! The entries the screen looks through, newest first, growing as the
//! journal is read from the end: of each only what the list shows and
//! filters on (a compact row) and where its line starts. An entry is read
//! whole from the journal when it is shown; the links between entries are
//! worked out from the rows, and one to an entry not read yet is left out
//! until it is.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use anyhow::Result;

use crate::catalog::Catalog;
use crate::journal::{Entry, Snapshot};
use crate::pages::{self, Heading, Links};
use crate::people::{self, PersonPrompts};
use crate::ui::{self, Page};

/// The most columns a column of the list keeps of a text: wider than any
/// screen, so a huge title costs nothing each time the list is drawn.
const WIDEST_CELL: usize = 400;

/// What the list shows of an entry, in its visible form, and what the
/// filters test; names that recur (people, sets, tags) are kept once.
pub struct Row {
    /// Where the entry's line starts in the journal.
    pub offset: u64,
    pub id: Box<str>,
    pub date: Box<str>,
    pub title: Box<str>,
    person: u32,
    set: u32,
    tags: Box<[u32]>,
    /// The ids of the entries it follows.
    follows: Box<[Box<str>]>,
}

/// A row as the reader makes it from an entry, before its names are kept once.
pub struct Read {
    offset: u64,
    id: String,
    date: String,
    title: String,
    person: String,
    set: String,
    tags: Vec<String>,
    follows: Vec<String>,
}

impl Read {
    pub fn of(entry: &Entry, offset: u64, prompts: &PersonPrompts, catalog: &Catalog) -> Read {
        let cell = |text: &str| ui::truncate(&ui::one_line(text), WIDEST_CELL);
        Read {
            offset,
            id: entry.id.clone(),
            date: cell(entry.date()),
            title: cell(&crate::cmd::title_of(entry, catalog)),
            person: prompts.person_of(entry).unwrap_or_default(),
            set: entry.set.clone(),
            tags: entry.tags.iter().map(|tag| tag.to_lowercase()).collect(),
            follows: entry.followed().map(str::to_owned).collect(),
        }
    }
}

/// Texts kept once, each by its number.
#[derive(Default)]
struct Names {
    texts: Vec<Box<str>>,
    numbers: HashMap<Box<str>, u32>,
}

impl Names {
    fn number(&mut self, text: String) -> u32 {
        if let Some(&number) = self.numbers.get(text.as_str()) {
            return number;
        }
        let number = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        let text: Box<str> = text.into();
        self.texts.push(text.clone());
        self.numbers.insert(text, number);
        number
    }

    fn text(&self, number: u32) -> &str {
        self.texts.get(number as usize).map_or("", |text| text)
    }
}

pub struct Shelf {
    snapshot: Arc<Snapshot>,
    rows: Vec<Row>,
    /// Whom entries are about, as written (in their visible form) and as
    /// `people::key` folds them; the first is no one.
    people: Names,
    person_keys: Vec<Box<str>>,
    sets: Names,
    /// Each set in lower case, by its number, for the filter.
    sets_folded: Vec<Box<str>>,
    tags: Names,
    /// Whether every line of the journal is read.
    pub complete: bool,
}

impl Shelf {
    /// An empty shelf of the journal `snapshot`, to be filled as it is read.
    pub fn new(snapshot: Arc<Snapshot>) -> Shelf {
        let mut shelf = Shelf {
            snapshot,
            rows: Vec::new(),
            people: Names::default(),
            person_keys: Vec::new(),
            sets: Names::default(),
            sets_folded: Vec::new(),
            tags: Names::default(),
            complete: false,
        };
        shelf.person("");
        shelf
    }

    pub fn snapshot(&self) -> &Arc<Snapshot> {
        &self.snapshot
    }

    /// Takes in rows read further back.
    pub fn add(&mut self, read: Vec<Read>) {
        self.rows.reserve(read.len());
        for read in read {
            let row = Row {
                offset: read.offset,
                id: read.id.into(),
                date: read.date.into(),
                title: read.title.into(),
                person: self.person(&read.person),
                set: self.set_number(read.set),
                tags: read.tags.into_iter().map(|tag| self.tags.number(tag)).collect(),
                follows: read.follows.into_iter().map(Into::into).collect(),
            };
            self.rows.push(row);
        }
    }

    fn set_number(&mut self, set: String) -> u32 {
        let folded = set.to_lowercase();
        let number = self.sets.number(set);
        if number as usize == self.sets_folded.len() {
            self.sets_folded.push(folded.into());
        }
        number
    }

    fn person(&mut self, name: &str) -> u32 {
        let cell = ui::truncate(&ui::one_line(name), WIDEST_CELL);
        let number = self.people.number(cell);
        if number as usize == self.person_keys.len() {
            self.person_keys.push(people::key(name).into());
        }
        number
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn row(&self, at: usize) -> &Row {
        &self.rows[at]
    }

    /// The row whose line starts at `offset`: rows are read from the end,
    /// so their offsets go down.
    pub fn at_offset(&self, offset: u64) -> Option<usize> {
        self.rows.binary_search_by(|row| offset.cmp(&row.offset)).ok()
    }

    pub fn person_name(&self, at: usize) -> &str {
        self.people.text(self.rows[at].person)
    }

    /// Whom the entry at `at` is about, folded; empty for no one.
    pub fn person_key(&self, at: usize) -> &str {
        self.person_keys.get(self.rows[at].person as usize).map_or("", |key| key)
    }

    pub fn set(&self, at: usize) -> &str {
        self.sets.text(self.rows[at].set)
    }

    /// The entry's set in lower case.
    pub fn set_folded(&self, at: usize) -> &str {
        self.sets_folded.get(self.rows[at].set as usize).map_or("", |set| set)
    }

    /// The entry's tags, in lower case.
    pub fn tags(&self, at: usize) -> impl Iterator<Item = &str> {
        self.rows[at].tags.iter().map(|&tag| self.tags.text(tag))
    }

    /// The entry at `at`, read from the journal.
    pub fn entry(&self, at: usize) -> Result<Entry> {
        let mut line = Vec::new();
        let raw = self.snapshot.line_at(self.rows[at].offset, &mut line)?;
        raw.parse().map_err(|damaged| anyhow::anyhow!(damaged.reason))
    }

    fn by_id(&self, id: &str) -> Option<usize> {
        self.rows.iter().position(|row| &*row.id == id)
    }

    /// The entries that follow the entry `id`, newest first: newer than
    /// it, so read before it.
    fn followers(&self, id: &str) -> impl Iterator<Item = usize> {
        self.rows.iter().enumerate().filter(move |(_, row)| row.follows.iter().any(|f| &**f == id)).map(|(at, _)| at)
    }

    /// The entries the one at `at` links to, as its page lists them: what
    /// it follows, then what follows it, oldest first.
    pub fn linked(&self, at: usize) -> Vec<usize> {
        let row = &self.rows[at];
        let mut linked: Vec<usize> = row.follows.iter().filter_map(|id| self.by_id(id)).collect();
        let mut later: Vec<usize> = self.followers(&row.id).collect();
        later.reverse();
        linked.extend(later);
        linked
    }

    /// The entry at `at` and the entries it links with, read from the
    /// journal; one it follows that is not read yet is left out until it
    /// is, and named as gone only once the whole journal is read.
    pub fn with_links(&self, at: usize) -> Result<Linked> {
        let entry = self.entry(at)?;
        let mut earlier = Vec::new();
        for id in entry.followed() {
            match self.by_id(id) {
                Some(found) => earlier.push(Ok(self.entry(found)?)),
                None if self.complete => earlier.push(Err(id.to_owned())),
                None => {}
            }
        }
        let mut later: Vec<Entry> = self.followers(&entry.id).map(|n| self.entry(n)).collect::<Result<_>>()?;
        later.reverse();
        Ok(Linked { entry, earlier, later })
    }

    /// The timeline of the person the entry at `at` is about, as `about`
    /// gives it, of the entries read so far; `None` when it is about no one.
    pub fn timeline(
        &self,
        at: usize,
        catalog: &Catalog,
        width: Option<usize>,
        words: &crate::lang::Words,
    ) -> Result<Option<Page>> {
        let key = self.person_key(at);
        if key.is_empty() {
            return Ok(None);
        }
        let about_them: Vec<usize> = (0..self.len()).filter(|&n| self.person_key(n) == key).collect();
        let name = self.person_name(about_them[0]);
        let oldest_first = |found: Vec<usize>| -> Result<Vec<Entry>> {
            let mut entries: Vec<Entry> = found.into_iter().rev().map(|n| self.entry(n)).collect::<Result<_>>()?;
            entries.sort_by_key(|entry| crate::clock::moment(&entry.finished));
            Ok(entries)
        };
        let ids: HashSet<&str> = about_them.iter().map(|&n| &*self.rows[n].id).collect();
        let following: Vec<usize> =
            (0..self.len()).filter(|&n| self.rows[n].follows.iter().any(|id| ids.contains(&**id))).collect();
        let (about, followers) = (oldest_first(about_them)?, oldest_first(following)?);
        let timeline = pages::timeline(&about, &followers, catalog);
        let heading = Heading { name, reflections: about.len() };
        Ok(Some(pages::timeline_page(&heading, &timeline, width, words)))
    }
}

/// An entry read with the entries it links with.
pub struct Linked {
    pub entry: Entry,
    /// What it follows: the entry, or its id when it is gone from the journal.
    earlier: Vec<Result<Entry, String>>,
    /// What follows it, oldest first.
    later: Vec<Entry>,
}

impl Linked {
    /// The links as the entry's page takes them.
    pub fn links(&self) -> Links<'_> {
        Links {
            earlier: self.earlier.iter().map(|found| found.as_ref().map_err(String::as_str)).collect(),
            later: self.later.iter().collect(),
        }
    }
}
