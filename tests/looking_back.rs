//! Looking back on a prepared conversation: what was answered before shown
//! beside each question that has a counterpart, the calm before and after
//! side by side in `about`, the next step recalled when the person is
//! prepared for again, two preparations looked back on at once, and a
//! preparation closed without a look-back, with `bezin done` or from the
//! list a look-back offers.

mod common;

use common::{DOWN, ENTER, FIVE_TIPS, Home, at, save_untitled, spawn};
use predicates::prelude::*;
use rexpect::session::PtySession;
use serde_json::{Value, json};

/// Answers to every prompt of after-the-conversation asked after five-tips.
const AFTER: &str = "what-happened = \"We talked\"\nhow-it-went = 7\ndesire-learned = \"x\"\ntook-time = \"x\"\n\
                     unplanned = false\nwhat-stopped = \"x\"\n\
                     own-part = \"x\"\ncalm-now = 8\nnext = \"Call her on Friday\"\n";

/// What the session showed before `text` appeared, its spaces and line
/// breaks as single spaces, as the person reads it whatever the width.
fn seen_before(p: &mut PtySession, text: &str) -> String {
    let bytes: String = text.bytes().map(char::from).collect();
    let seen = p.exp_string(&bytes).unwrap_or_else(|err| panic!("waiting for {text:?}: {err}"));
    let seen = String::from_utf8(seen.chars().map(|c| u8::try_from(c).unwrap()).collect()).unwrap();
    seen.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The date of the saved entry `id`, `YYYY-MM-DD`.
fn date_of(home: &Home, id: &str) -> String {
    let entry = home.entries().into_iter().find(|entry| entry["id"] == id).expect("the entry");
    entry["finished"].as_str().unwrap()[..10].to_owned()
}

/// The words of one run of the look-back in one language.
struct Said {
    lang: &'static str,
    what_happened: &'static str,
    long_help: &'static str,
    how_it_went: &'static str,
    desire: &'static str,
    took_time: &'static str,
    unplanned: &'static str,
    what_stopped: &'static str,
    own_part: &'static str,
    calm_now: &'static str,
    before: &'static str,
    plan_before: &'static str,
    calm_before: &'static str,
}

const EN: Said = Said {
    lang: "en",
    what_happened: "What happened? What was said",
    long_help: "Write as many lines as you like",
    how_it_went: "All in all, how did the conversation go?",
    desire: "What desire did you hear behind the request?",
    took_time: "Where did you take your time",
    unplanned: "Did something come out of it",
    what_stopped: "What do you think kept anything unexpected from happening?",
    own_part: "What did you do that helped",
    calm_now: "How calm do you feel now, looking back on the conversation?",
    before: "Before the conversation",
    plan_before: "With some tactical give and take you would probably strike a deal",
    calm_before: "How calm are you when you think of the conversation ahead?",
};

const NL: Said = Said {
    lang: "nl",
    what_happened: "Wat gebeurde er? Wat werd er gezegd",
    long_help: "Schrijf zoveel regels als je wilt",
    how_it_went: "Hoe ging het gesprek, al met al?",
    desire: "Welk verlangen hoorde je achter de vraag?",
    took_time: "Waar nam je de tijd",
    unplanned: "Is er iets uit het gesprek voortgekomen",
    what_stopped: "Waardoor kon er niets onverwachts ontstaan, denk je?",
    own_part: "Wat deed je dat hielp",
    calm_now: "Hoe rustig ben je nu, als je aan het gesprek terugdenkt?",
    before: "Vóór het gesprek",
    plan_before: "Met wat tactisch geven en nemen komen jullie er vast wel uit",
    calm_before: "Hoe rustig ben je als je aan het komende gesprek denkt?",
};

#[test]
fn a_look_back_shows_the_plan_and_the_calm_of_before_beside_its_questions_in_both_languages() {
    let home = Home::new();
    let plan = FIVE_TIPS.replace("together = \"x\"", "together = \"Start with the timetable\"");
    let before = home.save("five-tips", &plan, &[]);
    let date = date_of(&home, &before);
    for said in [EN, NL] {
        let date = if said.lang == "nl" { common::dutch_date(&date) } else { date.clone() };
        let mut p =
            spawn(&home, &["run", "after-the-conversation", "--follows", &before, "--lang", said.lang, "--fresh"]);
        at(&mut p, said.what_happened, "");
        let beside = seen_before(&mut p, said.long_help);
        let plan = format!("{} ({date}): {}", said.before, said.plan_before);
        assert!(beside.contains(&plan) && beside.contains("Start with the timetable"), "{}: {beside}", said.lang);
        at(&mut p, "", "We talked\r\r");
        at(&mut p, said.how_it_went, ENTER);
        at(&mut p, said.desire, "x\r\r");
        at(&mut p, said.took_time, "x\r\r");
        at(&mut p, said.unplanned, "n");
        at(&mut p, said.what_stopped, "x\r\r");
        at(&mut p, said.own_part, "x\r\r");
        at(&mut p, said.calm_now, "");
        let beside = seen_before(&mut p, "❯");
        let calm = format!("{} ({date}): {} 4/10", said.before, said.calm_before);
        assert!(beside.contains(&calm), "{}: {beside}", said.lang);
        p.send_control('c').unwrap();
        p.exp_eof().unwrap();
    }
}

#[test]
fn about_shows_the_calm_before_and_after_each_conversation_side_by_side() {
    let home = Home::new();
    let looked_back = home.save("five-tips", FIVE_TIPS, &[]);
    home.save("after-the-conversation", AFTER, &["--follows", &looked_back]);
    let open = home.save("five-tips", &FIVE_TIPS.replace("calm = 4", "calm = 6"), &[]);
    let text = home.stdout(&["about", "anna"]);
    let calm = "  How calm are you when you think of the conversation ahead?\n";
    assert!(text.contains(&format!("{calm}    before 4/10 · after 8/10\n")), "{text}");
    assert!(text.contains(&format!("{calm}    before 6/10\n")), "not looked back on yet: {text}");
    let dutch = home.stdout(&["about", "anna", "--lang", "nl"]);
    assert!(dutch.contains("    vooraf 4/10 · achteraf 8/10\n"), "{dutch}");
    let timeline: Value = serde_json::from_str(&home.stdout(&["about", "anna", "--json"])).unwrap();
    let compared = |at: usize| timeline["reflections"][at]["compared"].clone();
    assert_eq!(
        compared(0)[0],
        json!({"compare": "calm", "question": calm.trim(), "range": [1, 10], "before": 4, "after": 8})
    );
    assert_eq!(compared(1)[0]["before"], 6);
    assert_eq!(timeline["reflections"][1]["id"], open.as_str());
    // The set says which scales compare.
    let shown = home.stdout(&["sets", "show", "after-the-conversation"]);
    assert!(
        shown.contains("[calm-now: scale, compared as calm]")
            && shown.contains("[next: long, recalled, the next step]")
    );
}

#[test]
fn the_next_step_of_the_last_look_back_is_recalled_when_the_person_is_prepared_for_again() {
    let home = Home::new();
    let before = home.save("five-tips", FIVE_TIPS, &[]);
    let after = home.save("after-the-conversation", AFTER, &["--follows", &before]);
    // Prepared for again since: the last reflection is not the look-back.
    home.save("five-tips", FIVE_TIPS, &[]);
    let date = date_of(&home, &after);
    let in_dutch = common::dutch_date(&date);
    for (lang, named) in
        [("en", format!("next step, named on {date}")), ("nl", format!("volgende stap, genoemd op {in_dutch}"))]
    {
        let mut p = spawn(&home, &["run", "five-tips", "--lang", lang, "--fresh"]);
        at(&mut p, "›", "Anna\r");
        let block = seen_before(&mut p, "(2/");
        assert!(block.contains(&format!("{named}: Call her on Friday")), "{lang}: {block}");
        p.send_control('c').unwrap();
        p.exp_eof().unwrap();
    }
}

/// A prepared conversation of `set` about `person`, finished at `time` on
/// `date`, as a journal line.
fn prepared(id: &str, set: &str, person: &str, date: &str, time: &str) -> Value {
    let mut entry = common::entry(id, set, &format!("{date}T{time}:00+01:00"), None, &[]);
    entry["person"] = person.into();
    entry
}

/// `entry` with a text answer to `prompt`, a prompt whose set marks it as
/// the plan a look-back compares with.
fn planned(mut entry: Value, prompt: &str, answer: &str) -> Value {
    let planned = json!({"prompt": prompt, "kind": "long", "question": "What is the plan?", "answer": answer});
    entry["answers"].as_array_mut().unwrap().push(planned);
    entry
}

/// The day `days` days ago, `YYYY-MM-DD`.
fn days_ago(days: i64) -> String {
    let moment = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * days);
    moment.strftime("%Y-%m-%d").to_string()
}

