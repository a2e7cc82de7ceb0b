//! Turning the journal into its encrypted form and back, and giving the
//! encrypted journal new keys: each in one step under the journal's lock,
//! the new form synced before the old one goes. The files beside the
//! journal (the drafts, the lines set aside) go with it.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::folder::Folder;
use super::sealed::Sealed;
use super::{Journal, lines, sync_dir};
use crate::atomic::AtomicFile;
use crate::keys::Recipients;
use crate::lang::failed::{Step, Thing, could_not};

/// The kinds of files of lines set aside beside the journal.
const ASIDE: [&str; 2] = ["corrupt", "conflict"];

impl Journal {
    /// Encrypts the plain journal (or none yet) to `person`'s keys and a
    /// new key of its own, and the drafts in `drafts` and the lines set
    /// aside beside it with it; the plain files go once the encrypted ones
    /// are synced.
    pub fn encrypt(&self, person: &Recipients, drafts: &Path) -> Result<()> {
        if fs::symlink_metadata(&self.path).is_ok_and(|meta| meta.is_symlink()) {
            bail!(
                "the journal {} is a link; give the file it points to with --journal, so that the encrypted \
                 journal goes beside it",
                self.display()
            );
        }
        if let Some(folder) = self.folder()? {
            let lock = folder.lock()?;
            folder.alone()?;
            let view = folder.current(&lock)?;
            let sealed = self.seal(&view, person, drafts)?;
            folder.forget()?;
            fs::remove_dir_all(&self.path)
                .with_context(|| could_not(Step::Remove, Thing::PlainJournal, self.display()))?;
            sync_dir(self.path.parent())?;
            sealed.plain_gone();
            return Ok(());
        }
        self.create_parent()?;
        let existed = self.path.exists();
        let Some(mut file) = self.lock(true)? else {
            bail!((crate::lang::interface().journal().encrypted_already)(&self.display().to_string()))
        };
        self.remove_leftovers();
        self.mend_tail(&mut file).with_context(|| could_not(Step::Mend, Thing::Journal, self.display()))?;
        let sealed = self.seal(&file, person, drafts)?;
        fs::remove_file(&self.path).with_context(|| could_not(Step::Remove, Thing::PlainJournal, self.display()))?;
        if !existed || self.path.parent().is_some() {
            sync_dir(self.path.parent())?;
        }
        sealed.plain_gone();
        Ok(())
    }

