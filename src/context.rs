//! The settings in force for one command: the journal, the language, the
//! prompt folders and where bezin's files live, settled from flags, the
//! settings file, the environment and the defaults. Built from plain values,
//! so shell completion builds it too without the command line.

use std::path::PathBuf;

use anyhow::{Result, bail};

use crate::catalog::Catalog;
use crate::config::Config;
use crate::draft::Drafts;
use crate::journal::{Damaged, Entry, Journal};
use crate::keys::IdentityPlace;
use crate::lang::Lang;
use crate::paths::Paths;

/// What the command line gave that settles a setting.
#[derive(Default)]
pub struct Given<'a> {
    pub journal: Option<PathBuf>,
    pub lang: Option<Lang>,
    pub prompt_dirs: &'a [PathBuf],
    pub identity: Option<PathBuf>,
}

/// The identity: `--identity`, else `BEZIN_IDENTITY`, else the setting,
/// else `identity.txt` in bezin's settings folder.
fn identity_place(flag: Option<PathBuf>, config: &Config, paths: &Paths) -> IdentityPlace {
    let env = std::env::var_os("BEZIN_IDENTITY").filter(|value| !value.is_empty()).map(PathBuf::from);
    let (path, named_by) = match (flag, env, &config.identity) {
        (Some(path), _, _) => (path, "--identity"),
        (None, Some(path), _) => (path, "BEZIN_IDENTITY"),
        (None, None, Some(path)) => (path.clone(), "the identity setting"),
        (None, None, None) => (paths.identity.clone(), "the default place"),
    };
    IdentityPlace { path, named_by }
}

/// The language bezin speaks: a flag wins over the setting, which wins
/// over the locale; else English.
fn language(flag: Option<Lang>, config: &Config) -> Lang {
    flag.or(config.language).or_else(Lang::from_env).unwrap_or(Lang::En)
}

/// The language bezin speaks before a command's context is settled, for
/// what clap says (help, a mistake on the command line): decided as for a
/// command, settings that cannot be read counting as none.
pub fn language_before_parse(flag: Option<Lang>) -> Lang {
    let config = Paths::from_env().and_then(|paths| Config::load(&paths.config_file, flag));
    language(flag, &config.unwrap_or_default())
}

/// What every command may need: settings, the journal, the language.
pub struct Context {
    pub config: Config,
    pub journal: Journal,
    pub lang: Lang,
    /// The age identity that reads the journal when it is encrypted.
    pub identity: IdentityPlace,
    prompt_dirs: Vec<PathBuf>,
    /// Where things live when no flag or setting moves them.
    pub paths: Paths,
}

impl Context {
    /// The context for a command, from what its flags gave: a journal, a
    /// language, more prompt folders (each must exist), an identity.
    pub fn new(flags: Given) -> Result<Context> {
        let prompt_dirs = flags.prompt_dirs;
        let context = Context::settle(flags)?;
        if let Some(dir) = prompt_dirs.iter().find(|dir| !dir.is_dir()) {
            bail!((context.lang.errors().no_prompt_folder)(&dir.display().to_string()));
        }
        Ok(context)
    }

    /// The context from the settings alone, for shell completion.
    pub fn from_settings() -> Option<Context> {
        Context::settle(Given::default()).ok()
    }

    /// Settles each setting: a flag wins over the settings file, which wins
    /// over the environment and the defaults. The language settled is the
    /// one bezin speaks from then on.
    fn settle(flags: Given) -> Result<Context> {
        let Given { journal, lang, prompt_dirs: more_prompts, identity } = flags;
        let paths = Paths::from_env()?;
        let config = Config::load(&paths.config_file, lang)?;
        let identity = identity_place(identity, &config, &paths);
        let journal = journal.or_else(|| config.journal.clone()).unwrap_or_else(|| paths.journal.clone());
        let lang = language(lang, &config);
        crate::lang::settle_interface(lang);
        let mut prompt_dirs = vec![paths.prompts_dir.clone()];
        prompt_dirs.extend(config.prompt_dirs.iter().cloned());
        prompt_dirs.extend(more_prompts.iter().cloned());
        let journal = Journal::new(journal, paths.state.clone()).with_identity(identity.clone());
        Ok(Context { config, journal, lang, identity, prompt_dirs, paths })
    }

    /// The unfinished reflections.
    pub fn drafts(&self) -> Drafts<'_> {
        Drafts::new(self.paths.drafts.clone(), &self.journal)
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
        let place = self.journal.place();
        move |damaged| {
            let (path, words) = (place.display().to_string(), self.lang.errors());
            if damaged.newer {
                if !newer_said {
                    crate::tell!("{}{}", words.warning, (words.newer_entries)(&path));
                }
                newer_said = true;
                return;
            }
            let check = crate::shell::command("check");
            if self.journal.is_folder() {
                // The line is one of the merged journal's: check names the device's log.
                crate::tell!("{}{}", words.warning, (words.damaged_entry)(&path, &damaged.reason, &check));
                return;
            }
            let line = numbers.of(&damaged);
            crate::tell!("{}{}", words.warning, (words.damaged_line)(&path, line, &damaged.reason, &check));
        }
    }

    /// The entry with this id (or prefix, or `last`).
    pub fn find(&self, id: &str) -> Result<Entry> {
        self.journal.find(id, self.warn_damaged())
    }
}