/// In Dutch, the recall writes its dates as a Dutch sentence does, as
/// show does; the list to choose from keeps the sortable form.
#[test]
fn the_recall_of_a_look_back_writes_its_dates_the_dutch_way() {
    let home = Home::new();
    let day = days_ago(2);
    let in_dutch = common::dutch_date(&day);
    home.journal(&[
        planned(prepared("anna-tips", "five-tips", "Anna", &day, "09:15"), "together", "Look for value together"),
        prepared("anna-open", "opening-the-conversation", "Anna", &day, "14:30"),
    ]);
    let mut p = spawn(&home, &["run", "after-the-conversation", "--lang", "nl"]);
    at(&mut p, &format!("❯ {day} 14:30  Anna"), ENTER);
    at(&mut p, "(j/N)", "j");
    at(&mut p, "Deze reflectie volgt op '", "");
    at(&mut p, &format!("' ({in_dutch} om 14:30):"), "");
    at(&mut p, &format!("' ({in_dutch} om 09:15):"), "");
    at(&mut p, &format!("Vóór het gesprek ({in_dutch} om 09:15): "), "");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
}

#[test]
fn two_preparations_of_one_conversation_are_told_apart_by_time_and_looked_back_on_at_once() {
    let home = Home::new();
    let day = days_ago(2);
    home.journal(&[
        planned(prepared("anna-tips", "five-tips", "Anna", &day, "09:15"), "together", "Look for value together"),
        prepared("bram-tips", "five-tips", "Bram", &day, "11:00"),
        planned(
            prepared("anna-open", "opening-the-conversation", "Anna", &day, "14:30"),
            "conversation",
            "Listen first",
        ),
    ]);
    let welcome = home.stdout(&[]);
    assert!(welcome.contains(&format!("{day} 14:30  Anna")), "{welcome}");
    assert!(welcome.contains(&format!("{day} 09:15  Anna")), "{welcome}");
    assert!(welcome.contains(&format!("{day}        Bram")), "one of a kind: the date alone: {welcome}");

    let mut p = spawn(&home, &["run", "after-the-conversation"]);
    at(&mut p, "Which conversation do you look back on?", "");
    at(&mut p, &format!("❯ {day} 14:30  Anna  Opening the conversation"), ENTER);
    // Bram's is another conversation: only Anna's other one is offered.
    let asked = seen_before(&mut p, "(y/N)");
    let also = format!("Look back on this one too: {day} 09:15 Anna Five tips before you answer?");
    assert!(asked.ends_with(&also), "{asked}");
    at(&mut p, "", "y");
    // Each heads its answers with its time of day, and beside the first
    // question, what each planned.
    at(&mut p, &format!("follows 'Opening the conversation' ({day} 14:30)"), "");
    at(&mut p, &format!("follows 'Five tips before you answer' ({day} 09:15)"), "");
    at(&mut p, "What happened? What was said", "");
    at(&mut p, &format!("Before the conversation ({day} 14:30)"), "");
    at(&mut p, &format!("Before the conversation ({day} 09:15)"), "We talked\r\r");
    at(&mut p, "how did the conversation go?", ENTER);
    // Asked after five-tips, and after opening the conversation.
    at(&mut p, "What desire did you hear behind the request?", "x\r\r");
    at(&mut p, "Where did you take your time", "x\r\r");
    at(&mut p, "Did something come out of it", "n");
    at(&mut p, "What do you think kept anything unexpected from happening?", "x\r\r");
    at(&mut p, "How did your opening land?", "x\r\r");
    at(&mut p, "How close did you come to what fits the other person best?", "x\r\r");
    at(&mut p, "What went on in your own head", "x\r\r");
    at(&mut p, "What did you do that helped", "x\r\r");
    at(&mut p, "How calm do you feel now, looking back on the conversation?", ENTER);
    at(&mut p, "What is the next step", "Call her\r\r");
    at(&mut p, "Your answers", "");
    save_untitled(&mut p);
    at(&mut p, "Saved as ", "");
    p.exp_eof().unwrap();

    let entry = home.entries().pop().unwrap();
    assert_eq!((entry["follows"].clone(), entry["also_follows"].clone()), (json!("anna-open"), json!(["anna-tips"])));
    assert_eq!(entry["person"], "Anna");
    let welcome = home.stdout(&[]);
    assert!(!welcome.contains("Anna") && welcome.contains("--follows bram-ti\n"), "{welcome}");
    let people: Value = serde_json::from_str(&home.stdout(&["people", "--json"])).unwrap();
    assert_eq!(people[0]["open"], 0, "{people}");
    // about: the look-back once, under the last preparation it follows.
    let timeline: Value = serde_json::from_str(&home.stdout(&["about", "anna", "--json"])).unwrap();
    let reflections = timeline["reflections"].as_array().unwrap();
    let ids: Vec<&str> = reflections.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["anna-tips", "anna-open"]);
    assert_eq!(reflections[1]["looked_back"][0]["id"], entry["id"]);
    assert_eq!(reflections[0]["looked_back_later"], json!([entry["id"]]));
    let text = home.stdout(&["about", "anna"]);
    assert_eq!(text.matches("Call her").count(), 1, "{text}");
    assert!(text.contains("looked back on together with a later one:"), "{text}");
}

