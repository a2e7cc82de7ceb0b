//! What bezin's exit codes mean (README lists them too).

use std::process::ExitCode;

/// A check found something wrong (`sets validate`).
pub const PROBLEMS_FOUND: u8 = 1;
/// The command line or an input (a set, an id, an answers file) was wrong.
pub const BAD_INPUT: u8 = 2;
/// A file could not be read or written.
pub const FILE_ERROR: u8 = 3;

/// The exit code for an error: a failed read or write is a file error, the
/// rest is bad input.
pub fn for_error(err: &anyhow::Error) -> ExitCode {
    let is_io = |cause: &(dyn std::error::Error + 'static)| {
        cause.is::<std::io::Error>() || cause.downcast_ref::<serde_json::Error>().is_some_and(serde_json::Error::is_io)
    };
    if err.chain().any(is_io) { ExitCode::from(FILE_ERROR) } else { ExitCode::from(BAD_INPUT) }
}

/// Done, but a message could not be shown: standard output or error was
/// closed or full. What the command did (a saved entry) stands.
pub const NOT_SHOWN: u8 = 4;

/// Stopped by Ctrl-C, a closed terminal, or Esc in a reflection.
pub const STOPPED: u8 = 130;

/// Output cut off by a closed pipe (`bezin list | head`) is not an error.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .is_some_and(|json| json.io_error_kind() == Some(std::io::ErrorKind::BrokenPipe))
    })
}
