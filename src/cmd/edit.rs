//! `bezin edit ID`: change an entry's answers, title or tags, from flags and
//! an answers file, or in the terminal with the widget of each answer's kind.
//! Every kind of answer can be changed, also when its set is gone.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};

use crate::answer::{Answer, Picked};
use crate::answers_file::AnswersFile;
use crate::catalog::Catalog;
use crate::cli::EditArgs;
use crate::context::Context;
use crate::journal::{Change, Entry, Recorded, tags};
use crate::lang::{Lang, Text};
use crate::limits;
use crate::prompt_set::{Choice, Kind, KindName, Prompt, PromptSet};
use crate::ui::{self, Paused, Terminal};

pub fn run(context: &Context, args: &EditArgs) -> Result<ExitCode> {
    let original = context.find(&args.id)?;
    let catalog = context.catalog()?;
    let editing = Editing::of(context, &catalog, &original)?;
    let from_flags = args.title.is_some() || !args.tags.is_empty() || args.answers.is_some();
    let said = context.lang.outcomes();
    let changed = if from_flags {
        let answers = args.answers.as_deref().map(AnswersFile::read).transpose()?;
        // The flags apply to the entry as it is once the journal is locked.
        context.journal.change(&original.id, |current| {
            let mut entry = current.clone();
            apply_flags(&mut entry, args, answers.as_ref(), &editing)?;
            Ok(if entry == current { Change::Keep } else { Change::Replace(Box::new(editing.edited(entry))) })
        })?
    } else if Terminal::available() {
        let mut terminal = Terminal::new(original.lang, context.config.editor.clone());
        let mut entry = original.clone();
        let keep = match converse(&mut terminal, &mut entry, &editing) {
            Err(err) if err.is::<Paused>() => entry != original && save_on_leaving(&terminal, entry.lang)?,
            keep => keep?,
        };
        if !keep && entry != original {
            crate::tell!("{}", said.not_saved);
            return Ok(ExitCode::SUCCESS);
        }
        keep && entry != original && save(context, &terminal, original.clone(), &editing.edited(entry))?
    } else {
        bail!(context.lang.commands().no_terminal_edit);
    };
    if changed {
        crate::say!("{}", (said.changed)(&original.id, &context.journal.place().display().to_string()));
    } else {
        crate::tell!("{}", said.nothing_changed);
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether to save the changes made when the person left the menu with
/// Esc: yes unless they say no; Esc again leaves them unsaved.
fn save_on_leaving(terminal: &Terminal, lang: Lang) -> Result<bool> {
    match terminal.approve(lang.words().save_changes) {
        Err(err) if err.is::<Paused>() => Ok(false),
        keep => keep,
    }
}

/// Saves what the person changed in the terminal, unless another bezin
/// changed the entry meanwhile: then it says so and asks, never
/// overwriting silently. Returns whether the journal changed.
fn save(context: &Context, terminal: &Terminal, mut original: Entry, entry: &Entry) -> Result<bool> {
    let words = original.lang.words();
    loop {
        let mut meanwhile = None;
        let changed = ui::released(|| {
            context.journal.change(&original.id, |current| {
                if current == original {
                    return Ok(Change::Replace(Box::new(entry.clone())));
                }
                meanwhile = Some(current);
                Ok(Change::Keep)
            })
        })?;
        let Some(current) = meanwhile else { return Ok(changed) };
        crate::tell!("{}: {}", original.id, words.changed_meanwhile);
        if !terminal.agree(words.save_over)? {
            return Ok(false);
        }
        original = current;
    }
}

fn apply_flags(entry: &mut Entry, args: &EditArgs, answers: Option<&AnswersFile>, editing: &Editing) -> Result<()> {
    if let Some(title) = &args.title {
        entry.title = Some(title.trim().to_owned()).filter(|title| !title.is_empty());
    }
    if !args.tags.is_empty() {
        entry.tags = tags(&args.tags);
    }
    let Some(file) = answers else { return Ok(()) };
    let lang = entry.lang;
    let words = crate::lang::interface().commands();
    for id in file.ids() {
        let Some(recorded) = entry.answers.iter_mut().find(|recorded| &recorded.prompt == id) else {
            let ids: Vec<&str> = entry.answers.iter().map(|recorded| recorded.prompt.as_str()).collect();
            bail!((words.no_such_answer)(&file.origin, &entry.id, id, &ids.join(", ")));
        };
        let prompt = editing.prompt_for(recorded);
        let answer = file.answer_to(&prompt, lang)?.ok_or_else(|| anyhow!((words.empty_answer)(&file.origin, id)))?;
        recorded.answer = editing.settle(answer);
    }
    Ok(())
}

/// The terminal's way: pick what to change until "save"; false on "cancel".
/// The menu speaks the entry's language.
fn converse(terminal: &mut Terminal, entry: &mut Entry, editing: &Editing) -> Result<bool> {
    let words = entry.lang.words();
    loop {
        let mut items = vec![words.save.to_owned(), words.cancel.to_owned()];
        items.push(format!("{}: {}", words.title_short, entry.title.as_deref().unwrap_or(words.none)));
        items.push(format!("{}: {}", words.tags_short, entry.tags.join(", ")));
        items.extend(entry.answers.iter().enumerate().map(|(n, recorded)| {
            let question = ui::truncate(&recorded.question, 40);
            format!("{}. {question} → {}", n + 1, first_line(&recorded.show(entry.lang)))
        }));
        match terminal.choose(&format!("{} {}", words.edit_entry, entry.id), &items)? {
            0 => return Ok(true),
            1 => return Ok(false),
            2 => entry.title = terminal.line(words.title_short, entry.title.as_deref().unwrap_or_default())?,
            3 => entry.tags = tags(&[terminal.line(words.tags_short, &entry.tags.join(", "))?.unwrap_or_default()]),
            n => {
                let recorded = &entry.answers[n - 4];
                let prompt = editing.prompt_for(recorded);
                let current = recorded.answer.in_terms_of(&prompt, entry.lang);
                if let Some(answer) = terminal.change(&prompt, &recorded.question, Some(&current))? {
                    let before = std::mem::replace(&mut entry.answers[n - 4].answer, editing.settle(answer));
                    if let Err(too_large) = limits::entry_line(entry.to_line().len()) {
                        entry.answers[n - 4].answer = before;
                        crate::tell!("{}", (crate::lang::interface().commands().answer_stays)(&too_large.to_string()));
                    }
                }
            }
        }
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let more = if text.lines().count() > 1 { " …" } else { "" };
    format!("{}{more}", ui::truncate(line, 25))
}

/// What the answers of one entry are edited with: the prompts of its set,
/// or where the set (or a prompt) is gone, prompts made from the journal.
struct Editing {
    set: Option<PromptSet>,
    /// For a choice or multi prompt that is gone: the options its answers
    /// picked anywhere in the journal, by set and prompt.
    seen: Vec<(String, Vec<Picked>)>,
}

impl Editing {
    fn of(context: &Context, catalog: &Catalog, entry: &Entry) -> Result<Editing> {
        let set = catalog.find(&entry.set).map(|available| available.set.clone());
        let gone: Vec<&Recorded> = entry
            .answers
            .iter()
            .filter(|r| matches!(r.answer, Answer::Choice(_) | Answer::Multi(_)))
            .filter(|r| set.as_ref().is_none_or(|set| set.prompt(&r.prompt).is_none()))
            .collect();
        let mut seen: Vec<(String, Vec<Picked>)> = gone.iter().map(|r| (r.prompt.clone(), Vec::new())).collect();
        if !seen.is_empty() {
            context.journal.each(
                |other| {
                    if other.set == entry.set {
                        gather(&mut seen, &other, entry.lang);
                    }
                    Ok(ControlFlow::Continue(()))
                },
                context.warn_damaged(),
            )?;
        }
        Ok(Editing { set, seen })
    }

    /// The prompt an answer is edited with: its set's, or one made from the
    /// journal: the kind as recorded and, for a choice or multi, every
    /// option the journal has seen picked for it.
    fn prompt_for(&self, recorded: &Recorded) -> Prompt {
        if let Some(prompt) = self.set.as_ref().and_then(|set| set.prompt(&recorded.prompt)) {
            return prompt.clone();
        }
        let options = || -> Vec<Choice> {
            let seen = self.seen.iter().find(|(id, _)| *id == recorded.prompt).map_or(&[][..], |(_, seen)| seen);
            seen.iter()
                .map(|p| Choice { id: p.key().to_owned(), label: Text::Plain(p.label.clone()), formerly: Vec::new() })
                .collect()
        };
        let kind = match (&recorded.answer, recorded.range) {
            (Answer::Choice(_), _) => Kind::Choice(options()),
            (Answer::Multi(_), _) => Kind::Multi(options()),
            (Answer::Number(_), Some((min, max))) if min < max => {
                Kind::Scale { min, max, min_label: None, max_label: None }
            }
            (Answer::Bool(_), _) => Kind::Confirm,
            (Answer::Text(text), _)
                if KindName::parse(&recorded.kind) == Some(KindName::Long) || text.contains('\n') =>
            {
                Kind::Long
            }
            _ => Kind::Text,
        };
        Prompt {
            id: recorded.prompt.clone(),
            kind,
            ask: Text::Plain(recorded.question.clone()),
            hint: None,
            required: true,
            when: None,
            person: false,
            recap: false,
            compare: None,
            next_step: false,
        }
    }

    /// The entry as an edit saves it: in the current format, choices of
    /// format 1 with their option ids where the set has them, and the time.
    fn edited(&self, mut entry: Entry) -> Entry {
        entry.upgrade(self.set.as_ref());
        // Whom it is about is what the answer that names them says now.
        let person_prompt = self.set.as_ref().and_then(PromptSet::person_prompt);
        if let Some(named) = person_prompt.and_then(|prompt| entry.answers.iter().find(|r| r.prompt == prompt.id)) {
            entry.person = named.answer.as_name();
        }
        entry.edited = Some(crate::clock::stamp());
        entry
    }

    /// An answer from a prompt made from the journal: an option that was
    /// known by its label alone stays so, never given a made-up id.
    fn settle(&self, answer: Answer) -> Answer {
        let label_only: HashSet<&str> =
            self.seen.iter().flat_map(|(_, seen)| seen).filter(|p| p.id.is_none()).map(|p| p.label.as_str()).collect();
        let settle = |picked: Picked| match &picked.id {
            Some(id) if label_only.contains(id.as_str()) => Picked::label(picked.label),
            _ => picked,
        };
        match answer {
            Answer::Choice(picked) => Answer::Choice(settle(picked)),
            Answer::Multi(picked) => Answer::Multi(picked.into_iter().map(settle).collect()),
            other => other,
        }
    }
}

/// Adds the options `entry` picked for the prompts in `seen`, each once,
/// labelled as an entry in `lang` showed it when one did.
fn gather(seen: &mut [(String, Vec<Picked>)], entry: &Entry, lang: Lang) {
    for (prompt, options) in seen.iter_mut() {
        let Some(recorded) = entry.answers.iter().find(|r| &r.prompt == prompt) else { continue };
        let picked = match &recorded.answer {
            Answer::Choice(one) => std::slice::from_ref(one),
            Answer::Multi(many) => many.as_slice(),
            _ => continue,
        };
        for p in picked {
            match options.iter_mut().find(|o| o.key() == p.key()) {
                Some(known) if entry.lang == lang => known.label.clone_from(&p.label),
                Some(_) => {}
                None => options.push(p.clone()),
            }
        }
    }
}
