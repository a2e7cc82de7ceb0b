//! Errors and warnings in the person's language: each common mistake run
//! in English and in Dutch (by `--lang nl`, the `language` setting or a
//! Dutch `LANG`), the Dutch sentence found and no English word of the
//! English message left in it.

mod common;

use std::collections::BTreeSet;

use common::{Home, entry, text};

/// Words the Dutch messages share with the English ones: names of commands,
/// sets and formats, and words both languages spell alike.
const SHARED: &[&str] = &[
    "bezin",
    "list",
    "sets",
    "drafts",
    "people",
    "search",
    "set",
    "five",
    "tips",
    "export",
    "format",
    "json",
    "jrnl",
    "journal",
    "jsonl",
    "toml",
    "lang",
    "anna",
    "next",
    "step",
    "check",
    "potential",
    "letters",
    "language",
    // The ids of five-tips' prompts, which a message may list.
    "counterpart",
    "request",
    "calm",
    "frame",
    "room",
    "desire",
    "together",
    "open",
];

/// What `bezin ARGS` says on stderr, in English and with `--lang nl`;
/// both must fail with the same exit code.
fn both(home: &Home, args: &[&str]) -> (String, String) {
    let english = home.command().args(args).output().unwrap();
    let dutch = home.command().args(args).args(["--lang", "nl"]).output().unwrap();
    assert!(!english.status.success(), "{args:?} succeeded");
    assert_eq!(english.status.code(), dutch.status.code(), "{args:?}");
    (text(&english.stderr), text(&dutch.stderr))
}

/// The words of an English message that are English: at least three
/// letters, not a word both languages share, not in the home's path, and
/// not given on the command line.
fn english_words(english: &str, home: &Home, args: &[&str]) -> BTreeSet<String> {
    let given: BTreeSet<String> = args
        .iter()
        .chain([&home.path().to_str().unwrap()])
        .flat_map(|arg| words(arg))
        .chain(SHARED.iter().map(|word| (*word).to_owned()))
        .collect();
    words(english).into_iter().filter(|word| word.len() >= 3 && !given.contains(word)).collect()
}

