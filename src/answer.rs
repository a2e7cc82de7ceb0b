//! One answer, the same from the widget to the journal line: what the
//! session checks, what a draft keeps, what the terminal shows and what the
//! journal holds. A choice is kept by its option's id together with the
//! label it was shown by, so the journal reads without its set and an
//! answer counts the same in every language.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::lang::Lang;
use crate::prompt_set::{Choice, Expected, Prompt};

/// An answer to one prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// A `text` or `long` answer.
    Text(String),
    /// A point on a scale.
    Number(i64),
    /// Yes or no.
    Bool(bool),
    Choice(Picked),
    Multi(Vec<Picked>),
}

/// An option as it was chosen: its id, and its label as it was shown. An
/// entry of journal format 1 kept the label alone; its id is found again
/// while its set still has that label (`Answer::in_terms_of`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picked {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub label: String,
}

impl Picked {
    /// `option`, as shown in `lang`.
    pub fn of(option: &Choice, lang: Lang) -> Picked {
        Picked { id: Some(option.id.clone()), label: option.label.get(lang).to_owned() }
    }

    /// A label of an older entry, with no id.
    pub fn label(label: impl Into<String>) -> Picked {
        Picked { id: None, label: label.into() }
    }

    /// Whether this is `option`: by its id, or for a label alone, by that
    /// label in any language, or one the option had before.
    pub fn is(&self, option: &Choice) -> bool {
        match &self.id {
            Some(id) => option.id == *id,
            None => option.label.versions().contains(&self.label.as_str()) || option.formerly.contains(&self.label),
        }
    }

    /// The option of `options` this is.
    pub fn option_in<'o>(&self, options: &'o [Choice]) -> Option<&'o Choice> {
        options.iter().find(|option| self.is(option))
    }

    /// What tells options apart across entries: the id, or the label when
    /// an older entry kept no id.
    pub fn key(&self) -> &str {
        self.id.as_deref().unwrap_or(&self.label)
    }

    /// The same option as `options` has it in `lang`; unchanged when
    /// `options` does not have it.
    fn in_terms_of(&self, options: &[Choice], lang: Lang) -> Picked {
        self.option_in(options).map_or_else(|| self.clone(), |option| Picked::of(option, lang))
    }
}

impl Answer {
    /// The answer in words: "7/10", "yes" or "ja", labels joined by commas.
    pub fn show(&self, range: Option<(i64, i64)>, lang: Lang) -> String {
        match (self, range) {
            (Answer::Number(n), Some((_, max))) => format!("{n}/{max}"),
            (Answer::Number(n), None) => n.to_string(),
            (Answer::Bool(true), _) => lang.words().yes.to_owned(),
            (Answer::Bool(false), _) => lang.words().no.to_owned(),
            (Answer::Text(text), _) => text.clone(),
            (Answer::Choice(picked), _) => picked.label.clone(),
            (Answer::Multi(picked), _) => picked.iter().map(|p| p.label.as_str()).collect::<Vec<_>>().join(", "),
        }
    }

    /// The same answer with its options' ids and labels as `prompt` has
    /// them in `lang`: a label of an older entry finds its id, and a label
    /// speaks `lang`. Options the prompt no longer has stay as they are.
    pub fn in_terms_of(&self, prompt: &Prompt, lang: Lang) -> Answer {
        let options = prompt.kind.options();
        match self {
            Answer::Choice(picked) => Answer::Choice(picked.in_terms_of(options, lang)),
            Answer::Multi(picked) => {
                // Labels of one option in two languages (a hand edit, a merge) are one pick.
                let found: Vec<Picked> = picked.iter().map(|p| p.in_terms_of(options, lang)).collect();
                let mut seen = std::collections::HashSet::new();
                Answer::Multi(found.iter().filter(|p| seen.insert(p.key())).cloned().collect())
            }
            other => other.clone(),
        }
    }

    /// The same answer with the option ids `prompt` has for labels kept
    /// alone (journal format 1), each label as it was shown.
    pub fn with_ids_of(&self, prompt: &Prompt) -> Answer {
        let options = prompt.kind.options();
        let found = |picked: &Picked| Picked {
            id: picked.id.clone().or_else(|| picked.option_in(options).map(|option| option.id.clone())),
            label: picked.label.clone(),
        };
        match self {
            Answer::Choice(picked) => Answer::Choice(found(picked)),
            Answer::Multi(picked) => {
                let mut seen = std::collections::HashSet::new();
                Answer::Multi(picked.iter().map(found).filter(|p| seen.insert(p.key().to_owned())).collect())
            }
            other => other.clone(),
        }
    }

    /// The answer as a person's name: its text, trimmed, when there is any.
    pub fn as_name(&self) -> Option<String> {
        match self {
            Answer::Text(name) => Some(name.trim().to_owned()).filter(|name| !name.is_empty()),
            _ => None,
        }
    }

