//! A person's timeline as `about` gives it: every reflection about them,
//! oldest first, with the answers its set marks as worth recalling, and
//! each prepared conversation together with the entries that looked back
//! on it.

use std::collections::{HashMap, HashSet};

use serde::Serialize;

use crate::answer::Answer;
use crate::catalog::Catalog;
use crate::cmd::title_of;
use crate::journal::{Closed, Entry};
use crate::lang::{Lang, Words};
use crate::ui::{self, Look, Page, Piece};

/// One reflection on the timeline.
#[derive(Serialize)]
pub struct Moment {
    pub id: String,
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

/// The reflections about the person, oldest first, each look-back once:
/// under the last of the preparations it looks back on, not on its own.
pub fn timeline(about: &[Entry], followers: &[Entry], catalog: &Catalog) -> Vec<Moment> {
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
pub struct Heading<'n> {
    pub name: &'n str,
    pub reflections: usize,
}

/// The timeline as a page, wrapped to `width` when there is one.
pub fn timeline_page(heading: &Heading, timeline: &[Moment], width: Option<usize>, words: &Words) -> Page {
    let mut page = Page::default();
    let count = match heading.reflections {
        1 => format!("1 {}", words.reflection),
        n => format!("{n} {}", words.reflections),
    };
    let count = format!("· {count}");
    let name = cut(&ui::one_line(heading.name), width, ui::width_of(&count) + 1);
    page.line(vec![Piece::new(Look::Bold, &name), Piece::new(Look::Plain, " "), Piece::new(Look::Dim, &count)]);
    let by_id: HashMap<&str, &Moment> =
        timeline.iter().flat_map(|moment| &moment.looked_back).map(|later| (later.id.as_str(), later)).collect();
    for moment in timeline {
        page.blank();
        add_moment(&mut page, moment, "", width);
        add_compared(&mut page, moment, width, words);
        for later in &moment.looked_back {
            page.text(Look::Dim, &format!("  {}", words.looked_back_on));
            add_moment(&mut page, later, "  ", width);
        }
        for later in moment.looked_back_later.iter().filter_map(|id| by_id.get(id.as_str())) {
            page.text(Look::Dim, &format!("  {}", words.looked_back_later));
            add_heading(&mut page, later, "  ", width);
        }
    }
    page
}

/// Under a preparation: each comparable scale before and after the
/// conversation, side by side, and whether it was closed without a look-back.
fn add_compared(page: &mut Page, moment: &Moment, width: Option<usize>, words: &Words) {
    for compared in &moment.compared {
        let shown = |n: i64| Answer::Number(n).show(compared.range, Lang::En);
        let after = compared.after.map(|after| format!(" · {} {}", words.after, shown(after))).unwrap_or_default();
        let sides = format!("{} {}{after}", words.before, shown(compared.before));
        page.text(Look::Dim, &ui::wrap(&compared.question, width, "  "));
        page.text(Look::Plain, &ui::wrap(&sides, width, "    "));
    }
    if let Some(closed) = &moment.closed {
        let on = crate::lang::interface().date(closed.at.get(..10).unwrap_or(&closed.at));
        let note = closed.note.as_deref().map(|note| format!(": {note}")).unwrap_or_default();
        page.text(Look::Dim, &ui::wrap(&format!("{} {on}{note}", words.closed_on), width, "  "));
    }
}

fn add_moment(page: &mut Page, moment: &Moment, indent: &str, width: Option<usize>) {
    add_heading(page, moment, indent, width);
    for recalled in &moment.recalled {
        page.text(Look::Dim, &ui::wrap(&recalled.question, width, &format!("{indent}  ")));
        page.text(Look::Plain, &ui::wrap(&recalled.answer, width, &format!("{indent}    ")));
    }
}

/// A reflection's date, title and id on a line.
fn add_heading(page: &mut Page, moment: &Moment, indent: &str, width: Option<usize>) {
    let id = ui::one_line(&moment.id);
    let heading = ui::one_line(&format!("{} {}", moment.date, moment.title)).into_owned();
    let heading = cut(&heading, width, ui::width_of(indent) + 1 + ui::width_of(&id));
    page.line(vec![
        Piece::new(Look::Plain, indent),
        Piece::new(Look::Bold, &heading),
        Piece::new(Look::Plain, " "),
        Piece::new(Look::Accent, &id),
    ]);
}

/// `text` cut to the room a line of `width` leaves beside `taken` columns.
fn cut(text: &str, width: Option<usize>, taken: usize) -> String {
    match width {
        Some(width) => ui::truncate(text, width.saturating_sub(taken)),
        None => text.to_owned(),
    }
}
