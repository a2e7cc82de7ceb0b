//! The first reading of the journal for an export folder: where each
//! exported entry's note goes and what it is called, which entries follow
//! it, whom it is about, and each person's page. Small facts only, with a
//! digest of each entry's line, so that only the notes whose inputs changed
//! are rendered, from a second reading, without the journal in memory.

use std::collections::{HashMap, HashSet};

use super::checksum::Inputs;
use super::note::{Listed, Reflection};
use crate::catalog::Catalog;
use crate::journal::{Entry, RawLine};
use crate::people::{self, PersonPrompts};

/// What the notes of an export need to know of the journal.
#[derive(Default)]
pub struct Outline {
    /// Every entry in the journal, exported or not: a note of any other is gone.
    pub in_journal: HashSet<String>,
    /// The exported entries, in journal order.
    pub exported: Vec<Listed>,
    /// The ids of the exported entries, in the order of `exported`.
    pub ids: Vec<String>,
    /// Where each exported entry's note comes from, in the order of `exported`.
    pub sources: Vec<Source>,
    /// Where each exported entry is in `exported`.
    pub by_id: HashMap<String, usize>,
    /// The exported entries each exported entry follows, by place.
    pub follows: HashMap<usize, Vec<usize>>,
    /// The exported entries that follow each exported entry, by place.
    pub followers: HashMap<usize, Vec<usize>>,
    /// The exported prepared conversations that no entry looks back on.
    pub open: Vec<usize>,
    /// Everyone the journal's entries are about, by folded name.
    pub people: HashMap<String, Person>,
}

/// Where an exported entry's note comes from.
pub struct Source {
    /// The number of the entry's line in the journal.
    pub line: usize,
    /// A digest of the line and of the title of the entry's set: all its
    /// note is rendered from besides the names of the notes it links to.
    pub digest: String,
    /// Whom the entry is about, by folded name (`people::key`).
    pub person: Option<String>,
}

/// A person, their page, and their exported reflections.
pub struct Person {
    /// As last written.
    pub name: String,
    /// Its path in the folder without `.md`: `people/anna`.
    pub page: String,
    pub reflections: Vec<Reflection>,
}

/// The id of a person's page note.
pub fn page_id(page: &str) -> String {
    format!("person:{}", page.trim_start_matches("people/"))
}

/// Gathers an outline one entry at a time.
pub struct Outliner<'c> {
    catalog: &'c Catalog,
    prompts: PersonPrompts,
    /// The prompts of each set worth recalling.
    recaps: HashMap<String, Vec<String>>,
    /// Every id some entry follows, and each exported entry's ids it follows.
    followed: HashSet<String>,
    follows: Vec<Vec<String>>,
    people_seen: HashMap<String, String>,
    outline: Outline,
}