#[test]
fn done_closes_a_prepared_conversation_with_a_note_kept_in_the_journal() {
    let home = Home::new();
    let open = home.save("five-tips", FIVE_TIPS, &[]);
    let closing = home.save("five-tips", &FIVE_TIPS.replace("Anna", "Bram"), &["--title", "Talk with Bram"]);
    // A field a newer bezin wrote stays through the change.
    let mut entries = home.entries();
    entries[1]["device"] = "phone".into();
    home.journal(&entries);
    let date = date_of(&home, &closing);
    let out = home.stdout(&["done", &closing[..6], "--note", "Settled it by mail"]);
    assert_eq!(out, format!("Closed without a look-back: {date} Talk with Bram ({closing})\n"));
    let entry = &home.entries()[1];
    assert_eq!(entry["closed"]["note"], "Settled it by mail");
    assert!(entry["closed"]["at"].as_str().unwrap().starts_with(&date[..4]), "{entry}");
    assert_eq!(entry["edited"], entry["closed"]["at"]);
    assert_eq!(entry["device"], "phone");
    let shown = home.stdout(&["show", &closing]);
    assert!(shown.contains("closed without a look-back on ") && shown.ends_with(": Settled it by mail\n"), "{shown}");
    // When, as bezin shows times elsewhere: the day and the minute, no offset.
    let at = entry["closed"]["at"].as_str().unwrap();
    assert!(shown.contains(&format!("on {}: ", at[..16].replace('T', " "))), "{shown}");

    // No longer offered, counted or completed.
    let welcome = home.stdout(&[]);
    assert!(!welcome.contains(&closing) && welcome.contains(&format!("--follows {}\n", &open[..7])), "{welcome}");
    let people: Value = serde_json::from_str(&home.stdout(&["people", "--json"])).unwrap();
    let open_of = |name: &str| people.as_array().unwrap().iter().find(|p| p["name"] == name).unwrap()["open"].clone();
    assert_eq!((open_of("Bram"), open_of("Anna")), (json!(0), json!(1)));
    let completed = home.command().args(["--", "bezin", "done", ""]).env("BEZIN_COMPLETE", "fish").output().unwrap();
    let completed = common::text(&completed.stdout);
    assert!(completed.contains(&open) && !completed.contains(&closing), "{completed}");

    // Again: said, and nothing changes.
    let before = home.journal_bytes();
    home.run(&["done", &closing]).success().stderr(format!("{closing} was closed already on {date}.\n"));
    assert_eq!(home.journal_bytes(), before);
    // In Dutch.
    home.run(&["done", &open, "--lang", "nl"])
        .success()
        .stdout(predicate::str::starts_with("Afgesloten zonder terugblik: "));

    // What is not an open preparation is refused, by name.
    let looked_back = home.save("five-tips", FIVE_TIPS, &[]);
    let after = home.save("after-the-conversation", AFTER, &["--follows", &looked_back]);
    home.run(&["done", &looked_back])
        .code(2)
        .stderr(format!("bezin: {looked_back} was looked back on already, by {after}; there is nothing to close\n"));
    home.run(&["done", &after]).code(2).stderr(format!(
        "bezin: {after} is not a prepared conversation: its set 'after-the-conversation' has no look-back to close\n"
    ));
}