    /// Removes the plain journal an encrypt stopped before removing, and
    /// what this machine kept of it: it is whole in the encrypted `sealed`,
    /// which was made from it (`Folder::encrypted_from`).
    pub(super) fn remove_encrypted_plain(&self, sealed: &Folder, plain: &Path) -> Result<()> {
        let parent = self.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let here = fs::canonicalize(parent).ok().zip(self.path.file_name()).map(|(parent, name)| parent.join(name));
        if here.as_deref() == Some(plain) {
            Folder::forget_state_of(plain, &self.state)?;
            let removed = if self.path.is_dir() { fs::remove_dir_all(&self.path) } else { fs::remove_file(&self.path) };
            match removed {
                Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                    return Err(err).with_context(|| could_not(Step::Remove, Thing::PlainJournal, self.display()));
                }
                _ => {}
            }
            sync_dir(self.path.parent())?;
        }
        sealed.plain_gone();
        Ok(())
    }

    /// Forgets what this machine kept of a plain journal at the journal's
    /// place (its view, its device's records) once none is there: the
    /// journal is encrypted, and a plain journal removed by hand (as
    /// `check` asks of one left beside it) leaves no plain text behind.
    pub(super) fn forget_plain_state(&self) -> Result<()> {
        if fs::symlink_metadata(&self.path).is_ok() {
            return Ok(());
        }
        let parent = self.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        match fs::canonicalize(parent).ok().zip(self.path.file_name()) {
            Some((parent, name)) => Folder::forget_state_of(&parent.join(name), &self.state),
            None => Ok(()),
        }
    }

    /// Writes the encrypted journal from `plain`, and encrypts the drafts
    /// and the lines set aside beside the journal with it.
    /// Returns the encrypted journal's folder.
    fn seal(&self, plain: &File, person: &Recipients, drafts: &Path) -> Result<Folder> {
        let dir = Sealed::folder_of(&self.path);
        let all = super::folder::create_sealed(&dir, &self.state, person, |out| {
            lines::copy(plain, out).with_context(|| could_not(Step::Read, Thing::Journal, self.display()))?;
            Ok(())
        })?;
        let sealed = Folder::open(&dir, &self.state)?;
        sealed.begin_sealed(&self.path)?;
        for (plain, kind) in self.plain_asides() {
            let (path, out) = super::new_aside(&dir.join(kind), ".age")?;
            seal_file(&plain, &all, out).with_context(|| could_not(Step::Encrypt, Thing::Path, path.display()))?;
            fs::remove_file(&plain)?;
        }
        seal_drafts(drafts, &all)?;
        self.remove_plain_indexes()?;
        Ok(sealed)
    }

    /// The files of lines set aside beside the plain journal, and their kind.
    fn plain_asides(&self) -> Vec<(PathBuf, &'static str)> {
        let name = self.path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let folder = self.path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        let Ok(entries) = fs::read_dir(folder) else { return Vec::new() };
        let mut found = Vec::new();
        for entry in entries.filter_map(Result::ok) {
            let file = entry.file_name().to_string_lossy().into_owned();
            for kind in ASIDE {
                if file.starts_with(&format!("{name}.{kind}-")) {
                    found.push((entry.path(), kind));
                }
            }
        }
        found.sort();
        found
    }

    /// Encrypts the encrypted journal to new keys: the person's keys
    /// `person`, and a new key of the journal's own, so that a key taken
    /// away reads nothing written after. Every device that sees the change
    /// writes its own files again to the new keys.
    pub fn rekey(&self, person: &Recipients, drafts: &Path) -> Result<()> {
        let folder = self.writable_sealed_folder()?.context(crate::lang::interface().journal().not_encrypted)?;
        self.unlock_folder(folder)?;
        // The drafts and the lines set aside are first encrypted to the old
        // keys and the new ones together, so that whichever keys a crash
        // leaves in place read them; to the new keys alone at the end.
        let old = folder.keyring()?.recipients()?;
        let mut both = old.keys().to_vec();
        both.extend(person.keys().iter().filter(|key| !both.contains(key)).cloned().collect::<Vec<_>>());
        let both = Recipients::new(both)?;
        let mut small = Vec::new();
        for path in self.sealed_asides().into_iter().chain(sealed_drafts(drafts)) {
            let text = self.decrypt_small(&path)?;
            both.write_file(&path, ".tmp-", &text)?;
            small.push((text, path));
        }
        folder.change_keys(person)?;
        let all = folder.keyring()?.recipients()?;
        for (text, path) in small {
            all.write_file(&path, ".tmp-", &text)?;
        }
        Ok(())
    }

    /// The files of lines set aside in the encrypted journal's folder.
    fn sealed_asides(&self) -> Vec<PathBuf> {
        let dir = Sealed::folder_of(&self.path);
        let Ok(entries) = fs::read_dir(&dir) else { return Vec::new() };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                ASIDE.iter().any(|kind| name.starts_with(&format!("{kind}-")))
                    && std::path::Path::new(&name).extension().is_some_and(|ext| ext == "age")
            })
            .map(|entry| entry.path())
            .collect();
        found.sort();
        found
    }

    /// Turns the encrypted journal back into a plain journal folder, with
    /// its drafts and the lines set aside: the plain folder is made whole
    /// beside it, the encrypted one is moved aside, the plain one put in
    /// its place, and the encrypted one removed last.
    pub fn decrypt(&self, drafts: &Path) -> Result<()> {
        if let Some(sealed) = self.sealed() {
            super::folder::migrate_sealed(&sealed, &self.state)?;
        }
        let folder = self.sealed_folder()?.context(crate::lang::interface().journal().not_encrypted)?;
        self.unlock_folder(folder)?;
        folder.alone()?;
        if fs::symlink_metadata(&self.path).is_ok() {
            bail!(
                "a plain journal {} is beside the encrypted one; move it away (or bring it in later with bezin \
                 import), then decrypt",
                self.display()
            );
        }
        let lock = folder.lock()?;
        // A plain folder a stopped decrypt left holds the journal as it was
        // then: were this decrypt stopped too, it might be put in place.
        for stale in super::folder::leftovers(&self.path) {
            let removed = if stale.is_dir() { fs::remove_dir_all(&stale) } else { fs::remove_file(&stale) };
            removed.with_context(|| could_not(Step::Remove, Thing::Path, stale.display()))?;
        }
        let view = folder.current(&lock)?;
        let deleted = folder.deleted()?;
        let made = super::folder::create_plain(
            &self.path,
            &self.state,
            |out| {
                lines::copy(&view, out).with_context(|| could_not(Step::Read, Thing::Journal, self.display()))?;
                Ok(())
            },
            &deleted,
        )?;
        for path in self.sealed_asides() {
            let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            let mut plain = self.path.as_os_str().to_owned();
            plain.push(format!(".{}", name.trim_end_matches(".age")));
            let mut file = AtomicFile::new(Path::new(&plain), ".tmp-")?;
            file.write_all(&self.decrypt_small(&path)?)?;
            file.commit()?;
        }
        for path in sealed_drafts(drafts) {
            let plain = path.with_extension("");
            let mut file = AtomicFile::new(&plain, ".draft-")?;
            file.write_all(&self.decrypt_small(&path)?)?;
            file.commit()?;
            fs::remove_file(&path)?;
        }
        let sealed = Sealed::folder_of(&self.path);
        let aside = super::folder::removing(&sealed);
        fs::rename(&sealed, &aside).with_context(|| could_not(Step::Remove, Thing::Path, sealed.display()))?;
        sync_dir(sealed.parent())?;
        fs::rename(&made, &self.path).with_context(|| could_not(Step::PutInPlace, Thing::Path, self.display()))?;
        sync_dir(self.path.parent())?;
        folder.forget()?;
        drop(lock);
        fs::remove_dir_all(&aside).with_context(|| could_not(Step::Remove, Thing::Path, aside.display()))?;
        sync_dir(self.path.parent())
    }
}

