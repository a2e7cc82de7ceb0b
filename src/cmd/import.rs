//! `bezin import FILE`: entries from a bezin JSON export, a bezin journal
//! (another machine's, a backup, a sync conflict copy, one device's log),
//! or jrnl's JSON export, merged into the journal in time order.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::ops::ControlFlow;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::answer::Answer;
use crate::cli::ImportArgs;
use crate::context::Context;
use crate::journal::{Entry, FORMAT, Imported, Incoming, NoRoom, Recorded, id_from};
use crate::json_array::each_element;
use crate::keys;
use crate::lang::Lang;
use crate::prompt_set::KindName;
use zeroize::Zeroizing;

pub fn run(context: &Context, args: &ImportArgs) -> Result<ExitCode> {
    let path = &args.file;
    let mut incoming = Incoming::new(&context.journal)?;
    let person = || keys::read_identity(&context.identity, crate::ui::KeyPrompts);
    let read = if let Some(other) = crate::journal::read_other(path, person)? {
        for (log, why) in &other.unreadable {
            let left_out = (context.lang.check().unreadable)(&log.display().to_string(), why);
            crate::tell!("{}{left_out}", context.lang.errors().warning);
        }
        read(context, path, &Input::File(other.lines), &mut incoming)
    } else if let Some(text) = encrypted(path, context)? {
        read(context, path, &Input::Text(&text), &mut incoming)
    } else {
        let words = context.lang.commands();
        let shown = path.display().to_string();
        let file = crate::whole_file::open(path).with_context(|| (words.cannot_read)(&shown))?;
        if !file.metadata()?.is_file() {
            bail!((words.not_regular)(&shown));
        }
        read(context, path, &Input::File(file), &mut incoming)
    };
    read?;
    if context.journal.is_encrypted()
        && let Err(err) = context.journal.unlock_any()
    {
        let kept = incoming.keep_for_later(&context.journal)?;
        let folder = context.journal.place().display().to_string();
        crate::say!("{}", (context.lang.outcomes().kept_for_later)(kept, &folder, &format!("{err:#}")));
        return Ok(ExitCode::SUCCESS);
    }
    let Imported { added, skipped, conflicts, deleted, aside } = incoming.merge_into(&context.journal)?;
    let said = context.lang.outcomes();
    crate::say!("{}", (said.imported)(added, &context.journal.place().display().to_string(), skipped));
    if deleted > 0 {
        crate::say!("{}", (said.deleted_before)(deleted));
    }
    if let Some(aside) = aside {
        crate::tell!("{}", (said.conflicts)(conflicts, &aside.display().to_string()));
    }
    Ok(ExitCode::SUCCESS)
}

/// The plain text of an age file (a copy of an encrypted journal's part, a
/// sync service's conflicting copy of one), of a folder of parts in order
/// (an older encrypted journal), or of another encrypted journal's folder;
/// `None` for any other file. Each file is read with the journal's key, or
/// else with the person's identity (files written before a change of keys).
fn encrypted(path: &Path, context: &Context) -> Result<Option<Zeroizing<Vec<u8>>>> {
    let files = if path.is_dir() {
        let mut parts = crate::journal::Sealed::parts_of(path)?;
        if parts.is_empty() {
            parts = crate::journal::Sealed::new(path.to_owned()).current_parts().unwrap_or_default();
        }
        if parts.is_empty() {
            bail!((context.lang.commands().folder_not_journal)(&path.display().to_string()));
        }
        parts
    } else {
        let mut start = [0; 64];
        let read =
            crate::whole_file::open(path).and_then(|file| std::os::unix::fs::FileExt::read_at(&file, &mut start, 0));
        match read {
            Ok(read) if keys::is_age_file(&start[..read]) => vec![path.to_owned()],
            _ => return Ok(None),
        }
    };
    let unlocked = context.journal.is_encrypted() && context.journal.unlock_any().is_ok();
    let mut person = None;
    let mut text = Zeroizing::new(Vec::new());
    for file in files {
        if let Some(Ok(plain)) = unlocked.then(|| context.journal.decrypt_small(&file)) {
            text.extend_from_slice(&plain);
            continue;
        }
        if person.is_none() {
            person = Some(keys::read_identity(&context.identity, crate::ui::KeyPrompts)?);
        }
        let identities: Vec<&dyn age::Identity> = person.iter().flat_map(keys::Identities::as_dyn).collect();
        text.extend_from_slice(&keys::decrypt_file(&file, &identities)?);
    }
    Ok(Some(text))
}

