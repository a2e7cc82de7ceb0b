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
use crate::lang::failed::{Step, Thing, could_not};

/// The subfolder of the people's pages.
pub const PEOPLE: &str = "people";

/// The largest file looked at as a note bezin may have written.
const LARGEST: u64 = 256 * 1024 * 1024;

/// A file of bezin's found in the folder: its path in the folder, its
/// checksum when it is as bezin wrote it (`None` when the person changed
/// it), and its `Stat`, taken before it was read.
#[derive(Debug)]
struct Found {
    path: String,
    checksum: Option<String>,
    stat: Stat,
}

/// A file's size, inode and change time (which no tool sets back).
type Stat = (u64, u64, i128);

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
    /// The other `.md` files in the folder, and their `Stat`.
    others: Vec<(String, Stat)>,
    replace_changed: bool,
    pub report: Report,
    /// The marks of bezin's notes: as the export before left them, and
    /// as this one leaves them.
    seen: Remembered,
}

/// What an export that left every note of the folder as rendered says of
/// the whole folder: the digest of all it was rendered from (`Inputs`),
/// how many entries it exported and notes it left, and the digest of the
/// names and `Stat`s of the notes and other `.md` files it left there.
#[derive(Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
struct Whole {
    inputs: String,
    entries: usize,
    notes: usize,
    files: String,
}

/// The export folder as an export finds it: its `.md` files, and what
/// the export before said of it.
pub struct Survey {
    root: PathBuf,
    /// Every `.md` file in the folder and its `people/`, by its path
    /// there, with its `Stat`, in the order of their paths.
    files: Vec<(String, Stat)>,
    /// The marks the export before left, as read (`.bezin-marks.json`).
    marks: Vec<u8>,
    whole: Option<Whole>,
}

impl Survey {
    /// Lists the `.md` files in `root` and its `people/`, on both cores;
    /// makes the folders (0700) when missing.
    pub fn of(root: &Path) -> Result<Survey> {
        let people = root.join(PEOPLE);
        crate::paths::create_private_dir(&people)
            .with_context(|| could_not(Step::Create, Thing::Folder, people.display()))?;
        let mut names = Vec::new();
        for (folder, prefix) in [(root.to_owned(), ""), (people, "people/")] {
            let listing =
                fs::read_dir(&folder).with_context(|| could_not(Step::Read, Thing::Path, folder.display()))?;
            for item in listing {
                let item = item.with_context(|| could_not(Step::Read, Thing::Path, folder.display()))?;
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
        names.sort_unstable();
        let folder = fs::File::open(root).with_context(|| could_not(Step::Read, Thing::Path, root.display()))?;
        let stat_all = |names: &[String]| -> Vec<(String, Stat)> {
            names.iter().filter_map(|name| Some((name.clone(), stat_at(&folder, name)?))).collect()
        };
        let (first, second) = names.split_at(names.len().div_ceil(2));
        let files = std::thread::scope(|scope| {
            let other = scope.spawn(|| stat_all(second));
            let mut files = stat_all(first);
            files.extend(other.join().unwrap_or_default());
            files
        });
        let limit = crate::limits::FileLimit { bytes: 256 << 20, of: ["a list of notes", "een lijst van notities"] };
        let marks = crate::whole_file::read_regular(&root.join(REMEMBERED), limit).unwrap_or_default();
        let whole = serde_json::from_slice::<Head>(&marks).ok().and_then(|head| head.whole);
        Ok(Survey { root: root.to_owned(), files, marks, whole })
    }

    /// When the export before rendered the folder from the same `inputs`,
    /// and its `.md` files are just as it left them, how many entries
    /// that export exported and notes it left: this export would do just
    /// the same.
    pub fn all_current(&self, inputs: &str) -> Option<(usize, usize)> {
        let whole = self.whole.as_ref().filter(|whole| whole.inputs == inputs)?;
        let files = self.files.iter().map(|(name, stat)| (name.as_str(), *stat));
        (whole.files == files_digest(files)).then_some((whole.entries, whole.notes))
    }
}

/// The digest of the names and `Stat`s of files, in the order given.
fn files_digest<'a>(files: impl Iterator<Item = (&'a str, Stat)>) -> String {
    let mut digest = checksum::Inputs::new("files");
    for (name, (size, inode, changed)) in files {
        digest.text(name).bytes(&size.to_le_bytes()).bytes(&inode.to_le_bytes()).bytes(&changed.to_le_bytes());
    }
    digest.finish()
}

