//! Nothing lost: drafts and resume, a closed terminal, crashes, writers at
//! once, damaged journals, a journal that cannot be written, and answers of
//! every size and script.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{BEZIN, ENTER, FIVE_TIPS, Home, at, drafts, entry, save_untitled, spawn, text};
use predicates::prelude::*;
use serde_json::Value;

#[test]
fn ctrl_c_halfway_keeps_a_draft_and_resume_finishes_it_with_both_halves() {
    let home = Home::new();
    let mut p = spawn(&home, &["run", "check-the-potential"]);
    at(&mut p, "(1/10) How frustrated", ENTER);
    at(&mut p, "(2/10) What is stuck?", "The contract\r\r");
    at(&mut p, "(3/10) How is each side bracing itself", "\x03");
    at(&mut p, "Your answers so far are kept in a draft. To go on:", "");
    at(&mut p, "bezin run check-the-potential --resume", "");
    p.exp_eof().unwrap();
    let kept = drafts(&home);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["answers"][1], serde_json::json!(["stuck", "The contract"]));
    assert!(home.entries().is_empty());
    let mode = std::fs::metadata(home.path().join("drafts")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);

    let mut p = spawn(&home, &["run", "check-the-potential", "--resume"]);
    at(&mut p, "(3/10) How is each side bracing itself", "Both\r\r");
    at(&mut p, "(4/10) What did you come here for", "To help\r\r");
    at(&mut p, "(5/10) Honestly: are you still really looking and listening?", "The operation\r\r");
    at(&mut p, "(6/10) If there seem to be only losers", "Nobody\r\r");
    at(&mut p, "(7/10) Can you be gentle", "My rant\r\r");
    at(&mut p, "(8/10) From what other perspective", "Theirs\r\r");
    at(&mut p, "(9/10) What potential here is still waiting to be born?", "A direction\r\r");
    at(&mut p, "(10/10) Both sides want the best, but that only shows once they are both at the table", "Call\r");
    save_untitled(&mut p);
    at(&mut p, "Saved as", "");
    p.exp_eof().unwrap();
    let entry = home.entries().pop().unwrap();
    let answers: Vec<&Value> = entry["answers"].as_array().unwrap().iter().map(|a| &a["answer"]).collect();
    assert_eq!(answers[1], "The contract");
    assert_eq!(answers[3], "To help");
    assert_eq!(answers[4], "The operation");
    assert_eq!(answers.len(), 10);
    assert!(drafts(&home).is_empty(), "the draft goes once the entry is saved");
}

/// A title given at the end of a reflection is in the draft before the
/// tags are asked: a stop there keeps it, and going on starts from it.
#[test]
fn ctrl_c_at_the_tags_keeps_the_title_given_in_the_draft() {
    let home = Home::new();
    home.write(
        "sets/one.toml",
        "id = \"one\"\nversion = 1\ntitle = \"One\"\ndescription = \"d\"\n\n\
                                 [[prompts]]\nid = \"what\"\nkind = \"text\"\nask = \"What happened?\"\n",
    );
    let sets = home.path().join("sets").display().to_string();
    let mut p = spawn(&home, &["run", "one", "--prompts", &sets]);
    at(&mut p, "What happened?", "Enough\r");
    at(&mut p, "❯ Save", ENTER);
    at(&mut p, "Title (optional)", "Kept title\r");
    at(&mut p, "Tags, separated by commas", "\x03");
    at(&mut p, "Your answers so far are kept in a draft.", "");
    p.exp_eof().unwrap();
    let kept = drafts(&home);
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["title"], "Kept title");
    assert!(home.entries().is_empty());
}

