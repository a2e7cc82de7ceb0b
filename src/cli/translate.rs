//! bezin's command line in the words of a language other than English.
//! clap speaks English: the doc comments of cli.rs, and its own words
//! ("Usage:", "Options:", "Print help", "[default: …]"). Each text is
//! swapped for its counterpart in the language's help words; clap's own
//! words give way where clap lets them: a template and a usage line of
//! bezin's, a heading on every argument, and the defaults and values
//! written into the help instead of clap's. The manual page is made from
//! that command, with its section names swapped after.

use std::io::Write;

use clap::builder::{Str, StyledStr};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use crate::lang::help::HelpWords;

/// `command` with every word of its help and of its usage in `words`.
pub fn command(command: Command, words: &HelpWords) -> Command {
    in_words(built(command), words)
}

/// The command built: only then are clap's own --help, --version and help
/// command there to be given other words.
fn built(mut command: Command) -> Command {
    command.build();
    let name = command.get_name().to_owned();
    if let Some(help) = command.get_subcommands_mut().find(|subcommand| subcommand.get_name() == HELP.0) {
        *help = plain_help().bin_name(format!("{name} {}", HELP.0));
    }
    command
}

/// clap's own help command and its argument, in English.
const HELP: (&str, &str, &str) =
    ("help", "Print this message or the help of the given subcommand(s)", "Print help for the subcommand(s)");

/// clap's help command as it is before every command is built: it names
/// the commands to help with, where built it holds a copy of each, which
/// its help would list.
fn plain_help() -> Command {
    let (name, about, argument) = HELP;
    let commands = Arg::new("subcommand").action(ArgAction::Append).num_args(..).value_name("COMMAND").help(argument);
    Command::new(name).about(about).arg(commands).disable_help_flag(true).disable_version_flag(true)
}

fn in_words(command: Command, words: &HelpWords) -> Command {
    let said = |text: Option<&StyledStr>| text.map(|text| words.said(&text.to_string()).to_owned());
    let (about, long_about, after_help) =
        (said(command.get_about()), said(command.get_long_about()), said(command.get_after_help()));
    let template = if command.get_arguments().next().is_some() || command.has_subcommands() {
        format!("{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}", words.usage)
    } else {
        format!("{{before-help}}{{about-with-newline}}\n{} {{usage}}{{after-help}}", words.usage)
    };
    let mut command = command
        .help_template(template)
        .subcommand_help_heading(words.commands)
        .subcommand_value_name(words.command)
        .mut_args(|arg| arg_in_words(arg, words));
    if let Some(about) = about {
        command = command.about(about);
    }
    if let Some(long_about) = long_about {
        command = command.long_about(long_about);
    }
    if let Some(after_help) = after_help {
        command = command.after_help(after_help);
    }
    for subcommand in command.get_subcommands_mut() {
        *subcommand = in_words(std::mem::take(subcommand), words);
    }
    let usage = command.render_usage().to_string();
    let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, usage)| usage);
    let usage = usage.replace("[OPTIONS]", words.options_tag);
    command.override_usage(usage)
}

/// An argument in `words`: its help, what stands for its value, and its
/// heading; its default and the values it takes written by bezin, where
/// clap would write them in English.
fn arg_in_words(arg: Arg, words: &HelpWords) -> Arg {
    let values = values(&arg, words);
    let said = |text: Option<&StyledStr>| text.map(|text| words.said(&text.to_string()).to_owned() + &values);
    let (help, long_help) = (said(arg.get_help()), said(arg.get_long_help()));
    let placeholder = |name: &Str| words.placeholder(name).map_or_else(|| name.clone(), Str::from);
    let placeholders: Option<Vec<Str>> = arg.get_value_names().map(|names| names.iter().map(placeholder).collect());
    let heading = if arg.is_positional() { words.arguments } else { words.options };
    let mut arg = arg.help_heading(heading).hide_default_value(true).hide_possible_values(true);
    if let Some(help) = help {
        arg = arg.help(help);
    }
    if let Some(long_help) = long_help {
        arg = arg.long_help(long_help);
    }
    match placeholders {
        Some(placeholders) => arg.value_names(placeholders),
        None => arg,
    }
}

