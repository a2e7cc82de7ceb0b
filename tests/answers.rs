//! One answer from the question to the journal line: choices by option id
//! with their label (journal format 2), older journals of format 1, and what
//! ids make possible: counts across languages, `show --lang`, editing
//! answers whose set is gone.

mod common;

use common::{DOWN, ENTER, FIVE_TIPS, Home, at, spawn, text};
use serde_json::{Value, json};

/// A five-tips entry as bezin 0.1 wrote it (format 1): choices as labels.
fn format_one(id: &str, lang: &str, frame: &str, slow_down: &[&str]) -> Value {
    json!({
        "format": 1, "id": id, "set": "five-tips", "set_version": 1, "lang": lang,
        "started": "2025-03-01T09:00:00+01:00", "finished": "2025-03-01T09:10:00+01:00",
        "title": null, "tags": [], "follows": null,
        "answers": [
            {"prompt": "counterpart", "kind": "text", "question": "Who?", "answer": format!("Person of {id}")},
            {"prompt": "calm", "kind": "scale", "question": "How calm?", "range": [1, 10], "answer": 5},
            {"prompt": "frame", "kind": "choice", "question": "Which frame?", "answer": frame},
            {"prompt": "slow-down", "kind": "multi", "question": "How slow down?", "answer": slow_down},
            {"prompt": "open", "kind": "confirm", "question": "Open?", "answer": true}
        ]
    })
}

fn older_journal(home: &Home) {
    home.journal(&[
        format_one("older-en", "en", "lack of time", &["allow a silence"]),
        format_one("older-nl", "nl", "gebrek aan tijd", &["een stilte laten vallen", "samenvatten wat ik gehoord heb"]),
    ]);
}

/// How often each option of a prompt was picked, by id, from `stats --json`.
fn counts(home: &Home, prompt: &str) -> Vec<(String, String, u64)> {
    let stats: Value = serde_json::from_str(&home.stdout(&["stats", "--json"])).unwrap();
    let choices = stats["choices"].as_array().unwrap().iter().find(|c| c["prompt"] == prompt).unwrap().clone();
    let option = |o: &Value| {
        (
            o["id"].as_str().unwrap_or("-").to_owned(),
            o["label"].as_str().unwrap().to_owned(),
            o["count"].as_u64().unwrap(),
        )
    };
    choices["options"].as_array().unwrap().iter().map(option).collect()
}

#[test]
fn a_reflection_in_english_and_one_in_dutch_give_the_same_option_ids_and_counts() {
    let home = Home::new();
    home.save("five-tips", FIVE_TIPS, &["--lang", "en"]);
    home.save("five-tips", FIVE_TIPS, &["--lang", "nl"]);
    let entries = home.entries();
    let frame = |entry: &Value| {
        entry["answers"].as_array().unwrap().iter().find(|a| a["prompt"] == "frame").unwrap()["answer"].clone()
    };
    assert_eq!(frame(&entries[0]), json!({"id": "time", "label": "lack of time"}));
    assert_eq!(frame(&entries[1]), json!({"id": "time", "label": "gebrek aan tijd"}));
    assert_eq!(entries[1]["format"], 2);
    assert_eq!(counts(&home, "frame"), [("time".to_owned(), "lack of time".to_owned(), 2)]);
    let dutch = home.run(&["stats", "--lang", "nl"]).success().get_output().stdout.clone();
    assert!(text(&dutch).contains("gebrek aan tijd  2"), "{}", text(&dutch));
}

#[test]
fn a_format_one_journal_is_listed_searched_exported_and_counted_with_format_two() {
    let home = Home::new();
    older_journal(&home);
    home.save("five-tips", FIVE_TIPS, &["--lang", "en"]);
    let listed = home.stdout(&["list", "--json"]);
    assert_eq!(serde_json::from_str::<Value>(&listed).unwrap().as_array().unwrap().len(), 3);
    let found = home.stdout(&["search", "gebrek", "--json"]);
    let found: Value = serde_json::from_str(&found).unwrap();
    assert_eq!(found.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect::<Vec<_>>(), ["older-nl"]);
    let markdown = home.stdout(&["export"]);
    assert!(markdown.contains("## Which frame?\n\ngebrek aan tijd\n"), "{markdown}");
    assert!(markdown.contains("- een stilte laten vallen\n- samenvatten wat ik gehoord heb\n"), "{markdown}");
    let exported: Value = serde_json::from_str(&home.stdout(&["export", "--format", "json"])).unwrap();
    assert_eq!(exported[0]["answers"][2]["answer"], "lack of time", "the export holds the line as it is");
    // Labels of format 1 find their option ids while the set has them.
    assert_eq!(counts(&home, "frame"), [("time".to_owned(), "lack of time".to_owned(), 3)]);
    let silence = counts(&home, "slow-down").into_iter().find(|(id, ..)| id == "silence").unwrap();
    assert_eq!(silence.2, 3);
}

