//! `bezin run` in a real pseudo-terminal, driven by keystrokes: every kind
//! of widget, a confirm that opens a `when` prompt, the editor for a long
//! answer, changing an answer at the review, going back to the question
//! before from every widget in both languages, and the saved entry.

mod common;

use common::answers::{Answering, BUILT_IN, branch_points, built_in, change_keys, followed, plan, plan_with};
use common::{DOWN, ENTER, FIVE_TIPS, Home, UP, at, save_untitled, spawn};
use serde_json::json;

#[test]
fn a_reflection_is_answered_with_keystrokes_changed_at_the_review_and_saved() {
    let home = Home::new();
    let mut p = spawn(&home, &["run", "five-tips"]);
    at(&mut p, "Five tips before you answer", "");
    at(&mut p, "(1/11) Who wants something from you?", "Anna\r");
    at(&mut p, "(2/11) What exactly is Anna asking for?", "More hours\r\r");
    at(&mut p, "(3/11) How calm", &format!("{DOWN}{DOWN}"));
    at(&mut p, "❯ 7", ENTER);
    at(&mut p, "· 7/10", "");
    at(&mut p, "(4/11) Suppose you do not know", "First line\rsecond line\r\r");
    at(&mut p, "(5/11) Which limit", DOWN);
    at(&mut p, "❯ lack of time", ENTER);
    at(&mut p, "(6/11) Put that limit in your own words", "Start small\r:e\r");
    // What the editor gave back is on the screen before the next question.
    at(&mut p, "  Start small\r\n  Written in the editor", "");
    at(&mut p, "(7/11) How will you slow the pace", " ");
    at(&mut p, "[x] ask one more question", &format!("{DOWN}{DOWN} "));
    at(&mut p, "[x] leave a silence", ENTER);
    at(&mut p, "· ask one more question before I answer, leave a silence", "");
    at(&mut p, "(8/11) In the conversation, listen for the desire behind the request.", "");
    at(&mut p, "Anna long for?", "To be seen\r\r");
    at(&mut p, "(9/11) With some tactical give and take", "A plan\r\r");
    at(&mut p, "(10/11) Can you go into the conversation", "n");
    at(&mut p, "(11/11) What holds you back?", "Fear\r\r");
    at(&mut p, "Your answers", "");
    at(&mut p, "❯ Save", &DOWN.repeat(3));
    at(&mut p, "❯ Change 3: How calm", ENTER);
    at(&mut p, "(3/11) How calm", UP);
    at(&mut p, "❯ 6", ENTER);
    at(&mut p, "· 6/10", "");
    at(&mut p, "❯ Save", ENTER);
    at(&mut p, "Title (optional)", "Talk with Anna\r");
    at(&mut p, "Tags, separated by commas", "work, #anna\r");
    at(&mut p, "Saved as ", "");
    p.exp_eof().unwrap();

    let entries = home.entries();
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    assert_eq!(entry["title"], "Talk with Anna");
    assert_eq!(entry["tags"], json!(["work", "anna"]));
    let answers = answers_of(entry);
    let expected = [
        ("counterpart", json!("Anna")),
        ("request", json!("More hours")),
        ("calm", json!(6)),
        ("not-knowing", json!("First line\nsecond line")),
        ("frame", json!({"id": "time", "label": "lack of time"})),
        ("room", json!("Start small\nWritten in the editor")),
        (
            "slow-down",
            json!([
                {"id": "ask-first", "label": "ask one more question before I answer"},
                {"id": "silence", "label": "leave a silence"}
            ]),
        ),
        ("desire", json!("To be seen")),
        ("together", json!("A plan")),
        ("open", json!(false)),
        ("holding-back", json!("Fear")),
    ];
    let expected: Vec<(String, serde_json::Value)> = expected.into_iter().map(|(id, v)| (id.to_owned(), v)).collect();
    assert_eq!(answers, expected);
}

