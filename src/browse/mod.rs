//! `bezin browse`'s screen: the journal's entries in a list beside the
//! chosen one as `show` gives it, moved through with keys and the mouse,
//! searched and filtered as the person types. The journal is opened before
//! the screen (an encrypted journal asks for its passphrase on the plain
//! terminal), then read from the end in the background while the list
//! grows; a search runs in the background too, and the screen never waits
//! on either.

mod draw;
mod export;
mod filters;
mod reading;
mod shelf;
mod state;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Result;

pub use export::Export;
pub use state::{Asked, Leave};

use crate::catalog::Catalog;
use crate::journal::{Damaged, Entry, Snapshot};
use crate::lang::Lang;
use crate::ui::Screen;
use reading::Reading;
use shelf::Shelf;
use state::Browse;

/// How long the screen waits for a key before it looks whether a stop
/// was asked from outside.
const IDLE: Duration = Duration::from_millis(250);
/// How long it waits while the journal is read or searched, before it
/// takes in what arrived.
const BUSY: Duration = Duration::from_millis(3);

/// What the screen works with besides the journal: the sets, the language
/// and colours, and the command's ways to open the journal again, to
/// change an entry and to export entries.
pub struct Around<'a> {
    pub catalog: &'a Catalog,
    pub lang: Lang,
    pub colors: bool,
    /// The journal opened again after a change.
    pub reopen: &'a mut dyn FnMut() -> Result<Option<Snapshot>>,
    /// Changes or deletes an entry, on the terminal given back meanwhile;
    /// the entry as the journal then holds it, or none. For a look-back,
    /// the look-back saved, or none.
    pub act: &'a mut dyn FnMut(&Asked) -> Result<Option<Entry>>,
    /// Writes the entries of the journal read as `bezin export -o` does;
    /// how many.
    pub export: &'a mut dyn FnMut(&Snapshot, &Export) -> Result<usize>,
}

/// Shows the journal `snapshot` until the person leaves; how they left,
/// and the lines read that are no readable entry.
pub fn run(snapshot: Snapshot, around: &mut Around) -> Result<(Leave, Vec<Damaged>)> {
    let catalog = around.catalog;
    std::thread::scope(|scope| {
        let mut reading = Reading::new(scope, catalog);
        let snapshot = Arc::new(snapshot);
        reading.read(Arc::clone(&snapshot));
        let today = crate::clock::now().date();
        let mut browse = Browse::new(Shelf::new(snapshot), catalog, around.lang, today);
        // The first rows before the screen opens: none at all means no entry.
        while browse.shelf.len() == 0 && !browse.shelf.complete {
            let Some(news) = reading.wait() else { break };
            browse.take_in(news)?;
        }
        if browse.shelf.len() == 0 {
            return Ok((Leave::Nothing, std::mem::take(&mut browse.damaged)));
        }
        let leave = show(&mut browse, &mut reading, around)?;
        reading.stop();
        Ok((leave, std::mem::take(&mut browse.damaged)))
    })
}

/// The screen, open until the person leaves.
fn show(browse: &mut Browse, reading: &mut Reading, around: &mut Around) -> Result<Leave> {
    let mut drawing = draw::Drawing::default();
    let mut screen = Screen::open()?;
    let mut changed = true;
    loop {
        for news in reading.arrived() {
            changed |= browse.take_in(news)?;
        }
        browse.settle();
        if let Some(query) = browse.search_to_start() {
            let number = reading.search(Arc::clone(browse.shelf.snapshot()), query);
            browse.search_started(number);
        }
        if let Some(export) = browse.export_to_write() {
            let written = (around.export)(browse.shelf.snapshot(), &export);
            browse.exported(&export.path, written);
        }
        if std::mem::take(&mut changed) {
            screen.draw(|frame| draw::draw(frame, browse, &mut drawing, around.colors))?;
        }
        let wait = if reading.busy() { BUSY } else { IDLE };
        let Some(event) = screen.next_event(wait)? else { continue };
        changed = true;
        // Keys that came together (typed fast, or pasted) are all taken
        // before the next search starts and the next frame is drawn.
        let mut asked = browse.take(&event);
        while asked.is_none()
            && let Some(event) = screen.next_event(Duration::ZERO)?
        {
            asked = browse.take(&event);
        }
        if browse.search.is_none() {
            reading.no_search();
        }
        match asked {
            None => {}
            Some(Asked::Leave(leave)) => return Ok(leave),
            Some(asked) => {
                drop(screen);
                if !change(browse, reading, around, &asked)? {
                    return Ok(Leave::Done);
                }
                drawing = draw::Drawing::default();
                screen = Screen::open()?;
            }
        }
    }
}

/// Changes, deletes or looks back on the chosen entry on the terminal
/// given back (the journal let go first), then reads the journal again;
/// whether there is one still.
fn change(browse: &mut Browse, reading: &mut Reading, around: &mut Around, asked: &Asked) -> Result<bool> {
    let before = browse.chosen_entry();
    reading.stop();
    let now = (around.act)(asked)?;
    let words = around.lang.browse();
    let said = match (asked, &now) {
        (Asked::LookBack { .. }, Some(_)) => words.looked_back,
        (Asked::LookBack { .. }, None) => words.unchanged,
        (_, None) => words.deleted,
        (_, Some(entry)) if Some(entry) == before.as_ref() => words.unchanged,
        (_, Some(_)) => words.changed,
    };
    if let (Asked::Delete(id), None) = (asked, &now) {
        browse.marked.remove(id);
    }
    let Some(snapshot) = (around.reopen)()? else { return Ok(false) };
    let snapshot = Arc::new(snapshot);
    reading.read(Arc::clone(&snapshot));
    browse.reload(Shelf::new(snapshot), said);
    Ok(true)
}
