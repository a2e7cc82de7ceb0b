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
    /// The marks of bezin's notes: as the export before left them, then
    /// as this one leaves them.
    seen: Remembered,
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
        let remembered = Remembered::load(root);
        let read_all = |names: &[String]| -> Vec<(String, checksum::Mark)> {
            names.iter().filter_map(|name| Some((name.clone(), remembered.mark(root, name)?))).collect()
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
        Ok(Folder { root: root.to_owned(), found, replace_changed, report: Report::default(), seen: remembered })
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
        let target = self.root.join(path);
        if there == Some(note.checksum.as_str()) {
            self.report.unchanged += 1;
            if self.seen.holds(path, &note.id, &note.checksum) {
                return Ok(path.to_owned());
            }
        } else {
            // A new file renamed over the name replaces a link planted there; it never writes through one.
            let mut file = AtomicFile::new(&target, ".bezin-export-")?;
            file.write_all(note.text.as_bytes())?;
            // Synced with all the others at the end (`sync`).
            file.persist_unsynced().with_context(|| format!("could not write {}", target.display()))?;
            self.report.written += 1;
        }
        self.seen.note(&target, path, &note.id, &note.checksum);
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

    /// Remembers the notes as they are for the next export, and syncs
    /// every note written and the folders, so that the renames in them last.
    pub fn sync(&self) -> Result<()> {
        if self.seen.changed {
            self.seen.save(&self.root);
        }
        // Every note written, synced at once: one file system's sync, not one per note.
        let root =
            std::fs::File::open(&self.root).with_context(|| format!("could not open {}", self.root.display()))?;
        nix::unistd::syncfs(&root).with_context(|| format!("could not sync {}", self.root.display()))?;
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

    fn rename(&mut self, from: &str, to: &str) -> Result<()> {
        self.seen.forget(from);
        fs::rename(self.root.join(from), self.root.join(to))
            .with_context(|| format!("could not rename {from} to {to} in {}", self.root.display()))
    }

    fn remove(&mut self, path: &str) -> Result<()> {
        self.seen.forget(path);
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

/// The marks of bezin's notes as an export left them, kept in the folder
/// (`.bezin-marks.json`) so that the next export reads only the notes that
/// changed since: a note whose size, inode and change time are as they
/// were holds what it held. Lost or damaged, every note is read again.
#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Remembered {
    notes: HashMap<String, KeptNote>,
    /// Whether this export changed them, and they are to be kept again.
    #[serde(skip)]
    changed: bool,
}

/// One note as an export left it.
#[derive(serde::Serialize, serde::Deserialize)]
struct KeptNote {
    size: u64,
    inode: u64,
    changed: i128,
    id: String,
    checksum: String,
}

const REMEMBERED: &str = ".bezin-marks.json";

impl Remembered {
    fn load(root: &Path) -> Remembered {
        let limit = crate::limits::FileLimit { bytes: 256 << 20, of: "a list of notes" };
        let text = crate::whole_file::read_regular(&root.join(REMEMBERED), limit).unwrap_or_default();
        serde_json::from_slice(&text).unwrap_or_default()
    }

    /// The mark of the note at `name`: as remembered, when the file is as
    /// it was then; read from the file otherwise.
    fn mark(&self, root: &Path, name: &str) -> Option<checksum::Mark> {
        let path = root.join(name);
        if let (Some(kept), Ok(meta)) = (self.notes.get(name), fs::symlink_metadata(&path))
            && meta.is_file()
            && kept.is(&meta)
        {
            return Some(checksum::Mark { id: kept.id.clone(), checksum: Some(kept.checksum.clone()) });
        }
        mark(&path)
    }

    /// Whether the note `id` with `checksum` is remembered at `name`.
    fn holds(&self, name: &str, id: &str, checksum: &str) -> bool {
        self.notes.get(name).is_some_and(|kept| kept.id == id && kept.checksum == checksum)
    }

    /// Remembers the note `id` at `name` (the file `path`), as written now.
    fn note(&mut self, path: &Path, name: &str, id: &str, checksum: &str) {
        if let Ok(meta) = fs::symlink_metadata(path) {
            let (size, inode, changed) = stat(&meta);
            let kept = KeptNote { size, inode, changed, id: id.to_owned(), checksum: checksum.to_owned() };
            self.notes.insert(name.to_owned(), kept);
            self.changed = true;
        }
    }

    fn forget(&mut self, name: &str) {
        self.changed |= self.notes.remove(name).is_some();
    }

    /// Keeps the marks in the folder; an export that cannot only reads
    /// every note again the next time.
    fn save(&self, root: &Path) {
        let path = root.join(REMEMBERED);
        let written = AtomicFile::new(&path, ".bezin-export-").and_then(|mut file| {
            file.write_all(&serde_json::to_vec(self).unwrap_or_default())?;
            file.persist().map(drop)
        });
        drop(written);
    }
}

impl KeptNote {
    fn is(&self, meta: &fs::Metadata) -> bool {
        stat(meta) == (self.size, self.inode, self.changed)
    }
}

/// A file's size, inode and change time (which no tool sets back).
fn stat(meta: &fs::Metadata) -> (u64, u64, i128) {
    use std::os::unix::fs::MetadataExt;
    (meta.len(), meta.ino(), i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()))
}
