//! `bezin sets`: list the sets, show one, check set files.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use crate::catalog::Origin;
use crate::cli::{SetsAction, SetsArgs};
use crate::context::Context;
use crate::exit_codes;
use crate::lang::Text;
use crate::paths;
use crate::prompt_set::{self, Expected, Kind, PromptSet, When};
use crate::ui::{self, Column};

pub fn run(context: &Context, args: SetsArgs) -> Result<ExitCode> {
    match args.action {
        None => list(context),
        Some(SetsAction::Show { id }) => show(context, &id),
        Some(SetsAction::Validate { files }) => Ok(validate(&files)),
        Some(SetsAction::New { id }) => new(context, &id),
    }
}

fn new(context: &Context, id: &str) -> Result<ExitCode> {
    let words = context.lang.commands();
    if !prompt_set::is_id(id) {
        anyhow::bail!((words.not_a_set_id)(id));
    }
    let folder = &context.paths.prompts_dir;
    let path = folder.join(format!("{id}.toml"));
    let shown = path.display().to_string();
    if path.exists() {
        anyhow::bail!((words.set_exists)(&shown));
    }
    paths::create_private_dir(folder).with_context(|| (words.cannot_create)(&folder.display().to_string()))?;
    paths::write_new_private(&path, context.lang.sets().starter.replace("{id}", id).as_bytes())
        .with_context(|| (words.cannot_write)(&shown))?;
    let said = context.lang.outcomes();
    crate::say!("{}", (said.wrote)(&path.display().to_string()));
    let replaces = |origin: &Origin| matches!(origin, Origin::File { replaces_built_in: true, .. });
    if context.catalog()?.sets().into_iter().any(|available| available.set.id == id && replaces(&available.origin)) {
        crate::tell!("{}", (said.replaces_built_in)(id));
    }
    crate::tell!("{}", (said.edit_then)(&crate::shell::command(&format!("run {id}"))));
    Ok(ExitCode::SUCCESS)
}

fn list(context: &Context) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let words = context.lang.words();
    let origin = |origin: &Origin| match origin {
        Origin::BuiltIn => words.built_in.to_owned(),
        Origin::File { path, replaces_built_in: false } => path.display().to_string(),
        Origin::File { path, replaces_built_in: true } => format!("{} ({})", path.display(), words.replaces_built_in),
    };
    let rows: Vec<[String; 4]> = catalog
        .sets()
        .into_iter()
        .map(|available| {
            let set = &available.set;
            [
                set.id.clone(),
                set.title.get(context.lang).to_owned(),
                set.prompts.len().to_string(),
                origin(&available.origin),
            ]
        })
        .collect();
    let mut out = ui::stdout();
    let columns = [
        Column::id(words.col_id),
        Column::flexible(words.col_title),
        Column::fixed(words.col_prompts).optional(),
        Column::flexible(words.col_origin).optional(),
    ];
    ui::table(&mut out, &columns, &rows)?;
    super::run::warn_broken(context.lang, &catalog);
    Ok(ExitCode::SUCCESS)
}

fn show(context: &Context, id: &str) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let available = catalog.get(id)?;
    let mut out = ui::stdout();
    write_set(&mut out, &available.set, context)?;
    Ok(ExitCode::SUCCESS)
}

fn write_set(out: &mut impl Write, set: &PromptSet, context: &Context) -> std::io::Result<()> {
    let lang = context.lang;
    let words = lang.words();
    let width = ui::stdout_width();
    // Text from a set file, in its visible form; a line wrapped to the terminal.
    let text = |text: &Text| ui::shown(text.get(lang)).into_owned();
    let wrapped = |line: &str, indent: &str| ui::wrap(line, width, indent);
    let heading = format!("{} ({}, {} {})", set.title.get(lang), set.id, words.version, set.version);
    writeln!(out, "{}", ui::bold(&wrapped(&heading, "")))?;
    if let Some(purpose) = &set.purpose {
        writeln!(out, "{}", wrapped(&format!("{}: {}", words.purpose, purpose.get(lang)), ""))?;
    }
    writeln!(out, "{}", wrapped(set.description.get(lang), ""))?;
    if !set.languages.is_empty() {
        let codes: Vec<&str> = set.languages.iter().map(|lang| lang.code()).collect();
        writeln!(out, "{}: {}", words.languages, codes.join(", "))?;
    }
    if let Some(source) = &set.source {
        writeln!(out, "{}", wrapped(&format!("{}: {}", words.source, source.get(lang)), ""))?;
    }
    if let Some(follow_up) = &set.follow_up {
        writeln!(out, "{} {}", words.afterwards, crate::shell::command(&format!("run {follow_up}")))?;
    }
    for (n, prompt) in set.prompts.iter().enumerate() {
        writeln!(out)?;
        let compare = prompt.compare.as_ref().map(|word| format!("{} {word}", words.compare_mark));
        let marks = [
            (!prompt.required).then_some(words.optional),
            prompt.person.then_some(words.person_mark),
            compare.as_deref(),
            prompt.recap.then_some(words.recap_mark),
            prompt.next_step.then_some(words.next_step_mark),
        ];
        let marks: String = marks.iter().flatten().map(|mark| [", ", mark].concat()).collect();
        let kind = prompt.kind.kind_name().said_in(lang);
        let asked = format!("{}. {}  [{}: {kind}{marks}]", n + 1, prompt.ask.get(lang), prompt.id);
        // A hanging indent: the lines after the first start under the question.
        writeln!(out, "{}", wrapped(&asked, "   ").trim_start())?;
        if let Some(hint) = &prompt.hint {
            writeln!(out, "{}", wrapped(&format!("{}: {}", lang.words().hint, hint.get(lang)), "   "))?;
        }
        if let Some(when) = &prompt.when {
            match when {
                When::Answer { prompt, equals } => {
                    let equals = match equals {
                        Expected::Bool(yes) => (if *yes { words.yes } else { words.no }).to_owned(),
                        other => ui::one_line(&other.to_string()).into_owned(),
                    };
                    writeln!(out, "   {} {prompt} = {equals}", words.only_when)?;
                }
                When::Follows(set) => writeln!(out, "   {} {} {set}", words.only_when, words.follows_set)?,
            }
        }
        match &prompt.kind {
            Kind::Scale { min, max, min_label, max_label } => {
                let label = |l: &Option<Text>| l.as_ref().map(|t| format!(" ({})", text(t))).unwrap_or_default();
                writeln!(out, "   {} {min}{} – {max}{}", words.scale, label(min_label), label(max_label))?;
            }
            Kind::Choice(options) | Kind::Multi(options) => {
                for option in options {
                    writeln!(out, "{}", wrapped(&format!("- {} [{}]", option.label.get(lang), option.id), "   "))?;
                }
            }
            Kind::Text | Kind::Long | Kind::Confirm => {}
        }
    }
    Ok(())
}

fn validate(files: &[PathBuf]) -> ExitCode {
    let mut valid = true;
    for path in files {
        match prompt_set::load(path, false) {
            Ok(set) => {
                let said = crate::lang::interface().outcomes();
                crate::say!("{}", (said.valid_set)(&path.display().to_string(), &set.id, set.prompts.len()));
            }
            Err(err) => {
                valid = false;
                crate::say!("{err}");
            }
        }
    }
    if valid { ExitCode::SUCCESS } else { ExitCode::from(exit_codes::PROBLEMS_FOUND) }
}
