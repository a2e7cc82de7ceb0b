//! Changing the journal: edit and delete rewrite only the entry they touch.

mod common;

use common::{DOWN, ENTER, FIVE_TIPS, Home, at, entry, spawn, text};
use predicates::prelude::*;
use serde_json::Value;

/// Three entries, the middle one a real five-tips reflection.
fn three(home: &Home) -> String {
    home.journal(&[entry("aaaa000001", "jrnl", "2026-01-10T09:00:00+01:00", Some("Ünïcode ✓ \"quoted\""), &["x"])]);
    let id = home.save("five-tips", FIVE_TIPS, &["--title", "Middle"]);
    let mut lines = String::from_utf8(home.journal_bytes()).unwrap();
    lines += &(entry("cccc000003", "five-tips", "2099-01-01T09:00:00+01:00", None, &[]).to_string() + "\n");
    home.write_journal(lines);
    id
}

fn lines(bytes: &[u8]) -> Vec<String> {
    text(bytes).lines().map(str::to_owned).collect()
}

#[test]
fn edit_from_flags_changes_only_that_entry_and_records_when() {
    let home = Home::new();
    let id = three(&home);
    let before = lines(&home.journal_bytes());
    home.write("fix.toml", "calm = 8\nframe = \"rules\"\nslow-down = [\"ask-first\", \"silence\"]\n");
    let fix = home.path().join("fix.toml");
    home.run(&["edit", &id[..4], "--title", "Renamed", "--tag", "a", "--tag", "b", "--answers", fix.to_str().unwrap()])
        .success()
        .stdout(format!("Changed {id} in {}\n", home.journal_place().display()));
    let after = lines(&home.journal_bytes());
    assert_eq!(after.len(), 3);
    assert_eq!(after[0], before[0]);
    assert_eq!(after[2], before[2]);
    let edited: Value = serde_json::from_str(&after[1]).unwrap();
    assert_eq!(edited["title"], "Renamed");
    assert_eq!(edited["tags"], serde_json::json!(["a", "b"]));
    assert_eq!(edited["answers"][2]["answer"], 8);
    assert_eq!(edited["answers"][4]["answer"], serde_json::json!({"id": "rules", "label": "rules and agreements"}));
    assert_eq!(edited["format"], 2);
    assert_eq!(
        edited["answers"][6]["answer"],
        serde_json::json!([
            {"id": "ask-first", "label": "ask one more question before I answer"},
            {"id": "silence", "label": "leave a silence"}
        ])
    );
    assert!(edited["edited"].as_str().unwrap().starts_with("20"));
    let original: Value = serde_json::from_str(&before[1]).unwrap();
    assert_eq!(edited["answers"][0], original["answers"][0]);
}

#[test]
fn a_wrong_edit_names_the_problem_and_changes_nothing() {
    let home = Home::new();
    let id = three(&home);
    let before = home.journal_bytes();
    let fix = home.write("fix.toml", "calm = 80\n");
    home.run(&["edit", &id, "--answers", fix.to_str().unwrap()]).code(2).stderr(predicate::str::ends_with(format!(
        "bezin: {}: answer to 'calm': 80 is outside the scale 1 to 10\n",
        fix.display()
    )));
    let fix = home.write("fix.toml", "mood = \"fine\"\n");
    home.run(&["edit", &id, "--answers", fix.to_str().unwrap()]).code(2).stderr(predicate::str::contains(
        "has no answer to 'mood'; it has counterpart, request, calm, not-knowing, frame, room, slow-down, desire, \
         together, open",
    ));
    home.run(&["edit", &id]).code(2).stderr(predicate::str::contains("no terminal to edit in"));
    assert_eq!(home.journal_bytes(), before);
}

