//! The keys of an encrypted journal folder, kept so that two devices
//! changing them at once never bring a removed key back.
//!
//! Each key change is a pair of files in the changing device's folder:
//! `keys-<at>.json`, in plain text (saving needs the public keys, never a
//! secret), with the keys it adds and removes and the journal key it made;
//! and `key-<at>.age`, that journal key's secret, encrypted to the
//! person's keys as the device knew them. Every key is its own register:
//! the latest change of it (by time, then device) says whether it is in.
//! A journal key is used only while it was encrypted to exactly the keys
//! that are in; otherwise the next device that writes makes a new one
//! first (`Keyring::needs_new_key`).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

use super::record::Stamp;
use super::{DEVICE, read_small};
use crate::keys::{Identities, Recipients};
use crate::lang::failed::{Step, Thing, could_not};

const RECORD: &str = "keys-";
const SECRET: &str = "key-";

/// One key change, as its file holds it.
#[derive(Debug, Serialize, Deserialize)]
pub struct KeyChange {
    #[serde(default)]
    pub add: Vec<String>,
    #[serde(default)]
    pub remove: Vec<String>,
    /// The public half of the journal key made with this change.
    pub own: String,
    /// The person's keys its secret is encrypted to.
    pub to: Vec<String>,
    pub at: u64,
    pub dev: String,
}

/// Every key change merged: which keys are in, and the journal key.
#[derive(Debug, Default)]
pub struct Keyring {
    /// Each key that was ever named, with its latest change and whether it is in.
    registers: BTreeMap<String, (Stamp, bool)>,
    /// The latest change: its journal key, and the keys that key was encrypted to.
    latest: Option<(Stamp, String, BTreeSet<String>)>,
    /// The journal key of the first change: made when the journal was
    /// encrypted, the same in every copy of it, and in no other journal.
    first: Option<(Stamp, String)>,
    /// The time of the latest change.
    pub max_at: u64,
    /// The key files read, to know when they change.
    pub files: Vec<PathBuf>,
}

impl Keyring {
    /// Reads the key changes of every device in the journal folder `dir`.
    pub fn read(dir: &Path) -> Result<Keyring> {
        let mut ring = Keyring::default();
        for path in key_files(dir, RECORD, ".json")? {
            let Some(text) = read_small(&path, 1 << 20) else { continue };
            // A change still arriving, or damaged: `check` names what the merge cannot read.
            let Ok(change) = serde_json::from_slice::<KeyChange>(&text) else { continue };
            if Recipients::new(change.add.clone()).is_err() && !change.add.is_empty() {
                continue;
            }
            ring.take(&change);
            ring.files.push(path);
        }
        Ok(ring)
    }

    fn take(&mut self, change: &KeyChange) {
        let stamp = Stamp { at: change.at, dev: change.dev.as_str().into() };
        for (keys, present) in [(&change.add, true), (&change.remove, false)] {
            for key in keys {
                let newer = self.registers.get(key).is_none_or(|(seen, _)| stamp > *seen);
                if newer {
                    self.registers.insert(key.clone(), (stamp.clone(), present));
                }
            }
        }
        if self.first.as_ref().is_none_or(|(seen, _)| stamp < *seen) {
            self.first = Some((stamp.clone(), change.own.clone()));
        }
        if self.latest.as_ref().is_none_or(|(seen, _, _)| stamp > *seen) {
            self.latest = Some((stamp, change.own.clone(), change.to.iter().cloned().collect()));
        }
        self.max_at = self.max_at.max(change.at);
    }

    /// The public journal key of the first key change, which names the
    /// encrypted journal.
    pub fn first_key(&self) -> Option<&str> {
        self.first.as_ref().map(|(_, own)| own.as_str())
    }

    /// The person's keys that are in.
    pub fn person(&self) -> Vec<String> {
        self.registers.iter().filter(|(_, (_, present))| *present).map(|(key, _)| key.clone()).collect()
    }

    /// The journal key to encrypt to, when its secret was encrypted to
    /// exactly the keys that are in (a key removed meanwhile must not read it).
    pub fn own(&self) -> Option<&str> {
        let (_, own, to) = self.latest.as_ref()?;
        (to.iter().eq(self.person().iter())).then_some(own.as_str())
    }

    /// Whether a new journal key is to be made before the next file.
    pub fn needs_new_key(&self) -> bool {
        self.own().is_none() && !self.person().is_empty()
    }

    /// Every key a new file is encrypted to: the journal key first (the
    /// key that reads tries them in order), then the person's.
    pub fn recipients(&self) -> Result<Recipients> {
        let mut keys: Vec<String> = self.own().map(str::to_owned).into_iter().collect();
        keys.extend(self.person());
        Recipients::new(keys).context(crate::lang::interface().journal().names_no_key)
    }

    /// What the files are encrypted to, as one number: a change of keys
    /// makes every device write its own files again.
    pub fn epoch(&self) -> u64 {
        let mut text = self.own().unwrap_or_default().to_owned();
        for key in self.person() {
            text.push('\n');
            text.push_str(&key);
        }
        text.bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
    }
}

