//! `bezin done ID`: close a prepared conversation that will never be looked
//! back on, with an optional note, so that it is no longer offered.

use std::process::ExitCode;

use anyhow::Result;

use super::title_of;
use crate::cli::DoneArgs;
use crate::context::Context;
use crate::follow_through::{self, Closing};
use crate::ui;

pub fn run(context: &Context, args: &DoneArgs) -> Result<ExitCode> {
    let entry = context.find(&args.id)?;
    let catalog = context.catalog()?;
    let words = context.lang.words();
    match follow_through::close(&context.journal, &catalog, &entry, args.note.clone())? {
        Closing::Closed(closed) => {
            let about = format!("{} {} ({})", context.lang.date(closed.date()), title_of(&closed, &catalog), closed.id);
            crate::say!("{} {}", words.closed_now, ui::one_line(&about));
        }
        Closing::Already(closed) => {
            let on = context.lang.date(closed.at.get(..10).unwrap_or(&closed.at));
            crate::tell!("{} {} {}.", entry.id, words.closed_already, ui::one_line(&on));
        }
    }
    Ok(ExitCode::SUCCESS)
}
