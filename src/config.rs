//! The person's settings in `config.toml`. Every key is optional; an unknown
//! key or a wrong type is an error with its line and column.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use serde::Deserialize;

use crate::lang::Lang;
use crate::{limits, paths, whole_file};

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The language of the prompts when `--lang` is not given.
    pub language: Option<Lang>,
    /// The journal file, instead of the default place.
    pub journal: Option<PathBuf>,
    /// The set `bezin run` starts when no set is named.
    pub default_set: Option<String>,
    /// The editor for long answers, instead of `$VISUAL` or `$EDITOR`.
    pub editor: Option<String>,
    /// The age identity that reads an encrypted journal.
    pub identity: Option<PathBuf>,
    /// More folders of prompt sets, besides the `prompts/` folder.
    #[serde(default)]
    pub prompt_dirs: Vec<PathBuf>,
}

impl Config {
    /// Reads `path`; a missing file means the defaults. What is wrong with
    /// it is said in the language of the `flag`, else of the file's own
    /// `language` when that much can be read, else of the environment.
    pub fn load(path: &Path, flag: Option<Lang>) -> Result<Config> {
        let lang = |src: &str| flag.or_else(|| language_in(src)).or_else(Lang::from_env).unwrap_or(Lang::En);
        let read = whole_file::read_regular(path, limits::SETTINGS)
            .and_then(|bytes| whole_file::text(bytes).map_err(std::io::Error::from));
        let src = match read {
            Ok(src) => src,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(err) => {
                let lang = lang("");
                return Err(err).with_context(|| (lang.errors().unreadable_settings)(&path.display().to_string()));
            }
        };
        let mut config: Config = toml::from_str(&src)
            .map_err(|err| anyhow!(crate::toml_error::located(&path.display().to_string(), &src, &err, lang(&src))))?;
        let folder = path.parent().unwrap_or(Path::new("."));
        config.journal = config.journal.map(|journal| paths::expand(&journal, folder));
        config.identity = config.identity.map(|identity| paths::expand(&identity, folder));
        config.prompt_dirs = config.prompt_dirs.iter().map(|dir| paths::expand(dir, folder)).collect();
        Ok(config)
    }
}

/// The `language` a settings file asks for, when the file reads as TOML.
fn language_in(src: &str) -> Option<Lang> {
    let table: toml::Table = toml::from_str(src).ok()?;
    table.get("language")?.as_str()?.parse().ok()
}
