//! Prompt sets: the TOML format, loading, and the checks that make a broken
//! file a list of clear problems instead of a surprise halfway a reflection.
//! Nothing here knows about the terminal.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, Deserializer, IntoDeserializer, MapAccess, Visitor};
use toml::Spanned;
use toml::de::DeTable;

use crate::lang::{Lang, Text};

/// A reflection: an ordered list of prompts with a title and a purpose.
#[derive(Clone, Debug)]
pub struct PromptSet {
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub description: Text,
    pub source: Option<Text>,
    /// The set meant for afterwards, e.g. after the conversation.
    pub follow_up: Option<String>,
    pub prompts: Vec<Prompt>,
    /// The languages its translated strings come in; empty when every string is plain.
    pub languages: Vec<Lang>,
}

/// One question of a set.
#[derive(Clone, Debug)]
pub struct Prompt {
    pub id: String,
    pub kind: Kind,
    pub ask: Text,
    pub hint: Option<Text>,
    pub required: bool,
    pub when: Option<When>,
}

/// What kind of answer a prompt takes, with what that kind needs.
#[derive(Clone, Debug)]
pub enum Kind {
    Text,
    Long,
    Scale { min: i64, max: i64, min_label: Option<Text>, max_label: Option<Text> },
    Choice(Vec<Choice>),
    Multi(Vec<Choice>),
    Confirm,
}

pub const KIND_NAMES: [&str; 6] = ["text", "long", "scale", "choice", "multi", "confirm"];

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Long => "long",
            Kind::Scale { .. } => "scale",
            Kind::Choice(_) => "choice",
            Kind::Multi(_) => "multi",
            Kind::Confirm => "confirm",
        }
    }

    /// The ends of a scale; none for other kinds.
    pub fn range(&self) -> Option<(i64, i64)> {
        match self {
            Kind::Scale { min, max, .. } => Some((*min, *max)),
            _ => None,
        }
    }

    /// The options of a choice or multi prompt; none for other kinds.
    pub fn options(&self) -> &[Choice] {
        match self {
            Kind::Choice(options) | Kind::Multi(options) => options,
            _ => &[],
        }
    }
}

/// An option of a choice or multi prompt: a stable id and what is shown.
#[derive(Clone, Debug)]
pub struct Choice {
    pub id: String,
    pub label: Text,
}

/// Ask a prompt only when an earlier answer is `equals` (for a multi prompt:
/// when that option was among those chosen).
#[derive(Clone, Debug)]
pub struct When {
    pub prompt: String,
    pub equals: Expected,
}

/// The value a `when` waits for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expected {
    Bool(bool),
    Number(i64),
    Text(String),
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Bool(b) => write!(f, "{b}"),
            Expected::Number(n) => write!(f, "{n}"),
            Expected::Text(s) => write!(f, "'{s}'"),
        }
    }
}

impl PromptSet {
    pub fn prompt(&self, id: &str) -> Option<&Prompt> {
        self.prompts.iter().find(|prompt| prompt.id == id)
    }
}

/// A prompt set file that did not load, with every problem found in it.
#[derive(Debug)]
pub struct LoadError {
    pub origin: String,
    pub problems: Vec<Problem>,
}

/// One problem in a prompt set file, at a line and column (both from 1).
#[derive(Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (n, problem) in self.problems.iter().enumerate() {
            if n > 0 {
                writeln!(f)?;
            }
            let Problem { line, column, message } = problem;
            write!(f, "{}:{line}:{column}: {message}", self.origin)?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Reads and checks a prompt set; `origin` names it in problems (a path).
pub fn parse(src: &str, origin: &str) -> Result<PromptSet, LoadError> {
    let fail = |problems: Vec<(Range<usize>, String)>| LoadError {
        origin: origin.to_owned(),
        problems: problems.into_iter().map(|(span, message)| locate(src, span.start, message)).collect(),
    };
    let raw = read_raw(src).map_err(fail)?;
    let mut checker = Checker::default();
    let set = checker.set(raw);
    if checker.problems.is_empty() {
        Ok(set)
    } else {
        checker.problems.sort_by_key(|(span, _)| span.start);
        Err(fail(checker.problems))
    }
}

