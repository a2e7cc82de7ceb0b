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

use std::collections::{HashMap, HashSet};
use std::ops::ControlFlow;
use std::path::Path;

use anyhow::{Context as _, Result};

use crate::catalog::Catalog;
use crate::filter::Filter;
use crate::journal::{Damaged, Entry, Journal};
use crate::lang::Lang;
use crate::lang::failed::{Step, Thing, could_not};
use checksum::Inputs;
pub use folder::Report;
use folder::{Folder, Survey};
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
/// and what happened to the files. When nothing the folder is rendered
/// from changed and its notes are as the export before left them, the
/// journal is read once and nothing is parsed or rendered; otherwise it is
/// read again for an outline, and a third time only for the notes whose
/// inputs changed.
pub fn export(
    journal: &Journal,
    catalog: &Catalog,
    filter: &Filter,
    root: &Path,
    options: &Options,
    mut damaged: impl FnMut(Damaged),
) -> Result<(usize, Report)> {
    crate::paths::create_private_dir(root).with_context(|| could_not(Step::Create, Thing::Folder, root.display()))?;
    // The folder is read while the journal is.
    let (whole, survey) = std::thread::scope(|scope| -> Result<(String, Survey)> {
        let survey = scope.spawn(|| Survey::of(root));
        let whole = whole_inputs(journal, catalog, filter, options);
        let survey = survey.join().map_err(|_| anyhow::anyhow!("reading {} stopped unexpectedly", root.display()))?;
        Ok((whole?, survey?))
    })?;
    if let Some((entries, unchanged)) = survey.all_current(&whole) {
        return Ok((entries, Report { unchanged, ..Report::default() }));
    }
    let mut folder = Folder::new(survey, options.replace_changed);
    let mut clean = true;
    let outline = outline(journal, catalog, filter, |err| {
        clean = false;
        damaged(err);
    })?;
    let to_render = entries_to_render(&outline, &mut folder, options.links);
    if !to_render.is_empty() {
        render_entries(journal, &outline, catalog, &to_render, &mut folder, options.links)?;
    }
    for person in outline.people.values().filter(|person| !person.reflections.is_empty()) {
        let id = outline::page_id(&person.page);
        let inputs = person_inputs(&id, person, options);
        if !folder.is_current(&id, &format!("{}.md", person.page), &inputs) {
            let lang = options.lang;
            let page = note::person(&id, &person.page, &person.name, &person.reflections, lang, options.links);
            folder.place(&page, &inputs)?;
        }
    }
    let inputs = index_inputs(&outline, options);
    if !folder.is_current(note::INDEX, &format!("{}.md", note::INDEX), &inputs) {
        folder.place(&index(&outline, options), &inputs)?;
    }
    let pages: HashSet<String> = outline.people.values().map(|person| outline::page_id(&person.page)).collect();
    folder.remove_gone(|id| outline.in_journal.contains(id) || pages.contains(id) || id == note::INDEX)?;
    let entries = outline.exported.len();
    folder.sync(clean.then_some((whole, entries)))?;
    Ok((entries, folder.report))
}

/// The digest of everything the folder is rendered from: each line of the
/// journal, what the notes take from the prompt sets, the filter and the
/// options; read without parsing an entry.
fn whole_inputs(journal: &Journal, catalog: &Catalog, filter: &Filter, options: &Options) -> Result<String> {
    let mut inputs = Inputs::new("folder");
    inputs.text(options.links.name()).text(options.lang.code());
    for set in catalog.sets().into_iter().map(|available| &available.set) {
        inputs.text(&set.id).number(usize::from(set.follow_up.is_some()));
        for lang in Lang::ALL {
            inputs.text(set.title.get(lang));
        }
        let recaps: Vec<&str> = set.prompts.iter().filter(|prompt| prompt.recap).map(|prompt| &*prompt.id).collect();
        inputs.text(&recaps.join(" "));
    }
    inputs.text(&crate::people::PersonPrompts::of(catalog).fingerprint());
    let person = filter.person.as_ref().map(|(key, prompts)| (key, prompts.fingerprint()));
    inputs.text(&format!("{:?}", (&filter.set, &filter.tags, &filter.since, &filter.until, person)));
    journal.scan(|line| {
        inputs.bytes(line.bytes).number(usize::try_from(line.length).unwrap_or(usize::MAX));
        Ok(ControlFlow::Continue(()))
    })?;
    Ok(inputs.finish())
}

/// The first reading: the outline of every entry that passes `filter`.
fn outline(journal: &Journal, catalog: &Catalog, filter: &Filter, mut damaged: impl FnMut(Damaged)) -> Result<Outline> {
    let mut outliner = Outliner::new(catalog);
    journal.scan(|line| {
        match line.parse() {
            Ok(entry) => outliner.add(&entry, &line, filter.matches(&entry)),
            Err(err) => damaged(err),
        }
        Ok(ControlFlow::Continue(()))
    })?;
    Ok(outliner.finish())
}

