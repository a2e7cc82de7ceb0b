//! `bezin browse`: the journal in one screen. The entries are read here,
//! newest first as `list` reads them, before the screen opens.

use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::browse::{Leave, Shelf};
use crate::context::Context;
use crate::journal::Entry;

#[allow(clippy::disallowed_methods)]
pub fn run(context: &Context) -> Result<ExitCode> {
    // Only asked, never written to: the screen writes through ui.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(context.lang.browse().needs_terminal);
    }
    let catalog = context.catalog()?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut damaged = context.warn_damaged();
    context.journal.scan_back(|line| {
        match line.parse() {
            Ok(entry) => entries.push(entry),
            Err(err) => damaged(err),
        }
        Ok(ControlFlow::Continue(()))
    })?;
    if entries.is_empty() {
        let words = context.lang.words();
        crate::tell!("{}", words.nothing_listed.replace("{command}", &crate::shell::command("run five-tips")));
        return Ok(ExitCode::SUCCESS);
    }
    match crate::browse::run(Shelf::new(entries, &catalog), &catalog, context.lang, crate::ui::colors_on())? {
        Leave::Done => Ok(ExitCode::SUCCESS),
        Leave::Stopped => Ok(ExitCode::from(crate::exit_codes::STOPPED)),
    }
}
