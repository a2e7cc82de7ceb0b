//! `bezin check`: the journal's health. Exit 1 when something is wrong.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::context::Context;
use crate::exit_codes;
use crate::journal::{Damaged, Sealed, Survey};
use crate::lang::check::CheckWords;
use crate::shell;

pub fn run(context: &Context) -> Result<ExitCode> {
    let words = context.lang.check();
    let journal = context.journal.place();
    let journal = journal.display().to_string();
    let mut problems: Vec<String> = Vec::new();
    let mut entries = 0;
    let mut damaged: Vec<Damaged> = Vec::new();
    let read = context.journal.exists().then(|| {
        context.journal.each(
            |_| {
                entries += 1;
                Ok(std::ops::ControlFlow::Continue(()))
            },
            |line| damaged.push(line),
        )
    });
    let sealed = context.journal.sealed();
    match (read, &sealed) {
        (Some(Err(err)), Some(sealed)) if context.journal.unlock(sealed).is_ok() => {
            crate::say!("{}", (words.journal_not_whole)(&journal));
            problems.extend(damaged_parts(context, sealed, &err, words)?);
        }
        (Some(Err(err)), _) => return Err(err),
        _ => crate::say!("{}", (words.journal)(&journal, entries)),
    }
    if context.journal.is_encrypted() {
        encryption(context, &mut problems, words)?;
    }
    if let Some(survey) = context.journal.survey()? {
        devices(&survey, &mut problems, words);
    }
    if !context.journal.is_encrypted() {
        for aside in context.journal.set_aside() {
            crate::say!("{}", (words.set_aside)(&aside.display().to_string()));
        }
    }
    let (newer, damaged): (Vec<Damaged>, Vec<Damaged>) = damaged.into_iter().partition(|line| line.newer);
    if !newer.is_empty() {
        crate::say!("{}", (words.newer_entries)(newer.len()));
    }
    for Damaged { line, reason, .. } in &damaged {
        if context.journal.is_folder() {
            problems.push((words.damaged_entry)(reason));
        } else {
            problems.push((words.damaged_line)(*line, reason));
        }
    }
    let drafts = context.drafts();
    let (unfinished, broken) = drafts.all()?;
    crate::say!("{}", (words.drafts)(unfinished.len()));
    for path in broken {
        problems.push((words.broken_draft)(&path.display().to_string()));
    }
    for leftover in context.journal.leftovers() {
        problems.push((words.leftover)(&leftover.display().to_string()));
    }
    problems.extend(own_paths(context).iter().filter_map(|path| open_to_others(path, words)));
    if problems.is_empty() {
        crate::say!("{}", words.all_is_well);
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &problems {
        crate::say!("{}: {problem}", words.problem);
    }
    Ok(ExitCode::from(exit_codes::PROBLEMS_FOUND))
}

/// What the logs of a journal kept on several devices hold that is odd:
/// what loses nothing is said, what may have lost something is a problem.
fn devices(survey: &Survey, problems: &mut Vec<String>, words: &CheckWords) {
    let shown = |path: &Path| path.display().to_string();
    let devices: Vec<String> = survey
        .devices
        .iter()
        .map(|(name, this)| if *this { format!("{name}, {}", words.this_device) } else { name.clone() })
        .collect();
    crate::say!("{}", (words.devices)(&devices.join("; ")));
    for copy in &survey.copies {
        crate::say!("{}", (words.copy)(&shown(copy)));
    }
    for arriving in &survey.arriving {
        crate::say!("{}", (words.arriving)(&shown(arriving)));
    }
    for cut in &survey.cut {
        crate::say!("{}", (words.cut_off)(&shown(cut)));
    }
    if survey.newer > 0 {
        crate::say!("{}", (words.newer_changes)(survey.newer));
    }
    for (device, records) in &survey.forgetting {
        crate::say!("{}", (words.forgetting)(device, *records));
    }
    if survey.twins > 0 {
        crate::say!("{}", (words.twins)(survey.twins));
    }
    if survey.refused > 0 {
        problems.push((words.refused)(survey.refused));
    }
    for (log, why) in &survey.unreadable {
        problems.push((words.unreadable)(&shown(log), why));
    }
    for (log, line, reason) in &survey.damaged {
        problems.push((words.damaged_in_log)(*line, &shown(log), reason));
    }
    for stray in &survey.strays {
        crate::say!("{}", (words.aside)(&shown(stray)));
    }
}

/// The parts of an encrypted journal that do not decrypt, each a problem;
/// the error of the read when every part does.
fn damaged_parts(context: &Context, sealed: &Sealed, err: &anyhow::Error, words: &CheckWords) -> Result<Vec<String>> {
    let damaged = sealed.damaged_parts(context.journal.unlock(sealed)?)?;
    if damaged.is_empty() {
        return Ok(vec![(words.cannot_read)(&format!("{err:#}"))]);
    }
    Ok(damaged.into_iter().map(|(part, why)| (words.undecryptable)(&part.display().to_string(), &why)).collect())
}

/// What check says of an encrypted journal: to which keys, with which
/// identity, and what in its folder or beside it should not be there.
fn encryption(context: &Context, problems: &mut Vec<String>, words: &CheckWords) -> Result<()> {
    let shown = |path: &Path| path.display().to_string();
    crate::say!("{}", (words.encrypted)(&context.journal.person_keys()?.join(", ")));
    let named_by = match context.identity.named_by {
        "the identity setting" => words.identity_setting,
        "the default place" => words.default_place,
        flag_or_variable => flag_or_variable,
    };
    crate::say!("{}", (words.identity)(&shown(&context.identity.path), named_by));
    // An encrypted folder of format 3 is looked at as a folder of logs (`devices`).
    if let Some(sealed) = context.journal.sealed() {
        let own = context.journal.unlock(&sealed)?;
        for save in sealed.unreadable(own)? {
            problems.push((words.unreadable_save)(&shown(&save), &shell::command("import saved.jsonl")));
        }
        for arriving in sealed.arriving()? {
            problems.push((words.arriving_folder)(&shown(&arriving)));
        }
        for stray in sealed.strays()? {
            let import = shell::command(&format!("import {}", shell::quote(&stray.to_string_lossy())));
            problems.push((words.stray_sealed)(&shown(&stray), &import));
        }
    }
    if context.journal.path().exists() {
        let import = shell::command(&format!("import {}", shell::quote(&context.journal.path().to_string_lossy())));
        problems.push((words.plain_beside)(&shown(context.journal.path()), &import));
    }
    let plain_drafts = std::fs::read_dir(&context.paths.drafts).into_iter().flatten().filter_map(Result::ok);
    for draft in plain_drafts.filter(|draft| draft.path().extension().is_some_and(|ext| ext == "json")) {
        problems.push((words.plain_draft)(&shown(&draft.path()), &shell::command("encrypt")));
    }
    Ok(())
}

/// bezin's own files and folders: the journal, the data folder and the
/// drafts, the settings folder, the settings and the person's prompt sets.
fn own_paths(context: &Context) -> Vec<PathBuf> {
    let paths = &context.paths;
    let mut own = vec![context.journal.place()];
    // A linked journal is written where its link points.
    own.extend(std::fs::canonicalize(context.journal.place()).ok());
    if context.journal.is_encrypted() {
        own.extend(walk(&context.journal.place()));
    }
    if context.journal.path().is_dir() {
        // A linked journal folder is named where it is.
        let real = std::fs::canonicalize(context.journal.path());
        own.extend(walk(real.as_deref().unwrap_or(context.journal.path())));
    }
    own.push(paths.state.clone());
    own.extend(walk(&paths.state));
    own.push(context.identity.path.clone());
    let folders = [paths.drafts.parent(), Some(paths.drafts.as_path()), paths.config_file.parent()];
    own.extend(folders.into_iter().flatten().map(Path::to_owned));
    own.push(paths.config_file.clone());
    own.push(paths.prompts_dir.clone());
    for folder in [&paths.drafts, &paths.prompts_dir] {
        if let Ok(entries) = std::fs::read_dir(folder) {
            own.extend(entries.filter_map(|entry| entry.ok().map(|entry| entry.path())));
        }
    }
    // With BEZIN_HOME the data and settings folders are one: name it once.
    let mut seen = std::collections::HashSet::new();
    own.retain(|path| seen.insert(path.clone()));
    own
}

/// Every file and folder under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().filter_map(Result::ok) {
        let path = entry.path();
        if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            found.extend(walk(&path));
        }
        found.push(path);
    }
    found
}

/// What is wrong when others than its owner may use `path`, with the
/// command that makes just that private; a shared folder (such as /tmp)
/// is named without one.
fn open_to_others(path: &Path, words: &CheckWords) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok().filter(|meta| !meta.is_symlink())?;
    let mode = meta.permissions().mode() & 0o7777;
    if mode.trailing_zeros() >= 6 {
        return None;
    }
    let shown = path.display().to_string();
    if meta.is_dir() && mode & 0o1002 != 0 {
        return Some((words.shared_folder)(&shown, mode));
    }
    let owner_only = if meta.is_dir() { 700 } else { 600 };
    Some((words.open_to_others)(&shown, mode & 0o022 != 0, mode, owner_only, &shell::quote(&path.to_string_lossy())))
}
