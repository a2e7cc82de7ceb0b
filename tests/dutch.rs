//! The whole interface in Dutch: every command bezin has, in its ordinary
//! use on a home with a few entries written in Dutch, run with `--lang nl`,
//! says no English word of the interface. The English words are those of
//! the English tables in src/lang and of the English help; words both
//! languages spell alike, and commands, ids and values, are left aside.
//! Help, the manual page and mistakes on the command line speak Dutch
//! whether `--lang` comes before or after `--help`, and by the setting and
//! the locale too; `sets show` and `stats` say in Dutch what they showed in
//! English, and the recall during a run quotes questions in the language of
//! the run.

mod common;

use std::collections::BTreeSet;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{Home, text};

/// Words the Dutch interface shares with the English one, a space between
/// each: bezin, its commands and subcommands; keys of the settings file,
/// formats, tools and values typed as they are; the built-in sets' prompt
/// ids of one word, which a message may name; words Dutch spells alike;
/// names in the entries. (Ids of several words, such as five-tips, are
/// values, as every word with a hyphen is.)
const SHARED: &str = "\
    bezin sets run list show search browse edit done delete export import drafts check encrypt decrypt people about \
    stats config completions man help path init new validate discard last \
    language journal editor identity lang json toml yaml markdown jsonl jrnl age ssh stdin wiki obsidian \
    logseq auto always never today yesterday bash zsh fish elvish powershell source bashrc visual term vi nano \
    recipient recipients yes prompts local share sync state \
    counterpart calm frame room desire together open next unplanned \
    set per week over in is van ten tip index id ids label labels terminal versie hand want script scripts \
    shell plugin front matter array links extra tag tags format formaat plus was begin computer letters argument object \
    anna bram eva dijk verlangen enter";

/// The words of `SHARED`.
fn shared() -> BTreeSet<&'static str> {
    SHARED.split_whitespace().collect()
}

/// Words of two letters that are English and not Dutch; shorter words are
/// otherwise left aside, as both languages have many alike.
const ENGLISH_ONLY_SHORT: &[&str] =
    &["to", "on", "by", "at", "an", "or", "no", "be", "it", "as", "if", "so", "do", "my", "up", "us"];

/// The words of `text` outside quotes, leaving out values: a quoted text,
/// an id, a path, a flag or a date is no language.
fn words(text: &str) -> Vec<String> {
    let unquoted = text.split(['\'', '`']).step_by(2);
    let is_value = |token: &str| token.contains(|c: char| c.is_ascii_digit() || "/-_.$=@<>[]".contains(c));
    unquoted
        .flat_map(str::split_whitespace)
        .filter(|token| !is_value(token.trim_end_matches([',', '.', ';', ':', ')'])))
        .flat_map(|token| token.split(|c: char| !c.is_alphabetic()))
        .filter(|word| word.chars().count() >= 3 || ENGLISH_ONLY_SHORT.contains(&word.to_lowercase().as_str()))
        .map(str::to_lowercase)
        .collect()
}

/// Help speaks Dutch by `--lang nl` before or after `--help`, by the
/// setting and by the locale, with clap's own words in Dutch too; the
/// English stays English.
#[test]
fn help_speaks_dutch_however_the_language_is_chosen() {
    let home = Home::new();
    let dutch = |command: &mut assert_cmd::Command| text(&command.assert().success().get_output().stdout.clone());
    let by_flag = dutch(home.command().args(["--lang", "nl", "run", "--help"]));
    assert!(
        by_flag.starts_with("Doorloop een reflectie en bewaar die in het dagboek\n\nGebruik: bezin run [OPTIES] [SET]")
    );
    for heading in ["\nArgumenten:\n", "\nOpties:\n", "\nVoorbeelden:\n", "Toon de hulp", "<BESTAND>"] {
        assert!(by_flag.contains(heading), "{heading}: {by_flag}");
    }
    assert_eq!(dutch(home.command().args(["run", "--help", "--lang", "nl"])), by_flag);
    assert_eq!(dutch(home.command().args(["run", "-h"]).env("LANG", "nl_BE.UTF-8")), by_flag);
    assert!(
        dutch(home.command().args(["help", "run"]).env("LC_ALL", "nl_NL.UTF-8")).starts_with("Doorloop een reflectie")
    );
    home.write("config.toml", "language = \"nl\"\n");
    let top = dutch(home.command().arg("--help"));
    assert!(
        top.contains("Opdrachten:\n  sets ") && top.contains("[standaard: auto] [mogelijk: auto, always, never]"),
        "{top}"
    );
    assert!(top.contains("  help         Toon deze hulp, of die van de genoemde opdracht(en)"), "{top}");
    let english = dutch(home.command().args(["run", "--help", "--lang", "en"]));
    assert!(english.starts_with("Walk through a reflection") && english.contains("Usage: bezin run [OPTIONS] [SET]"));
}

