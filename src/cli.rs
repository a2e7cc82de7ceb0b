//! Every command-line definition, in clap's terms; `cmd/` turns what it
//! parses into calls on the domain. Besides this file and `translate` (the
//! same definitions in the words of another language), only `main.rs` (the
//! parse itself) and the completion code use clap.

// The doc comments here are `--help` text, written for people, not rustdoc.
#![allow(clippy::doc_markdown)]

mod translate;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand};
use clap_complete::engine::ArgValueCompleter;

use crate::completion;
use crate::lang::Lang;

#[derive(Debug, Parser)]
#[command(
    name = "bezin",
    version,
    about = "A reflection coach for the terminal: think before you begin.",
    long_about = "bezin walks you through a reflection, question by question, before (and after) a \
                  hard conversation, and keeps your answers in a local journal.",
    after_help = "Examples:\n  bezin                           what there is, and where you left off\n  \
                  bezin run five-tips            reflect before a conversation\n  \
                  bezin run after-the-conversation --lang nl\n  bezin list                      your latest reflections"
)]
pub struct Cli {
    /// Without a command, bezin shows its sets, your latest entries and unfinished reflections
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The journal file to read and write, instead of the default place
    #[arg(long, global = true, value_name = "PATH", add = ArgValueCompleter::new(completion::files))]
    pub journal: Option<PathBuf>,

    /// The age identity that reads an encrypted journal [default: BEZIN_IDENTITY, the settings, else identity.txt beside them]
    #[arg(long, global = true, value_name = "FILE", add = ArgValueCompleter::new(completion::files))]
    pub identity: Option<PathBuf>,

    /// Another folder of prompt sets (*.toml); may be given more than once
    #[arg(long = "prompts", global = true, value_name = "DIR", add = ArgValueCompleter::new(completion::folders))]
    pub prompt_dirs: Vec<PathBuf>,

    /// The language of the prompts: en or nl [default: the settings, else $LANG, else en]
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<Lang>,

    /// When to use colour; auto follows NO_COLOR, CLICOLOR_FORCE and whether output is a terminal
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    pub color: Color,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

impl Color {
    /// Whether colour is forced on or off; `None` for auto.
    pub fn forced(self) -> Option<bool> {
        match self {
            Color::Auto => None,
            Color::Always => Some(true),
            Color::Never => Some(false),
        }
    }
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
    #[command(after_help = "Examples:\n  bezin list\n  bezin list --set five-tips --since 3m --limit 50\n  \
                            bezin list --tag work --json")]
    List(ListArgs),

