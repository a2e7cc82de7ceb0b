//! A good citizen of the terminal: the welcome screen, help, stats and the
//! settings view as snapshots (plain and coloured, 40 and 120 columns),
//! colour rules, completions, the man page, settings and starter sets.

mod common;

use common::{Home, entry, text};
use predicates::prelude::*;

/// A journal of three months long ago (so no streak is current), with scale
/// answers, a Dutch entry and a wide-character title, and one draft.
fn lived_in() -> Home {
    lived_in_at(Home::new())
}

fn lived_in_at(home: Home) -> Home {
    let mut entries = Vec::new();
    for (n, day) in
        ["2024-03-01", "2024-03-02", "2024-03-03", "2024-04-10", "2024-05-20", "2024-05-21"].iter().enumerate()
    {
        let mut e = entry(&format!("e{n}00000000"), "five-tips", &format!("{day}T09:00:00+01:00"), None, &["work"]);
        let calm = [3, 4, 6, 5, 8, 9][n];
        e["answers"] = serde_json::json!([
            {"prompt": "calm", "kind": "scale", "question": "How calm do you feel about this conversation right now?", "range": [1, 10], "answer": calm}
        ]);
        entries.push(e);
    }
    let mut dutch = entry(
        "nl00000000",
        "after-the-conversation",
        "2024-05-22T18:00:00+02:00",
        Some("Gesprek met Één 中文标题"),
        &[],
    );
    dutch["lang"] = "nl".into();
    entries.push(dutch);
    home.journal(&entries);
    home.write(
        "drafts/dr00000000.json",
        r#"{"id":"dr00000000","set":"why-and-for-whom","set_version":1,"lang":"en","started":"2024-05-23T08:00:00+01:00","updated":"2024-05-23T08:01:00+01:00","follows":null,"answers":[["about",{"choice":"me"}]],"title":null,"tags":[]}"#,
    );
    home
}

/// Standard output of `bezin ARGS` at `columns`, in colour or not.
fn screen(home: &Home, args: &[&str], columns: u16, color: bool) -> String {
    let mut command = home.command();
    command.env("COLUMNS", columns.to_string()).args(args);
    if color {
        command.arg("--color=always");
    }
    text(&command.assert().success().get_output().stdout.clone())
}

#[test]
fn welcome_screens() {
    let home = lived_in();
    for columns in [40, 120] {
        for color in [false, true] {
            let name = format!("welcome_{columns}{}", if color { "_color" } else { "" });
            insta::assert_snapshot!(name, screen(&home, &[], columns, color));
        }
    }
}

#[test]
fn help_screens() {
    let home = Home::new();
    for columns in [40, 120] {
        insta::assert_snapshot!(format!("help_{columns}"), screen(&home, &["--help"], columns, false));
        insta::assert_snapshot!(format!("help_run_{columns}"), screen(&home, &["run", "--help"], columns, false));
    }
}

/// The commands a help screen lists (clap's own list), without `help`.
fn commands_in(help: &str) -> Vec<String> {
    let listed = help.split_once("Commands:\n").map_or("", |(_, rest)| rest.split("\n\n").next().unwrap_or(""));
    let names = listed.lines().filter(|line| line.starts_with("  ") && !line.starts_with("   "));
    names.filter_map(|line| line.split_whitespace().next()).filter(|name| *name != "help").map(str::to_owned).collect()
}

#[test]
fn every_command_has_an_example_in_its_help() {
    let home = Home::new();
    let mut waiting: Vec<Vec<String>> = commands_in(&home.stdout(&["--help"])).into_iter().map(|c| vec![c]).collect();
    assert!(waiting.len() >= 15, "the commands: {waiting:?}");
    let mut seen = 0;
    while let Some(command) = waiting.pop() {
        let mut args: Vec<&str> = command.iter().map(String::as_str).collect();
        args.push("--help");
        let help = home.stdout(&args);
        assert!(help.contains("Example"), "bezin {} --help has no example:\n{help}", command.join(" "));
        waiting.extend(commands_in(&help).into_iter().map(|sub| [command.clone(), vec![sub]].concat()));
        seen += 1;
    }
    assert!(seen >= 21, "subcommands are visited too: {seen}");
    home.run(&["--version"]).success().stdout("bezin 0.1.0\n");
}

#[test]
fn stats_screens() {
    let home = lived_in();
    for columns in [40, 120] {
        for color in [false, true] {
            let name = format!("stats_{columns}{}", if color { "_color" } else { "" });
            insta::assert_snapshot!(name, screen(&home, &["stats"], columns, color));
        }
    }
}

#[test]
fn stats_json_has_the_numbers() {
    let home = lived_in();
    let stats: serde_json::Value =
        serde_json::from_str(&home.stdout(&["stats", "--json", "--set", "five-tips"])).unwrap();
    assert_eq!(stats["entries"], 6);
    assert_eq!(stats["per_month"]["2024-03"], 3);
    assert_eq!(stats["streak"], serde_json::json!({"current": 0, "longest": 3}));
    let calm = &stats["scales"][0];
    assert_eq!(
        (calm["first"].as_i64(), calm["last"].as_i64(), calm["lowest"].as_i64(), calm["highest"].as_i64()),
        (Some(3), Some(9), Some(3), Some(9))
    );
    assert_eq!(calm["trend"].as_array().unwrap().len(), 6);
}