#[test]
fn the_list_a_look_back_offers_closes_a_conversation_with_a_note_then_offers_the_rest() {
    let home = Home::new();
    let anna = home.save("five-tips", FIVE_TIPS, &[]);
    let bram = home.save("five-tips", &FIVE_TIPS.replace("Anna", "Bram"), &["--title", "Talk with Bram"]);
    let mut p = spawn(&home, &["run", "after-the-conversation"]);
    at(&mut p, "Which conversation do you look back on?", &format!("{DOWN}{DOWN}{DOWN}"));
    at(&mut p, "❯ close one without looking back…", ENTER);
    at(&mut p, "Which conversation do you close without a look-back?", "");
    at(&mut p, "none, back to the list", ENTER);
    at(&mut p, "A note (optional)", "We dropped it\r");
    at(&mut p, "Closed without a look-back:", "");
    at(&mut p, "Which conversation do you look back on?", "");
    let offered = seen_before(&mut p, "close one without looking back…");
    assert!(!offered.contains("Talk with Bram") && offered.contains("Anna"), "{offered}");
    at(&mut p, "", ENTER);
    at(&mut p, "This reflection follows", "");
    at(&mut p, "What happened? What was said", "x\r\r");
    at(&mut p, "how did the conversation go?", "\x03");
    p.exp_eof().unwrap();
    let closed = home.entries().into_iter().find(|entry| entry["id"] == bram.as_str()).unwrap();
    assert_eq!(closed["closed"]["note"], "We dropped it");
    assert_eq!(common::drafts(&home).pop().expect("a draft")["follows"], anna.as_str());
}

