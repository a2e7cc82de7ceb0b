//! A list to choose from, drawn on the terminal: the current item marked
//! with `❯` and a multi-select's ticked ones with `[x]`, so both show
//! without colour; items longer than the terminal wrap at word boundaries
//! under their own start; a list taller than the terminal scrolls. ↑ and ↓
//! (or k and j) move, Enter chooses, Esc steps out; in a multi-select Space
//! ticks, and an entry after the options (the way back) is chosen with Enter;
//! on a scale a typed number goes to its point. A change of the terminal's
//! size draws the list again at once, at the new width.

use std::ops::Range;

use anyhow::{Result, bail};
use console::{Key, style};

use super::keys::{CtrlC, Event};
use super::{Paused, Terminal};
use crate::ui::{terminal_width, width, width_of};

/// An item of a list in its visible form: its text, and a detail shown
/// dim after it (or on rows of its own when the two do not fit on one).
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub text: String,
    pub detail: Option<String>,
}

impl From<String> for Item {
    fn from(text: String) -> Item {
        Item { text, detail: None }
    }
}

impl Item {
    /// The item on one line, for a list of typed numbers.
    pub(super) fn joined(&self) -> String {
        match &self.detail {
            Some(detail) => format!("{}  {detail}", self.text),
            None => self.text.clone(),
        }
    }
}

/// A list and the way it is answered.
pub(super) struct Menu<'m> {
    pub prompt: Option<&'m str>,
    pub items: &'m [Item],
    pub start: usize,
    /// In a multi-select, whether each option is ticked; the options come
    /// first, and the items after them are entries without a box.
    pub ticks: Option<Vec<bool>>,
    /// On a scale, the number of its first and last point: the items in order.
    pub numbers: Option<(i64, i64)>,
    /// How many of the items are options; those after them (no answer,
    /// the way back) are not counted where the list says where it is.
    pub options: usize,
}

impl<'m> Menu<'m> {
    /// A list to pick one item of, starting at `start`.
    pub(super) fn of(prompt: Option<&'m str>, items: &'m [Item], start: usize) -> Menu<'m> {
        Menu { prompt, items, start, ticks: None, numbers: None, options: items.len() }
    }
}

/// What the person chose: the item Enter was pressed on, and in a
/// multi-select the options ticked.
pub(super) struct Chosen {
    pub at: usize,
    pub ticked: Vec<usize>,
}

/// Where a list is while it is answered.
struct State {
    at: usize,
    /// The first item on screen, when the list scrolls.
    top: usize,
    /// A number being typed on a scale.
    typed: String,
    /// What was drawn last, a line after another.
    drawn: String,
}

impl Terminal {
    /// Draws `menu` and lets the person choose; the list goes from the
    /// screen afterwards, and its prompt stays with the choice after it.
    pub(super) fn menu(&self, mut menu: Menu) -> Result<Chosen> {
        let Some(last) = menu.items.len().checked_sub(1) else {
            bail!(crate::lang::interface().commands().nothing_to_choose)
        };
        let mut state = State { at: menu.start.min(last), top: 0, typed: String::new(), drawn: String::new() };
        self.term.hide_cursor()?;
        let ended: Result<()> = loop {
            if let Err(err) = self.draw_menu(&menu, &mut state) {
                break Err(err);
            }
            match self.keys.next(&self.term, CtrlC::Stops) {
                Ok(Event::Key(Key::Enter)) => break Ok(()),
                Ok(Event::Key(Key::Char(' '))) if menu.ticks.is_none() => break Ok(()),
                Ok(Event::Key(Key::Escape)) => break Err(Paused.into()),
                Ok(Event::Key(key)) => state.take(&key, &mut menu),
                Ok(Event::Resized) => {}
                Err(err) => break Err(err.into()),
            }
        };
        self.term.move_cursor_up(width::rows_above(&state.drawn, terminal_width(&self.term)))?;
        self.term.clear_to_end_of_screen()?;
        self.term.show_cursor()?;
        ended?;
        if let (Some(prompt), Some(item)) = (menu.prompt, menu.items.get(state.at)) {
            let said = self.wrap(&format!("✔ {prompt} · {}", item.text), "");
            self.term.write_line(&said)?;
        }
        let ticks = menu.ticks.unwrap_or_default();
        Ok(Chosen { at: state.at, ticked: (0..ticks.len()).filter(|&n| ticks[n]).collect() })
    }

