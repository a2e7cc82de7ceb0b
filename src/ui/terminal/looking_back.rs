//! The terminal's part in looking back: the list of open conversations to
//! look back on or close, and beside a question of the look-back what was
//! answered to its counterpart before the conversation.

use anyhow::Result;
use console::style;

use super::Terminal;
use super::menu::{Item, Menu};
use crate::follow_through::{self, Counterparts, Open};
use crate::journal::Entry;
use crate::prompt_set::Prompt;
use crate::ui::one_line;

/// What the person chose in the list of open conversations.
pub enum FollowUpPick {
    /// The one at this place in the list.
    Conversation(usize),
    /// None of them: a look-back of its own.
    None,
    /// To close one without a look-back.
    Close,
}

impl Terminal {
    /// Asks which of the open conversations this reflection looks back on,
    /// each shown with its date, person and title, or to close one.
    pub fn pick_follow_up(&self, open: &[Open], title: impl Fn(&Entry) -> String) -> Result<FollowUpPick> {
        let words = self.words();
        let mut items = rows(open, title);
        items.extend([words.follow_none.to_owned(), words.follow_close.to_owned()]);
        let items: Vec<Item> = items.into_iter().map(Item::from).collect();
        let chosen = self.pick(Menu::of(Some(words.follow_offer), &items, 0))?;
        Ok(match chosen.checked_sub(open.len()) {
            None => FollowUpPick::Conversation(chosen),
            Some(0) => FollowUpPick::None,
            Some(_) => FollowUpPick::Close,
        })
    }

    /// Asks which of the open conversations to close without a look-back;
    /// `None` to close none.
    pub fn pick_to_close(&self, open: &[Open], title: impl Fn(&Entry) -> String) -> Result<Option<usize>> {
        let words = self.words();
        let mut items = rows(open, title);
        items.push(words.close_none.to_owned());
        let items: Vec<Item> = items.into_iter().map(Item::from).collect();
        let chosen = self.pick(Menu::of(Some(words.close_which), &items, 0))?;
        Ok((chosen < open.len()).then_some(chosen))
    }

    /// Asks whether the open conversation at `other`, about the same
    /// person as the one chosen, is looked back on too.
    pub fn also_follow(&self, open: &[Open], other: usize, title: impl Fn(&Entry) -> String) -> Result<bool> {
        let row = &rows(open, title)[other];
        self.agree(&format!("{} {row}?", self.words().also_follow))
    }

    /// What the conversations looked back on answered, to show beside the
    /// questions that have a counterpart there.
    pub fn counterparts(&mut self, counterparts: Counterparts) {
        self.counterparts = counterparts;
    }

    /// Beside a question of the look-back: what was answered to its
    /// counterpart before the conversation, with the date.
    pub(super) fn show_counterparts(&self, prompt: &Prompt) -> Result<()> {
        for earlier in self.counterparts.to(prompt) {
            let date = self.lang.date(&earlier.date);
            let heading = format!("{} ({date}): {}", self.words().before_conversation, earlier.question);
            self.term.write_line(&style(self.wrap(&heading, "  ")).dim().for_stderr().to_string())?;
            self.term.write_line(&self.wrap(&earlier.answer, "    "))?;
        }
        Ok(())
    }
}

/// A line for each open conversation: when it was prepared (with the time
/// where two share a date and person), whom it is about, and its title.
fn rows(open: &[Open], title: impl Fn(&Entry) -> String) -> Vec<String> {
    let when = follow_through::when_prepared(open);
    open.iter()
        .zip(when)
        .map(|(open, when)| {
            let about = open.person.as_deref().map(|person| format!("{person}  ")).unwrap_or_default();
            one_line(&format!("{when}  {about}{}", title(&open.entry))).into_owned()
        })
        .collect()
}
