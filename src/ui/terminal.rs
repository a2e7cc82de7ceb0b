//! The person at the terminal: a widget for every kind of prompt, the
//! review of all answers, and the few questions bezin asks itself.

mod keys;
mod line;
mod lists;
mod looking_back;
mod menu;

pub use looking_back::FollowUpPick;

use std::io::IsTerminal;

use anyhow::Result;
use console::{Key, Term, style};

use self::keys::{CtrlC, Event, Keys};
use self::menu::{Item, Menu};
use super::typeahead::TypeAhead;
use super::{one_line, terminal_width, truncate};
use crate::answer::{Answer, Picked};
use crate::catalog::Catalog;
use crate::draft::Draft;
use crate::follow_through::Counterparts;
use crate::journal::Entry;
use crate::lang::{Lang, Text, Words};
use crate::prompt_set::{Choice, Kind, Prompt, PromptSet};
use crate::recall::Pending;
use crate::session::{AnswerSource, Reply, Session};

/// The person stepped out of a reflection with Esc; its draft is kept.
#[derive(Debug)]
pub struct Paused;

impl std::fmt::Display for Paused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stopped; the answers so far are kept")
    }
}

impl std::error::Error for Paused {}

/// The person asked for the question before; only while `Terminal::back`.
#[derive(Debug)]
struct GoBack;

impl std::fmt::Display for GoBack {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("back to the question before")
    }
}

impl std::error::Error for GoBack {}

/// The person at the terminal, answering prompts with widgets that fit
/// each kind. Everything it draws goes to stderr, as dialoguer does.
pub struct Terminal {
    term: Term,
    lang: Lang,
    editor: Option<String>,
    /// How to write a long answer is said once a session.
    long_help_shown: bool,
    /// What to recall about the person once they are named.
    recall: Option<Pending>,
    /// What the conversations looked back on answered, by counterpart.
    counterparts: Counterparts,
    back: WayBack,
    /// The last text answered, kept in a file should the session refuse it.
    last_text: Option<String>,
    /// The line being typed when the person stepped out.
    unfinished: std::cell::RefCell<Option<String>>,
    /// An answer stepped out of while typed: its prompt and its text so far;
    /// to keep in the draft, or, resumed, to start that question from.
    typing: Option<(String, String)>,
    /// Keys typed while a question is drawn wait for it as typed.
    _typeahead: TypeAhead,
    keys: Keys,
}

/// The way back to the question before.
#[derive(Default)]
struct WayBack {
    /// Whether the question being asked offers it.
    offered: bool,
    /// How to go back is said once, at the first question.
    told: bool,
    /// Once the review has begun, an answer changed there goes back to it.
    reviewing: bool,
}

impl Terminal {
    /// Whether there is a person to ask: standard input and error are a terminal.
    #[allow(clippy::disallowed_methods)]
    pub fn available() -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    pub fn new(lang: Lang, editor: Option<String>) -> Terminal {
        Terminal {
            term: Term::stderr(),
            lang,
            editor,
            long_help_shown: false,
            recall: None,
            counterparts: Counterparts::default(),
            back: WayBack::default(),
            last_text: None,
            unfinished: std::cell::RefCell::default(),
            typing: None,
            _typeahead: TypeAhead::hold(),
            keys: Keys::default(),
        }
    }

    /// Recalls what there is about the person once the set's person
    /// prompt is answered with a name seen before.
    pub fn recall(&mut self, pending: Pending) {
        self.recall = Some(pending);
    }

