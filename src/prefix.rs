//! Finding one thing by a unique prefix of its id, as entries and drafts
//! are found, with the same sentences for both.

use anyhow::{Result, bail};

use crate::journal::is_id;

/// What is looked for: "entry", with its article, and where to see them.
pub struct Sought {
    pub noun: &'static str,
    /// "an entry"
    pub one: &'static str,
    /// The command that lists them, and what it does: ("list", "shows them").
    pub hint: (&'static str, &'static str),
}

pub const ENTRY: Sought = Sought { noun: "entry", one: "an entry", hint: ("list", "shows them") };
pub const DRAFT: Sought = Sought { noun: "draft", one: "a draft", hint: ("drafts", "lists them") };

impl Sought {
    /// "bezin list shows them", as the person started bezin.
    fn hint(&self) -> String {
        let (command, does) = self.hint;
        format!("{} {does}", crate::shell::command(command))
    }

    /// Fails unless `query` may start an id: ids are plain words.
    pub fn check(&self, query: &str) -> Result<()> {
        let Sought { noun, one, .. } = self;
        let hint = self.hint();
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
        let Sought { noun, .. } = self;
        let hint = self.hint();
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
