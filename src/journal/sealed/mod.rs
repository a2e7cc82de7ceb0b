//! An encrypted journal: a folder beside where the plain journal would be
//! (`journal.jsonl.age/`) in which every file is a standard age file, or a
//! list of public keys. docs/journal-format.md describes it; in short:
//!
//! - `sealed-NNNNNN/` is the journal now: `000001.age`, `000002.age`, …
//!   hold its JSON Lines in order, a few MiB each; `recipients.txt` the
//!   keys every file is encrypted to; `key.age` the journal's own key.
//! - `new-<time>-<random>.age` is an entry saved since: a save needs only
//!   the public keys, never a secret. The next reader, who has the
//!   identity, folds these into the last part.
//! - A change (edit, delete, import, new keys) writes a whole new
//!   `sealed-` folder beside the old one and renames it into place: the
//!   folder with the highest number is the journal.
//!
//! The journal's own key (an X25519 identity in `key.age`, encrypted to the
//! person's keys) is what reads the parts, so that a passphrase, an SSH
//! key's passphrase or a hardware key's touch is needed once per command,
//! not once per part. Every file is encrypted to the person's keys as well,
//! so `age -d -i identity.txt FILE` reads each one without bezin.

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::lang::failed::{Step, Thing, could_not};
use anyhow::{Context, Result, anyhow};
use zeroize::Zeroizing;

mod write;

pub use write::new_own_key;

use super::decrypted::{Decrypted, Part};
use super::lines::Source;
use crate::atomic::AtomicFile;
use crate::keys::{Identities, Recipients};
use crate::search::{Sieve, Sifted};

/// The sieve of the text being written, encrypted as it goes.
pub type SieveFile = age::stream::StreamWriter<AtomicFile>;

/// A change writes the journal in parts of this size. Each part costs a
/// key exchange to open (as much as decrypting a few hundred KiB), so
/// fewer, larger parts make reading the whole journal quicker.
const PART: u64 = 4 << 20;

/// Saves are folded into the last part while it is smaller than this, and
/// start a new part after: folding rewrites the last part, and this keeps
/// that quick. The next change packs such parts into whole `PART`s.
const FOLD_INTO: u64 = 1 << 20;

const GENERATION: &str = "sealed-";
const PENDING: &str = "new-";
/// An index kept of the journal (`index.rs`), encrypted with it.
const INDEX: &str = "index-";
/// The index that is the sieve of the journal's text, for search.
const SIEVE: &str = "sieve-2";
/// The sieve as the first builds to keep one wrote it.
const OLD_SIEVE: &str = "sieve";
const IMPORT: &str = "import-";
const RECIPIENTS: &str = "recipients.txt";
const KEY: &str = "key.age";
/// How many parts a change wrote: the folder is whole once they are there.
const PART_COUNT: &str = "parts.txt";
/// Temporary files and folders, left only by a crash.
const TEMPORARY: &str = ".tmp-";
const BUILDING: &str = ".building-";

/// The folder of an encrypted journal.
pub struct Sealed {
    dir: PathBuf,
}

/// The keys of an encrypted journal: the person's, and the journal's own
/// (last in `recipients.txt`, its secret in `key.age`).
pub struct Keys {
    pub person: Recipients,
    pub own: String,
}

impl Keys {
    /// Every key a file of the journal is encrypted to. The own key comes
    /// first in each file's header, as the key that reads it tries them in
    /// order, and each try costs as much as decrypting a few pages.
    pub fn all(&self) -> Recipients {
        let mut keys = vec![self.own.clone()];
        keys.extend_from_slice(self.person.keys());
        Recipients::new(keys).expect("keys that were checked")
    }

    fn text(&self) -> String {
        let mut text =
            String::from("# Every file of this encrypted bezin journal is encrypted to these keys.\n# Your keys:\n");
        for key in self.person.keys() {
            text.push_str(key);
            text.push('\n');
        }
        text.push_str("# The journal's own key, last; key.age holds its secret, encrypted to your keys:\n");
        text.push_str(&self.own);
        text.push('\n');
        text
    }
}

/// The person's identity is not one of the journal's keys.
#[derive(Debug)]
pub struct NotItsKey;

impl std::fmt::Display for NotItsKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the identity is not one of the journal's keys")
    }
}

impl std::error::Error for NotItsKey {}

/// The journal's own key, read from `key.age` with the person's identity.
#[derive(Clone)]
pub struct OwnKey(age::x25519::Identity);

