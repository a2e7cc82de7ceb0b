//! `bezin show ID|last`: one entry with its questions and answers, and the
//! entries it follows and that follow it; with `--lang`, in the questions and
//! labels of its set in that language.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::current_form;
use crate::catalog::Catalog;
use crate::cli::ShowArgs;
use crate::context::Context;
use crate::journal::Entry;
use crate::lang::Lang;
use crate::pages::{self, Links};
use crate::session::Session;
use crate::ui;

pub fn run(context: &Context, args: &ShowArgs, lang: Option<Lang>) -> Result<ExitCode> {
    let entry = context.find(&args.id)?;
    let mut out = ui::stdout();
    let catalog = context.catalog()?;
    if args.json {
        crate::json::write_pretty(&mut out, &current_form(entry, &catalog))?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let width = ui::stdout_width();
    let shown = match lang.filter(|lang| *lang != entry.lang) {
        Some(lang) => in_language(&entry, &catalog, lang),
        None => entry.clone(),
    };
    let mut later = context.journal.following(&entry.id, context.warn_damaged())?;
    later.reverse();
    let mut earlier = Vec::new();
    for id in entry.followed() {
        earlier.push(context.journal.by_id(id, context.warn_damaged())?.ok_or(id));
    }
    let links = Links {
        earlier: earlier.iter().map(|found| found.as_ref().map_err(|id| *id)).collect(),
        later: later.iter().collect(),
    };
    pages::entry(&shown, &links, &catalog, width, context.lang).write(&mut out)?;
    Ok(ExitCode::SUCCESS)
}

/// The entry in `lang`: its set's questions, placeholders filled, and its
/// options' labels in that language. Only the version of the set it was
/// made with says what it asked; otherwise it stays as recorded, and says so.
fn in_language(entry: &Entry, catalog: &Catalog, lang: Lang) -> Entry {
    let Some(set) = catalog.find(&entry.set).map(|available| &available.set) else {
        crate::tell!("{}", (lang.commands().set_missing)(&entry.set, entry.lang.code()));
        return entry.clone();
    };
    if set.version != entry.set_version {
        let other_version = lang.commands().other_version;
        crate::tell!("{}", other_version(entry.set_version, &entry.set, set.version, entry.lang.code()));
        return entry.clone();
    }
    let given = entry.answers.iter().map(|recorded| (recorded.prompt.clone(), Some(recorded.answer.clone())));
    let session = Session::resume(set, lang, given.collect());
    let mut shown = entry.clone();
    shown.lang = lang;
    for recorded in &mut shown.answers {
        let Some(prompt) = set.prompt(&recorded.prompt) else { continue };
        recorded.question = session.question(prompt);
        recorded.answer = recorded.answer.in_terms_of(prompt, lang);
    }
    shown
}
