//! The screen as a terminal draws it: tables and cut text measured a
//! grapheme at a time whatever a title, tag, set title or name holds; any
//! size of terminal, from a row or a column to a `COLUMNS` beyond any
//! screen; and an answer typed back unchanged kept as it was.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use common::{BEZIN, DOWN, ENTER, Home, at, text};
use rexpect::session::{PtySession, spawn_with_options};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Emoji with a presentation selector, as a title of a few of them panicked.
const SUNS: &str = "☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️☀️";
const FAMILY: &str = "👨‍👩‍👧‍👦👩‍👩‍👦👨‍👨‍👧‍👧👨‍👩‍👧‍👦👩‍👩‍👦👨‍👨‍👧‍👧👨‍👩‍👧‍👦👩‍👩‍👦👨‍👨‍👧‍👧👨‍👩‍👧‍👦👩‍👩‍👦👨‍👨‍👧‍👧👨‍👩‍👧‍👦";
const FLAGS: &str = "🇳🇱🇧🇪🇯🇵🇳🇱🇧🇪🇯🇵🇳🇱🇧🇪🇯🇵🇳🇱🇧🇪🇯🇵🇳🇱🇧🇪🇯🇵🇳🇱🇧🇪🇯🇵🇳🇱🇧🇪🇯🇵";
const KEYCAPS: &str = "1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣9️⃣0️⃣#️⃣*️⃣1️⃣2️⃣3️⃣4️⃣5️⃣6️⃣7️⃣8️⃣9️⃣0️⃣#️⃣*️⃣";
const CJK: &str = "日本語のタイトルはとても長いです、本当に長いです。中文标题也很长很长很长";
const HIDDEN: &str = "zero\u{200b}width\u{200c}join\u{2060}er\u{feff}s and a joiner\u{200d}alone in a long title";

/// A letter with an accent, decomposed: `ω` appears nowhere else, so every
/// `ω` on the screen must keep its accent.
fn accents() -> String {
    "ω\u{301}".repeat(60)
}

/// A letter under a flood of combining marks.
fn flood() -> String {
    format!("Z{}algo and more words after it", "\u{301}".repeat(3000))
}

/// A set whose title, question and labels are wide, and entries of it and
/// of five-tips whose titles, tags and names hold emoji, CJK, combining
/// marks and zero-width characters. Returns the home and an entry's id.
fn wide_home() -> (Home, String) {
    let home = Home::new();
    let wide_set = format!(
        "id = \"wereld\"\nversion = 1\ntitle = \"🌍 {CJK} {SUNS}\"\ndescription = \"{FLAGS}\"\n\n\
         [[prompts]]\nid = \"who\"\nkind = \"text\"\nperson = true\nask = \"Who? {FAMILY}\"\n\n\
         [[prompts]]\nid = \"mood\"\nkind = \"choice\"\nask = \"{KEYCAPS} {CJK}\"\n\
         options = [{{ id = \"sun\", label = \"{SUNS}\" }}, {{ id = \"flag\", label = \"{FLAGS}\" }}]\n\n\
         [[prompts]]\nid = \"calm\"\nkind = \"scale\"\nmin = 1\nmax = 10\nask = \"{CJK}{SUNS}\"\n"
    );
    home.write("prompts/wereld.toml", &wide_set);
    let mut id = String::new();
    let names = [FAMILY.to_owned(), FLAGS.to_owned(), CJK.to_owned(), flood(), accents(), KEYCAPS.to_owned()];
    let titles = [SUNS.to_owned(), CJK.to_owned(), flood(), accents(), HIDDEN.to_owned(), FAMILY.to_owned()];
    for (n, (name, title)) in names.iter().zip(&titles).enumerate() {
        let answers = format!("who = {}\nmood = \"{}\"\ncalm = {}\n", toml_string(name), ["sun", "flag"][n % 2], n + 2);
        home.save("wereld", &answers, &["--title", title, "--tag", &format!("{SUNS}{n}"), "--tag", &CJK[..12]]);
        let five_tips = common::FIVE_TIPS.replace("\"Anna\"", &toml_string(name));
        id = home.save("five-tips", &five_tips, &["--title", title, "--tag", "日本"]);
    }
    (home, id)
}

fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// Fails when a line is wider than `columns` as unicode-width measures it,
/// or is cut inside a grapheme: half a flag, a trailing joiner, a letter
/// parted from its accent, a flood of marks shown whole.
fn assert_fits(line: &str, columns: usize, what: &str) {
    assert!(line.width() <= columns, "{what}: {line:?} is {} columns wide, more than {columns}", line.width());
    for grapheme in line.graphemes(true) {
        let indicators = grapheme.chars().filter(|c| ('\u{1f1e6}'..='\u{1f1ff}').contains(c)).count();
        assert!(indicators != 1, "{what}: half a flag in {line:?}");
        assert!(!grapheme.ends_with('\u{200d}'), "{what}: a trailing joiner in {line:?}");
        assert!(grapheme.chars().count() <= 16, "{what}: a flood of {} marks shown whole", grapheme.chars().count());
        assert!(!grapheme.starts_with('ω') || grapheme.ends_with('\u{301}'), "{what}: an accent lost in {line:?}");
    }
}

