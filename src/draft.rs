//! Drafts: a reflection in progress, kept on disk after every answer, so
//! that Ctrl-C, a closed terminal or a crash never costs what was written.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use crate::answer::{Answer, Picked};
use crate::atomic::AtomicFile;
use crate::journal::{Journal, is_id};
use crate::lang::Lang;
use crate::lang::failed::{Step, Thing, could_not};
use crate::prefix::DRAFT;
use crate::{limits, paths, whole_file};

/// A reflection not yet saved to the journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub set: String,
    pub set_version: u32,
    pub lang: Lang,
    pub started: String,
    /// When the last answer came in.
    pub updated: String,
    pub follows: Option<String>,
    /// Further preparations of the same conversation it looks back on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also_follows: Vec<String>,
    /// Each prompt answered so far; `None` is an optional prompt left blank.
    #[serde(deserialize_with = "answers_of_any_version")]
    pub answers: Vec<(String, Option<Answer>)>,
    pub title: Option<String>,
    pub tags: Vec<String>,
    /// An answer being typed when the reflection was stopped: its prompt,
    /// and the text so far, which the question starts from when it goes on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typing: Option<(String, String)>,
}

impl Draft {
    /// The day it was started, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        self.started.get(..10).unwrap_or(&self.started)
    }

    /// Whether the draft's id and set are plain words and the file bears
    /// its id: only then may bezin name it in a command or remove it by id.
    fn is_named_by(&self, path: &Path) -> bool {
        let name = path.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
        let stem = name.strip_suffix(".age").unwrap_or(&name).strip_suffix(".json");
        is_id(&self.id) && is_id(&self.set) && stem == Some(self.id.as_str())
    }

    /// How many prompts have an answer.
    pub fn answered(&self) -> usize {
        self.answers.iter().filter(|(_, answer)| answer.is_some()).count()
    }
}

/// A draft's answers, also as an earlier bezin kept them (`{"choice": "id"}`):
/// a reflection started before an update goes on after it. Labels of such
/// choices come back when the session resumes.
fn answers_of_any_version<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<(String, Option<Answer>)>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Kept {
        Before(Before),
        Now(Answer),
    }
    #[derive(Deserialize)]
    #[serde(rename_all = "lowercase")]
    enum Before {
        Text(String),
        Number(i64),
        Choice(String),
        Choices(Vec<String>),
        Bool(bool),
    }
    let by_id = |id: String| Picked { id: Some(id), label: String::new() };
    let kept = Vec::<(String, Option<Kept>)>::deserialize(deserializer)?;
    let answer = |kept| match kept {
        Kept::Now(answer) => answer,
        Kept::Before(Before::Text(text)) => Answer::Text(text),
        Kept::Before(Before::Number(n)) => Answer::Number(n),
        Kept::Before(Before::Bool(b)) => Answer::Bool(b),
        Kept::Before(Before::Choice(id)) => Answer::Choice(by_id(id)),
        Kept::Before(Before::Choices(ids)) => Answer::Multi(ids.into_iter().map(by_id).collect()),
    };
    Ok(kept.into_iter().map(|(id, kept)| (id, kept.map(answer))).collect())
}

/// The drafts folder: one JSON file per draft, `ID.json`, or `ID.json.age`
/// encrypted to the journal's keys when the journal is encrypted.
pub struct Drafts<'j> {
    dir: PathBuf,
    /// Whose keys encrypt the drafts, and read them.
    journal: &'j Journal,
}

