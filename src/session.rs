//! A reflection in progress: which prompt comes next, which prompts a `when`
//! leaves out, questions with their `{placeholders}` filled, and the checks
//! an answer must pass. The terminal and an answers file feed it the same way.

use std::collections::{HashMap, HashSet};

use anyhow::{Result, bail};
use unicode_segmentation::UnicodeSegmentation;

use crate::answer::{Answer, Picked};
use crate::journal::Recorded;
use crate::lang::Lang;
use crate::limits;
use crate::prompt_set::{Kind, Prompt, PromptSet, When, fill_placeholders};

/// Where answers come from: the person at a terminal, or a file.
pub trait AnswerSource {
    /// What the person says to `prompt`.
    fn answer(&mut self, session: &Session, prompt: &Prompt) -> Result<Reply>;

    /// The session did not take the last answer, for `problem`: a source
    /// that can ask again says so and returns, and the prompt comes again.
    fn refused(&mut self, problem: anyhow::Error) -> Result<()> {
        Err(problem)
    }
}

/// What is said to a prompt: an answer (`None` leaves an optional prompt
/// blank), or a wish to go back to the question before.
#[derive(Debug, PartialEq)]
pub enum Reply {
    Answer(Option<Answer>),
    Back,
}

/// One guided reflection through a prompt set.
pub struct Session<'s> {
    set: &'s PromptSet,
    lang: Lang,
    /// What each prompt got so far; `None` is an optional prompt left blank.
    given: HashMap<String, Option<Answer>>,
    /// Where each prompt is in the set, so that a set of thousands of
    /// prompts still takes time in proportion to its size.
    places: HashMap<&'s str, usize>,
    /// The person of the conversation this reflection looks back on.
    carried: Option<String>,
    /// The sets of the reflections this one looks back on.
    follows: Vec<String>,
    /// Where the person went back to: the prompts from there on are asked
    /// again, their answers filled in, until one without an answer.
    revisiting: Option<usize>,
}

impl<'s> Session<'s> {
    pub fn new(set: &'s PromptSet, lang: Lang) -> Self {
        let places = set.prompts.iter().enumerate().rev().map(|(at, prompt)| (prompt.id.as_str(), at)).collect();
        Session { set, lang, given: HashMap::new(), places, carried: None, follows: Vec::new(), revisiting: None }
    }