/// The manual page in Dutch: its sections named in Dutch, well formed for man.
#[test]
fn the_man_page_speaks_dutch() {
    let home = Home::new();
    let page = home.stdout(&["man", "--lang", "nl"]);
    for section in [".SH NAAM", ".SH OVERZICHT", ".SH BESCHRIJVING", ".SH OPTIES", ".SH OPDRACHTEN", ".SH VOORBEELDEN"]
    {
        assert!(page.contains(section), "{section}: {page}");
    }
    assert!(page.contains("Een reflectiecoach voor de terminal") && !page.contains(".SH NAME"), "{page}");
    if std::process::Command::new("man").arg("--version").output().is_ok_and(|out| out.status.success()) {
        let file = home.write("bezin.1", &page);
        let out = std::process::Command::new("man").arg("-l").arg(&file).env("MANPAGER", "cat").output().unwrap();
        assert!(out.status.success() && text(&out.stdout).contains("OPDRACHTEN"), "{}", text(&out.stderr));
    }
}

/// A mistake on the command line is said in Dutch too, laid out as clap
/// lays it out in English, with the same exit code and none of its words.
#[test]
fn mistakes_on_the_command_line_are_said_in_dutch() {
    let home = Home::new();
    let mistakes: [(&[&str], &str); 6] = [
        (
            &["lijst"],
            "fout: onbekende opdracht 'lijst'\n\n  tip: een opdracht die erop lijkt: 'list'\n\n\
             Gebruik: bezin [OPTIES] [OPDRACHT]\n\nMeer hierover: probeer '--help'.\n",
        ),
        (&["list", "--foo"], "fout: onverwacht argument '--foo'\n\nGebruik: bezin list [OPTIES]\n"),
        (
            &["completions"],
            "fout: deze argumenten ontbreken:\n  <SHELL>\n\nGebruik: bezin completions [OPTIES] <SHELL>",
        ),
        (
            &["list", "--color", "paars"],
            "fout: ongeldige waarde 'paars' voor '--color <WANNEER>'\n  [mogelijk: auto, always",
        ),
        (&["run", "--resume", "--fresh"], "fout: '--resume' gaat niet samen met '--fresh'"),
        (&["list", "--set"], "fout: '--set <ID>' heeft een waarde nodig, maar kreeg er geen"),
    ];
    for (args, dutch) in mistakes {
        let english = home.command().args(args).output().unwrap();
        let said = home.command().args(["--lang", "nl"]).args(args).output().unwrap();
        assert_eq!(said.status.code(), english.status.code(), "{args:?}");
        let (english, said) = (text(&english.stderr), text(&said.stderr));
        assert!(said.contains(dutch), "{args:?}: {said}");
        let english: BTreeSet<String> =
            words(&english).into_iter().filter(|word| !shared().contains(word.as_str())).collect();
        let left: Vec<String> = words(&said).into_iter().filter(|word| english.contains(word)).collect();
        assert!(left.is_empty(), "English words {left:?} in {args:?}: {said}");
    }
}

/// `sets show` names the kinds of prompts and the answer a prompt waits
/// for (yes or no, as bezin shows answers) in the person's language;
/// `stats` says its questions and "1 answer" in it too.
#[test]
fn sets_show_and_stats_speak_the_interface_language() {
    let home = Home::new();
    let dutch = home.stdout(&["sets", "show", "five-tips", "--lang", "nl"]);
    assert!(dutch.contains("[calm: schaal, vergeleken als calm]") && dutch.contains("[open: ja of nee]"), "{dutch}");
    assert!(dutch.contains("[slow-down: meerkeuze, vergeleken als pace]") && dutch.contains("alleen als open = nee"));
    let english = home.stdout(&["sets", "show", "five-tips"]);
    assert!(english.contains("[calm: scale, compared as calm]") && english.contains("only when open = no"));
    home.save("five-tips", common::FIVE_TIPS, &[]);
    let dutch = home.stdout(&["stats", "--lang", "nl"]);
    assert!(
        dutch.contains("\n  Hoe rustig ben je als je aan het komende gesprek denkt? (five-tips)\n")
            && dutch.contains("\n  Hoe ga je in het gesprek de tijd vertragen? (five-tips)\n")
            && dutch.contains("; 1 antwoord\n"),
        "{dutch}"
    );
    assert!(!dutch.contains("calm:") && !dutch.contains("slow-down:"), "no prompt ids: {dutch}");
    assert!(!dutch.contains("How calm"), "{dutch}");
    assert!(home.stdout(&["stats"]).contains("; 1 answer\n"));
}

