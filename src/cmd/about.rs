//! `bezin about NAME`: every reflection about one person, oldest first, with
//! the answers its set marks as worth recalling, and each prepared
//! conversation together with the entries that looked back on it.

use std::collections::HashSet;
use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::AboutArgs;
use crate::context::Context;
use crate::filter::Filter;
use crate::journal::Entry;
use crate::pages::{self, Heading};
use crate::people::{self, People, PersonPrompts};
use crate::ui;

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
            if entry.followed().any(|id| ids.contains(id)) {
                followers.push(entry);
            }
            Ok(ControlFlow::Continue(()))
        },
        context.warn_damaged(),
    )?;
    followers.sort_by_key(|entry| crate::clock::moment(&entry.finished));
    let timeline = pages::timeline(&about, &followers, &catalog);
    let mut out = ui::stdout();
    if args.json {
        crate::json::write_pretty(&mut out, &serde_json::json!({ "name": name, "reflections": timeline }))?;
        writeln!(out)?;
    } else {
        let heading = Heading { name: &name, reflections: about.len() };
        pages::timeline_page(&heading, &timeline, ui::stdout_width(), context.lang.words()).write(&mut out)?;
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
        bail!((crate::lang::interface().commands().give_a_name)(&crate::shell::command("people")));
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
        0 => bail!((crate::lang::interface().commands().nobody)(query, &crate::shell::command("people"))),
        _ => {
            let names: Vec<String> = found.iter().map(|(_, name)| format!("'{name}'")).collect();
            bail!((crate::lang::interface().commands().could_be)(query, &names.join(", ")))
        }
    }
}