/// The file's structure, with every syntax and type problem in it: each
/// prompt is read on its own, so a mistake in one does not hide the next.
fn read_raw(src: &str) -> Result<RawSet, Vec<(Range<usize>, String)>> {
    let problem = |err: toml::de::Error| {
        let span = err.span().unwrap_or(0..0);
        let message = describe_toml_error(&err, src, span.start);
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

/// The deserializer's message, said the way bezin says things: what is
/// expected and what was found, with the key it is about.
pub fn describe_toml_error(err: &toml::de::Error, src: &str, offset: usize) -> String {
    let message = err.message().trim().replace('\n', "; ");
    if let Some(field) = message.strip_prefix("missing field ") {
        return format!("missing field {field} here");
    }
    let line_start = src.get(..offset).and_then(|before| before.rfind('\n')).map_or(0, |at| at + 1);
    let line = src[line_start..].lines().next().unwrap_or_default();
    let key =
        line.split_once('=').map(|(key, _)| key.trim()).filter(|key| !key.is_empty() && !key.contains(['{', '[']));
    let reworded = match message.strip_prefix("invalid type: ").and_then(|rest| rest.split_once(", expected ")) {
        Some((found, "i64" | "u32" | "u64")) => format!("expected a whole number, found {found}"),
        Some((found, expected)) => format!("expected {expected}, found {found}"),
        None => message,
    };
    match key {
        Some(key) if !reworded.contains(&format!("`{key}`")) => format!("{key}: {reworded}"),
        _ => reworded,
    }
}

fn locate(src: &str, offset: usize, message: String) -> Problem {
    let (line, column) = line_and_column(src, offset);
    Problem { line, column, message }
}

/// The line and column (both from 1, columns in characters) of a byte offset.
pub fn line_and_column(src: &str, offset: usize) -> (usize, usize) {
    let before = src.get(..offset).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Calls `fill` for each `{prompt-id}` in `template` and puts back what it
/// returns; braces around anything that is not an id stay as they are.
pub fn fill_placeholders(template: &str, mut fill: impl FnMut(&str) -> String) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| &after[..close]) {
            Some(name) if is_id(name) => {
                out.push_str(&fill(name));
                rest = &after[name.len() + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    fill_placeholders(template, |name| {
        names.push(name.to_owned());
        String::new()
    });
    names
}

/// Ids are lowercase words joined by dashes or underscores: they appear on
/// the command line, in file names and in `{placeholders}`.
pub fn is_id(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

struct RawSet {
    id: Spanned<String>,
    version: Spanned<i64>,
    title: Spanned<RawText>,
    description: Spanned<RawText>,
    source: Option<Spanned<RawText>>,
    follow_up: Option<Spanned<String>>,
    prompts: Spanned<Vec<RawPrompt>>,
}

/// The set's own keys; its prompts are read one by one.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHead {
    id: Spanned<String>,
    version: Spanned<i64>,
    title: Spanned<RawText>,
    description: Spanned<RawText>,
    source: Option<Spanned<RawText>>,
    follow_up: Option<Spanned<String>>,
    prompts: Spanned<de::IgnoredAny>,
}

impl RawHead {
    fn with(self, prompts: Vec<RawPrompt>) -> RawSet {
        let RawHead { id, version, title, description, source, follow_up, prompts: list } = self;
        RawSet { id, version, title, description, source, follow_up, prompts: Spanned::new(list.span(), prompts) }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrompt {
    id: Spanned<String>,
    kind: Spanned<String>,
    ask: Spanned<RawText>,
    hint: Option<Spanned<RawText>>,
    required: Option<bool>,
    min: Option<Spanned<i64>>,
    max: Option<Spanned<i64>>,
    min_label: Option<Spanned<RawText>>,
    max_label: Option<Spanned<RawText>>,
    options: Option<Spanned<Vec<Spanned<RawOption>>>>,
    when: Option<Spanned<RawWhen>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWhen {
    prompt: Spanned<String>,
    equals: Spanned<toml::Value>,
}

/// A string, or a table of strings by language code.
enum RawText {
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

/// An option: a plain string (its own id) or `{ id = "...", label = ... }`.
enum RawOption {
    Plain(String),
    Labelled { id: String, label: Spanned<RawText> },
}

impl<'de> Deserialize<'de> for RawOption {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Labelled {
            id: String,
            label: Spanned<RawText>,
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
                let Labelled { id, label } = Deserialize::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawOption::Labelled { id, label })
            }
        }
        deserializer.deserialize_any(OptionVisitor)
    }
}

/// What a prompt may refer to: the prompts before it.
struct Scope<'p> {
    earlier: &'p [Prompt],
    /// Every prompt id in the set and its position (the first, for duplicates).
    order: &'p HashMap<String, usize>,
    position: usize,
}

/// Turns the raw file into a set while collecting every problem on the way.
#[derive(Default)]
struct Checker {
    problems: Vec<(Range<usize>, String)>,
    /// Each translated string's span and the languages it has.
    translations: Vec<(Range<usize>, BTreeSet<Lang>)>,
}

impl Checker {
    fn problem(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems.push((span, message.into()));
    }

    fn set(&mut self, raw: RawSet) -> PromptSet {
        self.id(&raw.id, "set");
        if let Some(follow_up) = &raw.follow_up {
            self.id(follow_up, "follow_up set");
        }
        let version = u32::try_from(*raw.version.get_ref()).ok().filter(|v| *v >= 1);
        if version.is_none() {
            self.problem(raw.version.span(), "version must be a whole number from 1 up");
        }
        if raw.prompts.get_ref().is_empty() {
            self.problem(raw.prompts.span(), "a set needs at least one prompt in [[prompts]]");
        }
        let prompts = self.prompts(raw.prompts.into_inner());
        let set = PromptSet {
            id: raw.id.into_inner(),
            version: version.unwrap_or(1),
            title: self.text(&raw.title, "title"),
            description: self.text(&raw.description, "description"),
            source: raw.source.map(|source| self.text(&source, "source")),
            follow_up: raw.follow_up.map(Spanned::into_inner),
            prompts,
            languages: Vec::new(),
        };
        PromptSet { languages: self.languages(), ..set }
    }

    fn id(&mut self, id: &Spanned<String>, what: &str) {
        if !is_id(id.get_ref()) {
            self.problem(
                id.span(),
                format!(
                    "{what} id '{}' must be lowercase letters, digits, '-' or '_' (like 'check-the-potential')",
                    id.get_ref()
                ),
            );
        }
    }

    fn prompts(&mut self, raw: Vec<RawPrompt>) -> Vec<Prompt> {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let order: HashMap<String, usize> =
            raw.iter().enumerate().rev().map(|(n, prompt)| (prompt.id.get_ref().clone(), n)).collect();
        let mut prompts: Vec<Prompt> = Vec::with_capacity(raw.len());
        for (n, raw_prompt) in raw.into_iter().enumerate() {
            let id = raw_prompt.id.get_ref().clone();
            self.id(&raw_prompt.id, "prompt");
            if let Some(first) = seen.get(&id) {
                let message = format!("duplicate prompt id '{id}' (prompt {} has it too)", first + 1);
                self.problem(raw_prompt.id.span(), message);
            }
            seen.insert(id, n);
            let prompt = self.prompt(raw_prompt, &Scope { earlier: &prompts, order: &order, position: n });
            prompts.push(prompt);
        }
        prompts
    }

    fn prompt(&mut self, raw: RawPrompt, scope: &Scope) -> Prompt {
        let kind = self.kind(&raw);
        for text in [Some(&raw.ask), raw.hint.as_ref()].into_iter().flatten() {
            self.placeholders(text, scope);
        }
        let when = raw.when.and_then(|when| self.when(&when, scope));
        let ask = self.text(&raw.ask, "ask");
        Prompt {
            id: raw.id.into_inner(),
            kind,
            ask,
            hint: raw.hint.map(|hint| self.text(&hint, "hint")),
            required: raw.required.unwrap_or(true),
            when,
        }
    }

    fn kind(&mut self, raw: &RawPrompt) -> Kind {
        let name = raw.kind.get_ref().as_str();
        let needs_range = name == "scale";
        let needs_options = name == "choice" || name == "multi";
        self.only_for(needs_range, raw.min.as_ref().map(Spanned::span), "min", "scale");
        self.only_for(needs_range, raw.max.as_ref().map(Spanned::span), "max", "scale");
        self.only_for(needs_range, raw.min_label.as_ref().map(Spanned::span), "min_label", "scale");
        self.only_for(needs_range, raw.max_label.as_ref().map(Spanned::span), "max_label", "scale");
        let options_span = raw.options.as_ref().map(Spanned::span);
        self.only_for(needs_options, options_span, "options", "choice and multi");
        match name {
            "text" => Kind::Text,
            "long" => Kind::Long,
            "confirm" => Kind::Confirm,
            "scale" => self.scale(raw),
            "choice" => Kind::Choice(self.options(raw)),
            "multi" => Kind::Multi(self.options(raw)),
            other => {
                let message = format!("unknown kind '{other}'; expected one of {}", KIND_NAMES.join(", "));
                self.problem(raw.kind.span(), message);
                Kind::Text
            }
        }
    }

    fn only_for(&mut self, fits: bool, span: Option<Range<usize>>, field: &str, kinds: &str) {
        if let (false, Some(span)) = (fits, span) {
            self.problem(span, format!("'{field}' only applies to {kinds} prompts"));
        }
    }

    fn scale(&mut self, raw: &RawPrompt) -> Kind {
        let (Some(min), Some(max)) = (&raw.min, &raw.max) else {
            self.problem(raw.kind.span(), "a scale prompt needs both min and max, like min = 1, max = 10");
            return Kind::Scale { min: 1, max: 10, min_label: None, max_label: None };
        };
        let (min_value, max_value) = (*min.get_ref(), *max.get_ref());
        if min_value >= max_value {
            let message = format!("scale min ({min_value}) must be less than max ({max_value})");
            self.problem(min.span(), message);
        } else if max_value - min_value > 100 {
            self.problem(max.span(), "a scale may have at most 101 steps");
        }
        let label = |checker: &mut Self, label: &Option<Spanned<RawText>>, what| {
            label.as_ref().map(|raw| checker.text(raw, what))
        };
        Kind::Scale {
            min: min_value,
            max: max_value,
            min_label: label(self, &raw.min_label, "min_label"),
            max_label: label(self, &raw.max_label, "max_label"),
        }
    }

    fn options(&mut self, raw: &RawPrompt) -> Vec<Choice> {
        let Some(options) = &raw.options else {
            self.problem(raw.kind.span(), format!("a {} prompt needs options", raw.kind.get_ref()));
            return Vec::new();
        };
        if options.get_ref().is_empty() {
            self.problem(options.span(), "options must not be empty");
        }
        let mut ids = BTreeSet::new();
        let mut choices = Vec::new();
        for option in options.get_ref() {
            let choice = match option.get_ref() {
                RawOption::Plain(text) => Choice { id: text.clone(), label: Text::Plain(text.clone()) },
                RawOption::Labelled { id, label } => Choice { id: id.clone(), label: self.text(label, "label") },
            };
            if choice.id.trim().is_empty() {
                self.problem(option.span(), "an option must not be empty");
            } else if !ids.insert(choice.id.clone()) {
                self.problem(option.span(), format!("duplicate option '{}'", choice.id));
            }
            choices.push(choice);
        }
        choices
    }

    fn when(&mut self, raw: &Spanned<RawWhen>, scope: &Scope) -> Option<When> {
        let name = raw.get_ref().prompt.get_ref();
        let span = raw.get_ref().prompt.span();
        let target = self.earlier_prompt(name, span, scope, "when")?;
        let equals = raw.get_ref().equals.get_ref();
        let equals_span = raw.get_ref().equals.span();
        let expected = match (&target.kind, equals) {
            (Kind::Confirm, toml::Value::Boolean(b)) => Expected::Bool(*b),
            (Kind::Scale { min, max, .. }, toml::Value::Integer(n)) if (min..=max).contains(&n) => Expected::Number(*n),
            (Kind::Choice(options) | Kind::Multi(options), toml::Value::String(s))
                if options.iter().any(|option| &option.id == s) =>
            {
                Expected::Text(s.clone())
            }
            (Kind::Text | Kind::Long, toml::Value::String(s)) => Expected::Text(s.clone()),
            (kind, _) => {
                let expected = expected_value(kind);
                self.problem(equals_span, format!("'{name}' is a {} prompt: equals must be {expected}", kind.name()));
                return None;
            }
        };
        Some(When { prompt: name.clone(), equals: expected })
    }

    fn placeholders(&mut self, text: &Spanned<RawText>, scope: &Scope) {
        let versions: Vec<&String> = match text.get_ref() {
            RawText::Plain(s) => vec![s],
            RawText::Translated(map) => map.values().collect(),
        };
        let names: BTreeSet<String> = versions.iter().flat_map(|s| placeholders(s)).collect();
        for name in names {
            self.earlier_prompt(&name, text.span(), scope, "placeholder");
        }
    }

    /// The prompt a `when` or placeholder names, if it comes before this one.
    fn earlier_prompt<'p>(
        &mut self,
        name: &str,
        span: Range<usize>,
        scope: &Scope<'p>,
        what: &str,
    ) -> Option<&'p Prompt> {
        match scope.order.get(name) {
            Some(&at) if at < scope.position => scope.earlier.get(at),
            Some(&at) if at == scope.position => {
                self.problem(
                    span,
                    format!("{what} '{name}' names this prompt itself; it can only name an earlier one"),
                );
                None
            }
            Some(_) => {
                self.problem(span, format!("{what} '{name}' names a later prompt; it can only name an earlier one"));
                None
            }
            None => {
                self.problem(span, format!("{what} '{name}' names no prompt in this set"));
                None
            }
        }
    }

    fn text(&mut self, raw: &Spanned<RawText>, what: &str) -> Text {
        let text = match raw.get_ref() {
            RawText::Plain(s) => Text::Plain(s.clone()),
            RawText::Translated(by_code) => {
                let mut by_lang = BTreeMap::new();
                for (code, s) in by_code {
                    match code.parse::<Lang>() {
                        Ok(lang) => {
                            by_lang.insert(lang, s.clone());
                        }
                        Err(message) => self.problem(raw.span(), format!("{what}: {message}")),
                    }
                }
                if by_code.is_empty() {
                    self.problem(raw.span(), format!("{what} needs at least one language, like {{ en = \"...\" }}"));
                }
                self.translations.push((raw.span(), by_lang.keys().copied().collect()));
                Text::Translated(by_lang)
            }
        };
        if text.versions().iter().any(|s| s.trim().is_empty()) && what != "hint" {
            self.problem(raw.span(), format!("{what} must not be empty"));
        }
        text
    }

    /// Every translated string must come in the same languages.
    fn languages(&mut self) -> Vec<Lang> {
        let all: BTreeSet<Lang> = self.translations.iter().flat_map(|(_, langs)| langs.clone()).collect();
        for (span, langs) in std::mem::take(&mut self.translations) {
            let missing: Vec<&str> = all.difference(&langs).map(|lang| lang.code()).collect();
            if !missing.is_empty() && !langs.is_empty() {
                let message =
                    format!("this string has no {} text, which other strings in this set have", missing.join(", "));
                self.problem(span, message);
            }
        }
        all.into_iter().collect()
    }
}

fn expected_value(kind: &Kind) -> String {
    match kind {
        Kind::Confirm => "true or false".to_owned(),
        Kind::Scale { min, max, .. } => format!("a whole number from {min} to {max}"),
        Kind::Choice(options) | Kind::Multi(options) => {
            let ids: Vec<String> = options.iter().map(|option| format!("'{}'", option.id)).collect();
            format!("one of the option ids {}", ids.join(", "))
        }
        Kind::Text | Kind::Long => "a string".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "id = \"t\"\nversion = 1\ntitle = { en = \"T\", nl = \"T\" }\ndescription = \"D\"\n";

    /// The problems found in a set made of HEAD and `prompts`, as "line:column: message".
    fn problems(prompts: &str) -> Vec<String> {
        let err = parse(&format!("{HEAD}{prompts}"), "t.toml").expect_err("the set should not load");
        assert!(err.to_string().starts_with("t.toml:"), "{err}");
        err.problems.iter().map(|p| format!("{}:{}: {}", p.line, p.column, p.message)).collect()
    }

    #[test]
    fn a_complete_set_loads() {
        let set = parse(
            &format!(
                "{HEAD}[[prompts]]\nid = \"who\"\nkind = \"text\"\nask = {{ en = \"Who?\", nl = \"Wie?\" }}\n\
                 [[prompts]]\nid = \"calm\"\nkind = \"scale\"\nmin = 0\nmax = 4\nask = \"{{who}}?\"\n\
                 when = {{ prompt = \"who\", equals = \"Anna\" }}\n"
            ),
            "t.toml",
        )
        .unwrap();
        assert_eq!(set.prompts.len(), 2);
        assert_eq!(set.languages, [Lang::En, Lang::Nl]);
        assert_eq!(set.prompts[1].kind.range(), Some((0, 4)));
    }

    #[test]
    fn an_unknown_kind_names_the_kinds() {
        let found = problems("[[prompts]]\nid = \"a\"\nkind = \"essay\"\nask = \"A?\"\n");
        assert_eq!(found, ["7:8: unknown kind 'essay'; expected one of text, long, scale, choice, multi, confirm"]);
    }

    #[test]
    fn a_duplicate_id_points_at_the_second() {
        let found = problems(
            "[[prompts]]\nid = \"a\"\nkind = \"text\"\nask = \"A?\"\n[[prompts]]\nid = \"a\"\nkind = \"text\"\nask = \"B?\"\n",
        );
        assert_eq!(found, ["10:6: duplicate prompt id 'a' (prompt 1 has it too)"]);
    }

    #[test]
    fn when_must_name_an_earlier_prompt() {
        let found = problems(
            "[[prompts]]\nid = \"a\"\nkind = \"confirm\"\nask = \"A?\"\nwhen = { prompt = \"b\", equals = true }\n\
             [[prompts]]\nid = \"b\"\nkind = \"confirm\"\nask = \"B?\"\nwhen = { prompt = \"nope\", equals = true }\n",
        );
        assert_eq!(
            found,
            [
                "9:19: when 'b' names a later prompt; it can only name an earlier one",
                "14:19: when 'nope' names no prompt in this set",
            ]
        );
    }

    #[test]
    fn when_must_match_the_kind_of_its_prompt() {
        let found = problems(
            "[[prompts]]\nid = \"a\"\nkind = \"choice\"\noptions = [\"x\", \"y\"]\nask = \"A?\"\n\
             [[prompts]]\nid = \"b\"\nkind = \"text\"\nask = \"B?\"\nwhen = { prompt = \"a\", equals = \"z\" }\n",
        );
        assert_eq!(found, ["14:33: 'a' is a choice prompt: equals must be one of the option ids 'x', 'y'"]);
    }

    #[test]
    fn placeholders_must_name_earlier_prompts() {
        let found = problems(
            "[[prompts]]\nid = \"a\"\nkind = \"text\"\nask = \"About {b}?\"\n\
             [[prompts]]\nid = \"b\"\nkind = \"text\"\nask = \"A?\"\nhint = { en = \"{c}\", nl = \"{c}\" }\n",
        );
        assert_eq!(
            found,
            [
                "8:7: placeholder 'b' names a later prompt; it can only name an earlier one",
                "13:8: placeholder 'c' names no prompt in this set",
            ]
        );
    }

    #[test]
    fn a_scale_needs_min_below_max() {
        let found = problems("[[prompts]]\nid = \"a\"\nkind = \"scale\"\nmin = 5\nmax = 5\nask = \"A?\"\n");
        assert_eq!(found, ["8:7: scale min (5) must be less than max (5)"]);
    }

    #[test]
    fn every_string_needs_every_language_the_set_uses() {
        let found = problems("[[prompts]]\nid = \"a\"\nkind = \"text\"\nask = { en = \"A?\" }\n");
        assert_eq!(found, ["8:7: this string has no nl text, which other strings in this set have"]);
    }

    #[test]
    fn an_unknown_language_is_named() {
        let found =
            problems("[[prompts]]\nid = \"a\"\nkind = \"text\"\nask = { en = \"A?\", nl = \"A?\", de = \"A?\" }\n");
        assert_eq!(found, ["8:7: ask: unknown language 'de'; bezin speaks en, nl"]);
    }

    #[test]
    fn options_must_not_be_empty_or_repeat() {
        let found = problems(
            "[[prompts]]\nid = \"a\"\nkind = \"multi\"\noptions = []\nask = \"A?\"\n\
             [[prompts]]\nid = \"b\"\nkind = \"choice\"\noptions = [\"x\", \"x\"]\nask = \"B?\"\n",
        );
        assert_eq!(found, ["8:11: options must not be empty", "13:17: duplicate option 'x'"]);
    }

    #[test]
    fn fields_of_other_kinds_are_refused() {
        let found = problems("[[prompts]]\nid = \"a\"\nkind = \"text\"\nmin = 1\nask = \"A?\"\n");
        assert_eq!(found, ["8:7: 'min' only applies to scale prompts"]);
    }

    #[test]
    fn syntax_and_type_errors_carry_a_position_and_a_sentence() {
        let found = problems("[[prompts]]\nid = \"a\"\nkind = \"text\"\n");
        assert_eq!(found, ["5:1: missing field `ask` here"]);
        let found = problems("[[prompts]]\nid = \"a\"\nkind = \"text\"\nask = 5\n");
        let expected = "8:7: ask: expected a string, or a table of languages like { en = \"...\", nl = \"...\" }, found integer `5`";
        assert_eq!(found, [expected]);
        let found = problems("[[prompts]]\nid = \"a\"\nkind = \"text\"\nask = \"A?\"\nrequierd = false\n");
        assert_eq!(found[0].split(", expected").next().unwrap(), "9:1: unknown field `requierd`");
        let err = parse("id = \"t\"\nversion = \"one\"\n", "t.toml").unwrap_err();
        assert_eq!(err.problems[0].line, 2);
    }

    #[test]
    fn a_type_mistake_in_one_prompt_does_not_hide_the_next() {
        let src = "id = \"t\"\nversion = \"one\"\ntitle = \"T\"\ndescription = \"D\"\n\
                   [[prompts]]\nid = \"a\"\nkind = \"text\"\nask = 5\n\
                   [[prompts]]\nkind = \"text\"\nask = \"B?\"\n";
        let err = parse(src, "t.toml").unwrap_err();
        let found: Vec<String> =
            err.problems.iter().map(|p| format!("{}:{}: {}", p.line, p.column, p.message)).collect();
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0], "2:11: version: expected a whole number, found string \"one\"");
        assert!(found[1].starts_with("8:7: ask: expected a string"), "{found:?}");
        assert_eq!(found[2], "9:1: missing field `id` here");
    }

    #[test]
    fn placeholders_fill_ids_and_leave_other_braces() {
        let filled = fill_placeholders("{a} and {b} but {not an id} or {", str::to_uppercase);
        assert_eq!(filled, "A and B but {not an id} or {");
    }
}

#[cfg(test)]
mod fuzz {
    use super::parse;
    use proptest::prelude::*;

    const BUILT_IN: &str = include_str!("../prompts/five-tips.toml");

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn random_text_as_a_prompt_set_never_panics(text in any::<String>()) {
            let _ = parse(&text, "random.toml");
        }

        /// A built-in set with bytes cut, changed and added at random.
        #[test]
        fn mutated_built_in_sets_never_panic(edits in proptest::collection::vec((any::<usize>(), 0u8..3, any::<char>()), 1..8)) {
            let mut text: Vec<char> = BUILT_IN.chars().collect();
            for (at, how, c) in edits {
                let at = at % text.len().max(1);
                match how {
                    0 if !text.is_empty() => { text.remove(at); }
                    1 if !text.is_empty() => text[at] = c,
                    _ => text.insert(at, c),
                }
            }
            let text: String = text.into_iter().collect();
            if let Err(err) = parse(&text, "mutated.toml") {
                prop_assert!(!err.problems.is_empty());
                prop_assert!(err.problems.iter().all(|p| p.line >= 1 && p.column >= 1));
            }
        }
    }
}