#[test]
fn editing_a_format_one_entry_writes_format_two_and_no_other_line_changes() {
    let home = Home::new();
    older_journal(&home);
    let before = String::from_utf8(home.journal_bytes()).unwrap();
    let answers = home.write("edit.toml", "calm = 3\n");
    home.run(&["edit", "older-nl", "--answers", answers.to_str().unwrap()]).success();
    let after = String::from_utf8(home.journal_bytes()).unwrap();
    assert_eq!(after.lines().next(), before.lines().next(), "the other entry stays byte for byte");
    let edited: Value = serde_json::from_str(after.lines().nth(1).unwrap()).unwrap();
    assert_eq!(edited["format"], 2);
    assert_eq!(edited["answers"][1]["answer"], 3);
    assert_eq!(edited["answers"][2]["answer"], json!({"id": "time", "label": "gebrek aan tijd"}));
    assert_eq!(
        edited["answers"][3]["answer"],
        json!([{"id": "silence", "label": "een stilte laten vallen"}, {"id": "summarise", "label": "samenvatten wat ik gehoord heb"}])
    );
}

/// A label an option had before (the set lists it as `formerly`) still
/// finds its option: it counts with it, an edit keeps it as it was shown,
/// and the entry as `list --json` gives it is the entry held in format 1.
#[test]
fn a_label_an_option_had_before_still_counts_with_it() {
    let home = Home::new();
    home.journal(&[format_one(
        "older-en",
        "en",
        "lack of time",
        &["allow a silence", "let the other finish completely"],
    )]);
    home.save("five-tips", FIVE_TIPS, &["--lang", "en"]);
    let count = |id: &str| {
        counts(&home, "slow-down").into_iter().find(|(found, ..)| found == id).map(|(_, label, n)| (label, n))
    };
    assert_eq!(count("silence"), Some(("leave a silence".to_owned(), 2)));
    assert_eq!(count("let-finish"), Some(("let them finish".to_owned(), 1)));
    let listed = home.write("listed.json", &home.stdout(&["list", "--json"]));
    home.run(&["import", listed.to_str().unwrap()]).success();
    assert!(home.set_aside("conflict").is_empty(), "the same entry, not a conflict");
    let answers = home.write("edit.toml", "calm = 3\n");
    home.run(&["edit", "older-en", "--answers", answers.to_str().unwrap()]).success();
    let edited = home.entries().into_iter().find(|entry| entry["id"] == "older-en").unwrap();
    assert_eq!(
        edited["answers"][3]["answer"],
        json!([{"id": "silence", "label": "allow a silence"}, {"id": "let-finish", "label": "let the other finish completely"}])
    );
}

#[test]
fn every_kind_of_answer_survives_the_json_export_and_an_import() {
    let home = Home::new();
    home.save("five-tips", FIVE_TIPS, &["--lang", "nl", "--title", "Met Anna", "--tag", "werk"]);
    let export = home.path().join("export.json");
    home.run(&["export", "--format", "json", "-o", export.to_str().unwrap()]).success();
    let other = Home::new();
    other.run(&["import", export.to_str().unwrap()]).success();
    assert_eq!(other.entries(), home.entries());
}

