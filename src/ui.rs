//! The terminal: the only module that touches dialoguer and console. It asks
//! and shows; what to ask and whether an answer fits is the session's call.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;

use anyhow::{Context as _, Result};
use console::{Key, Term, measure_text_width, style};
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Editor, Input, MultiSelect, Select};

use crate::catalog::Catalog;
use crate::draft::Draft;
use crate::journal::Entry;
use crate::lang::{Lang, Text, Words};
use crate::prompt_set::{Choice, Kind, Prompt, PromptSet};
use crate::session::{Answer, AnswerSource, Session, value_of};

/// The person stepped out of a reflection with Esc; its draft is kept.
#[derive(Debug)]
pub struct Paused;

impl std::fmt::Display for Paused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stopped; the answers so far are kept")
    }
}

impl std::error::Error for Paused {}

/// What to say when Ctrl-C or a closed terminal stops bezin.
static ON_INTERRUPT: Mutex<Option<String>> = Mutex::new(None);

/// Sets what Ctrl-C (or a closed terminal) should say before bezin stops.
pub fn on_interrupt(message: Option<String>) {
    if let Ok(mut on_interrupt) = ON_INTERRUPT.lock() {
        *on_interrupt = message;
    }
}

/// The message set with `on_interrupt`, once: whoever takes it says it.
pub fn take_interrupt_message() -> Option<String> {
    ON_INTERRUPT.lock().ok().and_then(|mut message| message.take())
}

/// On Ctrl-C, a closed terminal or a request to stop: the cursor is shown
/// again (a list hides it), the message set with `on_interrupt` is said,
/// and bezin stops with exit code 130. Answers are already in the draft.
pub fn handle_interrupts() {
    let _ = ctrlc::set_handler(|| {
        let _ = Term::stderr().show_cursor();
        let message = take_interrupt_message();
        let mut stderr = std::io::stderr();
        let _ = writeln!(stderr);
        if let Some(message) = message {
            let _ = writeln!(stderr, "{message}");
        }
        std::process::exit(130);
    });
}

/// The person at the terminal, answering prompts with widgets that fit
/// each kind. Everything it draws goes to stderr, as dialoguer does.
pub struct Terminal {
    term: Term,
    theme: ColorfulTheme,
    lang: Lang,
    editor: Option<String>,
    /// How to write a long answer is said once a session.
    long_help_shown: bool,
}

impl Terminal {
    /// Whether there is a person to ask: standard input and error are a terminal.
    pub fn available() -> bool {
        std::io::stdin().is_terminal() && std::io::stderr().is_terminal()
    }

    pub fn new(lang: Lang, editor: Option<String>) -> Terminal {
        Terminal { term: Term::stderr(), theme: ColorfulTheme::default(), lang, editor, long_help_shown: false }
    }

