//! The terminal: the only module that touches dialoguer and console, and
//! the only way out to standard output and error. It asks and shows; what to
//! ask and whether an answer fits is the session's call. Every text it shows
//! takes its visible form first (`shown`), and every byte passes a guard.

mod editor;
mod guard;
mod interrupt;
mod key_prompts;
mod page;
mod screen;
mod shown;
mod table;
mod terminal;
mod typeahead;
mod width;

use std::fmt;
use std::io::{BufWriter, IsTerminal, Stderr, StdoutLock, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use console::{Term, style};

pub use guard::Guarded;
pub use interrupt::{handle_interrupts, is_interrupted, on_interrupt, say_stopped, show_cursor};
pub use key_prompts::{KeyPrompts, without_questions};
pub use page::{Look, Page, Piece};
pub use screen::Screen;
pub use shown::{one_line, shown};
pub use table::{Column, table};
pub use terminal::{FollowUpPick, Paused, Terminal};
pub use typeahead::{released, waiting};
pub use width::{pad, width_of};

/// Standard output, buffered and guarded; colour codes pass when colour is on.
#[allow(clippy::disallowed_methods)]
pub fn stdout() -> Guarded<BufWriter<StdoutLock<'static>>> {
    Guarded::new(BufWriter::new(std::io::stdout().lock()), console::colors_enabled())
}

/// Standard error, guarded; colour codes pass when colour is on there.
#[allow(clippy::disallowed_methods)]
pub fn stderr() -> Guarded<Stderr> {
    Guarded::new(std::io::stderr(), console::colors_enabled_stderr())
}

/// A line of plain text on standard output, every part in its visible form.
/// A message that cannot be shown (a closed or full output) does not stop
/// bezin: what it did stands, and the exit code says a message was lost.
pub fn say(message: fmt::Arguments) {
    let mut out = stdout();
    noted(writeln!(out, "{}", shown(&message.to_string())).and_then(|()| out.flush()));
}

/// A line of plain text on standard error, every part in its visible form.
pub fn tell(message: fmt::Arguments) {
    noted(writeln!(stderr(), "{}", shown(&message.to_string())));
}

/// Whether a message could not be shown.
static UNSHOWN: AtomicBool = AtomicBool::new(false);

/// Notes a message that could not be shown; a reader that closed the pipe
/// early wanted no more, which is no failure.
fn noted(written: std::io::Result<()>) {
    if written.is_err_and(|err| err.kind() != std::io::ErrorKind::BrokenPipe) {
        UNSHOWN.store(true, Ordering::Relaxed);
    }
}

/// Whether a message of bezin's could not be shown.
pub fn unshown() -> bool {
    UNSHOWN.load(Ordering::Relaxed)
}

/// Like `println!`, through the guard.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => { $crate::ui::say(format_args!($($arg)*)) };
}

/// Like `eprintln!`, through the guard.
#[macro_export]
macro_rules! tell {
    ($($arg:tt)*) => { $crate::ui::tell(format_args!($($arg)*)) };
}

/// Whether standard output is drawn in colour (not under `NO_COLOR`, nor when piped).
pub fn colors_on() -> bool {
    console::colors_enabled()
}

/// Bold on a terminal, plain when piped.
pub fn bold(text: &str) -> String {
    style(shown(text)).bold().to_string()
}

/// Dim on a terminal, plain when piped.
pub fn dim(text: &str) -> String {
    style(shown(text)).dim().to_string()
}

/// The colour of ids, so the eye finds what to type next.
pub fn accent(text: &str) -> String {
    style(shown(text)).yellow().to_string()
}

/// A search match: bold and coloured on a terminal.
pub fn highlight(text: &str) -> String {
    style(shown(text)).bold().red().to_string()
}

fn tint(text: &str) -> String {
    style(shown(text)).cyan().to_string()
}

fn plain(text: &str) -> String {
    shown(text).into_owned()
}

/// The most columns bezin fits its output to, whatever `COLUMNS` or the
/// terminal says: wider than any real screen.
const WIDEST: usize = 1000;

/// The width to fit standard output to: `COLUMNS` when it is a number of
/// columns (at most `WIDEST`), else the terminal's; none when output goes elsewhere.
#[allow(clippy::disallowed_methods)]
pub fn stdout_width() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|columns| columns_in(&columns)) {
        return Some(columns);
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    terminal_width(&Term::stdout())
}

/// The columns `COLUMNS` gives: none for what is not a positive number.
fn columns_in(value: &str) -> Option<usize> {
    match value.trim().parse::<usize>() {
        Ok(0) => None,
        Ok(columns) => Some(columns.min(WIDEST)),
        Err(err) if *err.kind() == std::num::IntErrorKind::PosOverflow => Some(WIDEST),
        Err(_) => None,
    }
}

/// The columns of a terminal, at most `WIDEST`; none when it does not say.
fn terminal_width(term: &Term) -> Option<usize> {
    term.size_checked().map(|(_, columns)| usize::from(columns).min(WIDEST))
}

/// Applies `--color`: `None` (auto) leaves it to whether output is a
/// terminal and to `CLICOLOR_FORCE`, but `NO_COLOR` (when not empty) turns
/// colour off; `Some` forces it on or off.
pub fn use_color(forced: Option<bool>) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let Some(forced) = forced.or(no_color.then_some(false)) else { return };
    console::set_colors_enabled(forced);
    console::set_colors_enabled_stderr(forced);
}

/// `text` cut to `width` columns on the screen, with an ellipsis if cut.
pub fn truncate(text: &str, width: usize) -> String {
    width::truncate(text, width).into_owned()
}

/// `text` cut from its start to `width` columns on the screen, with an
/// ellipsis if cut.
pub fn truncate_start(text: &str, width: usize) -> String {
    width::truncate_start(text, width).into_owned()
}

/// `text` in its visible form, wrapped at word boundaries to `width` (when
/// there is one), every line indented.
pub fn wrap(text: &str, width: Option<usize>, indent: &str) -> String {
    let text = shown(text);
    let room = width.map(|width| width.saturating_sub(width_of(indent)));
    let mut lines = Vec::new();
    for line in text.split('\n') {
        match room {
            Some(room) => lines.extend(width::wrap_line(line, room).iter().map(|line| format!("{indent}{line}"))),
            None => lines.push(format!("{indent}{line}")),
        }
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_beyond_any_screen_are_the_widest() {
        assert_eq!(columns_in("18446744073709551615"), Some(WIDEST));
        assert_eq!(columns_in("99999999999999999999999999"), Some(WIDEST));
        assert_eq!(columns_in("100000000"), Some(WIDEST));
        assert_eq!(columns_in("80"), Some(80));
        assert_eq!(columns_in("0"), None);
        assert_eq!(columns_in("-3"), None);
        assert_eq!(columns_in("wide"), None);
    }

    #[test]
    fn wrapped_lines_keep_their_indent_and_blank_lines() {
        assert_eq!(wrap("one two three\n\nfour", Some(10), "  "), "  one two\n  three\n  \n  four");
        assert_eq!(wrap("one\ntwo", None, "> "), "> one\n> two");
    }
}