#[test]
fn show_in_another_language_uses_the_questions_and_labels_of_the_set() {
    let home = Home::new();
    let id = home.save("five-tips", FIVE_TIPS, &["--lang", "en"]);
    let dutch = home.stdout(&["show", &id, "--lang", "nl"]);
    assert!(dutch.contains("Aan welk kader houd je je het meest vast"), "{dutch}");
    assert!(dutch.contains("\n  gebrek aan tijd\n"), "{dutch}");
    assert!(dutch.contains("Waar verlangt Anna misschien naar?"), "placeholders filled: {dutch}");
    let english = home.stdout(&["show", &id]);
    assert!(english.contains("\n  lack of time\n"), "without --lang, as recorded: {english}");

    // Made with another version of the set: shown as recorded, and said.
    let mut entries = home.entries();
    entries[0]["set_version"] = json!(0);
    home.journal(&entries);
    let shown = home.run(&["show", &id, "--lang", "nl"]).success();
    let out = shown.get_output();
    assert!(text(&out.stdout).contains("\n  lack of time\n"), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("gemaakt met versie 0 van 'five-tips'"), "in Dutch: {}", text(&out.stderr));
}

const GONE_SET: &str = r#"
id = "gone"
version = 1
title = "Soon gone"
description = "A set removed after use"

[[prompts]]
id = "helps"
kind = "multi"
ask = "What helps?"
options = [{ id = "walk", label = "a walk" }, { id = "tea", label = "tea" }, { id = "music", label = "music" }]
"#;

#[test]
fn a_multi_answer_whose_set_is_gone_is_edited_with_the_options_the_journal_has_seen() {
    let home = Home::new();
    let set = home.write("prompts/gone.toml", GONE_SET);
    let id = home.save("gone", "helps = [\"walk\"]\n", &[]);
    home.save("gone", "helps = [\"tea\", \"music\"]\n", &[]);
    std::fs::remove_file(set).unwrap();
    let mut p = spawn(&home, &["edit", &id]);
    at(&mut p, &format!("Change entry {id}"), &DOWN.repeat(4));
    at(&mut p, "❯ 1. What helps? → a walk", ENTER);
    // The options come in the order the journal saw them: a walk, tea, music.
    at(&mut p, "Space ticks an option", &format!(" {DOWN} {DOWN} {ENTER}"));
    at(&mut p, "· tea, music", "");
    at(&mut p, &format!("Change entry {id}"), ENTER);
    at(&mut p, &format!("Changed {id}"), "");
    p.exp_eof().unwrap();
    let entry = home.entries().into_iter().find(|e| e["id"] == id.as_str()).unwrap();
    assert_eq!(
        entry["answers"][0]["answer"],
        json!([{"id": "tea", "label": "tea"}, {"id": "music", "label": "music"}])
    );
}

/// A journal written by bezin before journal format 2 (tests/fixtures):
/// two five-tips reflections, in English and in Dutch, and one
/// why-and-for-whom reflection in Dutch.
const OLDER_JOURNAL: &str = include_str!("fixtures/format-1-journal.jsonl");

#[test]
fn a_journal_written_before_format_two_reads_counts_and_edits() {
    let home = Home::new();
    home.write_journal(OLDER_JOURNAL);
    let listed: Value = serde_json::from_str(&home.stdout(&["list", "--json"])).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 3);
    // --json gives every entry in the current format, ids found where the set has them.
    assert!(listed.as_array().unwrap().iter().all(|entry| entry["format"] == 2));
    let dutch = listed.as_array().unwrap().iter().find(|e| e["title"] == "Older nl").unwrap();
    assert_eq!(dutch["answers"][3]["answer"], json!({"id": "time", "label": "gebrek aan tijd"}));
    let found: Value = serde_json::from_str(&home.stdout(&["search", "mijn team", "--json"])).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1);
    // Importing the same older journal again changes nothing.
    let copy = home.write("copy.jsonl", OLDER_JOURNAL);
    home.run(&["import", copy.to_str().unwrap()]).success();
    assert_eq!(String::from_utf8(home.journal_bytes()).unwrap(), OLDER_JOURNAL);
    let markdown = home.stdout(&["export"]);
    assert!(markdown.contains("\n\ngebrek aan tijd\n") && markdown.contains("\n\nlack of time\n"), "{markdown}");
    assert_eq!(counts(&home, "frame"), [("time".to_owned(), "lack of time".to_owned(), 2)]);
    let ids: Vec<String> =
        counts(&home, "slow-down").into_iter().map(|(id, _, count)| format!("{id} {count}")).collect();
    assert_eq!(ids, ["silence 2", "summarise 2"]);
    // A prompt the set no longer asks (version 2 of why-and-for-whom dropped it) counts by the label recorded.
    assert_eq!(counts(&home, "about"), [("-".to_owned(), "mijn team".to_owned(), 1)]);

    let english =
        listed.as_array().unwrap().iter().find(|e| e["lang"] == "en").unwrap()["id"].as_str().unwrap().to_owned();
    home.run(&["edit", &english, "--title", "Edited"]).success();
    let after = String::from_utf8(home.journal_bytes()).unwrap();
    let unchanged: Vec<&str> = OLDER_JOURNAL.lines().filter(|line| !line.contains(&english)).collect();
    assert_eq!(after.lines().filter(|line| !line.contains(&english)).collect::<Vec<_>>(), unchanged);
    let edited: Value = serde_json::from_str(after.lines().find(|line| line.contains(&english)).unwrap()).unwrap();
    assert_eq!((edited["format"].clone(), edited["title"].clone()), (json!(2), json!("Edited")));
    assert_eq!(edited["answers"][3]["answer"], json!({"id": "time", "label": "lack of time"}));
}