/// What is imported: a file, or the plain text of an encrypted one.
enum Input<'t> {
    File(File),
    Text(&'t [u8]),
}

/// Takes every entry of the file at `path` in.
fn read(context: &Context, path: &Path, input: &Input, incoming: &mut Incoming) -> Result<()> {
    let mut start = vec![0; 64];
    match input {
        Input::File(file) => {
            let read = std::os::unix::fs::FileExt::read_at(file, &mut start, 0)?;
            start.truncate(read);
        }
        Input::Text(text) => start = text[..text.len().min(64)].to_vec(),
    }
    let first = start.strip_prefix(BOM).unwrap_or(&start).iter().find(|b| !b.is_ascii_whitespace()).copied();
    let mut shape = if first == Some(b'{') { shape_of(reader_of(input)?) } else { None };
    if let (Some(b'{'), None | Some(Shape::JournalLines), Input::File(file)) = (first, shape, input)
        && holds_records(file)?
    {
        shape = Some(Shape::Log);
    }
    let read = match (first, shape, input) {
        (Some(b'['), ..) => each_element(reader_of(input)?, None, |raw| take(incoming, raw)),
        (Some(b'{'), Some(Shape::Jrnl), _) => each_element(reader_of(input)?, Some("entries"), |raw| {
            let entry = serde_json::from_slice::<JrnlEntry>(raw)?.into_entry(context.lang)?;
            incoming.take_made(&entry)
        }),
        (Some(b'{'), Some(Shape::Log), Input::File(_)) => {
            let log = crate::journal::read_log(path)?;
            let (words, shown) = (context.lang.commands(), path.display().to_string());
            for (line, reason) in &log.damaged {
                crate::tell!("{}{}", context.lang.errors().warning, (words.damaged_left_out)(&shown, *line, reason));
            }
            journal(path, &Input::File(log.lines), incoming)
        }
        (Some(b'{'), ..) => journal(path, input, incoming),
        _ => bail!((context.lang.commands().not_importable)(&path.display().to_string())),
    };
    match read {
        Err(err) if err.is::<NoRoom>() => Err(err),
        read => read.with_context(|| (context.lang.commands().cannot_read)(&path.display().to_string())),
    }
}

/// The byte-order mark that some editors put before UTF-8 text.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The input read from its start, past a byte-order mark.
fn reader_of<'t>(input: &Input<'t>) -> Result<Box<dyn BufRead + 't>> {
    let mut reader: Box<dyn BufRead + 't> = match input {
        Input::File(file) => {
            let mut file = file.try_clone()?;
            std::io::Seek::rewind(&mut file)?;
            Box::new(BufReader::with_capacity(256 * 1024, file))
        }
        Input::Text(text) => Box::new(*text),
    };
    if reader.fill_buf()?.starts_with(BOM) {
        reader.consume(BOM.len());
    }
    Ok(reader)
}

/// What a file that starts with `{` holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// A bezin journal: an entry on each line.
    JournalLines,
    /// jrnl's export: one object with its `entries`.
    Jrnl,
    /// One device's log of a journal folder: a record on each line.
    Log,
}

/// The shape of the first object in `reader`, told by the first key that
/// only one of the shapes has, whatever the order of keys or the spaces
/// around them; reading stops at that key, so a large export is not read
/// twice. `None` for an object without such a key in as much as a value
/// may take: a damaged first line.
fn shape_of(reader: impl std::io::Read) -> Option<Shape> {
    struct Keys<'s>(&'s std::cell::Cell<Option<Shape>>);
    impl<'de> Visitor<'de> for Keys<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                let shape = match key.as_ref() {
                    "format" | "id" | "set" | "answers" | "finished" => Shape::JournalLines,
                    "entries" => Shape::Jrnl,
                    "add" | "change" | "delete" => Shape::Log,
                    _ => {
                        map.next_value::<IgnoredAny>()?;
                        continue;
                    }
                };
                self.0.set(Some(shape));
                return Err(de::Error::custom("told"));
            }
            Ok(())
        }
    }
    let shape = std::cell::Cell::new(None);
    let start = std::io::Read::take(reader, crate::limits::JSON_VALUE as u64);
    let _ = serde_json::Deserializer::from_reader(start).deserialize_map(Keys(&shape));
    shape.get()
}

