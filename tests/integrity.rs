//! Integrity under races and odd journals: changes made at once by several
//! bezin processes all stick, and what bezin does not know, it keeps.

mod common;

use std::fmt::Write as _;
use std::process::Child;

use common::{DOWN, ENTER, FIVE_TIPS, Home, at, spawn};
use predicates::prelude::*;
use serde_json::{Value, json};

fn start(home: &Home, args: &[&str]) -> Child {
    let mut command = std::process::Command::new(common::BEZIN);
    command.args(args).env("BEZIN_HOME", home.path()).env("NO_COLOR", "1");
    command.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).spawn().unwrap()
}

#[test]
fn two_edits_of_one_entry_at_once_both_stick() {
    let home = Home::new();
    let id = home.save("five-tips", FIVE_TIPS, &[]);
    for round in 0..20 {
        let title = format!("Title {round}");
        let tag = format!("tag{round}");
        let mut one = start(&home, &["edit", &id, "--title", &title]);
        let mut two = start(&home, &["edit", &id, "--tag", &tag]);
        assert!(one.wait().unwrap().success() && two.wait().unwrap().success());
        let entry = home.entries().pop().unwrap();
        assert_eq!(entry["title"], title.as_str(), "round {round}");
        assert_eq!(entry["tags"], json!([tag]), "round {round}");
    }
}

#[test]
fn an_edit_racing_a_delete_either_changes_the_entry_or_finds_it_gone() {
    let home = Home::new();
    for round in 0..10 {
        let id = home.save("five-tips", FIVE_TIPS, &[]);
        let mut edit = start(&home, &["edit", &id, "--title", "Raced"]);
        let mut delete = start(&home, &["delete", &id, "--yes"]);
        edit.wait().unwrap();
        assert!(delete.wait().unwrap().success(), "round {round}");
        assert!(home.entries().iter().all(|entry| entry["id"] != id.as_str()), "round {round}: deleted");
        let lines = String::from_utf8(home.journal_bytes()).unwrap();
        assert!(lines.lines().all(|line| serde_json::from_str::<Value>(line).is_ok()), "every line whole");
    }
}

#[test]
fn an_edit_in_the_terminal_asks_before_it_overwrites_a_change_made_meanwhile() {
    let home = Home::new();
    let id = home.save("five-tips", FIVE_TIPS, &[]);
    let mut p = spawn(&home, &["edit", &id]);
    at(&mut p, "Change entry", &format!("{DOWN}{DOWN}{ENTER}"));
    at(&mut p, "Title", "Mine\r");
    home.run(&["edit", &id, "--tag", "theirs"]).success();
    at(&mut p, "Change entry", ENTER);
    at(&mut p, "was changed elsewhere while you edited it", "");
    at(&mut p, "Save your version over that change?", "n");
    at(&mut p, "Nothing changed.", "");
    p.exp_eof().unwrap();
    let entry = home.entries().pop().unwrap();
    assert_eq!(entry["tags"], json!(["theirs"]));
    assert_eq!(entry["title"], Value::Null);

    let mut p = spawn(&home, &["edit", &id]);
    at(&mut p, "Change entry", &format!("{DOWN}{DOWN}{ENTER}"));
    at(&mut p, "Title", "Mine\r");
    home.run(&["edit", &id, "--tag", "again"]).success();
    at(&mut p, "Change entry", ENTER);
    at(&mut p, "Save your version over that change?", "y");
    at(&mut p, "Changed", "");
    p.exp_eof().unwrap();
    assert_eq!(home.entries().pop().unwrap()["title"], "Mine");
}

#[test]
fn fields_bezin_does_not_know_survive_an_edit_and_the_delete_of_another() {
    let home = Home::new();
    let mut first = common::entry("aaaa000001", "five-tips", "2026-11-20T10:00:00+01:00", None, &[]);
    first["mood"] = json!({"colour": "blue"});
    let second = common::entry("bbbb000002", "five-tips", "2026-11-21T10:00:00+01:00", None, &[]);
    home.journal(&[first, second]);
    home.run(&["edit", "aaaa", "--title", "Kept"]).success();
    home.run(&["delete", "bbbb", "--yes"]).success().stdout(predicate::str::contains("Deleted bbbb000002"));
    let entries = home.entries();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["title"], "Kept");
    assert_eq!(entries[0]["mood"], json!({"colour": "blue"}));
}

