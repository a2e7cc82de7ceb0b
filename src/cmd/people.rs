//! `bezin people`: everyone reflected on, most recent first, with how many
//! reflections, the first and last date, and the conversations still open.

use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::PeopleArgs;
use crate::context::Context;
use crate::people::{People, PersonPrompts};
use crate::ui::{self, Column};

pub fn run(context: &Context, args: &PeopleArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let prompts = PersonPrompts::of(&catalog);
    let mut people = People::default();
    context.journal.each(
        |entry| {
            let has_follow_up = catalog.find(&entry.set).is_some_and(|available| available.set.follow_up.is_some());
            people.add(&entry, prompts.person_of(&entry), has_follow_up);
            Ok(ControlFlow::Continue(()))
        },
        context.warn_damaged(),
    )?;
    let people = people.finish();
    let mut out = ui::stdout();
    let words = context.lang.words();
    if args.json {
        crate::json::write_pretty(&mut out, &people)?;
        writeln!(out)?;
    } else if people.is_empty() {
        crate::tell!("{}", words.no_one_yet);
    } else {
        let rows: Vec<[String; 5]> = people
            .iter()
            .map(|p| [p.name.clone(), p.reflections.to_string(), p.first.clone(), p.last.clone(), p.open.to_string()])
            .collect();
        let columns = [
            Column::flexible(words.col_name),
            Column::fixed(words.col_reflections),
            Column::fixed(words.col_first).optional(),
            Column::fixed(words.col_last),
            Column::fixed(words.col_open),
        ];
        ui::table(&mut out, &columns, &rows)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