#[test]
fn a_scale_too_long_to_list_is_typed_and_one_out_of_range_can_be_mended() {
    let home = Home::new();
    let line = |id: &str, range: [i64; 2], answer: i64| {
        json!({"format": 2, "id": id, "set": "gone", "set_version": 1, "lang": "en",
               "started": "2026-11-20T10:00:00+01:00", "finished": "2026-11-20T10:00:00+01:00",
               "title": null, "tags": [], "follows": null,
               "answers": [{"prompt": "calm", "kind": "scale", "question": "Calm?", "range": range, "answer": answer}]})
    };
    home.journal(&[line("huge", [1, 100_000_000_000], 5), line("outside", [1, 10], 99)]);
    let mut p = spawn(&home, &["edit", "huge"]);
    at(&mut p, "Change entry huge", &DOWN.repeat(4));
    at(&mut p, "❯ 1. Calm?", ENTER);
    at(&mut p, "Calm?", "\x7f0\r");
    at(&mut p, "Type a whole number from 1 to 100000000000.", "\x7f42\r");
    at(&mut p, "· 42/100000000000", "");
    at(&mut p, "Change entry huge", ENTER);
    at(&mut p, "Changed huge", "");
    p.exp_eof().unwrap();
    let mut p = spawn(&home, &["edit", "outside"]);
    at(&mut p, "Change entry outside", &DOWN.repeat(4));
    at(&mut p, "❯ 1. Calm?", ENTER);
    at(&mut p, "❯ 5", &format!("{DOWN}{ENTER}"));
    at(&mut p, "· 6/10", "");
    at(&mut p, "Change entry outside", ENTER);
    at(&mut p, "Changed outside", "");
    p.exp_eof().unwrap();
    let answers: Vec<Value> = home.entries().iter().map(|e| e["answers"][0]["answer"].clone()).collect();
    assert_eq!(answers, [json!(42), json!(6)]);
}

#[test]
fn an_id_given_whole_wins_over_the_longer_ids_it_starts() {
    let home = Home::new();
    let one = common::entry("ansi", "jrnl", "2026-01-01T10:00:00+01:00", Some("Short"), &[]);
    let two = common::entry("ansimulti", "jrnl", "2026-01-02T10:00:00+01:00", Some("Long"), &[]);
    home.journal(&[one, two]);
    assert!(home.stdout(&["show", "ansi"]).starts_with("Short\n"));
    home.run(&["show", "ans"]).code(2).stderr(predicates::str::contains("is ambiguous"));
    home.run(&["delete", "ansi", "--yes"]).success();
    assert_eq!(home.entries()[0]["id"], "ansimulti");
}

/// A journal of reflections made with version 2 of every built-in set
/// (tests/fixtures), in English and in Dutch: some answer prompts that
/// version 3 dropped (`keeps-asking`, `trust-in`, `steps`), others were
/// asked in words version 3 changed.
const VERSION_TWO: &str = include_str!("fixtures/sets-version-2.jsonl");