    /// Whether the answer is what a `when` waits for; a multi answer is when
    /// that option is among those chosen.
    pub fn meets(&self, expected: &Expected) -> bool {
        match (self, expected) {
            (Answer::Bool(b), Expected::Bool(e)) => b == e,
            (Answer::Number(n), Expected::Number(e)) => n == e,
            (Answer::Text(text), Expected::Text(e)) => text == e,
            (Answer::Choice(picked), Expected::Text(e)) => picked.id.as_ref() == Some(e),
            (Answer::Multi(picked), Expected::Text(e)) => picked.iter().any(|p| p.id.as_ref() == Some(e)),
            _ => false,
        }
    }
}

/// In the journal and drafts: a string, a number, true or false, an option
/// as `{"id", "label"}`, or a list of options.
impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Text(text) => serializer.serialize_str(text),
            Answer::Number(n) => serializer.serialize_i64(*n),
            Answer::Bool(b) => serializer.serialize_bool(*b),
            Answer::Choice(picked) => picked.serialize(serializer),
            Answer::Multi(picked) => picked.serialize(serializer),
        }
    }
}

/// Read by the JSON type at hand, not by trying each form in turn as
/// serde's untagged enums do (which costs an error message per miss). A
/// list of strings is a multi answer of format 1, labels alone.
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(AnswerVisitor)
    }
}

struct AnswerVisitor;

impl<'de> Visitor<'de> for AnswerVisitor {
    type Value = Answer;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, a whole number, true or false, an option, or a list of options")
    }
    fn visit_bool<E>(self, b: bool) -> Result<Answer, E> {
        Ok(Answer::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Answer, E> {
        Ok(Answer::Number(n))
    }
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Answer, E> {
        i64::try_from(n).map(Answer::Number).map_err(|_| E::custom("a number too large for an answer"))
    }
    fn visit_str<E>(self, s: &str) -> Result<Answer, E> {
        Ok(Answer::Text(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Answer, E> {
        Ok(Answer::Text(s))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Answer, A::Error> {
        Picked::deserialize(de::value::MapAccessDeserializer::new(map)).map(Answer::Choice)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Answer, A::Error> {
        let mut picked = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(PickedOrLabel(item)) = seq.next_element()? {
            picked.push(item);
        }
        Ok(Answer::Multi(picked))
    }
}

/// An item of a multi answer: an option, or a label alone (format 1).
struct PickedOrLabel(Picked);

impl<'de> Deserialize<'de> for PickedOrLabel {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = PickedOrLabel;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an option or its label")
            }
            fn visit_str<E>(self, s: &str) -> Result<PickedOrLabel, E> {
                Ok(PickedOrLabel(Picked::label(s)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<PickedOrLabel, A::Error> {
                Picked::deserialize(de::value::MapAccessDeserializer::new(map)).map(PickedOrLabel)
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(answer: &Answer) -> (String, Answer) {
        let json = serde_json::to_string(answer).unwrap();
        let back = serde_json::from_str(&json).unwrap();
        (json, back)
    }

    #[test]
    fn every_kind_of_answer_reads_back_as_written() {
        let time = Picked { id: Some("time".into()), label: "lack of time".into() };
        let answers = [
            (Answer::Text("één\nline".into()), r#""één\nline""#),
            (Answer::Number(-3), "-3"),
            (Answer::Bool(false), "false"),
            (Answer::Choice(time.clone()), r#"{"id":"time","label":"lack of time"}"#),
            (
                Answer::Multi(vec![time, Picked::label("stilte")]),
                r#"[{"id":"time","label":"lack of time"},{"label":"stilte"}]"#,
            ),
            (Answer::Multi(Vec::new()), "[]"),
        ];
        for (answer, json) in answers {
            assert_eq!(round_trip(&answer), (json.to_owned(), answer));
        }
    }

    #[test]
    fn a_list_of_labels_is_a_multi_answer_of_format_one() {
        let answer: Answer = serde_json::from_str(r#"["silence", "a question"]"#).unwrap();
        assert_eq!(answer, Answer::Multi(vec![Picked::label("silence"), Picked::label("a question")]));
    }

    #[test]
    fn one_option_given_in_two_languages_is_one_pick() {
        let set = crate::prompt_set::parse(
            "id = \"t\"\nversion = 1\ntitle = \"T\"\ndescription = \"D\"\n\n[[prompts]]\nid = \"m\"\nkind = \"multi\"\nask = \"M?\"\n\
             options = [{ id = \"silence\", label = { en = \"a silence\", nl = \"een stilte\" } }]\n",
            "t.toml",
        )
        .unwrap();
        let twice = Answer::Multi(vec![Picked::label("a silence"), Picked::label("een stilte")]);
        let once = Answer::Multi(vec![Picked { id: Some("silence".into()), label: "a silence".into() }]);
        assert_eq!(twice.in_terms_of(&set.prompts[0], Lang::En), once);
    }

    #[test]
    fn a_number_too_large_or_a_stray_type_is_refused() {
        assert!(serde_json::from_str::<Answer>("18446744073709551615").is_err());
        assert!(serde_json::from_str::<Answer>("1.5").is_err());
        assert!(serde_json::from_str::<Answer>("[1]").is_err());
        assert!(serde_json::from_str::<Answer>(r#"{"id":"x"}"#).is_err());
    }
}
