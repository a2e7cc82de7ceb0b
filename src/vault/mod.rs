//! `export --split`: the entries as a folder of notes that lives in a
//! vault (Obsidian, Logseq, a static site). Each entry keeps one note
//! across exports, found again by the id and checksum in it whatever it is
//! called; notes link both ways between a preparation and its look-back
//! and to a page per person; an overview lists them all. A note the person
//! changed is never written over, and an export with nothing changed
//! writes nothing.

mod checksum;
mod folder;
mod note;
mod outline;

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::Path;

use anyhow::{Context as _, Result};

use crate::catalog::Catalog;
use crate::filter::Filter;
use crate::journal::{Damaged, Entry, Journal};
use crate::lang::Lang;
use folder::Folder;
pub use folder::Report;
pub use note::LinkStyle;
use note::{Listed, Neighbours, Target};
use outline::{Outline, Outliner};

/// How to export.
pub struct Options {
    pub links: LinkStyle,
    /// Replace the notes the person changed (theirs kept beside) instead of
    /// writing the new version beside them.
    pub replace_changed: bool,
    /// The language of the people's pages and the overview.
    pub lang: Lang,
}

/// Exports the entries that pass `filter` into `root`; returns how many,
/// and what happened to the files.
pub fn export(
    journal: &Journal,
    catalog: &Catalog,
    filter: &Filter,
    root: &Path,
    options: &Options,
    damaged: impl FnMut(Damaged),
) -> Result<(usize, Report)> {
    crate::paths::create_private_dir(root)
        .with_context(|| format!("could not create the folder {}", root.display()))?;
    // The folder is read while the journal is.
    let (outline, mut folder) = std::thread::scope(|scope| -> Result<(Outline, Folder)> {
        let survey = scope.spawn(|| Folder::survey(root, options.replace_changed));
        let outline = outline(journal, catalog, filter, damaged);
        let folder = survey.join().map_err(|_| anyhow::anyhow!("reading {} stopped unexpectedly", root.display()))?;
        Ok((outline?, folder?))
    })?;
    let mut placed = HashSet::new();
    journal.each(
        |entry| {
            if let Some(&at) = outline.by_id.get(&entry.id)
                && placed.insert(at)
            {
                folder.place(&entry_note(&entry, at, &outline, catalog, options.links))?;
            }
            Ok(ControlFlow::Continue(()))
        },
        |_| {},
    )?;
    for person in outline.people.values().filter(|person| !person.reflections.is_empty()) {
        let id = outline::page_id(&person.page);
        folder.place(&note::person(
            &id,
            &person.page,
            &person.name,
            &person.reflections,
            options.lang,
            options.links,
        ))?;
    }
    folder.place(&index(&outline, options))?;
    let pages: HashSet<String> = outline.people.values().map(|person| outline::page_id(&person.page)).collect();
    folder.remove_gone(|id| outline.in_journal.contains(id) || pages.contains(id) || id == note::INDEX)?;
    folder.sync()?;
    Ok((placed.len(), folder.report))
}

/// The first reading: the outline of every entry that passes `filter`.
fn outline(journal: &Journal, catalog: &Catalog, filter: &Filter, damaged: impl FnMut(Damaged)) -> Result<Outline> {
    let mut outliner = Outliner::new(catalog);
    journal.each(
        |entry| {
            outliner.add(&entry, filter.matches(&entry));
            Ok(ControlFlow::Continue(()))
        },
        damaged,
    )?;
    Ok(outliner.finish())
}

/// The note of the exported entry at `at`.
fn entry_note(entry: &Entry, at: usize, outline: &Outline, catalog: &Catalog, style: LinkStyle) -> note::Note {
    let exported = &outline.exported;
    let listed = &exported[at];
    let target = |at: usize| Target { path: &exported[at].path, text: &exported[at].title };
    let person = listed.person.as_deref().and_then(|name| {
        let person = outline.people.get(&crate::people::key(name))?;
        Some((Target { path: &person.page, text: &person.name }, name))
    });
    let follows = entry.followed().filter_map(|id| outline.by_id.get(id)).map(|&at| target(at)).collect();
    let followed_by =
        outline.followers.get(&at).map_or_else(Vec::new, |after| after.iter().map(|&at| target(at)).collect());
    let links = Neighbours { person, follows, followed_by };
    let set_title = catalog.title(&entry.set, entry.lang);
    note::entry(entry, &listed.path, &listed.title, &set_title, &links, style)
}

/// The overview note: entries and open conversations newest first, and
/// the people most recently reflected on first.
fn index(outline: &Outline, options: &Options) -> note::Note {
    let mut entries: Vec<&Listed> = outline.exported.iter().collect();
    entries.sort_by_cached_key(|listed| std::cmp::Reverse(crate::clock::moment(&listed.finished)));
    let open: Vec<&Listed> = outline.open.iter().map(|&at| &outline.exported[at]).collect();
    let mut people: Vec<&outline::Person> =
        outline.people.values().filter(|person| !person.reflections.is_empty()).collect();
    people.sort_by_cached_key(|person| {
        (std::cmp::Reverse(crate::clock::moment(&person.reflections[0].finished)), person.page.clone())
    });
    let people: Vec<(Target, usize)> = people
        .iter()
        .map(|person| (Target { path: &person.page, text: &person.name }, person.reflections.len()))
        .collect();
    note::index(&entries, &open, &people, options.lang, options.links)
}

/// The title an entry's note and links show: its own, or its set's.
fn title(entry: &Entry, catalog: &Catalog) -> String {
    entry.title.clone().unwrap_or_else(|| catalog.title(&entry.set, entry.lang))
}

/// Where an entry's note goes in the folder, without `.md`.
fn entry_path(entry: &Entry, title: &str) -> String {
    let mut name = crate::markdown::file_name(entry, title);
    name.truncate(name.len() - ".md".len());
    name
}
