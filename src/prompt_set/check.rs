//! From the TOML form to a prompt set, with every problem on the way: ids,
//! kinds, scales, options, `when`, placeholders and languages.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::ops::Range;

use toml::Spanned;

use super::raw::{Formerly, RawOption, RawPrompt, RawSet, RawText, RawWhen};
use super::{Choice, Expected, Kind, KindName, Prompt, PromptSet, When, is_id, placeholders};
use crate::lang::{Lang, Text};

/// The set `raw` describes, or every problem in it, in the file's order.
pub(super) fn check(raw: RawSet) -> Result<PromptSet, Vec<(Range<usize>, String)>> {
    let mut checker = Checker::default();
    let set = checker.set(raw);
    if checker.problems.is_empty() {
        Ok(set)
    } else {
        checker.problems.sort_by_key(|(span, _)| span.start);
        Err(checker.problems)
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
            self.problem(raw.version.span(), words().version_from_one);
        }
        if raw.prompts.get_ref().is_empty() {
            self.problem(raw.prompts.span(), words().needs_prompt);
        }
        let prompts = self.prompts(raw.prompts.into_inner());
        let set = PromptSet {
            id: raw.id.into_inner(),
            version: version.unwrap_or(1),
            title: self.text(&raw.title, "title"),
            description: self.text(&raw.description, "description"),
            purpose: raw.purpose.map(|purpose| self.text(&purpose, "purpose")),
            source: raw.source.map(|source| self.text(&source, "source")),
            follow_up: raw.follow_up.map(Spanned::into_inner),
            prompts,
            languages: Vec::new(),
        };
        PromptSet { languages: self.languages(), ..set }
    }

    fn id(&mut self, id: &Spanned<String>, what: &str) {
        if !is_id(id.get_ref()) {
            let mut shown: String = id.get_ref().chars().take(80).collect();
            if shown.len() < id.get_ref().len() {
                shown.push('…');
            }
            self.problem(id.span(), (words().bad_id)(what, &shown));
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
                self.problem(raw_prompt.id.span(), (words().duplicate_prompt)(&id, first + 1));
            }
            seen.insert(id, n);
            let person = raw_prompt.person.as_ref().filter(|person| *person.get_ref()).map(Spanned::span);
            let prompt = self.prompt(raw_prompt, &Scope { earlier: &prompts, order: &order, position: n });
            if let Some(span) = person {
                self.person(&prompt, &prompts, span);
            }
            prompts.push(prompt);
        }
        prompts
    }

    /// `person = true` goes on one text prompt of a set.
    fn person(&mut self, prompt: &Prompt, earlier: &[Prompt], span: Range<usize>) {
        if !matches!(prompt.kind, Kind::Text) {
            self.problem(span, (words().person_not_text)(prompt.kind.name()));
        } else if let Some(first) = earlier.iter().find(|other| other.person) {
            self.problem(span, (words().person_twice)(&first.id));
        }
    }

    fn prompt(&mut self, raw: RawPrompt, scope: &Scope) -> Prompt {
        let kind = self.kind(&raw);
        for text in [Some(&raw.ask), raw.hint.as_ref()].into_iter().flatten() {
            self.placeholders(text, scope);
        }
        let when = raw.when.and_then(|when| self.when(&when, scope));
        if let Some(compare) = &raw.compare {
            self.id(compare, "compare");
        }
        let ask = self.text(&raw.ask, "ask");
        Prompt {
            id: raw.id.into_inner(),
            kind,
            ask,
            hint: raw.hint.map(|hint| self.text(&hint, "hint")),
            required: raw.required.unwrap_or(true),
            when,
            person: raw.person.is_some_and(|person| *person.get_ref()),
            recap: raw.recap.unwrap_or(false),
            compare: raw.compare.map(Spanned::into_inner),
            next_step: raw.next_step.unwrap_or(false),
        }
    }

    fn kind(&mut self, raw: &RawPrompt) -> Kind {
        let name = KindName::parse(raw.kind.get_ref());
        let needs_range = name == Some(KindName::Scale);
        let needs_options = matches!(name, Some(KindName::Choice | KindName::Multi));
        self.only_for(needs_range, raw.min.as_ref().map(Spanned::span), "min", "scale");
        self.only_for(needs_range, raw.max.as_ref().map(Spanned::span), "max", "scale");
        self.only_for(needs_range, raw.min_label.as_ref().map(Spanned::span), "min_label", "scale");
        self.only_for(needs_range, raw.max_label.as_ref().map(Spanned::span), "max_label", "scale");
        let options_span = raw.options.as_ref().map(Spanned::span);
        self.only_for(needs_options, options_span, "options", "choice and multi");
        match name {
            Some(KindName::Text) => Kind::Text,
            Some(KindName::Long) => Kind::Long,
            Some(KindName::Confirm) => Kind::Confirm,
            Some(KindName::Scale) => self.scale(raw),
            Some(KindName::Choice) => Kind::Choice(self.options(raw)),
            Some(KindName::Multi) => Kind::Multi(self.options(raw)),
            None => {
                let other = raw.kind.get_ref();
                self.problem(raw.kind.span(), (words().unknown_kind)(other, &KindName::list()));
                Kind::Text
            }
        }
    }

    fn only_for(&mut self, fits: bool, span: Option<Range<usize>>, field: &str, kinds: &str) {
        if let (false, Some(span)) = (fits, span) {
            self.problem(span, (words().only_for)(field, kinds));
        }
    }

    fn scale(&mut self, raw: &RawPrompt) -> Kind {
        let (Some(min), Some(max)) = (&raw.min, &raw.max) else {
            self.problem(raw.kind.span(), words().scale_needs_range);
            return Kind::Scale { min: 1, max: 10, min_label: None, max_label: None };
        };
        let (min_value, max_value) = (*min.get_ref(), *max.get_ref());
        if min_value >= max_value {
            self.problem(min.span(), (words().scale_order)(min_value, max_value));
        } else if max_value - min_value > 100 {
            self.problem(max.span(), words().scale_steps);
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
            self.problem(raw.kind.span(), (words().needs_options)(raw.kind.get_ref()));
            return Vec::new();
        };
        if options.get_ref().is_empty() {
            self.problem(options.span(), words().options_empty);
        }
        let mut ids = BTreeSet::new();
        let mut choices = Vec::new();
        for option in options.get_ref() {
            let choice = match option.get_ref() {
                RawOption::Plain(text) => {
                    Choice { id: text.clone(), label: Text::Plain(text.clone()), formerly: Vec::new() }
                }
                RawOption::Labelled { id, label, formerly } => Choice {
                    id: id.clone(),
                    label: self.text(label, "label"),
                    formerly: formerly.as_ref().map(|formerly| self.formerly(formerly)).unwrap_or_default(),
                },
            };
            if choice.id.trim().is_empty() {
                self.problem(option.span(), words().option_empty);
            } else if !ids.insert(choice.id.clone()) {
                self.problem(option.span(), (words().duplicate_option)(&choice.id));
            }
            choices.push(choice);
        }
        choices
    }

    fn when(&mut self, raw: &Spanned<RawWhen>, scope: &Scope) -> Option<When> {
        let (prompt, equals) = match raw.get_ref() {
            RawWhen { prompt: None, equals: None, follows: Some(set) } => {
                self.id(set, "follows set");
                return Some(When::Follows(set.get_ref().clone()));
            }
            RawWhen { prompt: Some(prompt), equals: Some(equals), follows: None } => (prompt, equals),
            _ => {
                self.problem(raw.span(), words().when_shape);
                return None;
            }
        };
        let name = prompt.get_ref();
        let target = self.earlier_prompt(name, prompt.span(), scope, "when")?;
        let equals_span = equals.span();
        let equals = equals.get_ref();
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
                self.problem(equals_span, (words().equals_must)(name, kind.name(), &expected));
                return None;
            }
        };
        Some(When::Answer { prompt: name.clone(), equals: expected })
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
                self.problem(span, (words().names_itself)(what, name));
                None
            }
            Some(_) => {
                self.problem(span, (words().names_later)(what, name));
                None
            }
            None => {
                self.problem(span, (words().names_none)(what, name));
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
                    self.problem(raw.span(), (words().needs_language)(what));
                }
                self.translations.push((raw.span(), by_lang.keys().copied().collect()));
                Text::Translated(by_lang)
            }
        };
        if text.versions().iter().any(|s| s.trim().is_empty()) && what != "hint" {
            self.problem(raw.span(), (words().not_empty)(what));
        }
        text
    }

    /// An option's former labels, each language code known.
    fn formerly(&mut self, raw: &Spanned<Formerly>) -> Vec<String> {
        for code in raw.get_ref().keys() {
            if let Err(message) = code.parse::<Lang>() {
                self.problem(raw.span(), format!("formerly: {message}"));
            }
        }
        raw.get_ref().values().flatten().cloned().collect()
    }

    /// Every translated string must come in the same languages.
    fn languages(&mut self) -> Vec<Lang> {
        let all: BTreeSet<Lang> = self.translations.iter().flat_map(|(_, langs)| langs.clone()).collect();
        for (span, langs) in std::mem::take(&mut self.translations) {
            let missing: Vec<&str> = all.difference(&langs).map(|lang| lang.code()).collect();
            if !missing.is_empty() && !langs.is_empty() {
                self.problem(span, (words().missing_languages)(&missing.join(", ")));
            }
        }
        all.into_iter().collect()
    }
}

fn expected_value(kind: &Kind) -> String {
    match kind {
        Kind::Confirm => words().expected_bool.to_owned(),
        Kind::Scale { min, max, .. } => (words().expected_number)(*min, *max),
        Kind::Choice(options) | Kind::Multi(options) => {
            let ids: Vec<String> = options.iter().map(|option| format!("'{}'", option.id)).collect();
            (words().expected_option)(&ids.join(", "))
        }
        Kind::Text | Kind::Long => words().expected_string.to_owned(),
    }
}

/// The words of a set's problems, in the interface's language.
fn words() -> &'static crate::lang::sets::SetWords {
    crate::lang::interface().sets()
}
