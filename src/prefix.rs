//! Finding one thing by a unique prefix of its id, as entries and drafts
//! are found, with the same sentences for both.

use anyhow::{Result, bail};

use crate::journal::is_id;

/// What is looked for: "entry", with its article, and where to see them.
pub struct Sought {
    pub noun: &'static str,
    /// "an entry"
    pub one: &'static str,
    /// "bezin list shows them"
    pub hint: &'static str,
}

pub const ENTRY: Sought = Sought { noun: "entry", one: "an entry", hint: "bezin list shows them" };
pub const DRAFT: Sought = Sought { noun: "draft", one: "a draft", hint: "bezin drafts lists them" };

impl Sought {
    /// Fails unless `query` may start an id: ids are plain words.
    pub fn check(&self, query: &str) -> Result<()> {
        let Sought { noun, one, hint } = self;
        if query.is_empty() {
            bail!("an empty id matches every {noun}; give a few characters of one ({hint})");
        }
        if !is_id(query) {
            bail!("'{query}' is not {one} id; ids are letters, digits, '-' and '_' ({hint})");
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
        let Sought { noun, hint, .. } = self;
        if let Some(exact) = found.iter().position(|item| id_of(item) == query) {
            return Ok(found.swap_remove(exact));
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => bail!("no {noun} has the id '{query}' ({hint})"),
            _ => {
                let candidates: Vec<String> = found.iter().map(describe).collect();
                bail!("the {noun} id '{query}' is ambiguous; it could be {}", candidates.join(", "))
            }
        }
    }
}