impl OwnKey {
    pub fn identity(&self) -> &dyn age::Identity {
        &self.0
    }

    /// The plain text of a small file of the journal: a draft, a save.
    pub fn decrypt_file(&self, path: &Path) -> Result<Zeroizing<Vec<u8>>> {
        decrypt_file(path, &self.0)
    }

    /// The plain text of such a file, `path`, read already.
    pub fn decrypt(&self, bytes: &[u8], path: &Path) -> Result<Zeroizing<Vec<u8>>> {
        crate::keys::decrypt(bytes, path, &[&self.0 as &dyn age::Identity])
    }
}

/// A journal folder at the moment it is read: its parts in order, read as
/// one text, and the lock that keeps it so.
pub struct Opened {
    /// `None` only where a lock is held already (numbering damaged lines).
    lock: Option<File>,
    text: Decrypted,
    key: OwnKey,
    /// Where the sieve of the text is kept, if it is.
    sieve: PathBuf,
    /// The folder's name: a change writes a new folder, so within one the
    /// text only grows.
    pub generation: String,
}

impl Opened {
    /// Lets the folder's lock go: the text read stays in memory.
    pub fn let_go(&self) {
        if let Some(lock) = &self.lock {
            drop(lock.unlock());
        }
    }
}

impl Sealed {
    /// The encrypted form of the journal at `journal`.
    pub fn folder_of(journal: &Path) -> PathBuf {
        let mut name = journal.as_os_str().to_owned();
        name.push(".age");
        PathBuf::from(name)
    }

