//! `bezin run`: walk through a reflection, in the terminal or from an
//! answers file, and save it to the journal. In the terminal every answer is
//! kept in a draft at once, so nothing is lost to Ctrl-C or a crash.

use std::process::ExitCode;

use anyhow::{Result, anyhow, bail};

use crate::answers_file::{self, AnswersFile};
use crate::catalog::Catalog;
use crate::cli::RunArgs;
use crate::context::Context;
use crate::draft::{Draft, Drafts};
use crate::exit_codes;
use crate::follow_through::{self, Closing, Counterparts, Open};
use crate::journal::{self, Entry, MovedAside, tags};
use crate::lang::Lang;
use crate::limits::TooLarge;
use crate::people;
use crate::prompt_set::PromptSet;
use crate::recall::Pending;
use crate::session::{AnswerSource, Reply, Session};
use crate::ui::{self, FollowUpPick, Paused, Terminal};

/// How far back, and how many, prepared conversations a look-back offers.
const OFFERED_DAYS: i64 = 365;
const OFFERED: usize = 9;

pub fn run(context: &Context, args: &RunArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let Some(path) = &args.answers else { return in_terminal(context, &catalog, args) };
    let words = context.lang.commands();
    if args.resume {
        bail!(words.resume_with_answers);
    }
    let set_id =
        args.set.clone().or_else(|| context.config.default_set.clone()).ok_or_else(|| {
            anyhow!((words.name_the_set)(&crate::shell::command("run five-tips --answers answers.toml")))
        })?;
    let set = &catalog.get(&set_id).inspect_err(|_| warn_broken(context.lang, &catalog))?.set;
    let earlier = given_earlier(context, &args.follows)?;
    let started = crate::clock::stamp();
    let mut session = Session::new(set, context.lang);
    let mut answers = AnswersFile::read(path)?;
    answers.all_in(set)?;
    // A name the answers file gives is the one kept.
    let named_in_file = set.person_prompt().is_some_and(|prompt| answers.ids().any(|id| *id == prompt.id));
    if let Some(name) = earlier.iter().find_map(|earlier| person_of(&catalog, earlier))
        && !named_in_file
    {
        session.carry_person(name);
    }
    for earlier in &earlier {
        session.look_back_on(&earlier.set);
    }
    let follows = earlier.into_iter().map(|entry| entry.id).collect();
    session.walk(&mut answers, |_| {})?;
    answers.all_asked(&session)?;
    let entry = entry(&session, started, args.title.clone(), tags(&args.tags), follows);
    let moved = context.journal.append(&entry)?;
    saved(context, &entry, moved, set);
    Ok(ExitCode::SUCCESS)
}

fn in_terminal(context: &Context, catalog: &Catalog, args: &RunArgs) -> Result<ExitCode> {
    if !Terminal::available() {
        let (run, show) =
            (crate::shell::command("run SET --answers answers.toml"), crate::shell::command("sets show SET"));
        bail!((context.lang.commands().no_terminal_run)(&run, &show));
    }
    let terminal = Terminal::new(context.lang, context.config.editor.clone());
    let set_id = match args.set.clone().or_else(|| context.config.default_set.clone()) {
        Some(id) => id,
        None => terminal.pick_set(catalog)?,
    };
    let set = &catalog.get(&set_id).inspect_err(|_| warn_broken(context.lang, catalog))?.set;
    let drafts = context.drafts();
    let given = given_earlier(context, &args.follows)?;
    let mut draft = match draft_to_resume(&drafts, set, args, &given, &terminal)? {
        Some(draft) => draft,
        None => match new_draft(context, catalog, set, args, given, &terminal) {
            Err(err) if err.is::<AllClosed>() => return Ok(ExitCode::SUCCESS),
            draft => draft?,
        },
    };
    let mut terminal = Terminal::new(draft.lang, context.config.editor.clone());
    terminal.resume_typing(draft.typing.clone());
    if !draft.answers.is_empty() {
        ui::on_interrupt(Some(resume_message(&draft)));
    }
    let mut earlier = Vec::new();
    for id in draft.follows.iter().chain(&draft.also_follows) {
        earlier.extend(context.journal.by_id(id, context.warn_damaged())?);
    }
    let looking_back = LookingBack { person: earlier.iter().find_map(|earlier| person_of(catalog, earlier)), earlier };
    let conversed = std::thread::scope(|scope| {
        if set.person_prompt().is_some() {
            terminal.recall(Pending::start(scope, &context.journal, catalog));
        }
        converse(catalog, &mut terminal, set, &drafts, &mut draft, args, &looking_back)
    });
    match conversed {
        Err(err) if err.is::<Paused>() || ui::is_interrupted(&err) => {
            if let Some(typing) = terminal.take_typing() {
                keep_typing(&drafts, &mut draft, typing);
            }
            ui::say_stopped();
            return Ok(ExitCode::from(exit_codes::STOPPED));
        }
        result => result?,
    }
    ui::on_interrupt(None);
    ui::released(|| save(context, &drafts, &draft, set, &looking_back))
}