    /// Show one entry with its questions and answers
    #[command(
        after_help = "Examples:\n  bezin show last\n  bezin show 3kq7 --lang nl     in the words of another language\n  bezin show 3kq7 --json"
    )]
    Show(ShowArgs),

    /// Find entries whose title, tags or answers hold a text
    #[command(after_help = "Examples:\n  bezin search verlangen\n  bezin search \"one plus one\" --since 1y --json")]
    Search(SearchArgs),

    /// Look through the journal in one screen: the entries, and the one chosen as show gives it
    #[command(after_help = "Example:\n  bezin browse --lang nl\n\n\
                            Keys: ↑ ↓ j k move, Enter reads the entry, / searches as you type, w s t d filter by \
                            person, set, tag and days, p shows the person's timeline, f follows a link, e changes \
                            the entry, x deletes it after asking, space marks an entry and o exports the marked \
                            ones, ? shows every key, q leaves")]
    Browse,

    /// Change an entry's answers, title or tags
    #[command(after_help = "Examples:\n  bezin edit last\n  bezin edit 3kq7 --title \"Talk with Anna\" --tag work\n  \
                            bezin edit 3kq7 --answers fixes.toml")]
    Edit(EditArgs),

    /// Close a prepared conversation that will never be looked back on
    #[command(after_help = "Examples:\n  bezin done 3kq7\n  \
                            bezin done 3kq7 --note \"Settled it by mail\"\n  \
                            bezin                            (lists the conversations still open)")]
    Done(DoneArgs),

    /// Delete an entry, after asking
    #[command(after_help = "Examples:\n  bezin delete 3kq7\n  bezin delete 3kq7 --yes")]
    Delete(DeleteArgs),

    /// Write entries as Markdown or JSON, to keep, share or publish
    #[command(after_help = "Examples:\n  bezin export > reflections.md\n  \
                            bezin export --split -o notes/ --tag work\n  bezin export --format json -o backup.json")]
    Export(ExportArgs),

    /// Bring in entries from a bezin export or journal, or a jrnl JSON export
    #[command(after_help = "Examples:\n  bezin import backup.json\n  bezin import ~/old-laptop/journal.jsonl\n  \
                            jrnl --export json > jrnl.json && bezin import jrnl.json")]
    Import(ImportArgs),

    /// List unfinished reflections, or discard one
    #[command(after_help = "Examples:\n  bezin drafts\n  bezin drafts discard 7hq2")]
    Drafts(DraftsArgs),

    /// Check the journal's health: damaged lines, drafts, permissions; exit 1 if something is wrong
    #[command(after_help = "Example:\n  bezin check")]
    Check,

    /// Encrypt the journal and its drafts with age, or give an encrypted journal new keys
    #[command(after_help = "Examples:\n  bezin encrypt                          a new key, in identity.txt\n  \
                            bezin encrypt --recipient age1ql3z…    to a key you have\n  \
                            bezin encrypt -R ~/.ssh/id_ed25519.pub\n  \
                            bezin encrypt -r age1… -r age1…        new keys: add a device, leave out a lost one")]
    Encrypt(EncryptArgs),

    /// Turn the encrypted journal and its drafts back into plain files, after asking
    #[command(after_help = "Examples:\n  bezin decrypt\n  bezin decrypt --yes")]
    Decrypt(DecryptArgs),

    /// Everyone you reflected on: how often, first and last, and conversations still to look back on
    #[command(after_help = "Examples:\n  bezin people\n  bezin people --json")]
    People(PeopleArgs),

    /// Every reflection about one person, oldest first, with what was worth recalling
    #[command(
        after_help = "Examples:\n  bezin about anna\n  bezin about \"Eva van Dijk\" --since 1y\n  bezin about eva --json"
    )]
    About(AboutArgs),

    /// Entries per set and month, streaks of days, and how your scale answers moved
    #[command(after_help = "Examples:\n  bezin stats\n  bezin stats --since 1y --set five-tips\n  bezin stats --json")]
    Stats(StatsArgs),

    /// Show the settings and where each comes from; find or start the settings file
    #[command(after_help = "Examples:\n  bezin config\n  bezin config path\n  bezin config init")]
    Config(ConfigArgs),

    /// Print a completion script for a shell
    #[command(after_help = "Examples:\n  source <(bezin completions bash)          (in ~/.bashrc)\n  \
                            bezin completions fish > ~/.config/fish/completions/bezin.fish")]
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: Shell,
    },

    /// Print the manual page
    #[command(after_help = "Example:\n  bezin man > ~/.local/share/man/man1/bezin.1 && man bezin")]
    Man,
}

#[derive(Debug, Args)]
pub struct EncryptArgs {
    /// A public key to encrypt to: age1…, ssh-ed25519 …, ssh-rsa …, or an age plugin's; may be given more than once
    #[arg(long = "recipient", short = 'r', value_name = "KEY")]
    pub recipients: Vec<String>,

    /// A file of public keys, one a line (as age -R reads them); may be given more than once
    #[arg(long = "recipients-file", short = 'R', value_name = "FILE", add = ArgValueCompleter::new(completion::files))]
    pub recipients_files: Vec<std::path::PathBuf>,
}

#[derive(Debug, Args)]
pub struct DecryptArgs {
    /// Decrypt without asking
    #[arg(long)]
    pub yes: bool,
}

/// Which entries: the same filters for list, search and export.
#[derive(Debug, Args)]
pub struct FilterArgs {
    /// Only entries of this set
    #[arg(long, value_name = "ID")]
    pub set: Option<String>,

    /// Only entries about this person (case and accents aside)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,

    /// Only entries with this tag; may be given more than once (all must match)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// Only entries from this day on: 2026-11-01, 7d, 2w, 3m, 1y, today, yesterday
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only entries up to and including this day (same forms as --since)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    /// How many entries at most; 0 for all
    #[arg(long, short = 'n', default_value_t = 20, value_name = "N")]
    pub limit: usize,

    /// Oldest first
    #[arg(long)]
    pub reverse: bool,

    /// The entries as a JSON array, for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// What to look for; case and accents do not matter
    pub text: Option<String>,

    #[command(flatten)]
    pub filter: FilterArgs,