    fn prompt(&self, id: &str) -> Option<&'s Prompt> {
        self.places.get(id).map(|&at| &self.set.prompts[at])
    }

    /// Whether each prompt is asked, given the answers so far, in the set's
    /// order: one pass, since a `when` names an earlier prompt.
    fn asked_mask(&self) -> Vec<bool> {
        self.mask_knowing(self.set.prompts.len())
    }

    /// Whether each prompt is asked, knowing only the answers to the first
    /// `known` prompts of the set. A prompt whose `compare` word an earlier
    /// prompt asked already has is left out: a look-back on two sets that
    /// both prepared the desire asks about it once.
    fn mask_knowing(&self, known: usize) -> Vec<bool> {
        let mut mask: Vec<bool> = Vec::with_capacity(self.set.prompts.len());
        let mut compared: HashSet<&str> = HashSet::new();
        for prompt in &self.set.prompts {
            let word = prompt.compare.as_deref();
            let asked = word.is_none_or(|word| !compared.contains(word))
                && match &prompt.when {
                    None => true,
                    Some(When::Follows(set)) => self.follows.contains(set),
                    Some(When::Answer { prompt, equals }) => {
                        self.places.get(prompt.as_str()).is_some_and(|&at| at < known && mask.get(at) == Some(&true))
                            && matches!(self.answer(prompt), Some(answer) if answer.meets(equals))
                    }
                };
            if asked && let Some(word) = word {
                compared.insert(word);
            }
            mask.push(asked);
        }
        mask
    }

    pub fn set(&self) -> &'s PromptSet {
        self.set
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// A session that goes on from answers given before (a draft's); those
    /// that no longer fit the set are left out.
    pub fn resume(set: &'s PromptSet, lang: Lang, given: Vec<(String, Option<Answer>)>) -> Self {
        let mut session = Session::new(set, lang);
        for (id, answer) in given {
            if let Some(prompt) = session.prompt(&id) {
                let _ = session.give(prompt, answer);
            }
        }
        session
    }

    /// Every answer given so far, in the set's order, for a draft.
    pub fn given(&self) -> Vec<(String, Option<Answer>)> {
        let known = self.set.prompts.iter().filter_map(|p| self.given.get(&p.id).map(|a| (p.id.clone(), a.clone())));
        known.collect()
    }

    /// Asks `source` for every prompt still to answer, in order, and calls
    /// `after` once each answer is in.
    pub fn walk(&mut self, source: &mut dyn AnswerSource, mut after: impl FnMut(&Session)) -> Result<()> {
        while let Some(prompt) = self.next_prompt() {
            match source.answer(self, prompt)? {
                Reply::Back => self.go_back(prompt),
                Reply::Answer(answer) => match self.give(prompt, answer) {
                    Ok(()) => {
                        self.go_on_from(prompt);
                        after(self);
                    }
                    Err(problem) => source.refused(problem)?,
                },
            }
        }
        Ok(())
    }

    /// The prompt being asked again, or else the first prompt that applies
    /// and has no answer yet.
    pub fn next_prompt(&self) -> Option<&'s Prompt> {
        let mask = self.asked_mask();
        if let Some(at) = self.revisiting.filter(|&at| mask[at]) {
            return Some(&self.set.prompts[at]);
        }
        self.set
            .prompts
            .iter()
            .zip(mask)
            .find(|(prompt, asked)| *asked && !self.given.contains_key(&prompt.id))
            .map(|(p, _)| p)
    }

    /// The question asked before `prompt`: the last one before it that
    /// applies and was answered by the person (a person carried over from
    /// the conversation looked back on was not asked).
    pub fn previous(&self, prompt: &Prompt) -> Option<&'s Prompt> {
        let before = *self.places.get(prompt.id.as_str())?;
        let mask = self.asked_mask();
        let prompts = &self.set.prompts;
        let asked =
            |at: &usize| mask[*at] && self.given.contains_key(&prompts[*at].id) && !self.is_carried(&prompts[*at]);
        (0..before).rev().find(asked).map(|at| &prompts[at])
    }

    /// Goes back to the question before `prompt`, if there is one.
    pub fn go_back(&mut self, prompt: &Prompt) {
        if let Some(previous) = self.previous(prompt) {
            self.revisiting = self.places.get(previous.id.as_str()).copied();
        }
    }

    /// After `prompt` is answered again, the next question that applies is
    /// asked again too while it has an answer; once one has none, the
    /// reflection goes on as usual. A `when` follows the changed answer.
    fn go_on_from(&mut self, prompt: &Prompt) {
        let Some(at) = self.places.get(prompt.id.as_str()).copied().filter(|&at| self.revisiting == Some(at)) else {
            return;
        };
        let mask = self.asked_mask();
        let next = (at + 1..self.set.prompts.len()).find(|&n| mask[n] && !self.is_carried(&self.set.prompts[n]));
        self.revisiting = next.filter(|&n| self.given.contains_key(&self.set.prompts[n].id));
    }

    fn is_carried(&self, prompt: &Prompt) -> bool {
        prompt.person && self.carried.is_some()
    }

    /// Whether `prompt` is asked, given the answers so far.
    pub fn applies(&self, prompt: &Prompt) -> bool {
        self.places.get(prompt.id.as_str()).is_some_and(|&at| self.asked_mask()[at])
    }

    /// The earlier prompt asked that shares `prompt`'s `compare` word, for
    /// which `prompt` is left out.
    pub fn asked_instead(&self, prompt: &Prompt) -> Option<&'s Prompt> {
        let word = prompt.compare.as_deref()?;
        let mask = self.asked_mask();
        let at = *self.places.get(prompt.id.as_str())?;
        self.set.prompts[..at]
            .iter()
            .zip(&mask)
            .find(|(earlier, asked)| **asked && earlier.compare.as_deref() == Some(word))
            .map(|(earlier, _)| earlier)
    }

    /// Where `prompt` stands among the prompts that are, or may still be,
    /// asked: (3, 8). It is counted from the answers before it alone, so a
    /// question shows the same count when it is asked again (going back, or
    /// from the review) as when it was first asked: an answer given after it
    /// does not change it.
    pub fn progress(&self, prompt: &Prompt) -> (usize, usize) {
        let known = self.places.get(prompt.id.as_str()).copied().unwrap_or(self.set.prompts.len());
        let mask = self.mask_knowing(known);
        // A prompt may still come while the prompt its `when` waits for may still come and is not answered.
        let mut may: Vec<bool> = Vec::with_capacity(mask.len());
        for (at, p) in self.set.prompts.iter().enumerate() {
            let undecided = match &p.when {
                Some(When::Answer { prompt, .. }) => self.places.get(prompt.as_str()).is_some_and(|&target| {
                    may[target] && !(mask[target] && target < known && self.given.contains_key(prompt))
                }),
                _ => false,
            };
            may.push(mask[at] || undecided);
        }
        let ahead: Vec<&Prompt> = self.set.prompts.iter().zip(may).filter(|(_, may)| *may).map(|(p, _)| p).collect();
        let position = ahead.iter().position(|p| p.id == prompt.id).map_or(ahead.len(), |n| n + 1);
        (position, ahead.len())
    }

    /// The answer given to a prompt, if any.
    pub fn answer(&self, prompt_id: &str) -> Option<&Answer> {
        self.given.get(prompt_id).and_then(Option::as_ref)
    }

    /// Records an answer after checking it, its options labelled in the
    /// session's language; a changed answer may make other prompts apply
    /// (they come up next) or drop out (they are not saved). An answer that
    /// would make the entry larger than an entry may be is refused, and
    /// the answer given before stays.
    pub fn give(&mut self, prompt: &Prompt, answer: Option<Answer>) -> Result<()> {
        let answer = answer.map(|answer| answer.in_terms_of(prompt, self.lang));
        if let Err(message) = check(prompt, answer.as_ref()) {
            bail!((crate::lang::interface().errors().answer_of)(&prompt.id, &message));
        }
        let before = self.given.insert(prompt.id.clone(), answer);
        if let Err(too_large) = limits::entry_line(limits::json_length(&self.recorded())) {
            match before {
                Some(before) => self.given.insert(prompt.id.clone(), before),
                None => self.given.remove(&prompt.id),
            };
            bail!((crate::lang::interface().commands().answer_too_large)(&prompt.id, &too_large.to_string()));
        }
        Ok(())
    }

    /// The question as the person sees it, placeholders filled with earlier answers.
    pub fn question(&self, prompt: &Prompt) -> String {
        self.fill(prompt.ask.get(self.lang))
    }

    pub fn hint(&self, prompt: &Prompt) -> Option<String> {
        prompt.hint.as_ref().map(|hint| self.fill(hint.get(self.lang))).filter(|hint| !hint.is_empty())
    }

    /// The template with each placeholder filled with its answer, cut to
    /// what a placeholder may carry.
    fn fill(&self, template: &str) -> String {
        fill_placeholders(template, |id, starts_sentence| match (self.prompt(id), self.answer(id)) {
            (Some(prompt), Some(answer)) => {
                let shown = addressed(&self.show(prompt, answer), self.lang, starts_sentence);
                // Cut between graphemes: no half flag, no joiner left hanging.
                match shown.grapheme_indices(true).nth(limits::PLACEHOLDER) {
                    Some((cut, _)) => format!("{}…", shown[..cut].trim_end()),
                    None => shown,
                }
            }
            _ => "…".to_owned(),
        })
    }

    /// An answer in words: "7/10", "yes", an option's label.
    pub fn show(&self, prompt: &Prompt, answer: &Answer) -> String {
        answer.show(prompt.kind.range(), self.lang)
    }

    /// The prompts asked so far, in order, with what each got.
    pub fn asked(&self) -> Vec<(&'s Prompt, Option<&Answer>)> {
        let mask = self.asked_mask();
        self.set
            .prompts
            .iter()
            .zip(mask)
            .filter(|(prompt, asked)| *asked && self.given.contains_key(&prompt.id))
            .map(|(prompt, _)| (prompt, self.answer(&prompt.id)))
            .collect()
    }

    /// The reflection looks back on one of set `set`: the prompts for it
    /// apply, besides those for any other set it looks back on.
    pub fn look_back_on(&mut self, set: &str) {
        if !self.follows.iter().any(|known| known == set) {
            self.follows.push(set.to_owned());
        }
    }

    /// Carries over the person of the conversation this reflection looks
    /// back on: the entry records them, and the set's person prompt, if it
    /// has one and it is not answered yet, is answered with the name and
    /// not asked.
    pub fn carry_person(&mut self, name: String) {
        if let Some(prompt) = self.set.person_prompt()
            && !self.given.contains_key(&prompt.id)
        {
            let _ = self.give(prompt, Some(Answer::Text(name.clone())));
        }
        self.carried = Some(name);
    }

    /// The other person, as written in answer to the set's person prompt,
    /// or carried over from the conversation looked back on.
    pub fn person(&self) -> Option<String> {
        let answered = self.set.person_prompt().and_then(|prompt| self.answer(&prompt.id)?.as_name());
        answered.or_else(|| self.carried.clone())
    }

    /// The answers as the journal keeps them: every prompt asked and answered.
    pub fn recorded(&self) -> Vec<Recorded> {
        self.asked()
            .into_iter()
            .filter_map(|(prompt, answer)| {
                answer.map(|answer| Recorded {
                    prompt: prompt.id.clone(),
                    kind: prompt.kind.name().to_owned(),
                    question: self.question(prompt),
                    range: prompt.kind.range(),
                    answer: answer.clone(),
                })
            })
            .collect()
    }
}