    /// Draws the list over what was drawn before: the prompt, the items
    /// that fit around the current one, and where it is when not all fit.
    fn draw_menu(&self, menu: &Menu, state: &mut State) -> Result<()> {
        let columns = terminal_width(&self.term);
        let room = self.term.size_checked().map(|(rows, _)| usize::from(rows).saturating_sub(1));
        let items: Vec<Vec<String>> =
            menu.items.iter().enumerate().map(|(n, item)| rows_of(menu, n, item, n == state.at, columns)).collect();
        let heights: Vec<usize> = items.iter().map(Vec::len).collect();
        let prompt = menu.prompt.map(|prompt| self.wrap(prompt, "")).unwrap_or_default();
        let mut lines: Vec<String> = prompt.lines().map(|line| style(line).bold().for_stderr().to_string()).collect();
        let scrolls = room.filter(|room| lines.len() + heights.iter().sum::<usize>() > *room);
        // A list that scrolls keeps a row to say where it is, and its prompt only where there is room.
        let (shown, room) = match scrolls {
            Some(room) => {
                if room < lines.len() + 3 {
                    lines.clear();
                }
                let room = room.saturating_sub(lines.len() + 1).max(1);
                (window(&heights, state.at, &mut state.top, room), Some(room))
            }
            None => (0..items.len(), None),
        };
        let mut rows: Vec<String> = items[shown].iter().flatten().cloned().collect();
        if let Some(room) = room {
            rows.truncate(room);
            let at =
                if state.at < menu.options { format!(" {}/{}", state.at + 1, menu.options) } else { String::new() };
            rows.push(style(format!("  ↑↓{at}")).dim().for_stderr().to_string());
        }
        lines.extend(rows);
        // Drawn at another width, the rows re-wrap: they are counted at this one.
        self.term.move_cursor_up(width::rows_above(&state.drawn, columns))?;
        self.term.clear_to_end_of_screen()?;
        state.drawn.clear();
        for line in &lines {
            self.term.write_line(line)?;
            state.drawn.push_str(line);
            state.drawn.push('\n');
        }
        Ok(())
    }
}

impl State {
    /// Moves, ticks or takes a typed number as `key` asks.
    fn take(&mut self, key: &Key, menu: &mut Menu) {
        let count = menu.items.len();
        if !matches!(key, Key::Char('0'..='9' | '-')) {
            self.typed.clear();
        }
        match key {
            Key::ArrowUp | Key::BackTab | Key::Char('k') => self.at = (self.at + count - 1) % count,
            Key::ArrowDown | Key::Tab | Key::Char('j') => self.at = (self.at + 1) % count,
            Key::Home | Key::PageUp => self.at = 0,
            Key::End | Key::PageDown => self.at = count - 1,
            Key::Char(' ') => {
                if let Some(tick) = menu.ticks.as_mut().and_then(|ticks| ticks.get_mut(self.at)) {
                    *tick = !*tick;
                }
            }
            Key::Char(c) => {
                if let Some((first, last)) = menu.numbers
                    && let Some(n) = typed_point(&mut self.typed, *c, (first, last))
                {
                    self.at = usize::try_from(n - first).unwrap_or(self.at);
                }
            }
            _ => {}
        }
    }
}

/// The point of a scale from `first` to `last` that the number typed so
/// far, and `c` after it, goes to: `1` then `0` is 10, a digit that makes
/// no point with what came before starts anew, and `0` on a scale without
/// a 0 is 10.
fn typed_point(typed: &mut String, c: char, (first, last): (i64, i64)) -> Option<i64> {
    let point = |text: &str| text.parse::<i64>().ok().filter(|n| (first..=last).contains(n));
    if c == '-' {
        typed.clear();
        typed.push('-');
        return None;
    }
    typed.push(c);
    if point(typed).is_none() {
        *typed = c.to_string();
    }
    point(typed).or_else(|| (typed == "0" && (first..=last).contains(&10)).then_some(10))
}