#[test]
fn an_entry_that_also_follows_an_id_that_is_not_a_plain_word_is_left_out() {
    let home = Home::new();
    let mut entry = common::entry("back1", "after-the-conversation", "2026-01-02T10:00:00+01:00", None, &[]);
    entry["follows"] = "prep1".into();
    entry["also_follows"] = json!(["$(touch pwned)"]);
    home.journal(&[entry]);
    home.run(&["list"])
        .success()
        .stderr(predicate::str::contains("its also_follows '$(touch pwned)' is not a plain word"));
}

/// Closing the last open conversation from the look-back's list ends the
/// run there: no look-back of its own, linked to nothing, starts.
#[test]
fn closing_the_last_open_conversation_from_the_list_ends_the_run() {
    let home = Home::new();
    let anna = home.save("five-tips", FIVE_TIPS, &[]);
    let mut p = spawn(&home, &["run", "after-the-conversation"]);
    at(&mut p, "Which conversation do you look back on?", &format!("{DOWN}{DOWN}"));
    at(&mut p, "❯ close one without looking back…", ENTER);
    at(&mut p, "Which conversation do you close without a look-back?", ENTER);
    at(&mut p, "A note (optional)", "\r");
    at(&mut p, "Closed without a look-back:", "");
    p.exp_eof().unwrap();
    let entries = home.entries();
    assert_eq!(entries.len(), 1);
    assert!(entries[0]["closed"].is_object() && entries[0]["id"] == anna.as_str());
    assert!(common::drafts(&home).is_empty());
}

