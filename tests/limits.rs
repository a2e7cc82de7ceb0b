//! How large what comes in may be: an entry that would be too large to
//! read back is refused wherever its answers come in, with the draft kept;
//! ids are plain words; a bad file among one's own sets stops nothing, and
//! no file read whole is read without a limit; a query of any length is a
//! query.

mod common;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::process::Command;

use common::{ENTER, FIVE_TIPS, Home, at, drafts, save_untitled, spawn, text};
use predicates::prelude::*;
use serde_json::{Value, json};

/// What every refusal of a too large entry names: the limit.
const LIMIT: &str = "more than the 4 MB an entry may take";

/// A set of a name and a story, whose last question names the person
/// forty times: a modest name would make a long question.
fn story_set(home: &Home) {
    let again = "{who} ".repeat(40);
    home.write(
        "prompts/story.toml",
        &format!(
            "id = \"story\"\nversion = 1\ntitle = \"Story\"\ndescription = \"D\"\n\n\
             [[prompts]]\nid = \"who\"\nkind = \"text\"\nask = \"Who?\"\n\n\
             [[prompts]]\nid = \"what\"\nkind = \"long\"\nask = \"What happened?\"\n\n\
             [[prompts]]\nid = \"again\"\nkind = \"text\"\nrequired = false\nask = \"{again}?\"\n"
        ),
    );
}

/// A text of a million control characters: one megabyte, six in the journal.
fn controls() -> String {
    "\u{1}".repeat(1_000_000)
}

/// `args`, with a safety net: a command that blocks fails the test instead
/// of hanging it.
fn run(home: &Home, args: &[&str]) -> assert_cmd::assert::Assert {
    home.command().args(args).timeout(std::time::Duration::from_secs(120)).assert()
}

#[test]
fn an_answer_that_would_make_the_entry_unreadable_is_refused_in_the_terminal_and_the_draft_kept() {
    let home = Home::new();
    story_set(&home);
    let editor = home.write("huge.sh", "#!/bin/sh\nhead -c 1000000 /dev/zero | tr '\\000' '\\001' > \"$1\"\n");
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    home.write("config.toml", &format!("editor = {:?}\n", editor.to_str().unwrap()));
    let mut p = spawn(&home, &["run", "story"]);
    at(&mut p, "(1/3) Who?", "Anna\r");
    at(&mut p, "(2/3) What happened?", ":e\r");
    at(&mut p, "with this answer the entry would take 6.0 MB", "");
    // What was refused stays in a file of its own.
    at(&mut p, "what you wrote is kept in ", "");
    let (_, kept) = p.exp_regex(r"/\S*answer\.md").unwrap();
    let kept = std::path::PathBuf::from(kept);
    assert_eq!(fs::read_to_string(&kept).unwrap(), controls());
    fs::remove_dir_all(kept.parent().unwrap()).unwrap();
    at(&mut p, "(2/3) What happened?", "");
    let kept = drafts(&home);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(kept[0]["answers"], json!([["who", "Anna"]]));
    p.send("We talked.\r\r").unwrap();
    p.flush().unwrap();
    at(&mut p, "(3/3)", ENTER);
    save_untitled(&mut p);
    at(&mut p, "Saved as", "");
    p.exp_eof().unwrap();
    let entries = home.entries();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["answers"][1]["answer"], "We talked.");
    assert!(drafts(&home).is_empty());
}

