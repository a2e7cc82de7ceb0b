//! Finding one thing by a unique prefix of its id, as entries and drafts
//! are found, with the same sentences for both.

use anyhow::{Result, bail};

use crate::journal::is_id;
use crate::lang::errors::IdWords;
use crate::lang::{self, Lang};

/// How many characters of an id lists show.
pub const SHORT: usize = 7;

/// The shortest start of `id`, of at least `SHORT` characters, that none
/// of `others` but `id` itself starts with (the whole id where one does).
pub fn unique_prefix(id: &str, others: &[String]) -> String {
    let shared = |other: &String| id.bytes().zip(other.bytes()).take_while(|(a, b)| a == b).count();
    let longest = others.iter().filter(|other| *other != id).map(shared).max().unwrap_or(0);
    id.get(..SHORT.max(longest + 1)).unwrap_or(id).to_owned()
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unique_prefix_is_as_short_as_lists_show_or_as_long_as_it_must_be() {
        let others = |ids: &[&str]| ids.iter().map(|id| (*id).to_owned()).collect::<Vec<_>>();
        assert_eq!(unique_prefix("ggkp3r9j9r", &others(&["ggkp3r9j9r", "abcdefghij"])), "ggkp3r9");
        assert_eq!(unique_prefix("ggkp3r9j9r", &others(&["ggkp3r9x00"])), "ggkp3r9j");
        assert_eq!(unique_prefix("ggkp3r9", &others(&["ggkp3r9j9r"])), "ggkp3r9");
        assert_eq!(unique_prefix("abc", &[]), "abc");
    }
}