    /// The short block about a person named before: how many reflections,
    /// the last one's date and title, a line for each of its answers worth
    /// recalling, and the next step of the last look-back; nothing for a
    /// new name.
    fn show_recall(&mut self, name: &str) -> Result<()> {
        let Some(recalled) = self.recall.as_mut().and_then(|pending| pending.get().of(name, self.lang)) else {
            return Ok(());
        };
        let words = self.lang.words();
        let count = if recalled.reflections == 1 { words.reflection } else { words.reflections };
        let width = terminal_width(&self.term).unwrap_or(80);
        let mut lines = vec![format!(
            "  {name}: {} {count}, {} {} ({})",
            recalled.reflections,
            words.last_on,
            self.lang.date(&recalled.date),
            recalled.title
        )];
        for (question, answer) in recalled.answers.iter().take(RECALLED_ANSWERS) {
            lines.push(format!(
                "    {}",
                question_and_answer(&one_line(question), &one_line(answer), width.saturating_sub(5))
            ));
        }
        if let Some((date, step)) = &recalled.next_step {
            lines.push(format!("    {} {}: {step}", words.next_step_named, self.lang.date(date)));
        }
        for line in lines {
            let line = truncate(&one_line(&line), width.saturating_sub(1));
            self.term.write_line(&style(line).dim().for_stderr().to_string())?;
        }
        Ok(())
    }

