//! What the shell completes beyond the flags: set ids, entry ids and draft
//! ids, read from the same places the commands read. A completion never
//! prints an error; when something cannot be read, it offers nothing.

use std::ffi::OsStr;
use std::ops::ControlFlow;

use clap_complete::engine::CompletionCandidate;

use crate::cmd::Context;

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

pub fn draft_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(context) = Context::from_settings() else { return Vec::new() };
    let Ok((drafts, _)) = context.drafts().all() else { return Vec::new() };
    candidates(current, drafts.into_iter().map(|draft| (draft.id.clone(), format!("{} {}", draft.date(), draft.set))))
}

fn candidates(current: &OsStr, values: impl Iterator<Item = (String, String)>) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    values
        .filter(|(value, _)| value.starts_with(current.as_ref()))
        .map(|(value, about)| CompletionCandidate::new(value).help(Some(about.into())))
        .collect()
}
