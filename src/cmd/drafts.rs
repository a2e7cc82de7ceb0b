//! `bezin drafts`: the unfinished reflections, and discarding one.

use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::{DraftsAction, DraftsArgs};
use crate::context::Context;
use crate::ui::{self, Column, Terminal};

pub fn run(context: &Context, args: &DraftsArgs) -> Result<ExitCode> {
    let drafts = context.drafts();
    let Some(DraftsAction::Discard { id, yes }) = &args.action else {
        let (all, broken) = drafts.all()?;
        for path in broken {
            let warning = context.lang.errors().warning;
            crate::tell!("{warning}{}", (context.lang.commands().unreadable_draft)(&path.display().to_string()));
        }
        if all.is_empty() {
            crate::tell!("{}", context.lang.words().no_drafts);
            return Ok(ExitCode::SUCCESS);
        }
        let rows: Vec<[String; 4]> = all
            .iter()
            .map(|draft| {
                let started = draft.started.get(..16).unwrap_or(&draft.started).replace('T', " ");
                [draft.id.clone(), draft.set.clone(), started, draft.answered().to_string()]
            })
            .collect();
        let words = context.lang.words();
        let columns = [
            Column::id(words.col_id),
            Column::flexible(words.col_set),
            Column::fixed(words.col_started).optional(),
            Column::fixed(words.col_answers),
        ];
        ui::table(&mut ui::stdout(), &columns, &rows)?;
        crate::tell!("{} {}", words.go_on_with_one, crate::shell::command("run SET --resume"));
        return Ok(ExitCode::SUCCESS);
    };
    let draft = drafts.find(id)?;
    if !yes {
        if !Terminal::available() {
            bail!((context.lang.commands().no_terminal_discard)(&draft.id));
        }
        let said = context.lang.outcomes();
        let question = (said.discard_question)(&draft.set, &context.lang.date(draft.date()), draft.answered());
        if !Terminal::new(context.lang, None).agree(&question)? {
            crate::tell!("{}", said.nothing_discarded);
            return Ok(ExitCode::SUCCESS);
        }
    }
    drafts.remove(&draft.id)?;
    crate::say!("{}", (context.lang.outcomes().discarded)(&draft.id));
    Ok(ExitCode::SUCCESS)
}
