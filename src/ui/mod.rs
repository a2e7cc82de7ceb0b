//! The terminal: the only module that touches dialoguer and console. It asks
//! and shows; what to ask and whether an answer fits is the session's call.

mod interrupt;
mod table;
mod terminal;

use std::io::IsTerminal;

use console::{Term, style};

pub use interrupt::{handle_interrupts, on_interrupt, show_cursor, take_interrupt_message};
pub use table::{Column, table};
pub use terminal::{Paused, Terminal};

/// Bold on a terminal, plain when piped.
pub fn bold(text: &str) -> String {
    style(text).bold().to_string()
}

/// Dim on a terminal, plain when piped.
pub fn dim(text: &str) -> String {
    style(text).dim().to_string()
}

/// The colour of ids, so the eye finds what to type next.
pub fn accent(text: &str) -> String {
    style(text).yellow().to_string()
}

/// A search match: bold and coloured on a terminal.
pub fn highlight(text: &str) -> String {
    style(text).bold().red().to_string()
}

fn tint(text: &str) -> String {
    style(text).cyan().to_string()
}

fn plain(text: &str) -> String {
    text.to_owned()
}

/// The width to fit standard output to: `COLUMNS` when set, else the
/// terminal's; none when output goes elsewhere.
pub fn stdout_width() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|columns| columns.parse().ok()) {
        return Some(columns);
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    Term::stdout().size_checked().map(|(_, columns)| usize::from(columns))
}

/// Applies `--color`: auto leaves it to whether output is a terminal and to
/// `CLICOLOR_FORCE`, but `NO_COLOR` (when not empty) turns colour off.
pub fn use_color(choice: crate::cli::Color) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let forced = match choice {
        crate::cli::Color::Auto if no_color => false,
        crate::cli::Color::Auto => return,
        crate::cli::Color::Always => true,
        crate::cli::Color::Never => false,
    };
    console::set_colors_enabled(forced);
    console::set_colors_enabled_stderr(forced);
}

/// `text` wrapped to `width` (when there is one), every line indented.
pub fn wrap(text: &str, width: Option<usize>, indent: &str) -> String {
    match width {
        Some(width) => {
            let options = textwrap::Options::new(width.max(20)).initial_indent(indent).subsequent_indent(indent);
            textwrap::fill(text, options)
        }
        None => text.split('\n').map(|line| format!("{indent}{line}")).collect::<Vec<_>>().join("\n"),
    }
}
