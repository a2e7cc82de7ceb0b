//! Text bezin did not write: entries, prompt sets, drafts, file names and
//! arguments full of escape sequences, bidirectional controls, unsafe ids
//! and path tricks. None of it may act on the terminal, run in a shell,
//! or put a file anywhere the person did not say.

mod common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, PermissionsExt, symlink};
use std::process::Command;

use common::{BEZIN, FIVE_TIPS, Home, at, save_untitled, text};
use predicates::prelude::*;
use serde_json::{Value, json};

/// Sets the clipboard, clears the screen, hides what follows, and flips the
/// line around: what a hostile file would put in a title or an answer.
const EVIL: &str = "A\u{1b}]52;c;ZXZpbA==\u{7}B\u{1b}[2J\u{1b}[8mC\u{9b}31mD\u{7f}E\u{202e}F\u{2066}G\u{8}H\rI";

/// The raw bytes of EVIL that must never reach standard output or error.
const PAYLOADS: [&str; 6] = ["\u{1b}]52", "\u{1b}[2J", "\u{1b}[8m", "\u{9b}", "\u{202e}", "\u{2066}"];

/// Fails when `output` holds a control character (other than a newline),
/// DEL, or a bidirectional control.
fn assert_clean(output: &[u8], what: &str) {
    let output = text(output);
    let bad: Vec<char> = output
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .collect();
    assert!(bad.is_empty(), "{what} let {bad:?} through:\n{output}");
}

/// Runs `bezin ARGS` and checks both of its outputs; returns standard output.
fn clean_run(home: &Home, args: &[&str]) -> String {
    let output = home.command().args(args).output().unwrap();
    assert_clean(&output.stdout, &format!("stdout of {args:?}"));
    assert_clean(&output.stderr, &format!("stderr of {args:?}"));
    text(&output.stdout)
}

/// A journal whose every field a person reads holds EVIL.
fn hostile_home() -> Home {
    let home = Home::new();
    let evil = json!({
        "format": 1, "id": "evil000001", "set": "five-tips", "set_version": 1, "lang": "en",
        "started": "2026-11-20T10:00:00+01:00", "finished": "2026-11-20T10:30:00+01:00",
        "title": EVIL, "tags": [EVIL, "work"], "follows": null,
        "answers": [
            {"prompt": "counterpart", "kind": "text", "question": format!("Who? {EVIL}"), "answer": EVIL},
            {"prompt": "calm", "kind": "scale", "question": EVIL, "range": [1, 10], "answer": 4},
            {"prompt": "slow-down", "kind": "multi", "question": "How?", "answer": [EVIL, "silence"]},
            {"prompt": "desire", "kind": "long", "question": "Why?", "answer": format!("line one\n{EVIL}\nzoë")}
        ]
    });
    let later = json!({
        "format": 1, "id": "evil000002", "set": "after-the-conversation", "set_version": 1, "lang": "en",
        "started": "2026-11-21T10:00:00+01:00", "finished": "2026-11-21T10:30:00+01:00",
        "title": null, "tags": [], "follows": "evil000001",
        "answers": [{"prompt": "what", "kind": "long", "question": EVIL, "answer": EVIL}]
    });
    home.journal(&[evil, later]);
    home.write("prompts/evil.toml", &hostile_set());
    let draft = json!({
        "id": "draft00001", "set": "five-tips", "set_version": 1, "lang": "en",
        "started": EVIL, "updated": "2026-11-22T10:00:00+01:00", "follows": null,
        "answers": [["counterpart", {"text": EVIL}]], "title": EVIL, "tags": [EVIL]
    });
    home.write("drafts/draft00001.json", &draft.to_string());
    home
}

/// A prompt set someone shared, with EVIL in every text a person reads.
fn hostile_set() -> String {
    let evil = toml::Value::String(EVIL.to_owned()).to_string();
    format!(
        "id = \"evil\"\nversion = 1\ntitle = {evil}\ndescription = {evil}\nsource = {evil}\n\n\
         [[prompts]]\nid = \"who\"\nkind = \"text\"\nask = {evil}\nhint = {evil}\n\n\
         [[prompts]]\nid = \"how\"\nkind = \"choice\"\nask = \"How?\"\n\
         options = [{{ id = \"a\", label = {evil} }}, {{ id = \"b\", label = \"plain\" }}]\n\n\
         [[prompts]]\nid = \"calm\"\nkind = \"scale\"\nmin = 1\nmax = 5\nmin_label = {evil}\nask = \"Calm?\"\n"
    )
}

