//! Where the screen is: the entries the list shows and the one chosen,
//! which pane has the focus and how far the entry is scrolled, what is
//! being typed, and what a key or the mouse does to all that.

use std::collections::HashSet;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::export::{Asking, Export};
use super::filters::{Filters, Ready};
use super::reading::News;
use super::shelf::Shelf;
use crate::catalog::Catalog;
use crate::journal::{Damaged, Entry};
use crate::lang::Lang;
use crate::search::Query;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Entry,
}

/// A field typed into at the bottom of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Search,
    Person,
    Set,
    Tag,
    Days,
}

/// How the person left the screen.
#[derive(Debug, PartialEq, Eq)]
pub enum Leave {
    Done,
    /// Before the screen opened: the journal holds no entry.
    Nothing,
    /// With Ctrl-C.
    Stopped,
}

/// What a key asks beyond the screen: to leave it, or to change or delete
/// the chosen entry, which the command does on the terminal given back.
#[derive(Debug, PartialEq, Eq)]
pub enum Asked {
    Leave(Leave),
    Edit(String),
    Delete(String),
    /// The look-back on the entry `id`, with the set that follows its set.
    LookBack {
        id: String,
        set: String,
    },
}

/// A search typed, and the matches found so far, newest first.
pub struct Search {
    text: String,
    /// Its number once it is under way.
    number: Option<u64>,
    /// Where the lines that hold it start, going down.
    matched: Vec<u64>,
    pub done: bool,
}

/// Where the panes were drawn last, for the mouse and for a page's height.
#[derive(Default)]
pub struct Drawn {
    pub width: u16,
    pub list: Rect,
    pub entry: Rect,
}

pub struct Browse<'c> {
    pub shelf: Shelf,
    pub catalog: &'c Catalog,
    pub lang: Lang,
    pub today: jiff::civil::Date,
    /// The entries the list shows, by their place on the shelf.
    pub view: Vec<usize>,
    /// The chosen one, by its place in the view, and the first on screen.
    pub at: usize,
    pub top: usize,
    pub focus: Focus,
    /// How many lines of the entry are scrolled past.
    pub scroll: usize,
    /// Whether the entry's person's timeline shows instead of the entry.
    pub timeline: bool,
    /// The field being typed into, and its text before, for Esc.
    pub typing: Option<(Field, String)>,
    pub filters: Filters,
    pub ready: Ready,
    pub search: Option<Search>,
    /// The lines read that are no readable entry: counted on the screen,
    /// named once it is left.
    pub damaged: Vec<Damaged>,
    /// The ids of the entries marked, to export.
    pub marked: HashSet<String>,
    /// The question on the bottom line while an export is asked for.
    pub asking: Option<Asking>,
    /// The export asked for, to write.
    pub(super) export: Option<Export>,
    /// The file of an export asked for while marked entries were still
    /// being read again: written once they are.
    pub(super) export_waiting: Option<String>,
    pub help: bool,
    /// Whether letters were typed since the list was made.
    stale: bool,
    /// A line that says what a key could not do, until the next key.
    pub note: Option<String>,
    /// The entries left by following links, to go back to.
    trail: Vec<usize>,
    pub drawn: Drawn,
}

