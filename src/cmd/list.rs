//! `bezin list`: the journal's entries, newest first.

use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use crate::ui;

pub fn run(context: &Context) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let mut entries = context.journal.entries()?.collect::<Result<Vec<_>>>()?;
    entries.reverse();
    let rows: Vec<[String; 5]> = entries
        .iter()
        .map(|entry| {
            let set_title = catalog.get(&entry.set).map(|a| a.set.title.get(entry.lang).to_owned());
            let title = entry.title.clone().or(set_title.ok()).unwrap_or_default();
            [entry.short_id().to_owned(), entry.date().to_owned(), entry.set.clone(), title, entry.tags.join(", ")]
        })
        .collect();
    if rows.is_empty() {
        eprintln!(
            "The journal {} has no entries yet; bezin run five-tips starts one.",
            context.journal.path().display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    ui::table(&mut std::io::stdout().lock(), &["ID", "DATE", "SET", "TITLE", "TAGS"], &rows)?;
    Ok(ExitCode::SUCCESS)
}
