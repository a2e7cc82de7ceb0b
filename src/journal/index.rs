//! Indexes kept of the journal: what a command gathers from every line
//! (whom the entries are about, for the recall during a run), kept with a
//! mark of the text it was made from and how far it read, so that the next
//! read goes on from there and reads only the lines added since.
//!
//! An index is never the only copy of anything. One that is missing,
//! damaged, or made with other settings is made again from the whole
//! journal, and so is one made from a text that has changed other than by
//! bezin adding lines to it: a change to an old entry writes a new file or
//! folder and removes the indexes; for a plain journal, which anything can
//! change in place, bezin's appends keep a record of the file as they left
//! it (`Seen`), and any other change leaves that behind.
//!
//! The index of an encrypted journal is encrypted with it, in its folder;
//! a plain one is a hidden file beside the journal.

use std::fs::{self, File};
use std::ops::ControlFlow;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::lines::{self, RawLine, Source};
use super::{Held, Journal};
use crate::lang::failed::{Step, Thing, could_not};

/// How much of the text before the mark is kept to recognise it: a text
/// changed before its end almost always differs there too.
const TAIL: u64 = 4096;

/// The record of the plain journal as bezin last left it, beside it.
const SEEN: &str = "seen";

/// Which text an index was made from, and how far it read.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Mark {
    /// The plain file (device, inode, birth) or the encrypted journal's
    /// folder. A change writes a new one of either; bezin only adds to it.
    text: String,
    /// The bytes read: up to the end of the last whole line.
    length: u64,
    /// The bytes just before `length`.
    tail: Vec<u8>,
    /// For a plain journal, the token of the record it was made with.
    seen: Option<u64>,
}

/// The plain journal as bezin last left it (made an index of it, or added
/// a line to it), with a token that the indexes made since carry. Only
/// bezin's appends carry the token over to the file they leave; any other
/// change (an edit by hand in place, a sync) leaves the record behind.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Seen {
    token: u64,
    file: FileState,
}

/// A plain file as `stat` tells it: which one, how long, and when it last
/// changed (the change time, which no tool sets back).
#[derive(Debug, PartialEq, Serialize, Deserialize)]
pub(super) struct FileState {
    text: String,
    size: u64,
    changed: i128,
}

impl FileState {
    pub(super) fn of(file: &File) -> std::io::Result<FileState> {
        let meta = file.metadata()?;
        let born = meta.created().ok().and_then(|at| at.duration_since(std::time::UNIX_EPOCH).ok());
        Ok(FileState {
            text: format!("{}:{}:{}", meta.dev(), meta.ino(), born.map_or(0, |born| born.as_nanos())),
            size: meta.len(),
            changed: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
        })
    }
}

/// An index as it is kept.
#[derive(Serialize, Deserialize)]
struct Kept<I> {
    made_with: String,
    mark: Mark,
    index: I,
}

/// How an index is made: what it starts from, what each line adds, and
/// how what two halves of the journal gave, read at once, are put together.
pub trait Gather: Sync {
    type Index: Serialize + DeserializeOwned + Send;
    /// The file's name: `index-NAME`.
    const NAME: &'static str;
    /// The settings the index is made with: one made with others is made again.
    fn made_with(&self) -> String;
    fn fresh(&self) -> Self::Index;
    fn add(&self, index: &mut Self::Index, line: &RawLine);
    /// Takes in what `later` gathered from the lines after `index`'s.
    fn merge(&self, index: &mut Self::Index, later: Self::Index);
}

