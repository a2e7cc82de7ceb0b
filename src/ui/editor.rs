//! A long answer written in the person's editor. The text is plain in a
//! file while the editor is open, so the file lives in a folder of its own,
//! owner-only, removed on every way out but one: what is too large to be an
//! answer stays there, and bezin says where. Ctrl-C goes to the editor, not
//! to bezin. If the editor cannot start, fails, or loses its file, bezin
//! says so and nothing typed is lost.

use std::fs::{OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::process::Command;

/// The editor to use: the `editor` setting, else `$VISUAL`, else `$EDITOR`
/// (when not empty), else vi.
pub fn program(configured: Option<&str>) -> String {
    let from_env = |name| std::env::var(name).ok().filter(|value| !value.trim().is_empty());
    configured
        .filter(|value| !value.trim().is_empty())
        .map(str::to_owned)
        .or_else(|| from_env("VISUAL"))
        .or_else(|| from_env("EDITOR"))
        .unwrap_or_else(|| "vi".to_owned())
}

/// What the person wrote in `program`, starting from `start`; or, when the
/// editor did not give it back, a sentence saying why.
pub fn edit(program: &str, start: &str) -> Result<String, String> {
    let folder = tempfile::Builder::new()
        .prefix("bezin-")
        .permissions(Permissions::from_mode(0o700))
        .tempdir()
        .map_err(|err| format!("could not make a private folder for the editor ({err})"))?;
    let path = folder.path().join("answer.md");
    let written = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path);
    written
        .and_then(|mut file| file.write_all(start.as_bytes()))
        .map_err(|err| format!("could not write a file for the editor ({err})"))?;
    super::interrupt::editing(true);
    let status = super::typeahead::released(|| command(program, &path).status());
    super::interrupt::editing(false);
    match status {
        Err(err) => return Err(format!("the editor '{program}' did not start ({err})")),
        Ok(status) if status.code() == Some(127) => return Err(format!("the editor '{program}' was not found")),
        Ok(status) if !status.success() => return Err(format!("the editor '{program}' stopped with an error")),
        Ok(_) => {}
    }
    let read = crate::whole_file::read(&path, crate::limits::EDITOR);
    match read.and_then(|bytes| crate::whole_file::text(bytes).map_err(std::io::Error::from)) {
        Ok(text) => Ok(text),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            Err(format!("the file the editor '{program}' was given is gone"))
        }
        Err(err) => {
            // The person's words stay where they wrote them, for them to shorten or keep.
            let kept = folder.keep().join("answer.md");
            Err(format!(
                "what the editor '{program}' wrote cannot be an answer: it is {err}; it is kept in {}",
                kept.display()
            ))
        }
    }
}

/// Keeps `text` in a new owner-only file of its own, for a person whose
/// answer bezin could not take; returns where.
pub fn keep(text: &str) -> Result<std::path::PathBuf, String> {
    let folder = tempfile::Builder::new()
        .prefix("bezin-")
        .permissions(Permissions::from_mode(0o700))
        .tempdir()
        .map_err(|err| format!("it could not be kept in a file ({err})"))?;
    let path = folder.keep().join("answer.md");
    let written = OpenOptions::new().write(true).create_new(true).mode(0o600).open(&path);
    written
        .and_then(|mut file| file.write_all(text.as_bytes()).and_then(|()| file.sync_all()))
        .map_err(|err| format!("it could not be kept in a file ({err})"))?;
    Ok(path)
}

/// The editor on `path`: a program's path as it is, spaces and all; any
/// other setting read by the shell, as git does, so that it may hold
/// options (`code --wait`).
fn command(program: &str, path: &Path) -> Command {
    if Path::new(program).is_file() {
        let mut command = Command::new(program);
        command.arg(path);
        return command;
    }
    let mut command = Command::new("/bin/sh");
    command.arg("-c").arg(format!("{program} \"$@\"")).arg(program).arg(path);
    command
}