#[test]
fn no_command_lets_a_control_code_from_the_data_through() {
    let home = hostile_home();
    let commands: &[&[&str]] = &[
        &[],
        &["list"],
        &["list", "--json"],
        &["show", "evil000001"],
        &["show", "evil000001", "--json"],
        &["show", "evil000002"],
        &["search", "zoe"],
        &["search", "A"],
        &["search", "A", "--json"],
        &["export"],
        &["export", "--format", "json"],
        &["stats"],
        &["stats", "--json"],
        &["sets"],
        &["sets", "show", "evil"],
        &["drafts"],
        &["check"],
        &["config"],
        &["show", EVIL],
        &["run", EVIL, "--answers", "-"],
        &["list", "--set", EVIL, "--since", EVIL],
        &["--lang", EVIL],
    ];
    for args in commands {
        clean_run(&home, args);
    }
    let shown = clean_run(&home, &["show", "evil000001"]);
    assert!(shown.contains("A^[]52;c;ZXZpbA==^GB^[[2J^[[8mC<U+009B>31mD^?E<U+202E>F<U+2066>G^HH^MI"), "{shown}");
}

#[test]
fn with_colour_on_only_bezins_own_colours_pass() {
    let home = hostile_home();
    for args in [&["list"][..], &["show", "evil000001"], &["search", "A"], &["stats"], &["sets", "show", "evil"], &[]] {
        let mut all = vec!["--color", "always"];
        all.extend(args);
        let output = home.command().args(&all).output().unwrap();
        for stream in [&output.stdout, &output.stderr] {
            let stream = text(stream);
            for payload in PAYLOADS {
                assert!(!stream.contains(payload), "{all:?} let {payload:?} through:\n{stream}");
            }
        }
        assert!(text(&output.stdout).contains("\u{1b}["), "{all:?} shows colour");
    }
}

#[test]
fn json_output_gives_every_string_back_exactly() {
    let home = hostile_home();
    let listed: Value = serde_json::from_str(&clean_run(&home, &["list", "--json"])).unwrap();
    assert_eq!(listed[1]["title"], EVIL);
    let exported: Value = serde_json::from_str(&clean_run(&home, &["export", "--format", "json"])).unwrap();
    assert_eq!(exported[0]["answers"][2]["answer"][0], EVIL);
    let shown: Value = serde_json::from_str(&clean_run(&home, &["show", "evil000001", "--json"])).unwrap();
    assert_eq!(shown["tags"][0], EVIL);
}

#[test]
fn a_reflection_on_a_hostile_set_shows_nothing_raw_in_the_terminal() {
    let home = Home::new();
    home.write("prompts/evil.toml", &hostile_set());
    let mut command = Command::new(BEZIN);
    common::scrub(&mut command);
    command.args(["run", "evil"]).env("BEZIN_HOME", home.path()).env("TERM", "xterm").env("NO_COLOR", "1");
    let options = common::patient(false);
    let mut p = rexpect::session::spawn_with_options(command, options).unwrap();
    at(&mut p, "hint: A^[]52;c;ZXZpbA==^GB^[[2J", "Anna\r");
    at(&mut p, "How?", "\r");
    at(&mut p, "Calm?", "\r");
    save_untitled(&mut p);
    let rest = p.exp_eof().unwrap();
    for payload in PAYLOADS {
        assert!(!rest.contains(payload), "the reflection let {payload:?} through");
    }
    assert_eq!(home.entries()[0]["answers"][0]["answer"], "Anna");
}

#[test]
fn imported_ids_that_are_not_plain_words_stop_the_import() {
    let home = Home::new();
    home.save("five-tips", FIVE_TIPS, &[]);
    let before = home.journal_bytes();
    for bad in ["zz$(touch x)", "cc cc", "a/b", "-rf", "", &"x".repeat(65), "../x"] {
        let mut good = common::entry("goodgood01", "five-tips", "2026-11-20T10:00:00+01:00", None, &[]);
        let mut evil = good.clone();
        evil["id"] = json!(bad);
        good["title"] = json!("fine");
        let file = home.write("import.json", &serde_json::to_string(&[good, evil]).unwrap());
        let output = home.command().args(["import", file.to_str().unwrap()]).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{bad:?}");
        let err = text(&output.stderr);
        assert!(err.contains("entry 2 of the file") && err.contains("nothing was imported"), "{err}");
        assert_eq!(home.journal_bytes(), before, "nothing imported for {bad:?}");
    }
    assert!(!home.path().join("x").exists());
}