impl<'j> Drafts<'j> {
    pub fn new(dir: PathBuf, journal: &'j Journal) -> Drafts<'j> {
        Drafts { dir, journal }
    }

    fn path(&self, id: &str, sealed: bool) -> PathBuf {
        self.dir.join(if sealed { format!("{id}.json.age") } else { format!("{id}.json") })
    }

    /// Writes the draft whole or not at all, encrypted when the journal
    /// is (which needs no secret). Returns where it is.
    pub fn save(&self, draft: &Draft) -> Result<PathBuf> {
        let keys = self.journal.encrypted_to()?;
        let path = self.path(&draft.id, keys.is_some());
        let failed = || could_not(Step::Keep, Thing::Draft, path.display());
        paths::create_private_dir(&self.dir).with_context(failed)?;
        let mut text = zeroize::Zeroizing::new(serde_json::to_vec_pretty(draft).with_context(failed)?);
        text.push(b'\n');
        if let Some(keys) = &keys {
            keys.write_file(&path, ".draft-", &text).with_context(failed)?;
        } else {
            let mut file = AtomicFile::new(&path, ".draft-").with_context(failed)?;
            file.write_all(&text).and_then(|()| file.commit()).with_context(failed)?;
        }
        // One reflection has one draft: its other form goes.
        let _ = fs::remove_file(self.path(&draft.id, keys.is_none()));
        Ok(path)
    }

    /// A draft file's JSON, decrypted when it is encrypted.
    fn read(&self, path: &Path) -> Result<Option<zeroize::Zeroizing<Vec<u8>>>> {
        let name = path.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
        if name.ends_with(".json") {
            // One that cannot be read whole (too large, not a regular file) is shown as broken.
            return match whole_file::read_regular(path, limits::DRAFT) {
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(None),
                read => Ok(Some(zeroize::Zeroizing::new(read.unwrap_or_default()))),
            };
        }
        if !name.ends_with(".json.age") {
            return Ok(None);
        }
        if !self.journal.is_encrypted() {
            anyhow::bail!(
                "the draft {} is encrypted, and the journal is not: bezin decrypt turns both back",
                path.display()
            );
        }
        self.journal.unlock_any()?;
        // One that does not open is shown as broken, never skipped.
        Ok(Some(self.journal.decrypt_small(path).unwrap_or_else(|_| zeroize::Zeroizing::new(Vec::new()))))
    }

    /// Every draft, newest first, and the files that are not readable drafts.
    pub fn all(&self) -> Result<(Vec<Draft>, Vec<PathBuf>)> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
            Err(err) => {
                return Err(err).with_context(|| could_not(Step::Read, Thing::Drafts, self.dir.display()));
            }
        };
        let (mut drafts, mut broken) = (Vec::new(), Vec::new());
        let mut paths: Vec<PathBuf> = entries.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect();
        paths.sort();
        for path in paths {
            let Some(bytes) = self.read(&path).transpose() else { continue };
            match serde_json::from_slice::<Draft>(&bytes?) {
                Ok(draft) if draft.is_named_by(&path) => drafts.push(draft),
                _ => broken.push(path),
            }
        }
        drafts.sort_by_key(|draft| std::cmp::Reverse(crate::clock::moment(&draft.updated)));
        Ok((drafts, broken))
    }

    /// The newest draft of `set`.
    pub fn latest_of(&self, set: &str, keep: impl Fn(&Draft) -> bool) -> Result<Option<Draft>> {
        Ok(self.all()?.0.into_iter().find(|draft| draft.set == set && keep(draft)))
    }

    /// The draft whose id starts with `query`.
    pub fn find(&self, query: &str) -> Result<Draft> {
        DRAFT.check(query)?;
        let found = self.all()?.0.into_iter().filter(|draft| draft.id.starts_with(query)).collect();
        DRAFT.only_one(query, found, |draft| draft.id.as_str(), |draft| draft.id.clone())
    }

    pub fn remove(&self, id: &str) -> Result<()> {
        let sealed = self.path(id, true);
        let path = if sealed.exists() { sealed } else { self.path(id, false) };
        fs::remove_file(&path).with_context(|| could_not(Step::Remove, Thing::Draft, path.display()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(answers: Vec<(String, Option<Answer>)>) -> Draft {
        Draft {
            id: "d1".into(),
            set: "five-tips".into(),
            set_version: 1,
            lang: Lang::Nl,
            started: "2026-11-25T09:00:00+01:00".into(),
            updated: "2026-11-25T09:05:00+01:00".into(),
            follows: None,
            also_follows: Vec::new(),
            answers,
            title: None,
            tags: Vec::new(),
            typing: None,
        }
    }

    #[test]
    fn every_kind_of_answer_is_kept_and_read_back() {
        let time = Picked { id: Some("time".into()), label: "gebrek aan tijd".into() };
        let draft = draft(vec![
            ("counterpart".into(), Some(Answer::Text("Anna".into()))),
            ("calm".into(), Some(Answer::Number(4))),
            ("frame".into(), Some(Answer::Choice(time.clone()))),
            ("slow-down".into(), Some(Answer::Multi(vec![time]))),
            ("open".into(), Some(Answer::Bool(true))),
            ("extra".into(), None),
        ]);
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
        let drafts = Drafts::new(dir.path().join("drafts"), &journal);
        drafts.save(&draft).unwrap();
        assert_eq!(drafts.find("d1").unwrap(), draft);
    }

    #[test]
    fn drafts_are_newest_first_by_time_across_utc_offsets() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
        let drafts = Drafts::new(dir.path().join("drafts"), &journal);
        // 08:30 in London is after 09:00 in Amsterdam, though it sorts first as text.
        for (id, updated) in [("amsterdam", "2026-11-25T09:00:00+01:00"), ("london", "2026-11-25T08:30:00+00:00")] {
            drafts.save(&Draft { id: id.into(), updated: updated.into(), ..draft(Vec::new()) }).unwrap();
        }
        let ids: Vec<String> = drafts.all().unwrap().0.into_iter().map(|draft| draft.id).collect();
        assert_eq!(ids, ["london", "amsterdam"]);
    }

    #[test]
    fn a_draft_of_an_earlier_bezin_still_reads() {
        let json = r#"{"id":"d1","set":"five-tips","set_version":1,"lang":"nl",
            "started":"2026-11-25T09:00:00+01:00","updated":"2026-11-25T09:05:00+01:00","follows":null,
            "answers":[["counterpart",{"text":"Anna"}],["calm",{"number":4}],["frame",{"choice":"time"}],
                       ["slow-down",{"choices":["silence"]}],["open",{"bool":true}],["extra",null]],
            "title":null,"tags":[]}"#;
        let read: Draft = serde_json::from_str(json).unwrap();
        let by_id = |id: &str| Picked { id: Some(id.into()), label: String::new() };
        assert_eq!(
            read.answers,
            vec![
                ("counterpart".into(), Some(Answer::Text("Anna".into()))),
                ("calm".into(), Some(Answer::Number(4))),
                ("frame".into(), Some(Answer::Choice(by_id("time")))),
                ("slow-down".into(), Some(Answer::Multi(vec![by_id("silence")]))),
                ("open".into(), Some(Answer::Bool(true))),
                ("extra".into(), None),
            ]
        );
    }
}