/// What clap adds to the help of an argument that takes a value, in
/// `words`: ` [standaard: auto] [mogelijk: auto, always, never]`, each
/// value with its own help when it has one.
fn values(arg: &Arg, words: &HelpWords) -> String {
    if !arg.get_num_args().is_some_and(|range| range.takes_values()) {
        return String::new();
    }
    let defaults: Vec<String> =
        arg.get_default_values().iter().map(|value| value.to_string_lossy().into_owned()).collect();
    let possible = arg.get_possible_values();
    let helped = possible.iter().any(|value| value.get_help().is_some());
    let values: Vec<String> = possible
        .iter()
        .filter(|value| !value.is_hide_set())
        .map(|value| match value.get_help() {
            Some(help) => format!("{}: {}", value.get_name(), words.said(&help.to_string())),
            None => value.get_name().to_owned(),
        })
        .collect();
    let said = [(words.default, defaults.join(" ")), (words.possible, values.join(if helped { "; " } else { ", " }))];
    let said: Vec<String> = said
        .iter()
        .filter(|(_, listed)| !listed.is_empty())
        .map(|(name, listed)| format!(" [{name}: {listed}]"))
        .collect();
    said.concat()
}

/// What clap says of a mistake on the command line, in `words`, laid out
/// as clap lays it out: the mistake, what resembles what was typed, the
/// usage and where to read more. `None` for a mistake without words here.
pub fn mistake(err: &clap::Error, words: &HelpWords, lang: crate::lang::Lang) -> Option<String> {
    let said = &words.mistakes;
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(text)) => Some(text.as_str()),
        _ => None,
    };
    let list = |kind| match err.get(kind) {
        Some(ContextValue::Strings(texts)) => texts.clone(),
        Some(ContextValue::String(text)) => vec![text.clone()],
        _ => Vec::new(),
    };
    let mistake = match err.kind() {
        ErrorKind::InvalidSubcommand => (said.unknown_command)(text(ContextKind::InvalidSubcommand)?),
        ErrorKind::UnknownArgument => (said.unknown_argument)(text(ContextKind::InvalidArg)?),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let (option, value) = (text(ContextKind::InvalidArg)?, text(ContextKind::InvalidValue)?);
            let valid = list(ContextKind::ValidValue);
            let valid =
                if valid.is_empty() { String::new() } else { format!("\n  [{}: {}]", said.possible, valid.join(", ")) };
            // The one reason of bezin's own, said in the interface's language.
            let why = std::error::Error::source(err).and_then(|why| why.downcast_ref::<crate::lang::UnknownLang>());
            let why = why.map(|why| format!(": {}", why.said_in(lang))).unwrap_or_default();
            if value.is_empty() { (said.no_value)(option) } else { (said.invalid_value)(value, option) + &why + &valid }
        }
        ErrorKind::MissingRequiredArgument => {
            list(ContextKind::InvalidArg).iter().fold(said.missing.to_owned(), |all, arg| format!("{all}\n  {arg}"))
        }
        ErrorKind::MissingSubcommand => (said.needs_command)(text(ContextKind::InvalidSubcommand)?),
        ErrorKind::TooManyValues => (said.too_many)(text(ContextKind::InvalidValue)?, text(ContextKind::InvalidArg)?),
        ErrorKind::ArgumentConflict => {
            let option = text(ContextKind::InvalidArg)?;
            match list(ContextKind::PriorArg).as_slice() {
                [prior] if prior == option => (said.only_once)(option),
                [prior] => format!("{} '{prior}'", (said.not_with)(option)),
                priors => priors.iter().fold((said.not_with)(option) + ":", |all, prior| format!("{all}\n  {prior}")),
            }
        }
        _ => return None,
    };
    let similar = [
        (ContextKind::SuggestedSubcommand, said.similar_command),
        (ContextKind::SuggestedArg, said.similar_argument),
        (ContextKind::SuggestedValue, said.similar_value),
    ];
    let tips: Vec<String> = similar
        .into_iter()
        .filter_map(|(kind, like)| {
            let found = list(kind);
            (!found.is_empty()).then(|| format!("  tip: {like}: '{}'", found.join("', '")))
        })
        .collect();
    let tips = if tips.is_empty() { String::new() } else { format!("\n\n{}", tips.join("\n")) };
    let usage = match err.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(usage)) => {
            let usage = usage.to_string();
            format!("\n\n{} {}", words.usage, usage.split_once(": ").map_or(usage.as_str(), |(_, usage)| usage))
        }
        _ => String::new(),
    };
    Some(format!("{} {mistake}{tips}{usage}\n\n{}\n", said.error, (said.more)("--help")))
}

