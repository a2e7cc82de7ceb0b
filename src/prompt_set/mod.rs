//! Prompt sets: the model a reflection walks through. `raw` reads the TOML
//! form, `check` turns it into a set and makes a broken file a list of clear
//! problems instead of a surprise halfway a reflection. Nothing here knows
//! about the terminal.

mod check;
mod raw;

use std::fmt;
use std::ops::Range;
use std::path::Path;

use crate::lang::{Lang, Text};
use crate::{limits, whole_file};

/// A reflection: an ordered list of prompts with a title and a purpose.
#[derive(Clone, Debug)]
pub struct PromptSet {
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub description: Text,
    /// What the set is for, in a few words: the picker shows it.
    pub purpose: Option<Text>,
    pub source: Option<Text>,
    /// The set meant for afterwards, e.g. after the conversation.
    pub follow_up: Option<String>,
    pub prompts: Vec<Prompt>,
    /// The languages its translated strings come in; empty when every string is plain.
    pub languages: Vec<Lang>,
}

/// One question of a set. Its flags are keys of the set's format, each
/// true or false as written.
#[allow(clippy::struct_excessive_bools)]
#[derive(Clone, Debug)]
pub struct Prompt {
    pub id: String,
    pub kind: Kind,
    pub ask: Text,
    pub hint: Option<Text>,
    pub required: bool,
    pub when: Option<When>,
    /// The prompt names the other person the reflection is about (a text
    /// prompt, at most one a set).
    pub person: bool,
    /// Its answer is worth recalling when looking back on that person.
    pub recap: bool,
    /// What the prompt asks about, as a word: a prompt of a follow-up and
    /// one of the set it looks back on with the same word are counterparts,
    /// shown side by side (the calm before and the calm after).
    pub compare: Option<String>,
    /// The prompt of a look-back that asks for the next step: its last
    /// answer is recalled when the person is named again.
    pub next_step: bool,
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

/// The kinds by the names sets and journal lines give them: the one list
/// of those names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KindName {
    Text,
    Long,
    Scale,
    Choice,
    Multi,
    Confirm,
}

impl KindName {
    pub const ALL: [KindName; 6] =
        [KindName::Text, KindName::Long, KindName::Scale, KindName::Choice, KindName::Multi, KindName::Confirm];

    pub fn as_str(self) -> &'static str {
        match self {
            KindName::Text => "text",
            KindName::Long => "long",
            KindName::Scale => "scale",
            KindName::Choice => "choice",
            KindName::Multi => "multi",
            KindName::Confirm => "confirm",
        }
    }

    pub fn parse(name: &str) -> Option<KindName> {
        KindName::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// The kind as a person reads it in `lang`: "lange tekst" for `long`.
    pub fn said_in(self, lang: Lang) -> &'static str {
        let words = &lang.words().kinds;
        match self {
            KindName::Text => words.text,
            KindName::Long => words.long,
            KindName::Scale => words.scale,
            KindName::Choice => words.choice,
            KindName::Multi => words.multi,
            KindName::Confirm => words.confirm,
        }
    }

    /// Every name, for messages: "text, long, …".
    pub fn list() -> String {
        KindName::ALL.map(KindName::as_str).join(", ")
    }
}

impl Kind {
    pub fn kind_name(&self) -> KindName {
        match self {
            Kind::Text => KindName::Text,
            Kind::Long => KindName::Long,
            Kind::Scale { .. } => KindName::Scale,
            Kind::Choice(_) => KindName::Choice,
            Kind::Multi(_) => KindName::Multi,
            Kind::Confirm => KindName::Confirm,
        }
    }

    pub fn name(&self) -> &'static str {
        self.kind_name().as_str()
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
    /// Labels the option had before, in any language: an entry of journal
    /// format 1 kept a label alone, and still finds its option by them.
    pub formerly: Vec<String>,
}

/// When a prompt is asked.
#[derive(Clone, Debug)]
pub enum When {
    /// Only when an earlier answer is `equals` (for a multi prompt: when
    /// that option was among those chosen).
    Answer { prompt: String, equals: Expected },
    /// Only when the reflection looks back on one of this set (a follow-up
    /// asks after what the set before it asked).
    Follows(String),
}

impl fmt::Display for When {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            When::Answer { prompt, equals } => write!(f, "'{prompt}' is {equals}"),
            When::Follows(set) => write!(f, "it looks back on a '{set}' reflection"),
        }
    }
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

    /// The prompt that names the other person, if the set has one.
    pub fn person_prompt(&self) -> Option<&Prompt> {
        self.prompts.iter().find(|prompt| prompt.person)
    }
}

/// A prompt set file that did not load, with every problem found in it.
#[derive(Debug)]
pub struct LoadError {
    pub origin: String,
    pub problems: Vec<Problem>,
}

/// One problem in a prompt set file, at a line and column (both from 1;
/// line 0 for the file as a whole).
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
            match problem {
                Problem { line: 0, message, .. } => write!(f, "{}: {message}", self.origin)?,
                Problem { line, column, message } => write!(f, "{}:{line}:{column}: {message}", self.origin)?,
            }
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// Reads the prompt set file at `path` and checks it. Only a regular file
/// is read when `regular_only` (a folder of sets read by every command
/// must not block on a FIFO); a file that is larger than a set may be, or
/// not UTF-8, is a problem like any other.
pub fn load(path: &Path, regular_only: bool) -> Result<PromptSet, LoadError> {
    let origin = path.display().to_string();
    let fail =
        |line, column, message| LoadError { origin: origin.clone(), problems: vec![Problem { line, column, message }] };
    let read = if regular_only { whole_file::read_regular } else { whole_file::read };
    let bytes = read(path, limits::PROMPT_SET).map_err(|err| fail(0, 0, format!("could not be read: {err}")))?;
    let src = whole_file::text(bytes).map_err(|bad| fail(bad.line, bad.column, "not UTF-8 text".to_owned()))?;
    parse(&src, &origin)
}

