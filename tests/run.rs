//! `bezin run` without a terminal: answers files, what lands in the journal,
//! and every way an answers file can be wrong.

mod common;

use std::os::unix::fs::PermissionsExt;

use common::answers::{BUILT_IN, Planned, built_in, followed, plan};
use common::{Home, text};
use predicates::prelude::*;
use serde_json::{Value, json};

const FIVE_TIPS: &str = r#"
counterpart = "Anna"
request = "More hours for her class"
calm = 4
not-knowing = "Maybe she needs\nsomething else entirely."
frame = "time"
room = "A shorter meeting"
slow-down = ["silence", "summarise"]
desire = "To be taken seriously"
together = "A plan for both classes"
open = false
holding-back = "Fear of losing control"
"#;

#[test]
fn every_built_in_set_runs_from_an_answers_file_in_both_languages() {
    let home = Home::new();
    // Every set on its own, and the follow-up after each set it follows, asking after what that set asked.
    let mut runs: Vec<(&str, Option<&str>)> = BUILT_IN.iter().map(|id| (*id, None)).collect();
    for earlier in followed() {
        runs.push(("after-the-conversation", Some(earlier)));
    }
    for &(id, follows) in &runs {
        let set = built_in(id);
        for (lang, confirm) in [("en", true), ("nl", false)] {
            let Planned { answers, records, .. } = plan(&set, lang, confirm, follows);
            let file = home.write("answers.toml", &toml::to_string(&answers).unwrap());
            let earlier = follows.map(|earlier| {
                let entries = home.entries();
                let entry = entries.iter().rfind(|entry| entry["set"] == earlier).unwrap();
                entry["id"].as_str().unwrap().to_owned()
            });
            let mut args = vec!["run", id, "--lang", lang, "--answers", file.to_str().unwrap(), "--title", "T"];
            args.extend(["--tag", "a,b"]);
            if let Some(earlier) = &earlier {
                args.extend(["--follows", earlier.as_str()]);
            }
            let out = home.run(&args).success().get_output().stdout.clone();
            let entry = home.entries().pop().unwrap();
            let saved = if lang == "en" { "Saved as" } else { "Bewaard als" };
            let expected = format!("{saved} {} in {}\n", entry["id"].as_str().unwrap(), home.journal_place().display());
            assert_eq!(text(&out), expected);
            assert_eq!(entry["set"], id);
            assert_eq!(entry["set_version"], set["version"].as_integer().unwrap());
            assert_eq!(entry["lang"], lang);
            assert_eq!(entry["format"], 2);
            assert_eq!(entry["title"], "T");
            assert_eq!(entry["tags"], json!(["a", "b"]));
            assert_eq!(entry["follows"], earlier.map_or(Value::Null, Value::from));
            assert_eq!(entry["id"].as_str().unwrap().len(), 10);
            assert_eq!(entry["answers"], Value::Array(records), "{id} in {lang}");
        }
    }
    assert_eq!(home.entries().len(), 2 * runs.len());
}

#[test]
fn times_carry_their_utc_offset() {
    let home = Home::new();
    home.command()
        .env("TZ", "Europe/Amsterdam")
        .args(["run", "five-tips", "--answers", home.write("a.toml", FIVE_TIPS).to_str().unwrap()])
        .assert()
        .success();
    let entry = home.entries().pop().unwrap();
    for field in ["started", "finished"] {
        let time = entry[field].as_str().unwrap();
        assert_eq!(time.len(), 25, "{time}");
        assert!(time.ends_with("+01:00") || time.ends_with("+02:00"), "{time}");
    }
}

