//! bezin: a reflection coach for the terminal.

// Output goes through `say!`, `tell!` and `ui::stdout()`, which guard the
// terminal against control codes in text bezin did not write.
#![deny(clippy::print_stdout, clippy::print_stderr)]

mod answer;
mod answers_file;
mod atomic;
mod browse;
mod catalog;
mod cli;
mod clock;
mod cmd;
mod completion;
mod config;
mod context;
mod controls;
mod draft;
mod exit_codes;
mod filter;
mod follow_through;
mod journal;
mod json;
mod json_array;
mod json_error;
mod keys;
mod lang;
mod limits;
mod markdown;
mod pages;
mod paths;
mod people;
mod prefix;
mod prompt_set;
mod recall;
mod search;
mod session;
mod shell;
mod stats;
mod toml_error;
mod ui;
mod vault;
mod whole_file;

use std::process::ExitCode;

use std::io::Write as _;

use clap::Parser;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        tell!("bezin: internal error: {info}; please report it (bezin check shows what the journal holds)");
    }));
    cli::complete_when_asked();
    ui::handle_interrupts();
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(stop) => {
            let lang = context::language_before_parse(cli::lang_given(std::env::args_os()));
            return usage(&cli::said_in(stop, lang), lang);
        }
    };
    ui::use_color(cli.color.forced());
    match cmd::run(cli) {
        Ok(code) if ui::unshown() && code == ExitCode::SUCCESS => {
            tell!("bezin: done, but a message could not be shown: its output was closed or full");
            ExitCode::from(exit_codes::NOT_SHOWN)
        }
        Ok(code) => code,
        Err(err) if exit_codes::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if ui::is_interrupted(&err) || err.is::<ui::Paused>() => {
            ui::show_cursor();
            ExitCode::from(exit_codes::STOPPED)
        }
        Err(err) => {
            tell!("bezin: {}", said(&err));
            exit_codes::for_error(&err)
        }
    }
}

/// The error and its causes, as `{:#}` gives them, with the system's
/// reasons and the JSON reader's in the language bezin speaks where it
/// has words for them.
fn said(err: &anyhow::Error) -> String {
    let io = lang::interface().errors().io;
    let causes: Vec<String> = err
        .chain()
        .map(|cause| match cause.downcast_ref::<std::io::Error>().and_then(|system| io(system.kind())) {
            Some(reason) => reason.to_owned(),
            None => match cause.downcast_ref::<serde_json::Error>() {
                Some(json) if !json.is_io() => json_error::describe(json),
                _ => cause.to_string(),
            },
        })
        .collect();
    causes.join(": ")
}

/// Help, the version, or a mistake on the command line, which may quote
/// what was typed: shown through the guard like everything else.
fn usage(err: &clap::Error, lang: lang::Lang) -> ExitCode {
    let text = cli::message(err, lang);
    let mut out: Box<dyn std::io::Write> =
        if err.use_stderr() { Box::new(ui::stderr()) } else { Box::new(ui::stdout()) };
    let _ = write!(out, "{}", ui::shown(&text));
    let _ = out.flush();
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(exit_codes::BAD_INPUT))
}
