//! `bezin edit ID`: change an entry's answers, title or tags, from flags and
//! an answers file, or in the terminal with the widget of each answer's kind.

use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};

use super::run::{now, tags};
use super::{Context, read_answers};
use crate::cli::EditArgs;
use crate::journal::{Change, Entry, Recorded};
use crate::prompt_set::{Kind, Prompt};
use crate::session::{answer_from_toml, answer_from_value, value_of};
use crate::ui::Terminal;

pub fn run(context: &Context, args: &EditArgs) -> Result<ExitCode> {
    let original = context.find(&args.id)?;
    let catalog = context.catalog()?;
    let set = catalog.get(&original.set).ok().map(|available| &available.set);
    let prompt_for = |recorded: &Recorded| {
        set.and_then(|set| set.prompt(&recorded.prompt)).cloned().unwrap_or_else(|| prompt_from(recorded))
    };
    let from_flags = args.title.is_some() || !args.tags.is_empty() || args.answers.is_some();
    let changed = if from_flags {
        // The flags apply to the entry as it is once the journal is locked.
        context.journal.change(&original.id, |current| {
            let mut entry = current.clone();
            apply_flags(&mut entry, args, prompt_for)?;
            Ok(if entry == current { Change::Keep } else { Change::Replace(Box::new(edited(entry))) })
        })?
    } else if Terminal::available() {
        let mut terminal = Terminal::new(original.lang, context.config.editor.clone());
        let mut entry = original.clone();
        converse(&mut terminal, &mut entry, prompt_for)?
            && entry != original
            && save(context, &terminal, original.clone(), entry)?
    } else {
        bail!("no terminal to edit in; give the changes with --title, --tag or --answers FILE");
    };
    if changed {
        crate::say!("Changed {} in {}", original.id, context.journal.path().display());
    } else {
        crate::tell!("Nothing changed.");
    }
    Ok(ExitCode::SUCCESS)
}

fn edited(mut entry: Entry) -> Entry {
    entry.edited = Some(now());
    entry
}

/// Saves what the person changed in the terminal, unless another bezin
/// changed the entry meanwhile: then it says so and asks, never
/// overwriting silently. Returns whether the journal changed.
fn save(context: &Context, terminal: &Terminal, mut original: Entry, entry: Entry) -> Result<bool> {
    let entry = edited(entry);
    loop {
        let mut meanwhile = None;
        let changed = context.journal.change(&original.id, |current| {
            if current == original {
                return Ok(Change::Replace(Box::new(entry.clone())));
            }
            meanwhile = Some(current);
            Ok(Change::Keep)
        })?;
        let Some(current) = meanwhile else { return Ok(changed) };
        crate::tell!("The entry {} was changed elsewhere while you edited it.", original.id);
        if !terminal.agree("Save your version over that change?")? {
            return Ok(false);
        }
        original = current;
    }
}

fn apply_flags(entry: &mut Entry, args: &EditArgs, prompt_for: impl Fn(&Recorded) -> Prompt) -> Result<()> {
    if let Some(title) = &args.title {
        entry.title = Some(title.trim().to_owned()).filter(|title| !title.is_empty());
    }
    if !args.tags.is_empty() {
        entry.tags = tags(&args.tags);
    }
    let Some(path) = &args.answers else { return Ok(()) };
    let (values, origin) = read_answers(path)?;
    for (id, value) in &values {
        let Some(recorded) = entry.answers.iter_mut().find(|recorded| &recorded.prompt == id) else {
            let ids: Vec<&str> = entry.answers.iter().map(|recorded| recorded.prompt.as_str()).collect();
            bail!("{origin}: the entry {} has no answer to '{id}'; it has {}", entry.id, ids.join(", "));
        };
        let prompt = prompt_for(recorded);
        let answer = answer_from_toml(&prompt, value)
            .map_err(|message| anyhow!("{origin}: answer to '{id}': {message}"))?
            .ok_or_else(|| anyhow!("{origin}: answer to '{id}' is empty; an answer cannot be removed by editing"))?;
        recorded.answer = value_of(&prompt, &answer, entry.lang);
    }
    Ok(())
}

/// The terminal's way: pick what to change until "save"; false on "cancel".
fn converse(terminal: &mut Terminal, entry: &mut Entry, prompt_for: impl Fn(&Recorded) -> Prompt) -> Result<bool> {
    loop {
        let mut items = vec!["Save".to_owned(), "Cancel".to_owned()];
        items.push(format!("Title: {}", entry.title.as_deref().unwrap_or("(none)")));
        items.push(format!("Tags: {}", entry.tags.join(", ")));
        items.extend(entry.answers.iter().enumerate().map(|(n, recorded)| {
            let question = console::truncate_str(&recorded.question, 40, "…");
            format!("{}. {question} → {}", n + 1, first_line(&recorded.show(entry.lang)))
        }));
        match terminal.choose(&format!("Change entry {}", entry.id), &items)? {
            0 => return Ok(true),
            1 => return Ok(false),
            2 => entry.title = terminal.line("Title", entry.title.as_deref().unwrap_or_default())?,
            3 => entry.tags = tags(&[terminal.line("Tags", &entry.tags.join(", "))?.unwrap_or_default()]),
            n => {
                let recorded = &mut entry.answers[n - 4];
                let prompt = prompt_for(recorded);
                let current = answer_from_value(&prompt, &recorded.answer, entry.lang);
                if let Some(answer) = terminal.change(&prompt, &recorded.question, current.as_ref())? {
                    recorded.answer = value_of(&prompt, &answer, entry.lang);
                }
            }
        }
    }
}

fn first_line(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let more = if text.lines().count() > 1 { " …" } else { "" };
    format!("{}{more}", console::truncate_str(line, 25, "…"))
}

/// A prompt to edit an answer whose set (or prompt) is no longer there:
/// the kind from the journal, and for a choice or multi, free text.
fn prompt_from(recorded: &Recorded) -> Prompt {
    let kind = match (recorded.kind.as_str(), recorded.range) {
        ("long", _) => Kind::Long,
        ("scale", Some((min, max))) => Kind::Scale { min, max, min_label: None, max_label: None },
        ("confirm", _) => Kind::Confirm,
        _ => Kind::Text,
    };
    Prompt {
        id: recorded.prompt.clone(),
        kind,
        ask: crate::lang::Text::Plain(recorded.question.clone()),
        hint: None,
        required: true,
        when: None,
    }
}