#[test]
fn one_file_imported_by_three_processes_at_once_gives_each_entry_once() {
    let home = Home::new();
    let entries: Vec<Value> = (0..30)
        .map(|n| {
            common::entry(
                &format!("imp{n:07}"),
                "jrnl",
                &format!("2026-01-{:02}T09:00:00+01:00", n % 28 + 1),
                None,
                &[],
            )
        })
        .collect();
    let file = home.write("export.json", &serde_json::to_string(&entries).unwrap());
    for round in 0..6 {
        home.journal(&[]);
        home.save("five-tips", FIVE_TIPS, &[]);
        let mut imports: Vec<Child> = (0..3).map(|_| start(&home, &["import", file.to_str().unwrap()])).collect();
        assert!(imports.iter_mut().all(|import| import.wait().unwrap().success()), "round {round}");
        let ids: Vec<Value> = home.entries().iter().map(|entry| entry["id"].clone()).collect();
        let unique: std::collections::HashSet<String> = ids.iter().map(Value::to_string).collect();
        assert_eq!((ids.len(), unique.len()), (31, 31), "round {round}");
    }
}

#[test]
fn another_machines_journal_imports_like_an_export_and_a_conflict_loses_nothing() {
    let home = Home::new();
    let shared = common::entry("same000001", "jrnl", "2026-01-05T09:00:00+01:00", Some("Same"), &[]);
    let mine = common::entry("both000002", "jrnl", "2026-01-06T09:00:00+01:00", Some("Mine"), &[]);
    home.journal(&[shared.clone(), mine.clone()]);
    let mut theirs = mine.clone();
    theirs["title"] = json!("Theirs, edited later");
    theirs["edited"] = json!("2026-02-01T09:00:00+01:00");
    let mut only_there = common::entry("new0000003", "jrnl", "2026-01-01T09:00:00+01:00", Some("New"), &[]);
    only_there["mood"] = json!("kept as it is");
    let other = Home::new();
    other.journal(&[only_there, shared, theirs]);
    let theirs = home.write("theirs.jsonl", &common::text(&other.journal_bytes()));
    home.run(&["import", theirs.to_str().unwrap()])
        .success()
        .stdout(predicate::str::starts_with("Imported 1 entry"))
        .stdout(predicate::str::contains("(1 already there, skipped)"))
        .stderr(predicate::str::contains("1 entry was in the journal with other content"));
    let entries = home.entries();
    let titles: Vec<&str> = entries.iter().map(|entry| entry["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["New", "Same", "Theirs, edited later"], "time order, the later edit kept");
    assert_eq!(entries[0]["mood"], "kept as it is");
    let aside = home.set_aside("conflict");
    assert_eq!(aside.len(), 1);
    let kept: Value = serde_json::from_str(aside[0].trim()).unwrap();
    assert_eq!(kept["title"], "Mine");
    // `check` names the file, whose versions are kept, not lost.
    let checked = common::text(&home.command().arg("check").output().unwrap().stdout);
    let named = if common::sealed() { "aside: " } else { "set aside: " };
    assert!(
        checked.lines().any(|line| line.starts_with(named) && line.contains(".conflict-")
            || line.starts_with(named) && line.contains("/conflict-")),
        "{checked}"
    );
    home.run(&["import", theirs.to_str().unwrap()])
        .success()
        .stdout(predicate::str::starts_with("Imported 0 entries"))
        .stdout(predicate::str::contains("(3 already there, skipped)"));
}

/// An import given again, whose version of an entry lost to the journal's
/// the first time, does not set that version aside a second time.
#[test]
fn a_version_set_aside_once_is_not_set_aside_again() {
    let home = Home::new();
    let mut ours = common::entry("kept000001", "jrnl", "2026-01-05T09:00:00+01:00", Some("Ours, edited later"), &[]);
    ours["edited"] = json!("2026-02-01T09:00:00+01:00");
    home.journal(std::slice::from_ref(&ours));
    let mut older = ours.clone();
    older["title"] = json!("Older");
    older["edited"] = json!("2026-01-10T09:00:00+01:00");
    let file = home.write("older.json", &serde_json::to_string(&[&older]).unwrap());
    home.run(&["import", file.to_str().unwrap()])
        .success()
        .stderr(predicate::str::contains("1 entry was in the journal with other content"));
    home.run(&["import", file.to_str().unwrap()])
        .success()
        .stdout(predicate::str::contains("(1 already there, skipped)"))
        .stderr(predicate::str::is_empty());
    home.run(&["import", file.to_str().unwrap(), "--lang", "nl"])
        .success()
        .stdout(predicate::str::contains("(1 stond er al, overgeslagen)"));
    let aside = home.set_aside("conflict");
    assert_eq!(aside.len(), 1, "one file: {aside:?}");
    assert_eq!(aside[0].lines().count(), 1);
    assert_eq!(home.entries()[0]["title"], "Ours, edited later");
}

#[test]
fn an_entry_given_several_times_in_one_import_is_one_entry_and_loses_no_version() {
    let home = Home::new();
    let first = common::entry("twice00001", "jrnl", "2026-01-05T09:00:00+01:00", Some("First"), &[]);
    let mut later = first.clone();
    later["title"] = json!("Edited later");
    later["edited"] = json!("2026-02-01T09:00:00+01:00");
    let mut earlier = first.clone();
    earlier["title"] = json!("Edited earlier");
    earlier["edited"] = json!("2026-01-20T09:00:00+01:00");
    let other = common::entry("other00002", "jrnl", "2026-01-01T09:00:00+01:00", Some("Other"), &[]);
    let given = [&first, &other, &later, &first, &earlier, &other];
    let file = home.write("export.json", &serde_json::to_string(&given).unwrap());
    home.run(&["import", file.to_str().unwrap()])
        .success()
        .stdout(predicate::str::starts_with("Imported 2 entries"))
        .stdout(predicate::str::contains("(2 already there, skipped)"))
        .stderr(predicate::str::contains("2 entries were in the journal with other content"));
    let entries = home.entries();
    let titles: Vec<&str> = entries.iter().map(|entry| entry["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["Other", "Edited later"], "one entry each, the version edited last");
    let aside = home.set_aside("conflict");
    assert_eq!(aside.len(), 1, "one file for the versions set aside");
    let aside: Vec<Value> = aside[0].lines().map(|line| serde_json::from_str(line).unwrap()).collect();
    let mut lost: Vec<&str> = aside.iter().map(|entry| entry["title"].as_str().unwrap()).collect();
    lost.sort_unstable();
    assert_eq!(lost, ["Edited earlier", "First"], "every other version set aside");
}
#[test]
fn a_line_of_a_newer_bezin_is_kept_byte_for_byte_left_out_once_and_counted() {
    let home = Home::new();
    let newer = r#"{"format":99,"id":"newer00001","set":"five-tips","answers":{"future":true}}"#;
    let old = common::entry("old0000001", "five-tips", "2026-11-20T10:00:00+01:00", None, &[]);
    let other = common::entry("old0000002", "five-tips", "2026-11-21T10:00:00+01:00", None, &[]);
    home.write_journal(format!("{old}\n{newer}\n{newer}\n{other}\n"));
    home.run(&["list"])
        .success()
        .stdout(predicate::str::contains("old0000").count(2))
        .stderr(predicate::str::contains("written by a newer bezin").count(1));
    home.run(&["edit", "old0000002", "--title", "Changed"]).success();
    home.run(&["delete", "old0000001", "--yes"]).success();
    // Byte for byte in the journal; in a folder of logs, in this device's
    // log, where a compaction keeps each of its records once.
    let lines = if common::sealed() { home.journal_bytes() } else { std::fs::read(home.log()).unwrap() };
    let lines = String::from_utf8(lines).unwrap();
    assert_eq!(lines.lines().filter(|line| line.contains("newer0")).collect::<Vec<_>>(), vec![newer]);
    assert_eq!(lines.lines().next(), Some(newer));
    let says = "newer: 1 entry written by a newer bezin, kept as it is";
    home.run(&["check"]).stdout(predicate::str::contains(says));
}

#[test]
fn odd_arguments_and_settings_get_a_sentence_quickly() {
    let home = Home::new();
    home.save("five-tips", FIVE_TIPS, &[]);
    for (args, says) in [
        (&["list", "--since", "99999999y"][..], "reaches back further than bezin counts days"),
        (&["list", "--until", "9999999d"], "reaches back further than bezin counts days"),
        (&["search", "x", "--since=-99999999999w"], "reaches back further than bezin counts days"),
    ] {
        home.run(args).code(2).stderr(predicate::str::contains(says));
    }
    for tz in ["/dev/zero", "../../../../dev/zero", ":/dev/urandom"] {
        let mut command = home.command();
        command.env("TZ", tz).args(["list"]).timeout(common::PATIENCE);
        command.assert().success().stderr(predicate::str::contains("times are in UTC"));
    }
}

#[test]
fn stats_leave_out_scale_answers_outside_their_scale_with_a_warning() {
    let home = Home::new();
    let mut odd = common::entry("odd0000001", "five-tips", "2026-11-20T10:00:00+01:00", None, &[]);
    odd["answers"] = json!([
        {"prompt": "calm", "kind": "scale", "question": "Calm?", "range": [10, 1], "answer": 5},
        {"prompt": "calm", "kind": "scale", "question": "Calm?", "range": [1, 10], "answer": i64::MAX},
        {"prompt": "calm", "kind": "scale", "question": "Calm?", "range": [1, 10], "answer": 7}
    ]);
    home.journal(&[odd]);
    home.run(&["stats"]).success().stderr(predicate::str::contains("2 scale answers lie outside their scale"));
    let mut one_odd = common::entry("odd0000002", "five-tips", "2026-11-21T10:00:00+01:00", None, &[]);
    one_odd["answers"] =
        json!([{"prompt": "calm", "kind": "scale", "question": "Calm?", "range": [1, 10], "answer": 11}]);
    let one = Home::new();
    one.journal(&[one_odd]);
    one.run(&["stats"])
        .success()
        .stderr(predicate::str::contains("1 scale answer lies outside its scale; the trends leave it out"));
    one.run(&["stats", "--lang", "nl"])
        .success()
        .stderr(predicate::str::contains("1 antwoord op een schaal valt buiten die schaal; de trends laten het weg"));
    let stats: Value = serde_json::from_str(&home.stdout(&["stats", "--json"])).unwrap();
    assert_eq!(stats["scales"][0]["answers"], 1);
    assert_eq!(stats["out_of_range"], 2);
}

#[test]
fn a_when_chain_a_thousand_deep_validates_and_runs() {
    let home = Home::new();
    let mut set = String::from("id = \"deep\"\nversion = 1\ntitle = \"Deep\"\ndescription = \"D\"\n");
    let mut answers = String::new();
    for n in 0..1000 {
        write!(set, "\n[[prompts]]\nid = \"p{n}\"\nkind = \"confirm\"\nask = \"Q{n}?\"\n").unwrap();
        if n > 0 {
            writeln!(set, "when = {{ prompt = \"p{}\", equals = true }}", n - 1).unwrap();
        }
        writeln!(answers, "p{n} = true").unwrap();
    }
    let file = home.write("prompts/deep.toml", &set);
    home.run(&["sets", "validate", file.to_str().unwrap()]).success();
    home.save("deep", &answers, &[]);
    assert_eq!(home.entries()[0]["answers"].as_array().unwrap().len(), 1000);
}

#[test]
fn date_filters_are_exact_on_a_journal_out_of_time_order() {
    let home = Home::new();
    let day = |id: &str, finished: &str| common::entry(id, "five-tips", finished, None, &[]);
    home.journal(&[
        day("late000001", "2026-11-12T09:00:00+01:00"),
        day("early00001", "2026-11-10T23:30:00-05:00"),
        day("mid0000001", "2026-11-11T01:00:00+09:00"),
        day("before0001", "2026-11-09T12:00:00+00:00"),
    ]);
    let ids = |args: &[&str]| -> Vec<String> {
        let listed: Value = serde_json::from_str(&home.stdout(args)).unwrap();
        let mut ids: Vec<String> =
            listed.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect();
        ids.sort();
        ids
    };
    let range = ["--since", "2026-11-10", "--until", "2026-11-11"];
    assert_eq!(ids(&[&["list", "--json"][..], &range].concat()), ["early00001", "mid0000001"]);
    assert_eq!(ids(&[&["export", "--format", "json"][..], &range].concat()), ["early00001", "mid0000001"]);
    let stats: Value = serde_json::from_str(&home.stdout(&[&["stats", "--json"][..], &range].concat())).unwrap();
    assert_eq!(stats["entries"], 2);
}

#[test]
fn a_save_stands_when_its_message_cannot_be_shown() {
    let home = Home::new();
    let answers = home.write("answers.toml", FIVE_TIPS);
    let mut command = home.process();
    command.args(["run", "five-tips", "--answers", answers.to_str().unwrap()]);
    command.stdout(std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap());
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(4));
    let err = common::text(&output.stderr);
    assert!(err.contains("done, but a message could not be shown") && !err.contains("internal error"), "{err}");
    assert_eq!(home.entries().len(), 1, "saved once");

    let script = format!("exec {} run five-tips --answers {} >&-", common::BEZIN, answers.display());
    let mut closed = std::process::Command::new("sh");
    common::scrub(&mut closed);
    closed.args(["-c", &script]).env("BEZIN_HOME", home.path());
    let output = closed.output().unwrap();
    assert!(output.status.success() && !common::text(&output.stderr).contains("internal error"));
    assert_eq!(home.entries().len(), 2, "saved once more");
}

#[test]
fn every_printing_command_ends_quietly_when_the_reader_closes_the_pipe() {
    let home = Home::new();
    let long = "a long answer that fills the pipe ".repeat(40);
    let entries: Vec<Value> = (0..400)
        .map(|n| {
            let mut entry = common::entry(&format!("pipe{n:06}"), "five-tips", "2026-11-20T10:00:00+01:00", None, &[]);
            entry["answers"][0]["answer"] = json!(long);
            entry["answers"].as_array_mut().unwrap().push(json!(
                {"prompt": "calm", "kind": "scale", "question": "Calm?", "range": [1, 10], "answer": 5}
            ));
            entry
        })
        .collect();
    home.journal(&entries);
    // Owner-only, so that check finds nothing wrong and exits 0.
    for path in [home.path(), &home.journal_place()] {
        let mode = if path.is_dir() { 0o700 } else { 0o600 };
        std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(mode)).unwrap();
    }
    let commands: &[&[&str]] = &[
        &["list", "-n", "400"],
        &["list", "--json", "-n", "400"],
        &["show", "last"],
        &["search", "answer"],
        &["search", "answer", "--json"],
        &["export"],
        &["export", "--format", "json"],
        &["stats"],
        &["stats", "--json"],
        &["check"],
        &["sets"],
        &["sets", "show", "five-tips"],
    ];
    for args in commands {
        let mut command = home.process();
        command.args(*args).stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
        let mut child = command.spawn().unwrap();
        let mut first = [0; 1];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut first).unwrap();
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        assert!(output.status.success(), "{args:?}: {:?} {}", output.status, common::text(&output.stderr));
        assert!(output.stderr.is_empty(), "{args:?} said: {}", common::text(&output.stderr));
    }
}

#[test]
fn rewrites_killed_at_random_moments_leave_nothing_the_next_write_does_not_clear() {
    let home = Home::new();
    let entries: Vec<Value> = (0..3000)
        .map(|n| common::entry(&format!("kill{n:06}"), "five-tips", "2026-11-20T10:00:00+01:00", None, &[]))
        .collect();
    home.journal(&entries);
    let before = home.entries().len();
    let mut rng = fastrand::Rng::with_seed(7);
    for round in 0..25 {
        let mut child = start(&home, &["edit", "kill000001", "--title", &format!("Round {round}")]);
        std::thread::sleep(std::time::Duration::from_micros(rng.u64(0..30_000)));
        let _ = child.kill();
        let _ = child.wait();
    }
    let leftovers = || {
        std::fs::read_dir(home.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|file| file.file_name().to_string_lossy().starts_with(".journal.jsonl.rewrite-"))
            .count()
    };
    let left = leftovers();
    if left > 0 {
        home.run(&["check"]).stdout(predicate::str::contains("is left from a change that was stopped"));
    }
    home.save("five-tips", FIVE_TIPS, &[]);
    assert_eq!(leftovers(), 0, "the next write removes the {left} leftovers");
    assert_eq!(home.entries().len(), before + 1, "every entry whole and there");
    home.run(&["check"]).stdout(predicate::str::contains("left from a change").not());
}

#[test]
fn a_full_disk_never_leaves_a_half_written_line() {
    if common::about_the_plain_file() {
        return;
    }
    let home = Home::new();
    home.save("five-tips", FIVE_TIPS, &[]);
    // Fill the journal up to a little under a file size limit of 8 KiB.
    let mut lines = String::from_utf8(home.journal_bytes()).unwrap();
    let mut n = 0;
    while lines.len() < 7 * 1024 {
        lines +=
            &(common::entry(&format!("fill{n:06}"), "jrnl", "2026-01-01T09:00:00+01:00", None, &[]).to_string() + "\n");
        n += 1;
    }
    home.write_journal(&lines);
    let answers =
        home.write("big.toml", &FIVE_TIPS.replace("desire = \"x\"", &format!("desire = \"{}\"", "y".repeat(3000))));
    // Past the limit a write fails (the signal it would send is ignored), as on a full disk.
    let script =
        format!("trap '' XFSZ; ulimit -f 8; exec {} run five-tips --answers {}", common::BEZIN, answers.display());
    let mut command = std::process::Command::new("bash");
    common::scrub(&mut command);
    command.args(["-c", &script]).env("BEZIN_HOME", home.path());
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(3), "{}", common::text(&output.stderr));
    assert!(common::text(&output.stderr).contains("could not write to the journal"));
    assert_eq!(String::from_utf8(home.journal_bytes()).unwrap(), lines, "the journal is as it was");
}

