//! `bezin completions SHELL`: a script that lets the shell ask bezin what
//! to complete, so set ids and entry ids are completed as they are now.

use std::process::ExitCode;

use anyhow::{Context as _, Result};

use crate::cli::Shell;
use crate::completion::{COMPLETE_VARIABLE, SHELLS};

pub fn run(shell: Shell) -> Result<ExitCode> {
    let name = match shell {
        Shell::Bash => "bash",
        Shell::Zsh => "zsh",
        Shell::Fish => "fish",
        Shell::Elvish => "elvish",
        Shell::Powershell => "powershell",
    };
    let completer = SHELLS.completer(name).context(crate::lang::interface().commands().no_completions)?;
    completer.write_registration(COMPLETE_VARIABLE, "bezin", "bezin", "bezin", &mut crate::ui::stdout())?;
    Ok(ExitCode::SUCCESS)
}
