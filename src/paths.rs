//! Where bezin keeps its files. `BEZIN_HOME` puts them all in one folder;
//! otherwise the XDG base directories (or the platform's) decide.

use std::path::{Path, PathBuf};

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};

use anyhow::{Context, Result};
use etcetera::BaseStrategy;

/// The files and folders bezin reads and writes.
#[derive(Clone, Debug)]
pub struct Paths {
    pub config_file: PathBuf,
    /// The person's own prompt sets, `*.toml`.
    pub prompts_dir: PathBuf,
    pub journal: PathBuf,
    /// Unfinished reflections.
    pub drafts: PathBuf,
    /// The person's age identity, which reads an encrypted journal.
    pub identity: PathBuf,
    /// What this machine keeps for itself and never syncs: its device id,
    /// and the merged view of each journal kept on several devices.
    pub state: PathBuf,
}

impl Paths {
    /// The default places, from `BEZIN_HOME` or the XDG base directories.
    pub fn from_env() -> Result<Paths> {
        if let Some(home) = folder_from_env("BEZIN_HOME")? {
            return Ok(Paths::in_one_folder(&home));
        }
        // The XDG folders default to folders in HOME: it must be one too.
        folder_from_env("HOME")?;
        let strategy = etcetera::choose_base_strategy().context(crate::lang::interface().environment().no_home)?;
        let config = folder_from_env("XDG_CONFIG_HOME")?.unwrap_or_else(|| strategy.config_dir()).join("bezin");
        let data = folder_from_env("XDG_DATA_HOME")?.unwrap_or_else(|| strategy.data_dir()).join("bezin");
        let state = folder_from_env("XDG_STATE_HOME")?
            .or_else(|| strategy.state_dir())
            .unwrap_or_else(|| strategy.home_dir().join(".local/state"))
            .join("bezin");
        Ok(Paths {
            config_file: config.join("config.toml"),
            prompts_dir: config.join("prompts"),
            journal: data.join("journal.jsonl"),
            drafts: data.join("drafts"),
            identity: config.join("identity.txt"),
            state,
        })
    }

    fn in_one_folder(home: &Path) -> Paths {
        Paths {
            config_file: home.join("config.toml"),
            prompts_dir: home.join("prompts"),
            journal: home.join("journal.jsonl"),
            drafts: home.join("drafts"),
            identity: home.join("identity.txt"),
            state: home.join("state"),
        }
    }
}

/// The folder an environment variable names, when it is set: `~/` is the
/// home folder, as in the settings file; a relative path (which would move
/// with the current folder) or one holding a control character (a pasted
/// newline) is refused with a sentence.
fn folder_from_env(name: &str) -> Result<Option<PathBuf>> {
    let Some(value) = std::env::var_os(name).filter(|value| !value.is_empty()) else { return Ok(None) };
    let shown = value.to_string_lossy();
    if shown.chars().any(char::is_control) {
        anyhow::bail!((crate::lang::interface().environment().control_in_variable)(name));
    }
    let folder = expand(Path::new(&value), Path::new(""));
    if folder.is_relative() {
        anyhow::bail!((crate::lang::interface().environment().not_whole_path)(name, &shown));
    }
    Ok(Some(folder))
}

/// A path from a setting: `~/` is the home folder, and a relative path is
/// taken from the folder of the file that named it.
pub fn expand(path: &Path, relative_to: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Ok(home) = etcetera::home_dir()
    {
        return home.join(rest);
    }
    relative_to.join(path)
}

/// Writes a new owner-only (0600) file; an existing one is left alone.
pub fn write_new_private(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    let mut file = create_new_private(path)?;
    file.write_all(contents)?;
    file.sync_all()
}

/// Creates a new owner-only (0600) file to write.
pub fn create_new_private(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(path)
}

/// Makes `dir` and every missing folder above it owner-only (0700) whatever
/// the umask, as the XDG base directory specification asks: a new account's
/// `~/.local/share` is as private as bezin's own folder in it. Folders that
/// exist are left as they are.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)
}
