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
    if journal.is_encrypted() {
        let folder = journal.place().display().to_string();
        if !given {
            let keys = journal.person_keys()?;
            crate::say!("{}", (context.lang.outcomes().encrypted_already)(&folder, &keys.join(", ")));
            return Ok(ExitCode::SUCCESS);
        }
        let person = recipients(context, args)?;
        let identity = identity_reading(context, &person)?;
        journal.unlock_with_identity(&identity)?;
        drop(identity);
        journal.rekey(&person, &context.paths.drafts)?;
        let said = context.lang.outcomes();
        crate::say!("{}", (said.now_encrypted_to)(&folder, &person.keys().join(", ")));
        crate::say!("{}", said.key_left_out);
        return Ok(ExitCode::SUCCESS);
    }
    let person = recipients(context, args)?;
    if given {
        identity_reading(context, &person)?;
    }
    journal.encrypt(&person, &context.paths.drafts)?;
    let folder = crate::journal::Sealed::folder_of(journal.path());
    let said = context.lang.outcomes();
    crate::say!("{}", (said.encrypted)(&folder.display().to_string()));
    crate::say!("{}", (said.encrypted_to)(&person.keys().join(", ")));
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
    let said = crate::lang::interface().outcomes();
    crate::say!("{}", (said.new_key)(&path.display().to_string()));
    crate::say!("{}", (said.public_key)(&public));
    crate::say!("{}", (said.keep_the_key)(&shell::quote(&path.to_string_lossy())));
    Ok(public)
}
