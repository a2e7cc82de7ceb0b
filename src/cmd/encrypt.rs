//! `bezin encrypt`: the journal, its drafts and the lines set aside beside
//! it, encrypted with age; or an encrypted journal given new keys.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::cli::EncryptArgs;
use crate::context::Context;
use crate::keys::{self, Recipients};
use crate::shell;

pub fn run(context: &Context, args: &EncryptArgs) -> Result<ExitCode> {
    let journal = &context.journal;
    let given = !args.recipients.is_empty() || !args.recipients_files.is_empty();
    if let Some(sealed) = journal.sealed() {
        if !given {
            let keys = sealed.keys()?;
            crate::say!(
                "The journal {} is encrypted already, to {}. To change its keys, name them all: \
                 bezin encrypt --recipient KEY …",
                sealed.dir().display(),
                keys.person.keys().join(", ")
            );
            return Ok(ExitCode::SUCCESS);
        }
        let person = recipients(context, args)?;
        let identity = identity_reading(context, &person)?;
        journal.unlock_with(&sealed, &identity)?;
        drop(identity);
        journal.rekey(&sealed, &person, &context.paths.drafts)?;
        crate::say!("The journal {} is now encrypted to {}", sealed.dir().display(), person.keys().join(", "));
        crate::say!("A key left out reads nothing written from now on; what it could read before, it may have kept.");
        return Ok(ExitCode::SUCCESS);
    }
    let person = recipients(context, args)?;
    if given {
        identity_reading(context, &person)?;
    }
    journal.encrypt(&person, &context.paths.drafts)?;
    let folder = crate::journal::Sealed::folder_of(journal.path());
    crate::say!("Encrypted the journal and its drafts: {}", folder.display());
    crate::say!("They are encrypted to {}", person.keys().join(", "));
    Ok(ExitCode::SUCCESS)
}

/// The keys to encrypt to: those given, else the public key of the
/// person's identity, made now when there is none.
fn recipients(context: &Context, args: &EncryptArgs) -> Result<Recipients> {
    let mut keys = args.recipients.clone();
    for file in &args.recipients_files {
        keys.extend(Recipients::read(file)?.keys().iter().cloned());
    }
    if !keys.is_empty() {
        return Recipients::new(keys);
    }
    let place = &context.identity;
    if place.path.exists() {
        return Recipients::new(keys::public_keys_of(place, &crate::ui::KeyPrompts)?);
    }
    let public = make_identity(&place.path)?;
    Recipients::new(vec![public])
}

/// The person's identity, when it reads what is encrypted to `person`:
/// a journal encrypted to keys none of which is at hand would be locked
/// for good, so that is refused.
fn identity_reading(context: &Context, person: &Recipients) -> Result<keys::Identities> {
    let place = &context.identity;
    let keys = person.keys().join(", ");
    let (words, path) = (context.lang.commands(), place.path.display().to_string());
    let named_by = match place.named_by {
        "the identity setting" => context.lang.check().identity_setting,
        "the default place" => context.lang.check().default_place,
        flag_or_variable => flag_or_variable,
    };
    if !place.path.exists() {
        bail!((words.no_identity)(&path, named_by, &keys));
    }
    let identity = keys::read_identity(place, crate::ui::KeyPrompts)?;
    if !person.read_by(&identity)? {
        bail!((words.identity_reads_none)(&path, named_by, &keys));
    }
    Ok(identity)
}

/// Writes a new identity, owner-only, and says plainly what it is for.
fn make_identity(path: &Path) -> Result<String> {
    let (text, public) = keys::generate();
    let words = crate::lang::interface().commands();
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        crate::paths::create_private_dir(folder)
            .with_context(|| (words.cannot_create)(&folder.display().to_string()))?;
    }
    crate::paths::write_new_private(path, text.as_bytes())
        .with_context(|| (words.cannot_write_identity)(&path.display().to_string()))?;
    crate::say!("Made a new key: {}", path.display());
    crate::say!("Its public key: {public}");
    crate::say!(
        "Without this file nobody can read your journal, you included. Keep a copy somewhere safe and apart \
         from this computer (a password manager, a USB stick in a drawer). With it, the age tool reads every \
         file of the journal without bezin: age -d -i {} FILE",
        shell::quote(&path.to_string_lossy())
    );
    Ok(public)
}