impl Folder {
    /// The folder as `survey` found it, to put notes in: bezin's notes are
    /// known by the marks the export before left, or read, on both cores.
    pub fn new(survey: Survey, replace_changed: bool) -> Folder {
        let seen =
            Remembered { before: serde_json::from_slice(&survey.marks).unwrap_or_default(), now: HashMap::new() };
        let read_all = |files: &[(String, Stat)]| -> Vec<(String, Stat, Option<checksum::Mark>)> {
            let read = |(name, stat): &(String, Stat)| (name.clone(), *stat, seen.mark(&survey.root, name, *stat));
            files.iter().map(read).collect()
        };
        let (first, second) = survey.files.split_at(survey.files.len().div_ceil(2));
        let marks = std::thread::scope(|scope| {
            let other = scope.spawn(|| read_all(second));
            let mut marks = read_all(first);
            marks.extend(other.join().unwrap_or_default());
            marks
        });
        let (mut found, mut others) = (HashMap::<String, Vec<Found>>::new(), Vec::new());
        for (path, stat, mark) in marks {
            match mark {
                Some(mark) => found.entry(mark.id).or_default().push(Found { path, checksum: mark.checksum, stat }),
                None => others.push((path, stat)),
            }
        }
        Folder { root: survey.root, found, others, replace_changed, report: Report::default(), seen }
    }

    /// Whether the note `id` is at `path` alone, as bezin wrote it from
    /// the same `inputs` (their digest): then it is left as it is, and
    /// needs no rendering.
    pub fn is_current(&mut self, id: &str, path: &str, inputs: &str) -> bool {
        let Some([found]) = self.found.get(id).map(Vec::as_slice) else { return false };
        let as_rendered = |sum: &String| found.path == path && self.seen.holds(path, id, sum, inputs);
        let Some(checksum) = found.checksum.clone().filter(as_rendered) else { return false };
        let stat = found.stat;
        self.found.remove(id);
        self.seen.keep(path, id, &checksum, inputs, stat);
        self.report.unchanged += 1;
        true
    }

