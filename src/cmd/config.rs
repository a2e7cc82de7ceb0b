//! `bezin config`: the settings in force and where each comes from; the
//! settings file's path; a commented settings file to start from.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::cli::{Cli, ConfigAction, ConfigArgs};
use crate::context::Context;
use crate::lang::Lang;
use crate::paths;
use crate::ui::{self, Column};

/// Which settings were given as flags on this command line.
pub struct Flags {
    lang: bool,
    journal: bool,
    prompts: bool,
}

impl Flags {
    pub fn of(cli: &Cli) -> Flags {
        Flags { lang: cli.lang.is_some(), journal: cli.journal.is_some(), prompts: !cli.prompt_dirs.is_empty() }
    }
}

pub fn run(context: &Context, flags: &Flags, args: &ConfigArgs) -> Result<ExitCode> {
    let file = &context.paths.config_file;
    match args.action {
        Some(ConfigAction::Path) => crate::say!("{}", file.display()),
        Some(ConfigAction::Init) => init(context)?,
        None => show(&settings(context, flags))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A table, or on a narrow terminal one setting after another, so that no
/// path is cut short.
fn show(rows: &[[String; 3]]) -> std::io::Result<()> {
    let mut out = ui::stdout();
    if ui::stdout_width().is_none_or(|width| width >= 80) {
        return ui::table(&mut out, &[Column::id("SETTING"), Column::fixed("VALUE"), Column::tags("FROM")], rows);
    }
    for [setting, value, from] in rows {
        writeln!(out, "{}: {}", ui::accent(setting), ui::shown(value))?;
        writeln!(out, "  {}", ui::dim(&format!("from {from}")))?;
    }
    Ok(())
}

/// Each setting, its value, and where the value comes from.
fn settings(context: &Context, flags: &Flags) -> Vec<[String; 3]> {
    let config = &context.config;
    let file = format!("file {}", context.paths.config_file.display());
    let from = |flag: bool, flag_name: &str, in_file: bool, env: Option<&str>| match (flag, in_file, env) {
        (true, _, _) => format!("flag {flag_name}"),
        (false, true, _) => file.clone(),
        (false, false, Some(var)) => format!("environment {var}"),
        (false, false, None) => "default".to_owned(),
    };
    let lang_env = Lang::from_env()
        .and(["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find(|var| std::env::var(var).is_ok_and(|v| !v.is_empty())));
    let home = std::env::var_os("BEZIN_HOME").filter(|home| !home.is_empty()).map(|_| "BEZIN_HOME");
    let editor_env = ["VISUAL", "EDITOR"].into_iter().find(|var| std::env::var(var).is_ok_and(|v| !v.is_empty()));
    let editor = config
        .editor
        .clone()
        .or_else(|| editor_env.and_then(|var| std::env::var(var).ok()))
        .unwrap_or_else(|| "vi".to_owned());
    let mut rows = vec![
        [
            "language".to_owned(),
            context.lang.to_string(),
            from(flags.lang, "--lang", config.language.is_some(), lang_env),
        ],
        [
            "journal".to_owned(),
            context.journal.path().display().to_string(),
            from(flags.journal, "--journal", config.journal.is_some(), home),
        ],
        [
            "default_set".to_owned(),
            config.default_set.clone().unwrap_or_else(|| "(none: run asks)".to_owned()),
            from(false, "", config.default_set.is_some(), None),
        ],
        ["editor".to_owned(), editor, from(false, "", config.editor.is_some(), editor_env)],
        ["prompt_dirs".to_owned(), context.paths.prompts_dir.display().to_string(), from(false, "", false, home)],
    ];
    for dir in &config.prompt_dirs {
        rows.push(["prompt_dirs".to_owned(), dir.display().to_string(), file.clone()]);
    }
    if flags.prompts {
        rows.push([
            "prompt_dirs".to_owned(),
            "(and those given with --prompts)".to_owned(),
            "flag --prompts".to_owned(),
        ]);
    }
    rows.push(["drafts".to_owned(), context.paths.drafts.display().to_string(), from(false, "", false, home)]);
    rows.push([
        "identity".to_owned(),
        context.identity.path.display().to_string(),
        match context.identity.named_by {
            "--identity" => "flag --identity".to_owned(),
            "BEZIN_IDENTITY" => "environment BEZIN_IDENTITY".to_owned(),
            "the identity setting" => file.clone(),
            _ => from(false, "", false, home),
        },
    ]);
    let init = crate::shell::command("config init");
    let written =
        if context.paths.config_file.exists() { String::new() } else { format!(" (not written yet: {init})") };
    rows.push([
        "settings file".to_owned(),
        format!("{}{written}", context.paths.config_file.display()),
        from(false, "", false, home),
    ]);
    rows
}

const TEMPLATE: &str = r#"# bezin's settings. Every key is optional: take away the # to set one.
# `bezin config` shows the settings in force and where each comes from.

# The language of the prompts: "en" or "nl".
# Default: the language of $LC_ALL, $LC_MESSAGES or $LANG, else English.
# language = "en"

# The journal file. "~/" is your home folder; a relative path starts here.
# Default: ~/.local/share/bezin/journal.jsonl, or $BEZIN_HOME/journal.jsonl.
# journal = "~/notes/bezin.jsonl"

# The age identity that reads your journal once it is encrypted (bezin encrypt).
# Default: $BEZIN_IDENTITY, else identity.txt beside this file.
# identity = "~/.ssh/id_ed25519"

# The set `bezin run` starts when no set is named. Default: bezin asks.
# default_set = "five-tips"

# The editor for long answers (type :e on a line of its own).
# Default: $VISUAL, else $EDITOR, else vi.
# editor = "nano"

# More folders of prompt sets (*.toml), besides the prompts folder beside this file.
# prompt_dirs = ["~/team-sets"]
"#;

fn init(context: &Context) -> Result<()> {
    let path = &context.paths.config_file;
    if path.exists() {
        bail!("{} exists already; edit it, or move it away first", path.display());
    }
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        paths::create_private_dir(folder).with_context(|| format!("could not create {}", folder.display()))?;
    }
    paths::write_new_private(path, TEMPLATE.as_bytes())
        .with_context(|| format!("could not write {}", path.display()))?;
    crate::say!("Wrote {}", path.display());
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_is_a_valid_settings_file() {
        let config: crate::config::Config = toml::from_str(super::TEMPLATE).unwrap();
        assert!(config.language.is_none() && config.prompt_dirs.is_empty());
    }
}
