//! `bezin show ID|last`: one entry with its questions and answers, and the
//! entries it follows and that follow it; with `--lang`, in the questions and
//! labels of its set in that language.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use super::{current_form, title_of};
use crate::catalog::Catalog;
use crate::cli::ShowArgs;
use crate::context::Context;
use crate::journal::Entry;
use crate::lang::Lang;
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
    write_entry(&mut out, &shown, &catalog, width, context.lang)?;
    let later = context.journal.following(&entry.id, context.warn_damaged())?;
    let words = context.lang.words();
    let mut first = true;
    for id in entry.followed() {
        let space = if std::mem::take(&mut first) { "\n" } else { "" };
        let earlier = match context.journal.by_id(id, context.warn_damaged())? {
            Some(earlier) => link(&earlier, &catalog),
            None => format!("{} {}", ui::one_line(id), words.gone_from_journal),
        };
        writeln!(out, "{space}{} {earlier}", ui::dim(words.follows_entry))?;
    }
    if let Some(closed) = &entry.closed {
        // The day and the minute, without seconds or offset, as a sentence writes them.
        let on = context.lang.date(&closed.at.get(..16).unwrap_or(&closed.at).replace('T', " "));
        let note = closed.note.as_deref().map(|note| format!(": {note}")).unwrap_or_default();
        writeln!(out, "\n{}", ui::dim(&ui::wrap(&format!("{} {on}{note}", words.closed_on), width, "")))?;
    }
    for follower in later.iter().rev() {
        writeln!(out, "{} {}", ui::dim(words.followed_by), link(follower, &catalog))?;
    }
    Ok(ExitCode::SUCCESS)
}

fn link(entry: &Entry, catalog: &Catalog) -> String {
    let about = format!("{} {}", entry.date(), title_of(entry, catalog));
    format!("{} {}", ui::accent(entry.short_id()), ui::one_line(&about))
}

/// An entry as a person reads it: a heading, a line of facts, then each
/// question with its answer, wrapped to `width` when it is a terminal's.
fn write_entry(
    out: &mut impl Write,
    entry: &Entry,
    catalog: &Catalog,
    width: Option<usize>,
    lang: Lang,
) -> std::io::Result<()> {
    writeln!(out, "{}", ui::bold(&ui::wrap(&title_of(entry, catalog), width, "")))?;
    // The day and the minute, as bezin gives times elsewhere.
    let when = |stamp: &str| lang.date(&stamp.get(..16).unwrap_or(stamp).replace('T', " "));
    let mut facts = vec![entry.id.clone(), when(&entry.finished), entry.set.clone()];
    if !entry.tags.is_empty() {
        facts.push(entry.tags.iter().map(|tag| format!("#{tag}")).collect::<Vec<_>>().join(" "));
    }
    if let Some(edited) = &entry.edited {
        facts.push(format!("{} {}", lang.words().edited_on, when(edited)));
    }
    writeln!(out, "{}", ui::dim(&ui::wrap(&facts.join(" · "), width, "")))?;
    for recorded in &entry.answers {
        writeln!(out)?;
        writeln!(out, "{}", ui::bold(&ui::wrap(&recorded.question, width, "")))?;
        writeln!(out, "{}", ui::wrap(&recorded.show(entry.lang), width, "  "))?;
    }
    Ok(())
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