/// The words of `text` outside quotes, leaving out values: a quoted text,
/// an id, a path or a date is no language.
fn words(text: &str) -> Vec<String> {
    let unquoted = text.split(['\'', '`']).step_by(2);
    let is_value = |token: &str| token.contains(|c: char| c.is_ascii_digit() || "/-_.".contains(c));
    unquoted
        .flat_map(str::split_whitespace)
        .filter(|token| !is_value(token))
        .flat_map(|token| token.split(|c: char| !c.is_alphabetic()))
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Asserts the Dutch message holds `dutch` and none of the English words.
fn in_dutch(home: &Home, args: &[&str], english_has: &str, dutch: &str) {
    let (english, said) = both(home, args);
    assert!(english.contains(english_has), "English for {args:?}: {english}");
    assert!(said.contains(dutch), "Dutch for {args:?}: {said}");
    assert!(said.starts_with("bezin: "), "{said}");
    let in_said: BTreeSet<String> = words(&said).into_iter().collect();
    let left: Vec<String> = english_words(&english, home, args).into_iter().filter(|w| in_said.contains(w)).collect();
    assert!(left.is_empty(), "English words {left:?} in the Dutch for {args:?}: {said}");
}

/// Two entries whose ids start alike, and one of a set without a look-back.
fn journal(home: &Home) {
    home.journal(&[
        entry("abc1000001", "five-tips", "2026-01-10T09:00:00+01:00", Some("January"), &[]),
        entry("abd1000002", "five-tips", "2026-01-11T09:00:00+01:00", None, &[]),
        entry("pot1000003", "check-the-potential", "2026-01-12T09:00:00+01:00", None, &[]),
    ]);
}

#[test]
fn an_id_that_finds_nothing_or_too_much_is_said_in_dutch() {
    let home = Home::new();
    journal(&home);
    in_dutch(&home, &["show", "zzz"], "no entry has the id 'zzz'", "geen reflectie heeft de id 'zzz' (");
    in_dutch(&home, &["show", "ab"], "is ambiguous", "'ab' past bij meer dan één reflectie: abc1000001");
    in_dutch(&home, &["edit", "a!b"], "is not an entry id", "'a!b' is geen id van een reflectie");
    in_dutch(&home, &["drafts", "discard", "qq"], "no draft has the id 'qq'", "geen concept heeft de id 'qq'");
    in_dutch(&home, &["about", "Bob"], "no reflection is about 'Bob'", "geen reflectie gaat over 'Bob'");
}

#[test]
fn a_missing_set_and_a_bad_answers_file_are_said_in_dutch() {
    let home = Home::new();
    let answers = home.write("answers.toml", "counterpart = \"Anna\"\nmood = 3\n");
    let file = answers.to_str().unwrap();
    in_dutch(&home, &["run", "five-tip", "--answers", file], "did you mean", "er is geen set 'five-tip'; bedoel je");
    in_dutch(&home, &["run", "five-tips", "--answers", file], "has no prompt 'mood'", "heeft geen vraag 'mood'");
    let broken = home
        .write("broken.toml", "counterpart = \"Anna\"\nrequest = \"x\"\ncalm = \"very\"\n")
        .to_str()
        .unwrap()
        .to_owned();
    in_dutch(&home, &["run", "five-tips", "--answers", &broken], "answer to 'calm'", "antwoord op 'calm'");
    let missing = home.path().join("missing.toml").to_str().unwrap().to_owned();
    in_dutch(&home, &["run", "five-tips", "--answers", &missing], "could not read", "is niet te lezen");
    // What the system refuses the journal is said in Dutch too (its own reason follows as it gives it).
    let good = home.write("good.toml", common::FIVE_TIPS);
    let nowhere = ["--journal", "/dev/null/x/journal.jsonl", "run", "five-tips", "--answers", good.to_str().unwrap()];
    in_dutch(&home, &nowhere, "could not create the folder /dev/null/x", "kon de map /dev/null/x niet maken");
    let odd = r#"[{"format":2,"id":"odd id","set":"five-tips","set_version":1,"lang":"en","started":"2026-01-01T09:00:00Z","finished":"2026-01-01T09:00:00Z","title":null,"tags":[],"follows":null,"answers":[]}]"#;
    let odd = home.write("odd.json", odd);
    let said = "reflectie 1 van het bestand kan niet worden geïmporteerd: haar id 'odd id' is geen eenvoudig woord";
    in_dutch(&home, &["import", odd.to_str().unwrap()], "cannot be imported", said);
    let zero = ["run", "five-tips", "--answers", "/dev/zero"];
    in_dutch(&home, &zero, "more than an answers file may be", "meer dan een antwoordbestand mag zijn");
    let secret = ["encrypt", "--recipient", "AGE-SECRET-KEY-1QQQQ"];
    in_dutch(&home, &secret, "where a public key belongs", "een geheime sleutel (een identiteit) gegeven waar");
    let outside = home.write("outside.toml", &common::FIVE_TIPS.replace("calm = 4", "calm = 80"));
    let outside = outside.to_str().unwrap();
    in_dutch(&home, &["run", "five-tips", "--answers", outside], "is outside the scale", "80 valt buiten de schaal");
    let no_option = home.write("option.toml", &common::FIVE_TIPS.replace("frame = \"time\"", "frame = \"money\""));
    let no_option = no_option.to_str().unwrap();
    in_dutch(&home, &["run", "five-tips", "--answers", no_option], "is not an option", "'money' is geen optie");
}

#[test]
fn search_done_and_import_say_their_mistakes_in_dutch() {
    let home = Home::new();
    journal(&home);
    in_dutch(&home, &["search"], "search needs a text", "search heeft een tekst nodig om te zoeken");
    in_dutch(&home, &["done", "pot1"], "is not a prepared conversation", "pot1000003 is geen voorbereid gesprek");
    let notes = home.write("notes.txt", "Just some notes\n").to_str().unwrap().to_owned();
    in_dutch(&home, &["import", &notes], "is not a bezin JSON export", "is geen JSON-export van bezin");
}

#[test]
fn a_bad_settings_file_is_said_in_the_language_it_asks_for() {
    let home = Home::new();
    home.write("config.toml", "colour = 1\n");
    in_dutch(&home, &["list"], "unknown field `colour`", "onbekende sleutel `colour`; bekend zijn `language`");
    home.write("config.toml", "language = \"fr\"\n");
    in_dutch(&home, &["list"], "unknown variant `fr`", "language: onbekende waarde `fr`; mogelijk zijn `en` of `nl`");
    home.write("config.toml", "language = \"nl\"\ncolour = 1\n");
    let said = home.command().arg("list").output().unwrap();
    assert!(text(&said.stderr).contains("onbekende sleutel `colour`"), "{}", text(&said.stderr));
    home.command().args(["list", "--lang", "en"]).assert().code(2).stderr(predicates::str::contains("unknown field"));
}

#[test]
fn a_dutch_setting_or_locale_speaks_dutch_in_errors_too() {
    let home = Home::new();
    journal(&home);
    let by_locale = home.command().args(["show", "zzz"]).env("LANG", "nl_NL.UTF-8").output().unwrap();
    assert!(text(&by_locale.stderr).starts_with("bezin: geen reflectie heeft de id 'zzz'"));
    home.write("config.toml", "language = \"nl\"\n");
    let by_setting = home.command().args(["done", "pot1"]).output().unwrap();
    assert!(text(&by_setting.stderr).starts_with("bezin: pot1000003 is geen voorbereid gesprek"));
}

#[test]
fn a_damaged_journal_line_is_warned_of_in_dutch() {
    let home = Home::new();
    let good = entry("abc1000001", "five-tips", "2026-01-10T09:00:00+01:00", Some("January"), &[]);
    home.write_journal(format!("{{not json\n{good}\n"));
    let english = text(&home.command().arg("list").output().unwrap().stderr);
    let dutch = text(&home.command().args(["list", "--lang", "nl"]).output().unwrap().stderr);
    assert!(english.contains("bezin: warning: ") && english.contains("skipped a damaged"), "{english}");
    assert!(dutch.contains("bezin: waarschuwing: ") && dutch.contains("overgeslagen"), "{dutch}");
    assert!(!dutch.contains("warning") && !dutch.contains("skipped") && !dutch.contains("tells more"), "{dutch}");
}

/// What `bezin ARGS --lang nl` says on both streams, when it succeeds.
fn done_in_dutch(home: &Home, args: &[&str]) -> String {
    let out = home.command().args(args).args(["--lang", "nl"]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout) + &text(&out.stderr)
}

/// What the commands say they did is Dutch too, with none of the English
/// sentences' words left.
#[test]
fn what_the_commands_did_is_said_in_dutch() {
    let home = Home::new();
    journal(&home);
    let copy = home.path().join("copy.json");
    let said = [
        (vec!["edit", "abc1000001", "--title", "Februari"], "abc1000001 gewijzigd in "),
        (vec!["search", "zeldzaamheid"], "Geen reflectie bevat 'zeldzaamheid'."),
        (vec!["export", "--format", "json", "-o", copy.to_str().unwrap()], "3 reflecties geschreven naar "),
        (vec!["delete", "abd1000002", "--yes"], "abd1000002 verwijderd uit "),
        (vec!["import", copy.to_str().unwrap()], "1 reflectie was al eerder uit het dagboek verwijderd"),
        (vec!["sets", "new", "mijn-set"], "Pas het aan, en dan: "),
    ];
    for (args, dutch) in said {
        let out = done_in_dutch(&home, &args);
        assert!(out.contains(dutch), "{args:?}: {out}");
        for english in ["Changed", "No entry", "Wrote", "Deleted", "Imported", "entries", "Edit it"] {
            assert!(!out.contains(english), "'{english}' for {args:?}: {out}");
        }
    }
}

/// The commands a message suggests are made as bezin was started: in
/// Dutch, with the language flag the person gave.
#[test]
fn suggested_commands_keep_the_language_flag() {
    let home = Home::new();
    let out = home.command().args(["search", "--lang", "nl"]).output().unwrap();
    let said = text(&out.stderr);
    assert!(said.contains("bijvoorbeeld: bezin search Anna --lang nl (of bezin search"), "{said}");
    let answers = home.write("answers.toml", common::FIVE_TIPS);
    let out = home.command().args(["run", "--answers", answers.to_str().unwrap(), "--lang", "nl"]).output().unwrap();
    let said = text(&out.stderr);
    assert!(said.contains("zoals: bezin run five-tips --answers answers.toml --lang nl"), "{said}");
}

/// What check says of a device's record it cannot take is Dutch too.
#[test]
fn a_damaged_record_of_another_device_is_named_in_dutch() {
    let home = Home::new();
    let id = home.save("five-tips", common::FIVE_TIPS, &[]);
    let change = format!(r#"{{"change":"{id}","fields":{{"tags":"work"}},"at":5,"dev":"bbbbbbbbbb"}}"#);
    home.write("journal.jsonl/dev-bbbbbbbbbb/log-000001.jsonl", &format!("{change}\n"));
    let out = home.command().args(["check", "--lang", "nl"]).output().unwrap();
    let said = text(&out.stdout);
    let expected =
        format!("is beschadigd (een wijziging van de reflectie {id}: haar 'tags' is niet wat dat veld bevat)");
    assert!(said.contains(&expected), "{said}");
}

/// The welcome, the first screen a person sees, speaks Dutch throughout.
#[test]
fn the_welcome_speaks_dutch() {
    let home = Home::new();
    journal(&home);
    let out = home.command().args(["--lang", "nl"]).output().unwrap();
    let said = text(&out.stdout);
    for dutch in ["bezin · bezint eer ge begint", "Reflecties", "Laatste reflecties", "Om te beginnen:"] {
        assert!(said.contains(dutch), "{dutch}: {said}");
    }
    for english in ["think before", "Reflections", "Latest entries", "To look back on", "To start"] {
        assert!(!said.contains(english), "{english}: {said}");
    }
}

/// The list of sets names its columns and where each set comes from in Dutch.
#[test]
fn the_list_of_sets_speaks_dutch() {
    let home = Home::new();
    let out = home.command().args(["sets", "--lang", "nl"]).output().unwrap();
    let said = text(&out.stdout);
    assert!(said.starts_with("ID") && said.contains("TITEL") && said.contains("ingebouwd"), "{said}");
    assert!(!said.contains("TITLE") && !said.contains("built-in"), "{said}");
}

/// `show` gives when an entry was made the way a sentence of its language
/// writes it, without seconds or offset.
#[test]
fn show_says_when_in_dutch() {
    let home = Home::new();
    journal(&home);
    let out = home.command().args(["show", "abc1000001", "--lang", "nl"]).output().unwrap();
    let said = text(&out.stdout);
    assert!(said.contains("abc1000001 · 10 januari 2026 om 09:00 · five-tips"), "{said}");
    let out = home.command().args(["show", "abc1000001"]).output().unwrap();
    assert!(text(&out.stdout).contains("abc1000001 · 2026-01-10 09:00 · five-tips"), "{}", text(&out.stdout));
}

/// What bezin finds wrong around it (a time zone, a folder the environment
/// names, a date too far back) is said in Dutch too.
#[test]
fn the_environment_is_spoken_of_in_dutch() {
    let home = Home::new();
    let answers = home.write("answers.toml", common::FIVE_TIPS);
    let out = home
        .command()
        .env("TZ", "../x")
        .args(["--lang", "nl", "run", "five-tips", "--answers"])
        .arg(&answers)
        .output()
        .unwrap();
    let said = common::text(&out.stderr);
    assert!(
        said.contains("bezin: waarschuwing: TZ='../x' gaat buiten de map met tijdzones; tijden staan in UTC"),
        "{said}"
    );
    let out = home.command().args(["--lang", "nl", "list", "--since", "9999999999d"]).output().unwrap();
    assert!(
        common::text(&out.stderr).contains("gaat verder terug dan bezin dagen telt"),
        "{}",
        common::text(&out.stderr)
    );
}
