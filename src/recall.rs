//! What bezin recalls about a person during a run: how many reflections
//! are about them, the last one with the answers its set marks as worth
//! recalling, and the next step named when the last conversation with them
//! was looked back on. Gathered in a thread of its own while the person reads
//! the first questions, from an index kept of the journal (`people`), so
//! that only the lines saved since the last run are read.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, channel};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::catalog::Catalog;
use crate::journal::{Entry, Gather, Journal, RawLine};
use crate::lang::Lang;
use crate::people::{self, PersonPrompts};
use crate::prompt_set::{Prompt, PromptSet};
use crate::session::Session;

/// What there is to recall about everyone reflected on.
#[derive(Default)]
pub struct Recalls {
    /// By folded name.
    people: HashMap<String, Known>,
    /// The sets by id: their titles, the prompts worth recalling and those
    /// that ask for the next step, and their questions in each language.
    sets: HashMap<String, PromptSet>,
}

/// What the index keeps of one person.
#[derive(Serialize, Deserialize)]
struct Known {
    reflections: usize,
    /// When the last reflection was finished, in nanoseconds.
    finished: i128,
    /// The last reflection's journal line.
    last: String,
    /// The last reflection with an answer to a prompt that asks for the
    /// next step: when it was finished, in nanoseconds, and its line.
    #[serde(default)]
    next_step: Option<(i128, String)>,
}

/// Made again when what tells people apart, or how the kept index reads, changes.
const INDEX_VERSION: u32 = 2;

/// The index of everyone reflected on, by folded name.
struct Everyone {
    prompts: PersonPrompts,
    /// The prompts of each set that ask for the next step.
    next_steps: HashMap<String, Vec<String>>,
}

impl Everyone {
    fn of(catalog: &Catalog) -> Everyone {
        let next_steps = catalog.sets().into_iter().filter_map(|available| {
            let set = &available.set;
            let ids: Vec<String> = set.prompts.iter().filter(|p| p.next_step).map(|p| p.id.clone()).collect();
            (!ids.is_empty()).then(|| (set.id.clone(), ids))
        });
        Everyone { prompts: PersonPrompts::of(catalog), next_steps: next_steps.collect() }
    }

    /// Whether a journal line answers a prompt that asks for the next step;
    /// only a line that names such a prompt is read whole.
    fn names_a_next_step(&self, line: &RawLine) -> bool {
        let named = |id: &String| line.contains(serde_json::Value::from(id.as_str()).to_string().as_bytes());
        if !self.next_steps.values().flatten().any(named) {
            return false;
        }
        let Ok(entry) = serde_json::from_slice::<Entry>(line.bytes) else { return false };
        let ids = self.next_steps.get(&entry.set);
        ids.is_some_and(|ids| entry.answers.iter().any(|recorded| ids.contains(&recorded.prompt)))
    }
}

impl Gather for Everyone {
    type Index = HashMap<String, Known>;
    const NAME: &'static str = "people";

    fn made_with(&self) -> String {
        let mut next_steps: Vec<String> =
            self.next_steps.iter().map(|(set, ids)| format!("{set}={}", ids.join(","))).collect();
        next_steps.sort();
        format!("{INDEX_VERSION} {} {}", self.prompts.fingerprint(), next_steps.join(" "))
    }

    fn fresh(&self) -> Self::Index {
        HashMap::new()
    }

    fn add(&self, people: &mut Self::Index, line: &RawLine) {
        let Some((name, finished)) = self.prompts.person_of_line(line.bytes) else { return };
        let whole = || String::from_utf8_lossy(line.bytes).into_owned();
        let key = people::key(&name);
        if self.names_a_next_step(line) {
            note_next_step(people, &key, finished.as_nanosecond(), whole);
        }
        count_in(people, key, 1, finished.as_nanosecond(), whole);
    }

    fn merge(&self, people: &mut Self::Index, later: Self::Index) {
        for (key, Known { reflections, finished, last, next_step }) in later {
            if let Some((at, line)) = next_step {
                note_next_step(people, &key, at, || line);
            }
            count_in(people, key, reflections, finished, || last);
        }
    }
}

