//! `bezin check`: the journal's health. Exit 1 when something is wrong.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;

use crate::context::Context;
use crate::exit_codes;
use crate::journal::{Damaged, Sealed, Survey};
use crate::shell;

pub fn run(context: &Context) -> Result<ExitCode> {
    let journal = context.journal.place();
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
            crate::say!("journal: {} (not read whole)", journal.display());
            problems.extend(damaged_parts(context, sealed, &err)?);
        }
        (Some(Err(err)), _) => return Err(err),
        _ => crate::say!("journal: {} ({entries} entries)", journal.display()),
    }
    if let Some(sealed) = &sealed {
        encryption(context, sealed, &mut problems)?;
    }
    if let Some(survey) = context.journal.survey()? {
        devices(&survey, &mut problems);
    }
    let (newer, damaged): (Vec<Damaged>, Vec<Damaged>) = damaged.into_iter().partition(|line| line.newer);
    if !newer.is_empty() {
        crate::say!("newer: {} entries written by a newer bezin, kept as they are", newer.len());
    }
    for Damaged { line, reason, .. } in &damaged {
        if context.journal.is_folder() {
            problems.push(format!("an entry of the journal is damaged ({reason}); it is left out"));
        } else {
            problems.push(format!("line {line} of the journal is damaged ({reason})"));
        }
    }
    let drafts = context.drafts();
    let (unfinished, broken) = drafts.all()?;
    crate::say!("drafts: {} unfinished", unfinished.len());
    for path in broken {
        problems.push(format!("{} is not a readable draft", path.display()));
    }
    for leftover in context.journal.leftovers() {
        problems.push(format!(
            "{} is left from a change that was stopped; the next edit, delete or import removes it",
            leftover.display()
        ));
    }
    problems.extend(own_paths(context).iter().filter_map(|path| open_to_others(path)));
    if problems.is_empty() {
        crate::say!("all is well");
        return Ok(ExitCode::SUCCESS);
    }
    for problem in &problems {
        crate::say!("problem: {problem}");
    }
    Ok(ExitCode::from(exit_codes::PROBLEMS_FOUND))
}

/// What the logs of a journal kept on several devices hold that is odd:
/// what loses nothing is said, what may have lost something is a problem.
fn devices(survey: &Survey, problems: &mut Vec<String>) {
    crate::say!("devices: {}", survey.devices.join("; "));
    for copy in &survey.copies {
        crate::say!("copy: {} is a copy a sync made of a log; what it holds is in the journal", copy.display());
    }
    for arriving in &survey.arriving {
        crate::say!(
            "arriving: the last change in {} has not arrived whole (a sync under way?); it is read once it has",
            arriving.display()
        );
    }
    for cut in &survey.cut {
        crate::say!(
            "cut off: the last line of {} was cut off as it was written (a crash); the next save keeps it aside",
            cut.display()
        );
    }
    if survey.newer > 0 {
        crate::say!("newer: {} changes written by a newer bezin, kept as they are", survey.newer);
    }
    for (device, records) in &survey.forgetting {
        crate::say!(
            "forgetting: the logs of {device} still hold {records} changes of deleted entries; they go when \
             bezin next runs there (a device that no longer runs keeps them until its folder is removed)"
        );
    }
    if survey.twins > 0 {
        crate::say!(
            "twins: {} entries were added on two devices with different content; the one changed last is \
             shown, and the other stays in its device's log",
            survey.twins
        );
    }
    if survey.refused > 0 {
        problems.push(format!(
            "{} entries have changes that together make no readable entry; they are shown without them",
            survey.refused
        ));
    }
    for (log, why) in &survey.unreadable {
        problems.push(format!("{} cannot be read ({why}); what it holds is left out", log.display()));
    }
    for (log, line, reason) in &survey.damaged {
        problems.push(format!("line {line} of {} is damaged ({reason})", log.display()));
    }
    for stray in &survey.strays {
        crate::say!("aside: {} is not part of the journal; bezin leaves it as it is", stray.display());
    }
}

/// The parts of an encrypted journal that do not decrypt, each a problem;
/// the error of the read when every part does.
fn damaged_parts(context: &Context, sealed: &Sealed, err: &anyhow::Error) -> Result<Vec<String>> {
    let damaged = sealed.damaged_parts(context.journal.unlock(sealed)?)?;
    if damaged.is_empty() {
        return Ok(vec![format!("the journal cannot be read: {err:#}")]);
    }
    Ok(damaged
        .into_iter()
        .map(|(part, why)| {
            format!(
                "{} is a part of the journal that cannot be decrypted ({why}); its entries are missing until it \
                 is restored from a backup or another machine",
                part.display()
            )
        })
        .collect())
}

/// What check says of an encrypted journal: to which keys, with which
/// identity, and what in its folder or beside it should not be there.
fn encryption(context: &Context, sealed: &Sealed, problems: &mut Vec<String>) -> Result<()> {
    let keys = sealed.keys()?;
    crate::say!("encrypted: with age, to {} (and the journal's own key)", keys.person.keys().join(", "));
    crate::say!("identity: {} (from {})", context.identity.path.display(), context.identity.named_by);
    let own = context.journal.unlock(sealed)?;
    for save in sealed.unreadable(own)? {
        problems.push(format!(
            "{} is a save or an import neither the journal's key nor your identity can read (made for keys they no longer \
             are); age -d -i OLDER-IDENTITY FILE > saved.jsonl reads it with an older key, and bezin import \
             saved.jsonl brings it in (then remove the file)",
            save.display()
        ));
    }
    for arriving in sealed.arriving()? {
        problems.push(format!(
            "{} is a newer journal folder that is not whole (a sync under way?); it becomes the journal once \
             it is, and until then holds changes made on another machine",
            arriving.display()
        ));
    }
    for stray in sealed.strays()? {
        problems.push(format!(
            "{} is not part of the encrypted journal (an older copy, or another machine's from a sync); \
             bezin import brings in what it holds, then remove it",
            stray.display()
        ));
    }
    if context.journal.path().exists() {
        problems.push(format!(
            "{} is a plain journal beside the encrypted one (left by a decrypt that was stopped, or a copy); \
             {} brings its entries in, then remove it",
            context.journal.path().display(),
            shell::command(&format!("import {}", shell::quote(&context.journal.path().to_string_lossy())))
        ));
    }
    let plain_drafts = std::fs::read_dir(&context.paths.drafts).into_iter().flatten().filter_map(Result::ok);
    for draft in plain_drafts.filter(|draft| draft.path().extension().is_some_and(|ext| ext == "json")) {
        let encrypt = shell::command("encrypt");
        problems.push(format!("{} is a draft in plain text; {encrypt} encrypts it", draft.path().display()));
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
    if let Some(sealed) = context.journal.sealed() {
        own.extend(walk(sealed.dir()));
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
fn open_to_others(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok().filter(|meta| !meta.is_symlink())?;
    let mode = meta.permissions().mode() & 0o7777;
    if mode.trailing_zeros() >= 6 {
        return None;
    }
    let shown = path.display();
    if meta.is_dir() && mode & 0o1002 != 0 {
        return Some(format!(
            "{shown} is a folder shared with others (mode {mode:o}); keep bezin's files in a folder of their own"
        ));
    }
    let owner_only = if meta.is_dir() { 700 } else { 600 };
    let open_to = if mode & 0o022 == 0 { "read" } else { "changed" };
    Some(format!(
        "{shown} can be {open_to} by others (mode {mode:o}); chmod {owner_only} {} makes it yours alone",
        shell::quote(&path.to_string_lossy())
    ))
}
