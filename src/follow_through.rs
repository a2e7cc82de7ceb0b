//! Prepared conversations still to look back on: entries of a set with a
//! follow-up (five tips before you answer, …) that no entry follows yet.

use std::collections::HashSet;
use std::ops::ControlFlow;

use anyhow::Result;

use crate::catalog::Catalog;
use crate::journal::{Damaged, Entry, Journal};
use crate::people::PersonPrompts;

/// A prepared conversation no entry looks back on yet.
pub struct Open {
    pub entry: Entry,
    /// Whom it is about, if its set asks.
    pub person: Option<String>,
    /// The set that looks back on it.
    pub follow_up: String,
}

impl Open {
    /// The command that looks back on it.
    pub fn command(&self) -> String {
        format!("bezin run {} --follows {}", self.follow_up, self.entry.id)
    }
}

/// The open ones among the entries finished since `since`, newest first,
/// at most `limit`, of those that `follow_up` (a set id) looks back on, or
/// of any set when it is `None`. Reads the journal from its end and stops
/// at the first entry older than `since`: a look-back always comes after
/// what it looks back on.
pub fn open(
    journal: &Journal,
    catalog: &Catalog,
    follow_up: Option<&str>,
    since: jiff::Timestamp,
    limit: usize,
    mut damaged: impl FnMut(Damaged),
) -> Result<Vec<Open>> {
    let prompts = PersonPrompts::of(catalog);
    let mut followed = HashSet::new();
    let mut open = Vec::new();
    journal.scan_back(|line| {
        let entry = match line.parse() {
            Ok(entry) => entry,
            Err(err) => {
                damaged(err);
                return Ok(ControlFlow::Continue(()));
            }
        };
        if crate::clock::moment(&entry.finished) < since {
            return Ok(ControlFlow::Break(()));
        }
        if let Some(id) = &entry.follows {
            followed.insert(id.clone());
        }
        let next = catalog.find(&entry.set).and_then(|available| available.set.follow_up.clone());
        if let Some(next) = next
            && follow_up.is_none_or(|wanted| wanted == next)
            && !followed.contains(&entry.id)
        {
            let person = prompts.person_of(&entry);
            open.push(Open { entry, person, follow_up: next });
        }
        Ok(if open.len() == limit { ControlFlow::Break(()) } else { ControlFlow::Continue(()) })
    })?;
    Ok(open)
}

/// `days` days before now.
pub fn days_ago(days: i64) -> jiff::Timestamp {
    jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * days)
}