/// What the session showed before `text` appeared, its spaces and line
/// breaks as single spaces.
fn seen_before(p: &mut rexpect::session::PtySession, text: &str) -> String {
    let bytes: String = text.bytes().map(char::from).collect();
    let seen = p.exp_string(&bytes).unwrap_or_else(|err| panic!("waiting for {text:?}: {err}"));
    let seen = String::from_utf8(seen.chars().map(|c| u8::try_from(c).unwrap()).collect()).unwrap();
    seen.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The recall a run shows after the person's name, in `lang`.
fn recalled(home: &Home, lang: &str) -> String {
    let mut p = common::spawn(home, &["run", "five-tips", "--lang", lang, "--fresh"]);
    common::at(&mut p, "›", "Anna\r");
    let block = seen_before(&mut p, "(2/");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    block
}

/// The recall quotes an earlier reflection's questions in the language of
/// the run, whichever language the reflection was made in, and its set's
/// title in that language too.
#[test]
fn the_recall_quotes_the_questions_in_the_language_of_the_run() {
    let answers = "counterpart = \"Anna\"\nrequest = \"x\"\ncalm = 4\n\
                   not-knowing = \"x\"\nframe = \"time\"\nroom = \"x\"\n\
                   slow-down = [\"silence\"]\ndesire = \"To be heard\"\ntogether = \"A trial week\"\nopen = true\n";
    for (made_in, run_in, asked, not_asked, title) in [
        (
            "en",
            "nl",
            "Luister in het gesprek naar het verlangen achter de vraag",
            "listen for the desire",
            "Vijf tips voordat",
        ),
        (
            "nl",
            "en",
            "In the conversation, listen for the desire behind the request",
            "Luister in het gesprek",
            "Five tips before",
        ),
    ] {
        let home = Home::new();
        home.save("five-tips", answers, &["--lang", made_in]);
        let block = recalled(&home, run_in);
        assert!(block.contains(asked) && !block.contains(not_asked), "made in {made_in}, run in {run_in}: {block}");
        assert!(block.contains(&format!("({title}")), "{block}");
        assert!(block.contains("To be heard") && block.contains("A trial week"), "{block}");
    }
}

/// The recall falls back to the reflection's own words when its set has
/// no such prompt any more: then it has nothing worth recalling to show.
#[test]
fn the_recall_of_a_set_that_is_gone_names_the_reflection_in_its_own_words() {
    let home = Home::new();
    let mut entry = common::entry("gone000001", "a-set-now-gone", "2026-01-10T09:00:00+01:00", None, &[]);
    entry["person"] = "Anna".into();
    home.journal(&[entry]);
    let block = recalled(&home, "nl");
    assert!(block.contains("Anna: 1 reflectie, de laatste op 10 januari 2026 (a-set-now-gone)"), "{block}");
}

/// The preparation for a talk with Anna, answered in Dutch.
const PREPARATION: &str = "counterpart = \"Anna\"\nrequest = \"Een ander rooster\"\ncalm = 4\n\
                           not-knowing = \"Wat ze echt wil\"\nframe = \"time\"\n\
                           room = \"Rustig luisteren\"\nslow-down = [\"silence\"]\n\
                           desire = \"Meer zeggenschap over haar rooster\"\ntogether = \"Samen een rooster maken\"\n\
                           open = true\n";

/// The look-back on it, in Dutch.
const LOOK_BACK: &str = "what-happened = \"We spraken een proef af\"\nhow-it-went = 7\n\
                         desire-learned = \"Zeggenschap\"\ntook-time = \"Bij het rooster\"\nunplanned = false\n\
                         what-stopped = \"Te weinig tijd\"\n\
                         own-part = \"Ik luisterde\"\ncalm-now = 8\nnext = \"Vrijdag bellen\"\n";

/// A home with a preparation looked back on, one still open, a third
/// entry to delete and a draft; returns it with the ids of the entries.
fn lived_in() -> (Home, [String; 4]) {
    let home = Home::new();
    let anna = home.save("five-tips", PREPARATION, &["--lang", "nl", "--title", "Gesprek met Anna", "--tag", "werk"]);
    let looked_back = home.save("after-the-conversation", LOOK_BACK, &["--follows", &anna, "--lang", "nl"]);
    let bram = home.save("five-tips", &PREPARATION.replace("Anna", "Bram"), &["--lang", "nl"]);
    let spare = home.save("five-tips", &PREPARATION.replace("Anna", "Eva"), &["--lang", "nl", "--tag", "thuis"]);
    home.write(
        "drafts/dr00000001.json",
        r#"{"id":"dr00000001","set":"five-tips","set_version":2,"lang":"nl","started":"2026-05-23T08:00:00+01:00","updated":"2026-05-23T08:01:00+01:00","follows":null,"answers":[["counterpart",{"text":"Eva"}]],"title":null,"tags":[]}"#,
    );
    for (path, mode) in [("", 0o700), ("drafts", 0o700), ("drafts/dr00000001.json", 0o600)] {
        std::fs::set_permissions(home.path().join(path), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    (home, [anna, looked_back, bram, spare])
}

/// The string literals of the `EN` tables of src/lang, their placeholders
/// (`{path}`) left out.
fn english_tables() -> Vec<String> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lang");
    let mut found = Vec::new();
    for file in std::fs::read_dir(folder).unwrap() {
        let source = std::fs::read_to_string(file.unwrap().path()).unwrap();
        for table in source.split("static EN").skip(1) {
            let table = table.split("\n};").next().unwrap();
            let code: String =
                table.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
            found.extend(literals(&code).into_iter().map(|literal| without_placeholders(&literal)));
        }
    }
    assert!(found.len() > 300, "the English tables: {}", found.len());
    found
}

/// The string literals in Rust code: "…" with its escapes, and r#"…"#.
fn literals(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(start) = rest.find('"') {
        let raw = rest[..start].ends_with("r#");
        let after = &rest[start + 1..];
        let end = if raw { after.find("\"#") } else { unescaped_quote(after) };
        let end = end.expect("a closed string literal");
        found.push(after[..end].replace("\\n", "\n").replace("\\\"", "\""));
        rest = &after[end + 1..];
    }
    found
}

fn unescaped_quote(text: &str) -> Option<usize> {
    let mut escaped = false;
    text.char_indices().find_map(|(at, c)| {
        let end = c == '"' && !escaped;
        escaped = c == '\\' && !escaped;
        end.then_some(at)
    })
}

fn without_placeholders(text: &str) -> String {
    let mut kept = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            c if depth == 0 => kept.push(c),
            _ => {}
        }
    }
    kept
}

