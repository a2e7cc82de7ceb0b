//! Turning the journal into its encrypted form and back, and giving the
//! encrypted journal new keys: each in one step under the journal's lock,
//! the new form synced before the old one goes. The files beside the
//! journal (the drafts, the lines set aside) go with it.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use super::sealed::{self, Sealed};
use super::{Held, Journal, leftover_prefix, lines, sync_dir};
use crate::atomic::AtomicFile;
use crate::keys::Recipients;

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
            self.seal(&view, person, drafts)?;
            fs::remove_dir_all(&self.path)
                .with_context(|| format!("could not remove the plain journal {}", self.display()))?;
            folder.forget()?;
            return sync_dir(self.path.parent());
        }
        self.create_parent()?;
        let existed = self.path.exists();
        let Some(mut file) = self.lock(true)? else { bail!("the journal {} is encrypted already", self.display()) };
        self.remove_leftovers();
        self.mend_tail(&mut file).with_context(|| format!("could not mend the journal {}", self.display()))?;
        self.seal(&file, person, drafts)?;
        fs::remove_file(&self.path)
            .with_context(|| format!("could not remove the plain journal {}", self.display()))?;
        if !existed || self.path.parent().is_some() {
            sync_dir(self.path.parent())?;
        }
        Ok(())
    }

    /// Writes the encrypted journal from `plain`, and encrypts the drafts
    /// and the lines set aside beside the journal with it.
    fn seal(&self, plain: &File, person: &Recipients, drafts: &Path) -> Result<()> {
        let (keys, key_file) = sealed::new_own_key(person)?;
        let dir = Sealed::folder_of(&self.path);
        Sealed::create(&dir, &keys, &key_file, |out| {
            lines::copy(plain, out).with_context(|| format!("could not read the journal {}", self.display()))?;
            Ok(())
        })?;
        let all = keys.all();
        for (plain, kind) in self.plain_asides() {
            let (path, out) = super::new_aside(&dir.join(kind), ".age")?;
            seal_file(&plain, &all, out).with_context(|| format!("could not encrypt {}", path.display()))?;
            fs::remove_file(&plain)?;
        }
        seal_drafts(drafts, &all)?;
        self.remove_plain_indexes()
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
    /// away reads nothing written after.
    pub fn rekey(&self, sealed: &Sealed, person: &Recipients, drafts: &Path) -> Result<()> {
        let own = self.unlock(sealed)?;
        let lock = sealed.lock(true)?.with_context(|| format!("the journal {} is gone", sealed.dir().display()))?;
        let opened = Held::Sealed(sealed.open_locked(lock, own)?);
        let (keys, key_file) = sealed::new_own_key(person)?;
        let all = keys.all();
        // The drafts and the lines set aside are first encrypted to the old
        // keys and the new ones together, so that whichever journal a crash
        // leaves in place reads them; to the new keys alone at the end.
        let mut both = sealed.keys()?.all().keys().to_vec();
        both.extend(all.keys().iter().filter(|key| !both.contains(key)).cloned().collect::<Vec<_>>());
        let both = Recipients::new(both)?;
        let mut small = Vec::new();
        for path in sealed.asides()?.into_iter().chain(sealed_drafts(drafts)) {
            let text = own.decrypt_file(&path)?;
            both.write_file(&path, ".tmp-", &text)?;
            small.push((text, path));
        }
        sealed.rewrite(Some((&keys, &key_file)), |out| {
            lines::copy(&opened, out).context("could not read the journal")?;
            Ok(true)
        })?;
        for (text, path) in small {
            all.write_file(&path, ".tmp-", &text)?;
        }
        Ok(())
    }

    /// Turns the encrypted journal back into a plain file, with its drafts
    /// and the lines set aside; the encrypted folder goes last.
    pub fn decrypt(&self, sealed: &Sealed, drafts: &Path) -> Result<()> {
        let own = self.unlock(sealed)?;
        self.merge_imports(sealed, own)?;
        let lock = sealed.lock(true)?.with_context(|| format!("the journal {} is gone", sealed.dir().display()))?;
        self.remove_leftovers();
        let opened = Held::Sealed(sealed.open_locked(lock, own)?);
        // What the folder holds beside the journal would go with it.
        let strays = sealed.strays()?.into_iter().chain(sealed.arriving()?);
        let strays = strays.chain(sealed.unreadable(own)?).chain(sealed.imports()?);
        if let Some(stray) = strays.into_iter().next() {
            bail!(
                "{} is in the encrypted journal's folder but not in the journal; bring it in with bezin import, or \
                 move it away, then decrypt",
                stray.display()
            );
        }
        let mut out = AtomicFile::new(&self.path, &leftover_prefix(&self.path))
            .with_context(|| format!("could not write a journal beside {}", self.display()))?;
        lines::copy(&opened, &mut out).context("could not read the journal")?;
        out.commit().with_context(|| format!("could not write the journal {}", self.display()))?;
        for path in sealed.asides()? {
            let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
            let mut plain = self.path.as_os_str().to_owned();
            plain.push(format!(".{}", name.trim_end_matches(".age")));
            let mut file = AtomicFile::new(Path::new(&plain), ".tmp-")?;
            file.write_all(&own.decrypt_file(&path)?)?;
            file.commit()?;
        }
        for path in sealed_drafts(drafts) {
            let plain = path.with_extension("");
            let mut file = AtomicFile::new(&plain, ".draft-")?;
            file.write_all(&own.decrypt_file(&path)?)?;
            file.commit()?;
            fs::remove_file(&path)?;
        }
        // Removed under the lock: a save waiting for it then finds the folder
        // gone and writes to the plain journal.
        fs::remove_dir_all(sealed.dir()).with_context(|| format!("could not remove {}", sealed.dir().display()))?;
        drop(opened);
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
