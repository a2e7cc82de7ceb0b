//! `bezin sets`: listing, showing and validating prompt sets, and every built-in set read down each
//! branch with each way of naming the person.

mod common;

use common::answers::{Answering, BUILT_IN, Planned, built_in, followed, plan, plan_with};
use common::{Home, text};
use predicates::prelude::*;

#[test]
fn sets_lists_every_built_in_set_with_its_prompt_count() {
    let home = Home::new();
    let out = text(&home.run(&["sets"]).success().get_output().stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("ID"), "{out}");
    assert_eq!(lines.len(), 8, "{out}");
    assert!(out.contains("five-tips                  Five tips before you answer      11       built-in"), "{out}");
    assert!(out.contains("after-the-conversation"), "{out}");
}

#[test]
fn sets_show_prints_the_prompts_in_the_chosen_language() {
    let home = Home::new();
    home.run(&["sets", "show", "five-tips", "--lang", "nl"])
        .success()
        .stdout(predicate::str::contains("Vijf tips voordat je antwoordt (five-tips, versie 4)"))
        .stdout(predicate::str::contains("5. Aan welk kader houd je je het meest vast"))
        .stdout(predicate::str::contains("   - gebrek aan tijd [time]"))
        .stdout(predicate::str::contains("alleen als open = nee"))
        .stdout(predicate::str::contains("Na het gesprek: bezin run after-the-conversation"))
        .stdout(predicate::str::contains("[counterpart: tekst, de persoon]"));
    home.run(&["sets", "show", "five-tips"])
        .success()
        .stdout(predicate::str::contains("1. Who wants something from you?  [counterpart: text, the person]"))
        .stdout(predicate::str::contains("[desire: long, compared as desire, recalled]"));
    home.run(&["sets", "show", "after-the-conversation", "--lang", "nl"])
        .success()
        .stdout(predicate::str::contains("alleen als je terugkijkt op five-tips"));
}