/// Keeps the line of a reflection about `key` that names a next step,
/// finished at `finished`, unless one finished later is kept.
fn note_next_step(people: &mut HashMap<String, Known>, key: &str, finished: i128, line: impl FnOnce() -> String) {
    let known = people.entry(key.to_owned()).or_insert(Known {
        reflections: 0,
        finished,
        last: String::new(),
        next_step: None,
    });
    if known.next_step.as_ref().is_none_or(|(at, _)| finished >= *at) {
        known.next_step = Some((finished, line()));
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
    let known = people.entry(key).or_insert(Known { reflections: 0, finished, last: String::new(), next_step: None });
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
    /// The next step named in the last look-back: its date and the step.
    pub next_step: Option<(String, String)>,
}

impl Recalls {
    /// Brings the index of the people in the journal up to date, reading
    /// each new line only as far as it names whom it is about; the last
    /// line about each person is kept whole. A line that is not an entry
    /// is passed over.
    pub fn gather(journal: &Journal, catalog: &Catalog) -> Result<Recalls> {
        let people = journal.indexed(&Everyone::of(catalog))?;
        let sets = catalog.sets().into_iter().map(|available| (available.set.id.clone(), available.set.clone()));
        Ok(Recalls { people, sets: sets.collect() })
    }

    /// What there is to recall about `name`, said in `lang`; `None` for a
    /// name not seen before.
    pub fn of(&self, name: &str, lang: Lang) -> Option<Recalled> {
        let known = self.people.get(&people::key(name))?;
        let last: Entry = serde_json::from_str(&known.last).ok()?;
        let set = self.sets.get(&last.set);
        let next_step = known.next_step.as_ref().and_then(|(_, line)| self.next_step_in(line, lang));
        // The next step is said on its own line, not again among the answers.
        let said_apart = next_step.as_ref().is_some_and(|(id, ..)| *id == last.id);
        let recap = |prompt: &Prompt| prompt.recap && !(said_apart && prompt.next_step);
        let answers = set.map(|set| answered(&last, set, lang, recap)).unwrap_or_default();
        let title = last.title.clone().or_else(|| Some(set?.title.get(lang).to_owned())).unwrap_or(last.set.clone());
        let next_step = next_step.map(|(_, date, step)| (date, step));
        Some(Recalled { reflections: known.reflections, date: last.date().to_owned(), title, answers, next_step })
    }

    /// The entry id, date and answer of the next step a journal line names.
    fn next_step_in(&self, line: &str, lang: Lang) -> Option<(String, String, String)> {
        let entry: Entry = serde_json::from_str(line).ok()?;
        let (_, step) =
            answered(&entry, self.sets.get(&entry.set)?, lang, |prompt| prompt.next_step).into_iter().next()?;
        Some((entry.id.clone(), entry.date().to_owned(), step))
    }
}

/// The questions of `entry` that `keep` picks among those `set` still
/// has, each with its answer, in `lang`: as recorded when the entry speaks
/// `lang`, else as the set asks them in `lang`, filled with the entry's
/// answers, and options labelled in `lang`.
fn answered(entry: &Entry, set: &PromptSet, lang: Lang, keep: impl Fn(&Prompt) -> bool) -> Vec<(String, String)> {
    let session = (entry.lang != lang).then(|| {
        let given = entry.answers.iter().map(|recorded| (recorded.prompt.clone(), Some(recorded.answer.clone())));
        Session::resume(set, lang, given.collect())
    });
    let kept =
        entry.answers.iter().filter_map(|recorded| Some((recorded, set.prompt(&recorded.prompt).filter(|p| keep(p))?)));
    kept.map(|(recorded, prompt)| match &session {
        None => (recorded.question.clone(), recorded.show(lang)),
        Some(session) => {
            (session.question(prompt), recorded.answer.in_terms_of(prompt, lang).show(recorded.range, lang))
        }
    })
    .collect()
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

    /// A whole look-back on `person` with a next step, as a journal line.
    fn look_back(person: &str, finished: &str, id: &str) -> String {
        format!(
            r#"{{"format":2,"id":"{id}","set":"after","set_version":1,"lang":"en","started":"{finished}","finished":"{finished}","title":null,"tags":[],"follows":null,"person":"{person}","answers":[{{"prompt":"next","kind":"long","question":"Next?","answer":"Step {id}"}}]}}"#
        )
    }

    fn summary(people: &HashMap<String, Known>) -> Vec<(String, usize, String, Option<String>)> {
        let mut rows: Vec<_> = people
            .iter()
            .map(|(key, known)| {
                let next_step = known.next_step.as_ref().map(|(_, line)| line.clone());
                (key.clone(), known.reflections, known.last.clone(), next_step)
            })
            .collect();
        rows.sort();
        rows
    }

    #[test]
    fn two_halves_merged_count_as_one_read_and_keep_the_last_line_and_next_step() {
        let next_steps = HashMap::from([("after".to_owned(), vec!["next".to_owned()])]);
        let everyone = Everyone { prompts: PersonPrompts::default(), next_steps };
        let lines = [
            line("Anna", "2025-01-01T10:00:00+01:00", "a1"),
            look_back("anna", "2025-01-02T10:00:00+01:00", "n1"),
            line("bram", "2025-02-01T10:00:00+01:00", "b1"),
            look_back("Anna", "2025-02-02T10:00:00+01:00", "n2"),
            line("ÁNNA ", "2025-03-01T10:00:00+01:00", "a2"),
            // Saved later, finished earlier (an import): not the last.
            line("anna", "2024-12-01T10:00:00+01:00", "a3"),
            look_back("anna", "2024-12-02T10:00:00+01:00", "n3"),
            line("Bram", "2025-02-01T10:00:00+01:00", "b2"),
        ];
        let whole = gathered(&everyone, &lines);
        assert_eq!(whole["anna"].reflections, 6);
        assert!(whole["anna"].last.contains("a2") && whole["bram"].last.contains("b2"));
        assert!(whole["anna"].next_step.as_ref().is_some_and(|(_, line)| line.contains("Step n2")));
        assert!(whole["bram"].next_step.is_none());
        for split in 0..=lines.len() {
            let mut people = gathered(&everyone, &lines[..split]);
            everyone.merge(&mut people, gathered(&everyone, &lines[split..]));
            assert_eq!(summary(&people), summary(&whole), "split at {split}");
        }
    }
}
