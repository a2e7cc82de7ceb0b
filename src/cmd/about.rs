//! `bezin about NAME`: every reflection about one person, oldest first, with
//! the answers its set marks as worth recalling, and each prepared
//! conversation together with the entries that looked back on it.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde::Serialize;

use super::title_of;
use crate::answer::Answer;
use crate::catalog::Catalog;
use crate::cli::AboutArgs;
use crate::context::Context;
use crate::filter::Filter;
use crate::journal::{Closed, Entry};
use crate::lang::{Lang, Words};
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
    /// The scales its set marks as comparable, before the conversation and
    /// after it (in the last look-back).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    compared: Vec<Compared>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closed: Option<Closed>,
    /// The entries that looked back on this one, oldest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    looked_back: Vec<Moment>,
    /// Entries that looked back on this one together with a later
    /// preparation, under which they are shown: their ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    looked_back_later: Vec<String>,
}

/// An answer worth recalling, as it was asked and given.
#[derive(Serialize)]
struct Recalled {
    prompt: String,
    question: String,
    answer: String,
}

/// A scale before a conversation and after it.
#[derive(Serialize)]
struct Compared {
    /// The word the scales compare by.
    compare: String,
    question: String,
    range: Option<(i64, i64)>,
    before: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    after: Option<i64>,
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
            if entry.followed().any(|id| ids.contains(id)) {
                followers.push(entry);
            }
            Ok(ControlFlow::Continue(()))
        },
        context.warn_damaged(),
    )?;
    followers.sort_by_key(|entry| crate::clock::moment(&entry.finished));
    let timeline = timeline(&about, &followers, &catalog);
    let mut out = ui::stdout();
    if args.json {
        crate::json::write_pretty(&mut out, &serde_json::json!({ "name": name, "reflections": timeline }))?;
        writeln!(out)?;
    } else {
        let heading = Heading { name: &name, reflections: about.len() };
        write_timeline(&mut out, &heading, &timeline, ui::stdout_width(), context.lang.words())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The reflections about the person, oldest first, each look-back once:
/// under the last of the preparations it looks back on, not on its own.
fn timeline(about: &[Entry], followers: &[Entry], catalog: &Catalog) -> Vec<Moment> {
    let places: HashMap<&str, usize> = about.iter().enumerate().map(|(at, entry)| (entry.id.as_str(), at)).collect();
    // Where each look-back is shown: the last preparation it follows.
    let home = |follower: &Entry| follower.followed().filter_map(|id| places.get(id).copied()).max();
    let looked_back: HashSet<&str> = followers.iter().filter(|f| home(f).is_some()).map(|f| f.id.as_str()).collect();
    about
        .iter()
        .enumerate()
        .filter(|(_, entry)| !looked_back.contains(entry.id.as_str()))
        .map(|(at, entry)| {
            let later: Vec<&Entry> = followers.iter().filter(|f| f.followed().any(|id| id == entry.id)).collect();
            let (here, elsewhere): (Vec<&Entry>, Vec<&Entry>) = later.iter().partition(|f| home(f) == Some(at));
            Moment {
                compared: compared(entry, later.last().copied(), catalog),
                looked_back: here.into_iter().map(|f| moment(f, catalog)).collect(),
                looked_back_later: elsewhere.into_iter().map(|f| f.id.clone()).collect(),
                ..moment(entry, catalog)
            }
        })
        .collect()
}

/// The scales of `entry` its set marks as comparable, each with its
/// counterpart's answer in `after`, the look-back, if there is one.
fn compared(entry: &Entry, after: Option<&Entry>, catalog: &Catalog) -> Vec<Compared> {
    let Some(set) = catalog.find(&entry.set).map(|available| &available.set) else { return Vec::new() };
    let after_set = after.and_then(|after| catalog.find(&after.set)).map(|available| &available.set);
    let answer_after = |word: &str| -> Option<i64> {
        let prompt = after_set?.prompts.iter().find(|prompt| prompt.compare.as_deref() == Some(word))?;
        let recorded = after?.answers.iter().find(|recorded| recorded.prompt == prompt.id)?;
        if let Answer::Number(n) = recorded.answer { Some(n) } else { None }
    };
    entry
        .answers
        .iter()
        .filter_map(|recorded| {
            let word = set.prompt(&recorded.prompt)?.compare.clone()?;
            let Answer::Number(before) = recorded.answer else { return None };
            Some(Compared {
                after: answer_after(&word),
                compare: word,
                question: recorded.question.clone(),
                range: recorded.range,
                before,
            })
        })
        .collect()
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
        compared: Vec::new(),
        closed: entry.closed.clone(),
        looked_back: Vec::new(),
        looked_back_later: Vec::new(),
    }
}

