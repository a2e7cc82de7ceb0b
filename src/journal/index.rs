//! Indexes kept of the journal: what a command gathers from every line
//! (whom the entries are about, for the recall during a run), kept with a
//! mark of the text it was made from and how far it read, so that the next
//! read goes on from there and reads only the lines added since.
//!
//! An index is never the only copy of anything. One that is missing,
//! damaged, made with other settings, or made from a text that has changed
//! other than at its end is made again from the whole journal. The index
//! of an encrypted journal is encrypted with it, in its folder; a plain
//! one is a hidden file beside the journal.

use std::fs;
use std::ops::ControlFlow;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;

use anyhow::Result;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::lines::{self, RawLine, Source};
use super::{Held, Journal};

/// How much of the text before the mark is kept to recognise it: a text
/// changed before its end almost always differs there too.
const TAIL: u64 = 4096;

/// Which text an index was made from, and how far it read.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Mark {
    /// The plain file (device, inode, birth) or the encrypted journal's
    /// folder. A change writes a new one of either; bezin only adds to it.
    text: String,
    /// The bytes read: up to the end of the last whole line.
    length: u64,
    /// When the plain file was last written: a change in place that keeps
    /// its length changes this.
    modified: Option<i128>,
    /// The bytes just before `length`.
    tail: Vec<u8>,
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
        let (index, old) = match kept {
            Some(kept) if kept.mark.holds(&held)? => (kept.index, Some(kept.mark)),
            _ => (gather.fresh(), None),
        };
        let start = old.as_ref().map_or(0, |mark| mark.length);
        let (index, end) = read_halves(&held, start, index, gather)
            .map_err(|err| err.context(format!("could not read the journal {}", self.display())))?;
        let length = match end {
            Some(end) if !ends_line(&held, end)? => return Ok(index),
            Some(end) => end + 1,
            None => start,
        };
        let mark = Mark::of(&held, length)?;
        if old.as_ref() != Some(&mark) {
            let _ = self.keep_index(G::NAME, &Kept { made_with, mark, index: &index });
        }
        Ok(index)
    }

    /// The plain index `name` beside the journal.
    fn plain_index_path(&self, name: &str) -> PathBuf {
        self.path.with_file_name(format!("{}{name}", self.plain_index_prefix()))
    }

    fn plain_index_prefix(&self) -> String {
        let file = self.path.file_name().map(|file| file.to_string_lossy().into_owned()).unwrap_or_default();
        format!(".{file}.index-")
    }

    /// Removes the plain indexes beside the journal, as it is encrypted:
    /// the encrypted journal keeps its own, and names must not stay beside
    /// it in plain text.
    pub(super) fn remove_plain_indexes(&self) -> Result<()> {
        let prefix = self.plain_index_prefix();
        let folder = self.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
        for entry in fs::read_dir(folder)?.filter_map(Result::ok) {
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }

    /// The kept index `name`, when it is a file no larger than an index of
    /// a journal of `size` bytes can be: whatever was put in its place (a
    /// link to a device, a pipe, gigabytes) is passed over unread.
    fn read_index<I: DeserializeOwned>(&self, name: &str, size: u64) -> Option<Kept<I>> {
        let sealed = self.sealed();
        let path = sealed.as_ref().map_or_else(|| self.plain_index_path(name), |sealed| sealed.index_path(name));
        let meta = fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > size.saturating_mul(4).saturating_add(1 << 20) {
            return None;
        }
        let text = match sealed {
            Some(_) => self.own_key.get()?.decrypt_file(&path).ok()?,
            None => Zeroizing::new(fs::read(&path).ok()?),
        };
        serde_json::from_slice(&text).ok()
    }

    fn keep_index<I: Serialize>(&self, name: &str, kept: &Kept<&I>) -> Result<()> {
        let text = Zeroizing::new(serde_json::to_vec(kept)?);
        let plain = self.plain_index_path(name);
        if let Some(sealed) = self.sealed() {
            // Names must not lie about in plain text beside an encrypted journal.
            let _ = fs::remove_file(plain);
            return sealed.keep_index(name, &text);
        }
        // Named as a rewrite's new journal is, so that one left by a crash is found and removed.
        let mut file = crate::atomic::AtomicFile::new(&plain, &super::leftover_prefix(&self.path))?;
        std::io::Write::write_all(&mut file, &text)?;
        file.persist()?;
        Ok(())
    }
}

impl Mark {
    /// The mark of `held` as it is now, read up to `length`.
    fn of(held: &Held, length: u64) -> Result<Mark> {
        let (text, modified) = match held {
            Held::Plain(file) => {
                let meta = file.metadata()?;
                let born = meta.created().ok().and_then(|at| at.duration_since(std::time::UNIX_EPOCH).ok());
                let text = format!("{}:{}:{}", meta.dev(), meta.ino(), born.map_or(0, |born| born.as_nanos()));
                (text, Some(i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec())))
            }
            Held::Sealed(opened) => (opened.generation.clone(), None),
        };
        let from = length.saturating_sub(TAIL);
        let mut tail = vec![0; usize::try_from(length - from)?];
        held.read_exact_at(&mut tail, from)?;
        Ok(Mark { text, length, modified, tail })
    }

    /// Whether the text `held` is the one marked with at most lines added:
    /// the same file or folder, as long or longer, the same bytes before
    /// the mark, and not written since when it is as long.
    fn holds(&self, held: &Held) -> Result<bool> {
        let size = held.size()?;
        let now = Mark::of(held, self.length.min(size))?;
        Ok(self.text == now.text
            && self.length <= size
            && (self.length < size || self.modified == now.modified)
            && self.tail == now.tail)
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
    let (later, second_end) = second.map_err(|_| anyhow::anyhow!("the reading stopped unexpectedly"))??;
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
        let journal = Journal::new(dir.path().join("journal.jsonl"));
        fs::write(journal.path(), text).unwrap();
        (dir, journal)
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
        let (_dir, journal) = journal_of("a\nb\n\n");
        assert_eq!(read(&journal, "1"), (vec!["a".into(), "b".into()], 2));
        assert_eq!(read(&journal, "1"), (vec!["a".into(), "b".into()], 0));
        append(&journal, "c\n");
        assert_eq!(read(&journal, "1"), (vec!["a".into(), "b".into(), "c".into()], 1));
        let kept = journal.plain_index_path("lines");
        assert_eq!(fs::metadata(&kept).unwrap().permissions().mode() & 0o777, 0o600);
        // Made with other settings, or damaged: made again from every line.
        assert_eq!(read(&journal, "2").1, 3);
        fs::write(&kept, "{ not an index").unwrap();
        assert_eq!(read(&journal, "2").1, 3);
        assert_eq!(read(&journal, "2").1, 0);
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
        // As long, changed in place before the bytes kept to recognise it.
        let file = fs::OpenOptions::new().write(true).open(journal.path()).unwrap();
        std::os::unix::fs::FileExt::write_at(&file, b"Y", 0).unwrap();
        file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(1)).unwrap();
        let (index, given) = read(&journal, "1");
        assert_eq!((index[0].chars().next(), given), (Some('Y'), 3));
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
        let journal = Journal::new(dir.path().join("journal.jsonl"));
        assert_eq!(read(&journal, "1"), (vec![], 0));
        assert!(!journal.plain_index_path("lines").exists());
    }
}
