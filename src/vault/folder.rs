//! The export folder as it is, and each note put in its place without
//! ever writing over what the person wrote: bezin's own notes are found by
//! the mark they hold (`checksum`), whatever they are called now; a note
//! the person changed is left alone, its new version written beside it
//! (`NAME.bezin.md`), or, when asked, moved aside (`NAME.yours.md`) for the
//! new version to take its place.

use std::collections::HashMap;
use std::fs;
use std::io::{Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};

use super::checksum;
use super::note::Note;
use crate::atomic::AtomicFile;

/// The subfolder of the people's pages.
pub const PEOPLE: &str = "people";

/// The largest file looked at as a note bezin may have written.
const LARGEST: u64 = 256 * 1024 * 1024;

/// A file of bezin's found in the folder: its path in the folder, and its
/// checksum when it is as bezin wrote it (`None` when the person changed it).
#[derive(Debug)]
struct Found {
    path: String,
    checksum: Option<String>,
}

/// What an export did to the folder.
#[derive(Debug, Default)]
pub struct Report {
    pub written: usize,
    pub unchanged: usize,
    pub renamed: usize,
    pub removed: usize,
    /// Notes the person changed, left alone, and where bezin's version is.
    pub left_alone: Vec<(String, String)>,
    /// Notes the person changed that were replaced, and where theirs went.
    pub replaced: Vec<(String, String)>,
    /// Notes the person changed whose entry is gone, kept.
    pub kept: Vec<String>,
}

/// The export folder and bezin's files in it, by the id of their note.
pub struct Folder {
    root: PathBuf,
    found: HashMap<String, Vec<Found>>,
    replace_changed: bool,
    pub report: Report,
}

impl Folder {
    /// Looks through `root` and its `people/` for the notes bezin wrote
    /// there, on both cores; makes the folders (0700) when missing.
    pub fn survey(root: &Path, replace_changed: bool) -> Result<Folder> {
        let people = root.join(PEOPLE);
        crate::paths::create_private_dir(&people)
            .with_context(|| format!("could not create the folder {}", people.display()))?;
        let mut names = Vec::new();
        for (folder, prefix) in [(root.to_owned(), ""), (people, "people/")] {
            let listing = fs::read_dir(&folder).with_context(|| format!("could not read {}", folder.display()))?;
            for item in listing {
                let item = item.with_context(|| format!("could not read {}", folder.display()))?;
                let name = item.file_name();
                let Some(name) =
                    name.to_str().filter(|name| Path::new(name).extension().is_some_and(|ext| ext == "md"))
                else {
                    continue;
                };
                if item.file_type().is_ok_and(|kind| kind.is_file()) {
                    names.push(format!("{prefix}{name}"));
                }
            }
        }
        let (first, second) = names.split_at(names.len().div_ceil(2));
        let read_all = |names: &[String]| -> Vec<(String, checksum::Mark)> {
            names.iter().filter_map(|name| Some((name.clone(), mark(&root.join(name))?))).collect()
        };
        let marks = std::thread::scope(|scope| {
            let other = scope.spawn(|| read_all(second));
            let mut marks = read_all(first);
            marks.extend(other.join().unwrap_or_default());
            marks
        });
        let mut found: HashMap<String, Vec<Found>> = HashMap::new();
        for (path, mark) in marks {
            found.entry(mark.id).or_default().push(Found { path, checksum: mark.checksum });
        }
        Ok(Folder { root: root.to_owned(), found, replace_changed, report: Report::default() })
    }

    /// Puts `note` in its place: written there, left as it is when it is
    /// already, or moved there from an old name; beside the file when the
    /// person changed the one there, or when the name is a file of theirs.
    /// Other files of the note go when bezin's, and are named when theirs.
    pub fn place(&mut self, note: &Note) -> Result<()> {
        let mut mine = self.found.remove(&note.id).unwrap_or_default();
        let beside = suffixed(&note.path, "bezin");
        let used = match mine.iter().position(|found| found.path == note.path) {
            Some(at) if mine[at].checksum.is_some() => self.write(&note.path, note, mine[at].checksum.as_deref())?,
            Some(at) if self.replace_changed => {
                let theirs = self.free_name(&suffixed(&note.path, "yours"))?;
                self.rename(&note.path, &theirs)?;
                self.report.replaced.push((note.path.clone(), theirs));
                mine.remove(at);
                self.write(&note.path, note, None)?
            }
            Some(_) => self.write_beside(note, &beside, &mine)?,
            None if self.is_taken(&note.path) => self.write_beside(note, &beside, &mine)?,
            None => match mine.iter().position(|found| found.checksum.is_some()) {
                Some(at) => {
                    self.rename(&mine[at].path, &note.path)?;
                    self.report.renamed += 1;
                    let written = mine.remove(at).checksum;
                    self.write(&note.path, note, written.as_deref())?
                }
                None => self.write(&note.path, note, None)?,
            },
        };
        for other in mine.into_iter().filter(|found| found.path != used && found.path != note.path) {
            match other.checksum {
                Some(_) => self.remove(&other.path)?,
                None => self.report.left_alone.push((other.path, used.clone())),
            }
        }
        Ok(())
    }

