//! Every command-line definition. Only this file knows about clap; `cmd/`
//! turns what it parses into calls on the domain.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::lang::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "bezin",
    version,
    about = "A reflection coach for the terminal: think before you begin.",
    long_about = "bezin walks you through a reflection, question by question, before (and after) a \
                  hard conversation, and keeps your answers in a local journal.",
    after_help = "Examples:\n  bezin run five-tips            reflect before a conversation\n  \
                  bezin run after-the-conversation --lang nl\n  bezin list                      your latest reflections",
    arg_required_else_help = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// The journal file to read and write, instead of the default place
    #[arg(long, global = true, value_name = "PATH")]
    pub journal: Option<PathBuf>,

    /// Another folder of prompt sets (*.toml); may be given more than once
    #[arg(long = "prompts", global = true, value_name = "DIR")]
    pub prompt_dirs: Vec<PathBuf>,

    /// The language of the prompts: en or nl [default: the settings, else $LANG, else en]
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the prompt sets, show one, or check set files
    #[command(after_help = "Examples:\n  bezin sets\n  bezin sets show five-tips --lang nl\n  \
                            bezin sets validate my-set.toml")]
    Sets(SetsArgs),

    /// Walk through a reflection and save it to the journal
    #[command(after_help = "Examples:\n  bezin run five-tips\n  \
                            bezin run after-the-conversation --follows 3kq7m2x\n  \
                            bezin run five-tips --answers answers.toml --tag work")]
    Run(RunArgs),

    /// List the journal's entries, newest first
    #[command(after_help = "Example:\n  bezin list")]
    List,

    /// Show one entry with its questions and answers
    #[command(after_help = "Examples:\n  bezin show last\n  bezin show 3kq7")]
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct SetsArgs {
    #[command(subcommand)]
    pub action: Option<SetsAction>,
}

#[derive(Debug, Subcommand)]
pub enum SetsAction {
    /// Show every prompt of a set in the chosen language
    Show {
        /// The set's id, as `bezin sets` lists it
        id: String,
    },
    /// Check prompt set files; exit 1 and name every problem if one is wrong
    Validate {
        /// The files to check
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The set to run; without it, bezin asks which one
    pub set: Option<String>,

    /// The entry's title
    #[arg(long)]
    pub title: Option<String>,

    /// A tag for the entry; may be given more than once
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// The id (or a unique prefix) of the entry this reflection follows up on
    #[arg(long, value_name = "ID")]
    pub follows: Option<String>,

    /// Take the answers from a TOML file (prompt id = answer), or - for stdin, instead of asking
    #[arg(long, value_name = "FILE")]
    pub answers: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry's id, a unique prefix of it, or `last`
    pub id: String,
}