#[test]
fn esc_steps_out_and_a_closed_terminal_keeps_the_draft_too() {
    let home = Home::new();
    let mut p = spawn(&home, &["run", "five-tips"]);
    at(&mut p, "(1/11) Who wants something", "Bram\r");
    at(&mut p, "(2/11) What exactly is Bram asking for?", "\x1b");
    at(&mut p, "bezin run five-tips --resume", "");
    p.exp_eof().unwrap();
    assert_eq!(drafts(&home).len(), 1);

    let mut p = spawn(&home, &["run", "five-tips", "--fresh"]);
    at(&mut p, "(1/11) Who wants something", "Carla\r");
    at(&mut p, "(2/11) What exactly is Carla asking for?", "");
    p.process_mut().signal(nix::sys::signal::Signal::SIGHUP).unwrap();
    p.exp_eof().unwrap();
    let mut names: Vec<String> =
        drafts(&home).iter().map(|d| d["answers"][0][1].as_str().unwrap().to_owned()).collect();
    names.sort();
    assert_eq!(names, ["Bram", "Carla"], "--fresh starts anew and the older draft stays");
}

#[test]
fn drafts_are_listed_and_discarded_after_asking() {
    let home = Home::new();
    let mut p = spawn(&home, &["run", "five-tips"]);
    at(&mut p, "(1/11) Who wants something", "Bram\r");
    at(&mut p, "(2/11) What exactly is Bram asking for?", "\x1b");
    p.exp_eof().unwrap();
    let id = drafts(&home)[0]["id"].as_str().unwrap().to_owned();
    let out = home.stdout(&["drafts"]);
    assert!(out.lines().nth(1).unwrap().starts_with(&format!("{id}  five-tips")), "{out}");
    assert!(out.lines().nth(1).unwrap().ends_with("  1"), "{out}");
    home.run(&["drafts", "discard", &id[..4]]).code(2).stderr(predicate::str::contains("add --yes"));
    let mut p = spawn(&home, &["drafts", "discard", &id[..4]]);
    at(&mut p, "Discard the unfinished 'five-tips'", "y");
    at(&mut p, &format!("Discarded the draft {id}"), "");
    p.exp_eof().unwrap();
    assert!(drafts(&home).is_empty());
}