#[test]
fn delete_removes_one_entry_and_leaves_every_other_byte() {
    let home = Home::new();
    let id = three(&home);
    let before = lines(&home.journal_bytes());
    home.run(&["delete", &id])
        .code(2)
        .stderr(format!("bezin: no terminal to ask in; add --yes to delete {id} without asking\n"));
    assert_eq!(lines(&home.journal_bytes()), before);
    home.run(&["delete", &id, "--yes"]).success();
    assert_eq!(lines(&home.journal_bytes()), [before[0].clone(), before[2].clone()]);
    home.run(&["show", &id]).code(2);
}

#[test]
fn a_rewritten_journal_stays_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    if common::about_the_plain_file() {
        return;
    }
    let home = Home::new();
    let id = three(&home);
    home.run(&["delete", &id, "--yes"]).success();
    // The delete compacts this device's log: a new file in place of the old.
    for file in common::files_under(&home.journal_path()) {
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, if file.is_dir() { 0o700 } else { 0o600 }, "{}", file.display());
        assert!(!file.file_name().unwrap().to_string_lossy().starts_with('.'), "no temporary files left behind");
    }
    let leftovers: Vec<_> = std::fs::read_dir(home.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".journal"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary files left behind");
}

/// What `edit` says in one language when it is left with Esc.
struct Leaving {
    lang: &'static str,
    menu: &'static str,
    title: &'static str,
    question: &'static str,
    changed: &'static str,
    not_saved: &'static str,
    nothing_changed: &'static str,
}

/// Changes the title of `id` to "Renamed" in `edit`'s menu, then presses Esc there.
fn rename_and_leave(home: &Home, id: &str, said: &Leaving) -> rexpect::session::PtySession {
    let mut p = spawn(home, &["edit", id, "--lang", said.lang]);
    at(&mut p, said.menu, &DOWN.repeat(2));
    at(&mut p, &format!("❯ {}: Middle", said.title), ENTER);
    at(&mut p, "Middle", "\u{15}Renamed\r");
    at(&mut p, said.menu, "\x1b");
    p
}

/// Esc at `edit`'s menu after a change asks whether to save it, yes unless
/// the person says no, and says so when nothing was saved; Esc with no
/// change says nothing changed.
fn esc_in_edit_keeps_changes_only_when_asked(said: &Leaving) {
    let home = Home::new();
    let id = home.save("five-tips", FIVE_TIPS, &["--title", "Middle", "--lang", said.lang]);
    let title = |home: &Home| home.entries().pop().unwrap()["title"].clone();

    let mut p = rename_and_leave(&home, &id, said);
    at(&mut p, said.question, "n");
    at(&mut p, said.not_saved, "");
    p.exp_eof().unwrap();
    assert_eq!(title(&home), "Middle");

    let mut p = spawn(&home, &["edit", &id, "--lang", said.lang]);
    at(&mut p, said.menu, "\x1b");
    at(&mut p, said.nothing_changed, "");
    p.exp_eof().unwrap();
    assert_eq!(title(&home), "Middle");

    let mut p = rename_and_leave(&home, &id, said);
    at(&mut p, said.question, ENTER);
    at(&mut p, said.changed, "");
    p.exp_eof().unwrap();
    assert_eq!(title(&home), "Renamed");
}

#[test]
fn esc_in_edit_asks_to_save_the_changes_made_in_english() {
    esc_in_edit_keeps_changes_only_when_asked(&Leaving {
        lang: "en",
        menu: "Change entry",
        title: "Title",
        question: "Save your changes? (Y/n)",
        changed: "Changed ",
        not_saved: "Nothing changed: your changes were not saved.",
        nothing_changed: "Nothing changed.",
    });
}

#[test]
fn esc_in_edit_asks_to_save_the_changes_made_in_dutch() {
    esc_in_edit_keeps_changes_only_when_asked(&Leaving {
        lang: "nl",
        menu: "Reflectie wijzigen",
        title: "Titel",
        question: "Je wijzigingen bewaren? (J/n)",
        changed: " gewijzigd in ",
        not_saved: "Niets gewijzigd: je wijzigingen zijn niet bewaard.",
        nothing_changed: "Niets gewijzigd.",
    });
}
