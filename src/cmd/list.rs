//! `bezin list`: the newest entries, read from the end of the journal.
//! JSON is written as it is read; the table keeps only its rows.

use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::Result;

use super::{current_form, filter, title_of};
use crate::catalog::Catalog;
use crate::cli::ListArgs;
use crate::context::Context;
use crate::journal::Entry;
use crate::ui::{self, Column};

pub fn run(context: &Context, args: &ListArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let filter = filter(&args.filter, &catalog)?;
    let mut out = ui::stdout();
    let mut rows: Vec<[String; 6]> = Vec::new();
    // Entries held back to be written oldest first, for --json --reverse.
    let mut held: Vec<Entry> = Vec::new();
    let mut count = 0;
    let mut damaged = context.warn_damaged();
    if args.json {
        out.write_all(b"[")?;
    }
    context.journal.scan_back(|line| {
        if !filter.may_match(line.bytes) {
            return Ok(ControlFlow::Continue(()));
        }
        let entry = match line.parse() {
            Ok(entry) => entry,
            Err(err) => {
                damaged(err);
                return Ok(ControlFlow::Continue(()));
            }
        };
        if !filter.matches(&entry) {
            return Ok(ControlFlow::Continue(()));
        }
        match (args.json, args.reverse) {
            (true, true) => held.push(current_form(entry, &catalog)),
            (true, false) => {
                out.write_all(if count == 0 { b"\n" } else { b",\n" })?;
                crate::json::write(&mut out, &current_form(entry, &catalog))?;
            }
            (false, _) => rows.push(row(&entry, &catalog)),
        }
        count += 1;
        Ok(if count == args.limit { ControlFlow::Break(()) } else { ControlFlow::Continue(()) })
    })?;
    if args.reverse {
        rows.reverse();
    }
    if args.json {
        for (n, entry) in held.iter().rev().enumerate() {
            out.write_all(if n == 0 { b"\n" } else { b",\n" })?;
            crate::json::write(&mut out, entry)?;
        }
        out.write_all(if count == 0 { b"]\n" } else { b"\n]\n" })?;
    } else if rows.is_empty() {
        let words = context.lang.words();
        crate::tell!("{}", super::nothing_shown(words, &filter, words.nothing_listed));
    } else {
        // Below 60 columns the tags go first, then the set, then the person.
        let words = context.lang.words();
        let columns = [
            Column::id(words.col_id),
            Column::fixed(words.col_date),
            Column::flexible(words.col_person).optional().yields(),
            Column::flexible(words.col_title),
            Column::flexible(words.col_set).optional().yields(),
            Column::tags(words.col_tags).optional().yields(),
        ];
        ui::table(&mut out, &columns, &rows)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn row(entry: &Entry, catalog: &Catalog) -> [String; 6] {
    let tags = entry.tags.iter().map(|tag| format!("#{tag}")).collect::<Vec<_>>().join(" ");
    let person = entry.person.clone().unwrap_or_default();
    [entry.short_id().to_owned(), entry.date().to_owned(), person, title_of(entry, catalog), entry.set.clone(), tags]
}