    pub fn new(dir: PathBuf) -> Sealed {
        Sealed { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Locks the folder (exclusively to change it); fails when it is gone,
    /// as after `bezin decrypt`.
    pub fn lock(&self, exclusive: bool) -> Result<Option<File>> {
        let folder = match File::open(&self.dir) {
            Ok(folder) => folder,
            Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(err) => {
                return Err(err).with_context(|| could_not(Step::Open, Thing::Path, self.dir.display()));
            }
        };
        if exclusive { folder.lock() } else { folder.lock_shared() }
            .with_context(|| could_not(Step::Lock, Thing::Journal, self.dir.display()))?;
        Ok(self.dir.is_dir().then_some(folder))
    }

    /// The folder that is the journal now: the newest whole one. A newer
    /// one still arriving (a sync under way) takes over once it is whole.
    fn generation(&self) -> Result<PathBuf> {
        let generations = self.generations()?;
        if let Some(whole) = generations.iter().rev().find(|generation| lacks(generation).is_none()) {
            return Ok(whole.clone());
        }
        match generations.last() {
            Some(newest) => Err(anyhow!(
                "{} holds no whole encrypted journal: {} lacks {} (a sync still under way?)",
                self.dir.display(),
                newest.display(),
                lacks(newest).unwrap_or_default()
            )),
            None => {
                Err(anyhow!((crate::lang::interface().journal().no_encrypted_journal)(&self.dir.display().to_string())))
            }
        }
    }

    /// Journal folders newer than the one in use that are not whole yet.
    pub fn arriving(&self) -> Result<Vec<PathBuf>> {
        let mut generations = self.generations()?;
        let Ok(current) = self.generation() else { return Ok(generations) };
        generations.retain(|generation| generation_order(generation) > generation_order(&current));
        Ok(generations)
    }

    /// Every `sealed-` folder, oldest first.
    fn generations(&self) -> Result<Vec<PathBuf>> {
        let mut found = self.named(|name| generation_number(name).is_some())?;
        found.sort_by_key(|path| generation_order(path));
        Ok(found)
    }

    /// The files and folders in the journal's folder whose names pass `keep`.
    fn named(&self, keep: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>> {
        let entries =
            fs::read_dir(&self.dir).with_context(|| could_not(Step::Read, Thing::Path, self.dir.display()))?;
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .filter(|entry| keep(&entry.file_name().to_string_lossy()))
            .map(|entry| entry.path())
            .collect();
        found.sort();
        Ok(found)
    }

    /// The regular files among those `named` finds: a folder, a link or a
    /// pipe named like a save is no save.
    fn named_files(&self, keep: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>> {
        let mut found = self.named(keep)?;
        found.retain(|path| fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file()));
        Ok(found)
    }

    /// Where the index `name` is kept.
    pub fn index_path(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{INDEX}{name}.age"))
    }

    /// Keeps an index, encrypted to the journal's keys, in place of the one before.
    pub fn keep_index(&self, name: &str, text: &[u8]) -> Result<()> {
        self.keys()?.all().write_file(&self.index_path(name), TEMPORARY, text)
    }

    /// Starts the sieve of the text about to be written, encrypted to
    /// `keys`, the keys the journal will have; `keep_sieve` ends it.
    pub fn sieve_file(&self, keys: &Recipients) -> Result<SieveFile> {
        let path = self.index_path(SIEVE);
        let failed = || could_not(Step::Write, Thing::Path, path.display());
        keys.encrypt(AtomicFile::new(&path, TEMPORARY).with_context(failed)?)
    }

    /// Keeps the sieve made while the journal was written, as one of its
    /// text now, in place of the one before.
    pub fn keep_sieve(&self, sifted: Sifted<SieveFile>) -> Result<()> {
        let generation = self.generation()?;
        let name = generation.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let path = self.index_path(SIEVE);
        let failed = || could_not(Step::Write, Thing::Path, path.display());
        let kept = sifted.end(&name).with_context(failed)?;
        kept.finish().and_then(AtomicFile::commit).with_context(failed)?;
        // The sieve an older bezin kept, of a text that may have changed since.
        match fs::remove_file(self.index_path(OLD_SIEVE)) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => {
                Err(err).with_context(|| could_not(Step::Remove, Thing::Path, self.index_path(OLD_SIEVE).display()))
            }
            _ => Ok(()),
        }
    }

    /// Whether a sieve of the journal is kept (a view made by an older
    /// bezin has none, or one of another form).
    pub fn has_sieve(&self) -> bool {
        self.index_path(SIEVE).is_file()
    }

    /// The keys of the journal now.
    pub fn keys(&self) -> Result<Keys> {
        keys_in(&self.generation()?)
    }

    /// Saves one or more whole lines as a new age file to the journal's
    /// keys: no secret is needed. Synced before it returns. `false` when
    /// the encrypted journal is gone (decrypted meanwhile).
    pub fn add(&self, lines: &[u8]) -> Result<bool> {
        if !self.dir.is_dir() {
            return Ok(false);
        }
        match self.keep(PENDING, lines) {
            Err(_) if !self.dir.is_dir() => Ok(false),
            kept => kept.map(|()| true),
        }
    }

    fn keep(&self, prefix: &str, lines: &[u8]) -> Result<()> {
        let _lock = self.lock(true)?.with_context(|| could_not(Step::Find, Thing::Journal, self.dir.display()))?;
        let keys = self.keys()?;
        let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S%.6fZ");
        let name = format!("{prefix}{stamp}-{:08x}.age", fastrand::u32(..));
        keys.all().write_file(&self.dir.join(name), TEMPORARY, lines)
    }

    /// Saves and imports waiting for a reader with the identity.
    pub fn waiting(&self) -> Result<Vec<PathBuf>> {
        self.named_files(is_waiting)
    }

    /// The file of the journal's own key, encrypted to the person's keys.
    pub fn key_file(&self) -> Result<PathBuf> {
        Ok(self.generation()?.join(KEY))
    }

    /// Imports waiting for a reader with the identity, oldest first.
    pub fn imports(&self) -> Result<Vec<PathBuf>> {
        self.named_files(|name| name.starts_with(IMPORT) && has_age_suffix(name))
    }

    /// The parts of the journal now, in order.
    pub fn current_parts(&self) -> Result<Vec<PathBuf>> {
        numbered_parts(&self.generation()?)
    }

    /// The parts of an encrypted journal's folder (`sealed-NNNNNN`), in order.
    pub fn parts_of(generation: &Path) -> Result<Vec<PathBuf>> {
        numbered_parts(generation)
    }

    /// The journal's own key, opened with the person's identity.
    pub fn own_key(&self, person: &Identities) -> Result<OwnKey> {
        let generation = self.generation()?;
        let path = generation.join(KEY);
        let file = File::open(&path).with_context(|| could_not(Step::Read, Thing::Path, path.display()))?;
        let decryptor = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(io::BufReader::new(file)))
            .map_err(|err| {
                anyhow!((crate::lang::interface().journal().not_age_file)(
                    &path.display().to_string(),
                    &err.to_string()
                ))
            })?;
        let mut stream = decryptor.decrypt(person.as_dyn()).map_err(|err| match err {
            age::DecryptError::NoMatchingKeys => anyhow::Error::new(NotItsKey),
            err => anyhow!("{}: {err}", could_not(Step::Decrypt, Thing::Path, path.display())),
        })?;
        let mut text = Zeroizing::new(String::new());
        stream.read_to_string(&mut text).with_context(|| could_not(Step::Decrypt, Thing::Path, path.display()))?;
        let line = text.lines().find(|line| line.starts_with("AGE-SECRET-KEY-"));
        let key = line.and_then(|line| age::x25519::Identity::from_str(line).ok());
        key.map(OwnKey).with_context(|| (crate::lang::interface().journal().no_age_key)(&path.display().to_string()))
    }

    /// Opens the journal to read: saves made since the last read are first
    /// folded in (under the exclusive lock, which is then shared).
    pub fn open(&self, key: &OwnKey) -> Result<Option<Opened>> {
        let pending = !self.named_files(is_pending)?.is_empty();
        let Some(lock) = self.lock(pending)? else { return Ok(None) };
        if pending {
            self.remove_leftovers()?;
            self.fold(key)?;
            lock.lock_shared().with_context(|| could_not(Step::Lock, Thing::Journal, self.dir.display()))?;
        }
        Ok(Some(self.parts(Some(lock), key)?))
    }

    /// The parts as they are, read under `lock`.
    fn parts(&self, lock: Option<File>, key: &OwnKey) -> Result<Opened> {
        let generation = self.generation()?;
        let mut parts = Vec::new();
        let mut start = 0;
        for path in numbered_parts(&generation)? {
            let len = plain_length(&path).with_context(|| could_not(Step::Read, Thing::Path, path.display()))?;
            parts.push(Part { path, start, len });
            start += len;
        }
        let name = generation.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let text = Decrypted::new(parts, key.0.clone());
        Ok(Opened { lock, text, key: key.clone(), sieve: self.index_path(SIEVE), generation: name })
    }

    /// The parts as they are, without taking the lock: for numbering the
    /// damaged lines of a read that holds it.
    pub fn open_unlocked(&self, key: &OwnKey) -> Result<Opened> {
        self.parts(None, key)
    }

    /// Removes what stopped writes left: temporary files and folders, and
    /// journal folders older than the one in use that a change could not
    /// remove. Only under the exclusive lock.
    fn remove_leftovers(&self) -> Result<()> {
        for path in self.leftovers()? {
            let _ = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
        }
        Ok(())
    }

    /// Removes what stopped writes of a view left, which no later write
    /// would: temporary files, folders being built (beside it too), and
    /// every generation but the one in use. A view is made from the logs,
    /// so nothing is lost with them. Only under the exclusive lock.
    pub fn tidy_view(&self) -> Result<()> {
        let current = self.generation().ok();
        let mut gone = self.leftovers()?;
        gone.extend(self.generations()?.into_iter().filter(|generation| Some(generation) != current.as_ref()));
        let building = Sealed::building_prefix(&self.dir);
        let beside = self.dir.parent().and_then(|parent| fs::read_dir(parent).ok()).into_iter().flatten();
        gone.extend(
            beside
                .filter_map(Result::ok)
                .filter(|entry| entry.file_name().to_string_lossy().starts_with(&building))
                .map(|entry| entry.path()),
        );
        for path in gone {
            let removed = if path.is_dir() { fs::remove_dir_all(&path) } else { fs::remove_file(&path) };
            removed.with_context(|| could_not(Step::Remove, Thing::Path, path.display()))?;
        }
        Ok(())
    }

    /// Temporary files and folders of writes that were stopped.
    pub fn leftovers(&self) -> Result<Vec<PathBuf>> {
        let mut found = self.named(|name| name.starts_with(TEMPORARY) || name.starts_with(BUILDING))?;
        if let Ok(generation) = self.generation() {
            let inside = fs::read_dir(&generation).into_iter().flatten().filter_map(Result::ok);
            found.extend(
                inside.filter(|entry| entry.file_name().to_string_lossy().starts_with(TEMPORARY)).map(|e| e.path()),
            );
        }
        Ok(found)
    }

    /// Saves made for keys the journal no longer has (on a machine that had
    /// not yet seen its new keys) that the person's identity still reads
    /// are encrypted again to the journal's keys, for the next fold.
    pub fn adopt(&self, own: &OwnKey, person: &Identities) -> Result<()> {
        if self.named_files(is_waiting)?.is_empty() {
            return Ok(());
        }
        let Some(_lock) = self.lock(true)? else { return Ok(()) };
        let keys = self.keys()?.all();
        let person: Vec<&dyn age::Identity> = person.as_dyn().collect();
        for path in self.unreadable(own)? {
            if let Ok(text) = crate::keys::decrypt_file(&path, &person) {
                keys.write_file(&path, TEMPORARY, &text)?;
            }
        }
        Ok(())
    }

    /// The parts of the journal that do not decrypt whole, and why.
    pub fn damaged_parts(&self, key: &OwnKey) -> Result<Vec<(PathBuf, String)>> {
        let mut damaged = Vec::new();
        for path in self.current_parts()? {
            let read = File::open(&path).map_err(anyhow::Error::from).and_then(|file| {
                let decryptor = age::Decryptor::new_buffered(io::BufReader::new(file))?;
                let mut stream = decryptor.decrypt(std::iter::once(&key.0 as &dyn age::Identity))?;
                io::copy(&mut stream, &mut io::sink())?;
                Ok(())
            });
            if let Err(err) = read {
                damaged.push((path, format!("{err:#}")));
            }
        }
        Ok(damaged)
    }

    /// Saves that the journal's key cannot read (written on a machine that
    /// had not yet seen the journal's new keys, for keys the person no
    /// longer has either): left where they are.
    pub fn unreadable(&self, key: &OwnKey) -> Result<Vec<PathBuf>> {
        let pending = self.named_files(is_waiting)?;
        Ok(pending.into_iter().filter(|path| decrypt_file(path, &key.0).is_err()).collect())
    }

    /// Older journal folders and files in the journal's folder that bezin
    /// did not write (a sync service's conflicting copies): `check` names
    /// them, and `bezin import` brings in what they hold.
    pub fn strays(&self) -> Result<Vec<PathBuf>> {
        let current = self.generation().ok();
        let mut strays = self.generations()?;
        strays.retain(|generation| generation_order(generation) < current.as_deref().map_or(0, generation_order));
        let known = |name: &str| {
            generation_number(name).is_some()
                || is_pending(name)
                || name.starts_with(IMPORT)
                || is_index(name)
                || is_aside(name)
                || name.starts_with(TEMPORARY)
                || name.starts_with(BUILDING)
        };
        strays.extend(self.named(|name| !known(name))?);
        let files = self.named_files(|name| is_waiting(name) || is_aside(name))?;
        strays
            .extend(self.named(|name| is_waiting(name) || is_aside(name))?.into_iter().filter(|p| !files.contains(p)));
        if let Ok(generation) = self.generation() {
            for entry in fs::read_dir(&generation)?.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                if !is_part_of_generation(&name) {
                    strays.push(entry.path());
                }
            }
        }
        Ok(strays)
    }
}

