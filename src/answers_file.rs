//! Answers files: `prompt-id = answer` in TOML, for `run --answers` and
//! `edit --answers`, and written by bezin when nothing else can keep a
//! reflection's answers. What `write` gives, `read` takes back.

use std::path::Path;

use anyhow::{Context as _, Result, anyhow, bail};

use crate::answer::{Answer, Picked};
use crate::lang::errors::ErrorWords;
use crate::lang::{self, Lang};
use crate::prompt_set::{Kind, Prompt, PromptSet, When};
use crate::session::{AnswerSource, Reply, Session, check};
use crate::{limits, whole_file};

/// The answers of a file (`-` for standard input), with the name to give it in messages.
pub struct AnswersFile {
    values: toml::Table,
    pub origin: String,
}

impl AnswersFile {
    pub fn read(path: &Path) -> Result<AnswersFile> {
        let words = lang::interface().errors();
        let (read, origin, unreadable) = if path == Path::new("-") {
            let read = whole_file::read_from(std::io::stdin(), limits::ANSWERS);
            (read, "stdin".to_owned(), words.unreadable_answers_stdin.to_owned())
        } else {
            let origin = path.display().to_string();
            (whole_file::read(path, limits::ANSWERS), origin.clone(), (words.unreadable_answers_file)(&origin))
        };
        let src = read.and_then(|bytes| whole_file::text(bytes).map_err(std::io::Error::from)).context(unreadable)?;
        let values = toml::from_str(&src)
            .map_err(|err| anyhow!(crate::toml_error::located(&origin, &src, &err, lang::interface())))?;
        Ok(AnswersFile { values, origin })
    }

    /// The prompt ids the file answers, in its order.
    pub fn ids(&self) -> impl Iterator<Item = &String> {
        self.values.keys()
    }

    /// The file's answer to `prompt`: none when it has none, or an empty
    /// text. Choices are labelled in `lang`.
    pub fn answer_to(&self, prompt: &Prompt, lang: Lang) -> Result<Option<Answer>> {
        let Some(value) = self.values.get(&prompt.id) else { return Ok(None) };
        from_toml(prompt, value, lang)
            .map_err(|message| anyhow!((lang::interface().errors().answer_to)(&self.origin, &prompt.id, &message)))
    }

    /// Fails unless every id answers a prompt of `set`.
    pub fn all_in(&self, set: &PromptSet) -> Result<()> {
        if let Some(unknown) = self.ids().find(|id| set.prompt(id).is_none()) {
            let ids: Vec<&str> = set.prompts.iter().map(|prompt| prompt.id.as_str()).collect();
            bail!((lang::interface().errors().no_such_prompt)(&self.origin, &set.id, unknown, &ids.join(", ")));
        }
        Ok(())
    }

    /// Fails when the file answers a prompt the session did not ask.
    pub fn all_asked(&self, session: &Session) -> Result<()> {
        for id in self.ids() {
            let Some(prompt) = session.set().prompt(id) else { continue };
            if session.applies(prompt) {
                continue;
            }
            if let Some(earlier) = session.asked_instead(prompt) {
                bail!((lang::interface().errors().asked_as)(&self.origin, id, &earlier.id));
            }
            if let Some(when) = &prompt.when {
                let on_answer = matches!(when, When::Answer { .. });
                let not_asked = lang::interface().errors().not_asked;
                bail!(not_asked(&self.origin, id, &when.to_string(), on_answer));
            }
        }
        Ok(())
    }
}

impl AnswerSource for AnswersFile {
    fn answer(&mut self, session: &Session, prompt: &Prompt) -> Result<Reply> {
        if prompt.required && !self.values.contains_key(&prompt.id) {
            bail!((lang::interface().errors().required_unanswered)(&self.origin, &prompt.id));
        }
        self.answer_to(prompt, session.lang()).map(Reply::Answer)
    }

    fn refused(&mut self, problem: anyhow::Error) -> Result<()> {
        Err(problem.context(self.origin.clone()))
    }
}

/// An answer from a TOML value. An option may be given by its id or by its
/// label in any language.
fn from_toml(prompt: &Prompt, value: &toml::Value, lang: Lang) -> Result<Option<Answer>, String> {
    let words = lang::interface().errors();
    let option = |text: &str| {
        let options = prompt.kind.options();
        options
            .iter()
            .find(|option| {
                option.id == text || option.label.versions().iter().any(|label| label.eq_ignore_ascii_case(text))
            })
            .map_or_else(|| Picked { id: Some(text.to_owned()), label: text.to_owned() }, |o| Picked::of(o, lang))
    };
    let answer = match (&prompt.kind, value) {
        (Kind::Text | Kind::Long, toml::Value::String(s)) if s.trim().is_empty() => return Ok(None),
        (Kind::Text | Kind::Long, toml::Value::String(s)) => Answer::Text(s.clone()),
        (Kind::Scale { .. }, toml::Value::Integer(n)) => Answer::Number(*n),
        (Kind::Confirm, toml::Value::Boolean(b)) => Answer::Bool(*b),
        (Kind::Choice(_), toml::Value::String(s)) => Answer::Choice(option(s)),
        (Kind::Multi(_), toml::Value::Array(items)) => {
            let picked: Option<Vec<Picked>> = items.iter().map(|item| item.as_str().map(option)).collect();
            Answer::Multi(picked.ok_or_else(|| (words.multi_takes)(&takes(&prompt.kind, words)))?)
        }
        (kind, _) => {
            return Err((words.kind_takes)(kind.name(), &takes(kind, words), (words.toml_type)(value.type_str())));
        }
    };
    check(prompt, Some(&answer))?;
    Ok(Some(answer))
}