/// A `TZ` whose offset RFC 3339 cannot carry, either way, warns once and
/// writes UTC; one at the edge of the range is kept.
#[test]
fn times_are_valid_rfc_3339_whatever_tz_says() {
    let home = Home::new();
    let answers = home.write("a.toml", FIVE_TIPS);
    for (tz, offset) in [
        ("XXX-24", "+00:00"),
        ("XXX+24:30", "+00:00"),
        ("XXX-25", "+00:00"),
        ("XXX+24:59:59", "+00:00"),
        ("XXX-1:30:15", "+00:00"),
        ("XXX-23:59", "+23:59"),
        ("XXX+23:59", "-23:59"),
    ] {
        let run =
            home.command().env("TZ", tz).args(["run", "five-tips", "--answers", answers.to_str().unwrap()]).assert();
        let warnings = text(&run.success().get_output().stderr).matches("times are in UTC").count();
        assert_eq!(warnings, usize::from(offset == "+00:00"), "{tz}");
        let entry = home.entries().pop().unwrap();
        for field in ["started", "finished"] {
            let time = entry[field].as_str().unwrap();
            assert!(time.parse::<jiff::Timestamp>().is_ok() && time.len() == 25, "{tz}: {time}");
            assert!(time.ends_with(offset), "{tz}: {time}");
        }
    }
}

#[test]
fn answers_can_come_from_standard_input() {
    let home = Home::new();
    home.command()
        .args(["run", "five-tips", "--answers", "-"])
        .write_stdin(FIVE_TIPS)
        .assert()
        .success()
        .stderr("After the conversation: bezin run after-the-conversation\n");
    let entry = home.entries().pop().unwrap();
    assert_eq!(entry["answers"][0]["answer"], "Anna");
    assert_eq!(entry["answers"][1]["question"], "What exactly is Anna asking for?");
    assert_eq!(entry["answers"][3]["answer"], "Maybe she needs\nsomething else entirely.");
    assert_eq!(
        entry["answers"][5]["question"],
        "Put that limit in your own words. Where is there room to move, within it or beyond it?"
    );
}

#[test]
fn without_a_terminal_run_says_how_to_run_without_one() {
    let home = Home::new();
    home.run(&["run", "five-tips"])
        .code(2)
        .stderr(predicate::str::contains("no terminal to ask the questions in"))
        .stderr(predicate::str::contains("--answers answers.toml"));
    assert!(!home.journal_path().exists() && home.entries().is_empty());
}

/// Runs five-tips with `FIVE_TIPS` changed by `edit`; expects exit 2 with `message`.
fn refused(edit: impl Fn(&str) -> String, message: &str) {
    let home = Home::new();
    let file = home.write("answers.toml", &edit(FIVE_TIPS));
    let err =
        text(&home.run(&["run", "five-tips", "--answers", file.to_str().unwrap()]).code(2).get_output().stderr.clone());
    let expected = format!("bezin: {}: {message}\n", file.display());
    assert_eq!(err, expected);
    assert!(!home.journal_path().exists() && home.entries().is_empty(), "nothing may be saved");
}

#[test]
fn a_wrong_type_names_the_prompt_and_the_type_it_takes() {
    refused(
        |a| a.replace("calm = 4", "calm = \"four\""),
        "answer to 'calm': a scale prompt takes a whole number from 1 to 10, not string",
    );
    refused(
        |a| a.replace("open = false", "open = \"no\""),
        "answer to 'open': a confirm prompt takes true or false, not string",
    );
}

#[test]
fn a_scale_value_out_of_range_is_refused() {
    refused(|a| a.replace("calm = 4", "calm = 11"), "answer to 'calm': 11 is outside the scale 1 to 10");
}

#[test]
fn an_option_that_does_not_exist_is_refused_with_the_options() {
    refused(
        |a| a.replace("frame = \"time\"", "frame = \"money\""),
        "answer to 'frame': 'money' is not an option; the options are 'rules', 'time', 'role', 'past', 'fairness', 'means', 'other'",
    );
}

#[test]
fn an_unknown_prompt_id_is_refused_with_the_prompt_ids() {
    refused(
        |a| format!("{a}mood = \"fine\"\n"),
        "the set 'five-tips' has no prompt 'mood'; its prompts are counterpart, request, calm, not-knowing, frame, \
         room, slow-down, desire, together, open, holding-back",
    );
}

#[test]
fn a_missing_required_answer_is_named() {
    refused(|a| a.replace("counterpart = \"Anna\"\n", ""), "no answer for the required prompt 'counterpart'");
}

#[test]
fn an_answer_to_a_prompt_that_is_not_asked_is_refused() {
    refused(
        |a| a.replace("open = false", "open = true"),
        "'holding-back' has an answer, but it is only asked when 'open' is false; remove it or change that answer",
    );
}

