//! A line typed at the terminal, edited the way fingers expect: ← and →
//! move a grapheme, Home and End (Ctrl-A, Ctrl-E) go to either end,
//! Backspace and Delete take a grapheme, Ctrl-U, Ctrl-K and Ctrl-W take
//! what is before or after the cursor or the word before it. A line longer
//! than the terminal wraps, and the cursor is put where the terminal draws
//! it, so every part of a prefilled answer can be reached. A change of the
//! terminal's size draws the line again at once, its cursor where it was.

use anyhow::Result;
use console::Key;
use unicode_segmentation::UnicodeSegmentation;

use super::keys::{CtrlC, Event};
use super::{Paused, Terminal};
use crate::ui::{one_line, terminal_width, width, width_of};

/// A line being typed, and where its cursor is (a byte offset between graphemes).
#[derive(Debug, Default, PartialEq)]
struct Typed {
    text: String,
    at: usize,
}

impl Typed {
    /// Where the grapheme before the cursor starts.
    fn before(&self) -> Option<usize> {
        self.text[..self.at].grapheme_indices(true).next_back().map(|(at, _)| at)
    }

    /// Where the grapheme after the cursor ends.
    fn after(&self) -> Option<usize> {
        self.text[self.at..].graphemes(true).next().map(|grapheme| self.at + grapheme.len())
    }

    /// Takes away the text from `from` to `to` and leaves the cursor there.
    fn cut(&mut self, from: usize, to: usize) {
        self.text.replace_range(from..to, "");
        self.at = from;
    }

    /// Where the word before the cursor starts; the spaces between it and
    /// the cursor go with it.
    fn word_before(&self) -> usize {
        let before = self.text[..self.at].trim_end();
        let space = before.char_indices().rev().find(|(_, c)| c.is_whitespace());
        space.map_or(0, |(at, space)| at + space.len_utf8())
    }

    /// Changes the line as `key` asks; whether the key was one for the line.
    fn apply(&mut self, key: &Key) -> bool {
        match key {
            Key::ArrowLeft => self.at = self.before().unwrap_or(self.at),
            Key::ArrowRight => self.at = self.after().unwrap_or(self.at),
            Key::Home => self.at = 0,
            Key::End => self.at = self.text.len(),
            Key::Backspace => match self.before() {
                Some(before) => self.cut(before, self.at),
                None => return false,
            },
            Key::Del => match self.after() {
                Some(after) => self.cut(self.at, after),
                None => return false,
            },
            Key::Char('\u{15}') => self.cut(0, self.at),
            Key::Char('\u{b}') => self.text.truncate(self.at),
            Key::Char('\u{17}') => self.cut(self.word_before(), self.at),
            Key::Char(c) if !c.is_control() => {
                self.text.insert(self.at, *c);
                self.at += c.len_utf8();
            }
            _ => return false,
        }
        true
    }
}

/// A place on the screen, counted from the row where the line starts.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Place {
    row: usize,
    column: usize,
}

/// Where the text of a line lands on a screen `columns` wide (when it says)
/// after `prefix`: the place of each grapheme of `text` (by its byte offset)
/// and the place after the last. A grapheme that does not fit on a row goes
/// to the next, as a terminal draws it; a row filled to its last column
/// ends there, and its place after is beyond the last column.
fn layout(prefix: &str, text: &str, columns: Option<usize>) -> (Vec<(usize, Place)>, Place) {
    let mut pen = Pen { place: Place { row: 0, column: 0 }, columns };
    for grapheme in prefix.graphemes(true) {
        pen.step(width_of(grapheme));
    }
    let mut places = Vec::new();
    for (at, grapheme) in text.grapheme_indices(true) {
        let start = pen.place;
        let mut first = None;
        for part in one_line(grapheme).graphemes(true) {
            first.get_or_insert(pen.step(width_of(part)));
        }
        places.push((at, first.unwrap_or(start)));
    }
    (places, pen.place)
}

/// Where the next grapheme goes, as a terminal moves on.
struct Pen {
    place: Place,
    columns: Option<usize>,
}

impl Pen {
    /// The place of a grapheme `width` columns wide, and the pen after it.
    fn step(&mut self, width: usize) -> Place {
        if self.columns.is_some_and(|columns| self.place.column > 0 && self.place.column + width > columns) {
            self.place = Place { row: self.place.row + 1, column: 0 };
        }
        let at = self.place;
        self.place.column += width;
        at
    }
}

/// The line on the screen: how it was drawn last.
struct Drawn {
    /// The row of the cursor, from the row where the line starts.
    cursor_row: usize,
    /// The place after the last grapheme.
    end: Place,
    /// What was written from the line's start up to the cursor, to count
    /// its rows again should the terminal's width change.
    to_cursor: String,
}

impl Terminal {
    /// A line typed after `prefix`, starting from `initial` with the cursor
    /// at its end; `initial` is shown in its visible form and kept as it is
    /// where it is not changed. Esc or Ctrl-C steps out of the reflection (its
    /// draft is kept), leaving what was typed in `unfinished`.
    pub(super) fn read_line(&self, prefix: &str, initial: &str) -> Result<String> {
        // Ctrl-C comes as a key here, so that what was typed can be kept.
        self.edit_line(prefix, initial, CtrlC::Key)
    }

