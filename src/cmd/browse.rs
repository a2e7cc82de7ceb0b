//! `bezin browse`: the journal in one screen. The entries are read here,
//! newest first as `list` reads them, before the screen opens.

use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::browse::{Asked, Leave, Shelf};
use crate::cli::{DeleteArgs, EditArgs};
use crate::context::Context;
use crate::journal::Entry;

#[allow(clippy::disallowed_methods)]
pub fn run(context: &Context) -> Result<ExitCode> {
    // Only asked, never written to: the screen writes through ui.
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        bail!(context.lang.browse().needs_terminal);
    }
    let term = std::env::var("TERM").unwrap_or_default();
    if term.is_empty() || term == "dumb" {
        bail!(context.lang.browse().dumb_terminal);
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
    let shelf = Shelf::new(entries, &catalog);
    match crate::browse::run(shelf, &catalog, context.lang, crate::ui::colors_on(), &mut |asked| act(context, asked))? {
        Leave::Done => Ok(ExitCode::SUCCESS),
        Leave::Stopped => Ok(ExitCode::from(crate::exit_codes::STOPPED)),
    }
}

/// Changes or deletes an entry as `edit` and `delete` do, on the terminal
/// the screen gave back; the entry as the journal then holds it, if it does.
fn act(context: &Context, asked: &Asked) -> Result<Option<Entry>> {
    let id = match asked {
        Asked::Edit(id) => {
            let args = EditArgs { id: id.clone(), title: None, tags: Vec::new(), answers: None };
            super::edit::run(context, &args)?;
            id
        }
        Asked::Delete(id) => {
            super::delete::run(context, &DeleteArgs { id: id.clone(), yes: false })?;
            id
        }
        Asked::Leave(_) => return Ok(None),
    };
    let mut found = None;
    context.journal.scan_back(|line| {
        if memchr::memmem::find(line.bytes, id.as_bytes()).is_none() {
            return Ok(ControlFlow::Continue(()));
        }
        match line.parse() {
            Ok(entry) if entry.id == *id => {
                found = Some(entry);
                Ok(ControlFlow::Break(()))
            }
            _ => Ok(ControlFlow::Continue(())),
        }
    })?;
    Ok(found)
}