impl Journal {
    /// The index `G` brought up to date. The kept one is used when it was
    /// made with the same settings from this text, and only the lines added
    /// since are read; otherwise every line is. The result is kept for the
    /// next read, unless the journal ends in a line cut off; a failure to
    /// keep it costs only time.
    pub fn indexed<G: Gather>(&self, gather: &G) -> Result<G::Index> {
        let Some(held) = self.reader()? else { return Ok(gather.fresh()) };
        let made_with = gather.made_with();
        let kept = self.read_index::<G::Index>(G::NAME, held.size()?).filter(|kept| kept.made_with == made_with);
        // As it is before the read: a change during it is a change since.
        let state = match &held {
            Held::Plain(file) => Some(FileState::of(file)?),
            Held::Sealed(_) => None,
        };
        let seen = state.as_ref().and_then(|state| self.seen_as(state));
        let (index, old) = match kept {
            Some(kept) if kept.mark.holds(&held, seen)? => (kept.index, Some(kept.mark)),
            _ => (gather.fresh(), None),
        };
        let start = old.as_ref().map_or(0, |mark| mark.length);
        let (index, end) = read_halves(&held, start, index, gather)
            .map_err(|err| err.context(could_not(Step::Read, Thing::Journal, self.display())))?;
        let length = match end {
            Some(end) if !ends_line(&held, end)? => return Ok(index),
            Some(end) => end + 1,
            None => start,
        };
        let seen = match (state, seen) {
            (Some(state), None) => self.see(state).ok(),
            (_, seen) => seen,
        };
        let mark = Mark::of(&held, length, seen)?;
        if old.as_ref() != Some(&mark) {
            let _ = self.keep_index(G::NAME, &Kept { made_with, mark, index: &index });
        }
        Ok(index)
    }

    /// The token of the record of the plain journal, when it records the
    /// file as `state` tells it.
    fn seen_as(&self, state: &FileState) -> Option<u64> {
        let text = read_small(&self.plain_index_path(SEEN), 4096)?;
        let seen: Seen = serde_json::from_slice(&text).ok()?;
        (seen.file == *state).then_some(seen.token)
    }

    /// A new record of the plain journal as `state` tells it; its token.
    fn see(&self, state: FileState) -> Result<u64> {
        let seen = Seen { token: fastrand::u64(..), file: state };
        self.write_plain(&self.plain_index_path(SEEN), &serde_json::to_vec(&seen)?)?;
        Ok(seen.token)
    }

    /// Before an append, under the exclusive lock: the token of the record
    /// of the journal, when nothing but bezin has changed it since.
    pub(super) fn seen_before_append(&self, file: &File) -> Option<u64> {
        self.seen_as(&FileState::of(file).ok()?)
    }

    /// Right after an append's write, before it is synced: the file as it
    /// is, when the write is all that made it longer than `length`.
    pub(super) fn state_after_append(file: &File, length: u64) -> Option<FileState> {
        FileState::of(file).ok().filter(|state| state.size == length)
    }

    /// After an append that only added its line: the record carried over
    /// to the file as it was right after the write.
    pub(super) fn seen_after_append(&self, after: Option<FileState>, token: Option<u64>) {
        if let (Some(token), Some(file)) = (token, after) {
            let _ = serde_json::to_vec(&Seen { token, file })
                .map(|text| self.write_plain(&self.plain_index_path(SEEN), &text));
        }
    }

    /// The plain index `name` beside the journal (the file a link points to).
    fn plain_index_path(&self, name: &str) -> PathBuf {
        let real = self.real_path();
        let file = real.file_name().map(|file| file.to_string_lossy().into_owned()).unwrap_or_default();
        real.with_file_name(format!(".{file}.index-{name}"))
    }

    fn real_path(&self) -> PathBuf {
        let file = self.file();
        fs::canonicalize(&file).unwrap_or(file)
    }

    /// Removes the plain indexes beside the journal: after a change to an
    /// old entry, and as it is encrypted (names must not stay in plain
    /// text beside the encrypted journal). Not what is no file of bezin's.
    pub(super) fn remove_plain_indexes(&self) -> Result<()> {
        let prefix = self.plain_index_path("");
        let (Some(folder), Some(prefix)) = (prefix.parent(), prefix.file_name()) else { return Ok(()) };
        let prefix = prefix.to_string_lossy();
        let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
        for entry in fs::read_dir(folder)?.filter_map(Result::ok) {
            let ours = entry.file_name().to_string_lossy().starts_with(prefix.as_ref());
            if ours && entry.file_type().is_ok_and(|kind| !kind.is_dir()) {
                fs::remove_file(entry.path())
                    .with_context(|| could_not(Step::Remove, Thing::Index, entry.path().display()))?;
            }
        }
        Ok(())
    }

