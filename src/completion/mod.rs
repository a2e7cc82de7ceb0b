//! What the shell completes beyond the flags: set ids, entry ids, the ids
//! of open conversations and draft ids, read from the same places the
//! commands read, and paths. A completion never prints an error; when
//! something cannot be read, it offers nothing.

mod paths;
mod shells;

use std::ffi::OsStr;
use std::ops::ControlFlow;
use std::sync::OnceLock;

use clap_complete::engine::CompletionCandidate;

pub use paths::{files, folders};
pub use shells::SHELLS;

use crate::cli::Shell;
use crate::context::Context;

/// The variable a completion script sets when it asks bezin what to complete.
pub const COMPLETE_VARIABLE: &str = "BEZIN_COMPLETE";

/// Set while this process answers the shell's completion script, to the
/// shell it names (the script's variable is taken away before bezin is
/// asked for candidates).
static COMPLETING: OnceLock<Option<Shell>> = OnceLock::new();

/// Notes whether the shell's completion script started this process, and
/// for which shell.
pub fn note_if_completing() {
    if let Some(variable) = std::env::var_os(COMPLETE_VARIABLE) {
        let _ = COMPLETING.set(shells::named(&variable.to_string_lossy()));
    }
}

/// Whether this process is answering the shell's completion script.
pub fn completing() -> bool {
    COMPLETING.get().is_some()
}

/// The shell this process completes in, when bezin knows it.
fn shell() -> Option<Shell> {
    COMPLETING.get().copied().flatten()
}

/// How many of the newest entries are offered.
const NEWEST: usize = 200;

pub fn set_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(context) = Context::from_settings() else { return Vec::new() };
    let Ok(catalog) = context.catalog() else { return Vec::new() };
    let sets = catalog
        .sets()
        .into_iter()
        .map(|available| (available.set.id.clone(), available.set.title.get(context.lang).to_owned()));
    candidates(current, sets)
}

pub fn entry_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(context) = Context::from_settings() else { return Vec::new() };
    let mut entries = vec![("last".to_owned(), "the newest entry".to_owned())];
    let _ = context.journal.scan_back(|line| {
        if let Ok(entry) = line.parse() {
            let about = format!("{} {}", entry.date(), entry.title.as_deref().unwrap_or(&entry.set));
            entries.push((entry.id, about));
        }
        Ok(if entries.len() > NEWEST { ControlFlow::Break(()) } else { ControlFlow::Continue(()) })
    });
    candidates(current, entries.into_iter())
}

/// The prepared conversations of the last year still open, newest first.
pub fn open_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(context) = Context::from_settings() else { return Vec::new() };
    let Ok(catalog) = context.catalog() else { return Vec::new() };
    let since = crate::follow_through::days_ago(365);
    let Ok(open) = crate::follow_through::open(&context.journal, &catalog, None, since, NEWEST, |_| {}) else {
        return Vec::new();
    };
    let about = |open: &crate::follow_through::Open| {
        let title = open.entry.title.clone().unwrap_or_else(|| catalog.title(&open.entry.set, context.lang));
        [open.entry.date(), open.person.as_deref().unwrap_or_default(), &title].join(" ")
    };
    candidates(current, open.iter().map(|open| (open.entry.id.clone(), about(open))).collect::<Vec<_>>().into_iter())
}

pub fn draft_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(context) = Context::from_settings() else { return Vec::new() };
    let Ok((drafts, _)) = context.drafts().all() else { return Vec::new() };
    candidates(current, drafts.into_iter().map(|draft| (draft.id.clone(), format!("{} {}", draft.date(), draft.set))))
}

fn candidates(current: &OsStr, values: impl Iterator<Item = (String, String)>) -> Vec<CompletionCandidate> {
    let shell = shell();
    let current = shells::meant(&current.to_string_lossy(), shell);
    values
        .filter(|(value, _)| value.starts_with(&current) && shells::carries(value, shell))
        .map(|(value, about)| {
            let about = crate::ui::one_line(&about).into_owned();
            CompletionCandidate::new(shells::inserted(&value, shell)).help(Some(about.into()))
        })
        .collect()
}
