//! Every widget of a reflection the way fingers expect it, in a real
//! pseudo-terminal and in both languages: a long answer gone back to comes
//! back a line at a time to keep or change; a scale takes a typed number; a
//! multi-select shows its current and ticked items without colour, and its
//! way back is an entry; long options wrap at word boundaries at 60
//! columns; a resumed draft shows its answers first; the counter of a
//! question changed at the review is the one it had; and a list, a line or
//! a yes/no question is drawn again at once when the terminal narrows.

mod common;

use common::{ENTER, Home, at, spawn};
use rexpect::session::PtySession;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthStr;

const FINGERS: &str = r#"
id = "fingers"
version = 1
title = { en = "Fingers", nl = "Vingers" }
description = { en = "A question of each kind.", nl = "Een vraag van elke soort." }

[[prompts]]
id = "who"
kind = "text"
person = true
ask = { en = "Who is it about?", nl = "Over wie gaat het?" }

[[prompts]]
id = "story"
kind = "long"
ask = { en = "What happened?", nl = "Wat gebeurde er?" }

[[prompts]]
id = "calm"
kind = "scale"
min = 1
max = 10
min_label = { en = "tense", nl = "gespannen" }
max_label = { en = "calm", nl = "kalm" }
ask = { en = "How calm are you?", nl = "Hoe kalm ben je?" }

[[prompts]]
id = "ways"
kind = "multi"
ask = { en = "What will you do when the conversation gets going and the other asks for an answer straight away?", nl = "Wat ga je doen als het gesprek op gang komt en de ander meteen een antwoord vraagt?" }
options = [
  { id = "ask", label = { en = "ask one more question before I answer", nl = "nog een vraag stellen voordat ik antwoord" } },
  { id = "second", label = { en = "propose a second conversation instead of deciding now, and say so before this one ends", nl = "een tweede gesprek voorstellen in plaats van nu te beslissen, en dat zeggen voordat dit gesprek eindigt" } },
  { id = "silence", label = { en = "allow a silence", nl = "een stilte laten vallen" } },
]

[[prompts]]
id = "open"
kind = "confirm"
ask = { en = "Can you go in without knowing where it leads?", nl = "Kun je erin gaan zonder te weten waar het heen gaat?" }

[[prompts]]
id = "holding"
kind = "text"
ask = { en = "What holds you back?", nl = "Wat houdt je tegen?" }
when = { prompt = "open", equals = false }
"#;

/// Keys as a terminal sends them.
const END: &str = "\x1b[F";
const HOME: &str = "\x1b[H";
const DELETE: &str = "\x1b[3~";
const CTRL_U: &str = "\x15";

/// What the set and bezin say in one language.
struct Said {
    lang: &'static str,
    yes: &'static str,
    who: &'static str,
    story: &'static str,
    calm: &'static str,
    ways: &'static str,
    open: &'static str,
    back: &'static str,
    comes_back: &'static str,
    scale_keys: &'static str,
    so_far: &'static str,
    save: &'static str,
    change_story: &'static str,
    change_calm: &'static str,
    /// The options of `ways`, as shown.
    options: [&'static str; 3],
}

const EN: Said = Said {
    lang: "en",
    yes: "y",
    who: "Who is it about?",
    story: "What happened?",
    calm: "How calm are you?",
    ways: "What will you do when the conversation",
    open: "Can you go in without knowing",
    back: "‹ previous question",
    comes_back: "Your answer comes back a line at a time",
    scale_keys: "Type a number (0 for 10) or move with ↑ and ↓; Enter confirms.",
    so_far: "Your answers so far",
    save: "❯ Save",
    change_story: "Change 2: What happened?",
    change_calm: "Change 3: How calm are you?",
    options: [
        "ask one more question before I answer",
        "propose a second conversation instead of deciding now, and say so before this one ends",
        "allow a silence",
    ],
};

const NL: Said = Said {
    lang: "nl",
    yes: "j",
    who: "Over wie gaat het?",
    story: "Wat gebeurde er?",
    calm: "Hoe kalm ben je?",
    ways: "Wat ga je doen als het gesprek",
    open: "Kun je erin gaan zonder te weten",
    back: "‹ vorige vraag",
    comes_back: "Je antwoord komt regel voor regel terug",
    scale_keys: "Typ een getal (0 voor 10) of ga met ↑ en ↓; Enter bevestigt.",
    so_far: "Je antwoorden tot nu toe",
    save: "❯ Bewaren",
    change_story: "Wijzigen 2: Wat gebeurde er?",
    change_calm: "Wijzigen 3: Hoe kalm ben je?",
    options: [
        "nog een vraag stellen voordat ik antwoord",
        "een tweede gesprek voorstellen in plaats van nu te beslissen, en dat zeggen voordat dit gesprek eindigt",
        "een stilte laten vallen",
    ],
};

fn home() -> Home {
    let home = Home::new();
    home.write("prompts/fingers.toml", FINGERS);
    home
}

/// Types `keys` without waiting for anything.
fn press(p: &mut PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
    p.flush().unwrap();
}

/// What the screen showed up to `text`, and `text`, read as UTF-8.
fn screen_until(p: &mut PtySession, text: &str) -> String {
    let bytes: String = text.bytes().map(char::from).collect();
    let before = p.exp_string(&bytes).unwrap_or_else(|err| panic!("waiting for {text:?}: {err}"));
    let bytes: Vec<u8> = before.chars().map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')).collect();
    String::from_utf8_lossy(&bytes).into_owned() + text
}

/// Answers the rest of the set from the multi-select on (ticking the
/// first option, going in open), saves, and returns the saved answers.
fn finish(p: &mut PtySession, home: &Home, said: &Said) -> Vec<(String, Value)> {
    at(p, said.ways, &format!(" {ENTER}"));
    at(p, said.open, said.yes);
    at(p, said.save, &ENTER.repeat(3));
    p.exp_eof().unwrap();
    let entry = home.entries().pop().unwrap();
    let answers = entry["answers"].as_array().unwrap().iter();
    answers.map(|a| (a["prompt"].as_str().unwrap().to_owned(), a["answer"].clone())).collect()
}

fn answer<'a>(answers: &'a [(String, Value)], id: &str) -> &'a Value {
    &answers.iter().find(|(prompt, _)| prompt == id).unwrap_or_else(|| panic!("no answer to {id}: {answers:?}")).1
}