    /// Writes a plain file of the index, owner-only, in place of the one
    /// before; named as a rewrite's new journal is, so that one left by a
    /// crash is found and removed.
    fn write_plain(&self, path: &Path, text: &[u8]) -> Result<()> {
        let mut file = crate::atomic::AtomicFile::new(path, &super::leftover_prefix(&self.real_path()))?;
        std::io::Write::write_all(&mut file, text)?;
        file.persist()?;
        Ok(())
    }

    /// Where the indexes of an encrypted journal are kept, encrypted: its
    /// folder, or this machine's view of an encrypted folder of logs; and
    /// the key that reads them, once the journal was unlocked.
    fn index_keeper(&self) -> Option<(super::Sealed, Option<super::OwnKey>)> {
        if let Ok(Some(folder)) = self.sealed_folder() {
            return Some((folder.sealed_view(), folder.view_key().ok()));
        }
        let sealed = self.sealed()?;
        Some((sealed, self.own_key.get().cloned()))
    }

    /// The kept index `name`, when it is a file no larger than an index of
    /// a journal of `size` bytes can be: whatever was put in its place (a
    /// link to a device, a pipe, gigabytes) is passed over unread.
    fn read_index<I: DeserializeOwned>(&self, name: &str, size: u64) -> Option<Kept<I>> {
        let sealed = self.index_keeper();
        let path = sealed.as_ref().map_or_else(|| self.plain_index_path(name), |(sealed, _)| sealed.index_path(name));
        let text = read_small(&path, size.saturating_mul(4).saturating_add(1 << 20))?;
        let text = match sealed {
            Some((_, key)) => key?.decrypt(&text, &path).ok()?,
            None => text,
        };
        serde_json::from_slice(&text).ok()
    }

    fn keep_index<I: Serialize>(&self, name: &str, kept: &Kept<&I>) -> Result<()> {
        let text = Zeroizing::new(serde_json::to_vec(kept)?);
        let plain = self.plain_index_path(name);
        if let Some((sealed, _)) = self.index_keeper() {
            // Names must not lie about in plain text beside an encrypted journal.
            let _ = fs::remove_file(plain);
            return sealed.keep_index(name, &text);
        }
        self.write_plain(&plain, &text)
    }
}

/// The file at `path`, when it is a file of at most `most` bytes: whatever
/// was put in an index's place (a link to a device, a pipe, gigabytes) is
/// passed over unread, and so is a file swapped in as it is opened.
fn read_small(path: &Path, most: u64) -> Option<Zeroizing<Vec<u8>>> {
    let looked = fs::symlink_metadata(path).ok().filter(|meta| meta.is_file() && meta.len() <= most)?;
    let file = File::open(path).ok()?;
    let opened = file.metadata().ok()?;
    if (opened.dev(), opened.ino()) != (looked.dev(), looked.ino()) {
        return None;
    }
    let mut text = Zeroizing::new(Vec::new());
    std::io::Read::read_to_end(&mut std::io::Read::take(file, most), &mut text).ok()?;
    Some(text)
}

impl Mark {
    /// The mark of `held` as it is now, read up to `length`, for a plain
    /// journal with the token of its record.
    fn of(held: &Held, length: u64, seen: Option<u64>) -> Result<Mark> {
        let text = match held {
            Held::Plain(file) => FileState::of(file)?.text,
            Held::Sealed(opened) => opened.generation.clone(),
        };
        let from = length.saturating_sub(TAIL);
        let mut tail = vec![0; usize::try_from(length - from)?];
        held.read_exact_at(&mut tail, from)?;
        Ok(Mark { text, length, tail, seen })
    }

    /// Whether the text `held` is the one marked with at most lines added:
    /// the same file or folder, as long or longer, the same bytes before
    /// the mark, and for a plain journal changed by nothing but bezin's
    /// appends since (`seen`, the token of its record, is the mark's).
    fn holds(&self, held: &Held, seen: Option<u64>) -> Result<bool> {
        let size = held.size()?;
        let now = Mark::of(held, self.length.min(size), seen)?;
        let plain = matches!(held, Held::Plain(_));
        Ok(self.text == now.text
            && self.length <= size
            && self.tail == now.tail
            && (!plain || (seen.is_some() && self.seen == seen)))
    }
}