    /// As `read_line`, with Ctrl-C doing what `ctrl_c` says.
    pub(super) fn edit_line(&self, prefix: &str, initial: &str, ctrl_c: CtrlC) -> Result<String> {
        let mut typed = Typed { text: initial.to_owned(), at: initial.len() };
        let mut drawn = self.draw_line(prefix, &typed, None)?;
        loop {
            let key = match self.keys.next(&self.term, ctrl_c)? {
                Event::Key(key) => key,
                Event::Resized => {
                    // The rows drawn at the old width re-wrap: the cursor's row is counted at the new one.
                    drawn.cursor_row = width::rows_above(&drawn.to_cursor, terminal_width(&self.term));
                    drawn = self.draw_line(prefix, &typed, Some(&drawn))?;
                    continue;
                }
            };
            match key {
                Key::Enter => {
                    if typed.at < typed.text.len() {
                        typed.at = typed.text.len();
                        drawn = self.draw_line(prefix, &typed, Some(&drawn))?;
                    }
                    // A line that filled its last row has moved on to the next already.
                    if drawn.end.column > 0 || drawn.end.row == 0 {
                        self.term.write_line("")?;
                    }
                    return Ok(typed.text);
                }
                Key::Escape | Key::CtrlC => {
                    *self.unfinished.borrow_mut() = Some(typed.text);
                    return Err(Paused.into());
                }
                Key::Char(c) if self.appends(&typed, &drawn, c) => {
                    typed.apply(&key);
                    self.term.write_str(c.encode_utf8(&mut [0; 4]))?;
                    drawn.end.column += 1;
                    drawn.to_cursor.push(c);
                }
                key => {
                    if typed.apply(&key) {
                        drawn = self.draw_line(prefix, &typed, Some(&drawn))?;
                    }
                }
            }
        }
    }

    /// Whether `c` can simply be written after the line: a plain character
    /// typed at the end that leaves the row room to spare.
    fn appends(&self, typed: &Typed, drawn: &Drawn, c: char) -> bool {
        let room = terminal_width(&self.term).is_none_or(|columns| drawn.end.column + 1 < columns);
        typed.at == typed.text.len() && (c.is_ascii_graphic() || c == ' ') && room
    }

    /// Draws `prefix` and the line over what was drawn `before`, and puts
    /// the cursor where it is in the line.
    fn draw_line(&self, prefix: &str, typed: &Typed, before: Option<&Drawn>) -> Result<Drawn> {
        if let Some(before) = before {
            self.term.move_cursor_up(before.cursor_row)?;
        }
        self.term.clear_to_end_of_screen()?;
        let mut written = format!("{prefix}{}", one_line(&typed.text));
        self.term.write_str(&written)?;
        let columns = terminal_width(&self.term);
        let (places, mut end) = layout(&console::strip_ansi_codes(prefix), &typed.text, columns);
        // The terminal waits at the last column of a full row; the line goes on at the start of the next.
        if columns.is_some_and(|columns| end.column >= columns) {
            self.term.write_str("\r\n")?;
            written.push('\n');
            end = Place { row: end.row + 1, column: 0 };
        }
        let cursor = places.iter().find(|(at, _)| *at == typed.at).map_or(end, |(_, place)| *place);
        self.term.move_cursor_up(end.row - cursor.row)?;
        self.term.write_str("\r")?;
        self.term.move_cursor_right(cursor.column)?;
        let to_cursor = if typed.at < typed.text.len() {
            format!("{prefix}{}", one_line(&typed.text[..typed.at]))
        } else {
            written
        };
        Ok(Drawn { cursor_row: cursor.row, end, to_cursor })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str, at: usize) -> Typed {
        Typed { text: text.to_owned(), at }
    }

    #[test]
    fn keys_move_between_graphemes_and_take_what_they_say() {
        let mut line = typed("e\u{301}n 🇳🇱 twee", 0);
        line.apply(&Key::ArrowRight);
        assert_eq!(line.at, "e\u{301}".len());
        line.apply(&Key::Del);
        assert_eq!(line.text, "e\u{301} 🇳🇱 twee");
        line.apply(&Key::End);
        line.apply(&Key::Char('\u{17}'));
        assert_eq!(line, typed("e\u{301} 🇳🇱 ", "e\u{301} 🇳🇱 ".len()));
        line.apply(&Key::ArrowLeft);
        line.apply(&Key::ArrowLeft);
        line.apply(&Key::Backspace);
        assert_eq!(line.text, "e\u{301}🇳🇱 ");
        line.apply(&Key::Char('x'));
        line.apply(&Key::Char('\u{b}'));
        assert_eq!(line, typed("e\u{301}x", "e\u{301}x".len()));
        line.apply(&Key::Home);
        assert!(!line.apply(&Key::Backspace));
        line.apply(&Key::End);
        line.apply(&Key::Char('\u{15}'));
        assert_eq!(line, typed("", 0));
        let mut line = typed("één\u{a0}twee  ", "één\u{a0}twee  ".len());
        line.apply(&Key::Char('\u{17}'));
        assert_eq!(line, typed("één\u{a0}", "één\u{a0}".len()));
    }

    #[test]
    fn a_long_line_wraps_as_the_terminal_draws_it() {
        let place = |row, column| Place { row, column };
        let (places, end) = layout("› ", "abcd", Some(4));
        assert_eq!(places, [(0, place(0, 2)), (1, place(0, 3)), (2, place(1, 0)), (3, place(1, 1))]);
        assert_eq!(end, place(1, 2));
        // A wide grapheme that does not fit at the end of a row goes to the next.
        let (places, end) = layout("", "ab日", Some(3));
        assert_eq!(places[2], (2, place(1, 0)));
        assert_eq!(end, place(1, 2));
        // A row filled to its last column ends beyond it.
        assert_eq!(layout("› ", "ab", Some(4)).1, place(0, 4));
        // A control character takes its visible form's room.
        assert_eq!(layout("", "\u{1b}x", None).0[1], (1, place(0, 2)));
        assert_eq!(layout("› ", "", Some(80)).1, place(0, 2));
    }
}