fn going_back_to_a_long_answer(said: &Said) {
    let home = home();
    let mut p = spawn(&home, &["run", "fingers", "--lang", said.lang]);
    at(&mut p, said.who, "Anna\r");
    at(&mut p, said.story, "We talked about the planning\rShe asked for more hours\r\r");
    // The way back from the scale is its last entry.
    at(&mut p, said.calm, END);
    at(&mut p, &format!("❯ {}", said.back), ENTER);
    // The first line comes back as it was, and Enter keeps it.
    at(&mut p, said.comes_back, "");
    at(&mut p, "We talked about the planning", ENTER);
    // In the second, "She" gives way to "Anna", the rest kept.
    at(&mut p, "She asked for more hours", &format!("{HOME}{DELETE}{DELETE}{DELETE}Anna{ENTER}"));
    at(&mut p, "Anna asked for more hours", ENTER);
    at(&mut p, said.calm, ENTER);
    let answers = finish(&mut p, &home, said);
    assert_eq!(answer(&answers, "story"), &json!("We talked about the planning\nAnna asked for more hours"));
}

#[test]
fn going_back_to_a_long_answer_changes_its_second_line_and_keeps_the_first_in_english() {
    going_back_to_a_long_answer(&EN);
}

#[test]
fn going_back_to_a_long_answer_changes_its_second_line_and_keeps_the_first_in_dutch() {
    going_back_to_a_long_answer(&NL);
}

/// A line emptied is left out; the text from the review's Change entry comes back the same way.
#[test]
fn a_long_answer_changed_at_the_review_comes_back_a_line_at_a_time() {
    for said in [&EN, &NL] {
        let home = home();
        let mut p = spawn(&home, &["run", "fingers", "--lang", said.lang]);
        at(&mut p, said.who, "Anna\r");
        at(&mut p, said.story, "One\rTwo\rThree\r\r");
        at(&mut p, said.calm, ENTER);
        at(&mut p, said.ways, &format!(" {ENTER}"));
        at(&mut p, said.open, said.yes);
        at(&mut p, said.save, &common::DOWN.repeat(2));
        at(&mut p, &format!("❯ {}", said.change_story), ENTER);
        at(&mut p, said.comes_back, "");
        at(&mut p, "One", ENTER);
        at(&mut p, "Two", &format!("{CTRL_U}{ENTER}"));
        at(&mut p, "Three", &format!(" and four{ENTER}{ENTER}"));
        at(&mut p, said.save, &ENTER.repeat(3));
        p.exp_eof().unwrap();
        let entry = home.entries().pop().unwrap();
        assert_eq!(entry["answers"][1]["answer"], "One\nThree and four", "in {}", said.lang);
    }
}