/// An answer as it reads inside a question put to the person: a leading
/// "my"/"mijn" ("my manager") becomes "your"/"je", so that the question
/// does not mix "you" with the person's own "my"; with a capital only where
/// it starts a sentence, however it was typed. Inside a sentence, a leading
/// article typed with a capital ("De klant van project X") takes a small
/// one, unless a capital follows it, as in a name ("De Vries", "The Hague").
fn addressed(answer: &str, lang: Lang, starts_sentence: bool) -> String {
    let (mine, yours, articles): (_, _, &[&str]) = match lang {
        Lang::En => ("my ", "your ", &["The", "A", "An", "Our"]),
        Lang::Nl => ("mijn ", "je ", &["De", "Het", "Een", "Onze", "Ons"]),
    };
    if answer.get(..mine.len()).is_some_and(|head| head.eq_ignore_ascii_case(mine)) {
        let yours = if starts_sentence { yours[..1].to_uppercase() + &yours[1..] } else { yours.to_owned() };
        return yours + &answer[mine.len()..];
    }
    match answer.split_once(' ') {
        Some((article, rest))
            if !starts_sentence && articles.contains(&article) && rest.starts_with(char::is_lowercase) =>
        {
            article.to_lowercase() + " " + rest
        }
        _ => answer.to_owned(),
    }
}