/// Gives the lines from `start` to `index`, the two halves of them at once;
/// returns where the last line read ends, if any was.
fn read_halves<G: Gather>(held: &Held, start: u64, index: G::Index, gather: &G) -> Result<(G::Index, Option<u64>)> {
    let size = held.size()?;
    let middle = lines::line_start_from(held, start + size.saturating_sub(start) / 2)?;
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| read_part(held, middle..u64::MAX, gather.fresh(), gather));
        (read_part(held, start..middle, index, gather), second.join())
    });
    let (mut index, first_end) = first?;
    let (later, second_end) =
        second.map_err(|_| anyhow::anyhow!(crate::lang::interface().journal().reading_stopped))??;
    gather.merge(&mut index, later);
    Ok((index, second_end.or(first_end)))
}

/// Gives the lines that start in `range` to `index`.
fn read_part<G: Gather>(
    held: &Held,
    range: std::ops::Range<u64>,
    mut index: G::Index,
    gather: &G,
) -> Result<(G::Index, Option<u64>)> {
    let mut end = None;
    lines::forward_from(held, range.start, lines::LONGEST, |line| {
        if line.offset >= range.end {
            return Ok(ControlFlow::Break(()));
        }
        gather.add(&mut index, &line);
        end = Some(line.offset + line.length);
        Ok(ControlFlow::Continue(()))
    })?;
    Ok((index, end))
}