fn a_typed_number_on_a_scale(said: &Said, keys: &str) {
    let home = home();
    let mut p = spawn(&home, &["run", "fingers", "--lang", said.lang]);
    at(&mut p, said.who, "Anna\r");
    at(&mut p, said.story, "x\r\r");
    at(&mut p, said.scale_keys, keys);
    at(&mut p, "❯ 10", ENTER);
    at(&mut p, "· 10/10", "");
    // Asked again, a single digit.
    at(&mut p, said.ways, END);
    at(&mut p, &format!("❯ {}", said.back), ENTER);
    at(&mut p, said.calm, "3");
    at(&mut p, "❯ 3", ENTER);
    let answers = finish(&mut p, &home, said);
    assert_eq!(answer(&answers, "calm"), &json!(3));
}

#[test]
fn a_scale_takes_a_typed_number_ten_as_one_then_zero_in_english() {
    a_typed_number_on_a_scale(&EN, "10");
}

#[test]
fn a_scale_takes_a_typed_number_ten_as_zero_in_dutch() {
    a_typed_number_on_a_scale(&NL, "0");
}

fn a_multi_select_without_colour(said: &Said) {
    let home = home();
    let mut p = spawn(&home, &["run", "fingers", "--lang", said.lang]);
    at(&mut p, said.who, "Anna\r");
    at(&mut p, said.story, "x\r\r");
    at(&mut p, said.calm, ENTER);
    at(&mut p, said.ways, &format!(" {}", common::DOWN));
    // The first is ticked, the second is current: both say so in text.
    let screen = screen_until(&mut p, &format!("❯ [ ] {}", said.options[1]));
    assert!(screen.ends_with(&format!("  [x] {}\r\n❯ [ ] {}", said.options[0], said.options[1])), "{screen}");
    // The way back is an entry without a box, taken with Enter.
    press(&mut p, END);
    let screen = screen_until(&mut p, &format!("❯ {}", said.back));
    assert!(screen.ends_with(&format!("[ ] {}\r\n❯ {}", said.options[2], said.back)), "{screen}");
    press(&mut p, ENTER);
    at(&mut p, said.calm, ENTER);
    let answers = finish(&mut p, &home, said);
    assert_eq!(answer(&answers, "ways"), &json!([{"id": "ask", "label": said.options[0]}]));
}

#[test]
fn a_multi_select_shows_the_current_and_ticked_items_without_colour_in_english() {
    a_multi_select_without_colour(&EN);
}

#[test]
fn a_multi_select_shows_the_current_and_ticked_items_without_colour_in_dutch() {
    a_multi_select_without_colour(&NL);
}

/// `bezin ARGS` in a pseudo-terminal 60 columns wide, as `COLUMNS` says too.
fn spawn_at_60_columns(home: &Home, args: &[&str]) -> PtySession {
    spawn_sized(home, args, 40)
}

/// `bezin ARGS` in a pseudo-terminal 60 columns wide and `rows` high.
fn spawn_sized(home: &Home, args: &[&str], rows: u16) -> PtySession {
    let mut command = std::process::Command::new("sh");
    common::scrub(&mut command);
    let sized = format!("stty cols 60 rows {rows} && exec \"$0\" \"$@\"");
    command
        .args(["-c", &sized, common::BEZIN])
        .args(args)
        .env("BEZIN_HOME", home.path())
        .env("COLUMNS", "60")
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    rexpect::session::spawn_with_options(command, common::patient(true)).unwrap()
}

/// Fails when a line of `screen` is wider than 60 columns or a word of
/// `text` is split over two lines.
fn assert_wrapped_at_words(screen: &str, text: &str) {
    let lines: Vec<String> = screen.split('\n').map(|line| line.replace('\r', "")).collect();
    for line in &lines {
        assert!(line.width() <= 60, "{line:?} is wider than 60 columns:\n{screen}");
    }
    let words: Vec<&str> = screen.split_whitespace().collect();
    for word in text.split_whitespace() {
        assert!(
            words.iter().any(|seen| seen.trim_matches(['?', ',']) == word.trim_matches(['?', ','])),
            "'{word}' is split:\n{screen}"
        );
    }
}