#[test]
fn fields_bezin_does_not_know_survive_the_json_export_and_its_import() {
    let home = Home::new();
    let mut entry = common::entry("unk0000001", "five-tips", "2026-11-20T10:00:00+01:00", None, &[]);
    entry["mood"] = json!({"colour": "blue", "why": "\u{9b}hidden\u{202e}"});
    home.journal(&[entry.clone()]);
    let exported = home.stdout(&["export", "--format", "json"]);
    assert!(!exported.contains('\u{9b}') && !exported.contains('\u{202e}'), "escaped: {exported}");
    let back: Value = serde_json::from_str(&exported).unwrap();
    assert_eq!(back[0]["mood"], entry["mood"]);
    let other = Home::new();
    let file = other.write("export.json", &exported);
    other.run(&["import", file.to_str().unwrap()]).success();
    assert_eq!(other.entries()[0]["mood"], entry["mood"]);
}

#[test]
fn an_entry_written_by_another_tool_with_spaces_is_found_by_its_id() {
    let home = Home::new();
    let spaced = common::entry("spaced01", "five-tips", "2026-01-02T10:00:00+01:00", Some("Spaced"), &[]);
    let follower = serde_json::json!({"follows": "spaced01"});
    let mut later = common::entry("later001", "five-tips", "2026-01-03T10:00:00+01:00", None, &[]);
    later["follows"] = follower["follows"].clone();
    let lines = format!("{}\n{}\n", serde_json::to_string_pretty(&spaced).unwrap().replace('\n', ""), later);
    home.write_journal(lines);
    let shown = home.stdout(&["show", "spaced"]);
    assert!(shown.contains("Spaced") && shown.contains("Followed by: later00"), "{shown}");
    home.run(&["show", "later001"]).success().stdout(predicates::str::contains("Follows: spaced0"));
    home.run(&["delete", "spaced01", "--yes"]).success();
    assert_eq!(home.entries().len(), 1);
}

