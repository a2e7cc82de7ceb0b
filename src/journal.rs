//! The journal: one JSON line per finished reflection, appended under a lock
//! and synced to disk before bezin says it is saved (docs/journal-format.md).

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The version of the line format, written into every entry.
pub const FORMAT: u32 = 1;

/// One finished reflection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub format: u32,
    pub id: String,
    pub set: String,
    pub set_version: u32,
    pub lang: Lang,
    /// RFC 3339 with the local UTC offset, e.g. `2026-11-24T09:15:02+01:00`.
    pub started: String,
    pub finished: String,
    pub title: Option<String>,
    pub tags: Vec<String>,
    /// The id of the entry this one follows up on.
    pub follows: Option<String>,
    pub answers: Vec<Recorded>,
}

/// A prompt as it was asked and what it got.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    pub prompt: String,
    pub kind: String,
    /// The question as shown, placeholders filled.
    pub question: String,
    /// The ends of a scale, so "7/10" can be shown without the set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<(i64, i64)>,
    pub answer: Value,
}

/// An answer in the journal: text, a number, a list of labels, or yes/no.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Number(i64),
    Text(String),
    List(Vec<String>),
}

impl Value {
    /// The answer in words: "7/10", "yes" or "ja", labels joined by commas.
    pub fn show(&self, range: Option<(i64, i64)>, lang: Lang) -> String {
        match (self, range) {
            (Value::Number(n), Some((_, max))) => format!("{n}/{max}"),
            (Value::Number(n), None) => n.to_string(),
            (Value::Bool(true), _) => lang.words().yes.to_owned(),
            (Value::Bool(false), _) => lang.words().no.to_owned(),
            (Value::Text(text), _) => text.clone(),
            (Value::List(items), _) => items.join(", "),
        }
    }
}

impl Recorded {
    pub fn show(&self, lang: Lang) -> String {
        self.answer.show(self.range, lang)
    }
}

impl Entry {
    /// The local date of the reflection, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        self.finished.get(..10).unwrap_or(&self.finished)
    }

    /// The id as lists show it; any unique prefix finds the entry.
    pub fn short_id(&self) -> &str {
        self.id.get(..7).unwrap_or(&self.id)
    }
}

/// A new entry id: ten random characters of Crockford's base 32, so that
/// short prefixes are unique in practice and easy to type.
pub fn new_id() -> String {
    const ALPHABET: &[u8] = b"0123456789abcdefghjkmnpqrstvwxyz";
    (0..10).map(|_| ALPHABET[fastrand::usize(..ALPHABET.len())] as char).collect()
}

/// The journal file.
pub struct Journal {
    path: PathBuf,
}

impl Journal {
    pub fn new(path: PathBuf) -> Self {
        Journal { path }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Appends `entry` as one line in one write, under an exclusive lock, and
    /// syncs it to disk. The file and its folder are made owner-only.
    pub fn append(&self, entry: &Entry) -> Result<()> {
        let mut line = serde_json::to_string(entry).context("could not encode the entry")?;
        line.push('\n');
        let created = self.create_parent()? | !self.path.exists();
        let mut file = OpenOptions::new()
            .append(true)
            .create(true)
            .mode(0o600)
            .open(&self.path)
            .with_context(|| format!("could not open the journal {}", self.path.display()))?;
        file.lock().with_context(|| format!("could not lock the journal {}", self.path.display()))?;
        file.write_all(line.as_bytes())
            .and_then(|()| file.sync_all())
            .with_context(|| format!("could not write to the journal {}", self.path.display()))?;
        if created {
            sync_dir(self.path.parent())?;
        }
        Ok(())
    }

    /// Makes the journal's folder (owner-only) if it is missing; true if it did.
    fn create_parent(&self) -> Result<bool> {
        let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) else {
            return Ok(false);
        };
        if parent.is_dir() {
            return Ok(false);
        }
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)
            .with_context(|| format!("could not create the folder {}", parent.display()))?;
        Ok(true)
    }

    /// Every entry, oldest first, read as a stream under a shared lock.
    pub fn entries(&self) -> Result<Entries> {
        let file = match File::open(&self.path) {
            Ok(file) => file,
            Err(err) if err.kind() == ErrorKind::NotFound => {
                return Ok(Entries { lines: None, number: 0, path: self.path.clone() });
            }
            Err(err) => return Err(err).with_context(|| format!("could not read the journal {}", self.path.display())),
        };
        file.lock_shared().with_context(|| format!("could not lock the journal {}", self.path.display()))?;
        Ok(Entries { lines: Some(BufReader::new(file)), number: 0, path: self.path.clone() })
    }

    /// The entry whose id starts with `query`, or the newest for `last`.
    pub fn find(&self, query: &str) -> Result<Entry> {
        let mut matches = Vec::new();
        let mut newest = None;
        for entry in self.entries()? {
            let entry = entry?;
            if entry.id.starts_with(query) {
                matches.push(entry.clone());
            }
            newest = Some(entry);
        }
        if query == "last" {
            return newest.with_context(|| format!("the journal {} has no entries yet", self.path.display()));
        }
        match matches.len() {
            1 => Ok(matches.remove(0)),
            0 => bail!("no entry has the id '{query}' (bezin list shows them)"),
            _ => {
                let candidates: Vec<String> =
                    matches.iter().map(|e| format!("{} ({}, {})", e.id, e.date(), e.set)).collect();
                bail!("the id '{query}' is ambiguous; it could be {}", candidates.join(", "))
            }
        }
    }

    /// The newest entry of any of `sets`.
    pub fn latest_of(&self, sets: &[&str]) -> Result<Option<Entry>> {
        let mut latest = None;
        for entry in self.entries()? {
            let entry = entry?;
            if sets.contains(&entry.set.as_str()) {
                latest = Some(entry);
            }
        }
        Ok(latest)
    }
}

