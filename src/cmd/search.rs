//! `bezin search TEXT`: entries whose title, tags or answers hold a text,
//! newest first, each hit with a snippet, written as they are found.

use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde::Serialize;

use super::{current_form, filter, title_of};
use crate::cli::SearchArgs;
use crate::context::Context;
use crate::journal::Entry;
use crate::lang::Words;
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
    let Some(text) = args.text.as_ref().filter(|text| !text.trim().is_empty()) else {
        let words = context.lang.commands();
        let [one, other] = words.search_examples.map(crate::shell::command);
        bail!((words.search_needs_text)(&one, &other));
    };
    let query = Query::new(text)?;
    let catalog = context.catalog()?;
    let filter = filter(&args.filter, &catalog)?;
    let mut out = ui::stdout();
    let width = ui::stdout_width();
    let mut count = 0;
    let mut damaged = context.warn_damaged();
    if args.json {
        out.write_all(b"[")?;
    }
    context.journal.pick_back(
        &query.runs(),
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
                    write_hits(&mut out, &entry, &hits, &title_of(&entry, &catalog), width, context.lang.words())?;
                }
                count += 1;
            }
            Ok(ControlFlow::Continue(()))
        },
    )?;
    if args.json {
        out.write_all(if count == 0 { b"]\n" } else { b"\n]\n" })?;
    } else if count == 0 {
        crate::tell!("{}", (context.lang.outcomes().no_entry_holds)(&crate::ui::truncate(text, 60)));
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

fn write_hits(
    out: &mut impl Write,
    entry: &Entry,
    hits: &[Hit],
    title: &str,
    width: Option<usize>,
    words: &Words,
) -> std::io::Result<()> {
    let id = ui::one_line(entry.short_id());
    // A set id may be long: it takes at most a quarter of the line, and the heading never more than the line.
    let set = ui::one_line(&entry.set);
    let about = match width {
        Some(width) => {
            let about = format!("  {}  {}  ", entry.date(), ui::truncate(&set, (width / 4).max(4)));
            ui::truncate(&about, width.saturating_sub(ui::width_of(&id)))
        }
        None => format!("  {}  {set}  ", entry.date()),
    };
    let title = ui::one_line(title);
    let title = match width {
        Some(width) => ui::truncate(&title, width.saturating_sub(ui::width_of(&id) + ui::width_of(&about))),
        None => title.into_owned(),
    };
    writeln!(out, "{}{about}{}", ui::accent(&id), ui::bold(&title))?;
    for Hit { field, question, snippet, matched } in hits {
        // Each hit named by its question (cut to a third of the line), or as the title or the tags.
        let label = match (field.as_str(), question) {
            (_, Some(question)) if !question.is_empty() => question.as_str(),
            ("title", _) => words.title_short,
            ("tags", _) => words.tags_short,
            (field, _) => field,
        };
        let label = ui::one_line(label);
        let label = width.map_or_else(|| label.to_string(), |width| ui::truncate(&label, (width / 3).max(8)));
        let field = format!("  {label}: ");
        let [before, matched, after] = [&snippet[..matched.start], &snippet[matched.clone()], &snippet[matched.end..]]
            .map(|part| ui::one_line(part).into_owned());
        let room = width.map(|width| width.saturating_sub(ui::width_of(&field)));
        let [before, matched, after] = match room {
            Some(room) => fit_around(before, matched, after, room),
            None => [before, matched, after],
        };
        writeln!(out, "{}{before}{}{after}", ui::dim(&field), ui::highlight(&matched))?;
    }
    Ok(())
}

/// A snippet cut to `room` columns around its match: the match first, then
/// as much before it as after it (and more of either where the other ends).
fn fit_around(before: String, matched: String, after: String, room: usize) -> [String; 3] {
    if ui::width_of(&before) + ui::width_of(&matched) + ui::width_of(&after) <= room {
        return [before, matched, after];
    }
    let matched = ui::truncate(&matched, room);
    let left = room - ui::width_of(&matched);
    let before = ui::truncate_start(&before, left - ui::width_of(&after).min(left / 2));
    let after = ui::truncate(&after, left - ui::width_of(&before));
    [before, matched, after]
}