#[test]
fn a_journal_line_with_an_unsafe_id_is_a_damaged_line() {
    let home = Home::new();
    let good = common::entry("goodgood01", "five-tips", "2026-11-20T10:00:00+01:00", None, &[]);
    let evil = common::entry("zz$(touch x)", "five-tips", "2026-11-21T10:00:00+01:00", None, &[]);
    home.journal(&[good, evil]);
    if common::sealed() {
        // Encrypted, the journal is a folder of logs: the merge leaves the line out, and check names it.
        home.run(&["list"]).success().stdout(predicate::str::contains("goodgoo"));
        home.run(&["show", "zz$(touch x)"]).code(2).stderr(predicate::str::contains("is not an entry id"));
        home.run(&["check"]).code(1).stdout(predicate::str::contains("is not a plain word"));
        assert!(!home.path().join("x").exists());
        return;
    }
    home.run(&["list"]).success().stdout(predicate::str::contains("goodgoo")).stderr(predicate::str::contains(
        format!(
            "{}:2: skipped a damaged line (its id 'zz$(touch x)' is not a plain word",
            home.journal_place().display()
        ),
    ));
    home.run(&["show", "zz$(touch x)"]).code(2).stderr(predicate::str::contains("is not an entry id"));
    home.run(&["check"]).code(1).stdout(predicate::str::contains("line 2 of the journal is damaged"));
}

#[test]
fn a_draft_is_found_by_a_checked_id_only() {
    let home = Home::new();
    let outside = home.write("x.json", "keep me");
    let planted = json!({
        "id": "../x", "set": "five-tips", "set_version": 1, "lang": "en", "started": "2026-11-22T10:00:00+01:00",
        "updated": "2026-11-22T10:00:00+01:00", "follows": null, "answers": [], "title": null, "tags": []
    });
    home.write("drafts/planted.json", &planted.to_string());
    home.run(&["drafts", "discard", "../x", "--yes"]).code(2).stderr(predicate::str::contains("is not a draft id"));
    home.run(&["drafts", "discard", "pl", "--yes"]).code(2);
    assert_eq!(fs::read_to_string(outside).unwrap(), "keep me");
    assert!(home.path().join("drafts/planted.json").exists());
    home.run(&["drafts"]).stderr(predicate::str::contains("planted.json is not a readable draft"));
}

#[test]
fn a_text_prompt_takes_one_line() {
    let home = Home::new();
    let answers = FIVE_TIPS.replace("counterpart = \"Anna\"", "counterpart = \"Anna\\n# Heading\"");
    let file = home.write("answers.toml", &answers);
    home.run(&["run", "five-tips", "--answers", file.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("answer to 'counterpart': a text prompt takes one line"));
    assert!(home.entries().is_empty());
}

#[test]
fn a_new_account_under_umask_000_gets_nothing_others_can_write() {
    let home = Home::new();
    let outside = tempfile::tempdir().unwrap();
    let answers = outside.path().join("answers.toml");
    fs::write(&answers, FIVE_TIPS).unwrap();
    let answers = answers.to_str().unwrap();
    let script = format!(
        "umask 000; {BEZIN} run five-tips --answers {answers} && {BEZIN} sets new mine && \
         {BEZIN} export --split -o \"$HOME/notes/bezin\" && exec {BEZIN} run five-tips"
    );
    let mut command = Command::new("sh");
    common::scrub(&mut command);
    command.args(["-c", &script]).env("HOME", home.path()).env_remove("XDG_DATA_HOME").env_remove("XDG_CONFIG_HOME");
    command.env_remove("XDG_STATE_HOME").env("TERM", "xterm").env("NO_COLOR", "1");
    let mut p = rexpect::session::spawn_with_options(command, common::patient(true)).unwrap();
    at(&mut p, "(1/11) Who wants something", "Anna\r");
    at(&mut p, "(2/11) What exactly is Anna asking for?", "\x1b");
    p.exp_eof().unwrap();
    let mode = |path: &std::path::Path| fs::symlink_metadata(path).unwrap().permissions().mode() & 0o777;
    for folder in [".local", ".local/share", ".local/share/bezin", ".config", ".config/bezin", "notes", "notes/bezin"] {
        assert_eq!(mode(&home.path().join(folder)), 0o700, "{folder}");
    }
    let created = walk(home.path());
    assert!(
        created.iter().any(|path| path.ends_with("bezin/drafts"))
            && created.iter().any(|path| path.ends_with("mine.toml"))
    );
    for path in created {
        assert_eq!(mode(&path) & 0o077, 0, "{}", path.display());
    }
}

/// Every file and folder under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap().map(Result::unwrap) {
        if entry.file_type().unwrap().is_dir() {
            found.extend(walk(&entry.path()));
        }
        found.push(entry.path());
    }
    found
}

