//! Words for a shell: what bezin suggests to type, and what it completes.

use std::borrow::Cow;

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