    /// Writes the new version beside the person's file at the note's name.
    fn write_beside(&mut self, note: &Note, beside: &str, mine: &[Found]) -> Result<String> {
        self.report.left_alone.push((note.path.clone(), beside.to_owned()));
        let there = mine.iter().find(|found| found.path == beside);
        if there.is_some_and(|found| found.checksum.is_none()) {
            return Ok(beside.to_owned());
        }
        self.write(beside, note, there.and_then(|found| found.checksum.as_deref()))
    }

    /// Writes `note` at `path`, unless what is there (with the checksum
    /// `there`) is it already.
    fn write(&mut self, path: &str, note: &Note, there: Option<&str>) -> Result<String> {
        if there == Some(note.checksum.as_str()) {
            self.report.unchanged += 1;
            return Ok(path.to_owned());
        }
        let target = self.root.join(path);
        // A new file renamed over the name replaces a link planted there; it never writes through one.
        let mut file = AtomicFile::new(&target, ".bezin-export-")?;
        file.write_all(note.text.as_bytes())?;
        file.persist().with_context(|| format!("could not write {}", target.display()))?;
        self.report.written += 1;
        Ok(path.to_owned())
    }

    /// Removes the files of notes whose entry or person is gone, unless
    /// `keep` says the id is still there (an entry the filter left out) or
    /// the person changed the file.
    pub fn remove_gone(&mut self, keep: impl Fn(&str) -> bool) -> Result<()> {
        let gone: Vec<(String, Vec<Found>)> = self.found.drain().filter(|(id, _)| !keep(id)).collect();
        for found in gone.into_iter().flat_map(|(_, files)| files) {
            match found.checksum {
                Some(_) => self.remove(&found.path)?,
                None => self.report.kept.push(found.path),
            }
        }
        self.report.kept.sort();
        Ok(())
    }

    /// Syncs the folders, so that the renames in them last.
    pub fn sync(&self) -> Result<()> {
        for folder in [self.root.clone(), self.root.join(PEOPLE)] {
            crate::atomic::sync_folder(&folder).with_context(|| format!("could not sync {}", folder.display()))?;
        }
        Ok(())
    }

    /// Whether something that is not a link stands at `path`: a file of
    /// the person's, which bezin does not write over.
    fn is_taken(&self, path: &str) -> bool {
        fs::symlink_metadata(self.root.join(path)).is_ok_and(|meta| !meta.file_type().is_symlink())
    }

    /// `wanted`, or with `-2` … `-99` when something is there already.
    fn free_name(&self, wanted: &str) -> Result<String> {
        let stem = wanted.strip_suffix(".md").unwrap_or(wanted);
        std::iter::once(wanted.to_owned())
            .chain((2..100).map(|n| format!("{stem}-{n}.md")))
            .find(|name| fs::symlink_metadata(self.root.join(name)).is_err())
            .with_context(|| format!("{wanted} and 98 more versions of it are in {} already", self.root.display()))
    }

    fn rename(&self, from: &str, to: &str) -> Result<()> {
        fs::rename(self.root.join(from), self.root.join(to))
            .with_context(|| format!("could not rename {from} to {to} in {}", self.root.display()))
    }

    fn remove(&mut self, path: &str) -> Result<()> {
        let file = self.root.join(path);
        fs::remove_file(&file).with_context(|| format!("could not remove {}", file.display()))?;
        self.report.removed += 1;
        Ok(())
    }
}

/// `2026-01-10-talk-abc.md` as `2026-01-10-talk-abc.bezin.md`.
fn suffixed(path: &str, suffix: &str) -> String {
    format!("{}.{suffix}.md", path.strip_suffix(".md").unwrap_or(path))
}

/// The mark of the file at `path`, if bezin wrote it: read without
/// following a link or waiting on a pipe put there since it was listed.
fn mark(path: &Path) -> Option<checksum::Mark> {
    let flags = nix::fcntl::OFlag::O_NOFOLLOW | nix::fcntl::OFlag::O_NONBLOCK;
    let file = fs::OpenOptions::new().read(true).custom_flags(flags.bits()).open(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() > LARGEST {
        return None;
    }
    let mut text = Vec::with_capacity(usize::try_from(meta.len()).ok()?);
    file.take(LARGEST).read_to_end(&mut text).ok()?;
    checksum::read(&text)
}
