//! Words for a shell: what bezin suggests to type, and what it completes.
//! A command bezin suggests is one that works typed as it is shown: it
//! starts the way the person started bezin (`bezin`, a path, or `cargo run
//! --` in its source folder) and carries the global flags they gave.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::OnceLock;

/// How this bezin was started, and the global flags given, as typed.
static STARTED: OnceLock<(String, String)> = OnceLock::new();

/// Notes the global flags given on the command line (`--lang`,
/// `--journal`, …), each name with its value, for the commands bezin suggests.
pub fn note_flags(flags: &[(&str, String)]) {
    let flags: Vec<String> = flags.iter().map(|(name, value)| format!(" {name} {}", quote(value))).collect();
    let flags = flags.concat();
    let _ = STARTED.set((program(), flags));
}

/// `args` as a whole command to type, like `bezin run five-tips --resume`.
pub fn command(args: &str) -> String {
    let (program, flags) = STARTED.get_or_init(|| (program(), String::new()));
    format!("{program} {args}{flags}")
}

/// The program as the person can type it again: `cargo run --` (with
/// `--release` for a release build) when cargo started it, `bezin` when
/// that name on the PATH is this program, else its path as it was given.
fn program() -> String {
    let by_cargo = std::env::var("CARGO_PKG_NAME").is_ok_and(|name| name == env!("CARGO_PKG_NAME"))
        && std::env::var_os("CARGO_MANIFEST_DIR").is_some();
    if by_cargo {
        return if cfg!(debug_assertions) { "cargo run --" } else { "cargo run --release --" }.to_owned();
    }
    let typed = std::env::args_os().next().map(PathBuf::from).unwrap_or_default();
    let this = std::env::current_exe().and_then(std::fs::canonicalize).ok();
    let on_path = std::env::var_os("PATH")
        .into_iter()
        .flat_map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .map(|dir| dir.join("bezin"))
        .find(|candidate| candidate.is_file())
        .and_then(|found| std::fs::canonicalize(found).ok());
    if typed.components().count() > 1 && (this.is_none() || on_path != this) {
        return quote(&typed.to_string_lossy()).into_owned();
    }
    "bezin".to_owned()
}

/// `word` as one word for a POSIX shell (sh, bash, zsh): as it is when it
/// holds nothing the shell would read, else in single quotes.
pub fn quote(word: &str) -> Cow<'_, str> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c);
    if !word.is_empty() && word.chars().all(plain) {
        return Cow::Borrowed(word);
    }
    Cow::Owned(format!("'{}'", word.replace('\'', r"'\''")))
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn words_the_shell_would_read_are_quoted() {
        assert_eq!(quote("/home/anna/journal.jsonl"), "/home/anna/journal.jsonl");
        assert_eq!(quote("zz$(touch x)"), "'zz$(touch x)'");
        assert_eq!(quote("it's mine"), r"'it'\''s mine'");
        assert_eq!(quote(""), "''");
    }
}