#[test]
fn tables_and_cut_text_fit_100_80_60_and_41_columns_whatever_the_text_holds() {
    let (home, id) = wide_home();
    let commands: [&[&str]; 10] = [
        &[],
        &["--lang", "nl"],
        &["list"],
        &["people"],
        &["stats"],
        &["sets"],
        &["sets", "show", "wereld"],
        &["search", "and"],
        &["show", &id],
        &["about", FAMILY],
    ];
    for columns in [100, 80, 60, 41] {
        for args in commands {
            let output = home.command().env("COLUMNS", columns.to_string()).args(args).output().unwrap();
            let what = format!("bezin {args:?} at {columns} columns");
            assert!(output.status.success(), "{what}: {}", text(&output.stderr));
            assert!(output.stderr.is_empty(), "{what}: {}", text(&output.stderr));
            let stdout = text(&output.stdout);
            assert!(stdout.lines().count() > 1, "{what}: {stdout}");
            // A command to copy stands whole on a line of its own: cut, it would not work. From 60
            // columns up, one that looks back on a conversation fits, named by its short id.
            let long = |line: &&str| columns < 60 && line.trim_start().starts_with("bezin run ");
            for line in stdout.lines().filter(|line| !long(line)) {
                assert_fits(line, columns, &what);
            }
        }
    }
    let list = home.stdout(&["list"]);
    assert!(list.contains(&accents()) && list.contains(CJK) && list.contains(SUNS), "uncut without a terminal: {list}");
}

#[test]
fn columns_beyond_any_screen_are_taken_as_the_widest_bezin_fits() {
    let (home, _) = wide_home();
    for columns in ["18446744073709551615", "100000000", "99999999999999999999999999999"] {
        for args in [&["stats"][..], &["list"], &["people"], &[]] {
            let output = home.command().env("COLUMNS", columns).args(args).output().unwrap();
            assert!(output.status.success(), "COLUMNS={columns} {args:?}: {}", text(&output.stderr));
            assert!(output.stdout.len() < 200_000, "COLUMNS={columns} {args:?} wrote {} bytes", output.stdout.len());
            for line in text(&output.stdout).lines() {
                assert_fits(line, 1000, &format!("COLUMNS={columns} {args:?}"));
            }
        }
    }
}

/// A set with a question of each kind that lists: a choice and a multi.
const LISTS: &str = "id = \"lists\"\nversion = 1\ntitle = \"Lists\"\ndescription = \"Lists.\"\n\n\
    [[prompts]]\nid = \"who\"\nkind = \"text\"\nask = \"Who?\"\n\n\
    [[prompts]]\nid = \"how\"\nkind = \"choice\"\nask = \"How?\"\n\
    options = [{ id = \"a\", label = \"Apple\" }, { id = \"b\", label = \"Banana\" }, { id = \"c\", label = \"Cherry\" }]\n\n\
    [[prompts]]\nid = \"what\"\nkind = \"multi\"\nask = \"What?\"\n\
    options = [{ id = \"x\", label = \"Xylophone\" }, { id = \"y\", label = \"Yak\" }, { id = \"z\", label = \"Zebra\" }]\n";

/// `bezin ARGS` in a pseudo-terminal of `rows` and `columns` (0 for one
/// that does not say), set with stty before bezin starts.
fn spawn_sized(home: &Home, rows: u16, columns: u16, args: &[&str]) -> PtySession {
    let editor = home.write("editor.sh", "#!/bin/sh\nexit 1\n");
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    let mut command = std::process::Command::new("sh");
    common::scrub(&mut command);
    command
        .args(["-c", &format!("stty rows {rows} cols {columns} && exec \"$0\" \"$@\""), BEZIN])
        .args(args)
        .env("BEZIN_HOME", home.path())
        .env("EDITOR", &editor)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    spawn_with_options(command, common::patient(true)).unwrap()
}

/// Answers the lists set on a terminal too small for dialoguer's lists:
/// the items numbered, the numbers typed (a number typed replaces the one
/// offered; Enter alone keeps it, as for Save), then saves.
fn typed_through(p: &mut PtySession) {
    at(p, "›", &format!("Anna{ENTER}"));
    at(p, "Cherry", "");
    at(p, "›", &format!("3{ENTER}"));
    at(p, "Zebra", "");
    at(p, "›", &format!("1 3{ENTER}"));
    at(p, "Save", "");
    at(p, "›", ENTER);
    at(p, "Title", &format!("Small{ENTER}"));
    at(p, "Tags", ENTER);
    p.exp_eof().unwrap();
}

