//! Ctrl-C and a closed terminal: the cursor comes back, a message says how
//! to go on, and bezin stops with exit code 130.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use console::Term;

/// What to say when Ctrl-C or a closed terminal stops bezin.
static ON_INTERRUPT: Mutex<Option<String>> = Mutex::new(None);

/// Whether the person is in their editor, which Ctrl-C is meant for, and
/// when they left it last.
static EDITING: Mutex<(bool, Option<Instant>)> = Mutex::new((false, None));

/// A Ctrl-C that reached the editor reaches bezin's handler a moment
/// later, maybe after the editor closed: it is the editor's all the same.
const AFTER_THE_EDITOR: Duration = Duration::from_secs(1);

/// Says that the editor is open (Ctrl-C is the editor's) or closed again.
pub fn editing(open: bool) {
    if let Ok(mut editing) = EDITING.lock() {
        *editing = (open, if open { None } else { Some(Instant::now()) });
    }
}

/// Whether a Ctrl-C now was meant for the editor.
fn for_the_editor() -> bool {
    EDITING.lock().is_ok_and(|editing| match *editing {
        (true, _) => true,
        (false, Some(closed)) => closed.elapsed() < AFTER_THE_EDITOR,
        (false, None) => false,
    })
}

/// Sets what Ctrl-C (or a closed terminal) should say before bezin stops.
pub fn on_interrupt(message: Option<String>) {
    if let Ok(mut on_interrupt) = ON_INTERRUPT.lock() {
        *on_interrupt = message;
    }
}

/// Says that bezin stopped: a full screen given back, the cursor back, and
/// the message set with `on_interrupt`, once. Ctrl-C may reach both the
/// signal handler and a read of the terminal; the message is taken and
/// written under its lock, so the handler's exit can never cut it off after
/// the other took it.
pub fn say_stopped() {
    super::screen::restore();
    show_cursor();
    super::typeahead::give_back();
    let Ok(mut message) = ON_INTERRUPT.lock() else { return };
    let mut stderr = super::stderr();
    let _ = writeln!(stderr);
    if let Some(message) = message.take() {
        let _ = writeln!(stderr, "{message}");
    }
}

/// On Ctrl-C, a closed terminal or a request to stop: `say_stopped`, and
/// bezin stops with exit code 130. Answers are already in the draft.
pub fn handle_interrupts() {
    let _ = ctrlc::set_handler(|| {
        if for_the_editor() {
            return;
        }
        say_stopped();
        std::process::exit(130);
    });
}

/// Shows the cursor again: a list hides it while it is on screen, and a stop
/// in the middle of one would leave it hidden.
pub fn show_cursor() {
    let term = Term::stderr();
    if term.is_term() {
        let _ = term.show_cursor();
    }
}

/// Whether the error is Ctrl-C reaching a read of the terminal.
pub fn is_interrupted(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::Interrupted)
            || cause
                .downcast_ref::<dialoguer::Error>()
                .is_some_and(|dialoguer::Error::IO(io)| io.kind() == std::io::ErrorKind::Interrupted)
    })
}
