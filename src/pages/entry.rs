//! One entry as a person reads it: a heading, a line of facts, each
//! question with its answer, then the entries it follows and those that
//! follow it.

use crate::catalog::Catalog;
use crate::cmd::title_of;
use crate::journal::Entry;
use crate::lang::Lang;
use crate::ui::{self, Look, Page, Piece};

/// The entries an entry is linked with.
pub struct Links<'e> {
    /// What it follows, in its order: the entry, or its id when it is gone
    /// from the journal.
    pub earlier: Vec<Result<&'e Entry, &'e str>>,
    /// What follows it, oldest first.
    pub later: Vec<&'e Entry>,
}

/// The page of `entry`, wrapped to `width` when there is one.
pub fn entry(entry: &Entry, links: &Links, catalog: &Catalog, width: Option<usize>, lang: Lang) -> Page {
    let mut page = Page::default();
    answers(&mut page, entry, catalog, width, lang);
    let words = lang.words();
    for (n, earlier) in links.earlier.iter().enumerate() {
        if n == 0 {
            page.blank();
        }
        let mut line = vec![Piece::new(Look::Dim, words.follows_entry), Piece::new(Look::Plain, " ")];
        match earlier {
            Ok(earlier) => line.extend(link(earlier, catalog)),
            Err(id) => line.push(Piece::new(Look::Plain, &format!("{id} {}", words.gone_from_journal))),
        }
        page.line(line);
    }
    if let Some(closed) = &entry.closed {
        // The day and the minute, without seconds or offset, as a sentence writes them.
        let on = lang.date(&closed.at.get(..16).unwrap_or(&closed.at).replace('T', " "));
        let note = closed.note.as_deref().map(|note| format!(": {note}")).unwrap_or_default();
        page.blank();
        page.text(Look::Dim, &ui::wrap(&format!("{} {on}{note}", words.closed_on), width, ""));
    }
    for later in &links.later {
        let mut line = vec![Piece::new(Look::Dim, words.followed_by), Piece::new(Look::Plain, " ")];
        line.extend(link(later, catalog));
        page.line(line);
    }
    page
}

/// A linked entry: its short id, date and title.
fn link(entry: &Entry, catalog: &Catalog) -> [Piece; 2] {
    let about = format!(" {} {}", entry.date(), title_of(entry, catalog));
    [Piece::new(Look::Accent, entry.short_id()), Piece::new(Look::Plain, &about)]
}

/// The heading, a line of facts, then each question with its answer.
fn answers(page: &mut Page, entry: &Entry, catalog: &Catalog, width: Option<usize>, lang: Lang) {
    page.text(Look::Bold, &ui::wrap(&title_of(entry, catalog), width, ""));
    // The day and the minute, as bezin gives times elsewhere.
    let when = |stamp: &str| lang.date(&stamp.get(..16).unwrap_or(stamp).replace('T', " "));
    let mut facts = vec![entry.id.clone(), when(&entry.finished), entry.set.clone()];
    if !entry.tags.is_empty() {
        facts.push(entry.tags.iter().map(|tag| format!("#{tag}")).collect::<Vec<_>>().join(" "));
    }
    if let Some(edited) = &entry.edited {
        facts.push(format!("{} {}", lang.words().edited_on, when(edited)));
    }
    page.text(Look::Dim, &ui::wrap(&facts.join(" · "), width, ""));
    for recorded in &entry.answers {
        page.blank();
        page.text(Look::Bold, &ui::wrap(&recorded.question, width, ""));
        page.text(Look::Plain, &ui::wrap(&recorded.show(entry.lang), width, "  "));
    }
}
