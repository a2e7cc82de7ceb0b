//! Completing an argument that names a file or a folder: the entries of the
//! folder the typed word points into, each as a word that the shell reads
//! back as that entry's path, whatever its name holds.

use std::ffi::OsStr;

use clap_complete::engine::CompletionCandidate;

use super::shells;
use crate::cli::Shell;

/// Files and folders, for an argument that names a file (a folder is
/// offered to go into).
pub fn files(current: &OsStr) -> Vec<CompletionCandidate> {
    entries(current, false)
}

/// Folders only, for an argument that names a folder.
pub fn folders(current: &OsStr) -> Vec<CompletionCandidate> {
    entries(current, true)
}

fn entries(current: &OsStr, folders_only: bool) -> Vec<CompletionCandidate> {
    let shell = super::shell();
    let typed = shells::meant(&current.to_string_lossy(), shell);
    let (typed_folder, start) = typed.split_at(typed.rfind('/').map_or(0, |slash| slash + 1));
    let Some(expanded) = expanded(typed_folder) else { return Vec::new() };
    let Ok(read) = std::fs::read_dir(if expanded.is_empty() { "." } else { &expanded }) else { return Vec::new() };
    // bash quotes the rest of a word that starts with `~` wrongly, and zsh,
    // elvish and PowerShell quote the `~`: only fish is handed it.
    let folder = if shell == Some(Shell::Fish) { typed_folder } else { &expanded };
    let mut names: Vec<(String, bool)> = read
        .filter_map(|entry| {
            let entry = entry.ok()?;
            // A name that is not UTF-8 cannot be handed to the shell as it is.
            let name = entry.file_name().into_string().ok()?;
            let hidden = name.starts_with('.') && !start.starts_with('.');
            let is_folder = entry.path().is_dir();
            (name.starts_with(start) && !hidden && (is_folder || !folders_only)).then_some((name, is_folder))
        })
        .collect();
    names.sort_unstable();
    names
        .into_iter()
        .map(|(name, is_folder)| path_word(folder, &name, is_folder))
        .filter(|word| shells::carries(word, shell))
        .map(|word| CompletionCandidate::new(shells::inserted(&word, shell)))
        .collect()
}

/// `folder` as typed, with a leading `~/` written out as the home folder.
fn expanded(folder: &str) -> Option<String> {
    let Some(rest) = folder.strip_prefix("~/") else { return Some(folder.to_owned()) };
    let home = etcetera::home_dir().ok()?.into_os_string().into_string().ok()?;
    Some(format!("{}/{rest}", home.trim_end_matches('/')))
}

/// The path of `name` in `folder` as a word for the command line: a folder
/// ends with `/`, and a name starting with `-` is written `./-…` so that it
/// is not read as an option.
fn path_word(folder: &str, name: &str, is_folder: bool) -> String {
    let here = if folder.is_empty() && name.starts_with('-') { "./" } else { "" };
    let end = if is_folder { "/" } else { "" };
    format!("{here}{folder}{name}{end}")
}