#[test]
fn config_screens() {
    let home = lived_in_at(Home::fixed("config-view"));
    home.write("config.toml", "language = \"nl\"\ndefault_set = \"five-tips\"\n");
    for columns in [40, 120] {
        for color in [false, true] {
            let name = format!("config_{columns}{}", if color { "_color" } else { "" });
            insta::assert_snapshot!(name, screen(&home, &["config"], columns, color));
        }
    }
    let flagged = screen(&home, &["config", "--lang", "en"], 120, false);
    assert!(flagged.lines().any(|line| line.starts_with("language") && line.ends_with("flag --lang")), "{flagged}");
}

#[test]
fn config_path_and_init_which_never_overwrites() {
    let home = Home::new();
    let file = home.path().join("config.toml");
    home.run(&["config", "path"]).success().stdout(format!("{}\n", file.display()));
    home.run(&["config", "init"]).success();
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.contains("# language = \"en\""));
    home.run(&["sets"]).success();
    home.run(&["config", "init"])
        .code(2)
        .stderr(format!("bezin: {} exists already; edit it, or move it away first\n", file.display()));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
}

#[test]
fn a_starter_set_is_valid_as_it_is_and_runs() {
    let home = Home::new();
    home.run(&["sets", "new", "before-the-meeting"]).success();
    let path = home.path().join("prompts/before-the-meeting.toml");
    home.run(&["sets", "validate", path.to_str().unwrap()]).success();
    home.run(&["sets"]).success().stdout(predicate::str::contains("before-the-meeting"));
    home.save("before-the-meeting", "who = \"Sam\"\ncalm = 5\naim = \"agree\"\nsaid-before = false\n", &[]);
    home.run(&["sets", "new", "before-the-meeting"]).code(2).stderr(predicate::str::contains("exists already"));
    home.run(&["sets", "new", "Not An Id"]).code(2).stderr(predicate::str::contains("cannot be a set id"));
}

/// In Dutch, the starter set's comments, description and questions are
/// Dutch; it is as valid, and runs.
#[test]
fn a_starter_set_is_written_in_the_interface_language() {
    let home = Home::new();
    home.run(&["sets", "new", "mijnset", "--lang", "nl"]).success();
    let path = home.path().join("prompts/mijnset.toml");
    let written = std::fs::read_to_string(&path).unwrap();
    for dutch in [
        "# Een set vragen: één reflectie, vraag na vraag gesteld.",
        "description = \"Waar deze reflectie voor is; getoond vóór de eerste vraag.\"",
        "ask = \"Met wie is het gesprek?\"",
        "title = { en = \"Before the meeting\", nl = \"Vóór het overleg\" }",
    ] {
        assert!(written.contains(dutch), "{dutch} in {written}");
    }
    for english in ["A prompt set", "What this reflection is for", "Whom is the conversation with?"] {
        assert!(!written.contains(english), "{english} in {written}");
    }
    home.run(&["sets", "validate", path.to_str().unwrap()]).success();
    home.save("mijnset", "wie = \"Sam\"\nrust = 5\ndoel = \"afspraak\"\neerder = false\n", &["--lang", "nl"]);
}

#[test]
fn colour_follows_no_color_clicolor_force_and_the_flag() {
    let home = lived_in();
    let escapes = |envs: &[(&str, &str)], args: &[&str]| {
        let mut command = home.command();
        command.env_remove("NO_COLOR").args(["list"]).args(args);
        for (key, value) in envs {
            command.env(key, value);
        }
        command.assert().success().get_output().stdout.contains(&0x1b)
    };
    assert!(!escapes(&[], &[]), "plain when piped");
    assert!(escapes(&[("CLICOLOR_FORCE", "1")], &[]));
    assert!(!escapes(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], &[]));
    assert!(escapes(&[("NO_COLOR", "1")], &["--color", "always"]));
    assert!(!escapes(&[("CLICOLOR_FORCE", "1")], &["--color", "never"]));
}

#[test]
fn tables_fit_forty_columns_even_with_wide_characters() {
    let home = lived_in();
    for args in [&["list"][..], &["sets"], &["drafts"], &["show", "nl"], &["show", "e1"], &[]] {
        let out = screen(&home, args, 40, false);
        for line in out.lines() {
            assert!(console::measure_text_width(line) <= 40, "{args:?}: {line:?} is wider than 40 columns");
        }
    }
}

