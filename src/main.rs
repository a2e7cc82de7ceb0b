//! bezin: a reflection coach for the terminal.

mod catalog;
mod cli;
mod cmd;
mod completion;
mod config;
mod draft;
mod exit_codes;
mod filter;
mod journal;
mod lang;
mod markdown;
mod paths;
mod prompt_set;
mod search;
mod session;
mod stats;
mod ui;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    std::panic::set_hook(Box::new(|info| {
        eprintln!("bezin: internal error: {info}; nothing was saved by this command, please report it");
    }));
    cli::complete_when_asked();
    ui::handle_interrupts();
    let cli = cli::Cli::parse();
    ui::use_color(cli.color);
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) if exit_codes::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if exit_codes::is_interrupted(&err) || err.is::<ui::Paused>() => {
            ui::show_cursor();
            ExitCode::from(exit_codes::STOPPED)
        }
        Err(err) => {
            eprintln!("bezin: {err:#}");
            exit_codes::for_error(&err)
        }
    }
}
