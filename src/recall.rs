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
use crate::journal::{Entry, Gather, Journal, RawLine};
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

/// The index of everyone reflected on, by folded name.
struct Everyone(PersonPrompts);

impl Gather for Everyone {
    type Index = HashMap<String, Known>;
    const NAME: &'static str = "people";

    fn made_with(&self) -> String {
        format!("{INDEX_VERSION} {}", self.0.fingerprint())
    }

    fn fresh(&self) -> Self::Index {
        HashMap::new()
    }

    fn add(&self, people: &mut Self::Index, line: &RawLine) {
        let Some((name, finished)) = self.0.person_of_line(line.bytes) else { return };
        let last = || String::from_utf8_lossy(line.bytes).into_owned();
        count_in(people, people::key(&name), 1, finished.as_nanosecond(), last);
    }

    fn merge(&self, people: &mut Self::Index, later: Self::Index) {
        for (key, Known { reflections, finished, last }) in later {
            count_in(people, key, reflections, finished, || last);
        }
    }
}

/// Counts `reflections` more about `key`, the last of them finished at
/// `finished`: its line, from `last`, is kept unless one finished later is.
fn count_in(
    people: &mut HashMap<String, Known>,
    key: String,
    reflections: usize,
    finished: i128,
    last: impl FnOnce() -> String,
) {
    let known = people.entry(key).or_insert(Known { reflections: 0, finished, last: String::new() });
    known.reflections += reflections;
    if finished >= known.finished {
        known.finished = finished;
        known.last = last();
    }
}

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
        let people = journal.indexed(&Everyone(PersonPrompts::of(catalog)))?;
        let sets = catalog.sets.iter().map(|available| {
            let set = &available.set;
            let recap = set.prompts.iter().filter(|prompt| prompt.recap).map(|prompt| prompt.id.clone());
            (set.id.clone(), (set.title.clone(), recap.collect()))
        });
        Ok(Recalls { people, sets: sets.collect() })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(person: &str, finished: &str, id: &str) -> String {
        format!(r#"{{"id":"{id}","set":"five-tips","finished":"{finished}","person":"{person}","answers":[]}}"#)
    }

    fn gathered(everyone: &Everyone, lines: &[String]) -> HashMap<String, Known> {
        let mut people = everyone.fresh();
        for (offset, text) in (0..).zip(lines) {
            let raw = RawLine { number: 0, offset, bytes: text.as_bytes(), length: text.len() as u64 };
            everyone.add(&mut people, &raw);
        }
        people
    }

    fn summary(people: &HashMap<String, Known>) -> Vec<(String, usize, String)> {
        let mut rows: Vec<_> =
            people.iter().map(|(key, known)| (key.clone(), known.reflections, known.last.clone())).collect();
        rows.sort();
        rows
    }

    #[test]
    fn two_halves_merged_count_as_one_read_and_keep_the_last_line() {
        let everyone = Everyone(PersonPrompts::default());
        let lines = [
            line("Anna", "2025-01-01T10:00:00+01:00", "a1"),
            line("bram", "2025-02-01T10:00:00+01:00", "b1"),
            line("ÁNNA ", "2025-03-01T10:00:00+01:00", "a2"),
            // Saved later, finished earlier (an import): not the last.
            line("anna", "2024-12-01T10:00:00+01:00", "a3"),
            line("Bram", "2025-02-01T10:00:00+01:00", "b2"),
        ];
        let whole = gathered(&everyone, &lines);
        assert_eq!(whole["anna"].reflections, 3);
        assert!(whole["anna"].last.contains("a2") && whole["bram"].last.contains("b2"));
        for split in 0..=lines.len() {
            let mut people = gathered(&everyone, &lines[..split]);
            everyone.merge(&mut people, gathered(&everyone, &lines[split..]));
            assert_eq!(summary(&people), summary(&whole), "split at {split}");
        }
    }
}
