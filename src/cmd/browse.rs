//! `bezin browse`: the journal in one screen. The journal is opened here
//! (an encrypted one asks for its passphrase) before the screen opens.

use std::io::IsTerminal;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::browse::{Around, Asked, Leave};
use crate::cli::{DeleteArgs, EditArgs, RunArgs};
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
    let nothing = || {
        let words = context.lang.words();
        crate::tell!("{}", words.nothing_listed.replace("{command}", &crate::shell::command("run five-tips")));
        Ok(ExitCode::SUCCESS)
    };
    let Some(snapshot) = context.journal.snapshot()? else { return nothing() };
    let mut around = Around {
        catalog: &catalog,
        lang: context.lang,
        colors: crate::ui::colors_on(),
        reopen: &mut || context.journal.snapshot(),
        act: &mut |asked| act(context, asked),
        export: &mut |snapshot, export| {
            super::export::chosen(context, &catalog, snapshot, &export.offsets, &export.path, export.format)
        },
    };
    let (leave, damaged) = crate::browse::run(snapshot, &mut around)?;
    let mut warn = context.warn_damaged();
    damaged.into_iter().for_each(&mut warn);
    match leave {
        Leave::Nothing => nothing(),
        Leave::Done => Ok(ExitCode::SUCCESS),
        Leave::Stopped => Ok(ExitCode::from(crate::exit_codes::STOPPED)),
    }
}

/// Changes or deletes an entry as `edit` and `delete` do, or looks back on
/// it as `run` does, on the terminal the screen gave back; the entry as the
/// journal then holds it, if it does, or the look-back saved.
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
        Asked::LookBack { id, set } => {
            let before = newest(context, id, |entry| entry.followed().any(|followed| followed == id))?;
            let args = RunArgs {
                set: Some(set.clone()),
                title: None,
                tags: Vec::new(),
                follows: vec![id.clone()],
                answers: None,
                resume: false,
                fresh: false,
            };
            super::run::run(context, &args)?;
            let after = newest(context, id, |entry| entry.followed().any(|followed| followed == id))?;
            return Ok(after.filter(|after| before.is_none_or(|before| before.id != after.id)));
        }
        Asked::Leave(_) => return Ok(None),
    };
    newest(context, id, |entry| entry.id == *id)
}

/// The newest entry of the journal that names `id` and for which `wanted`
/// holds; only the lines that hold `id` are parsed.
fn newest(context: &Context, id: &str, wanted: impl Fn(&Entry) -> bool) -> Result<Option<Entry>> {
    let mut found = None;
    context.journal.scan_back(|line| {
        if memchr::memmem::find(line.bytes, id.as_bytes()).is_none() {
            return Ok(ControlFlow::Continue(()));
        }
        match line.parse() {
            Ok(entry) if wanted(&entry) => {
                found = Some(entry);
                Ok(ControlFlow::Break(()))
            }
            _ => Ok(ControlFlow::Continue(())),
        }
    })?;
    Ok(found)
}