#[test]
fn a_terminal_of_a_row_or_two_or_a_column_answers_its_lists_with_typed_numbers() {
    for (rows, columns) in [(2, 80), (1, 80), (24, 1), (1, 1)] {
        let home = Home::new();
        home.write("prompts/lists.toml", LISTS);
        let mut p = spawn_sized(&home, rows, columns, &["run", "lists"]);
        typed_through(&mut p);
        let entries = home.entries();
        let answers: Vec<&serde_json::Value> =
            entries[0]["answers"].as_array().unwrap().iter().map(|a| &a["answer"]).collect();
        assert_eq!(entries[0]["title"], "Small", "{rows}x{columns}");
        assert_eq!(answers[0], "Anna", "{rows}x{columns}");
        assert_eq!(answers[1]["id"], "c", "{rows}x{columns}: {answers:?}");
        let picked: Vec<&str> = answers[2].as_array().unwrap().iter().map(|p| p["id"].as_str().unwrap()).collect();
        assert_eq!(picked, ["x", "z"], "{rows}x{columns}");
    }
}

#[test]
fn a_terminal_that_gives_no_size_gets_the_usual_lists() {
    let home = Home::new();
    home.write("prompts/lists.toml", LISTS);
    let mut p = spawn_sized(&home, 0, 0, &["run", "lists"]);
    at(&mut p, "Who?", &format!("Anna{ENTER}"));
    at(&mut p, "Cherry", &format!("{DOWN}{DOWN}{ENTER}"));
    at(&mut p, "Zebra", &format!(" {ENTER}"));
    common::save_untitled(&mut p);
    p.exp_eof().unwrap();
    assert_eq!(home.entries()[0]["answers"][1]["answer"]["id"], "c");
}

#[test]
fn an_answer_holding_a_control_character_typed_back_unchanged_keeps_it() {
    let home = Home::new();
    home.write("prompts/lists.toml", LISTS);
    let draft = serde_json::json!({
        "id": "draft00001", "set": "lists", "set_version": 1, "lang": "en",
        "started": "2026-11-22T10:00:00+01:00", "updated": "2026-11-22T10:00:00+01:00", "follows": null,
        "answers": [["who", {"text": "An\u{1b}[2Jna\u{200e}"}]], "title": "Ti\u{1b}tle", "tags": []
    });
    home.write("drafts/draft00001.json", &draft.to_string());
    let mut p = common::spawn(&home, &["run", "lists", "--resume"]);
    // Back from the next question to the name, shown in its visible form; Enter keeps it.
    at(&mut p, "‹ previous question", &format!("{DOWN}{DOWN}{DOWN}{ENTER}"));
    at(&mut p, "An^[[2Jna<U+200E>", ENTER);
    at(&mut p, "How?", ENTER);
    at(&mut p, "What?", &format!(" {ENTER}"));
    at(&mut p, "❯ Save", ENTER);
    at(&mut p, "Ti^[tle", ENTER);
    at(&mut p, "Tags", ENTER);
    p.exp_eof().unwrap();
    let entry = &home.entries()[0];
    assert_eq!(entry["answers"][0]["answer"], "An\u{1b}[2Jna\u{200e}");
    assert_eq!(entry["title"], "Ti\u{1b}tle");
}

/// A set id of 64 letters takes a quarter of a search heading at most, and
/// no heading is wider than the terminal.
#[test]
fn a_search_heading_with_a_long_set_id_fits_the_terminal() {
    let home = Home::new();
    let set = "s".repeat(64);
    home.journal(&[common::entry("long000001", &set, "2026-11-20T10:00:00+01:00", Some("Long set"), &[])]);
    for columns in [80, 41, 31, 20] {
        let output = home.command().env("COLUMNS", columns.to_string()).args(["search", "notes"]).output().unwrap();
        let stdout = text(&output.stdout);
        assert!(stdout.starts_with("long000"), "{stdout}");
        for line in stdout.lines() {
            assert_fits(line, columns, &format!("search at {columns} columns"));
        }
    }
}

/// A yes/no question longer than the terminal wraps between words, with
/// its keys on its last line.
#[test]
fn a_long_yes_no_question_wraps_between_words() {
    let home = Home::new();
    let title = "A conversation about the hours she asked for before the summer";
    let id = home.save("five-tips", common::FIVE_TIPS, &["--title", title]);
    let mut p = spawn_sized(&home, 24, 40, &["delete", &id]);
    let (shown, _) = p.exp_regex(r"\(y/N\)").unwrap();
    let lines: Vec<&str> = shown.lines().skip_while(|line| !line.starts_with("Delete")).collect();
    assert!(lines.len() > 1 && lines.iter().all(|line| line.width() <= 40), "{shown:?}");
    let words: Vec<&str> = lines.iter().flat_map(|line| line.split_whitespace()).collect();
    let asked = format!(
        "Delete {id} '{title}' of {}? This cannot be undone",
        &home.entries()[0]["finished"].as_str().unwrap()[..10]
    );
    assert_eq!(words, asked.split_whitespace().collect::<Vec<_>>(), "{shown:?}");
    p.send("n").unwrap();
    p.flush().unwrap();
    p.exp_eof().unwrap();
    assert_eq!(home.entries().len(), 1);
}