impl Opened {
    /// The parts of the text that may hold a query of these `runs`
    /// (`Query::runs`), in order: all of it, without a sieve of this text.
    pub fn may_hold(&self, runs: &[usize]) -> io::Result<Vec<std::ops::Range<u64>>> {
        let size = self.text.size()?;
        let kept = self.sieve.is_file().then(|| self.key.decrypt_file(&self.sieve).ok()).flatten();
        let sieve = kept.and_then(|bytes| Sieve::parse(bytes, &self.generation));
        Ok(sieve.map_or_else(|| std::iter::once(0..size).collect(), |sieve| sieve.ranges(runs, size)))
    }
}

impl Source for Opened {
    fn size(&self) -> io::Result<u64> {
        self.text.size()
    }

    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        self.text.read_at(buf, offset)
    }
}

/// The whole plain text of a small age file, decrypted with the journal's key.
fn decrypt_file(path: &Path, key: &age::x25519::Identity) -> Result<Zeroizing<Vec<u8>>> {
    crate::keys::decrypt_file(path, &[key as &dyn age::Identity])
}

/// The longest age header read: a few hundred keys.
const HEADER_MOST: usize = 1 << 20;

/// How long the plain text of a binary age file is, from its length alone:
/// after the header come a 16-byte nonce and chunks of 64 KiB, each with a
/// 16-byte tag (age-encryption.org/v1). Reading checks every chunk.
fn plain_length(path: &Path) -> io::Result<u64> {
    const CHUNK: u64 = 64 * 1024 + 16;
    let mut file = File::open(path)?;
    let total = file.metadata()?.len();
    let broken = || io::Error::new(io::ErrorKind::InvalidData, format!("{} is not a whole age file", path.display()));
    // The header ends with its MAC line; many keys (RSA ones are long) make it longer than the first read.
    let mut head = Vec::new();
    let mac = loop {
        let want = (head.len() * 2).clamp(4096, HEADER_MOST).min(usize::try_from(total).unwrap_or(HEADER_MOST));
        let read_so_far = head.len();
        head.resize(want, 0);
        file.read_exact(&mut head[read_so_far..])?;
        if let Some(mac) = memchr::memmem::find(&head, b"\n--- ") {
            break mac;
        }
        if want == read_so_far || want == HEADER_MOST {
            return Err(broken());
        }
    };
    let end = mac + 1 + memchr::memchr(b'\n', &head[mac + 1..]).ok_or_else(broken)? + 1;
    let payload = total.checked_sub(end as u64 + 16).filter(|&n| n >= 16).ok_or_else(broken)?;
    let chunks = payload.div_ceil(CHUNK);
    Ok(payload - 16 * chunks)
}

