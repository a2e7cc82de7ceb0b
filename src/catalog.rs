//! The prompt sets a person can run: the built-in ones, embedded in the
//! binary, and their own `*.toml` files, which replace a built-in set of
//! the same id.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context, Result, bail};

use crate::lang::Lang;
use crate::lang::failed::{Step, Thing, could_not};
use crate::prompt_set::{self, LoadError, PromptSet};

/// The built-in sets, in the order `bezin sets` lists them.
const BUILT_IN: [(&str, &str); 7] = [
    ("five-tips.toml", include_str!("../prompts/five-tips.toml")),
    ("desire-behind-the-request.toml", include_str!("../prompts/desire-behind-the-request.toml")),
    ("why-and-for-whom.toml", include_str!("../prompts/why-and-for-whom.toml")),
    ("check-the-potential.toml", include_str!("../prompts/check-the-potential.toml")),
    ("opening-the-conversation.toml", include_str!("../prompts/opening-the-conversation.toml")),
    ("keeping-each-other-sharp.toml", include_str!("../prompts/keeping-each-other-sharp.toml")),
    ("after-the-conversation.toml", include_str!("../prompts/after-the-conversation.toml")),
];

/// Where a set comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File { path: PathBuf, replaces_built_in: bool },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::BuiltIn => f.write_str("built-in"),
            Origin::File { path, replaces_built_in: false } => write!(f, "{}", path.display()),
            Origin::File { path, replaces_built_in: true } => {
                write!(f, "{} (replaces the built-in set)", path.display())
            }
        }
    }
}

/// A set that can be run, and where it comes from.
pub struct Available {
    pub set: PromptSet,
    pub origin: Origin,
}

/// A built-in set, parsed the first time it is asked for: most commands
/// need one or two sets, or none, and parsing all of them would cost more
/// than the rest of `list`.
struct BuiltIn {
    id: &'static str,
    name: &'static str,
    source: &'static str,
    parsed: OnceLock<Result<Available, LoadError>>,
}

impl BuiltIn {
    fn parsed(&self) -> Result<&Available, &LoadError> {
        let parse = || {
            let set = prompt_set::parse(self.source, &format!("built-in {}", self.name))?;
            Ok(Available { set, origin: Origin::BuiltIn })
        };
        self.parsed.get_or_init(parse).as_ref()
    }
}

/// Every set that loaded, and every file that did not.
pub struct Catalog {
    built_in: Vec<BuiltIn>,
    /// The person's sets, in the order they were found; a set with the id
    /// of a built-in one replaces it.
    files: Vec<Available>,
    /// The person's files that did not load.
    broken_files: Vec<LoadError>,
}

impl Catalog {
    /// The built-in sets plus the `*.toml` files in `folders`; a folder that
    /// does not exist adds nothing.
    pub fn load(folders: &[PathBuf]) -> Result<Catalog> {
        let built_in = BUILT_IN
            .into_iter()
            .map(|(name, source)| BuiltIn { id: name.trim_end_matches(".toml"), name, source, parsed: OnceLock::new() })
            .collect();
        let mut catalog = Catalog { built_in, files: Vec::new(), broken_files: Vec::new() };
        for folder in folders {
            for path in toml_files(folder)? {
                let loaded = prompt_set::load(&path, true);
                catalog.add(loaded, path);
            }
        }
        Ok(catalog)
    }

    fn add(&mut self, loaded: Result<PromptSet, LoadError>, path: PathBuf) {
        let set = match loaded {
            Ok(set) => set,
            Err(err) => return self.broken_files.push(err),
        };
        if let Some(existing) = self.files.iter().find(|available| available.set.id == set.id) {
            let origin = Origin::File { path, replaces_built_in: false };
            return self.broken_files.push(LoadError {
                origin: origin.to_string(),
                problems: vec![prompt_set::Problem {
                    line: 1,
                    column: 1,
                    message: format!("the set id '{}' is taken by {}; this file is left out", set.id, existing.origin),
                }],
            });
        }
        let replaces_built_in = self.built_in.iter().any(|built_in| built_in.id == set.id);
        self.files.push(Available { set, origin: Origin::File { path, replaces_built_in } });
    }

    /// Every set, in the order `bezin sets` lists them: the built-in ones
    /// (or the files that replace them), then the person's own.
    pub fn sets(&self) -> Vec<&Available> {
        let built_in = self.built_in.iter().filter_map(|built_in| self.find(built_in.id));
        let own = self
            .files
            .iter()
            .filter(|available| matches!(available.origin, Origin::File { replaces_built_in: false, .. }));
        built_in.chain(own).collect()
    }

    /// Every file that did not load (a built-in set too, which never happens).
    pub fn broken(&self) -> Vec<&LoadError> {
        let built_in = self.built_in.iter().filter_map(|built_in| built_in.parsed().err());
        built_in.chain(&self.broken_files).collect()
    }

    /// The set's title in `lang`, or its id when there is no such set (any more).
    pub fn title(&self, id: &str, lang: Lang) -> String {
        self.find(id).map_or_else(|| id.to_owned(), |available| available.set.title.get(lang).to_owned())
    }

    pub fn find(&self, id: &str) -> Option<&Available> {
        if let Some(own) = self.files.iter().find(|available| available.set.id == id) {
            return Some(own);
        }
        let built_in = self.built_in.iter().find(|built_in| built_in.id == id)?;
        built_in.parsed().ok()
    }

    /// The set with this id, or an error that suggests a near one.
    pub fn get(&self, id: &str) -> Result<&Available> {
        if let Some(available) = self.find(id) {
            return Ok(available);
        }
        let nearest = self
            .sets()
            .into_iter()
            .map(|available| (strsim::damerau_levenshtein(id, &available.set.id), &available.set.id))
            .filter(|(distance, near)| *distance <= 3.max(near.len() / 3))
            .min();
        let (words, sets) = (crate::lang::interface().errors(), crate::shell::command("sets"));
        match nearest {
            Some((_, near)) => bail!((words.unknown_set_near)(id, near, &sets)),
            None => bail!((words.unknown_set)(id, &sets)),
        }
    }

    /// The ids of the sets whose `follow_up` is `id`.
    pub fn leading_to(&self, id: &str) -> Vec<&str> {
        self.sets()
            .into_iter()
            .filter(|available| available.set.follow_up.as_deref() == Some(id))
            .map(|available| available.set.id.as_str())
            .collect()
    }
}

fn toml_files(folder: &Path) -> Result<Vec<PathBuf>> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => return Err(err).with_context(|| could_not(Step::Read, Thing::SetFolder, folder.display())),
    };
    // Any other kind of file with the name of a set is left out with a warning (`prompt_set::load`).
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|entry| entry.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml") && !path.is_dir())
        .collect();
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A built-in set is found by its file's name before it is parsed, so
    /// each file must hold the set of its name.
    #[test]
    fn every_built_in_set_is_named_by_its_file_and_parses() {
        let catalog = Catalog::load(&[]).unwrap();
        assert!(catalog.broken().is_empty());
        let ids: Vec<&str> = catalog.sets().iter().map(|available| available.set.id.as_str()).collect();
        let names: Vec<&str> = BUILT_IN.iter().map(|(name, _)| name.trim_end_matches(".toml")).collect();
        assert_eq!(ids, names);
    }
}
