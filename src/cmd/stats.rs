//! `bezin stats`: entries per set and month, streaks, and the trend of
//! every scale answer as a sparkline.

use std::io::Write;
use std::ops::ControlFlow;
use std::process::ExitCode;

use anyhow::Result;

use super::filter;
use crate::catalog::Catalog;
use crate::cli::StatsArgs;
use crate::context::Context;
use crate::lang::{Lang, Words};
use crate::prompt_set::has_placeholders;
use crate::stats::{Stats, TREND_POINTS};
use crate::ui;

/// How many months the text view shows; `--json` has them all.
const MONTHS: usize = 24;

pub fn run(context: &Context, args: &StatsArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let filter = filter(&args.filter, &catalog)?;
    let mut stats = Stats::default();
    context.journal.each(
        |mut entry| {
            if filter.matches(&entry) {
                if let Some(available) = catalog.find(&entry.set) {
                    entry.find_option_ids(&available.set);
                }
                stats.add(&entry);
            }
            Ok(ControlFlow::Continue(()))
        },
        context.warn_damaged(),
    )?;
    let mut stats = stats.finish(crate::clock::now().date());
    for choices in &mut stats.choices {
        if let Some(prompt) = catalog.find(&choices.set).and_then(|available| available.set.prompt(&choices.prompt)) {
            choices.relabel(prompt, context.lang);
        }
    }
    if stats.out_of_range > 0 {
        let warning = context.lang.errors().warning;
        crate::tell!("{warning}{}", (context.lang.commands().out_of_range)(stats.out_of_range));
    }
    let mut out = ui::stdout();
    if args.json {
        crate::json::write_pretty(&mut out, &stats)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    reword(&mut stats, &catalog, context.lang);
    if stats.entries == 0 {
        let words = context.lang.words();
        writeln!(out, "{}", super::nothing_shown(words, &filter, words.stats_none))?;
        return Ok(ExitCode::SUCCESS);
    }
    write_stats(&mut out, &stats, ui::stdout_width().unwrap_or(80), context.lang.words())?;
    Ok(ExitCode::SUCCESS)
}

/// Each question last asked in another language than `lang` in `lang`,
/// as its set asks it now, where it has nothing of an earlier answer to
/// fill in; otherwise as it was last asked.
fn reword(stats: &mut Stats, catalog: &Catalog, lang: Lang) {
    let scales = stats.scales.iter_mut().map(|scale| (&scale.set, &scale.prompt, scale.asked_in, &mut scale.question));
    let choices = stats
        .choices
        .iter_mut()
        .map(|choices| (&choices.set, &choices.prompt, choices.asked_in, &mut choices.question));
    for (set, prompt, _, question) in scales.chain(choices).filter(|(.., asked_in, _)| *asked_in != lang) {
        let prompt = catalog.find(set).and_then(|available| available.set.prompt(prompt));
        if let Some(asked) = prompt.map(|prompt| prompt.ask.get(lang)).filter(|asked| !has_placeholders(asked)) {
            asked.clone_into(question);
        }
    }
}

/// The streaks of days and of weeks, the one that fits the person first:
/// days for someone on a run of two days or more, weeks otherwise.
fn streaks(stats: &Stats, words: &Words) -> [String; 2] {
    let count = |n: usize, [one, more]: [&str; 2]| if n == 1 { format!("1 {one}") } else { format!("{n} {more}") };
    let run = |streak: &crate::stats::Streak, unit: [&str; 2]| {
        format!("{} {} {}", count(streak.current, unit), words.stats_now_longest, count(streak.longest, unit))
    };
    let days = run(&stats.streak, [words.stats_day, words.stats_days]);
    let weeks = run(&stats.weekly_streak, [words.stats_week, words.stats_weeks]);
    if stats.streak.current >= 2 { [days, weeks] } else { [weeks, days] }
}

fn write_stats(out: &mut impl Write, stats: &Stats, width: usize, words: &Words) -> std::io::Result<()> {
    writeln!(out, "{} {}", ui::bold(words.stats_entries), stats.entries)?;
    let [first, second] = streaks(stats, words);
    let under = " ".repeat(ui::width_of(words.stats_streak) + 1);
    writeln!(out, "{} {first}\n{under}{second}", ui::bold(words.stats_streak))?;
    let per_set: Vec<(String, usize)> = stats.per_set.iter().map(|(set, n)| (set.clone(), *n)).collect();
    writeln!(out, "\n{}", ui::bold(words.stats_per_set))?;
    bars(out, &per_set, width, "  ")?;
    let months: Vec<(String, usize)> = stats.per_month.iter().map(|(month, n)| (month.clone(), *n)).collect();
    writeln!(out, "\n{}", ui::bold(words.stats_per_month))?;
    if months.len() > MONTHS {
        let shown = words.stats_last_months.replace("{shown}", &MONTHS.to_string());
        writeln!(out, "  {}", ui::dim(&shown.replace("{all}", &months.len().to_string())))?;
    }
    bars(out, &months[months.len().saturating_sub(MONTHS)..], width, "  ")?;
    if !stats.scales.is_empty() {
        writeln!(out, "\n{}", ui::bold(words.stats_scales))?;
    }
    for scale in &stats.scales {
        writeln!(out, "  {}", ui::truncate(&label(&scale.question, &scale.set), width.saturating_sub(2)))?;
        let (min, max) = scale.range;
        writeln!(out, "    {}", ui::accent(&scale.sparkline(width.saturating_sub(4).min(TREND_POINTS))))?;
        let numbers = [
            ("{first}", scale.first),
            ("{last}", scale.last),
            ("{lowest}", scale.lowest),
            ("{highest}", scale.highest),
            ("{min}", min),
            ("{max}", max),
        ];
        let facts = numbers
            .iter()
            .fold(words.stats_scale_facts.to_owned(), |facts, (name, n)| facts.replace(name, &n.to_string()));
        let answers = match scale.answers {
            1 => format!("1 {}", words.answer_word),
            n => format!("{n} {}", words.answers_word),
        };
        let facts = facts.replace("{answers}", &answers);
        writeln!(out, "{}", ui::dim(&ui::wrap(&facts, Some(width), "    ")))?;
    }
    if !stats.choices.is_empty() {
        writeln!(out, "\n{}", ui::bold(words.stats_choices))?;
    }
    for choices in &stats.choices {
        writeln!(out, "  {}", ui::truncate(&label(&choices.question, &choices.set), width.saturating_sub(2)))?;
        let rows: Vec<(String, usize)> = choices.options.iter().map(|o| (o.label.clone(), o.count)).collect();
        bars(out, &rows, width.saturating_sub(2), "    ")?;
    }
    Ok(())
}

/// What heads a question's trend or counts: the question, as a person
/// reads it, then its set; the prompt's id is for `--json`.
fn label(question: &str, set: &str) -> String {
    ui::one_line(&format!("{question} ({set})")).into_owned()
}

/// Labels with their counts and a bar scaled to the widest; a label too
/// long for the line is cut.
fn bars(out: &mut impl Write, rows: &[(String, usize)], width: usize, indent: &str) -> std::io::Result<()> {
    let rows: Vec<(String, usize)> = rows.iter().map(|(label, n)| (ui::one_line(label).into_owned(), *n)).collect();
    let count = rows.iter().map(|(_, n)| n.to_string().len()).max().unwrap_or(1);
    let longest = rows.iter().map(|(label, _)| ui::width_of(label)).max().unwrap_or(0);
    let label = longest.min(width.saturating_sub(count + 7));
    let most = rows.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let room = width.saturating_sub(label + count + 6).max(1);
    for (name, n) in &rows {
        let bar = "█".repeat((n * room).div_ceil(most).min(room));
        let name = ui::pad(&ui::truncate(name, label), label);
        writeln!(out, "{indent}{name}  {n:>count$}  {}", ui::accent(&bar))?;
    }
    Ok(())
}
