//! Writing the encrypted journal of one device's form (the merged view
//! of an encrypted journal folder is kept in it): saves folded into the
//! last part, and a whole new journal folder renamed into place.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use anyhow::{Context, Result};
use zeroize::Zeroizing;

use super::{
    BUILDING, FOLD_INTO, KEY, Keys, OwnKey, PART, PART_COUNT, RECIPIENTS, Sealed, TEMPORARY, decrypt_file,
    generation_name, generation_order, is_index, is_part_of_generation, is_pending, keys_in, numbered_parts,
    part_count_text, part_name,
};
use crate::atomic::sync_folder;
use crate::keys::Recipients;
use crate::lang::failed::{Step, Thing, could_not};

impl Sealed {
    /// Folds the saves made since the last read into the last part, in the
    /// order they were made. A save already in the last part (a fold that
    /// was stopped before it could remove the saves) is not added twice.
    pub(super) fn fold(&self, key: &OwnKey) -> Result<()> {
        let pending = self.named_files(is_pending)?;
        if pending.is_empty() {
            return Ok(());
        }
        let generation = self.generation()?;
        let keys = keys_in(&generation)?;
        let parts = numbered_parts(&generation)?;
        let last = match parts.last() {
            Some(path) => decrypt_file(path, &key.0)?,
            None => Zeroizing::new(Vec::new()),
        };
        let held: std::collections::HashSet<&[u8]> = last.split(|&b| b == b'\n').collect();
        let mut added = Zeroizing::new(Vec::new());
        let mut folded = Vec::new();
        for path in pending {
            // A save this key cannot read stays where it is; `check` names it.
            let Ok(lines) = decrypt_file(&path, &key.0) else { continue };
            for line in lines.split(|&b| b == b'\n').filter(|line| !line.is_empty()) {
                if !held.contains(line) {
                    added.extend_from_slice(line);
                    added.push(b'\n');
                }
            }
            folded.push(path);
        }
        if !added.is_empty() {
            let (target, mut text) = match parts.last() {
                Some(path) if (last.len() as u64) < FOLD_INTO => (path.clone(), last.clone()),
                _ => (generation.join(part_name(parts.len() + 1)), Zeroizing::new(Vec::new())),
            };
            text.extend_from_slice(&added);
            keys.all().write_file(&target, TEMPORARY, &text)?;
        }
        for path in folded {
            fs::remove_file(&path).with_context(|| could_not(Step::Remove, Thing::Path, path.display()))?;
        }
        sync_folder(&self.dir).with_context(|| could_not(Step::Sync, Thing::Path, self.dir.display()))
    }

    /// Replaces the journal with what `write` writes, as a new journal
    /// folder renamed into place; the caller holds the exclusive lock.
    /// `new_keys` are the keys and `key.age` when they change. Returns whether it was replaced.
    pub fn rewrite(
        &self,
        new_keys: Option<(&Keys, &str)>,
        write: impl FnOnce(&mut dyn Write) -> Result<bool>,
    ) -> Result<bool> {
        let old = self.generation()?;
        let number = self.generations()?.last().map_or(0, |newest| generation_order(newest));
        let building = Building::new(&self.dir, BUILDING)?;
        let (keys, key_file) = match new_keys {
            Some((keys, key_file)) => (keys.all(), key_file.as_bytes().to_vec()),
            None => (keys_in(&old)?.all(), fs::read(old.join(KEY))?),
        };
        let mut parts = Parts::new(building.path(), keys.clone());
        if !write(&mut parts)? {
            return Ok(false);
        }
        building.put(PART_COUNT, &part_count_text(parts.finish()?))?;
        let recipients = match new_keys {
            Some((keys, _)) => keys.text(),
            None => fs::read_to_string(old.join(RECIPIENTS))?,
        };
        building.put(RECIPIENTS, recipients.as_bytes())?;
        building.put(KEY, &key_file)?;
        building.into_place(&self.dir.join(generation_name(number + 1)))?;
        self.keep_strays_of(&old)?;
        fs::remove_dir_all(&old).with_context(|| could_not(Step::Remove, Thing::Path, old.display()))?;
        // What they hold of the entries changed or gone goes with them, and
        // keys taken away read nothing of it.
        for index in self.named_files(is_index)? {
            fs::remove_file(&index).with_context(|| could_not(Step::Remove, Thing::Path, index.display()))?;
        }
        sync_folder(&self.dir)?;
        Ok(true)
    }

    /// Moves what bezin did not write out of a journal folder about to go
    /// (a sync service's conflicting copy of a part), into the encrypted
    /// journal's folder, where `check` names it and `bezin import` takes it.
    fn keep_strays_of(&self, generation: &Path) -> Result<()> {
        for entry in fs::read_dir(generation)?.filter_map(Result::ok) {
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_part_of_generation(&name) {
                continue;
            }
            let mut target = self.dir.join(&name);
            while target.exists() {
                target.as_mut_os_string().push(".kept");
            }
            fs::rename(entry.path(), &target)
                .with_context(|| could_not(Step::Keep, Thing::Path, entry.path().display()))?;
        }
        Ok(())
    }

