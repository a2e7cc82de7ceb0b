//! What a rewrite of the view changed, as records: the rest of bezin
//! changes the journal by writing a new journal of format 2 (an import
//! merges entries in, an edit replaces a line, a deletion leaves one out),
//! and this turns the difference into records of this device's log.

use std::collections::HashMap;
use std::fs::File;
use std::ops::ControlFlow;
use std::os::unix::fs::FileExt;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::record::{self, Stamp};
use crate::journal::lines;

#[derive(Deserialize)]
struct Id<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
}

fn id_of(line: &[u8]) -> Option<String> {
    serde_json::from_slice::<Id>(line).ok().map(|id| id.id.into_owned())
}

/// The records that turn the journal `old` into `new`: a new entry for
/// each id only `new` holds, a change for each line that differs, and a
/// deletion for each id only `old` holds.
pub fn changes(old: &File, new: &File, stamp: &Stamp) -> Result<Vec<String>> {
    let mut held: HashMap<String, (u64, usize)> = HashMap::new();
    lines::forward(old, lines::LONGEST, |line| {
        if let Some(id) = id_of(line.bytes) {
            held.insert(id, (line.offset, line.bytes.len()));
        }
        Ok(ControlFlow::Continue(()))
    })
    .context("could not read the journal's view")?;
    let mut records = Vec::new();
    let mut before = Vec::new();
    lines::forward(new, usize::MAX, |line| {
        let Some(id) = id_of(line.bytes) else { return Ok(ControlFlow::Continue(())) };
        match held.remove(&id) {
            None => records.push(record::add(&String::from_utf8_lossy(line.bytes), stamp)),
            Some((offset, len)) => {
                before.resize(len, 0);
                old.read_exact_at(&mut before, offset)?;
                if before != line.bytes {
                    records.extend(record::set(&before, line.bytes, stamp));
                }
            }
        }
        Ok(ControlFlow::Continue(()))
    })
    .context("could not read the journal's new view")?;
    let mut gone: Vec<(u64, String)> = held.into_iter().map(|(id, (offset, _))| (offset, id)).collect();
    gone.sort();
    records.extend(gone.iter().map(|(_, id)| record::del(id, stamp)));
    Ok(records)
}
