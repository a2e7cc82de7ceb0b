//! `bezin man`: the manual page, made from the same definitions as --help.

use std::process::ExitCode;

use anyhow::Result;

pub fn run() -> Result<ExitCode> {
    crate::cli::write_man_page(&mut crate::ui::stdout())?;
    Ok(ExitCode::SUCCESS)
}