/// What the editor wrote that is too large to be an answer stays where it
/// was written, and bezin says where.
#[test]
fn an_answer_too_large_from_the_editor_is_kept_in_its_file() {
    let home = Home::new();
    story_set(&home);
    let editor = home.write("huge.sh", "#!/bin/sh\nhead -c 5000000 /dev/zero | tr '\\000' a > \"$1\"\n");
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    home.write("config.toml", &format!("editor = {:?}\n", editor.to_str().unwrap()));
    let mut p = spawn(&home, &["run", "story"]);
    at(&mut p, "(1/3) Who?", "Anna\r");
    at(&mut p, "(2/3) What happened?", ":e\r");
    at(&mut p, "larger than 4 MB, more than an answer may be; it is kept in ", "");
    let (_, kept) = p.exp_regex(r"/\S*answer\.md").unwrap();
    let kept = std::path::PathBuf::from(kept);
    assert_eq!(fs::metadata(&kept).unwrap().len(), 5_000_000);
    fs::remove_dir_all(kept.parent().unwrap()).unwrap();
    p.send("\x1b").unwrap();
    p.flush().unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn an_answers_file_that_would_make_the_entry_unreadable_is_refused_and_nothing_saved() {
    let home = Home::new();
    story_set(&home);
    let answers = toml::to_string(&json!({"who": "Anna", "what": controls()})).unwrap();
    let file = home.write("answers.toml", &answers);
    run(&home, &["run", "story", "--answers", file.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains(file.to_str().unwrap()))
        .stderr(predicate::str::contains("answer to 'what': with this answer the entry would take 6.0 MB"))
        .stderr(predicate::str::contains(LIMIT));
    assert!(home.entries().is_empty());
}

#[test]
fn a_placeholder_carries_no_more_than_a_line_into_the_entry() {
    let home = Home::new();
    story_set(&home);
    // Forty times in a question, a name of 150,000 letters would be a line of 6 MB.
    let name = "Anna".repeat(37_500);
    let answers = toml::to_string(&json!({"who": name, "what": "We talked.", "again": "yes"})).unwrap();
    home.save("story", &answers, &[]);
    let question = home.entries()[0]["answers"][2]["question"].as_str().unwrap().to_owned();
    assert!(question.len() < 10_000, "{} bytes", question.len());
    assert!(question.starts_with(&format!("{}… ", &name[..200])), "{}", &question[..300]);
    let shown = run(&home, &["show", "last"]).success().get_output().clone();
    assert!(text(&shown.stdout).contains("We talked."));
    assert!(!text(&shown.stderr).contains("damaged"), "{}", text(&shown.stderr));
}

#[test]
fn an_edit_that_would_make_the_entry_unreadable_changes_nothing() {
    let home = Home::new();
    let id = home.save("five-tips", FIVE_TIPS, &[]);
    let before = home.journal_bytes();
    let file = home.write("edit.toml", &toml::to_string(&json!({"desire": controls()})).unwrap());
    run(&home, &["edit", &id, "--answers", file.to_str().unwrap()])
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(LIMIT))
        .stderr(predicate::str::contains("nothing was changed"));
    assert_eq!(home.journal_bytes(), before);
    run(&home, &["show", &id]).success().stderr("");
}

#[test]
fn an_import_of_an_entry_too_large_to_read_back_imports_nothing() {
    let home = Home::new();
    home.save("five-tips", FIVE_TIPS, &[]);
    let before = home.journal_bytes();
    let entry = |id: &str, answer: &str| {
        json!({
            "format": 2, "id": id, "set": "five-tips", "set_version": 2, "lang": "en",
            "started": "2026-01-01T09:00:00+00:00", "finished": "2026-01-01T09:00:00+00:00", "title": null,
            "tags": [], "follows": null,
            "answers": [{"prompt": "desire", "kind": "long", "question": "Q?", "answer": answer}]
        })
    };
    let export = json!([entry("small00001", "small"), entry("huge000001", &controls())]);
    let lines = format!("{}\n{}\n", export[0], export[1]);
    for (name, contents) in [("export.json", export.to_string()), ("other.jsonl", lines)] {
        let file = home.write(name, &contents);
        run(&home, &["import", file.to_str().unwrap()])
            .code(2)
            .stderr(predicate::str::contains("entry 2 of the file cannot be imported"))
            .stderr(predicate::str::contains(LIMIT))
            .stderr(predicate::str::contains("nothing was imported"));
        assert_eq!(home.journal_bytes(), before, "{name}");
    }
}

/// A value larger than any entry takes, in an export or in jrnl's, is
/// refused as it is read, before it is held whole.
#[test]
fn an_import_holding_a_value_larger_than_any_entry_is_refused() {
    let home = Home::new();
    let huge = "x".repeat(17_000_000);
    let export = json!([{"format": 2, "id": "huge000001", "answers": [{"answer": huge}]}]);
    let jrnl = json!({"entries": [{"body": huge}]});
    for (name, contents) in [("export.json", export), ("jrnl.json", jrnl)] {
        let file = home.write(name, &contents.to_string());
        run(&home, &["import", file.to_str().unwrap()])
            .code(2)
            .stderr(predicate::str::contains("it holds a value larger than 16 MB, more than any entry takes"));
    }
    assert!(home.entries().is_empty());
}

#[test]
fn a_set_id_longer_than_an_entry_id_may_be_is_refused_with_its_place() {
    let home = Home::new();
    let long = "a".repeat(70);
    let set = format!(
        "id = \"{long}\"\nversion = 1\ntitle = \"T\"\ndescription = \"D\"\n\n\
         [[prompts]]\nid = \"a\"\nkind = \"confirm\"\nask = \"A?\"\n"
    );
    let path = home.write("prompts/long.toml", &set).display().to_string();
    run(&home, &["sets", "validate", &path]).code(1).stdout(format!(
        "{path}:1:6: set id '{long}' must be 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit (like 'check-the-potential')\n"
    ));
    let answers = home.write("answers.toml", "a = true\n");
    run(&home, &["run", &long, "--answers", answers.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains(format!("{path}:1:6: set id")));
    assert!(home.entries().is_empty());
}

/// A set of one yes/no question.
fn small_set(id: &str) -> String {
    format!(
        "id = \"{id}\"\nversion = 1\ntitle = \"T\"\ndescription = \"D\"\n\n[[prompts]]\nid = \"a\"\nkind = \"confirm\"\nask = \"A?\"\n"
    )
}

#[test]
fn a_bad_file_among_ones_own_sets_is_left_out_with_a_warning_and_stops_nothing() {
    let home = Home::new();
    home.write("prompts/good.toml", &small_set("good"));
    let latin1 = home.path().join("prompts/latin1.toml");
    fs::write(&latin1, b"id = \"caf\xe9\"\n").unwrap();
    let oversized = home.write("prompts/oversized.toml", &format!("{}# {}\n", small_set("big"), "x".repeat(1_000_000)));
    let fifo = home.path().join("prompts/fifo.toml");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let zero = home.path().join("prompts/zero.toml");
    symlink("/dev/zero", &zero).unwrap();
    let listed = run(&home, &["sets"]).success().get_output().clone();
    let (out, err) = (text(&listed.stdout), text(&listed.stderr));
    assert!(out.contains("good "), "{out}");
    assert!(out.contains("five-tips "), "{out}");
    let warned = [
        format!("{}:1:10: not UTF-8 text", latin1.display()),
        format!("{}: could not be read: larger than 1 MB, more than a prompt set may be", oversized.display()),
        format!("{}: could not be read: not a regular file", fifo.display()),
        format!("{}: could not be read: not a regular file", zero.display()),
    ];
    for warning in warned {
        assert_eq!(err.matches(&warning).count(), 1, "{warning} in:\n{err}");
    }
    let answers = home.write("answers.toml", "a = true\n");
    run(&home, &["run", "good", "--answers", answers.to_str().unwrap()]).success();
    run(&home, &["list"]).success().stdout(predicate::str::contains("good"));
    run(&home, &["search", "anything"]).success();
}

#[test]
fn no_file_read_whole_is_read_past_its_limit() {
    let home = Home::new();
    run(&home, &["sets", "validate", "/dev/zero"])
        .code(1)
        .stdout("/dev/zero: could not be read: larger than 1 MB, more than a prompt set may be\n");
    run(&home, &["run", "five-tips", "--answers", "/dev/zero"]).code(3).stderr(
        "bezin: could not read the answers file /dev/zero: larger than 8 MB, more than an answers file may be\n",
    );
    run(&home, &["encrypt", "--recipients-file", "/dev/zero"])
        .code(3)
        .stderr(predicate::str::contains("larger than 1 MB, more than a file of keys may be"));
    let fifo = home.path().join("drafts/fifo.json");
    fs::create_dir_all(fifo.parent().unwrap()).unwrap();
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    run(&home, &["drafts"])
        .success()
        .stderr(predicate::str::contains(format!("{} is not a readable draft", fifo.display())));
    let latin1 = home.path().join("answers.toml");
    fs::write(&latin1, b"counterpart = \"Ren\xe9\"\n").unwrap();
    run(&home, &["run", "five-tips", "--answers", latin1.to_str().unwrap()])
        .code(3)
        .stderr(predicate::str::contains("not UTF-8 text (line 1, column 19)"));
    symlink("/dev/zero", home.path().join("config.toml")).unwrap();
    run(&home, &["list"]).code(3).stderr(format!(
        "bezin: could not read the settings {}: not a regular file (a folder, a device or a pipe)\n",
        home.path().join("config.toml").display()
    ));
    assert!(home.entries().is_empty());
}

#[test]
fn a_query_of_three_thousand_characters_is_a_query() {
    let home = Home::new();
    let long: String = "Straße ﬁne één Łukasz ".repeat(140).chars().take(3000).collect();
    let mut answers: toml::Table = toml::from_str(FIVE_TIPS).unwrap();
    answers.insert("desire".into(), format!("It began: {long} and so on.").into());
    home.save("five-tips", &toml::to_string(&answers).unwrap(), &[]);
    let query = long.to_uppercase();
    let found: Value =
        serde_json::from_slice(&run(&home, &["search", "--json", &query]).success().stderr("").get_output().stdout)
            .unwrap();
    assert_eq!(found.as_array().unwrap().len(), 1, "{found}");
    assert_eq!(found[0]["hits"][0]["field"], "desire");
    let tangled = "ß".repeat(3000);
    // The sentence quotes the start of the query, cut to fit a line.
    let start = "ß".repeat(59);
    run(&home, &["search", &tangled]).success().stderr(format!("No entry holds '{start}…'.\n"));
    run(&home, &["search", &"(a|b)*".repeat(500)]).success();
}