/// check names a journal that others may change, also where a link points.
#[test]
fn check_names_a_linked_journal_that_others_can_write() {
    if common::about_the_plain_file() {
        return;
    }
    let home = Home::new();
    home.save("five-tips", FIVE_TIPS, &[]);
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("journal.jsonl");
    fs::rename(home.journal_path(), &real).unwrap();
    let log = common::files_under(&real).into_iter().find(|file| file.ends_with("log-000001.jsonl")).unwrap();
    fs::set_permissions(&log, fs::Permissions::from_mode(0o622)).unwrap();
    symlink(&real, home.journal_path()).unwrap();
    let says = format!("{} can be changed by others (mode 622)", log.display());
    home.run(&["check"]).code(1).stdout(predicate::str::contains(says));
}

#[test]
fn a_symlinked_journal_stays_a_link_and_the_real_file_changes() {
    if common::about_the_plain_file() {
        return;
    }
    let home = Home::new();
    let id = home.save("five-tips", FIVE_TIPS, &[]);
    let real = home.path().join("synced/journal.jsonl");
    fs::create_dir_all(real.parent().unwrap()).unwrap();
    fs::rename(home.journal_path(), &real).unwrap();
    symlink(&real, home.journal_path()).unwrap();
    home.run(&["edit", &id, "--title", "Changed through the link"]).success();
    assert!(fs::symlink_metadata(home.journal_path()).unwrap().file_type().is_symlink());
    let files = common::files_under(&real);
    let logs = files.iter().filter(|file| file.is_file() && file.extension().is_some_and(|ext| ext == "jsonl"));
    assert!(logs.map(|log| fs::read_to_string(log).unwrap()).any(|log| log.contains("Changed through the link")));
    for file in files.iter().filter(|file| file.is_file()) {
        assert_eq!(fs::metadata(file).unwrap().permissions().mode() & 0o777, 0o600, "{}", file.display());
    }
}

