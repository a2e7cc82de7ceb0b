//! `bezin list`: the newest entries, read from the end of the journal.

use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::Result;

use super::{Context, filter, title_of};
use crate::cli::ListArgs;
use crate::journal::Entry;
use crate::ui::{self, Column};

pub fn run(context: &Context, args: &ListArgs) -> Result<ExitCode> {
    let filter = filter(&args.filter)?;
    let mut entries: Vec<Entry> = Vec::new();
    let mut damaged = context.warn_damaged();
    context.journal.scan_back(|line| {
        let entry = match line.parse() {
            Ok(entry) => entry,
            Err(err) => {
                damaged(err);
                return Ok(ControlFlow::Continue(()));
            }
        };
        if filter.before_since(&entry) {
            return Ok(ControlFlow::Break(()));
        }
        if filter.matches(&entry) {
            entries.push(entry);
        }
        Ok(if args.limit > 0 && entries.len() == args.limit {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        })
    })?;
    if args.reverse {
        entries.reverse();
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &entries)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if entries.is_empty() {
        eprintln!("No entries to list; bezin run five-tips starts one.");
        return Ok(ExitCode::SUCCESS);
    }
    let catalog = context.catalog()?;
    let rows: Vec<[String; 5]> = entries
        .iter()
        .map(|entry| {
            let tags = entry.tags.iter().map(|tag| format!("#{tag}")).collect::<Vec<_>>().join(" ");
            [entry.short_id().to_owned(), entry.date().to_owned(), entry.set.clone(), title_of(entry, &catalog), tags]
        })
        .collect();
    let columns = [
        Column::id("ID"),
        Column::fixed("DATE"),
        Column::flexible("SET").optional(),
        Column::flexible("TITLE"),
        Column::tags("TAGS").optional(),
    ];
    ui::table(&mut out, &columns, &rows)?;
    Ok(ExitCode::SUCCESS)
}
