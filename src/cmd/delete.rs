//! `bezin delete ID`: remove an entry from the journal, after asking.

use std::process::ExitCode;

use anyhow::{Result, bail};

use super::title_of;
use crate::cli::DeleteArgs;
use crate::context::Context;
use crate::journal::Change;
use crate::ui::Terminal;

pub fn run(context: &Context, args: &DeleteArgs) -> Result<ExitCode> {
    let entry = context.find(&args.id)?;
    if !args.yes {
        if !Terminal::available() {
            bail!((context.lang.commands().no_terminal_delete)(&entry.id));
        }
        let catalog = context.catalog()?;
        let said = context.lang.outcomes();
        let question = (said.delete_question)(&entry.id, &title_of(&entry, &catalog), &context.lang.date(entry.date()));
        if !Terminal::new(context.lang, None).agree(&question)? {
            crate::tell!("{}", said.nothing_deleted);
            return Ok(ExitCode::SUCCESS);
        }
    }
    context.journal.change(&entry.id, |_| Ok(Change::Remove))?;
    crate::say!("{}", (context.lang.outcomes().deleted)(&entry.id, &context.journal.place().display().to_string()));
    Ok(ExitCode::SUCCESS)
}