/// Whether `answer` fits `prompt`: the right kind, in range, a real option,
/// and present when the prompt is required.
pub fn check(prompt: &Prompt, answer: Option<&Answer>) -> Result<(), String> {
    let words = crate::lang::interface().errors();
    let Some(answer) = answer else {
        return if prompt.required { Err(words.needs_answer.to_owned()) } else { Ok(()) };
    };
    let is_option =
        |picked: &Picked| picked.id.as_ref().is_some_and(|id| prompt.kind.options().iter().any(|o| &o.id == id));
    match (&prompt.kind, answer) {
        (Kind::Text | Kind::Long, Answer::Text(text)) if text.trim().is_empty() && prompt.required => {
            Err(words.needs_answer.to_owned())
        }
        (Kind::Text, Answer::Text(text)) if text.contains(['\n', '\r']) => Err(words.one_line.to_owned()),
        (Kind::Text | Kind::Long, Answer::Text(_)) | (Kind::Confirm, Answer::Bool(_)) => Ok(()),
        (Kind::Scale { min, max, .. }, Answer::Number(n)) if (min..=max).contains(&n) => Ok(()),
        (Kind::Scale { min, max, .. }, Answer::Number(n)) => Err((words.outside_scale)(*n, *min, *max)),
        (Kind::Choice(_), Answer::Choice(picked)) if is_option(picked) => Ok(()),
        (Kind::Multi(_), Answer::Multi(picked)) if picked.iter().all(is_option) => {
            if picked.is_empty() && prompt.required { Err(words.choose_one.to_owned()) } else { Ok(()) }
        }
        (Kind::Choice(_), Answer::Choice(_)) | (Kind::Multi(_), Answer::Multi(_)) => {
            Err((words.not_an_option)(bad_option(prompt, answer), &option_list(prompt)))
        }
        (kind, _) => Err((words.kind_takes_only)(kind.name(), &crate::answers_file::takes(kind, words))),
    }
}

