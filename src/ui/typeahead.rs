//! Keys typed ahead arrive as typed. console reads each key in raw mode and
//! gives the terminal back its line mode in between, where the terminal
//! itself would echo keys typed while bezin draws the next question and
//! take Backspace, Ctrl-U and Ctrl-W as its own line editing: a Backspace
//! pressed a moment too early was lost. While bezin asks, the terminal
//! stays out of line mode, and Ctrl-C is a key read in its turn: as a
//! signal it made the terminal throw away what was typed before it, lines
//! of an answer bezin had not read yet. The terminal gets its own settings
//! back when bezin stops asking, stops, hands it to the editor, or writes
//! the journal (where Ctrl-C must stop a wait for another bezin).

use std::io::{self, BufRead, IsTerminal};
use std::sync::Mutex;

use nix::sys::termios::{self, LocalFlags, SetArg, Termios};

/// The terminal's own settings while bezin holds it.
static HELD_FROM: Mutex<Option<Termios>> = Mutex::new(None);

/// Holds the terminal while it lives; the first holder gives it back.
pub struct TypeAhead {
    holder: bool,
}

impl TypeAhead {
    /// Holds standard input out of line mode, when it is a terminal.
    pub fn hold() -> TypeAhead {
        TypeAhead { holder: take_hold() }
    }
}

/// Takes standard input out of line mode; whether this call did.
fn take_hold() -> bool {
    let stdin = std::io::stdin();
    let Ok(mut held_from) = HELD_FROM.lock() else { return false };
    if held_from.is_some() || !stdin.is_terminal() {
        return false;
    }
    let Ok(original) = termios::tcgetattr(&stdin) else { return false };
    if termios::tcsetattr(&stdin, SetArg::TCSANOW, &keys_of(&original)).is_err() {
        return false;
    }
    *held_from = Some(original);
    true
}

/// The terminal's settings out of line mode, Ctrl-C a key.
fn keys_of(original: &Termios) -> Termios {
    let mut keys = original.clone();
    keys.local_flags.remove(LocalFlags::ICANON | LocalFlags::ECHO | LocalFlags::IEXTEN | LocalFlags::ISIG);
    keys
}

/// Reads a line from the terminal without showing it: the echo goes off
/// before `prompt` is shown and nothing typed is thrown away, so a line
/// typed the moment the prompt shows is read whole. A stop meanwhile gives
/// the terminal its own settings back.
pub fn hidden_line(prompt: impl FnOnce() -> io::Result<()>) -> io::Result<String> {
    let stdin = io::stdin();
    let mut held_from = HELD_FROM.lock().map_err(|_| io::Error::other("the terminal's settings are not at hand"))?;
    let was_held = held_from.is_some();
    let original = match held_from.clone() {
        Some(original) => original,
        None => termios::tcgetattr(&stdin)?,
    };
    let mut hidden = original.clone();
    hidden.local_flags.remove(LocalFlags::ECHO);
    hidden.local_flags.insert(LocalFlags::ICANON | LocalFlags::ECHONL);
    termios::tcsetattr(&stdin, SetArg::TCSANOW, &hidden)?;
    *held_from = Some(original.clone());
    drop(held_from);
    let mut line = String::new();
    let read = prompt().and_then(|()| stdin.lock().read_line(&mut line));
    if was_held {
        termios::tcsetattr(&stdin, SetArg::TCSANOW, &keys_of(&original))?;
    } else {
        give_back();
    }
    read?;
    line.truncate(line.trim_end_matches(['\r', '\n']).len());
    Ok(line)
}

impl Drop for TypeAhead {
    fn drop(&mut self) {
        if self.holder {
            give_back();
        }
    }
}

/// Gives the terminal its own settings back, if bezin holds it.
pub fn give_back() {
    if let Ok(mut held_from) = HELD_FROM.lock()
        && let Some(original) = held_from.take()
    {
        let _ = termios::tcsetattr(std::io::stdin(), SetArg::TCSANOW, &original);
    }
}

/// Runs `work`, a wait for another bezin, so that Ctrl-C stops it: where
/// this thread asks and bezin holds the terminal, Ctrl-C is a signal again
/// meanwhile, and `said` tells the person what bezin waits for. The
/// terminal stays out of line mode, so keys typed meanwhile reach the next
/// question as typed.
pub fn waiting<T>(said: &str, work: impl FnOnce() -> T) -> T {
    let held = HELD_FROM.lock().ok().and_then(|held_from| held_from.clone());
    let Some(original) = held.filter(|_| super::key_prompts::asks_here()) else { return work() };
    let stdin = io::stdin();
    let mut stoppable = keys_of(&original);
    stoppable.local_flags.insert(LocalFlags::ISIG);
    let _ = termios::tcsetattr(&stdin, SetArg::TCSANOW, &stoppable);
    crate::tell!("{said}");
    let done = work();
    if HELD_FROM.lock().is_ok_and(|held_from| held_from.is_some()) {
        let _ = termios::tcsetattr(&stdin, SetArg::TCSANOW, &keys_of(&original));
    }
    done
}

/// Runs `work` (the editor, a write of the journal) with the terminal in its own settings, and
/// holds it again afterwards if bezin held it before.
pub fn released<T>(work: impl FnOnce() -> T) -> T {
    let was_held = HELD_FROM.lock().is_ok_and(|held_from| held_from.is_some());
    give_back();
    let done = work();
    if was_held {
        take_hold();
    }
    done
}