/// Reads and checks a prompt set; `origin` names it in problems (a path).
pub fn parse(src: &str, origin: &str) -> Result<PromptSet, LoadError> {
    let fail = |problems: Vec<(Range<usize>, String)>| LoadError {
        origin: origin.to_owned(),
        problems: problems.into_iter().map(|(span, message)| locate(src, span.start, message)).collect(),
    };
    let raw = raw::read(src).map_err(fail)?;
    check::check(raw).map_err(fail)
}

fn locate(src: &str, offset: usize, message: String) -> Problem {
    let (line, column) = crate::toml_error::line_and_column(src, offset);
    Problem { line, column, message }
}

/// Calls `fill` for each `{prompt-id}` in `template`, with whether it
/// starts a sentence, and puts back what it returns; braces around
/// anything that is not an id stay as they are.
pub fn fill_placeholders(template: &str, mut fill: impl FnMut(&str, bool) -> String) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| &after[..close]) {
            Some(name) if is_id(name) => {
                let starts_sentence = out.trim_end().chars().last().is_none_or(|c| matches!(c, '.' | '?' | '!'));
                out.push_str(&fill(name, starts_sentence));
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

/// Whether `template` has a `{prompt-id}` to fill.
pub fn has_placeholders(template: &str) -> bool {
    !placeholders(template).is_empty()
}

fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    fill_placeholders(template, |name, _| {
        names.push(name.to_owned());
        String::new()
    });
    names
}

/// Ids are lowercase words joined by dashes or underscores, at most 64
/// characters, as entry ids are: they appear on the command line, in file
/// names, in `{placeholders}` and in every entry of the set.
pub fn is_id(s: &str) -> bool {
    s.len() <= limits::ID
        && s.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
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
    fn an_id_longer_than_an_entry_id_may_be_is_refused_where_it_is() {
        let long = "a".repeat(65);
        let src = format!(
            "id = \"{long}\"\nversion = 1\ntitle = \"T\"\ndescription = \"D\"\n\n[[prompts]]\nid = \"{long}\"\nkind = \"text\"\nask = \"A?\"\n"
        );
        let err = parse(&src, "t.toml").unwrap_err();
        let found: Vec<(usize, usize)> = err.problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(found, [(1, 6), (7, 6)]);
        assert!(err.problems[0].message.starts_with(&format!("set id '{long}' must be 1 to 64")), "{err}");
        assert!(parse(&src.replace(&long, &"a".repeat(64)), "t.toml").is_ok());
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
    fn an_option_keeps_its_former_labels_and_their_languages_are_known() {
        let option = "{ id = \"x\", label = \"X\", formerly = { en = [\"old x\", \"older x\"] } }";
        let prompts = format!("[[prompts]]\nid = \"a\"\nkind = \"choice\"\noptions = [{option}]\nask = \"A?\"\n");
        let set = parse(&format!("{HEAD}{prompts}"), "t.toml").unwrap();
        assert_eq!(set.prompts[0].kind.options()[0].formerly, ["old x", "older x"]);
        let found = problems(&prompts.replace("en = [", "de = ["));
        assert_eq!(found, ["8:48: formerly: unknown language 'de'; bezin speaks en, nl"]);
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
    fn one_text_prompt_at_most_names_the_person() {
        let two = "[[prompts]]\nid = \"a\"\nkind = \"text\"\nperson = true\nask = \"Who?\"\n\n\
                   [[prompts]]\nid = \"b\"\nkind = \"text\"\nperson = true\nask = \"And who?\"\n";
        assert_eq!(problems(two), ["14:10: only one prompt of a set names the person, and 'a' does already"]);
        let scale = "[[prompts]]\nid = \"a\"\nkind = \"scale\"\nmin = 1\nmax = 5\nperson = true\nask = \"A?\"\n";
        assert_eq!(
            problems(scale),
            ["10:10: person = true marks a text prompt (the name of the other person), not a scale prompt"]
        );
        let set =
            parse(&format!("{HEAD}[[prompts]]\nid = \"a\"\nkind = \"text\"\nperson = true\nask = \"Who?\"\n"), "t")
                .unwrap();
        assert_eq!(set.person_prompt().map(|prompt| prompt.id.as_str()), Some("a"));
    }

    #[test]
    fn a_compare_word_is_an_id() {
        let found = problems("[[prompts]]\nid = \"a\"\nkind = \"text\"\ncompare = \"Calm down\"\nask = \"A?\"\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("8:11: compare id 'Calm down' must be 1 to 64"), "{found:?}");
        let set =
            parse(&format!("{HEAD}[[prompts]]\nid = \"a\"\nkind = \"text\"\ncompare = \"calm\"\nask = \"A?\"\n"), "t")
                .unwrap();
        assert_eq!(set.prompts[0].compare.as_deref(), Some("calm"));
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
        let filled = fill_placeholders("{a} and {b} but {not an id} or {", |name, _| name.to_uppercase());
        assert_eq!(filled, "A and B but {not an id} or {");
    }

    #[test]
    fn a_placeholder_knows_whether_it_starts_a_sentence() {
        let starts = |template: &str| {
            let mut seen = Vec::new();
            fill_placeholders(template, |_, starts| {
                seen.push(starts);
                String::new()
            });
            seen
        };
        assert_eq!(starts("{a} wil. Wat {b}? {c}! En: {d}"), [true, false, true, false]);
    }
}

#[cfg(test)]
mod fuzz {
    use super::parse;
    use proptest::prelude::*;

    const BUILT_IN: &str = include_str!("../../prompts/five-tips.toml");

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