#[test]
fn a_fifo_or_a_notes_file_is_no_journal_and_stays_untouched() {
    let home = Home::new();
    let fifo = home.path().join("fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    let answers = home.write("answers.toml", FIVE_TIPS);
    let run = ["run", "five-tips", "--answers", answers.to_str().unwrap(), "--journal"];
    for args in [&["list", "--journal"][..], &run] {
        let mut args = args.to_vec();
        args.push(fifo.to_str().unwrap());
        // Opening a FIFO to read waits for a writer: a hang fails the test instead of blocking it.
        let assert = home.command().args(&args).timeout(common::PATIENCE).assert();
        assert.code(3).stderr(predicate::str::contains("is not a regular file"));
    }
    let notes = home.write("notes.md", "# My notes\n\nNothing of bezin's here.\n");
    let mut args = run.to_vec();
    args.push(notes.to_str().unwrap());
    home.run(&args).code(3).stderr(predicate::str::contains("holds no bezin entry"));
    assert_eq!(fs::read_to_string(&notes).unwrap(), "# My notes\n\nNothing of bezin's here.\n");
}

#[test]
fn check_names_open_files_with_a_fix_and_never_a_chmod_for_a_shared_folder() {
    if common::about_the_plain_file() {
        return;
    }
    let home = Home::new();
    let shared = home.path().join("shared");
    fs::create_dir(&shared).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    home.save("five-tips", FIVE_TIPS, &[]);
    let journal = shared.join("it's mine.jsonl");
    fs::rename(home.journal_path(), &journal).unwrap();
    let log = common::files_under(&journal).into_iter().find(|file| file.ends_with("log-000001.jsonl")).unwrap();
    fs::set_permissions(&log, fs::Permissions::from_mode(0o644)).unwrap();
    let mut command = home.command();
    command.env("BEZIN_HOME", &shared).args(["check", "--journal", journal.to_str().unwrap()]);
    let out = text(&command.output().unwrap().stdout);
    let inside = log.strip_prefix(&journal).unwrap().display().to_string();
    let quoted = format!("chmod 600 '{}/it'\\''s mine.jsonl/{inside}'", shared.display());
    assert!(out.contains(&quoted), "{out}");
    assert!(out.contains("is a folder shared with others"), "{out}");
    assert!(!out.contains("chmod 700"), "{out}");
}

/// Characters a terminal draws as nothing, or that move the text around
/// them: direction marks, line and paragraph separators, tag characters,
/// deprecated format characters, zero-width characters, a joiner that
/// joins nothing, a soft hyphen, and the fillers and format controls of
/// other scripts that draw nothing.
const INVISIBLE: [char; 27] = [
    '\u{200e}',
    '\u{200f}',
    '\u{61c}',
    '\u{2028}',
    '\u{2029}',
    '\u{e0001}',
    '\u{e0041}',
    '\u{e007f}',
    '\u{206a}',
    '\u{206f}',
    '\u{200b}',
    '\u{200c}',
    '\u{200d}',
    '\u{2060}',
    '\u{2063}',
    '\u{feff}',
    '\u{180e}',
    '\u{ad}',
    '\u{34f}',
    '\u{115f}',
    '\u{3164}',
    '\u{ffa0}',
    '\u{17b4}',
    '\u{fff9}',
    '\u{13430}',
    '\u{1bca0}',
    '\u{1d173}',
];

fn visible(c: char) -> String {
    format!("<U+{:04X}>", u32::from(c))
}

/// An entry for each invisible character, holding it in its title, a tag,
/// the person's name and an answer.
fn invisible_home() -> Home {
    let home = Home::new();
    let entries: Vec<Value> = INVISIBLE
        .iter()
        .enumerate()
        .map(|(n, c)| {
            json!({
                "format": 1, "id": format!("inv{n:07}"), "set": "five-tips", "set_version": 1, "lang": "en",
                "started": "2026-11-20T10:00:00+01:00", "finished": format!("2026-11-20T10:{n:02}:00+01:00"),
                "title": format!("T{c}itle"), "tags": [format!("t{c}ag")], "follows": null,
                "answers": [
                    {"prompt": "counterpart", "kind": "text", "question": "Who?", "answer": format!("P{n:02}{c}x")},
                    {"prompt": "desire", "kind": "long", "question": "Why?", "answer": format!("Line{c}one")}
                ]
            })
        })
        .collect();
    home.journal(&entries);
    home
}

/// Runs `bezin ARGS`, checks that no invisible character (nor anything
/// else unsafe) reaches the terminal, and returns standard output. JSON and
/// Markdown keep a joiner as it is: it joins the emoji of a sequence.
fn visible_run(home: &Home, args: &[&str]) -> String {
    let output = home.command().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", text(&output.stderr));
    let data = args.contains(&"--json") || args.first() == Some(&"export");
    for stream in [&output.stdout, &output.stderr] {
        assert_clean(stream, &format!("{args:?}"));
        let raw: Vec<char> =
            text(stream).chars().filter(|&c| INVISIBLE.contains(&c) && !(data && c == '\u{200d}')).collect();
        assert!(raw.is_empty(), "{args:?} let {raw:?} through:\n{}", text(stream));
    }
    text(&output.stdout)
}

#[test]
fn every_output_shows_invisible_characters_in_their_visible_form() {
    let home = invisible_home();
    let list = visible_run(&home, &["list", "--limit", "100"]);
    let people = visible_run(&home, &["people"]);
    let search = visible_run(&home, &["search", "one"]);
    let welcome = visible_run(&home, &[]);
    for (n, &c) in INVISIBLE.iter().enumerate() {
        let (title, tag, name, answer) = (
            format!("T{}itle", visible(c)),
            format!("t{}ag", visible(c)),
            format!("P{n:02}{}x", visible(c)),
            format!("Line{}one", visible(c)),
        );
        assert!(list.contains(&title) && list.contains(&tag), "{c:?} in list:\n{list}");
        assert!(people.contains(&name), "{c:?} in people:\n{people}");
        assert!(search.contains(&answer), "{c:?} in search:\n{search}");
        let shown = visible_run(&home, &["show", &format!("inv{n:07}")]);
        assert!([&title, &tag, &name, &answer].iter().all(|part| shown.contains(*part)), "{c:?} in show:\n{shown}");
        let about = visible_run(&home, &["about", &format!("P{n:02}")]);
        assert!(about.contains(&name) && about.contains(&title), "{c:?} in about:\n{about}");
        // JSON keeps the text.
        let listed: Value =
            serde_json::from_str(&visible_run(&home, &["show", &format!("inv{n:07}"), "--json"])).unwrap();
        assert_eq!(listed["title"], format!("T{c}itle"));
    }
    assert!(welcome.contains(&format!("T{}itle", visible(INVISIBLE[17]))), "{welcome}");
}

/// The text of a Markdown document as a Markdown reader gives it back.
fn decoded(markdown: &str) -> String {
    let mut text = String::new();
    for event in pulldown_cmark::Parser::new(markdown) {
        match event {
            pulldown_cmark::Event::Text(t) => text.push_str(&t),
            pulldown_cmark::Event::End(_) | pulldown_cmark::Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    text
}

#[test]
fn markdown_writes_what_a_reader_decodes_back_and_shows_only_what_html_cannot_carry() {
    let mut characters: Vec<char> = ('\0'..='\u{1f}').chain('\u{7f}'..='\u{9f}').collect();
    characters.extend(INVISIBLE);
    characters.extend(['\u{202e}', '\u{2066}']);
    let home = Home::new();
    let entries: Vec<Value> = characters
        .iter()
        .enumerate()
        .map(|(n, c)| {
            let mut entry = common::entry(&format!("md{n:08}"), "five-tips", "2026-11-20T10:00:00+01:00", None, &[]);
            entry["title"] = format!("T{c}itle").into();
            entry["answers"][0]["answer"] = format!("\u{3000}full-width start, a{c}b").into();
            entry
        })
        .collect();
    home.journal(&entries);
    let markdown = visible_run(&home, &["export"]);
    let file = home.path().join("export.md");
    home.run(&["export", "-o", file.to_str().unwrap()]).success();
    assert_eq!(fs::read_to_string(&file).unwrap(), markdown, "the file and the terminal get the same Markdown");
    let decoded = decoded(&markdown);
    for c in characters {
        // HTML carries no control but a tab, a newline, a form feed and a carriage return.
        let back = if c.is_control() && !matches!(c, '\t' | '\n' | '\u{c}' | '\r') {
            match c {
                '\0'..='\u{1f}' => format!("^{}", char::from(b'@' + u8::try_from(u32::from(c)).unwrap())),
                '\u{7f}' => "^?".to_owned(),
                _ => visible(c),
            }
        } else {
            c.to_string()
        };
        assert!(decoded.contains(&format!("T{back}itle\n")), "{c:?} comes back as {back:?}:\n{decoded}");
        assert!(decoded.contains(&format!("\u{3000}full-width start, a{back}b\n")), "{c:?}:\n{decoded}");
    }
    assert!(markdown.contains("\n&#12288;full-width start"), "{markdown}");
}

/// A named pipe that nothing writes to is read as empty, never waited on:
/// every command that reads a file the person names ends with a sentence.
#[test]
fn a_named_pipe_with_no_writer_never_blocks_a_command() {
    let home = Home::new();
    let fifo = home.path().join("pipe");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let fifo = fifo.to_str().unwrap();
    for args in [
        &["sets", "validate", fifo][..],
        &["run", "five-tips", "--answers", fifo],
        &["import", fifo],
        &["encrypt", "--recipients-file", fifo],
    ] {
        let assert = home.command().args(args).timeout(common::PATIENCE).assert().failure();
        let said = text(&assert.get_output().stderr) + &text(&assert.get_output().stdout);
        assert!(said.lines().count() >= 1 && !said.contains("internal error"), "{args:?}: {said}");
    }
}
