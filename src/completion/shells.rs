//! What each shell hands bezin while it completes, and what it does with
//! the words bezin hands back. bash (with file names on), zsh, fish and
//! elvish quote a completion themselves as they insert it, even inside a
//! quote the person opened; PowerShell inserts it as it is, so bezin
//! quotes it. Each shell reads the completions back split at a character
//! of its own, and a word holding that character is not offered.

use std::io::Write;

use clap_complete::env::{self, EnvCompleter, Shells};

use crate::cli::Shell;

/// The shells bezin completes in: those of `clap_complete`, with bash's script
/// changed as `FileNamesBash` says.
pub const SHELLS: Shells<'static> = Shells(&[&FileNamesBash, &env::Elvish, &env::Fish, &env::Powershell, &env::Zsh]);

/// The bash script of `clap_complete`, which also marks bezin's completions as
/// file names: readline then quotes each one as it inserts it, after an
/// open quote too, and ends a folder with `/`.
struct FileNamesBash;

impl EnvCompleter for FileNamesBash {
    fn name(&self) -> &'static str {
        env::Bash.name()
    }

    fn is(&self, name: &str) -> bool {
        env::Bash.is(name)
    }

    fn write_registration(
        &self,
        var: &str,
        name: &str,
        bin: &str,
        completer: &str,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        env::Bash.write_registration(var, name, bin, completer, buf)?;
        writeln!(buf, "compopt -o filenames {}", crate::shell::quote(bin))
    }

    fn write_complete(
        &self,
        cmd: &mut clap::Command,
        args: Vec<std::ffi::OsString>,
        current_dir: Option<&std::path::Path>,
        buf: &mut dyn Write,
    ) -> std::io::Result<()> {
        env::Bash.write_complete(cmd, args, current_dir, buf)
    }
}

/// The shell named by the completion variable, as its scripts set it.
pub fn named(variable: &str) -> Option<Shell> {
    let name = std::path::Path::new(variable).file_stem()?.to_str()?;
    match name {
        "bash" => Some(Shell::Bash),
        "zsh" => Some(Shell::Zsh),
        "fish" => Some(Shell::Fish),
        "elvish" => Some(Shell::Elvish),
        "powershell" | "pwsh" | "powershell_ise" => Some(Shell::Powershell),
        _ => None,
    }
}

/// The word the person means by what they typed so far. bash, zsh and
/// fish hand over the word as it stands on the command line (bash without
/// a quote opened at its start); elvish and PowerShell hand over the
/// word their parser made of it.
pub fn meant(typed: &str, shell: Option<Shell>) -> String {
    match shell {
        Some(Shell::Bash | Shell::Zsh) => unquoted(typed, Quoting::Posix),
        Some(Shell::Fish) => unquoted(typed, Quoting::Fish),
        _ => typed.to_owned(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    Posix,
    Fish,
}

/// `typed` with its quotes and backslashes taken away as the shell will
/// take them, an open quote closed and a last lone backslash left out.
/// Expansions (`$HOME`, globs) stay as typed. (A general splitter such as
/// shell-words refuses an open quote, which is the usual state of a word
/// being completed, and reads a leading `#` as a comment.)
fn unquoted(typed: &str, quoting: Quoting) -> String {
    let mut word = String::with_capacity(typed.len());
    let mut quote = None;
    let mut chars = typed.chars().peekable();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (_, '\\') => match chars.peek() {
                Some(&next) if escapes(quote, quoting).is_none_or(|escaped| escaped.contains(next)) => {
                    word.push(next);
                    chars.next();
                }
                None if quote.is_none() => {}
                _ => word.push('\\'),
            },
            _ => word.push(c),
        }
    }
    word
}

/// The characters a backslash escapes inside `quote`; `None` for all.
fn escapes(quote: Option<char>, quoting: Quoting) -> Option<&'static str> {
    match (quote, quoting) {
        (None, _) => None,
        (Some('"'), Quoting::Posix) => Some("\"\\$`\n"),
        (Some('"'), Quoting::Fish) => Some("\"\\$\n"),
        (_, Quoting::Posix) => Some(""),
        (_, Quoting::Fish) => Some("'\\"),
    }
}

/// Whether `shell` reads `word` back as one completion: each splits the
/// list bezin hands back at a character of its own, and fish and
/// PowerShell also at the tab before a description.
pub fn carries(word: &str, shell: Option<Shell>) -> bool {
    let splits: &[char] = match shell {
        Some(Shell::Bash) => &['\x0b'],
        Some(Shell::Zsh | Shell::Elvish) | None => &['\n'],
        Some(Shell::Fish) => &['\n', '\t'],
        Some(Shell::Powershell) => &['\n', '\r', '\t'],
    };
    !word.contains(splits)
}

/// `word` as bezin hands it to `shell`, so that what the shell inserts
/// reads back as `word`.
pub fn inserted(word: &str, shell: Option<Shell>) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./".contains(c);
    if shell != Some(Shell::Powershell) || (!word.is_empty() && word.chars().all(plain)) {
        return word.to_owned();
    }
    // PowerShell reads each of these as a single quote.
    let mut quoted = String::from("'");
    for c in word.chars() {
        if matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}') {
            quoted.push(c);
        }
        quoted.push(c);
    }
    quoted.push('\'');
    quoted
}

#[cfg(test)]
mod tests {
    use super::{Quoting, carries, inserted, unquoted};
    use crate::cli::Shell;

    #[test]
    fn powershell_gets_each_word_quoted_and_the_others_get_it_as_it_is() {
        let powershell = Some(Shell::Powershell);
        assert_eq!(inserted("zz$(touch x)", powershell), "'zz$(touch x)'");
        assert_eq!(inserted("it's ’quoted’", powershell), "'it''s ’’quoted’’'");
        assert_eq!(inserted("sh3r9x280a", powershell), "sh3r9x280a");
        assert_eq!(inserted("notes/a`b", powershell), "'notes/a`b'");
        for shell in [Shell::Bash, Shell::Zsh, Shell::Fish, Shell::Elvish] {
            assert_eq!(inserted("a $(touch x) b", Some(shell)), "a $(touch x) b");
        }
    }

    #[test]
    fn a_word_is_offered_only_to_a_shell_that_reads_it_back_whole() {
        assert!(carries("new\nline", Some(Shell::Bash)));
        assert!(!carries("new\nline", Some(Shell::Zsh)));
        assert!(carries("t\tab", Some(Shell::Elvish)));
        assert!(!carries("t\tab", Some(Shell::Fish)));
        assert!(!carries("v\x0bt", Some(Shell::Bash)));
    }

    #[test]
    fn a_typed_word_means_what_the_shell_will_read() {
        assert_eq!(unquoted(r"a\ \$(x", Quoting::Posix), "a $(x");
        assert_eq!(unquoted(r"'it'\''s \", Quoting::Posix), r"it's \");
        assert_eq!(unquoted(r#""a \"b\" \n $x"#, Quoting::Posix), r#"a "b" \n $x"#);
        assert_eq!(unquoted(r"dir/sp\", Quoting::Posix), "dir/sp");
        assert_eq!(unquoted(r"'it\'s \\", Quoting::Fish), r"it's \");
        assert_eq!(unquoted(r"'it\'s", Quoting::Posix), r"it\s");
    }
}
