//! `bezin about NAME`: every reflection about one person, oldest first, with
//! the answers its set marks as worth recalling, and each prepared
//! conversation together with the entries that looked back on it.

use std::collections::HashSet;
use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde::Serialize;

use super::title_of;
use crate::catalog::Catalog;
use crate::cli::AboutArgs;
use crate::context::Context;
use crate::filter::Filter;
use crate::journal::Entry;
use crate::people::{self, People, PersonPrompts};
use crate::ui;

/// One reflection on the timeline.
#[derive(Serialize)]
struct Moment {
    id: String,
    date: String,
    set: String,
    title: String,
    recalled: Vec<Recalled>,
    /// The entries that looked back on this one, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    looked_back: Vec<Moment>,
}

/// An answer worth recalling, as it was asked and given.
#[derive(Serialize)]
struct Recalled {
    prompt: String,
    question: String,
    answer: String,
}

pub fn run(context: &Context, args: &AboutArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let prompts = PersonPrompts::of(&catalog);
    let today = crate::clock::now().date();
    let dates = Filter::new(None, &[], args.since.as_deref(), args.until.as_deref(), today)?;
    let (key, name) = whom(context, &prompts, &args.name)?;
    let mut about: Vec<Entry> = Vec::new();
    context.journal.each(
        |entry| {
            let is_about = prompts.person_of(&entry).is_some_and(|person| people::key(&person) == key);
            if is_about && dates.matches(&entry) {
                about.push(entry);
            }
            Ok(ControlFlow::Continue(()))
        },
        context.warn_damaged(),
    )?;
    about.sort_by_key(|entry| crate::clock::moment(&entry.finished));
    let ids: HashSet<&str> = about.iter().map(|entry| entry.id.as_str()).collect();
    let mut followers: Vec<Entry> = Vec::new();
    context.journal.each(
        |entry| {
            if entry.follows.as_deref().is_some_and(|id| ids.contains(id)) {
                followers.push(entry);
            }
            Ok(ControlFlow::Continue(()))
        },
        context.warn_damaged(),
    )?;
    followers.sort_by_key(|entry| crate::clock::moment(&entry.finished));
    let timeline: Vec<Moment> = about
        .iter()
        .map(|entry| {
            let later = followers.iter().filter(|f| f.follows.as_deref() == Some(entry.id.as_str()));
            Moment { looked_back: later.map(|f| moment(f, &catalog)).collect(), ..moment(entry, &catalog) }
        })
        .collect();
    let mut out = ui::stdout();
    if args.json {
        crate::json::write_pretty(&mut out, &serde_json::json!({ "name": name, "reflections": timeline }))?;
        writeln!(out)?;
    } else {
        write_timeline(&mut out, &name, &timeline, ui::stdout_width())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The person `query` names: their key and their name as last written. A
/// name, or the start of one that no one else's starts with, finds them.
fn whom(context: &Context, prompts: &PersonPrompts, query: &str) -> Result<(String, String)> {
    let mut everyone = People::default();
    context.journal.each(
        |entry| {
            everyone.add(&entry, prompts.person_of(&entry), false);
            Ok(ControlFlow::Continue(()))
        },
        |_| {},
    )?;
    let wanted = people::key(query);
    if wanted.is_empty() {
        bail!("give a name, or the start of one (bezin people lists them)");
    }
    let everyone = everyone.finish();
    let keyed: Vec<(String, String)> =
        everyone.into_iter().map(|person| (people::key(&person.name), person.name)).collect();
    if let Some(exact) = keyed.iter().find(|(key, _)| *key == wanted) {
        return Ok(exact.clone());
    }
    let mut found: Vec<(String, String)> = keyed.into_iter().filter(|(key, _)| key.starts_with(&wanted)).collect();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => bail!("no reflection is about '{query}' (bezin people lists everyone)"),
        _ => {
            let names: Vec<String> = found.iter().map(|(_, name)| format!("'{name}'")).collect();
            bail!("'{query}' could be {}; give more of the name", names.join(", "))
        }
    }
}

fn moment(entry: &Entry, catalog: &Catalog) -> Moment {
    let set = catalog.find(&entry.set).map(|available| &available.set);
    let recalled = entry
        .answers
        .iter()
        .filter(|recorded| set.and_then(|set| set.prompt(&recorded.prompt)).is_some_and(|prompt| prompt.recap))
        .map(|recorded| Recalled {
            prompt: recorded.prompt.clone(),
            question: recorded.question.clone(),
            answer: recorded.show(entry.lang),
        })
        .collect();
    Moment {
        id: entry.id.clone(),
        date: entry.date().to_owned(),
        set: entry.set.clone(),
        title: title_of(entry, catalog),
        recalled,
        looked_back: Vec::new(),
    }
}

fn write_timeline(out: &mut impl Write, name: &str, timeline: &[Moment], width: Option<usize>) -> std::io::Result<()> {
    let count = if timeline.len() == 1 { "1 reflection".to_owned() } else { format!("{} reflections", timeline.len()) };
    let count = format!("· {count}");
    let name = cut(&ui::one_line(name), width, ui::width_of(&count) + 1);
    writeln!(out, "{} {}", ui::bold(&name), ui::dim(&count))?;
    for moment in timeline {
        writeln!(out)?;
        write_moment(out, moment, "", width)?;
        for later in &moment.looked_back {
            writeln!(out, "{}", ui::dim("  looked back on:"))?;
            write_moment(out, later, "  ", width)?;
        }
    }
    Ok(())
}

fn write_moment(out: &mut impl Write, moment: &Moment, indent: &str, width: Option<usize>) -> std::io::Result<()> {
    let id = ui::one_line(&moment.id);
    let heading = ui::one_line(&format!("{} {}", moment.date, moment.title)).into_owned();
    let heading = cut(&heading, width, ui::width_of(indent) + 1 + ui::width_of(&id));
    writeln!(out, "{indent}{} {}", ui::bold(&heading), ui::accent(&id))?;
    for recalled in &moment.recalled {
        writeln!(out, "{}", ui::dim(&ui::wrap(&recalled.question, width, &format!("{indent}  "))))?;
        writeln!(out, "{}", ui::wrap(&recalled.answer, width, &format!("{indent}    ")))?;
    }
    Ok(())
}

/// `text` cut to the room a line of `width` leaves beside `taken` columns.
fn cut(text: &str, width: Option<usize>, taken: usize) -> String {
    match width {
        Some(width) => ui::truncate(text, width.saturating_sub(taken)),
        None => text.to_owned(),
    }
}
