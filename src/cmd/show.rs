//! `bezin show ID|last`: one entry with its questions and answers.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use crate::cli::ShowArgs;
use crate::journal::Entry;
use crate::ui;

pub fn run(context: &Context, args: &ShowArgs) -> Result<ExitCode> {
    let entry = context.journal.find(&args.id)?;
    let catalog = context.catalog()?;
    let set_title = catalog.get(&entry.set).ok().map(|a| a.set.title.get(entry.lang).to_owned());
    let mut out = std::io::stdout().lock();
    write_entry(&mut out, &entry, set_title.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

/// An entry as a person reads it: a heading, a line of facts, then each
/// question with its answer.
pub fn write_entry(out: &mut impl Write, entry: &Entry, set_title: Option<&str>) -> std::io::Result<()> {
    let heading = entry.title.as_deref().or(set_title).unwrap_or(&entry.set);
    writeln!(out, "{}", ui::bold(heading))?;
    let mut facts = vec![entry.id.clone(), entry.finished.replace('T', " "), entry.set.clone()];
    if !entry.tags.is_empty() {
        facts.push(entry.tags.iter().map(|tag| format!("#{tag}")).collect::<Vec<_>>().join(" "));
    }
    if let Some(follows) = &entry.follows {
        facts.push(format!("follows {follows}"));
    }
    writeln!(out, "{}", ui::dim(&facts.join(" · ")))?;
    for recorded in &entry.answers {
        writeln!(out)?;
        writeln!(out, "{}", ui::bold(&recorded.question))?;
        writeln!(out, "{}", recorded.show(entry.lang))?;
    }
    Ok(())
}
