//! One file per command. Each turns parsed arguments into domain calls and
//! prints the result.

mod list;
mod run;
mod sets;
mod show;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::catalog::Catalog;
use crate::cli::{Cli, Command};
use crate::config::Config;
use crate::journal::Journal;
use crate::lang::Lang;
use crate::paths::Paths;

/// What every command may need: settings, the journal, the language.
pub struct Context {
    pub config: Config,
    pub journal: Journal,
    pub lang: Lang,
    prompt_dirs: Vec<PathBuf>,
}

impl Context {
    /// Settles each setting: a flag wins over the settings file, which wins
    /// over the environment and the defaults.
    fn new(cli: &Cli) -> Result<Context> {
        let paths = Paths::from_env()?;
        let config = Config::load(&paths.config_file)?;
        for dir in &cli.prompt_dirs {
            if !dir.is_dir() {
                bail!("the prompt folder {} does not exist", dir.display());
            }
        }
        let journal = cli.journal.clone().or_else(|| config.journal.clone()).unwrap_or(paths.journal);
        let lang = cli.lang.or(config.language).or_else(Lang::from_env).unwrap_or(Lang::En);
        let mut prompt_dirs = vec![paths.prompts_dir];
        prompt_dirs.extend(config.prompt_dirs.iter().cloned());
        prompt_dirs.extend(cli.prompt_dirs.iter().cloned());
        Ok(Context { config, journal: Journal::new(journal), lang, prompt_dirs })
    }

    /// The built-in sets and the person's own.
    pub fn catalog(&self) -> Result<Catalog> {
        Catalog::load(&self.prompt_dirs)
    }
}

/// Runs the command the person asked for.
pub fn run(cli: Cli) -> Result<ExitCode> {
    let context = Context::new(&cli)?;
    match cli.command {
        Command::Sets(args) => sets::run(&context, args),
        Command::Run(args) => run::run(&context, &args),
        Command::List => list::run(&context),
        Command::Show(args) => show::run(&context, &args),
    }
}