    fn words(&self) -> &'static Words {
        self.lang.words()
    }

    /// Lets the person choose a set; returns its id.
    pub fn pick_set(&self, catalog: &Catalog) -> Result<String> {
        let items: Vec<String> = catalog
            .sets
            .iter()
            .map(|available| {
                format!("{}  {}", available.set.id, style(available.set.title.get(self.lang)).dim().for_stderr())
            })
            .collect();
        let chosen = Select::with_theme(&self.theme)
            .with_prompt(self.words().pick_set)
            .items(&items)
            .default(0)
            .interact_on_opt(&self.term)?
            .ok_or(Paused)?;
        Ok(catalog.sets[chosen].set.id.clone())
    }

    /// The set's title and what it is for.
    pub fn intro(&self, set: &PromptSet) -> Result<()> {
        self.term.write_line(&style(set.title.get(self.lang)).bold().for_stderr().to_string())?;
        self.term.write_line(set.description.get(self.lang))?;
        Ok(self.term.write_line("")?)
    }

    /// Asks whether to go on with an unfinished reflection.
    pub fn offer_resume(&self, draft: &Draft) -> Result<bool> {
        let words = self.words();
        let started = draft.started.get(..16).unwrap_or(&draft.started).replace('T', " ");
        let question = format!("{} {started} ({} {})?", words.resume_offer, draft.answered(), words.answers_word);
        Ok(Confirm::with_theme(&self.theme).with_prompt(question).default(true).interact_on(&self.term)?)
    }

    /// Asks whether this reflection follows up on `entry`.
    pub fn offer_follow_up(&self, entry: &Entry, set_title: &str) -> Result<bool> {
        let title = entry.title.as_deref().unwrap_or(set_title);
        let question = format!("{} '{title}' ({})?", self.words().follow_offer, entry.date());
        Ok(Confirm::with_theme(&self.theme).with_prompt(question).default(true).interact_on(&self.term)?)
    }

    /// The answers of the entry this reflection follows, to read first.
    pub fn show_earlier(&self, entry: &Entry, set_title: &str) -> Result<()> {
        let title = entry.title.as_deref().unwrap_or(set_title);
        let heading = format!("{} '{title}' ({}):", self.words().follows, entry.date());
        self.term.write_line(&style(heading).bold().for_stderr().to_string())?;
        for recorded in &entry.answers {
            self.term.write_line(&format!("  {}", style(&recorded.question).dim().for_stderr()))?;
            for line in recorded.show(entry.lang).lines() {
                self.term.write_line(&format!("    {line}"))?;
            }
        }
        Ok(self.term.write_line("")?)
    }

    /// Shows every answer and asks what next: `None` to save, or the
    /// prompt to change.
    pub fn review<'s>(&self, session: &Session<'s>) -> Result<Option<&'s Prompt>> {
        let words = self.words();
        self.term.write_line(&format!("\n{}", style(words.summary).bold().underlined().for_stderr()))?;
        let asked = session.asked();
        for (n, (prompt, answer)) in asked.iter().enumerate() {
            self.term.write_line(&format!("{}. {}", n + 1, style(session.question(prompt)).bold().for_stderr()))?;
            let shown = answer.map_or_else(|| words.no_answer.to_owned(), |answer| session.show(prompt, answer));
            for line in shown.lines() {
                self.term.write_line(&format!("   {line}"))?;
            }
        }
        let mut items = vec![words.save.to_owned()];
        items.extend(
            asked.iter().enumerate().map(|(n, (prompt, _))| {
                format!("{} {}: {}", words.change, n + 1, shorten(&session.question(prompt), 60))
            }),
        );
        let chosen =
            Select::with_theme(&self.theme).items(&items).default(0).interact_on_opt(&self.term)?.ok_or(Paused)?;
        Ok(chosen.checked_sub(1).map(|n| asked[n].0))
    }

    /// An optional line of text, such as the title, starting from `initial`.
    pub fn line(&self, question: &str, initial: &str) -> Result<Option<String>> {
        let text: String = Input::with_theme(&self.theme)
            .with_prompt(question)
            .with_initial_text(initial)
            .allow_empty(true)
            .interact_text_on(&self.term)?;
        Ok(Some(text.trim().to_owned()).filter(|text| !text.is_empty()))
    }

    /// One of `items`, by its position.
    pub fn choose(&self, question: &str, items: &[String]) -> Result<usize> {
        let chosen = Select::with_theme(&self.theme).with_prompt(question).items(items).default(0);
        Ok(chosen.interact_on_opt(&self.term)?.ok_or(Paused)?)
    }

    /// A yes-or-no question whose answer is no unless the person says yes.
    pub fn agree(&self, question: &str) -> Result<bool> {
        Ok(Confirm::with_theme(&self.theme).with_prompt(question).default(false).interact_on(&self.term)?)
    }

    fn header(&self, progress: Option<(usize, usize)>, question: &str, hint: Option<String>) -> Result<()> {
        let progress = progress.map(|(position, total)| format!("({position}/{total}) ")).unwrap_or_default();
        let question = style(question).bold().for_stderr();
        self.term.write_line(&format!("\n{}{question}", style(progress).dim().for_stderr()))?;
        if let Some(hint) = hint {
            self.term
                .write_line(&style(format!("{}: {hint}", self.words().hint)).dim().italic().for_stderr().to_string())?;
        }
        Ok(())
    }

    fn text(&self, prompt: &Prompt, current: Option<&Answer>) -> Result<Option<Answer>> {
        let initial = match current {
            Some(Answer::Text(text)) => text.as_str(),
            _ => "",
        };
        loop {
            self.term.write_str(&format!("{} ", style("›").dim().for_stderr()))?;
            let text = self.read_line(initial)?;
            if !text.trim().is_empty() || !prompt.required {
                return Ok(Some(text.trim().to_owned()).filter(|text| !text.is_empty()).map(Answer::Text));
            }
            self.dim(self.words().required)?;
        }
    }

    /// A line typed at the terminal, starting from `initial`; Esc steps out
    /// of the reflection (its draft is kept).
    fn read_line(&self, initial: &str) -> Result<String> {
        let mut line: Vec<char> = initial.chars().collect();
        self.term.write_str(initial)?;
        loop {
            match self.term.read_key()? {
                Key::Enter => {
                    self.term.write_line("")?;
                    return Ok(line.into_iter().collect());
                }
                Key::Escape => return Err(Paused.into()),
                Key::Backspace => {
                    if let Some(c) = line.pop() {
                        self.term.clear_chars(console::measure_text_width(&c.to_string()).max(1))?;
                    }
                }
                Key::Char(c) if !c.is_control() => {
                    line.push(c);
                    self.term.write_str(c.encode_utf8(&mut [0; 4]))?;
                }
                _ => {}
            }
        }
    }

    /// Several lines, typed here until an empty line, or written in the editor.
    fn long(&mut self, prompt: &Prompt, current: Option<&Answer>) -> Result<Option<Answer>> {
        let current = match current {
            Some(Answer::Text(text)) => Some(text.as_str()),
            _ => None,
        };
        if !self.long_help_shown {
            self.dim(self.words().long_help)?;
            self.long_help_shown = true;
        }
        if let Some(text) = current {
            self.dim(text)?;
        }
        let mut lines: Vec<String> = Vec::new();
        loop {
            self.term.write_str("  ")?;
            let line = self.read_line("")?;
            if line.trim() == ":e" {
                let start = if lines.is_empty() { current.unwrap_or_default().to_owned() } else { lines.join("\n") };
                let written = self.edit(&start)?;
                if written.trim().is_empty() && prompt.required {
                    self.dim(self.words().required)?;
                    continue;
                }
                return Ok(Some(written).filter(|text| !text.trim().is_empty()).map(Answer::Text));
            }
            if !line.trim().is_empty() || (!lines.is_empty() && !line.is_empty()) {
                lines.push(line);
                continue;
            }
            if !lines.is_empty() {
                return Ok(Some(Answer::Text(lines.join("\n"))));
            }
            if let Some(text) = current {
                return Ok(Some(Answer::Text(text.to_owned())));
            }
            if !prompt.required {
                return Ok(None);
            }
            self.dim(self.words().required)?;
        }
    }

    fn edit(&self, start: &str) -> Result<String> {
        let mut editor = Editor::new();
        if let Some(program) = &self.editor {
            editor.executable(program);
        }
        // A trailing newline lets the person go on writing on a line of its own.
        let start = if start.is_empty() { String::new() } else { format!("{start}\n") };
        let written = editor.require_save(false).edit(&start).context("could not open the editor (set $EDITOR)")?;
        Ok(written.unwrap_or(start))
    }

    fn scale(
        &self,
        prompt: &Prompt,
        (min, max): (i64, i64),
        labels: [&Option<Text>; 2],
        current: Option<&Answer>,
    ) -> Result<Option<Answer>> {
        let [min_label, max_label] = labels;
        let label = |label: &Option<Text>| {
            label
                .as_ref()
                .map(|text| format!("  {}", style(text.get(self.lang)).dim().for_stderr()))
                .unwrap_or_default()
        };
        let mut items: Vec<String> = (min..=max).map(|n| n.to_string()).collect();
        if let Some(first) = items.first_mut() {
            *first += &label(min_label);
        }
        if let Some(last) = items.last_mut() {
            *last += &label(max_label);
        }
        let start = match current {
            Some(Answer::Number(n)) => n - min,
            _ => (max - min) / 2,
        };
        let chosen = self.select(prompt, items, usize::try_from(start).unwrap_or(0))?;
        Ok(chosen.map(|n| Answer::Number(min + i64::try_from(n).unwrap_or(0))))
    }

    fn choice(&self, prompt: &Prompt, options: &[Choice], current: Option<&Answer>) -> Result<Option<Answer>> {
        let items: Vec<String> = options.iter().map(|option| option.label.get(self.lang).to_owned()).collect();
        let start = match current {
            Some(Answer::Choice(id)) => options.iter().position(|option| &option.id == id).unwrap_or(0),
            _ => 0,
        };
        let chosen = self.select(prompt, items, start)?;
        Ok(chosen.map(|n| Answer::Choice(options[n].id.clone())))
    }

    /// A list to pick one item from; an optional prompt adds "(no answer)".
    fn select(&self, prompt: &Prompt, mut items: Vec<String>, start: usize) -> Result<Option<usize>> {
        let count = items.len();
        if !prompt.required {
            items.push(self.words().no_answer.to_owned());
        }
        let chosen =
            Select::with_theme(&self.theme).items(&items).default(start).interact_on_opt(&self.term)?.ok_or(Paused)?;
        Ok(Some(chosen).filter(|n| *n < count))
    }

    fn multi(&self, prompt: &Prompt, options: &[Choice], current: Option<&Answer>) -> Result<Option<Answer>> {
        let items: Vec<String> = options.iter().map(|option| option.label.get(self.lang).to_owned()).collect();
        let checked: Vec<bool> = options
            .iter()
            .map(|option| matches!(current, Some(Answer::Choices(ids)) if ids.contains(&option.id)))
            .collect();
        self.dim(self.words().multi_help)?;
        loop {
            let chosen =
                MultiSelect::with_theme(&self.theme).items(&items).defaults(&checked).interact_on_opt(&self.term)?;
            let chosen = chosen.ok_or(Paused)?;
            if chosen.is_empty() && prompt.required {
                self.dim(self.words().pick_one_at_least)?;
                continue;
            }
            let ids: Vec<String> = chosen.into_iter().map(|n| options[n].id.clone()).collect();
            return Ok(Some(Answer::Choices(ids)).filter(|answer| answer != &Answer::Choices(Vec::new())));
        }
    }

    fn confirm(&self, current: Option<&Answer>) -> Result<Option<Answer>> {
        let mut confirm = Confirm::with_theme(&self.theme).report(false);
        if let Some(Answer::Bool(b)) = current {
            confirm = confirm.default(*b);
        }
        Ok(Some(Answer::Bool(confirm.interact_on_opt(&self.term)?.ok_or(Paused)?)))
    }

    fn dim(&self, text: &str) -> Result<()> {
        for line in text.lines() {
            self.term.write_line(&format!("  {}", style(line).dim().for_stderr()))?;
        }
        Ok(())
    }
}

