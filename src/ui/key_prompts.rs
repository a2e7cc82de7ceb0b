//! What age asks the person while it opens a key: a passphrase, hidden and
//! asked on the terminal; a message or a question from a plugin (a hardware
//! key asking for a touch). Without a terminal nothing is asked, and the key
//! stays closed; nor while the shell asks for completions, which must
//! never stop for a question.

use std::cell::Cell;
use std::io::{IsTerminal, Write};

use age::secrecy::SecretString;
use console::Term;
use dialoguer::{Confirm, Input};

/// age's callbacks, answered in the terminal.
#[derive(Clone, Copy)]
pub struct KeyPrompts;

impl age::Callbacks for KeyPrompts {
    fn display_message(&self, message: &str) {
        if !crate::completion::completing() && !QUIET.get() {
            crate::tell!("{message}");
        }
    }

    fn confirm(&self, message: &str, yes: &str, _no: Option<&str>) -> Option<bool> {
        let term = Term::stderr();
        if !may_ask(&term) {
            return None;
        }
        Confirm::new().with_prompt(super::one_line(&format!("{message} ({yes}?)"))).interact_on(&term).ok()
    }

    fn request_public_string(&self, description: &str) -> Option<String> {
        let term = Term::stderr();
        if !may_ask(&term) {
            return None;
        }
        Input::new().with_prompt(super::one_line(description)).interact_text_on(&term).ok()
    }

    fn request_passphrase(&self, description: &str) -> Option<SecretString> {
        let term = Term::stderr();
        if !may_ask(&term) || !std::io::stdin().is_terminal() {
            return None;
        }
        let passphrase = super::typeahead::hidden_line(|| {
            let mut err = super::stderr();
            write!(err, "{}: ", super::one_line(description))?;
            err.flush()
        });
        Some(SecretString::from(passphrase.ok()?))
    }
}

thread_local! {
    /// Set in a thread that reads the journal beside a run (the recall).
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `work` in this thread without asking anything of the person: a
/// key that needs a passphrase stays closed.
pub fn without_questions<T>(work: impl FnOnce() -> T) -> T {
    QUIET.set(true);
    let done = work();
    QUIET.set(false);
    done
}

fn may_ask(term: &Term) -> bool {
    term.is_term() && !crate::completion::completing() && asks_here()
}

/// Whether this thread may ask the person anything (the recall's may not).
pub(super) fn asks_here() -> bool {
    !QUIET.get()
}