#[test]
fn after_the_conversation_offers_the_reflection_it_follows_and_shows_it_first() {
    let home = Home::new();
    let before = home.save(
        "five-tips",
        "counterpart = \"Bram\"\nrequest = \"x\"\ncalm = 3\nnot-knowing = \"x\"\nframe = \"rules\"\nroom = \"x\"\n\
         slow-down = [\"silence\"]\ndesire = \"Recognition\"\ntogether = \"x\"\nopen = true\n",
        &["--title", "Before Bram"],
    );
    let mut p = spawn(&home, &["run", "after-the-conversation", "--lang", "nl"]);
    at(&mut p, "Op welk gesprek kijk je terug?", "");
    at(&mut p, "Bram  Before Bram", ENTER);
    at(&mut p, "Deze reflectie volgt op 'Before Bram'", "");
    at(&mut p, "Recognition", "");
    // What happened comes before the score; then what five-tips asked is asked after.
    at(&mut p, "(1/10) Wat gebeurde er?", "We praatten\r\r");
    at(&mut p, "(2/10) Hoe ging het gesprek", ENTER);
    at(&mut p, "(3/10) Welk verlangen hoorde je achter de vraag?", "Erkenning\r\r");
    at(&mut p, "(4/10) Waar nam je de tijd, en waar antwoordde je toch te snel?", "Bij de stilte\r\r");
    at(&mut p, "(5/10) Is er iets uit het gesprek voortgekomen", "");
    at(&mut p, "(j/n)", "j");
    at(&mut p, "· ja", "");
    at(&mut p, "(6/9) Wat was het?", "Een nieuw plan\r\r");
    at(&mut p, "(7/9) Wat deed je dat hielp", "Luisteren\r\r");
    at(&mut p, "(8/9) Hoe rustig ben je nu, als je aan het gesprek terugdenkt?", ENTER);
    at(&mut p, "(9/9) Wat is de volgende stap", "Bellen\r\r");
    at(&mut p, "Je antwoorden", "");
    at(&mut p, "❯ Bewaren", ENTER);
    at(&mut p, "Titel (optioneel)", ENTER);
    at(&mut p, "Labels", ENTER);
    at(&mut p, "Bewaard als ", "");
    p.exp_eof().unwrap();

    let entry = home.entries().pop().unwrap();
    assert_eq!(entry["follows"], before.as_str());
    assert_eq!(entry["person"], "Bram", "the person carries over");
    assert_eq!(entry["lang"], "nl");
    assert_eq!(entry["title"], serde_json::Value::Null);
    assert_eq!(entry["answers"][1]["answer"], 5);
    assert_eq!(entry["answers"][5]["question"], "Wat was het? Waardoor werd één plus één drie?");
    assert_eq!(entry["answers"].as_array().unwrap().len(), 9);
}

#[test]
fn the_picker_says_what_each_set_is_for_in_dutch() {
    let home = Home::new();
    let mut p = spawn(&home, &["run", "--lang", "nl"]);
    at(&mut p, "five-tips                  je openstellen voordat je op een verzoek reageert", "");
    at(&mut p, "after-the-conversation     terugkijken op een gesprek dat je had voorbereid", "\x1b");
    p.exp_eof().unwrap();
}

#[test]
fn without_a_set_a_picker_chooses_one_and_optional_prompts_may_stay_blank() {
    let home = Home::new();
    let mut p = spawn(&home, &["run"]);
    // Each set with what it is for, the second column lined up.
    at(&mut p, "Which reflection?", "");
    at(&mut p, "five-tips                  opening up before you answer a request", "");
    at(&mut p, "desire-behind-the-request  seeing what someone who keeps asking longs for", &format!("{DOWN}{DOWN}"));
    at(&mut p, "❯ why-and-for-whom", ENTER);
    at(&mut p, "Why and for whom", "");
    at(&mut p, "(1/10) Why do you, or your organisation, exist?", "To help\r\r");
    at(&mut p, "(2/10) Who do you want to matter to?", "Teachers\r\r");
    at(&mut p, "(3/10) Who gets something from you because you want them to have it", "Time\r\r");
    at(&mut p, "(4/10) And which person or organisation would you like to see get a new lease of life?", ENTER);
    at(&mut p, "(5/10) Working together starts with trust", &format!("{DOWN}{ENTER}"));
    // Inner factors: the question for those who rely on outer ones drops out.
    at(&mut p, "(6/9) How deeply do you know yourself", ENTER);
    at(&mut p, "(7/9) Where might you, or your organisation, have drifted", "Sales\r\r");
    at(&mut p, "(8/9) Rethinking me", "Listen\r\r");
    at(&mut p, "(9/9) How often will you ask yourself the two questions", &format!("{DOWN}{ENTER}"));
    at(&mut p, "Your answers", "");
    save_untitled(&mut p);
    at(&mut p, "Saved as ", "");
    p.exp_eof().unwrap();

    let entry = home.entries().pop().unwrap();
    assert_eq!(entry["set"], "why-and-for-whom");
    let ids: Vec<&str> = entry["answers"].as_array().unwrap().iter().map(|a| a["prompt"].as_str().unwrap()).collect();
    assert!(
        !ids.contains(&"new-life") && !ids.contains(&"outer-bubbles"),
        "a blank optional answer is not saved: {ids:?}"
    );
    assert_eq!(ids.len(), 8);
    assert_eq!(entry["answers"][3]["answer"]["label"], "knowing who we are at our core (internal factors)");
    assert_eq!(entry["answers"][3]["answer"]["id"], "inner");
    assert_eq!(entry["answers"][7]["answer"], json!({"id": "weekly", "label": "every week"}));
}