/// The journal's entries as a stream, oldest first.
pub struct Entries {
    lines: Option<BufReader<File>>,
    number: usize,
    path: PathBuf,
}

impl Iterator for Entries {
    type Item = Result<Entry>;

    fn next(&mut self) -> Option<Self::Item> {
        let reader = self.lines.as_mut()?;
        let mut line = String::new();
        loop {
            line.clear();
            self.number += 1;
            match reader.read_line(&mut line) {
                Ok(0) => return None,
                Ok(_) if line.trim().is_empty() => {}
                Ok(_) => {
                    let parsed = serde_json::from_str(&line).with_context(|| {
                        format!("{}:{}: this line is not a readable entry", self.path.display(), self.number)
                    });
                    return Some(parsed);
                }
                Err(err) => {
                    let path = self.path.display();
                    return Some(
                        Err(err).with_context(|| format!("could not read the journal {path}, line {}", self.number)),
                    );
                }
            }
        }
    }
}

fn sync_dir(dir: Option<&Path>) -> Result<()> {
    let dir = dir.filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    File::open(dir).and_then(|d| d.sync_all()).with_context(|| format!("could not sync the folder {}", dir.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn entry(id: &str) -> Entry {
        Entry {
            format: FORMAT,
            id: id.to_owned(),
            set: "five-tips".to_owned(),
            set_version: 1,
            lang: Lang::En,
            started: "2026-11-24T09:00:00+01:00".to_owned(),
            finished: "2026-11-24T09:10:00+01:00".to_owned(),
            title: None,
            tags: vec![],
            follows: None,
            answers: vec![Recorded {
                prompt: "calm".to_owned(),
                kind: "scale".to_owned(),
                question: "How calm?".to_owned(),
                range: Some((1, 10)),
                answer: Value::Number(7),
            }],
        }
    }

    #[test]
    fn appended_entries_read_back_in_order_with_owner_only_files() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("new/journal.jsonl"));
        journal.append(&entry("abc1234567")).unwrap();
        journal.append(&entry("abd1234567")).unwrap();
        let ids: Vec<String> = journal.entries().unwrap().map(|e| e.unwrap().id).collect();
        assert_eq!(ids, ["abc1234567", "abd1234567"]);
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(journal.path()), 0o600);
        assert_eq!(mode(&dir.path().join("new")), 0o700);
    }

    #[test]
    fn prefixes_find_unique_entries_and_name_ambiguous_ones() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal.jsonl"));
        journal.append(&entry("abc1234567")).unwrap();
        journal.append(&entry("abd1234567")).unwrap();
        assert_eq!(journal.find("abc").unwrap().id, "abc1234567");
        assert_eq!(journal.find("last").unwrap().id, "abd1234567");
        let err = journal.find("ab").unwrap_err().to_string();
        assert!(err.starts_with("the id 'ab' is ambiguous; it could be abc1234567"), "{err}");
        let err = journal.find("zz").unwrap_err().to_string();
        assert_eq!(err, "no entry has the id 'zz' (bezin list shows them)");
    }

    #[test]
    fn scales_show_their_maximum_and_booleans_speak_the_language() {
        assert_eq!(Value::Number(7).show(Some((1, 10)), Lang::En), "7/10");
        assert_eq!(Value::Bool(true).show(None, Lang::Nl), "ja");
    }
}