    /// Puts `note`, rendered from `inputs`, in its place: written there,
    /// left as it is when it is already, or moved there from an old name;
    /// beside the file when the person changed the one there, or when the
    /// name is a file of theirs. Other files of the note go when bezin's,
    /// and are named when theirs.
    pub fn place(&mut self, note: &Note, inputs: &str) -> Result<()> {
        let mut mine = self.found.remove(&note.id).unwrap_or_default();
        let beside = suffixed(&note.path, "bezin");
        let used = match mine.iter().position(|found| found.path == note.path) {
            Some(at) if mine[at].checksum.is_some() => self.write(&note.path, note, inputs, Some(&mine[at]))?,
            Some(at) if self.replace_changed => {
                let theirs = self.free_name(&suffixed(&note.path, "yours"))?;
                self.rename(&note.path, &theirs)?;
                self.report.replaced.push((note.path.clone(), theirs));
                mine.remove(at);
                self.write(&note.path, note, inputs, None)?
            }
            Some(_) => self.write_beside(note, inputs, &beside, &mine)?,
            None if self.is_taken(&note.path) => self.write_beside(note, inputs, &beside, &mine)?,
            None => match mine.iter().position(|found| found.checksum.is_some()) {
                Some(at) => {
                    self.rename(&mine[at].path, &note.path)?;
                    self.report.renamed += 1;
                    let written = mine.remove(at);
                    self.write(&note.path, note, inputs, Some(&written))?
                }
                None => self.write(&note.path, note, inputs, None)?,
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
    fn write_beside(&mut self, note: &Note, inputs: &str, beside: &str, mine: &[Found]) -> Result<String> {
        self.report.left_alone.push((note.path.clone(), beside.to_owned()));
        let there = mine.iter().find(|found| found.path == beside);
        if there.is_some_and(|found| found.checksum.is_none()) {
            return Ok(beside.to_owned());
        }
        self.write(beside, note, inputs, there)
    }

    /// Writes `note` at `path`, unless the file of bezin's `there` (at
    /// `path`, or moved there) is it already.
    fn write(&mut self, path: &str, note: &Note, inputs: &str, there: Option<&Found>) -> Result<String> {
        let target = self.root.join(path);
        if let Some(there) = there.filter(|there| there.checksum.as_deref() == Some(note.checksum.as_str())) {
            self.report.unchanged += 1;
            if there.path == path {
                self.seen.keep(path, &note.id, &note.checksum, inputs, there.stat);
                return Ok(path.to_owned());
            }
        } else {
            // A new file renamed over the name replaces a link planted there; it never writes through one.
            let mut file = AtomicFile::new(&target, ".bezin-export-")?;
            file.write_all(note.text.as_bytes())?;
            // Synced with all the others at the end (`sync`).
            file.persist_unsynced().with_context(|| could_not(Step::Write, Thing::Path, target.display()))?;
            self.report.written += 1;
        }
        self.seen.note(&target, path, &note.id, &note.checksum, inputs);
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

    /// Remembers the notes as they are for the next export, with what the
    /// whole folder was rendered from when every note is as rendered, and
    /// syncs every note written and the folders, so that the renames in
    /// them last; when no note was written, moved or removed, nothing is
    /// synced.
    pub fn sync(&mut self, rendered_from: Option<(String, usize)>) -> Result<()> {
        let report = &self.report;
        let clean = report.left_alone.is_empty() && report.replaced.is_empty() && report.kept.is_empty();
        let whole = rendered_from.filter(|_| clean).map(|(inputs, entries)| self.whole(inputs, entries));
        self.seen.save(&self.root, whole);
        let report = &self.report;
        if report.written + report.renamed + report.removed == 0 && report.replaced.is_empty() {
            return Ok(());
        }
        // Every note written, synced at once: one file system's sync, not one per note.
        let root =
            std::fs::File::open(&self.root).with_context(|| could_not(Step::Open, Thing::Path, self.root.display()))?;
        nix::unistd::syncfs(&root).with_context(|| could_not(Step::Sync, Thing::Path, self.root.display()))?;
        for folder in [self.root.clone(), self.root.join(PEOPLE)] {
            crate::atomic::sync_folder(&folder)
                .with_context(|| could_not(Step::Sync, Thing::Path, folder.display()))?;
        }
        Ok(())
    }

    /// What this export says of the whole folder, rendered from `inputs`.
    fn whole(&self, inputs: String, entries: usize) -> Whole {
        let notes = self.seen.now.iter().map(|(name, kept)| (name.as_str(), kept.stat()));
        let mut files: Vec<(&str, Stat)> =
            notes.chain(self.others.iter().map(|(name, stat)| (&**name, *stat))).collect();
        files.sort_unstable();
        let files = files_digest(files.into_iter());
        Whole { inputs, entries, notes: self.seen.now.len(), files }
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
            .with_context(|| {
                (crate::lang::interface().commands().names_taken)(wanted, &self.root.display().to_string())
            })
    }

    fn rename(&mut self, from: &str, to: &str) -> Result<()> {
        self.seen.forget(from);
        fs::rename(self.root.join(from), self.root.join(to)).with_context(|| {
            (crate::lang::interface().commands().could_not_rename)(from, to, &self.root.display().to_string())
        })
    }

    fn remove(&mut self, path: &str) -> Result<()> {
        self.seen.forget(path);
        let file = self.root.join(path);
        fs::remove_file(&file).with_context(|| could_not(Step::Remove, Thing::Path, file.display()))?;
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

/// The `Stat` of the regular file at `name` in `folder`, not following a link.
fn stat_at(folder: &fs::File, name: &str) -> Option<Stat> {
    use nix::sys::stat::SFlag;
    let meta = nix::sys::stat::fstatat(folder, name, nix::fcntl::AtFlags::AT_SYMLINK_NOFOLLOW).ok()?;
    if !SFlag::from_bits_truncate(meta.st_mode).contains(SFlag::S_IFREG) {
        return None;
    }
    let changed = i128::from(meta.st_ctime) * 1_000_000_000 + i128::from(meta.st_ctime_nsec);
    Some((u64::try_from(meta.st_size).ok()?, meta.st_ino, changed))
}

/// The marks of bezin's notes as an export left them, kept in the folder
/// (`.bezin-marks.json`) so that the next export reads only the notes that
/// changed since: a note whose size, inode and change time are as they
/// were holds what it held. Lost or damaged, every note is read again.
#[derive(Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Marks {
    #[serde(with = "as_list")]
    notes: HashMap<String, KeptNote>,
    #[serde(default)]
    whole: Option<Whole>,
}

/// The marks without the notes: all an export with nothing to do reads.
#[derive(serde::Deserialize)]
struct Head {
    #[serde(default)]
    whole: Option<Whole>,
}

/// The notes as a list of names and marks in the file, read into a map of
/// the right size at once.
mod as_list {
    use std::collections::HashMap;

    use serde::{Deserialize as _, Deserializer, Serializer};

    use super::KeptNote;

    pub fn serialize<S: Serializer>(notes: &HashMap<String, KeptNote>, out: S) -> Result<S::Ok, S::Error> {
        out.collect_seq(notes)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(text: D) -> Result<HashMap<String, KeptNote>, D::Error> {
        Ok(Vec::<(String, KeptNote)>::deserialize(text)?.into_iter().collect())
    }
}

/// The marks as the export before left them, and those of the notes this
/// export put in place.
struct Remembered {
    before: Marks,
    now: HashMap<String, KeptNote>,
}

/// One note as an export left it.
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct KeptNote {
    size: u64,
    inode: u64,
    changed: i128,
    id: String,
    checksum: String,
    /// The digest of what the note was rendered from (`checksum::Inputs`);
    /// empty in the marks of an older bezin.
    #[serde(default)]
    inputs: String,
}

const REMEMBERED: &str = ".bezin-marks.json";

impl Remembered {
    /// The mark of the note at `name` in `root`, whose `Stat` is `stat`:
    /// as remembered, when it is as the export before left it; read from
    /// the file otherwise (after `stat` was taken: a change made since
    /// shows the next time). `None` for a file bezin did not write.
    fn mark(&self, root: &Path, name: &str, stat: Stat) -> Option<checksum::Mark> {
        match self.before.notes.get(name) {
            Some(kept) if kept.stat() == stat => {
                Some(checksum::Mark { id: kept.id.clone(), checksum: Some(kept.checksum.clone()) })
            }
            _ => mark(&root.join(name)),
        }
    }

    /// Whether the note `id` with `checksum`, rendered from `inputs`, is
    /// remembered at `name`.
    fn holds(&self, name: &str, id: &str, checksum: &str, inputs: &str) -> bool {
        let kept = self.before.notes.get(name);
        kept.is_some_and(|kept| kept.id == id && kept.checksum == checksum && kept.inputs == inputs)
    }

    /// Remembers the note `id` with `checksum` at `name`, rendered from
    /// `inputs`, with the `Stat` it has.
    fn keep(&mut self, name: &str, id: &str, checksum: &str, inputs: &str, (size, inode, changed): Stat) {
        let (id, checksum, inputs) = (id.to_owned(), checksum.to_owned(), inputs.to_owned());
        self.now.insert(name.to_owned(), KeptNote { size, inode, changed, id, checksum, inputs });
    }

    /// Remembers the note `id` at `name` (the file `path`), as written now
    /// from `inputs`.
    fn note(&mut self, path: &Path, name: &str, id: &str, checksum: &str, inputs: &str) {
        if let Ok(meta) = fs::symlink_metadata(path) {
            self.keep(name, id, checksum, inputs, stat(&meta));
        }
    }

    fn forget(&mut self, name: &str) {
        self.before.notes.remove(name);
        self.now.remove(name);
    }

    /// Keeps the marks of the notes this export put in place, with
    /// `whole`, in the folder, unless they are as kept already; an export
    /// that cannot only reads every note again the next time.
    fn save(&mut self, root: &Path, whole: Option<Whole>) {
        let marks = Marks { notes: std::mem::take(&mut self.now), whole };
        if marks == self.before {
            return;
        }
        let path = root.join(REMEMBERED);
        let written = AtomicFile::new(&path, ".bezin-export-").and_then(|mut file| {
            file.write_all(&serde_json::to_vec(&marks).unwrap_or_default())?;
            file.persist().map(drop)
        });
        drop(written);
    }
}

impl KeptNote {
    fn stat(&self) -> Stat {
        (self.size, self.inode, self.changed)
    }
}

fn stat(meta: &fs::Metadata) -> Stat {
    use std::os::unix::fs::MetadataExt;
    (meta.len(), meta.ino(), i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()))
}