#[test]
fn edit_changes_the_title_and_an_answer_with_the_widget_of_its_kind() {
    let home = Home::new();
    let id = home.save("five-tips", FIVE_TIPS, &[]);
    let mut p = spawn(&home, &["edit", &id[..5]]);
    at(&mut p, &format!("Change entry {id}"), &format!("{DOWN}{DOWN}"));
    at(&mut p, "❯ Title: (none)", ENTER);
    at(&mut p, "Title", "Renamed\r");
    at(&mut p, "Title: Renamed", &DOWN.repeat(6));
    at(&mut p, "❯ 3. How calm", ENTER);
    at(&mut p, "How calm are you", &format!("{DOWN}{DOWN}"));
    at(&mut p, "❯ 6", ENTER);
    at(&mut p, "· 6/10", "");
    at(&mut p, "❯ Save", ENTER);
    at(&mut p, &format!("Changed {id}"), "");
    p.exp_eof().unwrap();

    let entry = home.entries().pop().unwrap();
    assert_eq!(entry["title"], "Renamed");
    assert_eq!(entry["answers"][2]["answer"], 6);
    assert!(entry["edited"].is_string());
}

#[test]
fn delete_asks_first_and_no_keeps_the_entry() {
    let home = Home::new();
    let id = home.save("five-tips", FIVE_TIPS, &["--title", "Keep me?"]);
    let mut p = spawn(&home, &["delete", &id]);
    at(&mut p, &format!("Delete {id} 'Keep me?'"), "n");
    at(&mut p, "Nothing deleted.", "");
    p.exp_eof().unwrap();
    assert_eq!(home.entries().len(), 1);
    let mut p = spawn(&home, &["delete", &id]);
    at(&mut p, "This cannot be undone", "y");
    at(&mut p, &format!("Deleted {id}"), "");
    p.exp_eof().unwrap();
    assert!(home.entries().is_empty());
}

#[test]
fn changing_an_answer_at_the_review_asks_the_prompt_it_opens() {
    let home = Home::new();
    let mut p = spawn(&home, &["run", "five-tips"]);
    at(&mut p, "(1/11) Who wants something from you?", "Anna\r");
    at(&mut p, "(2/11) What exactly is Anna asking for?", "x\r\r");
    at(&mut p, "(3/11) How calm", ENTER);
    at(&mut p, "(4/11) Suppose you do not know", "x\r\r");
    at(&mut p, "(5/11) Which limit", ENTER);
    at(&mut p, "(6/11) Put that limit in your own words", "x\r\r");
    at(&mut p, "(7/11) How will you slow the pace", &format!(" {ENTER}"));
    at(&mut p, "(8/11) In the conversation, listen for the desire", "x\r\r");
    at(&mut p, "(9/11) With some tactical give and take", "x\r\r");
    at(&mut p, "(10/11) Can you go into the conversation", "y");
    at(&mut p, "❯ Save", &DOWN.repeat(10));
    at(&mut p, "❯ Change 10: Can you go into", ENTER);
    at(&mut p, "Can you go into the conversation without knowing where it will lead?", "n");
    at(&mut p, "(11/11) What holds you back?", "Fear\r\r");
    save_untitled(&mut p);
    at(&mut p, "Saved as", "");
    p.exp_eof().unwrap();
    let entry = home.entries().pop().unwrap();
    let answers: Vec<(&str, &serde_json::Value)> =
        entry["answers"].as_array().unwrap().iter().map(|a| (a["prompt"].as_str().unwrap(), &a["answer"])).collect();
    assert_eq!(answers[9], ("open", &json!(false)));
    assert_eq!(answers[10], ("holding-back", &json!("Fear")));
    assert_eq!(answers.len(), 11);
}