    /// The hits as a JSON array, for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The entry's id, a unique prefix of it, or `last`
    #[arg(add = ArgValueCompleter::new(completion::entry_ids))]
    pub id: String,

    /// A new title ("" removes it)
    #[arg(long)]
    pub title: Option<String>,

    /// The new tags, replacing the old; may be given more than once
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// New answers from a TOML file (prompt id = answer), or - for stdin, instead of asking
    #[arg(long, value_name = "FILE", add = ArgValueCompleter::new(completion::files))]
    pub answers: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    /// The entry's id, a unique prefix of it, or `last`
    #[arg(add = ArgValueCompleter::new(completion::entry_ids))]
    pub id: String,

    /// Delete without asking
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    /// The prepared conversation's id, or a unique prefix of it
    #[arg(add = ArgValueCompleter::new(completion::open_ids))]
    pub id: String,

    /// A line on why it closes without a look-back
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Markdown,
    Json,
}

/// How the notes of `export --split` link to each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Links {
    /// `[[file name]]`, as Obsidian and Logseq link notes
    Wiki,
    /// Relative Markdown links, for static site generators
    Markdown,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    pub format: Format,

    /// The file to write (or the folder, with --split); standard output without it
    #[arg(long, short = 'o', value_name = "PATH", add = ArgValueCompleter::new(completion::files))]
    pub output: Option<PathBuf>,

    /// One Markdown note per entry, with YAML front matter, a page per person and an index, in the folder given with -o
    #[arg(long, requires = "output")]
    pub split: bool,

    /// How the notes of --split link to each other
    #[arg(long, value_enum, default_value_t = Links::Wiki, requires = "split")]
    pub links: Links,

    /// With --split, replace the notes you changed since bezin wrote them; your version is kept beside, as NAME.yours.md
    #[arg(long, requires = "split")]
    pub replace_changed: bool,

    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,

    /// The numbers as JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AboutArgs {
    /// The person's name, or the start of it when no one else's starts the same (case and accents aside)
    pub name: String,

    /// Only reflections from this day on: 2026-11-01, 7d, 2w, 3m, 1y, today, yesterday
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,

    /// Only reflections up to and including this day (same forms as --since)
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,

    /// The timeline as JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct PeopleArgs {
    /// The people as JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub action: Option<ConfigAction>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigAction {
    /// Print where the settings file is (or would be)
    #[command(after_help = "Example:\n  $EDITOR \"$(bezin config path)\"")]
    Path,
    /// Write a settings file with every key explained, unless there is one
    #[command(after_help = "Example:\n  bezin config init && $EDITOR \"$(bezin config path)\"")]
    Init,
}

#[derive(Debug, Args)]
pub struct DraftsArgs {
    #[command(subcommand)]
    pub action: Option<DraftsAction>,
}

