//! One file per command. Each turns parsed arguments into domain calls and
//! prints the result.

mod check;
mod completions;
mod config;
mod delete;
mod drafts;
mod edit;
mod export;
mod import;
mod list;
mod man;
mod run;
mod search;
mod sets;
mod show;
mod stats;
mod welcome;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::catalog::Catalog;
use crate::cli::{Cli, Command, FilterArgs};
use crate::config::Config;
use crate::draft::Drafts;
use crate::filter::Filter;
use crate::journal::{Damaged, Entry, Journal};
use crate::lang::Lang;
use crate::paths::Paths;

/// What every command may need: settings, the journal, the language.
pub struct Context {
    pub config: Config,
    pub journal: Journal,
    pub lang: Lang,
    prompt_dirs: Vec<PathBuf>,
    /// Where things live when no flag or setting moves them.
    pub paths: Paths,
}

impl Context {
    fn new(cli: &Cli) -> Result<Context> {
        for dir in &cli.prompt_dirs {
            if !dir.is_dir() {
                bail!("the prompt folder {} does not exist", dir.display());
            }
        }
        Context::settle(cli.journal.clone(), cli.lang, &cli.prompt_dirs)
    }

    /// The context from the settings alone, for shell completion.
    pub fn from_settings() -> Option<Context> {
        Context::settle(None, None, &[]).ok()
    }

    /// Settles each setting: a flag wins over the settings file, which wins
    /// over the environment and the defaults.
    fn settle(journal: Option<PathBuf>, lang: Option<Lang>, more_prompts: &[PathBuf]) -> Result<Context> {
        let paths = Paths::from_env()?;
        let config = Config::load(&paths.config_file)?;
        let journal = journal.or_else(|| config.journal.clone()).unwrap_or_else(|| paths.journal.clone());
        let lang = lang.or(config.language).or_else(Lang::from_env).unwrap_or(Lang::En);
        let mut prompt_dirs = vec![paths.prompts_dir.clone()];
        prompt_dirs.extend(config.prompt_dirs.iter().cloned());
        prompt_dirs.extend(more_prompts.iter().cloned());
        Ok(Context { config, journal: Journal::new(journal), lang, prompt_dirs, paths })
    }

    /// The unfinished reflections.
    pub fn drafts(&self) -> Drafts {
        Drafts::new(self.paths.drafts.clone())
    }

    /// The built-in sets and the person's own.
    pub fn catalog(&self) -> Result<Catalog> {
        Catalog::load(&self.prompt_dirs)
    }

    /// Says on stderr that a damaged journal line was skipped, and once that
    /// entries of a newer bezin were left out.
    pub fn warn_damaged(&self) -> impl FnMut(Damaged) + '_ {
        let mut numbers = self.journal.numbers();
        let mut newer_said = false;
        move |damaged| {
            let path = self.journal.path().display();
            if damaged.newer {
                if !newer_said {
                    crate::tell!(
                        "bezin: warning: {path} holds entries written by a newer bezin; they are left out here"
                    );
                }
                newer_said = true;
                return;
            }
            let line = numbers.of(&damaged);
            crate::tell!(
                "bezin: warning: {path}:{line}: skipped a damaged line ({}); bezin check tells more",
                damaged.reason
            );
        }
    }

    /// The entry with this id (or prefix, or `last`).
    pub fn find(&self, id: &str) -> Result<Entry> {
        self.journal.find(id, self.warn_damaged())
    }
}

/// The filter the flags describe, with dates read against today.
pub fn filter(args: &FilterArgs) -> Result<Filter> {
    let today = crate::clock::now().date();
    Filter::new(args.set.clone(), &args.tags, args.since.as_deref(), args.until.as_deref(), today)
}

/// The title to show for an entry: its own, else its set's.
pub fn title_of(entry: &Entry, catalog: &Catalog) -> String {
    entry.title.clone().unwrap_or_else(|| catalog.title(&entry.set, entry.lang))
}

/// Runs the command the person asked for.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let context = Context::new(&cli)?;
    let flags = config::Flags::of(&cli);
    let lang_flag = cli.lang;
    let Some(command) = cli.command else { return welcome::run(&context) };
    match command {
        Command::Sets(args) => sets::run(&context, args),
        Command::Run(args) => run::run(&context, &args),
        Command::List(args) => list::run(&context, &args),
        Command::Show(args) => show::run(&context, &args, lang_flag),
        Command::Search(args) => search::run(&context, &args),
        Command::Edit(args) => edit::run(&context, &args),
        Command::Delete(args) => delete::run(&context, &args),
        Command::Export(args) => export::run(&context, &args),
        Command::Import(args) => import::run(&context, &args),
        Command::Drafts(args) => drafts::run(&context, &args),
        Command::Check => check::run(&context),
        Command::Stats(args) => stats::run(&context, &args),
        Command::Config(args) => config::run(&context, &flags, &args),
        Command::Completions { shell } => completions::run(shell),
        Command::Man => man::run(),
    }
}