impl<'c> Browse<'c> {
    pub fn new(shelf: Shelf, catalog: &'c Catalog, lang: Lang, today: jiff::civil::Date) -> Browse<'c> {
        let filters = Filters::default();
        let (ready, _) = filters.ready(today);
        let view = (0..shelf.len()).collect();
        Browse {
            search: None,
            damaged: Vec::new(),
            marked: HashSet::new(),
            asking: None,
            export: None,
            export_waiting: None,
            shelf,
            catalog,
            lang,
            today,
            view,
            at: 0,
            top: 0,
            focus: Focus::List,
            scroll: 0,
            timeline: false,
            typing: None,
            filters,
            ready,
            help: false,
            stale: false,
            note: None,
            trail: Vec::new(),
            drawn: Drawn::default(),
        }
    }

    /// The chosen entry, by its place on the shelf.
    pub fn selected(&self) -> Option<usize> {
        self.view.get(self.at).copied()
    }

    pub(super) fn chosen_id(&self) -> Option<String> {
        self.selected().map(|at| self.shelf.row(at).id.to_string())
    }

    /// The look-back on the chosen entry, when its set has one to follow it.
    fn look_back(&mut self) -> Option<Asked> {
        let entry = self.chosen_entry()?;
        let set = self.catalog.find(&entry.set).and_then(|available| available.set.follow_up.clone());
        if set.is_none() {
            self.note = Some(self.lang.browse().no_look_back.to_owned());
        }
        set.map(|set| Asked::LookBack { id: entry.id, set })
    }

    /// The chosen entry as the journal holds it.
    pub fn chosen_entry(&self) -> Option<Entry> {
        self.shelf.entry(self.selected()?).ok()
    }

    /// Takes in what the background threads sent; whether the screen changes.
    pub fn take_in(&mut self, news: News) -> anyhow::Result<bool> {
        match news {
            News::Rows(rows, damaged) => {
                self.damaged.extend(damaged);
                let from = self.shelf.len();
                self.shelf.add(rows);
                let matched =
                    |browse: &Self, at| browse.search.as_ref().is_none_or(|search| search.holds(&browse.shelf, at));
                let passing: Vec<usize> = (from..self.shelf.len())
                    .filter(|&at| self.ready.keeps(&self.shelf, at) && matched(self, at))
                    .collect();
                self.view.extend(passing);
            }
            News::Read(read) => {
                read?;
                self.shelf.complete = true;
            }
            News::Found { search: number, starts, done } => {
                let Some(search) = self.search.as_mut().filter(|search| search.number == Some(number)) else {
                    return Ok(false);
                };
                search.done = done;
                search.matched.extend(&starts);
                // Rows not read yet join the list as they are read.
                let found = starts.iter().filter_map(|&start| self.shelf.at_offset(start));
                let passing: Vec<usize> = found.filter(|&at| self.ready.keeps(&self.shelf, at)).collect();
                self.view.extend(passing);
            }
        }
        Ok(true)
    }

    /// The search to start, when one was typed that is not under way.
    pub fn search_to_start(&self) -> Option<Query> {
        let search = self.search.as_ref().filter(|search| search.number.is_none())?;
        Query::new(&search.text).ok()
    }

    /// The search typed is under way as `number`.
    pub fn search_started(&mut self, number: u64) {
        if let Some(search) = &mut self.search {
            search.number = Some(number);
        }
    }

    /// The journal read again after a change, with a line that says what
    /// happened; the chosen place stays.
    pub fn reload(&mut self, read_again: Shelf, said: &str) {
        self.shelf = read_again;
        self.trail.clear();
        self.search = None;
        self.refilter();
        self.note = Some(said.to_owned());
    }

    /// The list made again for the letters typed, if it is not yet.
    pub fn settle(&mut self) {
        if std::mem::take(&mut self.stale) {
            self.refilter();
        }
    }

    /// What an event does; what it asks beyond the screen, if anything.
    /// A letter typed into a field leaves the list to `settle`, so that
    /// letters that came together make it once.
    pub fn take(&mut self, event: &Event) -> Option<Asked> {
        let typed = matches!(event, Event::Key(key) if self.typing.is_some()
            && matches!(key.code, KeyCode::Char(_) | KeyCode::Backspace));
        if !typed {
            self.settle();
        }
        match event {
            Event::Key(key) if key.kind != KeyEventKind::Release => {
                if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
                    return Some(Asked::Leave(Leave::Stopped));
                }
                self.note = None;
                if std::mem::take(&mut self.help) {
                    return None;
                }
                if self.asking.is_some() {
                    self.export_key(key);
                    return None;
                }
                if self.typing.is_some() {
                    self.type_key(key);
                    return None;
                }
                self.key(key)
            }
            Event::Mouse(mouse) => {
                self.mouse(*mouse);
                None
            }
            _ => None,
        }
    }

    fn key(&mut self, key: &KeyEvent) -> Option<Asked> {
        match key.code {
            KeyCode::Esc if self.timeline => self.timeline = false,
            KeyCode::Char('q') | KeyCode::Esc => return Some(Asked::Leave(Leave::Done)),
            KeyCode::Char('e') => return self.chosen_id().map(Asked::Edit),
            KeyCode::Char('x') | KeyCode::Delete => return self.chosen_id().map(Asked::Delete),
            KeyCode::Char('l') => return self.look_back(),
            KeyCode::Char('?') => self.help = true,
            KeyCode::Enter | KeyCode::Right => self.focus = Focus::Entry,
            KeyCode::Tab | KeyCode::BackTab => {
                self.focus = if self.focus == Focus::List { Focus::Entry } else { Focus::List };
            }
            KeyCode::Left | KeyCode::Backspace => self.focus = Focus::List,
            KeyCode::Char('/') => self.start_typing(Field::Search),
            KeyCode::Char('w') => self.start_typing(Field::Person),
            KeyCode::Char('s') => self.start_typing(Field::Set),
            KeyCode::Char('t') => self.start_typing(Field::Tag),
            KeyCode::Char('d') => self.start_typing(Field::Days),
            KeyCode::Char('c') => self.clear(),
            KeyCode::Char('p') => self.toggle_timeline(),
            KeyCode::Char('f') => self.follow(),
            KeyCode::Char('b') => self.go_back(),
            KeyCode::Char(' ') => self.toggle_mark(),
            KeyCode::Char('u') => self.marked.clear(),
            KeyCode::Char('o') => self.start_export(),
            _ => self.movement(key.code),
        }
        None
    }

