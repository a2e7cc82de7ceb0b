//! What the shell completes beyond the flags: set ids, entry ids, the ids
//! of open conversations and draft ids, read from the same places the
//! commands read. A completion never prints an error; when something cannot
//! be read, it offers nothing.

use std::ffi::OsStr;
use std::ops::ControlFlow;
use std::sync::atomic::{AtomicBool, Ordering};

use clap_complete::engine::CompletionCandidate;

use crate::context::Context;

/// The variable a completion script sets when it asks bezin what to complete.
pub const COMPLETE_VARIABLE: &str = "BEZIN_COMPLETE";

/// Set while this process answers the shell's completion script (which
/// takes its variable away before it asks for candidates).
static COMPLETING: AtomicBool = AtomicBool::new(false);

/// Notes whether the shell's completion script started this process.
pub fn note_if_completing() {
    if std::env::var_os(COMPLETE_VARIABLE).is_some() {
        COMPLETING.store(true, Ordering::Relaxed);
    }
}

/// Whether this process is answering the shell's completion script.
pub fn completing() -> bool {
    COMPLETING.load(Ordering::Relaxed)
}

/// How many of the newest entries are offered.
const NEWEST: usize = 200;

pub fn set_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(context) = Context::from_settings() else { return Vec::new() };
    let Ok(catalog) = context.catalog() else { return Vec::new() };
    let sets = catalog
        .sets
        .iter()
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
    let current = current.to_string_lossy();
    let shell = std::env::var(COMPLETE_VARIABLE).unwrap_or_default();
    values
        .filter(|(value, _)| value.starts_with(current.as_ref()))
        .map(|(value, about)| {
            let about = crate::ui::one_line(&about).into_owned();
            CompletionCandidate::new(quoted(&value, &shell)).help(Some(about.into()))
        })
        .collect()
}

/// `word` as the shell puts it on the command line as it is: bash and
/// PowerShell insert a completion unquoted, zsh reads `:` as the start of
/// the description, and fish and elvish quote what they insert themselves.
/// Ids are plain words, so this changes nothing unless a word is not one.
fn quoted(word: &str, shell: &str) -> String {
    match shell {
        "bash" => crate::shell::quote(word).into_owned(),
        "zsh" => word.replace('\\', "\\\\").replace(':', "\\:"),
        "powershell" if !crate::journal::is_id(word) => format!("'{}'", word.replace('\'', "''")),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn completions_are_quoted_for_their_shell() {
        assert_eq!(quoted("zz$(touch x)", "bash"), "'zz$(touch x)'");
        assert_eq!(quoted("sh3r9x280a", "bash"), "sh3r9x280a");
        assert_eq!(quoted("a:b", "zsh"), "a\\:b");
        assert_eq!(quoted("it's", "powershell"), "'it''s'");
        assert_eq!(quoted("zz$(touch x)", "fish"), "zz$(touch x)");
    }
}