impl AnswerSource for Terminal {
    fn answer(&mut self, session: &Session, prompt: &Prompt) -> Result<Option<Answer>> {
        self.header(Some(session.progress(prompt)), &session.question(prompt), session.hint(prompt))?;
        self.widget(prompt, session.answer(&prompt.id))
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
        let answer = match &prompt.kind {
            Kind::Text => return self.text(prompt, current),
            Kind::Long => return self.long(prompt, current),
            Kind::Scale { min, max, min_label, max_label } => {
                self.scale(prompt, (*min, *max), [min_label, max_label], current)
            }
            Kind::Choice(options) => self.choice(prompt, options, current),
            Kind::Multi(options) => self.multi(prompt, options, current),
            Kind::Confirm => self.confirm(current),
        }?;
        let shown = answer.as_ref().map_or_else(
            || self.words().no_answer.to_owned(),
            |answer| value_of(prompt, answer, self.lang).show(prompt.kind.range(), self.lang),
        );
        self.term.write_line(&format!("{} {shown}", style("·").dim().for_stderr()))?;
        Ok(answer)
    }
}

/// The first `width` characters of `text`, with an ellipsis if cut.
fn shorten(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let cut: String = text.chars().take(width - 1).collect();
    format!("{}…", cut.trim_end())
}