#[test]
fn the_intro_questions_and_hints_wrap_at_word_boundaries_to_the_terminal() {
    let home = Home::new();
    let long =
        "Before you answer, open up: to not knowing, to room to move, to slowing down, and to what you could make";
    home.write(
        "prompts/wide.toml",
        &format!(
            "id = \"wide\"\nversion = 1\ntitle = \"Wide\"\ndescription = \"{long}.\"\n\n[[prompts]]\nid = \"a\"\n\
             kind = \"text\"\nask = \"{long}?\"\nhint = \"{long}!\"\n"
        ),
    );
    let script = format!("stty cols 40 rows 30; exec {} run wide", common::BEZIN);
    let mut command = std::process::Command::new("sh");
    common::scrub(&mut command);
    command.args(["-c", &script]).env("BEZIN_HOME", home.path()).env("TERM", "xterm").env("NO_COLOR", "1");
    let options = common::patient(true);
    let mut p = rexpect::session::spawn_with_options(command, options).unwrap();
    let screen = p.exp_string("make!").unwrap();
    at(&mut p, "› ", "\x1b");
    p.exp_eof().unwrap();
    let lines: Vec<&str> = screen.split("\r\n").collect();
    assert!(lines.iter().all(|line| line.chars().count() <= 40), "{lines:#?}");
    let words: Vec<&str> = screen.split_whitespace().collect();
    for word in long.split_whitespace() {
        assert!(words.iter().any(|seen| seen.trim_matches(['.', '?', '!']) == word), "'{word}' is whole: {lines:#?}");
    }
    assert!(lines.len() >= 9, "the intro, the question and the hint take several lines each: {lines:#?}");
}

/// `bezin run five-tips` in a pseudo-terminal with `editor` as $EDITOR and
/// temporary files in the home's `tmp` folder.
fn spawn_with_editor(home: &Home, editor: &str) -> rexpect::session::PtySession {
    std::fs::create_dir_all(home.path().join("tmp")).unwrap();
    let mut command = std::process::Command::new(common::BEZIN);
    common::scrub(&mut command);
    if editor.is_empty() {
        // With no editor set bezin falls back to vi, which this PATH does not have.
        command.env("PATH", home.path().join("tmp"));
    }
    command.args(["run", "five-tips"]).env("BEZIN_HOME", home.path()).env("EDITOR", editor);
    command.env("TMPDIR", home.path().join("tmp")).env("TERM", "xterm").env("NO_COLOR", "1");
    let options = common::patient(true);
    rexpect::session::spawn_with_options(command, options).unwrap()
}

