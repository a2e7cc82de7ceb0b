//! Changing the journal: a rewrite under the lock, whatever it makes of
//! the old lines, and the change of one entry on top of it.

use std::io::Write;
use std::ops::ControlFlow;

use anyhow::{Result, bail};

use super::{Entry, Held, Journal, Locked, entry, write_line};

impl Journal {
    /// Replaces the journal with what `write` makes of it, atomically: `write`
    /// reads the old lines, writes the new file and says whether it differs;
    /// the new file is synced, renamed over the old one and the folder
    /// synced, all under the lock. If anything fails, or nothing differs, the
    /// journal is left as it was. Returns whether it was replaced.
    pub fn rewrite(&self, write: impl FnOnce(&Locked, &mut dyn Write) -> Result<bool>) -> Result<bool> {
        let sealed = self.writable_sealed_folder()?;
        if let Some(folder) = sealed {
            self.unlock_folder(folder)?;
        }
        let folder = match sealed {
            Some(folder) => folder,
            None => self.writable_folder()?,
        };
        let lock = folder.lock()?;
        if sealed.is_some() {
            // What stopped encrypts and decrypts left beside the journal.
            self.remove_leftovers();
        }
        let (old, mut out) = folder.rewriting(&lock)?;
        let locked = Locked { held: Held::Plain(old.try_clone()?) };
        if !write(&locked, &mut out)? {
            return Ok(false);
        }
        let new = out.into_inner().map_err(std::io::IntoInnerError::into_error)?;
        let changed = folder.record_changes(&lock, &old, &new)?;
        // An encrypted view's indexes go with its old text.
        if changed && sealed.is_none() {
            // What they hold of the entries changed or gone goes with them.
            self.remove_plain_indexes()?;
        }
        Ok(changed)
    }
}

/// What a change makes of an entry.
pub enum Change {
    /// Leave the journal as it is.
    Keep,
    Replace(Box<Entry>),
    Remove,
}

impl Journal {
    /// Changes the entry `id` in one step under the exclusive lock: `decide`
    /// sees the entry as the journal holds it at that moment, so a change
    /// another bezin made meanwhile is never lost. Fields bezin does not
    /// know stay on a replaced entry, and every other line stays byte for
    /// byte the same; a replaced entry larger than an entry may be is
    /// refused. Returns whether the journal changed.
    pub fn change(&self, id: &str, decide: impl FnOnce(Entry) -> Result<Change>) -> Result<bool> {
        let mut decide = Some(decide);
        self.rewrite(|locked, out| {
            let (mut changed, mut refused) = (false, None);
            locked.scan(|line| {
                let candidate = decide.is_some() && line.contains(id.as_bytes());
                let entry = match candidate.then(|| line.parse()) {
                    Some(Ok(entry)) if entry.id == id => entry,
                    _ => {
                        write_line(out, line.bytes)?;
                        return Ok(ControlFlow::Continue(()));
                    }
                };
                let decided = decide.take().map_or(Ok(Change::Keep), |decide| decide(entry));
                match decided {
                    // Said as it is, not as a failure to read the journal.
                    Err(err) => {
                        refused = Some(err);
                        return Ok(ControlFlow::Break(()));
                    }
                    Ok(Change::Keep) => write_line(out, line.bytes)?,
                    Ok(Change::Replace(entry)) => {
                        let new = entry::line_keeping_unknown(&entry, line.bytes);
                        if let Err(too_large) = crate::limits::entry_line(new.len()) {
                            refused = Some(anyhow::anyhow!((crate::lang::interface().journal().nothing_changed)(
                                &too_large.to_string()
                            )));
                            return Ok(ControlFlow::Break(()));
                        }
                        write_line(out, new.as_bytes())?;
                        changed = true;
                    }
                    Ok(Change::Remove) => changed = true,
                }
                Ok(ControlFlow::Continue(()))
            })?;
            if let Some(err) = refused {
                return Err(err);
            }
            if decide.is_some() {
                bail!((crate::lang::interface().journal().no_longer_there)(id));
            }
            Ok(changed)
        })
    }
}
