//! Finding one thing by a unique prefix of its id, as entries and drafts
//! are found, with the same sentences for both.

use anyhow::{Result, bail};

use crate::journal::is_id;
use crate::lang::errors::IdWords;
use crate::lang::{self, Lang};

/// What is looked for: its sentences in a language, and the command that lists them.
pub struct Sought {
    words: fn(Lang) -> &'static IdWords,
    lists: &'static str,
}

pub const ENTRY: Sought = Sought { words: |lang| &lang.errors().entry_ids, lists: "list" };
pub const DRAFT: Sought = Sought { words: |lang| &lang.errors().draft_ids, lists: "drafts" };

impl Sought {
    /// The sentences in the language bezin speaks, and "bezin list shows
    /// them", as the person started bezin.
    fn words_and_hint(&self) -> (&'static IdWords, String) {
        let words = (self.words)(lang::interface());
        (words, (words.hint)(&crate::shell::command(self.lists)))
    }

    /// Fails unless `query` may start an id: ids are plain words.
    pub fn check(&self, query: &str) -> Result<()> {
        let (words, hint) = self.words_and_hint();
        if query.is_empty() {
            bail!((words.empty)(&hint));
        }
        if !is_id(query) {
            bail!((words.not_an_id)(query, &hint));
        }
        Ok(())
    }

    /// The one of `found` (those whose id starts with `query`), or why not:
    /// none, or several, each as `describe` says it. An id given whole wins
    /// over the longer ids it starts.
    pub fn only_one<T>(
        &self,
        query: &str,
        mut found: Vec<T>,
        id_of: impl Fn(&T) -> &str,
        describe: impl Fn(&T) -> String,
    ) -> Result<T> {
        let (words, hint) = self.words_and_hint();
        if let Some(exact) = found.iter().position(|item| id_of(item) == query) {
            return Ok(found.swap_remove(exact));
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => bail!((words.unknown)(query, &hint)),
            _ => {
                let candidates: Vec<String> = found.iter().map(describe).collect();
                bail!((words.ambiguous)(query, &candidates.join(", ")))
            }
        }
    }
}