/// A field bezin does not know inside an answer stays through an edit of
/// the title, an edit of the answers, and an import of a changed copy.
#[test]
fn fields_bezin_does_not_know_inside_an_answer_survive_edit_and_import() {
    let home = Home::new();
    let mut entry = common::entry("ans0000001", "five-tips", "2026-11-20T10:00:00+01:00", None, &[]);
    entry["answers"][0]["prompt"] = json!("not-knowing");
    entry["answers"][0]["mood"] = json!({"colour": "blue"});
    home.journal(&[entry.clone()]);
    home.run(&["edit", "ans0", "--title", "Kept"]).success();
    let answers = home.write("change.toml", "not-knowing = \"Changed\"\n");
    home.run(&["edit", "ans0", "--answers", answers.to_str().unwrap()]).success();
    let edited = home.entries().pop().unwrap();
    assert_eq!(edited["answers"][0]["answer"], "Changed");
    assert_eq!(edited["answers"][0]["mood"], json!({"colour": "blue"}));
    let mut newer = edited.clone();
    newer["title"] = json!("Newer");
    newer["edited"] = json!("2030-01-01T10:00:00+01:00");
    let file = home.write("theirs.jsonl", &format!("{newer}\n"));
    home.run(&["import", file.to_str().unwrap()]).success();
    let imported = home.entries().pop().unwrap();
    assert_eq!((&imported["title"], &imported["answers"][0]["mood"]), (&json!("Newer"), &json!({"colour": "blue"})));
}

