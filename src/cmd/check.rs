//! `bezin check`: the journal's health. Exit 1 when something is wrong.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use crate::exit_codes;
use crate::journal::Damaged;

pub fn run(context: &Context) -> Result<ExitCode> {
    let journal = context.journal.path();
    let mut problems: Vec<String> = Vec::new();
    let mut entries = 0;
    let mut damaged: Vec<Damaged> = Vec::new();
    if journal.exists() {
        context.journal.each(
            |_| {
                entries += 1;
                Ok(std::ops::ControlFlow::Continue(()))
            },
            |line| damaged.push(line),
        )?;
    }
    crate::say!("journal: {} ({entries} entries)", journal.display());
    for Damaged { line, reason, .. } in &damaged {
        problems.push(format!("line {line} of the journal is damaged ({reason})"));
    }
    let drafts = context.drafts();
    let (unfinished, broken) = drafts.all()?;
    crate::say!("drafts: {} unfinished", unfinished.len());
    for path in broken {
        problems.push(format!("{} is not a readable draft", path.display()));
    }
    let folder = journal.parent().filter(|folder| !folder.as_os_str().is_empty());
    for path in
        [Some(journal), folder].into_iter().flatten().chain(drafts.loose().iter().map(std::path::PathBuf::as_path))
    {
        if let Some(mode) = open_to_others(path) {
            let owner_only = if path.is_dir() { 700 } else { 600 };
            problems.push(format!(
                "{} can be read by others (mode {mode:o}); chmod {owner_only} {} makes it yours alone",
                path.display(),
                path.display()
            ));
        }
    }
    if problems.is_empty() {
        crate::say!("all is well");
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &problems {
        crate::say!("problem: {problem}");
    }
    Ok(ExitCode::from(exit_codes::PROBLEMS_FOUND))
}

/// The permission bits of `path` when others than its owner may use it.
fn open_to_others(path: &Path) -> Option<u32> {
    let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then_some(mode)
}