/// A look-back on five-tips and desire-behind-the-request at once asks
/// which desire was heard once, under five-tips, and still asks whether the
/// two of you searched together.
#[test]
fn a_look_back_on_two_preparations_asks_once_which_desire_was_heard() {
    let home = Home::new();
    let tips = home.save("five-tips", FIVE_TIPS, &[]);
    let desire = "who = \"Anna\"\nasked = \"x\"\nreaction = \"x\"\nbehind = \"x\"\nstruggle = \"x\"\n\
                  longing = \"x\"\nmeeting-point = \"x\"\ntogether = \"x\"\nlike-minded = \"x\"\n";
    let desire = home.save("desire-behind-the-request", desire, &[]);
    let answers = AFTER.replace("own-part", "searched-together = true\nown-part");
    home.save("after-the-conversation", &answers, &["--follows", &tips, "--follows", &desire]);
    let entry = home.entries().pop().unwrap();
    let asked: Vec<&str> = entry["answers"].as_array().unwrap().iter().map(|a| a["prompt"].as_str().unwrap()).collect();
    assert!(asked.contains(&"desire-learned") && asked.contains(&"searched-together"), "{asked:?}");
    assert!(!asked.contains(&"longing-heard"), "{asked:?}");
    // An answer to the question left out is refused for what it is.
    let answers = answers.replace("own-part", "longing-heard = \"x\"\nown-part");
    let file = home.write("both.toml", &answers);
    home.run(&[
        "run",
        "after-the-conversation",
        "--answers",
        file.to_str().unwrap(),
        "--follows",
        &tips,
        "--follows",
        &desire,
    ])
    .code(2)
    .stderr(predicates::str::contains(
        "'longing-heard' has an answer, but this look-back asks it once, as 'desire-learned'",
    ));
}

/// A look-back started for one conversation does not go on with the draft
/// of a look-back on another: that draft stays, and is offered when its
/// own conversation is looked back on again.
#[test]
fn a_look_back_on_one_conversation_never_goes_on_with_the_draft_of_another() {
    let home = Home::new();
    let anna = home.save("five-tips", FIVE_TIPS, &["--title", "Anna rooster"]);
    let karel = home.save("five-tips", FIVE_TIPS, &["--title", "Karel budget"]);
    let mut p = spawn(&home, &["run", "after-the-conversation", "--follows", &anna, "--fresh"]);
    at(&mut p, EN.what_happened, "Half of it\r\x03");
    p.exp_eof().unwrap();
    let mut p = spawn(&home, &["run", "after-the-conversation", "--follows", &karel]);
    let seen = seen_before(&mut p, EN.what_happened);
    assert!(
        seen.contains("'Karel budget'") && !seen.contains("'Anna rooster'") && !seen.contains("Go on with"),
        "{seen}"
    );
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    let mut p = spawn(&home, &["run", "after-the-conversation", "--follows", &anna]);
    at(&mut p, "Go on with the reflection you started on", "y");
    let seen = seen_before(&mut p, EN.long_help);
    assert!(seen.contains("'Anna rooster'"), "{seen}");
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
}