/// Whether the byte at `at` is a newline.
fn ends_line(held: &Held, at: u64) -> Result<bool> {
    let mut byte = [0];
    Ok(held.read_at(&mut byte, at)? == 1 && byte[0] == b'\n')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Every line, in order, and how many lines a read gave.
    struct Lines {
        made_with: &'static str,
        given: AtomicUsize,
    }

    impl Gather for Lines {
        type Index = Vec<String>;
        const NAME: &'static str = "lines";

        fn made_with(&self) -> String {
            self.made_with.to_owned()
        }

        fn fresh(&self) -> Vec<String> {
            Vec::new()
        }

        fn add(&self, index: &mut Vec<String>, line: &RawLine) {
            self.given.fetch_add(1, Ordering::Relaxed);
            index.push(String::from_utf8_lossy(line.bytes).into_owned());
        }

        fn merge(&self, index: &mut Vec<String>, later: Vec<String>) {
            index.extend(later);
        }
    }

    /// The index of every line read, and how many lines this read gave it.
    fn read(journal: &Journal, made_with: &'static str) -> (Vec<String>, usize) {
        let lines = Lines { made_with, given: AtomicUsize::new(0) };
        let index = journal.indexed(&lines).unwrap();
        (index, lines.given.into_inner())
    }

    fn journal_of(text: &str) -> (tempfile::TempDir, Journal) {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
        fs::write(journal.path(), text).unwrap();
        (dir, journal)
    }

    /// An entry's journal line, without its newline.
    fn line(id: &str) -> String {
        format!(
            r#"{{"format":2,"id":"{id}","set":"five-tips","set_version":1,"lang":"en","started":"2026-11-24T09:00:00+01:00","finished":"2026-11-24T09:10:00+01:00","title":null,"tags":[],"follows":null,"answers":[]}}"#
        )
    }

    fn entry(id: &str) -> super::super::Entry {
        serde_json::from_str(&line(id)).unwrap()
    }

    fn append(journal: &Journal, text: &str) {
        fs::OpenOptions::new().append(true).open(journal.path()).unwrap().write_all(text.as_bytes()).unwrap();
    }

    /// Writes `text` as a new file in the journal's place, as a rewrite or a sync does.
    fn replace(journal: &Journal, text: &str) {
        let new = journal.path().with_extension("new");
        fs::write(&new, text).unwrap();
        fs::rename(new, journal.path()).unwrap();
    }

    #[test]
    fn only_the_lines_added_since_are_read_and_the_index_is_owner_only() {
        let (_dir, journal) = journal_of("");
        journal.append(&entry("a")).unwrap();
        journal.append(&entry("b")).unwrap();
        assert_eq!(read(&journal, "1"), (vec![line("a"), line("b")], 2));
        assert_eq!(read(&journal, "1"), (vec![line("a"), line("b")], 0));
        journal.append(&entry("c")).unwrap();
        journal.append(&entry("d")).unwrap();
        let (index, given) = read(&journal, "1");
        assert_eq!((index.len(), given), (4, 2));
        assert!(index[3].contains(r#""id":"d""#));
        let kept = journal.plain_index_path("lines");
        assert_eq!(fs::metadata(&kept).unwrap().permissions().mode() & 0o777, 0o600);
        // Made with other settings, or damaged: made again from every line.
        assert_eq!(read(&journal, "2").1, 4);
        fs::write(&kept, "{ not an index").unwrap();
        assert_eq!(read(&journal, "2").1, 4);
        assert_eq!(read(&journal, "2").1, 0);
    }

    #[test]
    fn lines_added_by_anything_but_bezin_make_it_again() {
        // A sync, or an edit by hand in place that also adds a line: the
        // change before the end is not in the bytes kept to recognise it.
        let long = "y".repeat(usize::try_from(2 * TAIL).unwrap());
        let (_dir, journal) = journal_of(&format!("{long}\n{}\n", line("a")));
        read(&journal, "1");
        let text = fs::read_to_string(journal.path()).unwrap().replacen('y', "Y", 1);
        // Written in place, as some editors do: the same file, as long.
        fs::OpenOptions::new().write(true).open(journal.path()).unwrap().write_all(text.as_bytes()).unwrap();
        append(&journal, "z\n");
        let (index, given) = read(&journal, "1");
        assert_eq!((index[0].chars().next(), given), (Some('Y'), 3));
    }

    #[test]
    fn a_change_to_an_old_entry_removes_the_indexes() {
        let (_dir, journal) = journal_of("");
        journal.append(&entry("a")).unwrap();
        journal.append(&entry("b")).unwrap();
        read(&journal, "1");
        assert!(journal.plain_index_path("lines").exists() && journal.plain_index_path(SEEN).exists());
        assert!(journal.change("b", |_| Ok(super::super::Change::Remove)).unwrap());
        assert!(!journal.plain_index_path("lines").exists() && !journal.plain_index_path(SEEN).exists());
        assert_eq!(read(&journal, "1").0.len(), 1);
    }

    #[test]
    fn a_journal_changed_before_its_end_is_read_whole() {
        let (_dir, journal) = journal_of("a\nb\n");
        read(&journal, "1");
        replace(&journal, "a\nB\nc\n");
        assert_eq!(read(&journal, "1"), (vec!["a".into(), "B".into(), "c".into()], 3));
        // Shorter, in place.
        fs::write(journal.path(), "x\n").unwrap();
        assert_eq!(read(&journal, "1"), (vec!["x".into()], 1));
        // Longer, in place, with other lines before the end.
        let long = "y".repeat(usize::try_from(2 * TAIL).unwrap());
        fs::write(journal.path(), format!("{long}\nx\nz\n")).unwrap();
        assert_eq!(read(&journal, "1").1, 3);
    }

    #[test]
    fn a_journal_that_ends_in_a_line_cut_off_is_read_but_not_kept() {
        let (_dir, journal) = journal_of("a\nb");
        assert_eq!(read(&journal, "1"), (vec!["a".into(), "b".into()], 2));
        assert!(!journal.plain_index_path("lines").exists());
        append(&journal, "c\n");
        assert_eq!(read(&journal, "1"), (vec!["a".into(), "bc".into()], 2));
        assert_eq!(read(&journal, "1").1, 0);
    }

    #[test]
    fn what_is_put_in_the_index_s_place_is_passed_over_unread() {
        let (_dir, journal) = journal_of("a\n");
        let kept = journal.plain_index_path("lines");
        // A link to a device that never ends, then gigabytes.
        std::os::unix::fs::symlink("/dev/zero", &kept).unwrap();
        assert_eq!(read(&journal, "1"), (vec!["a".into()], 1));
        assert!(fs::symlink_metadata(&kept).unwrap().is_file(), "the link is replaced, not written through");
        fs::File::create(&kept).unwrap().set_len(1 << 30).unwrap();
        assert_eq!(read(&journal, "1"), (vec!["a".into()], 1));
        assert!(fs::metadata(&kept).unwrap().len() < 1024);
    }

    #[test]
    fn no_journal_gives_the_fresh_index() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal.jsonl"), dir.path().join("state"));
        assert_eq!(read(&journal, "1"), (vec![], 0));
        assert!(!journal.plain_index_path("lines").exists());
    }
}
