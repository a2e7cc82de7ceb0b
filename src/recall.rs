//! What bezin recalls about a person during a run: how many reflections
//! are about them, and the last one with the answers its set marks as
//! worth recalling. Gathered from the journal in a thread of its own while
//! the person reads the first questions, so that it never slows the run.

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::sync::mpsc::{Receiver, channel};

use anyhow::Result;

use crate::catalog::Catalog;
use crate::journal::{Entry, Journal};
use crate::people::{self, PersonPrompts};

/// What there is to recall about everyone reflected on, by folded name.
#[derive(Default)]
pub struct Recalls(HashMap<String, Recalled>);

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
    /// Reads the whole journal, each line only as far as it names whom it
    /// is about; only the last line about each person is read whole. A
    /// line that is not an entry is passed over.
    pub fn gather(journal: &Journal, catalog: &Catalog) -> Result<Recalls> {
        let prompts = PersonPrompts::of(catalog);
        let mut everyone: HashMap<String, (usize, jiff::Timestamp, Vec<u8>)> = HashMap::new();
        journal.scan(|line| {
            let Some((name, finished)) = prompts.person_of_line(line.bytes) else {
                return Ok(ControlFlow::Continue(()));
            };
            let (count, last, bytes) = everyone.entry(people::key(&name)).or_insert((0, finished, Vec::new()));
            *count += 1;
            if finished >= *last {
                *last = finished;
                line.bytes.clone_into(bytes);
            }
            Ok(ControlFlow::Continue(()))
        })?;
        let recalled = everyone.into_iter().filter_map(|(key, (count, _, line))| {
            let last: Entry = serde_json::from_slice(&line).ok()?;
            Some((key, recalled(count, &last, catalog)))
        });
        Ok(Recalls(recalled.collect()))
    }

    /// What there is to recall about `name`; `None` for a name not seen before.
    pub fn of(&self, name: &str) -> Option<&Recalled> {
        self.0.get(&people::key(name))
    }
}

/// The block for someone with `reflections` reflections, the last `last`.
fn recalled(reflections: usize, last: &Entry, catalog: &Catalog) -> Recalled {
    let set = catalog.find(&last.set).map(|available| &available.set);
    let recap = |prompt: &str| set.and_then(|set| set.prompt(prompt)).is_some_and(|prompt| prompt.recap);
    let answers = last
        .answers
        .iter()
        .filter(|recorded| recap(&recorded.prompt))
        .map(|recorded| (recorded.question.clone(), recorded.show(last.lang)))
        .collect();
    let title = last.title.clone().unwrap_or_else(|| catalog.title(&last.set, last.lang));
    Recalled { reflections, date: last.date().to_owned(), title, answers }
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
