//! The prompt sets a person can run: the built-in ones, embedded in the
//! binary, and their own `*.toml` files, which replace a built-in set of
//! the same id.

use std::fmt;
use std::path::{Path, PathBuf};

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

/// Every set that loaded, and every file that did not.
pub struct Catalog {
    pub sets: Vec<Available>,
    pub broken: Vec<LoadError>,
}

impl Catalog {
    /// The built-in sets plus the `*.toml` files in `folders`; a folder that
    /// does not exist adds nothing.
    pub fn load(folders: &[PathBuf]) -> Result<Catalog> {
        let mut catalog = Catalog { sets: Vec::new(), broken: Vec::new() };
        for (name, src) in BUILT_IN {
            catalog.add(prompt_set::parse(src, &format!("built-in {name}")), Origin::BuiltIn);
        }
        for folder in folders {
            for path in toml_files(folder)? {
                let loaded = prompt_set::load(&path, true);
                catalog.add(loaded, Origin::File { path, replaces_built_in: false });
            }
        }
        Ok(catalog)
    }

    fn add(&mut self, loaded: Result<PromptSet, LoadError>, origin: Origin) {
        let set = match loaded {
            Ok(set) => set,
            Err(err) => return self.broken.push(err),
        };
        match self.sets.iter_mut().find(|available| available.set.id == set.id) {
            Some(existing) if existing.origin == Origin::BuiltIn => {
                let Origin::File { path, .. } = origin else { return };
                *existing = Available { set, origin: Origin::File { path, replaces_built_in: true } };
            }
            Some(existing) => self.broken.push(LoadError {
                origin: origin.to_string(),
                problems: vec![prompt_set::Problem {
                    line: 1,
                    column: 1,
                    message: format!("the set id '{}' is taken by {}; this file is left out", set.id, existing.origin),
                }],
            }),
            None => self.sets.push(Available { set, origin }),
        }
    }

    /// The set's title in `lang`, or its id when there is no such set (any more).
    pub fn title(&self, id: &str, lang: Lang) -> String {
        self.find(id).map_or_else(|| id.to_owned(), |available| available.set.title.get(lang).to_owned())
    }

    pub fn find(&self, id: &str) -> Option<&Available> {
        self.sets.iter().find(|available| available.set.id == id)
    }

    /// The set with this id, or an error that suggests a near one.
    pub fn get(&self, id: &str) -> Result<&Available> {
        if let Some(available) = self.find(id) {
            return Ok(available);
        }
        let nearest = self
            .sets
            .iter()
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
        self.sets
            .iter()
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
