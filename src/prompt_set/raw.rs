//! The TOML form of a prompt set, as written, with the place of every value
//! so that a problem can point at it.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, Visitor};
use toml::Spanned;
use toml::de::DeTable;

/// The file's structure, with every syntax and type problem in it: each
/// prompt is read on its own, so a mistake in one does not hide the next.
pub(super) fn read(src: &str) -> Result<RawSet, Vec<(Range<usize>, String)>> {
    let problem = |err: toml::de::Error| {
        let span = err.span().unwrap_or(0..0);
        let message = crate::toml_error::describe(&err, src, span.start);
        (span, message)
    };
    let (root, syntax) = DeTable::parse_recoverable(src);
    if !syntax.is_empty() {
        return Err(syntax.into_iter().map(problem).collect());
    }
    let head = RawHead::deserialize(root.clone().into_deserializer()).map_err(|err| vec![problem(err)]);
    let mut problems = Vec::new();
    let mut prompts = Vec::new();
    match root.get_ref().get("prompts").map(|list| (list.span(), list.get_ref().as_array())) {
        Some((_, Some(list))) => {
            for item in list {
                match RawPrompt::deserialize(item.clone().into_deserializer()) {
                    Ok(prompt) => prompts.push(prompt),
                    Err(err) => problems.push(problem(err)),
                }
            }
        }
        Some((span, None)) => problems.push((span, "prompts must be a list of [[prompts]] tables".to_owned())),
        None => {}
    }
    match head {
        Ok(head) if problems.is_empty() => Ok(head.with(prompts)),
        Ok(_) => Err(problems),
        Err(mut head) => {
            head.extend(problems);
            Err(head)
        }
    }
}

pub(super) struct RawSet {
    pub(super) id: Spanned<String>,
    pub(super) version: Spanned<i64>,
    pub(super) title: Spanned<RawText>,
    pub(super) description: Spanned<RawText>,
    pub(super) purpose: Option<Spanned<RawText>>,
    pub(super) source: Option<Spanned<RawText>>,
    pub(super) follow_up: Option<Spanned<String>>,
    pub(super) prompts: Spanned<Vec<RawPrompt>>,
}

/// The set's own keys; its prompts are read one by one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHead {
    pub(super) id: Spanned<String>,
    pub(super) version: Spanned<i64>,
    pub(super) title: Spanned<RawText>,
    pub(super) description: Spanned<RawText>,
    pub(super) purpose: Option<Spanned<RawText>>,
    pub(super) source: Option<Spanned<RawText>>,
    pub(super) follow_up: Option<Spanned<String>>,
    pub(super) prompts: Spanned<de::IgnoredAny>,
}

impl RawHead {
    fn with(self, prompts: Vec<RawPrompt>) -> RawSet {
        let RawHead { id, version, title, description, purpose, source, follow_up, prompts: list } = self;
        let prompts = Spanned::new(list.span(), prompts);
        RawSet { id, version, title, description, purpose, source, follow_up, prompts }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPrompt {
    pub(super) id: Spanned<String>,
    pub(super) kind: Spanned<String>,
    pub(super) ask: Spanned<RawText>,
    pub(super) hint: Option<Spanned<RawText>>,
    pub(super) required: Option<bool>,
    pub(super) person: Option<Spanned<bool>>,
    pub(super) recap: Option<bool>,
    pub(super) compare: Option<Spanned<String>>,
    pub(super) next_step: Option<bool>,
    pub(super) min: Option<Spanned<i64>>,
    pub(super) max: Option<Spanned<i64>>,
    pub(super) min_label: Option<Spanned<RawText>>,
    pub(super) max_label: Option<Spanned<RawText>>,
    pub(super) options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    pub(super) when: Option<Spanned<RawWhen>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawWhen {
    pub(super) prompt: Option<Spanned<String>>,
    pub(super) equals: Option<Spanned<toml::Value>>,
    pub(super) follows: Option<Spanned<String>>,
}

/// A string, or a table of strings by language code.
pub(super) enum RawText {
    Plain(String),
    Translated(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = RawText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a string, or a table of languages like { en = "...", nl = "..." }"#)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawText, E> {
                Ok(RawText::Plain(s.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawText, A::Error> {
                let by_lang = Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawText::Translated(by_lang))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}

/// An option: a plain string (its own id) or `{ id = "...", label = ... }`,
/// with the labels it had before by language (`formerly`), if any.
pub(super) enum RawOption {
    Plain(String),
    Labelled { id: String, label: Spanned<RawText>, formerly: Option<Spanned<Formerly>> },
}

/// Labels an option had before, by language code.
pub(super) type Formerly = BTreeMap<String, Vec<String>>;

impl<'de> Deserialize<'de> for RawOption {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Labelled {
            id: String,
            label: Spanned<RawText>,
            formerly: Option<Spanned<Formerly>>,
        }
        struct OptionVisitor;
        impl<'de> Visitor<'de> for OptionVisitor {
            type Value = RawOption;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(r#"a string, or a table like { id = "...", label = { en = "...", nl = "..." } }"#)
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<RawOption, E> {
                Ok(RawOption::Plain(s.to_owned()))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawOption, A::Error> {
                let Labelled { id, label, formerly } =
                    Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawOption::Labelled { id, label, formerly })
            }
        }
        deserializer.deserialize_any(OptionVisitor)
    }
}