#[test]
fn long_options_and_questions_wrap_at_word_boundaries_at_60_columns() {
    for said in [&EN, &NL] {
        let home = home();
        let mut p = spawn_at_60_columns(&home, &["run", "fingers", "--lang", said.lang]);
        at(&mut p, said.who, "Anna\r");
        at(&mut p, said.story, "x\r\r");
        at(&mut p, said.calm, ENTER);
        at(&mut p, "· 5/10", "");
        let screen = screen_until(&mut p, said.back);
        let question = screen.rsplit_once(said.ways).map(|(_, rest)| format!("{}{rest}", said.ways)).unwrap();
        for option in said.options {
            assert_wrapped_at_words(&question, option);
        }
        press(&mut p, &format!("{} {ENTER}", common::DOWN));
        // What was chosen wraps as well.
        let chosen = screen_until(&mut p, said.open);
        assert_wrapped_at_words(&chosen, said.options[1]);
        press(&mut p, "\x1b");
        p.exp_eof().unwrap();
    }
}

#[test]
fn a_resumed_draft_shows_the_answers_given_so_far_before_the_next_question() {
    for said in [&EN, &NL] {
        let home = home();
        let mut p = spawn(&home, &["run", "fingers", "--lang", said.lang]);
        at(&mut p, said.who, "Anna\r");
        at(&mut p, said.story, "We talked\rabout hours\r\r");
        at(&mut p, said.calm, "\x1b");
        p.exp_eof().unwrap();
        let mut p = spawn(&home, &["run", "fingers", "--resume"]);
        let screen = screen_until(&mut p, &format!("(3/6) {}", said.calm));
        let shown = screen.split_once(said.so_far).map(|(_, shown)| shown.replace('\r', ""));
        let expected = format!("\n1. {}\n   Anna\n2. {}\n   We talked\n   about hours\n", said.who, said.story);
        assert!(shown.as_ref().is_some_and(|shown| shown.starts_with(&expected)), "{screen}");
        press(&mut p, "\x1b");
        p.exp_eof().unwrap();
    }
}

#[test]
fn a_question_changed_at_the_review_keeps_the_count_it_had() {
    for said in [&EN, &NL] {
        let home = home();
        let mut p = spawn(&home, &["run", "fingers", "--lang", said.lang]);
        at(&mut p, said.who, "Anna\r");
        at(&mut p, said.story, "x\r\r");
        at(&mut p, &format!("(3/6) {}", said.calm), ENTER);
        at(&mut p, said.ways, &format!(" {ENTER}"));
        // Going in open leaves out the last question: the run ends at 5 of 6.
        at(&mut p, &format!("(5/6) {}", said.open), said.yes);
        at(&mut p, said.save, &common::DOWN.repeat(3));
        at(&mut p, &format!("❯ {}", said.change_calm), ENTER);
        let (_, counter) = p.exp_regex(r"\(\d+/\d+\) ").unwrap();
        assert_eq!(counter, "(3/6) ", "in {}", said.lang);
        press(&mut p, ENTER);
        at(&mut p, said.save, &ENTER.repeat(3));
        p.exp_eof().unwrap();
    }
}

/// On a terminal too short for a scale, the list scrolls and says where it
/// is among the scale's points alone: the way back after them is no point.
#[test]
fn a_scrolling_scale_counts_its_points_not_the_way_back() {
    let home = home();
    let mut p = spawn_sized(&home, &["run", "fingers"], 8);
    at(&mut p, EN.who, "Anna\r");
    at(&mut p, EN.story, "x\r\r");
    at(&mut p, EN.calm, "");
    let screen = screen_until(&mut p, "/10");
    assert!(!screen.contains("/11"), "{screen}");
    press(&mut p, "\x1b[F");
    let screen = screen_until(&mut p, EN.back);
    assert!(!screen.rsplit(EN.back).next().unwrap_or_default().contains("/1"), "{screen}");
    press(&mut p, "\x1b");
    p.exp_eof().unwrap();
}

/// `bezin ARGS` in a pseudo-terminal `columns` wide, that the test can
/// resize; what arrives is read with the terminal's codes in it. Returns the
/// session and the terminal's device.
fn spawn_resizable(home: &Home, args: &[&str], columns: u16) -> (PtySession, String) {
    let mut command = std::process::Command::new("sh");
    common::scrub(&mut command);
    let sized = format!("echo \"on $(tty)\"; stty cols {columns} rows 40 && exec \"$0\" \"$@\"");
    command
        .args(["-c", &sized, common::BEZIN])
        .args(args)
        .env("BEZIN_HOME", home.path())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = rexpect::session::spawn_with_options(command, common::patient(false)).unwrap();
    let (_, on) = p.exp_regex(r"on /dev/\S+").unwrap();
    (p, on["on ".len()..].to_owned())
}

