//! `bezin decrypt`: the encrypted journal and its drafts back as plain
//! files, after asking.

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::DecryptArgs;
use crate::context::Context;
use crate::ui::Terminal;

pub fn run(context: &Context, args: &DecryptArgs) -> Result<ExitCode> {
    let journal = &context.journal;
    let words = context.lang.commands();
    if !journal.is_encrypted() {
        bail!((words.not_encrypted)(&journal.path().display().to_string()));
    }
    // The key is asked for before the question, so that a wrong one stops it first.
    journal.unlock_any()?;
    if !args.yes {
        if !Terminal::available() {
            bail!(words.no_terminal_decrypt);
        }
        let said = context.lang.outcomes();
        if !Terminal::new(context.lang, None).agree(said.decrypt_question)? {
            crate::tell!("{}", said.nothing_decrypted);
            return Ok(ExitCode::SUCCESS);
        }
    }
    journal.decrypt(&context.paths.drafts)?;
    crate::say!("{}", (context.lang.outcomes().decrypted)(&journal.path().display().to_string()));
    Ok(ExitCode::SUCCESS)
}