    /// How the folder `create` fills beside `dir` is named:
    /// `.journal.jsonl.age.building-XXXXXX`, left only by a crash.
    pub fn building_prefix(dir: &Path) -> String {
        let name = dir.file_name().map(|name| name.to_string_lossy()).unwrap_or_default();
        format!(".{name}{BUILDING}")
    }

    /// Makes a new encrypted journal at `dir` from `write`, in a folder
    /// beside it renamed into place: it is there whole, or not at all.
    pub fn create(
        dir: &Path,
        keys: &Keys,
        key_file: &str,
        write: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let outer = Building::new(parent, &Sealed::building_prefix(dir))?;
        let inner = outer.path().join(generation_name(1));
        crate::paths::create_private_dir(&inner)?;
        let mut parts = Parts::new(&inner, keys.all());
        write(&mut parts)?;
        write_plain(&inner.join(PART_COUNT), &part_count_text(parts.finish()?))?;
        write_plain(&inner.join(RECIPIENTS), keys.text().as_bytes())?;
        write_plain(&inner.join(KEY), key_file.as_bytes())?;
        sync_folder(&inner)?;
        outer.into_place(dir)
    }
}

/// The text of `key.age`: the journal's own key encrypted to the person's
/// keys, the public key that goes last in `recipients.txt`, and the key.
pub fn new_own_key(person: &Recipients) -> Result<(Keys, String, OwnKey)> {
    let identity = age::x25519::Identity::generate();
    let own = identity.to_public().to_string();
    let secret = Zeroizing::new(format!(
        "# The key of one encrypted bezin journal; every file of it is also encrypted to your own keys.\n{}\n",
        identity.to_string().expose_secret()
    ));
    let mut sealed = Vec::new();
    let mut writer =
        person.encrypt(age::armor::ArmoredWriter::wrap_output(&mut sealed, age::armor::Format::AsciiArmor)?)?;
    writer.write_all(secret.as_bytes())?;
    writer.finish()?.finish()?;
    let key_file = String::from_utf8(sealed).context("an armored key")?;
    Ok((Keys { person: person.clone(), own }, key_file, OwnKey(identity)))
}

/// Writes a new owner-only file and syncs it.
fn write_plain(path: &Path, bytes: &[u8]) -> Result<()> {
    crate::paths::write_new_private(path, bytes).with_context(|| could_not(Step::Write, Thing::Path, path.display()))
}

/// A folder being filled, renamed into place when whole; removed if dropped.
struct Building(tempfile::TempDir);

impl Building {
    fn new(parent: &Path, prefix: &str) -> Result<Building> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::Builder::new()
            .prefix(prefix)
            .permissions(fs::Permissions::from_mode(0o700))
            .tempdir_in(parent)
            .with_context(|| could_not(Step::MakeFolderIn, Thing::Path, parent.display()))?;
        Ok(Building(dir))
    }

    fn path(&self) -> &Path {
        self.0.path()
    }

    fn put(&self, name: &str, bytes: &[u8]) -> Result<()> {
        write_plain(&self.path().join(name), bytes)
    }

    fn into_place(self, target: &Path) -> Result<()> {
        sync_folder(self.path())?;
        let path = self.0.keep();
        fs::rename(&path, target).with_context(|| could_not(Step::PutInPlace, Thing::Path, target.display()))?;
        let parent = target.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        sync_folder(parent).with_context(|| could_not(Step::Sync, Thing::Path, parent.display()))
    }
}

/// The journal's text written as numbered parts of about `PART` bytes,
/// each ending with a whole line.
struct Parts {
    dir: PathBuf,
    recipients: Recipients,
    current: Option<(age::stream::StreamWriter<BufWriter<File>>, u64)>,
    count: usize,
}

impl Parts {
    fn new(dir: &Path, recipients: Recipients) -> Parts {
        Parts { dir: dir.to_owned(), recipients, current: None, count: 0 }
    }

    fn current(&mut self) -> io::Result<&mut (age::stream::StreamWriter<BufWriter<File>>, u64)> {
        if self.current.is_none() {
            self.count += 1;
            let path = self.dir.join(part_name(self.count));
            let file = crate::paths::create_new_private(&path)?;
            let writer = self.recipients.encrypt(BufWriter::new(file)).map_err(io::Error::other)?;
            self.current = Some((writer, 0));
        }
        Ok(self.current.as_mut().expect("made above"))
    }

    /// Ends the part being written: its last chunk, synced.
    fn close(&mut self) -> io::Result<()> {
        if let Some((writer, _)) = self.current.take() {
            writer.finish()?.into_inner().map_err(io::IntoInnerError::into_error)?.sync_all()?;
        }
        Ok(())
    }

    /// Ends the last part; how many parts were written.
    fn finish(mut self) -> Result<usize> {
        self.close()?;
        sync_folder(&self.dir)?;
        Ok(self.count)
    }
}

impl Write for Parts {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while !rest.is_empty() {
            let (writer, written) = self.current()?;
            let take =
                if *written >= PART { memchr::memchr(b'\n', rest).map_or(rest.len(), |n| n + 1) } else { rest.len() };
            writer.write_all(&rest[..take])?;
            *written += take as u64;
            let line_ended = rest[take - 1] == b'\n';
            rest = &rest[take..];
            if *written >= PART && line_ended {
                self.close()?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