#[test]
fn bash_loads_the_completions_and_completes_set_and_entry_ids() {
    let home = lived_in();
    let bin = std::path::Path::new(common::BEZIN).parent().unwrap();
    let complete = |line: &str| {
        let script = format!(
            "source <(bezin completions bash) || exit 9\n\
             COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; read -ra COMP_WORDS <<< \"$COMP_LINE\"\n\
             [[ $COMP_LINE == *' ' ]] && COMP_WORDS+=('')\n\
             COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))\n\
             _clap_complete_bezin bezin \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
             printf '%s\\n' \"${{COMPREPLY[@]}}\""
        );
        let out = std::process::Command::new("bash")
            .args(["-c", &script])
            .env("PATH", format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()))
            .env("BEZIN_HOME", home.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout).lines().map(str::to_owned).collect::<Vec<_>>()
    };
    assert_eq!(complete("bezin run af"), ["after-the-conversation"]);
    assert_eq!(complete("bezin show nl"), ["nl00000000"]);
    assert!(complete("bezin ").contains(&"stats".to_owned()));
    assert_eq!(complete("bezin drafts discard d"), ["dr00000000"]);
}

#[test]
fn every_shell_gets_a_script() {
    let home = Home::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        home.run(&["completions", shell]).success().stdout(predicate::str::contains("BEZIN_COMPLETE"));
    }
    home.run(&["completions", "tcsh"]).code(2);
}

#[test]
fn the_man_page_is_well_formed() {
    let home = Home::new();
    let page = home.stdout(&["man"]);
    assert!(page.contains(".TH bezin 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "the page has {section}");
    }
    if std::process::Command::new("man").arg("--version").output().is_ok_and(|out| out.status.success()) {
        let file = home.write("bezin.1", &page);
        let out = std::process::Command::new("man")
            .args(["-l"])
            .arg(&file)
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        assert!(out.status.success(), "man -l: {}", text(&out.stderr));
        assert!(text(&out.stdout).contains("A reflection coach for the terminal"));
    }
}

/// `BEZIN_HOME` and the XDG folders mean what they say: `~/` is the home
/// folder; a relative path or one holding a newline is refused with a
/// sentence, and nothing is written anywhere.
#[test]
fn folders_from_the_environment_are_whole_paths() {
    let home = Home::new();
    let answers = home.write("a.toml", common::FIVE_TIPS);
    let run = |name: &str, value: &str| {
        let mut command = home.command();
        command.env_remove("BEZIN_HOME").env("HOME", home.path()).current_dir(home.path());
        command.env(name, value).args(["run", "five-tips", "--answers", answers.to_str().unwrap()]).assert()
    };
    run("BEZIN_HOME", "~/bz").success();
    assert!(home.path().join("bz/journal.jsonl").is_dir() || home.path().join("bz/journal.jsonl.age").is_dir());
    run("XDG_DATA_HOME", "~/data").success();
    assert!(home.path().join("data/bezin/journal.jsonl/format.txt").is_file());
    for (name, value, says) in [
        ("BEZIN_HOME", "bz2", "BEZIN_HOME='bz2' is not a whole path; give one that starts with / or ~/"),
        ("BEZIN_HOME", "~other/bz", "BEZIN_HOME='~other/bz' is not a whole path"),
        ("XDG_DATA_HOME", "data2", "XDG_DATA_HOME='data2' is not a whole path"),
        ("XDG_CONFIG_HOME", "./config2", "XDG_CONFIG_HOME='./config2' is not a whole path"),
        ("BEZIN_HOME", "/tmp/bz\n2", "BEZIN_HOME holds a control character (a newline?)"),
        ("HOME", "home2", "HOME='home2' is not a whole path"),
        ("HOME", "/tmp/home\n2", "HOME holds a control character (a newline?)"),
    ] {
        run(name, value).code(2).stderr(predicate::str::contains(says).and(predicate::str::contains('\n').count(1)));
    }
    let names: Vec<_> = std::fs::read_dir(home.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
    assert!(!names.iter().any(|name| name.to_string_lossy().ends_with('2')), "{names:?}");
}

/// Every command bezin suggests works typed as shown: it starts the way
/// bezin was started (`bezin` on the PATH, its path, or `cargo run --`)
/// and carries the global flags the person gave.
#[test]
fn suggested_commands_start_the_way_bezin_was_started_with_its_flags() {
    let home = Home::new();
    let journal = home.path().join("other journal.jsonl");
    let said = |command: &mut assert_cmd::Command| text(&command.arg("list").assert().success().get_output().stderr);
    let starts = |suggestion: &str| format!("No entries to list; {suggestion} starts one.\n");
    assert_eq!(said(&mut home.command()), starts("bezin run five-tips"));
    let in_dutch = "Geen reflecties om te tonen; bezin run five-tips --lang nl begint er een.\n";
    assert_eq!(said(home.command().args(["--lang", "nl"])), in_dutch);
    let with_journal = format!("bezin run five-tips --journal '{}'", journal.display());
    assert_eq!(said(home.command().arg("--journal").arg(&journal)), starts(&with_journal));
    let not_on_path = format!("{} run five-tips", common::BEZIN);
    assert_eq!(said(home.command().env("PATH", "/usr/bin:/bin")), starts(&not_on_path));
    let mut by_cargo = home.command();
    by_cargo.env("CARGO_PKG_NAME", "bezin").env("CARGO_MANIFEST_DIR", home.path());
    assert_eq!(said(&mut by_cargo), starts("cargo run -- run five-tips"));
}
