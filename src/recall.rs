//! What bezin recalls about a person during a run: how many reflections
//! are about them, and the last one with the answers its set marks as
//! worth recalling. Gathered in a thread of its own while the person reads
//! the first questions, from an index kept of the journal (`people`), so
//! that only the lines saved since the last run are read.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, channel};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::journal::{Entry, Journal};
use crate::lang::Text;
use crate::people::{self, PersonPrompts};

/// What there is to recall about everyone reflected on.
#[derive(Default)]
pub struct Recalls {
    /// By folded name.
    people: HashMap<String, Known>,
    /// Each set's title, and its prompts worth recalling.
    sets: HashMap<String, (Text, Vec<String>)>,
}

/// What the index keeps of one person.
#[derive(Serialize, Deserialize)]
struct Known {
    reflections: usize,
    /// When the last reflection was finished, in nanoseconds.
    finished: i128,
    /// The last reflection's journal line.
    last: String,
}

/// Made again when what tells people apart, or how the kept index reads, changes.
const INDEX_VERSION: u32 = 1;

/// The short block shown after a name seen before.
#[derive(Debug, PartialEq)]
pub struct Recalled {
    pub reflections: usize,
    pub date: String,
    pub title: String,
    /// The last reflection's answers worth recalling: question and answer.
    pub answers: Vec<(String, String)>,
}

impl Recalls {
    /// Brings the index of the people in the journal up to date, reading
    /// each new line only as far as it names whom it is about; the last
    /// line about each person is kept whole. A line that is not an entry
    /// is passed over.
    pub fn gather(journal: &Journal, catalog: &Catalog) -> Result<Recalls> {
        let prompts = PersonPrompts::of(catalog);
        let made_with = format!("{INDEX_VERSION} {}", prompts.fingerprint());
        let people = journal.indexed("people", &made_with, HashMap::new(), |people, line| {
            let Some((name, finished)) = prompts.person_of_line(line.bytes) else { return };
            let finished = finished.as_nanosecond();
            let known =
                people.entry(people::key(&name)).or_insert(Known { reflections: 0, finished, last: String::new() });
            known.reflections += 1;
            if finished >= known.finished {
                known.finished = finished;
                known.last = String::from_utf8_lossy(line.bytes).into_owned();
            }
        })?;
        let sets = catalog.sets.iter().map(|available| {
            let set = &available.set;
            let recap = set.prompts.iter().filter(|prompt| prompt.recap).map(|prompt| prompt.id.clone());
            (set.id.clone(), (set.title.clone(), recap.collect()))
        });
        Ok(Recalls { people: people.into_iter().collect(), sets: sets.collect() })
    }

    /// What there is to recall about `name`; `None` for a name not seen before.
    pub fn of(&self, name: &str) -> Option<Recalled> {
        let known = self.people.get(&people::key(name))?;
        let last: Entry = serde_json::from_str(&known.last).ok()?;
        let set = self.sets.get(&last.set);
        let recap = |prompt: &String| set.is_some_and(|(_, recap)| recap.contains(prompt));
        let answers = last
            .answers
            .iter()
            .filter(|recorded| recap(&recorded.prompt))
            .map(|recorded| (recorded.question.clone(), recorded.show(last.lang)))
            .collect();
        let title = last.title.clone().or_else(|| Some(set?.0.get(last.lang).to_owned())).unwrap_or(last.set.clone());
        Some(Recalled { reflections: known.reflections, date: last.date().to_owned(), title, answers })
    }
}

/// Recalls being gathered in another thread, taken when first needed.
pub struct Pending {
    gathering: Option<Receiver<Recalls>>,
    gathered: Option<Recalls>,
}

impl Pending {
    /// Starts gathering in a thread of `scope`. The journal is read without
    /// a question: an encrypted journal whose identity needs a passphrase
    /// recalls nothing rather than stop the run to ask.
    pub fn start<'scope>(
        scope: &'scope std::thread::Scope<'scope, '_>,
        journal: &'scope Journal,
        catalog: &'scope Catalog,
    ) -> Pending {
        let (done, gathering) = channel();
        scope.spawn(move || {
            let recalls = crate::ui::without_questions(|| Recalls::gather(journal, catalog));
            let _ = done.send(recalls.unwrap_or_default());
        });
        Pending { gathering: Some(gathering), gathered: None }
    }

    /// The recalls, waiting for the gathering if it is not done yet.
    pub fn get(&mut self) -> &Recalls {
        if let Some(gathering) = self.gathering.take() {
            self.gathered = Some(gathering.recv().unwrap_or_default());
        }
        self.gathered.get_or_insert_with(Recalls::default)
    }
}