/// Whom the timeline is about, and how many reflections are (look-backs
/// shown under their preparation too).
struct Heading<'n> {
    name: &'n str,
    reflections: usize,
}

fn write_timeline(
    out: &mut impl Write,
    heading: &Heading,
    timeline: &[Moment],
    width: Option<usize>,
    words: &Words,
) -> std::io::Result<()> {
    let count = match heading.reflections {
        1 => format!("1 {}", words.reflection),
        n => format!("{n} {}", words.reflections),
    };
    let count = format!("· {count}");
    let name = cut(&ui::one_line(heading.name), width, ui::width_of(&count) + 1);
    writeln!(out, "{} {}", ui::bold(&name), ui::dim(&count))?;
    let by_id: HashMap<&str, &Moment> =
        timeline.iter().flat_map(|moment| &moment.looked_back).map(|later| (later.id.as_str(), later)).collect();
    for moment in timeline {
        writeln!(out)?;
        write_moment(out, moment, "", width)?;
        write_compared(out, moment, width, words)?;
        for later in &moment.looked_back {
            writeln!(out, "{}", ui::dim(&format!("  {}", words.looked_back_on)))?;
            write_moment(out, later, "  ", width)?;
        }
        for later in moment.looked_back_later.iter().filter_map(|id| by_id.get(id.as_str())) {
            writeln!(out, "{}", ui::dim(&format!("  {}", words.looked_back_later)))?;
            write_heading(out, later, "  ", width)?;
        }
    }
    Ok(())
}

/// Under a preparation: each comparable scale before and after the
/// conversation, side by side, and whether it was closed without a look-back.
fn write_compared(out: &mut impl Write, moment: &Moment, width: Option<usize>, words: &Words) -> std::io::Result<()> {
    for compared in &moment.compared {
        let shown = |n: i64| Answer::Number(n).show(compared.range, Lang::En);
        let after = compared.after.map(|after| format!(" · {} {}", words.after, shown(after))).unwrap_or_default();
        let sides = format!("{} {}{after}", words.before, shown(compared.before));
        writeln!(out, "{}", ui::dim(&ui::wrap(&compared.question, width, "  ")))?;
        writeln!(out, "{}", ui::wrap(&sides, width, "    "))?;
    }
    if let Some(closed) = &moment.closed {
        let on = crate::lang::interface().date(closed.at.get(..10).unwrap_or(&closed.at));
        let note = closed.note.as_deref().map(|note| format!(": {note}")).unwrap_or_default();
        writeln!(out, "{}", ui::dim(&ui::wrap(&format!("{} {on}{note}", words.closed_on), width, "  ")))?;
    }
    Ok(())
}

fn write_moment(out: &mut impl Write, moment: &Moment, indent: &str, width: Option<usize>) -> std::io::Result<()> {
    write_heading(out, moment, indent, width)?;
    for recalled in &moment.recalled {
        writeln!(out, "{}", ui::dim(&ui::wrap(&recalled.question, width, &format!("{indent}  "))))?;
        writeln!(out, "{}", ui::wrap(&recalled.answer, width, &format!("{indent}    ")))?;
    }
    Ok(())
}

/// A reflection's date, title and id on a line.
fn write_heading(out: &mut impl Write, moment: &Moment, indent: &str, width: Option<usize>) -> std::io::Result<()> {
    let id = ui::one_line(&moment.id);
    let heading = ui::one_line(&format!("{} {}", moment.date, moment.title)).into_owned();
    let heading = cut(&heading, width, ui::width_of(indent) + 1 + ui::width_of(&id));
    writeln!(out, "{indent}{} {}", ui::bold(&heading), ui::accent(&id))
}

/// `text` cut to the room a line of `width` leaves beside `taken` columns.
fn cut(text: &str, width: Option<usize>, taken: usize) -> String {
    match width {
        Some(width) => ui::truncate(text, width.saturating_sub(taken)),
        None => text.to_owned(),
    }
}
