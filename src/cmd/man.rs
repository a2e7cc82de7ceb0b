//! `bezin man`: the manual page, made from the same definitions as --help,
//! in the language bezin speaks.

use std::process::ExitCode;

use anyhow::Result;

use crate::context::Context;

pub fn run(context: &Context) -> Result<ExitCode> {
    crate::cli::write_man_page(&mut crate::ui::stdout(), context.lang)?;
    Ok(ExitCode::SUCCESS)
}
