//! What the person does on the screen, read from the terminal: keys,
//! clicks and the wheel. Only clicks and the wheel are asked of the
//! terminal (not every move of the pointer). A sequence the terminal sends
//! may arrive split across reads, so that its first byte, ESC, reads as
//! the Esc key and the rest as letters typed: an Esc alone in its read is
//! taken as the key only when nothing follows it at once; a sequence that
//! follows is read whole.

use std::fmt;
use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};

/// How long the rest of a sequence may take after its ESC: a terminal sends
/// a sequence in one write, so only a slow link splits it, by far less.
const REST_OF_A_SEQUENCE: Duration = Duration::from_millis(150);

/// The longest sequence read whole; a longer one is dropped where it ends.
const LONGEST_SEQUENCE: usize = 32;

/// Clicks and the wheel reported (mode 1000) in SGR's form (mode 1006), or
/// not: no report of the pointer's moves.
pub enum MouseReport {
    On,
    Off,
}

impl crossterm::Command for MouseReport {
    fn write_ansi(&self, out: &mut impl fmt::Write) -> fmt::Result {
        match self {
            MouseReport::On => out.write_str("\x1b[?1000h\x1b[?1006h"),
            MouseReport::Off => out.write_str("\x1b[?1006l\x1b[?1000l"),
        }
    }
}

/// The terminal's input, with an event read ahead to tell Esc from a sequence.
#[derive(Default)]
pub struct Input {
    ahead: Option<Event>,
}

impl Input {
    /// The next event, or `None` when `wait` passed without one (or a split
    /// sequence that means nothing here arrived).
    pub fn next(&mut self, wait: Duration) -> io::Result<Option<Event>> {
        if let Some(event) = self.ahead.take() {
            return Ok(Some(event));
        }
        if !event::poll(wait)? {
            return Ok(None);
        }
        let first = event::read()?;
        if first != Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)) {
            return Ok(Some(first));
        }
        match self.letter_at_once()? {
            Some(introducer @ ('[' | 'O')) => self.rest_of_sequence(introducer),
            Some(_) | None => Ok(Some(first)),
        }
    }

    /// A letter typed right after, or `None` (any other event is kept for next).
    fn letter_at_once(&mut self) -> io::Result<Option<char>> {
        if !event::poll(REST_OF_A_SEQUENCE)? {
            return Ok(None);
        }
        let event = event::read()?;
        match event {
            Event::Key(KeyEvent { code: KeyCode::Char(c), modifiers, .. })
                if !modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                // Typed after a real Esc, it is a key of its own.
                self.ahead = Some(event);
                Ok(Some(c))
            }
            other => {
                self.ahead = Some(other);
                Ok(None)
            }
        }
    }

    /// The sequence after `introducer`, up to its final byte, as the event it
    /// stands for; `None` for one that means nothing on the screen.
    fn rest_of_sequence(&mut self, introducer: char) -> io::Result<Option<Event>> {
        self.ahead = None;
        let mut text = String::new();
        while text.len() < LONGEST_SEQUENCE {
            let Some(c) = self.letter_at_once()? else { break };
            self.ahead = None;
            text.push(c);
            // After SS3 one letter ends it; after CSI, the first of @ to ~.
            if introducer == 'O' || ('@'..='~').contains(&c) {
                break;
            }
        }
        Ok(sequence(introducer, &text))
    }
}

/// The event a sequence stands for, of those the screen acts on: the wheel,
/// a click, arrows and pages. `introducer` is `[` (CSI) or `O` (SS3).
fn sequence(introducer: char, text: &str) -> Option<Event> {
    let key = |code| Some(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    match (introducer, text) {
        ('[', report) if report.starts_with('<') => mouse(&report[1..]),
        (_, "A") => key(KeyCode::Up),
        (_, "B") => key(KeyCode::Down),
        (_, "C") => key(KeyCode::Right),
        (_, "D") => key(KeyCode::Left),
        (_, "H") => key(KeyCode::Home),
        (_, "F") => key(KeyCode::End),
        ('[', "5~") => key(KeyCode::PageUp),
        ('[', "6~") => key(KeyCode::PageDown),
        _ => None,
    }
}

/// The wheel turned, or the left button pressed or let go, from an SGR
/// mouse report `button;column;row` and `M` (pressed) or `m` (let go).
fn mouse(report: &str) -> Option<Event> {
    let (report, pressed) = match report.strip_suffix('M') {
        Some(report) => (report, true),
        None => (report.strip_suffix('m')?, false),
    };
    let mut numbers = report.split(';').map(|n| n.parse::<u16>().ok());
    let (button, column, row) = (numbers.next()??, numbers.next()??, numbers.next()??);
    // The low bits say the button, 64 the wheel; 4, 8 and 16 are Shift, Alt and Ctrl.
    let kind = match (button & !0b1_1100, pressed) {
        (0, true) => MouseEventKind::Down(MouseButton::Left),
        (0, false) => MouseEventKind::Up(MouseButton::Left),
        (64, true) => MouseEventKind::ScrollUp,
        (65, true) => MouseEventKind::ScrollDown,
        _ => return None,
    };
    Some(Event::Mouse(MouseEvent {
        kind,
        column: column.saturating_sub(1),
        row: row.saturating_sub(1),
        modifiers: KeyModifiers::NONE,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sequence_read_whole_is_the_wheel_an_arrow_or_nothing() {
        let down = Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 4,
            row: 2,
            modifiers: KeyModifiers::NONE,
        });
        assert_eq!(sequence('[', "<65;5;3M"), Some(down));
        let click = |kind| Some(Event::Mouse(MouseEvent { kind, column: 9, row: 0, modifiers: KeyModifiers::NONE }));
        assert_eq!(sequence('[', "<0;10;1M"), click(MouseEventKind::Down(MouseButton::Left)));
        assert_eq!(sequence('[', "<0;10;1m"), click(MouseEventKind::Up(MouseButton::Left)));
        assert_eq!(sequence('[', "<2;10;1M"), None, "only the left button chooses");
        assert_eq!(sequence('[', "<65;5;3m"), None);
        assert_eq!(sequence('[', "<65;x;3M"), None);
        assert_eq!(sequence('[', "<65;99999;3M"), None);
        assert_eq!(sequence('O', "B"), Some(Event::Key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE))));
        assert_eq!(sequence('[', "6~"), Some(Event::Key(KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE))));
        assert_eq!(sequence('[', "2J"), None);
    }

    #[test]
    fn only_clicks_and_the_wheel_are_asked_for() {
        let mut on = String::new();
        crossterm::Command::write_ansi(&MouseReport::On, &mut on).unwrap();
        assert_eq!(on, "\x1b[?1000h\x1b[?1006h");
    }
}