/// The manual page of `command` in `words`: made by clap_mangen from the
/// command in those words, then its section names, which clap_mangen
/// writes in English, swapped.
pub fn write_man_page(command: Command, words: &HelpWords, out: &mut dyn Write) -> std::io::Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(self::command(command, words)).render(&mut page)?;
    for line in String::from_utf8_lossy(&page).lines() {
        match line.strip_prefix(".SH ") {
            Some(section) => writeln!(out, ".SH {}", words.section(section).to_uppercase())?,
            None => writeln!(out, "{line}")?,
        }
    }
    Ok(())
}

/// Every text of `command`'s help that words are needed for: the
/// commands' and arguments' help, their values', and what stands for a
/// value; for the test that finds each in a language's help words.
#[cfg(test)]
fn texts(command: &Command, found: &mut Vec<String>, placeholders: &mut Vec<String>) {
    let own = [command.get_about(), command.get_long_about(), command.get_after_help()];
    found.extend(own.into_iter().flatten().map(ToString::to_string));
    for arg in command.get_arguments() {
        found.extend([arg.get_help(), arg.get_long_help()].into_iter().flatten().map(ToString::to_string));
        found.extend(arg.get_possible_values().iter().filter_map(|value| value.get_help()).map(ToString::to_string));
        if arg.get_num_args().is_some_and(|range| range.takes_values()) {
            placeholders.extend(arg.get_value_names().into_iter().flatten().map(ToString::to_string));
        }
    }
    for subcommand in command.get_subcommands() {
        texts(subcommand, found, placeholders);
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;
    use crate::cli::Cli;
    use crate::lang::Lang;

    /// Every text of the help, clap's own too, has words in every language
    /// that lays its own over clap's; and every one of those words is of a
    /// text the help still has.
    #[test]
    fn every_text_of_the_help_has_words_in_each_language() {
        let command = built(Cli::command());
        let (mut found, mut placeholders) = (Vec::new(), Vec::new());
        texts(&command, &mut found, &mut placeholders);
        for words in Lang::ALL.into_iter().filter_map(Lang::help) {
            let missing: Vec<&String> = found.iter().filter(|text| !words.has(text)).collect();
            assert!(missing.is_empty(), "no words for {} texts:\n{missing:#?}", missing.len());
            let unknown: Vec<&&str> = words
                .texts
                .iter()
                .map(|(english, _)| english)
                .filter(|english| !found.iter().any(|text| text == *english))
                .collect();
            assert!(unknown.is_empty(), "words for texts the help no longer has: {unknown:#?}");
            let missing: Vec<&String> = placeholders
                .iter()
                .filter(|name| !words.placeholders.iter().any(|(english, _)| english == name))
                .collect();
            assert!(missing.is_empty(), "no words for the placeholders {missing:?}");
        }
    }
}