/// The conversation a reflection looks back on (one preparation of it, or
/// several), and whom it was with.
struct LookingBack {
    earlier: Vec<Entry>,
    person: Option<String>,
}

/// The reflection of `draft` as far as it has come: the person and the
/// set of the conversation it looks back on carry over.
fn session_of<'s>(set: &'s PromptSet, draft: &Draft, looking_back: &LookingBack) -> Session<'s> {
    let mut session = Session::resume(set, draft.lang, draft.answers.clone());
    for earlier in &looking_back.earlier {
        session.look_back_on(&earlier.set);
    }
    if let Some(name) = &looking_back.person {
        session.carry_person(name.clone());
    }
    session
}

fn person_of(catalog: &Catalog, entry: &Entry) -> Option<String> {
    crate::people::PersonPrompts::of(catalog).person_of(entry)
}

/// The draft of this set to go on with: chosen by --resume or --fresh, or
/// by the person when there is one. With entries `given` to follow, only a
/// draft that follows those: another look-back stays a draft of its own.
fn draft_to_resume(
    drafts: &Drafts,
    set: &PromptSet,
    args: &RunArgs,
    given: &[Entry],
    terminal: &Terminal,
) -> Result<Option<Draft>> {
    let follows_given = |draft: &Draft| {
        let follows: Vec<&String> = draft.follows.iter().chain(&draft.also_follows).collect();
        follows.len() == given.len() && given.iter().all(|entry| follows.contains(&&entry.id))
    };
    let latest = match drafts.latest_of(&set.id, |draft| given.is_empty() || follows_given(draft)) {
        Ok(latest) => latest,
        Err(err) if !args.resume => {
            crate::tell!("{}{err:#}", crate::lang::interface().errors().warning);
            None
        }
        Err(err) => return Err(err),
    };
    match (latest, args.resume, args.fresh) {
        (None, true, _) => {
            bail!((crate::lang::interface().commands().nothing_to_resume)(&set.id, &crate::shell::command("drafts")))
        }
        (Some(draft), true, _) => Ok(Some(draft)),
        (Some(draft), false, false) if terminal.offer_resume(&draft)? => Ok(Some(draft)),
        _ => Ok(None),
    }
}

fn new_draft(
    context: &Context,
    catalog: &Catalog,
    set: &PromptSet,
    args: &RunArgs,
    given: Vec<Entry>,
    terminal: &Terminal,
) -> Result<Draft> {
    let follows = if given.is_empty() { offer_earlier(context, catalog, terminal, set)? } else { given };
    let mut follows = follows.into_iter().map(|entry| entry.id);
    let started = crate::clock::stamp();
    Ok(Draft {
        id: journal::new_id(),
        set: set.id.clone(),
        set_version: set.version,
        lang: context.lang,
        started: started.clone(),
        updated: started,
        follows: follows.next(),
        also_follows: follows.collect(),
        answers: Vec::new(),
        title: args.title.clone(),
        tags: tags(&args.tags),
        typing: None,
    })
}

/// The reflection in the terminal: the entry it follows, every prompt, the
/// review of all answers, then a title and tags; the draft kept all along.
fn converse(
    catalog: &Catalog,
    terminal: &mut Terminal,
    set: &PromptSet,
    drafts: &Drafts,
    draft: &mut Draft,
    args: &RunArgs,
    looking_back: &LookingBack,
) -> Result<()> {
    terminal.intro(set)?;
    for earlier in &looking_back.earlier {
        terminal.show_earlier(earlier, &catalog.title(&earlier.set, earlier.lang))?;
    }
    terminal.counterparts(Counterparts::of(&looking_back.earlier, catalog, draft.lang));
    let mut session = session_of(set, draft, looking_back);
    if !draft.answers.is_empty() {
        terminal.so_far(&session)?;
    }
    let mut keeping = Keeping { drafts, warned: false };
    session.walk(terminal, |session| keeping.keep(draft, session))?;
    while let Some(prompt) = terminal.review(&session)? {
        let Reply::Answer(answer) = terminal.answer(&session, prompt)? else { continue };
        if let Err(problem) = session.give(prompt, answer) {
            terminal.refused(problem)?;
            continue;
        }
        keeping.keep(draft, &session);
        session.walk(terminal, |session| keeping.keep(draft, session))?;
    }
    let words = draft.lang.words();
    if args.title.is_none() {
        draft.title = terminal.line(words.title, draft.title.as_deref().unwrap_or_default())?;
        // Kept before the tags are asked, so that a stop there keeps the title.
        keeping.keep(draft, &session);
    }
    if args.tags.is_empty() {
        draft.tags = tags(&[terminal.line(words.tags, &draft.tags.join(", "))?.unwrap_or_default()]);
    }
    keeping.keep(draft, &session);
    Ok(())
}

