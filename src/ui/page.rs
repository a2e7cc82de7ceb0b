//! A page of text as bezin lays it out for a reader: lines made of pieces,
//! each piece in its visible form and with the look it is drawn in. `show`
//! and `about` write a page to standard output; `browse` draws the same
//! page in its pane, so an entry reads alike in both.

use std::io::{self, Write};

use super::{accent, bold, dim, one_line, plain};

/// How a piece of text is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    Plain,
    Bold,
    Dim,
    /// The colour of ids, so the eye finds what to type next.
    Accent,
}

/// A run of text on one line, in its visible form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    pub look: Look,
    pub text: String,
}

/// Lines of pieces.
#[derive(Debug, Default)]
pub struct Page {
    lines: Vec<Vec<Piece>>,
}

impl Piece {
    /// A piece of one line of `text`, newlines and controls made harmless.
    pub fn new(look: Look, text: &str) -> Piece {
        Piece { look, text: one_line(text).into_owned() }
    }
}

impl Page {
    /// Text wrapped already (by `ui::wrap`), each of its lines a line of the page.
    pub fn text(&mut self, look: Look, wrapped: &str) {
        self.lines.extend(wrapped.split('\n').map(|line| vec![Piece::new(look, line)]));
    }

    /// One line of several pieces.
    pub fn line(&mut self, pieces: Vec<Piece>) {
        self.lines.push(pieces);
    }

    pub fn blank(&mut self) {
        self.lines.push(Vec::new());
    }

    pub fn lines(&self) -> &[Vec<Piece>] {
        &self.lines
    }

    /// Writes the page, styled as the terminal's colour setting allows.
    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        for line in &self.lines {
            for piece in line {
                let text = &piece.text;
                let styled = match piece.look {
                    Look::Plain => plain(text),
                    Look::Bold => bold(text),
                    Look::Dim => dim(text),
                    Look::Accent => accent(text),
                };
                write!(out, "{styled}")?;
            }
            writeln!(out)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_text_becomes_lines_and_controls_stay_out() {
        let mut page = Page::default();
        page.text(Look::Bold, "one\ntwo");
        page.blank();
        page.line(vec![Piece::new(Look::Dim, "a\u{1b}[2J"), Piece::new(Look::Plain, " b")]);
        let mut out = Vec::new();
        page.write(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "one\ntwo\n\na^[[2J b\n");
        assert_eq!(page.lines().len(), 4);
    }
}
