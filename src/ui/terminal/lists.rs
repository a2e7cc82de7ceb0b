//! Lists to choose from: drawn (menu.rs) where the terminal has room for
//! them, and on a terminal of a row or two (or a column) the items
//! numbered and the number typed, so that no size of terminal stops a
//! reflection.

use anyhow::Result;
use console::style;

use super::menu::{Chosen, Item, Menu};
use super::{Terminal, arrow};

impl Terminal {
    /// Whether the drawn widgets fit: a list needs three rows, the line
    /// editor of a title two columns.
    pub(super) fn roomy(&self) -> bool {
        self.term.size_checked().is_none_or(|(rows, columns)| rows >= 3 && columns >= 2)
    }

    /// One of the menu's items, by its position.
    pub(super) fn pick(&self, menu: Menu) -> Result<usize> {
        if !self.roomy() {
            return self.typed_pick(menu.prompt, menu.items, menu.start);
        }
        Ok(self.menu(menu)?.at)
    }

    /// Any of the first `ticks.len()` items (the options), the ticked ones
    /// ticked to start; or one of the entries after them.
    pub(super) fn pick_many(&self, items: &[Item], ticks: Vec<bool>) -> Result<Chosen> {
        if !self.roomy() {
            return self.typed_picks(items, ticks.len(), &ticks);
        }
        let options = ticks.len();
        self.menu(Menu { ticks: Some(ticks), options, ..Menu::of(None, items, 0) })
    }

    /// The items numbered, and the number of one typed; Enter alone keeps
    /// `default`, whose number the prompt shows (a number typed is never
    /// added to it).
    fn typed_pick(&self, prompt: Option<&str>, items: &[Item], default: usize) -> Result<usize> {
        if let Some(prompt) = prompt {
            self.term.write_line(&style(prompt).bold().for_stderr().to_string())?;
        }
        self.numbered(items)?;
        loop {
            let offered = format!("{} ", style(format!("[{}] ›", default + 1)).dim().for_stderr());
            let typed = self.read_line(&offered, "")?;
            if typed.trim().is_empty() {
                return Ok(default);
            }
            match typed.trim().parse::<usize>() {
                Ok(n) if (1..=items.len()).contains(&n) => return Ok(n - 1),
                _ => self.out_of_range(items.len())?,
            }
        }
    }

    /// The items numbered, and the numbers of any of the first `options`
    /// typed; the number of an entry after them chooses that entry.
    fn typed_picks(&self, items: &[Item], options: usize, ticks: &[bool]) -> Result<Chosen> {
        self.numbered(items)?;
        let ticked: Vec<String> =
            (1..=items.len()).filter(|n| ticks.get(n - 1) == Some(&true)).map(|n| n.to_string()).collect();
        loop {
            let typed = self.read_line(&arrow(), &ticked.join(" "))?;
            let numbers: Option<Vec<usize>> = typed
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|word| !word.is_empty())
                .map(|word| word.parse::<usize>().ok().filter(|n| (1..=items.len()).contains(n)).map(|n| n - 1))
                .collect();
            let Some(mut numbers) = numbers else {
                self.out_of_range(items.len())?;
                continue;
            };
            if let Some(&entry) = numbers.iter().find(|&&n| n >= options) {
                return Ok(Chosen { at: entry, ticked: Vec::new() });
            }
            numbers.sort_unstable();
            numbers.dedup();
            return Ok(Chosen { at: 0, ticked: numbers });
        }
    }

    fn numbered(&self, items: &[Item]) -> Result<()> {
        for (n, item) in items.iter().enumerate() {
            self.term.write_line(&format!("{} {}", style(format!("{}.", n + 1)).dim().for_stderr(), item.joined()))?;
        }
        Ok(())
    }

    fn out_of_range(&self, most: usize) -> Result<()> {
        let words = self.words();
        self.dim(&format!("{} 1 {} {most}.", words.number_from, words.number_to))
    }
}