/// What to say when a reflection stops with its draft on disk.
fn resume_message(draft: &Draft) -> String {
    format!("{}\n  {}", draft.lang.words().kept, crate::shell::command(&format!("run {} --resume", draft.set)))
}

/// Writes the draft after each answer; says once if it cannot. Once a draft
/// is on disk, a stop says how to go on with it.
struct Keeping<'d> {
    drafts: &'d Drafts<'d>,
    warned: bool,
}

impl Keeping<'_> {
    fn keep(&mut self, draft: &mut Draft, session: &Session) {
        draft.answers = session.given();
        draft.typing.take_if(|(prompt, _)| draft.answers.iter().any(|(id, _)| id == prompt));
        draft.updated = crate::clock::stamp();
        match self.drafts.save(draft) {
            Ok(_) => ui::on_interrupt(Some(resume_message(draft))),
            Err(err) if !self.warned => {
                let lang = crate::lang::interface();
                crate::tell!("{}{}", lang.errors().warning, (lang.commands().only_in_memory)(&format!("{err:#}")));
                self.warned = true;
            }
            Err(_) => {}
        }
    }
}

/// Keeps in the draft what was typed of an answer when the person stepped
/// out: the answer itself, when it was given before (going back to it),
/// else as the answer being typed, which the question starts from when the
/// reflection goes on.
fn keep_typing(drafts: &Drafts, draft: &mut Draft, (prompt, text): (String, String)) {
    match draft.answers.iter_mut().find(|(id, _)| *id == prompt) {
        Some((_, answer)) => *answer = Some(crate::answer::Answer::Text(text)),
        None => draft.typing = Some((prompt, text)),
    }
    draft.updated = crate::clock::stamp();
    match drafts.save(draft) {
        Ok(_) => ui::on_interrupt(Some(resume_message(draft))),
        Err(err) => {
            let lang = crate::lang::interface();
            crate::tell!("{}{}", lang.errors().warning, (lang.commands().typed_not_kept)(&format!("{err:#}")));
        }
    }
}

/// Saves the finished draft as an entry; the draft goes only once the entry
/// is on disk. If the journal cannot be written, the draft stays, and if
/// there is no draft either, the answers are printed to keep.
fn save(
    context: &Context,
    drafts: &Drafts,
    draft: &Draft,
    set: &PromptSet,
    looking_back: &LookingBack,
) -> Result<ExitCode> {
    let session = session_of(set, draft, looking_back);
    let follows = draft.follows.iter().chain(&draft.also_follows).cloned().collect();
    let entry = entry(&session, draft.started.clone(), draft.title.clone(), draft.tags.clone(), follows);
    let (words, resume) = (context.lang.commands(), crate::shell::command(&format!("run {} --resume", set.id)));
    let moved = match context.journal.append(&entry) {
        Ok(moved) => moved,
        Err(err) if err.is::<TooLarge>() && drafts.find(&draft.id).is_ok() => {
            return Err(err.context((words.kept_to_shorten)(&resume)));
        }
        Err(err) if drafts.find(&draft.id).is_ok() => return Err(err.context((words.kept_until_writable)(&resume))),
        Err(err) => {
            crate::say!("{}", answers_file::write(&session.given()));
            return Err(err.context(words.printed_above));
        }
    };
    saved(context, &entry, moved, set);
    if let Err(err) = drafts.remove(&draft.id) {
        crate::tell!("{}{err:#}", context.lang.errors().warning);
    }
    Ok(ExitCode::SUCCESS)
}