    fn words(&self) -> &'static Words {
        self.lang.words()
    }

    /// Which set to run: its id, and what it is for (its title when it does
    /// not say), the ids padded so that the second column lines up.
    pub fn pick_set(&self, catalog: &Catalog) -> Result<String> {
        let ids: Vec<String> =
            catalog.sets().into_iter().map(|available| one_line(&available.set.id).into_owned()).collect();
        let widest = ids.iter().map(|id| super::width_of(id)).max().unwrap_or(0);
        let items: Vec<Item> = catalog
            .sets()
            .into_iter()
            .zip(&ids)
            .map(|(available, id)| {
                let set = &available.set;
                let about = one_line(set.purpose.as_ref().unwrap_or(&set.title).get(self.lang)).into_owned();
                Item { text: super::pad(id, widest), detail: Some(about) }
            })
            .collect();
        let chosen = self.pick(Menu::of(Some(self.words().pick_set), &items, 0))?;
        Ok(catalog.sets()[chosen].set.id.clone())
    }

    /// The set's title and what it is for.
    pub fn intro(&self, set: &PromptSet) -> Result<()> {
        let title = self.wrap(set.title.get(self.lang), "");
        self.term.write_line(&style(title).bold().for_stderr().to_string())?;
        self.term.write_line(&self.wrap(set.description.get(self.lang), ""))?;
        Ok(self.term.write_line("")?)
    }

    /// Text in its visible form, wrapped at word boundaries to the terminal.
    fn wrap(&self, text: &str, indent: &str) -> String {
        super::wrap(text, terminal_width(&self.term), indent)
    }

    /// Asks whether to go on with an unfinished reflection.
    pub fn offer_resume(&self, draft: &Draft) -> Result<bool> {
        let words = self.words();
        let started = one_line(draft.started.get(..16).unwrap_or(&draft.started)).replace('T', " ");
        let started = self.lang.date(&started);
        let question = format!("{} {started} ({} {})?", words.resume_offer, draft.answered(), words.answers_word);
        self.yes_no(Some(&question), Some(true))
    }

    /// The answers of the entry this reflection follows, to read first,
    /// under when it was made: the day and the time, which tell two
    /// preparations of one day apart.
    pub fn show_earlier(&self, entry: &Entry, set_title: &str) -> Result<()> {
        let title = entry.title.as_deref().unwrap_or(set_title);
        let when = self.lang.date(&one_line(entry.finished.get(..16).unwrap_or(&entry.finished)).replace('T', " "));
        let heading = self.wrap(&format!("{} '{title}' ({when}):", self.words().follows), "");
        self.term.write_line(&style(heading).bold().for_stderr().to_string())?;
        for recorded in &entry.answers {
            self.term.write_line(&style(self.wrap(&recorded.question, "  ")).dim().for_stderr().to_string())?;
            self.term.write_line(&self.wrap(&recorded.show(entry.lang), "    "))?;
        }
        Ok(self.term.write_line("")?)
    }

    /// Shows every answer and asks what next: `None` to save, or the
    /// prompt to change.
    pub fn review<'s>(&mut self, session: &Session<'s>) -> Result<Option<&'s Prompt>> {
        self.back.reviewing = true;
        let words = self.words();
        self.show_answers(words.summary, session)?;
        let asked = session.asked();
        // Each entry on a row of its own, after the mark of the current one.
        let room = terminal_width(&self.term).map_or(REVIEW_ENTRY, |columns| columns.saturating_sub(2));
        let mut items = vec![Item::from(words.save.to_owned())];
        items.extend(asked.iter().enumerate().map(|(n, (prompt, _))| {
            let entry = format!("{} {}: {}", words.change, n + 1, one_line(&session.question(prompt)));
            Item::from(truncate(&entry, room))
        }));
        let chosen = self.pick(Menu::of(None, &items, 0))?;
        Ok(chosen.checked_sub(1).map(|n| asked[n].0))
    }

    /// What a resumed reflection holds so far, before its next question;
    /// with no question left, the review shows it.
    pub fn so_far(&self, session: &Session) -> Result<()> {
        if session.asked().is_empty() || session.next_prompt().is_none() {
            return Ok(());
        }
        self.show_answers(self.words().so_far, session)
    }

    /// Every answer given so far, numbered, under `heading`.
    fn show_answers(&self, heading: &str, session: &Session) -> Result<()> {
        let words = self.words();
        self.term.write_line(&format!("\n{}", style(heading).bold().underlined().for_stderr()))?;
        for (n, (prompt, answer)) in session.asked().iter().enumerate() {
            let question = self.wrap(&format!("{}. {}", n + 1, session.question(prompt)), "");
            self.term.write_line(&style(question).bold().for_stderr().to_string())?;
            let shown = answer.map_or_else(|| words.no_answer.to_owned(), |answer| session.show(prompt, answer));
            self.term.write_line(&self.wrap(&shown, "   "))?;
        }
        Ok(())
    }

    /// An optional line of text, such as the title, starting from `initial`;
    /// `initial` typed back unchanged is kept as it is, not in its visible form.
    pub fn line(&self, question: &str, initial: &str) -> Result<Option<String>> {
        let question = one_line(question);
        let text = if self.roomy() {
            // Asked as "? Title › " and said as "✔ Title · text" once answered.
            let bold = style(&question).bold().for_stderr();
            let asked =
                format!("{} {bold} {} ", style("?").yellow().for_stderr(), style("›").black().bright().for_stderr());
            let typed = self.edit_line(&asked, initial, CtrlC::Stops)?;
            let written = format!("{asked}{}\n", one_line(&typed));
            self.term.move_cursor_up(super::width::rows_above(&written, terminal_width(&self.term)))?;
            self.term.clear_to_end_of_screen()?;
            let said = style(one_line(&typed)).green().for_stderr();
            self.term.write_line(&format!(
                "{} {bold} {} {said}",
                style("✔").green().for_stderr(),
                style("·").black().bright().for_stderr()
            ))?;
            typed
        } else {
            self.read_line(&format!("{} {}", style(question).bold().for_stderr(), arrow()), initial)?
        };
        Ok(Some(text.trim().to_owned()).filter(|text| !text.is_empty()))
    }

    /// One of `items`, by its position.
    pub fn choose(&self, question: &str, items: &[String]) -> Result<usize> {
        let items: Vec<Item> = items.iter().map(|item| Item::from(one_line(item).into_owned())).collect();
        self.pick(Menu::of(Some(&one_line(question)), &items, 0))
    }

    /// A yes-or-no question whose answer is no unless the person says yes.
    pub fn agree(&self, question: &str) -> Result<bool> {
        self.yes_no(Some(question), Some(false))
    }

    /// A yes-or-no question whose answer is yes unless the person says no.
    pub fn approve(&self, question: &str) -> Result<bool> {
        self.yes_no(Some(question), Some(true))
    }

    /// A yes-or-no question answered with a key: y or n (j or n in Dutch),
    /// Enter for `default`. Esc steps out; Backspace goes back, where the
    /// question offers that. The answer is said after the question, or on
    /// a line of its own in a reflection (`question` is `None`).
    fn yes_no(&self, question: Option<&str>, default: Option<bool>) -> Result<bool> {
        let words = self.words();
        let [yes, no] = [words.yes, words.no].map(|word| word.chars().next().unwrap_or('?'));
        let keys = match default {
            Some(true) => format!("({}/{no})", yes.to_ascii_uppercase()),
            Some(false) => format!("({yes}/{})", no.to_ascii_uppercase()),
            None => format!("({yes}/{no})"),
        };
        let mut drawn = self.ask_yes_no(question, &keys, "")?;
        let answer = loop {
            let key = match self.keys.next(&self.term, CtrlC::Stops)? {
                Event::Key(key) => key,
                Event::Resized => {
                    drawn = self.ask_yes_no(question, &keys, &drawn)?;
                    continue;
                }
            };
            match key {
                Key::Char(c) if c.to_ascii_lowercase() == yes || c.eq_ignore_ascii_case(&'y') => break true,
                Key::Char(c) if c.to_ascii_lowercase() == no => break false,
                Key::Enter if default.is_some() => break default.unwrap_or_default(),
                Key::Escape => return Err(Paused.into()),
                Key::Backspace | Key::ArrowLeft if self.back.offered => return Err(GoBack.into()),
                _ => {}
            }
        };
        let said = if answer { words.yes } else { words.no };
        if question.is_some() {
            self.term.write_line(said)?;
        } else {
            // In a reflection, as every other widget says what was chosen.
            self.term.clear_line()?;
            self.term.write_line(&format!("{} {said}", style("·").dim().for_stderr()))?;
        }
        Ok(answer)
    }

    /// Draws a yes-or-no question and its keys, over `drawn` (what this
    /// drew before, at another width); returns what it drew.
    fn ask_yes_no(&self, question: Option<&str>, keys: &str, drawn: &str) -> Result<String> {
        let columns = terminal_width(&self.term);
        // Wrapped at word boundaries, with room on its last line for the keys.
        let room = columns.map(|width| width.saturating_sub(keys.len() + 2).max(10));
        let shown = question.map(|question| format!("{} ", style(super::wrap(question, room, "")).bold().for_stderr()));
        let asked = format!("{}{} ", shown.unwrap_or_default(), style(keys).dim().for_stderr());
        if !drawn.is_empty() {
            self.term.move_cursor_up(super::width::rows_above(drawn, columns))?;
            self.term.clear_to_end_of_screen()?;
        }
        self.term.write_str(&asked)?;
        Ok(asked)
    }

    fn header(&self, progress: Option<(usize, usize)>, question: &str, hint: Option<String>) -> Result<()> {
        let progress = progress.map(|(position, total)| format!("({position}/{total}) ")).unwrap_or_default();
        // The progress goes in front while wrapping, so the first line fits too.
        let question = self.wrap(&format!("{progress}{question}"), "");
        let (progress, question) = question.split_at(progress.len().min(question.len()));
        let question = style(question).bold().for_stderr();
        self.term.write_line(&format!("\n{}{question}", style(progress).dim().for_stderr()))?;
        if let Some(hint) = hint {
            let hint = self.wrap(&format!("{}: {hint}", self.words().hint), "");
            self.term.write_line(&style(hint).dim().italic().for_stderr().to_string())?;
        }
        Ok(())
    }

    fn text(&mut self, prompt: &Prompt, current: Option<&Answer>) -> Result<Option<Answer>> {
        let initial = match current {
            Some(Answer::Text(text)) => text.as_str(),
            _ => "",
        };
        loop {
            let text = match self.read_line(&arrow(), initial) {
                Ok(text) => text,
                Err(err) => {
                    let unfinished = self.take_unfinished();
                    self.note_typing(prompt, unfinished, current);
                    return Err(err);
                }
            };
            match self.going_back(&text, initial) {
                Ok(true) => continue,
                Ok(false) => {}
                Err(err) => {
                    self.keep_for_return(prompt, initial.to_owned());
                    return Err(err);
                }
            }
            if !text.trim().is_empty() || !prompt.required {
                return Ok(Some(text.trim().to_owned()).filter(|text| !text.is_empty()).map(Answer::Text));
            }
            self.dim(self.words().required)?;
        }
    }

    /// `:b` typed as an answer, or after the answer `shown` again, goes
    /// back where the question offers that, the answer kept as it was.
    /// Where it does not, that is said, and true returned: the question is
    /// asked again, never answered with the `:b`.
    fn going_back(&self, typed: &str, shown: &str) -> Result<bool> {
        if !asks_back(typed, shown) {
            return Ok(false);
        }
        if self.back.offered {
            return Err(GoBack.into());
        }
        self.dim(self.words().no_way_back)?;
        Ok(true)
    }

    /// Several lines, typed here until an empty line, or written in the
    /// editor. An answer given before comes back a line at a time, each to
    /// keep with Enter or to change first; a line emptied is left out.
    fn long(&mut self, prompt: &Prompt, current: Option<&Answer>) -> Result<Option<Answer>> {
        let earlier: Vec<&str> = match current {
            Some(Answer::Text(text)) => text.split('\n').collect(),
            _ => Vec::new(),
        };
        if !self.long_help_shown {
            self.dim(self.words().long_help)?;
            self.long_help_shown = true;
        }
        if !earlier.is_empty() {
            self.dim(self.words().long_again)?;
        }
        let (mut lines, mut next): (Vec<String>, usize) = (Vec::new(), 0);
        loop {
            let before = earlier.get(next).copied();
            let line = match self.read_line("  ", before.unwrap_or_default()) {
                Ok(line) => line,
                Err(err) => {
                    // What was typed stays: the lines given, the one being typed, those not reached yet.
                    let mut kept = lines.clone();
                    kept.extend(Some(self.take_unfinished()).filter(|line| !line.is_empty()));
                    kept.extend(earlier.iter().skip(next + 1).map(|line| (*line).to_owned()));
                    self.note_typing(prompt, kept.join("\n"), current);
                    return Err(err);
                }
            };
            match self.going_back(&line, before.unwrap_or_default()) {
                Ok(true) => continue,
                Ok(false) => {}
                Err(err) => {
                    let kept: Vec<&str> =
                        lines.iter().map(String::as_str).chain(earlier.iter().skip(next).copied()).collect();
                    self.keep_for_return(prompt, kept.join("\n"));
                    return Err(err);
                }
            }
            if line.trim() == ":e" {
                let start: Vec<&str> =
                    lines.iter().map(String::as_str).chain(earlier[next..].iter().copied()).collect();
                match self.edit(&start.join("\n")) {
                    Ok(written) if !written.trim().is_empty() => {
                        // What the editor gave back is shown, as typed lines are.
                        self.term.write_line(&self.wrap(&written, "  "))?;
                        return Ok(Some(Answer::Text(written)));
                    }
                    Ok(_) if !prompt.required => return Ok(None),
                    Ok(_) => self.dim(self.words().required)?,
                    Err(problem) => self.dim(&format!("{problem}; {}", self.words().editor_failed))?,
                }
                continue;
            }
            if let Some(before) = before {
                next += 1;
                if !line.is_empty() || before.is_empty() {
                    lines.push(line);
                }
                continue;
            }
            if !line.trim().is_empty() || (!lines.is_empty() && !line.is_empty()) {
                lines.push(line);
                continue;
            }
            if !lines.is_empty() {
                return Ok(Some(Answer::Text(lines.join("\n"))));
            }
            if !prompt.required {
                return Ok(None);
            }
            self.dim(self.words().required)?;
        }
    }

    /// What the person wrote in their editor, or why the editor gave nothing back.
    fn edit(&self, start: &str) -> Result<String, String> {
        // A trailing newline lets the person go on writing on a line of its own.
        let start = if start.is_empty() { String::new() } else { format!("{start}\n") };
        let written = super::editor::edit(&super::editor::program(self.editor.as_deref()), &start)?;
        Ok(written.trim_end_matches('\n').to_owned())
    }

    fn scale(
        &self,
        prompt: &Prompt,
        (min, max): (i64, i64),
        labels: [&Option<Text>; 2],
        current: Option<&Answer>,
    ) -> Result<Option<Answer>> {
        // A scale too long to list (a hand-edited or imported range) is typed.
        if i128::from(max) - i128::from(min) > MOST_LISTED {
            return self.typed_number(prompt, (min, max), current);
        }
        let label = |label: &Option<Text>| label.as_ref().map(|text| one_line(text.get(self.lang)).into_owned());
        let mut items: Vec<Item> = (min..=max).map(|n| Item::from(n.to_string())).collect();
        if let Some(first) = items.first_mut() {
            first.detail = label(labels[0]);
        }
        if let Some(last) = items.last_mut() {
            last.detail = label(labels[1]).or(last.detail.take());
        }
        // An answer outside the scale (a hand edit, an import) starts in the middle.
        let start = match current {
            Some(Answer::Number(n)) if (min..=max).contains(n) => n - min,
            _ => (max - min) / 2,
        };
        if self.roomy() {
            self.dim(&self.scale_keys((min, max)))?;
        }
        let chosen = self.select(prompt, items, usize::try_from(start).unwrap_or(0), Some((min, max)))?;
        Ok(chosen.map(|n| Answer::Number(min + i64::try_from(n).unwrap_or(0))))
    }

    /// How to answer a scale: a typed number (0 for 10 where it has no 0), or the arrows.
    fn scale_keys(&self, (min, max): (i64, i64)) -> String {
        let words = self.words();
        let zero =
            (!(min..=max).contains(&0) && (min..=max).contains(&10)).then(|| format!(" ({})", words.zero_is_ten));
        format!("{}{} {}", words.type_number, zero.unwrap_or_default(), words.or_arrows)
    }

    /// A whole number from `min` to `max`, typed; blank leaves an optional prompt unanswered.
    fn typed_number(
        &self,
        prompt: &Prompt,
        (min, max): (i64, i64),
        current: Option<&Answer>,
    ) -> Result<Option<Answer>> {
        let initial = match current {
            Some(Answer::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let words = self.words();
        loop {
            let typed = self.read_line(&arrow(), &initial)?;
            if self.going_back(&typed, &initial)? {
                continue;
            }
            match typed.trim().parse::<i64>() {
                Ok(n) if (min..=max).contains(&n) => return Ok(Some(Answer::Number(n))),
                Err(_) if typed.trim().is_empty() && !prompt.required => return Ok(None),
                _ => self.dim(&format!("{} {min} {} {max}.", words.number_from, words.number_to))?,
            }
        }
    }

    fn choice(&self, prompt: &Prompt, options: &[Choice], current: Option<&Answer>) -> Result<Option<Answer>> {
        let items = self.labels(options);
        let start = match current {
            Some(Answer::Choice(picked)) => options.iter().position(|option| picked.is(option)).unwrap_or(0),
            _ => 0,
        };
        let chosen = self.select(prompt, items, start, None)?;
        Ok(chosen.map(|n| Answer::Choice(Picked::of(&options[n], self.lang))))
    }

    /// The options' labels in their visible form.
    fn labels(&self, options: &[Choice]) -> Vec<Item> {
        options.iter().map(|option| Item::from(one_line(option.label.get(self.lang)).into_owned())).collect()
    }

    /// A list to pick one item from; an optional prompt adds "(no answer)".
    /// On a scale, `numbers` are its first and last point, to be typed.
    fn select(
        &self,
        prompt: &Prompt,
        mut items: Vec<Item>,
        start: usize,
        numbers: Option<(i64, i64)>,
    ) -> Result<Option<usize>> {
        let count = items.len();
        if !prompt.required {
            items.push(Item::from(self.words().no_answer.to_owned()));
        }
        if self.back.offered {
            items.push(Item::from(self.words().back_item.to_owned()));
        }
        let chosen = self.pick(Menu { numbers, options: count, ..Menu::of(None, &items, start) })?;
        if self.back.offered && chosen == items.len() - 1 {
            return Err(GoBack.into());
        }
        Ok(Some(chosen).filter(|n| *n < count))
    }

    fn multi(&self, prompt: &Prompt, options: &[Choice], current: Option<&Answer>) -> Result<Option<Answer>> {
        let mut items = self.labels(options);
        if self.back.offered {
            items.push(Item::from(self.words().back_item.to_owned()));
        }
        let mut ticks: Vec<bool> = options
            .iter()
            .map(|option| matches!(current, Some(Answer::Multi(picked)) if picked.iter().any(|p| p.is(option))))
            .collect();
        self.dim(if self.roomy() { self.words().multi_help } else { self.words().numbers_help })?;
        loop {
            let chosen = self.pick_many(&items, ticks.clone())?;
            if chosen.at >= options.len() {
                return Err(GoBack.into());
            }
            if chosen.ticked.is_empty() && prompt.required {
                ticks.fill(false);
                self.dim(self.words().pick_one_at_least)?;
                continue;
            }
            let picked: Vec<Picked> = chosen.ticked.into_iter().map(|n| Picked::of(&options[n], self.lang)).collect();
            return Ok(Some(picked).filter(|picked| !picked.is_empty()).map(Answer::Multi));
        }
    }

    fn confirm(&self, current: Option<&Answer>) -> Result<Option<Answer>> {
        let current = match current {
            Some(Answer::Bool(b)) => Some(*b),
            _ => None,
        };
        Ok(Some(Answer::Bool(self.yes_no(None, current)?)))
    }

    fn dim(&self, text: &str) -> Result<()> {
        for line in self.wrap(text, "  ").lines() {
            self.term.write_line(&style(line).dim().for_stderr().to_string())?;
        }
        Ok(())
    }
}

impl AnswerSource for Terminal {
    fn answer(&mut self, session: &Session, prompt: &Prompt) -> Result<Reply> {
        self.header(Some(session.progress(prompt)), &session.question(prompt), session.hint(prompt))?;
        self.show_counterparts(prompt)?;
        if !self.back.told {
            self.dim(self.words().back_help)?;
            self.back.told = true;
        }
        self.back.offered = !self.back.reviewing && session.previous(prompt).is_some();
        let answer = self.widget(prompt, session.answer(&prompt.id));
        self.back.offered = false;
        let answer = match answer {
            Err(err) if err.is::<GoBack>() => {
                // Kept to come back to only where it differs from the answer as it was.
                let given = session.answer(&prompt.id);
                self.typing
                    .take_if(|(id, text)| *id == prompt.id && matches!(given, Some(Answer::Text(t)) if t == text));
                return Ok(Reply::Back);
            }
            answer => answer?,
        };
        if let (true, Some(name)) = (prompt.person, answer.as_ref().and_then(Answer::as_name)) {
            self.show_recall(&name)?;
        }
        self.last_text = match &answer {
            Some(Answer::Text(text)) => Some(text.clone()),
            _ => None,
        };
        Ok(Reply::Answer(answer))
    }

    /// Says why an answer was not taken; the question comes again. A text
    /// that was refused (too large for the entry) is kept in a file of its
    /// own, and the person is told where.
    fn refused(&mut self, problem: anyhow::Error) -> Result<()> {
        let kept = match self.last_text.take() {
            Some(text) => match super::editor::keep(&text) {
                Ok(path) => format!("; {} {}", self.words().kept_in, path.display()),
                Err(problem) => format!("; {problem}"),
            },
            None => String::new(),
        };
        self.dim(&format!("{problem:#}{kept}"))
    }
}

impl Terminal {
    /// Asks again for an answer given before, starting from `current`.
    pub fn change(&mut self, prompt: &Prompt, question: &str, current: Option<&Answer>) -> Result<Option<Answer>> {
        self.header(None, question, None)?;
        self.widget(prompt, current)
    }

    /// The widget for the prompt's kind; what was chosen is said on a line of its own.
    fn widget(&mut self, prompt: &Prompt, current: Option<&Answer>) -> Result<Option<Answer>> {
        let resumed = self.typing.take_if(|(id, _)| *id == prompt.id).map(|(_, text)| Answer::Text(text));
        let current = resumed.as_ref().or(current);
        let answer = match &prompt.kind {
            Kind::Text => return self.text(prompt, current),
            Kind::Long => return self.long(prompt, current),
            Kind::Scale { min, max, min_label, max_label } => {
                self.scale(prompt, (*min, *max), [min_label, max_label], current)
            }
            Kind::Choice(options) => self.choice(prompt, options, current),
            Kind::Multi(options) => self.multi(prompt, options, current),
            Kind::Confirm => return self.confirm(current),
        }?;
        let shown = answer
            .as_ref()
            .map_or_else(|| self.words().no_answer.to_owned(), |answer| answer.show(prompt.kind.range(), self.lang));
        // Wrapped under its own start, after a dim dot.
        let said = self.wrap(&shown, "  ");
        self.term.write_line(&format!("{}{}", style("·").dim().for_stderr(), &said[1..]))?;
        Ok(answer)
    }
}

impl Terminal {
    /// Starts the question of `prompt` from `text`, an answer being typed
    /// when the reflection was stopped.
    pub fn resume_typing(&mut self, typing: Option<(String, String)>) {
        self.typing = typing;
    }

    /// The answer being typed when the person stepped out, if it holds
    /// anything new: its prompt and its text so far.
    pub fn take_typing(&mut self) -> Option<(String, String)> {
        self.typing.take()
    }

    /// Notes `text`, what was typed of `prompt`'s answer when the person
    /// stepped out, when it holds anything the answer did not.
    fn note_typing(&mut self, prompt: &Prompt, text: String, current: Option<&Answer>) {
        let before = match current {
            Some(Answer::Text(text)) => text.as_str(),
            _ => "",
        };
        if !text.trim().is_empty() && text != before {
            self.typing = Some((prompt.id.clone(), text));
        }
    }

    /// Keeps `text`, the answer to `prompt` as it stood when the person
    /// went back, to start from when the question comes again: lines
    /// changed before going back are not lost. What a later question kept
    /// so stays: it comes again first.
    fn keep_for_return(&mut self, prompt: &Prompt, text: String) {
        if self.typing.as_ref().is_none_or(|(id, _)| *id == prompt.id) && !text.trim().is_empty() {
            self.typing = Some((prompt.id.clone(), text));
        }
    }

    /// The line being typed when the person stepped out.
    fn take_unfinished(&self) -> String {
        self.unfinished.borrow_mut().take().unwrap_or_default()
    }
}

/// Whether `typed` asks to go back: `:b` alone, or after `shown` (an
/// answer shown again) left as it was.
fn asks_back(typed: &str, shown: &str) -> bool {
    typed.trim_end().strip_suffix(":b").is_some_and(|before| {
        let before = before.trim_end();
        before.trim_start().is_empty() || before == shown.trim_end()
    })
}

/// What comes before a typed answer: a dim arrow.
fn arrow() -> String {
    format!("{} ", style("›").dim().for_stderr())
}

/// How many of the last reflection's answers the recall shows, a line each.
const RECALLED_ANSWERS: usize = 3;

/// How wide an entry of the review is where the terminal does not say its
/// width: as on a terminal of 80 columns.
const REVIEW_ENTRY: usize = 78;

/// The most points a scale lists to pick from; a longer one is typed.
const MOST_LISTED: i128 = 100;

/// A question and its answer on one line of `room` columns: a long
/// question gives way (cut with …) so that the answer is seen.
fn question_and_answer(question: &str, answer: &str, room: usize) -> String {
    let (asked, said) = (super::width_of(question), super::width_of(answer));
    let question_room = if asked + 1 + said <= room { asked } else { (room / 2).max(room.saturating_sub(said + 1)) };
    format!("{} {answer}", truncate(question, question_room))
}

#[cfg(test)]
mod tests {
    use super::{asks_back, question_and_answer};

    #[test]
    fn b_goes_back_alone_or_after_an_answer_shown_again_unchanged() {
        assert!(asks_back(" :b ", ""));
        assert!(asks_back(":b", "Anna"));
        assert!(asks_back("Anna:b", "Anna"));
        assert!(asks_back("Anna :b", "Anna"));
        assert!(!asks_back("Bram:b", "Anna"));
        assert!(!asks_back("Anna:b", ""));
        assert!(!asks_back("Anna", "Anna"));
    }

    #[test]
    fn a_long_question_gives_way_to_its_answer() {
        let question = "What did you hear of the desire behind the request, and what did it ask of you?";
        let line = question_and_answer(question, "To be seen", 40);
        assert!(line.ends_with(" To be seen") && crate::ui::width_of(&line) <= 40, "{line}");
        assert!(line.starts_with("What did you hear") && line.contains('…'), "{line}");
        assert_eq!(question_and_answer("Calm?", "7/10", 40), "Calm? 7/10");
    }
}
