//! `bezin browse`'s screen: the journal's entries in a list beside the
//! chosen one as `show` gives it, moved through with keys and the mouse,
//! searched and filtered as the person types. The entries are read before
//! the screen opens (an encrypted journal asks for its passphrase on the
//! plain terminal); the screen reads nothing more.

mod draw;
mod filters;
mod shelf;
mod state;

use std::time::Duration;

use anyhow::Result;

pub use shelf::Shelf;
pub use state::{Asked, Leave};

use crate::catalog::Catalog;
use crate::journal::Entry;
use crate::lang::Lang;
use crate::ui::Screen;

/// How long the screen waits for a key before it looks whether a stop
/// was asked from outside.
const IDLE: Duration = Duration::from_millis(250);

/// Shows `shelf` until the person leaves; how they left. An entry is
/// changed or deleted by `act`, on the terminal given back meanwhile,
/// which returns the entry as the journal then holds it, or none.
pub fn run(
    shelf: Shelf,
    catalog: &Catalog,
    lang: Lang,
    colors: bool,
    act: &mut dyn FnMut(&Asked) -> Result<Option<Entry>>,
) -> Result<Leave> {
    let mut browse = state::Browse::new(shelf, catalog, lang, crate::clock::now().date());
    let mut drawing = draw::Drawing::default();
    let mut screen = Screen::open()?;
    loop {
        screen.draw(|frame| draw::draw(frame, &mut browse, &mut drawing, colors))?;
        let event = loop {
            if let Some(event) = screen.next_event(IDLE)? {
                break event;
            }
        };
        match browse.take(&event) {
            None => {}
            Some(Asked::Leave(leave)) => return Ok(leave),
            Some(asked) => {
                drop(screen);
                let now = act(&asked)?;
                if let Asked::Edit(id) | Asked::Delete(id) = &asked {
                    browse.changed(id, now);
                }
                drawing = draw::Drawing::default();
                screen = Screen::open()?;
            }
        }
    }
}
