//! `bezin search TEXT`: entries whose title, tags or answers hold a text,
//! newest first, each hit with a snippet.

use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{Context, filter, title_of};
use crate::cli::SearchArgs;
use crate::journal::Entry;
use crate::search::{Hit, Query};
use crate::ui;

/// An entry that holds the text, as `--json` writes it.
#[derive(Serialize)]
struct Found {
    id: String,
    finished: String,
    set: String,
    title: Option<String>,
    tags: Vec<String>,
    hits: Vec<Hit>,
}

pub fn run(context: &Context, args: &SearchArgs) -> Result<ExitCode> {
    let query = Query::new(&args.text)?;
    let filter = filter(&args.filter)?;
    let mut found: Vec<(Entry, Vec<Hit>)> = Vec::new();
    let mut damaged = context.warn_damaged();
    context.journal.scan(|line| {
        if query.may_match(line.bytes) {
            match line.parse() {
                Ok(entry) if filter.matches(&entry) => {
                    let hits = query.hits(&entry);
                    if !hits.is_empty() {
                        found.push((entry, hits));
                    }
                }
                Ok(_) => {}
                Err(err) => damaged(err),
            }
        }
        Ok(ControlFlow::Continue(()))
    })?;
    found.reverse();
    let mut out = std::io::stdout().lock();
    if args.json {
        let found: Vec<Found> = found
            .into_iter()
            .map(|(entry, hits)| Found {
                id: entry.id,
                finished: entry.finished,
                set: entry.set,
                title: entry.title,
                tags: entry.tags,
                hits,
            })
            .collect();
        serde_json::to_writer_pretty(&mut out, &found)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if found.is_empty() {
        eprintln!("No entry holds '{}'.", args.text);
        return Ok(ExitCode::SUCCESS);
    }
    let catalog = context.catalog()?;
    for (entry, hits) in &found {
        writeln!(
            out,
            "{}  {}  {}  {}",
            ui::accent(entry.short_id()),
            entry.date(),
            entry.set,
            ui::bold(&title_of(entry, &catalog))
        )?;
        for hit in hits {
            let Hit { field, snippet, matched } = hit;
            let marked = format!(
                "{}{}{}",
                &snippet[..matched.start],
                ui::highlight(&snippet[matched.clone()]),
                &snippet[matched.end..]
            );
            writeln!(out, "  {}: {marked}", ui::dim(field))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