/// The commands a help screen lists, without `help`: under `heading`.
fn commands_in(help: &str, heading: &str) -> Vec<String> {
    let listed = help.split_once(heading).map_or("", |(_, rest)| rest.split("\n\n").next().unwrap_or(""));
    let names = listed.lines().filter(|line| line.starts_with("  ") && !line.starts_with("   "));
    names.filter_map(|line| line.split_whitespace().next()).filter(|name| *name != "help").map(str::to_owned).collect()
}

/// Every command and subcommand, as typed after `bezin`.
fn every_command(home: &Home) -> Vec<Vec<String>> {
    let mut waiting: Vec<Vec<String>> = vec![Vec::new()];
    let mut found = Vec::new();
    while let Some(command) = waiting.pop() {
        let help = home.stdout(&[command.iter().map(String::as_str).collect::<Vec<_>>(), vec!["--help"]].concat());
        waiting.extend(commands_in(&help, "Commands:\n").into_iter().map(|sub| [command.clone(), vec![sub]].concat()));
        found.push(command);
    }
    assert!(found.len() > 21, "{found:?}");
    found
}

/// The English words of the interface: those of the English tables and
/// of the English help of every command, but for the shared ones.
fn english_words(home: &Home) -> BTreeSet<String> {
    let mut english: Vec<String> = english_tables().iter().flat_map(|literal| words(literal)).collect();
    for command in every_command(home) {
        let args = [command.iter().map(String::as_str).collect::<Vec<_>>(), vec!["--help"]].concat();
        english.extend(words(&home.stdout(&args)));
    }
    english.extend(words(&home.stdout(&["man"])));
    let shared = shared();
    let english: BTreeSet<String> = english.into_iter().filter(|word| !shared.contains(word.as_str())).collect();
    for word in ["entries", "follows", "reflections", "usage", "options", "saved", "deleted", "print", "default"] {
        assert!(english.contains(word), "{word} is among the English words");
    }
    english
}