/// Writes a key change in the device folder `own`: which keys come in and
/// go, and a new journal key encrypted to the keys that are in after it.
/// The secret first, then the plain record, so a change is never named
/// without its key. Returns the new journal key.
pub fn write_change(
    own: &Path,
    ring: &Keyring,
    add: &[String],
    remove: &[String],
    stamp: &Stamp,
) -> Result<age::x25519::Identity> {
    let mut after = Keyring::default();
    let change = |own: String, to: Vec<String>| KeyChange {
        add: add.to_vec(),
        remove: remove.to_vec(),
        own,
        to,
        at: stamp.at,
        dev: stamp.dev.to_string(),
    };
    for (key, (seen, present)) in &ring.registers {
        after.registers.insert(key.clone(), (seen.clone(), *present));
    }
    after.take(&change(String::new(), Vec::new()));
    let to = Recipients::new(after.person())?;
    let identity = age::x25519::Identity::generate();
    let secret = zeroize::Zeroizing::new(format!(
        "# A key of one encrypted bezin journal; every file of it is also encrypted to your own keys.\n{}\n",
        identity.to_string().expose_secret()
    ));
    let mut armored = Vec::new();
    let writer = age::armor::ArmoredWriter::wrap_output(&mut armored, age::armor::Format::AsciiArmor)?;
    let mut writer = to.encrypt(writer)?;
    std::io::Write::write_all(&mut writer, secret.as_bytes())?;
    writer.finish()?.finish()?;
    crate::paths::write_new_private(&own.join(format!("{SECRET}{}.age", stamp.at)), &armored)
        .with_context(|| could_not(Step::WriteKeyIn, Thing::Path, own.display()))?;
    let record = change(identity.to_public().to_string(), to.keys().to_vec());
    let text = serde_json::to_vec(&record)?;
    let path = own.join(format!("{RECORD}{}.json", stamp.at));
    let mut out = crate::atomic::AtomicFile::new(&path, ".keys-new-")?;
    std::io::Write::write_all(&mut out, &text)?;
    out.commit().with_context(|| could_not(Step::Write, Thing::Path, path.display()))?;
    Ok(identity)
}

/// The journal keys the person's identity opens, from every device's
/// `key-….age`; those it cannot open (made for other keys) are passed by.
pub fn unlock(dir: &Path, person: &Identities) -> Result<Vec<age::x25519::Identity>> {
    let mut found = Vec::new();
    let person: Vec<&dyn age::Identity> = person.as_dyn().collect();
    for path in key_files(dir, SECRET, ".age")? {
        let Ok(text) = crate::keys::decrypt_file(&path, &person) else { continue };
        let text = String::from_utf8_lossy(&text);
        let line = text.lines().find(|line| line.starts_with("AGE-SECRET-KEY-"));
        if let Some(key) = line.and_then(|line| line.parse::<age::x25519::Identity>().ok()) {
            found.push(key);
        }
    }
    Ok(found)
}

/// The files of every device's folder named `<prefix><digits><suffix>`.
fn key_files(dir: &Path, prefix: &str, suffix: &str) -> Result<Vec<PathBuf>> {
    let reading = || could_not(Step::Read, Thing::JournalFolder, dir.display());
    let mut found = Vec::new();
    for device in fs::read_dir(dir).with_context(reading)?.filter_map(Result::ok) {
        let name = device.file_name().to_string_lossy().into_owned();
        let is_device = name.strip_prefix(DEVICE).is_some_and(crate::journal::is_id);
        if !is_device || !device.file_type().is_ok_and(|kind| kind.is_dir()) {
            continue;
        }
        for file in fs::read_dir(device.path()).with_context(reading)?.filter_map(Result::ok) {
            let name = file.file_name().to_string_lossy().into_owned();
            let digits = name.strip_prefix(prefix).and_then(|rest| rest.strip_suffix(suffix));
            if digits.is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
                && file.file_type().is_ok_and(|kind| kind.is_file())
            {
                found.push(file.path());
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Whether `name` is one of the key files a device writes.
pub fn is_key_file(name: &str) -> bool {
    let digits = |rest: Option<&str>| rest.is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    digits(name.strip_prefix(RECORD).and_then(|rest| rest.strip_suffix(".json")))
        || digits(name.strip_prefix(SECRET).and_then(|rest| rest.strip_suffix(".age")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(add: &[&str], remove: &[&str], at: u64, dev: &str) -> KeyChange {
        KeyChange {
            add: add.iter().map(|k| (*k).to_owned()).collect(),
            remove: remove.iter().map(|k| (*k).to_owned()).collect(),
            own: format!("own{at}"),
            to: Vec::new(),
            at,
            dev: dev.to_owned(),
        }
    }

    #[test]
    fn a_key_removed_on_one_device_stays_out_when_another_adds_a_key_at_once() {
        let mut ring = Keyring::default();
        ring.take(&change(&["k", "l"], &[], 1, "a"));
        // One device takes k away; another, not having seen that, adds m.
        ring.take(&change(&[], &["k"], 5, "a"));
        ring.take(&change(&["m"], &[], 6, "b"));
        assert_eq!(ring.person(), ["l", "m"]);
        // The latest journal key was made for k, l and m: it is not used.
        assert!(ring.own().is_none() && ring.needs_new_key());
    }

    #[test]
    fn the_order_changes_arrive_in_changes_nothing() {
        let changes = [change(&["k"], &[], 1, "a"), change(&[], &["k"], 3, "b"), change(&["k"], &[], 2, "c")];
        let mut one = Keyring::default();
        let mut other = Keyring::default();
        for c in &changes {
            one.take(c);
        }
        for c in changes.iter().rev() {
            other.take(c);
        }
        assert_eq!(one.person(), other.person());
        assert!(one.person().is_empty());
    }
}