/// What a prompt of `kind` takes in an answers file.
pub fn takes(kind: &Kind, words: &ErrorWords) -> String {
    match kind {
        Kind::Text | Kind::Long => words.takes_text.to_owned(),
        Kind::Scale { min, max, .. } => (words.takes_scale)(*min, *max),
        Kind::Choice(_) => words.takes_choice.to_owned(),
        Kind::Multi(_) => words.takes_multi.to_owned(),
        Kind::Confirm => words.takes_confirm.to_owned(),
    }
}

/// Answers as an answers file that `read` takes back: options by their id,
/// or by their label where an older entry kept no id.
pub fn write(answers: &[(String, Option<Answer>)]) -> String {
    let picked = |picked: &Picked| toml::Value::String(picked.key().to_owned());
    let mut table = toml::Table::new();
    for (id, answer) in answers {
        let value = match answer {
            Some(Answer::Text(text)) => toml::Value::String(text.clone()),
            Some(Answer::Number(n)) => toml::Value::Integer(*n),
            Some(Answer::Bool(b)) => toml::Value::Boolean(*b),
            Some(Answer::Choice(one)) => picked(one),
            Some(Answer::Multi(many)) => toml::Value::Array(many.iter().map(picked).collect()),
            None => continue,
        };
        table.insert(id.clone(), value);
    }
    toml::to_string(&table).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt_set::parse;

    const SET: &str = r#"
id = "t"
version = 1
title = "T"
description = "D"

[[prompts]]
id = "who"
kind = "text"
ask = "Who?"

[[prompts]]
id = "story"
kind = "long"
ask = "What happened?"

[[prompts]]
id = "calm"
kind = "scale"
min = 1
max = 10
ask = "How calm?"

[[prompts]]
id = "open"
kind = "confirm"
ask = "Open?"

[[prompts]]
id = "mood"
kind = "choice"
options = [{ id = "open", label = { en = "Open", nl = "Open" } }, { id = "tense", label = { en = "Tense", nl = "Gespannen" } }]
ask = "Mood?"

[[prompts]]
id = "helps"
kind = "multi"
options = [{ id = "silence", label = { en = "Silence", nl = "Stilte" } }, { id = "time", label = { en = "Time", nl = "Tijd" } }]
ask = "What helps?"
"#;

    fn read(src: &str) -> AnswersFile {
        let file = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(file.path(), src).unwrap();
        AnswersFile::read(file.path()).unwrap()
    }

    #[test]
    fn every_kind_of_answer_reads_back_as_written() {
        let set = parse(SET, "t.toml").unwrap();
        let pick = |id: &str, label: &str| Picked { id: Some(id.into()), label: label.into() };
        let answers = vec![
            ("who".to_owned(), Some(Answer::Text("Anna \"the boss\" = 1".into()))),
            ("story".to_owned(), Some(Answer::Text("first line\n\nthird line".into()))),
            ("calm".to_owned(), Some(Answer::Number(7))),
            ("open".to_owned(), Some(Answer::Bool(false))),
            ("mood".to_owned(), Some(Answer::Choice(pick("tense", "Gespannen")))),
            ("helps".to_owned(), Some(Answer::Multi(vec![pick("silence", "Stilte"), pick("time", "Tijd")]))),
        ];
        let file = read(&write(&answers));
        for (id, answer) in answers {
            let prompt = set.prompt(&id).unwrap();
            assert_eq!(file.answer_to(prompt, Lang::Nl).unwrap(), answer, "{id}");
        }
    }

    #[test]
    fn an_option_is_taken_by_its_id_or_its_label_in_any_language() {
        let set = parse(SET, "t.toml").unwrap();
        let file = read("mood = \"gespannen\"\nhelps = [\"time\", \"Silence\"]\n");
        let mood = file.answer_to(set.prompt("mood").unwrap(), Lang::En).unwrap();
        assert_eq!(mood, Some(Answer::Choice(Picked { id: Some("tense".into()), label: "Tense".into() })));
        let helps = file.answer_to(set.prompt("helps").unwrap(), Lang::En).unwrap().unwrap();
        assert_eq!(helps.show(None, Lang::En), "Time, Silence");
    }

    #[test]
    fn a_wrong_value_names_the_file_the_prompt_and_what_it_takes() {
        let set = parse(SET, "t.toml").unwrap();
        let file = read("calm = \"7\"\n");
        let err = file.answer_to(set.prompt("calm").unwrap(), Lang::En).unwrap_err().to_string();
        assert!(
            err.ends_with("answer to 'calm': a scale prompt takes a whole number from 1 to 10, not string"),
            "{err}"
        );
    }
}
