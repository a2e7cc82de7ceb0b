//! `bezin show ID|last`: one entry with its questions and answers, and the
//! entries it follows and that follow it.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{Context, title_of};
use crate::catalog::Catalog;
use crate::cli::ShowArgs;
use crate::journal::Entry;
use crate::ui;

pub fn run(context: &Context, args: &ShowArgs) -> Result<ExitCode> {
    let entry = context.find(&args.id)?;
    let mut out = ui::stdout();
    if args.json {
        crate::json::write_pretty(&mut out, &entry)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let catalog = context.catalog()?;
    let width = ui::stdout_width();
    write_entry(&mut out, &entry, &catalog, width)?;
    let earlier =
        entry.follows.as_deref().map(|id| context.journal.by_id(id, context.warn_damaged())).transpose()?.flatten();
    let later = context.journal.following(&entry.id, context.warn_damaged())?;
    if let Some(earlier) = &earlier {
        writeln!(out, "\n{} {}", ui::dim("Follows:"), link(earlier, &catalog))?;
    } else if let Some(id) = &entry.follows {
        writeln!(out, "\n{} {} (no longer in the journal)", ui::dim("Follows:"), ui::one_line(id))?;
    }
    for follower in later.iter().rev() {
        writeln!(out, "{} {}", ui::dim("Followed by:"), link(follower, &catalog))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn link(entry: &Entry, catalog: &Catalog) -> String {
    let about = format!("{} {}", entry.date(), title_of(entry, catalog));
    format!("{} {}", ui::accent(entry.short_id()), ui::one_line(&about))
}

/// An entry as a person reads it: a heading, a line of facts, then each
/// question with its answer, wrapped to `width` when it is a terminal's.
fn write_entry(out: &mut impl Write, entry: &Entry, catalog: &Catalog, width: Option<usize>) -> std::io::Result<()> {
    writeln!(out, "{}", ui::bold(&ui::wrap(&title_of(entry, catalog), width, "")))?;
    let mut facts = vec![entry.id.clone(), entry.finished.replace('T', " "), entry.set.clone()];
    if !entry.tags.is_empty() {
        facts.push(entry.tags.iter().map(|tag| format!("#{tag}")).collect::<Vec<_>>().join(" "));
    }
    if let Some(edited) = &entry.edited {
        facts.push(format!("edited {}", edited.replace('T', " ")));
    }
    writeln!(out, "{}", ui::dim(&ui::wrap(&facts.join(" · "), width, "")))?;
    for recorded in &entry.answers {
        writeln!(out)?;
        writeln!(out, "{}", ui::bold(&ui::wrap(&recorded.question, width, "")))?;
        writeln!(out, "{}", ui::wrap(&recorded.show(entry.lang), width, "  "))?;
    }
    Ok(())
}