fn bad_option<'a>(prompt: &Prompt, answer: &'a Answer) -> &'a str {
    let is_option = |picked: &&Picked| picked.option_in(prompt.kind.options()).is_some();
    match answer {
        Answer::Choice(picked) => picked.key(),
        Answer::Multi(picked) => picked.iter().find(|p| !is_option(p)).map_or("", Picked::key),
        _ => "",
    }
}

fn option_list(prompt: &Prompt) -> String {
    let ids: Vec<String> = prompt.kind.options().iter().map(|option| format!("'{}'", option.id)).collect();
    ids.join(", ")
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
id = "counterpart"
kind = "text"
ask = { en = "Who?", nl = "Wie?" }

[[prompts]]
id = "has-request"
kind = "confirm"
ask = { en = "Does {counterpart} want something?", nl = "Wil {counterpart} iets?" }

[[prompts]]
id = "request"
kind = "long"
ask = { en = "What does {counterpart} ask?", nl = "Wat vraagt {counterpart}?" }
when = { prompt = "has-request", equals = true }

[[prompts]]
id = "calm"
kind = "scale"
min = 1
max = 10
ask = { en = "How calm?", nl = "Hoe kalm?" }

[[prompts]]
id = "mood"
kind = "choice"
options = [{ id = "open", label = { en = "Open", nl = "Open" } }, { id = "tense", label = { en = "Tense", nl = "Gespannen" } }]
ask = { en = "Mood?", nl = "Stemming?" }
required = false
"#;

    fn set() -> PromptSet {
        parse(SET, "t.toml").unwrap()
    }

    #[test]
    fn placeholders_take_earlier_answers() {
        let set = set();
        let mut session = Session::new(&set, Lang::Nl);
        session.give(&set.prompts[0], Some(Answer::Text("Anna".into()))).unwrap();
        assert_eq!(session.question(&set.prompts[1]), "Wil Anna iets?");
    }

    #[test]
    fn a_person_named_with_my_is_yours_in_the_question() {
        let set = set();
        for (lang, typed, asked) in [
            (Lang::Nl, "mijn leidinggevende", "Wil je leidinggevende iets?"),
            (Lang::Nl, "Mijn leidinggevende", "Wil je leidinggevende iets?"),
            (Lang::Nl, "mijnheer Jansen", "Wil mijnheer Jansen iets?"),
            (Lang::En, "my manager", "Does your manager want something?"),
            (Lang::En, "My manager", "Does your manager want something?"),
            (Lang::En, "Myra", "Does Myra want something?"),
        ] {
            let mut session = Session::new(&set, lang);
            session.give(&set.prompts[0], Some(Answer::Text(typed.into()))).unwrap();
            assert_eq!(session.question(&set.prompts[1]), asked);
            assert_eq!(session.answer(&set.prompts[0].id), Some(&Answer::Text(typed.into())), "kept as typed");
        }
        assert_eq!(addressed("MY manager", Lang::En, true), "Your manager");
        assert_eq!(addressed("my manager", Lang::En, true), "Your manager");
        assert_eq!(addressed("Mijn leidinggevende", Lang::Nl, false), "je leidinggevende");
        assert_eq!(addressed("my", Lang::En, false), "my");
        assert_eq!(addressed("mé", Lang::Nl, false), "mé");
    }

    #[test]
    fn an_article_typed_with_a_capital_is_small_inside_a_sentence() {
        let set = set();
        for (lang, typed, asked) in [
            (Lang::Nl, "De klant van project X", "Wil de klant van project X iets?"),
            (Lang::Nl, "Het team", "Wil het team iets?"),
            (Lang::Nl, "De Vries", "Wil De Vries iets?"),
            (Lang::Nl, "Dees", "Wil Dees iets?"),
            (Lang::En, "The client on project X", "Does the client on project X want something?"),
            (Lang::En, "The Hague office", "Does The Hague office want something?"),
            (Lang::En, "An old friend", "Does an old friend want something?"),
        ] {
            let mut session = Session::new(&set, lang);
            session.give(&set.prompts[0], Some(Answer::Text(typed.into()))).unwrap();
            assert_eq!(session.question(&set.prompts[1]), asked);
        }
        assert_eq!(addressed("De klant", Lang::Nl, true), "De klant");
    }

    #[test]
    fn a_placeholder_without_an_answer_shows_an_ellipsis() {
        let set = set();
        let session = Session::new(&set, Lang::En);
        assert_eq!(session.question(&set.prompts[1]), "Does … want something?");
    }

    #[test]
    fn a_placeholder_carries_a_long_answer_cut() {
        let set = set();
        let mut session = Session::new(&set, Lang::En);
        session.give(&set.prompts[0], Some(Answer::Text("x".repeat(5000)))).unwrap();
        let carried = "x".repeat(limits::PLACEHOLDER);
        assert_eq!(session.question(&set.prompts[1]), format!("Does {carried}… want something?"));
    }

    #[test]
    fn an_answer_that_makes_the_entry_too_large_is_refused_and_the_one_before_stays() {
        let set = set();
        let mut session = Session::new(&set, Lang::En);
        session.give(&set.prompts[0], Some(Answer::Text("Anna".into()))).unwrap();
        session.give(&set.prompts[1], Some(Answer::Bool(true))).unwrap();
        // Each control character takes six bytes in the journal.
        let huge = Answer::Text("\u{1}".repeat(limits::ENTRY / 5));
        let err = session.give(&set.prompts[2], Some(huge.clone())).unwrap_err().to_string();
        assert!(err.starts_with("answer to 'request': with this answer the entry would take 4.8 MB"), "{err}");
        assert_eq!(session.answer("request"), None);
        assert_eq!(session.next_prompt().unwrap().id, "request");
        session.give(&set.prompts[2], Some(Answer::Text("more time".into()))).unwrap();
        assert!(session.give(&set.prompts[2], Some(huge)).is_err());
        assert_eq!(session.answer("request"), Some(&Answer::Text("more time".into())));
    }

    #[test]
    fn when_skips_a_prompt_until_its_condition_holds() {
        let set = set();
        let mut session = Session::new(&set, Lang::En);
        session.give(&set.prompts[0], Some(Answer::Text("Anna".into()))).unwrap();
        session.give(&set.prompts[1], Some(Answer::Bool(false))).unwrap();
        assert_eq!(session.next_prompt().unwrap().id, "calm");
        session.give(&set.prompts[1], Some(Answer::Bool(true))).unwrap();
        assert_eq!(session.next_prompt().unwrap().id, "request");
    }

    #[test]
    fn a_prompt_dropped_by_a_changed_answer_is_not_recorded() {
        let set = set();
        let mut session = Session::new(&set, Lang::En);
        session.give(&set.prompts[0], Some(Answer::Text("Anna".into()))).unwrap();
        session.give(&set.prompts[1], Some(Answer::Bool(true))).unwrap();
        session.give(&set.prompts[2], Some(Answer::Text("more time".into()))).unwrap();
        session.give(&set.prompts[1], Some(Answer::Bool(false))).unwrap();
        let ids: Vec<String> = session.recorded().into_iter().map(|r| r.prompt).collect();
        assert_eq!(ids, ["counterpart", "has-request"]);
    }

    #[test]
    fn progress_counts_prompts_that_may_still_come() {
        let set = set();
        let mut session = Session::new(&set, Lang::En);
        assert_eq!(session.progress(&set.prompts[0]), (1, 5));
        session.give(&set.prompts[0], Some(Answer::Text("Anna".into()))).unwrap();
        session.give(&set.prompts[1], Some(Answer::Bool(false))).unwrap();
        assert_eq!(session.progress(&set.prompts[3]), (3, 4));
    }

    /// Replies given in order; the prompts they were given to.
    struct Script(Vec<Reply>, Vec<String>);

    impl AnswerSource for Script {
        fn answer(&mut self, session: &Session, prompt: &Prompt) -> Result<Reply> {
            self.1.push(format!("{}: {}", prompt.id, session.question(prompt)));
            Ok(self.0.remove(0))
        }
    }

    #[test]
    fn going_back_asks_again_with_the_answer_kept_and_a_when_follows_the_change() {
        let set = set();
        let text = |t: &str| Reply::Answer(Some(Answer::Text(t.into())));
        let yes_no = |b: bool| Reply::Answer(Some(Answer::Bool(b)));
        let replies = vec![
            Reply::Back, // the first question has none before it
            text("Anna"),
            yes_no(false),
            Reply::Back, // at calm, back to has-request
            Reply::Back, // and to counterpart
            text("Bob"),
            yes_no(true), // has-request, asked again on the way forward
            text("more time"),
            Reply::Answer(Some(Answer::Number(5))),
            Reply::Answer(None),
        ];
        let mut script = Script(replies, Vec::new());
        let mut session = Session::new(&set, Lang::En);
        session.walk(&mut script, |_| {}).unwrap();
        assert_eq!(
            script.1,
            [
                "counterpart: Who?",
                "counterpart: Who?",
                "has-request: Does Anna want something?",
                "calm: How calm?",
                "has-request: Does Anna want something?",
                "counterpart: Who?",
                "has-request: Does Bob want something?",
                "request: What does Bob ask?",
                "calm: How calm?",
                "mood: Mood?",
            ]
        );
        let ids: Vec<String> = session.recorded().into_iter().map(|r| r.prompt).collect();
        assert_eq!(ids, ["counterpart", "has-request", "request", "calm"]);
        assert_eq!(session.answer("counterpart"), Some(&Answer::Text("Bob".into())));
    }

    #[test]
    fn progress_counts_from_the_answers_before_the_question_alone() {
        let set = set();
        let mut session = Session::new(&set, Lang::En);
        session.give(&set.prompts[0], Some(Answer::Text("Anna".into()))).unwrap();
        assert_eq!(session.progress(&set.prompts[1]), (2, 5));
        session.give(&set.prompts[1], Some(Answer::Bool(false))).unwrap();
        session.give(&set.prompts[3], Some(Answer::Number(5))).unwrap();
        // Asked again, the yes/no counts as it did before it was answered.
        assert_eq!(session.progress(&set.prompts[1]), (2, 5));
        assert_eq!(session.progress(&set.prompts[0]), (1, 5));
        assert_eq!(session.progress(&set.prompts[3]), (3, 4));
    }

    #[test]
    fn progress_leaves_out_a_prompt_whose_when_waits_for_one_never_asked() {
        let set = parse(
            &SET.replace(
                "[[prompts]]\nid = \"has-request\"",
                "[[prompts]]\nid = \"has-request\"\nwhen = { follows = \"x\" }",
            ),
            "t.toml",
        )
        .unwrap();
        let mut session = Session::new(&set, Lang::En);
        session.give(&set.prompts[0], Some(Answer::Text("Anna".into()))).unwrap();
        // has-request waits for a look-back on 'x', and request for has-request: neither comes.
        assert_eq!(session.next_prompt().unwrap().id, "calm");
        assert_eq!(session.progress(&set.prompts[3]), (2, 3));
    }

    #[test]
    fn a_prompt_is_left_out_when_an_earlier_one_asked_has_its_compare_word() {
        // has-request and request both ask about the desire: request, after it, is not asked.
        let set = parse(
            &SET.replace(
                "[[prompts]]\nid = \"has-request\"",
                "[[prompts]]\nid = \"has-request\"\ncompare = \"desire\"",
            )
            .replace("[[prompts]]\nid = \"request\"", "[[prompts]]\nid = \"request\"\ncompare = \"desire\""),
            "t.toml",
        )
        .unwrap();
        let mut session = Session::new(&set, Lang::En);
        session.give(&set.prompts[0], Some(Answer::Text("Anna".into()))).unwrap();
        session.give(&set.prompts[1], Some(Answer::Bool(true))).unwrap();
        assert_eq!(session.next_prompt().unwrap().id, "calm");
        assert!(!session.applies(&set.prompts[2]));
    }

    #[test]
    fn checks_name_what_is_wrong() {
        let set = set();
        let calm = &set.prompts[3];
        assert_eq!(check(calm, Some(&Answer::Number(11))).unwrap_err(), "11 is outside the scale 1 to 10");
        let mood = &set.prompts[4];
        let sad = Picked { id: Some("sad".into()), label: "Sad".into() };
        assert_eq!(
            check(mood, Some(&Answer::Choice(sad))).unwrap_err(),
            "'sad' is not an option; the options are 'open', 'tense'"
        );
        assert!(check(mood, None).is_ok());
        assert_eq!(
            check(&set.prompts[0], Some(&Answer::Text("  ".into()))).unwrap_err(),
            "this prompt needs an answer"
        );
    }

    #[test]
    fn choices_are_recorded_by_id_with_the_label_of_the_sessions_language() {
        let set = set();
        let tense = |label: &str| Answer::Choice(Picked { id: Some("tense".into()), label: label.into() });
        for (lang, label) in [(Lang::Nl, "Gespannen"), (Lang::En, "Tense")] {
            let mut session = Session::new(&set, lang);
            session.give(&set.prompts[4], Some(tense("whatever it was shown as"))).unwrap();
            assert_eq!(session.recorded()[0].answer, tense(label));
        }
    }

    #[test]
    fn a_label_of_an_older_entry_finds_its_option_in_any_language() {
        let set = set();
        let older = Answer::Choice(Picked::label("Gespannen"));
        let found = older.in_terms_of(&set.prompts[4], Lang::En);
        assert_eq!(found, Answer::Choice(Picked { id: Some("tense".into()), label: "Tense".into() }));
        let gone = Answer::Choice(Picked::label("Somber"));
        assert_eq!(gone.in_terms_of(&set.prompts[4], Lang::En), gone);
    }
}
