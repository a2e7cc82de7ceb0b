//! One file per command. Each turns parsed arguments into domain calls and
//! prints the result.

mod about;
mod browse;
mod check;
mod completions;
mod config;
mod decrypt;
mod delete;
mod done;
mod drafts;
mod edit;
mod encrypt;
mod export;
mod import;
mod list;
mod man;
mod people;
mod run;
mod search;
mod sets;
mod show;
mod stats;
mod welcome;

use std::process::ExitCode;

use anyhow::Result;

use crate::catalog::Catalog;
use crate::cli::{Cli, Command, FilterArgs};
use crate::context::Context;
use crate::filter::Filter;
use crate::journal::Entry;

/// The filter the flags describe, with dates read against today.
pub fn filter(args: &FilterArgs, catalog: &Catalog) -> Result<Filter> {
    let today = crate::clock::now().date();
    let filter = Filter::new(args.set.clone(), &args.tags, args.since.as_deref(), args.until.as_deref(), today)?;
    Ok(match &args.person {
        Some(name) => filter.about(name, crate::people::PersonPrompts::of(catalog)),
        None => filter,
    })
}

/// An entry as `--json` gives it: in the current journal format, a choice
/// of format 1 with the option id its set still has (or its label alone).
pub fn current_form(mut entry: Entry, catalog: &Catalog) -> Entry {
    if entry.format < crate::journal::FORMAT {
        entry.upgrade(catalog.find(&entry.set).map(|available| &available.set));
    }
    entry
}

/// What a command that shows entries says when it shows none: `none`,
/// which says how a reflection starts the journal, or, when some entries
/// were asked for, that none matches and how to see them all.
pub fn nothing_shown(words: &crate::lang::Words, filter: &Filter, none: &str) -> String {
    if filter.keeps_all() {
        none.replace("{command}", &crate::shell::command("run five-tips"))
    } else {
        words.nothing_matches.replace("{command}", &crate::shell::command("list"))
    }
}

/// The title to show for an entry: its own, else its set's.
pub fn title_of(entry: &Entry, catalog: &Catalog) -> String {
    entry.title.clone().unwrap_or_else(|| catalog.title(&entry.set, entry.lang))
}

/// Notes the global flags given, which every command bezin suggests carries.
fn note_flags(cli: &Cli) {
    let path = |name, path: &std::path::PathBuf| (name, path.to_string_lossy().into_owned());
    let mut flags: Vec<(&str, String)> = Vec::new();
    flags.extend(cli.lang.map(|lang| ("--lang", lang.code().to_owned())));
    flags.extend(cli.journal.as_ref().map(|journal| path("--journal", journal)));
    flags.extend(cli.prompt_dirs.iter().map(|dir| path("--prompts", dir)));
    flags.extend(cli.identity.as_ref().map(|identity| path("--identity", identity)));
    crate::shell::note_flags(&flags);
}

/// Runs the command the person asked for.
pub fn run(cli: Cli) -> Result<ExitCode> {
    note_flags(&cli);
    let context = Context::new(crate::context::Given {
        journal: cli.journal.clone(),
        lang: cli.lang,
        prompt_dirs: &cli.prompt_dirs,
        identity: cli.identity.clone(),
    })?;
    let flags = config::Flags::of(&cli);
    let lang_flag = cli.lang;
    let Some(command) = cli.command else { return welcome::run(&context) };
    let done = run_command(&context, command, &flags, lang_flag);
    if context.journal.migrated() {
        crate::tell!("{}", (context.lang.commands().migrated)(&context.journal.place().display().to_string()));
    }
    done
}

fn run_command(
    context: &Context,
    command: Command,
    flags: &config::Flags,
    lang_flag: Option<crate::lang::Lang>,
) -> Result<ExitCode> {
    match command {
        Command::Sets(args) => sets::run(context, args),
        Command::Run(args) => run::run(context, &args),
        Command::List(args) => list::run(context, &args),
        Command::Show(args) => show::run(context, &args, lang_flag),
        Command::Search(args) => search::run(context, &args),
        Command::Browse => browse::run(context),
        Command::Edit(args) => edit::run(context, &args),
        Command::Done(args) => done::run(context, &args),
        Command::Delete(args) => delete::run(context, &args),
        Command::Export(args) => export::run(context, &args),
        Command::Import(args) => import::run(context, &args),
        Command::Drafts(args) => drafts::run(context, &args),
        Command::Check => check::run(context),
        Command::Encrypt(args) => encrypt::run(context, &args),
        Command::Decrypt(args) => decrypt::run(context, &args),
        Command::People(args) => people::run(context, &args),
        Command::About(args) => about::run(context, &args),
        Command::Stats(args) => stats::run(context, &args),
        Command::Config(args) => config::run(context, flags, &args),
        Command::Completions { shell } => completions::run(shell),
        Command::Man => man::run(context),
    }
}
