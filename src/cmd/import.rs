//! `bezin import FILE`: entries from a bezin JSON export, or from jrnl's
//! JSON export, merged into the journal in time order.

use std::fmt;
use std::fs::File;
use std::io::{BufRead, BufReader};
use std::marker::PhantomData;
use std::process::ExitCode;

use anyhow::{Context as _, Result, bail};
use serde::Deserialize;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::Context;
use crate::cli::ImportArgs;
use crate::journal::{Entry, FORMAT, Imported, Incoming, Recorded, Value, id_from};
use crate::lang::Lang;

pub fn run(context: &Context, args: &ImportArgs) -> Result<ExitCode> {
    let path = &args.file;
    let file = File::open(path).with_context(|| format!("could not read {}", path.display()))?;
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    let first = reader.fill_buf()?.iter().find(|b| !b.is_ascii_whitespace()).copied();
    let mut incoming = Incoming::new(&context.journal)?;
    let mut json = serde_json::Deserializer::from_reader(reader);
    let read = match first {
        Some(b'[') => json.deserialize_seq(Each::<Entry, _>(|entry: Entry| incoming.take(&entry), PhantomData)),
        Some(b'{') => {
            json.deserialize_map(JrnlExport(|entry: JrnlEntry| incoming.take(&entry.into_entry(context.lang)?)))
        }
        _ => bail!(
            "{} is neither a bezin JSON export (bezin export --format json) nor a jrnl one (jrnl --export json)",
            path.display()
        ),
    };
    read.with_context(|| format!("could not read {}", path.display()))?;
    let Imported { added, skipped } = incoming.merge_into(&context.journal)?;
    crate::say!(
        "Imported {added} entries into {} ({skipped} already there, skipped)",
        context.journal.path().display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Calls the function with each element of a JSON array, one at a time.
struct Each<T, F>(F, PhantomData<T>);

impl<'de, T: DeserializeOwned, F: FnMut(T) -> Result<()>> Visitor<'de> for Each<T, F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of entries")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<T>()? {
            (self.0)(item).map_err(|err| de::Error::custom(format!("{err:#}")))?;
        }
        Ok(())
    }
}

impl<'de, T: DeserializeOwned, F: FnMut(T) -> Result<()>> DeserializeSeed<'de> for Each<T, F> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

/// jrnl's export: `{"tags": {...}, "entries": [...]}`; only the entries matter.
struct JrnlExport<F>(F);

impl<'de, F: FnMut(JrnlEntry) -> Result<()>> Visitor<'de> for JrnlExport<F> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a jrnl export with \"entries\"")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            if key == "entries" {
                map.next_value_seed(Each(&mut self.0, PhantomData))?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
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
            .with_context(|| format!("a jrnl entry has a date bezin cannot read: {} {}", self.date, self.time))?;
        let when = local.to_zoned_datetime(jiff::tz::TimeZone::system())?.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
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
                kind: "long".to_owned(),
                question: String::new(),
                range: None,
                answer: Value::Text(body.clone()),
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
            answers,
            edited: None,
        })
    }
}