/// A journal is known by its lines, not by how its first bytes look: a
/// line that puts `id` first or starts with a space imports; a file of
/// nothing but damaged lines is refused; an entry held in format 1 and
/// given back in format 2 (as `list --json` gives it) is the entry it was.
#[test]
fn a_journal_is_known_by_parsing_its_lines() {
    let home = Home::new();
    let entry = common::entry("first00001", "five-tips", "2026-11-20T10:00:00+01:00", None, &[]);
    let id_first = format!("{{\"id\":\"idfirst001\",{}", &entry.to_string()[1..].replace("\"id\":\"first00001\",", ""));
    let spaced = format!("  {}", entry.to_string().replace("first00001", "spaced0001"));
    let file = home.write("other.jsonl", &format!("{id_first}\n{spaced}\n"));
    home.run(&["import", file.to_str().unwrap()]).success().stdout(predicate::str::contains("Imported 2 entries"));
    let damaged = home.write("damaged.jsonl", "{\"format\":2,\"id\":\"x\"}\n{\"format\":2, broken\n");
    home.run(&["import", damaged.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("every one of its 2 lines is damaged; nothing was imported"));
    let one_damaged = home.write("one-damaged.jsonl", "{\"format\":2, broken\n");
    home.run(&["import", one_damaged.to_str().unwrap(), "--lang", "nl"])
        .code(2)
        .stderr(predicate::str::contains("de enige regel is beschadigd; er is niets geïmporteerd"));

    let mut old = common::entry("old0000001", "five-tips", "2026-11-21T10:00:00+01:00", None, &[]);
    old["answers"] =
        json!([{"prompt": "frame", "kind": "choice", "question": "Which frame?", "answer": "lack of time"}]);
    let mut journal = home.entries();
    journal.push(old);
    home.journal(&journal);
    let listed = home.stdout(&["list", "--json"]);
    assert!(listed.contains(r#""id":"time""#), "{listed}");
    let file = home.write("listed.json", &listed);
    home.run(&["import", file.to_str().unwrap()])
        .success()
        .stdout(predicate::str::contains("(3 already there, skipped)"));
    assert!(home.set_aside("conflict").is_empty());
    assert_eq!(home.entries().len(), 3);
}

/// An entry whose times are not RFC 3339 with an offset within a day is
/// not imported: other tools and older readers could not read them.
#[test]
fn an_import_with_a_time_beyond_rfc_3339_is_refused() {
    let home = Home::new();
    for (field, stamp) in [("finished", "2026-11-20T10:00:00+25:59"), ("started", "2026-11-20T10:00+05:30")] {
        let mut odd = common::entry("odd0000001", "five-tips", "2026-11-20T10:00:00+01:00", None, &[]);
        odd[field] = json!(stamp);
        let file = home.write("odd.jsonl", &format!("{odd}\n"));
        home.run(&["import", file.to_str().unwrap()])
            .code(2)
            .stderr(predicate::str::contains(format!("its {field} '{stamp}' is not a time as bezin records one")));
    }
    assert!(home.entries().is_empty());
}