/// Makes the terminal `columns` wide, as dragging its window does: the
/// program in front gets SIGWINCH.
fn resize(tty: &str, columns: u16) {
    let device = std::fs::File::open(tty).unwrap();
    let resized = std::process::Command::new("stty").args(["cols", &columns.to_string()]).stdin(device).status();
    assert!(resized.unwrap().success());
}

/// `drawn` without the terminal's codes.
fn plain(drawn: &str) -> String {
    regex::Regex::new(r"\x1b\[[0-9;?]*[A-Za-z]").unwrap().replace_all(drawn, "").into_owned()
}

#[test]
fn a_list_is_drawn_again_at_once_when_the_terminal_narrows() {
    let home = home();
    let (mut p, tty) = spawn_resizable(&home, &["run", "fingers"], 100);
    at(&mut p, EN.who, "Anna\r");
    at(&mut p, EN.story, "x\r\r");
    at(&mut p, EN.calm, ENTER);
    at(&mut p, EN.ways, "");
    at(&mut p, EN.back, common::DOWN);
    // At 100 columns each option takes a row; the second is current.
    let second = format!("❯ [ ] {}", EN.options[1]);
    at(&mut p, &second, "");
    at(&mut p, EN.back, "");
    resize(&tty, 60);
    let redrawn = screen_until(&mut p, EN.back);
    // The four rows drawn at 100 columns are five at 60: all are cleared, nothing above them.
    let (cleared, lines) = redrawn.split_once("\x1b[0J").unwrap_or_else(|| panic!("not drawn again: {redrawn:?}"));
    assert!(cleared.ends_with("\x1b[5A\r"), "{redrawn:?}");
    let lines = plain(lines);
    assert!(lines.contains("❯ [ ] propose a second conversation"), "{lines}");
    assert_wrapped_at_words(&lines, EN.options[1]);
    // The second option is still current: Space ticks it.
    press(&mut p, &format!(" {ENTER}"));
    at(&mut p, EN.open, EN.yes);
    at(&mut p, EN.save, &ENTER.repeat(3));
    p.exp_eof().unwrap();
    let entry = home.entries().pop().unwrap();
    assert_eq!(entry["answers"][3]["answer"], json!([{"id": "second", "label": EN.options[1]}]), "{entry}");
}

#[test]
fn a_line_being_typed_is_drawn_again_at_once_when_the_terminal_narrows() {
    let home = home();
    let (mut p, tty) = spawn_resizable(&home, &["run", "fingers"], 100);
    let line = "We talked about the planning for spring and she asked for more hours every week";
    at(&mut p, EN.who, "Anna\r");
    // The cursor goes back five places, each drawing the line again.
    at(&mut p, EN.story, &format!("{line}{}", "\x1b[D".repeat(5)));
    for _ in 0..6 {
        at(&mut p, line, "");
    }
    let before_cursor = 2 + line.len() - 5;
    at(&mut p, &format!("\r\x1b[{before_cursor}C"), "");
    resize(&tty, 60);
    // The columns before the cursor re-wrap at 60 to a row and the rest.
    at(&mut p, &format!("\x1b[1A\r\x1b[0J  {line}"), "");
    at(&mut p, &format!("\r\x1b[{}C", before_cursor - 60), "!\r\r");
    at(&mut p, EN.calm, "\x1b");
    p.exp_eof().unwrap();
    let draft = common::drafts(&home).pop().unwrap();
    let changed = format!("{}!{}", &line[..line.len() - 5], &line[line.len() - 5..]);
    assert_eq!(draft["answers"][1], json!(["story", changed]), "{draft}");
}

#[test]
fn a_yes_no_question_is_drawn_again_at_once_when_the_terminal_narrows() {
    let home = home();
    let title = "The roster with the whole team";
    home.journal(&[common::entry("roster0001", "fingers", "2026-01-10T09:00:00+01:00", Some(title), &[])]);
    let (mut p, tty) = spawn_resizable(&home, &["delete", "roster0001"], 100);
    let question = format!("Delete roster0001 '{title}' of 2026-01-10? This cannot be undone (y/N) ");
    at(&mut p, &question, "");
    resize(&tty, 60);
    // Its cursor is on the second row at 60 columns; the question is wrapped anew under it.
    at(&mut p, "\x1b[1A\r\x1b[0J", "");
    let redrawn = plain(&screen_until(&mut p, "(y/N) "));
    assert!(redrawn.contains("Delete roster0001 '"), "{redrawn}");
    assert_wrapped_at_words(&redrawn, &question);
    press(&mut p, "y");
    p.exp_eof().unwrap();
    assert!(home.entries().is_empty());
}