/// The parts of a journal folder, in order.
fn numbered_parts(generation: &Path) -> Result<Vec<PathBuf>> {
    let entries = fs::read_dir(generation).with_context(|| could_not(Step::Read, Thing::Path, generation.display()))?;
    let mut parts: Vec<(u64, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| part_number(&entry.file_name().to_string_lossy()).map(|n| (n, entry.path())))
        .collect();
    parts.sort();
    Ok(parts.into_iter().map(|(_, path)| path).collect())
}

fn keys_in(generation: &Path) -> Result<Keys> {
    let mut all = Recipients::read(&generation.join(RECIPIENTS))?.keys().to_vec();
    let own = all.pop().context("the journal's recipients name no key")?;
    let person =
        Recipients::new(all).with_context(|| format!("{} names only the journal's own key", generation.display()))?;
    Ok(Keys { person, own })
}

/// What a journal folder lacks to be whole, if anything: its keys, or
/// parts its `parts.txt` says it has (folders written before it have none).
fn lacks(generation: &Path) -> Option<String> {
    for name in [RECIPIENTS, KEY] {
        if !generation.join(name).is_file() {
            return Some(name.to_owned());
        }
    }
    let count = fs::read_to_string(generation.join(PART_COUNT)).ok()?;
    let count: usize = count.lines().find(|line| !line.starts_with('#'))?.trim().parse().ok()?;
    (1..=count).map(part_name).find(|name| !generation.join(name).is_file())
}