    /// Arrows, pages, the first and the last: through the list, or
    /// through the entry when it has the focus.
    fn movement(&mut self, code: KeyCode) {
        let page = isize::try_from(self.page_height().max(1)).unwrap_or(1);
        let by = match code {
            KeyCode::Up | KeyCode::Char('k') => -1,
            KeyCode::Down | KeyCode::Char('j') => 1,
            KeyCode::PageUp => -page,
            KeyCode::PageDown => page,
            KeyCode::Home => isize::MIN / 2,
            KeyCode::End => isize::MAX / 2,
            _ => return,
        };
        self.step(by, self.focus);
    }

    /// Moves `by` in the list, or scrolls the entry, as `pane` says.
    fn step(&mut self, by: isize, pane: Focus) {
        match pane {
            Focus::List => {
                let last = self.view.len().saturating_sub(1);
                let at = self.at.saturating_add_signed(by).min(last);
                if at != self.at {
                    self.at = at;
                    self.scroll = 0;
                }
            }
            // The drawing keeps the scroll within the entry.
            Focus::Entry => self.scroll = self.scroll.saturating_add_signed(by),
        }
    }

    fn page_height(&self) -> usize {
        let pane = if self.focus == Focus::List { self.drawn.list } else { self.drawn.entry };
        usize::from(pane.height).saturating_sub(1)
    }

    /// The wheel moves the list or scrolls the entry, where the pointer
    /// is; a click in the list chooses the entry clicked, and a click in
    /// the entry gives it the focus.
    fn mouse(&mut self, mouse: MouseEvent) {
        let at = Position { x: mouse.column, y: mouse.row };
        let (pane, lines) = if self.drawn.list.contains(at) {
            (Focus::List, 1)
        } else if self.drawn.entry.contains(at) {
            (Focus::Entry, 3)
        } else {
            return;
        };
        match mouse.kind {
            MouseEventKind::ScrollUp => self.step(-lines, pane),
            MouseEventKind::ScrollDown => self.step(lines, pane),
            MouseEventKind::Down(MouseButton::Left) => {
                self.focus = pane;
                if pane == Focus::List {
                    let clicked = self.top + usize::from(mouse.row - self.drawn.list.y);
                    if clicked < self.view.len() && clicked != self.at {
                        self.at = clicked;
                        self.scroll = 0;
                    }
                }
            }
            _ => {}
        }
    }

    fn start_typing(&mut self, field: Field) {
        let before = self.field(field).clone();
        self.typing = Some((field, before));
    }