/// The items to draw, from `top`, that fit in `room` rows with the current
/// one among them: the list scrolls as far as it must to show it.
fn window(heights: &[usize], at: usize, top: &mut usize, room: usize) -> Range<usize> {
    *top = (*top).min(at);
    while *top < at && heights[*top..=at].iter().sum::<usize>() > room {
        *top += 1;
    }
    let (mut end, mut used) = (*top, 0);
    while end < heights.len() && (end <= at || used + heights[end] <= room) {
        used += heights[end];
        end += 1;
    }
    *top..end
}

/// An item's rows: the mark of the current item, a multi-select option's
/// box, and its text wrapped under its own start, its detail dim after it.
fn rows_of(menu: &Menu, n: usize, item: &Item, current: bool, columns: Option<usize>) -> Vec<String> {
    let pointer = if current { style("❯").green() } else { style(" ") };
    let tick = match menu.ticks.as_ref().and_then(|ticks| ticks.get(n)) {
        Some(true) => format!("{} ", style("[x]").green().for_stderr()),
        Some(false) => "[ ] ".to_owned(),
        None => String::new(),
    };
    let lead = format!("{} {tick}", pointer.for_stderr());
    let indent = " ".repeat(width_of(&console::strip_ansi_codes(&lead)));
    let room = columns.map(|columns| columns.saturating_sub(indent.len()));
    let text = if current { style(item.text.as_str()).cyan() } else { style(item.text.as_str()) };
    let wrapped = |text: &str| room.map_or_else(|| vec![text.to_owned()], |room| width::wrap_line(text, room));
    let mut rows: Vec<String> = wrapped(&item.text)
        .into_iter()
        .map(|row| if current { style(row).cyan().for_stderr().to_string() } else { row })
        .collect();
    if let Some(detail) = &item.detail {
        let together = width_of(&item.text) + 2 + width_of(detail);
        if rows.len() == 1 && room.is_none_or(|room| together <= room) {
            rows[0] = format!("{}  {}", text.for_stderr(), style(detail).dim().for_stderr());
        } else {
            rows.extend(wrapped(detail).into_iter().map(|row| style(row).dim().for_stderr().to_string()));
        }
    }
    rows.iter().enumerate().map(|(n, row)| format!("{}{row}", if n == 0 { &lead } else { &indent })).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_digits_go_to_their_point() {
        let mut typed = String::new();
        let mut point = |c| typed_point(&mut typed, c, (1, 10));
        assert_eq!(point('7'), Some(7));
        assert_eq!(point('1'), Some(1));
        assert_eq!(point('0'), Some(10));
        assert_eq!(point('3'), Some(3));
        assert_eq!(point('0'), Some(10), "0 alone is 10 on a scale without a 0");
        let mut typed = String::new();
        assert_eq!(typed_point(&mut typed, '0', (0, 10)), Some(0));
        assert_eq!(typed_point(&mut typed, '-', (-5, 5)), None);
        assert_eq!(typed_point(&mut typed, '3', (-5, 5)), Some(-3));
        let mut typed = String::new();
        assert_eq!(typed_point(&mut typed, '4', (1, 100)), Some(4));
        assert_eq!(typed_point(&mut typed, '2', (1, 100)), Some(42));
    }

    #[test]
    fn the_window_scrolls_as_far_as_the_current_item() {
        let heights = [1, 2, 1, 1, 3, 1];
        let mut top = 0;
        assert_eq!(window(&heights, 0, &mut top, 4), 0..3);
        assert_eq!(window(&heights, 3, &mut top, 4), 1..4);
        assert_eq!(window(&heights, 4, &mut top, 4), 3..5);
        assert_eq!(window(&heights, 0, &mut top, 4), 0..3);
        // An item taller than the room is shown alone.
        assert_eq!(window(&heights, 4, &mut top, 2), 4..5);
    }
}
