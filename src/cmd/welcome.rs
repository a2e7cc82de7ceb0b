//! `bezin` on its own: the sets, the latest entries, the conversations
//! still to look back on, unfinished reflections, and the one command to
//! start.

use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::Result;

use super::title_of;
use crate::context::Context;
use crate::follow_through;
use crate::journal::Entry;
use crate::ui::{self, Column};

/// How far back the welcome looks for conversations still to look back on.
const RECENT_DAYS: i64 = 30;

pub fn run(context: &Context) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let mut latest: Vec<Entry> = Vec::new();
    context.journal.scan_back(|line| {
        if let Ok(entry) = line.parse() {
            latest.push(entry);
        }
        Ok(if latest.len() == 3 { ControlFlow::Break(()) } else { ControlFlow::Continue(()) })
    })?;
    let open = follow_through::open(
        &context.journal,
        &catalog,
        None,
        follow_through::days_ago(RECENT_DAYS),
        usize::MAX,
        |_| {},
    )?;
    let (drafts, _) = context.drafts().all().unwrap_or_default();
    let mut out = ui::stdout();
    let words = context.lang.words();
    writeln!(out, "{} · {}\n", ui::bold("bezin"), words.welcome_tagline)?;
    writeln!(out, "{}", ui::bold(words.welcome_sets))?;
    let sets: Vec<[String; 2]> = catalog
        .sets()
        .into_iter()
        .map(|available| [format!("  {}", available.set.id), available.set.title.get(context.lang).to_owned()])
        .collect();
    ui::table(&mut out, &[Column::id(""), Column::flexible("")], &sets)?;
    if !latest.is_empty() {
        writeln!(out, "\n{}", ui::bold(words.welcome_latest))?;
        let rows: Vec<[String; 3]> = latest
            .iter()
            .map(|entry| [format!("  {}", entry.short_id()), entry.date().to_owned(), title_of(entry, &catalog)])
            .collect();
        ui::table(&mut out, &[Column::id(""), Column::fixed(""), Column::flexible("")], &rows)?;
    }
    if !open.is_empty() {
        writeln!(out, "\n{}", ui::bold(words.welcome_look_back))?;
        let rows: Vec<[String; 3]> = open
            .iter()
            .zip(follow_through::when_prepared(&open))
            .map(|(open, when)| {
                let about = open.person.clone().unwrap_or_default();
                [format!("  {when}"), about, title_of(&open.entry, &catalog)]
            })
            .collect();
        // Each command on a line of its own under its conversation, so that no width cuts it;
        // indented where the indent does not push it over the edge.
        let mut table = Vec::new();
        ui::table(&mut table, &[Column::fixed(""), Column::flexible(""), Column::flexible("")], &rows)?;
        let ids = follow_through::short_ids(&context.journal, &open)?;
        for ((row, open), id) in String::from_utf8_lossy(&table).lines().zip(&open).zip(&ids) {
            let command = open.command(id);
            let fits = ui::stdout_width().is_none_or(|width| ui::width_of(&command) + 4 <= width);
            writeln!(out, "{row}\n{}{}", if fits { "    " } else { "" }, ui::accent(&command))?;
        }
    }
    if !drafts.is_empty() {
        writeln!(out, "\n{}", ui::bold(words.welcome_unfinished))?;
        let rows: Vec<[String; 3]> = drafts
            .iter()
            .map(|draft| {
                [
                    format!("  {}", draft.set),
                    draft.date().to_owned(),
                    match draft.answered() {
                        1 => format!("1 {}", words.answer_word),
                        n => format!("{n} {}", words.answers_word),
                    },
                ]
            })
            .collect();
        ui::table(&mut out, &[Column::id(""), Column::fixed(""), Column::flexible("")], &rows)?;
    }
    let start = context.config.default_set.as_deref().unwrap_or("five-tips");
    let command = match drafts.first() {
        Some(draft) => crate::shell::command(&format!("run {} --resume", draft.set)),
        None => crate::shell::command(&format!("run {start}")),
    };
    writeln!(out, "\n{}\n  {}", words.welcome_start, ui::accent(&command))?;
    Ok(ExitCode::SUCCESS)
}
