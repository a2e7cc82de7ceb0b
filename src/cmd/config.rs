//! `bezin config`: the settings in force and where each comes from; the
//! settings file's path; a commented settings file to start from.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};

use crate::cli::{Cli, ConfigAction, ConfigArgs};
use crate::context::Context;
use crate::lang::Lang;
use crate::lang::config::ConfigWords;
use crate::lang::failed::{Step, Thing, could_not};
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
        None => show(&settings(context, flags), context.lang.config())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// A table, or on a narrow terminal one setting after another, so that no
/// path is cut short.
fn show(rows: &[[String; 3]], words: &ConfigWords) -> std::io::Result<()> {
    let mut out = ui::stdout();
    if ui::stdout_width().is_none_or(|width| width >= 80) {
        let columns = [Column::id(words.col_setting), Column::fixed(words.col_value), Column::tags(words.col_from)];
        return ui::table(&mut out, &columns, rows);
    }
    for [setting, value, from] in rows {
        writeln!(out, "{}: {}", ui::accent(setting), ui::shown(value))?;
        writeln!(out, "  {}", ui::dim(&(words.from)(from)))?;
    }
    Ok(())
}

/// Each setting, its value, and where the value comes from.
fn settings(context: &Context, flags: &Flags) -> Vec<[String; 3]> {
    let config = &context.config;
    let words = context.lang.config();
    let file = (words.file)(&context.paths.config_file.display().to_string());
    let from = |flag: bool, flag_name: &str, in_file: bool, env: Option<&str>| match (flag, in_file, env) {
        (true, _, _) => (words.flag)(flag_name),
        (false, true, _) => file.clone(),
        (false, false, Some(var)) => (words.environment)(var),
        (false, false, None) => words.default.to_owned(),
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
            config.default_set.clone().unwrap_or_else(|| words.no_default_set.to_owned()),
            from(false, "", config.default_set.is_some(), None),
        ],
        ["editor".to_owned(), editor, from(false, "", config.editor.is_some(), editor_env)],
        ["prompt_dirs".to_owned(), context.paths.prompts_dir.display().to_string(), from(false, "", false, home)],
    ];
    for dir in &config.prompt_dirs {
        rows.push(["prompt_dirs".to_owned(), dir.display().to_string(), file.clone()]);
    }
    if flags.prompts {
        rows.push(["prompt_dirs".to_owned(), words.more_prompts.to_owned(), (words.flag)("--prompts")]);
    }
    rows.push(["drafts".to_owned(), context.paths.drafts.display().to_string(), from(false, "", false, home)]);
    rows.push([
        "identity".to_owned(),
        context.identity.path.display().to_string(),
        match context.identity.named_by {
            "--identity" => (words.flag)("--identity"),
            "BEZIN_IDENTITY" => (words.environment)("BEZIN_IDENTITY"),
            "the identity setting" => file.clone(),
            _ => from(false, "", false, home),
        },
    ]);
    let init = crate::shell::command("config init");
    let written = if context.paths.config_file.exists() { String::new() } else { (words.not_written)(&init) };
    rows.push([
        words.settings_file.to_owned(),
        format!("{}{written}", context.paths.config_file.display()),
        from(false, "", false, home),
    ]);
    rows
}

fn init(context: &Context) -> Result<()> {
    let path = &context.paths.config_file;
    let words = context.lang.config();
    if path.exists() {
        bail!("{}", (words.exists)(&path.display().to_string()));
    }
    if let Some(folder) = path.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        paths::create_private_dir(folder).with_context(|| could_not(Step::Create, Thing::Path, folder.display()))?;
    }
    paths::write_new_private(path, words.template.as_bytes())
        .with_context(|| could_not(Step::Write, Thing::Path, path.display()))?;
    crate::say!("{}", (words.wrote)(&path.display().to_string()));
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_template_is_a_valid_settings_file_in_every_language() {
        for lang in crate::lang::Lang::ALL {
            let config: crate::config::Config = toml::from_str(lang.config().template).unwrap();
            assert!(config.language.is_none() && config.prompt_dirs.is_empty());
        }
    }
}