fn part_count_text(count: usize) -> Vec<u8> {
    format!("# How many parts this folder was written with; it is whole once they are all here.\n{count}\n")
        .into_bytes()
}

/// The files a journal folder holds that bezin wrote.
fn is_part_of_generation(name: &str) -> bool {
    part_number(name).is_some() || [KEY, RECIPIENTS, PART_COUNT].contains(&name) || name.starts_with(TEMPORARY)
}

fn generation_order(generation: &Path) -> u64 {
    generation.file_name().and_then(|name| generation_number(&name.to_string_lossy())).unwrap_or(0)
}

fn part_name(number: usize) -> String {
    format!("{number:06}.age")
}

fn part_number(name: &str) -> Option<u64> {
    name.strip_suffix(".age").filter(|n| n.len() == 6 && n.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()
}

fn generation_name(number: u64) -> String {
    format!("{GENERATION}{number:06}")
}

fn generation_number(name: &str) -> Option<u64> {
    name.strip_prefix(GENERATION).filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()
}

/// Whether a name bezin gave ends in `.age` (bezin writes it in lower case).
#[allow(clippy::case_sensitive_file_extension_comparisons)]
fn has_age_suffix(name: &str) -> bool {
    name.ends_with(".age")
}

fn is_aside(name: &str) -> bool {
    (name.starts_with("corrupt-") || name.starts_with("conflict-")) && has_age_suffix(name)
}

fn is_index(name: &str) -> bool {
    name.starts_with(INDEX) && has_age_suffix(name)
}

fn is_pending(name: &str) -> bool {
    name.starts_with(PENDING) && has_age_suffix(name)
}

/// A save or an import waiting for a reader.
fn is_waiting(name: &str) -> bool {
    is_pending(name) || (name.starts_with(IMPORT) && has_age_suffix(name))
}