/// What `bezin ARGS --lang nl` says on both streams; it must succeed.
fn in_dutch(home: &Home, args: &[&str]) -> String {
    let out = home.command().args(args).args(["--lang", "nl"]).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}{}", text(&out.stdout), text(&out.stderr));
    text(&out.stdout) + &text(&out.stderr)
}

/// The English words in what `args` said in Dutch, as a line to report.
fn english_in(english: &BTreeSet<String>, args: &[&str], said: &str) -> Option<String> {
    let left: BTreeSet<String> = words(said).into_iter().filter(|word| english.contains(word)).collect();
    (!left.is_empty()).then(|| format!("bezin {}: {left:?}", args.join(" ")))
}

#[test]
fn every_command_speaks_dutch_in_its_ordinary_use() {
    let (home, [anna, looked_back, bram, spare]) = lived_in();
    let english = english_words(&home);
    let answers = home.write("antwoorden.toml", &PREPARATION.replace("Anna", "Ilse"));
    let set = home.write("mijn-set.toml", "id = \"mijn-set\"\nversion = 1\ntitle = \"Mijn set\"\ndescription = \"Voor mij\"\n\n[[prompts]]\nid = \"wie\"\nkind = \"text\"\nask = \"Met wie?\"\n");
    let copy = home.path().join("kopie.json");
    let commands: Vec<Vec<&str>> = vec![
        vec![],
        vec!["sets"],
        vec!["sets", "show", "five-tips"],
        vec!["sets", "show", "after-the-conversation"],
        vec!["sets", "new", "voor-het-overleg"],
        vec!["sets", "validate", set.to_str().unwrap()],
        vec!["run", "five-tips", "--answers", answers.to_str().unwrap()],
        vec!["list"],
        vec!["list", "--since", "gisteren", "--until", "vandaag"],
        vec!["show", &anna],
        vec!["show", &looked_back],
        vec!["search", "rooster"],
        vec!["people"],
        vec!["about", "anna"],
        vec!["stats"],
        vec!["drafts"],
        vec!["check"],
        vec!["config"],
        vec!["config", "path"],
        vec!["config", "init"],
        vec!["export"],
        vec!["export", "--format", "json", "-o", copy.to_str().unwrap()],
        vec!["done", &bram, "--note", "Per mail geregeld"],
        vec!["edit", &anna, "--title", "Over het rooster", "--tag", "werk"],
        vec!["delete", &spare, "--yes"],
        vec!["import", copy.to_str().unwrap()],
        vec!["drafts", "discard", "dr00000001", "--yes"],
        vec!["man"],
    ];
    let mut found: Vec<String> =
        commands.iter().filter_map(|args| english_in(&english, args, &in_dutch(&home, args))).collect();
    let sealed = Home::new();
    sealed.save("five-tips", PREPARATION, &["--lang", "nl"]);
    for args in [&["encrypt"][..], &["decrypt", "--yes"]] {
        found.extend(english_in(&english, args, &in_dutch(&sealed, args)));
    }
    for command in every_command(&home) {
        let args = [command.iter().map(String::as_str).collect::<Vec<_>>(), vec!["--help"]].concat();
        found.extend(english_in(&english, &args, &in_dutch(&home, &args)));
    }
    assert!(found.is_empty(), "English in the Dutch interface:\n{}", found.join("\n"));
}

/// What `bezin ARGS --lang nl` says when it refuses: on stderr, with a
/// non-zero exit.
fn refused_in_dutch(home: &Home, args: &[&str]) -> String {
    let out = home.command().args(args).args(["--lang", "nl"]).output().unwrap();
    assert!(!out.status.success(), "{args:?} was refused");
    text(&out.stderr)
}