/// Saves with `bezin run --answers` and returns the child, not waiting.
fn writer(home: &Home, answers: &std::path::Path) -> std::process::Child {
    let mut command = Command::new(BEZIN);
    common::scrub(&mut command);
    command
        .args(["run", "five-tips", "--answers"])
        .arg(answers)
        .env("BEZIN_HOME", home.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn acknowledged(child: std::process::Child) -> Option<String> {
    let out = text(&child.wait_with_output().unwrap().stdout);
    out.strip_prefix("Saved as ").map(|rest| rest.split_whitespace().next().unwrap().to_owned())
}

#[test]
fn writers_killed_at_random_moments_never_lose_an_acknowledged_entry() {
    if common::about_the_plain_file() {
        return;
    }
    let home = Home::new();
    let answers = home.write("a.toml", FIVE_TIPS);
    let mut acked = Vec::new();
    let mut rng = fastrand::Rng::with_seed(11);
    // Every third writer runs to the end, the last one too, so a line torn by
    // the last kill is mended before the journal is read.
    for round in 0..=60 {
        let mut child = writer(&home, &answers);
        if round % 3 != 0 {
            std::thread::sleep(Duration::from_micros(rng.u64(0..6000)));
            let _ = child.kill();
        }
        acked.extend(acknowledged(child));
        if round == 30 {
            let torn = &entry("torntorn00", "five-tips", "2026-01-01T09:00:00+01:00", None, &[]).to_string()[..50];
            let mut journal = std::fs::OpenOptions::new().append(true).open(home.log()).unwrap();
            std::io::Write::write_all(&mut journal, torn.as_bytes()).unwrap();
        }
    }
    assert!(acked.len() >= 20, "a third of the writers run to the end");
    let out = home.command().args(["list", "--limit", "0", "--json"]).assert().success().get_output().clone();
    assert!(!text(&out.stderr).contains("damaged"), "every line is whole: {}", text(&out.stderr));
    let listed: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = listed.iter().map(|e| e["id"].as_str().unwrap()).collect();
    for id in &acked {
        assert!(ids.contains(&id.as_str()), "acknowledged entry {id} is in the journal");
    }
    // Beside the device's log, in its own folder of the journal.
    let aside: Vec<_> = std::fs::read_dir(home.log().parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("corrupt-"))
        .collect();
    let kept: Vec<String> = aside.iter().map(|file| std::fs::read_to_string(file.path()).unwrap()).collect();
    assert!(kept.iter().any(|line| line.contains("torntorn00")), "the torn line is kept aside: {kept:?}");
}

#[test]
fn eight_writers_at_once_end_with_exactly_all_their_entries() {
    let home = Home::new();
    let answers = home.write("a.toml", FIVE_TIPS);
    let per_writer = 200;
    let acked: Vec<String> = std::thread::scope(|scope| {
        let writers: Vec<_> = (0..8)
            .map(|_| {
                scope
                    .spawn(|| (0..per_writer).filter_map(|_| acknowledged(writer(&home, &answers))).collect::<Vec<_>>())
            })
            .collect();
        writers.into_iter().flat_map(|w| w.join().unwrap()).collect()
    });
    assert_eq!(acked.len(), 8 * per_writer);
    let lines = text(&home.journal_bytes());
    let mut ids: Vec<String> = lines
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap()["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), 8 * per_writer);
    ids.sort();
    let mut expected = acked.clone();
    expected.sort();
    assert_eq!(ids, expected);
}

#[test]
fn a_damaged_line_in_the_middle_is_skipped_with_a_warning_and_check_names_it() {
    let home = Home::new();
    let lines = format!(
        "{}\n{{\"format\":1,\"id\":\"broken\n{}\n\u{fffd}\u{0}not utf-8 below\n",
        entry("aaaa000001", "five-tips", "2026-01-10T09:00:00+01:00", Some("First"), &[]),
        entry("cccc000003", "five-tips", "2026-01-12T09:00:00+01:00", Some("Third"), &[]),
    );
    let mut bytes = lines.into_bytes();
    bytes.extend_from_slice(b"\xff\xfe{\n");
    home.write_journal(bytes);
    let journal = home.journal_place().display().to_string();
    if common::sealed() {
        // Encrypted, the journal is a folder of logs: the merge leaves the
        // damaged lines out, and check names each by its log and line.
        assert_eq!(home.stdout(&["list"]).lines().count(), 3);
        let out = text(&home.run(&["check"]).code(1).get_output().stdout.clone());
        for line in [2, 4, 5] {
            assert!(out.contains(&format!("problem: line {line} of {journal}/dev-")), "{out}");
        }
        return;
    }
    for args in [&["list"][..], &["export"], &["export", "--format", "json"]] {
        home.run(args)
            .success()
            .stderr(predicate::str::contains(format!("bezin: warning: {journal}:2: skipped a damaged line")))
            .stderr(predicate::str::contains(format!("{journal}:5: skipped a damaged line")));
    }
    // Search parses only the lines that could hold the text.
    home.run(&["search", "broken"])
        .success()
        .stderr(predicate::str::contains(format!("bezin: warning: {journal}:2: skipped a damaged line")));
    // Reading from the end, `show last` stops at the newest whole entry.
    home.run(&["show", "last"])
        .success()
        .stdout(predicate::str::starts_with("Third\n"))
        .stderr(predicate::str::contains(format!("{journal}:5: skipped a damaged line")));
    assert_eq!(home.stdout(&["list"]).lines().count(), 3);
    let out = home.run(&["check"]).code(1).get_output().stdout.clone();
    let out = text(&out);
    assert!(out.starts_with(&format!("journal: {journal} (2 entries)\n")), "{out}");
    assert!(out.contains("\ndrafts: 0 unfinished\n"), "{out}");
    assert!(out.contains("problem: line 2 of the journal is damaged"), "{out}");
    assert!(out.contains("problem: line 4 of the journal is damaged"), "{out}");
    assert!(out.contains("problem: line 5 of the journal is damaged"), "{out}");
}

#[test]
fn check_finds_files_open_to_others_and_is_quiet_when_all_is_well() {
    if common::about_the_plain_file() {
        return;
    }
    let home = Home::new();
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    home.save("five-tips", FIVE_TIPS, &[]);
    home.run(&["check"]).success().stdout(predicate::str::ends_with("all is well\n"));
    let log = home.log();
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o644)).unwrap();
    let journal = log.display().to_string();
    home.run(&["check"]).code(1).stdout(predicate::str::contains(format!(
        "problem: {journal} can be read by others (mode 644); chmod 600 {journal} makes it yours alone"
    )));
    // The home is the data and the settings folder at once: named once.
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let said = home.run(&["check"]).code(1).get_output().stdout.clone();
    let home_problem = format!("problem: {} can be read by others", home.path().display());
    assert_eq!(common::text(&said).matches(&home_problem).count(), 1, "{}", common::text(&said));
}

#[test]
fn a_journal_that_cannot_be_written_keeps_the_answers_in_the_draft() {
    if common::about_the_plain_file() {
        return;
    }
    let home = Home::new();
    std::fs::create_dir(home.journal_path()).unwrap();
    home.write("prompts/one.toml", "id = \"one\"\nversion = 1\ntitle = \"One\"\ndescription = \"D\"\n\n[[prompts]]\nid = \"a\"\nkind = \"text\"\nask = \"Only?\"\n");
    let mut p = spawn(&home, &["run", "one"]);
    at(&mut p, "(1/1) Only?", "Precious words\r");
    save_untitled(&mut p);
    at(
        &mut p,
        "your answers are kept in a draft; once the journal can be written, bezin run one --resume saves them",
        "",
    );
    p.exp_eof().unwrap();
    assert_eq!(drafts(&home)[0]["answers"][0][1], "Precious words");
    home.run(&["list"]).code(3).stderr(predicate::str::contains("is not a regular file"));
}

#[test]
fn with_no_room_for_the_journal_nor_a_draft_the_answers_are_printed_to_keep() {
    let home = Home::new();
    home.write("drafts", "a file where the drafts folder should be");
    home.write("prompts/one.toml", "id = \"one\"\nversion = 1\ntitle = \"One\"\ndescription = \"D\"\n\n[[prompts]]\nid = \"a\"\nkind = \"text\"\nask = \"Only?\"\n");
    let mut p = spawn(&home, &["run", "one", "--journal", "/dev/full"]);
    at(&mut p, "(1/1) Only?", "Precious words\r");
    at(&mut p, "your answers are only in memory", "");
    save_untitled(&mut p);
    at(&mut p, "a = \"Precious words\"", "");
    at(&mut p, "your answers are printed above; keep them", "");
    p.exp_eof().unwrap();
}

#[test]
fn a_megabyte_answer_and_every_kind_of_unicode_come_back_intact() {
    let home = Home::new();
    let big: String = "Één plus één is drie. ".repeat(50_000);
    let unicode =
        "Zoë 🌱 مرحبا שלום 中文 e\u{301} \u{202e}rtl\u{202c}\ttab\u{1}ctrl\r\nwindows line\n\n# not a heading";
    let mut answers: toml::Table = toml::from_str(FIVE_TIPS).unwrap();
    answers.insert("not-knowing".into(), big.clone().into());
    answers.insert("room".into(), unicode.into());
    home.save("five-tips", &toml::to_string(&answers).unwrap(), &["--title", "Ünïcødé ✓"]);
    let entry = home.entries().pop().unwrap();
    assert_eq!(entry["answers"][3]["answer"], big);
    assert_eq!(entry["answers"][5]["answer"], unicode);
    let shown = home.stdout(&["show", "last"]);
    let visible = "Zoë 🌱 مرحبا שלום 中文 e\u{301} <U+202E>rtl<U+202C>    tab^Actrl\nwindows line\n\n# not a heading";
    assert!(shown.contains(&visible.replace('\n', "\n  ")), "show prints it with its controls made visible: {shown}");
    let exported: Value = serde_json::from_str(&home.stdout(&["export", "--format", "json"])).unwrap();
    assert_eq!(exported[0]["answers"][5]["answer"], unicode);
    assert_eq!(exported[0]["answers"][3]["answer"], big);
    assert!(home.stdout(&["search", "ZOE"]).contains("Zoë"));
}

#[test]
fn ctrl_c_in_a_list_shows_the_cursor_again() {
    let home = Home::new();
    let mut command = Command::new(BEZIN);
    common::scrub(&mut command);
    command.args(["run", "five-tips"]).env("BEZIN_HOME", home.path()).env("TERM", "xterm").env("NO_COLOR", "1");
    let options = common::patient(false);
    let mut p = rexpect::session::spawn_with_options(command, options).unwrap();
    at(&mut p, "(1/11) Who wants something", "Bram\r");
    at(&mut p, "(2/11) What exactly is Bram asking for?", "More hours\r\r");
    // The scale is a list, which hides the cursor while it is shown.
    at(&mut p, "\x1b[?25l", "\x03");
    at(&mut p, "\x1b[?25h", "");
    p.exp_eof().unwrap();
    assert_eq!(drafts(&home).len(), 1);
}

#[test]
fn the_offer_to_go_on_speaks_dutch_in_a_dutch_run() {
    let home = Home::new();
    let mut p = spawn(&home, &["run", "five-tips", "--lang", "nl"]);
    at(&mut p, "(1/11) Wie wil er iets van je?", "Bram\r");
    at(&mut p, "(2/11)", "\x03");
    p.exp_eof().unwrap();
    let mut p = spawn(&home, &["run", "five-tips", "--lang", "nl"]);
    at(&mut p, "Verder gaan met de reflectie die je begon op", "");
    at(&mut p, "(J/n)", "j");
    at(&mut p, "ja", "");
    at(&mut p, "(2/11) Wat vraagt Bram precies?", "\x03");
    p.exp_eof().unwrap();
}

/// check speaks the person's language: every label and sentence in Dutch,
/// with no word of its English ones left.
#[test]
fn check_speaks_dutch_through_and_through() {
    if common::about_the_plain_file() {
        return;
    }
    let home = Home::new();
    std::fs::set_permissions(home.path(), std::fs::Permissions::from_mode(0o700)).unwrap();
    home.save("five-tips", FIVE_TIPS, &[]);
    let log = home.log();
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o644)).unwrap();
    let copy = log.with_file_name("log-000001.sync-conflict-20261203-101500-ABCDEFG.jsonl");
    std::fs::copy(&log, &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = home.run(&["check", "--lang", "nl"]).code(1).get_output().stdout.clone();
    let out = text(&out);
    for dutch in ["dagboek: ", "(1 reflectie)", "apparaten: ", "dit apparaat", "kopie: ", "concepten: 0 niet afgemaakt"]
    {
        assert!(out.contains(dutch), "{dutch} in {out}");
    }
    let said = format!("probleem: {} is door anderen te lezen (modus 644); chmod 600", log.display());
    assert!(out.contains(&said), "{out}");
    for english in ["journal:", "entries", "devices", "this device", "copy:", "drafts", "problem:", "can be", "yours"] {
        assert!(!out.contains(english), "'{english}' in {out}");
    }
    std::fs::set_permissions(&log, std::fs::Permissions::from_mode(0o600)).unwrap();
    home.run(&["check", "--lang", "nl"]).success().stdout(predicate::str::ends_with("alles is in orde\n"));
}