    /// A key while a field is typed into: the list follows each letter.
    fn type_key(&mut self, key: &KeyEvent) {
        let Some((field, before)) = self.typing.clone() else { return };
        match key.code {
            // The list follows once the letters that came together are in.
            KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                self.field(field).push(c);
                return self.stale = true;
            }
            KeyCode::Backspace => {
                self.field(field).pop();
                return self.stale = true;
            }
            KeyCode::Enter => self.typing = None,
            KeyCode::Esc => {
                *self.field(field) = before;
                self.typing = None;
            }
            KeyCode::Up | KeyCode::Down | KeyCode::PageUp | KeyCode::PageDown => return self.step_list(key.code),
            _ => return,
        }
        self.refilter();
        if self.typing.is_none() && field == Field::Days && self.filters.ready(self.today).1.is_err() {
            self.filters.days.clear();
            self.refilter();
        }
    }

    fn step_list(&mut self, code: KeyCode) {
        let page = isize::try_from(self.page_height().max(1)).unwrap_or(1);
        let by = match code {
            KeyCode::Up => -1,
            KeyCode::Down => 1,
            KeyCode::PageUp => -page,
            _ => page,
        };
        self.step(by, Focus::List);
    }

    fn field(&mut self, field: Field) -> &mut String {
        let filters = &mut self.filters;
        match field {
            Field::Search => &mut filters.search,
            Field::Person => &mut filters.person,
            Field::Set => &mut filters.set,
            Field::Tag => &mut filters.tag,
            Field::Days => &mut filters.days,
        }
    }

    /// The list again after a filter changed, the chosen entry kept where
    /// it is still in it; days that are no day yet are said.
    fn refilter(&mut self) {
        let chosen = self.selected();
        let (ready, days) = self.filters.ready(self.today);
        if let Err(wrong) = days {
            self.note = Some((self.lang.browse().not_a_date)(&wrong));
        }
        self.ready = ready;
        let text = self.filters.search.trim();
        if self.search.as_ref().map(|search| search.text.as_str()) != Some(text).filter(|text| !text.is_empty()) {
            self.search = (!text.is_empty() && Query::new(text).is_ok()).then(|| Search {
                text: text.to_owned(),
                number: None,
                matched: Vec::new(),
                done: false,
            });
        }
        // Under a search only its matches are looked at, the rows not read yet aside.
        let (all, ready) = (&self.shelf, &self.ready);
        self.view = match &self.search {
            Some(search) => search.matched.iter().filter_map(|&start| all.at_offset(start)).collect(),
            None => (0..all.len()).collect(),
        };
        self.view.retain(|&at| ready.keeps(all, at));
        let kept = chosen.and_then(|chosen| self.view.iter().position(|&at| at == chosen));
        if kept.is_none() {
            self.scroll = 0;
        }
        self.at = kept.unwrap_or(0);
    }

    fn clear(&mut self) {
        self.filters = Filters::default();
        self.refilter();
    }

    fn toggle_timeline(&mut self) {
        match self.selected() {
            Some(at) if !self.shelf.person_key(at).is_empty() => {
                self.timeline = !self.timeline;
                self.scroll = 0;
            }
            _ => self.note = Some(self.lang.browse().about_no_one.to_owned()),
        }
    }

    /// To the first entry the chosen one links to.
    fn follow(&mut self) {
        let Some(at) = self.selected() else { return };
        let Some(&to) = self.shelf.linked(at).first() else {
            // What it follows may not be read yet.
            let words = self.lang.browse();
            self.note = Some(if self.shelf.complete { words.no_link } else { words.reading }.to_owned());
            return;
        };
        self.trail.push(at);
        self.choose(to);
    }

    /// Back to the entry a link was followed from.
    fn go_back(&mut self) {
        match self.trail.pop() {
            Some(at) => self.choose(at),
            None => self.note = Some(self.lang.browse().nothing_back.to_owned()),
        }
    }

    /// Chooses the entry at `at` on the shelf: every entry shows again if
    /// the filters left it out.
    fn choose(&mut self, at: usize) {
        if !self.view.contains(&at) {
            self.clear();
            self.note = Some(self.lang.browse().filters_off.to_owned());
        }
        self.at = self.view.iter().position(|&shown| shown == at).unwrap_or(0);
        self.scroll = 0;
        self.timeline = false;
    }
}