#[test]
fn refusals_are_said_in_dutch() {
    let (home, _) = lived_in();
    let english = english_words(&home);
    let journal = home.path().join("journal.jsonl");
    let age_file = home.write("kopie.age", "age-encryption.org/v1\n-> X25519 abc\n");
    let broken = home.write("kapot.json", "[{\"id\": 5,\n \"x\": }]");
    let cut = home.write("afgebroken.json", "[{\"a\":\"abc");
    let jrnl = home.write("jrnl.json", "{\"entries\": [1]");
    let refusals: [(&[&str], &str); 8] = [
        (&["search", "  "], "heeft een tekst nodig"),
        (&["list", "--since", "2026-13-01"], "'2026-13-01' is geen datum; geef een dag zoals 2026-11-01"),
        (&["list", "--since", "foo"], "of vandaag of gisteren"),
        (&["export", "-o", journal.to_str().unwrap()], "is het dagboek zelf"),
        (&["import", age_file.to_str().unwrap()], "kon de identiteit"),
        (&["import", broken.to_str().unwrap()], "verwacht: een tekst; gevonden: het getal `5` in kolom 8"),
        (&["import", cut.to_str().unwrap()], "het bestand houdt op midden in een tekst tussen aanhalingstekens"),
        (&["import", jrnl.to_str().unwrap()], "verwacht: een object; gevonden: het getal `1` in kolom 1"),
    ];
    for (args, dutch) in refusals {
        let said = refused_in_dutch(&home, args);
        assert!(said.contains(dutch), "{args:?}: {said}");
        assert_eq!(english_in(&english, args, &said), None, "{said}");
    }
}

/// Lines no bezin wrote: not JSON, a value of the wrong kind, a field
/// missing, a text cut off, a line of a newer format.
const DAMAGED: &str = "niet eens JSON\n{\"format\":2,\"id\":5}\n{\"format\":2,\"id\":\"abc\"}\n{\"format\":2,\"id\":\"ab\n{\"format\":9,\"id\":\"x\"}\n";

#[test]
fn damaged_lines_are_named_in_dutch() {
    let (home, _) = lived_in();
    let english = english_words(&home);
    let mut whole = common::entry("heel000001", "five-tips", "2026-01-01T09:00:00+01:00", None, &[]);
    whole["lang"] = "nl".into();
    let copy = home.write("kopie.jsonl", &format!("{whole}\n{DAMAGED}"));
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = home.command().args(["--journal", copy.to_str().unwrap(), "check", "--lang", "nl"]).output().unwrap();
    let checked = text(&out.stdout) + &text(&out.stderr);
    for said in [
        "verwacht een waarde, gevonden: een woord dat JSON niet kent in kolom 2",
        "verwacht: een tekst; gevonden: het getal `5` in kolom 18",
        "hier ontbreekt de sleutel `set` in kolom 23",
        "de tekst houdt op midden in een tekst tussen aanhalingstekens",
        "1 reflectie van een nieuwere bezin",
    ] {
        assert!(checked.contains(said), "{said} in {checked}");
    }
    let imported = in_dutch(&home, &["import", copy.to_str().unwrap()]);
    assert!(imported.contains("een beschadigde regel weggelaten (verwacht een waarde"), "{imported}");
    let listed = in_dutch(&home, &["--journal", copy.to_str().unwrap(), "list"]);
    let found: Vec<String> = [(&["check"][..], checked), (&["import"], imported), (&["list"], listed)]
        .iter()
        .filter_map(|(args, said)| english_in(&english, args, said))
        .collect();
    assert!(found.is_empty(), "English in the Dutch interface:\n{}", found.join("\n"));
}

#[test]
fn an_unknown_language_is_named_with_the_ones_bezin_speaks_in_dutch() {
    let home = Home::new();
    let said = home.command().env("LANG", "nl_NL.UTF-8").args(["--lang", "de", "list"]).output().unwrap();
    assert_eq!(said.status.code(), Some(2));
    let said = text(&said.stderr);
    assert!(
        said.contains("ongeldige waarde 'de' voor '--lang <TAAL>': onbekende taal 'de'; bezin spreekt en, nl"),
        "{said}"
    );
}

#[test]
fn help_on_help_reads_as_it_does_in_english() {
    let home = Home::new();
    let english = home.stdout(&["help", "help"]);
    assert!(english.contains("Usage: bezin help [COMMAND]...\n\nArguments:\n  [COMMAND]..."), "{english}");
    let dutch = home.stdout(&["--lang", "nl", "help", "help"]);
    assert_eq!(
        dutch,
        "Toon deze hulp, of die van de genoemde opdracht(en)\n\nGebruik: bezin help [OPDRACHT]...\n\n\
         Argumenten:\n  [OPDRACHT]...  Toon de hulp van de opdracht(en)\n"
    );
    assert!(home.stdout(&["--lang", "nl", "help", "sets", "show"]).contains("Gebruik: bezin sets show [OPTIES] <ID>"));
}