/// Writes the file at `plain` encrypted to `keys` into `out`, synced.
fn seal_file(plain: &Path, keys: &Recipients, out: fs::File) -> Result<()> {
    let text = zeroize::Zeroizing::new(fs::read(plain)?);
    let mut writer = keys.encrypt(std::io::BufWriter::new(out))?;
    writer.write_all(&text)?;
    writer.finish()?.into_inner().map_err(std::io::IntoInnerError::into_error)?.sync_all()?;
    Ok(())
}

/// Encrypts each plain draft beside itself, then removes it.
fn seal_drafts(drafts: &Path, keys: &Recipients) -> Result<()> {
    let Ok(entries) = fs::read_dir(drafts) else { return Ok(()) };
    for path in entries.filter_map(|entry| entry.ok().map(|entry| entry.path())) {
        if path.extension().is_some_and(|ext| ext == "json") {
            let mut sealed = path.as_os_str().to_owned();
            sealed.push(".age");
            let text = zeroize::Zeroizing::new(fs::read(&path)?);
            keys.write_file(Path::new(&sealed), ".draft-", &text)?;
            fs::remove_file(&path)?;
        }
    }
    Ok(())
}

/// The encrypted drafts.
fn sealed_drafts(drafts: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(drafts) else { return Vec::new() };
    let mut found: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.to_string_lossy().ends_with(".json.age"))
        .collect();
    found.sort();
    found
}