/// Whether any line of `file` is a record of a device's log: a log whose
/// first lines are entries (a journal of format 2 that became the first
/// device's log) or damaged is a log all the same.
fn holds_records(file: &File) -> Result<bool> {
    let mut found = false;
    crate::journal::scan_file(file, |line| {
        found = line.bytes.first() == Some(&b'{') && shape_of(line.bytes) == Some(Shape::Log);
        Ok(if found { ControlFlow::Break(()) } else { ControlFlow::Continue(()) })
    })?;
    Ok(found)
}

/// One entry of a bezin export, kept with the fields bezin does not know.
fn take(incoming: &mut Incoming, raw: &[u8]) -> Result<()> {
    let entry: Entry = serde_json::from_slice(raw)?;
    incoming.take(&entry, raw)
}

/// The entries of a bezin journal, line by line, the first past a
/// byte-order mark; a damaged line is named and left out, and a file of
/// nothing but damaged lines is refused.
fn journal(path: &Path, input: &Input, incoming: &mut Incoming) -> Result<()> {
    let lang = crate::lang::interface();
    let (words, shown) = (lang.commands(), path.display().to_string());
    let (mut read, mut damaged) = (0, 0);
    let visit = |line: crate::journal::RawLine| {
        let bytes = if line.number == 1 { line.bytes.strip_prefix(BOM).unwrap_or(line.bytes) } else { line.bytes };
        match serde_json::from_slice::<Entry>(bytes) {
            Ok(entry) => {
                read += 1;
                incoming.take(&entry, bytes)?;
            }
            Err(err) => {
                damaged += 1;
                let left_out = (words.damaged_left_out)(&shown, line.number, &crate::json_error::describe(&err));
                crate::tell!("{}{left_out}", lang.errors().warning);
            }
        }
        Ok(ControlFlow::Continue(()))
    };
    match input {
        Input::File(file) => {
            crate::journal::scan_file(file, visit)?;
        }
        Input::Text(text) => crate::journal::scan_text(text, visit)?,
    }
    if read == 0 && damaged > 0 {
        bail!((words.all_damaged)(damaged));
    }
    Ok(())
}

/// An entry as jrnl exports it.
#[derive(Deserialize)]
pub struct JrnlEntry {
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    time: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    starred: bool,
}

impl JrnlEntry {
    /// A bezin entry of the set `jrnl`: the title, the body as one long
    /// answer, the tags without their `@`. The id comes from the content, so
    /// the same jrnl entry imported twice is skipped the second time.
    fn into_entry(self, lang: Lang) -> Result<Entry> {
        let local: jiff::civil::DateTime = format!("{}T{}", self.date, self.time)
            .parse()
            .with_context(|| (crate::lang::interface().commands().jrnl_date)(&self.date, &self.time))?;
        let when = local.to_zoned_datetime(crate::clock::zone().clone())?.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
        let mut tags: Vec<String> = self.tags.iter().map(|tag| tag.trim_start_matches('@').to_owned()).collect();
        if self.starred {
            tags.push("starred".to_owned());
        }
        let body = self.body.trim_end().to_owned();
        let answers = if body.is_empty() {
            Vec::new()
        } else {
            vec![Recorded {
                prompt: "body".to_owned(),
                kind: KindName::Long.as_str().to_owned(),
                question: String::new(),
                range: None,
                answer: Answer::Text(body.clone()),
            }]
        };
        Ok(Entry {
            format: FORMAT,
            id: id_from(&format!("{}\n{}\n{}\n{}", self.date, self.time, self.title, body)),
            set: "jrnl".to_owned(),
            set_version: 1,
            lang,
            started: when.clone(),
            finished: when,
            title: Some(self.title.trim().to_owned()).filter(|title| !title.is_empty()),
            tags,
            follows: None,
            also_follows: Vec::new(),
            person: None,
            answers,
            edited: None,
            closed: None,
        })
    }
}
