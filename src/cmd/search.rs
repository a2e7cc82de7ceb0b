//! `bezin search TEXT`: entries whose title, tags or answers hold a text,
//! newest first, each hit with a snippet, written as they are found.

use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{current_form, filter, title_of};
use crate::cli::SearchArgs;
use crate::context::Context;
use crate::journal::Entry;
use crate::search::{Hit, Query};
use crate::ui;

/// An entry that holds the text, as `--json` writes it.
#[derive(Serialize)]
struct Found<'e> {
    id: &'e str,
    finished: &'e str,
    set: &'e str,
    title: Option<&'e str>,
    tags: &'e [String],
    hits: &'e [Hit],
}

pub fn run(context: &Context, args: &SearchArgs) -> Result<ExitCode> {
    let query = Query::new(&args.text)?;
    let catalog = context.catalog()?;
    let filter = filter(&args.filter, &catalog)?;
    let mut out = ui::stdout();
    let mut count = 0;
    let mut damaged = context.warn_damaged();
    if args.json {
        out.write_all(b"[")?;
    }
    context.journal.pick_back(
        |block| query.candidates(block),
        |line| {
            let entry = match line.parse() {
                Ok(entry) if filter.matches(&entry) => entry,
                Ok(_) => return Ok(ControlFlow::Continue(())),
                Err(err) => {
                    damaged(err);
                    return Ok(ControlFlow::Continue(()));
                }
            };
            let hits = query.hits(&entry);
            if !hits.is_empty() {
                if args.json {
                    out.write_all(if count == 0 { b"\n" } else { b",\n" })?;
                    crate::json::write(&mut out, &found(&current_form(entry, &catalog), &hits))?;
                } else {
                    write_hits(&mut out, &entry, &hits, &title_of(&entry, &catalog))?;
                }
                count += 1;
            }
            Ok(ControlFlow::Continue(()))
        },
    )?;
    if args.json {
        out.write_all(if count == 0 { b"]\n" } else { b"\n]\n" })?;
    } else if count == 0 {
        crate::tell!("No entry holds '{}'.", args.text);
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn found<'e>(entry: &'e Entry, hits: &'e [Hit]) -> Found<'e> {
    Found {
        id: &entry.id,
        finished: &entry.finished,
        set: &entry.set,
        title: entry.title.as_deref(),
        tags: &entry.tags,
        hits,
    }
}

fn write_hits(out: &mut impl Write, entry: &Entry, hits: &[Hit], title: &str) -> std::io::Result<()> {
    let about = ui::one_line(&format!("{}  {}", entry.date(), entry.set)).into_owned();
    writeln!(out, "{}  {about}  {}", ui::accent(entry.short_id()), ui::bold(&ui::one_line(title)))?;
    for Hit { field, snippet, matched } in hits {
        let marked = format!(
            "{}{}{}",
            ui::one_line(&snippet[..matched.start]),
            ui::highlight(&ui::one_line(&snippet[matched.clone()])),
            ui::one_line(&snippet[matched.end..])
        );
        writeln!(out, "  {}: {marked}", ui::dim(field))?;
    }
    Ok(())
}