#[test]
fn reflections_made_with_an_older_version_of_a_set_read_count_and_edit_beside_newer_ones() {
    let home = Home::new();
    home.write_journal(VERSION_TWO);
    let older: Vec<Value> = VERSION_TWO.lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    // Each shows the questions it was asked with, also in the other language, and says why.
    for entry in &older {
        let id = entry["id"].as_str().unwrap();
        let other = if entry["lang"] == "en" { "nl" } else { "en" };
        let shown = home.run(&["show", id, "--lang", other]).success();
        let out = text(&shown.get_output().stdout);
        for recorded in entry["answers"].as_array().unwrap() {
            let question = recorded["question"].as_str().unwrap();
            assert!(out.contains(&format!("\n{question}\n")), "{id} shows '{question}': {out}");
        }
        let said = text(&shown.get_output().stderr);
        let (made, now) =
            if other == "nl" { ("versie 2 van", "nu versie 4") } else { ("version 2 of", "now version 4") };
        assert!(said.contains(made) && said.contains(now), "{said}");
    }
    // Options count by id across versions, under the labels the set has now.
    home.save(
        "five-tips",
        &FIVE_TIPS.replace("\"time\"", "\"role\"").replace("[\"silence\"]", "[\"silence\", \"summarise\"]"),
        &[],
    );
    let sharp = "agreed = \"x\"\nhappened = \"x\"\nat-stake = \"x\"\ncomfort-zone = [\"habit\"]\nown-part = \"x\"\n\
                 sharp = \"x\"\nwho-keeps-you = \"x\"\nyour-approach = \"x\"\nresolve = 7\n";
    home.save("keeping-each-other-sharp", sharp, &["--lang", "nl"]);
    assert_eq!(counts(&home, "frame"), [("role".to_owned(), "what my role allows".to_owned(), 2)]);
    let ids = |prompt| counts(&home, prompt).into_iter().map(|(id, _, n)| format!("{id} {n}")).collect::<Vec<_>>();
    assert_eq!(ids("slow-down"), ["silence 2", "summarise 2"]);
    assert_eq!(ids("comfort-zone"), ["habit 2", "rejection 1"]);
    let habit = counts(&home, "comfort-zone").into_iter().find(|(id, ..)| id == "habit").unwrap().1;
    assert_eq!(habit, "habit: going round in circles where it feels safe");
    // A prompt version 3 no longer asks still counts by id, under the label recorded.
    assert_eq!(ids("approach"), ["one-on-one 1"]);
    assert_eq!(
        counts(&home, "steps"),
        [
            ("listen".to_owned(), "luisteren naar het verhaal achter de vraag".to_owned(), 1),
            ("narrow".to_owned(), "stap voor stap toewerken naar wat het beste past".to_owned(), 1)
        ]
    );

    // An answer to a prompt of both versions, and answers to prompts that are gone, edit; the questions stay.
    let edit = |id: &str, answers: &str| {
        let file = home.write("edit.toml", answers);
        home.run(&["edit", id, "--answers", file.to_str().unwrap()]).success();
        home.entries().into_iter().find(|entry| entry["id"] == id).unwrap()
    };
    let five_tips = edit("eeskrepr2y", "frame = \"time\"\nroom = \"Minder vergaderen\"\n");
    assert_eq!(five_tips["answers"][3]["answer"], json!({"id": "time", "label": "gebrek aan tijd"}));
    assert_eq!(five_tips["answers"][4]["answer"], "Minder vergaderen");
    let desire = edit("wc4r7kmhhv", "keeps-asking = false\n");
    assert_eq!(desire["answers"][2]["answer"], false);
    let opening = edit("dc38j5meny", "steps = [\"narrow\"]\n");
    assert_eq!(
        opening["answers"][4]["answer"],
        json!([{"id": "narrow", "label": "stap voor stap toewerken naar wat het beste past"}])
    );
    for edited in [&five_tips, &desire, &opening] {
        let before = older.iter().find(|entry| entry["id"] == edited["id"]).unwrap();
        assert_eq!(edited["set_version"], 2);
        let questions = |entry: &Value| {
            entry["answers"].as_array().unwrap().iter().map(|a| a["question"].clone()).collect::<Vec<_>>()
        };
        assert_eq!(questions(edited), questions(before));
    }
}