#[test]
fn the_editor_never_costs_an_answer() {
    let home = Home::new();
    let script = |name: &str, body: &str| {
        let path = home.write(name, &format!("#!/bin/sh\n{body}\n"));
        std::fs::set_permissions(&path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let cases = [
        (home.path().join("no such editor").to_str().unwrap().to_owned(), "was not found"),
        (script("fails.sh", "exit 3"), "stopped with an error"),
        (script("loses.sh", "rm \"$1\""), "is gone"),
        (script("interrupted.sh", "kill -INT $$"), "stopped with an error"),
        // Ctrl-C in the editor reaches every process of the terminal's group, bezin too.
        (script("ctrl-c.sh", "kill -INT 0"), "stopped with an error"),
        (String::new(), "was not found"),
    ];
    for (editor, says) in cases {
        let mut p = spawn_with_editor(&home, &editor);
        at(&mut p, "(1/11) Who wants something", "Anna\r");
        at(&mut p, "(2/11) What exactly", "x\r\r");
        at(&mut p, "(3/11) How calm", ENTER);
        at(&mut p, "(4/11) Suppose", "line one\r:e\r");
        at(&mut p, says, "");
        at(&mut p, "what you typed is kept", "line two\r\r");
        at(&mut p, "(5/11) Which limit", "\x1b");
        p.exp_eof().unwrap();
        let kept = common::drafts(&home).pop().unwrap();
        assert_eq!(kept["answers"][3][1], "line one\nline two", "with {editor:?}");
        std::fs::remove_dir_all(home.path().join("drafts")).unwrap();
        let left: Vec<_> = std::fs::read_dir(home.path().join("tmp")).unwrap().collect();
        assert!(left.is_empty(), "the editor's file is gone on every way out: {left:?}");
    }
}

#[test]
fn an_editor_path_with_a_space_works() {
    let home = Home::new();
    let editor = home.write("my editor/edit.sh", "#!/bin/sh\nprintf 'Written in the editor' >> \"$1\"\n");
    std::fs::set_permissions(&editor, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut p = spawn_with_editor(&home, editor.to_str().unwrap());
    at(&mut p, "(1/11) Who wants something", "Anna\r");
    at(&mut p, "(2/11) What exactly", "x\r\r");
    at(&mut p, "(3/11) How calm", ENTER);
    at(&mut p, "(4/11) Suppose", "line one\r:e\r");
    at(&mut p, "(5/11) Which limit", "\x1b");
    p.exp_eof().unwrap();
    let kept = common::drafts(&home).pop().unwrap();
    assert_eq!(kept["answers"][3][1], "line one\nWritten in the editor");
}

/// An entry's answers: each prompt's id and its answer.
fn answers_of(entry: &serde_json::Value) -> Vec<(String, serde_json::Value)> {
    let answers = entry["answers"].as_array().unwrap().iter();
    answers.map(|a| (a["prompt"].as_str().unwrap().to_owned(), a["answer"].clone())).collect()
}

const BACK_AND_FORTH: &str = r#"
id = "back-and-forth"
version = 1
title = { en = "Back and forth", nl = "Heen en weer" }
description = { en = "Every kind of question, and one that only a yes opens.", nl = "Elke soort vraag, en een die alleen ja opent." }

[[prompts]]
id = "who"
kind = "text"
person = true
ask = { en = "Who is it about?", nl = "Over wie gaat het?" }

[[prompts]]
id = "asks"
kind = "confirm"
ask = { en = "Does {who} ask something of you?", nl = "Vraagt {who} iets van je?" }

[[prompts]]
id = "what"
kind = "long"
ask = { en = "What does {who} ask?", nl = "Wat vraagt {who}?" }
when = { prompt = "asks", equals = true }

[[prompts]]
id = "mood"
kind = "choice"
options = [{ id = "calm", label = { en = "calm", nl = "rustig" } }, { id = "tense", label = { en = "tense", nl = "gespannen" } }]
ask = { en = "How do you feel about it?", nl = "Hoe sta je erin?" }

[[prompts]]
id = "ways"
kind = "multi"
options = [{ id = "ask", label = { en = "ask first", nl = "eerst vragen" } }, { id = "wait", label = { en = "wait a day", nl = "een dag wachten" } }]
ask = { en = "What will you do?", nl = "Wat ga je doen?" }

[[prompts]]
id = "sure"
kind = "scale"
min = 1
max = 3
ask = { en = "How sure are you?", nl = "Hoe zeker ben je?" }
"#;

/// What the set above says in one language, and the key for yes.
struct Said {
    lang: &'static str,
    back_help: &'static str,
    back: &'static str,
    yes: &'static str,
    keys: &'static str,
    asks: [&'static str; 2],
    what: &'static str,
    mood: &'static str,
    ways: &'static str,
    sure: &'static str,
    review: &'static str,
    save: &'static str,
}

fn go_back_through_every_widget(said: &Said) {
    let home = Home::new();
    home.write("prompts/back-and-forth.toml", BACK_AND_FORTH);
    let mut p = spawn(&home, &["run", "back-and-forth", "--lang", said.lang]);
    at(&mut p, said.back_help, "Anna\r");
    at(&mut p, said.asks[0], "");
    at(&mut p, said.keys, "n");
    // From the list, back to the yes/no (its answer kept), and with Backspace back to the name.
    at(&mut p, said.mood, "");
    at(&mut p, said.back, &format!("{DOWN}{DOWN}{ENTER}"));
    at(&mut p, said.asks[0], "\x7f");
    at(&mut p, "Anna", "\x7f\x7f\x7f\x7fBram\r");
    // The changed name is in the next question and in the draft; a yes opens the `when` question.
    at(&mut p, said.asks[1], "");
    let draft = common::drafts(&home).pop().unwrap().to_string();
    assert!(draft.contains("Bram") && !draft.contains("Anna"), "{draft}");
    p.send(said.yes).unwrap();
    p.flush().unwrap();
    at(&mut p, said.what, ":b\r");
    at(&mut p, said.asks[1], ENTER);
    at(&mut p, said.what, "Time\r\r");
    at(&mut p, said.mood, ENTER);
    // The last entry of a multi-select goes back too.
    at(&mut p, said.ways, &format!("{DOWN}{DOWN} {ENTER}"));
    at(&mut p, said.mood, &format!("{DOWN}{ENTER}"));
    at(&mut p, said.ways, &format!(" {ENTER}"));
    at(&mut p, said.sure, ENTER);
    at(&mut p, said.review, "");
    at(&mut p, said.save, &format!("{ENTER}{ENTER}{ENTER}"));
    p.exp_eof().unwrap();

    let entry = home.entries().pop().unwrap();
    let answers = answers_of(&entry);
    let ids: Vec<&str> = answers.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["who", "asks", "what", "mood", "ways", "sure"]);
    assert_eq!(answers[0].1, json!("Bram"));
    assert_eq!(answers[1].1, json!(true));
    assert_eq!(answers[2].1, json!("Time"));
    assert_eq!(answers[3].1["id"], "tense");
    assert_eq!(answers[4].1.as_array().unwrap().iter().map(|o| o["id"].clone()).collect::<Vec<_>>(), [json!("ask")]);
    assert_eq!(answers[5].1, json!(2));
    assert_eq!(entry["person"], "Bram");
}

#[test]
fn every_kind_of_question_goes_back_to_the_one_before_in_english() {
    go_back_through_every_widget(&Said {
        lang: "en",
        back_help: "To go back to the previous question later: type :b",
        back: "‹ previous question",
        yes: "y",
        keys: "(y/n)",
        asks: ["Does Anna ask something of you?", "Does Bram ask something of you?"],
        what: "What does Bram ask?",
        mood: "How do you feel about it?",
        ways: "What will you do?",
        sure: "How sure are you?",
        review: "Your answers",
        save: "❯ Save",
    });
}

#[test]
fn every_kind_of_question_goes_back_to_the_one_before_in_dutch() {
    go_back_through_every_widget(&Said {
        lang: "nl",
        back_help: "Later terug naar de vorige vraag: typ :b",
        back: "‹ vorige vraag",
        yes: "j",
        keys: "(j/n)",
        asks: ["Vraagt Anna iets van je?", "Vraagt Bram iets van je?"],
        what: "Wat vraagt Bram?",
        mood: "Hoe sta je erin?",
        ways: "Wat ga je doen?",
        sure: "Hoe zeker ben je?",
        review: "Je antwoorden",
        save: "❯ Bewaren",
    });
}

/// Runs `id` in the terminal in `lang`, looking back on a reflection of
/// `follows` (saved first): types answers that take one branch of every
/// `when`, then at the review changes each answer a `when` waits for and
/// answers the questions that opens, so that one run shows both branches.
/// Checks that what was saved is what the last answers make.
fn typed_through(id: &str, lang: &str, yes: bool, follows: Option<&str>) {
    let home = Home::new();
    let mut args = vec!["run", id, "--lang", lang];
    let earlier = follows.map(|earlier| {
        let answers = toml::to_string(&plan(&built_in(earlier), lang, yes, None).answers).unwrap();
        home.save(earlier, &answers, &["--lang", lang])
    });
    if let Some(earlier) = &earlier {
        args.extend(["--follows", earlier.as_str()]);
    }
    let set = built_in(id);
    let (save, change) = if lang == "nl" { ("❯ Bewaren", "❯ Wijzigen") } else { ("❯ Save", "❯ Change") };
    let mut flipped: Vec<String> = Vec::new();
    let mut planned = plan_with(&set, &Answering { lang, follows, yes, flipped: &flipped, person: None });
    let mut p = spawn(&home, &args);
    for (n, keys) in planned.keys.iter().enumerate() {
        at(&mut p, &format!("({}/", n + 1), keys);
    }
    for branch in branch_points(&set) {
        let Some(at_review) = planned.asked().iter().position(|asked| *asked == branch) else { continue };
        flipped.push(branch.clone());
        let changed = plan_with(&set, &Answering { lang, follows, yes, flipped: &flipped, person: None });
        let prompt = set["prompts"].as_array().unwrap().iter().find(|prompt| prompt["id"].as_str() == Some(&branch));
        at(&mut p, save, &DOWN.repeat(at_review + 1));
        at(
            &mut p,
            &format!("{change} {}: ", at_review + 1),
            &format!("{ENTER}{}", change_keys(prompt.unwrap(), lang, !yes)),
        );
        // The questions the new answer opens.
        for (n, asked) in changed.asked().iter().enumerate() {
            if !planned.asked().contains(asked) {
                at(&mut p, &format!("({}/", n + 1), &changed.keys[n]);
            }
        }
        planned = changed;
    }
    at(&mut p, save, &format!("{ENTER}{ENTER}{ENTER}"));
    at(&mut p, if lang == "nl" { "Bewaard als" } else { "Saved as" }, "");
    p.exp_eof().unwrap();
    let entry = home.entries().pop().unwrap();
    assert_eq!((entry["set"].as_str(), entry["lang"].as_str()), (Some(id), Some(lang)));
    assert_eq!(entry["answers"], serde_json::Value::Array(planned.records), "{id} in {lang}, after {follows:?}");
}

/// Each set once in each language, starting down one branch in English and
/// the other in Dutch; after-the-conversation after each set it follows.
#[test]
fn every_set_is_typed_through_in_both_languages_taking_each_branch() {
    for id in BUILT_IN {
        typed_through(id, "en", true, None);
        typed_through(id, "nl", false, None);
    }
    for earlier in followed() {
        typed_through("after-the-conversation", "nl", true, Some(earlier));
        typed_through("after-the-conversation", "en", false, Some(earlier));
    }
}

/// A key pressed while bezin is busy between two questions (here the
/// recall waits for a journal another process holds) reaches the next
/// question as typed: the terminal does not take Backspace as its own.
#[test]
fn a_key_typed_while_bezin_is_busy_reaches_the_next_question() {
    if common::about_the_plain_file() {
        return;
    }
    let home = Home::new();
    home.write("prompts/back-and-forth.toml", BACK_AND_FORTH);
    let journal = std::fs::File::create(home.journal_path()).unwrap();
    journal.lock().unwrap();
    let mut p = spawn(&home, &["run", "back-and-forth"]);
    at(&mut p, "Who is it about?", "Anna\r");
    // The line ends once bezin has read Enter; then it waits for the journal.
    at(&mut p, "Anna\r\n", "\x7f");
    journal.unlock().unwrap();
    at(&mut p, "Does Anna ask something of you?", "");
    at(&mut p, "Who is it about?", "\x7f\x7f\x7f\x7fBram\r");
    at(&mut p, "Does Bram ask something of you?", "\x1b");
    p.exp_eof().unwrap();
    let draft = common::drafts(&home).pop().unwrap();
    assert_eq!(draft["answers"][0], json!(["who", "Bram"]), "{draft}");
}

/// Where bezin, while it asks, must wait for a journal another bezin holds
/// (here to make its view again after a sync touched the logs), it says so,
/// and Ctrl-C stops the wait: it is no key that waits to be read.
#[test]
fn ctrl_c_stops_a_wait_for_a_journal_another_bezin_holds() {
    let home = Home::new();
    home.save("five-tips", FIVE_TIPS, &["--title", "Anna rooster"]);
    for device in std::fs::read_dir(home.journal_place()).unwrap().map(|entry| entry.unwrap().path()) {
        for log in std::fs::read_dir(&device).into_iter().flatten().map(|entry| entry.unwrap().path()) {
            std::fs::File::options()
                .append(true)
                .open(&log)
                .unwrap()
                .set_modified(std::time::SystemTime::now())
                .unwrap();
        }
    }
    let state = std::fs::read_dir(home.path().join("state/journals")).unwrap().next().unwrap().unwrap().path();
    let lock = std::fs::File::options().append(true).open(state.join("lock")).unwrap();
    lock.lock().unwrap();
    let mut p = spawn(&home, &["run", "after-the-conversation"]);
    at(&mut p, "Waiting for the journal: another bezin is using it. Ctrl-C stops the wait.", "\x03");
    p.exp_eof().unwrap();
    assert!(matches!(p.process().wait().unwrap(), rexpect::process::WaitStatus::Exited(_, 130)));
    lock.unlock().unwrap();
}

/// After bezin, the terminal has the settings it had before, whether the
/// reflection was paused with Esc or stopped with Ctrl-C.
#[test]
fn the_terminal_gets_its_line_mode_back_however_bezin_stops() {
    for key in ["\x1b", "\x03"] {
        let home = Home::new();
        home.write("prompts/back-and-forth.toml", BACK_AND_FORTH);
        let mut command = std::process::Command::new("/bin/sh");
        common::scrub(&mut command);
        let script = format!("stty -g; '{}' run back-and-forth; stty -g", common::BEZIN);
        command.args(["-c", &script]).env("BEZIN_HOME", home.path()).env("TERM", "xterm").env("NO_COLOR", "1");
        let mut p = rexpect::session::spawn_with_options(command, common::patient(true)).unwrap();
        let (_, before) = p.exp_regex("[0-9a-f:]{40,}").unwrap();
        at(&mut p, "Who is it about?", key);
        let (_, after) = p.exp_regex("[0-9a-f:]{40,}").unwrap();
        assert_eq!(before, after, "{key:?}");
    }
}

/// Esc or Ctrl-C in the middle of a long answer keeps every line on the
/// screen, the unfinished one too; the reflection goes on from them.
#[test]
fn stepping_out_in_the_middle_of_an_answer_keeps_what_was_typed() {
    for stop in ["\x1b", "\x03"] {
        let home = Home::new();
        let mut p = spawn(&home, &["run", "five-tips"]);
        at(&mut p, "(1/11) Who wants something from you?", "Anna\r");
        at(&mut p, "(2/11) What exactly", "x\r\r");
        at(&mut p, "(3/11) How calm", ENTER);
        at(&mut p, "(4/11) Suppose you do not know", &format!("line one\rline two half{stop}"));
        at(&mut p, "bezin run five-tips --resume", "");
        p.exp_eof().unwrap();
        let draft = common::drafts(&home).pop().unwrap();
        assert_eq!(draft["typing"], json!(["not-knowing", "line one\nline two half"]), "{stop:?}: {draft}");

        let mut p = spawn(&home, &["run", "five-tips", "--resume"]);
        at(&mut p, "(4/11) Suppose you do not know", "");
        at(&mut p, "line one", ENTER);
        at(&mut p, "line two half", &format!("ed{ENTER}{ENTER}"));
        at(&mut p, "(5/11) Which limit", "\x1b");
        p.exp_eof().unwrap();
        let draft = common::drafts(&home).pop().unwrap();
        assert_eq!(draft["answers"][3], json!(["not-knowing", "line one\nline two halfed"]), "{draft}");
        assert_eq!(draft["typing"], serde_json::Value::Null, "{draft}");
    }
}

const PREFILLED: &str = r#"
id = "prefilled"
version = 1
title = { en = "Prefilled", nl = "Vooringevuld" }
description = { en = "Text and long answers to go back through.", nl = "Tekst en lange antwoorden om door terug te gaan." }

[[prompts]]
id = "who"
kind = "text"
ask = { en = "Who is it about?", nl = "Over wie gaat het?" }

[[prompts]]
id = "where"
kind = "text"
ask = { en = "Where do they live?", nl = "Waar woont die persoon?" }

[[prompts]]
id = "what"
kind = "long"
ask = { en = "What do they ask?", nl = "Wat vraagt die persoon?" }

[[prompts]]
id = "more"
kind = "text"
ask = { en = "Anything else?", nl = "Nog iets?" }
"#;

/// What the set above asks in one language, and what bezin says around it.
struct Prefilled {
    lang: &'static str,
    asks: [&'static str; 4],
    no_way_back: &'static str,
    review: &'static str,
    save: &'static str,
}

/// `:b` after an answer shown again, unchanged, goes back and keeps it; at
/// the first question it says there is no way back, and is never the answer.
fn go_back_from_prefilled_answers(said: &Prefilled) {
    let home = Home::new();
    home.write("prompts/prefilled.toml", PREFILLED);
    let mut p = spawn(&home, &["run", "prefilled", "--lang", said.lang]);
    let [who, place, what, more] = said.asks;
    at(&mut p, who, "Anna\r");
    at(&mut p, place, "Utrecht\r");
    // On a line of its own in a long answer: back, the lines typed kept for its return.
    at(&mut p, what, "One\rTwo\r:b\r");
    at(&mut p, place, "");
    at(&mut p, "Utrecht", ":b\r");
    at(&mut p, who, "");
    at(&mut p, "Anna", ":b\r");
    at(&mut p, said.no_way_back, "");
    at(&mut p, "Anna", ENTER);
    at(&mut p, place, "");
    at(&mut p, "Utrecht", ENTER);
    at(&mut p, what, "");
    at(&mut p, "One", ENTER);
    at(&mut p, "Two", &format!("{ENTER}{ENTER}"));
    // Back to the long answer given: `:b` after its second line, unchanged, goes back again.
    at(&mut p, more, ":b\r");
    at(&mut p, what, "");
    at(&mut p, "One", ENTER);
    at(&mut p, "Two", ":b\r");
    at(&mut p, place, "");
    at(&mut p, "Utrecht", ENTER);
    at(&mut p, what, "");
    at(&mut p, "One", ENTER);
    at(&mut p, "Two", &format!("{ENTER}{ENTER}"));
    at(&mut p, more, "No\r");
    at(&mut p, said.review, "");
    at(&mut p, said.save, &format!("{ENTER}{ENTER}{ENTER}"));
    p.exp_eof().unwrap();

    let answers = answers_of(&home.entries().pop().unwrap());
    let expected = [("who", "Anna"), ("where", "Utrecht"), ("what", "One\nTwo"), ("more", "No")];
    let expected: Vec<(String, serde_json::Value)> =
        expected.iter().map(|(id, a)| ((*id).to_owned(), json!(a))).collect();
    assert_eq!(answers, expected);
}

#[test]
fn b_after_a_prefilled_answer_goes_back_and_keeps_it_in_english() {
    go_back_from_prefilled_answers(&Prefilled {
        lang: "en",
        asks: ["Who is it about?", "Where do they live?", "What do they ask?", "Anything else?"],
        no_way_back: "There is no question to go back to here.",
        review: "Your answers",
        save: "❯ Save",
    });
}

#[test]
fn b_after_a_prefilled_answer_goes_back_and_keeps_it_in_dutch() {
    go_back_from_prefilled_answers(&Prefilled {
        lang: "nl",
        asks: ["Over wie gaat het?", "Waar woont die persoon?", "Wat vraagt die persoon?", "Nog iets?"],
        no_way_back: "Hier is geen vraag om naar terug te gaan.",
        review: "Je antwoorden",
        save: "❯ Bewaren",
    });
}
