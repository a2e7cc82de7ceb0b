//! `bezin export`: entries as Markdown or JSON, streamed from the journal to
//! standard output, a file, or one Markdown file per entry; and the entries
//! chosen on the browse screen, written to a file the same way.

use std::io::Write;
use std::ops::ControlFlow;
use std::path::Path;
use std::process::ExitCode;
use std::sync::mpsc::{SyncSender, sync_channel};

use anyhow::{Context as _, Result, bail};

use super::filter;
use crate::atomic::AtomicFile;
use crate::catalog::Catalog;
use crate::cli::{ExportArgs, Format, Links};
use crate::context::Context;
use crate::filter::Filter;
use crate::journal::{Damaged, Entry, RawLine, Snapshot};
use crate::lang::failed::{Step, Thing, could_not};
use crate::markdown;
use crate::vault::{self, LinkStyle};

pub fn run(context: &Context, args: &ExportArgs) -> Result<ExitCode> {
    let catalog = context.catalog()?;
    let filter = filter(&args.filter, &catalog)?;
    match (&args.output, args.split) {
        (Some(folder), true) => split(context, &filter, &catalog, args, folder),
        (Some(path), false) => {
            let count = to_file(context, path, |out| write(context, &filter, &catalog, args.format, out))?;
            crate::tell!("{}", (context.lang.outcomes().wrote_entries)(count, &path.display().to_string()));
            Ok(ExitCode::SUCCESS)
        }
        (None, _) => {
            let mut out = crate::ui::stdout();
            write(context, &filter, &catalog, args.format, &mut out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes the file `path` with `write`, whole or not at all, never onto
/// the journal; how many entries `write` wrote.
fn to_file(context: &Context, path: &Path, write: impl FnOnce(&mut AtomicFile) -> Result<usize>) -> Result<usize> {
    if is_same_file(path, context.journal.path()) {
        bail!((context.lang.commands().export_onto_journal)(&path.display().to_string()));
    }
    let mut out =
        AtomicFile::new(path, ".bezin-export-").with_context(|| could_not(Step::Write, Thing::Path, path.display()))?;
    let count = write(&mut out)?;
    out.commit().with_context(|| could_not(Step::Write, Thing::Path, path.display()))?;
    Ok(count)
}

/// The entries whose lines start at `offsets` in `snapshot` (in journal
/// order), written to `path` as `export -o` writes them; how many.
pub fn chosen(
    context: &Context,
    catalog: &Catalog,
    snapshot: &Snapshot,
    offsets: &[u64],
    path: &Path,
    format: Format,
) -> Result<usize> {
    to_file(context, path, |out| {
        let mut line = Vec::new();
        let mut text = String::new();
        if format == Format::Json {
            out.write_all(b"[")?;
        }
        for (count, &offset) in offsets.iter().enumerate() {
            let raw = snapshot.line_at(offset, &mut line)?;
            match format {
                Format::Json => json_element(out, count, raw.bytes)?,
                Format::Markdown => {
                    let entry = raw.parse().map_err(|damaged| anyhow::anyhow!(damaged.reason))?;
                    markdown_entry(&mut text, &entry, catalog);
                }
            }
        }
        match format {
            Format::Json => json_end(out, offsets.len())?,
            Format::Markdown => out.write_all(text.strip_prefix('\n').unwrap_or(&text).as_bytes())?,
        }
        Ok(offsets.len())
    })
}

/// Streams the entries that pass `filter` to `out`; returns how many.
fn write(context: &Context, filter: &Filter, catalog: &Catalog, format: Format, out: &mut impl Write) -> Result<usize> {
    match format {
        Format::Json => json(context, filter, out),
        Format::Markdown => markdown(context, filter, catalog, out),
    }
}

/// The entries as a JSON array, each as its journal line holds it (with
/// the fields bezin does not know), its unsafe characters escaped.
fn json(context: &Context, filter: &Filter, out: &mut impl Write) -> Result<usize> {
    let mut count = 0;
    let mut damaged = context.warn_damaged();
    out.write_all(b"[")?;
    context.journal.scan(|line| {
        if !filter.may_match(line.bytes) {
            return Ok(ControlFlow::Continue(()));
        }
        match line.parse() {
            Ok(entry) if filter.matches(&entry) => {
                json_element(out, count, line.bytes)?;
                count += 1;
            }
            Ok(_) => {}
            Err(err) => damaged(err),
        }
        Ok(ControlFlow::Continue(()))
    })?;
    json_end(out, count)?;
    Ok(count)
}

/// The array's element after `count` others: the entry's journal `line`.
fn json_element(out: &mut impl Write, count: usize, line: &[u8]) -> std::io::Result<()> {
    out.write_all(if count == 0 { b"\n" } else { b",\n" })?;
    crate::json::write_line(out, line)
}

/// The end of the array of `count` elements.
fn json_end(out: &mut impl Write, count: usize) -> std::io::Result<()> {
    out.write_all(if count == 0 { b"]\n" } else { b"\n]\n" })
}

/// How many bytes of journal lines one thread renders at a time.
const BATCH: usize = 256 * 1024;

/// Lines read from the journal, to render together.
#[derive(Default)]
struct Batch {
    bytes: Vec<u8>,
    /// Each line's number, where it starts in the file, its length there,
    /// and its place in `bytes` (empty for a line too long to read).
    lines: Vec<(usize, u64, u64, std::ops::Range<usize>)>,
}

/// A batch as Markdown, each entry after a blank line, and what was wrong.
struct Rendered {
    text: String,
    entries: usize,
    damaged: Vec<Damaged>,
}

/// The entries as Markdown, in journal order: one thread reads batches of
/// lines, two render them at once, and they are written in the order read.
fn markdown(context: &Context, filter: &Filter, catalog: &Catalog, out: &mut impl Write) -> Result<usize> {
    let mut damaged = context.warn_damaged();
    std::thread::scope(|scope| {
        let (mut batches, mut rendered) = (Vec::new(), Vec::new());
        for _ in 0..2 {
            let (to_render, next) = sync_channel::<Batch>(2);
            let (done, result) = sync_channel::<Rendered>(2);
            scope.spawn(move || {
                for batch in next {
                    if done.send(render(&batch, filter, catalog)).is_err() {
                        return;
                    }
                }
            });
            batches.push(to_render);
            rendered.push(result);
        }
        let reader = scope.spawn(move || read_batches(context, &batches));
        let mut count = 0;
        for turn in 0.. {
            let Ok(part) = rendered[turn % 2].recv() else { break };
            part.damaged.into_iter().for_each(&mut damaged);
            let text = if count == 0 { part.text.strip_prefix('\n').unwrap_or(&part.text) } else { &part.text };
            out.write_all(text.as_bytes())?;
            count += part.entries;
        }
        drop(rendered);
        reader.join().map_err(|_| anyhow::anyhow!(crate::lang::interface().commands().export_stopped))??;
        Ok(count)
    })
}

/// Reads the journal into batches, handed to the renderers in turn.
fn read_batches(context: &Context, renderers: &[SyncSender<Batch>]) -> Result<()> {
    let (mut batch, mut turn) = (Batch::default(), 0);
    context.journal.scan(|line| {
        let start = batch.bytes.len();
        batch.bytes.extend_from_slice(line.bytes);
        batch.lines.push((line.number, line.offset, line.length, start..batch.bytes.len()));
        if batch.bytes.len() >= BATCH {
            if renderers[turn % 2].send(std::mem::take(&mut batch)).is_err() {
                return Ok(ControlFlow::Break(()));
            }
            turn += 1;
        }
        Ok(ControlFlow::Continue(()))
    })?;
    if !batch.lines.is_empty() {
        let _ = renderers[turn % 2].send(batch);
    }
    Ok(())
}

/// The Markdown of the entries of a batch that pass `filter`.
fn render(batch: &Batch, filter: &Filter, catalog: &Catalog) -> Rendered {
    let mut rendered = Rendered { text: String::with_capacity(batch.bytes.len()), entries: 0, damaged: Vec::new() };
    for (number, offset, length, place) in &batch.lines {
        let line = RawLine { number: *number, offset: *offset, bytes: &batch.bytes[place.clone()], length: *length };
        match line.parse() {
            Ok(entry) if filter.matches(&entry) => {
                markdown_entry(&mut rendered.text, &entry, catalog);
                rendered.entries += 1;
            }
            Ok(_) => {}
            Err(err) => rendered.damaged.push(err),
        }
    }
    rendered
}

/// An entry as Markdown after a blank line (the first entry's is left out).
fn markdown_entry(text: &mut String, entry: &Entry, catalog: &Catalog) {
    text.push('\n');
    markdown::write_entry(text, entry, &catalog.title(&entry.set, entry.lang));
}

/// One Markdown note per entry, a page per person and an overview, in
/// `folder`; says what changed there and which files were left alone.
fn split(context: &Context, filter: &Filter, catalog: &Catalog, args: &ExportArgs, folder: &Path) -> Result<ExitCode> {
    let links = match args.links {
        Links::Wiki => LinkStyle::Wiki,
        Links::Markdown => LinkStyle::Markdown,
    };
    let options = vault::Options { links, replace_changed: args.replace_changed, lang: context.lang };
    let (count, report) = vault::export(&context.journal, catalog, filter, folder, &options, context.warn_damaged())?;
    let said = context.lang.outcomes();
    let done = [report.written, report.unchanged, report.renamed, report.removed];
    crate::tell!("{}", (said.exported)(count, &folder.display().to_string(), done));
    for (yours, ours) in &report.left_alone {
        crate::tell!("{}", (said.left_alone)(yours, ours));
    }
    for (path, yours) in &report.replaced {
        crate::tell!("{}", (said.replaced)(path, yours));
    }
    for path in &report.kept {
        crate::tell!("{}", (said.kept_note)(path));
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether two paths name the same file (through links too).
fn is_same_file(one: &Path, other: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(one), std::fs::metadata(other)) {
        (Ok(one), Ok(other)) => one.dev() == other.dev() && one.ino() == other.ino(),
        _ => false,
    }
}