#[test]
fn the_language_follows_lang_when_no_flag_is_given() {
    let home = Home::new();
    home.command()
        .env("LANG", "nl_NL.UTF-8")
        .args(["sets", "show", "why-and-for-whom"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Waarom en voor wie"));
}

#[test]
fn an_unknown_set_suggests_a_near_one() {
    let home = Home::new();
    home.run(&["sets", "show", "five-tip"])
        .code(2)
        .stderr("bezin: unknown prompt set 'five-tip'; did you mean 'five-tips'? (bezin sets lists them)\n");
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    let home = Home::new();
    home.run(&["sets", "show", "five-tips", "--lang", "de"])
        .code(2)
        .stderr(predicate::str::contains("unknown language 'de'; bezin speaks en, nl"));
}

#[test]
fn validate_accepts_every_built_in_set() {
    let home = Home::new();
    let files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/prompts"))
        .unwrap()
        .map(|entry| entry.unwrap().path().display().to_string())
        .collect();
    assert_eq!(files.len(), 7);
    let mut args = vec!["sets", "validate"];
    args.extend(files.iter().map(String::as_str));
    let out = text(&home.run(&args).success().get_output().stdout);
    assert_eq!(out.lines().filter(|line| line.contains(": ok, set '")).count(), 7, "{out}");
}

#[test]
fn validate_names_every_problem_with_its_line_and_exits_1() {
    let home = Home::new();
    let broken = home.write(
        "broken.toml",
        r#"id = "broken"
version = 1
title = { en = "Broken", nl = "Stuk" }
description = "A set with mistakes"

[[prompts]]
id = "calm"
kind = "scale"
min = 10
max = 1
ask = { en = "How calm?" }

[[prompts]]
id = "calm"
kind = "poem"
ask = "Again {later}?"

[[prompts]]
id = "later"
kind = "choice"
options = []
ask = "Which?"
"#,
    );
    let path = broken.display().to_string();
    let out = text(&home.run(&["sets", "validate", &path]).code(1).get_output().stdout);
    let expected = [
        format!("{path}:9:7: scale min (10) must be less than max (1)"),
        format!("{path}:11:7: this string has no nl text, which other strings in this set have"),
        format!("{path}:14:6: duplicate prompt id 'calm' (prompt 1 has it too)"),
        format!("{path}:15:8: unknown kind 'poem'; expected one of text, long, scale, choice, multi, confirm"),
        format!("{path}:16:7: placeholder 'later' names a later prompt; it can only name an earlier one"),
        format!("{path}:21:11: options must not be empty"),
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
    // The same problems, said in Dutch; the set's own keys stay as they are written.
    let out = text(&home.run(&["--lang", "nl", "sets", "validate", &path]).code(1).get_output().stdout);
    let expected = [
        format!("{path}:9:7: min van de schaal (10) moet kleiner zijn dan max (1)"),
        format!("{path}:11:7: deze tekst heeft geen nl-versie, die andere teksten van deze set wel hebben"),
        format!("{path}:14:6: de vraag-id 'calm' komt twee keer voor (vraag 1 heeft hem ook)"),
        format!("{path}:15:8: kind 'poem' is onbekend; verwacht een van text, long, scale, choice, multi, confirm"),
        format!("{path}:16:7: placeholder 'later' noemt een latere vraag; het kan alleen een eerdere noemen"),
        format!("{path}:21:11: options mag niet leeg zijn"),
    ];
    assert_eq!(out.lines().collect::<Vec<_>>(), expected);
}

#[test]
fn validate_reports_a_syntax_error_in_one_line_with_its_position() {
    let home = Home::new();
    let path = home.write("bad.toml", "id = \"x\"\nversion = 1\ntitle = \"unclosed\n").display().to_string();
    let out = text(&home.run(&["sets", "validate", &path]).code(1).get_output().stdout);
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(out.starts_with(&format!("{path}:3:")), "{out}");
}

#[test]
fn a_user_set_replaces_the_built_in_set_of_the_same_id() {
    let home = Home::new();
    home.write(
        "prompts/five-tips.toml",
        "id = \"five-tips\"\nversion = 2\ntitle = \"My own tips\"\ndescription = \"Mine\"\n\n\
         [[prompts]]\nid = \"only\"\nkind = \"text\"\nask = \"Only question?\"\n",
    );
    let out = text(&home.run(&["sets"]).success().get_output().stdout);
    let line = out.lines().find(|line| line.starts_with("five-tips")).unwrap();
    assert!(line.contains("My own tips"), "{line}");
    assert!(line.contains("1 "), "{line}");
    assert!(line.ends_with("prompts/five-tips.toml (replaces the built-in set)"), "{line}");
}

#[test]
fn sets_from_a_prompts_folder_are_listed_and_broken_ones_are_reported() {
    let home = Home::new();
    home.write("extra/mine.toml", "id = \"mine\"\nversion = 1\ntitle = \"Mine\"\ndescription = \"D\"\n\n[[prompts]]\nid = \"a\"\nkind = \"confirm\"\nask = \"Ready?\"\n");
    home.write("extra/broken.toml", "id = \"broken\"\n");
    let extra = home.path().join("extra").display().to_string();
    home.run(&["sets", "--prompts", &extra])
        .success()
        .stdout(predicate::str::contains("mine "))
        .stderr(predicate::str::contains("broken.toml:1:1: missing field `version` here"));
    home.run(&["sets", "--prompts", "/no/such/folder"])
        .code(2)
        .stderr("bezin: the prompt folder /no/such/folder does not exist\n");
}

#[test]
fn the_example_in_the_format_docs_is_a_valid_set() {
    let docs = include_str!("../docs/prompt-sets.md");
    let start = docs.find("## A complete example").unwrap();
    let block = docs[start..].split("```toml\n").nth(1).unwrap().split("```").next().unwrap();
    let home = Home::new();
    let path = home.write("sets/example.toml", block).display().to_string();
    home.run(&["sets", "validate", &path])
        .success()
        .stdout(format!("{path}: ok, set 'hard-feedback' with 7 prompts\n"));
    let answers =
        docs.split("## Answers files").nth(1).unwrap().split("```toml\n").nth(1).unwrap().split("```").next().unwrap();
    let extra = home.path().join("sets").display().to_string();
    home.write("answers.toml", answers);
    home.run(&[
        "run",
        "hard-feedback",
        "--prompts",
        &extra,
        "--answers",
        home.path().join("answers.toml").to_str().unwrap(),
    ])
    .success();
}

/// How a person may be named, as the hint of a set's person prompt invites:
/// a name, a role and a description, in each language.
const NAMES: [(&str, [&str; 3]); 2] = [
    ("en", ["Anna", "my manager", "the client on project X"]),
    ("nl", ["Anna", "mijn leidinggevende", "de klant van project X"]),
];

/// What reads badly in a question or hint as shown, `person` being how the
/// person was named: a placeholder left; a word said twice in a sentence
/// ("met met", but not the Dutch reflexive "houd je je vast"); "my" beside
/// "you" ("my manager" is shown as "your manager"); and around the person, a
/// sentence that starts in lowercase, an article or possessive before them,
/// or an "'s" after them.
fn reads_badly(text: &str, person: &str, lang: &str) -> Option<&'static str> {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
    };
    if text.contains(['{', '}', '…']) {
        return Some("a placeholder is left");
    }
    let twice = |sentence: &str| words(sentence).windows(2).any(|pair| pair[0] == pair[1] && pair[0] != "je");
    if text.split(['.', '?', '!']).any(twice) {
        return Some("a word is said twice");
    }
    let you: &[&str] = if lang == "nl" {
        &["je", "jij", "jou", "jouw", "jezelf", "jullie", "u", "uw"]
    } else {
        &["you", "your", "yourself"]
    };
    let said = words(text);
    if said.iter().any(|word| ["my", "mijn"].contains(&word.as_str()))
        && said.iter().any(|word| you.contains(&word.as_str()))
    {
        return Some("'you' and 'my' in one text");
    }
    let person = person.replacen("my ", "your ", 1).replacen("mijn ", "je ", 1);
    let person = person.as_str();
    for (at, _) in text.match_indices(person) {
        let before = text[..at].trim_end();
        if before.is_empty() || before.ends_with(['.', '?', '!']) {
            return Some("a sentence starts with the person");
        }
        let word_before = words(before).pop().unwrap_or_default();
        if ["de", "het", "een", "the", "a", "an", "my", "mijn", "your", "je", "jouw"].contains(&word_before.as_str()) {
            return Some("an article or possessive comes before the person");
        }
        if text[at + person.len()..].starts_with(['\'', '’']) {
            return Some("the person is made possessive");
        }
    }
    None
}

/// Runs the built-in set `id` from an answers file as `how` says, after a
/// reflection of the set `how.follows` (saved first), and checks that each
/// answer is saved with the question planned.
fn run_as_planned(home: &Home, id: &str, how: &Answering) -> Planned {
    let planned = plan_with(&built_in(id), how);
    let earlier = how.follows.map(|earlier| {
        let answers = toml::to_string(&plan(&built_in(earlier), how.lang, how.yes, None).answers).unwrap();
        home.save(earlier, &answers, &["--lang", how.lang])
    });
    let file = home.write("run.toml", &toml::to_string(&planned.answers).unwrap());
    let mut args = vec!["run", id, "--lang", how.lang, "--answers", file.to_str().unwrap()];
    if let Some(earlier) = &earlier {
        args.extend(["--follows", earlier]);
    }
    home.run(&args).success();
    let saved = home.entries().pop().unwrap()["answers"].clone();
    assert_eq!(saved, serde_json::Value::Array(planned.records.clone()), "{id} ({}, {})", how.lang, how.yes);
    planned
}

/// Every built-in set, and after-the-conversation after each set it
/// follows, runs from an answers file in both languages down both branches
/// of every `when`, with a name, a role and a description as the person
/// (the ones its person prompt's hint offers): each question is saved as
/// planned, and no question or hint reads badly.
#[test]
fn every_question_of_every_branch_reads_well_with_a_name_a_role_or_a_description_for_the_person() {
    let home = Home::new();
    let mut runs: Vec<(&str, Option<&str>)> = BUILT_IN.iter().map(|id| (*id, None)).collect();
    runs.extend(followed().into_iter().map(|earlier| ("after-the-conversation", Some(earlier))));
    // For each set, the prompts each run asked.
    let mut asked: Vec<(&str, Vec<Vec<String>>)> = BUILT_IN.iter().map(|id| (*id, Vec::new())).collect();
    for (id, follows) in runs {
        let set = built_in(id);
        let person = set["prompts"].as_array().unwrap().iter().find(|prompt| prompt.get("person").is_some());
        let person_id = person.map(|prompt| prompt["id"].as_str().unwrap());
        for ((lang, names), yes) in NAMES.iter().flat_map(|names| [(names, true), (names, false)]) {
            if let Some(hint) = person.and_then(|prompt| prompt["hint"][*lang].as_str()) {
                assert!(names[1..].iter().all(|name| hint.contains(name)), "{id} ({lang}) offers them: {hint}");
            }
            for name in if person.is_some() { &names[..] } else { &names[..1] } {
                let planned =
                    run_as_planned(&home, id, &Answering { lang, follows, yes, flipped: &[], person: Some(name) });
                // The person prompt's own hint quotes the ways to name someone.
                let hints = planned.hints.iter().filter(|(prompt, _)| Some(prompt.as_str()) != person_id);
                let questions = planned.records.iter().map(|record| record["question"].as_str().unwrap());
                for text in questions.chain(hints.map(|(_, hint)| hint.as_str())) {
                    let bad = reads_badly(text, name, lang);
                    assert!(bad.is_none(), "{id} ({lang}) with '{name}': {}: {text}", bad.unwrap_or_default());
                }
                let runs = &mut asked.iter_mut().find(|(set, _)| *set == id).unwrap().1;
                runs.push(planned.asked().iter().map(|id| (*id).to_owned()).collect());
            }
        }
    }
    // Every prompt is asked in some run, and every prompt with a `when` is left out in another.
    for (id, runs) in asked {
        for prompt in built_in(id)["prompts"].as_array().unwrap() {
            let prompt_id = prompt["id"].as_str().unwrap().to_owned();
            assert!(runs.iter().any(|run| run.contains(&prompt_id)), "{id}: no run asks '{prompt_id}'");
            let left_out = runs.iter().any(|run| !run.contains(&prompt_id));
            assert!(prompt.get("when").is_none() || left_out, "{id}: every run asks '{prompt_id}'");
        }
    }
}

/// A scale the follow-up shows beside one of the set before it (the same
/// `compare` word) has the same range and the same end labels, so that the
/// two numbers mean the same.
#[test]
fn a_scale_shown_beside_one_of_the_set_before_has_its_range_and_labels() {
    let after = built_in("after-the-conversation");
    let scales = |set: &toml::Table| -> Vec<toml::Value> {
        set["prompts"].as_array().unwrap().iter().filter(|p| p["kind"].as_str() == Some("scale")).cloned().collect()
    };
    let mut compared = 0;
    for earlier in followed() {
        for before in scales(&built_in(earlier)) {
            let Some(word) = before.get("compare") else { continue };
            for now in scales(&after).iter().filter(|now| now.get("compare") == Some(word)) {
                for field in ["min", "max", "min_label", "max_label"] {
                    assert_eq!(before.get(field), now.get(field), "{earlier} '{}': {field}", before["id"]);
                }
                compared += 1;
            }
        }
    }
    assert!(compared > 0, "five-tips' calm is shown beside the calm after the conversation");
}

/// After desire-behind-the-request, the look-back asks whether the two of
/// you searched together before which longing was heard: the longing is
/// found by searching together, and only a search that happened is asked
/// about.
#[test]
fn the_look_back_asks_what_was_searched_together_before_the_longing_heard() {
    let after = built_in("after-the-conversation");
    let prompts = after["prompts"].as_array().unwrap();
    let at = |id: &str| prompts.iter().position(|p| p["id"].as_str() == Some(id)).unwrap();
    assert!(at("searched-together") < at("longing-heard"));
    assert_eq!(prompts[at("longing-heard")]["when"]["prompt"].as_str(), Some("searched-together"));
}
