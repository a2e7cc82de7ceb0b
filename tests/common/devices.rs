//! Several devices sharing one journal folder, and the syncs that carry it
//! between them: each device is a home of its own (its own state, so its
//! own device id) with its own copy of the folder, and the copies are
//! synced by simulators that behave as Syncthing (conflict copies, deletes
//! carried over, passes that carry only some files), as `rsync -au` both
//! ways (nothing deleted, old files brought back) and as `cp -r` of one
//! side's folder over the other's.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{FIVE_TIPS, Home, text};

/// A computer with bezin and its copy of the shared journal folder.
pub struct Device {
    pub home: Home,
}

impl Device {
    pub fn new() -> Device {
        let home = Home::new();
        fs::set_permissions(home.path(), fs::Permissions::from_mode(0o700)).unwrap();
        Device { home }
    }

    /// The journal's place, as `--journal` gives it.
    pub fn journal(&self) -> PathBuf {
        self.home.path().join("Sync/journal.jsonl")
    }

    /// The folder of the encrypted journal.
    pub fn sealed(&self) -> PathBuf {
        self.home.path().join("Sync/journal.jsonl.age")
    }

    pub fn bezin(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        let journal = self.journal();
        self.home.command().args(args).arg("--journal").arg(journal).assert()
    }

    /// Saves a reflection titled `title`; returns its id.
    pub fn save(&self, title: &str) -> String {
        self.save_answers(title, FIVE_TIPS)
    }

    /// Saves a reflection titled `title` with these answers; returns its id.
    pub fn save_answers(&self, title: &str, answers: &str) -> String {
        let answers = self.home.write("answers.toml", answers);
        let out = self.bezin(&["run", "five-tips", "--answers", answers.to_str().unwrap(), "--title", title]).success();
        let said = text(&out.get_output().stdout);
        said.split_whitespace().nth(2).expect("Saved as ID").to_owned()
    }

    /// The journal as this device shows it.
    pub fn entries(&self) -> Vec<Value> {
        let out = self.bezin(&["list", "--limit", "0", "--json"]).success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    }

    pub fn titles(&self) -> Vec<String> {
        self.entries().iter().map(|entry| entry["title"].as_str().unwrap_or_default().to_owned()).collect()
    }

    pub fn check(&self) -> String {
        text(&self.bezin(&["check"]).get_output().stdout)
    }

    /// Writes the person's identity where bezin looks for it by default.
    pub fn give_identity(&self, identity: &age::x25519::Identity) {
        let secret = age::secrecy::ExposeSecret::expose_secret(&identity.to_string()).to_owned();
        let written = self.home.write("identity.txt", &format!("{secret}\n"));
        fs::set_permissions(written, fs::Permissions::from_mode(0o600)).unwrap();
    }
}

/// Every file under `root`, by its path from there.
pub fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    super::files_under(root)
        .into_iter()
        .filter(|path| path.is_file())
        .map(|path| (path.strip_prefix(root).unwrap().to_owned(), fs::read(&path).unwrap()))
        .collect()
}

/// Writes a file as a sync does that carries the owner-only modes along.
pub fn put(root: &Path, name: &Path, bytes: &[u8]) {
    let path = root.join(name);
    fs::DirBuilder::new().recursive(true).mode(0o700).create(path.parent().unwrap()).unwrap();
    fs::write(&path, bytes).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o600)).unwrap();
}

/// A sync between two copies of a folder that remembers what both had
/// after its last pass, as Syncthing does.
#[derive(Default)]
pub struct Syncthing {
    known: BTreeMap<PathBuf, Vec<u8>>,
}

impl Syncthing {
    /// One pass: a file new or changed on one side goes to the other; a
    /// file both changed is kept as one side has it and the other side's
    /// version becomes a conflict copy on both; a file removed on one side
    /// is removed on the other. `carry` picks which files this pass carries.
    pub fn pass(&mut self, a: &Path, b: &Path, carry: impl Fn(&Path) -> bool) {
        let (left, right) = (files(a), files(b));
        let names: BTreeSet<&PathBuf> = left.keys().chain(right.keys()).collect();
        for name in names.into_iter().filter(|name| carry(name)) {
            let known = self.known.get(name);
            match (left.get(name), right.get(name)) {
                (Some(l), Some(r)) if l == r => {}
                (Some(l), Some(r)) if Some(r) == known => put(b, name, l),
                (Some(l), Some(r)) if Some(l) == known => put(a, name, r),
                (Some(l), Some(r)) => {
                    let copy = conflict_name(name);
                    put(a, &copy, r);
                    put(b, &copy, r);
                    put(b, name, l);
                }
                (Some(_), None) if known.is_some() => fs::remove_file(a.join(name)).unwrap(),
                (None, Some(_)) if known.is_some() => fs::remove_file(b.join(name)).unwrap(),
                (Some(l), None) => put(b, name, l),
                (None, Some(r)) => put(a, name, r),
                (None, None) => {}
            }
        }
        self.known = files(a).into_iter().filter(|(name, bytes)| files(b).get(name) == Some(bytes)).collect();
    }

    pub fn settle(&mut self, a: &Path, b: &Path) {
        self.pass(a, b, |_| true);
    }
}

/// `NAME.sync-conflict-DATE-TIME-DEVICE.EXT`, as Syncthing names the copy.
pub fn conflict_name(name: &Path) -> PathBuf {
    let stem = name.file_stem().unwrap().to_string_lossy();
    let ext = name.extension().map(|ext| format!(".{}", ext.to_string_lossy())).unwrap_or_default();
    name.with_file_name(format!("{stem}.sync-conflict-20261203-101500-ABCDEFG{ext}"))
}

/// `rsync -au a/ b/` and back: newer files go over, nothing is removed.
pub fn rsync_both_ways(a: &Path, b: &Path) {
    for (from, to) in [(a, b), (b, a)] {
        for (name, bytes) in files(from) {
            let older = fs::metadata(to.join(&name))
                .map(|there| there.modified().unwrap() < fs::metadata(from.join(&name)).unwrap().modified().unwrap());
            if older.unwrap_or(true) {
                put(to, &name, &bytes);
            }
        }
    }
}

/// `cp -r from/. to/`: one side's files win over the other's of the same
/// name, whatever their age; what only the other side had stays.
pub fn copy_over(from: &Path, to: &Path) {
    for (name, bytes) in files(from) {
        put(to, &name, &bytes);
    }
}

/// `bezin ARGS` on this device, started and not waited for.
pub fn started(device: &Device, args: &[&str]) -> std::process::Child {
    let mut command = device.home.process();
    command.args(args).arg("--journal").arg(device.journal());
    command.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped()).spawn().unwrap()
}

/// The encrypted journal of a device, as the person's identity reads each
/// of its devices' files with the age crate alone.
pub fn sealed_text(device: &Device, identity: &age::x25519::Identity) -> String {
    let mut all = String::new();
    for (name, bytes) in files(&device.sealed()) {
        if name.extension().is_some_and(|ext| ext == "age") && name.to_string_lossy().contains("dev-") {
            all.push_str(&text(&super::sealed::decrypt(&bytes, identity)));
        }
    }
    all
}

/// Whether `identity` reads the age file `bytes`.
pub fn readable_by(bytes: &[u8], identity: &age::x25519::Identity) -> bool {
    let Ok(decryptor) = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(bytes)) else { return false };
    decryptor.decrypt(std::iter::once(identity as &dyn age::Identity)).is_ok()
}
