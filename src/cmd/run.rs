//! `bezin run`: walk through a reflection, in the terminal or from an
//! answers file, and save it to the journal.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};

use super::{Context, read_answers};
use crate::catalog::Catalog;
use crate::cli::RunArgs;
use crate::journal::{self, Entry};
use crate::prompt_set::{Prompt, PromptSet};
use crate::session::{Answer, AnswerSource, Session, answer_from_toml};
use crate::ui::Terminal;

pub fn run(context: &Context, args: &RunArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let interactive = args.answers.is_none();
    if interactive && !Terminal::available() {
        bail!(
            "no terminal to ask the questions in; to run without one, give the answers in a file: \
             bezin run SET --answers answers.toml (bezin sets show SET lists the prompt ids)"
        );
    }
    let terminal = Terminal::new(context.lang, context.config.editor.clone());
    let set_id = match args.set.clone().or_else(|| context.config.default_set.clone()) {
        Some(id) => id,
        None if interactive => terminal.pick_set(&catalog)?,
        None => bail!("name the set to run with --answers, like: bezin run five-tips --answers answers.toml"),
    };
    let set = &catalog.get(&set_id).inspect_err(|_| warn_broken(&catalog))?.set;
    let follows = args.follows.as_deref().map(|id| context.find(id)).transpose()?;
    let started = now();
    let mut session = Session::new(set, context.lang);
    let (follows, title, tags) = match &args.answers {
        Some(path) => {
            let mut answers = FileAnswers::read(path, set)?;
            session.walk(&mut answers)?;
            answers.all_asked(&session)?;
            (follows, args.title.clone(), tags(&args.tags))
        }
        None => converse(context, &catalog, terminal, &mut session, follows, args)?,
    };
    let entry = Entry {
        format: journal::FORMAT,
        id: journal::new_id(),
        set: set.id.clone(),
        set_version: set.version,
        lang: context.lang,
        started,
        finished: now(),
        title,
        tags,
        follows: follows.map(|entry| entry.id),
        answers: session.recorded(),
        edited: None,
    };
    context.journal.append(&entry)?;
    println!("{} {} in {}", context.lang.words().saved, entry.id, context.journal.path().display());
    Ok(ExitCode::SUCCESS)
}

/// The reflection in the terminal: the entry it follows, every prompt, the
/// review of all answers, then a title and tags.
fn converse(
    context: &Context,
    catalog: &Catalog,
    mut terminal: Terminal,
    session: &mut Session,
    follows: Option<Entry>,
    args: &RunArgs,
) -> Result<(Option<Entry>, Option<String>, Vec<String>)> {
    let set = session.set();
    terminal.intro(set)?;
    let follows = match follows {
        Some(entry) => Some(entry),
        None => offer_earlier(context, catalog, &terminal, set)?,
    };
    if let Some(entry) = &follows {
        terminal.show_earlier(entry, &set_title(catalog, entry))?;
    }
    session.walk(&mut terminal)?;
    while let Some(prompt) = terminal.review(session)? {
        let answer = terminal.answer(session, prompt)?;
        session.give(prompt, answer)?;
        session.walk(&mut terminal)?;
    }
    let words = context.lang.words();
    let title = match &args.title {
        Some(title) => Some(title.clone()),
        None => terminal.line(words.title, "")?,
    };
    let tags = if args.tags.is_empty() {
        tags(&[terminal.line(words.tags, "")?.unwrap_or_default()])
    } else {
        tags(&args.tags)
    };
    Ok((follows, title, tags))
}

/// For a set that follows others (after the conversation), offers the
/// latest entry of those sets.
fn offer_earlier(context: &Context, catalog: &Catalog, terminal: &Terminal, set: &PromptSet) -> Result<Option<Entry>> {
    let leading = catalog.leading_to(&set.id);
    if leading.is_empty() {
        return Ok(None);
    }
    let Some(entry) = context.journal.newest(|entry| leading.contains(&entry.set.as_str()), context.warn_damaged())?
    else {
        return Ok(None);
    };
    let accepted = terminal.offer_follow_up(&entry, &set_title(catalog, &entry))?;
    Ok(accepted.then_some(entry))
}

fn set_title(catalog: &Catalog, entry: &Entry) -> String {
    catalog
        .get(&entry.set)
        .map_or_else(|_| entry.set.clone(), |available| available.set.title.get(entry.lang).to_owned())
}

fn warn_broken(catalog: &Catalog) {
    for broken in &catalog.broken {
        eprintln!("bezin: warning: left out a set that does not load:\n{broken}");
    }
}

/// Tags as typed, split on commas, without a leading '#', each once.
pub fn tags(given: &[String]) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in given.iter().flat_map(|tags| tags.split(',')) {
        let tag = tag.trim().trim_start_matches('#').trim();
        if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
            tags.push(tag.to_owned());
        }
    }
    tags
}

pub fn now() -> String {
    jiff::ZonedDateTime::now().strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

/// Answers from a TOML file: `prompt-id = answer`.
struct FileAnswers {
    values: toml::Table,
    origin: String,
}

impl FileAnswers {
    fn read(path: &Path, set: &PromptSet) -> Result<FileAnswers> {
        let (values, origin) = read_answers(path)?;
        if let Some(unknown) = values.keys().find(|id| set.prompt(id).is_none()) {
            let ids: Vec<&str> = set.prompts.iter().map(|prompt| prompt.id.as_str()).collect();
            bail!("{origin}: the set '{}' has no prompt '{unknown}'; its prompts are {}", set.id, ids.join(", "));
        }
        Ok(FileAnswers { values, origin })
    }

    /// Every answer given must belong to a prompt that was asked.
    fn all_asked(&self, session: &Session) -> Result<()> {
        for id in self.values.keys() {
            let Some(prompt) = session.set().prompt(id) else { continue };
            if let (false, Some(when)) = (session.applies(prompt), &prompt.when) {
                bail!(
                    "{}: '{id}' has an answer, but it is only asked when '{}' is {}; remove it or change that answer",
                    self.origin,
                    when.prompt,
                    when.equals
                );
            }
        }
        Ok(())
    }
}

impl AnswerSource for FileAnswers {
    fn answer(&mut self, _session: &Session, prompt: &Prompt) -> Result<Option<Answer>> {
        let Some(value) = self.values.get(&prompt.id) else {
            if prompt.required {
                bail!("{}: no answer for the required prompt '{}'", self.origin, prompt.id);
            }
            return Ok(None);
        };
        answer_from_toml(prompt, value)
            .map_err(|message| anyhow!("{}: answer to '{}': {message}", self.origin, prompt.id))
    }
}