fn entry(session: &Session, started: String, title: Option<String>, tags: Vec<String>, follows: Vec<String>) -> Entry {
    let set = session.set();
    let mut follows = follows.into_iter();
    Entry {
        format: journal::FORMAT,
        id: journal::new_id(),
        set: set.id.clone(),
        set_version: set.version,
        lang: session.lang(),
        started,
        finished: crate::clock::stamp(),
        title,
        tags,
        follows: follows.next(),
        also_follows: follows.collect(),
        person: session.person(),
        answers: session.recorded(),
        edited: None,
        closed: None,
    }
}

/// Says where the entry went, and for a set with a follow-up, how to
/// reflect afterwards.
fn saved(context: &Context, entry: &Entry, moved: Option<MovedAside>, set: &PromptSet) {
    if let Some(MovedAside { line, path }) = moved {
        let cut_off = (context.lang.commands().cut_off_kept)(line, &path.display().to_string());
        crate::tell!("{}{cut_off}", context.lang.errors().warning);
    }
    crate::say!("{} {} in {}", entry.lang.words().saved, entry.id, context.journal.place().display());
    if let Some(follow_up) = &set.follow_up {
        crate::tell!("{} {}", entry.lang.words().afterwards, crate::shell::command(&format!("run {follow_up}")));
    }
}

/// The entries `--follows` names, each once, in the order given.
fn given_earlier(context: &Context, ids: &[String]) -> Result<Vec<Entry>> {
    let mut earlier: Vec<Entry> = Vec::new();
    for id in ids {
        let entry = context.find(id)?;
        if !earlier.iter().any(|known| known.id == entry.id) {
            earlier.push(entry);
        }
    }
    Ok(earlier)
}

/// For a set that looks back on others (after the conversation), offers
/// the prepared conversations no entry looks back on yet, newest first; one
/// chosen brings the other open ones about the same person to look back on
/// with it, if the person wants. The list also closes one without a
/// look-back, and is offered again after that.
fn offer_earlier(context: &Context, catalog: &Catalog, terminal: &Terminal, set: &PromptSet) -> Result<Vec<Entry>> {
    if catalog.leading_to(&set.id).is_empty() {
        return Ok(Vec::new());
    }
    let since = follow_through::days_ago(OFFERED_DAYS);
    let title = |entry: &Entry| super::title_of(entry, catalog);
    let mut closed_any = false;
    loop {
        let open =
            follow_through::open(&context.journal, catalog, Some(&set.id), since, OFFERED, context.warn_damaged())?;
        if open.is_empty() && closed_any {
            return Err(AllClosed.into());
        }
        if open.is_empty() {
            return Ok(Vec::new());
        }
        let at = match terminal.pick_follow_up(&open, title)? {
            FollowUpPick::Conversation(at) => at,
            FollowUpPick::None => return Ok(Vec::new()),
            FollowUpPick::Close => {
                close_one(context, catalog, terminal, &open)?;
                closed_any = true;
                continue;
            }
        };
        let whom = open[at].person.as_deref().map(people::key);
        let mut earlier = vec![open[at].entry.clone()];
        for other in (0..open.len()).filter(|&n| n != at && whom.is_some()) {
            if open[other].person.as_deref().map(people::key) == whom && terminal.also_follow(&open, other, title)? {
                earlier.push(open[other].entry.clone());
            }
        }
        return Ok(earlier);
    }
}

/// The person closed the last open conversation from the look-back's
/// list: that was what they came for, and the run ends there.
#[derive(Debug)]
struct AllClosed;

impl std::fmt::Display for AllClosed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("every open conversation is closed")
    }
}

impl std::error::Error for AllClosed {}

/// Closes one of the `open` conversations without a look-back, as the
/// person chooses, with a note if they give one.
fn close_one(context: &Context, catalog: &Catalog, terminal: &Terminal, open: &[Open]) -> Result<()> {
    let Some(at) = terminal.pick_to_close(open, |entry| super::title_of(entry, catalog))? else { return Ok(()) };
    let words = context.lang.words();
    let note = terminal.line(words.close_note, "")?;
    let closing = ui::released(|| follow_through::close(&context.journal, catalog, &open[at].entry, note))?;
    if let Closing::Closed(closed) = closing {
        let about = format!("{} {}", context.lang.date(closed.date()), super::title_of(&closed, catalog));
        crate::tell!("{} {}", words.closed_now, ui::one_line(&about));
    }
    Ok(())
}

/// Says which sets were left out because they do not load.
pub(super) fn warn_broken(lang: Lang, catalog: &Catalog) {
    for broken in catalog.broken() {
        crate::tell!("{}{}", lang.errors().warning, (lang.commands().broken_set)(&broken.to_string()));
    }
}