#[derive(Debug, Subcommand)]
pub enum DraftsAction {
    /// Remove a draft, after asking
    #[command(after_help = "Examples:\n  bezin drafts discard 7hq2\n  bezin drafts discard 7hq2 --yes")]
    Discard {
        /// The draft's id, or a unique prefix of it
        #[arg(add = ArgValueCompleter::new(completion::draft_ids))]
        id: String,
        /// Discard without asking
        #[arg(long, short = 'y')]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A file from `bezin export --format json` or `jrnl --export json`, or a bezin journal (a file or folder)
    #[arg(add = ArgValueCompleter::new(completion::files))]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct SetsArgs {
    #[command(subcommand)]
    pub action: Option<SetsAction>,
}

#[derive(Debug, Subcommand)]
pub enum SetsAction {
    /// Show every prompt of a set in the chosen language
    #[command(
        after_help = "Examples:\n  bezin sets show five-tips\n  bezin sets show after-the-conversation --lang nl"
    )]
    Show {
        /// The set's id, as `bezin sets` lists it
        #[arg(add = ArgValueCompleter::new(completion::set_ids))]
        id: String,
    },
    /// Write a starter set, with every key explained, to your prompts folder
    #[command(
        after_help = "Examples:\n  bezin sets new before-the-meeting      (then edit the file it names)\n  bezin run before-the-meeting"
    )]
    New {
        /// The new set's id: lowercase letters, digits, '-' and '_'
        id: String,
    },
    /// Check prompt set files; exit 1 and name every problem if one is wrong
    #[command(
        after_help = "Examples:\n  bezin sets validate my-set.toml\n  bezin sets validate ~/.config/bezin/prompts/*.toml"
    )]
    Validate {
        /// The files to check
        #[arg(required = true, add = ArgValueCompleter::new(completion::files))]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct RunArgs {
    /// The set to run; without it, bezin asks which one
    #[arg(add = ArgValueCompleter::new(completion::set_ids))]
    pub set: Option<String>,

    /// The entry's title
    #[arg(long)]
    pub title: Option<String>,

    /// A tag for the entry; may be given more than once
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,

    /// The id (or a unique prefix) of the entry this reflection follows up on; twice or more for several preparations of one conversation
    #[arg(long, value_name = "ID", add = ArgValueCompleter::new(completion::entry_ids))]
    pub follows: Vec<String>,

    /// Take the answers from a TOML file (prompt id = answer), or - for stdin, instead of asking
    #[arg(long, value_name = "FILE", add = ArgValueCompleter::new(completion::files))]
    pub answers: Option<PathBuf>,

    /// Go on with the unfinished reflection of this set without asking
    #[arg(long, conflicts_with = "fresh")]
    pub resume: bool,

    /// Start afresh even if a reflection of this set is unfinished (its draft stays)
    #[arg(long)]
    pub fresh: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry's id, a unique prefix of it, or `last`
    #[arg(add = ArgValueCompleter::new(completion::entry_ids))]
    pub id: String,

    /// The entry as JSON, for scripts
    #[arg(long)]
    pub json: bool,
}

/// Answers the shell when a completion script asks (and exits); otherwise
/// returns at once.
pub fn complete_when_asked() {
    completion::note_if_completing();
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(completion::COMPLETE_VARIABLE)
        .shells(completion::SHELLS)
        .complete();
}

/// What clap said when it stopped reading the command line (help, the
/// version, a mistake), said again in `lang`: the line read once more with
/// the definitions in its words. clap reads it in English first, so that
/// the words of another language are laid over the definitions only when
/// there is something to say.
pub fn said_in(stop: clap::Error, lang: Lang) -> clap::Error {
    match lang.help() {
        None => stop,
        Some(words) => translate::command(Cli::command(), words).try_get_matches().err().unwrap_or(stop),
    }
}

/// What clap says when it stopped reading the command line, to show: in
/// `lang`'s words where it has them for a mistake, else as clap said it.
pub fn message(stop: &clap::Error, lang: Lang) -> String {
    lang.help().and_then(|words| translate::mistake(stop, words, lang)).unwrap_or_else(|| stop.render().to_string())
}

/// The `--lang` on the command line, found without clap, which may have
/// stopped before it (`bezin run --help --lang nl`): the last `--lang X` or
/// `--lang=X` before a lone `--`; none when that is not a language bezin
/// speaks.
pub fn lang_given(args: impl IntoIterator<Item = OsString>) -> Option<Lang> {
    let mut args = args.into_iter().skip(1);
    let mut given = None;
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--") => break,
            Some("--lang") => given = args.next().and_then(|value| value.to_str()?.parse().ok()),
            Some(arg) => {
                if let Some(value) = arg.strip_prefix("--lang=") {
                    given = value.parse().ok();
                }
            }
            None => {}
        }
    }
    given
}

/// The manual page, in roff, in `lang`.
pub fn write_man_page(out: &mut dyn std::io::Write, lang: Lang) -> std::io::Result<()> {
    match lang.help() {
        None => clap_mangen::Man::new(Cli::command()).render(out),
        Some(words) => translate::write_man_page(Cli::command(), words, out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(args: &[&str]) -> Option<Lang> {
        lang_given(["bezin"].iter().chain(args).map(OsString::from))
    }

    #[test]
    fn the_language_flag_is_found_wherever_it_stands_before_a_lone_dashes() {
        assert_eq!(given(&["run", "--help", "--lang", "nl"]), Some(Lang::Nl));
        assert_eq!(given(&["--lang=nl", "list"]), Some(Lang::Nl));
        assert_eq!(given(&["--lang", "nl", "show", "--lang", "en"]), Some(Lang::En));
        assert_eq!(given(&["search", "--", "--lang", "nl"]), None);
        assert_eq!(given(&["--lang", "de", "--help"]), None);
        assert_eq!(given(&["--lang"]), None);
    }
}