impl<'c> Outliner<'c> {
    pub fn new(catalog: &'c Catalog) -> Outliner<'c> {
        let recaps = catalog.sets().into_iter().map(|available| {
            let set = &available.set;
            (set.id.clone(), set.prompts.iter().filter(|p| p.recap).map(|p| p.id.clone()).collect())
        });
        Outliner {
            catalog,
            prompts: PersonPrompts::of(catalog),
            recaps: recaps.collect(),
            followed: HashSet::new(),
            follows: Vec::new(),
            people_seen: HashMap::new(),
            outline: Outline::default(),
        }
    }

    /// Takes in an entry of the journal, read from `line`; `exported` says
    /// whether it passes the filter.
    pub fn add(&mut self, entry: &Entry, line: &RawLine, exported: bool) {
        self.outline.in_journal.insert(entry.id.clone());
        self.followed.extend(entry.followed().map(str::to_owned));
        let person = self.prompts.person_of(entry).filter(|name| !name.trim().is_empty());
        let key = person.as_deref().map(people::key);
        if let (Some(key), Some(name)) = (&key, &person) {
            self.people_seen.insert(key.clone(), name.clone());
        }
        if !exported || self.outline.by_id.contains_key(&entry.id) {
            return;
        }
        let set_title = self.catalog.title(&entry.set, entry.lang);
        let digest = Inputs::new("entry").bytes(line.bytes).text(&set_title).finish();
        let title = entry.title.clone().unwrap_or(set_title);
        let path = super::entry_path(entry, &title);
        let at = self.outline.exported.len();
        if let (Some(key), Some(name)) = (&key, &person) {
            let recalled = self.recalled(entry);
            let reflection =
                Reflection { finished: entry.finished.clone(), path: path.clone(), title: title.clone(), recalled };
            let known = self.outline.people.entry(key.clone()).or_insert_with(|| Person {
                name: name.clone(),
                page: String::new(),
                reflections: Vec::new(),
            });
            known.reflections.push(reflection);
        }
        if self.catalog.find(&entry.set).is_some_and(|available| available.set.follow_up.is_some())
            && entry.closed.is_none()
        {
            self.outline.open.push(at);
        }
        self.outline.by_id.insert(entry.id.clone(), at);
        self.follows.push(entry.followed().map(str::to_owned).collect());
        self.outline.ids.push(entry.id.clone());
        self.outline.sources.push(Source { line: line.number, digest, person: key });
        self.outline.exported.push(Listed { finished: entry.finished.clone(), path, title, person });
    }

    /// The answers of `entry` its set marks as worth recalling.
    fn recalled(&self, entry: &Entry) -> Vec<(String, String)> {
        let Some(recaps) = self.recaps.get(&entry.set) else { return Vec::new() };
        let recalled = entry.answers.iter().filter(|recorded| recaps.contains(&recorded.prompt));
        recalled.map(|recorded| (recorded.question.clone(), recorded.show(entry.lang))).collect()
    }

    /// The outline, once every entry is in: links both ways, the open
    /// conversations, and a page for everyone (newest reflection first).
    pub fn finish(mut self) -> Outline {
        let outline = &mut self.outline;
        for (at, follows) in self.follows.iter().enumerate() {
            for id in follows {
                if let Some(&prepared) = outline.by_id.get(id) {
                    outline.followers.entry(prepared).or_default().push(at);
                    outline.follows.entry(at).or_default().push(prepared);
                }
            }
        }
        let followed = &self.followed;
        outline.open.retain(|&at| !followed.contains(&outline.ids[at]));
        outline.open.reverse();
        let pages = pages(&self.people_seen);
        for (key, page) in pages {
            let person = outline.people.entry(key.clone()).or_insert_with(|| Person {
                name: String::new(),
                page: String::new(),
                reflections: Vec::new(),
            });
            person.name.clone_from(&self.people_seen[&key]);
            person.page = page;
            person.reflections.sort_by_cached_key(|one| std::cmp::Reverse(crate::clock::moment(&one.finished)));
        }
        self.outline
    }
}

/// Each person's page, `people/` and their name made safe as file names
/// are (`people/eva-van-dijk`); names that come to the same, or to nothing,
/// get a short hash of the name, the same in every export.
fn pages(people: &HashMap<String, String>) -> HashMap<String, String> {
    let slugs: HashMap<&String, String> = people.keys().map(|key| (key, crate::markdown::slug(key, 50))).collect();
    let mut uses: HashMap<&str, usize> = HashMap::new();
    for slug in slugs.values() {
        *uses.entry(slug.as_str()).or_default() += 1;
    }
    slugs
        .iter()
        .map(|(key, slug)| {
            let hash = super::checksum::short(key);
            let page = match (slug.is_empty(), uses[slug.as_str()]) {
                (true, _) => format!("person-{hash}"),
                (false, 1) => slug.clone(),
                (false, _) => format!("{slug}-{hash}"),
            };
            ((*key).clone(), format!("people/{page}"))
        })
        .collect()
}
