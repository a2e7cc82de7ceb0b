//! What a rewrite of the view changed, as records: the rest of bezin
//! changes the journal by writing a new journal of format 2 (an import
//! merges entries in, an edit replaces a line, a deletion leaves one out),
//! and this turns the difference into records of this device's log.

use std::collections::HashMap;
use std::fs::File;
use std::io::Write;
use std::ops::ControlFlow;
use std::os::unix::fs::FileExt;

use anyhow::{Context, Result};
use serde::Deserialize;

use super::record::{self, Stamp};
use crate::journal::{lines, write_line};
use crate::lang::failed::{Step, Thing, could_not};

#[derive(Deserialize)]
struct Id<'a> {
    #[serde(borrow)]
    id: std::borrow::Cow<'a, str>,
}

/// The id of the entry on a line of the view. A line as bezin writes it
/// starts with its format and id, which are read without parsing the rest
/// (every line of the view is whole JSON); any other is parsed.
fn id_of(line: &[u8]) -> Option<String> {
    if let Some(id) = leading_id(line) {
        return Some(id.to_owned());
    }
    serde_json::from_slice::<Id>(line).ok().map(|id| id.id.into_owned())
}

/// The id of `{"format":N,"id":"ID",…`, when it is a plain word.
pub fn leading_id(line: &[u8]) -> Option<&str> {
    let rest = line.strip_prefix(b"{\"format\":")?;
    let digits = rest.iter().take_while(|byte| byte.is_ascii_digit()).count();
    let rest = rest[digits..].strip_prefix(b",\"id\":\"")?;
    let id = std::str::from_utf8(&rest[..memchr::memchr(b'"', rest)?]).ok()?;
    crate::journal::is_id(id).then_some(id)
}

/// Writes the records that turn the journal `old` into `new` to `out`: a
/// new entry for each id only `new` holds, a change for each line that
/// differs, and a deletion for each id only `old` holds. Returns how many.
pub fn changes(old: &File, new: &File, stamp: &Stamp, out: &mut dyn Write) -> Result<usize> {
    let mut held: HashMap<String, (u64, usize)> = HashMap::new();
    lines::forward(old, lines::LONGEST, |line| {
        if let Some(id) = id_of(line.bytes) {
            held.insert(id, (line.offset, line.bytes.len()));
        }
        Ok(ControlFlow::Continue(()))
    })
    .with_context(|| could_not(Step::Read, Thing::View, ""))?;
    let mut records = 0;
    let mut record = |line: &str| {
        records += 1;
        write_line(out, line.as_bytes())
    };
    let mut before = Vec::new();
    lines::forward(new, usize::MAX, |line| {
        let Some(id) = id_of(line.bytes) else { return Ok(ControlFlow::Continue(())) };
        match held.remove(&id) {
            None => {
                // The view is bezin's own, so valid: checked the fast way, mended only when not.
                let text = simdutf8::basic::from_utf8(line.bytes)
                    .map_or_else(|_| String::from_utf8_lossy(line.bytes), std::borrow::Cow::Borrowed);
                record(&record::add(&text, stamp))?;
            }
            Some((offset, len)) => {
                before.resize(len, 0);
                old.read_exact_at(&mut before, offset)?;
                if let Some(change) = (before != line.bytes).then(|| record::set(&before, line.bytes, stamp)).flatten()
                {
                    record(&change)?;
                }
            }
        }
        Ok(ControlFlow::Continue(()))
    })
    .with_context(|| could_not(Step::Read, Thing::View, ""))?;
    let mut gone: Vec<(u64, String)> = held.into_iter().map(|(id, (offset, _))| (offset, id)).collect();
    gone.sort();
    for (_, id) in gone {
        record(&record::del(&id, stamp))?;
    }
    Ok(records)
}