/// Bold on a terminal, plain when piped.
pub fn bold(text: &str) -> String {
    style(text).bold().to_string()
}

/// Dim on a terminal, plain when piped.
pub fn dim(text: &str) -> String {
    style(text).dim().to_string()
}

/// The colour of ids, so the eye finds what to type next.
pub fn accent(text: &str) -> String {
    style(text).yellow().to_string()
}

/// A search match: bold and coloured on a terminal.
pub fn highlight(text: &str) -> String {
    style(text).bold().red().to_string()
}

fn tint(text: &str) -> String {
    style(text).cyan().to_string()
}

fn plain(text: &str) -> String {
    text.to_owned()
}

/// The width to fit standard output to: `COLUMNS` when set, else the
/// terminal's; none when output goes elsewhere.
pub fn stdout_width() -> Option<usize> {
    if let Some(columns) = std::env::var("COLUMNS").ok().and_then(|columns| columns.parse().ok()) {
        return Some(columns);
    }
    if !std::io::stdout().is_terminal() {
        return None;
    }
    Term::stdout().size_checked().map(|(_, columns)| usize::from(columns))
}

/// Applies `--color`: auto leaves it to whether output is a terminal and to
/// `CLICOLOR_FORCE`, but `NO_COLOR` (when not empty) turns colour off.
pub fn use_color(choice: crate::cli::Color) {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    let forced = match choice {
        crate::cli::Color::Auto if no_color => false,
        crate::cli::Color::Auto => return,
        crate::cli::Color::Always => true,
        crate::cli::Color::Never => false,
    };
    console::set_colors_enabled(forced);
    console::set_colors_enabled_stderr(forced);
}

