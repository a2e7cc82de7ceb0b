//! An encrypted journal read the way anyone could read it without bezin:
//! with the age crate, the identity file and nothing of bezin's code.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::Home;

/// The identity `bezin encrypt` made in the home.
pub fn identity(home: &Home) -> age::x25519::Identity {
    let text = fs::read_to_string(home.path().join("identity.txt")).expect("an identity");
    let line = text.lines().find(|line| line.starts_with("AGE-SECRET-KEY-")).expect("a key");
    age::x25519::Identity::from_str(line).expect("an age key")
}

/// The plain text of one age file, armored or binary, or the file itself
/// when it is not one (a plain draft in the first run).
pub fn read_file(home: &Home, path: &Path) -> Vec<u8> {
    let bytes = fs::read(path).expect("a file");
    if !path.to_string_lossy().ends_with(".age") {
        return bytes;
    }
    decrypt(&bytes, &identity(home))
}

pub fn decrypt(bytes: &[u8], identity: &dyn age::Identity) -> Vec<u8> {
    let decryptor = age::Decryptor::new_buffered(age::armor::ArmoredReader::new(bytes)).expect("an age file");
    let mut reader = decryptor.decrypt(std::iter::once(identity)).expect("a file to this identity");
    let mut text = Vec::new();
    reader.read_to_end(&mut text).expect("a whole age file");
    text
}

/// The journal's text as this machine reads it: the merged view in the
/// state folder (brought up to date by a read), its parts in order, then
/// the saves not yet folded in.
pub fn plain_text(home: &Home) -> Vec<u8> {
    let _ = home.process().args(["list", "-n", "1"]).output();
    let views = fs::read_dir(home.path().join("state/journals")).into_iter().flatten();
    let Some(folder) = views.filter_map(Result::ok).map(|dir| dir.path().join("view.age")).find(|view| view.is_dir())
    else {
        return Vec::new();
    };
    let Ok(entries) = fs::read_dir(&folder) else { return Vec::new() };
    let mut names: Vec<PathBuf> = entries.filter_map(Result::ok).map(|entry| entry.path()).collect();
    names.sort();
    let generation = names.iter().rfind(|path| name(path).starts_with("sealed-")).expect("a journal folder");
    let mut parts: Vec<PathBuf> =
        fs::read_dir(generation).unwrap().filter_map(Result::ok).map(|entry| entry.path()).collect();
    parts.retain(|path| path.extension().is_some_and(|ext| ext == "age") && name(path).len() == 10);
    parts.sort();
    let identity = identity(home);
    let mut text = Vec::new();
    for path in parts.iter().chain(names.iter().filter(|path| name(path).starts_with("new-"))) {
        text.extend(decrypt(&fs::read(path).unwrap(), &identity));
    }
    text
}

fn name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}
