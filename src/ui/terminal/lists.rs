//! Lists to choose from: dialoguer's, where the terminal has room for them,
//! and on a terminal of a row or two (or a column) the items numbered and
//! the number typed, so that no size of terminal stops a reflection.

use anyhow::Result;
use console::style;
use dialoguer::{MultiSelect, Select};

use super::{Paused, Terminal};

impl Terminal {
    /// Whether dialoguer's widgets fit: its lists need three rows, its line
    /// editor two columns.
    pub(super) fn roomy(&self) -> bool {
        self.term.size_checked().is_none_or(|(rows, columns)| rows >= 3 && columns >= 2)
    }

    /// One of `items` (in their visible form), starting at `default`.
    pub(super) fn pick(&self, prompt: Option<&str>, items: &[String], default: usize) -> Result<usize> {
        if !self.roomy() {
            return self.typed_pick(prompt, items, default);
        }
        let mut select = Select::with_theme(&self.theme).items(items).default(default);
        if let Some(prompt) = prompt {
            select = select.with_prompt(prompt);
        }
        Ok(select.interact_on_opt(&self.term)?.ok_or(Paused)?)
    }

    /// Any of `items` (in their visible form), the `checked` ones ticked to start.
    pub(super) fn pick_many(&self, items: &[String], checked: &[bool]) -> Result<Vec<usize>> {
        if !self.roomy() {
            return self.typed_picks(items, checked);
        }
        let chosen = MultiSelect::with_theme(&self.theme).items(items).defaults(checked);
        Ok(chosen.interact_on_opt(&self.term)?.ok_or(Paused)?)
    }

    /// The items numbered, and the number of one typed; Enter alone keeps
    /// `default`, whose number the prompt shows (a number typed is never
    /// added to it).
    fn typed_pick(&self, prompt: Option<&str>, items: &[String], default: usize) -> Result<usize> {
        if let Some(prompt) = prompt {
            self.term.write_line(&style(prompt).bold().for_stderr().to_string())?;
        }
        self.numbered(items)?;
        loop {
            self.term.write_str(&format!("{} ", style(format!("[{}] ›", default + 1)).dim().for_stderr()))?;
            let typed = self.read_line("")?;
            if typed.trim().is_empty() {
                return Ok(default);
            }
            match typed.trim().parse::<usize>() {
                Ok(n) if (1..=items.len()).contains(&n) => return Ok(n - 1),
                _ => self.out_of_range(items.len())?,
            }
        }
    }

    /// The items numbered, and the numbers of any typed.
    fn typed_picks(&self, items: &[String], checked: &[bool]) -> Result<Vec<usize>> {
        self.numbered(items)?;
        let ticked: Vec<String> =
            (1..=items.len()).filter(|n| checked.get(n - 1) == Some(&true)).map(|n| n.to_string()).collect();
        loop {
            self.term.write_str(&format!("{} ", style("›").dim().for_stderr()))?;
            let typed = self.read_line(&ticked.join(" "))?;
            let numbers: Option<Vec<usize>> = typed
                .split(|c: char| c.is_whitespace() || c == ',')
                .filter(|word| !word.is_empty())
                .map(|word| word.parse::<usize>().ok().filter(|n| (1..=items.len()).contains(n)).map(|n| n - 1))
                .collect();
            match numbers {
                Some(mut numbers) => {
                    numbers.sort_unstable();
                    numbers.dedup();
                    return Ok(numbers);
                }
                None => self.out_of_range(items.len())?,
            }
        }
    }

    fn numbered(&self, items: &[String]) -> Result<()> {
        for (n, item) in items.iter().enumerate() {
            self.term.write_line(&format!("{} {item}", style(format!("{}.", n + 1)).dim().for_stderr()))?;
        }
        Ok(())
    }

    fn out_of_range(&self, most: usize) -> Result<()> {
        let words = self.words();
        self.dim(&format!("{} 1 {} {most}.", words.number_from, words.number_to))
    }
}