/// `text` wrapped to `width` (when there is one), every line indented.
pub fn wrap(text: &str, width: Option<usize>, indent: &str) -> String {
    match width {
        Some(width) => {
            let options = textwrap::Options::new(width.max(20)).initial_indent(indent).subsequent_indent(indent);
            textwrap::fill(text, options)
        }
        None => text.split('\n').map(|line| format!("{indent}{line}")).collect::<Vec<_>>().join("\n"),
    }
}

/// A column of a table: its header, whether it may be cut to fit the
/// terminal, and its colour.
pub struct Column {
    header: &'static str,
    shrinks: bool,
    /// May be left out when even the narrowed table is too wide.
    optional: bool,
    paint: fn(&str) -> String,
}

impl Column {
    pub fn fixed(header: &'static str) -> Column {
        Column { header, shrinks: false, optional: false, paint: plain }
    }
    pub fn flexible(header: &'static str) -> Column {
        Column { header, shrinks: true, optional: false, paint: plain }
    }
    pub fn id(header: &'static str) -> Column {
        Column { header, shrinks: false, optional: false, paint: accent }
    }
    pub fn tags(header: &'static str) -> Column {
        Column { header, shrinks: true, optional: false, paint: tint }
    }
    /// The same column, left out on a terminal too narrow for it.
    pub fn optional(self) -> Column {
        Column { optional: true, ..self }
    }
}

/// Rows under a header (none when every header is empty), columns lined up;
/// on a terminal, the flexible
/// columns are cut (with an ellipsis) so that every row fits on a line.
pub fn table<const N: usize>(out: &mut impl Write, columns: &[Column; N], rows: &[[String; N]]) -> std::io::Result<()> {
    let mut widths = columns.each_ref().map(|column| measure_text_width(column.header));
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(measure_text_width(cell));
        }
    }
    if let Some(room) = stdout_width() {
        fit(&mut widths, columns, room);
    }
    let line = |cells: &[String; N], header: bool| {
        let shown: Vec<usize> = (0..N).filter(|&n| widths[n] > 0).collect();
        let mut text = String::new();
        for (i, &n) in shown.iter().enumerate() {
            let cut = console::truncate_str(&cells[n], widths[n], "…");
            let padding = if i + 1 == shown.len() { 0 } else { widths[n] - measure_text_width(&cut) + 2 };
            text += &match (header, cut.is_empty()) {
                (_, true) => String::new(),
                (true, false) => bold(&cut),
                (false, false) => (columns[n].paint)(&cut),
            };
            text += &" ".repeat(padding);
        }
        text.trim_end().to_owned()
    };
    if columns.iter().any(|column| !column.header.is_empty()) {
        writeln!(out, "{}", line(&columns.each_ref().map(|column| column.header.to_owned()), true))?;
    }
    for row in rows {
        writeln!(out, "{}", line(row, false))?;
    }
    Ok(())
}

/// Narrows the widest flexible column, a step at a time, until the row fits
/// in `room`: first down to a comfortable width, then, leaving out optional
/// columns (the last first; its width becomes 0), down to a few characters.
fn fit(widths: &mut [usize], columns: &[Column], room: usize) {
    let total = |widths: &[usize]| {
        let shown = widths.iter().filter(|&&w| w > 0).count();
        widths.iter().sum::<usize>() + 2 * shown.saturating_sub(1)
    };
    let narrow = |widths: &mut [usize], floor: usize| {
        while total(widths) > room {
            let flexible = (0..widths.len()).filter(|&n| columns[n].shrinks && widths[n] > floor);
            match flexible.max_by_key(|&n| widths[n]) {
                Some(n) => widths[n] -= 1,
                None => return,
            }
        }
    };
    narrow(widths, 16);
    while total(widths) > room {
        match (0..widths.len()).rev().find(|&n| columns[n].optional && widths[n] > 0) {
            Some(n) => widths[n] = 0,
            None => break,
        }
        narrow(widths, 16);
    }
    narrow(widths, 6);
}