impl Search {
    /// Whether the entry at `at` is among the matches found so far.
    fn holds(&self, all: &Shelf, at: usize) -> bool {
        let offset = all.row(at).offset;
        self.matched.binary_search_by(|start| offset.cmp(start)).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::Entry;

    /// An entry of `set` finished on `day`, about `person`, with `tags`.
    fn entry(id: &str, set: &str, day: &str, person: Option<&str>, tags: &[&str]) -> Entry {
        serde_json::from_value(serde_json::json!({
            "format": 2, "id": id, "set": set, "set_version": 1, "lang": "en",
            "started": format!("{day}T09:00:00+01:00"), "finished": format!("{day}T09:00:00+01:00"),
            "title": id, "tags": tags, "follows": null, "person": person, "answers": []
        }))
        .unwrap()
    }

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    /// Types `text` a key at a time, as keys that came together.
    fn typed(browse: &mut Browse, text: &str) {
        for c in text.chars() {
            assert_eq!(browse.take(&key(KeyCode::Char(c))), None);
        }
        browse.settle();
    }

    /// The ids the list shows, newest first.
    fn listed(browse: &mut Browse) -> Vec<String> {
        browse.settle();
        browse.view.iter().map(|&at| browse.shelf.row(at).id.to_string()).collect()
    }

    /// The screen over a journal of `entries` (newest first), read whole.
    fn browsing<'c>(entries: &[Entry], catalog: &'c Catalog, lang: Lang, dir: &std::path::Path) -> Browse<'c> {
        let path = dir.join("journal.jsonl");
        let lines: String = entries.iter().rev().map(|entry| entry.to_line() + "\n").collect();
        std::fs::write(&path, lines).unwrap();
        let journal = crate::journal::Journal::new(path, dir.join("state"));
        let snapshot = std::sync::Arc::new(journal.snapshot().unwrap().unwrap());
        let (send, news) = std::sync::mpsc::channel();
        let read = super::super::reading::read_back(&snapshot, catalog, &false.into(), &send);
        let today = jiff::civil::Date::new(2026, 3, 10).unwrap();
        let mut browse = Browse::new(Shelf::new(snapshot), catalog, lang, today);
        for news in news.try_iter() {
            browse.take_in(news).unwrap();
        }
        browse.take_in(News::Read(read)).unwrap();
        browse
    }

    #[test]
    fn a_set_a_tag_and_days_narrow_the_list_as_they_are_typed() {
        let catalog = Catalog::load(&[]).unwrap();
        let entries = vec![
            entry("march", "after-the-conversation", "2026-03-01", Some("Bram"), &["Home"]),
            entry("february", "five-tips", "2026-02-01", Some("Anna"), &["work", "home"]),
            entry("january", "five-tips", "2026-01-01", None, &["work"]),
        ];
        let dir = tempfile::tempdir().unwrap();
        let mut browse = browsing(&entries, &catalog, Lang::En, dir.path());
        typed(&mut browse, "safter");
        assert_eq!(listed(&mut browse), ["march"]);
        browse.take(&key(KeyCode::Esc));
        assert_eq!(listed(&mut browse).len(), 3, "Esc gives back the set as it was");
        typed(&mut browse, "t#HO");
        assert_eq!(listed(&mut browse), ["march", "february"]);
        browse.take(&key(KeyCode::Enter));
        typed(&mut browse, "d2026-02-01..2026-02");
        assert_eq!(
            browse.note.as_deref(),
            Some("'2026-02' is no day; write 2026-11-01, 7d, 2w, 3m, 1y, today or yesterday, from..to")
        );
        assert_eq!(listed(&mut browse), ["march", "february"], "days that are no day yet leave the list as it was");
        typed(&mut browse, "-28");
        assert_eq!(listed(&mut browse), ["february"]);
        browse.take(&key(KeyCode::Enter));
        typed(&mut browse, "c");
        assert_eq!(listed(&mut browse).len(), 3, "c shows every entry again");
        typed(&mut browse, "d2w");
        browse.take(&key(KeyCode::Enter));
        assert_eq!(listed(&mut browse), ["march"], "a time ago counts from today");
        typed(&mut browse, "dx");
        browse.take(&key(KeyCode::Enter));
        assert_eq!(listed(&mut browse).len(), 3, "days left as no day go");
        assert_eq!(browse.filters.days, "");
    }

    #[test]
    fn the_chosen_entry_stays_chosen_while_it_is_listed_and_q_leaves() {
        let catalog = Catalog::load(&[]).unwrap();
        let entries = vec![
            entry("march", "five-tips", "2026-03-01", Some("Bram"), &[]),
            entry("february", "five-tips", "2026-02-01", Some("Anna"), &[]),
            entry("january", "five-tips", "2026-01-01", Some("Annie"), &[]),
        ];
        let dir = tempfile::tempdir().unwrap();
        let mut browse = browsing(&entries, &catalog, Lang::Nl, dir.path());
        typed(&mut browse, "jj");
        typed(&mut browse, "wann");
        assert_eq!(listed(&mut browse), ["february", "january"]);
        assert_eq!(browse.at, 1);
        typed(&mut browse, "i");
        assert_eq!(listed(&mut browse), ["january"]);
        assert_eq!(browse.at, 0);
        browse.take(&key(KeyCode::Enter));
        typed(&mut browse, "p");
        assert!(browse.timeline);
        typed(&mut browse, "f");
        assert_eq!(browse.note.as_deref(), Some("deze reflectie volgt geen andere en geen andere volgt haar"));
        assert_eq!(browse.take(&key(KeyCode::Esc)), None, "Esc closes the timeline first");
        assert_eq!(browse.take(&key(KeyCode::Char('q'))), Some(Asked::Leave(Leave::Done)));
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(browse.take(&ctrl_c), Some(Asked::Leave(Leave::Stopped)));
    }
}
