//! Entries marked on the screen and exported from it as `bezin export -o`
//! writes them: the marked ones, or the chosen one when none is, to a
//! file asked for on the bottom line (`.json` writes JSON, anything else
//! Markdown). A file that is there already is replaced only after asking.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::state::Browse;
use crate::cli::Format;

/// The question on the bottom line while an export is asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Asking {
    /// The file to write, as typed so far.
    Path(String),
    /// The file typed is there already: whether to replace it.
    Replace(String),
}

/// An export to write: where, as what, and where the entries' lines
/// start, in the journal's order.
pub struct Export {
    pub path: PathBuf,
    pub format: Format,
    pub offsets: Vec<u64>,
}

impl Browse<'_> {
    /// Marks the chosen entry, or unmarks it.
    pub(super) fn toggle_mark(&mut self) {
        let Some(id) = self.chosen_id() else { return };
        if !self.marked.remove(&id) {
            self.marked.insert(id);
        }
    }

    /// Asks for the file to export to: a file named for today, in the
    /// folder bezin was started in, to change or keep.
    pub(super) fn start_export(&mut self) {
        if self.marked.is_empty() && self.selected().is_none() {
            self.note = Some(self.lang.browse().none_match.to_owned());
            return;
        }
        self.asking = Some(Asking::Path(format!("bezin-{}.md", self.today)));
    }

    /// A key while the export is asked for: the path typed, or the answer
    /// to whether to replace the file. Esc leaves the path unwritten; no
    /// to replacing goes back to the path.
    pub(super) fn export_key(&mut self, key: &KeyEvent) {
        let plain = !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        self.asking = match (self.asking.take(), key.code) {
            (Some(Asking::Path(_)), KeyCode::Char('u')) if key.modifiers.contains(KeyModifiers::CONTROL) => {
                Some(Asking::Path(String::new()))
            }
            (Some(Asking::Path(mut path)), KeyCode::Char(c)) if plain => {
                path.push(c);
                Some(Asking::Path(path))
            }
            (Some(Asking::Path(mut path)), KeyCode::Backspace) => {
                path.pop();
                Some(Asking::Path(path))
            }
            (Some(Asking::Path(path)), KeyCode::Enter) => self.path_given(path),
            (Some(Asking::Replace(path)), KeyCode::Char(c)) if plain && self.is_yes(c) => {
                self.export_to(&path);
                None
            }
            (Some(Asking::Replace(path)), KeyCode::Char(c)) if plain && self.is_no(c) => Some(Asking::Path(path)),
            (Some(Asking::Replace(path)), KeyCode::Esc) => Some(Asking::Path(path)),
            (_, KeyCode::Esc) => None,
            (asking, _) => asking,
        };
    }

    /// The path typed: written, or first asked about when a file is there.
    fn path_given(&mut self, path: String) -> Option<Asking> {
        if path.trim().is_empty() {
            self.note = Some(self.lang.browse().no_path.to_owned());
            return Some(Asking::Path(path));
        }
        if std::fs::symlink_metadata(typed_path(&path)).is_ok_and(|there| !there.is_dir()) {
            return Some(Asking::Replace(path));
        }
        self.export_to(&path);
        None
    }

    /// The key that says yes: y, or the first letter of yes in the screen's language.
    fn is_yes(&self, c: char) -> bool {
        c.eq_ignore_ascii_case(&'y') || self.lang.words().yes.starts_with(c.to_ascii_lowercase())
    }

    fn is_no(&self, c: char) -> bool {
        self.lang.words().no.starts_with(c.to_ascii_lowercase())
    }

    /// The marked entries, or the chosen one, to be written to `path`;
    /// while marked entries are still to be read again, it says so, and
    /// the export waits for them.
    fn export_to(&mut self, path: &str) {
        let mut offsets: Vec<u64> = if self.marked.is_empty() {
            self.selected().map(|at| self.shelf.row(at).offset).into_iter().collect()
        } else {
            let all = &self.shelf;
            (0..all.len())
                .map(|at| all.row(at))
                .filter(|row| self.marked.contains(&*row.id))
                .map(|row| row.offset)
                .collect()
        };
        if offsets.len() < self.marked.len() && !self.shelf.complete {
            self.note = Some(self.lang.browse().reading.to_owned());
            self.export_waiting = Some(path.to_owned());
            return;
        }
        offsets.sort_unstable();
        let path = typed_path(path);
        let json = path.extension().is_some_and(|extension| extension.eq_ignore_ascii_case("json"));
        let format = if json { Format::Json } else { Format::Markdown };
        self.export = Some(Export { path, format, offsets });
    }

    /// The export asked for, to write now: one that waited once every
    /// entry is read.
    pub fn export_to_write(&mut self) -> Option<Export> {
        if self.shelf.complete
            && let Some(path) = self.export_waiting.take()
        {
            self.export_to(&path);
        }
        self.export.take()
    }

    /// Says how many entries were written to `path`, or what went wrong.
    pub fn exported(&mut self, path: &Path, written: anyhow::Result<usize>) {
        self.note = Some(match written {
            Ok(count) => (self.lang.outcomes().wrote_entries)(count, &path.display().to_string()),
            Err(err) => format!("{err:#}"),
        });
    }
}

/// The file a typed path names: `~/` is the home folder, as in the
/// settings; a relative path starts in the folder bezin was started in.
fn typed_path(typed: &str) -> PathBuf {
    crate::paths::expand(Path::new(typed), Path::new(""))
}