/// The exported entries whose note is not in its place as its inputs
/// render it: where each is in `exported` and the digest of its inputs,
/// by the number of its line in the journal.
fn entries_to_render(outline: &Outline, folder: &mut Folder, style: LinkStyle) -> HashMap<usize, (usize, String)> {
    let mut to_render = HashMap::new();
    for (at, (listed, source)) in outline.exported.iter().zip(&outline.sources).enumerate() {
        let links = neighbours(at, outline);
        let mut inputs = Inputs::new("entry");
        inputs.text(&source.digest).text(style.name()).text(&listed.path).text(&listed.title);
        inputs.number(usize::from(links.person.is_some()));
        if let Some((to, name)) = &links.person {
            inputs.text(to.path).text(to.text).text(name);
        }
        for targets in [&links.follows, &links.followed_by] {
            inputs.number(targets.len());
            for to in targets {
                inputs.text(to.path).text(to.text);
            }
        }
        let inputs = inputs.finish();
        if !folder.is_current(&outline.ids[at], &format!("{}.md", listed.path), &inputs) {
            to_render.insert(source.line, (at, inputs));
        }
    }
    to_render
}

/// The second reading: the notes of the entries on the lines `to_render`
/// names, rendered and put in their place.
fn render_entries(
    journal: &Journal,
    outline: &Outline,
    catalog: &Catalog,
    to_render: &HashMap<usize, (usize, String)>,
    folder: &mut Folder,
    style: LinkStyle,
) -> Result<()> {
    journal.scan(|line| {
        if let Some((at, inputs)) = to_render.get(&line.number)
            && let Ok(entry) = line.parse()
            && outline.by_id.get(&entry.id) == Some(at)
        {
            let set_title = catalog.title(&entry.set, entry.lang);
            let listed = &outline.exported[*at];
            let links = neighbours(*at, outline);
            folder.place(&note::entry(&entry, &listed.path, &listed.title, &set_title, &links, style), inputs)?;
        }
        Ok(ControlFlow::Continue(()))
    })
}

/// What the note of the exported entry at `at` links to.
fn neighbours(at: usize, outline: &Outline) -> Neighbours<'_> {
    let exported = &outline.exported;
    let target = |at: &usize| Target { path: &exported[*at].path, text: &exported[*at].title };
    let person = exported[at].person.as_deref().zip(outline.sources[at].person.as_ref()).and_then(|(name, key)| {
        let person = outline.people.get(key)?;
        Some((Target { path: &person.page, text: &person.name }, name))
    });
    let targets =
        |places: Option<&Vec<usize>>| places.map_or_else(Vec::new, |places| places.iter().map(target).collect());
    Neighbours { person, follows: targets(outline.follows.get(&at)), followed_by: targets(outline.followers.get(&at)) }
}

/// What a person's page is rendered from.
fn person_inputs(id: &str, person: &outline::Person, options: &Options) -> String {
    let mut inputs = Inputs::new("person");
    inputs.text(options.links.name()).text(options.lang.code()).text(id).text(&person.page).text(&person.name);
    inputs.number(person.reflections.len());
    for reflection in &person.reflections {
        inputs.text(&reflection.finished).text(&reflection.path).text(&reflection.title);
        inputs.number(reflection.recalled.len());
        for (question, answer) in &reflection.recalled {
            inputs.text(question).text(answer);
        }
    }
    inputs.finish()
}

/// What the overview is rendered from (`index` puts it in order).
fn index_inputs(outline: &Outline, options: &Options) -> String {
    let mut inputs = Inputs::new("index");
    inputs.text(options.links.name()).text(options.lang.code()).number(outline.exported.len());
    for listed in &outline.exported {
        inputs.text(&listed.finished).text(&listed.path).text(&listed.title);
        inputs.text(listed.person.as_deref().unwrap_or("")).number(usize::from(listed.person.is_some()));
    }
    inputs.number(outline.open.len());
    for &at in &outline.open {
        inputs.number(at);
    }
    let mut people: Vec<&outline::Person> =
        outline.people.values().filter(|person| !person.reflections.is_empty()).collect();
    people.sort_by(|one, other| one.page.cmp(&other.page));
    inputs.number(people.len());
    for person in people {
        inputs.text(&person.page).text(&person.name).number(person.reflections.len());
        inputs.text(&person.reflections[0].finished);
    }
    inputs.finish()
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

/// Where an entry's note goes in the folder, without `.md`.
fn entry_path(entry: &Entry, title: &str) -> String {
    let mut name = crate::markdown::file_name(entry, title);
    name.truncate(name.len() - ".md".len());
    name
}