#[test]
fn a_broken_answers_file_gives_its_line_and_column() {
    let home = Home::new();
    let file = home.write("answers.toml", &FIVE_TIPS.replace("calm = 4", "calm = "));
    home.run(&["run", "five-tips", "--answers", file.to_str().unwrap()]).code(2).stderr(format!(
        "bezin: {}:4:8: calm: string values must be quoted, expected literal string\n",
        file.display()
    ));
    assert!(!home.journal_path().exists() && home.entries().is_empty());
}

#[test]
fn an_entry_can_follow_an_earlier_one_by_prefix() {
    let home = Home::new();
    let first = home.save("five-tips", FIVE_TIPS, &[]);
    let after = "how-it-went = 8\nwhat-happened = \"We talked\"\ndesire-learned = \"Time\"\nunplanned = false\n\
                 what-stopped = \"Too little time\"\ntook-time = \"Some\"\nown-part = \"I listened\"\n\
                 calm-now = 9\nnext = \"A plan\"\n";
    home.save("after-the-conversation", after, &["--follows", &first[..5]]);
    assert_eq!(home.entries()[1]["follows"], first.as_str());
    let file = home.write("after.toml", after);
    home.run(&["run", "after-the-conversation", "--answers", file.to_str().unwrap(), "--follows", "zzzz"])
        .code(2)
        .stderr("bezin: no entry has the id 'zzzz' (bezin list shows them)\n");
}

#[test]
fn list_and_show_read_back_what_was_saved() {
    let home = Home::new();
    let first = home.save("five-tips", FIVE_TIPS, &["--title", "Talk with Anna", "--tag", "work"]);
    let second = home.save("five-tips", FIVE_TIPS, &[]);
    let out = text(&home.run(&["list"]).success().get_output().stdout.clone());
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[1].starts_with(&second[..7]) && lines[1].contains("Five tips before you answer"), "{out}");
    assert!(
        lines[2].starts_with(&first[..7]) && lines[2].contains("Talk with Anna") && lines[2].ends_with(" #work"),
        "{out}"
    );
    home.run(&["show", "last"]).success().stdout(predicate::str::starts_with("Five tips before you answer\n"));
    home.run(&["show", &first[..6]])
        .success()
        .stdout(predicate::str::starts_with("Talk with Anna\n"))
        .stdout(predicate::str::contains("How calm are you when you think of the conversation ahead?\n  4/10\n"))
        .stdout(predicate::str::contains(
            "Can you go into the conversation without knowing where it will lead?\n  no\n",
        ));
}

#[test]
fn the_journal_and_its_folder_are_owner_only() {
    let home = Home::new();
    let journal = home.path().join("deep/er/journal.jsonl");
    let file = home.write("a.toml", FIVE_TIPS);
    home.run(&["run", "five-tips", "--answers", file.to_str().unwrap(), "--journal", journal.to_str().unwrap()])
        .success();
    let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    for file in common::files_under(&journal) {
        let owner_only = if file.is_dir() { 0o700 } else { 0o600 };
        assert_eq!(mode(&file), owner_only, "{}", file.display());
    }
    assert_eq!(mode(journal.parent().unwrap()), 0o700);
}

#[test]
fn the_settings_file_chooses_the_language_and_names_its_mistakes() {
    let home = Home::new();
    home.write("config.toml", "language = \"nl\"\n");
    home.run(&["sets", "show", "five-tips"]).success().stdout(predicate::str::contains("Vijf tips"));
    home.write("config.toml", "language = \"nl\"\nlanguag = \"en\"\n");
    let config = home.path().join("config.toml");
    home.run(&["sets"])
        .code(2)
        .stderr(predicate::str::starts_with(format!("bezin: {}:2:1: onbekende sleutel `languag`", config.display())));
    // A mistake is said in the language the file asks for, unless a flag asks for another.
    home.run(&["sets", "--lang", "en"])
        .code(2)
        .stderr(predicate::str::starts_with(format!("bezin: {}:2:1: unknown field `languag`", config.display())));
}
